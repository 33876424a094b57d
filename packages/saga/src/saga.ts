import { ApplicationFailure } from '@temporalio/common';
import { CancellationScope, log } from '@temporalio/workflow';
import { ErrorType } from '@temporal-ecommerce/contracts/errors';

/** Undoes one completed (or possibly completed) step. Usually a call to an idempotent activity. */
export type Compensation = () => Promise<unknown>;

export interface SagaOptions {
  /**
   * Run compensations concurrently instead of in strict reverse order. Only safe when the undo steps
   * do not depend on each other (a refund does not need the shipment cancelled first, for example).
   */
  parallel?: boolean;
}

export interface CompensationFailure {
  step: string;
  message: string;
}

export interface CompensationReport {
  /** Steps whose compensation succeeded, in the order they ran. */
  compensated: string[];
  failed: CompensationFailure[];
}

/**
 * The compensation stack of a saga, for use inside workflow code.
 *
 * Register the undo of a step with `addCompensation` *before* you run a step whose outcome can be
 * ambiguous: a charge that timed out may still have gone through, so its refund must be on the stack
 * whatever the activity call returned. The undo must therefore be idempotent and a no-op when the step
 * never happened — the activities behind our compensations are written that way.
 *
 * `compensate()` runs the stack in reverse order of registration inside a non-cancellable scope, so it
 * still runs when the workflow itself is being cancelled. A failing compensation does not stop the
 * others; after all have been tried, failures are raised together as one `CompensationFailed`
 * `ApplicationFailure` whose details name every failed step.
 */
export class Saga {
  private readonly stack: { step: string; undo: Compensation }[] = [];
  private compensating = false;

  constructor(private readonly options: SagaOptions = {}) {}

  addCompensation(step: string, undo: Compensation): void {
    if (this.compensating) throw new Error('Saga: cannot add a compensation while compensating');
    this.stack.push({ step, undo });
  }

  /** Names of registered compensations, most recent last. */
  get steps(): readonly string[] {
    return this.stack.map((s) => s.step);
  }

  /**
   * Runs every registered compensation once and empties the stack. Resolves with the report when all
   * succeeded; otherwise throws a non-retryable `CompensationFailed` failure carrying the report.
   */
  async compensate(): Promise<CompensationReport> {
    this.compensating = true;
    const entries = this.stack.splice(0).reverse();
    const report: CompensationReport = { compensated: [], failed: [] };
    const runOne = async ({ step, undo }: (typeof entries)[number]): Promise<void> => {
      try {
        await undo();
        report.compensated.push(step);
      } catch (err) {
        const message = err instanceof Error ? (err.cause instanceof Error ? `${err.message}: ${err.cause.message}` : err.message) : String(err);
        log.error('Compensation failed', { step, error: message });
        report.failed.push({ step, message });
      }
    };
    try {
      await CancellationScope.nonCancellable(async () => {
        if (this.options.parallel) {
          await Promise.all(entries.map(runOne));
        } else {
          for (const entry of entries) await runOne(entry);
        }
      });
    } finally {
      this.compensating = false;
    }
    if (report.failed.length > 0) {
      throw ApplicationFailure.create({
        type: ErrorType.CompensationFailed,
        message: `Compensation failed for: ${report.failed.map((f) => f.step).join(', ')}`,
        nonRetryable: true,
        details: [report],
      });
    }
    return report;
  }
}
