import { benchSettings } from './env';
import path from 'node:path';
import { ensureWorkflowBundle, serviceProcess, startWorker, type ServiceProcess } from '@temporal-ecommerce/e2e/harness';
import { runBatch } from './lib/batch';
import { runMain } from './lib/main';
import { startSaga } from './lib/orders';
import { fmtRatio, publish, type BenchSection } from './lib/results';
import { benchEnv, type BenchEnv } from './lib/setup';

const { BENCH_SCALING_COUNT: COUNT, BENCH_ROUNDS: ROUNDS } = benchSettings;
const MiB = 1024 * 1024;

interface Round {
  processes: number;
  perSecond: number;
  /** RSS of each process once started, before any load. */
  idleRss: number[];
  /** Highest RSS sampled per process during the load. */
  peakRss: number[];
}

/** Samples every process's RSS every 200 ms until stopped; returns the peak per process. */
function sampleRss(workers: ServiceProcess[]): () => number[] {
  const peaks = workers.map(() => 0);
  const timer = setInterval(() => workers.forEach((w, i) => (peaks[i] = Math.max(peaks[i]!, w.rssBytes() ?? 0))), 200);
  return () => {
    clearInterval(timer);
    return peaks;
  };
}

async function round(bench: BenchEnv, processes: number, n: number): Promise<Round> {
  const taskQueue = `bench-scaling-${n}`;
  const workers = Array.from({ length: processes }, (_, i) =>
    serviceProcess('order-worker', `order-worker#${n}.${i + 1}`, bench.env({ ORDER_TASK_QUEUE: taskQueue }), path.join(bench.dir, `order-worker-${n}-${i + 1}.log`)),
  );
  try {
    await Promise.all(workers.map((w) => startWorker(w, { poller: { client: bench.client, taskQueue } })));
    await new Promise((r) => setTimeout(r, 1000));
    const idleRss = workers.map((w) => w.rssBytes() ?? 0);
    await runBatch(10, (i) => startSaga(bench.client, `warm-${n}-${i}`, taskQueue));
    const stop = sampleRss(workers);
    const result = await runBatch(COUNT, (i) => startSaga(bench.client, `scale-${n}-${i}`, taskQueue));
    const peakRss = stop();
    if (result.failures > 0) throw new Error(`${result.failures} sagas failed`);
    return { processes, perSecond: result.perSecond, idleRss, peakRss };
  } finally {
    await Promise.all(workers.map((w) => w.stop(10_000)));
    await Promise.all(workers.map((w) => w.close()));
  }
}

/**
 * (d) Order-worker memory and throughput with one process against two on the same task queue (same
 * host, default worker options). Alternating rounds, fresh processes and queue each round.
 */
export async function workerScaling(): Promise<BenchSection> {
  ensureWorkflowBundle('order-worker');
  const bench = await benchEnv('scaling');
  const rounds: Round[] = [];
  try {
    for (let r = 0; r < ROUNDS; r++) {
      rounds.push(await round(bench, 1, 2 * r));
      rounds.push(await round(bench, 2, 2 * r + 1));
    }
  } finally {
    await bench.close();
  }
  const of = (p: number) => rounds.filter((r) => r.processes === p);
  const avg = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;
  const summary = (p: number) => {
    const rs = of(p);
    return {
      perSecond: avg(rs.map((r) => r.perSecond)),
      idlePerProcess: avg(rs.flatMap((r) => r.idleRss)) / MiB,
      peakPerProcess: avg(rs.flatMap((r) => r.peakRss)) / MiB,
      peakTotal: avg(rs.map((r) => r.peakRss.reduce((a, b) => a + b, 0))) / MiB,
    };
  };
  const one = summary(1);
  const two = summary(2);
  const row = (label: string, s: ReturnType<typeof summary>) =>
    `| ${label} | ${s.perSecond.toFixed(1)} /s | ${s.idlePerProcess.toFixed(0)} MiB | ${s.peakPerProcess.toFixed(0)} MiB | ${s.peakTotal.toFixed(0)} MiB |`;
  return {
    id: 'worker-scaling',
    title: '(d) One order-worker process vs two',
    lines: [
      `${ROUNDS} alternating rounds of ${COUNT} order sagas (1 ms return window, faults off, production mode, LOG_LEVEL=warn); RSS from /proc, sampled every 200 ms.`,
      '',
      '| Worker processes | Throughput | RSS idle / process | RSS peak / process | RSS peak, all processes |',
      '| --- | ---: | ---: | ---: | ---: |',
      row('1', one),
      row('2', two),
      '',
      `**Ratio two / one: throughput ${fmtRatio(two.perSecond, one.perSecond)}, total peak memory ${fmtRatio(two.peakTotal, one.peakTotal)}.** ` +
        `Per round: ${rounds.map((r) => `${r.processes}p ${r.perSecond.toFixed(1)}/s`).join(', ')}.`,
    ],
  };
}

if (require.main === module) runMain(workerScaling, publish);
