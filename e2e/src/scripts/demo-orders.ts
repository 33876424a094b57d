import { readFileSync } from 'node:fs';
import path from 'node:path';
import { TERMINAL_ORDER_STATUSES, type CreateOrderBody, type OrderStatus } from '@temporal-ecommerce/contracts/order';
import type { OrderDetailsResponse } from '@temporal-ecommerce/contracts/order/http';
import { OrderDbReader, repoRoot, sleep } from '../harness';
import { DemoStack, say } from './lib/demo-stack';

const DECLINED_CUSTOMER = 'customer-card-declined';

function example(file: string, orderId: string, customerId?: string): CreateOrderBody {
  const body = JSON.parse(readFileSync(path.join(repoRoot(), 'examples', file), 'utf8')) as CreateOrderBody;
  return { ...body, orderId, ...(customerId ? { customerId } : {}) };
}

async function waitForStatus(stack: DemoStack, orderId: string, statuses: readonly OrderStatus[]): Promise<OrderDetailsResponse> {
  let last = '';
  for (;;) {
    const res = await stack.http<OrderDetailsResponse>('GET', `/api/orders/${orderId}`);
    if (res.status === 200) {
      if (res.body.status !== last) say(`  GET /api/orders/${orderId} → ${(last = res.body.status)}`);
      if (statuses.includes(res.body.status)) return res.body;
    }
    await sleep(200);
  }
}

/** The saga's activities in the order they ran, from the workflow history: the reverse order of the undo is visible here. */
async function timeline(stack: DemoStack, workflowId: string): Promise<string[]> {
  const { events } = await stack.client.workflow.getHandle(workflowId).fetchHistory();
  const types = new Map<string, string>();
  const lines: string[] = [];
  for (const e of events ?? []) {
    if (e.activityTaskScheduledEventAttributes) types.set(String(e.eventId), e.activityTaskScheduledEventAttributes.activityType?.name ?? '?');
    // The charge and refund are billing's Nexus operations (docs/nexus.md): shown as `charge (Nexus)`.
    if (e.nexusOperationScheduledEventAttributes) types.set(String(e.eventId), `${e.nexusOperationScheduledEventAttributes.operation ?? '?'} (Nexus)`);
    const done = e.activityTaskCompletedEventAttributes ?? e.activityTaskFailedEventAttributes ?? e.nexusOperationCompletedEventAttributes ?? e.nexusOperationFailedEventAttributes;
    if (done) {
      const failure = e.activityTaskFailedEventAttributes?.failure ?? e.nexusOperationFailedEventAttributes?.failure;
      let cause = failure;
      while (cause?.cause) cause = cause.cause;
      lines.push(`${types.get(String(done.scheduledEventId))}${failure ? ` ✗ ${cause?.message}` : ' ✓'}`);
    }
  }
  return lines;
}

function ledger(stack: DemoStack, orderId: string): string {
  const db = new OrderDbReader(stack.dataDir);
  try {
    const e = db.sideEffects(orderId);
    return (
      `charges ${e.charges}, refunds ${e.refunds}, net charged $${(e.netChargedCents / 100).toFixed(2)}; ` +
      `reservation ${e.reservationStatus ?? 'none'}; shipment ${e.shipmentStatus ?? 'none'}`
    );
  } finally {
    db.close();
  }
}

/**
 * `pnpm demo:orders`: saga compensation, performed by itself on its own system. (1) A declined card:
 * the stock reserved before the payment is released. (2) A high-value order approved, shipped, then
 * cancelled as a return: the shipment is cancelled, the payment refunded and the stock released,
 * newest first. Each case ends with the order worker's database as evidence.
 */
async function main(): Promise<void> {
  const stack = await DemoStack.start(
    {
      name: 'orders',
      workers: ['order-worker'],
      workerEnv: { 'order-worker': { ORDER_FAULT_DECLINED_CUSTOMERS: DECLINED_CUSTOMER } },
      // The 7-day return window shortened, in the workflow input, so the demo can show a return and its end.
      gatewayEnv: { ORDER_COMPLETION_DELAY: '2 minutes', ORDER_APPROVAL_TIMEOUT: '10 minutes' },
    },
    say,
  );
  try {
    const stockBefore = (() => {
      const db = new OrderDbReader(stack.dataDir);
      const s = db.stock();
      db.close();
      return s;
    })();

    const run = Date.now().toString(36);
    say(`1) A declined card. The order worker runs with ORDER_FAULT_DECLINED_CUSTOMERS=${DECLINED_CUSTOMER}.`);
    const declined = example('order1.json', `demo-declined-${run}`, DECLINED_CUSTOMER);
    const created = await stack.http('POST', '/api/orders', declined);
    say(`  POST /api/orders (examples/order1.json, customer ${DECLINED_CUSTOMER}) → ${created.status}`);
    const failed = await waitForStatus(stack, declined.orderId, TERMINAL_ORDER_STATUSES);
    say(`  final: ${failed.status}, ${failed.failure?.type}: ${failed.failure?.message}`);
    say(`  compensations that undid something: [${failed.compensations.join(', ')}]`);
    say(`  steps in the history: ${(await timeline(stack, failed.workflowId)).join(' → ')}`);
    say(`  orders.db: ${ledger(stack, declined.orderId)}`);

    say('2) A high-value order, approved, shipped, then cancelled (a return inside the return window).');
    const highValue = example('order-high-value.json', `demo-return-${run}`);
    say(`  POST /api/orders (examples/order-high-value.json, total $${highValue.totalAmount}) → ${(await stack.http('POST', '/api/orders', highValue)).status}`);
    await waitForStatus(stack, highValue.orderId, ['awaiting_approval', ...TERMINAL_ORDER_STATUSES]);
    const approved = await stack.http<OrderDetailsResponse>('POST', `/api/orders/${highValue.orderId}/approve`, {
      approved: true,
      approvedBy: 'admin@company.com',
      reason: 'Verified with customer',
    });
    say(`  POST .../approve → ${approved.status}, ${approved.body.status} with ${approved.body.carrier} (${approved.body.trackingNumber})`);
    say(`  orders.db: ${ledger(stack, highValue.orderId)}`);
    const cancelled = await stack.http<OrderDetailsResponse>('POST', `/api/orders/${highValue.orderId}/cancel`, { reason: 'Customer returned the servers' });
    say(`  POST .../cancel → ${cancelled.status}, ${cancelled.body.status}`);
    say(`  compensations, newest step first: [${cancelled.body.compensations.join(', ')}]`);
    say(`  steps in the history: ${(await timeline(stack, cancelled.body.workflowId)).join(' → ')}`);
    say(`  orders.db: ${ledger(stack, highValue.orderId)}`);

    const db = new OrderDbReader(stack.dataDir);
    const after = db.stock();
    db.close();
    const moved = after.filter((s) => {
      const before = stockBefore.find((b) => b.productId === s.productId);
      return before && (before.onHand !== s.onHand || before.held !== s.held);
    });
    say(`Stock after both orders: ${moved.length === 0 ? 'exactly as before, every unit back on the shelf' : `changed for ${moved.map((m) => m.productId).join(', ')}`}.`);
    say(`See both in the Temporal UI: ${stack.temporal.uiUrl}/namespaces/default/workflows`);
    if (failed.status !== 'failed' || cancelled.body.status !== 'cancelled' || moved.length > 0) process.exitCode = 1;
  } finally {
    await stack.stop(say);
  }
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
