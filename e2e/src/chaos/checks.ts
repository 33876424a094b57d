import { WorkflowFailedError, type Client } from '@temporalio/client';
import { ApplicationFailure } from '@temporalio/common';
import { TERMINAL_ORDER_STATUSES, orderWorkflowId, toCents, type OrderState, type OrderStatus } from '@temporal-ecommerce/contracts/order';
import { retrying, type OrderDbReader, type StockRow } from '../harness';
import { PERMANENT_FAULT, type PlannedOrder } from './plan';

export interface FinalOrder {
  planned: PlannedOrder;
  /** Temporal's execution status: COMPLETED, FAILED, RUNNING, ... */
  execution: string;
  /** The order's own final status (from the result, or the failure's details). */
  status?: OrderStatus;
  failureType?: string;
  compensations: string[];
  /** Attempts per activity type, from the history (an attempt number is recorded on the started event). */
  attempts: Record<string, number>;
}

/** Reads each order's final state and activity attempts from Temporal. */
export async function collectFinalOrders(client: Client, planned: PlannedOrder[], deadline: number): Promise<FinalOrder[]> {
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
        const typeOf = new Map<string, string>();
        for (const e of events ?? []) {
          const scheduled = e.activityTaskScheduledEventAttributes;
          if (scheduled) typeOf.set(String(e.eventId), scheduled.activityType?.name ?? '?');
          const started = e.activityTaskStartedEventAttributes;
          if (started) {
            const type = typeOf.get(String(started.scheduledEventId)) ?? '?';
            result.attempts[type] = (result.attempts[type] ?? 0) + (started.attempt ?? 1);
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
  name: string;
  ok: boolean;
  detail: string;
}

const COMPENSATED: readonly OrderStatus[] = ['failed', 'cancelled'];

/**
 * The run's invariants, read from the order worker's SQLite file (the "external systems"), not from
 * what the workflows say about themselves.
 */
export function checkInvariants(orders: FinalOrder[], db: OrderDbReader, initialStock: StockRow[]): { checks: CheckResult[]; violations: string[] } {
  const violations: string[] = [];
  const checks: CheckResult[] = [];
  const check = (name: string, problems: string[], detail: string) => {
    checks.push({ name, ok: problems.length === 0, detail: problems.length === 0 ? detail : `${problems.length} problem(s)` });
    violations.push(...problems.map((p) => `${name}: ${p}`));
  };

  const notTerminal = orders.filter((o) => o.execution === 'RUNNING' || !o.status || !TERMINAL_ORDER_STATUSES.includes(o.status));
  const compensationFailed = orders.filter((o) => o.status === 'compensation_failed');
  check(
    'every workflow closed in a terminal order status',
    [
      ...notTerminal.map((o) => `${o.planned.order.orderId} is ${o.execution}${o.status ? ` / ${o.status}` : ''}`),
      ...compensationFailed.map((o) => `${o.planned.order.orderId} ended compensation_failed`),
    ],
    `${orders.length}/${orders.length} closed; none compensation_failed`,
  );

  const permanentCompleted = orders.filter((o) => PERMANENT_FAULT[o.planned.scenario] && o.status === 'completed');
  check(
    'orders with a permanent fault never complete',
    permanentCompleted.map((o) => `${o.planned.order.orderId} (${o.planned.scenario}) completed`),
    `${orders.filter((o) => PERMANENT_FAULT[o.planned.scenario]).length} declined / out-of-stock / unknown-product orders all failed`,
  );

  const effects = new Map(orders.map((o) => [o.planned.order.orderId, db.sideEffects(o.planned.order.orderId)]));
  const completed = orders.filter((o) => o.status === 'completed');
  const compensated = orders.filter((o) => o.status && COMPENSATED.includes(o.status));

  const paymentProblems: string[] = [];
  for (const o of completed) {
    const e = effects.get(o.planned.order.orderId)!;
    const due = toCents(o.planned.order.totalAmount);
    if (e.netChargedCents !== due) paymentProblems.push(`${e.orderId} completed with net ${e.netChargedCents} cents charged, total is ${due}`);
  }
  for (const o of compensated) {
    const e = effects.get(o.planned.order.orderId)!;
    if (e.netChargedCents !== 0) paymentProblems.push(`${e.orderId} ${o.status} with net ${e.netChargedCents} cents still charged`);
  }
  check('payments: net charged == total when completed, 0 when compensated', paymentProblems, `${completed.length} completed, ${compensated.length} compensated`);

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
  check('shipments: live when completed, none live when compensated', shipmentProblems, `${completed.length} live, ${compensated.length} without`);

  const twice: string[] = db.duplicateLedgerKeys().map((d) => `ledger key ${d.key} has ${d.rows} rows`);
  for (const e of effects.values()) {
    if (e.charges > 1) twice.push(`${e.orderId} charged ${e.charges} times`);
    if (e.refunds > 1) twice.push(`${e.orderId} refunded ${e.refunds} times`);
    for (const [system, rows] of Object.entries(e.rows)) if (rows > 1) twice.push(`${e.orderId} has ${rows} ${system} rows`);
  }
  const paymentAttempts = orders.reduce((n, o) => n + (o.attempts.processPayment ?? 0), 0);
  const charges = [...effects.values()].reduce((n, e) => n + e.charges, 0);
  check(
    'no side effect twice: one ledger row per idempotency key, at most one payment/reservation/shipment per order',
    twice,
    `${db.ledgerRows()} ledger rows; ${paymentAttempts} payment attempts made ${charges} charges`,
  );

  return { checks, violations };
}
