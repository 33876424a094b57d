import { randomUUID } from 'node:crypto';
import { Pool } from 'undici';
import { readEnv } from '@temporal-ecommerce/env';
import { LOAD_ENV } from '../env';
import { LoadArgsError, parseLoadArgs, pickScenario, type LoadOptions, type Scenario } from './options';
import { LoadStats, statusLine, summary } from './stats';

const HELP = `pnpm load [--rate N | --concurrency N] [--duration 60s] [--mix normal=80,high-value=5,declined=5,out-of-stock=5,cancel=5]
           [--url http://127.0.0.1:3001] [--declined-customer customer-card-declined] [--json]
Orders through the gateway's POST /api/orders (loopback only), a live line every second, a summary at the end.
Auth: LOAD_GATEWAY_TOKEN (a token with the operator role, and approver for high-value).`;

/** A failed step: its type is what the live line counts ("create 409", "approve network"). */
class StepError extends Error {
  constructor(readonly type: string) {
    super(type);
  }
}

interface Http {
  call(step: string, method: 'GET' | 'POST', path: string, body?: unknown): Promise<unknown>;
}

function httpClient(opts: LoadOptions, pool: Pool): Http {
  const headers = { 'content-type': 'application/json', ...(opts.token ? { authorization: `Bearer ${opts.token}` } : {}) };
  return {
    async call(step, method, path, body) {
      let res;
      try {
        res = await pool.request({ path, method, headers, ...(body !== undefined ? { body: JSON.stringify(body) } : {}) });
      } catch {
        throw new StepError(`${step} network`);
      }
      const text = await res.body.text();
      if (res.statusCode >= 300) throw new StepError(`${step} ${res.statusCode}`);
      return text ? (JSON.parse(text) as unknown) : undefined;
    },
  };
}

function orderFor(scenario: Scenario, orderId: string, opts: LoadOptions) {
  const item = (productId: string, quantity: number) => ({ productId, productName: productId, quantity });
  const base = { orderId, customerId: scenario === 'declined' ? opts.declinedCustomer : `load-customer-${orderId.slice(-2)}` };
  switch (scenario) {
    case 'high-value':
      return { ...base, items: [item('server-001', 6)] };
    case 'out-of-stock':
      // Stock 1 in the seeded catalog: two are never there.
      return { ...base, items: [item('limited-001', 2)] };
    default:
      return { ...base, items: [item('mouse-001', 1), item('keyboard-001', 1)] };
  }
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** One order of a scenario. Resolves with the create latency; the follow-up (approve, cancel) is part of the operation. */
async function runScenario(http: Http, scenario: Scenario, opts: LoadOptions, runId: string, n: number): Promise<number> {
  const orderId = `load-${runId}-${n}`;
  const t0 = performance.now();
  await http.call('create', 'POST', '/api/orders', orderFor(scenario, orderId, opts));
  const latency = performance.now() - t0;
  if (scenario === 'cancel') {
    await http.call('cancel', 'POST', `/api/orders/${orderId}/cancel`, { reason: 'load test' });
  } else if (scenario === 'high-value') {
    // Auto-approve once the order waits for it (charged first), within 30 s.
    for (let i = 0; ; i++) {
      const state = (await http.call('status', 'GET', `/api/orders/${orderId}`)) as { status?: string };
      if (state.status === 'awaiting_approval') break;
      if (i >= 120) throw new StepError(`approve never awaiting (${state.status})`);
      await sleep(250);
    }
    await http.call('approve', 'POST', `/api/orders/${orderId}/approve`, { approved: true, approvedBy: 'load-generator', reason: 'load test' });
  }
  return latency;
}

async function run(opts: LoadOptions): Promise<LoadStats> {
  const pool = new Pool(opts.url.origin, { connections: Math.min(opts.concurrency, 64), keepAliveTimeout: 30_000 });
  const http = httpClient(opts, pool);
  const runId = randomUUID().slice(0, 8);
  const began = Date.now();
  const stats = new LoadStats(began);
  const deadline = began + opts.durationMs;
  const tty = process.stdout.isTTY && !opts.json;
  const ticker = setInterval(() => {
    if (opts.json) {
      process.stdout.write(`${JSON.stringify(stats.snapshot(Date.now()))}\n`);
      return;
    }
    const line = statusLine(stats.snapshot(Date.now()), opts.durationMs, opts.rate);
    process.stdout.write(tty ? `\r\x1b[2K${line}` : `${line}\n`);
  }, 1000);
  let n = 0;
  let inFlight = 0;
  const pending = new Set<Promise<void>>();
  const launch = () => {
    const scenario = pickScenario(opts.mix, Math.random());
    stats.started();
    inFlight += 1;
    const p = runScenario(http, scenario, opts, runId, n++).then(
      (latency) => stats.succeeded(latency, Date.now()),
      (err: unknown) => stats.failedWith(err instanceof StepError ? err.type : 'bug', Date.now()),
    );
    const tracked = p.finally(() => {
      inFlight -= 1;
      pending.delete(tracked);
    });
    pending.add(tracked);
  };
  try {
    if (opts.rate !== undefined) {
      // Open loop: the k-th order starts at k / rate, whatever the answers take; capped in flight.
      const interval = 1000 / opts.rate;
      for (let k = 0; began + k * interval < deadline; k++) {
        const wait = began + k * interval - Date.now();
        if (wait > 0) await sleep(wait);
        if (inFlight >= opts.concurrency) {
          stats.skipped('skipped (in-flight cap)', Date.now());
          continue;
        }
        launch();
      }
    } else {
      while (Date.now() < deadline) {
        while (inFlight < opts.concurrency && Date.now() < deadline) launch();
        await Promise.race(pending);
      }
    }
    await Promise.all(pending);
  } finally {
    clearInterval(ticker);
    await pool.close();
  }
  if (tty) process.stdout.write('\n');
  return stats;
}

async function main(): Promise<void> {
  const argv = process.argv.slice(2);
  if (argv.includes('--help') || argv.includes('-h')) {
    console.log(HELP);
    return;
  }
  let opts: LoadOptions;
  try {
    opts = parseLoadArgs(argv, readEnv(LOAD_ENV, process.env));
  } catch (err) {
    if (err instanceof LoadArgsError) {
      console.error(`${err.message}\n\n${HELP}`);
      process.exit(2);
    }
    throw err;
  }
  // With --json, stdout carries only the snapshots; the words go to stderr.
  const say = opts.json ? console.error : console.log;
  say(
    `Load: ${opts.rate !== undefined ? `${opts.rate} orders/s` : `${opts.concurrency} in flight`} for ${opts.durationMs / 1000} s against ${opts.url.origin}, ` +
      `mix ${opts.mix.map(([s, w]) => `${s}=${w}`).join(',')}${opts.token ? '' : ' (no LOAD_GATEWAY_TOKEN: dev-mode gateway)'}`,
  );
  const stats = await run(opts);
  const final = stats.snapshot(Date.now());
  if (opts.json) process.stdout.write(`${JSON.stringify(final)}\n`);
  say(summary(final, opts.rate));
  if (final.failed > 0) process.exitCode = 1;
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
