import { describe, expect, it } from 'vitest';
import { freePort } from '../src/harness';
import { formatReport, runChaos } from '../src/chaos';

// On SQLite the two workers share orders.db on one host; on PostgreSQL they share only the database, as
// replicas on separate hosts do. The 200-order runs are `pnpm chaos` and `CHAOS_POSTGRES=1 pnpm chaos` (e2e README).
describe.each(['sqlite', 'postgres'] as const)('chaos run (CI size, order store on %s)', (store) => {
  it('30 orders through transient and permanent faults, worker SIGKILLs and a Temporal restart: all close and every invariant holds', { timeout: 600_000 }, async () => {
    const report = await runChaos({ orders: 30, temporalPort: await freePort(), timeoutMs: 480_000, postgres: store === 'postgres' });
    console.log(formatReport(report));
    expect(report.store).toBe(store);

    expect(report.violations).toEqual([]);
    expect(report.checks.length).toBeGreaterThanOrEqual(6);
    expect(report.checks.every((c) => c.ok)).toBe(true);
    expect(report.finals).toHaveLength(30);
    // The chaos really happened: workers died mid-run and the server was restarted once.
    expect(report.workerKills).toBeGreaterThan(0);
    expect(report.temporalRestarts).toBe(1);
    // Every order ended in a terminal status, and the permanent faults were really injected.
    expect(report.finals.filter((f) => f.failureType === 'PaymentDeclined').length).toBeGreaterThan(0);
    expect(report.finals.filter((f) => f.status === 'completed').length).toBeGreaterThan(0);
  });
});
