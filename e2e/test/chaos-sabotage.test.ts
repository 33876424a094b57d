import { rmSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { CHAOS_SABOTAGES, type ChaosSabotage } from '@temporal-ecommerce/contracts/order';
import { freePort } from '../src/harness';
import { formatReport, runChaos } from '../src/chaos';

/**
 * Each invariant of the chaos run is seen to fail once: a small, calm run (one cycle of every scenario, no
 * kills) with the order worker's CHAOS_SABOTAGE breaking exactly the guarantee that invariant checks.
 */
describe('chaos checks can fail: CHAOS_SABOTAGE=<invariant> makes that invariant report a violation', () => {
  for (const sabotage of Object.keys(CHAOS_SABOTAGES) as ChaosSabotage[]) {
    it(`${sabotage}: ${CHAOS_SABOTAGES[sabotage]}`, { timeout: 300_000 }, async () => {
      const report = await runChaos({
        orders: 20,
        workers: 1,
        calm: true,
        sabotage,
        seed: 11,
        temporalPort: await freePort(),
        approvalTimeout: '4 seconds',
        completionDelay: '2 seconds',
        timeoutMs: 240_000,
      });
      const check = report.checks.find((c) => c.id === sabotage);
      if (check?.ok !== false) console.log(formatReport(report));
      expect(check, `a check with id ${sabotage}`).toBeDefined();
      expect(check!.ok).toBe(false);
      expect(report.violations.some((v) => v.startsWith(`[${sabotage}] `))).toBe(true);
      // Every order still closed: the checks read a finished run, not a timeout.
      expect(report.finals.every((f) => f.execution !== 'RUNNING')).toBe(true);
      // A run with violations keeps its folder for inspection; this one failed on purpose.
      rmSync(report.dir, { recursive: true, force: true });
    });
  }
});
