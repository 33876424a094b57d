import { benchSettings } from './env';
import path from 'node:path';
import type { WorkflowHandle } from '@temporalio/client';
import { ORDER_TASK_QUEUE, ORDER_WORKFLOW_TYPE, orderWorkflowStartOptions, type OrderPriority } from '@temporal-ecommerce/contracts/order';
import { ensureWorkflowBundle, percentile, serviceProcess, startWorker } from '@temporal-ecommerce/e2e/harness';
import { runMain } from './lib/main';
import { sagaInput } from './lib/orders';
import { fmtMs, fmtRatio, publish, type BenchSection } from './lib/results';
import { benchEnv, type BenchEnv } from './lib/setup';

const { BENCH_PRIORITY_BURST: BURST, BENCH_ROUNDS: ROUNDS } = benchSettings;
/** One order in HIGH_EVERY asks for priority high; the others get the default (normal: the bench orders are small). */
const HIGH_EVERY = 6;
const CUSTOMERS = 10;

interface Sample {
  priority: OrderPriority;
  /** Start call answered → workflow completed (its 7-day window shortened to 1 ms). */
  latencyMs: number;
}

/**
 * One burst: every order is started at once (all start calls in flight together), so the order queue
 * holds far more tasks than the worker has slots, the high ones spread evenly through the burst.
 */
async function burst(bench: BenchEnv, round: number): Promise<Sample[]> {
  const started = await Promise.all(
    Array.from({ length: BURST }, async (_, i) => {
      const priority: OrderPriority = i % HIGH_EVERY === HIGH_EVERY - 1 ? 'high' : 'normal';
      const input = sagaInput(`prio-${round}-${i}`);
      input.order = { ...input.order, customerId: `bench-customer-${i % CUSTOMERS}`, ...(priority === 'high' ? { priority } : {}) };
      const handle: WorkflowHandle = await bench.client.workflow.start(ORDER_WORKFLOW_TYPE, orderWorkflowStartOptions(input));
      return { priority, handle, t0: Date.now() };
    }),
  );
  return Promise.all(started.map(async ({ priority, handle, t0 }) => {
    await handle.result();
    return { priority, latencyMs: Date.now() - t0 };
  }));
}

/**
 * (f) Priorities under a backlog: bursts of order sagas on the order queue of one order worker (its
 * shipped slot counts), one in six asking for priority high (the `priority` of POST /api/orders, granted
 * to an approver), the rest normal; each customer one of ten fairness keys. High orders' latency against
 * normal ones', side by side, as a ratio.
 */
export async function priorityLatency(): Promise<BenchSection> {
  ensureWorkflowBundle('order-worker');
  const bench = await benchEnv('priority');
  const orderWorker = serviceProcess('order-worker', 'order-worker', bench.env(), path.join(bench.dir, 'order-worker.log'));
  const samples: Sample[][] = [];
  try {
    await startWorker(orderWorker, { poller: { client: bench.client, taskQueue: ORDER_TASK_QUEUE } });
    // Warm-up: a fresh worker loads code and fills caches on its first runs.
    await Promise.all(Array.from({ length: 10 }, (_, i) => bench.client.workflow.execute(ORDER_WORKFLOW_TYPE, orderWorkflowStartOptions(sagaInput(`prio-warm-${i}`)))));
    for (let r = 0; r < ROUNDS; r++) samples.push(await burst(bench, r));
  } finally {
    await orderWorker.stop(10_000);
    await orderWorker.close();
    await bench.close();
  }
  return report(samples);
}

function report(rounds: Sample[][]): BenchSection {
  const all = rounds.flat();
  const of = (p: OrderPriority, list = all) => list.filter((s) => s.priority === p).map((s) => s.latencyMs);
  const row = (p: OrderPriority) => {
    const l = of(p);
    return `| ${p} | ${l.length} | ${fmtMs(percentile(l, 50))} | ${fmtMs(percentile(l, 90))} | ${fmtMs(percentile(l, 99))} | ${fmtMs(Math.max(...l))} |`;
  };
  const ratio = (q: number, list = all) => fmtRatio(percentile(of('high', list), q), percentile(of('normal', list), q));
  return {
    id: 'priority-latency',
    title: '(f) Priorities under a backlog: high vs normal orders, same burst',
    lines: [
      `${ROUNDS} bursts of ${BURST} order sagas started at once on the order queue (one order worker, production mode, its shipped slot counts; faults off, 1 ms return window), ` +
        `after 10 warm-up runs. One order in ${HIGH_EVERY} asks for \`priority: high\` (task priority key 1), the others run at the default for small orders (normal, key 3); ` +
        `fairness key: the customer, one of ${CUSTOMERS}. Latency: start answered → workflow completed. Dev server from infra (priority matcher, fairness, one write partition: docs/priorities.md).`,
      '',
      '| Priority | Orders | Latency p50 | p90 | p99 | max |',
      '| --- | ---: | ---: | ---: | ---: | ---: |',
      row('high'),
      row('normal'),
      '',
      `**Ratio high / normal: p50 ${ratio(50)}, p90 ${ratio(90)}.** Per burst (p50): ${rounds.map((r) => ratio(50, r)).join(', ')}.`,
    ],
  };
}

if (require.main === module) runMain(priorityLatency, publish);
