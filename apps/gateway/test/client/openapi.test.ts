import { readFileSync } from 'node:fs';
import path from 'node:path';
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import { validate } from '@readme/openapi-parser';
import { createLocalTestEnv } from '@temporal-ecommerce/infra/testing';
import { ORDER_WORKFLOW_TYPE, orderWorkflowStartOptions } from '@temporal-ecommerce/contracts/order';
import { buildApp } from '../../src/app';
import { openApiArtifacts } from '../../src/client/generate';
import { createGatewayClient } from '../../src/client';
import { testConfig } from '../helpers';

interface Operation {
  operationId?: string;
  tags?: string[];
  requestBody?: unknown;
  responses: Record<string, { content?: Record<string, { schema: unknown }> }>;
}
type Document = { openapi: string; paths: Record<string, Record<string, Operation>> };

const CLIENT_DIR = path.join(__dirname, '../../src/client');

let env: TestWorkflowEnvironment;
let app: FastifyInstance;
let document: Document;
let artifacts: Awaited<ReturnType<typeof openApiArtifacts>>;
let baseUrl: string;

beforeAll(async () => {
  env = await createLocalTestEnv();
  app = await buildApp({ config: testConfig(env.address), client: env.client });
  await app.listen({ port: 0, host: '127.0.0.1' });
  baseUrl = `http://127.0.0.1:${(app.server.address() as { port: number }).port}`;
  document = (await app.inject({ method: 'GET', url: '/docs/json' })).json<Document>();
  artifacts = await openApiArtifacts();
});

afterAll(async () => {
  await app?.close();
  await env?.teardown();
});

const operations = () =>
  Object.entries(document.paths).flatMap(([route, methods]) => Object.entries(methods).map(([method, op]) => ({ id: `${method.toUpperCase()} ${route}`, op })));

describe('the OpenAPI document', () => {
  it('is valid OpenAPI 3.1 for a standard validator (@readme/openapi-parser)', async () => {
    expect(document.openapi).toBe('3.1.0');
    const result = await validate(structuredClone(document) as never);
    expect(result.valid, JSON.stringify(result)).toBe(true);
  });

  it('gives every operation an operationId, a tag, the error body for 400, 500, 503 and 504, and 413/415 when it takes a body', () => {
    const ids = new Set<string>();
    for (const { id, op } of operations()) {
      expect(op.operationId, id).toMatch(/^[a-z][A-Za-z]+$/);
      expect(ids.has(op.operationId!), `${id}: duplicate operationId`).toBe(false);
      ids.add(op.operationId!);
      expect(op.tags?.length, id).toBeGreaterThan(0);
      const expected = id === 'GET /health' ? ['500'] : ['400', '429', '500', '503', '504', ...(op.requestBody ? ['413', '415'] : [])];
      for (const code of expected) {
        const schema = op.responses[code]?.content?.['application/json']?.schema as { required?: string[] } | undefined;
        expect(schema?.required, `${id} documents ${code}`).toEqual(['statusCode', 'error', 'message']);
      }
    }
    expect(ids.size).toBeGreaterThanOrEqual(18);
  });

  it('is checked in as src/client/openapi.json and src/client/schema.ts, regenerated identically (pnpm generate:client)', () => {
    expect(readFileSync(path.join(CLIENT_DIR, 'openapi.json'), 'utf8'), 'src/client/openapi.json is stale: run pnpm --filter @temporal-ecommerce/gateway generate:client').toBe(
      artifacts.json,
    );
    expect(readFileSync(path.join(CLIENT_DIR, 'schema.ts'), 'utf8'), 'src/client/schema.ts is stale: run pnpm --filter @temporal-ecommerce/gateway generate:client').toBe(artifacts.types);
    expect(artifacts.document).toEqual(document);
  });
});

describe('the generated client (openapi-fetch) against the gateway on 127.0.0.1', () => {
  it('lists orders and reads one, typed from the document', async () => {
    const api = createGatewayClient(baseUrl);
    const orderId = `client-${randomUUID().slice(0, 8)}`;
    const order = { orderId, customerId: 'customer-123', items: [{ productId: 'laptop-001', productName: 'Laptop', quantity: 1, price: 1299.99 }], totalAmount: 1299.99 };
    // Started directly: no order worker runs here, and listing needs none.
    await env.client.workflow.start(ORDER_WORKFLOW_TYPE, { ...orderWorkflowStartOptions({ order }), taskQueue: `nobody-${randomUUID()}` });
    let listed: string[] = [];
    for (let i = 0; i < 50 && !listed.includes(orderId); i++) {
      const { data, error } = await api.GET('/api/orders', { params: { query: { customerId: 'customer-123', pageSize: 100 } } });
      expect(error).toBeUndefined();
      listed = data!.orders.map((o) => o.orderId);
      if (!listed.includes(orderId)) await new Promise((r) => setTimeout(r, 100));
    }
    expect(listed).toContain(orderId);

    const missing = await api.GET('/api/orders/{orderId}', { params: { path: { orderId: `never-${randomUUID().slice(0, 8)}` } } });
    expect(missing.response.status).toBe(404);
    expect(missing.error).toMatchObject({ statusCode: 404, error: 'Not Found' });
  });

  it('gets a 400 naming nextPageToken for a token the API did not hand out, on every list endpoint', async () => {
    const api = createGatewayClient(baseUrl);
    for (const { error, response } of [
      await api.GET('/api/orders', { params: { query: { nextPageToken: 'garbage' } } }),
      await api.GET('/api/ml-training', { params: { query: { nextPageToken: 'garbage' } } }),
      await api.GET('/api/agent/analyze', { params: { query: { nextPageToken: 'not*base64' } } }),
      // Well-formed base64url, but not Temporal's: the server's INVALID_ARGUMENT becomes the 400.
      await api.GET('/api/orders', { params: { query: { nextPageToken: Buffer.from('made-up token').toString('base64url') } } }),
    ]) {
      expect(response.status).toBe(400);
      expect(error?.message).toMatch(/nextPageToken/);
    }
  });

  it('answers a path parameter past its maxLength with a 400 naming it, not a 414 from the router', async () => {
    const api = createGatewayClient(baseUrl);
    const { error, response } = await api.GET('/api/ml-training/{workflowId}', { params: { path: { workflowId: `ml-training-${'0'.repeat(400)}` } } });
    expect(response.status).toBe(400);
    expect(error?.message).toBe('params/workflowId must NOT have more than 300 characters');
  });

  it('sends a body the document describes and gets the documented 400 for a business rule', async () => {
    const api = createGatewayClient(baseUrl);
    const { error, response } = await api.POST('/api/orders', {
      body: { orderId: `client-${randomUUID().slice(0, 8)}`, customerId: 'customer-123', items: [{ productId: 'mouse-001', productName: 'Mouse', quantity: 2, price: 29.99 }], totalAmount: 1 },
    });
    expect(response.status).toBe(400);
    expect(error?.message).toMatch(/^body\/totalAmount/);
  });
});
