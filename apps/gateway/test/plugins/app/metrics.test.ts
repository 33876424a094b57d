import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import type { Connection } from '@temporalio/client';
import { buildApp } from '../../../src/app';
import { loadConfig } from '../../../src/env';
import { closedPortAddress, unreachableClient } from '../../helpers';

let app: FastifyInstance;
let connection: Connection;

beforeAll(async () => {
  // Metrics never touch Temporal: a client pointed at nothing is enough.
  const address = await closedPortAddress();
  const unreachable = unreachableClient(address);
  connection = unreachable.connection;
  app = await buildApp({ config: loadConfig({ TEMPORAL_ADDRESS: address }), client: unreachable.client });
  app.get('/api/test-items/:id', { config: { auth: 'public' } }, async () => ({ ok: true }));
  await app.ready();
});

afterAll(async () => {
  await app?.close();
  await connection?.close();
});

/** The value of one sample line, e.g. `http_requests_total{...} 2`. */
function sample(text: string, name: string, labels: Record<string, string>): number | undefined {
  const line = text.split('\n').find((l) => l.startsWith(`${name}{`) && Object.entries(labels).every(([k, v]) => l.includes(`${k}="${v}"`)));
  return line === undefined ? undefined : Number(line.split(' ').pop());
}

async function scrape(): Promise<string> {
  const res = await app.inject({ method: 'GET', url: '/metrics' });
  expect(res.statusCode).toBe(200);
  expect(res.headers['content-type']).toMatch(/^text\/plain; version=0\.0\.4/);
  return res.body;
}

describe('GET /metrics', () => {
  it('counts a request by route template, method and status, and records its duration', async () => {
    const before = sample(await scrape(), 'http_requests_total', { route: '/api/test-items/:id', status_code: '200' }) ?? 0;
    await app.inject({ method: 'GET', url: '/api/test-items/42' });
    await app.inject({ method: 'GET', url: '/api/test-items/43' });
    const text = await scrape();
    const labels = { method: 'GET', route: '/api/test-items/:id', status_code: '200', service: 'gateway' };
    expect(sample(text, 'http_requests_total', labels)).toBe(before + 2);
    expect(sample(text, 'http_request_duration_seconds_count', labels)).toBe(before + 2);
    expect(sample(text, 'http_request_duration_seconds_bucket', { ...labels, le: '+Inf' })).toBe(before + 2);
    expect(text).toContain('# TYPE http_request_duration_seconds histogram');
  });

  it('labels unknown paths as unmatched so ids in URLs cannot explode the series', async () => {
    await app.inject({ method: 'GET', url: '/nope/123' });
    const text = await scrape();
    expect(sample(text, 'http_requests_total', { route: 'unmatched', status_code: '404' })).toBeGreaterThanOrEqual(1);
    expect(text).not.toContain('/nope/123');
  });

  it('includes Node process metrics and stays out of the OpenAPI document', async () => {
    expect(await scrape()).toMatch(/^process_cpu_user_seconds_total\{service="gateway"\} /m);
    const doc = (await app.inject({ method: 'GET', url: '/docs/json' })).json() as { paths: Record<string, unknown> };
    expect(Object.keys(doc.paths)).not.toContain('/metrics');
  });
});
