import path from 'node:path';
import type { WorkerOptions } from '@temporalio/worker';
import { bundleWorkflowsTo } from '@temporal-ecommerce/worker-kit';
import { startWorker, type ServiceProcess } from '@temporal-ecommerce/e2e/harness';
import { SAGA_SHAPED_WORKFLOW_TYPE } from './ceiling/names';
import { barChart } from './lib/charts';
import { runBatch } from './lib/batch';
import { runMain } from './lib/main';
import { fmtRatio, publish, type BenchSection } from './lib/results';
import { benchEnv, type BenchEnv } from './lib/setup';
import { benchSettings } from './env';
import { ceilingWorker } from './saga-throughput';

const { BENCH_OPTIONS_COUNT: COUNT, BENCH_ROUNDS: ROUNDS } = benchSettings;
const MiB = 1024 * 1024;

interface Variant {
  id: string;
  label: string;
  options: Partial<WorkerOptions>;
  /** Schedule the workflow's activities with allowEagerDispatch: false. */
  noEagerDispatch?: boolean;
}

/** What worker-kit ships (the SDK's defaults plus a 3 s sticky queue timeout) against one change each. */
const VARIANTS: Variant[] = [
  { id: 'shipped', label: 'worker-kit as shipped (SDK defaults: reuseV8Context, 10 + 10 pollers, eager dispatch)', options: {} },
  { id: 'no-reuse', label: '`reuseV8Context: false` (one V8 context per workflow)', options: { reuseV8Context: false } },
  { id: 'cache-50', label: '`maxCachedWorkflows: 50`, `maxConcurrentWorkflowTaskExecutions: 10`', options: { maxCachedWorkflows: 50, maxConcurrentWorkflowTaskExecutions: 10 } },
  {
    id: 'pollers-2',
    label: '2 workflow + 2 activity pollers',
    options: { workflowTaskPollerBehavior: { type: 'simple-maximum', maximum: 2 }, activityTaskPollerBehavior: { type: 'simple-maximum', maximum: 2 } },
  },
  { id: 'autoscale', label: 'autoscaling pollers', options: { workflowTaskPollerBehavior: { type: 'autoscaling' }, activityTaskPollerBehavior: { type: 'autoscaling' } } },
  { id: 'no-eager', label: 'activities with `allowEagerDispatch: false`', options: {}, noEagerDispatch: true },
];

interface Round {
  variant: string;
  perSecond: number;
  idleRss: number;
  peakRss: number;
}

async function round(bench: BenchEnv, bundle: string, variant: Variant, n: number): Promise<Round> {
  const taskQueue = `bench-options-${variant.id}-${n}`;
  const worker: ServiceProcess = ceilingWorker(
    bench.env({ BENCH_TASK_QUEUE: taskQueue, BENCH_WORKFLOW_BUNDLE: bundle, BENCH_WORKER_OPTIONS: JSON.stringify(variant.options) }),
    path.join(bench.dir, `worker-${variant.id}-${n}.log`),
    `worker-${variant.id}`,
  );
  try {
    await startWorker(worker, { poller: { client: bench.client, taskQueue } });
    await new Promise((r) => setTimeout(r, 1000));
    const idleRss = worker.rssBytes() ?? 0;
    let peakRss = idleRss;
    const start = (i: number, prefix: string) =>
      bench.client.workflow.start(SAGA_SHAPED_WORKFLOW_TYPE, {
        taskQueue,
        workflowId: `${prefix}-${variant.id}-${n}-${i}`,
        args: [{ orderId: `${n}-${i}`, customerId: 'bench-customer', noEagerDispatch: variant.noEagerDispatch ?? false }],
      });
    await runBatch(10, (i) => start(i, 'warm'));
    const sampler = setInterval(() => (peakRss = Math.max(peakRss, worker.rssBytes() ?? 0)), 200);
    const result = await runBatch(COUNT, (i) => start(i, 'opt')).finally(() => clearInterval(sampler));
    if (result.failures > 0) throw new Error(`${result.failures} workflows failed with ${variant.id}`);
    return { variant: variant.id, perSecond: result.perSecond, idleRss, peakRss };
  } finally {
    await worker.stop(10_000);
    await worker.close();
  }
}

/**
 * (e) Worker options on the saga-shaped ceiling workload: what worker-kit ships against one change at a
 * time, each variant a fresh worker process on its own queue, variants alternating within each round.
 * Throughput is each variant's against the shipped options; RSS idle (1 s after start) and peak.
 */
export async function workerOptions(): Promise<BenchSection> {
  const bench = await benchEnv('options');
  const bundle = path.join(bench.dir, 'ceiling-bundle.js');
  await bundleWorkflowsTo(require.resolve('./ceiling/workflows'), bundle);
  const rounds: Round[] = [];
  try {
    // Each round starts one variant later, so no variant always runs first (on a fresh server) or last.
    for (let r = 0; r < ROUNDS; r++) {
      for (let k = 0; k < VARIANTS.length; k++) rounds.push(await round(bench, bundle, VARIANTS[(k + r) % VARIANTS.length]!, r));
    }
  } finally {
    await bench.close();
  }
  const avg = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;
  const of = (id: string) => rounds.filter((r) => r.variant === id);
  const rate = (id: string) => avg(of(id).map((r) => r.perSecond));
  const base = rate('shipped');
  const rows = VARIANTS.map((v) => {
    const rs = of(v.id);
    return `| ${v.label} | ${rate(v.id).toFixed(1)} /s | **${fmtRatio(rate(v.id), base)}** | ${(avg(rs.map((r) => r.idleRss)) / MiB).toFixed(0)} MiB | ${(avg(rs.map((r) => r.peakRss)) / MiB).toFixed(0)} MiB | ${rs.map((r) => r.perSecond.toFixed(1)).join(', ')} |`;
  });
  return {
    id: 'worker-options',
    title: '(e) Worker options on the saga-shaped workload',
    lines: [
      `${ROUNDS} rounds; in each, every variant in turn (each round starting one variant later) on a fresh ceiling worker process and task queue (prebundled workflow code), 10 warm-up runs, ` +
        `then ${COUNT} saga-shaped workflows (16 starts in flight). RSS from /proc: idle 1 s after start, peak sampled every 200 ms.`,
      '',
      '| Worker options | Throughput | × shipped | RSS idle | RSS peak | Per round |',
      '| --- | ---: | ---: | ---: | ---: | --- |',
      ...rows,
      '',
      '![Worker options](results/worker-options.svg)',
    ],
    charts: [
      {
        file: 'worker-options.svg',
        svg: barChart({ title: 'Saga-shaped workflows per second by worker options', unit: '/s', bars: VARIANTS.map((v) => ({ label: v.id, value: rate(v.id) })) }),
      },
    ],
  };
}

if (require.main === module) runMain(workerOptions, publish);
