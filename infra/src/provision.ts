/**
 * Makes a Temporal server that someone else runs (compose, a cluster) ready for our workers: the
 * namespace exists and every search attribute in ALL_SEARCH_ATTRIBUTES is registered. The dev server
 * needs none of the first two (the launcher passes --namespace and --search-attribute). Idempotent.
 *
 * It also provisions billing's namespace and Nexus endpoint (docs/nexus.md), which the dev server needs
 * too: `temporal server start-dev` has no flag for endpoints.
 *
 * As a program (`node infra/dist/provision.js`, the compose `temporal-provision` service) it reads
 * TEMPORAL_ADDRESS and TEMPORAL_NAMESPACE and waits up to TEMPORAL_READY_TIMEOUT_SECONDS for the server.
 */
import { Connection } from '@temporalio/client';
import type { SearchAttributeType } from '@temporalio/common';
import type { SearchAttributeKey } from '@temporalio/common/lib/search-attributes';
import { msToTs } from '@temporalio/common/lib/time';
import { temporal } from '@temporalio/proto';
import { BILLING_NAMESPACE, BILLING_NEXUS_ENDPOINT, BILLING_TASK_QUEUE } from '@temporal-ecommerce/contracts/billing';
import { ALL_SEARCH_ATTRIBUTES } from '@temporal-ecommerce/contracts/search-attributes';
import { clientConnectionOptions } from './connection-options';
import { readServerEnv } from './env';

const PROTO_TYPE: Record<SearchAttributeType, temporal.api.enums.v1.IndexedValueType> = {
  TEXT: temporal.api.enums.v1.IndexedValueType.INDEXED_VALUE_TYPE_TEXT,
  KEYWORD: temporal.api.enums.v1.IndexedValueType.INDEXED_VALUE_TYPE_KEYWORD,
  INT: temporal.api.enums.v1.IndexedValueType.INDEXED_VALUE_TYPE_INT,
  DOUBLE: temporal.api.enums.v1.IndexedValueType.INDEXED_VALUE_TYPE_DOUBLE,
  BOOL: temporal.api.enums.v1.IndexedValueType.INDEXED_VALUE_TYPE_BOOL,
  DATETIME: temporal.api.enums.v1.IndexedValueType.INDEXED_VALUE_TYPE_DATETIME,
  KEYWORD_LIST: temporal.api.enums.v1.IndexedValueType.INDEXED_VALUE_TYPE_KEYWORD_LIST,
};

/** gRPC NOT_FOUND / ALREADY_EXISTS, as the client reports them. */
const grpcCode = (err: unknown): number | undefined => (err as { code?: number }).code;

async function retryNotFound<T>(call: () => Promise<T>, timeoutMs: number): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      return await call();
    } catch (err) {
      if (grpcCode(err) !== 5 || Date.now() > deadline) throw err;
      await new Promise((resolve) => setTimeout(resolve, 1_000));
    }
  }
}

export interface ProvisionResult {
  namespaceCreated: boolean;
  added: string[];
}

export async function provision(
  connection: Connection,
  namespace: string,
  keys: readonly SearchAttributeKey<SearchAttributeType>[] = ALL_SEARCH_ATTRIBUTES,
): Promise<ProvisionResult> {
  let namespaceCreated = false;
  try {
    await connection.workflowService.describeNamespace({ namespace });
  } catch (err) {
    if (grpcCode(err) !== 5) throw err;
    try {
      // Retention covers the time a closed workflow stays listable; orders run up to 7 days open.
      await connection.workflowService.registerNamespace({ namespace, workflowExecutionRetentionPeriod: msToTs('7 days') });
      namespaceCreated = true;
    } catch (registerErr) {
      if (grpcCode(registerErr) !== 6) throw registerErr;
    }
  }

  // A namespace registered a moment ago reaches every frontend's cache within seconds; until then NOT_FOUND.
  const { customAttributes = {} } = await retryNotFound(() => connection.operatorService.listSearchAttributes({ namespace }), 30_000);
  const missing: Record<string, temporal.api.enums.v1.IndexedValueType> = {};
  for (const key of keys) {
    const existing = customAttributes[key.name];
    if (existing === undefined || existing === null) missing[key.name] = PROTO_TYPE[key.type];
    else if (existing !== PROTO_TYPE[key.type]) {
      throw new Error(`Search attribute ${key.name} exists in ${namespace} with another type (${temporal.api.enums.v1.IndexedValueType[existing]}); wanted ${key.type}`);
    }
  }
  if (Object.keys(missing).length > 0) {
    await retryNotFound(() => connection.operatorService.addSearchAttributes({ namespace, searchAttributes: missing }), 30_000);
  }
  return { namespaceCreated, added: Object.keys(missing) };
}

export interface NexusEndpointTarget {
  endpoint: string;
  namespace: string;
  taskQueue: string;
}

/** Billing's endpoint (packages/contracts/src/billing.ts): the Nexus route from any namespace into billing. */
export const BILLING_ENDPOINT: NexusEndpointTarget = { endpoint: BILLING_NEXUS_ENDPOINT, namespace: BILLING_NAMESPACE, taskQueue: BILLING_TASK_QUEUE };

/**
 * The Nexus endpoint exists and routes to its target namespace and task queue; the target namespace is
 * created first if missing. An endpoint of that name with another target is corrected (an endpoint is
 * configuration we own; its version guards against a concurrent edit). Idempotent.
 */
export async function provisionNexusEndpoint(connection: Connection, target: NexusEndpointTarget = BILLING_ENDPOINT): Promise<'created' | 'updated' | 'unchanged'> {
  await provision(connection, target.namespace, []);
  const spec = {
    name: target.endpoint,
    target: { worker: { namespace: target.namespace, taskQueue: target.taskQueue } },
  };
  const { endpoints = [] } = await connection.operatorService.listNexusEndpoints({ name: target.endpoint, pageSize: 10 });
  const existing = endpoints.find((e) => e.spec?.name === target.endpoint);
  if (!existing) {
    try {
      await connection.operatorService.createNexusEndpoint({ spec });
      return 'created';
    } catch (err) {
      if (grpcCode(err) === 6) return 'unchanged'; // created concurrently (two provisioners at once)
      throw err;
    }
  }
  const worker = existing.spec?.target?.worker;
  if (worker?.namespace === target.namespace && worker?.taskQueue === target.taskQueue) return 'unchanged';
  await connection.operatorService.updateNexusEndpoint({ id: existing.id, version: existing.version, spec });
  return 'updated';
}

async function run(): Promise<void> {
  const env = readServerEnv();
  const { address } = env;
  const deadline = Date.now() + env.readyTimeoutMs;
  let connection: Connection | undefined;
  while (!connection) {
    try {
      connection = await Connection.connect({ address, connectTimeout: 2_000, ...clientConnectionOptions() });
      await connection.healthService.check({});
    } catch (err) {
      await connection?.close().catch(() => undefined);
      connection = undefined;
      if (Date.now() > deadline) throw new Error(`Temporal at ${address} did not answer: ${(err as Error).message}`);
      await new Promise((resolve) => setTimeout(resolve, 1_000));
    }
  }
  try {
    const result = await provision(connection, env.namespace);
    console.log(
      `provision: ${address} namespace ${env.namespace}${result.namespaceCreated ? ' (created)' : ''}; ` +
        `search attributes added: ${result.added.join(', ') || 'none (all present)'}`,
    );
    const endpoint = await provisionNexusEndpoint(connection);
    console.log(`provision: Nexus endpoint ${BILLING_ENDPOINT.endpoint} -> ${BILLING_ENDPOINT.namespace}/${BILLING_ENDPOINT.taskQueue} (${endpoint})`);
  } finally {
    await connection.close();
  }
}

if (require.main === module) {
  run().catch((err: unknown) => {
    console.error(`provision failed: ${err instanceof Error ? err.message : String(err)}`);
    process.exit(1);
  });
}
