import type { NativeConnectionOptions } from '@temporalio/worker';
import { readEncryptionEnv, type EncryptionSettings } from '@temporal-ecommerce/codec';
import { EnvError, envFlag, temporalTlsFromEnv, TEMPORAL_TLS_VARS, v } from '@temporal-ecommerce/env';
import { envDuration } from './env-parsing';
import type { TracingOptions } from './tracing';
import { loadWorkerDeployment, type WorkerDeployment, type WorkerDeploymentDefaults } from './deployment';

/** The runWorker options every worker takes from the same env vars (see docs/observability.md, docs/security.md). */
export interface WorkerKitEnv {
  /** Milliseconds; see DEFAULT_STICKY_QUEUE_TIMEOUT_MS. Always set, so a worker logs what it runs with. */
  stickyQueueScheduleToStartTimeout: number;
  metricsAddress?: string;
  tracing?: TracingOptions;
  encryption?: EncryptionSettings;
  connectionOptions?: Partial<NativeConnectionOptions>;
  /** Worker Deployment Versioning; undefined with WORKER_VERSIONING=off. */
  deployment?: WorkerDeployment;
}

export interface WorkerKitEnvDefaults {
  /** This worker's Prometheus port (order 9464, ml 9465, agent 9466), so workers on one host do not clash. */
  metricsPort: number;
  /** This worker's deployment name, versioning behaviour and package version (docs/versioning.md). */
  deployment: WorkerDeploymentDefaults;
  /**
   * This worker's WORKER_STICKY_QUEUE_TIMEOUT default in ms, when its workflows call for another than
   * DEFAULT_STICKY_QUEUE_TIMEOUT_MS (the agent: 1 s, docs/performance.md). Pass the same to workerKitVars.
   */
  stickyQueueTimeoutMs?: number;
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

/**
 * The declarations (docs, defaults) of what loadWorkerKitEnv reads, for each worker's schema; the
 * cross-variable checks (keys, certificates, "off") stay in loadWorkerKitEnv and the parsers it calls.
 */
export function workerKitVars(defaults: { metricsPort: number; deploymentName: string; stickyQueueTimeoutMs?: number }) {
  const stickyDefault = `${(defaults.stickyQueueTimeoutMs ?? DEFAULT_STICKY_QUEUE_TIMEOUT_MS) / 1000}s`;
  return {
    WORKER_VERSIONING: v.oneOf(['on', 'off'], { default: 'on', description: 'Worker Deployment Versioning (docs/versioning.md); off runs an unversioned worker.' }),
    WORKER_DEPLOYMENT_NAME: v.string({ default: defaults.deploymentName, pattern: '^[A-Za-z0-9][A-Za-z0-9_-]{0,99}$', hint: '1-100 letters, digits, "_" or "-" (no dot)', description: 'The Worker Deployment this build belongs to.' }),
    WORKER_BUILD_ID: v.string({ defaultText: '<package version>-<GIT_REVISION>', pattern: '^[A-Za-z0-9][A-Za-z0-9._+-]{0,99}$', hint: '1-100 letters, digits, ".", "_", "+" or "-"', description: "This build's id within the deployment." }),
    GIT_REVISION: v.string({ defaultText: "git's short HEAD (-dirty with uncommitted changes), nogit without git", description: 'Second half of the default build id (set it in images, which have no .git).' }),
    WORKER_DEPLOYMENT_PROMOTE: v.oneOf(['never', 'if-none', 'always'], { defaultText: 'never in production, else if-none', description: "When the worker makes its build the deployment's current version on start." }),
    WORKER_STICKY_QUEUE_TIMEOUT: v.string({ default: stickyDefault, description: "How long a workflow task waits for the worker that cached the workflow before any worker may take it (1 s to 600 s; '3s', '3000')." }),
    METRICS_PORT: v.string({ default: String(defaults.metricsPort), description: 'Prometheus /metrics port of the SDK runtime, or "off".' }),
    METRICS_HOST: v.string({ default: '127.0.0.1', description: 'Interface the metrics endpoint listens on.' }),
    OTEL_ENABLED: v.flag({ default: false, description: 'Export OpenTelemetry traces over OTLP/HTTP.' }),
    OTEL_EXPORTER_OTLP_ENDPOINT: v.string({ default: DEFAULT_OTLP_ENDPOINT, pattern: '^https?://', hint: 'an http(s) URL', description: 'Collector that receives the spans.' }),
    PAYLOAD_ENCRYPTION_KEY: v.string({ secret: true, description: 'base64 of 32 bytes (openssl rand -base64 32): payloads are AES-GCM encrypted before they reach Temporal.' }),
    PAYLOAD_ENCRYPTION_KEY_ID: v.string({ default: 'default', description: 'Id stored with each encrypted payload (rotation).' }),
    PAYLOAD_ENCRYPTION_PREVIOUS_KEYS: v.string({ secret: true, description: 'id:base64key,... older keys that only decrypt (docs/security.md).' }),
    ...TEMPORAL_TLS_VARS,
  };
}

function metricsAddress(env: NodeJS.ProcessEnv, defaults: WorkerKitEnvDefaults): string | undefined {
  const raw = env.METRICS_PORT?.trim() || String(defaults.metricsPort);
  if (raw.toLowerCase() === 'off') return undefined;
  const port = Number(raw);
  if (!Number.isInteger(port) || port < 1 || port > 65535) throw new EnvError(`METRICS_PORT must be a port number or "off", got "${env.METRICS_PORT}"`);
  // Loopback unless told otherwise: metrics describe the workload, not something to publish by default.
  return `${env.METRICS_HOST?.trim() || '127.0.0.1'}:${port}`;
}

/**
 * Reads the shared worker settings from `env` (a worker's env.ts passes process.env):
 * WORKER_VERSIONING, WORKER_DEPLOYMENT_NAME, WORKER_BUILD_ID, GIT_REVISION, WORKER_DEPLOYMENT_PROMOTE (deployment.ts),
 * WORKER_STICKY_QUEUE_TIMEOUT, METRICS_PORT, METRICS_HOST, OTEL_ENABLED, OTEL_EXPORTER_OTLP_ENDPOINT, PAYLOAD_ENCRYPTION_KEY(_ID), PAYLOAD_ENCRYPTION_PREVIOUS_KEYS, TEMPORAL_API_KEY
 * and TEMPORAL_TLS*. Throws EnvError naming the bad variable.
 */
export function loadWorkerKitEnv(env: NodeJS.ProcessEnv, defaults: WorkerKitEnvDefaults): WorkerKitEnv {
  const result: WorkerKitEnv = {
    stickyQueueScheduleToStartTimeout: envDuration(env, 'WORKER_STICKY_QUEUE_TIMEOUT', defaults.stickyQueueTimeoutMs ?? DEFAULT_STICKY_QUEUE_TIMEOUT_MS, ...STICKY_QUEUE_TIMEOUT_RANGE_MS),
  };
  const metrics = metricsAddress(env, defaults);
  if (metrics) result.metricsAddress = metrics;
  if (envFlag(env, 'OTEL_ENABLED')) {
    const endpoint = env.OTEL_EXPORTER_OTLP_ENDPOINT || DEFAULT_OTLP_ENDPOINT;
    if (!/^https?:\/\//.test(endpoint)) throw new EnvError(`OTEL_EXPORTER_OTLP_ENDPOINT must be an http(s) URL, got "${endpoint}"`);
    result.tracing = { otlpEndpoint: endpoint };
  }
  let encryption: EncryptionSettings | undefined;
  try {
    encryption = readEncryptionEnv(env);
  } catch (err) {
    throw new EnvError((err as Error).message);
  }
  if (encryption) result.encryption = encryption;
  const connectionOptions = temporalTlsFromEnv(env);
  if (connectionOptions) result.connectionOptions = connectionOptions;
  const deployment = loadWorkerDeployment(env, defaults.deployment);
  if (deployment) result.deployment = deployment;
  return result;
}
