import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Writable } from 'node:stream';
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Client } from '@temporalio/client';
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import { BILLING_ENDPOINT, createLocalTestEnv } from '@temporal-ecommerce/infra/testing';
import { bundleWorkflowsTo, createLogger, installRuntime, runWorker, type RunWorkerOptions } from '../src';
import * as activities from './fixtures/activities';
import type { greeting } from './fixtures/workflows';

const workflowsPath = path.join(__dirname, 'fixtures', 'workflows.ts');

/** Every JSON line the logger wrote, parsed. */
const lines: Array<Record<string, unknown>> = [];
const capture = new Writable({
  write(chunk: Buffer, _encoding, done) {
    for (const line of chunk.toString().split('\n').filter(Boolean)) lines.push(JSON.parse(line) as Record<string, unknown>);
    done();
  },
});
const logger = createLogger('worker-kit-test', { destination: capture });

let env: TestWorkflowEnvironment;
let address: string;
let tmp: string;

beforeAll(async () => {
  // Before the test server: the Runtime can only be installed before the SDK first creates one.
  installRuntime(logger);
  env = await createLocalTestEnv();
  address = env.address;
  tmp = mkdtempSync(path.join(tmpdir(), 'worker-kit-'));
});

afterAll(async () => {
  await env?.teardown();
  if (tmp) rmSync(tmp, { recursive: true, force: true });
});

async function startAndRun(opts: Pick<RunWorkerOptions, 'workflowsPath' | 'workflowBundlePath' | 'stickyQueueScheduleToStartTimeout'>): Promise<string> {
  const taskQueue = `worker-kit-${randomUUID()}`;
  const controller = new AbortController();
  const running = runWorker({
    service: 'worker-kit-test',
    address,
    namespace: env.namespace ?? 'default',
    taskQueue,
    activities,
    logger,
    signal: controller.signal,
    ...opts,
  });
  try {
    const result = await env.client.workflow.execute<typeof greeting>('greeting', {
      taskQueue,
      workflowId: `greeting-${randomUUID()}`,
      args: ['Temporal'],
    });
    return result;
  } finally {
    controller.abort();
    // Resolves only once the worker has drained and the connection is closed.
    await running;
  }
}

describe('runWorker', () => {
  it('runs a workflow and its activity on the given task queue and stops cleanly when the signal aborts', async () => {
    const result = await startAndRun({ workflowsPath, workflowBundlePath: path.join(tmp, 'missing-bundle.js') });
    expect(result).toBe('Hello, Temporal!');

    const started = lines.find((l) => l.msg === 'worker started');
    const stopped = lines.find((l) => l.msg === 'worker stopped');
    expect(started).toMatchObject({ service: 'worker-kit-test', taskQueue: expect.stringMatching(/^worker-kit-/), workflows: workflowsPath });
    expect(stopped?.taskQueue).toBe(started?.taskQueue);
  });

  it('gives the SDK worker a 3 s sticky queue timeout by default and the given duration otherwise', async () => {
    // The logged value is read back from the created Worker's compiled options, not from our input.
    const startedWith = () => lines.filter((l) => l.msg === 'worker started').at(-1)?.stickyQueueTimeoutMs;
    await startAndRun({ workflowsPath });
    expect(startedWith()).toBe(3000);
    await startAndRun({ workflowsPath, stickyQueueScheduleToStartTimeout: '4.5 seconds' });
    expect(startedWith()).toBe(4500);
  });

  it('sends workflow log calls to the pino logger with the workflow id', async () => {
    await startAndRun({ workflowsPath });
    const fromWorkflow = lines.find((l) => l.msg === 'greeting started');
    expect(fromWorkflow).toMatchObject({ name: 'Temporal', workflowType: 'greeting', workflowId: expect.stringMatching(/^greeting-/) });
  });

  it('uses the prebundled workflow code when the bundle file exists', async () => {
    const bundlePath = path.join(tmp, 'workflow-bundle.js');
    const bytes = await bundleWorkflowsTo(workflowsPath, bundlePath);
    expect(bytes).toBeGreaterThan(0);

    // A workflowsPath that cannot load proves the worker ran the bundle.
    const result = await startAndRun({ workflowsPath: path.join(tmp, 'no-such-workflows.js'), workflowBundlePath: bundlePath });
    expect(result).toBe('Hello, Temporal!');
    expect(lines.some((l) => l.msg === 'worker started' && l.workflows === bundlePath)).toBe(true);
  });

  it('rejects when the server cannot be reached', async () => {
    await expect(
      runWorker({
        service: 'worker-kit-test',
        address: '127.0.0.1:1',
        namespace: 'default',
        taskQueue: 'unreachable',
        workflowsPath,
        activities,
        logger,
        workerOptions: {},
        connectionOptions: {},
      }),
    ).rejects.toThrow();
  });

  it('runs a companion Worker in another namespace beside the main one, and stops both when the signal aborts', async () => {
    const taskQueue = `worker-kit-${randomUUID()}`;
    const companionQueue = `worker-kit-companion-${randomUUID()}`;
    const otherNamespace = BILLING_ENDPOINT.namespace;
    const controller = new AbortController();
    let stopped = false;
    const running = runWorker({
      service: 'worker-kit-test',
      address,
      namespace: env.namespace ?? 'default',
      taskQueue,
      workflowsPath,
      activities,
      logger,
      signal: controller.signal,
      companions: [{ name: 'other', namespace: otherNamespace, taskQueue: companionQueue, workflowsPath, activities }],
    }).finally(() => {
      stopped = true;
    });
    try {
      const inOther = new Client({ connection: env.connection, namespace: otherNamespace });
      const [main, companion] = await Promise.all([
        env.client.workflow.execute<typeof greeting>('greeting', { taskQueue, workflowId: `greeting-${randomUUID()}`, args: ['main'] }),
        inOther.workflow.execute<typeof greeting>('greeting', { taskQueue: companionQueue, workflowId: `greeting-${randomUUID()}`, args: ['companion'] }),
      ]);
      expect([main, companion]).toEqual(['Hello, main!', 'Hello, companion!']);
      expect(stopped).toBe(false);
    } finally {
      controller.abort();
      await running;
    }
    expect(lines.some((l) => l.msg === 'worker started' && l.companion === 'other' && l.namespace === otherNamespace && l.taskQueue === companionQueue)).toBe(true);
    expect(lines.some((l) => l.msg === 'worker stopped' && l.companion === 'other' && l.taskQueue === companionQueue)).toBe(true);
  });

  it('rejects when a companion cannot start (its namespace does not exist), without leaving the main Worker running', async () => {
    await expect(
      runWorker({
        service: 'worker-kit-test',
        address,
        namespace: env.namespace ?? 'default',
        taskQueue: `worker-kit-${randomUUID()}`,
        workflowsPath,
        activities,
        logger,
        companions: [{ name: 'nowhere', namespace: `no-such-namespace-${randomUUID()}`, taskQueue: 'nowhere', workflowsPath, activities }],
      }),
    ).rejects.toThrow(/namespace/i);
  });
});
