import type { WorkflowHandle } from '@temporalio/client';

export interface BatchResult {
  count: number;
  /** From the first start to the last completion. */
  elapsedMs: number;
  perSecond: number;
  /** Start-to-result of each workflow. */
  latenciesMs: number[];
  failures: number;
}

/**
 * Starts `count` workflows (at most `concurrency` starts in flight) and waits for every result: the
 * throughput of whatever workers poll the queue.
 */
export async function runBatch(
  count: number,
  start: (i: number) => Promise<WorkflowHandle>,
  concurrency = 16,
): Promise<BatchResult> {
  const began = Date.now();
  const latenciesMs: number[] = [];
  let failures = 0;
  let next = 0;
  const results: Promise<void>[] = [];
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (next < count) {
        const i = next++;
        const t0 = Date.now();
        const handle = await start(i);
        results.push(
          handle.result().then(
            () => void latenciesMs.push(Date.now() - t0),
            () => void (failures += 1),
          ),
        );
      }
    }),
  );
  await Promise.all(results);
  const elapsedMs = Date.now() - began;
  return { count, elapsedMs, perSecond: (count * 1000) / elapsedMs, latenciesMs, failures };
}
