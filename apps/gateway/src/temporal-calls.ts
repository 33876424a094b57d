import { isGrpcServiceError, type Client, type WorkflowHandle } from '@temporalio/client';
import { WorkflowNotFoundError, WorkflowUpdateStage, type UpdateDefinition, type WithStartWorkflowOperation, type Workflow } from '@temporalio/client';
import { ApplicationFailure } from '@temporalio/common';
import { ErrorType } from '@temporal-ecommerce/contracts/errors';
import type { GatewayConfig } from './env';

// gRPC status codes (grpc-js is not a direct dependency of the gateway).
export const GrpcStatus = { CANCELLED: 1, INVALID_ARGUMENT: 3, DEADLINE_EXCEEDED: 4, FAILED_PRECONDITION: 9, UNAVAILABLE: 14 } as const;

/** A worker that serves a route: its name for messages, its task queue. */
export interface WorkerRef {
  name: string;
  taskQueue: string;
}

/**
 * No worker answered a query, or accepted an Update, in time: 503 naming the worker. An Update is not
 * withdrawn by its caller's deadline: Temporal keeps it and a worker that starts later may still apply it
 * (seen on a dev server: a cancel answered 503 cancelled the order once the worker was back), so the
 * message says to read the state before sending it again.
 */
export class WorkerUnavailableError extends Error {
  override name = 'WorkerUnavailableError';
  constructor(
    readonly worker: WorkerRef,
    timeoutMs: number,
    kind: 'query' | 'update',
    options?: { cause: unknown },
  ) {
    const who = `${worker.name} worker`;
    super(
      kind === 'query'
        ? `No ${who} answered within ${timeoutMs / 1000} s: is the ${who} running (task queue ${worker.taskQueue})? The workflow is safe in Temporal and resumes when a worker starts.`
        : `No ${who} accepted the request within ${timeoutMs / 1000} s: is the ${who} running (task queue ${worker.taskQueue})? ` +
            'Temporal keeps the request and a worker that starts later may still apply it: read the state before sending it again, ' +
            'or send it again with the same Idempotency-Key to get its outcome.',
      options,
    );
  }
}

/** Temporal (or a worker that did accept an Update) did not finish in time: 504. */
export class TemporalTimeoutError extends Error {
  override name = 'TemporalTimeoutError';
}

/** The gRPC status in an error's cause chain (SDK errors wrap the gRPC error one or two levels deep). */
export function grpcCode(error: unknown): number | undefined {
  let current: unknown = error;
  for (let depth = 0; depth < 6 && current instanceof Error; depth++) {
    if (isGrpcServiceError(current)) return current.code;
    current = current.cause;
  }
  return undefined;
}

const isTimeout = (error: unknown): boolean => {
  const code = grpcCode(error);
  // CANCELLED: the SDK cancels an Update or query call when its deadline passes in the client.
  return code === GrpcStatus.DEADLINE_EXCEEDED || code === GrpcStatus.CANCELLED || (error instanceof Error && error.name === 'WorkflowUpdateRPCTimeoutOrCancelledError');
};

const isNoPoller = (error: unknown): boolean =>
  grpcCode(error) === GrpcStatus.FAILED_PRECONDITION && error instanceof Error && /poller/i.test(`${error.message} ${String((error.cause as Error | undefined)?.message)}`);

/**
 * Every Temporal call the gateway makes goes through one of these, so none can hang a request:
 * `server` for calls only the server answers (start, describe, list, signal, a closed run's result),
 * `worker` for queries and Updates, which a worker must answer.
 */
export interface TemporalCalls {
  server<T>(fn: () => Promise<T>): Promise<T>;
  worker<T>(worker: WorkerRef, fn: () => Promise<T>): Promise<T>;
  /**
   * An Update in two bounded steps: a worker must accept it within the worker timeout (else 503 naming
   * the worker); its handler then has the update timeout to finish (else 504: it goes on, see GET).
   */
  update<Ret, Arg>(worker: WorkerRef, handle: WorkflowHandle, def: UpdateDefinition<Ret, [Arg]>, arg: Arg, updateId?: string): Promise<Ret>;
  /**
   * Update-with-Start in the same two bounded steps: one request starts the run and hands it the Update;
   * a worker must accept it within the worker timeout (else 503: the run was started and goes on), then
   * `resultMs` bounds the handler (else 504). Answers the run it started and the Update's result.
   */
  updateWithStart<Ret, Arg, W extends Workflow>(
    worker: WorkerRef,
    def: UpdateDefinition<Ret, [Arg]>,
    arg: Arg,
    start: WithStartWorkflowOperation<W>,
    resultMs: number,
  ): Promise<{ runId: string; result: Ret }>;
}

export function temporalCalls(client: Client, timeouts: GatewayConfig['temporalTimeouts']): TemporalCalls {
  const server = async <T>(fn: () => Promise<T>): Promise<T> => {
    try {
      return await client.withDeadline(Date.now() + timeouts.rpcMs, fn);
    } catch (err) {
      if (grpcCode(err) === GrpcStatus.DEADLINE_EXCEEDED) {
        throw new TemporalTimeoutError(`Temporal did not answer within ${timeouts.rpcMs / 1000} s`, { cause: err });
      }
      throw err;
    }
  };
  const bounded = async <T>(ref: WorkerRef, kind: 'query' | 'update', fn: () => Promise<T>): Promise<T> => {
    try {
      return await client.withDeadline(Date.now() + timeouts.workerMs, fn);
    } catch (err) {
      // The server answers FAILED_PRECONDITION at once when no worker has polled the queue for a while.
      if (isTimeout(err) || isNoPoller(err)) throw new WorkerUnavailableError(ref, timeouts.workerMs, kind, { cause: err });
      throw err;
    }
  };
  const worker = <T>(ref: WorkerRef, fn: () => Promise<T>): Promise<T> => bounded(ref, 'query', fn);
  const result = async <T>(ref: WorkerRef, ms: number, fn: () => Promise<T>): Promise<T> => {
    try {
      return await client.withDeadline(Date.now() + ms, fn);
    } catch (err) {
      if (!isTimeout(err)) throw err;
      throw new TemporalTimeoutError(`The ${ref.name} worker accepted the request but did not finish it within ${ms / 1000} s; it goes on: read the workflow's state to follow it`, {
        cause: err,
      });
    }
  };
  /** True when the handle's run exists and is no longer running; false when it is unknown or still running. */
  const runHasClosed = async (handle: WorkflowHandle): Promise<boolean> => {
    try {
      return (await server(() => handle.describe())).status.name !== 'RUNNING';
    } catch (err) {
      if (err instanceof WorkflowNotFoundError) return false;
      throw err;
    }
  };
  return {
    server,
    worker,
    async updateWithStart(ref, def, arg, startWorkflowOperation, resultMs) {
      const accepted = await bounded(ref, 'update', () =>
        client.workflow.startUpdateWithStart(def, { args: [arg], waitForStage: WorkflowUpdateStage.ACCEPTED, startWorkflowOperation }),
      );
      // At ACCEPTED the server has named the run; the type allows none for handles made by id only.
      const runId = accepted.workflowRunId ?? (await server(async () => (await (await startWorkflowOperation.workflowHandle()).describe()).runId));
      return { runId, result: await result(ref, resultMs, () => accepted.result()) };
    },
    async update(ref, handle, def, arg, updateId) {
      // With an id (schemas/idempotency.ts), a retry attaches to the Update the server already holds.
      const accepted = await bounded(ref, 'update', () => handle.startUpdate(def, { args: [arg], waitForStage: WorkflowUpdateStage.ACCEPTED, ...(updateId ? { updateId } : {}) })).catch(async (err: unknown) => {
        // The run exists but has finished: a conflict with its state (409), not an unknown id (404). The
        // server's wording differs while a run is closing, so ask it whether the run exists.
        if (err instanceof WorkflowNotFoundError && (/already completed/i.test(err.message) || (await runHasClosed(handle)))) {
          throw ApplicationFailure.create({ type: ErrorType.InvalidState, message: `${handle.workflowId} has finished and takes no more requests`, nonRetryable: true });
        }
        throw err;
      });
      return result(ref, timeouts.updateMs, () => accepted.result());
    },
  };
}
