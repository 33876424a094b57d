import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import type { Connection } from '@temporalio/client';
import { buildApp } from '../../../src/app';
import { loadConfig } from '../../../src/env';
import { closedPortAddress, unreachableClient } from '../../helpers';

let address: string;
const apps: FastifyInstance[] = [];
const connections: Connection[] = [];

beforeAll(async () => {
  address = await closedPortAddress();
});

afterAll(async () => {
  for (const a of apps) await a.close();
  for (const c of connections) await c.close();
});

async function appWith(env: Record<string, string>): Promise<FastifyInstance> {
  const { client, connection } = unreachableClient(address);
  connections.push(connection);
  const app = await buildApp({ config: loadConfig({ TEMPORAL_ADDRESS: address, ...env }), client });
  app.post('/api/echo', { config: { auth: 'public' } }, async (request) => ({ size: JSON.stringify(request.body).length }));
  app.get('/api/ping', { config: { auth: 'public' } }, async () => ({ ok: true }));
  apps.push(app);
  return app;
}

describe('rate limit', () => {
  it('answers 429 with Retry-After once a client spends its budget, in the usual error body', async () => {
    const app = await appWith({ RATE_LIMIT_MAX: '3', RATE_LIMIT_WINDOW: '1 minute' });
    for (let i = 0; i < 3; i++) expect((await app.inject({ method: 'GET', url: '/api/ping' })).statusCode).toBe(200);
    const limited = await app.inject({ method: 'GET', url: '/api/ping' });
    expect(limited.statusCode).toBe(429);
    expect(Number(limited.headers['retry-after'])).toBeGreaterThan(0);
    expect(limited.json()).toMatchObject({ statusCode: 429, error: 'Too Many Requests' });
    // Another client address has its own budget.
    expect((await app.inject({ method: 'GET', url: '/api/ping', remoteAddress: '10.1.2.3' })).statusCode).toBe(200);
  });

  it('counts before authentication, so guessing tokens runs into 429 too', async () => {
    const app = await appWith({ RATE_LIMIT_MAX: '2', GATEWAY_TOKENS: 'real-token:operator:ops' });
    for (let i = 0; i < 2; i++) expect((await app.inject({ method: 'POST', url: '/api/orders', headers: { authorization: `Bearer guess-${i}` }, payload: {} })).statusCode).toBe(401);
    expect((await app.inject({ method: 'POST', url: '/api/orders', headers: { authorization: 'Bearer real-token' }, payload: {} })).statusCode).toBe(429);
  });

  it('never limits the metrics scrape', async () => {
    const app = await appWith({ RATE_LIMIT_MAX: '1' });
    for (let i = 0; i < 4; i++) expect((await app.inject({ method: 'GET', url: '/metrics' })).statusCode).toBe(200);
  });

  it('is off with RATE_LIMIT_MAX=0', async () => {
    const app = await appWith({ RATE_LIMIT_MAX: '0' });
    for (let i = 0; i < 5; i++) expect((await app.inject({ method: 'GET', url: '/api/ping' })).statusCode).toBe(200);
  });
});

describe('body limit', () => {
  it('answers 413 for a body over BODY_LIMIT_BYTES and accepts one under it', async () => {
    const app = await appWith({ BODY_LIMIT_BYTES: '1024' });
    const small = await app.inject({ method: 'POST', url: '/api/echo', payload: { text: 'x'.repeat(100) } });
    expect(small.statusCode).toBe(200);
    const big = await app.inject({ method: 'POST', url: '/api/echo', payload: { text: 'x'.repeat(2000) } });
    expect(big.statusCode).toBe(413);
    expect(big.json()).toMatchObject({ statusCode: 413, error: 'Payload Too Large' });
  });
});
