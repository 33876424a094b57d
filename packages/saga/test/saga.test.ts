import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { WorkflowFailedError } from '@temporalio/client';
import { ActivityFailure, ApplicationFailure, CancelledFailure, TimeoutFailure } from '@temporalio/common';
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import { bundleWorkflowCode, DefaultLogger, Runtime, Worker, type WorkflowBundle } from '@temporalio/worker';
import { ErrorType } from '@temporal-ecommerce/contracts/errors';
import { createLocalTestEnv } from '@temporal-ecommerce/infra/testing';
import type { CompensationReport } from '../src';
import { Bench, createActivities } from './activities';
import { failureOf, keepHistory, waitUntilCancelSeen, WORKFLOWS_PATH } from './helpers';
import { repeatedCompensationWorkflow, sagaWorkflow, undoAllWorkflow } from './workflows';

let env: TestWorkflowEnvironment;
let workflowBundle: WorkflowBundle;

beforeAll(async () => {
  // Failing activities and workflows are what these tests are about; keep the SDK's log to real errors.
  Runtime.install({ logger: new DefaultLogger('ERROR') });
  env = await createLocalTestEnv();
  workflowBundle = await bundleWorkflowCode({ workflowsPath: WORKFLOWS_PATH, logger: quietBundlerLogger });
});

afterAll(async () => {
  await env?.teardown();
});

const quietBundlerLogger = { trace() {}, debug() {}, info() {}, warn() {}, error() {}, log() {} };

/** A worker on a fresh task queue for one test, with activities that record into `bench`. */
async function withWorker<T>(bench: Bench, fn: (taskQueue: string) => Promise<T>): Promise<T> {
  const taskQueue = `saga-test-${randomUUID()}`;
  const worker = await Worker.create({
    connection: env.nativeConnection,
    taskQueue,
    workflowBundle,
    activities: createActivities(bench),
  });
  return worker.runUntil(fn(taskQueue));
}

function expectCompensationFailed(err: unknown): CompensationReport {
  expect(err).toBeInstanceOf(WorkflowFailedError);
  const cause = (err as WorkflowFailedError).cause;
  expect(cause).toBeInstanceOf(ApplicationFailure);
  const failure = cause as ApplicationFailure;
  expect(failure.type).toBe(ErrorType.CompensationFailed);
  expect(failure.nonRetryable).toBe(true);
  return failure.details?.[0] as CompensationReport;
}

const workflowId = (name: string) => `saga-${name}-${randomUUID()}`;

describe('Saga', () => {
  it('runs compensations in reverse order of registration, then the workflow fails with the step error', async () => {
    const bench = new Bench();
    const err = await withWorker(bench, async (taskQueue) => {
      const handle = await env.client.workflow.start(sagaWorkflow, {
        taskQueue,
        workflowId: workflowId('reverse'),
        args: [{ steps: ['reserve', 'charge', 'ship', 'notify'], failAt: 'notify' }],
      });
      const err = await failureOf(handle);
      await keepHistory('reverse-order', handle);
      return err;
    });

    expect(bench.events).toEqual([
      'do:reserve',
      'do:charge',
      'do:ship',
      'fail:notify',
      'undo-noop:notify',
      'undo:ship',
      'undo:charge',
      'undo:reserve',
    ]);
    expect(bench.effects.size).toBe(0);
    expect(err).toBeInstanceOf(WorkflowFailedError);
    const activityFailure = (err as WorkflowFailedError).cause;
    expect(activityFailure).toBeInstanceOf(ActivityFailure);
    expect((activityFailure as ActivityFailure).cause).toMatchObject({ type: 'StepFailed', message: 'notify failed' });
  });

  it('compensate() resolves with a report of the steps it undid, newest first', async () => {
    const bench = new Bench();
    const report = await withWorker(bench, (taskQueue) =>
      env.client.workflow.execute(undoAllWorkflow, { taskQueue, workflowId: workflowId('report'), args: [{ steps: ['a', 'b', 'c'] }] }),
    );
    expect(report).toEqual({ compensated: ['c', 'b', 'a'], failed: [] });
    expect(bench.events.slice(3)).toEqual(['undo:c', 'undo:b', 'undo:a']);
  });

  it('keeps compensating past a failing compensation and fails with CompensationFailed naming each failed step', async () => {
    const bench = new Bench();
    const err = await withWorker(bench, async (taskQueue) => {
      const handle = await env.client.workflow.start(undoAllWorkflow, {
        taskQueue,
        workflowId: workflowId('undo-fails'),
        args: [{ steps: ['a', 'b', 'c', 'd'], undo: { b: { fail: true }, d: { fail: true } } }],
      });
      const err = await failureOf(handle);
      await keepHistory('compensation-failed', handle);
      return err;
    });

    expect(bench.events.slice(4)).toEqual(['undo-failed:d', 'undo:c', 'undo-failed:b', 'undo:a']);
    const report = expectCompensationFailed(err);
    expect((err as WorkflowFailedError).cause?.message).toBe('Compensation failed for: d, b');
    expect(report.compensated).toEqual(['c', 'a']);
    expect(report.failed).toEqual([
      { step: 'd', message: expect.stringContaining('undo of d rejected') },
      { step: 'b', message: expect.stringContaining('undo of b rejected') },
    ]);
  });

  it('in parallel mode starts every compensation at once and still runs them all when one fails', async () => {
    const bench = new Bench();
    const err = await withWorker(bench, async (taskQueue) => {
      const handle = await env.client.workflow.start(undoAllWorkflow, {
        taskQueue,
        workflowId: workflowId('parallel'),
        args: [
          {
            steps: ['a', 'b', 'c'],
            parallel: true,
            // Each undo waits until all three have started: run one by one, they would each be alone.
            undo: { a: { barrier: 3 }, b: { barrier: 3, fail: true }, c: { barrier: 3 } },
          },
        ],
      });
      const err = await failureOf(handle);
      await keepHistory('parallel', handle);
      return err;
    });

    expect(bench.events.filter((e) => e.startsWith('undo-alone'))).toEqual([]);
    expect(bench.events.slice(3).sort()).toEqual(['undo-failed:b', 'undo:a', 'undo:c']);
    const report = expectCompensationFailed(err);
    expect([...report.compensated].sort()).toEqual(['a', 'c']);
    expect(report.failed.map((f) => f.step)).toEqual(['b']);
  });

  it('compensates in reverse when the workflow is cancelled in the middle of a step, and ends cancelled', async () => {
    const bench = new Bench();
    const { err, status } = await withWorker(bench, async (taskQueue) => {
      const handle = await env.client.workflow.start(sagaWorkflow, {
        taskQueue,
        workflowId: workflowId('cancel-step'),
        args: [{ steps: ['reserve', 'charge', 'ship'], longAt: 'ship' }],
      });
      await bench.longStepStarted.promise;
      await handle.cancel();
      const err = await failureOf(handle);
      await keepHistory('cancelled-mid-step', handle);
      return { err, status: (await handle.describe()).status.name };
    });

    expect(bench.events).toEqual([
      'do:reserve',
      'do:charge',
      'start:ship',
      'cancelled:ship',
      'undo:ship',
      'undo:charge',
      'undo:reserve',
    ]);
    expect(bench.effects.size).toBe(0);
    expect(err).toBeInstanceOf(WorkflowFailedError);
    expect((err as WorkflowFailedError).cause).toBeInstanceOf(CancelledFailure);
    expect(status).toBe('CANCELLED');
  });

  it('finishes a compensation in flight, and those after it, when the workflow is cancelled during it', async () => {
    const bench = new Bench();
    const { err, cancelRequestedActivities } = await withWorker(bench, async (taskQueue) => {
      const handle = await env.client.workflow.start(sagaWorkflow, {
        taskQueue,
        workflowId: workflowId('cancel-undo'),
        args: [{ steps: ['a', 'b', 'c'], failAt: 'c', undo: { b: { hold: true } } }],
      });
      await bench.heldUndoStarted.promise;
      await handle.cancel();
      await waitUntilCancelSeen(handle);
      bench.releaseHeldUndo.resolve();
      const err = await failureOf(handle);
      await keepHistory('cancelled-mid-compensation', handle);
      const events = (await handle.fetchHistory()).events ?? [];
      return { err, cancelRequestedActivities: events.filter((e) => e.activityTaskCancelRequestedEventAttributes).length };
    });

    expect(bench.events).toEqual(['do:a', 'do:b', 'fail:c', 'undo-noop:c', 'undo-held:b', 'undo:b', 'undo:a']);
    expect(cancelRequestedActivities).toBe(0);
    // The step failure, not the cancellation, is why the workflow stopped, so it is what the client sees.
    expect(err).toBeInstanceOf(WorkflowFailedError);
    expect(((err as WorkflowFailedError).cause as ActivityFailure).cause).toMatchObject({ type: 'StepFailed' });
  });

  it('undoes a step that timed out after taking effect, because its undo was registered before the call', async () => {
    const bench = new Bench();
    const err = await withWorker(bench, async (taskQueue) => {
      const handle = await env.client.workflow.start(sagaWorkflow, {
        taskQueue,
        workflowId: workflowId('ambiguous'),
        args: [{ steps: ['reserve', 'charge'], ambiguousAt: 'charge' }],
      });
      const err = await failureOf(handle);
      await keepHistory('ambiguous-step', handle);
      return err;
    });

    expect(bench.events).toEqual(['do:reserve', 'do:charge', 'undo:charge', 'undo:reserve']);
    expect(bench.effects.size).toBe(0);
    const activityFailure = (err as WorkflowFailedError).cause as ActivityFailure;
    expect(activityFailure).toBeInstanceOf(ActivityFailure);
    expect(activityFailure.cause).toBeInstanceOf(TimeoutFailure);
  });

  it('runs the stack once however often compensate() is called; a late registration joins the run, one after it throws', async () => {
    const bench = new Bench();
    const result = await withWorker(bench, async (taskQueue) => {
      const handle = await env.client.workflow.start(repeatedCompensationWorkflow, { taskQueue, workflowId: workflowId('repeat'), args: [{}] });
      const result = await handle.result();
      await keepHistory('repeated-compensation', handle);
      return result;
    });

    // 'late' was registered while 'b' was being undone: newest first, so before 'a'.
    expect(bench.events).toEqual(['do:a', 'do:b', 'do:late', 'undo:b', 'undo:late', 'undo:a']);
    const expected = { compensated: ['b', 'late', 'a'], failed: [] };
    expect(result.first).toEqual(expected);
    expect(result.second).toEqual(expected);
    expect(result.third).toEqual(expected);
    expect(result.samePromise).toBe(true);
    expect(result.lateRegistrationError).toContain('"too-late" registered after compensate() finished');
  });

  it('in parallel mode runs a compensation registered mid-run after the batch in flight', async () => {
    const bench = new Bench();
    const result = await withWorker(bench, (taskQueue) =>
      env.client.workflow.execute(repeatedCompensationWorkflow, {
        taskQueue,
        workflowId: workflowId('repeat-parallel'),
        args: [{ parallel: true }],
      }),
    );

    expect(bench.events.slice(3, 5).sort()).toEqual(['undo:a', 'undo:b']);
    expect(bench.events.slice(5)).toEqual(['undo:late']);
    expect(result.first.compensated.at(-1)).toBe('late');
    expect(result.second).toEqual(result.first);
  });
});
