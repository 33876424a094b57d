import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import { DefaultLogger, Runtime } from '@temporalio/worker';
import { createLocalTestEnv } from '@temporal-ecommerce/infra/testing';
import { buildApp } from '../../src/app';
import { loadConfig } from '../../src/env';
import type { DeclaredRoute } from '../../src/plugins/app/auth';
import { CONSOLE_ROUTES } from '../../src/plugins/app/console';
import { startIdentityProvider, type TestIdentityProvider } from '../fixtures/identity-provider';

/**
 * Walks every route the app registered (from the auth plugin's record, cross-checked against the OpenAPI
 * document) and attacks each protected one: no token, bad tokens, the wrong role, and the same path
 * spelled the ways a router and a text match disagree on. No request without the right credentials may
 * reach a handler; one with them must get past authorization.
 */

const TOKENS = 'walk-op:operator:olga,walk-ap:approver:abe';

let env: TestWorkflowEnvironment;
let idp: TestIdentityProvider;
let app: FastifyInstance;
/** Request ids that reached the handler stage (preHandler runs after auth and validation, right before the handler). */
const reached = new Set<string>();
const tokens: Record<string, string> = {};

beforeAll(async () => {
  Runtime.install({ logger: new DefaultLogger('WARN') });
  env = await createLocalTestEnv();
  idp = await startIdentityProvider();
  // No rate limit: the walk sends hundreds of requests from one address.
  app = await buildApp({ config: loadConfig({ TEMPORAL_ADDRESS: env.address, GATEWAY_TOKENS: TOKENS, RATE_LIMIT_MAX: '0', ...idp.env }), client: env.client });
  // The not-found handler has a preHandler stage too; only a matched route's counts.
  app.addHook('preHandler', async (request) => {
    if (!request.is404) reached.add(request.id);
  });
  await app.ready();
  tokens.jwtOperator = await idp.sign('jwt-olga', { claims: { roles: ['operator'] } });
  tokens.jwtApprover = await idp.sign('jwt-abe', { claims: { roles: ['approver'] } });
  tokens.jwtNoRole = await idp.sign('jwt-nobody');
  tokens.expired = await idp.sign('jwt-olga', { claims: { roles: ['operator', 'approver'] }, expiresIn: -300 });
  tokens.foreignKey = await idp.sign('jwt-olga', { claims: { roles: ['operator', 'approver'] }, foreignKey: true });
  tokens.algNone = idp.unsigned('jwt-olga', { roles: ['operator', 'approver'] });
});

afterAll(async () => {
  await app?.close();
  await idp?.close();
  await env?.teardown();
});

/** A concrete path for a route template: ids shaped like the ones each prefix expects. */
function concrete(url: string): string {
  return url.replace(/:(\w+)/g, (_m, name: string) => {
    if (name === 'workflowId') {
      if (url.startsWith('/api/ml-training')) return 'ml-training-walk-1';
      if (url.startsWith('/api/agent/multi-agent')) return 'multi-agent-walk-1';
      if (url.startsWith('/api/agent')) return 'agent-analysis-walk-1';
    }
    return 'walk-1';
  });
}

const encode = (s: string) => [...s].map((c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`).join('');
const staticSegments = (path: string, f: (segment: string) => string) =>
  path
    .split('/')
    .map((segment) => (segment === '' || segment.startsWith('walk-') || /-walk-1$/.test(segment) ? segment : f(segment)))
    .join('/');

/**
 * The same path as a router may see it. `exact`: Fastify decodes or normalises it to the route, so the
 * answer must be exactly what the canonical path gets; otherwise a 404 is fine too.
 */
function variants(path: string): { name: string; url: string; exact: boolean }[] {
  return [
    { name: 'first letter of each segment percent-encoded', url: staticSegments(path, (s) => `%${s.charCodeAt(0).toString(16)}${s.slice(1)}`), exact: true },
    { name: 'every letter percent-encoded (upper-case hex)', url: staticSegments(path, encode), exact: true },
    { name: 'trailing slash', url: `${path}/`, exact: true },
    { name: 'query string naming a public path', url: `${path}?next=/health&auth=public`, exact: true },
    { name: 'double slashes', url: path.replaceAll('/', '//'), exact: false },
    { name: 'leading double slash', url: `/${path}`, exact: false },
    { name: 'mixed case', url: staticSegments(path, (s) => s[0]!.toUpperCase() + s.slice(1)), exact: false },
    { name: 'upper case', url: staticSegments(path, (s) => s.toUpperCase()), exact: false },
    { name: 'encoded slash', url: path.replace('/', '%2F').replace(/^%2F/, '/').replace('/api/', '/api%2F'), exact: false },
    { name: 'dot segment', url: path.replace('/api/', '/api/./'), exact: false },
    { name: 'parent segment', url: path.replace('/api/', '/api/x/../'), exact: false },
    { name: 'semicolon parameter', url: path.replace('/api/', '/api;x=1/'), exact: false },
  ];
}

async function call(route: DeclaredRoute, url: string, authorization?: string): Promise<{ res: LightMyRequestResponse; reachedHandler: boolean }> {
  const res = await app.inject({
    method: route.method as 'GET',
    url,
    headers: authorization ? { authorization } : {},
    ...(['POST', 'PUT', 'PATCH'].includes(route.method) ? { payload: {} } : {}),
  });
  return { res, reachedHandler: reached.has(String(res.headers['x-request-id'])) };
}

/** Refused before the handler: the expected status (or a 404 where the router did not match), never a handler. */
function expectRefused(outcome: { res: LightMyRequestResponse; reachedHandler: boolean }, status: 401 | 403, exact: boolean, what: string): void {
  expect(outcome.reachedHandler, `${what}: reached the handler`).toBe(false);
  const allowed = exact ? [status] : [status, 404];
  expect(allowed, `${what}: answered ${outcome.res.statusCode} ${outcome.res.body.slice(0, 200)}`).toContain(outcome.res.statusCode);
}

function protectedRoutes(): DeclaredRoute[] {
  return app.declaredRoutes.filter((r) => r.auth !== 'public');
}

describe('the route list', () => {
  it('holds every operation of the OpenAPI document, each declared', async () => {
    const doc = (await app.inject({ url: '/docs/json' })).json() as { paths: Record<string, Record<string, unknown>> };
    const operations = Object.entries(doc.paths).flatMap(([p, ops]) => Object.keys(ops).map((m) => `${m.toUpperCase()} ${p.replace(/\{(\w+)\}/g, ':$1')}`));
    expect(operations.length).toBeGreaterThan(10);
    const declared = new Set(app.declaredRoutes.map((r) => `${r.method} ${r.url}`));
    for (const op of operations) expect(declared, op).toContain(op);
  });

  it('leaves only health, metrics, the docs, the product catalog and the console\'s static files public', () => {
    const publicUrls = new Set(app.declaredRoutes.filter((r) => r.auth === 'public').map((r) => r.url));
    // The catalog is what a shop shows anyone: a cached read of a local table, no Temporal call. The
    // console's page and assets hold no data: every API call the page makes is authorized on its own.
    const intended = (url: string) =>
      ['/health', '/metrics', '/docs', '/api/catalog', CONSOLE_ROUTES.page, CONSOLE_ROUTES.assets].includes(url) || url.startsWith('/docs/');
    for (const url of publicUrls) expect(intended(url), url).toBe(true);
    const api = (r: DeclaredRoute) => r.url.startsWith('/api/') && r.url !== '/api/catalog';
    expect(protectedRoutes().filter(api).length).toBe(app.declaredRoutes.filter(api).length);
  });
});

describe('every protected route', () => {
  it('answers without credentials 401, with bad or expired ones 401, with the wrong role 403 — on every spelling of its path', async () => {
    const routes = protectedRoutes();
    expect(routes.length).toBeGreaterThan(15);
    for (const route of routes) {
      const path = concrete(route.url);
      const label = `${route.method} ${route.url} (${route.auth})`;
      const bad: [string, string][] = [
        ['unknown static token', 'Bearer not-a-token'],
        ['expired JWT', `Bearer ${tokens.expired}`],
        ['JWT signed by another key', `Bearer ${tokens.foreignKey}`],
        ['alg none JWT', `Bearer ${tokens.algNone}`],
        ['not a bearer scheme', 'Basic d2Fsay1vcDo='],
      ];
      const wrong: [string, string][] =
        route.auth === 'operator'
          ? [['approver token', 'Bearer walk-ap'], ['approver JWT', `Bearer ${tokens.jwtApprover}`], ['JWT with no role', `Bearer ${tokens.jwtNoRole}`]]
          : route.auth === 'approver'
            ? [['operator token', 'Bearer walk-op'], ['operator JWT', `Bearer ${tokens.jwtOperator}`], ['JWT with no role', `Bearer ${tokens.jwtNoRole}`]]
            : [];
      for (const { name, url, exact } of [{ name: 'canonical', url: path, exact: true }, ...variants(path)]) {
        expectRefused(await call(route, url), 401, exact, `${label} ${name} ${url} without a token`);
        for (const [what, authorization] of bad) expectRefused(await call(route, url, authorization), 401, exact, `${label} ${name} ${url} with ${what}`);
        for (const [what, authorization] of wrong) expectRefused(await call(route, url, authorization), 403, exact, `${label} ${name} ${url} with ${what}`);
      }
    }
  }, 120_000);

  it('lets the right credentials past authorization, static token and JWT alike', async () => {
    for (const route of protectedRoutes()) {
      const right: [string, string][] =
        route.auth === 'operator'
          ? [['walk-op', 'olga'], [tokens.jwtOperator!, 'jwt-olga']]
          : route.auth === 'approver'
            ? [['walk-ap', 'abe'], [tokens.jwtApprover!, 'jwt-abe']]
            : [['walk-op', 'olga'], ['walk-ap', 'abe'], [tokens.jwtNoRole!, 'jwt-nobody']];
      for (const url of [concrete(route.url), variants(concrete(route.url))[0]!.url]) {
        for (const [token] of right) {
          const { res } = await call(route, url, `Bearer ${token}`);
          expect([401, 403], `${route.method} ${url} with the right credentials: ${res.statusCode} ${res.body.slice(0, 200)}`).not.toContain(res.statusCode);
          // Past auth: validation (400), the domain (404 for the made-up id, 409) or a real answer.
          expect(res.statusCode, `${route.method} ${url}`).toBeLessThan(500);
        }
      }
    }
  }, 120_000);
});

describe('public routes', () => {
  it('answer without a token', async () => {
    expect((await app.inject({ url: '/health' })).statusCode).toBe(200);
    expect((await app.inject({ url: '/metrics' })).statusCode).toBe(200);
    expect((await app.inject({ url: '/docs/json' })).statusCode).toBe(200);
  });
});

describe('GET /api/auth/me', () => {
  it("tells a client the token's identity and roles, static token and JWT alike, so it offers only what the role allows", async () => {
    const me = async (token: string) => (await app.inject({ url: '/api/auth/me', headers: { authorization: `Bearer ${token}` } })).json();
    expect(await me('walk-op')).toEqual({ auth: true, identity: 'olga', roles: ['operator'] });
    expect(await me('walk-ap')).toEqual({ auth: true, identity: 'abe', roles: ['approver'] });
    expect(await me(tokens.jwtNoRole!)).toEqual({ auth: true, identity: 'jwt-nobody', roles: [] });
    expect((await app.inject({ url: '/api/auth/me' })).statusCode).toBe(401);
  });

  it('grants every role in dev mode (no GATEWAY_TOKENS, no JWT issuer), where nothing is checked', async () => {
    const dev = await buildApp({ config: loadConfig({ TEMPORAL_ADDRESS: env.address }), client: env.client });
    try {
      expect((await dev.inject({ url: '/api/auth/me' })).json()).toEqual({ auth: false, roles: ['operator', 'approver'] });
    } finally {
      await dev.close();
    }
  });
});
