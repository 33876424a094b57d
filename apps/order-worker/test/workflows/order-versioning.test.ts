import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { defineSearchAttributeKey, SearchAttributeType } from '@temporalio/common';
import { DefaultLogger, Runtime, Worker } from '@temporalio/worker';
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import { createLocalTestEnv } from '@temporal-ecommerce/infra/testing';
import { ORDER_CONFIRMATION_PATCH } from '@temporal-ecommerce/contracts/order';
import { createActivities } from '../../src/activities';
import { NotificationService } from '../../src/services/notifications';
import { chargeCount, tempOrderDb } from '../helpers/db';
import { normalOrder, patchIdsOf, recordHistory, startOrder, uniqueId, workflowBundle } from '../helpers/orders';

Runtime.install({ logger: new DefaultLogger('ERROR') });

/** Set by the server-side SDK when a run takes a patch; docs/versioning.md queries it. */
const CHANGE_VERSION = defineSearchAttributeKey('TemporalChangeVersion', SearchAttributeType.KEYWORD_LIST);

let env: TestWorkflowEnvironment;
let store: ReturnType<typeof tempOrderDb>;

beforeAll(async () => {
  env = await createLocalTestEnv();
  store = tempOrderDb();
  await workflowBundle();
});

afterAll(async () => {
  await env?.teardown();
  store?.close();
});

describe(`order workflow patch ${ORDER_CONFIRMATION_PATCH} on a real server`, () => {
  it('a new order records the patch and exactly one order confirmation', async () => {
    const o = normalOrder(uniqueId('order-v2'));
    const taskQueue = uniqueId('orders');
    const worker = await Worker.create({
      connection: env.nativeConnection,
      taskQueue,
      workflowBundle: await workflowBundle(),
      activities: createActivities({ db: store.db }),
    });
    await worker.runUntil(async () => {
      const handle = await startOrder(env.client, taskQueue, o, { completionDelay: '1 second' });
      expect((await handle.result()).status).toBe('completed');
      expect(patchIdsOf(await handle.fetchHistory())).toEqual([ORDER_CONFIRMATION_PATCH]);
      expect((await handle.describe()).typedSearchAttributes.get(CHANGE_VERSION)).toEqual([ORDER_CONFIRMATION_PATCH]);
      await recordHistory(handle, 'completed-with-confirmation');
    });
    const notifications = new NotificationService(store.db);
    expect(notifications.count(o.orderId)).toBe(1);
    expect(notifications.find(o.orderId, 'order_confirmation')?.recipient).toBe(o.customerId);
    expect(chargeCount(store.db, o.orderId)).toBe(1);
  });
});
