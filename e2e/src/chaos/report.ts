import { CHAOS_SABOTAGES } from '@temporal-ecommerce/contracts/order';
import { EXPECTED, SCENARIOS } from './plan';
import type { ChaosReport } from './run-chaos';

const count = <T>(items: T[], key: (item: T) => string): Map<string, number> => {
  const out = new Map<string, number>();
  for (const item of items) out.set(key(item), (out.get(key(item)) ?? 0) + 1);
  return out;
};

const list = (m: Map<string, number>): string =>
  [...m.entries()]
    .sort((a, b) => b[1] - a[1])
    .map(([k, n]) => `${k} ${n}`)
    .join(', ');

/** The run's summary, as printed by `pnpm chaos` and the CI test. */
export function formatReport(r: ChaosReport): string {
  const lines: string[] = [];
  lines.push(`Chaos run: ${r.orders} orders, ${r.workers} order workers on ${r.store === 'postgres' ? 'PostgreSQL' : 'SQLite'}, seed ${r.seed}, ${(r.durationMs / 1000).toFixed(1)} s`);
  if (r.sabotage) lines.push(`SABOTAGE:  CHAOS_SABOTAGE=${r.sabotage} (${CHAOS_SABOTAGES[r.sabotage]}): the [${r.sabotage}] check must fail`);
  lines.push(
    `Faults:    payment failure rate ${r.faults.ORDER_FAULT_PAYMENT_FAILURE_RATE}, first payment response lost after charging, ` +
      `${r.faults.ORDER_FAULT_PAYMENT_DELAY_MS} ms slow payments; declined cards, out-of-stock and unknown products`,
  );
  lines.push(
    `Chaos:     ${r.workerKills} worker SIGKILLs (${r.workerStarts} worker starts, ${r.unexpectedWorkerExits} exits nobody asked for), ` +
      `${r.temporalRestarts} Temporal server restart (SIGKILL, back after ${(r.temporalDownMs / 1000).toFixed(1)} s)`,
  );
  lines.push(`Outcomes:  ${list(count(r.finals, (f) => f.status ?? f.execution))}`);
  const failures = count(
    r.finals.filter((f) => f.failureType),
    (f) => f.failureType!,
  );
  if (failures.size > 0) lines.push(`Failures:  ${list(failures)}`);
  lines.push('By scenario (expected → got):');
  for (const scenario of SCENARIOS) {
    const mine = r.finals.filter((f) => f.planned.scenario === scenario);
    if (mine.length === 0) continue;
    const expected = EXPECTED[scenario];
    const got = count(mine, (f) => (f.failureType ? `${f.status}/${f.failureType}` : (f.status ?? f.execution)));
    lines.push(`  ${scenario.padEnd(18)} ${String(mine.length).padStart(4)}  ${expected.status}${expected.type ? `/${expected.type}` : ''} → ${list(got)}`);
  }
  const messages = count(
    r.drivers.filter((d) => d.message),
    (d) => d.message!,
  );
  if (messages.size > 0) lines.push(`Messages:  approve/reject/cancel updates ${list(messages)}`);
  const attempts = new Map<string, number>();
  for (const f of r.finals) for (const [type, n] of Object.entries(f.attempts)) attempts.set(type, (attempts.get(type) ?? 0) + n);
  lines.push(`Attempts:  ${list(attempts)}`);
  lines.push('Checks:');
  for (const c of r.checks) lines.push(`  ${c.ok ? 'ok  ' : 'FAIL'} [${c.id}] ${c.name}: ${c.detail}`);
  if (r.violations.length > 0) {
    lines.push(`Violations (${r.violations.length}):`);
    for (const v of r.violations.slice(0, 50)) lines.push(`  - ${v}`);
    lines.push(`State kept for inspection in ${r.dir}`);
  } else {
    lines.push('Violations: none');
  }
  return lines.join('\n');
}
