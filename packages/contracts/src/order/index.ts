/**
 * The order domain's public contract: task queue, workflow type, id helper, messages and types.
 * Sandbox-safe (imported by workflow code): no Node builtins, no I/O, no TypeBox values.
 */
import { WorkflowIdConflictPolicy, WorkflowIdReusePolicy, type Duration, type Priority, type SearchAttributePair } from '@temporalio/common';
import { defineQuery, defineUpdate } from '@temporalio/workflow';
import { ErrorType } from '../errors';
import { SA } from '../search-attributes';
import type { ApproveOrderBody, CancelOrderBody, CreateOrderBody, OrderItem, OrderState, ShippingAddress } from './http';

export type { ApproveOrderBody, CancelOrderBody, CreateOrderBody, OrderItem, OrderState, ShippingAddress };

export const ORDER_TASK_QUEUE = 'order-processing';
export const ORDER_WORKFLOW_TYPE = 'orderWorkflow';
/**
 * The order worker's Worker Deployment (docs/versioning.md): each build runs as a version of it. Orders
 * are Pinned: a run finishes on the build it started on.
 */
export const ORDER_WORKER_DEPLOYMENT = 'order-worker';

/** One workflow per order: the id doubles as the duplicate-order guard. */
export function orderWorkflowId(orderId: string): string {
  return `order-${orderId}`;
}

/**
 * The order worker's SQLite file in its data dir (TEMPORAL_ECOMMERCE_DATA_DIR). The worker owns it; the
 * gateway reads its products table (the catalog) read-only.
 */
export const ORDER_DB_FILE = 'orders.db';

/** Orders above this total wait for a human approval before they ship. */
export const HIGH_VALUE_THRESHOLD = 5000;
export const DEFAULT_APPROVAL_TIMEOUT = '24 hours';
/** How long a shipped order stays open (returns accepted) before it completes. */
export const DEFAULT_COMPLETION_DELAY = '7 days';

export const ORDER_STATUSES = [
  'pending',
  'inventory_reserved',
  'payment_completed',
  'awaiting_approval',
  'approved',
  'shipped',
  'completed',
  'compensating',
  'cancelled',
  'failed',
  'compensation_failed',
] as const;
export type OrderStatus = (typeof ORDER_STATUSES)[number];

/** Statuses after which nothing more happens to the order. */
export const TERMINAL_ORDER_STATUSES: readonly OrderStatus[] = ['completed', 'cancelled', 'failed', 'compensation_failed'];
/** Statuses in which a cancel is accepted (after shipment it becomes a return). */
export const CANCELLABLE_ORDER_STATUSES: readonly OrderStatus[] = [
  'pending',
  'inventory_reserved',
  'payment_completed',
  'awaiting_approval',
  'approved',
  'shipped',
];

/**
 * Patch id of the order confirmation sent after payment (docs/versioning.md). Runs that recorded no
 * marker for it (started before the change) skip the step on replay; new runs send the confirmation.
 */
export const ORDER_CONFIRMATION_PATCH = 'order-confirmation-v2';

/**
 * Patch id of catalog pricing: the reservation locks the catalog price, and the approval threshold, the
 * charge, the state and the OrderTotal search attribute use that locked total. Runs without the marker
 * (started before) keep using the total from their input.
 */
export const ORDER_CATALOG_PRICE_PATCH = 'order-catalog-price-v3';

/**
 * Patch id of the confirmation sent once the order is approved (or needs no approval), right before it
 * ships, instead of straight after payment. Runs without the marker keep the v2 placement.
 */
export const ORDER_CONFIRMATION_AFTER_APPROVAL_PATCH = 'order-confirmation-after-approval-v3';

/**
 * Patch id of the retraction: an order that was confirmed to the customer and is then undone (rejected,
 * timed out, cancelled, failed) tells the customer so. Covers v2 runs still open at the deploy, which sent
 * their confirmation before the approval.
 */
export const ORDER_RETRACTION_PATCH = 'order-retraction-v3';

/**
 * Patch id of the throughput shape (docs/performance.md): reserve and ship run as local activities and
 * each workflow task upserts its search attributes once. Runs without the marker keep the activity tasks
 * and separate upserts their history recorded.
 */
export const ORDER_LOCAL_STEPS_PATCH = 'order-local-steps-v4';

/**
 * Patch id of billing through Nexus (docs/nexus.md): the charge and the refund are operations of billing's
 * Nexus service (packages/contracts/src/billing.ts), run in billing's namespace, instead of the order
 * worker's payment activities. Runs without the marker keep the activity tasks their history recorded.
 */
export const ORDER_BILLING_NEXUS_PATCH = 'order-billing-nexus-v5';

/**
 * Values of the order worker's CHAOS_SABOTAGE: each breaks exactly one guarantee that an invariant of the
 * chaos run (e2e/src/chaos/checks.ts, same ids) checks, so that each check is seen to fail once. The
 * worker refuses to start with one when NODE_ENV=production.
 */
export const CHAOS_SABOTAGES = {
  /** releaseInventory fails non-retryably: compensations end compensation_failed. */
  closed: 'a compensation fails for good',
  /** Declined cards are charged. */
  'permanent-faults': 'declined cards are not declined',
  /** A refund marks the payment refunded but moves no money. */
  payments: 'refunds move no money',
  /** A release marks the reservation released but does not put the stock back. */
  inventory: 'released stock is not put back',
  /** A shipment cancel reports success but leaves the shipment live. */
  shipments: 'cancelled shipments stay live',
  /** The charge is not idempotent: every attempt that reaches the gateway charges again. */
  once: 'every payment attempt charges',
  /** The reservation takes the client's prices instead of the catalog's. */
  prices: "the client's prices are trusted",
} as const;
export type ChaosSabotage = keyof typeof CHAOS_SABOTAGES;

/** Compensation step names, as they appear in `OrderState.compensations`. */
export const OrderStep = {
  ReleaseInventory: 'releaseInventory',
  RefundPayment: 'refundPayment',
  CancelShipment: 'cancelShipment',
} as const;

/**
 * Workflow input: the order plus per-deployment durations, which travel in the input (not env) so that
 * the workflow stays deterministic and tests can shorten them. The gateway sends the order priced from
 * the catalog (every price and the total filled in), so the input, the OrderTotal search attribute and
 * the state carry the catalog total from the start; the reservation checks those prices again against
 * the catalog in its own transaction (PriceChanged if they no longer hold). A run started elsewhere may
 * leave prices out: the reservation prices them.
 */
export interface OrderWorkflowInput {
  order: CreateOrderBody;
  /** Default DEFAULT_APPROVAL_TIMEOUT. ms-format string ('24 hours') or milliseconds. */
  approvalTimeout?: Duration;
  /** Default DEFAULT_COMPLETION_DELAY. */
  completionDelay?: Duration;
}

/**
 * The priorities an order can run at (POST /api/orders's `priority`) and their task priority keys: 1 is
 * dispatched first; the server's range is 1-5 (matching.priorityLevels), its default 3.
 */
export const ORDER_PRIORITIES = ['high', 'normal', 'low'] as const;
export type OrderPriority = (typeof ORDER_PRIORITIES)[number];
export const ORDER_PRIORITY_KEYS: Readonly<Record<OrderPriority, number>> = { high: 1, normal: 3, low: 5 };

/** The priority the server gives an order nobody asked otherwise for: above the approval threshold high, else normal. */
export function defaultOrderPriority(totalAmount: number | undefined): OrderPriority {
  return (totalAmount ?? 0) > HIGH_VALUE_THRESHOLD ? 'high' : 'normal';
}

/** True when `a` is dispatched before `b` (a lower key). */
export function isAbove(a: OrderPriority, b: OrderPriority): boolean {
  return ORDER_PRIORITY_KEYS[a] < ORDER_PRIORITY_KEYS[b];
}

/**
 * An order's task priority: the `priority` the gateway granted (docs/priorities.md), else the default
 * from its total; each customer is its own fairness key, so one customer's burst cannot starve the others
 * when the order queues are backlogged. Activities inherit both from the run. Honoured by a server with
 * the priority matcher, fairness only with matching.enableFairness (infra's DEV_SERVER_DYNAMIC_CONFIG).
 */
export function orderPriority(order: Pick<CreateOrderBody, 'customerId' | 'totalAmount' | 'priority'>): Priority {
  const priority = order.priority !== undefined && Object.hasOwn(ORDER_PRIORITY_KEYS, order.priority) ? order.priority : defaultOrderPriority(order.totalAmount);
  return { priorityKey: ORDER_PRIORITY_KEYS[priority], fairnessKey: order.customerId };
}

/**
 * How an order workflow is started: the gateway starts every order with these options, and bench (a)
 * times the same call without HTTP. An order id is used once, ever (even a finished order's id is a
 * duplicate, and a running one is never reused, which Update-with-Start requires to be said); the business
 * fields go to search attributes for the Temporal UI's list.
 */
export function orderWorkflowStartOptions(input: OrderWorkflowInput) {
  const { order } = input;
  const searchAttributes: SearchAttributePair[] = [
    { key: SA.OrderId, value: order.orderId },
    { key: SA.CustomerId, value: order.customerId },
    ...(order.totalAmount !== undefined ? [{ key: SA.OrderTotal, value: order.totalAmount }] : []),
    { key: SA.OrderStatus, value: 'pending' },
  ];
  return {
    taskQueue: ORDER_TASK_QUEUE,
    workflowId: orderWorkflowId(order.orderId),
    args: [input] as [OrderWorkflowInput],
    workflowIdReusePolicy: WorkflowIdReusePolicy.REJECT_DUPLICATE,
    workflowIdConflictPolicy: WorkflowIdConflictPolicy.FAIL,
    priority: orderPriority(order),
    typedSearchAttributes: searchAttributes,
    staticSummary: `Order ${order.orderId}: ${order.items.length} line(s), ${order.totalAmount?.toFixed(2) ?? 'priced at reservation'}, customer ${order.customerId}`,
  };
}

export const getOrderStatusQuery = defineQuery<OrderState>('getOrderStatus');
/** Accepted only while the order awaits approval; resolves once the decision has been acted on. */
export const approveOrderUpdate = defineUpdate<OrderState, [ApproveOrderBody]>('approveOrder');
/** Accepted until the order completes; resolves with the state after compensation. */
export const cancelOrderUpdate = defineUpdate<OrderState, [CancelOrderBody]>('cancelOrder');

/**
 * What POST /api/orders?wait=charged sends with the start (Update-with-Start): how long the workflow
 * holds the answer. The handler answers once the order is charged, or undone before it was (as an
 * ApplicationFailure of the reason's type), or, when `timeoutMs` passes first, with the state as it is.
 */
export interface WaitForChargeRequest {
  timeoutMs: number;
}
/** Bounds of `WaitForChargeRequest.timeoutMs`, checked by the Update's validator. */
export const CHARGE_WAIT_LIMITS_MS = { min: 100, max: 3_600_000 } as const;
/** Accepted until the order was charged or undone; resolves with the state once it was charged. */
export const waitForChargeUpdate = defineUpdate<OrderState, [WaitForChargeRequest]>('waitForCharge');

/** Integer cents; money is compared and stored in cents so 1359.97 adds up exactly. */
export function toCents(amount: number): number {
  return Math.round(amount * 100);
}

/** True when the amount has at most two decimals (allowing binary floating-point noise). */
export function isWholeCents(amount: number): boolean {
  return Math.abs(amount * 100 - Math.round(amount * 100)) < 1e-6;
}

export interface OrderValidationIssue {
  /** JSON path of the offending field, e.g. `/items/1/price`. */
  field: string;
  message: string;
}

/**
 * Business rules TypeBox cannot express: money in whole cents, each product at most once, and a total
 * equal to the items' sum when the client sent every price. Shared by the gateway (400) and the
 * workflow (defence in depth). Whether the prices are the catalog's is `priceOrder`'s question.
 */
export function validateOrder(order: CreateOrderBody): OrderValidationIssue | undefined {
  const seen = new Set<string>();
  let sumCents: number | undefined = 0;
  for (const [i, item] of order.items.entries()) {
    if (item.price !== undefined && !isWholeCents(item.price)) return { field: `/items/${i}/price`, message: 'must have at most two decimals' };
    if (seen.has(item.productId)) return { field: `/items/${i}/productId`, message: `product ${item.productId} appears more than once` };
    seen.add(item.productId);
    sumCents = item.price === undefined || sumCents === undefined ? undefined : sumCents + toCents(item.price) * item.quantity;
  }
  if (order.totalAmount === undefined) return undefined;
  if (!isWholeCents(order.totalAmount)) return { field: '/totalAmount', message: 'must have at most two decimals' };
  if (sumCents !== undefined && toCents(order.totalAmount) !== sumCents) {
    return { field: '/totalAmount', message: `must equal the sum of the items (${formatCents(sumCents)})` };
  }
  return undefined;
}

export const formatCents = (cents: number): string => (cents / 100).toFixed(2);

/** A catalog entry as the pricing rule needs it: the order worker's products table, read in one transaction. */
export interface CatalogEntry {
  name: string;
  priceCents: number;
}

export type PricingIssue = OrderValidationIssue & {
  reason: typeof ErrorType.UnknownProduct | typeof ErrorType.PriceChanged;
  /** The catalog's current value of the field, for the message and the failure's details. */
  current?: number;
};

/** What pricing needs of an order line. */
export interface PriceableItem {
  productId: string;
  quantity: number;
  price?: number;
}

export interface PricedOrder<T extends PriceableItem> {
  /** The items with the catalog's unit prices. */
  items: (T & { price: number })[];
  totalCents: number;
}

/**
 * The one pricing rule: every product must be in the catalog, and a price or total the client sent must
 * equal the catalog's. The gateway runs it on its read-only view of the catalog (400 naming the field);
 * the reservation runs it again in the transaction that holds the stock, so the price is locked with it.
 */
export function priceOrder<T extends PriceableItem>(
  order: { items: readonly T[]; totalAmount?: number | undefined },
  catalog: (productId: string) => CatalogEntry | undefined,
): { ok: true; priced: PricedOrder<T> } | { ok: false; issue: PricingIssue } {
  let totalCents = 0;
  const items: (T & { price: number })[] = [];
  for (const [i, item] of order.items.entries()) {
    const entry = catalog(item.productId);
    if (!entry) return { ok: false, issue: { field: `/items/${i}/productId`, message: `is not in the catalog (${item.productId})`, reason: ErrorType.UnknownProduct } };
    if (item.price !== undefined && toCents(item.price) !== entry.priceCents) {
      const current = entry.priceCents / 100;
      return {
        ok: false,
        issue: { field: `/items/${i}/price`, message: `must equal the catalog price of ${item.productId} (${formatCents(entry.priceCents)})`, reason: ErrorType.PriceChanged, current },
      };
    }
    items.push({ ...item, price: entry.priceCents / 100 });
    totalCents += entry.priceCents * item.quantity;
  }
  if (order.totalAmount !== undefined && toCents(order.totalAmount) !== totalCents) {
    return {
      ok: false,
      issue: { field: '/totalAmount', message: `must equal the catalog total (${formatCents(totalCents)})`, reason: ErrorType.PriceChanged, current: totalCents / 100 },
    };
  }
  return { ok: true, priced: { items, totalCents } };
}
