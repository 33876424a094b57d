import path from 'node:path';
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { Type } from '@sinclair/typebox';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { Resource } from '@opentelemetry/resources';
import { InMemorySpanExporter, SimpleSpanProcessor, type ReadableSpan } from '@opentelemetry/sdk-trace-base';
import type { Connection } from '@temporalio/client';
import { OpenTelemetryPlugin } from '@temporalio/interceptors-opentelemetry';
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import { DefaultLogger, Runtime, Worker } from '@temporalio/worker';
import { createLocalTestEnv } from '@temporal-ecommerce/infra/testing';
import { buildApp } from '../../../src/app';
import { loadConfig } from '../../../src/env';
import { createTemporalClient } from '../../../src/temporal-connection';
import { startGatewayTracing, type GatewayTracing } from '../../../src/plugins/external/tracing';
import { approve } from '../fixtures/approval-workflow';

const taskQueue = `gateway-tracing-${randomUUID()}`;
const gatewaySpans = new InMemorySpanExporter();
const workerSpans = new InMemorySpanExporter();

let env: TestWorkflowEnvironment;
let worker: Worker;
let running: Promise<void>;
let app: FastifyInstance;
let tracing: GatewayTracing;
let connection: Connection;

beforeAll(async () => {
  Runtime.install({ logger: new DefaultLogger('WARN') });
  env = await createLocalTestEnv();
  // The worker side as runWorker sets it up with OTEL_ENABLED=true.
  worker = await Worker.create({
    connection: env.nativeConnection,
    namespace: env.namespace ?? 'default',
    taskQueue,
    workflowsPath: path.join(__dirname, '../fixtures/approval-workflow.ts'),
    plugins: [new OpenTelemetryPlugin({ resource: new Resource({ 'service.name': 'worker' }), spanProcessor: new SimpleSpanProcessor(workerSpans) })],
  });
  running = worker.run();

  // The gateway side as server.ts sets it up with OTEL_ENABLED=true.
  const config = loadConfig({ TEMPORAL_ADDRESS: env.address, OTEL_ENABLED: 'true' });
  tracing = startGatewayTracing({ spanProcessor: new SimpleSpanProcessor(gatewaySpans) });
  const temporal = createTemporalClient(config);
  connection = temporal.connection;
  app = await buildApp({ config, client: temporal.client, tracer: tracing.tracer });
  const f = app.withTypeProvider<TypeBoxTypeProvider>();
  f.post('/api/test-approvals/:id', { config: { auth: 'public' }, schema: { params: Type.Object({ id: Type.String() }) } }, async (request) => {
    await f.temporal.workflow.start('approvalWorkflow', { taskQueue, workflowId: request.params.id });
    return { started: request.params.id };
  });
  f.post('/api/test-approvals/:id/approve', { config: { auth: 'public' }, schema: { params: Type.Object({ id: Type.String() }) } }, async (request) => {
    return f.temporal.workflow.getHandle(request.params.id).executeUpdate(approve, { args: [{ approved: true, approvedBy: 'bob' }] });
  });
  await app.ready();
});

afterAll(async () => {
  await app?.close();
  await connection?.close();
  await tracing?.shutdown();
  if (worker?.getState() === 'RUNNING') worker.shutdown();
  await running;
  await env?.teardown();
});

function traceOf(spans: ReadableSpan[], name: string): string | undefined {
  return spans.find((s) => s.name === name)?.spanContext().traceId;
}

describe('tracing from the gateway into workflows', () => {
  it('makes the workflow start and run children of the HTTP request span', async () => {
    const workflowId = `traced-${randomUUID()}`;
    expect((await app.inject({ method: 'POST', url: `/api/test-approvals/${workflowId}` })).statusCode).toBe(200);
    expect((await app.inject({ method: 'POST', url: `/api/test-approvals/${workflowId}/approve` })).statusCode).toBe(200);
    await env.client.workflow.getHandle(workflowId).result();

    const gateway = gatewaySpans.getFinishedSpans();
    const request = gateway.find((s) => s.name === 'POST /api/test-approvals/:id');
    expect(request?.attributes['http.response.status_code']).toBe(200);
    expect(request?.resource.attributes['service.name']).toBe('gateway');
    const traceId = request!.spanContext().traceId;
    const start = gateway.find((s) => s.name === 'StartWorkflow:approvalWorkflow');
    expect(start?.spanContext().traceId).toBe(traceId);
    expect(start?.parentSpanId).toBe(request!.spanContext().spanId);

    const workerSide = workerSpans.getFinishedSpans();
    expect(traceOf(workerSide, 'RunWorkflow:approvalWorkflow')).toBe(traceId);
    // The approval is its own request, so its own trace, reaching the workflow's update handler.
    const approveRequest = gateway.find((s) => s.name === 'POST /api/test-approvals/:id/approve');
    expect(traceOf(workerSide, 'HandleUpdate:approve')).toBe(approveRequest!.spanContext().traceId);
  });

  it("continues a caller's W3C traceparent through the request span into the workflow", async () => {
    const callerTrace = randomUUID().replaceAll('-', '');
    const callerSpan = randomUUID().replaceAll('-', '').slice(0, 16);
    const workflowId = `traced-caller-${randomUUID()}`;
    const headers = { traceparent: `00-${callerTrace}-${callerSpan}-01` };
    expect((await app.inject({ method: 'POST', url: `/api/test-approvals/${workflowId}`, headers })).statusCode).toBe(200);
    expect((await app.inject({ method: 'POST', url: `/api/test-approvals/${workflowId}/approve` })).statusCode).toBe(200);
    await env.client.workflow.getHandle(workflowId).result();

    const request = gatewaySpans.getFinishedSpans().find((s) => s.name === 'POST /api/test-approvals/:id' && s.attributes['url.path'] === `/api/test-approvals/${workflowId}`);
    expect(request?.spanContext().traceId).toBe(callerTrace);
    expect(request?.parentSpanId).toBe(callerSpan);
    const start = gatewaySpans.getFinishedSpans().find((s) => s.name === 'StartWorkflow:approvalWorkflow' && s.parentSpanId === request!.spanContext().spanId);
    expect(start?.spanContext().traceId).toBe(callerTrace);
    // The workflow's own span, recorded by the worker from the headers Temporal carried.
    const run = workerSpans.getFinishedSpans().filter((s) => s.name === 'RunWorkflow:approvalWorkflow' && s.spanContext().traceId === callerTrace);
    expect(run).toHaveLength(1);
  });

  it('starts a fresh trace when the traceparent is malformed', async () => {
    const workflowId = `traced-bad-${randomUUID()}`;
    const res = await app.inject({ method: 'POST', url: `/api/test-approvals/${workflowId}`, headers: { traceparent: '00-not-a-trace-01' } });
    expect(res.statusCode).toBe(200);
    await env.client.workflow.getHandle(workflowId).terminate('test done');
    const request = gatewaySpans.getFinishedSpans().find((s) => s.attributes['url.path'] === `/api/test-approvals/${workflowId}`);
    expect(request?.spanContext().traceId).toMatch(/^[0-9a-f]{32}$/);
    expect(request?.parentSpanId).toBeUndefined();
  });
});
