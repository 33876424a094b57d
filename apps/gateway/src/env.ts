import path from 'node:path';
import { msToNumber } from '@temporalio/common/lib/time';
import { DEFAULT_APPROVAL_TIMEOUT, DEFAULT_COMPLETION_DELAY, ORDER_DB_FILE } from '@temporal-ecommerce/contracts/order';
import { DATA_DIR_VARS, defineEnv, EnvError, LOG_VARS, NODE_ENV_VARS, readEnv, TEMPORAL_SERVER_VARS, TEMPORAL_TLS_VARS, v } from '@temporal-ecommerce/env';
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
const ms = (fallback: number, maximum: number, description: string) => v.integer({ default: fallback, minimum: 100, maximum, description });
const duration = (fallback: string, description: string) => v.string({ default: fallback, description, check: (s) => (isDuration(s) ? undefined : 'a duration such as "7 days" or "90s"') });

/** Every variable the gateway reads; .env.example and the README table are generated from it. Defaults suit a local dev run. */
export const GATEWAY_ENV = defineEnv({
  ...NODE_ENV_VARS,
  PORT: v.integer({ default: 3001, minimum: 0, maximum: 65535, description: 'HTTP port.' }),
  HOST: v.string({ default: '127.0.0.1', description: 'Interface to listen on (0.0.0.0 in a container).' }),
  ...LOG_VARS,
  ...TEMPORAL_SERVER_VARS,
  TEMPORAL_UI_URL: v.string({ default: 'http://localhost:8233', pattern: '^https?://', hint: 'an http(s) URL', description: 'Temporal UI, for the links in responses.' }),
  // Order durations travel in each workflow's input, so a deployment (or a demo) can shorten them.
  ORDER_APPROVAL_TIMEOUT: duration(DEFAULT_APPROVAL_TIMEOUT, 'How long an order over the approval threshold waits for a decision.'),
  ORDER_COMPLETION_DELAY: duration(DEFAULT_COMPLETION_DELAY, 'Durable wait between shipping and completing an order.'),
  ...DATA_DIR_VARS,
  AGENT_REPOSITORY_ROOTS: v.list({ defaultText: '<repo>/examples', description: 'Directories the agent may analyse; a repositoryPath outside them is a 400.' }),
  // Every Temporal call has a deadline (src/temporal-calls.ts): server calls, worker answers, Update results.
  TEMPORAL_RPC_TIMEOUT_MS: ms(5_000, 600_000, 'Deadline of a call to the Temporal server.'),
  WORKER_TIMEOUT_MS: ms(4_000, 600_000, 'Deadline of a query a worker must answer.'),
  UPDATE_TIMEOUT_MS: ms(30_000, 3_600_000, 'Deadline of an Update result.'),
  CONSOLE_DIR: v.string({ defaultText: '<repo>/apps/console/dist', description: "The console's build, served at `/`; off serves the API only." }),
  SSE_POLL_INTERVAL_MS: v.integer({ default: 1_000, minimum: 50, maximum: 60_000, description: 'How often a Server-Sent Events stream reads its workflow.' }),
  SSE_KEEPALIVE_MS: ms(15_000, 300_000, 'Keep-alive comment interval of an SSE stream.'),
  SSE_IDLE_TIMEOUT_MS: ms(300_000, 86_400_000, 'An SSE stream with no change for this long ends.'),
  SSE_MAX_STREAMS: v.integer({ default: 200, minimum: 1, maximum: 100_000, description: 'Open SSE streams at most.' }),
  SSE_MAX_STREAMS_PER_CLIENT: v.integer({ default: 5, minimum: 1, maximum: 10_000, description: 'Open SSE streams per client at most.' }),
  RATE_LIMIT_MAX: v.integer({ default: 600, minimum: 0, maximum: 10_000_000, description: 'Requests per client per window (0: no limit).' }),
  RATE_LIMIT_WINDOW: v.string({ default: '1 minute', description: 'Rate limit window.' }),
  BODY_LIMIT_BYTES: v.integer({ default: 1024 * 1024, minimum: 1, maximum: 1024 * 1024 * 1024, description: 'Largest request body.' }),
  GATEWAY_TOKENS: v.string({ secret: true, description: 'token:role[+role]:identity,... static bearer tokens (docs/security.md).' }),
  GATEWAY_JWKS_URL: v.string({ description: "JWT verification: the identity provider's JWKS URL (with GATEWAY_JWT_ISSUER and GATEWAY_JWT_AUDIENCE)." }),
  GATEWAY_JWT_ISSUER: v.string({ description: 'Required `iss` of tokens.' }),
  GATEWAY_JWT_AUDIENCE: v.string({ description: 'Required `aud` of tokens.' }),
  GATEWAY_JWT_ALGORITHMS: v.string({ default: 'RS256,ES256', description: 'Accepted signature algorithms (public-key only).' }),
  GATEWAY_JWT_ROLES_CLAIM: v.string({ default: 'roles', description: 'Claim (or dotted path) holding the roles.' }),
  GATEWAY_JWT_IDENTITY_CLAIM: v.string({ default: 'sub', description: 'Claim naming the caller.' }),
  OTEL_ENABLED: v.flag({ default: false, description: 'Export OpenTelemetry traces over OTLP/HTTP.' }),
  OTEL_EXPORTER_OTLP_ENDPOINT: v.string({ default: 'http://127.0.0.1:4318', description: 'Collector that receives the spans.' }),
  PAYLOAD_ENCRYPTION_KEY: v.string({ secret: true, description: 'base64 of 32 bytes: the key the workers encrypt payloads with.' }),
  PAYLOAD_ENCRYPTION_KEY_ID: v.string({ default: 'default', description: 'Id of the current key.' }),
  PAYLOAD_ENCRYPTION_PREVIOUS_KEYS: v.string({ secret: true, description: 'id:base64key,... older keys that only decrypt.' }),
  ...TEMPORAL_TLS_VARS,
  ORDER_DATABASE_URL: v.string({ secret: true, example: 'postgres://user:password@host:5432/orders', description: "The order worker's PostgreSQL, to read the catalog from; unset, orders.db in the data dir (read-only)." }),
  // Set only by `pnpm start` with OPS_CONTROLS=on (infra/src/control.ts): its control socket and secret.
  SUPERVISOR_SOCKET: v.string({ description: "pnpm start's control socket (set by pnpm start with OPS_CONTROLS=on, never by hand)." }),
  SUPERVISOR_TOKEN: v.string({ secret: true, check: (t) => (t.length >= 32 ? undefined : 'at least 32 characters'), description: "The control socket's secret (set by pnpm start with OPS_CONTROLS=on)." }),
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
  const errors: string[] = [];
  let parsed: ReturnType<typeof readEnv<typeof GATEWAY_ENV.properties>> | undefined;
  try {
    parsed = readEnv(GATEWAY_ENV, env);
  } catch (err) {
    if (!(err instanceof EnvError)) throw err;
    errors.push(...err.message.split('\n'));
  }
  const production = loadProductionConfig(env, { rateLimitMax: parsed?.RATE_LIMIT_MAX ?? 0, bodyLimit: parsed?.BODY_LIMIT_BYTES ?? 1 });
  // Checked here, not by a pattern: this URL carries the database password and must not reach a message.
  const orderDatabaseUrl = parsed?.ORDER_DATABASE_URL;
  if (orderDatabaseUrl !== undefined && !isPostgresUrl(orderDatabaseUrl)) errors.push('ORDER_DATABASE_URL: must be a URL such as postgres://user:password@host:5432/orders');
  let log: GatewayConfig['log'] | undefined;
  try {
    log = { format: logFormat(env), colors: logColors(env) };
  } catch (err) {
    if (!(err instanceof EnvError)) throw err;
    production.errors.push(err.message);
  }
  const supervisorErrors = supervisorProblems(env, Boolean(production.config.auth));
  if (errors.length > 0 || supervisorErrors.length > 0 || production.errors.length > 0 || !log || !parsed) {
    throw new ConfigError(`Invalid gateway environment:\n  ${[...new Set([...errors, ...supervisorErrors, ...production.errors])].join('\n  ')}`);
  }
  const e = parsed;
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
    ...(e.CONSOLE_DIR === 'off' ? {} : { consoleDir: path.resolve(e.CONSOLE_DIR ?? path.join(REPO_ROOT, 'apps', 'console', 'dist')) }),
    ...(e.SUPERVISOR_SOCKET && e.SUPERVISOR_TOKEN ? { supervisor: { socketPath: e.SUPERVISOR_SOCKET, token: e.SUPERVISOR_TOKEN } } : {}),
    catalogStore: orderDatabaseUrl
      ? { kind: 'postgres', url: orderDatabaseUrl }
      : { kind: 'sqlite', path: path.join(path.resolve(e.TEMPORAL_ECOMMERCE_DATA_DIR ?? path.join(REPO_ROOT, '.data')), ORDER_DB_FILE) },
    agentRepositoryRoots: (e.AGENT_REPOSITORY_ROOTS.length > 0 ? e.AGENT_REPOSITORY_ROOTS : [path.join(REPO_ROOT, 'examples')]).map((r) => path.resolve(r)),
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
