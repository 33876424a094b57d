import { describe, expect, it } from 'vitest';
import { freePort } from '../src/harness';
import { formatReport, runChaos } from '../src/chaos';

describe('chaos run (CI size)', () => {
  it('30 orders through transient and permanent faults, worker SIGKILLs and a Temporal restart: all close and every invariant holds', { timeout: 600_000 }, async () => {
    const report = await runChaos({ orders: 30, temporalPort: await freePort(), timeoutMs: 480_000 });
    console.log(formatReport(report));

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
