import path from 'node:path';
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { Type } from '@sinclair/typebox';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import { bundleWorkflowCode, DefaultLogger, Runtime, Worker } from '@temporalio/worker';
import { createLocalTestEnv } from '@temporal-ecommerce/infra/testing';
import { buildApp } from '../../../src/app';
import { loadConfig } from '../../../src/env';
import { requiredRole } from '../../../src/plugins/app/auth';
import { approvalQuery, approve, type Approval } from '../fixtures/approval-workflow';

const TOKENS = 'op-token-123:operator:alice,ap-token-456:approver:bob';
const taskQueue = `gateway-auth-${randomUUID()}`;
const operator = { authorization: 'Bearer op-token-123' };
const approver = { authorization: 'Bearer ap-token-456' };

let env: TestWorkflowEnvironment;
let worker: Worker;
let running: Promise<void>;
let app: FastifyInstance;

/** Routes shaped like the domain routes (paths, body fields), echoing what reached the handler. */
function addTestRoutes(fastify: FastifyInstance): void {
  const f = fastify.withTypeProvider<TypeBoxTypeProvider>();
  const echo = async (request: { body: unknown; principal?: unknown }) => ({ body: request.body, principal: request.principal ?? null });
  f.post('/api/test-items', { schema: { body: Type.Object({ name: Type.String() }, { additionalProperties: false }) } }, echo);
  f.post('/api/test-items/:id/cancel', echo);
  f.get('/api/test-items/:id', async () => ({ ok: true }));
  f.post(
    '/api/test-items/:id/approve',
    { schema: { body: Type.Object({ approved: Type.Boolean(), approvedBy: Type.String({ minLength: 1 }) }, { additionalProperties: false }) } },
    echo,
  );
  f.post(
    '/api/test-items/:id/decision',
    { schema: { body: Type.Object({ action: Type.String(), author: Type.Optional(Type.String()) }, { additionalProperties: false }) } },
    echo,
  );
  f.post(
    '/api/test-approvals/:id/approve',
    { schema: { params: Type.Object({ id: Type.String() }), body: Type.Object({ approved: Type.Boolean(), approvedBy: Type.String() }, { additionalProperties: false }) } },
    async (request) => {
      const handle = f.temporal.workflow.getHandle(request.params.id);
      await handle.executeUpdate(approve, { args: [request.body as Approval] });
      return handle.query(approvalQuery);
    },
  );
}

beforeAll(async () => {
  Runtime.install({ logger: new DefaultLogger('WARN') });
  env = await createLocalTestEnv();
  const workflowBundle = await bundleWorkflowCode({
    workflowsPath: path.join(__dirname, '../fixtures/approval-workflow.ts'),
    logger: { log() {}, trace() {}, debug() {}, info() {}, warn() {}, error() {} },
  });
  worker = await Worker.create({ connection: env.nativeConnection, namespace: env.namespace ?? 'default', taskQueue, workflowBundle });
  running = worker.run();
  app = await buildApp({ config: loadConfig({ TEMPORAL_ADDRESS: env.address, GATEWAY_TOKENS: TOKENS }), client: env.client });
  addTestRoutes(app);
  await app.ready();
});

afterAll(async () => {
  await app?.close();
  if (worker?.getState() === 'RUNNING') worker.shutdown();
  await running;
  await env?.teardown();
});

describe('requiredRole', () => {
  it('asks an approver for decisions, an operator for other writes under /api, nobody for reads', () => {
    expect(requiredRole('POST', '/api/orders/o-1/approve')).toBe('approver');
    expect(requiredRole('POST', '/api/ml-training/run-1/decision')).toBe('approver');
    expect(requiredRole('POST', '/api/agent/analyze/a-1/approve-budget')).toBe('approver');
    expect(requiredRole('POST', '/api/agent/analyze/a-1/approve-plan')).toBe('approver');
    expect(requiredRole('POST', '/api/orders')).toBe('operator');
    expect(requiredRole('POST', '/api/orders/o-1/cancel')).toBe('operator');
    expect(requiredRole('DELETE', '/api/orders/o-1')).toBe('operator');
    expect(requiredRole('GET', '/api/orders/o-1')).toBeUndefined();
    expect(requiredRole('POST', '/health')).toBeUndefined();
  });
});

describe('auth matrix', () => {
  const cases = [
    { what: 'start', url: '/api/test-items', payload: { name: 'x' }, role: 'operator' },
    { what: 'cancel', url: '/api/test-items/1/cancel', payload: {}, role: 'operator' },
    { what: 'approve', url: '/api/test-items/1/approve', payload: { approved: true, approvedBy: 'someone' }, role: 'approver' },
    { what: 'decide', url: '/api/test-items/1/decision', payload: { action: 'continue' }, role: 'approver' },
  ] as const;

  for (const c of cases) {
    it(`${c.what}: 401 without a token, 401 with an unknown one, 403 for the other role, 200 for ${c.role}`, async () => {
      const none = await app.inject({ method: 'POST', url: c.url, payload: c.payload });
      expect(none.statusCode).toBe(401);
      expect(none.headers['www-authenticate']).toMatch(/^Bearer/);
      expect(none.json()).toEqual({ statusCode: 401, error: 'Unauthorized', message: 'Missing bearer token: send Authorization: Bearer <token>' });

      const unknown = await app.inject({ method: 'POST', url: c.url, payload: c.payload, headers: { authorization: 'Bearer not-a-token' } });
      expect(unknown.statusCode).toBe(401);
      expect(unknown.json().message).toBe('Invalid bearer token');

      const wrong = await app.inject({ method: 'POST', url: c.url, payload: c.payload, headers: c.role === 'operator' ? approver : operator });
      expect(wrong.statusCode).toBe(403);
      expect(wrong.json().message).toContain(`needs the ${c.role} role`);

      const right = await app.inject({ method: 'POST', url: c.url, payload: c.payload, headers: c.role === 'operator' ? operator : approver });
      expect(right.statusCode).toBe(200);
      expect(right.json().principal).toEqual(c.role === 'operator' ? { identity: 'alice', roles: ['operator'] } : { identity: 'bob', roles: ['approver'] });
    });
  }

  it('lets reads through without a token', async () => {
    expect((await app.inject({ method: 'GET', url: '/api/test-items/1' })).statusCode).toBe(200);
  });

  it('guards the real domain routes before they touch Temporal', async () => {
    expect((await app.inject({ method: 'POST', url: '/api/orders', payload: {} })).statusCode).toBe(401);
    expect((await app.inject({ method: 'POST', url: '/api/orders/o-1/approve', payload: { approved: true }, headers: operator })).statusCode).toBe(403);
    expect((await app.inject({ method: 'POST', url: '/api/ml-training/run-1/decision', payload: {}, headers: operator })).statusCode).toBe(403);
    expect((await app.inject({ method: 'POST', url: '/api/agent/analyze/a-1/approve-plan', payload: {}, headers: operator })).statusCode).toBe(403);
  });
});

describe('approver identity', () => {
  it('overwrites body.approvedBy with the token identity, and fills it in when the body leaves it out', async () => {
    const spoofed = await app.inject({ method: 'POST', url: '/api/test-items/1/approve', payload: { approved: true, approvedBy: 'mallory' }, headers: approver });
    expect(spoofed.json().body).toEqual({ approved: true, approvedBy: 'bob' });
    // approvedBy is required by the schema: the token satisfies it.
    const omitted = await app.inject({ method: 'POST', url: '/api/test-items/1/approve', payload: { approved: false }, headers: approver });
    expect(omitted.statusCode).toBe(200);
    expect(omitted.json().body).toEqual({ approved: false, approvedBy: 'bob' });
  });

  it('overwrites body.author on a decision route', async () => {
    const res = await app.inject({ method: 'POST', url: '/api/test-items/1/decision', payload: { action: 'stop', author: 'mallory' }, headers: approver });
    expect(res.json().body).toEqual({ action: 'stop', author: 'bob' });
  });

  it('records the token identity in the workflow, not the name in the body', async () => {
    const workflowId = `approval-${randomUUID()}`;
    await env.client.workflow.start('approvalWorkflow', { taskQueue, workflowId });
    const res = await app.inject({ method: 'POST', url: `/api/test-approvals/${workflowId}/approve`, payload: { approved: true, approvedBy: 'mallory' }, headers: approver });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({ approved: true, approvedBy: 'bob' });
    expect(await env.client.workflow.getHandle(workflowId).result()).toEqual({ approved: true, approvedBy: 'bob' });
  });
});

describe('dev mode', () => {
  it('says so loudly at start-up, and says nothing when tokens are configured', async () => {
    const lines: string[] = [];
    const stream = { write: (line: string) => void lines.push(line) };
    const address = env.address;
    const dev = await buildApp({ config: loadConfig({ TEMPORAL_ADDRESS: address }), client: env.client, logger: { level: 'warn', stream } });
    await dev.ready();
    await dev.close();
    const warning = lines.map((l) => JSON.parse(l) as { level: number; msg: string }).find((l) => l.msg.startsWith('DEV MODE'));
    expect(warning?.level).toBe(40);
    expect(warning?.msg).toContain('GATEWAY_TOKENS is not set');

    lines.length = 0;
    const secured = await buildApp({ config: loadConfig({ TEMPORAL_ADDRESS: address, GATEWAY_TOKENS: TOKENS }), client: env.client, logger: { level: 'warn', stream } });
    await secured.ready();
    await secured.close();
    expect(lines.join('')).not.toContain('DEV MODE');
  });

  it('without GATEWAY_TOKENS lets writes through and keeps the body as sent', async () => {
    const dev = await buildApp({ config: loadConfig({ TEMPORAL_ADDRESS: env.address }), client: env.client });
    addTestRoutes(dev);
    try {
      const res = await dev.inject({ method: 'POST', url: '/api/test-items/1/approve', payload: { approved: true, approvedBy: 'dana' } });
      expect(res.statusCode).toBe(200);
      expect(res.json()).toEqual({ body: { approved: true, approvedBy: 'dana' }, principal: null });
    } finally {
      await dev.close();
    }
  });
});
