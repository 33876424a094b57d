import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { WithStartWorkflowOperation, WorkflowUpdateFailedError } from '@temporalio/client';
import { ApplicationFailure } from '@temporalio/common';
import { DefaultLogger, Runtime, Worker } from '@temporalio/worker';
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import { createLocalTestEnv } from '@temporal-ecommerce/infra/testing';
import { ErrorType } from '@temporal-ecommerce/contracts/errors';
import {
  ORDER_WORKFLOW_TYPE,
  getOrderStatusQuery,
  orderWorkflowId,
  orderWorkflowStartOptions,
  waitForChargeUpdate,
  type CreateOrderBody,
  type OrderWorkflowInput,
} from '@temporal-ecommerce/contracts/order';
import { startBilling, type TestBilling } from '../helpers/billing';
import { createActivities, type FaultConfig } from '../../src/activities';
import { netCharged as netChargedIn, stockTotals, tempOrderDb } from '../helpers/db';
import { highValueOrder, normalOrder, recordHistory, uniqueId, waitForStatus, workflowBundle } from '../helpers/orders';

Runtime.install({ logger: new DefaultLogger('ERROR') });

const DECLINED = 'customer-declined';

let env: TestWorkflowEnvironment;
let store: Awaited<ReturnType<typeof tempOrderDb>>;
let billing: TestBilling;

beforeAll(async () => {
  env = await createLocalTestEnv();
  store = await tempOrderDb();
  await workflowBundle();
  billing = await startBilling(env, createActivities({ db: store.db }));
});

afterAll(async () => {
  await billing?.stop();
  await env?.teardown();
  await store?.close();
});

async function withWorker<T>(faults: Partial<FaultConfig>, fn: (taskQueue: string) => Promise<T>): Promise<T> {
  const taskQueue = uniqueId('orders');
  const worker = await Worker.create({ connection: env.nativeConnection, taskQueue, workflowBundle: await workflowBundle(), activities: billing.share(createActivities({ db: store.db, faults })) });
  return worker.runUntil(fn(taskQueue));
}

/** The order started the way the gateway starts it with ?wait=charged, on the test's queue. */
function startOperation(taskQueue: string, order: CreateOrderBody, durations: Omit<OrderWorkflowInput, 'order'> = {}) {
  return new WithStartWorkflowOperation(ORDER_WORKFLOW_TYPE, { ...orderWorkflowStartOptions({ order, ...durations }), taskQueue });
}

const netCharged = (orderId: string): Promise<number> => netChargedIn(store.db, orderId);

describe('Update-with-Start: the order answers once it is charged', () => {
  it('starts the order and answers with the payment in one call; the saga then ships and completes', async () => {
    const o = normalOrder(uniqueId('order-early'));
    await withWorker({}, async (tq) => {
      const start = startOperation(tq, o, { completionDelay: '1 second' });
      const charged = await env.client.workflow.executeUpdateWithStart(waitForChargeUpdate, { args: [{ timeoutMs: 30_000 }], startWorkflowOperation: start });
      expect(charged).toMatchObject({ status: 'payment_completed', paymentProcessed: true, inventoryReserved: true, totalAmount: 1359.97 });
      expect(charged.paymentId).toMatch(/^pay_/);
      expect(await netCharged(o.orderId)).toBe(1359.97);
      const handle = await start.workflowHandle();
      const result = await handle.result();
      expect(result).toMatchObject({ status: 'completed', paymentId: charged.paymentId });
      await recordHistory(handle, 'charged-early');
    });
  });

  it('a high-value order answers once charged, before its approval, and goes on waiting for it', async () => {
    const o = highValueOrder(uniqueId('order-early-hv'));
    await withWorker({}, async (tq) => {
      const start = startOperation(tq, o);
      const charged = await env.client.workflow.executeUpdateWithStart(waitForChargeUpdate, { args: [{ timeoutMs: 30_000 }], startWorkflowOperation: start });
      expect(charged.paymentId).toMatch(/^pay_/);
      const handle = await start.workflowHandle();
      await waitForStatus(handle, 'awaiting_approval');
      await handle.terminate('test done');
    });
  });

  it('a declined card fails the Update with the reason once the stock is back, and charges nothing', async () => {
    const o = normalOrder(uniqueId('order-early-declined'), DECLINED);
    const before = await stockTotals(store.db);
    await withWorker({ declinedCustomers: [DECLINED] }, async (tq) => {
      const start = startOperation(tq, o);
      const err = await env.client.workflow
        .executeUpdateWithStart(waitForChargeUpdate, { args: [{ timeoutMs: 30_000 }], startWorkflowOperation: start })
        .then(() => undefined, (e: unknown) => e);
      expect(err).toBeInstanceOf(WorkflowUpdateFailedError);
      const cause = (err as WorkflowUpdateFailedError).cause as ApplicationFailure;
      expect(cause).toBeInstanceOf(ApplicationFailure);
      expect(cause.type).toBe(ErrorType.PaymentDeclined);
      expect(cause.message).toBe(`Order ${o.orderId} was not charged: Card declined for customer ${DECLINED}`);
      // Answered only after the undo: the stock is back and nothing is charged.
      expect(await stockTotals(store.db)).toEqual(before);
      expect(await netCharged(o.orderId)).toBe(0);
      const handle = await start.workflowHandle();
      expect(await handle.query(getOrderStatusQuery)).toMatchObject({ status: 'failed', compensations: ['releaseInventory'] });
      await handle.result().catch(() => undefined);
      await recordHistory(handle, 'declined-early');
    });
  });

  it('when the charge takes longer than the wait, answers with the state so far and the order goes on', async () => {
    const o = normalOrder(uniqueId('order-early-slow'));
    await withWorker({ paymentDelayMs: 3_000 }, async (tq) => {
      const start = startOperation(tq, o);
      const early = await env.client.workflow.executeUpdateWithStart(waitForChargeUpdate, { args: [{ timeoutMs: 500 }], startWorkflowOperation: start });
      expect(early.paymentProcessed).toBe(false);
      expect(early.paymentId).toBeUndefined();
      const handle = await start.workflowHandle();
      expect((await waitForStatus(handle, 'shipped')).paymentId).toMatch(/^pay_/);
      await handle.terminate('test done');
    });
  });

  it('the validator rejects a wait outside its bounds without touching the order, which goes on', async () => {
    for (const timeoutMs of [0, 50, 1.5, 3_600_001]) {
      const o = normalOrder(uniqueId('order-early-bad-wait'));
      await withWorker({}, async (tq) => {
        const start = startOperation(tq, o);
        const err = await env.client.workflow
          .executeUpdateWithStart(waitForChargeUpdate, { args: [{ timeoutMs }], startWorkflowOperation: start })
          .then(() => undefined, (e: unknown) => e);
        expect(err, String(timeoutMs)).toBeInstanceOf(WorkflowUpdateFailedError);
        expect(((err as WorkflowUpdateFailedError).cause as ApplicationFailure).type).toBe(ErrorType.InvalidRequest);
        const handle = await start.workflowHandle();
        await waitForStatus(handle, 'shipped');
        // Rejected by the validator: nothing of the Update is in the history.
        const history = await handle.fetchHistory();
        expect(history.events?.some((e) => e.workflowExecutionUpdateAcceptedEventAttributes)).toBe(false);
        await handle.terminate('test done');
      });
    }
  });

  it('a second order with the same id is refused before any Update reaches the first', async () => {
    const o = normalOrder(uniqueId('order-early-dup'));
    await withWorker({}, async (tq) => {
      await env.client.workflow.executeUpdateWithStart(waitForChargeUpdate, { args: [{ timeoutMs: 30_000 }], startWorkflowOperation: startOperation(tq, o) });
      const again = startOperation(tq, o);
      const err = await env.client.workflow
        .executeUpdateWithStart(waitForChargeUpdate, { args: [{ timeoutMs: 30_000 }], startWorkflowOperation: again })
        .then(() => undefined, (e: unknown) => e);
      expect((err as Error).name).toBe('WorkflowExecutionAlreadyStartedError');
      await env.client.workflow.getHandle(orderWorkflowId(o.orderId)).terminate('test done');
    });
  });
});
