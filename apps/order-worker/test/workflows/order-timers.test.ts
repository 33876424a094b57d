import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { WorkflowFailedError } from '@temporalio/client';
import { ApplicationFailure } from '@temporalio/common';
import { DefaultLogger, Runtime, Worker } from '@temporalio/worker';
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import { createTimeSkippingTestEnv } from '@temporal-ecommerce/infra/testing';
import { ErrorType } from '@temporal-ecommerce/contracts/errors';
import type { OrderState } from '@temporal-ecommerce/contracts/order';
import { createActivities } from '../../src/activities';
import { netCharged, stockTotals, tempOrderDb } from '../helpers/db';
import path from 'node:path';
import { bundleWorkflowCode, type WorkflowBundle } from '@temporalio/worker';
import { WORKFLOWS_PATH, highValueOrder, normalOrder, startOrder, uniqueId } from '../helpers/orders';

Runtime.install({ logger: new DefaultLogger('ERROR') });

// The time-skipping server does not deliver Nexus tasks to billing's worker (docs/nexus.md): the order's
// charge and refund run as billing's payment activities through a test-only interceptor. Its histories are
// not the production shape, so this file records none.
let bundle: Promise<WorkflowBundle> | undefined;
function timersBundle(): Promise<WorkflowBundle> {
  bundle ??= bundleWorkflowCode({
    workflowsPath: WORKFLOWS_PATH,
    workflowInterceptorModules: [path.join(__dirname, '../fixtures/billing-as-activities/index.ts')],
    logger: { trace() {}, debug() {}, info() {}, warn() {}, error() {}, log() {} },
  });
  return bundle;
}

const DAY_MS = 24 * 60 * 60 * 1000;
let env: TestWorkflowEnvironment;
let store: Awaited<ReturnType<typeof tempOrderDb>>;

beforeAll(async () => {
  env = await createTimeSkippingTestEnv();
  store = await tempOrderDb();
  await timersBundle();
});

afterAll(async () => {
  await env?.teardown();
  await store?.close();
});

// Timers are observed through workflow results: the time-skipping server skips while a client awaits a
// result, not while it awaits an update.
describe('order timers on the time-skipping server (default durations)', () => {
  it('an unapproved high-value order times out after 24 hours and is compensated', async () => {
    const initial = await stockTotals(store.db);
    const o = highValueOrder(uniqueId('order-hv'));
    const taskQueue = uniqueId('orders');
    const worker = await Worker.create({ connection: env.nativeConnection, taskQueue, workflowBundle: await timersBundle(), activities: createActivities({ db: store.db }) });
    const err = await worker.runUntil(async () => {
      const handle = await startOrder(env.client, taskQueue, o);
      const e = await handle.result().catch((x: unknown) => x);
      return e;
    });
    expect(err).toBeInstanceOf(WorkflowFailedError);
    const failure = (err as WorkflowFailedError).cause as ApplicationFailure;
    expect(failure.type).toBe(ErrorType.ApprovalTimedOut);
    const state = failure.details?.[0] as OrderState;
    expect(state.compensations).toEqual(['refundPayment', 'releaseInventory']);
    const waited = Date.parse(state.updatedAt) - Date.parse(state.createdAt);
    expect(waited).toBeGreaterThanOrEqual(DAY_MS);
    expect(waited).toBeLessThan(2 * DAY_MS);
    expect(await netCharged(store.db, o.orderId)).toBe(0);
    expect(await stockTotals(store.db)).toEqual(initial);
  });

  it('a shipped order completes after 7 days, charged in full', async () => {
    const initial = await stockTotals(store.db);
    const o = normalOrder(uniqueId('order'));
    const taskQueue = uniqueId('orders');
    const worker = await Worker.create({ connection: env.nativeConnection, taskQueue, workflowBundle: await timersBundle(), activities: createActivities({ db: store.db }) });
    const result = await worker.runUntil(async () => {
      const handle = await startOrder(env.client, taskQueue, o);
      const r = await handle.result();
      return r;
    });
    expect(result.status).toBe('completed');
    const open = Date.parse(result.updatedAt) - Date.parse(result.createdAt);
    expect(open).toBeGreaterThanOrEqual(7 * DAY_MS);
    expect(open).toBeLessThan(8 * DAY_MS);
    expect(Date.parse(result.completesAt!)).toBeLessThanOrEqual(Date.parse(result.updatedAt));
    expect(await netCharged(store.db, o.orderId)).toBe(1359.97);
    expect(await stockTotals(store.db)).toEqual(initial);
  });
});
