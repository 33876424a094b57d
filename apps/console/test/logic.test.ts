import { describe, expect, it } from 'vitest';
import { CANCELLABLE_ORDER_STATUSES, ORDER_STATUSES, TERMINAL_ORDER_STATUSES } from '@temporal-ecommerce/contracts/order';
import type { OrderDetails } from '../src/api';
import { errorMessage } from '../src/errors';
import { APPROVABLE, CANCELLABLE, TERMINAL, orderActions } from '../src/orders/actions';
import { orderTimeline } from '../src/orders/timeline';
import { parseSse } from '../src/sse';
import { lossChart } from '../src/ml/chart';
import { childUiLink } from '../src/agent/links';
import { byteSize, diffLines } from '../src/agent/diff';
import { loadSeries, seriesChart } from '../src/ops/series';

/** The console's own logic, without a browser: what it derives from the gateway's answers. */

const base: OrderDetails = {
  orderId: 'o-1',
  customerId: 'c-1',
  status: 'pending',
  totalAmount: 10,
  items: [{ productId: 'p', productName: 'P', quantity: 1, price: 10 }],
  inventoryReserved: false,
  paymentProcessed: false,
  requiresApproval: false,
  compensations: [],
  compensationFailures: [],
  createdAt: '2026-01-01T00:00:00.000Z',
  updatedAt: '2026-01-01T00:00:00.000Z',
  workflowId: 'order-o-1',
  runId: 'r',
  uiLink: 'http://ui',
};
const states = (o: OrderDetails) => Object.fromEntries(orderTimeline(o).map((s) => [s.key, s.state]));

describe('order actions', () => {
  it('enable exactly the messages the workflow accepts, per the contract', () => {
    expect([...CANCELLABLE].sort()).toEqual([...CANCELLABLE_ORDER_STATUSES].sort());
    expect([...TERMINAL].sort()).toEqual([...TERMINAL_ORDER_STATUSES].sort());
    for (const status of ORDER_STATUSES) {
      const can = orderActions(status);
      expect(can.approve, status).toBe(status === 'awaiting_approval');
      expect(can.reject, status).toBe(status === 'awaiting_approval');
      expect(can.cancel, status).toBe(CANCELLABLE_ORDER_STATUSES.includes(status));
    }
    expect(APPROVABLE).toEqual(['awaiting_approval']);
  });
});

describe('order timeline', () => {
  it('marks the step being worked on, and the approval wait only when the total needs one', () => {
    expect(states({ ...base, status: 'inventory_reserved', inventoryReserved: true })).toMatchObject({ reserve: 'done', charge: 'active', ship: 'pending' });
    expect(states(base).approval).toBeUndefined();
    const waiting = { ...base, status: 'awaiting_approval' as const, requiresApproval: true, inventoryReserved: true, paymentProcessed: true, approvalDeadline: '2026-01-02T00:00:00.000Z' };
    expect(states(waiting)).toMatchObject({ charge: 'done', approval: 'active', ship: 'pending' });
    expect(orderTimeline(waiting).find((s) => s.key === 'approval')?.detail).toMatch(/^deadline /);
  });

  it('shows a rejection as a failed approval, then the failure and the compensations in the order they ran', () => {
    const rejected: OrderDetails = {
      ...base,
      status: 'failed',
      requiresApproval: true,
      inventoryReserved: true,
      paymentProcessed: true,
      approvedBy: 'abe',
      approvalReason: 'no',
      failure: { type: 'ApprovalRejected', message: 'rejected by abe' },
      compensations: ['refundPayment', 'releaseInventory'],
    };
    const steps = orderTimeline(rejected);
    expect(states(rejected)).toMatchObject({ approval: 'failed', ship: 'skipped', returns: 'skipped', failure: 'failed' });
    expect(steps.slice(-3).map((s) => s.label)).toEqual(['Failed: ApprovalRejected', 'Compensate: Refund the payment', 'Compensate: Release the reserved stock']);
  });

  it('shows a compensation that failed with its reason', () => {
    const broken = { ...base, status: 'compensation_failed' as const, compensationFailures: [{ step: 'releaseInventory', message: 'db down' }] };
    expect(orderTimeline(broken).at(-1)).toEqual({ key: 'compfail-releaseInventory', label: 'Compensate: Release the reserved stock', state: 'failed', detail: 'db down' });
  });
});

describe('SSE parsing', () => {
  it('splits events, keeps an incomplete one for the next chunk, skips comments, reads retry', () => {
    const first = parseSse('retry: 2000\n\n: keep-alive\n\nid: r.5\nevent: state\ndata: {"a":1}\n\nid: r.6\nevent: sta');
    expect(first.retryMs).toBe(2000);
    expect(first.events).toEqual([{ event: 'state', data: '{"a":1}', id: 'r.5' }]);
    const second = parseSse(`${first.rest}te\ndata: {"a":2}\r\n\r\nevent: end\ndata: {}\n\n`);
    expect(second.events).toEqual([
      { event: 'state', data: '{"a":2}', id: 'r.6' },
      { event: 'end', data: '{}' },
    ]);
    expect(second.rest).toBe('');
  });
});

describe('API errors', () => {
  it("are shown in the API's words, with the status", () => {
    expect(errorMessage({ statusCode: 409, error: 'Conflict', message: 'Order x cannot be cancelled: it is completed' })).toBe('409: Order x cannot be cancelled: it is completed');
    expect(errorMessage(undefined, new Response(null, { status: 502, statusText: 'Bad Gateway' }))).toBe('502 Bad Gateway');
  });
});

describe('loss chart', () => {
  it('places epochs left to right over the whole run, losses bottom to top, and drops repeated epochs', () => {
    const g = lossChart(
      [
        { epoch: 2, trainLoss: 0.5, validationLoss: 0.6 },
        { epoch: 1, trainLoss: 1, validationLoss: 0.8 },
        { epoch: 2, trainLoss: 0.5, validationLoss: 0.6 },
      ],
      10,
    );
    expect(g.points.map((p) => p.epoch)).toEqual([1, 2]);
    expect(g.points[0]!.x).toBe(g.plot.left);
    expect(g.points[1]!.x).toBeLessThan(g.plot.right / 4);
    // The larger loss is higher up (smaller y).
    expect(g.points[0]!.yTrain).toBeLessThan(g.points[1]!.yTrain);
    expect(g.train.split(' ')).toHaveLength(2);
    expect(g.markers([5, 10, 11, 0]).map((m) => m.epoch)).toEqual([5, 10]);
    expect(g.markers([10])[0]!.x).toBe(g.plot.right);
  });
});

describe('the multi-agent tree', () => {
  it("links a specialist to its own run in the Temporal UI, next to its parent's", () => {
    const parent = 'http://localhost:8233/namespaces/default/workflows/multi-agent-p/run-1/history';
    expect(childUiLink(parent, 'multi-agent-p-security')).toBe('http://localhost:8233/namespaces/default/workflows/multi-agent-p-security');
    expect(childUiLink(parent, 'a b')).toMatch(/\/workflows\/a%20b$/);
  });
});

describe('the load chart', () => {
  const snap = (elapsedMs: number, currentRate: number, p50: number, p99: number) => ({ elapsedMs, sent: 0, ok: 0, failed: 0, inFlight: 0, currentRate, overallRate: 0, p50, p99, errors: [] });
  it('puts each second of the run on x across the whole duration, and scales y to the largest value', () => {
    const s = loadSeries([snap(1000, 2, 40, 90), snap(2000, 4, 50, 200)]);
    expect(s.throughput).toEqual([
      { seconds: 1, value: 2 },
      { seconds: 2, value: 4 },
    ]);
    const g = seriesChart([s.p50, s.p99], 10, 10);
    // 200 ms is the top (with 5 % headroom); x = 2 s of 10 s is a fifth of the way.
    expect(g.yMax).toBeCloseTo(210);
    const [x2, y2] = g.lines[1]!.split(' ')[1]!.split(',').map(Number);
    expect(x2).toBeCloseTo(g.plot.left + (g.plot.right - g.plot.left) / 5, 0);
    expect(y2).toBeCloseTo(g.plot.bottom - (200 / 210) * (g.plot.bottom - g.plot.top), 0);
    expect(g.xTicks.map((t) => t.seconds)).toEqual([0, 5, 10]);
  });
  it('keeps a floor on y so an idle run does not draw noise at full height', () => {
    expect(seriesChart([loadSeries([snap(1000, 0.1, 0, 0)]).throughput], 10, 2).yMax).toBeCloseTo(2.1);
  });
});

describe('batch diff lines', () => {
  it('tells file headers from removed or added lines that start with -- or ++', () => {
    // The removed line `-- x` reads `--- x`, the added `++ y` reads `+++ y`: the hunk's counts say they are content.
    const diff = ['--- a/src/x.ts', '+++ b/src/x.ts', '@@ -1,3 +1,3 @@', ' let a = 1;', '--- x', '+++ y', '-if (a == b) f();', '+if (a === b) f();', '--- a/src/y.ts', '+++ b/src/y.ts', '@@ -4 +4 @@', '-a', '+b', ''].join('\n');
    expect(diffLines(diff).map((l) => l.kind)).toEqual(['file', 'file', 'hunk', 'context', 'del', 'add', 'del', 'add', 'file', 'file', 'hunk', 'del', 'add']);
  });

  it('writes sizes for the truncation note', () => {
    expect([byteSize(900), byteSize(65536), byteSize(3 * 1024 * 1024)]).toEqual(['900 B', '64.0 KiB', '3.0 MiB']);
  });
});
