import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Client, WorkflowFailedError } from '@temporalio/client';
import { ApplicationFailure, NexusOperationFailure } from '@temporalio/common';
import { DefaultLogger, Runtime, Worker, bundleWorkflowCode } from '@temporalio/worker';
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import { createLocalTestEnv } from '@temporal-ecommerce/infra/testing';
import { BILLING_NAMESPACE, BILLING_TASK_QUEUE, chargeWorkflowId, type ChargeRequest } from '@temporal-ecommerce/contracts/billing';
import { ErrorType } from '@temporal-ecommerce/contracts/errors';
import { createActivities } from '../../src/activities';
import { billingServiceHandler } from '../../src/billing/service';
import { chargeCount, netCharged, tempOrderDb } from '../helpers/db';
import { uniqueId } from '../helpers/orders';

Runtime.install({ logger: new DefaultLogger('ERROR') });

const DECLINED = 'customer-declined';
const quiet = { trace() {}, debug() {}, info() {}, warn() {}, error() {}, log() {} };

let env: TestWorkflowEnvironment;
let store: Awaited<ReturnType<typeof tempOrderDb>>;
let billing: Worker;
let billingRun: Promise<void>;

beforeAll(async () => {
  env = await createLocalTestEnv();
  store = await tempOrderDb();
  // Billing as it runs in production: its own namespace and queue, the endpoint's target (infra provisioned both).
  billing = await Worker.create({
    connection: env.nativeConnection,
    namespace: BILLING_NAMESPACE,
    taskQueue: BILLING_TASK_QUEUE,
    workflowBundle: await bundleWorkflowCode({ workflowsPath: path.join(__dirname, '../../src/billing/workflows/index.ts'), logger: quiet }),
    activities: createActivities({ db: store.db, faults: { declinedCustomers: [DECLINED] } }),
    nexusServices: [billingServiceHandler],
  });
  billingRun = billing.run();
});

afterAll(async () => {
  billing?.shutdown();
  await billingRun;
  await env?.teardown();
  await store?.close();
});

/** Runs the caller workflow in the default namespace on a queue of its own. */
async function callBilling(request: ChargeRequest, workflowId = uniqueId('caller')) {
  const taskQueue = uniqueId('caller');
  const worker = await Worker.create({
    connection: env.nativeConnection,
    taskQueue,
    workflowBundle: await bundleWorkflowCode({ workflowsPath: path.join(__dirname, '../fixtures/billing-caller/index.ts'), logger: quiet }),
  });
  return worker.runUntil(async () => {
    const handle = await env.client.workflow.start('chargeThroughBilling', { taskQueue, workflowId, args: [request] });
    const result = await handle.result().then((r) => ({ ok: true as const, r }), (err: unknown) => ({ ok: false as const, err }));
    return { handle, ...result };
  });
}

describe('billing as a Nexus service in its own namespace (real dev server)', () => {
  it('a workflow in another namespace charges through the endpoint: one charge, recorded as a Nexus operation', { timeout: 180_000 }, async () => {
    const request = { orderId: uniqueId('order-nexus'), customerId: 'customer-123', amount: 1359.97 };
    const first = await callBilling(request);
    expect(first.ok).toBe(true);
    const charged = (first as { r: { paymentId: string; amount: number } }).r;
    expect(charged.paymentId).toMatch(/^pay_/);
    expect(charged.amount).toBe(1359.97);
    const events = (await first.handle.fetchHistory()).events ?? [];
    expect(events.some((e) => e.nexusOperationScheduledEventAttributes?.operation === 'charge')).toBe(true);
    expect(events.some((e) => e.nexusOperationCompletedEventAttributes)).toBe(true);
    // The charge ran in billing's namespace under the order's id.
    const inBilling = new Client({ connection: env.connection, namespace: BILLING_NAMESPACE });
    expect((await inBilling.workflow.getHandle(chargeWorkflowId(request.orderId)).describe()).status.name).toBe('COMPLETED');
    await expect(env.client.workflow.getHandle(chargeWorkflowId(request.orderId)).describe()).rejects.toThrow();
    // The same order charged again (a second caller): still one charge, the same payment.
    const again = await callBilling(request);
    expect(again.ok ? again.r.paymentId : (again.err as Error).message).toBe(charged.paymentId);
    expect(await chargeCount(store.db, request.orderId)).toBe(1);
    expect(await netCharged(store.db, request.orderId)).toBe(1359.97);
  });

  it('a declined card fails the operation with PaymentDeclined in its cause, and charges nothing', { timeout: 180_000 }, async () => {
    const request = { orderId: uniqueId('order-nexus-declined'), customerId: DECLINED, amount: 29.99 };
    const result = await callBilling(request);
    expect(result.ok).toBe(false);
    const err = (result as { err: unknown }).err;
    expect(err).toBeInstanceOf(WorkflowFailedError);
    const nexusFailure = (err as WorkflowFailedError).cause;
    expect(nexusFailure).toBeInstanceOf(NexusOperationFailure);
    let cause: unknown = nexusFailure;
    while (cause && !(cause instanceof ApplicationFailure && cause.type === ErrorType.PaymentDeclined)) cause = (cause as Error).cause;
    expect(cause).toBeInstanceOf(ApplicationFailure);
    expect(await netCharged(store.db, request.orderId)).toBe(0);
  });
});
