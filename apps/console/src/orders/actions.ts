import type { OrderStatus } from '../api';

/**
 * The statuses in which the order workflow's update validators accept each message (packages/contracts
 * order: approveOrderUpdate while awaiting_approval, cancelOrderUpdate in CANCELLABLE_ORDER_STATUSES).
 * Copied rather than imported, so that the page does not bundle Temporal's workflow library; a test
 * compares them with the contract, so the two cannot drift apart.
 */
export const APPROVABLE: readonly OrderStatus[] = ['awaiting_approval'];
export const CANCELLABLE: readonly OrderStatus[] = ['pending', 'inventory_reserved', 'payment_completed', 'awaiting_approval', 'approved', 'shipped'];
export const TERMINAL: readonly OrderStatus[] = ['completed', 'cancelled', 'failed', 'compensation_failed'];

export interface OrderActions {
  approve: boolean;
  reject: boolean;
  cancel: boolean;
}

export function orderActions(status: OrderStatus): OrderActions {
  const approvable = APPROVABLE.includes(status);
  return { approve: approvable, reject: approvable, cancel: CANCELLABLE.includes(status) };
}
