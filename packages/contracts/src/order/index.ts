/**
 * The order domain's public contract: task queue, workflow type, id helper, messages and types.
 * Sandbox-safe (imported by workflow code): no Node builtins, no I/O, no TypeBox values.
 */
import { WorkflowIdReusePolicy, type Duration, type SearchAttributePair } from '@temporalio/common';
import { defineQuery, defineUpdate } from '@temporalio/workflow';
import { SA } from '../search-attributes';
import type { ApproveOrderBody, CancelOrderBody, CreateOrderBody, OrderItem, OrderState, ShippingAddress } from './http';

export type { ApproveOrderBody, CancelOrderBody, CreateOrderBody, OrderItem, OrderState, ShippingAddress };

export const ORDER_TASK_QUEUE = 'order-processing';
export const ORDER_WORKFLOW_TYPE = 'orderWorkflow';

/** One workflow per order: the id doubles as the duplicate-order guard. */
export function orderWorkflowId(orderId: string): string {
  return `order-${orderId}`;
}

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

/** Compensation step names, as they appear in `OrderState.compensations`. */
export const OrderStep = {
  ReleaseInventory: 'releaseInventory',
  RefundPayment: 'refundPayment',
  CancelShipment: 'cancelShipment',
} as const;

/**
 * Workflow input: the order as the client sent it plus per-deployment durations, which travel in the
 * input (not env) so that the workflow stays deterministic and tests can shorten them.
 */
export interface OrderWorkflowInput {
  order: CreateOrderBody;
  /** Default DEFAULT_APPROVAL_TIMEOUT. ms-format string ('24 hours') or milliseconds. */
  approvalTimeout?: Duration;
  /** Default DEFAULT_COMPLETION_DELAY. */
  completionDelay?: Duration;
}

/**
 * How an order workflow is started: the gateway starts every order with these options, and bench (a)
 * times the same call without HTTP. An order id is used once, ever (even a finished order's id is a
 * duplicate); the business fields go to search attributes for the Temporal UI's list.
 */
export function orderWorkflowStartOptions(input: OrderWorkflowInput) {
  const { order } = input;
  const searchAttributes: SearchAttributePair[] = [
    { key: SA.OrderId, value: order.orderId },
    { key: SA.CustomerId, value: order.customerId },
    { key: SA.OrderTotal, value: order.totalAmount },
    { key: SA.OrderStatus, value: 'pending' },
  ];
  return {
    taskQueue: ORDER_TASK_QUEUE,
    workflowId: orderWorkflowId(order.orderId),
    args: [input] as [OrderWorkflowInput],
    workflowIdReusePolicy: WorkflowIdReusePolicy.REJECT_DUPLICATE,
    typedSearchAttributes: searchAttributes,
    staticSummary: `Order ${order.orderId}: ${order.items.length} line(s), ${order.totalAmount.toFixed(2)}, customer ${order.customerId}`,
  };
}

export const getOrderStatusQuery = defineQuery<OrderState>('getOrderStatus');
/** Accepted only while the order awaits approval; resolves once the decision has been acted on. */
export const approveOrderUpdate = defineUpdate<OrderState, [ApproveOrderBody]>('approveOrder');
/** Accepted until the order completes; resolves with the state after compensation. */
export const cancelOrderUpdate = defineUpdate<OrderState, [CancelOrderBody]>('cancelOrder');

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
 * Business rules TypeBox cannot express: money in whole cents, a total equal to the items' sum and
 * each product at most once. Shared by the gateway (400) and the workflow (defence in depth).
 */
export function validateOrder(order: CreateOrderBody): OrderValidationIssue | undefined {
  const seen = new Set<string>();
  let sumCents = 0;
  for (const [i, item] of order.items.entries()) {
    if (!isWholeCents(item.price)) return { field: `/items/${i}/price`, message: 'must have at most two decimals' };
    if (seen.has(item.productId)) return { field: `/items/${i}/productId`, message: `product ${item.productId} appears more than once` };
    seen.add(item.productId);
    sumCents += toCents(item.price) * item.quantity;
  }
  if (!isWholeCents(order.totalAmount)) return { field: '/totalAmount', message: 'must have at most two decimals' };
  if (toCents(order.totalAmount) !== sumCents) {
    return { field: '/totalAmount', message: `must equal the sum of the items (${(sumCents / 100).toFixed(2)})` };
  }
  return undefined;
}
