import { ErrorType } from '@temporal-ecommerce/contracts/errors';
import type { CreateOrderBody, OrderItem, OrderStatus } from '@temporal-ecommerce/contracts/order';
import type { CatalogRow, Rng } from '../harness';

/** What the run does to one order, and so what it should end as. */
export const SCENARIOS = [
  'complete',
  'approve',
  'reject',
  'approval-timeout',
  'declined',
  'out-of-stock',
  'unknown-product',
  'underpriced',
  'cancel-early',
  'cancel-after-ship',
] as const;
export type Scenario = (typeof SCENARIOS)[number];

/** One cycle of 20 orders; every scenario occurs at least once in any run of 20 or more. */
const CYCLE: readonly Scenario[] = [
  ...Array<Scenario>(6).fill('complete'),
  'underpriced',
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
  underpriced: ErrorType.PriceChanged,
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
  underpriced: { status: 'failed', type: ErrorType.PriceChanged },
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

const EVERYDAY = ['laptop-001', 'mouse-001', 'keyboard-001', 'monitor-001'];

/** The catalog as the run read it from orders.db: prices in cents by product id. */
export type CatalogPrices = ReadonlyMap<string, number>;

/** What the catalog says the items cost, in cents: what a completed order must have been charged. */
export function catalogTotalCents(items: readonly OrderItem[], catalog: CatalogPrices): number {
  return items.reduce((sum, i) => sum + (catalog.get(i.productId) ?? Number.NaN) * i.quantity, 0);
}

/**
 * Half the orders send the catalog's prices and total (as the gateway forwards them), half send none and
 * are priced by the reservation; an underpriced order sends a laptop at a tenth of its price.
 */
function itemsFor(scenario: Scenario, rng: Rng, catalog: CatalogPrices): { items: OrderItem[]; priced: boolean } {
  const line = (productId: string, quantity: number, priceCents = catalog.get(productId)): OrderItem => ({
    productId,
    productName: productId,
    quantity,
    ...(priceCents !== undefined ? { price: priceCents / 100 } : {}),
  });
  switch (scenario) {
    case 'approve':
    case 'reject':
    case 'approval-timeout':
      // 6 servers: above the approval threshold at catalog prices.
      return { items: [line('server-001', 6), line('mouse-001', rng.int(1, 2))], priced: rng.next() < 0.5 };
    case 'out-of-stock':
      return { items: [line('keyboard-001', 1), line(SCARCE_PRODUCT, 2)], priced: true };
    case 'unknown-product':
      return { items: [line('mouse-001', 1), line('no-such-product', 1, 999)], priced: true };
    case 'underpriced':
      return { items: [line('laptop-001', 4, Math.round(catalog.get('laptop-001')! / 10))], priced: true };
    default: {
      const products = [...EVERYDAY].sort(() => rng.next() - 0.5).slice(0, rng.int(1, 3));
      return { items: products.map((p) => line(p, rng.int(1, 2))), priced: rng.next() < 0.5 };
    }
  }
}

/** `count` orders in a shuffled order, ids prefixed with `runId` so runs never collide. */
export function planOrders(count: number, runId: string, rng: Rng, catalogRows: readonly CatalogRow[]): PlannedOrder[] {
  const catalog: CatalogPrices = new Map(catalogRows.map((r) => [r.productId, r.priceCents]));
  const planned = Array.from({ length: count }, (_, i): PlannedOrder => {
    const scenario = CYCLE[i % CYCLE.length]!;
    const { items, priced } = itemsFor(scenario, rng, catalog);
    const customerId = scenario === 'declined' ? rng.pick(DECLINED_CUSTOMERS) : `chaos-customer-${rng.int(1, 40)}`;
    const sentTotal = items.reduce((sum, item) => sum + Math.round((item.price ?? 0) * 100) * item.quantity, 0) / 100;
    const order: CreateOrderBody = {
      orderId: `${runId}-${String(i + 1).padStart(4, '0')}`,
      customerId,
      items: priced ? items : items.map(({ price: _price, ...rest }) => rest),
      ...(priced ? { totalAmount: sentTotal } : {}),
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
