import path from 'node:path';
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import { createLocalTestEnv } from '@temporal-ecommerce/infra/testing';
import { createLogger, installRuntime, runWorker } from '../src';
import * as activities from './fixtures/activities';
import type { greeting } from './fixtures/workflows';
import { freePort } from '@temporal-ecommerce/infra';

const workflowsPath = path.join(__dirname, 'fixtures', 'workflows.ts');
const logger = createLogger('worker-kit-metrics-test', { level: 'warn' });

let env: TestWorkflowEnvironment;
let metricsAddress: string;

beforeAll(async () => {
  metricsAddress = `127.0.0.1:${await freePort()}`;
  // The Prometheus endpoint belongs to the Runtime, which must exist before the test server's client.
  installRuntime(logger, { metricsAddress });
  env = await createLocalTestEnv();
});

afterAll(async () => {
  await env?.teardown();
});

async function scrape(): Promise<string> {
  const res = await fetch(`http://${metricsAddress}/metrics`);
  expect(res.status).toBe(200);
  return res.text();
}

describe('worker metrics', () => {
  it('serves the SDK runtime metrics in Prometheus format while runWorker runs a workflow', async () => {
    const taskQueue = `worker-kit-metrics-${randomUUID()}`;
    const controller = new AbortController();
    const running = runWorker({
      service: 'worker-kit-metrics-test',
      address: env.address,
      namespace: env.namespace ?? 'default',
      taskQueue,
      workflowsPath,
      activities,
      logger,
      metricsAddress,
      signal: controller.signal,
    });
    try {
      const result = await env.client.workflow.execute<typeof greeting>('greeting', { taskQueue, workflowId: `metrics-${randomUUID()}`, args: ['metrics'] });
      expect(result).toBe('Hello, metrics!');

      const text = await scrape();
      expect(text).toMatch(/^# TYPE temporal_\w+ (counter|histogram|gauge)$/m);
      // Our queue shows up with the activity and workflow that just completed.
      const completed = text.split('\n').filter((l) => l.startsWith('temporal_workflow_completed') && l.includes(`task_queue="${taskQueue}"`));
      expect(completed.length).toBeGreaterThan(0);
      expect(Number(completed[0]!.split(' ').pop())).toBeGreaterThanOrEqual(1);
      expect(text).toMatch(new RegExp(`temporal_activity_execution_latency_seconds_count\\{[^}]*activity_type="greet"[^}]*task_queue="${taskQueue}"`));
    } finally {
      controller.abort();
      await running;
    }
  });
});
