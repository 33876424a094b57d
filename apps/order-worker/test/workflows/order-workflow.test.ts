import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { Client, WorkflowFailedError, WorkflowNotFoundError, WorkflowUpdateFailedError } from '@temporalio/client';
import { ApplicationFailure } from '@temporalio/common';
import { DefaultLogger, Runtime, Worker } from '@temporalio/worker';
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import { createLocalTestEnv } from '@temporal-ecommerce/infra/testing';
import { BILLING_NAMESPACE, chargeWorkflowId } from '@temporal-ecommerce/contracts/billing';
import { ErrorType } from '@temporal-ecommerce/contracts/errors';
import { SA } from '@temporal-ecommerce/contracts/search-attributes';
import { approveOrderUpdate, cancelOrderUpdate, getOrderStatusQuery, type CreateOrderBody, type OrderState } from '@temporal-ecommerce/contracts/order';
import { createActivities, type FaultConfig } from '../../src/activities';
import { InventoryService } from '../../src/services/inventory';
import { ShipmentService } from '../../src/services/shipments';
import { startBilling, type TestBilling } from '../helpers/billing';
import { chargeCount, netCharged, stockTotals, tempOrderDb } from '../helpers/db';
import { highValueOrder, normalOrder, recordHistory, startOrder, uniqueId, waitForStatus, workflowBundle } from '../helpers/orders';

Runtime.install({ logger: new DefaultLogger('ERROR') });

let env: TestWorkflowEnvironment;
let store: Awaited<ReturnType<typeof tempOrderDb>>;
let billing: TestBilling;
let initialStock: Record<string, number>;
/** Orders of this file and how each must end up in the ledger: charged in full, or not at all. */
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

/** Runs `fn` with a worker on a fresh task queue whose activities have the given faults. */
async function withWorker<T>(faults: Partial<FaultConfig>, fn: (taskQueue: string) => Promise<T>): Promise<T> {
  const taskQueue = uniqueId('orders');
  const worker = await Worker.create({
    connection: env.nativeConnection,
    taskQueue,
    workflowBundle: await workflowBundle(),
    // The charge and refund run in billing's Worker (through Nexus) with the same faults.
    activities: billing.share(createActivities({ db: store.db, faults })),
  });
  return worker.runUntil(fn(taskQueue));
}

async function businessFailure(result: Promise<unknown>): Promise<{ type: string | undefined; state: OrderState }> {
  const err = await result.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(WorkflowFailedError);
  const cause = (err as WorkflowFailedError).cause;
  expect(cause).toBeInstanceOf(ApplicationFailure);
  const failure = cause as ApplicationFailure;
  return { type: failure.type ?? undefined, state: failure.details?.[0] as OrderState };
}

function order(kind: 'normal' | 'high', customerId?: string): CreateOrderBody {
  const id = uniqueId(kind === 'high' ? 'order-hv' : 'order');
  return kind === 'high' ? highValueOrder(id, customerId) : normalOrder(id, customerId);
}

describe('order workflow on a real server', () => {
  it('happy path: reserves, charges, ships, completes after the completion delay', async () => {
    const o = order('normal');
    outcomes.set(o.orderId, { total: o.totalAmount!, kept: true });
    const result = await withWorker({}, async (tq) => {
      const handle = await startOrder(env.client, tq, o, { completionDelay: '2 seconds' });
      const shipped = await waitForStatus(handle, 'shipped');
      expect(shipped).toMatchObject({ inventoryReserved: true, paymentProcessed: true, requiresApproval: false });
      expect(shipped.trackingNumber).toMatch(/^1Z/);
      const result = await handle.result();
      const description = await handle.describe();
      expect(description.typedSearchAttributes.get(SA.OrderStatus)).toBe('completed');
      expect(description.typedSearchAttributes.get(SA.OrderId)).toBe(o.orderId);
      expect(description.typedSearchAttributes.get(SA.OrderTotal)).toBe(1359.97);
      await recordHistory(handle, 'completed');
      return result;
    });
    expect(result.status).toBe('completed');
    expect(result.compensations).toEqual([]);
    expect((await new InventoryService(store.db).find(o.orderId))?.status).toBe('held');
    expect(await new ShipmentService(store.db).activeCount(o.orderId)).toBe(1);
    expect(await chargeCount(store.db, o.orderId)).toBe(1);
  });

  it('high-value order waits for approval and ships once approved', async () => {
    const o = order('high');
    outcomes.set(o.orderId, { total: o.totalAmount!, kept: true });
    await withWorker({}, async (tq) => {
      const handle = await startOrder(env.client, tq, o, { completionDelay: '1 second' });
      const waiting = await waitForStatus(handle, 'awaiting_approval');
      expect(waiting.paymentProcessed).toBe(true);
      expect(waiting.approvalDeadline).toBeDefined();
      const afterApproval = await handle.executeUpdate(approveOrderUpdate, {
        args: [{ approved: true, approvedBy: 'admin@company.com', reason: 'Verified with customer' }],
      });
      expect(afterApproval.status).toBe('shipped');
      expect(afterApproval.approvedBy).toBe('admin@company.com');
      expect((await handle.result()).status).toBe('completed');
      await recordHistory(handle, 'high-value-approved');
    });
  });

  it('rejected approval refunds, then releases, and fails the order', async () => {
    const o = order('high');
    outcomes.set(o.orderId, { total: o.totalAmount!, kept: false });
    await withWorker({}, async (tq) => {
      const handle = await startOrder(env.client, tq, o);
      await waitForStatus(handle, 'awaiting_approval');
      const after = await handle.executeUpdate(approveOrderUpdate, { args: [{ approved: false, approvedBy: 'risk@company.com', reason: 'Suspicious' }] });
      expect(after.status).toBe('failed');
      const { type, state } = await businessFailure(handle.result());
      expect(type).toBe(ErrorType.ApprovalRejected);
      expect(state.compensations).toEqual(['refundPayment', 'releaseInventory']);
      await recordHistory(handle, 'approval-rejected');
    });
  });

  it('an approval nobody waits for is rejected (NotAwaiting); a cancel after shipment is a return', async () => {
    const o = order('normal');
    outcomes.set(o.orderId, { total: o.totalAmount!, kept: false });
    await withWorker({}, async (tq) => {
      const handle = await startOrder(env.client, tq, o);
      await waitForStatus(handle, 'shipped');
      const err = await handle.executeUpdate(approveOrderUpdate, { args: [{ approved: true, approvedBy: 'x' }] }).catch((e: unknown) => e);
      expect(err).toBeInstanceOf(WorkflowUpdateFailedError);
      expect(((err as WorkflowUpdateFailedError).cause as ApplicationFailure).type).toBe(ErrorType.NotAwaiting);
      // A cancel after shipment is a return: shipment cancelled, refunded, restocked.
      const after = await handle.executeUpdate(cancelOrderUpdate, { args: [{ reason: 'Customer returned it' }] });
      expect(after.status).toBe('cancelled');
      expect(after.compensations).toEqual(['cancelShipment', 'refundPayment', 'releaseInventory']);
      expect((await businessFailure(handle.result())).type).toBe(ErrorType.OrderCancelled);
      expect(await new ShipmentService(store.db).activeCount(o.orderId)).toBe(0);
      await recordHistory(handle, 'returned-after-shipment');
    });
  });

  it('cancel while awaiting approval compensates in reverse order', async () => {
    const o = order('high');
    outcomes.set(o.orderId, { total: o.totalAmount!, kept: false });
    await withWorker({}, async (tq) => {
      const handle = await startOrder(env.client, tq, o);
      await waitForStatus(handle, 'awaiting_approval');
      const after = await handle.executeUpdate(cancelOrderUpdate, { args: [{ reason: 'Customer changed their mind' }] });
      expect(after).toMatchObject({ status: 'cancelled', cancelReason: 'Customer changed their mind' });
      expect(after.compensations).toEqual(['refundPayment', 'releaseInventory']);
      const { type } = await businessFailure(handle.result());
      expect(type).toBe(ErrorType.OrderCancelled);
      await recordHistory(handle, 'cancelled-awaiting-approval');
    });
  });

  it('a cancel after the order closed is refused, and its final status stays queryable', async () => {
    const o = order('high');
    outcomes.set(o.orderId, { total: o.totalAmount!, kept: false });
    await withWorker({}, async (tq) => {
      const handle = await startOrder(env.client, tq, o);
      await waitForStatus(handle, 'awaiting_approval');
      await handle.executeUpdate(cancelOrderUpdate, { args: [{}] });
      await expect(handle.result()).rejects.toBeInstanceOf(WorkflowFailedError);
      const err = await handle.executeUpdate(cancelOrderUpdate, { args: [{}] }).catch((e: unknown) => e);
      // The server refuses updates to a closed run; the gateway turns this into 409 using describe().
      expect(err).toBeInstanceOf(WorkflowNotFoundError);
      expect((err as Error).message).toMatch(/already completed/);
      expect((await handle.query(getOrderStatusQuery)).status).toBe('cancelled');
    });
  });

  it('payment declined: releases the inventory, charges nothing', async () => {
    const o = order('normal', 'customer-declined');
    outcomes.set(o.orderId, { total: o.totalAmount!, kept: false });
    await withWorker({ declinedCustomers: ['customer-declined'] }, async (tq) => {
      const handle = await startOrder(env.client, tq, o);
      const { type, state } = await businessFailure(handle.result());
      expect(type).toBe(ErrorType.PaymentDeclined);
      expect(state).toMatchObject({ status: 'failed', inventoryReserved: true, paymentProcessed: false });
      expect(state.compensations).toEqual(['releaseInventory']);
      await recordHistory(handle, 'payment-declined');
    });
    expect(await chargeCount(store.db, o.orderId)).toBe(0);
  });

  it('out of stock: fails with nothing to undo', async () => {
    const o: CreateOrderBody = {
      orderId: uniqueId('order-oos'),
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
      await recordHistory(handle, 'out-of-stock');
    });
  });

  it('shipment failure: refunds, then releases', async () => {
    const o = order('normal');
    outcomes.set(o.orderId, { total: o.totalAmount!, kept: false });
    await withWorker({ carrier: 'reject' }, async (tq) => {
      const handle = await startOrder(env.client, tq, o);
      const { type, state } = await businessFailure(handle.result());
      expect(type).toBe(ErrorType.ShipmentFailed);
      expect(state.compensations).toEqual(['refundPayment', 'releaseInventory']);
      await recordHistory(handle, 'shipment-failed');
    });
  });

  it('a transient payment failure after charging is retried and charged exactly once', async () => {
    const o = order('normal');
    outcomes.set(o.orderId, { total: o.totalAmount!, kept: true });
    await withWorker({ paymentLostResponses: 2 }, async (tq) => {
      const handle = await startOrder(env.client, tq, o, { completionDelay: '1 second' });
      expect((await handle.result()).status).toBe('completed');
      // The charge's retries happen in billing's workflow (through Nexus): its history holds the third attempt.
      const charge = new Client({ connection: env.connection, namespace: BILLING_NAMESPACE }).workflow.getHandle(chargeWorkflowId(o.orderId));
      const attempts = (await charge.fetchHistory()).events?.filter((e) => e.activityTaskStartedEventAttributes?.attempt === 3);
      expect(attempts?.length).toBe(1);
      await recordHistory(handle, 'payment-retried');
    });
    expect(await chargeCount(store.db, o.orderId)).toBe(1);
  });

  it('a Temporal cancellation of the run still compensates', async () => {
    const o = order('high');
    outcomes.set(o.orderId, { total: o.totalAmount!, kept: false });
    await withWorker({}, async (tq) => {
      const handle = await startOrder(env.client, tq, o);
      await waitForStatus(handle, 'awaiting_approval');
      await handle.cancel();
      await expect(handle.result()).rejects.toBeInstanceOf(WorkflowFailedError);
      const state = await handle.query(getOrderStatusQuery);
      expect(state).toMatchObject({ status: 'cancelled', compensations: ['refundPayment', 'releaseInventory'] });
      await recordHistory(handle, 'workflow-cancelled');
    });
  });

  it('rejects an order whose total does not add up before touching anything', async () => {
    const o = { ...order('normal'), totalAmount: 1359.96 };
    await withWorker({}, async (tq) => {
      const { type, state } = await businessFailure((await startOrder(env.client, tq, o)).result());
      expect(type).toBe(ErrorType.InvalidRequest);
      expect(state.compensations).toEqual([]);
    });
    expect(await new InventoryService(store.db).find(o.orderId)).toBeUndefined();
  });
});
