import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { WorkflowFailedError } from '@temporalio/client';
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
  ORDER_RETRACTION_PATCH,
  approveOrderUpdate,
  cancelOrderUpdate,
  type CreateOrderBody,
  type OrderState,
} from '@temporal-ecommerce/contracts/order';
import { startBilling, type TestBilling } from '../helpers/billing';
import { createActivities } from '../../src/activities';
import { InventoryService } from '../../src/services/inventory';
import { NotificationService } from '../../src/services/notifications';
import { PaymentService } from '../../src/services/payments';
import { chargeCount, stockTotals, tempOrderDb } from '../helpers/db';
import { activityTaskTypesOf, highValueOrder, localActivitiesOf, patchIdsOf, recordHistory, startOrder, uniqueId, waitForStatus, workflowBundle } from '../helpers/orders';

Runtime.install({ logger: new DefaultLogger('ERROR') });

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

async function withWorker<T>(fn: (taskQueue: string) => Promise<T>): Promise<T> {
  const taskQueue = uniqueId('orders');
  const worker = await Worker.create({ connection: env.nativeConnection, taskQueue, workflowBundle: await workflowBundle(), activities: billing.share(createActivities({ db: store.db })) });
  return worker.runUntil(fn(taskQueue));
}

async function businessFailure(result: Promise<unknown>): Promise<{ type: string | undefined; message: string; state: OrderState }> {
  const err = await result.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(WorkflowFailedError);
  const failure = (err as WorkflowFailedError).cause as ApplicationFailure;
  return { type: failure.type ?? undefined, message: failure.message, state: failure.details?.[0] as OrderState };
}

/** The payments ledger's net amount for an order, in whole units. */
const ledgerAmount = async (orderId: string): Promise<number> => (await new PaymentService(store.db).netChargedCents(orderId)) / 100;
const notificationKinds = async (orderId: string): Promise<string[]> => {
  const kinds: string[] = [];
  for (const kind of ['order_confirmation', 'order_retraction'] as const) if (await new NotificationService(store.db).find(orderId, kind)) kinds.push(kind);
  return kinds;
};

/** A laptop and two mice with no price and no total: the catalog says 1299.99 + 2 × 29.99. */
const unpricedOrder = (orderId: string): CreateOrderBody => ({
  orderId,
  customerId: 'customer-123',
  items: [
    { productId: 'laptop-001', productName: 'Laptop', quantity: 1 },
    { productId: 'mouse-001', productName: 'Mouse', quantity: 2 },
  ],
});

describe('catalog prices in the order workflow', () => {
  it('an order without prices is charged the catalog total, locked with the reservation', async () => {
    const o = unpricedOrder(uniqueId('order-unpriced'));
    await withWorker(async (tq) => {
      const handle = await startOrder(env.client, tq, o, { completionDelay: '1 second' });
      const result = await handle.result();
      expect(result.status).toBe('completed');
      expect(result.totalAmount).toBe(1359.97);
      expect(result.items.map((i) => i.price)).toEqual([1299.99, 29.99]);
      expect((await handle.describe()).typedSearchAttributes.get(SA.OrderTotal)).toBe(1359.97);
      expect(patchIdsOf(await handle.fetchHistory())).toEqual([ORDER_LOCAL_STEPS_PATCH, ORDER_CATALOG_PRICE_PATCH, ORDER_BILLING_NEXUS_PATCH, ORDER_CONFIRMATION_AFTER_APPROVAL_PATCH]);
      await recordHistory(handle, 'catalog-priced-completed');
    });
    expect(await ledgerAmount(o.orderId)).toBe(1359.97);
    expect(await chargeCount(store.db, o.orderId)).toBe(1);
    expect(await notificationKinds(o.orderId)).toEqual(['order_confirmation']);
  });

  it('an under-priced laptop order cannot skip approval: without prices it waits for approval, with 0.01 it is PriceChanged', async () => {
    const laptops = (orderId: string, price?: number): CreateOrderBody => ({
      orderId,
      customerId: 'customer-123',
      items: [{ productId: 'laptop-001', productName: 'Laptop', quantity: 4, ...(price !== undefined ? { price } : {}) }],
      ...(price !== undefined ? { totalAmount: price * 4 } : {}),
    });
    const bare = laptops(uniqueId('order-laptops'));
    const cheap = laptops(uniqueId('order-cheap'), 0.01);
    await withWorker(async (tq) => {
      const handle = await startOrder(env.client, tq, bare);
      const waiting = await waitForStatus(handle, 'awaiting_approval');
      expect(waiting).toMatchObject({ totalAmount: 5199.96, requiresApproval: true });
      // Nothing was confirmed before the approval.
      expect(await notificationKinds(bare.orderId)).toEqual([]);
      await handle.executeUpdate(cancelOrderUpdate, { args: [{ reason: 'test over' }] });

      const { type, state } = await businessFailure((await startOrder(env.client, tq, cheap)).result());
      expect(type).toBe(ErrorType.PriceChanged);
      expect(state).toMatchObject({ inventoryReserved: false, paymentProcessed: false });
    });
    expect(await ledgerAmount(bare.orderId)).toBe(0);
    expect(await chargeCount(store.db, cheap.orderId)).toBe(0);
  });

  it('a price that changed after the client saw it fails PriceChanged, non-retryably, with nothing reserved or charged', async () => {
    const initial = await stockTotals(store.db);
    const before = (await new InventoryService(store.db).stock()).find((s) => s.productId === 'keyboard-001')!;
    const o: CreateOrderBody = {
      orderId: uniqueId('order-price-changed'),
      customerId: 'customer-123',
      items: [{ productId: 'keyboard-001', productName: 'Keyboard', quantity: 3, price: 79.99 }],
      totalAmount: 239.97,
    };
    await store.db.run('UPDATE products SET price_cents = 8999 WHERE product_id = ?', ['keyboard-001']);
    try {
      await withWorker(async (tq) => {
        const handle = await startOrder(env.client, tq, o);
        const { type, message, state } = await businessFailure(handle.result());
        expect(type).toBe(ErrorType.PriceChanged);
        expect(message).toContain('/items/0/price must equal the catalog price of keyboard-001 (89.99)');
        expect(state).toMatchObject({ status: 'failed', inventoryReserved: false, paymentProcessed: false, compensations: [] });
        // One attempt: a price that changed does not change back by retrying.
        // The reservation is a local activity (ORDER_LOCAL_STEPS_PATCH): its marker holds the attempt.
        const history = await handle.fetchHistory();
        expect(localActivitiesOf(history)).toEqual([{ type: 'reserveInventory', attempt: 1, failed: true }]);
        const attempts = history.events?.filter((e) => e.activityTaskStartedEventAttributes) ?? [];
        expect(activityTaskTypesOf(history)).toEqual(['releaseInventory']);
        expect(attempts.map((e) => e.activityTaskStartedEventAttributes!.attempt)).toEqual([1]);
        await recordHistory(handle, 'price-changed');
      });
    } finally {
      await store.db.run('UPDATE products SET price_cents = 7999 WHERE product_id = ?', ['keyboard-001']);
    }
    expect((await new InventoryService(store.db).find(o.orderId))?.status).not.toBe('held');
    expect((await new InventoryService(store.db).stock()).find((s) => s.productId === 'keyboard-001')).toEqual(before);
    expect(await stockTotals(store.db)).toEqual(initial);
    expect(await chargeCount(store.db, o.orderId)).toBe(0);
  });
});

describe(`confirmation after approval (${ORDER_CONFIRMATION_AFTER_APPROVAL_PATCH}) and retraction (${ORDER_RETRACTION_PATCH})`, () => {
  it('a high-value order is confirmed only once approved', async () => {
    const o = highValueOrder(uniqueId('order-hv'));
    await withWorker(async (tq) => {
      const handle = await startOrder(env.client, tq, o, { completionDelay: '1 second' });
      await waitForStatus(handle, 'awaiting_approval');
      expect(await notificationKinds(o.orderId)).toEqual([]);
      await handle.executeUpdate(approveOrderUpdate, { args: [{ approved: true, approvedBy: 'admin@company.com' }] });
      expect((await handle.result()).status).toBe('completed');
      await recordHistory(handle, 'confirmed-after-approval');
    });
    expect(await notificationKinds(o.orderId)).toEqual(['order_confirmation']);
    expect(await ledgerAmount(o.orderId)).toBe(8999.9);
  });

  it('a rejected high-value order was never confirmed, so nothing is retracted', async () => {
    const o = highValueOrder(uniqueId('order-hv'));
    await withWorker(async (tq) => {
      const handle = await startOrder(env.client, tq, o);
      await waitForStatus(handle, 'awaiting_approval');
      await handle.executeUpdate(approveOrderUpdate, { args: [{ approved: false, approvedBy: 'risk@company.com' }] });
      expect((await businessFailure(handle.result())).type).toBe(ErrorType.ApprovalRejected);
      expect(patchIdsOf(await handle.fetchHistory())).toEqual([ORDER_LOCAL_STEPS_PATCH, ORDER_CATALOG_PRICE_PATCH, ORDER_BILLING_NEXUS_PATCH, ORDER_CONFIRMATION_AFTER_APPROVAL_PATCH]);
    });
    expect(await notificationKinds(o.orderId)).toEqual([]);
    expect(await ledgerAmount(o.orderId)).toBe(0);
  });

  it('a confirmed order that is then returned gets a retraction', async () => {
    const o = unpricedOrder(uniqueId('order-returned'));
    await withWorker(async (tq) => {
      const handle = await startOrder(env.client, tq, o);
      await waitForStatus(handle, 'shipped');
      const after = await handle.executeUpdate(cancelOrderUpdate, { args: [{ reason: 'Customer returned it' }] });
      expect(after.compensations).toEqual(['cancelShipment', 'refundPayment', 'releaseInventory']);
      expect(patchIdsOf(await handle.fetchHistory())).toEqual([ORDER_LOCAL_STEPS_PATCH, ORDER_CATALOG_PRICE_PATCH, ORDER_BILLING_NEXUS_PATCH, ORDER_CONFIRMATION_AFTER_APPROVAL_PATCH, ORDER_RETRACTION_PATCH]);
      await recordHistory(handle, 'returned-with-retraction');
    });
    expect(await notificationKinds(o.orderId)).toEqual(['order_confirmation', 'order_retraction']);
    expect(await ledgerAmount(o.orderId)).toBe(0);
  });
});
