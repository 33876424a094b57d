import { benchSettings } from './env';
import path from 'node:path';
import type { Client, WorkflowHandle } from '@temporalio/client';
import { ORDER_TASK_QUEUE } from '@temporal-ecommerce/contracts/order';
import { ServiceProcess, ensureWorkflowBundle, percentile, serviceProcess, startWorker } from '@temporal-ecommerce/e2e/harness';
import { CEILING_TASK_QUEUE, EMPTY_WORKFLOW_TYPE, SAGA_SHAPED_ACTIVITIES_WORKFLOW_TYPE, SAGA_SHAPED_WORKFLOW_TYPE } from './ceiling/names';
import { barChart } from './lib/charts';
import { runBatch, type BatchResult } from './lib/batch';
import { historyShape, type HistoryShape } from './lib/history';
import { runMain } from './lib/main';
import { startSaga } from './lib/orders';
import { cpuDuring } from './lib/proc';
import type { GoalResult } from './lib/goals';
import { fmtMs, fmtRatio, publish, type BenchSection } from './lib/results';
import { benchEnv } from './lib/setup';

const { BENCH_SAGA_COUNT: COUNT, BENCH_ROUNDS: ROUNDS } = benchSettings;
/**
 * A worker.js of another build of the order worker (a checkout before a workflow change, built and bundled):
 * its sagas run as one more side, on their own task queue, so a change is measured against the code it replaces.
 */
const BASELINE_WORKER = benchSettings.BENCH_BASELINE_ORDER_WORKER;
const BASELINE_TASK_QUEUE = 'orders-baseline';
const BENCH_BASELINE_LABEL = benchSettings.BENCH_BASELINE_LABEL;
const MiB = 1024 * 1024;

/** The ceiling worker: the saga-shaped and the empty workflow, through worker-kit's runWorker like the apps. */
export function ceilingWorker(env: NodeJS.ProcessEnv, logFile: string, name = 'ceiling-worker'): ServiceProcess {
  return new ServiceProcess({ name, entry: path.join(__dirname, 'ceiling', 'worker.js'), env, logFile });
}

export function startCeiling(client: Client, type: string, id: string, taskQueue = CEILING_TASK_QUEUE): Promise<WorkflowHandle> {
  return client.workflow.start(type, { taskQueue, workflowId: id, args: [{ orderId: id, customerId: 'bench-customer' }] });
}

interface Side {
  id: 'saga' | 'shaped' | 'empty' | 'activities' | 'baseline';
  label: string;
  start: (workflowKey: string) => Promise<WorkflowHandle>;
  /** The last run started: its history is counted. */
  last?: WorkflowHandle;
  worker: ServiceProcess;
  rounds: BatchResult[];
  serverCpuMs: number;
  workerCpuMs: number;
  shape?: HistoryShape;
}

/**
 * (b) Order sagas completed per second against their ceiling on the same server: a workflow with the
 * saga's shape (two no-op local activities and two no-op activities, one upsert per workflow task, three
 * patch markers, a 1 ms timer), the saga's previous shape (four activity tasks, nine upserts) and an empty
 * workflow, on a worker run through worker-kit with the options every app worker ships with; with
 * BENCH_BASELINE_ORDER_WORKER, also the sagas of another build. The saga's 7-day window is shortened to
 * 1 ms; faults off. Rounds alternate (saga, shaped, empty, ...) so all sides see the same machine load. Also counts CPU per workflow (server and worker, from /proc)
 * and the history each kind of run leaves: where the time goes.
 */
export async function sagaThroughput(): Promise<BenchSection> {
  ensureWorkflowBundle('order-worker');
  const bench = await benchEnv('saga');
  const orderWorker = serviceProcess('order-worker', 'order-worker', bench.env(), path.join(bench.dir, 'order-worker.log'));
  const ceiling = ceilingWorker(bench.env({ BENCH_TASK_QUEUE: CEILING_TASK_QUEUE }), path.join(bench.dir, 'ceiling-worker.log'));
  const baseline = BASELINE_WORKER
    ? new ServiceProcess({
        name: 'order-worker-baseline',
        entry: path.resolve(BASELINE_WORKER),
        env: bench.env({ ORDER_TASK_QUEUE: BASELINE_TASK_QUEUE }),
        logFile: path.join(bench.dir, 'order-worker-baseline.log'),
      })
    : undefined;
  const workers = [orderWorker, ceiling, ...(baseline ? [baseline] : [])];
  let peakRss = 0;
  const sampler = setInterval(() => (peakRss = Math.max(peakRss, orderWorker.rssBytes() ?? 0)), 200);
  try {
    await Promise.all([
      startWorker(orderWorker, { poller: { client: bench.client, taskQueue: ORDER_TASK_QUEUE } }),
      startWorker(ceiling, { poller: { client: bench.client, taskQueue: CEILING_TASK_QUEUE } }),
      ...(baseline ? [startWorker(baseline, { poller: { client: bench.client, taskQueue: BASELINE_TASK_QUEUE } })] : []),
    ]);
    await new Promise((r) => setTimeout(r, 1000));
    const idleRss = orderWorker.rssBytes() ?? 0;
    let id = 0;
    const side = (id: Side['id'], label: string, worker: ServiceProcess, start: Side['start']): Side => ({ id, label, worker, start, rounds: [], serverCpuMs: 0, workerCpuMs: 0 });
    const sides: Side[] = [
      side('saga', 'Order saga (reserve → charge → confirm → ship in SQLite, 1 ms return window)', orderWorker, (key) => startSaga(bench.client, key, ORDER_TASK_QUEUE)),
      side('shaped', 'Ceiling: saga-shaped (reserve, ship local; one upsert per workflow task), no-op steps', ceiling, (key) => startCeiling(bench.client, SAGA_SHAPED_WORKFLOW_TYPE, key)),
      side('empty', 'Ceiling: empty workflow', ceiling, (key) => startCeiling(bench.client, EMPTY_WORKFLOW_TYPE, key)),
      side('activities', 'Previous shape: four activity tasks, nine upserts, no-op steps', ceiling, (key) => startCeiling(bench.client, SAGA_SHAPED_ACTIVITIES_WORKFLOW_TYPE, key)),
      ...(baseline
        ? [side('baseline', `Order saga, baseline build (${BENCH_BASELINE_LABEL})`, baseline, (key) => startSaga(bench.client, key, BASELINE_TASK_QUEUE))]
        : []),
    ];
    const run = (s: Side, n: number) =>
      runBatch(n, async () => {
        s.last = await s.start(`${s.id}-${id++}`);
        return s.last;
      });
    // Warm-up: the first runs of a fresh worker load code and fill caches.
    for (const s of sides) await run(s, 10);
    for (let r = 0; r < ROUNDS; r++) {
      for (const s of sides) {
        const { result, cpu } = await cpuDuring({ server: bench.serverPid(), worker: s.worker.pid }, () => run(s, COUNT));
        s.rounds.push(result);
        s.serverCpuMs += cpu.server!;
        s.workerCpuMs += cpu.worker!;
      }
    }
    for (const s of sides) if (s.last) s.shape = await historyShape(s.last);
    return report(sides, idleRss, peakRss);
  } finally {
    clearInterval(sampler);
    await Promise.all(workers.map((w) => w.stop(10_000)));
    await Promise.all(workers.map((w) => w.close()));
    await bench.close();
  }
}

function report(sides: Side[], idleRss: number, peakRss: number): BenchSection {
  const total = (s: Side) => {
    const count = s.rounds.reduce((n, r) => n + r.count, 0);
    const ms = s.rounds.reduce((n, r) => n + r.elapsedMs, 0);
    const lat = s.rounds.flatMap((r) => r.latenciesMs);
    return { count, perSecond: (count * 1000) / ms, p50: percentile(lat, 50), p99: percentile(lat, 99), failures: s.rounds.reduce((n, r) => n + r.failures, 0) };
  };
  const [saga, shaped, empty, activities, baseline] = sides.map(total) as [ReturnType<typeof total>, ReturnType<typeof total>, ReturnType<typeof total>, ReturnType<typeof total>, ReturnType<typeof total> | undefined];
  const perWf = (s: Side, ms: number) => `${(ms / total(s).count).toFixed(1)} ms`;
  const shape = (s: Side) =>
    s.shape ? `${s.shape.events} / ${s.shape.workflowTasks} / ${s.shape.activities} / ${s.shape.upserts} / ${s.shape.timers} / ${s.shape.markers} / ${s.shape.nexusOperations}` : '–';
  const rows = sides.map((s) => {
    const t = total(s);
    return `| ${s.label} | ${t.count} | ${t.perSecond.toFixed(1)} /s | ${fmtRatio(t.perSecond, shaped.perSecond)} | ${fmtMs(t.p50)} | ${fmtMs(t.p99)} | ${perWf(s, s.serverCpuMs)} | ${perWf(s, s.workerCpuMs)} | ${shape(s)} | ${t.failures} |`;
  });
  return {
    id: 'saga-throughput',
    title: '(b) Order sagas per second vs the ceiling (saga-shaped and empty workflows, same server)',
    lines: [
      `${ROUNDS} alternating rounds of ${COUNT} workflows per side after 10 warm-up runs each (16 starts in flight, then wait for every result); ` +
        'order worker in production mode (prebundled workflows, LOG_LEVEL=warn, faults off), ceiling worker through worker-kit with the same options; dev server on SQLite (WAL). ' +
        'CPU per workflow from /proc (server: the dev server process; worker: the side\'s worker process). History: events / workflow tasks / activities / upserts / timers / markers / Nexus operations of one run.',
      '',
      '| Workflow | Completed | Throughput | × shaped ceiling | Latency p50 | Latency p99 | Server CPU / wf | Worker CPU / wf | History | Failed |',
      '| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | --- | ---: |',
      ...rows,
      '',
      `**Ratio saga / saga-shaped ceiling: ${fmtRatio(saga.perSecond, shaped.perSecond)}; saga / empty workflow ${fmtRatio(saga.perSecond, empty.perSecond)}; ` +
        `shaped / empty ${fmtRatio(shaped.perSecond, empty.perSecond)}; shaped / previous shape ${fmtRatio(shaped.perSecond, activities.perSecond)}` +
        (baseline ? `; saga / baseline saga ${fmtRatio(saga.perSecond, baseline.perSecond)}; baseline saga / previous shape ${fmtRatio(baseline.perSecond, activities.perSecond)}` : '') +
        '.** Per round: ' +
        sides.map((s) => `${s.id} ${s.rounds.map((r) => r.perSecond.toFixed(1)).join(', ')}`).join('; ') +
        ` /s. Order worker RSS idle ${(idleRss / MiB).toFixed(0)} MiB, peak ${(peakRss / MiB).toFixed(0)} MiB.`,
      '',
      '![Throughput against the ceiling](results/saga-throughput.svg)',
    ],
    charts: [
      {
        file: 'saga-throughput.svg',
        svg: barChart({
          title: 'Workflows completed per second (same server, alternating rounds)',
          unit: '/s',
          bars: sides.map((s) => ({
            label: { saga: 'order saga', shaped: 'ceiling: saga-shaped', empty: 'ceiling: empty', activities: 'previous shape', baseline: 'order saga, baseline' }[s.id],
            value: total(s).perSecond,
          })),
        }),
      },
    ],
    goals: sagaGoals(sides, saga, shaped, empty),
  };
}

/** Issue #12's throughput goals: ≥ 25 sagas/s, and ≥ 0.9× the saga-shaped ceiling of the same run. */
function sagaGoals(sides: Side[], saga: { perSecond: number }, shaped: { perSecond: number }, empty: { perSecond: number }): GoalResult[] {
  const of = (id: Side['id']) => sides.find((s) => s.id === id)!;
  const count = (s: Side) => Math.max(1, s.rounds.reduce((n, r) => n + r.count, 0));
  const sagaSide = of('saga');
  const cpuPerSaga = (sagaSide.serverCpuMs + sagaSide.workerCpuMs) / count(sagaSide);
  const rounds = (s: Side) => s.rounds.map((r) => r.perSecond.toFixed(1)).join(', ');
  const rateMet = saga.perSecond >= 25;
  const ratio = saga.perSecond / shaped.perSecond;
  return [
    {
      id: 'saga-rate',
      value: `${saga.perSecond.toFixed(1)} /s (saga-shaped ceiling ${shaped.perSecond.toFixed(1)} /s, empty workflow ${empty.perSecond.toFixed(1)} /s)`,
      met: rateMet,
      ...(rateMet
        ? {}
        : {
            reason:
              `server and worker together spend ${cpuPerSaga.toFixed(0)} ms of CPU per saga (server ${(sagaSide.serverCpuMs / count(sagaSide)).toFixed(0)}, worker ${(sagaSide.workerCpuMs / count(sagaSide)).toFixed(0)}): ` +
              `2 cores, even idle, finish at most ~${(2000 / cpuPerSaga).toFixed(0)} /s, and the saga's no-op shape itself ran at ${shaped.perSecond.toFixed(1)} /s here. ` +
              ((sagaSide.shape?.nexusOperations ?? 0) > 0 ? 'The Nexus charge is most of the gap to the ceiling (next row). ' : '') +
              'Fewer events and workflow tasks per saga (the shape, docs/performance.md) or more cores for the server would move it',
          }),
    },
    {
      id: 'saga-ceiling',
      value: `${ratio.toFixed(2)}× (saga rounds ${rounds(sagaSide)} /s, ceiling rounds ${rounds(of('shaped'))} /s)`,
      met: ratio >= 0.9,
      ...(ratio >= 0.9
        ? {}
        : { reason: ceilingGapReason(sagaSide, of('shaped'), sides.find((s) => s.id === 'baseline'), rounds) }),
    },
  ];
}

/**
 * Why the saga stays under its ceiling. The ceiling models the charge as an activity in the order's own
 * namespace; since ORDER_BILLING_NEXUS_PATCH the saga charges through billing's Nexus endpoint, and each
 * charge is a workflow of its own in the billing namespace (docs/nexus.md): that hop, not noise, is the gap.
 */
function ceilingGapReason(saga: Side, shaped: Side, baseline: Side | undefined, rounds: (s: Side) => string): string {
  const nexus = saga.shape?.nexusOperations ?? 0;
  if (nexus > 0 && (shaped.shape?.nexusOperations ?? 0) === 0) {
    const perSaga = (s: Side, ms: number) => ms / Math.max(1, s.rounds.reduce((n, r) => n + r.count, 0));
    const cpu = `server CPU per saga ${perSaga(saga, saga.serverCpuMs).toFixed(0)} ms against the ceiling's ${perSaga(shaped, shaped.serverCpuMs).toFixed(0)} ms`;
    return (
      `the saga's charge goes through billing's Nexus endpoint (${nexus} Nexus operation(s) per run; each charge a workflow of its own in the billing namespace), ` +
      `while the ceiling, like the saga before Nexus, charges with an activity in its own namespace: ${cpu}` +
      (baseline ? '' : '; run with BENCH_BASELINE_ORDER_WORKER set to a pre-Nexus build to measure the hop side by side (0.49× and 0.55× in the runs in docs/nexus.md)') +
      '. What would move it: a synchronous Nexus handler (the charge inside the Nexus task, no billing workflow per charge) or billing as an activity in the order namespace, each giving up what docs/nexus.md says the hop buys'
    );
  }
  return `the ceiling's own rounds spread wider than the gap (${rounds(shaped)} /s) on a shared machine: more rounds (BENCH_ROUNDS) would tell noise from cost; the saga's steps cost what the CPU columns show`;
}

if (require.main === module) runMain(sagaThroughput, publish);
