import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { historyFromJSON } from '@temporalio/common/lib/proto-utils';
import { DefaultLogger, Runtime, Worker } from '@temporalio/worker';
import {
  ORDER_BILLING_NEXUS_PATCH,
  ORDER_CATALOG_PRICE_PATCH,
  ORDER_CONFIRMATION_AFTER_APPROVAL_PATCH,
  ORDER_CONFIRMATION_PATCH,
  ORDER_LOCAL_STEPS_PATCH,
  ORDER_RETRACTION_PATCH,
  waitForChargeUpdate,
} from '@temporal-ecommerce/contracts/order';
import { HISTORIES_DIR, patchIdsOf, workflowBundle } from '../helpers/orders';

Runtime.install({ logger: new DefaultLogger('ERROR') });

const files = readdirSync(HISTORIES_DIR).filter((f) => f.endsWith('.json'));
const histories = files.map((f) => ({
  workflowId: f.replace(/\.json$/, ''),
  history: historyFromJSON(JSON.parse(readFileSync(path.join(HISTORIES_DIR, f), 'utf8'))),
}));

const V3 = [ORDER_CATALOG_PRICE_PATCH, ORDER_CONFIRMATION_AFTER_APPROVAL_PATCH];
const V4 = [ORDER_LOCAL_STEPS_PATCH, ...V3];
/** v5: billing's charge and refund as Nexus operations (order-billing-nexus.test.ts, worker-crash.test.ts). */
const V5 = [ORDER_LOCAL_STEPS_PATCH, ORDER_CATALOG_PRICE_PATCH, ORDER_BILLING_NEXUS_PATCH, ORDER_CONFIRMATION_AFTER_APPROVAL_PATCH];
/**
 * The patches each history recorded: one run after ORDER_CONFIRMATION_PATCH (v2), the runs after catalog
 * pricing and the confirmation after approval (v3), the runs with reserve and ship as local activities (v4,
 * order-local-steps.test.ts); every other history predates both (docs/versioning.md).
 */
const PATCHED_HISTORIES: Record<string, string[]> = {
  'completed-with-confirmation': [ORDER_CONFIRMATION_PATCH],
  'catalog-priced-completed': V3,
  'confirmed-after-approval': V3,
  'price-changed': [],
  'returned-with-retraction': [...V3, ORDER_RETRACTION_PATCH],
  'charged-early': V3,
  'declined-early': [ORDER_CATALOG_PRICE_PATCH],
  'local-steps-completed': V4,
  'local-steps-carrier-unavailable': [...V4, ORDER_RETRACTION_PATCH],
  'local-steps-out-of-stock': [ORDER_LOCAL_STEPS_PATCH, ORDER_CATALOG_PRICE_PATCH],
  'local-steps-returned': [...V4, ORDER_RETRACTION_PATCH],
  'nexus-completed': V5,
  'nexus-payment-declined': [ORDER_LOCAL_STEPS_PATCH, ORDER_CATALOG_PRICE_PATCH, ORDER_BILLING_NEXUS_PATCH],
  'nexus-refunded-after-shipment-failed': [...V5, ORDER_RETRACTION_PATCH],
  'nexus-charged-early': V5,
  'nexus-worker-killed-mid-charge': V5,
};
/** Runs started by Update-with-Start (POST /api/orders?wait=charged): their histories hold the Update. */
const UPDATE_WITH_START_HISTORIES = ['charged-early', 'declined-early', 'nexus-charged-early'];

// Recorded with RECORD_HISTORIES=1 from the workflow tests; a change that breaks determinism for any
// recorded path (completed, approved, rejected, timed out, cancelled, returned, failures, crash), on either
// side of a patch, fails here.
describe('replaying recorded order histories', () => {
  it('has a recorded history for every path', () => {
    expect(files.map((f) => f.replace(/\.json$/, '')).sort()).toEqual(
      [
        'approval-rejected',
        'approval-timed-out',
        'cancelled-awaiting-approval',
        'completed',
        'completed-after-7-days',
        'completed-with-confirmation',
        'high-value-approved',
        'payment-declined',
        'payment-retried',
        'returned-after-shipment',
        'shipment-failed',
        'worker-killed-mid-payment',
        'workflow-cancelled',
        'out-of-stock',
        'catalog-priced-completed',
        'confirmed-after-approval',
        'price-changed',
        'returned-with-retraction',
        'charged-early',
        'declined-early',
        'local-steps-completed',
        'local-steps-carrier-unavailable',
        'local-steps-out-of-stock',
        'local-steps-returned',
        'nexus-completed',
        'nexus-payment-declined',
        'nexus-refunded-after-shipment-failed',
        'nexus-charged-early',
        'nexus-worker-killed-mid-charge',
      ].sort(),
    );
  });

  // Every side of every patch must stay covered: re-recording everything would silently drop the old runs.
  it('holds runs from before the patches, after v2, v3, v4 and v5', () => {
    const patchesOf = Object.fromEntries(histories.map((h) => [h.workflowId, patchIdsOf(h.history)]));
    for (const { workflowId } of histories) {
      expect(patchesOf[workflowId], workflowId).toEqual(PATCHED_HISTORIES[workflowId] ?? []);
    }
  });

  it('holds the early-answer runs with their Update accepted and completed, so replay covers its handler', () => {
    for (const workflowId of UPDATE_WITH_START_HISTORIES) {
      const { history } = histories.find((h) => h.workflowId === workflowId)!;
      const types = (history.events ?? []).map((e) => e.workflowExecutionUpdateAcceptedEventAttributes?.acceptedRequest?.input?.name ?? (e.workflowExecutionUpdateCompletedEventAttributes ? 'completed' : undefined));
      expect(types.filter(Boolean), workflowId).toEqual([waitForChargeUpdate.name, 'completed']);
    }
  });

  it('holds the v5 runs with their charge (and refund) as Nexus operations of billing, never a payment activity', () => {
    for (const { workflowId, history } of histories.filter((h) => h.workflowId.startsWith('nexus-'))) {
      const events = history.events ?? [];
      const operations = events.flatMap((e) => (e.nexusOperationScheduledEventAttributes ? [e.nexusOperationScheduledEventAttributes.operation] : []));
      expect(operations[0], workflowId).toBe('charge');
      expect(events.some((e) => ['processPayment', 'refundPayment'].includes(e.activityTaskScheduledEventAttributes?.activityType?.name ?? '')), workflowId).toBe(false);
    }
  });

  it('replays every history with the current workflow code', { timeout: 120_000 }, async () => {
    const results: { workflowId: string; error?: unknown }[] = [];
    for await (const result of Worker.runReplayHistories({ workflowBundle: await workflowBundle() }, histories)) {
      results.push({ workflowId: result.workflowId, error: result.error });
    }
    expect(results.filter((r) => r.error)).toEqual([]);
    expect(results).toHaveLength(files.length);
  });
});
