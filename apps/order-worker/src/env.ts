import path from 'node:path';
import { CHAOS_SABOTAGES, ORDER_TASK_QUEUE, ORDER_WORKER_DEPLOYMENT, type ChaosSabotage } from '@temporal-ecommerce/contracts/order';
import { EnvError, envList, envNumber, envTemporalAddress, loadWorkerKitEnv, readPackageVersion, type WorkerKitEnv } from '@temporal-ecommerce/worker-kit';
import { NO_FAULTS, type FaultConfig } from './activities/faults';

/** The order worker's configuration. This file is the only reader of process.env in the app. */
export interface OrderWorkerEnv {
  NODE_ENV: string;
  LOG_LEVEL: string;
  TEMPORAL_ADDRESS: string;
  TEMPORAL_NAMESPACE: string;
  /** Default ORDER_TASK_QUEUE; an override isolates a worker (tests, canaries) from the shared queue. */
  TASK_QUEUE: string;
  /** Folder holding orders.db (inventory, payments ledger, shipments). */
  DATA_DIR: string;
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
  return {
    NODE_ENV: env.NODE_ENV ?? 'development',
    LOG_LEVEL: env.LOG_LEVEL ?? 'info',
    TEMPORAL_ADDRESS: address,
    TEMPORAL_NAMESPACE: env.TEMPORAL_NAMESPACE || 'default',
    TASK_QUEUE: env.ORDER_TASK_QUEUE || ORDER_TASK_QUEUE,
    DATA_DIR: path.resolve(env.TEMPORAL_ECOMMERCE_DATA_DIR || path.join(REPO_ROOT, '.data')),
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

