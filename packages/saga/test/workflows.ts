import { ActivityCancellationType, isCancellation, log, proxyActivities } from '@temporalio/workflow';
import { Saga, type CompensationReport } from '../src';
import type { TestActivities, UndoOptions } from './activities';

const { doStep } = proxyActivities<TestActivities>({ startToCloseTimeout: '10s', retry: { maximumAttempts: 1 } });
const { longStep } = proxyActivities<TestActivities>({
  startToCloseTimeout: '1m',
  heartbeatTimeout: '2s',
  // The workflow hears of the cancellation only once the activity has stopped, so the undo never races it.
  cancellationType: ActivityCancellationType.WAIT_CANCELLATION_COMPLETED,
  retry: { maximumAttempts: 1 },
});
const { ambiguousStep } = proxyActivities<TestActivities>({ startToCloseTimeout: '2s', retry: { maximumAttempts: 1 } });
const { undo } = proxyActivities<TestActivities>({ startToCloseTimeout: '1m', heartbeatTimeout: '2s', retry: { maximumAttempts: 1 } });

export interface SagaInput {
  steps: string[];
  /** This step's activity fails before doing anything. */
  failAt?: string;
  /** This step applies its effect and then runs until the workflow is cancelled. */
  longAt?: string;
  /** This step applies its effect and then times out, so the workflow cannot know it happened. */
  ambiguousAt?: string;
  undo?: Record<string, UndoOptions>;
  parallel?: boolean;
}

async function runSteps(saga: Saga, input: SagaInput): Promise<void> {
  for (const step of input.steps) {
    // Registered before the step: if the call fails or times out the effect may still exist.
    saga.addCompensation(step, () => undo(step, input.undo?.[step] ?? {}));
    if (step === input.longAt) await longStep(step);
    else if (step === input.ambiguousAt) await ambiguousStep(step);
    else await doStep(step, step === input.failAt);
  }
}

/** The shape the order workflow follows: on any failure, cancellation included, compensate and rethrow. */
export async function sagaWorkflow(input: SagaInput): Promise<void> {
  const saga = new Saga({ parallel: input.parallel });
  try {
    await runSteps(saga, input);
  } catch (err) {
    log.info(isCancellation(err) ? 'Cancelled; compensating' : 'Step failed; compensating', { steps: saga.steps });
    await saga.compensate();
    // A CancelledFailure rethrown here ends the workflow as Cancelled rather than Failed.
    throw err;
  }
}

/** Runs every step, then undoes them all on purpose and returns the report (a "cancel the order" path). */
export async function undoAllWorkflow(input: SagaInput): Promise<CompensationReport> {
  const saga = new Saga({ parallel: input.parallel });
  await runSteps(saga, input);
  return saga.compensate();
}

export interface RepeatedCompensationResult {
  first: CompensationReport;
  second: CompensationReport;
  third: CompensationReport;
  samePromise: boolean;
  lateRegistrationError?: string;
}

/** compensate() three times, a compensation registered mid-run, and one registered after the run. */
export async function repeatedCompensationWorkflow(input: { parallel?: boolean }): Promise<RepeatedCompensationResult> {
  const saga = new Saga({ parallel: input.parallel });
  await runSteps(saga, { steps: ['a', 'b'] });
  await doStep('late', false);

  const first = saga.compensate();
  saga.addCompensation('late', () => undo('late', {}));
  const second = saga.compensate();
  const [firstReport, secondReport] = await Promise.all([first, second]);
  const third = await saga.compensate();

  let lateRegistrationError: string | undefined;
  try {
    saga.addCompensation('too-late', () => undo('too-late', {}));
  } catch (err) {
    lateRegistrationError = err instanceof Error ? err.message : String(err);
  }
  return { first: firstReport, second: secondReport, third, samePromise: first === second, lateRegistrationError };
}
