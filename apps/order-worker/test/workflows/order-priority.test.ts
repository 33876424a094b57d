import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Context } from '@temporalio/activity';
import type { WorkflowHandle } from '@temporalio/client';
import type { Priority } from '@temporalio/common';
import { DefaultLogger, Runtime, Worker } from '@temporalio/worker';
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import { createLocalTestEnv } from '@temporal-ecommerce/infra/testing';
import { ORDER_WORKFLOW_TYPE, orderWorkflowStartOptions, type CreateOrderBody } from '@temporal-ecommerce/contracts/order';
import { chargeWorkflowId } from '@temporal-ecommerce/contracts/billing';
import { createActivities } from '../../src/activities';
import { startBilling, type TestBilling } from '../helpers/billing';
import { tempOrderDb } from '../helpers/db';
import { highValueOrder, normalOrder, uniqueId, workflowBundle } from '../helpers/orders';

Runtime.install({ logger: new DefaultLogger('ERROR') });

let env: TestWorkflowEnvironment;
let store: Awaited<ReturnType<typeof tempOrderDb>>;
let billing: TestBilling;

beforeAll(async () => {
  env = await createLocalTestEnv();
  store = await tempOrderDb();
  await workflowBundle();
  // Billing's activities record their priority too: the charge runs there, through Nexus.
  billing = await startBilling(env, recordingPriorities(createActivities({ db: store.db, faults: {} })));
});

afterAll(async () => {
  await billing?.stop();
  await env?.teardown();
  await store?.close();
});

/** When the run's first workflow task was handed to a worker (its WorkflowTaskStarted event), in ns. */
async function firstDispatch(handle: WorkflowHandle): Promise<bigint> {
  const history = await handle.fetchHistory();
  const started = history.events?.find((e) => e.workflowTaskStartedEventAttributes);
  if (!started?.eventTime) throw new Error(`${handle.workflowId} has no started workflow task`);
  const { seconds, nanos } = started.eventTime;
  return BigInt(String(seconds ?? 0)) * 1_000_000_000n + BigInt(nanos ?? 0);
}

/** Orders started the way the gateway starts them (contracts' start options), on the test's queue. */
function starter(taskQueue: string) {
  return (order: CreateOrderBody) => env.client.workflow.start(ORDER_WORKFLOW_TYPE, { ...orderWorkflowStartOptions({ order }), taskQueue });
}

/**
 * The priority each activity task ran with, by workflow id. Local activities (reserve and ship) are left
 * out: they run inside the workflow task on the worker that holds it and never pass through matching, so a
 * priority means nothing to them and their info reports none.
 */
const activityPriorities = new Map<string, (Priority | undefined)[]>();
function recordingPriorities<T extends object>(activities: T): T {
  return Object.fromEntries(
    Object.entries(activities).map(([name, fn]) => [
      name,
      (...args: unknown[]) => {
        const { workflowExecution, priority, isLocal } = Context.current().info;
        const id = workflowExecution?.workflowId ?? '';
        if (!isLocal) activityPriorities.set(id, [...(activityPriorities.get(id) ?? []), priority]);
        return (fn as (...a: unknown[]) => unknown)(...args);
      },
    ]),
  ) as T;
}

/**
 * Starts a worker on a queue whose tasks are already waiting, with one workflow-task slot and no sticky
 * cache (every workflow task comes from that one queue, one at a time), and returns when each run's first
 * workflow task was dispatched.
 */
async function drain(taskQueue: string, handles: WorkflowHandle[], until: () => boolean = () => true): Promise<bigint[]> {
  const worker = await Worker.create({
    connection: env.nativeConnection,
    taskQueue,
    workflowBundle: await workflowBundle(),
    activities: recordingPriorities(createActivities({ db: store.db, faults: {} })),
    maxConcurrentWorkflowTaskExecutions: 1,
    maxCachedWorkflows: 0,
    maxConcurrentActivityTaskExecutions: 1,
  });
  const dispatched = await worker.runUntil(async () => {
    const deadline = Date.now() + 120_000;
    for (;;) {
      try {
        const dispatched = await Promise.all(handles.map(firstDispatch));
        if (!until()) throw new Error('still waiting for the drain condition');
        return dispatched;
      } catch (err) {
        if (Date.now() > deadline) throw err;
        await new Promise((r) => setTimeout(r, 250));
      }
    }
  });
  for (const h of handles) await h.terminate('test done').catch(() => undefined);
  return dispatched;
}

describe('order priority and fairness on a real server (one worker slot, a backlog)', () => {
  it('a high-value order started after a backlog of normal orders is dispatched before all of them', { timeout: 180_000 }, async () => {
    const taskQueue = uniqueId('orders-priority');
    const start = starter(taskQueue);
    // The backlog: no worker polls yet, so every start waits on the queue in order of arrival.
    const normal: WorkflowHandle[] = [];
    for (let i = 0; i < 5; i++) normal.push(await start(normalOrder(uniqueId('order-backlog'), `customer-${i}`)));
    const urgent = highValueOrder(uniqueId('order-urgent'));
    const high = await start(urgent);
    const charged = () => activityPriorities.has(chargeWorkflowId(urgent.orderId));
    const [highAt, ...normalAt] = await drain(taskQueue, [high, ...normal], charged);
    // FIFO would hand it out last; priority key 1 goes ahead of the older key-3 tasks.
    for (const n of normalAt) expect(highAt).toBeLessThan(n);
    // Its charge runs in billing's namespace through Nexus, which has no priority of its own: the order's
    // priority and fairness key travel in the request and billing's charge activity runs with them.
    const seen = activityPriorities.get(chargeWorkflowId(urgent.orderId)) ?? [];
    expect(seen.length).toBeGreaterThan(0);
    for (const p of seen) expect(p).toMatchObject({ priorityKey: 1, fairnessKey: 'customer-456' });
  });

  it("one customer's backlog does not hold back another customer's order of the same priority", { timeout: 180_000 }, async () => {
    const taskQueue = uniqueId('orders-fairness');
    const start = starter(taskQueue);
    const burst: WorkflowHandle[] = [];
    for (let i = 0; i < 6; i++) burst.push(await start(normalOrder(uniqueId('order-burst'), 'customer-bulk')));
    const other = await start(normalOrder(uniqueId('order-other'), 'customer-other'));
    const [otherAt, ...burstAt] = await drain(taskQueue, [other, ...burst]);
    // FIFO would hand it out seventh; fair queueing (a pass per fairness key) interleaves the customers.
    expect(burstAt.filter((t) => t < otherAt!).length).toBeLessThanOrEqual(1);
  });
});
