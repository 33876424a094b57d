import { ApplicationFailure, IllegalStateError } from '@temporalio/common';
import { CancellationScope, log } from '@temporalio/workflow';
import { ErrorType } from '@temporal-ecommerce/contracts/errors';

/** Undoes one completed (or possibly completed) step. Usually a call to an idempotent activity. */
export type Compensation = () => Promise<unknown>;

export interface SagaOptions {
  /**
   * Start all compensations at once instead of one by one in reverse order. Only safe when the undo
   * steps do not depend on each other (a refund does not need the shipment cancelled first, for example).
   */
  parallel?: boolean;
}

export interface CompensationFailure {
  step: string;
  /** The error's message followed by the messages of its causes (an activity's real reason is its cause). */
  message: string;
}

export interface CompensationReport {
  /** Steps whose compensation succeeded, in the order they finished. */
  compensated: string[];
  /** Steps whose compensation threw, in the order they finished. */
  failed: CompensationFailure[];
}

interface Entry {
  step: string;
  undo: Compensation;
}

/**
 * The compensation stack of a saga, for use inside workflow code. See the package README for the
 * semantics in full; in short:
 *
 * - Register the undo of a step *before* running a step whose outcome can be ambiguous (a timed-out
 *   charge may have gone through), so the undo must be idempotent and a no-op when the step never happened.
 * - `compensate()` runs the stack in reverse order of registration inside a non-cancellable scope, so it
 *   runs to the end even when the workflow is being cancelled.
 * - A failing compensation does not stop the others; afterwards all failures are raised together as one
 *   non-retryable `CompensationFailed` `ApplicationFailure` whose details hold the report.
 * - `compensate()` runs the stack once: later calls return the same promise.
 */
export class Saga {
  private readonly stack: Entry[] = [];
  private run: Promise<CompensationReport> | undefined;
  private finished = false;

  constructor(private readonly options: SagaOptions = {}) {}

  /**
   * Pushes the undo of `step`. While `compensate()` is running the undo joins that run (it is the newest,
   * so it runs next). Once the run has finished nothing would ever call it, so that is a bug and throws.
   */
  addCompensation(step: string, undo: Compensation): void {
    if (this.finished) {
      throw new IllegalStateError(`Saga: compensation for "${step}" registered after compensate() finished; it would never run`);
    }
    this.stack.push({ step, undo });
  }

  /** Names of compensations registered and not yet started, most recent last. */
  get steps(): readonly string[] {
    return this.stack.map((s) => s.step);
  }

  /**
   * Runs every registered compensation once and empties the stack. Resolves with the report when all
   * succeeded; otherwise rejects with a non-retryable `CompensationFailed` failure carrying the report.
   * Calling it again returns the first call's promise: nothing runs twice.
   */
  compensate(): Promise<CompensationReport> {
    this.run ??= this.runAll();
    return this.run;
  }

  private async runAll(): Promise<CompensationReport> {
    const report: CompensationReport = { compensated: [], failed: [] };
    log.info('Compensating', { steps: [...this.steps].reverse(), parallel: this.options.parallel === true });
    try {
      // A non-cancellable scope may be created inside an already-cancelled one; activities and timers
      // started in it are never sent a cancellation, so the undo runs to the end after handle.cancel().
      await CancellationScope.nonCancellable(async () => {
        for (;;) {
          const batch = this.options.parallel ? this.stack.splice(0).reverse() : this.stack.splice(-1);
          if (batch.length === 0) {
            // Set in the same synchronous step as the emptiness check, so no registration slips in between.
            this.finished = true;
            return;
          }
          await Promise.all(batch.map((entry) => this.runOne(entry, report)));
        }
      });
    } finally {
      this.finished = true;
    }
    if (report.failed.length > 0) {
      throw ApplicationFailure.create({
        type: ErrorType.CompensationFailed,
        message: `Compensation failed for: ${report.failed.map((f) => f.step).join(', ')}`,
        nonRetryable: true,
        details: [report],
      });
    }
    log.info('Compensated', { steps: report.compensated });
    return report;
  }

  private async runOne({ step, undo }: Entry, report: CompensationReport): Promise<void> {
    try {
      await undo();
      report.compensated.push(step);
    } catch (err) {
      const message = describe(err);
      log.error('Compensation failed', { step, error: message });
      report.failed.push({ step, message });
    }
  }
}

function describe(err: unknown): string {
  const parts: string[] = [];
  for (let e: unknown = err; e != null && parts.length < 5; e = e instanceof Error ? e.cause : undefined) {
    parts.push(e instanceof Error ? e.message : String(e));
  }
  return parts.join(': ');
}
