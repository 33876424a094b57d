import path from 'node:path';
import { CHAOS_SABOTAGES, ORDER_TASK_QUEUE, ORDER_WORKER_DEPLOYMENT } from '@temporal-ecommerce/contracts/order';
import { DATA_DIR_VARS, defineEnv, EnvError, loadWorkerKitEnv, LOG_VARS, NODE_ENV_VARS, readEnv, readPackageVersion, TEMPORAL_SERVER_VARS, v, workerKitVars, type WorkerKitEnv } from '@temporal-ecommerce/worker-kit';
import { NO_FAULTS, type FaultConfig } from './activities/faults';
import type { OrderStoreConfig } from './services/database';

/** The order worker's configuration. This file is the only reader of process.env in the app. */
export interface OrderWorkerEnv {
  NODE_ENV: string;
  LOG_LEVEL: string;
  TEMPORAL_ADDRESS: string;
  TEMPORAL_NAMESPACE: string;
  /** Default ORDER_TASK_QUEUE; an override isolates a worker (tests, canaries) from the shared queue. */
  TASK_QUEUE: string;
  /** Folder holding orders.db (inventory, payments ledger, shipments) when no PostgreSQL is configured. */
  DATA_DIR: string;
  /** Where the services keep their state: orders.db in DATA_DIR, or PostgreSQL (ORDER_DATABASE_URL) shared by replicas. */
  database: OrderStoreConfig;
  /** ORDER_SHIPPING_CARRIER: the carrier this build books with (pnpm demo:versioning's v2 differs by it). */
  carrier?: string;
  /** ORDER_MAX_CONCURRENT_*: the order Worker's slots; unset, the SDK's defaults. */
  slots: { maxConcurrentWorkflowTaskExecutions?: number; maxConcurrentActivityTaskExecutions?: number };
  /** Injected failures for demos; all off unless ORDER_FAULT_* is set. */
  faults: FaultConfig;
  /** Metrics (METRICS_PORT, default 9464), tracing, payload encryption, TLS: the settings every worker shares. */
  kit: WorkerKitEnv;
}

const REPO_ROOT = path.resolve(__dirname, '../../..');
const SABOTAGES = Object.keys(CHAOS_SABOTAGES) as (keyof typeof CHAOS_SABOTAGES)[];

/** Every variable the order worker reads; .env.example and the README table are generated from it. */
export const ORDER_WORKER_ENV = defineEnv({
  ...NODE_ENV_VARS,
  ...LOG_VARS,
  ...TEMPORAL_SERVER_VARS,
  ORDER_TASK_QUEUE: v.string({ default: ORDER_TASK_QUEUE, description: 'Task queue; an override isolates a worker (tests, canaries) from the shared queue.' }),
  ...DATA_DIR_VARS,
  // A few slots make a backlog form on the order queue, which is when priority and fairness decide the order (pnpm demo:priorities).
  // At least 2 workflow-task slots: the SDK's core refuses fewer while the workflow cache is on (it is).
  ORDER_MAX_CONCURRENT_WORKFLOW_TASKS: v.integer({ minimum: 2, maximum: 1000, defaultText: "the SDK's (40)", description: 'Workflow-task slots of the order Worker (pnpm demo:priorities runs it with 2 so a backlog forms).' }),
  ORDER_MAX_CONCURRENT_ACTIVITIES: v.integer({ minimum: 1, maximum: 1000, defaultText: "the SDK's (100)", description: 'Activity-task slots of the order Worker (pnpm demo:priorities runs it with 1).' }),
  ORDER_FAULT_PAYMENT_FAILURE_RATE: v.number({ default: 0, minimum: 0, maximum: 1, description: 'Demo fault: share of payment calls that fail (retried).' }),
  ORDER_FAULT_PAYMENT_LOST_RESPONSES: v.integer({ default: 0, minimum: 0, maximum: 100, description: 'Demo fault: payments whose response is lost after the charge (the retry must not charge twice).' }),
  ORDER_FAULT_PAYMENT_DELAY_MS: v.integer({ default: 0, minimum: 0, maximum: 600_000, description: 'Demo fault: delay of every payment call.' }),
  ORDER_FAULT_DECLINED_CUSTOMERS: v.list({ description: 'Demo fault: customer ids whose card is declined (a business failure, compensated).' }),
  ORDER_FAULT_CARRIER: v.oneOf(['ok', 'reject', 'unavailable'], { default: 'ok', description: 'Demo fault: the shipping carrier rejects (compensate) or is down (retry).' }),
  CHAOS_SABOTAGE: v.oneOf(SABOTAGES, { description: "Chaos run's own test only: break this invariant's guarantee on purpose; refused with NODE_ENV=production." }),
  ORDER_DATABASE_URL: v.string({ secret: true, example: 'postgres://user:password@host:5432/orders', description: "PostgreSQL shared by replicas (libpq query parameters such as sslmode allowed); unset, orders.db in the data dir." }),
  ORDER_DATABASE_POOL_MAX: v.integer({ default: 10, minimum: 1, maximum: 100, description: 'Connections in the PostgreSQL pool (with ORDER_DATABASE_URL).' }),
  ORDER_SHIPPING_CARRIER: v.string({ pattern: '^[A-Za-z0-9][A-Za-z0-9 ._-]{0,39}$', hint: '1-40 letters, digits, spaces, ".", "_" or "-"', defaultText: 'the built-in carrier', description: 'The carrier this build books with (pnpm demo:versioning\'s v2 differs by it).' }),
  ...workerKitVars({ metricsPort: 9464, deploymentName: ORDER_WORKER_DEPLOYMENT }),
});

/** Reads and validates the environment once at start; throws EnvError naming the bad variable. */
export function loadEnv(env: NodeJS.ProcessEnv = process.env): OrderWorkerEnv {
  const e = readEnv(ORDER_WORKER_ENV, env);
  // A sabotage breaks money and stock guarantees on purpose: it is for the chaos run's own tests only.
  if (e.CHAOS_SABOTAGE !== undefined && e.NODE_ENV === 'production') throw new EnvError('CHAOS_SABOTAGE is refused when NODE_ENV=production');
  const dataDir = path.resolve(e.TEMPORAL_ECOMMERCE_DATA_DIR ?? path.join(REPO_ROOT, '.data'));
  return {
    NODE_ENV: e.NODE_ENV,
    LOG_LEVEL: e.LOG_LEVEL,
    TEMPORAL_ADDRESS: e.TEMPORAL_ADDRESS,
    TEMPORAL_NAMESPACE: e.TEMPORAL_NAMESPACE,
    TASK_QUEUE: e.ORDER_TASK_QUEUE,
    DATA_DIR: dataDir,
    database: loadDatabase(e.ORDER_DATABASE_URL, e.ORDER_DATABASE_POOL_MAX, dataDir),
    ...(e.ORDER_SHIPPING_CARRIER ? { carrier: e.ORDER_SHIPPING_CARRIER } : {}),
    slots: {
      ...(e.ORDER_MAX_CONCURRENT_WORKFLOW_TASKS !== undefined ? { maxConcurrentWorkflowTaskExecutions: e.ORDER_MAX_CONCURRENT_WORKFLOW_TASKS } : {}),
      ...(e.ORDER_MAX_CONCURRENT_ACTIVITIES !== undefined ? { maxConcurrentActivityTaskExecutions: e.ORDER_MAX_CONCURRENT_ACTIVITIES } : {}),
    },
    faults: {
      ...NO_FAULTS,
      paymentFailureRate: e.ORDER_FAULT_PAYMENT_FAILURE_RATE,
      paymentLostResponses: e.ORDER_FAULT_PAYMENT_LOST_RESPONSES,
      paymentDelayMs: e.ORDER_FAULT_PAYMENT_DELAY_MS,
      declinedCustomers: e.ORDER_FAULT_DECLINED_CUSTOMERS,
      carrier: e.ORDER_FAULT_CARRIER,
      ...(e.CHAOS_SABOTAGE ? { sabotage: e.CHAOS_SABOTAGE } : {}),
    },
    kit: loadWorkerKitEnv(env, {
      metricsPort: 9464,
      deployment: { deploymentName: ORDER_WORKER_DEPLOYMENT, behavior: 'PINNED', packageVersion: readPackageVersion(path.resolve(__dirname, '..')), repoRoot: REPO_ROOT },
    }),
  };
}

/**
 * ORDER_DATABASE_URL (postgres://user:password@host:port/db, libpq's query parameters such as sslmode
 * allowed) selects PostgreSQL; unset, the services use orders.db in the data dir. The URL holds a
 * password: no message repeats it.
 */
function loadDatabase(raw: string | undefined, max: number, dataDir: string): OrderStoreConfig {
  if (!raw) return { kind: 'sqlite', dataDir };
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new EnvError('ORDER_DATABASE_URL must be a URL such as postgres://user:password@host:5432/orders');
  }
  if (url.protocol !== 'postgres:' && url.protocol !== 'postgresql:') {
    throw new EnvError(`ORDER_DATABASE_URL must start with postgres:// or postgresql://, got "${url.protocol}//"`);
  }
  if (!url.hostname || url.pathname.length <= 1) throw new EnvError('ORDER_DATABASE_URL must name a host and a database (postgres://host:5432/orders)');
  return { kind: 'postgres', url: raw, max };
}
