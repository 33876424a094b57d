import path from 'node:path';
import { ORDER_TASK_QUEUE } from '@temporal-ecommerce/contracts/order';
import { loadWorkerKitEnv, type WorkerKitEnv } from '@temporal-ecommerce/worker-kit';
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
  /** Injected failures for demos; all off unless ORDER_FAULT_* is set. */
  faults: FaultConfig;
  /** Metrics (METRICS_PORT, default 9464), tracing, payload encryption, TLS: the settings every worker shares. */
  kit: WorkerKitEnv;
}

export class EnvError extends Error {
  override name = 'EnvError';
}

const REPO_ROOT = path.resolve(__dirname, '../../..');

function number(env: NodeJS.ProcessEnv, key: string, fallback: number, min: number, max: number): number {
  const raw = env[key];
  if (raw === undefined || raw === '') return fallback;
  const value = Number(raw);
  if (!Number.isFinite(value) || value < min || value > max) throw new EnvError(`${key} must be a number in [${min}, ${max}], got "${raw}"`);
  return value;
}

function list(env: NodeJS.ProcessEnv, key: string): string[] {
  return (env[key] ?? '')
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);
}

/** Reads and validates the environment once at start; throws EnvError naming the bad variable. */
export function loadEnv(env: NodeJS.ProcessEnv = process.env): OrderWorkerEnv {
  const carrier = env.ORDER_FAULT_CARRIER ?? 'ok';
  if (carrier !== 'ok' && carrier !== 'reject' && carrier !== 'unavailable') {
    throw new EnvError(`ORDER_FAULT_CARRIER must be ok, reject or unavailable, got "${carrier}"`);
  }
  const address = env.TEMPORAL_ADDRESS || '127.0.0.1:7233';
  if (!/^[^:\s]+:\d+$/.test(address)) throw new EnvError(`TEMPORAL_ADDRESS must be host:port, got "${address}"`);
  return {
    NODE_ENV: env.NODE_ENV ?? 'development',
    LOG_LEVEL: env.LOG_LEVEL ?? 'info',
    TEMPORAL_ADDRESS: address,
    TEMPORAL_NAMESPACE: env.TEMPORAL_NAMESPACE || 'default',
    TASK_QUEUE: env.ORDER_TASK_QUEUE || ORDER_TASK_QUEUE,
    DATA_DIR: path.resolve(env.TEMPORAL_ECOMMERCE_DATA_DIR || path.join(REPO_ROOT, '.data')),
    faults: {
      ...NO_FAULTS,
      paymentFailureRate: number(env, 'ORDER_FAULT_PAYMENT_FAILURE_RATE', 0, 0, 1),
      paymentLostResponses: number(env, 'ORDER_FAULT_PAYMENT_LOST_RESPONSES', 0, 0, 100),
      paymentDelayMs: number(env, 'ORDER_FAULT_PAYMENT_DELAY_MS', 0, 0, 600_000),
      declinedCustomers: list(env, 'ORDER_FAULT_DECLINED_CUSTOMERS'),
      carrier,
    },
    kit: loadWorkerKitEnv(env, { metricsPort: 9464 }),
  };
}

