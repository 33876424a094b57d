import { rmSync } from 'node:fs';
import path from 'node:path';
import type { Duration } from '@temporalio/common';
import { orderWorkflowId, type ChaosSabotage } from '@temporal-ecommerce/contracts/order';
import {
  OrderDbReader,
  RestartableTemporal,
  Rng,
  connectClient,
  ensureWorkflowBundle,
  runDir,
  sleep,
  waitFor,
  type StockRow,
} from '../harness';
import { checkInvariants, collectFinalOrders, type CheckResult, type FinalOrder } from './checks';
import { driveOrder, type DriverOutcome } from './driver';
import { DECLINED_CUSTOMERS, planOrders } from './plan';
import { OrderWorkerPool } from './worker-pool';
import { startPostgresCluster } from '@temporal-ecommerce/infra/postgres';

export interface ChaosOptions {
  orders: number;
  /** Order-worker processes (default 2). */
  workers?: number;
  /** Fixed gRPC port of the dev server (it is restarted at the same address). */
  temporalPort: number;
  seed?: number;
  /** Orders started per second at most (default 10). */
  ratePerSecond?: number;
  /** Orders open at once at most (default 30): a load the workers can carry while being killed. */
  maxInFlight?: number;
  /** Pause between two worker kills, picked in [min, max] ms (default 3000..8000). */
  killEveryMs?: [number, number];
  /** Upper bound of the whole run; what has not finished by then is reported as a violation. */
  timeoutMs?: number;
  approvalTimeout?: Duration;
  completionDelay?: Duration;
  /**
   * Break one guarantee on purpose (CHAOS_SABOTAGE in the order workers) to see its check fail. The workers
   * then run with NODE_ENV=development, since they refuse a sabotage in production.
   */
  sabotage?: ChaosSabotage;
  /** No worker kills and no Temporal restart: only the orders' own faults (for sabotage runs). */
  calm?: boolean;
  /** Keep the run's folder (Temporal's SQLite file, orders.db, worker logs) instead of deleting it on success. */
  keepDir?: boolean;
  /**
   * The workers share a PostgreSQL database (ORDER_DATABASE_URL, on a throwaway cluster this run starts)
   * instead of one orders.db, as replicas on several hosts would; the checks read the same tables there.
   */
  postgres?: boolean;
  log?: (line: string) => void;
}

export interface ChaosReport {
  /** Where the order workers kept their state. */
  store: 'sqlite' | 'postgres';
  seed: number;
  sabotage?: ChaosSabotage;
  orders: number;
  workers: number;
  durationMs: number;
  dir: string;
  faults: Record<string, string>;
  workerKills: number;
  workerStarts: number;
  unexpectedWorkerExits: number;
  temporalRestarts: number;
  temporalDownMs: number;
  finals: FinalOrder[];
  drivers: DriverOutcome[];
  checks: CheckResult[];
  violations: string[];
}

async function mapLimit<T, R>(items: T[], limit: number, fn: (item: T) => Promise<R>): Promise<R[]> {
  const results: R[] = new Array(items.length);
  let next = 0;
  await Promise.all(
    Array.from({ length: Math.min(limit, items.length) }, async () => {
      while (next < items.length) {
        const i = next++;
        results[i] = await fn(items[i]!);
      }
    }),
  );
  return results;
}

/**
 * The chaos run: `orders` order sagas on a real dev server and real order-worker processes, with injected
 * payment faults, declined cards, missing stock and products, approvals, rejections and cancels, while
 * workers are SIGKILLed and restarted at random and the Temporal server is killed and restarted once.
 * Then every workflow must be closed and the invariants must hold in the order worker's database.
 */
export async function runChaos(opts: ChaosOptions): Promise<ChaosReport> {
  const log = opts.log ?? (() => undefined);
  const seed = opts.seed ?? Math.floor(Math.random() * 2 ** 31);
  const rng = new Rng(seed);
  const began = Date.now();
  const deadline = began + (opts.timeoutMs ?? 10 * 60_000);
  const dir = runDir('chaos');
  const dataDir = path.join(dir, 'data');
  const workerCount = opts.workers ?? 2;
  const faults = {
    ORDER_FAULT_PAYMENT_FAILURE_RATE: '0.15',
    ORDER_FAULT_PAYMENT_LOST_RESPONSES: '1',
    ORDER_FAULT_PAYMENT_DELAY_MS: '300',
    ORDER_FAULT_DECLINED_CUSTOMERS: DECLINED_CUSTOMERS.join(','),
  };
  const workerEnv: Record<string, string> = opts.sabotage ? { ...faults, CHAOS_SABOTAGE: opts.sabotage, NODE_ENV: 'development' } : faults;
  log(`chaos: ${opts.orders} orders, ${workerCount} order workers, seed ${seed}${opts.sabotage ? `, CHAOS_SABOTAGE=${opts.sabotage}` : ''}, state in ${dir}`);

  ensureWorkflowBundle('order-worker');
  const cluster = opts.postgres ? await startPostgresCluster() : undefined;
  // pg_ctl runs the server detached from us: a Ctrl-C (exitOnSignals → process.exit) must stop it too.
  const stopCluster = (): void => cluster?.stop();
  process.once('exit', stopCluster);
  const databaseUrl = cluster?.createDatabase('chaos_orders');
  if (databaseUrl) {
    workerEnv.ORDER_DATABASE_URL = databaseUrl;
    log(`chaos: order workers on PostgreSQL (port ${cluster!.port})`);
  }
  const temporal = await RestartableTemporal.start({ port: opts.temporalPort, dbFilename: path.join(dir, 'temporal.db') }).catch((err: unknown) => {
    process.off('exit', stopCluster);
    cluster?.stop();
    throw err;
  });
  const { client, connection } = await connectClient(temporal.address);
  const pool = new OrderWorkerPool({ size: workerCount, temporalAddress: temporal.address, dataDir, logDir: dir, faults: workerEnv });
  let temporalDownMs = 0;
  let report: ChaosReport;
  try {
    await pool.startAll();
    log(`chaos: Temporal at ${temporal.address}, workers up (pids ${pool.workers.map((w) => w.pid).join(', ')})`);
    // The worker seeded the catalog when it opened orders.db; nothing has been ordered yet.
    const seedDb = await OrderDbReader.open(dataDir, databaseUrl);
    const initialStock: StockRow[] = seedDb.stock();
    const catalogRows = seedDb.catalog();
    seedDb.close();
    const catalog = new Map(catalogRows.map((r) => [r.productId, r.priceCents]));

    const planned = planOrders(opts.orders, `chaos-${seed}`, rng, catalogRows);
    const ctx = {
      client,
      rng,
      deadline,
      approvalTimeout: opts.approvalTimeout ?? '20 seconds',
      completionDelay: opts.completionDelay ?? '4 seconds',
    };

    let started = 0;
    let drivingDone = false;
    let lastStart = 0;
    const intervalMs = 1000 / (opts.ratePerSecond ?? 10);
    // Orders still unstarted this close to the deadline are left out (and reported), so that the ones in
    // flight can close and a run that is too slow for its timeout still ends with a report.
    const lastStartAt = deadline - Math.min(180_000, (opts.timeoutMs ?? 10 * 60_000) / 4);
    const drivers = mapLimit(planned, opts.maxInFlight ?? 30, async (p): Promise<DriverOutcome> => {
      if (Date.now() > lastStartAt) return { orderId: p.order.orderId, started: false, error: 'not started: the run was near its deadline' };
      const wait = lastStart + intervalMs - Date.now();
      lastStart = Math.max(Date.now(), lastStart + intervalMs);
      if (wait > 0) await sleep(wait);
      started += 1;
      return driveOrder(ctx, p);
    });

    let chaosOn = !opts.calm;
    const [minPause, maxPause] = opts.killEveryMs ?? [3000, 8000];
    const monkey = (async () => {
      while (chaosOn) {
        await sleep(rng.between(minPause, maxPause));
        if (!chaosOn) break;
        const victim = await pool.killOne(rng, 1500);
        if (victim) log(`chaos: SIGKILL ${victim}`);
      }
    })();
    const serverRestart = (async () => {
      if (opts.calm) return;
      // A run too slow to start half its orders by the deadline skips the restart (and reports what did not
      // close) instead of rejecting here while nobody awaits this promise yet, which would kill the process.
      const halfStarted = await waitFor(() => (started >= opts.orders / 2 || !chaosOn || drivingDone ? true : undefined), { deadline, what: 'half of the orders to start' }).catch(
        () => false,
      );
      if (!halfStarted) return;
      if (started < opts.orders / 2) return;
      log('chaos: SIGKILL the Temporal server, then start it again on the same port and SQLite file');
      temporalDownMs = (await temporal.restart('SIGKILL')).downMs;
      log(`chaos: Temporal back after ${(temporalDownMs / 1000).toFixed(1)} s`);
    })();

    const outcomes = await drivers;
    drivingDone = true;
    await serverRestart;
    chaosOn = false;
    await monkey;
    log(`chaos: every order driven to its end; ${pool.kills} worker kills; checking`);

    await pool.allRunning(60_000);
    const open = new Set(outcomes.filter((o) => o.started).map((o) => o.orderId));
    while (open.size > 0 && Date.now() < deadline) {
      const ids = [...open];
      await mapLimit(ids, 8, async (orderId) => {
        const desc = await client.workflow
          .getHandle(orderWorkflowId(orderId))
          .describe()
          .catch(() => undefined);
        if (desc && desc.status.name !== 'RUNNING') open.delete(orderId);
      });
      if (open.size > 0) await sleep(1000);
    }

    const notStarted = new Set(outcomes.filter((o) => !o.started).map((o) => o.orderId));
    const finals = await mapLimit(planned, 8, (p) =>
      notStarted.has(p.order.orderId)
        ? Promise.resolve<FinalOrder>({ planned: p, execution: 'NOT_STARTED', compensations: [], attempts: {} })
        : collectFinalOrders(client, [p], deadline + 60_000).then((r) => r[0]!),
    );
    await pool.stop();
    const db = await OrderDbReader.open(dataDir, databaseUrl);
    const { checks, violations } = checkInvariants(finals, db, initialStock, catalog);
    db.close();
    report = {
      seed,
      ...(opts.sabotage ? { sabotage: opts.sabotage } : {}),
      orders: opts.orders,
      workers: workerCount,
      store: databaseUrl ? 'postgres' : 'sqlite',
      durationMs: Date.now() - began,
      dir,
      faults,
      workerKills: pool.kills,
      workerStarts: pool.totalStarts(),
      unexpectedWorkerExits: pool.unexpectedExits,
      temporalRestarts: temporal.restarts,
      temporalDownMs,
      finals,
      drivers: outcomes,
      checks,
      violations,
    };
  } finally {
    await pool.stop().catch(() => undefined);
    await connection.close().catch(() => undefined);
    await temporal.stop();
    process.off('exit', stopCluster);
    cluster?.stop();
  }
  if (report.violations.length === 0 && !opts.keepDir) rmSync(dir, { recursive: true, force: true });
  return report;
}
