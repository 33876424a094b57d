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

/** JWT bearer tokens from an identity provider (Keycloak, Auth0, Okta), verified against its JWKS. */
export interface JwtConfig {
  jwksUrl: URL;
  issuer: string;
  audience: string;
  /** Asymmetric algorithms only: a JWKS holds public keys, and `none` is never a signature. */
  algorithms: string[];
  /** Dotted path to the roles claim, e.g. `roles` or Keycloak's `realm_access.roles`. */
  rolesClaim: string;
  /** The claim recorded as the approver/author, e.g. `sub`, `preferred_username`, `email`. */
  identityClaim: string;
}

export interface AuthConfig {
  /** Static bearer tokens by SHA-256 of the token (GATEWAY_TOKENS); may be empty when JWT is on. */
  principals: Map<string, Principal>;
  jwt?: JwtConfig;
}

export interface ProductionConfig {
  /** Undefined = dev mode, nothing is authenticated (refused when NODE_ENV=production). */
  auth?: AuthConfig;
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
function parseTokens(raw: string, errors: string[]): Map<string, Principal> {
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
  return principals;
}

/** What a JWKS can verify: public-key signatures. HS* would need a shared secret, `none` no key at all. */
export const JWT_ALGORITHMS = ['RS256', 'RS384', 'RS512', 'PS256', 'PS384', 'PS512', 'ES256', 'ES384', 'ES512', 'EdDSA'] as const;
const DEFAULT_JWT_ALGORITHMS = 'RS256,ES256';
const JWT_VARS = ['GATEWAY_JWKS_URL', 'GATEWAY_JWT_ISSUER', 'GATEWAY_JWT_AUDIENCE', 'GATEWAY_JWT_ALGORITHMS', 'GATEWAY_JWT_ROLES_CLAIM', 'GATEWAY_JWT_IDENTITY_CLAIM'];
const CLAIM_PATH = /^[A-Za-z0-9_:/-]+(\.[A-Za-z0-9_:/-]+)*$/;

function parseJwt(env: NodeJS.ProcessEnv, errors: string[]): JwtConfig | undefined {
  const value = (key: string): string | undefined => env[key]?.trim() || undefined;
  const jwksUrl = value('GATEWAY_JWKS_URL');
  if (!jwksUrl) {
    const stray = JWT_VARS.filter((k) => value(k) !== undefined);
    if (stray.length > 0) errors.push(`${stray.join(', ')} set without GATEWAY_JWKS_URL: JWT verification needs the identity provider's JWKS URL`);
    return undefined;
  }
  let url: URL | undefined;
  try {
    url = new URL(jwksUrl);
    if (url.protocol !== 'https:' && url.protocol !== 'http:') throw new Error('not http(s)');
  } catch {
    errors.push(`GATEWAY_JWKS_URL=${JSON.stringify(jwksUrl)}: must be an http(s) URL`);
  }
  const issuer = value('GATEWAY_JWT_ISSUER');
  const audience = value('GATEWAY_JWT_AUDIENCE');
  // Without both, a token minted by the same provider for another application would be accepted.
  if (!issuer) errors.push('GATEWAY_JWT_ISSUER: required with GATEWAY_JWKS_URL (the `iss` your identity provider puts in tokens)');
  if (!audience) errors.push('GATEWAY_JWT_AUDIENCE: required with GATEWAY_JWKS_URL (the `aud` of tokens meant for this gateway)');
  const algorithms = (value('GATEWAY_JWT_ALGORITHMS') ?? DEFAULT_JWT_ALGORITHMS).split(',').map((a) => a.trim()).filter(Boolean);
  const badAlgs = algorithms.filter((a) => !(JWT_ALGORITHMS as readonly string[]).includes(a));
  if (badAlgs.length > 0 || algorithms.length === 0) {
    errors.push(`GATEWAY_JWT_ALGORITHMS=${JSON.stringify(value('GATEWAY_JWT_ALGORITHMS'))}: each must be one of ${JWT_ALGORITHMS.join(', ')}`);
  }
  const rolesClaim = value('GATEWAY_JWT_ROLES_CLAIM') ?? 'roles';
  const identityClaim = value('GATEWAY_JWT_IDENTITY_CLAIM') ?? 'sub';
  for (const [key, claim] of [['GATEWAY_JWT_ROLES_CLAIM', rolesClaim], ['GATEWAY_JWT_IDENTITY_CLAIM', identityClaim]] as const) {
    if (!CLAIM_PATH.test(claim)) errors.push(`${key}=${JSON.stringify(claim)}: a claim name, or a dotted path such as realm_access.roles`);
  }
  if (!url || !issuer || !audience) return undefined;
  return { jwksUrl: url, issuer, audience, algorithms, rolesClaim, identityClaim };
}

/** The variables that turn authentication on, named in the production refusal. */
export const AUTH_VARS = ['GATEWAY_TOKENS', 'GATEWAY_JWKS_URL'] as const;

function parseAuth(env: NodeJS.ProcessEnv, errors: string[]): AuthConfig | undefined {
  const principals = env.GATEWAY_TOKENS?.trim() ? parseTokens(env.GATEWAY_TOKENS, errors) : new Map<string, Principal>();
  const jwt = parseJwt(env, errors);
  if (jwt) return { principals, jwt };
  if (principals.size > 0) return { principals };
  // A production process open to anyone who reaches it is a misconfiguration, not a default.
  if (env.NODE_ENV === 'production' && !env.GATEWAY_TOKENS?.trim() && !env.GATEWAY_JWKS_URL?.trim()) {
    errors.push(
      'NODE_ENV=production needs authentication: set GATEWAY_TOKENS (token:role:identity,...) and/or GATEWAY_JWKS_URL with ' +
        'GATEWAY_JWT_ISSUER and GATEWAY_JWT_AUDIENCE (see docs/security.md); without either every endpoint would be open',
    );
  }
  return undefined;
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


/**
 * Returns the settings and the problems found (env.ts reports them together with its own). The limits
 * come read and checked from env.ts's schema; the rules that span variables (auth, keys) live here.
 */
export function loadProductionConfig(env: NodeJS.ProcessEnv, limits: { rateLimitMax: number; bodyLimit: number }): { config: ProductionConfig; errors: string[] } {
  const errors: string[] = [];
  const config: ProductionConfig = {
    rateLimit: { max: limits.rateLimitMax, timeWindow: env.RATE_LIMIT_WINDOW?.trim() || '1 minute' },
    bodyLimit: limits.bodyLimit,
  };
  const auth = parseAuth(env, errors);
  if (auth) config.auth = auth;
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
