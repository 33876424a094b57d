import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Client } from '@temporalio/client';
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import { BILLING_NAMESPACE, chargeWorkflowId } from '@temporal-ecommerce/contracts/billing';
import { createLocalTestEnv } from '@temporal-ecommerce/infra/testing';
import { InventoryService } from '../../src/services/inventory';
import { ShipmentService } from '../../src/services/shipments';
import { chargeCount, netCharged, stockTotals, tempOrderDb } from '../helpers/db';
import { normalOrder, recordHistory, startOrder, uniqueId } from '../helpers/orders';

const PKG = path.join(__dirname, '../..');
let env: TestWorkflowEnvironment;
let store: Awaited<ReturnType<typeof tempOrderDb>>;
const children: ChildProcess[] = [];

beforeAll(async () => {
  // The worker runs as a real process from dist/, exactly as `pnpm start` runs it.
  execFileSync(process.execPath, [require.resolve('typescript/bin/tsc'), '-p', 'tsconfig.build.json'], { cwd: PKG, stdio: 'inherit' });
  env = await createLocalTestEnv();
  store = await tempOrderDb();
});

afterAll(async () => {
  for (const child of children) if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
  await env?.teardown();
  await store?.close();
});

function startWorkerProcess(taskQueue: string, extraEnv: Record<string, string>): ChildProcess {
  const child = spawn(process.execPath, [path.join(PKG, 'dist/worker.js')], {
    cwd: PKG,
    env: {
      ...process.env,
      TEMPORAL_ADDRESS: env.address,
      TEMPORAL_NAMESPACE: env.namespace ?? 'default',
      TEMPORAL_ECOMMERCE_DATA_DIR: store.dir,
      // On PostgreSQL the worker processes share the test's database, as replicas on several hosts would.
      ...(store.url ? { ORDER_DATABASE_URL: store.url } : {}),
      ORDER_TASK_QUEUE: taskQueue,
      LOG_LEVEL: 'warn',
      ...extraEnv,
    },
    stdio: ['ignore', 'inherit', 'inherit'],
  });
  children.push(child);
  return child;
}

async function until(predicate: () => Promise<boolean>, what: string, timeoutMs = 60_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await predicate())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

describe('a worker process killed mid-saga', () => {
  it('is replaced by a new process that finishes the order with no duplicated effect', { timeout: 150_000 }, async () => {
    const initial = await stockTotals(store.db);
    const taskQueue = uniqueId('orders-crash');
    const order = normalOrder(uniqueId('order-crash'));

    // Worker 1 charges, then keeps the payment activity busy: the kill lands after the charge committed
    // but before Temporal learned that it did, the case that double-charges without idempotency.
    const first = startWorkerProcess(taskQueue, { ORDER_FAULT_PAYMENT_DELAY_MS: '120000' });
    const handle = await startOrder(env.client, taskQueue, order, { completionDelay: '1 second' });
    await until(async () => (await chargeCount(store.db, order.orderId)) === 1, 'the first charge');
    first.kill('SIGKILL');
    await once(first, 'exit');

    const second = startWorkerProcess(taskQueue, {});
    const result = await handle.result();
    second.kill('SIGTERM');
    await once(second, 'exit');

    expect(result.status).toBe('completed');
    // The process hosts billing too (its companion Worker): the kill lands inside billing's charge workflow,
    // reached through Nexus, whose payment activity a new process retries under the same ledger key.
    const orderEvents = (await handle.fetchHistory()).events ?? [];
    expect(orderEvents.filter((e) => e.nexusOperationScheduledEventAttributes?.operation === 'charge')).toHaveLength(1);
    expect(orderEvents.some((e) => e.nexusOperationCompletedEventAttributes)).toBe(true);
    const charge = new Client({ connection: env.connection, namespace: BILLING_NAMESPACE }).workflow.getHandle(chargeWorkflowId(order.orderId));
    const retriedAttempts = (await charge.fetchHistory()).events?.filter((e) => e.activityTaskStartedEventAttributes && e.activityTaskStartedEventAttributes.attempt! > 1);
    expect(retriedAttempts?.length).toBeGreaterThan(0);
    expect(await chargeCount(store.db, order.orderId)).toBe(1);
    expect(await netCharged(store.db, order.orderId)).toBe(order.totalAmount);
    expect((await new InventoryService(store.db).find(order.orderId))?.status).toBe('held');
    expect(await new ShipmentService(store.db).activeCount(order.orderId)).toBe(1);
    expect(await stockTotals(store.db)).toEqual(initial);
    await recordHistory(handle, 'nexus-worker-killed-mid-charge');
  });
});
