import { ErrorType } from '@temporal-ecommerce/contracts/errors';
import type { OrderDetails, OrderStatus } from '../api';

export type StepState = 'done' | 'active' | 'pending' | 'failed' | 'skipped';

export interface TimelineStep {
  key: string;
  label: string;
  state: StepState;
  detail?: string;
}

const COMPENSATION_LABELS: Record<string, string> = {
  releaseInventory: 'Release the reserved stock',
  refundPayment: 'Refund the payment',
  cancelShipment: 'Cancel the shipment',
};

/** Where each forward step stands, by the saga's status: the step being worked on is `active`. */
const ACTIVE_STEP: Partial<Record<OrderStatus, string>> = {
  pending: 'reserve',
  inventory_reserved: 'charge',
  awaiting_approval: 'approval',
  approved: 'ship',
  shipped: 'returns',
};

const time = (iso?: string): string => (iso ? new Date(iso).toLocaleString() : '');

/**
 * The saga as a list of steps, read from one state of the order (what GET /api/orders/{id} and the
 * order's event stream return): reserve → charge → approval wait (when the total needs one) → ship →
 * return window, then every compensation in the order it ran, and the failure that started them.
 * Derived, not accumulated, so a reload or a reconnect shows the same timeline.
 */
export function orderTimeline(order: OrderDetails): TimelineStep[] {
  const undone = ['compensating', 'cancelled', 'failed', 'compensation_failed'].includes(order.status);
  const active = order.status === 'payment_completed' ? (order.requiresApproval ? 'approval' : 'ship') : ACTIVE_STEP[order.status];
  const rejected = order.failure?.type === ErrorType.ApprovalRejected;
  const timedOut = order.failure?.type === ErrorType.ApprovalTimedOut;

  const forward = (key: string, label: string, done: boolean, detail?: string): TimelineStep => {
    const state: StepState = done ? 'done' : key === active ? 'active' : undone ? 'skipped' : 'pending';
    return { key, label, state, ...(detail ? { detail } : {}) };
  };

  const steps: TimelineStep[] = [
    { key: 'received', label: 'Order received', state: 'done', detail: `${time(order.createdAt)} · total ${order.totalAmount.toFixed(2)}` },
    forward('reserve', 'Reserve stock', order.inventoryReserved || !!order.reservationId, order.reservationId),
    forward('charge', 'Charge payment', order.paymentProcessed || !!order.paymentId, order.paymentId),
  ];
  if (order.requiresApproval) {
    const approved = !!order.approvedBy && !rejected;
    const step = forward(
      'approval',
      'Wait for approval',
      approved,
      approved
        ? `approved by ${order.approvedBy}${order.approvalReason ? `: ${order.approvalReason}` : ''}`
        : order.approvalDeadline
          ? `deadline ${time(order.approvalDeadline)}`
          : undefined,
    );
    if (rejected) {
      step.state = 'failed';
      step.detail = `rejected by ${order.approvedBy}${order.approvalReason ? `: ${order.approvalReason}` : ''}`;
    } else if (timedOut) {
      step.state = 'failed';
      step.detail = `no decision before the deadline ${time(order.approvalDeadline)}`;
    }
    steps.push(step);
  }
  steps.push(forward('ship', 'Ship', !!order.shipmentId, order.trackingNumber ? `${order.carrier ?? ''} ${order.trackingNumber}`.trim() : order.shipmentId));
  steps.push(
    forward(
      'returns',
      'Return window',
      order.status === 'completed',
      order.status === 'completed' ? 'closed: order completed' : order.completesAt ? `open until ${time(order.completesAt)}` : undefined,
    ),
  );

  if (order.failure) {
    const cancelled = order.status === 'cancelled' || !!order.cancelReason;
    steps.push({ key: 'failure', label: `${cancelled ? 'Cancelled' : 'Failed'}: ${order.failure.type}`, state: 'failed', detail: order.failure.message });
  }
  const failedSteps = new Map(order.compensationFailures.map((f) => [f.step, f.message]));
  order.compensations.forEach((name, i) => {
    steps.push({ key: `comp-${i}-${name}`, label: `Compensate: ${COMPENSATION_LABELS[name] ?? name}`, state: 'done' });
  });
  for (const [name, message] of failedSteps) {
    steps.push({ key: `compfail-${name}`, label: `Compensate: ${COMPENSATION_LABELS[name] ?? name}`, state: 'failed', detail: message });
  }
  if (order.status === 'compensating') steps.push({ key: 'compensating', label: 'Undoing the steps taken, newest first', state: 'active' });
  return steps;
}
