import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { defineSearchAttributeKey, SearchAttributeType } from '@temporalio/common';
import { DefaultLogger, Runtime, Worker } from '@temporalio/worker';
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import { createLocalTestEnv } from '@temporal-ecommerce/infra/testing';
import { ORDER_BILLING_NEXUS_PATCH, ORDER_CATALOG_PRICE_PATCH, ORDER_CONFIRMATION_AFTER_APPROVAL_PATCH, ORDER_CONFIRMATION_PATCH, ORDER_LOCAL_STEPS_PATCH } from '@temporal-ecommerce/contracts/order';
import { startBilling, type TestBilling } from '../helpers/billing';
import { createActivities } from '../../src/activities';
import { NotificationService } from '../../src/services/notifications';
import { chargeCount, tempOrderDb } from '../helpers/db';
import { normalOrder, patchIdsOf, startOrder, uniqueId, workflowBundle } from '../helpers/orders';

Runtime.install({ logger: new DefaultLogger('ERROR') });

/** Set by the server-side SDK when a run takes a patch; docs/versioning.md queries it. */
const CHANGE_VERSION = defineSearchAttributeKey('TemporalChangeVersion', SearchAttributeType.KEYWORD_LIST);

let env: TestWorkflowEnvironment;
let store: Awaited<ReturnType<typeof tempOrderDb>>;
let billing: TestBilling;

beforeAll(async () => {
  env = await createLocalTestEnv();
  store = await tempOrderDb();
  await workflowBundle();
  billing = await startBilling(env, createActivities({ db: store.db }));
});

afterAll(async () => {
  await billing?.stop();
  await env?.teardown();
  await store?.close();
});

// The v2 run (confirmation straight after payment) is kept as test/histories/completed-with-confirmation.json;
// new runs take the v3 patches instead, recorded by order-pricing.test.ts.
describe(`order workflow patches on a real server (${ORDER_CONFIRMATION_PATCH} superseded by ${ORDER_CONFIRMATION_AFTER_APPROVAL_PATCH})`, () => {
  it('a new order records the v3 patches, not v2, and exactly one order confirmation', async () => {
    const o = normalOrder(uniqueId('order-v2'));
    const taskQueue = uniqueId('orders');
    const worker = await Worker.create({
      connection: env.nativeConnection,
      taskQueue,
      workflowBundle: await workflowBundle(),
      activities: billing.share(createActivities({ db: store.db })),
    });
    await worker.runUntil(async () => {
      const handle = await startOrder(env.client, taskQueue, o, { completionDelay: '1 second' });
      expect((await handle.result()).status).toBe('completed');
      const v3 = [ORDER_LOCAL_STEPS_PATCH, ORDER_CATALOG_PRICE_PATCH, ORDER_BILLING_NEXUS_PATCH, ORDER_CONFIRMATION_AFTER_APPROVAL_PATCH];
      expect(patchIdsOf(await handle.fetchHistory())).toEqual(v3);
      expect([...((await handle.describe()).typedSearchAttributes.get(CHANGE_VERSION) ?? [])].sort()).toEqual([...v3].sort());
    });
    const notifications = new NotificationService(store.db);
    expect(await notifications.count(o.orderId)).toBe(1);
    expect((await notifications.find(o.orderId, 'order_confirmation'))?.recipient).toBe(o.customerId);
    expect(await chargeCount(store.db, o.orderId)).toBe(1);
  });
});
