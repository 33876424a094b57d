import { spawn } from 'node:child_process';
import path from 'node:path';
import { createInterface } from 'node:readline';
import { appDir, ensureWorkflowBundle, serviceProcess, sleep, startWorker, type ServiceProcess } from '@temporal-ecommerce/e2e/harness';
import { barChart } from './lib/charts';
import { runBatch } from './lib/batch';
import { runMain } from './lib/main';
import { startSaga } from './lib/orders';
import { rssBytes } from './lib/proc';
import { publish, type BenchSection } from './lib/results';
import { benchEnv, type BenchEnv } from './lib/setup';
import type { Stage } from './memory/stage';

const MiB = 1024 * 1024;
/** How long each process is watched once ready: RSS falls for ~20 s after a start (V8's memory reducer). */
const SETTLE_MS = 45_000;
const SAGAS = 120;
const GOAL_IDLE_MIB = 120;
const GOAL_PEAK_MIB = 300;

interface Sampled {
  /** RSS 1 s after ready (what the other blocks report as idle). */
  early: number;
  /** RSS once settled: the lowest sample of the last 5 s of SETTLE_MS. */
  settled: number;
}

/** Samples a process's RSS every 500 ms for SETTLE_MS from now. */
async function sample(pid: () => number | undefined): Promise<Sampled> {
  const samples: { at: number; rss: number }[] = [];
  const began = Date.now();
  while (Date.now() - began < SETTLE_MS) {
    const rss = rssBytes(pid());
    if (rss) samples.push({ at: Date.now() - began, rss });
    await sleep(500);
  }
  const early = samples.find((s) => s.at >= 1000)?.rss ?? 0;
  const settled = Math.min(...samples.filter((s) => s.at >= SETTLE_MS - 5000).map((s) => s.rss));
  return { early, settled };
}

const STAGES: { stage: Stage; label: string; short: string }[] = [
  { stage: 'node', label: 'Node alone', short: 'Node alone' },
  { stage: 'sdk-loaded', label: '+ @temporalio/worker loaded (core bridge, client, proto, webpack glue)', short: '+ SDK loaded' },
  { stage: 'connected', label: '+ Runtime and NativeConnection', short: '+ connected' },
  { stage: 'worker-prebundled', label: '+ Worker polling, prebundled order workflows (production)', short: '+ Worker, prebundled' },
  { stage: 'worker-webpack', label: '+ Worker polling, order workflows bundled at start (webpack: `pnpm start` without NODE_ENV=production)', short: '+ Worker, webpack at start' },
];

/** One process per stage, all at once; each ends once sampled. */
async function stages(bench: BenchEnv): Promise<Map<Stage, Sampled>> {
  const orderDist = path.join(appDir('order-worker'), 'dist');
  const script = path.join(__dirname, 'memory', 'stage.js');
  const results = new Map<Stage, Sampled>();
  await Promise.all(
    STAGES.map(async ({ stage }) => {
      const workflows = stage === 'worker-webpack' ? path.join(orderDist, 'workflows', 'index.js') : path.join(orderDist, 'workflow-bundle.js');
      const child = spawn(process.execPath, [script, stage, bench.temporal.address, workflows], { cwd: appDir('order-worker'), stdio: ['ignore', 'pipe', 'inherit'] });
      try {
        await new Promise<void>((resolve, reject) => {
          createInterface({ input: child.stdout! }).on('line', (l) => l === 'ready' && resolve());
          child.once('exit', (code) => reject(new Error(`memory stage ${stage} exited (${code})`)));
        });
        results.set(stage, await sample(() => child.pid));
      } finally {
        child.kill('SIGKILL');
      }
    }),
  );
  return results;
}

interface WorkerRun {
  label: string;
  /** Its bar in the chart. */
  short: string;
  app: 'order-worker' | 'ml-worker' | 'agent-worker';
  env: Record<string, string>;
  shipped: boolean;
}

const WORKERS: WorkerRun[] = [
  { label: 'order worker', short: 'order worker', app: 'order-worker', env: { ORDER_TASK_QUEUE: 'memory-order' }, shipped: true },
  { label: 'ML worker', short: 'ML worker', app: 'ml-worker', env: { ML_TASK_QUEUE: 'memory-ml' }, shipped: true },
  { label: 'agent worker', short: 'agent worker', app: 'agent-worker', env: { AGENT_TASK_QUEUE: 'memory-agent' }, shipped: true },
  { label: 'order worker, `NODE_OPTIONS=--max-semi-space-size=1` (not shipped)', short: 'order, semi-space 1 MiB', app: 'order-worker', env: { ORDER_TASK_QUEUE: 'memory-order-semi', NODE_OPTIONS: '--max-semi-space-size=1' }, shipped: false },
  {
    label: 'order worker, that and `MALLOC_ARENA_MAX=2` (not shipped)',
    short: 'order, + 2 malloc arenas',
    app: 'order-worker',
    env: { ORDER_TASK_QUEUE: 'memory-order-arena', NODE_OPTIONS: '--max-semi-space-size=1', MALLOC_ARENA_MAX: '2' },
    shipped: false,
  },
];

const queueOf = (w: WorkerRun) => Object.entries(w.env).find(([k]) => k.endsWith('_TASK_QUEUE'))![1];

/** The three workers as shipped (production mode) and two opt-in variants, all idle at once. */
async function idleWorkers(bench: BenchEnv): Promise<Sampled[]> {
  const procs: ServiceProcess[] = WORKERS.map((w, i) => serviceProcess(w.app, `${w.app}#${i}`, bench.env(w.env), path.join(bench.dir, `${w.app}-${i}.log`)));
  try {
    await Promise.all(procs.map((p, i) => startWorker(p, { poller: { client: bench.client, taskQueue: queueOf(WORKERS[i]!) } })));
    return await Promise.all(procs.map((p) => sample(() => p.pid)));
  } finally {
    await Promise.all(procs.map((p) => p.stop(10_000)));
    await Promise.all(procs.map((p) => p.close()));
  }
}

/** Node flags and malloc settings compared under saga load: none (the shipped default) and the opt-in pair. */
const LEAN_ENV = { NODE_OPTIONS: '--max-semi-space-size=1', MALLOC_ARENA_MAX: '2' };

interface PeakSide {
  peak: number;
  rounds: number[];
  failures: number;
}

/**
 * The order worker's peak RSS and throughput under saga load, as shipped and with LEAN_ENV: one worker
 * each on its own queue, 10 warm-up sagas each, then alternating rounds of SAGAS / 2 (16 starts in flight).
 */
async function peakUnderSagas(bench: BenchEnv): Promise<{ shipped: PeakSide; lean: PeakSide }> {
  const queues = { shipped: 'memory-peak', lean: 'memory-peak-lean' } as const;
  const workers = {
    shipped: serviceProcess('order-worker', 'order-worker-peak', bench.env({ ORDER_TASK_QUEUE: queues.shipped }), path.join(bench.dir, 'order-worker-peak.log')),
    lean: serviceProcess('order-worker', 'order-worker-peak-lean', bench.env({ ORDER_TASK_QUEUE: queues.lean, ...LEAN_ENV }), path.join(bench.dir, 'order-worker-peak-lean.log')),
  };
  const sides: { shipped: PeakSide; lean: PeakSide } = { shipped: { peak: 0, rounds: [], failures: 0 }, lean: { peak: 0, rounds: [], failures: 0 } };
  const sampler = setInterval(() => {
    for (const k of ['shipped', 'lean'] as const) sides[k].peak = Math.max(sides[k].peak, workers[k].rssBytes() ?? 0);
  }, 200);
  try {
    await Promise.all((['shipped', 'lean'] as const).map((k) => startWorker(workers[k], { poller: { client: bench.client, taskQueue: queues[k] } })));
    for (const k of ['shipped', 'lean'] as const) await runBatch(10, (i) => startSaga(bench.client, `memory-warm-${k}-${i}`, queues[k]));
    for (let r = 0; r < 2; r++) {
      for (const k of r % 2 ? (['lean', 'shipped'] as const) : (['shipped', 'lean'] as const)) {
        const result = await runBatch(SAGAS / 2, (i) => startSaga(bench.client, `memory-${k}-${r}-${i}`, queues[k]));
        sides[k].rounds.push(result.perSecond);
        sides[k].failures += result.failures;
      }
    }
    return sides;
  } finally {
    clearInterval(sampler);
    await Promise.all(Object.values(workers).map((w) => w.stop(10_000)));
    await Promise.all(Object.values(workers).map((w) => w.close()));
  }
}

/**
 * (g) What a worker process's memory is made of and what it holds idle and at peak: the start steps one
 * process each (same server), the three workers as shipped plus two opt-in variants, then the order
 * worker under saga load. RSS from /proc.
 */
export async function workerMemory(): Promise<BenchSection> {
  for (const app of ['order-worker', 'ml-worker', 'agent-worker'] as const) ensureWorkflowBundle(app);
  const bench = await benchEnv('memory');
  let parts: Map<Stage, Sampled>;
  let idle: Sampled[];
  let peaks: Awaited<ReturnType<typeof peakUnderSagas>>;
  try {
    parts = await stages(bench);
    idle = await idleWorkers(bench);
    peaks = await peakUnderSagas(bench);
  } finally {
    await bench.close();
  }
  const mib = (b: number) => `${(b / MiB).toFixed(0)} MiB`;
  const avg = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;
  const peak = { peak: peaks.shipped.peak, perSecond: avg(peaks.shipped.rounds), failures: peaks.shipped.failures };
  const leanRate = avg(peaks.lean.rounds);
  const shipped = WORKERS.map((w, i) => ({ w, s: idle[i]! })).filter((x) => x.w.shipped);
  const worst = shipped.reduce((a, b) => (b.s.settled > a.s.settled ? b : a));
  const idleMet = worst.s.settled <= GOAL_IDLE_MIB * MiB;
  const peakMet = peak.peak <= GOAL_PEAK_MIB * MiB && peak.failures === 0;
  const stageRows = STAGES.map(({ stage, label }, i) => {
    const s = parts.get(stage)!;
    const prev = i > 0 && stage !== 'worker-webpack' ? parts.get(STAGES[i - 1]!.stage)! : stage === 'worker-webpack' ? parts.get('connected')! : undefined;
    return `| ${label} | ${mib(s.early)} | ${mib(s.settled)} | ${prev ? `+${mib(s.settled - prev.settled)}` : ''} |`;
  });
  const semi = idle[3]!;
  const arena = idle[4]!;
  const order = idle[0]!;
  return {
    id: 'worker-memory',
    title: '(g) Worker memory: what it is made of, idle and at peak',
    lines: [
      `RSS from /proc, sampled every 500 ms for ${SETTLE_MS / 1000} s once a process is ready (polling): "at 1 s" is what the other blocks report as idle, "settled" the lowest RSS of the last 5 s ` +
        '(RSS falls for ~20 s after a start: the SDK drops its preloaded copy of the workflow code after 10 s and V8 gives back start-up garbage when idle). Production mode, LOG_LEVEL=warn, metrics off.',
      '',
      '| Start step (one process each, same server) | RSS at 1 s | RSS settled | Step adds |',
      '| --- | ---: | ---: | ---: |',
      ...stageRows,
      '',
      '| Worker process, idle | RSS at 1 s | RSS settled |',
      '| --- | ---: | ---: |',
      ...WORKERS.map((w, i) => `| ${w.label}${w.shipped ? '' : ''} | ${mib(idle[i]!.early)} | ${mib(idle[i]!.settled)} |`),
      '',
      `**Idle RSS settled: largest worker ${mib(worst.s.settled)} (${worst.w.label}), goal ≤ ${GOAL_IDLE_MIB} MiB: ${idleMet ? 'met' : 'not met'}. ` +
        `Order worker peak under ${SAGAS} sagas (2 rounds of ${SAGAS / 2}, 16 in flight): ${mib(peak.peak)} at ${peak.perSecond.toFixed(1)} sagas/s, goal ≤ ${GOAL_PEAK_MIB} MiB: ${peakMet ? 'met' : 'not met'}.** ` +
        `Opt-in: \`--max-semi-space-size=1\` ${(semi.settled / order.settled).toFixed(2)}× the shipped order worker settled (${mib(semi.settled)}), with \`MALLOC_ARENA_MAX=2\` ${(arena.settled / order.settled).toFixed(2)}× (${mib(arena.settled)}); under saga load the pair ran at ${(leanRate / peak.perSecond).toFixed(2)}× the shipped worker's throughput ` +
        `(rounds ${peaks.lean.rounds.map((r) => r.toFixed(1)).join(', ')} against ${peaks.shipped.rounds.map((r) => r.toFixed(1)).join(', ')} /s, alternating) with a peak of ${mib(peaks.lean.peak)} (shipped ${mib(peak.peak)}).`,
      '',
      '![Worker memory](results/worker-memory.svg)',
    ],
    charts: [
      {
        file: 'worker-memory.svg',
        svg: barChart({
          title: 'Worker RSS, settled idle (MiB)',
          unit: 'MiB',
          bars: [...STAGES.map(({ stage, short }) => ({ label: short, value: parts.get(stage)!.settled / MiB })), ...WORKERS.map((w, i) => ({ label: w.short, value: idle[i]!.settled / MiB }))],
        }),
      },
    ],
    goals: [
      {
        id: 'idle-rss',
        value: shipped.map((x) => `${x.w.label} ${mib(x.s.settled)}`).join(', ') + ` settled (at 1 s: ${shipped.map((x) => mib(x.s.early)).join(', ')})`,
        met: idleMet,
        ...(idleMet
          ? {}
          : {
              reason:
                `Node ${mib(parts.get('node')!.settled)} + the SDK loaded ${mib(parts.get('sdk-loaded')!.settled - parts.get('node')!.settled)} + a polling Worker with its workflow thread ${mib(parts.get('worker-prebundled')!.settled - parts.get('connected')!.settled)}: ` +
                `the SDK alone is ${mib(parts.get('worker-prebundled')!.settled)}. V8's young generation would move it: \`--max-semi-space-size=1\` measured ${mib(semi.settled)}, with \`MALLOC_ARENA_MAX=2\` ${mib(arena.settled)} (opt-in; ${(leanRate / peak.perSecond).toFixed(2)}× the throughput under saga load in this run)`,
            }),
      },
      {
        id: 'peak-rss',
        value: `${mib(peak.peak)} (order worker, ${SAGAS} sagas, 16 in flight, ${peak.perSecond.toFixed(1)} /s, ${peak.failures} failed)`,
        met: peakMet,
        ...(peakMet
          ? {}
          : {
              reason:
                peak.failures > 0
                  ? `${peak.failures} saga(s) failed under load: see the run's order-worker log`
                  : // Measured 252–259 MiB on the same bench before the saga charged through Nexus (RESULTS.md, notes on (g)).
                    "since the saga charges through Nexus, the order worker's process also runs billing's Worker (apps/order-worker/src/worker.ts, " +
                    "`companions`): a second workflow bundle and sticky cache, and a billing workflow per charge beside each saga. " +
                    'What would move it: billing in a process of its own (an entry point of its own, not built yet), or a smaller sticky cache (maxCachedWorkflows; bench (e) found the SDK default the fastest)',
            }),
      },
    ],
  };
}

if (require.main === module) runMain(workerMemory, publish);
