import { encodeSearchAttributeIndexedValueType } from '@temporalio/common/lib/search-attributes';
import { TestWorkflowEnvironment } from '@temporalio/testing';
import { ALL_SEARCH_ATTRIBUTES } from '@temporal-ecommerce/contracts/search-attributes';
import { dynamicConfigArgs, provisionDevServer } from './dev-server';
import { readEnv } from '@temporal-ecommerce/env';
import { readServerEnv, SERVER_ENV } from './env';
import { resolveTemporalCli } from './temporal-cli';
import { resolveTestServer } from './test-server';

/**
 * A real Temporal server for tests. TEMPORAL_ADDRESS set → connect to that server (a run of the whole
 * suite against one dev server); otherwise a fresh `temporal server start-dev` on a random port, with
 * our search attributes registered, billing's namespace and its Nexus endpoint. Nothing here is a mock.
 */
export async function createLocalTestEnv(): Promise<TestWorkflowEnvironment> {
  const { address, namespace } = readServerEnv();
  if (readEnv(SERVER_ENV, process.env).TEMPORAL_ADDRESS) {
    return TestWorkflowEnvironment.createFromExistingServer({ address, namespace });
  }
  const cli = await resolveTemporalCli({ allowDownload: true });
  const env = await TestWorkflowEnvironment.createLocal({
    server: {
      ...(cli ? { executable: { type: 'existing-path' as const, path: cli } } : {}),
      searchAttributes: ALL_SEARCH_ATTRIBUTES,
      extraArgs: dynamicConfigArgs(),
      log: { format: 'pretty', level: 'error' },
    },
  });
  try {
    await provisionDevServer(env.address);
  } catch (err) {
    await env.teardown();
    throw err;
  }
  return env;
}

/**
 * Temporal's time-skipping test server (Java, from Maven Central): timers of 24 h or 7 days fire as soon
 * as the workflow is blocked on them. It does not skip time while a caller waits on an Update's result, so
 * observe timers through workflow results.
 */
export async function createTimeSkippingTestEnv(): Promise<TestWorkflowEnvironment> {
  const path = resolveTestServer();
  const env = await TestWorkflowEnvironment.createTimeSkipping({ server: { executable: { type: 'existing-path', path } } });
  try {
    // The Java server starts without custom search attributes and fails workflows that upsert them.
    await env.connection.operatorService.addSearchAttributes({
      namespace: env.namespace ?? 'default',
      searchAttributes: Object.fromEntries(ALL_SEARCH_ATTRIBUTES.map((k) => [k.name, encodeSearchAttributeIndexedValueType(k.type)!])),
    });
  } catch (err) {
    await env.teardown();
    throw err;
  }
  return env;
}

/** Billing's namespace, queue and endpoint, which createLocalTestEnv provisions beside `default` (again, after a test removed it). */
export { BILLING_ENDPOINT, provisionNexusEndpoint } from './provision';
