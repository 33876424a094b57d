import path from 'node:path';
import { Type, type Static } from '@sinclair/typebox';
import { Value } from '@sinclair/typebox/value';
import { msToNumber } from '@temporalio/common/lib/time';
import { DEFAULT_APPROVAL_TIMEOUT, DEFAULT_COMPLETION_DELAY, ORDER_DB_FILE } from '@temporal-ecommerce/contracts/order';
import { EnvError } from '@temporal-ecommerce/env';
import { logColors, logFormat, type LogFormat } from '@temporal-ecommerce/env/log';
import { loadProductionConfig, type ProductionConfig } from './production-env';
import type { CatalogStore } from './plugins/app/catalog';
import type { SupervisorConfig } from './supervisor';

function isDuration(value: unknown): boolean {
  if (typeof value !== 'string') return true; // the schema reports non-strings
  try {
    return msToNumber(value as Parameters<typeof msToNumber>[0]) > 0;
  } catch {
    return false;
  }
}

const REPO_ROOT = path.resolve(__dirname, '../../..');

/** The only reader of process.env in the gateway. Defaults suit a local dev run. */
const EnvSchema = Type.Object({
  PORT: Type.Integer({ minimum: 0, maximum: 65535, default: 3001 }),
  HOST: Type.String({ minLength: 1, default: '127.0.0.1' }),
  TEMPORAL_ADDRESS: Type.String({ pattern: '^[^\\s:]+:\\d+$', default: '127.0.0.1:7233' }),
  TEMPORAL_NAMESPACE: Type.String({ minLength: 1, default: 'default' }),
  TEMPORAL_UI_URL: Type.String({ pattern: '^https?://', default: 'http://localhost:8233' }),
  // Order durations travel in each workflow's input, so a deployment (or a demo) can shorten them.
  ORDER_APPROVAL_TIMEOUT: Type.String({ minLength: 1, default: DEFAULT_APPROVAL_TIMEOUT }),
  ORDER_COMPLETION_DELAY: Type.String({ minLength: 1, default: DEFAULT_COMPLETION_DELAY }),
  // The order worker's data dir: the gateway reads the catalog from its orders.db, read-only.
  TEMPORAL_ECOMMERCE_DATA_DIR: Type.String({ minLength: 1, default: path.join(REPO_ROOT, '.data') }),
  // Directories the agent may analyse (comma-separated); a repositoryPath outside them is a 400.
  AGENT_REPOSITORY_ROOTS: Type.String({ minLength: 1, default: path.join(REPO_ROOT, 'examples') }),
  // Every Temporal call has a deadline (src/temporal-calls.ts): server calls, worker answers, Update results.
  TEMPORAL_RPC_TIMEOUT_MS: Type.Integer({ minimum: 100, maximum: 600_000, default: 5_000 }),
  WORKER_TIMEOUT_MS: Type.Integer({ minimum: 100, maximum: 600_000, default: 4_000 }),
  UPDATE_TIMEOUT_MS: Type.Integer({ minimum: 100, maximum: 3_600_000, default: 30_000 }),
  // Server-Sent Event streams (src/streams/): how often a workflow is read, keep-alive, idle end, caps.
  /** The console's build (apps/console/dist), served at `/`; `off` serves the API only. */
  CONSOLE_DIR: Type.String({ minLength: 1, default: path.join(REPO_ROOT, 'apps', 'console', 'dist') }),
  SSE_POLL_INTERVAL_MS: Type.Integer({ minimum: 50, maximum: 60_000, default: 1_000 }),
  SSE_KEEPALIVE_MS: Type.Integer({ minimum: 100, maximum: 300_000, default: 15_000 }),
  SSE_IDLE_TIMEOUT_MS: Type.Integer({ minimum: 100, maximum: 86_400_000, default: 300_000 }),
  SSE_MAX_STREAMS: Type.Integer({ minimum: 1, maximum: 100_000, default: 200 }),
  SSE_MAX_STREAMS_PER_CLIENT: Type.Integer({ minimum: 1, maximum: 10_000, default: 5 }),
  // Set only by `pnpm start` with OPS_CONTROLS=on (infra/src/control.ts): its control socket and secret.
  SUPERVISOR_SOCKET: Type.Optional(Type.String({ minLength: 1 })),
  SUPERVISOR_TOKEN: Type.Optional(Type.String({ minLength: 32 })),
  LOG_LEVEL: Type.Union(
    ['trace', 'debug', 'info', 'warn', 'error', 'fatal', 'silent'].map((l) => Type.Literal(l)),
    { default: 'info' },
  ),
});

/** Auth, limits, tracing, encryption and TLS come from production-env.ts. */
export interface GatewayConfig extends ProductionConfig {
  port: number;
  host: string;
  temporalAddress: string;
  temporalNamespace: string;
  temporalUiUrl: string;
  logLevel: string;
  /** LOG_FORMAT, else pretty on a terminal and JSON otherwise; colours from the terminal, NO_COLOR, FORCE_COLOR. */
  log: { format: LogFormat; colors: boolean };
  orderApprovalTimeout: string;
  orderCompletionDelay: string;
  /** The order worker's store, whose products table is the catalog: its orders.db, or ORDER_DATABASE_URL. */
  catalogStore: CatalogStore;
  /** Absolute; relative repositoryPaths resolve against the first. */
  agentRepositoryRoots: string[];
  temporalTimeouts: { rpcMs: number; workerMs: number; updateMs: number };
  streams: StreamLimits;
  /** The console's build folder, or undefined when CONSOLE_DIR=off. */
  consoleDir?: string;
  /** `pnpm start`'s supervisor, when it allows the console to kill and start workers (local dev only). */
  supervisor?: SupervisorConfig;
}

export interface StreamLimits {
  pollIntervalMs: number;
  keepAliveMs: number;
  idleTimeoutMs: number;
  maxStreams: number;
  maxStreamsPerClient: number;
}

export class ConfigError extends Error {
  override name = 'ConfigError';
}

/** Reads and validates the environment once; throws a ConfigError naming every bad variable. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): GatewayConfig {
  const keys = Object.keys(EnvSchema.properties);
  // Empty strings count as unset so `PORT= pnpm start` falls back to the default.
  const raw = Object.fromEntries(keys.filter((k) => env[k] !== undefined && env[k] !== '').map((k) => [k, env[k]]));
  const parsed = Value.Convert(EnvSchema, Value.Default(EnvSchema, raw));
  const errors = [...Value.Errors(EnvSchema, parsed)];
  const durationErrors = ['ORDER_APPROVAL_TIMEOUT', 'ORDER_COMPLETION_DELAY']
    .filter((k) => !isDuration((parsed as Record<string, unknown>)[k]))
    .map((k) => `${k}=${JSON.stringify((parsed as Record<string, unknown>)[k])}: must be a duration such as "7 days" or "90s"`);
  const production = loadProductionConfig(env);
  // Outside the schema: its errors echo the value, and this one carries the database password.
  const orderDatabaseUrl = env.ORDER_DATABASE_URL || undefined;
  const urlErrors = orderDatabaseUrl !== undefined && !isPostgresUrl(orderDatabaseUrl) ? ['ORDER_DATABASE_URL: must be a URL such as postgres://user:password@host:5432/orders'] : [];
  let log: GatewayConfig['log'] | undefined;
  try {
    log = { format: logFormat(env), colors: logColors(env) };
  } catch (err) {
    if (!(err instanceof EnvError)) throw err;
    production.errors.push(err.message);
  }
  const supervisorErrors = supervisorProblems(env, Boolean(production.config.auth));
  if (errors.length > 0 || durationErrors.length > 0 || urlErrors.length > 0 || supervisorErrors.length > 0 || production.errors.length > 0 || !log) {
    const lines = [
      // The token is a secret: its errors never echo it.
      ...errors.map((e) => (e.path === '/SUPERVISOR_TOKEN' ? `SUPERVISOR_TOKEN: ${e.message}` : `${e.path.slice(1)}=${JSON.stringify(e.value)}: ${e.message}`)),
      ...durationErrors,
      ...urlErrors,
      ...supervisorErrors,
      ...production.errors,
    ];
    throw new ConfigError(`Invalid gateway environment:\n  ${[...new Set(lines)].join('\n  ')}`);
  }
  const e = parsed as Static<typeof EnvSchema>;
  return {
    port: e.PORT,
    host: e.HOST,
    temporalAddress: e.TEMPORAL_ADDRESS,
    temporalNamespace: e.TEMPORAL_NAMESPACE,
    temporalUiUrl: e.TEMPORAL_UI_URL.replace(/\/$/, ''),
    logLevel: e.LOG_LEVEL,
    log,
    orderApprovalTimeout: e.ORDER_APPROVAL_TIMEOUT,
    orderCompletionDelay: e.ORDER_COMPLETION_DELAY,
    temporalTimeouts: { rpcMs: e.TEMPORAL_RPC_TIMEOUT_MS, workerMs: e.WORKER_TIMEOUT_MS, updateMs: e.UPDATE_TIMEOUT_MS },
    streams: {
      pollIntervalMs: e.SSE_POLL_INTERVAL_MS,
      keepAliveMs: e.SSE_KEEPALIVE_MS,
      idleTimeoutMs: e.SSE_IDLE_TIMEOUT_MS,
      maxStreams: e.SSE_MAX_STREAMS,
      maxStreamsPerClient: e.SSE_MAX_STREAMS_PER_CLIENT,
    },
    ...production.config,
    ...(e.CONSOLE_DIR === 'off' ? {} : { consoleDir: path.resolve(e.CONSOLE_DIR) }),
    ...(e.SUPERVISOR_SOCKET && e.SUPERVISOR_TOKEN ? { supervisor: { socketPath: e.SUPERVISOR_SOCKET, token: e.SUPERVISOR_TOKEN } } : {}),
    catalogStore: orderDatabaseUrl
      ? { kind: 'postgres', url: orderDatabaseUrl }
      : { kind: 'sqlite', path: path.join(path.resolve(e.TEMPORAL_ECOMMERCE_DATA_DIR), ORDER_DB_FILE) },
    agentRepositoryRoots: e.AGENT_REPOSITORY_ROOTS.split(',').map((r) => r.trim()).filter(Boolean).map((r) => path.resolve(r)),
  };
}

const LOOPBACK_HOSTS = new Set(['127.0.0.1', '::1', 'localhost']);

/**
 * Process control is for a local dev run: never in production, both variables or neither, and without
 * authentication only on a loopback address (anyone who reaches the port could otherwise kill workers).
 */
function supervisorProblems(env: NodeJS.ProcessEnv, authOn: boolean): string[] {
  const socket = env.SUPERVISOR_SOCKET || undefined;
  const token = env.SUPERVISOR_TOKEN || undefined;
  if (!socket && !token) return [];
  if (env.NODE_ENV === 'production') return ['SUPERVISOR_SOCKET/SUPERVISOR_TOKEN are refused when NODE_ENV=production: process control is for local dev only'];
  if (!socket || !token) return ['SUPERVISOR_SOCKET and SUPERVISOR_TOKEN go together (pnpm start sets both when OPS_CONTROLS=on)'];
  if (!path.isAbsolute(socket)) return ['SUPERVISOR_SOCKET must be an absolute path'];
  const host = env.HOST || '127.0.0.1';
  if (!authOn && !LOOPBACK_HOSTS.has(host)) return [`SUPERVISOR_SOCKET needs authentication (GATEWAY_TOKENS or a JWT issuer) when HOST=${host} is not a loopback address`];
  return [];
}

/** The order worker's ORDER_DATABASE_URL: postgres:// or postgresql://, naming a host and a database. */
function isPostgresUrl(raw: string): boolean {
  try {
    const url = new URL(raw);
    return (url.protocol === 'postgres:' || url.protocol === 'postgresql:') && url.hostname !== '' && url.pathname.length > 1;
  } catch {
    return false;
  }
}
