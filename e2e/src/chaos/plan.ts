import { ErrorType } from '@temporal-ecommerce/contracts/errors';
import { HIGH_VALUE_THRESHOLD, toCents, type CreateOrderBody, type OrderItem, type OrderStatus } from '@temporal-ecommerce/contracts/order';
import type { Rng } from '../harness';

/** What the run does to one order, and so what it should end as. */
export const SCENARIOS = [
  'complete',
  'approve',
  'reject',
  'approval-timeout',
  'declined',
  'out-of-stock',
  'unknown-product',
  'cancel-early',
  'cancel-after-ship',
] as const;
export type Scenario = (typeof SCENARIOS)[number];

/** One cycle of 20 orders; every scenario occurs at least once in any run of 20 or more. */
const CYCLE: readonly Scenario[] = [
  ...Array<Scenario>(7).fill('complete'),
  'approve',
  'approve',
  'reject',
  'approval-timeout',
  'declined',
  'declined',
  'out-of-stock',
  'unknown-product',
  'cancel-early',
  'cancel-early',
  'cancel-after-ship',
  'cancel-after-ship',
  'cancel-after-ship',
];

/** The permanent faults: orders that must never complete, whatever the chaos. */
export const PERMANENT_FAULT: Partial<Record<Scenario, string>> = {
  declined: ErrorType.PaymentDeclined,
  'out-of-stock': ErrorType.OutOfStock,
  'unknown-product': ErrorType.UnknownProduct,
};

export interface Expected {
  status: OrderStatus;
  /** Failure type, for failed orders. */
  type?: string;
}

export const EXPECTED: Record<Scenario, Expected> = {
  complete: { status: 'completed' },
  approve: { status: 'completed' },
  reject: { status: 'failed', type: ErrorType.ApprovalRejected },
  'approval-timeout': { status: 'failed', type: ErrorType.ApprovalTimedOut },
  declined: { status: 'failed', type: ErrorType.PaymentDeclined },
  'out-of-stock': { status: 'failed', type: ErrorType.OutOfStock },
  'unknown-product': { status: 'failed', type: ErrorType.UnknownProduct },
  'cancel-early': { status: 'cancelled' },
  'cancel-after-ship': { status: 'cancelled' },
};

export interface PlannedOrder {
  scenario: Scenario;
  order: CreateOrderBody;
}

/** Customers the order workers are told to decline (ORDER_FAULT_DECLINED_CUSTOMERS). */
export const DECLINED_CUSTOMERS = ['chaos-declined-1', 'chaos-declined-2'];
/** Stock 1 in the catalog: an order for 2 is out of stock whatever else happens. */
const SCARCE_PRODUCT = 'limited-001';

const PRICES: Record<string, number> = {
  'laptop-001': 1299.99,
  'mouse-001': 29.99,
  'keyboard-001': 79.99,
  'monitor-001': 349.99,
  'server-001': 899.99,
  [SCARCE_PRODUCT]: 499.99,
};
const EVERYDAY = ['laptop-001', 'mouse-001', 'keyboard-001', 'monitor-001'];

const item = (productId: string, quantity: number): OrderItem => ({ productId, productName: productId, quantity, price: PRICES[productId] ?? 9.99 });

const total = (items: OrderItem[]): number => items.reduce((sum, i) => sum + toCents(i.price) * i.quantity, 0) / 100;

function everydayItems(rng: Rng): OrderItem[] {
  const lines = rng.int(1, 3);
  const products = [...EVERYDAY].sort(() => rng.next() - 0.5).slice(0, lines);
  return products.map((p) => item(p, rng.int(1, 2)));
}

function itemsFor(scenario: Scenario, rng: Rng): OrderItem[] {
  switch (scenario) {
    case 'approve':
    case 'reject':
    case 'approval-timeout':
      // 6 servers: above the approval threshold.
      return [item('server-001', 6), item('mouse-001', rng.int(1, 2))];
    case 'out-of-stock':
      return [item('keyboard-001', 1), item(SCARCE_PRODUCT, 2)];
    case 'unknown-product':
      return [item('mouse-001', 1), item('no-such-product', 1)];
    default:
      return everydayItems(rng);
  }
}

/** `count` orders in a shuffled order, ids prefixed with `runId` so runs never collide. */
export function planOrders(count: number, runId: string, rng: Rng): PlannedOrder[] {
  const planned = Array.from({ length: count }, (_, i): PlannedOrder => {
    const scenario = CYCLE[i % CYCLE.length]!;
    const items = itemsFor(scenario, rng);
    const customerId = scenario === 'declined' ? rng.pick(DECLINED_CUSTOMERS) : `chaos-customer-${rng.int(1, 40)}`;
    const order: CreateOrderBody = {
      orderId: `${runId}-${String(i + 1).padStart(4, '0')}`,
      customerId,
      items,
      totalAmount: total(items),
      shippingAddress: { street: `${i + 1} Chaos Street`, city: 'Faultline', zip: '00000', country: 'US' },
    };
    return { scenario, order };
  });
  for (let i = planned.length - 1; i > 0; i--) {
    const j = Math.floor(rng.next() * (i + 1));
    [planned[i], planned[j]] = [planned[j]!, planned[i]!];
  }
  return planned;
}

export const needsApproval = (order: CreateOrderBody): boolean => order.totalAmount > HIGH_VALUE_THRESHOLD;
