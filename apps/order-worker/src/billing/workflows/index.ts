// The billing worker's workflowsPath: every workflow of billing's task queue (docs/nexus.md).
import { proxyActivities, workflowInfo, type ActivityOptions } from '@temporalio/workflow';
import type { ChargeRequest, ChargeResult, RefundRequest, RefundResult } from '@temporal-ecommerce/contracts/billing';
import type { OrderActivities } from '../../activities';

const RETRY: ActivityOptions['retry'] = { initialInterval: '1s', backoffCoefficient: 2, maximumInterval: '30s', maximumAttempts: 5 };
// The same payment activities and options as the order workflow's own charge: one idempotent charge per order.
const { processPayment } = proxyActivities<OrderActivities>({ startToCloseTimeout: '2 minutes', heartbeatTimeout: '5 seconds', retry: RETRY });
// The order saga's undo options: a refund must get through, then fails the operation so the saga reports it.
const { refundPayment } = proxyActivities<OrderActivities>({
  startToCloseTimeout: '30 seconds',
  retry: { initialInterval: '1s', backoffCoefficient: 2, maximumInterval: '1 minute', maximumAttempts: 20 },
});

/** Charges an order once (the order id is the payment's idempotency key); a declined card fails it with PaymentDeclined. */
export async function chargeWorkflow(request: ChargeRequest): Promise<ChargeResult> {
  return processPayment.executeWithOptions(runPriority(), [request]);
}

/** Refunds an order in full; a no-op when nothing was charged. */
export async function refundWorkflow(request: RefundRequest): Promise<RefundResult> {
  return refundPayment.executeWithOptions(runPriority(), [request]);
}

/**
 * The run's priority (the caller's, set by billing's Nexus handler), given to its activity explicitly: on
 * Server 1.32 the activity task of a run started by a Nexus handler was seen dispatched without the run's
 * priority (test/workflows/order-priority.test.ts), unlike the order workflow's own activities.
 */
function runPriority(): Pick<ActivityOptions, 'priority'> {
  const { priority } = workflowInfo();
  return priority?.priorityKey || priority?.fairnessKey ? { priority } : {};
}
