import { Writable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import type { Connection } from '@temporalio/client';
import { buildApp } from '../src/app';
import { loadConfig } from '../src/env';
import { closedPortAddress, unreachableClient } from './helpers';

let app: FastifyInstance;
let connection: Connection;
const lines: Record<string, unknown>[] = [];
/** Warnings the process emitted while the app was built (Fastify's deprecations come this way, once each). */
const warnings: { name: string; code?: string; message: string }[] = [];
const onWarning = (w: Error & { code?: string }) => warnings.push({ name: w.name, code: w.code, message: w.message });

beforeAll(async () => {
  process.on('warning', onWarning);
  // The access log never touches Temporal: a client pointed at nothing is enough.
  const address = await closedPortAddress();
  const unreachable = unreachableClient(address);
  connection = unreachable.connection;
  const stream = new Writable({
    write(chunk: Buffer, _encoding, done) {
      lines.push(...chunk.toString().split('\n').filter(Boolean).map((l) => JSON.parse(l) as Record<string, unknown>));
      done();
    },
  });
  const config = loadConfig({ TEMPORAL_ADDRESS: address, GATEWAY_TOKENS: 'log-test-token:operator:ops@example.com' });
  app = await buildApp({ config, client: unreachable.client, logger: { level: 'info', stream } });
  app.get('/api/test-items/:id', { config: { auth: 'public' } }, async () => ({ ok: true }));
  app.get('/api/test-secrets/:id', { config: { auth: 'operator' } }, async () => ({ ok: true }));
  await app.ready();
});

afterAll(async () => {
  process.off('warning', onWarning);
  await app?.close();
  await connection?.close();
});

describe('access log', () => {
  it('is set up without a Fastify deprecation warning', async () => {
    // emitWarning reaches listeners on the next tick.
    await new Promise((r) => setImmediate(r));
    expect(warnings.filter((w) => w.name === 'FastifyWarning' || w.code?.startsWith('FST'))).toEqual([]);
  });

  it('writes one line per request, when it is answered, with method, url, status and time', async () => {
    const res = await app.inject({ method: 'GET', url: '/api/test-items/7', headers: { 'x-request-id': 'log-test-1' } });
    expect(res.statusCode).toBe(200);
    const own = lines.filter((l) => l.reqId === 'log-test-1');
    expect(own).toHaveLength(1);
    expect(own[0]).toMatchObject({ msg: 'request completed', method: 'GET', url: '/api/test-items/7', statusCode: 200 });
    expect(typeof own[0]!.responseTime).toBe('number');
    expect(own[0]).not.toHaveProperty('principal');
  });

  it("names the token's identity on the access line of an authenticated request, in one line", async () => {
    const res = await app.inject({ method: 'GET', url: '/api/test-secrets/7', headers: { 'x-request-id': 'log-test-2', authorization: 'Bearer log-test-token' } });
    expect(res.statusCode).toBe(200);
    const own = lines.filter((l) => l.reqId === 'log-test-2');
    expect(own).toHaveLength(1);
    expect(own[0]).toMatchObject({ msg: 'request completed', principal: 'ops@example.com', statusCode: 200 });
  });
});
