import path from 'node:path';
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { Type } from '@sinclair/typebox';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { Client, type WorkflowStartUpdateInput } from '@temporalio/client';
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import { bundleWorkflowCode, DefaultLogger, Runtime, Worker } from '@temporalio/worker';
import { createLocalTestEnv } from '@temporal-ecommerce/infra/testing';
import { buildApp } from '../../../src/app';
import { loadConfig } from '../../../src/env';
import { ROUTE_AUTH } from '../../../src/plugins/app/auth';
import { approvalQuery, approve, type Approval } from '../fixtures/approval-workflow';
import { startIdentityProvider, type TestIdentityProvider } from '../../fixtures/identity-provider';

const TOKENS = 'op-token-123:operator:alice,ap-token-456:approver:bob';
const taskQueue = `gateway-auth-${randomUUID()}`;
const operator = { authorization: 'Bearer op-token-123' };
const approver = { authorization: 'Bearer ap-token-456' };

let env: TestWorkflowEnvironment;
let idp: TestIdentityProvider;
let worker: Worker;
let running: Promise<void>;
let app: FastifyInstance;
/** Update arguments as they leave the gateway for Temporal, recorded by a client interceptor. */
const updates: { workflowId: string; updateName: string; arg: Record<string, unknown> }[] = [];

/** Routes shaped like the domain routes, echoing what reached the handler. */
function addTestRoutes(fastify: FastifyInstance): void {
  const f = fastify.withTypeProvider<TypeBoxTypeProvider>();
  const echo = async (request: { body: unknown; principal?: unknown }) => ({ body: request.body, principal: request.principal ?? null });
  f.post('/api/test-items', { config: { auth: 'operator' }, schema: { body: Type.Object({ name: Type.String() }, { additionalProperties: false }) } }, echo);
  f.get('/api/test-items/:id', { config: { auth: 'authenticated' } }, echo);
  f.post(
    '/api/test-items/:id/approve',
    { config: { auth: 'approver' }, schema: { body: Type.Object({ approved: Type.Boolean(), approvedBy: Type.String({ minLength: 1 }) }, { additionalProperties: false }) } },
    echo,
  );
  f.post(
    '/api/test-approvals/:id/approve',
    {
      config: { auth: 'approver' },
      schema: { params: Type.Object({ id: Type.String() }), body: Type.Object({ approved: Type.Boolean(), approvedBy: Type.String() }, { additionalProperties: false }) },
    },
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
  idp = await startIdentityProvider();
  const workflowBundle = await bundleWorkflowCode({
    workflowsPath: path.join(__dirname, '../fixtures/approval-workflow.ts'),
    logger: { log() {}, trace() {}, debug() {}, info() {}, warn() {}, error() {} },
  });
  worker = await Worker.create({ connection: env.nativeConnection, namespace: env.namespace ?? 'default', taskQueue, workflowBundle });
  running = worker.run();
  // Every Update the gateway sends passes through here first: record its argument, let it go on.
  const client = new Client({
    connection: env.connection,
    namespace: env.namespace ?? 'default',
    interceptors: {
      workflow: [
        {
          async startUpdate(input: WorkflowStartUpdateInput, next) {
            updates.push({ workflowId: input.workflowExecution.workflowId, updateName: input.updateName, arg: input.args[0] as Record<string, unknown> });
            return next(input);
          },
        },
      ],
    },
  });
  app = await buildApp({ config: loadConfig({ TEMPORAL_ADDRESS: env.address, GATEWAY_TOKENS: TOKENS, ...idp.env }), client });
  addTestRoutes(app);
  await app.ready();
});

afterAll(async () => {
  await app?.close();
  if (worker?.getState() === 'RUNNING') worker.shutdown();
  await running;
  await idp?.close();
  await env?.teardown();
});

describe('route declarations', () => {
  async function startWith(register: (fastify: FastifyInstance) => void, envVars: Record<string, string> = { GATEWAY_TOKENS: TOKENS }): Promise<void> {
    const candidate = await buildApp({ config: loadConfig({ TEMPORAL_ADDRESS: env.address, ...envVars }), client: env.client });
    try {
      await candidate.register(async (child) => register(child));
      await candidate.ready();
    } finally {
      await candidate.close().catch(() => undefined);
    }
  }

  it('stops the app at start-up when a route declares nothing, naming the route and the four choices', async () => {
    await expect(startWith((f) => f.post('/api/new-thing', async () => ({ ok: true })))).rejects.toThrow(
      "POST /api/new-thing must declare who may call it: config: { auth: 'public' | 'authenticated' | 'operator' | 'approver' }",
    );
  });

  it('does so in dev mode too, and for routes outside /api', async () => {
    await expect(startWith((f) => f.get('/status', async () => ({ ok: true })), {})).rejects.toThrow('GET /status must declare who may call it');
  });

  it('refuses a value that is not one of the four', async () => {
    await expect(startWith((f) => f.get('/api/x', { config: { auth: 'admin' as never } }, async () => ({})))).rejects.toThrow('got "admin"');
  });

  it('refuses an approver route whose body has no field to record the approver in', async () => {
    await expect(
      startWith((f) => f.post('/api/x/:id/sign-off', { config: { auth: 'approver' }, schema: { body: Type.Object({ ok: Type.Boolean() }) } }, async () => ({}))),
    ).rejects.toThrow('POST /api/x/:id/sign-off is an approver route but its body schema has no approvedBy or author');
  });

  it('lists every route with its declaration; Swagger UI is public by its prefix', () => {
    for (const route of app.declaredRoutes) expect(ROUTE_AUTH).toContain(route.auth);
    const find = (method: string, url: string) => app.declaredRoutes.find((r) => r.method === method && r.url === url)?.auth;
    expect(find('GET', '/docs/json')).toBe('public');
    expect(find('GET', '/health')).toBe('public');
    expect(find('GET', '/metrics')).toBe('public');
    expect(find('POST', '/api/orders')).toBe('operator');
    expect(find('GET', '/api/ml-training/:workflowId/audit')).toBe('operator');
    expect(find('GET', '/api/agent/analyze/:workflowId/events')).toBe('authenticated');
    for (const url of ['/api/orders/:orderId/approve', '/api/ml-training/:workflowId/decision', '/api/agent/analyze/:workflowId/approve-budget', '/api/agent/analyze/:workflowId/approve-plan']) {
      expect(find('POST', url)).toBe('approver');
    }
  });
});

describe('answers', () => {
  it('401 with WWW-Authenticate and a message saying what to send; 403 naming the role needed', async () => {
    const none = await app.inject({ method: 'POST', url: '/api/test-items', payload: { name: 'x' } });
    expect(none.statusCode).toBe(401);
    expect(none.headers['www-authenticate']).toMatch(/^Bearer/);
    expect(none.json()).toEqual({ statusCode: 401, error: 'Unauthorized', message: 'Missing bearer token: send Authorization: Bearer <token>' });
    const unknown = await app.inject({ method: 'POST', url: '/api/test-items', payload: { name: 'x' }, headers: { authorization: 'Bearer not-a-token' } });
    expect(unknown.json()).toEqual({ statusCode: 401, error: 'Unauthorized', message: 'Invalid bearer token' });
    const wrong = await app.inject({ method: 'POST', url: '/api/test-items', payload: { name: 'x' }, headers: approver });
    expect(wrong.json()).toEqual({ statusCode: 403, error: 'Forbidden', message: 'POST /api/test-items needs the operator role; bob has approver' });
    const right = await app.inject({ method: 'POST', url: '/api/test-items', payload: { name: 'x' }, headers: operator });
    expect(right.json()).toEqual({ body: { name: 'x' }, principal: { identity: 'alice', roles: ['operator'] } });
  });

  it('checks before the body is read or validated: an invalid body without a token is a 401, not a 400', async () => {
    const res = await app.inject({ method: 'POST', url: '/api/test-items', payload: { unexpected: true } });
    expect(res.statusCode).toBe(401);
  });

  it('lets any role through an authenticated route', async () => {
    expect((await app.inject({ url: '/api/test-items/1', headers: operator })).statusCode).toBe(200);
    expect((await app.inject({ url: '/api/test-items/1', headers: approver })).statusCode).toBe(200);
    expect((await app.inject({ url: '/api/test-items/1' })).statusCode).toBe(401);
  });
});

describe('approver identity comes from the token, for every approval kind', () => {
  it('overwrites body.approvedBy, and fills it in when the body leaves it out', async () => {
    const spoofed = await app.inject({ method: 'POST', url: '/api/test-items/1/approve', payload: { approved: true, approvedBy: 'mallory' }, headers: approver });
    expect(spoofed.json().body).toEqual({ approved: true, approvedBy: 'bob' });
    const omitted = await app.inject({ method: 'POST', url: '/api/test-items/1/approve', payload: { approved: false }, headers: approver });
    expect(omitted.statusCode).toBe(200);
    expect(omitted.json().body).toEqual({ approved: false, approvedBy: 'bob' });
  });

  it('records the token identity in a workflow on a real server, not the name in the body', async () => {
    const workflowId = `approval-${randomUUID()}`;
    await env.client.workflow.start('approvalWorkflow', { taskQueue, workflowId });
    const res = await app.inject({ method: 'POST', url: `/api/test-approvals/${workflowId}/approve`, payload: { approved: true, approvedBy: 'mallory' }, headers: approver });
    expect(res.statusCode).toBe(200);
    expect(await env.client.workflow.getHandle(workflowId).result()).toEqual({ approved: true, approvedBy: 'bob' });
  });

  // The real routes: each Update's argument, as it leaves for Temporal, names the token's identity.
  const kinds = [
    { kind: 'order approval', id: (n: string) => `order-${n}`, url: (n: string) => `/api/orders/${n}/approve`, body: { approved: true, approvedBy: 'mallory' }, field: 'approvedBy' },
    { kind: 'ML decision', id: (n: string) => `ml-training-m-${n}`, url: (n: string) => `/api/ml-training/ml-training-m-${n}/decision`, body: { action: 'continue', reason: 'fine', author: 'mallory' }, field: 'author' },
    { kind: 'agent budget', id: (n: string) => `agent-analysis-${n}`, url: (n: string) => `/api/agent/analyze/agent-analysis-${n}/approve-budget`, body: { approved: true, newBudget: 5, approvedBy: 'mallory' }, field: 'approvedBy' },
    { kind: 'agent plan', id: (n: string) => `agent-analysis-${n}`, url: (n: string) => `/api/agent/analyze/agent-analysis-${n}/approve-plan`, body: { approved: true }, field: 'approvedBy' },
  ];
  for (const k of kinds) {
    it(`${k.kind}: a static token's and a JWT's identity reach the workflow`, async () => {
      const jwt = await idp.sign('jwt-approver-7', { claims: { roles: ['approver'] } });
      for (const [authorization, identity] of [[approver.authorization, 'bob'], [`Bearer ${jwt}`, 'jwt-approver-7']] as const) {
        const n = randomUUID().slice(0, 8);
        // Nobody polls this queue: the Update is recorded as sent, then times out unanswered.
        await env.client.workflow.start('approvalWorkflow', { taskQueue: `nobody-${n}`, workflowId: k.id(n) });
        const sent = app.inject({ method: 'POST', url: k.url(n), payload: k.body, headers: { authorization } });
        await expect.poll(() => updates.find((u) => u.workflowId === k.id(n)), { timeout: 10_000 }).toBeDefined();
        expect(updates.find((u) => u.workflowId === k.id(n))?.arg[k.field]).toBe(identity);
        await env.client.workflow.getHandle(k.id(n)).terminate('test done');
        await sent;
      }
    });
  }
});

describe('dev mode', () => {
  it('says so loudly at start-up, and says nothing when auth is configured', async () => {
    const lines: string[] = [];
    const stream = { write: (line: string) => void lines.push(line) };
    const dev = await buildApp({ config: loadConfig({ TEMPORAL_ADDRESS: env.address }), client: env.client, logger: { level: 'warn', stream } });
    await dev.ready();
    await dev.close();
    const warning = lines.map((l) => JSON.parse(l) as { level: number; msg: string }).find((l) => l.msg.startsWith('DEV MODE'));
    expect(warning?.level).toBe(40);
    expect(warning?.msg).toContain('neither GATEWAY_TOKENS nor GATEWAY_JWKS_URL is set');

    lines.length = 0;
    const secured = await buildApp({ config: loadConfig({ TEMPORAL_ADDRESS: env.address, ...idp.env }), client: env.client, logger: { level: 'warn', stream } });
    await secured.ready();
    await secured.close();
    expect(lines.join('')).not.toContain('DEV MODE');
  });

  it('lets every route through and keeps the body as sent', async () => {
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
