import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import { afterAll, describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../src/env';
import { tokenHash } from '../src/production-env';

const tmp = mkdtempSync(path.join(tmpdir(), 'gateway-env-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

function errorOf(fn: () => unknown): string {
  try {
    fn();
  } catch (err) {
    expect(err).toBeInstanceOf(ConfigError);
    return (err as Error).message;
  }
  throw new Error('expected a ConfigError');
}

describe('GATEWAY_TOKENS', () => {
  it('maps each token (by hash) to its identity and roles', () => {
    const { auth } = loadConfig({ GATEWAY_TOKENS: 'tok-op-1:operator:alice, tok-ap-2:approver:bob,tok-both-3:operator+approver:carol@example.com' });
    expect(auth?.principals.size).toBe(3);
    expect(auth?.principals.get(tokenHash('tok-op-1'))).toEqual({ identity: 'alice', roles: ['operator'] });
    expect(auth?.principals.get(tokenHash('tok-ap-2'))).toEqual({ identity: 'bob', roles: ['approver'] });
    expect(auth?.principals.get(tokenHash('tok-both-3'))).toEqual({ identity: 'carol@example.com', roles: ['operator', 'approver'] });
  });

  it('names the bad entry by position and never echoes a token', () => {
    const message = errorOf(() => loadConfig({ GATEWAY_TOKENS: 'sekrit-1:operator:alice,sekrit-2:admin:bob,sekrit-3' }));
    expect(message).toContain('GATEWAY_TOKENS entry 2: role must be operator or approver');
    expect(message).toContain('GATEWAY_TOKENS entry 3: expected token:role:identity');
    expect(message).not.toMatch(/sekrit/);
    expect(errorOf(() => loadConfig({ GATEWAY_TOKENS: 'a:operator:x,a:approver:y' }))).toContain('the same token appears twice');
    expect(errorOf(() => loadConfig({ GATEWAY_TOKENS: ' , ' }))).toContain('holds no token');
  });
});

describe('JWT from an identity provider', () => {
  const jwt = { GATEWAY_JWKS_URL: 'https://idp.example/realms/shop/protocol/openid-connect/certs', GATEWAY_JWT_ISSUER: 'https://idp.example/realms/shop', GATEWAY_JWT_AUDIENCE: 'gateway' };

  it('reads the JWKS URL, issuer and audience, with RS256/ES256, `roles` and `sub` by default', () => {
    const { auth } = loadConfig(jwt);
    expect(auth?.principals.size).toBe(0);
    expect(auth?.jwt).toEqual({ jwksUrl: new URL(jwt.GATEWAY_JWKS_URL), issuer: jwt.GATEWAY_JWT_ISSUER, audience: 'gateway', algorithms: ['RS256', 'ES256'], rolesClaim: 'roles', identityClaim: 'sub' });
    const keycloak = loadConfig({ ...jwt, GATEWAY_JWT_ROLES_CLAIM: 'realm_access.roles', GATEWAY_JWT_IDENTITY_CLAIM: 'preferred_username', GATEWAY_JWT_ALGORITHMS: 'PS256' }).auth?.jwt;
    expect(keycloak).toMatchObject({ rolesClaim: 'realm_access.roles', identityClaim: 'preferred_username', algorithms: ['PS256'] });
  });

  it('requires the issuer and the audience with a JWKS URL', () => {
    const message = errorOf(() => loadConfig({ GATEWAY_JWKS_URL: jwt.GATEWAY_JWKS_URL }));
    expect(message).toContain('GATEWAY_JWT_ISSUER: required with GATEWAY_JWKS_URL');
    expect(message).toContain('GATEWAY_JWT_AUDIENCE: required with GATEWAY_JWKS_URL');
  });

  it('refuses symmetric and unsigned algorithms, a URL that is not http(s), and JWT settings without a JWKS URL', () => {
    expect(errorOf(() => loadConfig({ ...jwt, GATEWAY_JWT_ALGORITHMS: 'RS256,none' }))).toContain('GATEWAY_JWT_ALGORITHMS="RS256,none": each must be one of RS256');
    expect(errorOf(() => loadConfig({ ...jwt, GATEWAY_JWT_ALGORITHMS: 'HS256' }))).toContain('GATEWAY_JWT_ALGORITHMS="HS256"');
    expect(errorOf(() => loadConfig({ ...jwt, GATEWAY_JWKS_URL: 'file:///etc/keys.json' }))).toContain('GATEWAY_JWKS_URL="file:///etc/keys.json": must be an http(s) URL');
    expect(errorOf(() => loadConfig({ GATEWAY_JWT_ISSUER: 'https://idp.example' }))).toContain('GATEWAY_JWT_ISSUER set without GATEWAY_JWKS_URL');
    expect(errorOf(() => loadConfig({ ...jwt, GATEWAY_JWT_ROLES_CLAIM: 'realm access' }))).toContain('GATEWAY_JWT_ROLES_CLAIM="realm access"');
  });
});

describe('NODE_ENV=production', () => {
  it('refuses to run without authentication, naming the variables that turn it on', () => {
    const message = errorOf(() => loadConfig({ NODE_ENV: 'production' }));
    expect(message).toContain('NODE_ENV=production needs authentication: set GATEWAY_TOKENS (token:role:identity,...) and/or GATEWAY_JWKS_URL with GATEWAY_JWT_ISSUER and GATEWAY_JWT_AUDIENCE');
  });

  it('runs with static tokens or with JWT; without NODE_ENV=production no auth is dev mode', () => {
    expect(loadConfig({ NODE_ENV: 'production', GATEWAY_TOKENS: 'tok:operator:ops' }).auth?.principals.size).toBe(1);
    expect(loadConfig({ NODE_ENV: 'production', GATEWAY_JWKS_URL: 'https://idp.example/certs', GATEWAY_JWT_ISSUER: 'https://idp.example', GATEWAY_JWT_AUDIENCE: 'gw' }).auth?.jwt).toBeDefined();
    expect(loadConfig({ NODE_ENV: 'development' }).auth).toBeUndefined();
  });
});

describe('limits, tracing, encryption and TLS', () => {
  it('reads rate limit and body limit, 0 turning rate limiting off', () => {
    const config = loadConfig({ RATE_LIMIT_MAX: '0', RATE_LIMIT_WINDOW: '10 seconds', BODY_LIMIT_BYTES: '2048' });
    expect(config.rateLimit).toEqual({ max: 0, timeWindow: '10 seconds' });
    expect(config.bodyLimit).toBe(2048);
    expect(errorOf(() => loadConfig({ RATE_LIMIT_MAX: 'lots', BODY_LIMIT_BYTES: '0' }))).toMatch(/RATE_LIMIT_MAX must be a whole number from 0 to 10000000, got "lots"\n {2}BODY_LIMIT_BYTES must be a whole number from 1 to 1073741824, got "0"/);
  });

  it('switches tracing on with OTEL_ENABLED and defaults the collector to localhost', () => {
    expect(loadConfig({ OTEL_ENABLED: 'true' }).tracing).toEqual({ otlpEndpoint: 'http://127.0.0.1:4318' });
    expect(loadConfig({ OTEL_ENABLED: 'true', OTEL_EXPORTER_OTLP_ENDPOINT: 'http://otel:4318' }).tracing).toEqual({ otlpEndpoint: 'http://otel:4318' });
    expect(errorOf(() => loadConfig({ OTEL_ENABLED: 'sure' }))).toContain('OTEL_ENABLED must be true or false, got "sure"');
  });

  it('reads the payload key and refuses one of the wrong size without printing it', () => {
    const key = randomBytes(32).toString('base64');
    expect(loadConfig({ PAYLOAD_ENCRYPTION_KEY: key, PAYLOAD_ENCRYPTION_KEY_ID: 'k2' }).encryption).toEqual({ key, keyId: 'k2' });
    const short = randomBytes(16).toString('base64');
    const message = errorOf(() => loadConfig({ PAYLOAD_ENCRYPTION_KEY: short }));
    expect(message).toContain('PAYLOAD_ENCRYPTION_KEY: must be base64 of 32 bytes');
    expect(message).not.toContain(short);
  });

  it('reads previous payload keys (decrypt only) and names a bad entry or a missing current key', () => {
    const [key, old] = [randomBytes(32).toString('base64'), randomBytes(32).toString('base64')];
    const encryption = loadConfig({ PAYLOAD_ENCRYPTION_KEY: key, PAYLOAD_ENCRYPTION_KEY_ID: 'b', PAYLOAD_ENCRYPTION_PREVIOUS_KEYS: `a:${old}` }).encryption!;
    expect(encryption.previousKeys!.map((k) => k.id)).toEqual(['a']);
    const bad = errorOf(() => loadConfig({ PAYLOAD_ENCRYPTION_KEY: key, PAYLOAD_ENCRYPTION_PREVIOUS_KEYS: `a:${old.slice(4)}` }));
    expect(bad).toContain('PAYLOAD_ENCRYPTION_PREVIOUS_KEYS: entry 1 of 1 (key id "a")');
    expect(bad).not.toContain(old.slice(4, 16));
    expect(errorOf(() => loadConfig({ PAYLOAD_ENCRYPTION_KEY: key, PAYLOAD_ENCRYPTION_KEY_ID: 'a', PAYLOAD_ENCRYPTION_PREVIOUS_KEYS: `a:${old}` }))).toContain('the id of the current PAYLOAD_ENCRYPTION_KEY');
    expect(errorOf(() => loadConfig({ PAYLOAD_ENCRYPTION_PREVIOUS_KEYS: `a:${old}` }))).toContain('PAYLOAD_ENCRYPTION_PREVIOUS_KEYS: set without PAYLOAD_ENCRYPTION_KEY');
  });

  it('turns TLS on for an API key or certificates, reading the files', () => {
    expect(loadConfig({ TEMPORAL_API_KEY: 'cloud-key' }).temporalTls).toEqual({ tls: {}, apiKey: 'cloud-key' });
    const ca = path.join(tmp, 'ca.pem');
    writeFileSync(ca, 'CA');
    expect(loadConfig({ TEMPORAL_TLS_SERVER_CA_CERT_PATH: ca }).temporalTls).toEqual({ tls: { serverRootCACertificate: Buffer.from('CA') } });
    expect(loadConfig({ TEMPORAL_TLS: 'true' }).temporalTls).toEqual({ tls: {} });
    expect(errorOf(() => loadConfig({ TEMPORAL_TLS_CLIENT_KEY_PATH: ca }))).toContain('go together');
    expect(errorOf(() => loadConfig({ TEMPORAL_TLS_SERVER_CA_CERT_PATH: path.join(tmp, 'nope.pem') }))).toMatch(/TEMPORAL_TLS_SERVER_CA_CERT_PATH: cannot read ".*nope\.pem"/);
  });

  it('reports a bad flag and a bad TLS setting together with its own problems, in one error', () => {
    const message = errorOf(() => loadConfig({ OTEL_ENABLED: 'sure', TEMPORAL_TLS: 'maybe', RATE_LIMIT_MAX: 'lots' }));
    expect(message).toContain('OTEL_ENABLED must be true or false, got "sure"');
    expect(message).toContain('TEMPORAL_TLS must be true or false, got "maybe"');
    expect(message).toContain('RATE_LIMIT_MAX must be a whole number from 0 to 10000000, got "lots"');
  });
});
