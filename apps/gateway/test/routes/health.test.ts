import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import { createLocalTestEnv } from '@temporal-ecommerce/infra/testing';
import { buildApp } from '../../src/app';
import { closedPortAddress, testConfig, unreachableClient } from '../helpers';

let env: TestWorkflowEnvironment;

beforeAll(async () => {
  env = await createLocalTestEnv();
});

afterAll(async () => {
  await env?.teardown();
});

describe('GET /health', () => {
  let app: FastifyInstance;
  afterAll(async () => app?.close());

  it('answers 200 with the server version when Temporal is reachable', async () => {
    app = await buildApp({ config: testConfig(env.address), client: env.client });
    const res = await app.inject({ method: 'GET', url: '/health' });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({
      status: 'ok',
      temporal: 'reachable',
      temporalAddress: env.address,
      namespace: 'default',
      serverVersion: expect.stringMatching(/^\d+\.\d+/),
    });
    expect(res.headers['x-request-id']).toEqual(expect.any(String));
  });

  it('answers 503 when nothing listens at the Temporal address', async () => {
    const address = await closedPortAddress();
    const { client, connection } = unreachableClient(address);
    const down = await buildApp({ config: testConfig(address), client });
    try {
      const res = await down.inject({ method: 'GET', url: '/health' });
      expect(res.statusCode).toBe(503);
      expect(res.json()).toMatchObject({ status: 'unavailable', temporal: 'unreachable', temporalAddress: address });
    } finally {
      await down.close();
      await connection.close();
    }
  });

  it('keeps a caller-supplied request id', async () => {
    const res = await app.inject({ method: 'GET', url: '/health', headers: { 'x-request-id': 'trace-abc-123' } });
    expect(res.headers['x-request-id']).toBe('trace-abc-123');
  });
});
