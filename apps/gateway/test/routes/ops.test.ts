import { mkdtempSync, rmSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import { bundleWorkflowCode, DefaultLogger, Runtime, Worker } from '@temporalio/worker';
import { createLocalTestEnv } from '@temporal-ecommerce/infra/testing';
import { ML_TASK_QUEUE } from '@temporal-ecommerce/contracts/ml';
import { ORDER_TASK_QUEUE } from '@temporal-ecommerce/contracts/order';
import { NO_ORDER_FAULTS, type TaskQueuesResponse } from '@temporal-ecommerce/contracts/ops';
import { buildApp } from '../../src/app';
import { ConfigError, loadConfig } from '../../src/env';

/**
 * /api/ops: the task queues as a real dev server describes them (a real worker polling one, a workflow
 * waiting on another with no worker), and the worker controls forwarded to `pnpm start`'s supervisor,
 * here a stand-in on a Unix socket that records what reaches it (infra/test/control.test.ts tests the
 * real one; the console's ops test drives both through `pnpm start`).
 */
const TOKENS = 'ops-op:operator:olga,ops-ap:approver:abe';
const SECRET = 'x'.repeat(43);
const op = { authorization: 'Bearer ops-op' };

let env: TestWorkflowEnvironment;
let worker: Worker;
let running: Promise<void>;
let app: FastifyInstance;
let controlled: FastifyInstance;
let dir: string;
let stand: Server;
const reached: Array<{ method: string; url: string; auth: string; body: string }> = [];

beforeAll(async () => {
  Runtime.install({ logger: new DefaultLogger('WARN') });
  env = await createLocalTestEnv();
  worker = await Worker.create({
    connection: env.nativeConnection,
    taskQueue: ORDER_TASK_QUEUE,
    identity: 'ops-test-worker@here',
    workflowBundle: await bundleWorkflowCode({ workflowsPath: path.join(__dirname, '../fixtures/workflows.ts'), logger: { log() {}, trace() {}, debug() {}, info() {}, warn() {}, error() {} } }),
  });
  running = worker.run();
  app = await buildApp({ config: loadConfig({ TEMPORAL_ADDRESS: env.address, GATEWAY_TOKENS: TOKENS }), client: env.client });

  dir = mkdtempSync(path.join(os.tmpdir(), 'ops-route-test-'));
  const socketPath = path.join(dir, 'control.sock');
  stand = createServer((req, res) => {
    let body = '';
    req.on('data', (c: Buffer) => (body += c.toString()));
    req.on('end', () => {
      reached.push({ method: req.method ?? '', url: req.url ?? '', auth: req.headers.authorization ?? '', body });
      res.writeHead(req.url === '/workers/agent-worker/kill' ? 409 : 200, { 'content-type': 'application/json' });
      if (req.url === '/workers/agent-worker/kill') return res.end(JSON.stringify({ message: 'agent-worker is not running' }));
      if (req.url === '/state') return res.end(JSON.stringify({ workers: [{ name: 'order-worker', running: true, pid: 42 }], faults: NO_ORDER_FAULTS, load: { running: false, snapshots: [] } }));
      if (req.url === '/faults') return res.end(body);
      if (req.url === '/load') return res.end(JSON.stringify({ running: true, startedAt: 1, snapshots: [] }));
      res.end(JSON.stringify({ name: 'ml-worker', running: false, exited: 'signal SIGKILL' }));
    });
  });
  await new Promise<void>((resolve) => stand.listen(socketPath, resolve));
  controlled = await buildApp({
    config: loadConfig({ TEMPORAL_ADDRESS: env.address, GATEWAY_TOKENS: TOKENS, SUPERVISOR_SOCKET: socketPath, SUPERVISOR_TOKEN: SECRET }),
    client: env.client,
  });
});

afterAll(async () => {
  await app?.close();
  await controlled?.close();
  worker?.shutdown();
  await running;
  await env?.teardown();
  await new Promise((resolve) => stand?.close(resolve));
  if (dir) rmSync(dir, { recursive: true, force: true });
});

describe('GET /api/ops/task-queues', () => {
  it('needs a token with the operator role', async () => {
    expect((await app.inject({ method: 'GET', url: '/api/ops/task-queues' })).statusCode).toBe(401);
    const approver = await app.inject({ method: 'GET', url: '/api/ops/task-queues', headers: { authorization: 'Bearer ops-ap' } });
    expect(approver.statusCode).toBe(403);
    expect(approver.json().message).toMatch(/needs the operator role/);
  });

  it("names the worker polling a queue, and counts what waits on a queue nobody polls", async () => {
    await env.client.workflow.start('updatable', { taskQueue: ML_TASK_QUEUE, workflowId: `ops-backlog-${Date.now()}` });
    let body: TaskQueuesResponse | undefined;
    await expect
      .poll(
        async () => {
          const res = await app.inject({ method: 'GET', url: '/api/ops/task-queues', headers: op });
          expect(res.statusCode).toBe(200);
          body = res.json<TaskQueuesResponse>();
          return body.queues.find((q) => q.worker === 'ml-worker')?.workflow.backlog?.approximateCount;
        },
        { timeout: 60_000, interval: 1_000 },
      )
      .toBeGreaterThanOrEqual(1);
    const order = body!.queues.find((q) => q.worker === 'order-worker')!;
    expect(order.taskQueue).toBe(ORDER_TASK_QUEUE);
    expect(order.workflow.pollers.map((p) => p.identity)).toContain('ops-test-worker@here');
    // It registers no activities, so it polls only the workflow side: the two sides are read apart.
    expect(order.activity.pollers).toEqual([]);
    expect(body!.queues.find((q) => q.worker === 'ml-worker')!.workflow.pollers).toEqual([]);
    expect(body!.queues.map((q) => q.worker)).toEqual(['order-worker', 'ml-worker', 'agent-worker']);
  }, 120_000);
});

describe('worker controls without a supervisor', () => {
  it('says they are off, and refuses every action with 409 naming OPS_CONTROLS', async () => {
    const controls = await app.inject({ method: 'GET', url: '/api/ops/controls', headers: op });
    expect(controls.json()).toMatchObject({ enabled: false, reason: expect.stringMatching(/OPS_CONTROLS=on/) });
    const kill = await app.inject({ method: 'POST', url: '/api/ops/workers/order-worker/kill', headers: op });
    expect(kill.statusCode).toBe(409);
    expect(kill.json().message).toMatch(/OPS_CONTROLS=on/);
  });
});

describe('worker controls forwarded to the supervisor', () => {
  it('forwards a kill with the secret and answers with what the supervisor says', async () => {
    const res = await controlled.inject({ method: 'POST', url: '/api/ops/workers/ml-worker/kill', headers: op });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({ name: 'ml-worker', running: false, exited: 'signal SIGKILL' });
    expect(reached.at(-1)).toMatchObject({ method: 'POST', url: '/workers/ml-worker/kill', auth: `Bearer ${SECRET}` });
  });

  it("passes the supervisor's refusal on as it is", async () => {
    const res = await controlled.inject({ method: 'POST', url: '/api/ops/workers/agent-worker/kill', headers: op });
    expect(res.statusCode).toBe(409);
    expect(res.json().message).toBe('agent-worker is not running');
  });

  it('refuses wrong roles, unknown workers, bad faults and loads beyond the bounds before the supervisor hears of them', async () => {
    const before = reached.length;
    const cases: Array<[string, string, unknown, Record<string, string>, number, RegExp]> = [
      ['POST', '/api/ops/workers/ml-worker/kill', undefined, {}, 401, /bearer token/i],
      ['POST', '/api/ops/workers/ml-worker/kill', undefined, { authorization: 'Bearer ops-ap' }, 403, /operator role/],
      ['POST', '/api/ops/workers/gateway/kill', undefined, op, 400, /^params\/worker must be one of order-worker, ml-worker, agent-worker/],
      ['PUT', '/api/ops/faults', { ...NO_ORDER_FAULTS, paymentFailureRate: 1.5 }, op, 400, /^body\/paymentFailureRate must be <= 1/],
      ['PUT', '/api/ops/faults', { ...NO_ORDER_FAULTS, carrier: 'lost' }, op, 400, /^body\/carrier must be one of ok, reject, unavailable/],
      ['PUT', '/api/ops/faults', { ...NO_ORDER_FAULTS, sabotage: 'payments' }, op, 400, /^body\/sabotage is not allowed/],
      ['POST', '/api/ops/load', { rate: 500, durationSeconds: 10, mix: { normal: 1 } }, op, 400, /^body\/rate must be <= 20/],
      ['POST', '/api/ops/load', { rate: 1, durationSeconds: 3600, mix: { normal: 1 } }, op, 400, /^body\/durationSeconds must be <= 300/],
      ['POST', '/api/ops/load', { rate: 1, durationSeconds: 10, mix: { nasty: 1 } }, op, 400, /^body\/mix\/nasty is not allowed/],
      ['POST', '/api/ops/load', { rate: 1, durationSeconds: 10, mix: { normal: 0 } }, op, 400, /^body\/mix: the weights add up to 0/],
      ['POST', '/api/ops/workers/ml-worker/kill', undefined, { ...op, origin: 'https://evil.example' }, 403, /another origin/],
    ];
    for (const [method, url, payload, headers, status, message] of cases) {
      const res = await controlled.inject({ method: method as 'POST', url, headers, ...(payload !== undefined ? { payload: payload as object } : {}) });
      expect({ url, status: res.statusCode, message: res.json().message }).toEqual({ url, status, message: expect.stringMatching(message) });
    }
    expect(reached.length).toBe(before);
  });

  it('forwards faults and a load with the caller\'s own token, and reads the state', async () => {
    const faults = { paymentFailureRate: 0.25, paymentLostResponses: 1, paymentDelayMs: 0, carrier: 'unavailable' };
    const put = await controlled.inject({ method: 'PUT', url: '/api/ops/faults', headers: { ...op, origin: 'http://localhost:80' , host: 'localhost:80' }, payload: faults });
    expect(put.statusCode).toBe(200);
    expect(JSON.parse(reached.at(-1)!.body)).toEqual(faults);
    const load = await controlled.inject({ method: 'POST', url: '/api/ops/load', headers: op, payload: { rate: 2, durationSeconds: 5, mix: { normal: 3, cancel: 1 } } });
    expect(load.statusCode).toBe(202);
    expect(JSON.parse(reached.at(-1)!.body)).toEqual({ request: { rate: 2, durationSeconds: 5, mix: { normal: 3, cancel: 1 } }, token: 'ops-op' });
    const state = await controlled.inject({ method: 'GET', url: '/api/ops/controls', headers: op });
    expect(state.json()).toMatchObject({ enabled: true, workers: [{ name: 'order-worker', running: true, pid: 42 }] });
  });
});

describe('SUPERVISOR_SOCKET in the configuration', () => {
  const base = { TEMPORAL_ADDRESS: '127.0.0.1:7233', SUPERVISOR_SOCKET: '/tmp/x/control.sock', SUPERVISOR_TOKEN: SECRET };
  it('is refused in production, alone, or open to the network without auth; the secret is never echoed', () => {
    expect(() => loadConfig({ ...base, NODE_ENV: 'production', GATEWAY_TOKENS: TOKENS })).toThrow(/refused when NODE_ENV=production/);
    expect(() => loadConfig({ TEMPORAL_ADDRESS: '127.0.0.1:7233', SUPERVISOR_SOCKET: '/tmp/x/control.sock' })).toThrow(/go together/);
    expect(() => loadConfig({ ...base, HOST: '0.0.0.0' })).toThrow(/needs authentication .* HOST=0\.0\.0\.0/);
    expect(loadConfig({ ...base, HOST: '0.0.0.0', GATEWAY_TOKENS: TOKENS }).supervisor?.socketPath).toBe('/tmp/x/control.sock');
    let message = '';
    try {
      loadConfig({ ...base, SUPERVISOR_TOKEN: 'short-secret' });
    } catch (err) {
      expect(err).toBeInstanceOf(ConfigError);
      message = (err as Error).message;
    }
    expect(message).toMatch(/SUPERVISOR_TOKEN must be at least 32 characters/);
    expect(message).not.toContain('short-secret');
  });
});
