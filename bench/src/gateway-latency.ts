import path from 'node:path';
import { ORDER_WORKFLOW_TYPE, orderWorkflowStartOptions, type OrderWorkflowInput } from '@temporal-ecommerce/contracts/order';
import { ensureWorkflowBundle, percentile, mean, serviceProcess, startGateway, startWorker } from '@temporal-ecommerce/e2e/harness';
import { benchEnv, GATEWAY_PORT } from './lib/setup';
import { benchOrder } from './lib/orders';
import { fmtMs, fmtRatio, publish, type BenchSection } from './lib/results';
import { runMain } from './lib/main';

const REQUESTS = Number(process.env.BENCH_LATENCY_REQUESTS ?? 600);
const WARMUP = 40;
const BLOCK = 25;

/**
 * (a) POST /api/orders through the gateway against the same workflow start with the raw Temporal client,
 * one request at a time, in alternating blocks so both sides see the same machine load. No worker runs:
 * both sides measure the start path only (validation, HTTP, the StartWorkflowExecution call).
 */
export async function gatewayLatency(): Promise<BenchSection> {
  const bench = await benchEnv('gateway');
  // The gateway prices orders from the order worker's catalog (orders.db): let an order worker create and
  // seed it, on a queue of its own so that no order is processed, then stop it.
  const seeder = serviceProcess('order-worker', 'catalog-seed', bench.env({ ORDER_TASK_QUEUE: 'bench-catalog-seed' }, 'info'), path.join(bench.dir, 'catalog-seed.log'));
  ensureWorkflowBundle('order-worker');
  await startWorker(seeder);
  await seeder.stop(10_000);
  await seeder.close();
  const baseUrl = `http://127.0.0.1:${GATEWAY_PORT}`;
  const gateway = serviceProcess(
    'gateway',
    'gateway',
    bench.env({ PORT: String(GATEWAY_PORT), HOST: '127.0.0.1', RATE_LIMIT_MAX: '0', ORDER_COMPLETION_DELAY: '7 days' }, 'info'),
    path.join(bench.dir, 'gateway.log'),
  );
  try {
    await startGateway(gateway, baseUrl);
    let n = 0;
    const viaGateway = async (): Promise<number> => {
      const body = JSON.stringify(benchOrder(`gw-${n++}`));
      const t0 = performance.now();
      const res = await fetch(`${baseUrl}/api/orders`, { method: 'POST', headers: { 'content-type': 'application/json' }, body });
      await res.arrayBuffer();
      const elapsed = performance.now() - t0;
      if (res.status !== 201) throw new Error(`POST /api/orders answered ${res.status}`);
      return elapsed;
    };
    const viaClient = async (): Promise<number> => {
      const order = benchOrder(`raw-${n++}`);
      const input: OrderWorkflowInput = { order, approvalTimeout: '24 hours', completionDelay: '7 days' };
      const t0 = performance.now();
      // The same call the gateway makes (options included), minus HTTP, schema validation and logging.
      await bench.client.workflow.start(ORDER_WORKFLOW_TYPE, orderWorkflowStartOptions(input));
      return performance.now() - t0;
    };
    for (let i = 0; i < WARMUP; i++) {
      await viaGateway();
      await viaClient();
    }
    const gw: number[] = [];
    const raw: number[] = [];
    for (let done = 0; done < REQUESTS; done += BLOCK) {
      for (let i = 0; i < BLOCK; i++) gw.push(await viaGateway());
      for (let i = 0; i < BLOCK; i++) raw.push(await viaClient());
    }
    const row = (name: string, s: number[]) => `| ${name} | ${s.length} | ${fmtMs(percentile(s, 50))} | ${fmtMs(percentile(s, 99))} | ${fmtMs(mean(s))} |`;
    return {
      id: 'gateway-latency',
      title: '(a) Gateway POST /api/orders vs raw client start',
      lines: [
        `Sequential requests (one in flight), ${WARMUP} warm-up each, alternating blocks of ${BLOCK}; no worker running, so both sides time the start path only. Gateway at LOG_LEVEL=info, rate limit off.`,
        '',
        '| Path | Requests | p50 | p99 | mean |',
        '| --- | ---: | ---: | ---: | ---: |',
        row('Gateway `POST /api/orders` (HTTP → validation → start)', gw),
        row('Raw `client.workflow.start` (same options)', raw),
        '',
        `**Ratio gateway / raw: p50 ${fmtRatio(percentile(gw, 50), percentile(raw, 50))}, p99 ${fmtRatio(percentile(gw, 99), percentile(raw, 99))}** ` +
          `(gateway overhead p50 ${fmtMs(percentile(gw, 50) - percentile(raw, 50))}).`,
      ],
    };
  } finally {
    await gateway.stop(10_000);
    await gateway.close();
    await bench.close();
  }
}

if (require.main === module) runMain(gatewayLatency, publish);
