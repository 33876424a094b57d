import { createHash } from 'node:crypto';
import { parsePreviousKeys, type EncryptionSettings } from '@temporal-ecommerce/codec';
import { EnvError, envFlag, temporalTlsFromEnv, type TemporalTlsOptions } from '@temporal-ecommerce/env';

/**
 * The gateway's production switches (auth, limits, tracing, encryption, TLS), read from the env object
 * env.ts passes in. Each is off or generous by default so `pnpm start` just works on a laptop.
 */

export const ROLES = ['operator', 'approver'] as const;
export type Role = (typeof ROLES)[number];

export interface Principal {
  /** Who the token belongs to; recorded as the approver/author in workflows. */
  identity: string;
  roles: Role[];
}

export interface ProductionConfig {
  /** Bearer tokens by SHA-256 of the token; undefined = dev mode, nothing is authenticated. */
  auth?: { principals: Map<string, Principal> };
  /** Requests per window per client IP; max 0 turns limiting off. */
  rateLimit: { max: number; timeWindow: string };
  /** Largest request body in bytes (larger: 413). */
  bodyLimit: number;
  tracing?: { otlpEndpoint: string };
  encryption?: EncryptionSettings & { key: string };
  /** TLS / API key for the Temporal connection (Temporal Cloud or a secured cluster). */
  temporalTls?: TemporalTlsOptions;
}

export function tokenHash(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

/** "token:role[+role]:identity,..." Messages name the entry by position, never the token. */
function parseTokens(raw: string, errors: string[]): ProductionConfig['auth'] {
  const principals = new Map<string, Principal>();
  raw
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean)
    .forEach((entry, i) => {
      const [token, roleList, ...rest] = entry.split(':');
      const identity = rest.join(':').trim();
      const roles = (roleList ?? '').split('+').map((r) => r.trim());
      const where = `GATEWAY_TOKENS entry ${i + 1}`;
      if (!token || !identity) return errors.push(`${where}: expected token:role:identity`);
      if (/\s/.test(token)) return errors.push(`${where}: the token contains whitespace`);
      const bad = roles.filter((r) => !(ROLES as readonly string[]).includes(r));
      if (bad.length > 0) return errors.push(`${where}: role must be ${ROLES.join(' or ')} (or both, joined by +), got "${bad.join('+')}"`);
      const hash = tokenHash(token);
      if (principals.has(hash)) return errors.push(`${where}: the same token appears twice`);
      principals.set(hash, { identity, roles: roles as Role[] });
    });
  if (principals.size === 0 && errors.length === 0) errors.push('GATEWAY_TOKENS is set but holds no token');
  return { principals };
}

/** Runs a shared parser; its EnvError joins the list, so one start reports every bad variable. */
/** Older keys decrypt only (rotation, docs/security.md); messages name the entry, never a key. */
function addPreviousKeys(config: ProductionConfig, text: string, errors: string[]): void {
  if (!config.encryption) {
    errors.push('PAYLOAD_ENCRYPTION_PREVIOUS_KEYS: set without PAYLOAD_ENCRYPTION_KEY (previous keys only decrypt; a current key is required)');
    return;
  }
  try {
    const previousKeys = parsePreviousKeys(text);
    const clash = previousKeys.findIndex((k) => k.id === config.encryption!.keyId);
    if (clash >= 0) errors.push(`PAYLOAD_ENCRYPTION_PREVIOUS_KEYS: entry ${clash + 1} has key id "${config.encryption.keyId}", the id of the current PAYLOAD_ENCRYPTION_KEY`);
    else config.encryption.previousKeys = previousKeys;
  } catch (err) {
    errors.push((err as Error).message);
  }
}

function collect<T>(parse: () => T, errors: string[]): T | undefined {
  try {
    return parse();
  } catch (err) {
    if (!(err instanceof EnvError)) throw err;
    errors.push(err.message);
    return undefined;
  }
}

function integer(env: NodeJS.ProcessEnv, key: string, fallback: number, min: number, errors: string[]): number {
  const raw = env[key]?.trim();
  if (!raw) return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < min) {
    errors.push(`${key}=${JSON.stringify(raw)}: must be an integer >= ${min}`);
    return fallback;
  }
  return value;
}

const DEFAULT_RATE_LIMIT_MAX = 600;
const DEFAULT_BODY_LIMIT = 1024 * 1024;

/** Returns the settings and the problems found (env.ts reports them together with its own). */
export function loadProductionConfig(env: NodeJS.ProcessEnv): { config: ProductionConfig; errors: string[] } {
  const errors: string[] = [];
  const config: ProductionConfig = {
    rateLimit: { max: integer(env, 'RATE_LIMIT_MAX', DEFAULT_RATE_LIMIT_MAX, 0, errors), timeWindow: env.RATE_LIMIT_WINDOW?.trim() || '1 minute' },
    bodyLimit: integer(env, 'BODY_LIMIT_BYTES', DEFAULT_BODY_LIMIT, 1, errors),
  };
  if (env.GATEWAY_TOKENS?.trim()) config.auth = parseTokens(env.GATEWAY_TOKENS, errors);
  if (collect(() => envFlag(env, 'OTEL_ENABLED'), errors)) {
    const endpoint = env.OTEL_EXPORTER_OTLP_ENDPOINT || 'http://127.0.0.1:4318';
    if (!/^https?:\/\//.test(endpoint)) errors.push(`OTEL_EXPORTER_OTLP_ENDPOINT=${JSON.stringify(endpoint)}: must be an http(s) URL`);
    config.tracing = { otlpEndpoint: endpoint };
  }
  if (env.PAYLOAD_ENCRYPTION_KEY) {
    const keyId = env.PAYLOAD_ENCRYPTION_KEY_ID || 'default';
    if (Buffer.from(env.PAYLOAD_ENCRYPTION_KEY.trim(), 'base64').length !== 32) errors.push('PAYLOAD_ENCRYPTION_KEY: must be base64 of 32 bytes (openssl rand -base64 32)');
    if (!/^[\w.-]{1,64}$/.test(keyId)) errors.push(`PAYLOAD_ENCRYPTION_KEY_ID=${JSON.stringify(keyId)}: 1-64 letters, digits, ".", "_" or "-"`);
    config.encryption = { key: env.PAYLOAD_ENCRYPTION_KEY, keyId };
  }
  if (env.PAYLOAD_ENCRYPTION_PREVIOUS_KEYS?.trim()) addPreviousKeys(config, env.PAYLOAD_ENCRYPTION_PREVIOUS_KEYS, errors);
  // Same variables as the workers (Temporal's env-config names), so one .env serves every process.
  const tls = collect(() => temporalTlsFromEnv(env), errors);
  if (tls) config.temporalTls = tls;
  return { config, errors };
}
