import path from 'node:path';
import { randomBytes, randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { Type } from '@sinclair/typebox';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { Connection } from '@temporalio/client';
import type { Payload } from '@temporalio/common';
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import { bundleWorkflowCode, DefaultLogger, Runtime, Worker } from '@temporalio/worker';
import { ENCRYPTED_ENCODING, encryptionDataConverter } from '@temporal-ecommerce/codec';
import { createLocalTestEnv } from '@temporal-ecommerce/infra/testing';
import { buildApp } from '../../../src/app';
import { loadConfig } from '../../../src/env';
import { createTemporalClient } from '../../../src/temporal-connection';
import { approve, type Approval } from '../fixtures/approval-workflow';

const taskQueue = `gateway-encryption-${randomUUID()}`;
const key = randomBytes(32).toString('base64');

let env: TestWorkflowEnvironment;
let worker: Worker;
let running: Promise<void>;
let app: FastifyInstance;
let connection: Connection;

beforeAll(async () => {
  Runtime.install({ logger: new DefaultLogger('WARN') });
  env = await createLocalTestEnv();
  const config = loadConfig({ TEMPORAL_ADDRESS: env.address, PAYLOAD_ENCRYPTION_KEY: key, PAYLOAD_ENCRYPTION_KEY_ID: 'gw' });
  // The worker gets the same key, as runWorker does from the same env vars.
  worker = await Worker.create({
    connection: env.nativeConnection,
    namespace: env.namespace ?? 'default',
    taskQueue,
    workflowBundle: await bundleWorkflowCode({
      workflowsPath: path.join(__dirname, '../fixtures/approval-workflow.ts'),
      logger: { log() {}, trace() {}, debug() {}, info() {}, warn() {}, error() {} },
    }),
    dataConverter: encryptionDataConverter(config.encryption!),
  });
  running = worker.run();
  const temporal = createTemporalClient(config);
  connection = temporal.connection;
  app = await buildApp({ config, client: temporal.client });
  const f = app.withTypeProvider<TypeBoxTypeProvider>();
  f.post('/api/test-approvals/:id/approve', { config: { auth: 'public' }, schema: { params: Type.Object({ id: Type.String() }) } }, async (request) => {
    const handle = await f.temporal.workflow.start('approvalWorkflow', { taskQueue, workflowId: request.params.id });
    await handle.executeUpdate(approve, { args: [request.body as Approval] });
    return handle.result();
  });
  await app.ready();
});

afterAll(async () => {
  await app?.close();
  await connection?.close();
  if (worker?.getState() === 'RUNNING') worker.shutdown();
  await running;
  await env?.teardown();
});

describe('the gateway Temporal client', () => {
  it('encrypts what it sends and decrypts what it reads when PAYLOAD_ENCRYPTION_KEY is set', async () => {
    const workflowId = `encrypted-approval-${randomUUID()}`;
    const res = await app.inject({ method: 'POST', url: `/api/test-approvals/${workflowId}/approve`, payload: { approved: true, approvedBy: 'carol-the-approver' } });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({ approved: true, approvedBy: 'carol-the-approver' });

    const history = await env.client.workflow.getHandle(workflowId).fetchHistory();
    const payloads: Payload[] = (history.events ?? []).flatMap((e) => [
      ...(e.workflowExecutionUpdateAcceptedEventAttributes?.acceptedRequest?.input?.args?.payloads ?? []),
      ...(e.workflowExecutionUpdateCompletedEventAttributes?.outcome?.success?.payloads ?? []),
      ...(e.workflowExecutionCompletedEventAttributes?.result?.payloads ?? []),
    ]);
    expect(payloads).toHaveLength(3);
    for (const p of payloads) {
      expect(Buffer.from(p.metadata!.encoding!).toString()).toBe(ENCRYPTED_ENCODING);
      expect(Buffer.from(p.data!).toString()).not.toContain('carol-the-approver');
    }
  });
});
