import path from 'node:path';
import { ORDER_TASK_QUEUE } from '@temporal-ecommerce/contracts/order';
import { ServiceProcess, ensureWorkflowBundle, percentile, serviceProcess, startWorker } from '@temporal-ecommerce/e2e/harness';
import { BASELINE_TASK_QUEUE, BASELINE_WORKFLOW_TYPE } from './baseline/names';
import { runBatch, type BatchResult } from './lib/batch';
import { runMain } from './lib/main';
import { startSaga } from './lib/orders';
import { fmtMs, fmtRatio, publish, type BenchSection } from './lib/results';
import { benchEnv } from './lib/setup';

const COUNT = Number(process.env.BENCH_SAGA_COUNT ?? 120);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 2);

/**
 * (b) Order sagas completed per second against a workflow with three no-op activities, each on its own
 * worker process with default worker options. The saga's 7-day window is shortened to 1 ms; faults off.
 * Rounds alternate (saga, baseline, saga, ...) so both see the same machine load.
 */
export async function sagaThroughput(): Promise<BenchSection> {
  ensureWorkflowBundle('order-worker');
  const bench = await benchEnv('saga');
  const orderWorker = serviceProcess('order-worker', 'order-worker', bench.env(), path.join(bench.dir, 'order-worker.log'));
  const baselineWorker = new ServiceProcess({
    name: 'baseline-worker',
    entry: path.join(__dirname, 'baseline', 'worker.js'),
    env: bench.env({ BASELINE_TASK_QUEUE: BASELINE_TASK_QUEUE }),
    logFile: path.join(bench.dir, 'baseline-worker.log'),
  });
  try {
    await Promise.all([
      startWorker(orderWorker, { poller: { client: bench.client, taskQueue: ORDER_TASK_QUEUE } }),
      startWorker(baselineWorker, { poller: { client: bench.client, taskQueue: BASELINE_TASK_QUEUE } }),
    ]);
    let id = 0;
    const saga = (n: number) => runBatch(n, () => startSaga(bench.client, `saga-${id++}`, ORDER_TASK_QUEUE));
    const baseline = (n: number) =>
      runBatch(n, () => bench.client.workflow.start(BASELINE_WORKFLOW_TYPE, { taskQueue: BASELINE_TASK_QUEUE, workflowId: `baseline-${id++}`, args: [{ orderId: id }] }));
    await saga(20);
    await baseline(20);
    const sagas: BatchResult[] = [];
    const baselines: BatchResult[] = [];
    for (let r = 0; r < ROUNDS; r++) {
      sagas.push(await saga(COUNT));
      baselines.push(await baseline(COUNT));
    }
    const total = (rs: BatchResult[]) => {
      const count = rs.reduce((n, r) => n + r.count, 0);
      const ms = rs.reduce((n, r) => n + r.elapsedMs, 0);
      const lat = rs.flatMap((r) => r.latenciesMs);
      return { count, perSecond: (count * 1000) / ms, p50: percentile(lat, 50), p99: percentile(lat, 99), failures: rs.reduce((n, r) => n + r.failures, 0) };
    };
    const s = total(sagas);
    const b = total(baselines);
    const row = (name: string, t: ReturnType<typeof total>) =>
      `| ${name} | ${t.count} | ${t.perSecond.toFixed(1)} /s | ${fmtMs(t.p50)} | ${fmtMs(t.p99)} | ${t.failures} |`;
    return {
      id: 'saga-throughput',
      title: '(b) Order sagas per second vs three no-op activities',
      lines: [
        `${ROUNDS} alternating rounds of ${COUNT} workflows per side (16 starts in flight, then wait for every result), one worker process each, default worker options, ` +
          'order worker in production mode (prebundled workflows, LOG_LEVEL=warn, faults off), dev server on SQLite.',
        '',
        '| Workflow | Completed | Throughput | Latency p50 | Latency p99 | Failed |',
        '| --- | ---: | ---: | ---: | ---: | ---: |',
        row('Order saga (reserve → charge → ship in SQLite, search attributes, 1 ms return window)', s),
        row('Baseline: three no-op activities', b),
        '',
        `**Ratio saga / baseline throughput: ${fmtRatio(s.perSecond, b.perSecond)}**; per-round saga ${sagas.map((r) => r.perSecond.toFixed(1)).join(', ')} /s, ` +
          `baseline ${baselines.map((r) => r.perSecond.toFixed(1)).join(', ')} /s.`,
      ],
    };
  } finally {
    await Promise.all([orderWorker.stop(10_000), baselineWorker.stop(10_000)]);
    await Promise.all([orderWorker.close(), baselineWorker.close()]);
    await bench.close();
  }
}

if (require.main === module) runMain(sagaThroughput, publish);
