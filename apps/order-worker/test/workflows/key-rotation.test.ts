import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { once } from 'node:events';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Client, Connection, type WorkflowHandle } from '@temporalio/client';
import type { Payload } from '@temporalio/common';
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import { createLocalTestEnv } from '@temporal-ecommerce/infra/testing';
import { METADATA_KEY_ID, encryptionDataConverter, readEncryptionEnv } from '@temporal-ecommerce/codec';
import { approveOrderUpdate, getOrderStatusQuery, type OrderState } from '@temporal-ecommerce/contracts/order';
import { tempOrderDb } from '../helpers/db';
import { highValueOrder, startOrder, uniqueId, waitForStatus } from '../helpers/orders';

const PKG = path.join(__dirname, '../..');
const WORKER = path.join(PKG, 'dist/worker.js');
let env: TestWorkflowEnvironment;
let store: Awaited<ReturnType<typeof tempOrderDb>>;
const children: ChildProcess[] = [];

const keyA = randomBytes(32).toString('base64');
const keyB = randomBytes(32).toString('base64');
/** Before the rotation: A encrypts. */
const ringA = { PAYLOAD_ENCRYPTION_KEY: keyA, PAYLOAD_ENCRYPTION_KEY_ID: 'key-a' };
/** After it (docs/security.md, "Rotating the key"): B encrypts, A still decrypts. */
const ringB = { PAYLOAD_ENCRYPTION_KEY: keyB, PAYLOAD_ENCRYPTION_KEY_ID: 'key-b', PAYLOAD_ENCRYPTION_PREVIOUS_KEYS: `key-a:${keyA}` };

beforeAll(async () => {
  if (!existsSync(WORKER)) throw new Error(`${WORKER} is missing: build @temporal-ecommerce/order-worker first`);
  env = await createLocalTestEnv();
  store = await tempOrderDb();
});

afterAll(async () => {
  for (const child of children) if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
  await env?.teardown();
  await store?.close();
});

/** The real worker entry point, with the key ring in its environment as a deployment would set it. */
function startWorker(taskQueue: string, ring: Record<string, string>): ChildProcess {
  const child = spawn(process.execPath, [WORKER], {
    cwd: PKG,
    env: { ...process.env, TEMPORAL_ADDRESS: env.address, TEMPORAL_NAMESPACE: env.namespace ?? 'default', TEMPORAL_ECOMMERCE_DATA_DIR: store.dir, ORDER_TASK_QUEUE: taskQueue, LOG_LEVEL: 'warn', METRICS_PORT: 'off', ...ring },
    stdio: ['ignore', 'inherit', 'inherit'],
  });
  children.push(child);
  return child;
}

async function stop(child: ChildProcess): Promise<void> {
  child.kill('SIGTERM');
  await once(child, 'exit');
}

/** A client with its own connection, as the gateway has, encrypting with `ring`. */
async function clientWith(ring: Record<string, string>): Promise<{ client: Client; close: () => Promise<void> }> {
  const connection = await Connection.connect({ address: env.address });
  const client = new Client({ connection, namespace: env.namespace ?? 'default', dataConverter: encryptionDataConverter(readEncryptionEnv(ring)!) });
  return { client, close: () => connection.close() };
}

/** The key id of every encrypted payload in the run's history (read raw, by a client without keys). */
async function keyIdsInHistory(workflowId: string): Promise<string[]> {
  const handle: WorkflowHandle = env.client.workflow.getHandle(workflowId);
  const ids = new Set<string>();
  const visit = (value: unknown): void => {
    if (!value || typeof value !== 'object') return;
    const payload = value as Payload;
    const id = payload.metadata?.[METADATA_KEY_ID];
    if (id && payload.data) ids.add(Buffer.from(id).toString('utf8'));
    for (const child of Object.values(value)) visit(child);
  };
  visit((await handle.fetchHistory()).events);
  return [...ids].sort();
}

describe('payload key rotation', () => {
  it('finishes an order started under key A after workers and client restart with B current and A previous', { timeout: 150_000 }, async () => {
    const taskQueue = uniqueId('orders-rotation');
    const order = highValueOrder(uniqueId('order-rotation'));

    const workerA = startWorker(taskQueue, ringA);
    const before = await clientWith(ringA);
    const started = await startOrder(before.client, taskQueue, order, { completionDelay: '1 second' });
    await waitForStatus(started, 'awaiting_approval', 60_000);
    await stop(workerA);
    await before.close();
    expect(await keyIdsInHistory(started.workflowId)).toEqual(['key-a']);

    // Without A in the ring the history is unreadable, and the error says which key is missing.
    const withoutA = await clientWith({ PAYLOAD_ENCRYPTION_KEY: keyB, PAYLOAD_ENCRYPTION_KEY_ID: 'key-b' });
    const startInput = (await env.client.workflow.getHandle(started.workflowId).fetchHistory()).events![0]!.workflowExecutionStartedEventAttributes!.input!.payloads![0]!;
    const codecB = withoutA.client.options.dataConverter.payloadCodecs![0]!;
    await expect(codecB.decode([startInput as Payload])).rejects.toThrow('encrypted with key id "key-a", which this process does not hold');
    await withoutA.close();

    const workerB = startWorker(taskQueue, ringB);
    const after = await clientWith(ringB);
    try {
      const handle = after.client.workflow.getHandle(started.workflowId);
      // Worker B (LOG_LEVEL=warn, so no "worker started" line) answers once it polls; until then the
      // server says no poller of the run's version is there (FAILED_PRECONDITION).
      const deadline = Date.now() + 60_000;
      let state: OrderState | undefined;
      while (!state) {
        state = await handle.query(getOrderStatusQuery).catch((err: unknown) => {
          if (Date.now() > deadline || !/no poller/i.test(String((err as Error).cause ?? err))) throw err;
          return new Promise<undefined>((r) => setTimeout(() => r(undefined), 250));
        });
      }
      expect(state.status).toBe('awaiting_approval');
      const approved = await handle.executeUpdate(approveOrderUpdate, { args: [{ approved: true, approvedBy: 'admin@company.com', reason: 'approved after the key rotation' }] });
      expect(approved.approvedBy).toBe('admin@company.com');
      const result = await handle.result();
      expect(result.status).toBe('completed');
      // The history now holds both: what was written before the rotation under A, after it under B.
      expect(await keyIdsInHistory(handle.workflowId)).toEqual(['key-a', 'key-b']);
    } finally {
      await stop(workerB);
      await after.close();
    }
  });
});
