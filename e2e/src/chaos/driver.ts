import { WorkflowFailedError, WorkflowNotFoundError, WorkflowUpdateFailedError, WorkflowUpdateStage, type Client, type WorkflowHandle } from '@temporalio/client';
import { WorkflowExecutionAlreadyStartedError, type Duration } from '@temporalio/common';
import { SA } from '@temporal-ecommerce/contracts/search-attributes';
import {
  ORDER_TASK_QUEUE,
  ORDER_WORKFLOW_TYPE,
  approveOrderUpdate,
  cancelOrderUpdate,
  orderWorkflowId,
  type OrderStatus,
  type OrderWorkflowInput,
} from '@temporal-ecommerce/contracts/order';
import { retrying, sleep, waitFor, type Rng } from '../harness';
import type { PlannedOrder } from './plan';

export interface DriverContext {
  client: Client;
  rng: Rng;
  deadline: number;
  approvalTimeout: Duration;
  completionDelay: Duration;
}

/** What the run managed to do to an order: its messages were accepted, refused, or never sent. */
export interface DriverOutcome {
  orderId: string;
  started: boolean;
  /** approve/reject/cancel: accepted, refused by the workflow (validator, already closed), or not sent. */
  message?: 'accepted' | 'refused' | 'not-sent';
  messageDetail?: string;
  error?: string;
}

interface Observed {
  status?: OrderStatus;
  closed: boolean;
}

/**
 * Where the order is, from describe (the OrderStatus search attribute the workflow upserts): answered by
 * the server alone, so it works while every worker is dead, unlike the status query.
 */
async function observe(handle: WorkflowHandle): Promise<Observed> {
  const desc = await handle.describe();
  const status = desc.typedSearchAttributes.get(SA.OrderStatus) as OrderStatus | undefined;
  return { ...(status ? { status } : {}), closed: desc.status.name !== 'RUNNING' };
}

type Message = { kind: 'decision'; approved: boolean } | { kind: 'cancel' };

/**
 * Sends an approve/reject or cancel Update, retried through restarts with one update id, so the server
 * applies it at most once however many times the request is resent. Waits only until it is accepted.
 */
async function send(ctx: DriverContext, handle: WorkflowHandle, orderId: string, message: Message): Promise<Pick<DriverOutcome, 'message' | 'messageDetail'>> {
  const updateId = `chaos-${message.kind}-${orderId}`;
  try {
    const refusal = await retrying(
      async (): Promise<string | undefined> => {
        try {
          if (message.kind === 'decision') {
            await handle.startUpdate(approveOrderUpdate, {
              args: [{ approved: message.approved, approvedBy: 'chaos-run', reason: message.approved ? 'chaos: approve' : 'chaos: reject' }],
              updateId,
              waitForStage: WorkflowUpdateStage.ACCEPTED,
            });
          } else {
            await handle.startUpdate(cancelOrderUpdate, { args: [{ reason: 'chaos: cancel' }], updateId, waitForStage: WorkflowUpdateStage.ACCEPTED });
          }
          return undefined;
        } catch (err) {
          // The workflow's answer is final: its validator said no, or the order had already closed.
          if (err instanceof WorkflowUpdateFailedError) return err.cause?.message ?? err.message;
          if (err instanceof WorkflowNotFoundError) return err.message;
          throw err;
        }
      },
      { deadline: ctx.deadline, attemptMs: 20_000, what: `${message.kind} ${orderId}` },
    );
    return refusal === undefined ? { message: 'accepted' } : { message: 'refused', messageDetail: refusal };
  } catch (err) {
    return { message: 'not-sent', messageDetail: (err as Error).message };
  }
}

/** Waits until the order reaches `status` (or closes first, in which case the message is pointless). */
async function reach(ctx: DriverContext, handle: WorkflowHandle, statuses: OrderStatus[]): Promise<boolean> {
  const seen = await waitFor(
    async () => {
      const o = await observe(handle);
      if (o.status && statuses.includes(o.status)) return 'reached';
      return o.closed ? 'closed' : undefined;
    },
    { deadline: ctx.deadline, intervalMs: 300, what: `${handle.workflowId} to reach ${statuses.join('/')}` },
  );
  return seen === 'reached';
}

/** Starts one order's workflow and plays its scenario's part: approve, reject, cancel or nothing. */
export async function driveOrder(ctx: DriverContext, planned: PlannedOrder): Promise<DriverOutcome> {
  const { order, scenario } = planned;
  const workflowId = orderWorkflowId(order.orderId);
  const input: OrderWorkflowInput = { order, approvalTimeout: ctx.approvalTimeout, completionDelay: ctx.completionDelay };
  const outcome: DriverOutcome = { orderId: order.orderId, started: false };
  try {
    await retrying(
      async () => {
        try {
          await ctx.client.workflow.start(ORDER_WORKFLOW_TYPE, { taskQueue: ORDER_TASK_QUEUE, workflowId, args: [input] });
        } catch (err) {
          // An earlier attempt got through but its answer was lost in a restart.
          if (!(err instanceof WorkflowExecutionAlreadyStartedError)) throw err;
        }
      },
      { deadline: ctx.deadline, what: `start ${workflowId}` },
    );
    outcome.started = true;
    const handle = ctx.client.workflow.getHandle(workflowId);
    switch (scenario) {
      case 'approve':
      case 'reject':
        if (await reach(ctx, handle, ['awaiting_approval'])) {
          // A human takes a moment; sometimes long enough for a worker to die in between.
          await sleep(ctx.rng.between(0, 1500));
          Object.assign(outcome, await send(ctx, handle, order.orderId, { kind: 'decision', approved: scenario === 'approve' }));
        } else outcome.message = 'not-sent';
        break;
      case 'cancel-early':
        await sleep(ctx.rng.between(0, 800));
        Object.assign(outcome, await send(ctx, handle, order.orderId, { kind: 'cancel' }));
        break;
      case 'cancel-after-ship':
        if (await reach(ctx, handle, ['shipped'])) Object.assign(outcome, await send(ctx, handle, order.orderId, { kind: 'cancel' }));
        else outcome.message = 'not-sent';
        break;
      default:
        break;
    }
    // Hold the run's slot until the order closes, so the number of orders in flight stays bounded.
    await retrying(
      async () => {
        await handle.result().catch((err: unknown) => {
          if (!(err instanceof WorkflowFailedError)) throw err;
        });
      },
      { deadline: ctx.deadline, attemptMs: 120_000, what: `result of ${workflowId}` },
    );
  } catch (err) {
    outcome.error = (err as Error).message;
  }
  return outcome;
}
