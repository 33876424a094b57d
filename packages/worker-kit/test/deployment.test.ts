import path from 'node:path';
import { Writable } from 'node:stream';
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import { createLocalTestEnv } from '@temporal-ecommerce/infra/testing';
import { createLogger, currentBuildId, installRuntime, runWorker, setCurrentVersion, type PromotePolicy } from '../src';
import * as activities from './fixtures/activities';
import type { greeting } from './fixtures/workflows';

const workflowsPath = path.join(__dirname, 'fixtures', 'workflows.ts');

const lines: Array<Record<string, unknown>> = [];
const capture = new Writable({
  write(chunk: Buffer, _encoding, done) {
    for (const line of chunk.toString().split('\n').filter(Boolean)) lines.push(JSON.parse(line) as Record<string, unknown>);
    done();
  },
});
const logger = createLogger('worker-kit-deployment-test', { destination: capture });

let env: TestWorkflowEnvironment;
const stops: AbortController[] = [];
const runs: Promise<void>[] = [];

beforeAll(async () => {
  installRuntime(logger);
  env = await createLocalTestEnv();
});

afterAll(async () => {
  for (const s of stops) s.abort();
  await Promise.allSettled(runs);
  await env?.teardown();
});

/** Starts a versioned worker of `deploymentName` on `taskQueue`; resolves with its "worker started" line. */
async function startVersion(taskQueue: string, deploymentName: string, buildId: string, promote: PromotePolicy): Promise<Record<string, unknown>> {
  const controller = new AbortController();
  stops.push(controller);
  const before = lines.length;
  const running = runWorker({
    service: `worker-kit-${buildId}`,
    address: env.address,
    namespace: env.namespace ?? 'default',
    taskQueue,
    workflowsPath,
    activities,
    logger,
    signal: controller.signal,
    deployment: { version: { deploymentName, buildId }, behavior: 'PINNED', promote },
  });
  runs.push(running);
  for (;;) {
    const started = lines.slice(before).find((l) => l.msg === 'worker started' && (l.versioning as { buildId?: string } | undefined)?.buildId === buildId);
    if (started) return started;
    await Promise.race([running.then(() => Promise.reject(new Error(`worker ${buildId} stopped`))), new Promise((r) => setTimeout(r, 50))]);
  }
}

/** Runs a greeting on `taskQueue` and answers the deployment version and behaviour the server recorded for it. */
async function greetingRunsOn(taskQueue: string): Promise<{ buildId: string | undefined; behavior: unknown }> {
  const handle = await env.client.workflow.start<typeof greeting>('greeting', { taskQueue, workflowId: `greeting-${randomUUID()}`, args: ['Temporal'] });
  expect(await handle.result()).toBe('Hello, Temporal!');
  const info = (await handle.describe()).raw.workflowExecutionInfo?.versioningInfo;
  return { buildId: info?.deploymentVersion?.buildId ?? undefined, behavior: info?.behavior };
}

describe('runWorker with Worker Deployment Versioning', () => {
  it('a first version makes itself current (if-none), says so when started, and runs new workflows pinned to it', { timeout: 60_000 }, async () => {
    const taskQueue = `versioned-${randomUUID()}`;
    const deploymentName = `dep-${randomUUID().slice(0, 8)}`;
    const started = await startVersion(taskQueue, deploymentName, 'v1', 'if-none');
    expect(started.versioning).toMatchObject({ deploymentName, buildId: 'v1', behavior: 'PINNED', current: true });
    expect(await currentBuildId(env.connection, env.namespace ?? 'default', deploymentName)).toBe('v1');
    // 1 = VERSIONING_BEHAVIOR_PINNED
    expect(await greetingRunsOn(taskQueue)).toEqual({ buildId: 'v1', behavior: 1 });
  });

  it('a second version does not take over (if-none, never) until it is set current; then new workflows run on it', { timeout: 90_000 }, async () => {
    const taskQueue = `versioned-${randomUUID()}`;
    const deploymentName = `dep-${randomUUID().slice(0, 8)}`;
    await startVersion(taskQueue, deploymentName, 'v1', 'if-none');
    expect((await startVersion(taskQueue, deploymentName, 'v2', 'if-none')).versioning).toMatchObject({ buildId: 'v2', current: false });
    expect((await startVersion(taskQueue, deploymentName, 'v3', 'never')).versioning).toMatchObject({ buildId: 'v3', current: false });
    expect((await greetingRunsOn(taskQueue)).buildId).toBe('v1');

    await setCurrentVersion(env.connection, env.namespace ?? 'default', { deploymentName, buildId: 'v2' });
    expect((await greetingRunsOn(taskQueue)).buildId).toBe('v2');
    // always: a restart of the pipeline's build takes over at once
    expect((await startVersion(taskQueue, deploymentName, 'v4', 'always')).versioning).toMatchObject({ buildId: 'v4', current: true });
    expect((await greetingRunsOn(taskQueue)).buildId).toBe('v4');
  });
});
