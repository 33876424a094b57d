import path from 'node:path';
import { CHAOS_SABOTAGES, ORDER_TASK_QUEUE, ORDER_WORKER_DEPLOYMENT, type ChaosSabotage } from '@temporal-ecommerce/contracts/order';
import { EnvError, envList, envNumber, envTemporalAddress, loadWorkerKitEnv, readPackageVersion, type WorkerKitEnv } from '@temporal-ecommerce/worker-kit';
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
  /** Injected failures for demos; all off unless ORDER_FAULT_* is set. */
  faults: FaultConfig;
  /** Metrics (METRICS_PORT, default 9464), tracing, payload encryption, TLS: the settings every worker shares. */
  kit: WorkerKitEnv;
}

const REPO_ROOT = path.resolve(__dirname, '../../..');

/** Reads and validates the environment once at start; throws EnvError naming the bad variable. */
export function loadEnv(env: NodeJS.ProcessEnv = process.env): OrderWorkerEnv {
  const carrier = env.ORDER_FAULT_CARRIER ?? 'ok';
  if (carrier !== 'ok' && carrier !== 'reject' && carrier !== 'unavailable') {
    throw new EnvError(`ORDER_FAULT_CARRIER must be ok, reject or unavailable, got "${carrier}"`);
  }
  const sabotage = env.CHAOS_SABOTAGE || undefined;
  if (sabotage !== undefined && !Object.hasOwn(CHAOS_SABOTAGES, sabotage)) {
    throw new EnvError(`CHAOS_SABOTAGE must be one of ${Object.keys(CHAOS_SABOTAGES).join(', ')}, got "${sabotage}"`);
  }
  // A sabotage breaks money and stock guarantees on purpose: it is for the chaos run's own tests only.
  if (sabotage !== undefined && env.NODE_ENV === 'production') throw new EnvError('CHAOS_SABOTAGE is refused when NODE_ENV=production');
  const shippingCarrier = env.ORDER_SHIPPING_CARRIER?.trim();
  if (shippingCarrier !== undefined && shippingCarrier !== '' && !/^[A-Za-z0-9][A-Za-z0-9 ._-]{0,39}$/.test(shippingCarrier)) {
    throw new EnvError(`ORDER_SHIPPING_CARRIER must be 1-40 letters, digits, spaces, ".", "_" or "-", got "${env.ORDER_SHIPPING_CARRIER}"`);
  }
  const address = envTemporalAddress(env);
  const dataDir = path.resolve(env.TEMPORAL_ECOMMERCE_DATA_DIR || path.join(REPO_ROOT, '.data'));
  return {
    NODE_ENV: env.NODE_ENV ?? 'development',
    LOG_LEVEL: env.LOG_LEVEL ?? 'info',
    TEMPORAL_ADDRESS: address,
    TEMPORAL_NAMESPACE: env.TEMPORAL_NAMESPACE || 'default',
    TASK_QUEUE: env.ORDER_TASK_QUEUE || ORDER_TASK_QUEUE,
    DATA_DIR: dataDir,
    database: loadDatabase(env, dataDir),
    ...(shippingCarrier ? { carrier: shippingCarrier } : {}),
    faults: {
      ...NO_FAULTS,
      paymentFailureRate: envNumber(env, 'ORDER_FAULT_PAYMENT_FAILURE_RATE', 0, 0, 1),
      paymentLostResponses: envNumber(env, 'ORDER_FAULT_PAYMENT_LOST_RESPONSES', 0, 0, 100),
      paymentDelayMs: envNumber(env, 'ORDER_FAULT_PAYMENT_DELAY_MS', 0, 0, 600_000),
      declinedCustomers: envList(env, 'ORDER_FAULT_DECLINED_CUSTOMERS'),
      carrier,
      ...(sabotage ? { sabotage: sabotage as ChaosSabotage } : {}),
    },
    kit: loadWorkerKitEnv(env, {
      metricsPort: 9464,
      deployment: { deploymentName: ORDER_WORKER_DEPLOYMENT, behavior: 'PINNED', packageVersion: readPackageVersion(path.resolve(__dirname, '..')), repoRoot: REPO_ROOT },
    }),
  };
}


/**
 * ORDER_DATABASE_URL (postgres://user:password@host:port/db, libpq's query parameters such as sslmode
 * allowed) selects PostgreSQL; unset, the services use orders.db in the data dir.
 */
function loadDatabase(env: NodeJS.ProcessEnv, dataDir: string): OrderStoreConfig {
  const raw = env.ORDER_DATABASE_URL;
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
  return { kind: 'postgres', url: raw, max: envNumber(env, 'ORDER_DATABASE_POOL_MAX', 10, 1, 100) };
}
