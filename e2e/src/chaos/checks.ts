import { Client, WorkflowFailedError } from '@temporalio/client';
import { BILLING_NAMESPACE, chargeWorkflowId, refundWorkflowId } from '@temporal-ecommerce/contracts/billing';
import { ApplicationFailure } from '@temporalio/common';
import { TERMINAL_ORDER_STATUSES, orderWorkflowId, type ChaosSabotage, type OrderState, type OrderStatus } from '@temporal-ecommerce/contracts/order';
import { retrying, type OrderDbReader, type StockRow } from '../harness';
import { PERMANENT_FAULT, catalogTotalCents, type CatalogPrices, type PlannedOrder } from './plan';

export interface FinalOrder {
  planned: PlannedOrder;
  /** Temporal's execution status: COMPLETED, FAILED, RUNNING, ... */
  execution: string;
  /** The order's own final status (from the result, or the failure's details). */
  status?: OrderStatus;
  failureType?: string;
  compensations: string[];
  /**
   * Attempts per activity type, from the history (an attempt number is recorded on the started event): the
   * order's own and, since the charge and refund go through Nexus, those of every run of its charge and
   * refund workflows in billing's namespace.
   */
  attempts: Record<string, number>;
}

type HistoryEvents = NonNullable<Awaited<ReturnType<ReturnType<Client['workflow']['getHandle']>['fetchHistory']>>['events']>;

function countAttempts(events: HistoryEvents, attempts: Record<string, number>): void {
  const typeOf = new Map<string, string>();
  for (const e of events) {
    const scheduled = e.activityTaskScheduledEventAttributes;
    if (scheduled) typeOf.set(String(e.eventId), scheduled.activityType?.name ?? '?');
    const started = e.activityTaskStartedEventAttributes;
    if (started) {
      const type = typeOf.get(String(started.scheduledEventId)) ?? '?';
      attempts[type] = (attempts[type] ?? 0) + (started.attempt ?? 1);
    }
  }
}

/** Reads each order's final state and activity attempts from Temporal (the order's namespace and billing's). */
export async function collectFinalOrders(client: Client, planned: PlannedOrder[], deadline: number): Promise<FinalOrder[]> {
  const billing = new Client({ connection: client.connection, namespace: BILLING_NAMESPACE });
  const out: FinalOrder[] = [];
  for (const p of planned) {
    const handle = client.workflow.getHandle(orderWorkflowId(p.order.orderId));
    const final = await retrying(
      async (): Promise<FinalOrder> => {
        const desc = await handle.describe();
        const result: FinalOrder = { planned: p, execution: desc.status.name, compensations: [], attempts: {} };
        if (desc.status.name === 'COMPLETED') {
          const state = (await handle.result()) as OrderState;
          Object.assign(result, { status: state.status, compensations: state.compensations });
        } else if (desc.status.name === 'FAILED') {
          await handle.result().catch((err: unknown) => {
            const cause = err instanceof WorkflowFailedError ? err.cause : undefined;
            if (cause instanceof ApplicationFailure) {
              const state = cause.details?.[0] as OrderState | undefined;
              Object.assign(result, { failureType: cause.type ?? undefined, status: state?.status, compensations: state?.compensations ?? [] });
            }
          });
        }
        const { events } = await handle.fetchHistory();
        countAttempts(events ?? [], result.attempts);
        // Every run: a charge started again after its workflow closed is a second run of the same id.
        for (const workflowId of [chargeWorkflowId(p.order.orderId), refundWorkflowId(p.order.orderId)]) {
          for await (const run of billing.workflow.list({ query: `WorkflowId = "${workflowId}"` })) {
            countAttempts((await billing.workflow.getHandle(workflowId, run.runId).fetchHistory()).events ?? [], result.attempts);
          }
        }
        return result;
      },
      { deadline, what: `final state of ${p.order.orderId}` },
    );
    out.push(final);
  }
  return out;
}

export interface CheckResult {
  /** The invariant's id; CHAOS_SABOTAGE=<id> breaks the guarantee it checks (CHAOS_SABOTAGES in contracts). */
  id: ChaosSabotage;
  name: string;
  ok: boolean;
  detail: string;
}

const COMPENSATED: readonly OrderStatus[] = ['failed', 'cancelled'];

/**
 * The run's invariants, read from the order worker's SQLite file (the "external systems"), not from
 * what the workflows say about themselves.
 */
export function checkInvariants(
  orders: FinalOrder[],
  db: OrderDbReader,
  initialStock: StockRow[],
  catalog: CatalogPrices,
): { checks: CheckResult[]; violations: string[] } {
  const violations: string[] = [];
  const checks: CheckResult[] = [];
  const check = (id: ChaosSabotage, name: string, problems: string[], detail: string) => {
    checks.push({ id, name, ok: problems.length === 0, detail: problems.length === 0 ? detail : `${problems.length} problem(s)` });
    violations.push(...problems.map((p) => `[${id}] ${name}: ${p}`));
  };

  const notTerminal = orders.filter((o) => o.execution === 'RUNNING' || !o.status || !TERMINAL_ORDER_STATUSES.includes(o.status));
  const compensationFailed = orders.filter((o) => o.status === 'compensation_failed');
  check(
    'closed',
    'every workflow closed in a terminal order status',
    [
      ...notTerminal.map((o) => `${o.planned.order.orderId} is ${o.execution}${o.status ? ` / ${o.status}` : ''}`),
      ...compensationFailed.map((o) => `${o.planned.order.orderId} ended compensation_failed`),
    ],
    `${orders.length}/${orders.length} closed; none compensation_failed`,
  );

  const permanentCompleted = orders.filter((o) => PERMANENT_FAULT[o.planned.scenario] && o.status === 'completed');
  check(
    'permanent-faults',
    'orders with a permanent fault never complete',
    permanentCompleted.map((o) => `${o.planned.order.orderId} (${o.planned.scenario}) completed`),
    `${orders.filter((o) => PERMANENT_FAULT[o.planned.scenario]).length} declined / out-of-stock / unknown-product / underpriced orders all failed`,
  );

  const effects = new Map(orders.map((o) => [o.planned.order.orderId, db.sideEffects(o.planned.order.orderId)]));
  const completed = orders.filter((o) => o.status === 'completed');
  const compensated = orders.filter((o) => o.status && COMPENSATED.includes(o.status));

  const paymentProblems: string[] = [];
  for (const o of completed) {
    const e = effects.get(o.planned.order.orderId)!;
    // The catalog's total, not what the order said: half the orders sent no prices at all.
    const due = catalogTotalCents(o.planned.order.items, catalog);
    if (e.netChargedCents !== due) paymentProblems.push(`${e.orderId} completed with net ${e.netChargedCents} cents charged, catalog total is ${due}`);
  }
  for (const o of compensated) {
    const e = effects.get(o.planned.order.orderId)!;
    if (e.netChargedCents !== 0) paymentProblems.push(`${e.orderId} ${o.status} with net ${e.netChargedCents} cents still charged`);
  }
  check(
    'payments',
    'payments: net charged == catalog total when completed, 0 when compensated',
    paymentProblems,
    `${completed.length} completed, ${compensated.length} compensated`,
  );

  const stockProblems: string[] = [];
  const now = new Map(db.stock().map((s) => [s.productId, s]));
  const soldUnits = new Map<string, number>();
  for (const o of completed) for (const i of o.planned.order.items) soldUnits.set(i.productId, (soldUnits.get(i.productId) ?? 0) + i.quantity);
  for (const initial of initialStock) {
    const s = now.get(initial.productId);
    if (!s) {
      stockProblems.push(`${initial.productId} disappeared`);
      continue;
    }
    if (s.onHand + s.held !== initial.onHand + initial.held) {
      stockProblems.push(`${s.productId}: on hand ${s.onHand} + held ${s.held} != initial ${initial.onHand + initial.held}`);
    }
    const sold = soldUnits.get(s.productId) ?? 0;
    if (s.held !== sold) stockProblems.push(`${s.productId}: ${s.held} units held, completed orders bought ${sold}`);
  }
  for (const o of compensated) {
    const e = effects.get(o.planned.order.orderId)!;
    if (e.reservationStatus === 'held') stockProblems.push(`${e.orderId} ${o.status} but its reservation is still held`);
  }
  check(
    'inventory',
    'inventory: on hand + held == initial per product; held == units of completed orders',
    stockProblems,
    `${initialStock.length} products; ${[...soldUnits.values()].reduce((a, b) => a + b, 0)} units sold`,
  );

  const shipmentProblems: string[] = [];
  for (const o of completed) {
    const e = effects.get(o.planned.order.orderId)!;
    if (e.shipmentStatus !== 'created') shipmentProblems.push(`${e.orderId} completed without a live shipment (${e.shipmentStatus ?? 'none'})`);
  }
  for (const o of compensated) {
    const e = effects.get(o.planned.order.orderId)!;
    if (e.shipmentStatus === 'created') shipmentProblems.push(`${e.orderId} ${o.status} but its shipment is live`);
  }
  check('shipments', 'shipments: live when completed, none live when compensated', shipmentProblems, `${completed.length} live, ${compensated.length} without`);

  // Every charge at the catalog's prices, whatever the order said; an order that sent a wrong price holds
  // no stock and pays nothing (CHAOS_SABOTAGE=prices lets the client's price through).
  const priceProblems: string[] = [];
  let pricedAtCatalog = 0;
  for (const o of orders) {
    const e = effects.get(o.planned.order.orderId)!;
    const due = catalogTotalCents(o.planned.order.items, catalog);
    if (o.planned.scenario === 'underpriced') {
      if (e.charges > 0 || e.reservationStatus === 'held') priceProblems.push(`${e.orderId} sent a price below the catalog and was charged ${e.chargedCents} cents / holds stock`);
      continue;
    }
    if (e.charges === 0) continue;
    if (e.chargedCents !== due * e.charges) priceProblems.push(`${e.orderId} charged ${e.chargedCents} cents, catalog total is ${due}`);
    else pricedAtCatalog += 1;
  }
  check(
    'prices',
    'prices: every charge is the catalog total; an underpriced order holds and pays nothing',
    priceProblems,
    `${pricedAtCatalog} charges at catalog prices (${orders.filter((o) => !o.planned.order.totalAmount).length} orders sent no prices); ${orders.filter((o) => o.planned.scenario === 'underpriced').length} underpriced orders refused`,
  );

  // Effects counted against attempts. With ORDER_FAULT_PAYMENT_LOST_RESPONSES every charge's first attempt
  // charges and then fails, so every charged order's payment ran at least twice: only the payment service's
  // idempotency keeps the ledger at one charge per order. The ledger is counted per order, not per key, so a
  // retry that charges under a new key shows up here (CHAOS_SABOTAGE=once).
  const twice: string[] = [];
  let paymentAttempts = 0;
  let charges = 0;
  let retriedOnce = 0;
  for (const o of orders) {
    const e = effects.get(o.planned.order.orderId)!;
    const attempts = o.attempts.processPayment ?? 0;
    paymentAttempts += attempts;
    charges += e.charges;
    if (e.charges > 1) twice.push(`${e.orderId} charged ${e.charges} times in ${attempts} payment attempts`);
    if (e.charges > attempts) twice.push(`${e.orderId} has ${e.charges} charges but its history shows ${attempts} payment attempts`);
    if (e.refunds > 1) twice.push(`${e.orderId} refunded ${e.refunds} times in ${o.attempts.refundPayment ?? 0} refund attempts`);
    if (e.refunds > e.charges) twice.push(`${e.orderId} refunded ${e.refunds} times, charged ${e.charges}`);
    for (const [system, rows] of Object.entries(e.rows)) if (rows > 1) twice.push(`${e.orderId} has ${rows} ${system} rows`);
    if (attempts > 1 && e.charges === 1) retriedOnce += 1;
  }
  check(
    'once',
    'no side effect twice: charges and refunds per order against the attempts in its history',
    twice,
    `${paymentAttempts} payment attempts made ${charges} charges (${db.ledgerRows()} ledger rows); ${retriedOnce} orders retried a payment after it had charged and were charged once`,
  );

  return { checks, violations };
}
