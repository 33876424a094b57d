import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { Client, WorkflowHandle } from '@temporalio/client';
import { defaultPayloadConverter } from '@temporalio/common';
import { historyToJSON } from '@temporalio/common/lib/proto-utils';
import { bundleWorkflowCode, type WorkflowBundle } from '@temporalio/worker';
import {
  ORDER_WORKFLOW_TYPE,
  getOrderStatusQuery,
  orderWorkflowId,
  type CreateOrderBody,
  type OrderState,
  type OrderStatus,
  type OrderWorkflowInput,
} from '@temporal-ecommerce/contracts/order';
import type { orderWorkflow } from '../../src/workflows';

export const WORKFLOWS_PATH = path.join(__dirname, '../../src/workflows/index.ts');
export const HISTORIES_DIR = path.join(__dirname, '../histories');

let bundle: Promise<WorkflowBundle> | undefined;
/** Workflow code bundled once per test file. */
export function workflowBundle(): Promise<WorkflowBundle> {
  bundle ??= bundleWorkflowCode({ workflowsPath: WORKFLOWS_PATH, logger: { trace() {}, debug() {}, info() {}, warn() {}, error() {}, log() {} } });
  return bundle;
}

let seq = 0;
/** Unique per test run, so tests never see each other's workflows on a shared server. */
export function uniqueId(prefix: string): string {
  return `${prefix}-${process.pid}-${Date.now().toString(36)}-${++seq}`;
}

export function normalOrder(orderId: string, customerId = 'customer-123'): CreateOrderBody {
  return {
    orderId,
    customerId,
    items: [
      { productId: 'laptop-001', productName: 'Laptop', quantity: 1, price: 1299.99 },
      { productId: 'mouse-001', productName: 'Mouse', quantity: 2, price: 29.99 },
    ],
    totalAmount: 1359.97,
  };
}

export function highValueOrder(orderId: string, customerId = 'customer-456'): CreateOrderBody {
  return {
    orderId,
    customerId,
    items: [{ productId: 'server-001', productName: 'Enterprise Server', quantity: 10, price: 899.99 }],
    totalAmount: 8999.9,
  };
}

export function startOrder(
  client: Client,
  taskQueue: string,
  order: CreateOrderBody,
  durations: Omit<OrderWorkflowInput, 'order'> = {},
): Promise<WorkflowHandle<typeof orderWorkflow>> {
  return client.workflow.start<typeof orderWorkflow>(ORDER_WORKFLOW_TYPE, {
    taskQueue,
    workflowId: orderWorkflowId(order.orderId),
    args: [{ order, ...durations }],
  });
}

/** Polls the status query until the order reaches `status` (or a terminal one, which fails the wait). */
export async function waitForStatus(handle: WorkflowHandle, status: OrderStatus, timeoutMs = 20_000): Promise<OrderState> {
  const deadline = Date.now() + timeoutMs;
  let last: OrderState | undefined;
  while (Date.now() < deadline) {
    last = await handle.query(getOrderStatusQuery);
    if (last.status === status) return last;
    if (['completed', 'cancelled', 'failed', 'compensation_failed'].includes(last.status)) break;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`order did not reach ${status}; last status ${last?.status ?? 'unknown'}`);
}

/**
 * With RECORD_HISTORIES=1, saves the run's history as test/histories/<name>.json for the replay test.
 * Off by default: re-recording on every run would hide the determinism breaks replay is there to catch.
 */
export async function recordHistory(handle: WorkflowHandle, name: string): Promise<void> {
  if (!process.env.RECORD_HISTORIES) return;
  const history = await handle.fetchHistory();
  mkdirSync(HISTORIES_DIR, { recursive: true });
  writeFileSync(path.join(HISTORIES_DIR, `${name}.json`), `${JSON.stringify(JSON.parse(historyToJSON(history)), null, 2)}\n`);
}

/** The patch ids a run recorded (markers written by `patched()`), in history order. */
export function patchIdsOf(history: Awaited<ReturnType<WorkflowHandle['fetchHistory']>>): string[] {
  return (history.events ?? []).flatMap((e) => {
    const marker = e.markerRecordedEventAttributes;
    const data = marker?.markerName === 'core_patch' ? marker.details?.['patch-data']?.payloads?.[0] : undefined;
    return data ? [defaultPayloadConverter.fromPayload<{ id: string }>(data).id] : [];
  });
}

type History = Awaited<ReturnType<WorkflowHandle['fetchHistory']>>;

/** Activity types that ran as activity tasks (ActivityTaskScheduled events), in history order. */
export function activityTaskTypesOf(history: History): string[] {
  return (history.events ?? []).flatMap((e) => (e.activityTaskScheduledEventAttributes ? [e.activityTaskScheduledEventAttributes.activityType?.name ?? '?'] : []));
}

/** Nexus operations a run scheduled (NexusOperationScheduled events), in history order. */
export function nexusOperationsOf(history: History): string[] {
  return (history.events ?? []).flatMap((e) => (e.nexusOperationScheduledEventAttributes ? [e.nexusOperationScheduledEventAttributes.operation ?? '?'] : []));
}

/** Local activities a run recorded (core's markers): type and the attempt that produced the result. */
export function localActivitiesOf(history: History): { type: string; attempt: number; failed: boolean }[] {
  return (history.events ?? []).flatMap((e) => {
    const marker = e.markerRecordedEventAttributes;
    const data = marker?.markerName === 'core_local_activity' ? marker.details?.data?.payloads?.[0] : undefined;
    if (!data) return [];
    const { activity_type: type, attempt } = defaultPayloadConverter.fromPayload<{ activity_type: string; attempt: number }>(data);
    return [{ type, attempt, failed: !!marker?.failure }];
  });
}

/**
 * The workflow's own search-attribute upserts per workflow task (the commands recorded after each
 * WorkflowTaskCompleted), without the SDK's TemporalChangeVersion upsert that comes with each patch marker.
 */
export function upsertsPerWorkflowTask(history: History): number[] {
  const counts: number[] = [];
  for (const e of history.events ?? []) {
    const fields = Object.keys(e.upsertWorkflowSearchAttributesEventAttributes?.searchAttributes?.indexedFields ?? {});
    if (e.workflowTaskCompletedEventAttributes) counts.push(0);
    else if (fields.some((f) => f !== 'TemporalChangeVersion') && counts.length > 0) counts[counts.length - 1]! += 1;
  }
  return counts;
}
