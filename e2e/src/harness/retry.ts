import { sleep } from './stats';

/**
 * Calls `fn` until it returns, retrying errors (a restarting server, a worker that is down) with a short
 * pause. Gives up at `deadline` with the last error. Each attempt is cut off after `attemptMs`, so a call
 * that waits on a dead server cannot outlive the run.
 */
export async function retrying<T>(fn: () => Promise<T>, opts: { deadline: number; attemptMs?: number; pauseMs?: number; what: string }): Promise<T> {
  let lastError: unknown;
  while (Date.now() < opts.deadline) {
    try {
      return await withTimeout(fn(), opts.attemptMs ?? 15_000, opts.what);
    } catch (err) {
      lastError = err;
      await sleep(opts.pauseMs ?? 500);
    }
  }
  throw new Error(`${opts.what}: gave up at the deadline (${lastError instanceof Error ? lastError.message : String(lastError)})`);
}

export function withTimeout<T>(promise: Promise<T>, timeoutMs: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${what}: no answer within ${timeoutMs} ms`)), timeoutMs);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

/** Polls `check` every `intervalMs` until it returns a value other than undefined, or the deadline passes. */
export async function waitFor<T>(check: () => Promise<T | undefined> | T | undefined, opts: { deadline: number; intervalMs?: number; what: string }): Promise<T> {
  while (Date.now() < opts.deadline) {
    try {
      const value = await check();
      if (value !== undefined) return value;
    } catch {
      // A check that throws (server restarting, no worker to answer a query) is a "not yet".
    }
    await sleep(opts.intervalMs ?? 250);
  }
  throw new Error(`timed out waiting for ${opts.what}`);
}
