import { spawn } from 'node:child_process';
import path from 'node:path';
import { ensureWorkflowBundle, serviceProcess, startGateway, startWorker } from '@temporal-ecommerce/e2e/harness';
import { ORDER_TASK_QUEUE } from '@temporal-ecommerce/contracts/order';
import { runMain } from './lib/main';
import { publish, type BenchSection } from './lib/results';
import { benchEnv, GATEWAY_PORT } from './lib/setup';

const TOKEN = 'bench-load-token-0123456789abcdef';
const RATE = 20;
const DURATION = '60s';
const DECLINED = 'customer-card-declined';

/**
 * The load goal of issue #12, as a user would run it: `pnpm load --rate 20 --duration 60s` (the default
 * scenario mix) against a gateway and an order worker on the bench's own dev server. Holds the rate when
 * it achieves ≥ 95 % of it with 0 failed orders and prints its summary.
 */
export async function loadGoal(): Promise<BenchSection> {
  ensureWorkflowBundle('order-worker');
  const bench = await benchEnv('load');
  const worker = serviceProcess('order-worker', 'order-worker', bench.env({ ORDER_FAULT_DECLINED_CUSTOMERS: DECLINED }), path.join(bench.dir, 'order-worker.log'));
  const baseUrl = `http://127.0.0.1:${GATEWAY_PORT}`;
  const gateway = serviceProcess(
    'gateway',
    'gateway',
    bench.env({ PORT: String(GATEWAY_PORT), HOST: '127.0.0.1', GATEWAY_TOKENS: `${TOKEN}:operator+approver:load`, RATE_LIMIT_MAX: '1000000' }),
    path.join(bench.dir, 'gateway.log'),
  );
  let output = '';
  let code: number | null = null;
  try {
    await startWorker(worker, { poller: { client: bench.client, taskQueue: ORDER_TASK_QUEUE } });
    await startGateway(gateway, baseUrl);
    const cli = spawn(process.execPath, [path.join(__dirname, 'load', 'cli.js'), '--rate', String(RATE), '--duration', DURATION, '--url', baseUrl, '--declined-customer', DECLINED], {
      // env-exception: handed through to the child so it finds node and its tools; not configuration.
      env: { PATH: process.env.PATH, HOME: process.env.HOME, LOAD_GATEWAY_TOKEN: TOKEN },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    cli.stdout.on('data', (d: Buffer) => {
      output += d.toString();
      process.stdout.write(d);
    });
    cli.stderr.on('data', (d: Buffer) => (output += d.toString()));
    code = await new Promise<number | null>((resolve) => cli.once('exit', (c) => resolve(c)));
  } finally {
    await gateway.stop(10_000);
    await worker.stop(10_000);
    await gateway.close();
    await worker.close();
    await bench.close();
  }
  const summary = output.slice(output.lastIndexOf('Orders sent')).trim();
  const achieved = Number(/Achieved ([\d.]+) \/s/.exec(summary)?.[1] ?? Number.NaN);
  const failed = Number(/failed (\d+)\)/.exec(summary)?.[1] ?? Number.NaN);
  const errors = /Errors: (.*)/.exec(summary)?.[1] ?? '?';
  const printed = summary.startsWith('Orders sent') && Number.isFinite(achieved);
  const met = printed && achieved >= RATE * 0.95 && failed === 0 && code === 0;
  return {
    id: 'load-goal',
    title: `(h) \`pnpm load --rate ${RATE} --duration ${DURATION}\``,
    lines: [
      `The load generator's CLI as a user runs it (default mix: normal 80, high-value 5 with auto-approve, declined 5, out-of-stock 5, cancel 5), against a gateway with auth on and one order worker (production mode) on the bench's dev server. Its summary:`,
      '',
      '```',
      printed ? summary : output.slice(-1500),
      '```',
      '',
      `**Achieved ${Number.isFinite(achieved) ? achieved.toFixed(2) : '?'} /s of ${RATE}, ${Number.isFinite(failed) ? failed : '?'} failed (exit code ${code}): ${met ? 'holds the rate with 0 errors' : 'does not hold the rate with 0 errors'}.**`,
    ],
    goals: [
      {
        id: 'load-20',
        value: `${Number.isFinite(achieved) ? achieved.toFixed(2) : '?'} /s achieved, ${Number.isFinite(failed) ? failed : '?'} failed (${errors}); summary ${printed ? 'printed' : 'missing'}`,
        met,
        ...(met
          ? {}
          : {
              reason:
                `${errors}; create latency p99 ${/p99 ([\d.]+ ms)/.exec(summary)?.[1] ?? '?'}: the one order worker completes fewer sagas per second than 20 on this machine (bench (b), (g)), so a backlog grows; ` +
                'cancels (updates) then wait past the gateway\'s 4 s deadline (503) and high-value orders waiting for their approval fill the 16 in-flight slots (skipped). Sagas at ≥ 20 /s here (the saga goal) or more worker cores would move it',
            }),
      },
    ],
  };
}

if (require.main === module) runMain(loadGoal, publish);
