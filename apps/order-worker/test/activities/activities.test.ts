import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { MockActivityEnvironment } from '@temporalio/testing';
import { ApplicationFailure } from '@temporalio/common';
import { DefaultLogger } from '@temporalio/worker';
import { ErrorType } from '@temporal-ecommerce/contracts/errors';
import { createActivities, type FaultConfig } from '../../src/activities';
import { InventoryService } from '../../src/services/inventory';
import { NotificationService } from '../../src/services/notifications';
import { ShipmentService } from '../../src/services/shipments';
import type { OrderStore } from '../../src/services/database';
import { chargeCount, netCharged, stockTotals, tempOrderDb } from '../helpers/db';

const laptop = { productId: 'laptop-001', productName: 'Laptop', quantity: 1, price: 1299.99 };
const mice = { productId: 'mouse-001', productName: 'Mouse', quantity: 2, price: 29.99 };

let store: Awaited<ReturnType<typeof tempOrderDb>>;
let initialStock: Record<string, number>;
beforeEach(async () => {
  store = await tempOrderDb();
  initialStock = await stockTotals(store.db);
});
afterEach(async () => {
  expect(await stockTotals(store.db)).toEqual(initialStock);
  await store.close();
});

// Activity logs of expected failures would drown the test output.
const quiet = new DefaultLogger('ERROR', () => undefined);
function mockEnv(info: { attempt?: number } = {}) {
  const env = new MockActivityEnvironment(info, { logger: quiet });
  return { run: <A extends unknown[], R>(fn: (...args: A) => Promise<R>, ...args: A): Promise<R> => env.run(fn, ...args) as Promise<R> };
}

function acts(db: OrderStore, faults: Partial<FaultConfig> = {}) {
  return createActivities({ db, faults });
}

async function failureOf(p: Promise<unknown>): Promise<ApplicationFailure> {
  const err = await p.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(ApplicationFailure);
  return err as ApplicationFailure;
}

describe('inventory activities', () => {
  it('reserves once per order however often the activity runs', async () => {
    const a = acts(store.db);
    const env = mockEnv();
    const first = await env.run(a.reserveInventory, { orderId: 'o1', items: [laptop, mice] });
    const again = await env.run(a.reserveInventory, { orderId: 'o1', items: [laptop, mice] });
    expect(again.reservationId).toBe(first.reservationId);
    const laptopStock = (await new InventoryService(store.db).stock()).find((s) => s.productId === 'laptop-001')!;
    expect(laptopStock.reserved).toBe(1);
    expect(laptopStock.onHand).toBe(initialStock['laptop-001']! - 1);
  });

  it('fails out of stock without retry and without holding any item of the order', async () => {
    const a = acts(store.db);
    const err = await failureOf(
      mockEnv().run(a.reserveInventory, {
        orderId: 'o2',
        items: [laptop, { productId: 'limited-001', productName: 'Console', quantity: 2, price: 499.99 }],
      }),
    );
    expect(err.type).toBe(ErrorType.OutOfStock);
    expect(err.nonRetryable).toBe(true);
    expect(await new InventoryService(store.db).find('o2')).toBeUndefined();
  });

  it('rejects an unknown product as non-retryable', async () => {
    const err = await failureOf(
      mockEnv().run(acts(store.db).reserveInventory, {
        orderId: 'o3',
        items: [{ productId: 'nope-404', productName: 'Nothing', quantity: 1, price: 1 }],
      }),
    );
    expect(err.type).toBe(ErrorType.UnknownProduct);
    expect(err.nonRetryable).toBe(true);
  });

  it('releases once, and a release before any reservation blocks a late reserve', async () => {
    const a = acts(store.db);
    const env = mockEnv();
    await env.run(a.reserveInventory, { orderId: 'o4', items: [mice] });
    expect((await env.run(a.releaseInventory, { orderId: 'o4' })).released).toBe(true);
    expect((await env.run(a.releaseInventory, { orderId: 'o4' })).released).toBe(false);

    expect((await env.run(a.releaseInventory, { orderId: 'o5' })).released).toBe(false);
    const err = await failureOf(env.run(a.reserveInventory, { orderId: 'o5', items: [mice] }));
    expect(err.type).toBe(ErrorType.InvalidState);
  });
});

describe('payment activities', () => {
  it('charges exactly once when the response of the first attempts is lost', async () => {
    const a = acts(store.db, { paymentLostResponses: 2 });
    const input = { orderId: 'p1', customerId: 'c1', amount: 1359.97 };
    for (const attempt of [1, 2]) {
      await expect(mockEnv({ attempt }).run(a.processPayment, input)).rejects.toThrow(/timed out after charging/);
    }
    const result = await mockEnv({ attempt: 3 }).run(a.processPayment, input);
    expect(result.amount).toBe(1359.97);
    expect(await chargeCount(store.db, 'p1')).toBe(1);
    expect(await netCharged(store.db, 'p1')).toBe(1359.97);
  });

  it('declines the card of a marked customer as non-retryable, charging nothing', async () => {
    const a = acts(store.db, { declinedCustomers: ['customer-declined'] });
    const err = await failureOf(mockEnv().run(a.processPayment, { orderId: 'p2', customerId: 'customer-declined', amount: 10 }));
    expect(err.type).toBe(ErrorType.PaymentDeclined);
    expect(err.nonRetryable).toBe(true);
    expect(await chargeCount(store.db, 'p2')).toBe(0);
  });

  it('fails transiently at the configured rate before charging', async () => {
    const a = createActivities({ db: store.db, faults: { paymentFailureRate: 0.5 }, random: () => 0.2 });
    await expect(mockEnv().run(a.processPayment, { orderId: 'p3', customerId: 'c', amount: 5 })).rejects.toThrow(/unavailable/);
    expect(await chargeCount(store.db, 'p3')).toBe(0);
  });

  it('refunds once, nets to zero, and a refund before any charge blocks a late charge', async () => {
    const a = acts(store.db);
    const env = mockEnv();
    await env.run(a.processPayment, { orderId: 'p4', customerId: 'c', amount: 99.99 });
    expect((await env.run(a.refundPayment, { orderId: 'p4' })).refunded).toBe(true);
    expect((await env.run(a.refundPayment, { orderId: 'p4' })).refunded).toBe(false);
    expect(await netCharged(store.db, 'p4')).toBe(0);

    expect((await env.run(a.refundPayment, { orderId: 'p5' })).refunded).toBe(false);
    const err = await failureOf(env.run(a.processPayment, { orderId: 'p5', customerId: 'c', amount: 1 }));
    expect(err.type).toBe(ErrorType.InvalidState);
    expect(await chargeCount(store.db, 'p5')).toBe(0);
  });
});

describe('shipment activities', () => {
  it('books one shipment with a tracking number per order', async () => {
    const a = acts(store.db);
    const env = mockEnv();
    const first = await env.run(a.createShipment, { orderId: 's1' });
    const again = await env.run(a.createShipment, { orderId: 's1' });
    expect(again).toEqual(first);
    expect(first.trackingNumber).toMatch(/^1Z[0-9A-F]{16}$/);
    expect(await new ShipmentService(store.db).activeCount('s1')).toBe(1);
  });

  it('a rejecting carrier fails non-retryably; an unavailable one transiently', async () => {
    const rejected = await failureOf(mockEnv().run(acts(store.db, { carrier: 'reject' }).createShipment, { orderId: 's2' }));
    expect(rejected.type).toBe(ErrorType.ShipmentFailed);
    expect(rejected.nonRetryable).toBe(true);
    await expect(mockEnv().run(acts(store.db, { carrier: 'unavailable' }).createShipment, { orderId: 's2' })).rejects.not.toBeInstanceOf(
      ApplicationFailure,
    );
    expect(await new ShipmentService(store.db).find('s2')).toBeUndefined();
  });

  it('cancels once; a cancel before any shipment blocks a late create', async () => {
    const a = acts(store.db);
    const env = mockEnv();
    await env.run(a.createShipment, { orderId: 's3' });
    expect((await env.run(a.cancelShipment, { orderId: 's3' })).cancelled).toBe(true);
    expect((await env.run(a.cancelShipment, { orderId: 's3' })).cancelled).toBe(false);
    expect((await env.run(a.cancelShipment, { orderId: 's4' })).cancelled).toBe(false);
    expect((await failureOf(env.run(a.createShipment, { orderId: 's4' }))).type).toBe(ErrorType.InvalidState);
  });
});

describe('notification activities', () => {
  it('sends one order confirmation per order however often the activity runs', async () => {
    const a = acts(store.db);
    const env = mockEnv();
    const input = { orderId: 'n1', customerId: 'customer-123', totalAmount: 1359.97, paymentId: 'pay_1' };
    const first = await env.run(a.sendOrderConfirmation, input);
    const again = await env.run(a.sendOrderConfirmation, input);
    expect(first.sent).toBe(true);
    expect(again).toEqual({ notificationId: first.notificationId, sent: false });
    expect(await new NotificationService(store.db).count('n1')).toBe(1);
    expect((await new NotificationService(store.db).find('n1', 'order_confirmation'))?.recipient).toBe('customer-123');
  });
});
