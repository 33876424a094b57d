import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Client, WithStartWorkflowOperation, WorkflowFailedError, type WorkflowHandle } from '@temporalio/client';
import { ApplicationFailure } from '@temporalio/common';
import { DefaultLogger, Runtime, Worker } from '@temporalio/worker';
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import { BILLING_ENDPOINT, createLocalTestEnv, provisionNexusEndpoint } from '@temporal-ecommerce/infra/testing';
import { BILLING_NAMESPACE, BILLING_NEXUS_ENDPOINT, billingService, chargeWorkflowId, refundWorkflowId } from '@temporal-ecommerce/contracts/billing';
import { ErrorType } from '@temporal-ecommerce/contracts/errors';
import { ORDER_BILLING_NEXUS_PATCH, ORDER_WORKFLOW_TYPE, orderWorkflowStartOptions, waitForChargeUpdate, type OrderState } from '@temporal-ecommerce/contracts/order';
import { createActivities, type FaultConfig } from '../../src/activities';
import { startBilling, type TestBilling } from '../helpers/billing';
import { chargeCount, netCharged, stockTotals, tempOrderDb } from '../helpers/db';
import { activityTaskTypesOf, nexusOperationsOf, normalOrder, patchIdsOf, recordHistory, startOrder, uniqueId, workflowBundle } from '../helpers/orders';

Runtime.install({ logger: new DefaultLogger('ERROR') });

const DECLINED = 'customer-declined';

let env: TestWorkflowEnvironment;
let store: Awaited<ReturnType<typeof tempOrderDb>>;
let billing: TestBilling;
let inBilling: Client;
let initialStock: Record<string, number>;

beforeAll(async () => {
  env = await createLocalTestEnv();
  store = await tempOrderDb();
  initialStock = await stockTotals(store.db);
  await workflowBundle();
  billing = await startBilling(env, createActivities({ db: store.db }));
  inBilling = new Client({ connection: env.connection, namespace: BILLING_NAMESPACE });
});

afterAll(async () => {
  await billing?.stop();
  await env?.teardown();
  await store?.close();
});

async function withWorker<T>(faults: Partial<FaultConfig>, fn: (taskQueue: string) => Promise<T>): Promise<T> {
  const taskQueue = uniqueId('orders-nexus');
  const worker = await Worker.create({ connection: env.nativeConnection, taskQueue, workflowBundle: await workflowBundle(), activities: billing.share(createActivities({ db: store.db, faults })) });
  return worker.runUntil(fn(taskQueue));
}

type Events = NonNullable<Awaited<ReturnType<WorkflowHandle['fetchHistory']>>['events']>;
const eventsOf = async (handle: WorkflowHandle): Promise<Events> => (await handle.fetchHistory()).events ?? [];

/** The billing workflow for this order in billing's namespace: its status, and its result when it completed. */
async function billingRun(workflowId: string): Promise<{ status: string; result?: unknown }> {
  const handle = inBilling.workflow.getHandle(workflowId);
  const status = (await handle.describe()).status.name;
  return status === 'COMPLETED' ? { status, result: await handle.result() } : { status };
}

async function failureOf(result: Promise<unknown>): Promise<{ type: string | undefined; state: OrderState }> {
  const err = await result.then(() => undefined, (e: unknown) => e);
  expect(err).toBeInstanceOf(WorkflowFailedError);
  const cause = (err as WorkflowFailedError).cause as ApplicationFailure;
  expect(cause).toBeInstanceOf(ApplicationFailure);
  return { type: cause.type ?? undefined, state: cause.details?.[0] as OrderState };
}

describe('the order charges and refunds through billing’s Nexus endpoint (real dev server)', () => {
  it('a new order charges through the endpoint: a Nexus operation in its history, the charge workflow in billing’s namespace, one ledger charge', { timeout: 120_000 }, async () => {
    const o = normalOrder(uniqueId('order-nexus'));
    const result = await withWorker({}, async (tq) => {
      const handle = await startOrder(env.client, tq, o, { completionDelay: '1 second' });
      const r = await handle.result();
      const events = await eventsOf(handle);
      const scheduled = events.find((e) => e.nexusOperationScheduledEventAttributes)?.nexusOperationScheduledEventAttributes;
      expect(scheduled).toMatchObject({ endpoint: BILLING_NEXUS_ENDPOINT, service: billingService.name, operation: 'charge' });
      expect(events.filter((e) => e.nexusOperationCompletedEventAttributes)).toHaveLength(1);
      expect(nexusOperationsOf({ events })).toEqual(['charge']);
      // No payment activity in the order's own namespace: the order worker never charged directly.
      expect(activityTaskTypesOf({ events })).not.toContain('processPayment');
      expect(patchIdsOf({ events })).toContain(ORDER_BILLING_NEXUS_PATCH);
      await recordHistory(handle, 'nexus-completed');
      return r;
    });
    expect(result.status).toBe('completed');
    // The payment the order holds is the one billing's charge workflow returned, in billing's namespace only.
    expect(await billingRun(chargeWorkflowId(o.orderId))).toEqual({ status: 'COMPLETED', result: { paymentId: result.paymentId, amount: o.totalAmount } });
    await expect(env.client.workflow.getHandle(chargeWorkflowId(o.orderId)).describe()).rejects.toThrow(/not found/i);
    expect(await chargeCount(store.db, o.orderId)).toBe(1);
    expect(await netCharged(store.db, o.orderId)).toBe(o.totalAmount);
  });

  it('a declined card comes back as the operation’s failure: the order releases the stock and fails PaymentDeclined, as before', { timeout: 120_000 }, async () => {
    const o = normalOrder(uniqueId('order-nexus-declined'), DECLINED);
    await withWorker({ declinedCustomers: [DECLINED] }, async (tq) => {
      const handle = await startOrder(env.client, tq, o);
      const { type, state } = await failureOf(handle.result());
      expect(type).toBe(ErrorType.PaymentDeclined);
      expect(state).toMatchObject({ status: 'failed', inventoryReserved: true, paymentProcessed: false, compensations: ['releaseInventory'] });
      expect(state.failure?.message).toMatch(/declined/i);
      const events = await eventsOf(handle);
      expect(events.filter((e) => e.nexusOperationFailedEventAttributes)).toHaveLength(1);
      // The refund still runs (a charge that timed out may have happened) and finds nothing to refund.
      expect(nexusOperationsOf({ events })).toEqual(['charge', 'refund']);
      await recordHistory(handle, 'nexus-payment-declined');
    });
    expect((await billingRun(chargeWorkflowId(o.orderId))).status).toBe('FAILED');
    expect(await billingRun(refundWorkflowId(o.orderId))).toMatchObject({ status: 'COMPLETED', result: { refunded: false } });
    expect(await netCharged(store.db, o.orderId)).toBe(0);
    expect(await stockTotals(store.db)).toEqual(initialStock);
  });

  it('a failure after the charge refunds through the endpoint: money back, stock back', { timeout: 120_000 }, async () => {
    const o = normalOrder(uniqueId('order-nexus-refund'));
    await withWorker({ carrier: 'reject' }, async (tq) => {
      const handle = await startOrder(env.client, tq, o);
      const { type, state } = await failureOf(handle.result());
      expect(type).toBe(ErrorType.ShipmentFailed);
      expect(state.compensations).toEqual(['refundPayment', 'releaseInventory']);
      await recordHistory(handle, 'nexus-refunded-after-shipment-failed');
    });
    expect(await billingRun(refundWorkflowId(o.orderId))).toMatchObject({ status: 'COMPLETED', result: { refunded: true, amount: o.totalAmount } });
    expect(await chargeCount(store.db, o.orderId)).toBe(1);
    expect(await netCharged(store.db, o.orderId)).toBe(0);
    expect(await stockTotals(store.db)).toEqual(initialStock);
  });

  it('the early answer (Update-with-Start, ?wait=charged) carries the payment id billing returned', { timeout: 120_000 }, async () => {
    const o = normalOrder(uniqueId('order-nexus-early'));
    await withWorker({}, async (tq) => {
      const startWorkflowOperation = new WithStartWorkflowOperation(ORDER_WORKFLOW_TYPE, { ...orderWorkflowStartOptions({ order: o, completionDelay: '1 second' }), taskQueue: tq });
      const charged = await env.client.workflow.executeUpdateWithStart(waitForChargeUpdate, { args: [{ timeoutMs: 30_000 }], startWorkflowOperation });
      expect(charged).toMatchObject({ paymentProcessed: true, paymentId: expect.stringMatching(/^pay_/) });
      const handle = await startWorkflowOperation.workflowHandle();
      expect((await handle.result()).status).toBe('completed');
      expect(await billingRun(chargeWorkflowId(o.orderId))).toMatchObject({ status: 'COMPLETED', result: { paymentId: charged.paymentId } });
      await recordHistory(handle, 'nexus-charged-early');
    });
    expect(await chargeCount(store.db, o.orderId)).toBe(1);
  });

  it('billing refuses a malformed request as BAD_REQUEST naming the field, without starting anything', { timeout: 60_000 }, async () => {
    // What any namespace on the cluster could send (OSS endpoints have no caller allowlist).
    const orderId = uniqueId('order-nexus-bad');
    const taskQueue = uniqueId('caller');
    const { bundleWorkflowCode } = await import('@temporalio/worker');
    const path = await import('node:path');
    const worker = await Worker.create({
      connection: env.nativeConnection,
      taskQueue,
      workflowBundle: await bundleWorkflowCode({ workflowsPath: path.join(__dirname, '../fixtures/billing-caller/index.ts'), logger: { trace() {}, debug() {}, info() {}, warn() {}, error() {}, log() {} } }),
    });
    const err = await worker.runUntil(
      env.client.workflow.execute('chargeThroughBilling', { taskQueue, workflowId: uniqueId('caller'), args: [{ orderId, customerId: 'customer-123', amount: -5 }] }).catch((e: unknown) => e),
    );
    expect(err).toBeInstanceOf(WorkflowFailedError);
    const messages: string[] = [];
    for (let cur: unknown = err; cur instanceof Error; cur = cur.cause) messages.push(cur.message);
    expect(messages.join(' | ')).toMatch(/amount must be a finite number above 0/);
    await expect(inBilling.workflow.getHandle(chargeWorkflowId(orderId)).describe()).rejects.toThrow(/not found/i);
  });

  // Last: it removes the endpoint, and puts it back.
  it('without the endpoint the order stops before charging, saying which endpoint is missing, and goes on once it is provisioned', { timeout: 180_000 }, async () => {
    const { endpoints = [] } = await env.connection.operatorService.listNexusEndpoints({ name: BILLING_ENDPOINT.endpoint, pageSize: 10 });
    const endpoint = endpoints.find((e) => e.spec?.name === BILLING_ENDPOINT.endpoint)!;
    await env.connection.operatorService.deleteNexusEndpoint({ id: endpoint.id, version: endpoint.version });
    const o = normalOrder(uniqueId('order-nexus-no-endpoint'));
    try {
      await withWorker({}, async (tq) => {
        const handle = await startOrder(env.client, tq, o, { completionDelay: '1 second' });
        // The charge is scheduled in the order's first workflow task, which the server refuses: nothing of the
        // run is recorded yet (the reservation's local activity reruns, idempotently, on the next attempt).
        const deadline = Date.now() + 30_000;
        let failure: string | undefined;
        while (!failure && Date.now() < deadline) {
          const events = await eventsOf(handle);
          failure = events.find((e) => e.workflowTaskFailedEventAttributes)?.workflowTaskFailedEventAttributes?.failure?.message ?? undefined;
          if (!failure) await new Promise((r) => setTimeout(r, 250));
        }
        // Server 1.32's words (the SDK retries the workflow task until the endpoint exists).
        expect(failure).toBe(`BadScheduleNexusOperationAttributes: endpoint "${BILLING_ENDPOINT.endpoint}" not found`);
        expect(await chargeCount(store.db, o.orderId)).toBe(0);
        await provisionNexusEndpoint(env.connection);
        expect((await handle.result()).status).toBe('completed');
      });
    } finally {
      await provisionNexusEndpoint(env.connection);
    }
    expect(await chargeCount(store.db, o.orderId)).toBe(1);
  });
});
