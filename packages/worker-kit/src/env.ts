import { readFileSync } from 'node:fs';
import type { NativeConnectionOptions } from '@temporalio/worker';
import { parseEncryptionKey, type EncryptionSettings } from '@temporal-ecommerce/codec';
import { EnvError, envDuration } from './env-parsing';
import type { TracingOptions } from './tracing';

/** The runWorker options every worker takes from the same env vars (see docs/observability.md, docs/security.md). */
export interface WorkerKitEnv {
  /** Milliseconds; see DEFAULT_STICKY_QUEUE_TIMEOUT_MS. Always set, so a worker logs what it runs with. */
  stickyQueueScheduleToStartTimeout: number;
  metricsAddress?: string;
  tracing?: TracingOptions;
  encryption?: EncryptionSettings;
  connectionOptions?: Partial<NativeConnectionOptions>;
}

export interface WorkerKitEnvDefaults {
  /** This worker's Prometheus port (order 9464, ml 9465, agent 9466), so workers on one host do not clash. */
  metricsPort: number;
}

/**
 * WORKER_STICKY_QUEUE_TIMEOUT's default: how long a workflow task waits on the sticky queue of the worker
 * that ran the workflow's previous task before any worker of the task queue may take it (SDK default
 * 10 s). After a crash (SIGKILL, OOM, lost host) each workflow that worker had cached stalls this long
 * on its next task, since the server cannot tell a dead worker from a slow one (a graceful stop tells it).
 * 3 s moves a crashed worker's workflows to a live worker quickly. The price is paid by a live worker
 * too busy to take its sticky task within 3 s: the task goes to the normal queue and whoever takes it
 * replays the workflow's full history (a cache miss). Our workflow tasks take milliseconds and our
 * histories stay short, so that replay is cheap. bench/RESULTS.md (c) measures 10 s against 3 s.
 */
export const DEFAULT_STICKY_QUEUE_TIMEOUT_MS = 3_000;
/** Below 1 s a worker under a brief load spike (GC, a CPU-heavy activity) loses its cache over and over. */
const STICKY_QUEUE_TIMEOUT_RANGE_MS = [1_000, 600_000] as const;

const DEFAULT_OTLP_ENDPOINT = 'http://127.0.0.1:4318';

function flag(env: NodeJS.ProcessEnv, key: string): boolean | undefined {
  const raw = env[key]?.trim().toLowerCase();
  if (raw === undefined || raw === '') return undefined;
  if (['true', '1', 'yes', 'on'].includes(raw)) return true;
  if (['false', '0', 'no', 'off'].includes(raw)) return false;
  throw new EnvError(`${key} must be true or false, got "${env[key]}"`);
}

function metricsAddress(env: NodeJS.ProcessEnv, defaults: WorkerKitEnvDefaults): string | undefined {
  const raw = env.METRICS_PORT?.trim() || String(defaults.metricsPort);
  if (raw.toLowerCase() === 'off') return undefined;
  const port = Number(raw);
  if (!Number.isInteger(port) || port < 1 || port > 65535) throw new EnvError(`METRICS_PORT must be a port number or "off", got "${env.METRICS_PORT}"`);
  // Loopback unless told otherwise: metrics describe the workload, not something to publish by default.
  return `${env.METRICS_HOST?.trim() || '127.0.0.1'}:${port}`;
}

function readPem(env: NodeJS.ProcessEnv, key: string): Buffer | undefined {
  const file = env[key];
  if (!file) return undefined;
  try {
    return readFileSync(file);
  } catch (err) {
    throw new EnvError(`${key}: cannot read "${file}": ${(err as Error).message}`);
  }
}

/**
 * TLS and API key for Temporal Cloud or a secured cluster, with the variable names of Temporal's own
 * env config: TEMPORAL_API_KEY, TEMPORAL_TLS, TEMPORAL_TLS_CLIENT_CERT_PATH, TEMPORAL_TLS_CLIENT_KEY_PATH,
 * TEMPORAL_TLS_SERVER_CA_CERT_PATH, TEMPORAL_TLS_SERVER_NAME.
 */
export function temporalConnectionOptions(env: NodeJS.ProcessEnv): Partial<NativeConnectionOptions> | undefined {
  const apiKey = env.TEMPORAL_API_KEY || undefined;
  const crt = readPem(env, 'TEMPORAL_TLS_CLIENT_CERT_PATH');
  const key = readPem(env, 'TEMPORAL_TLS_CLIENT_KEY_PATH');
  if (Boolean(crt) !== Boolean(key)) throw new EnvError('TEMPORAL_TLS_CLIENT_CERT_PATH and TEMPORAL_TLS_CLIENT_KEY_PATH go together (mTLS)');
  const ca = readPem(env, 'TEMPORAL_TLS_SERVER_CA_CERT_PATH');
  const serverName = env.TEMPORAL_TLS_SERVER_NAME || undefined;
  const explicit = flag(env, 'TEMPORAL_TLS');
  const tlsOn = explicit ?? Boolean(apiKey || crt || ca || serverName);
  if (!tlsOn && !apiKey) return undefined;
  const tls = tlsOn
    ? {
        ...(crt && key ? { clientCertPair: { crt, key } } : {}),
        ...(ca ? { serverRootCACertificate: ca } : {}),
        ...(serverName ? { serverNameOverride: serverName } : {}),
      }
    : false;
  return { tls, ...(apiKey ? { apiKey } : {}) };
}

/**
 * Reads the shared worker settings from `env` (a worker's env.ts passes process.env):
 * WORKER_STICKY_QUEUE_TIMEOUT, METRICS_PORT, METRICS_HOST, OTEL_ENABLED, OTEL_EXPORTER_OTLP_ENDPOINT, PAYLOAD_ENCRYPTION_KEY(_ID), TEMPORAL_API_KEY
 * and TEMPORAL_TLS*. Throws EnvError naming the bad variable.
 */
export function loadWorkerKitEnv(env: NodeJS.ProcessEnv, defaults: WorkerKitEnvDefaults): WorkerKitEnv {
  const result: WorkerKitEnv = {
    stickyQueueScheduleToStartTimeout: envDuration(env, 'WORKER_STICKY_QUEUE_TIMEOUT', DEFAULT_STICKY_QUEUE_TIMEOUT_MS, ...STICKY_QUEUE_TIMEOUT_RANGE_MS),
  };
  const metrics = metricsAddress(env, defaults);
  if (metrics) result.metricsAddress = metrics;
  if (flag(env, 'OTEL_ENABLED')) {
    const endpoint = env.OTEL_EXPORTER_OTLP_ENDPOINT || DEFAULT_OTLP_ENDPOINT;
    if (!/^https?:\/\//.test(endpoint)) throw new EnvError(`OTEL_EXPORTER_OTLP_ENDPOINT must be an http(s) URL, got "${endpoint}"`);
    result.tracing = { otlpEndpoint: endpoint };
  }
  if (env.PAYLOAD_ENCRYPTION_KEY) {
    const encryption = { key: env.PAYLOAD_ENCRYPTION_KEY, keyId: env.PAYLOAD_ENCRYPTION_KEY_ID || 'default' };
    try {
      parseEncryptionKey(encryption.key, encryption.keyId);
    } catch (err) {
      throw new EnvError(`PAYLOAD_ENCRYPTION_KEY / PAYLOAD_ENCRYPTION_KEY_ID: ${(err as Error).message}`);
    }
    result.encryption = encryption;
  }
  const connectionOptions = temporalConnectionOptions(env);
  if (connectionOptions) result.connectionOptions = connectionOptions;
  return result;
}
