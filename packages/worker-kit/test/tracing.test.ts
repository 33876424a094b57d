import path from 'node:path';
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { context, trace } from '@opentelemetry/api';
import { InMemorySpanExporter, SimpleSpanProcessor, type ReadableSpan } from '@opentelemetry/sdk-trace-base';
import { NodeTracerProvider } from '@opentelemetry/sdk-trace-node';
import { Client } from '@temporalio/client';
import { OpenTelemetryWorkflowClientInterceptor } from '@temporalio/interceptors-opentelemetry';
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import { createLocalTestEnv } from '@temporal-ecommerce/infra/testing';
import { createLogger, installRuntime, runWorker } from '../src';
import * as activities from './fixtures/activities';
import type { greeting } from './fixtures/workflows';

const workflowsPath = path.join(__dirname, 'fixtures', 'workflows.ts');
const logger = createLogger('worker-kit-tracing-test', { level: 'warn' });
const callerExporter = new InMemorySpanExporter();
/** Spans the worker exported, kept here because shutting the worker's provider down clears its exporter. */
const workerSpans: ReadableSpan[] = [];
class CollectingExporter extends InMemorySpanExporter {
  override shutdown(): Promise<void> {
    workerSpans.push(...this.getFinishedSpans());
    return super.shutdown();
  }
}

let env: TestWorkflowEnvironment;
let provider: NodeTracerProvider;

beforeAll(async () => {
  installRuntime(logger);
  // The caller's side (the gateway in production): async context so the client sees the active span.
  provider = new NodeTracerProvider({ spanProcessors: [new SimpleSpanProcessor(callerExporter)] });
  provider.register();
  env = await createLocalTestEnv();
});

afterAll(async () => {
  await env?.teardown();
  await provider?.shutdown();
});

describe('tracing', () => {
  it('puts the caller, the workflow run and the activity run in one trace', async () => {
    const taskQueue = `worker-kit-tracing-${randomUUID()}`;
    const controller = new AbortController();
    const running = runWorker({
      service: 'worker-kit-tracing-test',
      address: env.address,
      namespace: env.namespace ?? 'default',
      taskQueue,
      workflowsPath,
      activities,
      logger,
      tracing: { spanProcessor: new SimpleSpanProcessor(new CollectingExporter()) },
      signal: controller.signal,
    });
    const client = new Client({
      connection: env.client.connection,
      namespace: env.namespace ?? 'default',
      interceptors: { workflow: [new OpenTelemetryWorkflowClientInterceptor()] },
    });
    const tracer = trace.getTracer('test');
    const root = tracer.startSpan('POST /api/orders');
    try {
      const result = await context.with(trace.setSpan(context.active(), root), () =>
        client.workflow.execute<typeof greeting>('greeting', { taskQueue, workflowId: `traced-${randomUUID()}`, args: ['trace'] }),
      );
      expect(result).toBe('Hello, trace!');
    } finally {
      root.end();
      controller.abort();
      // runWorker flushes its spans on the way out.
      await running;
    }

    const spans = [...callerExporter.getFinishedSpans(), ...workerSpans];
    const traceId = root.spanContext().traceId;
    const names = spans.filter((s) => s.spanContext().traceId === traceId).map((s) => s.name);
    expect(names).toEqual(expect.arrayContaining(['POST /api/orders', 'StartWorkflow:greeting', 'RunWorkflow:greeting', 'StartActivity:greet', 'RunActivity:greet']));
    const run = spans.find((s) => s.name === 'RunActivity:greet');
    expect(run?.resource.attributes['service.name']).toBe('worker-kit-tracing-test');
  });
});
