import { ApplicationFailure, Context } from '@temporalio/activity';

/** A promise with its resolve, so a test can wait for an activity or release it. */
export class Deferred<T = void> {
  resolve!: (value: T) => void;
  readonly promise = new Promise<T>((resolve) => {
    this.resolve = resolve;
  });
}

export interface UndoOptions {
  /** Throw a non-retryable failure instead of undoing. */
  fail?: boolean;
  /** Wait (heartbeating) until the test releases `bench.releaseHeldUndo`. */
  hold?: boolean;
  /** Wait until this many undos have started, proving they run at the same time. */
  barrier?: number;
}

/**
 * The outside world of one test: the effects that are currently applied (what a payment provider or
 * warehouse would hold) and the ordered list of what happened. Undo is idempotent like the real ones:
 * it removes the effect if present and is a no-op otherwise.
 */
export class Bench {
  readonly events: string[] = [];
  readonly effects = new Set<string>();
  readonly longStepStarted = new Deferred();
  readonly heldUndoStarted = new Deferred();
  readonly releaseHeldUndo = new Deferred();
  private undosStarted = 0;
  private readonly undoStartedListeners: (() => void)[] = [];

  noteUndoStarted(): void {
    this.undosStarted++;
    for (const listener of this.undoStartedListeners) listener();
  }

  async waitForUndosStarted(count: number, giveUp: Promise<unknown>): Promise<boolean> {
    const reached = new Promise<true>((resolve) => {
      const check = () => {
        if (this.undosStarted >= count) resolve(true);
      };
      this.undoStartedListeners.push(check);
      check();
    });
    return Promise.race([reached, giveUp.then(() => false as const)]);
  }
}

export function createActivities(bench: Bench) {
  return {
    async doStep(step: string, fail: boolean): Promise<void> {
      if (fail) {
        bench.events.push(`fail:${step}`);
        throw ApplicationFailure.nonRetryable(`${step} failed`, 'StepFailed');
      }
      bench.effects.add(step);
      bench.events.push(`do:${step}`);
    },

    /** Applies its effect, then works (heartbeating) until cancelled, like a step waiting on a slow partner. */
    async longStep(step: string): Promise<void> {
      const ctx = Context.current();
      bench.effects.add(step);
      bench.events.push(`start:${step}`);
      bench.longStepStarted.resolve();
      const beat = setInterval(() => ctx.heartbeat(), 200);
      try {
        await ctx.cancelled;
      } catch (err) {
        bench.events.push(`cancelled:${step}`);
        throw err;
      } finally {
        clearInterval(beat);
      }
    },

    /** Performs its effect, then never answers: the workflow sees a timeout although the effect happened. */
    async ambiguousStep(step: string): Promise<void> {
      const ctx = Context.current();
      bench.effects.add(step);
      bench.events.push(`do:${step}`);
      await ctx.cancelled.catch(() => undefined);
    },

    async undo(step: string, options: UndoOptions = {}): Promise<void> {
      const ctx = Context.current();
      bench.noteUndoStarted();
      const beat = setInterval(() => ctx.heartbeat(), 200);
      try {
        if (options.barrier !== undefined) {
          const giveUp = ctx.sleep(5_000).catch(() => undefined);
          if (!(await bench.waitForUndosStarted(options.barrier, giveUp))) bench.events.push(`undo-alone:${step}`);
        }
        if (options.hold) {
          bench.events.push(`undo-held:${step}`);
          bench.heldUndoStarted.resolve();
          await Promise.race([bench.releaseHeldUndo.promise, ctx.cancelled]);
        }
      } catch (err) {
        bench.events.push(`undo-cancelled:${step}`);
        throw err;
      } finally {
        clearInterval(beat);
      }
      if (options.fail) {
        bench.events.push(`undo-failed:${step}`);
        throw ApplicationFailure.nonRetryable(`undo of ${step} rejected`, 'UndoRejected');
      }
      bench.events.push(bench.effects.delete(step) ? `undo:${step}` : `undo-noop:${step}`);
    },
  };
}

export type TestActivities = ReturnType<typeof createActivities>;
