import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import type { Connection } from '@temporalio/client';
import { buildApp } from '../src/app';
import { loadConfig } from '../src/env';
import { closedPortAddress, unreachableClient } from './helpers';
import { startIdentityProvider, type TestIdentityProvider } from './fixtures/identity-provider';

let idp: TestIdentityProvider;
let temporalAddress: string;
const connections: Connection[] = [];
const apps: FastifyInstance[] = [];

/** The gateway with JWT (and one static token) on, plus routes that echo who the caller is. */
async function gateway(extraEnv: Record<string, string> = {}): Promise<FastifyInstance> {
  const { client, connection } = unreachableClient(temporalAddress);
  connections.push(connection);
  const config = loadConfig({ TEMPORAL_ADDRESS: temporalAddress, GATEWAY_TOKENS: 'static-op-token:operator:svc-batch', ...idp.env, ...extraEnv });
  const app = await buildApp({ config, client });
  const whoami = async (request: { principal?: unknown }) => ({ principal: request.principal });
  app.get('/api/test/operator', { config: { auth: 'operator' } }, whoami);
  app.get('/api/test/anyone', { config: { auth: 'authenticated' } }, whoami);
  await app.ready();
  apps.push(app);
  return app;
}

const bearer = (token: string) => ({ authorization: `Bearer ${token}` });

beforeAll(async () => {
  idp = await startIdentityProvider();
  temporalAddress = await closedPortAddress();
});

afterAll(async () => {
  for (const app of apps) await app.close();
  for (const connection of connections) await connection.close();
  await idp?.close();
});

describe('JWT bearer tokens verified against the JWKS', () => {
  let app: FastifyInstance;
  beforeAll(async () => {
    app = await gateway();
  });

  it('accepts a valid token: identity from sub, roles from the roles claim', async () => {
    const res = await app.inject({ url: '/api/test/operator', headers: bearer(await idp.sign('alice', { claims: { roles: ['operator', 'admin'] } })) });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({ principal: { identity: 'alice', roles: ['operator'] } });
  });

  const refused: [string, () => Promise<string>][] = [
    ['an expired token', () => idp.sign('alice', { claims: { roles: ['operator'] }, expiresIn: -120 })],
    ['a token from another issuer', () => idp.sign('alice', { claims: { roles: ['operator'] }, issuer: 'https://evil.test/realms/shop' })],
    ['a token for another audience', () => idp.sign('alice', { claims: { roles: ['operator'] }, audience: 'some-other-app' })],
    ['a token signed with a key the JWKS does not hold', () => idp.sign('alice', { claims: { roles: ['operator'] }, foreignKey: true })],
    ['an unsigned token (alg none)', async () => idp.unsigned('alice', { roles: ['operator'] })],
    ['a token whose payload was edited after signing', async () => {
      const [header, , signature] = (await idp.sign('bob', { claims: { roles: [] } })).split('.');
      const payload = Buffer.from(JSON.stringify({ sub: 'bob', roles: ['operator'], iss: idp.env.GATEWAY_JWT_ISSUER, aud: idp.env.GATEWAY_JWT_AUDIENCE, exp: Math.floor(Date.now() / 1000) + 300 })).toString('base64url');
      return `${header}.${payload}.${signature}`;
    }],
  ];
  for (const [what, token] of refused) {
    it(`refuses ${what} with 401, on every protected level`, async () => {
      for (const url of ['/api/test/operator', '/api/test/anyone']) {
        const res = await app.inject({ url, headers: bearer(await token()) });
        expect(res.statusCode).toBe(401);
        expect(res.headers['www-authenticate']).toMatch(/^Bearer/);
        expect(res.json().message).toBe('Invalid bearer token');
      }
    });
  }

  it('treats a token without the roles claim as authenticated with no role: 403 where a role is needed', async () => {
    const token = await idp.sign('carol');
    const anyone = await app.inject({ url: '/api/test/anyone', headers: bearer(token) });
    expect(anyone.statusCode).toBe(200);
    expect(anyone.json()).toEqual({ principal: { identity: 'carol', roles: [] } });
    const operator = await app.inject({ url: '/api/test/operator', headers: bearer(token) });
    expect(operator.statusCode).toBe(403);
    expect(operator.json().message).toBe('GET /api/test/operator needs the operator role; carol has no role');
  });

  it('keeps accepting the static tokens of GATEWAY_TOKENS alongside', async () => {
    const res = await app.inject({ url: '/api/test/operator', headers: bearer('static-op-token') });
    expect(res.json()).toEqual({ principal: { identity: 'svc-batch', roles: ['operator'] } });
  });
});

describe('configurable claims', () => {
  it("reads Keycloak's nested realm_access.roles and another identity claim", async () => {
    const app = await gateway({ GATEWAY_JWT_ROLES_CLAIM: 'realm_access.roles', GATEWAY_JWT_IDENTITY_CLAIM: 'preferred_username' });
    const token = await idp.sign('3f1c-uuid', { claims: { preferred_username: 'dana', realm_access: { roles: ['approver', 'offline_access'] }, roles: ['operator'] } });
    const res = await app.inject({ url: '/api/test/anyone', headers: bearer(token) });
    expect(res.json()).toEqual({ principal: { identity: 'dana', roles: ['approver'] } });
    // The top-level roles claim is not the configured one: no operator role from it.
    expect((await app.inject({ url: '/api/test/operator', headers: bearer(token) })).statusCode).toBe(403);
  });

  it('refuses a token that lacks the identity claim', async () => {
    const app = await gateway({ GATEWAY_JWT_IDENTITY_CLAIM: 'email' });
    const res = await app.inject({ url: '/api/test/anyone', headers: bearer(await idp.sign('erin', { claims: { roles: ['operator'] } })) });
    expect(res.statusCode).toBe(401);
  });

  it('refuses algorithms outside GATEWAY_JWT_ALGORITHMS even with a valid signature', async () => {
    const app = await gateway({ GATEWAY_JWT_ALGORITHMS: 'ES256' });
    const res = await app.inject({ url: '/api/test/anyone', headers: bearer(await idp.sign('frank', { claims: { roles: ['operator'] } })) });
    expect(res.statusCode).toBe(401);
  });
});

describe('keys and clocks', () => {
  it('fetches the JWKS once and verifies later tokens from its cache', async () => {
    const app = await gateway();
    const before = idp.jwksRequests();
    for (const sub of ['h1', 'h2', 'h3', 'h4']) {
      expect((await app.inject({ url: '/api/test/anyone', headers: bearer(await idp.sign(sub)) })).statusCode).toBe(200);
    }
    expect(idp.jwksRequests() - before).toBe(1);
  });

  it('allows 5 s of clock skew on exp, no more', async () => {
    const app = await gateway();
    expect((await app.inject({ url: '/api/test/anyone', headers: bearer(await idp.sign('ivy', { expiresIn: -2 })) })).statusCode).toBe(200);
    expect((await app.inject({ url: '/api/test/anyone', headers: bearer(await idp.sign('ivy', { expiresIn: -8 })) })).statusCode).toBe(401);
  });
});

describe('identity provider unavailable', () => {
  const message = "Cannot verify the bearer token now: the identity provider's keys are unavailable";

  it('answers 503 when nothing listens at the JWKS URL (the token cannot be judged), not 401 and not 500', async () => {
    const app = await gateway({ GATEWAY_JWKS_URL: `http://${await closedPortAddress()}/certs` });
    const res = await app.inject({ url: '/api/test/anyone', headers: bearer(await idp.sign('gina', { claims: { roles: ['operator'] } })) });
    expect(res.statusCode).toBe(503);
    expect(res.json().message).toBe(message);
  });

  it('answers 503 within a few seconds when the JWKS URL never answers', async () => {
    const hanging = createServer(() => undefined);
    await new Promise<void>((resolve) => hanging.listen(0, '127.0.0.1', resolve));
    try {
      const app = await gateway({ GATEWAY_JWKS_URL: `http://127.0.0.1:${(hanging.address() as AddressInfo).port}/certs` });
      const started = Date.now();
      const res = await app.inject({ url: '/api/test/anyone', headers: bearer(await idp.sign('gina')) });
      expect(res.statusCode).toBe(503);
      expect(Date.now() - started).toBeLessThan(6_000);
    } finally {
      hanging.closeAllConnections();
      hanging.close();
    }
  });

  it('answers 503 when the JWKS URL answers something other than 200', async () => {
    const app = await gateway({ GATEWAY_JWKS_URL: idp.jwksUrl.replace('/certs', '/missing') });
    const res = await app.inject({ url: '/api/test/anyone', headers: bearer(await idp.sign('gina')) });
    expect(res.statusCode).toBe(503);
    expect(res.json().message).toBe(message);
  });
});
