import path from 'node:path';
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { Type } from '@sinclair/typebox';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { ApplicationFailure } from '@temporalio/common';
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import { bundleWorkflowCode, DefaultLogger, Runtime, Worker } from '@temporalio/worker';
import { ErrorType } from '@temporal-ecommerce/contracts/errors';
import { createLocalTestEnv } from '@temporal-ecommerce/infra/testing';
import { ServiceError, WorkflowUpdateRPCTimeoutOrCancelledError } from '@temporalio/client';
import { buildApp } from '../../../src/app';
import { toHttpError } from '../../../src/plugins/app/error-handler';
import { GrpcStatus } from '../../../src/temporal-calls';
import { createServer, type AddressInfo, type Socket } from 'node:net';
import { closedPortAddress, testConfig, unreachableClient } from '../../helpers';
import { loadConfig } from '../../../src/env';
import { createTemporalClient } from '../../../src/temporal-connection';
import { tryUpdate, type Mode } from '../../fixtures/workflows';

const taskQueue = `gateway-errors-${randomUUID()}`;

let env: TestWorkflowEnvironment;
let worker: Worker;
let running: Promise<void>;
let app: FastifyInstance;

/** Routes that exist only in this test, each throwing what a real domain route can throw. */
function addTestRoutes(fastify: FastifyInstance): void {
  const f = fastify.withTypeProvider<TypeBoxTypeProvider>();
  f.post(
    '/test/orders',
    {
      config: { auth: 'public' },
      schema: {
        body: Type.Object(
          { totalAmount: Type.Number(), status: Type.Optional(Type.Union([Type.Literal('new'), Type.Literal('paid')])) },
          { additionalProperties: false },
        ),
      },
    },
    async (request) => request.body,
  );
  f.get('/test/boom', { config: { auth: 'public' } }, async () => {
    throw new Error('connect ECONNREFUSED postgres://admin:hunter2@10.0.0.7');
  });
  f.get('/test/conflict', { config: { auth: 'public' } }, async () => {
    throw ApplicationFailure.nonRetryable('Order is already shipped', ErrorType.InvalidState);
  });
  f.get('/test/workflows/:id', { config: { auth: 'public' }, schema: { params: Type.Object({ id: Type.String() }) } }, async (request) => {
    const description = await f.calls.server(() => f.temporal.workflow.getHandle(request.params.id).describe());
    return { status: description.status.name };
  });
  f.post('/test/workflows/:id', { config: { auth: 'public' }, schema: { params: Type.Object({ id: Type.String() }) } }, async (request) => {
    await f.temporal.workflow.start('updatable', { taskQueue, workflowId: request.params.id });
    return { started: request.params.id };
  });
  // The worker a call needs is named at the call (fastify.calls.worker), so the 503 can say which to start.
  f.get('/test/no-worker/:id', { config: { auth: 'public' }, schema: { params: Type.Object({ id: Type.String() }) } }, async (request) => {
    const queue = `nobody-polls-${randomUUID()}`;
    const handle = await f.temporal.workflow.start('updatable', { taskQueue: queue, workflowId: request.params.id });
    try {
      return await f.calls.worker({ name: 'order', taskQueue: queue }, () => handle.query('anything'));
    } finally {
      await handle.terminate('test over');
    }
  });
  // A call made without the wrappers still maps: its own deadline passing is a 504, not a 500.
  f.get('/test/raw-deadline/:id', { config: { auth: 'public' }, schema: { params: Type.Object({ id: Type.String() }) } }, async (request) => {
    const handle = await f.temporal.workflow.start('updatable', { taskQueue: `nobody-polls-${randomUUID()}`, workflowId: request.params.id });
    try {
      return await f.temporal.withDeadline(Date.now() + 500, () => handle.query('anything'));
    } finally {
      await handle.terminate('test over');
    }
  });
  f.post(
    '/test/workflows/:id/update',
    { config: { auth: 'public' }, schema: { params: Type.Object({ id: Type.String() }), body: Type.Object({ mode: Type.String() }) } },
    async (request) => {
      const result = await f.temporal.workflow.getHandle(request.params.id).executeUpdate(tryUpdate, { args: [request.body.mode as Mode] });
      return { result };
    },
  );
}

beforeAll(async () => {
  // The worker's lifecycle chatter is noise here; warnings and errors still show.
  Runtime.install({ logger: new DefaultLogger('WARN') });
  env = await createLocalTestEnv();
  const workflowBundle = await bundleWorkflowCode({
    workflowsPath: path.join(__dirname, '../../fixtures/workflows.ts'),
    logger: { log() {}, trace() {}, debug() {}, info() {}, warn() {}, error() {} },
  });
  worker = await Worker.create({ connection: env.nativeConnection, namespace: env.namespace ?? 'default', taskQueue, workflowBundle });
  running = worker.run();
  app = await buildApp({ config: testConfig(env.address), client: env.client });
  addTestRoutes(app);
  await app.ready();
});

afterAll(async () => {
  await app?.close();
  if (worker?.getState() === 'RUNNING') worker.shutdown();
  await running;
  await env?.teardown();
});

describe('validation errors', () => {
  it('answers 400 naming the field whose type is wrong', async () => {
    const res = await app.inject({ method: 'POST', url: '/test/orders', payload: { totalAmount: 'lots' } });
    expect(res.statusCode).toBe(400);
    expect(res.json()).toEqual({ statusCode: 400, error: 'Bad Request', message: 'body/totalAmount must be number' });
  });

  it('answers 400 naming a missing required field', async () => {
    const res = await app.inject({ method: 'POST', url: '/test/orders', payload: {} });
    expect(res.statusCode).toBe(400);
    expect(res.json().message).toBe('body/totalAmount is required');
  });

  it('answers 400 naming an unknown field instead of dropping it', async () => {
    const res = await app.inject({ method: 'POST', url: '/test/orders', payload: { totalAmount: 1, discount: 5 } });
    expect(res.statusCode).toBe(400);
    expect(res.json().message).toBe('body/discount is not allowed');
  });

  it('answers 400 listing the allowed values of a union of literals', async () => {
    const res = await app.inject({ method: 'POST', url: '/test/orders', payload: { totalAmount: 1, status: 'lost' } });
    expect(res.statusCode).toBe(400);
    expect(res.json().message).toBe('body/status must be one of new, paid');
  });

  it('answers 400 for a body that is not JSON', async () => {
    const res = await app.inject({ method: 'POST', url: '/test/orders', headers: { 'content-type': 'application/json' }, payload: '{"totalAmount":' });
    expect(res.statusCode).toBe(400);
    expect(res.json()).toMatchObject({ statusCode: 400, error: 'Bad Request' });
  });
});

describe('unknown routes and ids', () => {
  it('answers 404 with the error body for a route that does not exist', async () => {
    const res = await app.inject({ method: 'GET', url: '/api/nothing-here' });
    expect(res.statusCode).toBe(404);
    expect(res.json()).toEqual({ statusCode: 404, error: 'Not Found', message: 'Route GET /api/nothing-here not found' });
  });

  it('answers 404 when the workflow id is unknown to Temporal', async () => {
    const res = await app.inject({ method: 'GET', url: `/test/workflows/missing-${randomUUID()}` });
    expect(res.statusCode).toBe(404);
    expect(res.json().message).toMatch(/^Workflow missing-.* not found$/);
  });
});

describe('conflicts', () => {
  it('answers 409 when a workflow with the same id is already running', async () => {
    const id = `dup-${randomUUID()}`;
    expect((await app.inject({ method: 'POST', url: `/test/workflows/${id}` })).statusCode).toBe(200);
    const res = await app.inject({ method: 'POST', url: `/test/workflows/${id}` });
    expect(res.statusCode).toBe(409);
    expect(res.json()).toEqual({ statusCode: 409, error: 'Conflict', message: `Workflow ${id} already exists` });
  });

  it('answers 409 with the workflow message when an update validator says nothing is waiting', async () => {
    const id = `upd-${randomUUID()}`;
    await app.inject({ method: 'POST', url: `/test/workflows/${id}` });
    const res = await app.inject({ method: 'POST', url: `/test/workflows/${id}/update`, payload: { mode: 'not-awaiting' } });
    expect(res.statusCode).toBe(409);
    expect(res.json()).toEqual({ statusCode: 409, error: 'Conflict', message: 'Nothing is waiting for an approval' });

    const accepted = await app.inject({ method: 'POST', url: `/test/workflows/${id}/update`, payload: { mode: 'accept' } });
    expect(accepted.statusCode).toBe(200);
    expect(accepted.json()).toEqual({ result: 'accepted accept' });
  });

  it('answers 409 for an ApplicationFailure of a conflict type thrown in the gateway', async () => {
    const res = await app.inject({ method: 'GET', url: '/test/conflict' });
    expect(res.statusCode).toBe(409);
    expect(res.json().message).toBe('Order is already shipped');
  });
});

describe('business rule violations', () => {
  it('answers 400 when an update validator raises InvalidRequest', async () => {
    const id = `upd-${randomUUID()}`;
    await app.inject({ method: 'POST', url: `/test/workflows/${id}` });
    const res = await app.inject({ method: 'POST', url: `/test/workflows/${id}/update`, payload: { mode: 'invalid-request' } });
    expect(res.statusCode).toBe(400);
    expect(res.json()).toEqual({ statusCode: 400, error: 'Bad Request', message: 'amount must be positive' });
  });
});

describe('server errors', () => {
  it('answers 503 naming the worker when the server answers but no worker does', async () => {
    const started = Date.now();
    const res = await app.inject({ method: 'GET', url: `/test/no-worker/orphan-${randomUUID()}` });
    expect(res.statusCode).toBe(503);
    expect(res.json().message).toMatch(/^No order worker answered within 4 s: is the order worker running \(task queue nobody-polls-/);
    expect(Date.now() - started).toBeLessThan(9_000);
  });

  it('answers 504, never 500, when a Temporal call made without the wrappers runs out of time', async () => {
    const res = await app.inject({ method: 'GET', url: `/test/raw-deadline/orphan-${randomUUID()}` });
    expect(res.statusCode).toBe(504);
    expect(res.json()).toEqual({ statusCode: 504, error: 'Gateway Timeout', message: 'Temporal did not answer in time' });
  });

  it('answers 500 without the error message, stack or internals', async () => {
    const res = await app.inject({ method: 'GET', url: '/test/boom' });
    expect(res.statusCode).toBe(500);
    expect(res.json()).toEqual({ statusCode: 500, error: 'Internal Server Error', message: 'Internal Server Error' });
    expect(res.body).not.toMatch(/hunter2|ECONNREFUSED|at .*\.ts/);
  });

  it('answers 500 without details when a workflow raises a failure type the gateway does not map', async () => {
    const id = `upd-${randomUUID()}`;
    await app.inject({ method: 'POST', url: `/test/workflows/${id}` });
    const res = await app.inject({ method: 'POST', url: `/test/workflows/${id}/update`, payload: { mode: 'unmapped' } });
    expect(res.statusCode).toBe(500);
    expect(res.body).not.toContain('10.0.0.7');
  });

  it('answers 504 when the Temporal server accepts the connection but does not answer within TEMPORAL_RPC_TIMEOUT_MS', async () => {
    // A server that takes connections and never speaks: gRPC waits until the call's deadline.
    const sockets: Socket[] = [];
    const silent = createServer((socket) => void sockets.push(socket));
    await new Promise<void>((resolve) => silent.listen(0, '127.0.0.1', resolve));
    const address = `127.0.0.1:${(silent.address() as AddressInfo).port}`;
    const config = loadConfig({ TEMPORAL_ADDRESS: address, PORT: '0', TEMPORAL_RPC_TIMEOUT_MS: '1000' });
    const { client, connection } = createTemporalClient(config);
    const slow = await buildApp({ config, client });
    addTestRoutes(slow);
    try {
      const started = Date.now();
      const res = await slow.inject({ method: 'GET', url: '/test/workflows/any' });
      expect(res.statusCode).toBe(504);
      expect(res.json()).toEqual({ statusCode: 504, error: 'Gateway Timeout', message: 'Temporal did not answer within 1 s' });
      expect(Date.now() - started).toBeLessThan(5_000);
    } finally {
      await slow.close();
      await connection.close();
      for (const socket of sockets) socket.destroy();
      silent.close();
    }
  });

  it('answers 503 when a route cannot reach Temporal', async () => {
    const address = await closedPortAddress();
    const { client, connection } = unreachableClient(address);
    const down = await buildApp({ config: testConfig(address), client });
    addTestRoutes(down);
    try {
      const res = await down.inject({ method: 'GET', url: '/test/workflows/any' });
      expect(res.statusCode).toBe(503);
      expect(res.json()).toEqual({ statusCode: 503, error: 'Service Unavailable', message: 'Temporal server is unreachable' });
    } finally {
      await down.close();
      await connection.close();
    }
  });
});

describe('gRPC status codes however deeply the SDK wraps them', () => {
  // The shape grpc-js gives a failed call, wrapped the way the SDK wraps it (ServiceError, update errors).
  const grpcFailure = (code: number) => Object.assign(new Error(`${code} grpc failure`), { code, details: 'grpc failure', metadata: {} });
  const wrapped = (code: number) => new ServiceError('Failed to query Workflow', { cause: grpcFailure(code) });

  it('maps UNAVAILABLE and CANCELLED to 503 and DEADLINE_EXCEEDED to 504, never 500', () => {
    expect(toHttpError(wrapped(GrpcStatus.UNAVAILABLE))?.statusCode).toBe(503);
    expect(toHttpError(wrapped(GrpcStatus.CANCELLED))?.statusCode).toBe(503);
    expect(toHttpError(wrapped(GrpcStatus.DEADLINE_EXCEEDED))?.statusCode).toBe(504);
    const updateTimedOut = new WorkflowUpdateRPCTimeoutOrCancelledError('Workflow update call timeout or cancelled', { cause: grpcFailure(GrpcStatus.CANCELLED) });
    expect(toHttpError(updateTimedOut)?.statusCode).toBe(503);
    expect(toHttpError(new Error('unexpected'))).toBeUndefined();
  });
});
