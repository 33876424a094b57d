import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { ORDER_PRIORITY_KEYS, orderWorkflowId, type CreateOrderBody, type OrderPriority } from '@temporal-ecommerce/contracts/order';
import { repoRoot } from '../harness';
import { check, DemoStack, endClaims, say } from './lib/demo-stack';

/** The burst: one customer's bulk import, all normal priority, placed at once. */
const BURST = 30;
const BULK_CUSTOMER = 'customer-bulk';
const OTHER_CUSTOMER = 'customer-other';
/** The order Worker's slots: few enough that the burst waits on the order queue, where priority and fairness decide. */
const WORKFLOW_TASK_SLOTS = 2;
const ACTIVITY_SLOTS = 1;

function example(orderId: string, customerId: string, priority?: OrderPriority): CreateOrderBody {
  const body = JSON.parse(readFileSync(path.join(repoRoot(), 'examples', 'order1.json'), 'utf8')) as CreateOrderBody;
  return { ...body, orderId, customerId, ...(priority ? { priority } : {}) };
}

interface Closed {
  orderId: string;
  status: string;
  closeTime: number;
  priorityKey?: number;
  fairnessKey?: string;
  /** The priority key on the run's WorkflowExecutionStarted event (what the UI's event history shows). */
  startedPriorityKey?: number;
}

/**
 * Waits for the order's run to close, then reads what Temporal recorded: DescribeWorkflowExecution's close
 * time and the run's priority (the same fields `temporal workflow describe` and the UI show).
 */
async function closed(stack: DemoStack, orderId: string): Promise<Closed> {
  const handle = stack.client.workflow.getHandle(orderWorkflowId(orderId));
  await handle.result();
  const d = await handle.describe();
  const priority = d.raw.workflowExecutionInfo?.priority;
  const { events } = await handle.fetchHistory();
  const started = events?.[0]?.workflowExecutionStartedEventAttributes?.priority;
  return {
    orderId,
    status: d.status.name,
    closeTime: d.closeTime?.getTime() ?? Number.NaN,
    ...(priority?.priorityKey ? { priorityKey: priority.priorityKey } : {}),
    ...(priority?.fairnessKey ? { fairnessKey: priority.fairnessKey } : {}),
    ...(started?.priorityKey ? { startedPriorityKey: started.priorityKey } : {}),
  };
}

/**
 * `pnpm demo:priorities`: task priority and fairness on the order queue (docs/priorities.md). The order
 * worker runs with 2 workflow-task slots and 1 activity slot, so a burst of orders makes a backlog.
 * (1) An operator cannot raise an order to `high` (403); an approver can. (2) One customer's burst of
 * normal orders, then that customer's one `high` order and another customer's normal order: the high one
 * completes before most of the burst (priority key 1 before 3), and the other customer's is not stuck
 * behind the burst (fairness key: the customer). Completion order is read from Temporal, and the run's
 * priority from DescribeWorkflowExecution. Every claim is asserted.
 */
async function main(): Promise<void> {
  // An operator without the approver role: may place orders, may not raise their priority.
  const operatorToken = randomBytes(24).toString('hex');
  const stack = await DemoStack.start(
    {
      name: 'priorities',
      workers: ['order-worker'],
      workerEnv: { 'order-worker': { ORDER_MAX_CONCURRENT_WORKFLOW_TASKS: String(WORKFLOW_TASK_SLOTS), ORDER_MAX_CONCURRENT_ACTIVITIES: String(ACTIVITY_SLOTS) } },
      // The 7-day return window shortened, in the workflow input, so every order completes within the demo.
      gatewayEnv: { ORDER_COMPLETION_DELAY: '1 second' },
      extraTokens: [`${operatorToken}:operator:demo-clerk`],
    },
    say,
  );
  try {
    const run = Date.now().toString(36);
    say(`The order worker runs with ORDER_MAX_CONCURRENT_WORKFLOW_TASKS=${WORKFLOW_TASK_SLOTS} and ORDER_MAX_CONCURRENT_ACTIVITIES=${ACTIVITY_SLOTS}: a burst waits on the order queue.`);
    say(`The dev server runs the priority matcher with fairness on, one write partition (infra's DEV_SERVER_DYNAMIC_CONFIG).`);

    say('1) Who may raise an order to priority high: the approver role only.');
    const refused = await stack.http<{ message?: string }>('POST', '/api/orders', example(`demo-prio-refused-${run}`, BULK_CUSTOMER, 'high'), operatorToken);
    say(`  POST /api/orders {priority: "high"} as an operator → ${refused.status}: ${refused.body.message}`);
    check(refused.status === 403, 'an operator without the approver role gets 403, and nothing is started');

    say(`2) ${BULK_CUSTOMER} places ${BURST} normal orders at once; then its one urgent order, priority high (approver token), and ${OTHER_CUSTOMER}'s one normal order.`);
    const burst = Array.from({ length: BURST }, (_, i) => example(`demo-prio-bulk-${run}-${String(i).padStart(2, '0')}`, BULK_CUSTOMER));
    const placed = await Promise.all(burst.map((o) => stack.http('POST', '/api/orders', o)));
    check(placed.every((r) => r.status === 201), `all ${BURST} burst orders accepted (201)`);
    // Same customer as the burst: only its priority can move it ahead (fairness does not separate it).
    const urgent = example(`demo-prio-urgent-${run}`, BULK_CUSTOMER, 'high');
    const urgentRes = await stack.http('POST', '/api/orders', urgent);
    say(`  POST /api/orders {priority: "high", customer ${BULK_CUSTOMER}} as an approver → ${urgentRes.status}`);
    // Same priority as the burst: only its fairness key (another customer) can move it ahead.
    const other = example(`demo-prio-other-${run}`, OTHER_CUSTOMER);
    const otherRes = await stack.http('POST', '/api/orders', other);
    say(`  POST /api/orders {customer ${OTHER_CUSTOMER}} → ${otherRes.status}`);
    check(urgentRes.status === 201 && otherRes.status === 201, 'both accepted (201), after the whole burst');

    const runs = await Promise.all([urgent, other, ...burst].map((o) => closed(stack, o.orderId)));
    const [urgentRun, otherRun, ...burstRuns] = runs as [Closed, Closed, ...Closed[]];
    check(runs.every((r) => r.status === 'COMPLETED'), `all ${runs.length} orders completed`);
    const order = [...runs].sort((a, b) => a.closeTime - b.closeTime);
    const t0 = order[0]!.closeTime;
    const label = (r: Closed) => (r === urgentRun ? 'URGENT(high)' : r === otherRun ? `OTHER(${OTHER_CUSTOMER})` : r.orderId.slice(-2));
    say(`  completion order (close times from Temporal, ms after the first): ${order.map((r) => `${label(r)}+${r.closeTime - t0}`).join(' ')}`);
    const burstBefore = (r: Closed) => burstRuns.filter((b) => b.closeTime < r.closeTime).length;
    say(`  burst orders completed before the urgent one: ${burstBefore(urgentRun)} of ${BURST}; before ${OTHER_CUSTOMER}'s: ${burstBefore(otherRun)} of ${BURST} (FIFO: all ${BURST})`);
    check(burstBefore(urgentRun) < BURST / 2, `priority: the high order, placed after the burst, completed before most of it (${burstBefore(urgentRun)} of ${BURST} before it)`);
    check(burstBefore(otherRun) < BURST / 2, `fairness: ${OTHER_CUSTOMER}'s normal order was not stuck behind ${BULK_CUSTOMER}'s burst (${burstBefore(otherRun)} of ${BURST} before it)`);

    say('3) The priority Temporal recorded on each run (DescribeWorkflowExecution: workflowExecutionInfo.priority).');
    const urgentId = orderWorkflowId(urgent.orderId);
    say(`  ${urgentId}: priorityKey ${urgentRun.priorityKey}, fairnessKey ${urgentRun.fairnessKey}; ${orderWorkflowId(other.orderId)}: priorityKey ${otherRun.priorityKey}, fairnessKey ${otherRun.fairnessKey}`);
    check(urgentRun.priorityKey === ORDER_PRIORITY_KEYS.high && urgentRun.fairnessKey === BULK_CUSTOMER, `the urgent order ran at priority key ${ORDER_PRIORITY_KEYS.high} (high), fairness key ${BULK_CUSTOMER}`);
    check(
      [otherRun, ...burstRuns].every((r) => r.priorityKey === ORDER_PRIORITY_KEYS.normal) && otherRun.fairnessKey === OTHER_CUSTOMER && burstRuns.every((r) => r.fairnessKey === BULK_CUSTOMER),
      `the others ran at key ${ORDER_PRIORITY_KEYS.normal} (normal), each with its customer as fairness key`,
    );
    check(runs.every((r) => r.startedPriorityKey === r.priorityKey), 'each run\'s WorkflowExecutionStarted event records the same priority key (the event history in the UI)');

    say(`See the priority in the Temporal UI: ${stack.temporal.uiUrl}/namespaces/default/workflows/${urgentId} (its WorkflowExecutionStarted event: priority),`);
    say(`  or: temporal workflow describe --address ${stack.temporal.address} --workflow-id ${urgentId} -o json   ("priority"; run with DEMO_KEEP=1 to keep the system up)`);
    endClaims();
  } finally {
    await stack.stop(say);
  }
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
