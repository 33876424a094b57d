import { CHAOS_SABOTAGES, type ChaosSabotage } from '@temporal-ecommerce/contracts/order';
import { formatReport, runChaos } from '../chaos';
import { exitOnSignals } from '../harness';

/**
 * `pnpm chaos`: CHAOS_ORDERS (200), CHAOS_WORKERS (2), CHAOS_IN_FLIGHT (30), CHAOS_TEMPORAL_PORT (7902),
 * CHAOS_SEED (random), CHAOS_TIMEOUT_SECONDS (900), CHAOS_KEEP=1 (keep the run's folder),
 * CHAOS_SABOTAGE=<invariant id> (the workers break that invariant's guarantee: the run must then fail it),
 * CHAOS_POSTGRES=1 (the workers share a PostgreSQL database on a throwaway cluster instead of orders.db).
 */
async function main(): Promise<void> {
  exitOnSignals();
  const num = (key: string, fallback: number): number => {
    const raw = process.env[key];
    if (!raw) return fallback;
    const value = Number(raw);
    if (!Number.isInteger(value) || value < 1) throw new Error(`${key} must be a positive integer, got "${raw}"`);
    return value;
  };
  const sabotage = process.env.CHAOS_SABOTAGE || undefined;
  if (sabotage !== undefined && !Object.hasOwn(CHAOS_SABOTAGES, sabotage)) {
    throw new Error(`CHAOS_SABOTAGE must be one of ${Object.keys(CHAOS_SABOTAGES).join(', ')}, got "${sabotage}"`);
  }
  const report = await runChaos({
    ...(sabotage ? { sabotage: sabotage as ChaosSabotage } : {}),
    orders: num('CHAOS_ORDERS', 200),
    workers: num('CHAOS_WORKERS', 2),
    maxInFlight: num('CHAOS_IN_FLIGHT', 30),
    temporalPort: num('CHAOS_TEMPORAL_PORT', 7902),
    ...(process.env.CHAOS_SEED ? { seed: num('CHAOS_SEED', 1) } : {}),
    timeoutMs: num('CHAOS_TIMEOUT_SECONDS', 900) * 1000,
    keepDir: process.env.CHAOS_KEEP === '1',
    postgres: process.env.CHAOS_POSTGRES === '1',
    log: (line) => console.log(line),
  });
  console.log(`\n${formatReport(report)}`);
  if (report.violations.length > 0) process.exitCode = 1;
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
