import path from 'node:path';
import { randomBytes, randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Client } from '@temporalio/client';
import type { Payload } from '@temporalio/common';
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import { createLocalTestEnv } from '@temporal-ecommerce/infra/testing';
import { ENCRYPTED_ENCODING, encryptionDataConverter, METADATA_KEY_ID } from '@temporal-ecommerce/codec';
import { createLogger, installRuntime, runWorker } from '../src';
import * as activities from './fixtures/activities';
import type { greeting } from './fixtures/workflows';

const workflowsPath = path.join(__dirname, 'fixtures', 'workflows.ts');
const logger = createLogger('worker-kit-encryption-test', { level: 'warn' });
const encryption = { key: randomBytes(32).toString('base64'), keyId: 'test-key' };
const SECRET = 'card-4242-4242';

let env: TestWorkflowEnvironment;

beforeAll(async () => {
  installRuntime(logger);
  env = await createLocalTestEnv();
});

afterAll(async () => {
  await env?.teardown();
});

function text(bytes: Uint8Array | null | undefined): string {
  return Buffer.from(bytes ?? new Uint8Array()).toString('utf8');
}

describe('payload encryption', () => {
  it('runs a workflow end to end whose history holds only encrypted payloads', async () => {
    const taskQueue = `worker-kit-encryption-${randomUUID()}`;
    const workflowId = `encrypted-${randomUUID()}`;
    const controller = new AbortController();
    const running = runWorker({
      service: 'worker-kit-encryption-test',
      address: env.address,
      namespace: env.namespace ?? 'default',
      taskQueue,
      workflowsPath,
      activities,
      logger,
      encryption,
      signal: controller.signal,
    });
    // The client a gateway would use: same key, same converter.
    const client = new Client({ connection: env.client.connection, namespace: env.namespace ?? 'default', dataConverter: encryptionDataConverter(encryption) });
    try {
      const result = await client.workflow.execute<typeof greeting>('greeting', { taskQueue, workflowId, args: [SECRET] });
      expect(result).toBe(`Hello, ${SECRET}!`);
    } finally {
      controller.abort();
      await running;
    }

    // What the server stores, read without the key.
    const history = await env.client.workflow.getHandle(workflowId).fetchHistory();
    const payloads: Payload[] = [];
    for (const event of history.events ?? []) {
      payloads.push(
        ...(event.workflowExecutionStartedEventAttributes?.input?.payloads ?? []),
        ...(event.activityTaskScheduledEventAttributes?.input?.payloads ?? []),
        ...(event.activityTaskCompletedEventAttributes?.result?.payloads ?? []),
        ...(event.workflowExecutionCompletedEventAttributes?.result?.payloads ?? []),
      );
    }
    // Workflow input, activity input, activity result, workflow result.
    expect(payloads).toHaveLength(4);
    for (const payload of payloads) {
      expect(text(payload.metadata?.encoding)).toBe(ENCRYPTED_ENCODING);
      expect(text(payload.metadata?.[METADATA_KEY_ID])).toBe('test-key');
      expect(text(payload.data)).not.toContain(SECRET);
    }

    // A client without the key cannot read the result; one with it can.
    await expect(env.client.workflow.getHandle(workflowId).result()).rejects.toThrow();
    const withKey = new Client({ connection: env.client.connection, namespace: env.namespace ?? 'default', dataConverter: encryptionDataConverter(encryption) });
    expect(await withKey.workflow.getHandle(workflowId).result()).toBe(`Hello, ${SECRET}!`);
  });
});
