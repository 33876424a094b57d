import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { WorkflowFailedError, type WorkflowHandle } from '@temporalio/client';
import { ApplicationFailure } from '@temporalio/common';
import { DefaultLogger, Runtime, Worker } from '@temporalio/worker';
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import { createLocalTestEnv } from '@temporal-ecommerce/infra/testing';
import { ErrorType } from '@temporal-ecommerce/contracts/errors';
import { SA } from '@temporal-ecommerce/contracts/search-attributes';
import {
  ORDER_BILLING_NEXUS_PATCH,
  ORDER_CATALOG_PRICE_PATCH,
  ORDER_CONFIRMATION_AFTER_APPROVAL_PATCH,
  ORDER_LOCAL_STEPS_PATCH,
  cancelOrderUpdate,
  getOrderStatusQuery,
  type CreateOrderBody,
  type OrderState,
} from '@temporal-ecommerce/contracts/order';
import { startBilling, type TestBilling } from '../helpers/billing';
import { createActivities, type FaultConfig } from '../../src/activities';
import { ShipmentService } from '../../src/services/shipments';
import { chargeCount, netCharged, stockTotals, tempOrderDb } from '../helpers/db';
import {
  activityTaskTypesOf,
  localActivitiesOf,
  normalOrder,
  nexusOperationsOf,
  patchIdsOf,
  recordHistory,
  startOrder,
  uniqueId,
  upsertsPerWorkflowTask,
  waitForStatus,
  workflowBundle,
} from '../helpers/orders';

Runtime.install({ logger: new DefaultLogger('ERROR') });

let env: TestWorkflowEnvironment;
let store: Awaited<ReturnType<typeof tempOrderDb>>;
let billing: TestBilling;
let initialStock: Record<string, number>;
const outcomes = new Map<string, { total: number; kept: boolean }>();

beforeAll(async () => {
  env = await createLocalTestEnv();
  store = await tempOrderDb();
  initialStock = await stockTotals(store.db);
  await workflowBundle();
  billing = await startBilling(env, createActivities({ db: store.db }));
});

afterAll(async () => {
  await billing?.stop();
  await env?.teardown();
  await store?.close();
});

afterEach(async () => {
  expect(await stockTotals(store.db)).toEqual(initialStock);
  for (const [orderId, { total, kept }] of outcomes) expect(await netCharged(store.db, orderId), orderId).toBe(kept ? total : 0);
});

async function withWorker<T>(faults: Partial<FaultConfig>, fn: (taskQueue: string) => Promise<T>): Promise<T> {
  const taskQueue = uniqueId('orders');
  const worker = await Worker.create({ connection: env.nativeConnection, taskQueue, workflowBundle: await workflowBundle(), activities: billing.share(createActivities({ db: store.db, faults })) });
  return worker.runUntil(fn(taskQueue));
}

async function businessFailure(result: Promise<unknown>): Promise<{ type: string | undefined; state: OrderState }> {
  const err = await result.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(WorkflowFailedError);
  const failure = (err as WorkflowFailedError).cause as ApplicationFailure;
  return { type: failure.type ?? undefined, state: failure.details?.[0] as OrderState };
}

/**
 * The status query on the closed run: the worker replays the whole history to answer it, the way a
 * worker that lost its cache replays an open run; a nondeterminism there fails the query.
 */
async function statusAfterClose(handle: WorkflowHandle): Promise<string> {
  return (await handle.query(getOrderStatusQuery)).status;
}

const V4 = [ORDER_LOCAL_STEPS_PATCH, ORDER_CATALOG_PRICE_PATCH, ORDER_BILLING_NEXUS_PATCH, ORDER_CONFIRMATION_AFTER_APPROVAL_PATCH];

describe(`reserve and ship as local activities, one upsert per workflow task (${ORDER_LOCAL_STEPS_PATCH})`, () => {
  it('a new order reserves and ships in its workflow tasks: no activity task for either, one upsert per task, the same search attributes', async () => {
    const o = normalOrder(uniqueId('order-local'));
    outcomes.set(o.orderId, { total: o.totalAmount!, kept: true });
    await withWorker({}, async (tq) => {
      const handle = await startOrder(env.client, tq, o, { completionDelay: '1 second' });
      const result = await handle.result();
      expect(result).toMatchObject({ status: 'completed', inventoryReserved: true, paymentProcessed: true, totalAmount: 1359.97 });
      expect(result.trackingNumber).toMatch(/^1Z/);
      const history = await handle.fetchHistory();
      expect(patchIdsOf(history)).toEqual(V4);
      // The charge is a Nexus operation (billing's namespace runs its activity): no payment activity task here.
      expect(activityTaskTypesOf(history)).toEqual(['sendOrderConfirmation']);
      expect(nexusOperationsOf(history)).toEqual(['charge']);
      expect(localActivitiesOf(history)).toEqual([
        { type: 'reserveInventory', attempt: 1, failed: false },
        { type: 'createShipment', attempt: 1, failed: false },
      ]);
      expect(Math.max(...upsertsPerWorkflowTask(history))).toBe(1);
      const attrs = (await handle.describe()).typedSearchAttributes;
      expect([attrs.get(SA.OrderId), attrs.get(SA.CustomerId), attrs.get(SA.OrderTotal), attrs.get(SA.OrderStatus)]).toEqual([o.orderId, o.customerId, 1359.97, 'completed']);
      expect(await statusAfterClose(handle)).toBe('completed');
      await recordHistory(handle, 'local-steps-completed');
    });
    expect(await chargeCount(store.db, o.orderId)).toBe(1);
  });

  it('a carrier that stays unavailable is retried in the worker (5 attempts), then the order is refunded and restocked', { timeout: 60_000 }, async () => {
    const o = normalOrder(uniqueId('order-local-carrier'));
    outcomes.set(o.orderId, { total: o.totalAmount!, kept: false });
    await withWorker({ carrier: 'unavailable' }, async (tq) => {
      const handle = await startOrder(env.client, tq, o);
      const { type, state } = await businessFailure(handle.result());
      expect(type).toBe(ErrorType.StepFailed);
      expect(state).toMatchObject({ status: 'failed', compensations: ['refundPayment', 'releaseInventory'] });
      const history = await handle.fetchHistory();
      // The retries left no activity task and one marker: the attempt that gave up.
      expect(localActivitiesOf(history)).toEqual([
        { type: 'reserveInventory', attempt: 1, failed: false },
        { type: 'createShipment', attempt: 5, failed: true },
      ]);
      expect(activityTaskTypesOf(history)).toEqual(['sendOrderConfirmation', 'cancelShipment', 'releaseInventory', 'sendOrderRetraction']);
      expect(nexusOperationsOf(history)).toEqual(['charge', 'refund']);
      expect(await statusAfterClose(handle)).toBe('failed');
      await recordHistory(handle, 'local-steps-carrier-unavailable');
    });
    expect(await new ShipmentService(store.db).activeCount(o.orderId)).toBe(0);
  });

  it('an out-of-stock reservation fails once, without a retry, and leaves nothing held', async () => {
    const o: CreateOrderBody = {
      orderId: uniqueId('order-local-oos'),
      customerId: 'customer-123',
      items: [{ productId: 'limited-001', productName: 'Limited Edition Console', quantity: 5, price: 499.99 }],
      totalAmount: 2499.95,
    };
    outcomes.set(o.orderId, { total: o.totalAmount!, kept: false });
    await withWorker({}, async (tq) => {
      const handle = await startOrder(env.client, tq, o);
      const { type, state } = await businessFailure(handle.result());
      expect(type).toBe(ErrorType.OutOfStock);
      expect(state).toMatchObject({ status: 'failed', inventoryReserved: false, compensations: [] });
      const history = await handle.fetchHistory();
      expect(localActivitiesOf(history)).toEqual([{ type: 'reserveInventory', attempt: 1, failed: true }]);
      expect(activityTaskTypesOf(history)).toEqual(['releaseInventory']);
      expect(await statusAfterClose(handle)).toBe('failed');
      await recordHistory(handle, 'local-steps-out-of-stock');
    });
  });

  it('a cancel in the return window undoes a locally booked shipment', async () => {
    const o = normalOrder(uniqueId('order-local-return'));
    outcomes.set(o.orderId, { total: o.totalAmount!, kept: false });
    await withWorker({}, async (tq) => {
      const handle = await startOrder(env.client, tq, o);
      await waitForStatus(handle, 'shipped');
      const after = await handle.executeUpdate(cancelOrderUpdate, { args: [{ reason: 'Customer returned it' }] });
      expect(after).toMatchObject({ status: 'cancelled', compensations: ['cancelShipment', 'refundPayment', 'releaseInventory'] });
      expect((await businessFailure(handle.result())).type).toBe(ErrorType.OrderCancelled);
      expect(patchIdsOf(await handle.fetchHistory())).toContain(ORDER_LOCAL_STEPS_PATCH);
      expect(await statusAfterClose(handle)).toBe('cancelled');
      await recordHistory(handle, 'local-steps-returned');
    });
    expect(await new ShipmentService(store.db).activeCount(o.orderId)).toBe(0);
  });
});
