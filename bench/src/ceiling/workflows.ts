import { condition, patched, proxyActivities, proxyLocalActivities, setCurrentDetails, upsertSearchAttributes } from '@temporalio/workflow';
import type { SearchAttributeUpdatePair } from '@temporalio/common';
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
// The order workflow's local steps (reserve, ship): same timeouts and retry threshold.
const local = proxyLocalActivities<typeof activities>({ startToCloseTimeout: '10 seconds', localRetryThreshold: '10 seconds' });

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
 * The order saga's commands on its happy path without its business, in the shape the saga ships
 * (ORDER_LOCAL_STEPS_PATCH): reserve and ship as local activities, charge and confirm as activities,
 * one search-attribute upsert per workflow task (the run's keys go with the reservation's status), the
 * three patch markers and the return-window timer (1 ms, as the bench runs the saga). What this completes
 * per second on a server is the most the saga can reach there with the same worker options: its ceiling.
 */
export async function sagaShapedWorkflow(input: CeilingInput): Promise<string> {
  const { noopCharge, noopConfirm } = input.noEagerDispatch ? lazy : eager;
  const status = (value: string, extra: SearchAttributeUpdatePair[] = []): void => {
    upsertSearchAttributes([...extra, { key: SA.OrderStatus, value }]);
    setCurrentDetails(value);
  };
  patched('bench-ceiling-local');
  const priced = patched('bench-ceiling-price');
  const reservation = await local.noopReserve(input);
  const keys: SearchAttributeUpdatePair[] = [
    { key: SA.OrderId, value: input.orderId },
    { key: SA.CustomerId, value: input.customerId },
  ];
  status('inventory_reserved', priced ? [...keys, { key: SA.OrderTotal, value: reservation.totalAmount }] : keys);
  await noopCharge(input);
  status('payment_completed');
  if (patched('bench-ceiling-confirm')) await noopConfirm(input);
  await local.noopShip(input);
  status('shipped');
  await condition(() => false, 1);
  status('completed');
  return 'done';
}

/**
 * The saga's shape before ORDER_LOCAL_STEPS_PATCH (runs started before it keep it): all four steps as
 * activity tasks, an upsert for the keys and one per status change (nine in all), two patch markers.
 * Measured next to sagaShapedWorkflow, it tells what the reshaping bought on the same server.
 */
export async function sagaShapedActivitiesWorkflow(input: CeilingInput): Promise<string> {
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
