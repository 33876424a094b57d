import { condition, patched, proxyActivities, proxyLocalActivities, setCurrentDetails, upsertSearchAttributes } from '@temporalio/workflow';
import { SA } from '@temporal-ecommerce/contracts/search-attributes';
import type * as activities from './activities';

// The saga's timeouts: its payment step has a heartbeat timeout, the others only start-to-close. The
// proxies are Proxy objects (nothing to spread), hence one destructuring per option set.
function steps(allowEagerDispatch: boolean) {
  const { noopReserve, noopConfirm, noopShip } = proxyActivities<typeof activities>({ startToCloseTimeout: '30 seconds', allowEagerDispatch });
  const { noopCharge } = proxyActivities<typeof activities>({ startToCloseTimeout: '2 minutes', heartbeatTimeout: '5 seconds', allowEagerDispatch });
  return { noopReserve, noopCharge, noopConfirm, noopShip };
}
const eager = steps(true);
// Without eager dispatch (the worker-options bench compares them): each activity then waits for a poll.
const lazy = steps(false);

export interface CeilingInput {
  orderId: string;
  customerId: string;
  /** Schedule the activities with allowEagerDispatch: false. */
  noEagerDispatch?: boolean;
}

/** Nothing at all: one workflow task that completes the run. The floor of a workflow on this server. */
export async function emptyWorkflow(_input: unknown): Promise<string> {
  return 'done';
}

/**
 * The order saga's commands on its happy path without its business: the same four activities in a row
 * (reserve, charge, confirm, ship), the same seven search-attribute upserts, the two patch markers and the
 * return-window timer (1 ms, as the bench runs the saga). What this completes per second on a server is
 * the most the saga can reach there with the same worker options: the saga's ceiling.
 */
export async function sagaShapedWorkflow(input: CeilingInput): Promise<string> {
  const { noopReserve, noopCharge, noopConfirm, noopShip } = input.noEagerDispatch ? lazy : eager;
  const status = (value: string): void => {
    upsertSearchAttributes([{ key: SA.OrderStatus, value }]);
    setCurrentDetails(value);
  };
  upsertSearchAttributes([
    { key: SA.OrderId, value: input.orderId },
    { key: SA.CustomerId, value: input.customerId },
    { key: SA.OrderTotal, value: 109.98 },
  ]);
  status('pending');
  const reservation = await noopReserve(input);
  if (patched('bench-ceiling-price')) upsertSearchAttributes([{ key: SA.OrderTotal, value: reservation.totalAmount }]);
  status('inventory_reserved');
  await noopCharge(input);
  status('payment_completed');
  if (patched('bench-ceiling-confirm')) await noopConfirm(input);
  await noopShip(input);
  status('shipped');
  await condition(() => false, 1);
  status('completed');
  return 'done';
}

const local = proxyLocalActivities<typeof activities>({ startToCloseTimeout: '30 seconds' });

/**
 * The saga-shaped workflow as docs/performance.md proposes to reshape the saga: the two short SQLite steps
 * (reserve, ship) as local activities, and one upsert per workflow task (status with OrderTotal). Measured
 * next to sagaShapedWorkflow, it tells what the change would buy before the order workflow is touched.
 */
export async function sagaShapedLocalWorkflow(input: CeilingInput): Promise<string> {
  const status = (value: string, extra: { key: typeof SA.OrderTotal; value: number }[] = []): void => {
    upsertSearchAttributes([{ key: SA.OrderStatus, value }, ...extra]);
    setCurrentDetails(value);
  };
  upsertSearchAttributes([
    { key: SA.OrderId, value: input.orderId },
    { key: SA.CustomerId, value: input.customerId },
    { key: SA.OrderTotal, value: 109.98 },
    { key: SA.OrderStatus, value: 'pending' },
  ]);
  const reservation = await local.noopReserve(input);
  status('inventory_reserved', patched('bench-ceiling-price') ? [{ key: SA.OrderTotal, value: reservation.totalAmount }] : []);
  await eager.noopCharge(input);
  status('payment_completed');
  if (patched('bench-ceiling-confirm')) await eager.noopConfirm(input);
  await local.noopShip(input);
  status('shipped');
  await condition(() => false, 1);
  status('completed');
  return 'done';
}
