import { readFileSync } from 'node:fs';
import path from 'node:path';
import { Client, type WorkflowHandle } from '@temporalio/client';
import { BILLING_NAMESPACE, BILLING_NEXUS_ENDPOINT, chargeWorkflowId, refundWorkflowId } from '@temporal-ecommerce/contracts/billing';
import { ErrorType } from '@temporal-ecommerce/contracts/errors';
import { TERMINAL_ORDER_STATUSES, orderWorkflowId, type CreateOrderBody, type OrderStatus } from '@temporal-ecommerce/contracts/order';
import type { OrderDetailsResponse } from '@temporal-ecommerce/contracts/order/http';
import { OrderDbReader, repoRoot, sleep } from '../harness';
import { check, DemoStack, endClaims, say } from './lib/demo-stack';

const DECLINED_CUSTOMER = 'customer-card-declined';

function example(file: string, orderId: string, customerId?: string): CreateOrderBody {
  const body = JSON.parse(readFileSync(path.join(repoRoot(), 'examples', file), 'utf8')) as CreateOrderBody;
  return { ...body, orderId, ...(customerId ? { customerId } : {}) };
}

async function waitForStatus(stack: DemoStack, orderId: string, statuses: readonly OrderStatus[]): Promise<OrderDetailsResponse> {
  for (;;) {
    const res = await stack.http<OrderDetailsResponse>('GET', `/api/orders/${orderId}`);
    if (res.status === 200 && statuses.includes(res.body.status)) return res.body;
    await sleep(200);
  }
}

/** The order's Nexus events, as the Temporal UI lists them: `NexusOperationScheduled charge (billing/billing)` ... */
async function nexusEvents(handle: WorkflowHandle): Promise<string[]> {
  const { events } = await handle.fetchHistory();
  const operations = new Map<string, string>();
  const lines: string[] = [];
  for (const e of events ?? []) {
    const scheduled = e.nexusOperationScheduledEventAttributes;
    if (scheduled) {
      operations.set(String(e.eventId), scheduled.operation ?? '?');
      lines.push(`NexusOperationScheduled ${scheduled.operation} (endpoint ${scheduled.endpoint}, service ${scheduled.service})`);
    }
    const started = e.nexusOperationStartedEventAttributes;
    if (started) lines.push(`NexusOperationStarted ${operations.get(String(started.scheduledEventId))}`);
    const completed = e.nexusOperationCompletedEventAttributes;
    if (completed) lines.push(`NexusOperationCompleted ${operations.get(String(completed.scheduledEventId))}`);
    const failed = e.nexusOperationFailedEventAttributes;
    if (failed) {
      // The business reason is the innermost cause: operation → billing workflow → activity → PaymentDeclined.
      let cause = failed.failure;
      while (cause?.cause) cause = cause.cause;
      lines.push(`NexusOperationFailed ${operations.get(String(failed.scheduledEventId))}: ${cause?.applicationFailureInfo?.type ?? ''} ${cause?.message ?? ''}`.trimEnd());
    }
  }
  return lines;
}

/** A billing workflow in billing's namespace: status, and its result when it completed. */
async function billingRun(billing: Client, workflowId: string): Promise<{ status: string; result?: Record<string, unknown> }> {
  try {
    const handle = billing.workflow.getHandle(workflowId);
    const status = (await handle.describe()).status.name;
    return status === 'COMPLETED' ? { status, result: (await handle.result()) as Record<string, unknown> } : { status };
  } catch {
    return { status: 'NOT FOUND' };
  }
}

function ledger(stack: DemoStack, orderId: string): { charges: number; refunds: number; netCents: number; reservation: string } {
  const db = new OrderDbReader(stack.dataDir);
  try {
    const e = db.sideEffects(orderId);
    return { charges: e.charges, refunds: e.refunds, netCents: e.netChargedCents, reservation: e.reservationStatus ?? 'none' };
  } finally {
    db.close();
  }
}

/**
 * `pnpm demo:nexus`: the order saga charges through billing's Nexus endpoint, into billing's own namespace
 * (docs/nexus.md). (1) An order placed with `?wait=charged` answers with billing's payment id; its history
 * holds the Nexus operation, and `charge-<orderId>` ran in `billing`, not in `default`. (2) A declined card
 * comes back across the boundary as the operation's failure: the order releases its stock and fails
 * PaymentDeclined, and the caller got a 402 at once. Every claim is asserted.
 */
async function main(): Promise<void> {
  const stack = await DemoStack.start(
    {
      name: 'nexus',
      workers: ['order-worker'],
      workerEnv: { 'order-worker': { ORDER_FAULT_DECLINED_CUSTOMERS: DECLINED_CUSTOMER } },
      gatewayEnv: { ORDER_COMPLETION_DELAY: '3 seconds' },
    },
    say,
  );
  const billing = new Client({ connection: stack.client.connection, namespace: BILLING_NAMESPACE });
  try {
    const run = Date.now().toString(36);
    say(`The order worker process runs two Workers: orders in "default" and billing in "${BILLING_NAMESPACE}" (its Nexus service behind endpoint "${BILLING_NEXUS_ENDPOINT}").`);

    say('1) An order placed with ?wait=charged: the gateway answers once billing has charged it, through Nexus.');
    const order = example('order1.json', `demo-nexus-${run}`);
    const created = await stack.http<{ paymentId?: string; status?: string }>('POST', '/api/orders?wait=charged', order);
    say(`  POST /api/orders?wait=charged (examples/order1.json) → ${created.status}, paymentId ${created.body.paymentId}`);
    check(created.status === 201 && /^pay_/.test(created.body.paymentId ?? ''), 'answered 201 with the payment id in one round trip');
    const done = await waitForStatus(stack, order.orderId, TERMINAL_ORDER_STATUSES);
    check(done.status === 'completed', `the saga went on and completed (${done.status})`);
    const events = await nexusEvents(stack.client.workflow.getHandle(orderWorkflowId(order.orderId)));
    say(`  the order's history (namespace default): ${events.join(' → ')}`);
    check(events[0]?.startsWith(`NexusOperationScheduled charge (endpoint ${BILLING_NEXUS_ENDPOINT}`) === true && events.includes('NexusOperationCompleted charge'), 'the charge is a Nexus operation scheduled on the billing endpoint, and completed');
    const charge = await billingRun(billing, chargeWorkflowId(order.orderId));
    say(`  namespace ${BILLING_NAMESPACE}: ${chargeWorkflowId(order.orderId)} ${charge.status}, result ${JSON.stringify(charge.result)}`);
    check(charge.status === 'COMPLETED' && charge.result?.paymentId === created.body.paymentId, `billing's charge workflow ran in "${BILLING_NAMESPACE}" and returned that payment id`);
    const inDefault = await billingRun(stack.client, chargeWorkflowId(order.orderId));
    check(inDefault.status === 'NOT FOUND', `no ${chargeWorkflowId(order.orderId)} in "default": the order's namespace never ran the charge`);
    const charged = ledger(stack, order.orderId);
    check(charged.charges === 1 && charged.netCents === Math.round(order.totalAmount! * 100), `orders.db: one charge of $${(charged.netCents / 100).toFixed(2)}`);

    say(`2) A declined card (the worker runs with ORDER_FAULT_DECLINED_CUSTOMERS=${DECLINED_CUSTOMER}), also with ?wait=charged.`);
    const declined = example('order1.json', `demo-nexus-declined-${run}`, DECLINED_CUSTOMER);
    const refused = await stack.http<{ error?: string; message?: string; type?: string }>('POST', '/api/orders?wait=charged', declined);
    say(`  POST /api/orders?wait=charged → ${refused.status}: ${refused.body.message}`);
    check(refused.status === 402, 'billing\'s decline reached the caller as a synchronous 402');
    const failed = await waitForStatus(stack, declined.orderId, TERMINAL_ORDER_STATUSES);
    say(`  final: ${failed.status}, ${failed.failure?.type}: ${failed.failure?.message}; compensations [${failed.compensations.join(', ')}]`);
    check(failed.status === 'failed' && failed.failure?.type === ErrorType.PaymentDeclined, 'the order failed PaymentDeclined, as it did with the direct payment activity');
    check(failed.compensations.join(',') === 'releaseInventory', 'the compensation released the reservation (nothing to refund)');
    const declinedEvents = await nexusEvents(stack.client.workflow.getHandle(orderWorkflowId(declined.orderId)));
    say(`  the order's history: ${declinedEvents.join(' → ')}`);
    check(declinedEvents.some((l) => l.startsWith(`NexusOperationFailed charge: ${ErrorType.PaymentDeclined}`)) && declinedEvents.includes('NexusOperationCompleted refund'), 'the charge came back as NexusOperationFailed with PaymentDeclined as its cause; the saga\'s refund went through Nexus too');
    const [declinedCharge, declinedRefund] = await Promise.all([billingRun(billing, chargeWorkflowId(declined.orderId)), billingRun(billing, refundWorkflowId(declined.orderId))]);
    say(`  namespace ${BILLING_NAMESPACE}: ${chargeWorkflowId(declined.orderId)} ${declinedCharge.status}; ${refundWorkflowId(declined.orderId)} ${declinedRefund.status} ${JSON.stringify(declinedRefund.result)}`);
    check(declinedCharge.status === 'FAILED' && declinedRefund.status === 'COMPLETED' && declinedRefund.result?.refunded === false, 'billing\'s charge failed and its refund found nothing to refund');
    const notCharged = ledger(stack, declined.orderId);
    check(notCharged.charges === 0 && notCharged.netCents === 0 && notCharged.reservation === 'released', `orders.db: nothing charged, reservation ${notCharged.reservation}`);

    say(`See them in the Temporal UI: ${stack.temporal.uiUrl}/namespaces/default/workflows/${orderWorkflowId(order.orderId)} (Nexus operations in its history)`);
    say(`  and ${stack.temporal.uiUrl}/namespaces/${BILLING_NAMESPACE}/workflows (the charge and refund workflows), ${stack.temporal.uiUrl}/nexus (the endpoint).`);
    endClaims();
  } finally {
    await stack.stop(say);
  }
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
