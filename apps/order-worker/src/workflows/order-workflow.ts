import {
  ApplicationFailure,
  CancellationScope,
  allHandlersFinished,
  condition,
  createNexusServiceClient,
  isCancellation,
  log,
  patched,
  proxyActivities,
  proxyLocalActivities,
  setCurrentDetails,
  setHandler,
  upsertSearchAttributes,
  workflowInfo,
  type ActivityOptions,
} from '@temporalio/workflow';
import type { SearchAttributeUpdatePair } from '@temporalio/common';
import { msToNumber } from '@temporalio/common/lib/time';
import { Saga } from '@temporal-ecommerce/saga';
import { ErrorType } from '@temporal-ecommerce/contracts/errors';
import { SA } from '@temporal-ecommerce/contracts/search-attributes';
import { BILLING_NEXUS_ENDPOINT, billingService, type BillingPriority, type ChargeRequest, type ChargeResult } from '@temporal-ecommerce/contracts/billing';
import {
  CANCELLABLE_ORDER_STATUSES,
  DEFAULT_APPROVAL_TIMEOUT,
  DEFAULT_COMPLETION_DELAY,
  HIGH_VALUE_THRESHOLD,
  ORDER_BILLING_NEXUS_PATCH,
  ORDER_CATALOG_PRICE_PATCH,
  ORDER_CONFIRMATION_AFTER_APPROVAL_PATCH,
  ORDER_CONFIRMATION_PATCH,
  ORDER_LOCAL_STEPS_PATCH,
  ORDER_RETRACTION_PATCH,
  OrderStep,
  TERMINAL_ORDER_STATUSES,
  CHARGE_WAIT_LIMITS_MS,
  approveOrderUpdate,
  cancelOrderUpdate,
  getOrderStatusQuery,
  validateOrder,
  waitForChargeUpdate,
  type ApproveOrderBody,
  type CancelOrderBody,
  type OrderState,
  type OrderStatus,
  type OrderWorkflowInput,
} from '@temporal-ecommerce/contracts/order';
import type { OrderActivities } from '../activities';

// Retry schedule of the forward steps: 1 s, 2 s, 4 s, 8 s; business failures are non-retryable.
const FORWARD_RETRY: ActivityOptions['retry'] = { initialInterval: '1s', backoffCoefficient: 2, maximumInterval: '30s', maximumAttempts: 5 };

const { reserveInventory, createShipment } = proxyActivities<OrderActivities>({ startToCloseTimeout: '30 seconds', retry: FORWARD_RETRY });

// The same two steps as local activities (ORDER_LOCAL_STEPS_PATCH): one short, idempotent write to the
// order database each, run by the worker holding the workflow task, their results recorded as markers.
// 10 s per attempt is ~1000× what the write takes and under the 10 s workflow task timeout the SDK
// heartbeats past; FORWARD_RETRY's longest backoff (8 s) is under the local retry threshold, so every
// retry stays in the worker instead of costing a timer and a workflow task. docs/performance.md.
const local = proxyLocalActivities<OrderActivities>({ startToCloseTimeout: '10 seconds', localRetryThreshold: '10 seconds', retry: FORWARD_RETRY });

// The payment gateway can be slow: it heartbeats, so an attempt lost with its worker is retried after 5 s.
const { processPayment } = proxyActivities<OrderActivities>({ startToCloseTimeout: '2 minutes', heartbeatTimeout: '5 seconds', retry: FORWARD_RETRY });

// Undo steps must get through: they retry for longer before the saga reports them as failed.
const { releaseInventory, refundPayment, cancelShipment } = proxyActivities<OrderActivities>({
  startToCloseTimeout: '30 seconds',
  retry: { initialInterval: '1s', backoffCoefficient: 2, maximumInterval: '1 minute', maximumAttempts: 20 },
});

// A confirmation is not worth undoing the order for: a few retries, then the order goes on without it.
const { sendOrderConfirmation, sendOrderRetraction } = proxyActivities<OrderActivities>({
  startToCloseTimeout: '30 seconds',
  retry: { initialInterval: '1s', backoffCoefficient: 2, maximumInterval: '30s', maximumAttempts: 5 },
});

// Billing through Nexus (ORDER_BILLING_NEXUS_PATCH): each operation runs a billing workflow whose activity
// keeps the options above (charge: 2 min per attempt, 5 attempts; refund: the undo retries), so the
// operation's own deadline only has to outlast them plus a billing worker's restart. Past it the charge
// counts as failed and the saga refunds, which the ledger makes safe whenever the charge lands.
const CHARGE_THROUGH_BILLING_TIMEOUT = '15 minutes';
const REFUND_THROUGH_BILLING_TIMEOUT = '30 minutes';

const isoAfter = (ms: number): string => new Date(Date.now() + ms).toISOString();

/**
 * The order saga: reserve inventory at the catalog's prices → charge that total → (total > 5000: await
 * approval, 24 h) → confirm to the customer → ship → keep the order open 7 days (a cancel then is a return)
 * → completed. Any failure, rejection, timeout or cancel undoes the steps taken, newest first, and retracts
 * a confirmation already sent. Business failures end the run as an ApplicationFailure of that type, with
 * the final state as details; the status query answers throughout.
 */
export async function orderWorkflow(input: OrderWorkflowInput): Promise<OrderState> {
  const { order } = input;
  const approvalTimeoutMs = msToNumber(input.approvalTimeout ?? DEFAULT_APPROVAL_TIMEOUT);
  const completionDelayMs = msToNumber(input.completionDelay ?? DEFAULT_COMPLETION_DELAY);
  const now = new Date().toISOString();
  const state: OrderState = {
    orderId: order.orderId,
    customerId: order.customerId,
    status: 'pending',
    // Until the reservation locks the catalog total: the total the gateway priced, if the order has one.
    totalAmount: order.totalAmount ?? 0,
    items: order.items,
    inventoryReserved: false,
    paymentProcessed: false,
    requiresApproval: (order.totalAmount ?? 0) > HIGH_VALUE_THRESHOLD,
    compensations: [],
    compensationFailures: [],
    createdAt: now,
    updatedAt: now,
  };
  let approval: ApproveOrderBody | undefined;
  let cancelRequest: CancelOrderBody | undefined;
  const orderLog = { orderId: order.orderId };

  /** Search attributes held back for the next status's upsert (ORDER_LOCAL_STEPS_PATCH). */
  let heldAttributes: SearchAttributeUpdatePair[] = [];
  /**
   * `extra`: search attributes that change in the same workflow task, upserted with the status. `hold`:
   * upsert them (not the status) with the next status instead, which the same workflow task sets.
   */
  const setStatus = (status: OrderStatus, details: string, extra: SearchAttributeUpdatePair[] = [], hold = false): void => {
    state.status = status;
    state.updatedAt = new Date().toISOString();
    if (hold) heldAttributes = [...heldAttributes, ...extra];
    else {
      upsertSearchAttributes([...heldAttributes, ...extra, { key: SA.OrderStatus, value: status }]);
      heldAttributes = [];
    }
    setCurrentDetails(details);
    log.info('Order status', { ...orderLog, status });
  };
  const snapshot = (): OrderState => JSON.parse(JSON.stringify(state)) as OrderState;
  const isTerminal = (): boolean => TERMINAL_ORDER_STATUSES.includes(state.status);
  // Let approve/cancel callers get their answer before the run closes, even when it is being cancelled.
  const handlersDone = (): Promise<void> => CancellationScope.nonCancellable(() => condition(allHandlersFinished));

  setHandler(getOrderStatusQuery, snapshot);
  setHandler(
    approveOrderUpdate,
    async (decision) => {
      approval = decision;
      // Answer once the decision took effect, so the caller sees shipped (or the compensated end).
      await condition(() => state.status === 'shipped' || isTerminal());
      return snapshot();
    },
    {
      validator: (_decision) => {
        if (state.status !== 'awaiting_approval' || approval || cancelRequest) {
          throw ApplicationFailure.create({
            type: ErrorType.NotAwaiting,
            message: `Order ${order.orderId} is not awaiting approval (status: ${state.status})`,
            nonRetryable: true,
          });
        }
      },
    },
  );
  setHandler(
    cancelOrderUpdate,
    async (request) => {
      cancelRequest = request;
      await condition(isTerminal);
      return snapshot();
    },
    {
      validator: (_request) => {
        if (!CANCELLABLE_ORDER_STATUSES.includes(state.status) || cancelRequest) {
          throw ApplicationFailure.create({
            type: ErrorType.InvalidState,
            message: `Order ${order.orderId} can no longer be cancelled (status: ${state.status})`,
            nonRetryable: true,
          });
        }
      },
    },
  );

  // Update-with-Start (POST /api/orders?wait=charged): registering a handler adds no command, so runs that
  // never receive it replay as before; its timer exists only in the histories of runs that did.
  setHandler(
    waitForChargeUpdate,
    async ({ timeoutMs }) => {
      await condition(() => state.paymentProcessed || isTerminal(), timeoutMs, { summary: 'Wait for the charge (early answer)' });
      if (!state.paymentProcessed && isTerminal() && state.failure) {
        // An undo that failed is not the caller's business failure: its own type (a 500, logged).
        const type = state.status === 'compensation_failed' ? ErrorType.CompensationFailed : state.failure.type;
        throw ApplicationFailure.create({ type, message: `Order ${order.orderId} was not charged: ${state.failure.message}`, nonRetryable: true });
      }
      return snapshot();
    },
    {
      validator: ({ timeoutMs }) => {
        if (!Number.isInteger(timeoutMs) || timeoutMs < CHARGE_WAIT_LIMITS_MS.min || timeoutMs > CHARGE_WAIT_LIMITS_MS.max) {
          throw ApplicationFailure.create({
            type: ErrorType.InvalidRequest,
            message: `timeoutMs must be an integer from ${CHARGE_WAIT_LIMITS_MS.min} to ${CHARGE_WAIT_LIMITS_MS.max}`,
            nonRetryable: true,
          });
        }
        if (state.paymentProcessed || isTerminal()) {
          throw ApplicationFailure.create({ type: ErrorType.InvalidState, message: `Order ${order.orderId} is past its charge (status: ${state.status})`, nonRetryable: true });
        }
      },
    },
  );

  // Runs without the marker upsert separately and run reserve/ship as activity tasks: their history says so.
  const localSteps = patched(ORDER_LOCAL_STEPS_PATCH);
  const keys: SearchAttributeUpdatePair[] = [
    { key: SA.OrderId, value: order.orderId },
    { key: SA.CustomerId, value: order.customerId },
    ...(order.totalAmount !== undefined ? [{ key: SA.OrderTotal, value: order.totalAmount }] : []),
  ];
  // The local reservation completes in this workflow task, whose next status (reserved, or compensating)
  // upserts the run's keys: one upsert instead of three. Visibility lists the run from then on.
  if (!localSteps) upsertSearchAttributes(keys);
  setStatus('pending', 'Order received', localSteps ? keys : [], localSteps);
  const steps = localSteps ? local : { reserveInventory, createShipment };
  // Decided before the reservation, not after it: a patch marker recorded after a local activity's marker in
  // the same workflow task once failed to replay for a query on the closed run (nondeterminism, SDK 1.24).
  // The later call returns the same answer without a second marker.
  if (localSteps) patched(ORDER_CATALOG_PRICE_PATCH);
  // Decided here for the same reason. Only the newest shape moves billing behind Nexus: older runs keep
  // the payment activities their history recorded (docs/nexus.md).
  const billingViaNexus = localSteps && patched(ORDER_BILLING_NEXUS_PATCH);
  const billing = createNexusServiceClient({ endpoint: BILLING_NEXUS_ENDPOINT, service: billingService });
  // The order id stays the idempotency key on both paths: the ledger's (one charge per order) and, through
  // Nexus, billing's workflow id (charge-<orderId>), so retried operations attach to the same charge.
  // A Nexus operation carries no task priority: the order's travels in the request (docs/priorities.md).
  const { priorityKey, fairnessKey } = workflowInfo().priority ?? {};
  // Unset keys may read as 0 or '': only set ones travel.
  const priority: BillingPriority | undefined = priorityKey || fairnessKey ? { ...(priorityKey ? { priorityKey } : {}), ...(fairnessKey ? { fairnessKey } : {}) } : undefined;
  const charge = (request: ChargeRequest, summary: string): Promise<ChargeResult> =>
    billingViaNexus
      ? billing.executeOperation('charge', { ...request, ...(priority ? { priority } : {}) }, { scheduleToCloseTimeout: CHARGE_THROUGH_BILLING_TIMEOUT, summary })
      : processPayment.executeWithOptions({ summary }, [request]);
  const refund = (orderId: string): Promise<{ refunded: boolean }> =>
    billingViaNexus
      ? billing.executeOperation('refund', { orderId, ...(priority ? { priority } : {}) }, { scheduleToCloseTimeout: REFUND_THROUGH_BILLING_TIMEOUT, summary: 'Refund the order' })
      : refundPayment({ orderId });

  const saga = new Saga();
  /** Set once the customer was told the order is confirmed: undoing it then owes them a retraction. */
  let confirmed = false;
  const confirm = async (paymentId: string): Promise<void> => {
    try {
      await sendOrderConfirmation.executeWithOptions({ summary: `Confirm order to ${order.customerId}` }, [
        { orderId: order.orderId, customerId: order.customerId, totalAmount: state.totalAmount, paymentId },
      ]);
      confirmed = true;
    } catch (err) {
      if (isCancellation(err)) throw err;
      log.warn('Order confirmation not sent', { ...orderLog, error: describeFailure(err).message });
    }
  };
  const throwIfCancelled = (): void => {
    if (cancelRequest) {
      state.cancelReason = cancelRequest.reason ?? 'Cancelled on request';
      throw ApplicationFailure.create({ type: ErrorType.OrderCancelled, message: `Order ${order.orderId} cancelled: ${state.cancelReason}`, nonRetryable: true });
    }
  };

  /** Non-cancellable: a cancelled run still owes the customer the truth. Its failure does not change the outcome. */
  const retract = (reason: string): Promise<void> =>
    CancellationScope.nonCancellable(async () => {
      try {
        await sendOrderRetraction.executeWithOptions({ summary: `Retract confirmation to ${order.customerId}` }, [
          { orderId: order.orderId, customerId: order.customerId, reason },
        ]);
      } catch (err) {
        log.warn('Order retraction not sent', { ...orderLog, error: describeFailure(err).message });
      }
    });

  try {
    const invalid = validateOrder(order);
    if (invalid) {
      throw ApplicationFailure.create({ type: ErrorType.InvalidRequest, message: `${invalid.field} ${invalid.message}`, nonRetryable: true });
    }

    // Each undo is registered before its step: a step that timed out may still have happened.
    saga.addCompensation(OrderStep.ReleaseInventory, async () => {
      if ((await releaseInventory({ orderId: order.orderId })).released) state.compensations.push(OrderStep.ReleaseInventory);
    });
    const reservation = await steps.reserveInventory.executeWithOptions({ summary: `Reserve ${order.items.length} product line(s)` }, [
      { orderId: order.orderId, items: order.items, ...(order.totalAmount !== undefined ? { totalAmount: order.totalAmount } : {}) },
    ]);
    state.inventoryReserved = true;
    state.reservationId = reservation.reservationId;
    // Runs started before catalog pricing (no marker) keep the total of their input: their history says so.
    const lockedTotal: SearchAttributeUpdatePair[] = [];
    if (patched(ORDER_CATALOG_PRICE_PATCH)) {
      if (reservation.totalAmount === undefined) {
        throw ApplicationFailure.create({ type: ErrorType.StepFailed, message: `Reservation of ${order.orderId} returned no locked total`, nonRetryable: true });
      }
      state.items = reservation.items;
      state.totalAmount = reservation.totalAmount;
      state.requiresApproval = reservation.totalAmount > HIGH_VALUE_THRESHOLD;
      const total = { key: SA.OrderTotal, value: reservation.totalAmount };
      if (localSteps) lockedTotal.push(total);
      else upsertSearchAttributes([total]);
    }
    setStatus('inventory_reserved', `Inventory reserved (${reservation.reservationId})`, lockedTotal);
    throwIfCancelled();

    saga.addCompensation(OrderStep.RefundPayment, async () => {
      if ((await refund(order.orderId)).refunded) state.compensations.push(OrderStep.RefundPayment);
    });
    const payment = await charge(
      { orderId: order.orderId, customerId: order.customerId, amount: state.totalAmount },
      `Charge ${state.totalAmount.toFixed(2)} to ${order.customerId}`,
    );
    state.paymentProcessed = true;
    state.paymentId = payment.paymentId;
    setStatus('payment_completed', `Payment captured (${payment.paymentId})`);
    // Changed while 7-day orders were in flight (docs/versioning.md): a run without a patch's marker takes
    // the path it was recorded on. v3 confirms after the approval; v2 runs confirmed here, before it.
    const confirmAfterApproval = patched(ORDER_CONFIRMATION_AFTER_APPROVAL_PATCH);
    if (!confirmAfterApproval && patched(ORDER_CONFIRMATION_PATCH)) await confirm(payment.paymentId);
    throwIfCancelled();

    if (state.requiresApproval) {
      state.approvalDeadline = isoAfter(approvalTimeoutMs);
      setStatus('awaiting_approval', `Awaiting approval until ${state.approvalDeadline}`);
      const decided = await condition(() => approval !== undefined || cancelRequest !== undefined, approvalTimeoutMs, {
        summary: `Approval timeout (${input.approvalTimeout ?? DEFAULT_APPROVAL_TIMEOUT})`,
      });
      throwIfCancelled();
      if (!decided || !approval) {
        throw ApplicationFailure.create({ type: ErrorType.ApprovalTimedOut, message: `No approval for order ${order.orderId} within the timeout`, nonRetryable: true });
      }
      state.approvedBy = approval.approvedBy;
      state.approvalReason = approval.reason;
      if (!approval.approved) {
        throw ApplicationFailure.create({
          type: ErrorType.ApprovalRejected,
          message: `Order ${order.orderId} rejected by ${approval.approvedBy}${approval.reason ? `: ${approval.reason}` : ''}`,
          nonRetryable: true,
        });
      }
      setStatus('approved', `Approved by ${approval.approvedBy}`);
    }

    if (confirmAfterApproval) {
      await confirm(payment.paymentId);
      throwIfCancelled();
    }

    saga.addCompensation(OrderStep.CancelShipment, async () => {
      if ((await cancelShipment({ orderId: order.orderId })).cancelled) state.compensations.push(OrderStep.CancelShipment);
    });
    const shipment = await steps.createShipment.executeWithOptions({ summary: 'Book shipment with carrier' }, [
      { orderId: order.orderId, shippingAddress: order.shippingAddress },
    ]);
    state.shipmentId = shipment.shipmentId;
    state.trackingNumber = shipment.trackingNumber;
    state.carrier = shipment.carrier;
    state.completesAt = isoAfter(completionDelayMs);
    setStatus('shipped', `Shipped with ${shipment.carrier} (${shipment.trackingNumber}); completes ${state.completesAt}`);

    // Until completion a cancel is a return: the same compensations, newest first.
    await condition(() => cancelRequest !== undefined, completionDelayMs, {
      summary: `Return window (${input.completionDelay ?? DEFAULT_COMPLETION_DELAY})`,
    });
    throwIfCancelled();

    setStatus('completed', 'Order completed');
    await handlersDone();
    return snapshot();
  } catch (err) {
    state.failure = describeFailure(err);
    setStatus('compensating', `Compensating: ${state.failure.message}`);
    try {
      await saga.compensate();
    } catch (compensationErr) {
      if (compensationErr instanceof ApplicationFailure && compensationErr.type === ErrorType.CompensationFailed) {
        const report = compensationErr.details?.[0] as { failed?: OrderState['compensationFailures'] } | undefined;
        state.compensationFailures = report?.failed ?? [];
      }
      setStatus('compensation_failed', `Compensation failed: ${state.compensationFailures.map((f) => f.step).join(', ')}`);
      await handlersDone();
      throw compensationErr;
    }
    const cancelled = state.failure.type === ErrorType.OrderCancelled || isCancellation(err);
    // Only a confirmed order owes a retraction; runs from before this patch (no marker) sent none.
    if (confirmed && patched(ORDER_RETRACTION_PATCH)) await retract(cancelled ? 'cancelled' : state.failure.message);
    setStatus(cancelled ? 'cancelled' : 'failed', cancelled ? 'Order cancelled' : `Order failed: ${state.failure.message}`);
    await handlersDone();
    if (isCancellation(err)) throw err;
    throw ApplicationFailure.create({ type: state.failure.type, message: state.failure.message, nonRetryable: true, details: [snapshot()] });
  }
}

const KNOWN_ERROR_TYPES: readonly string[] = Object.values(ErrorType);

/**
 * The business reason behind a failure: the first of our ApplicationFailure types in the cause chain;
 * anything else (retries exhausted on a transient error, a timeout) is a StepFailed.
 */
function describeFailure(err: unknown): { type: string; message: string } {
  if (isCancellation(err)) return { type: ErrorType.OrderCancelled, message: 'Workflow cancelled' };
  const messages: string[] = [];
  for (let cur: unknown = err; cur instanceof Error; cur = cur.cause) {
    if (cur instanceof ApplicationFailure && cur.type && KNOWN_ERROR_TYPES.includes(cur.type)) return { type: cur.type, message: cur.message };
    messages.push(cur.message);
  }
  return { type: ErrorType.StepFailed, message: messages.join(': ') || String(err) };
}
