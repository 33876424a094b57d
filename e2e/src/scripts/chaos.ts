import { formatReport, runChaos } from '../chaos';
import { chaosEnv } from '../env';
import { exitOnSignals } from '../harness';

/**
 * `pnpm chaos`: CHAOS_ORDERS (200), CHAOS_WORKERS (2), CHAOS_IN_FLIGHT (30), CHAOS_TEMPORAL_PORT (7902),
 * CHAOS_SEED (random), CHAOS_TIMEOUT_SECONDS (900), CHAOS_KEEP=1 (keep the run's folder),
 * CHAOS_SABOTAGE=<invariant id> (the workers break that invariant's guarantee: the run must then fail it),
 * CHAOS_POSTGRES=1 (the workers share a PostgreSQL database on a throwaway cluster instead of orders.db).
 */
async function main(): Promise<void> {
  exitOnSignals();
  const env = chaosEnv();
  const report = await runChaos({
    ...(env.CHAOS_SABOTAGE ? { sabotage: env.CHAOS_SABOTAGE } : {}),
    orders: env.CHAOS_ORDERS,
    workers: env.CHAOS_WORKERS,
    maxInFlight: env.CHAOS_IN_FLIGHT,
    temporalPort: env.CHAOS_TEMPORAL_PORT,
    ...(env.CHAOS_SEED !== undefined ? { seed: env.CHAOS_SEED } : {}),
    timeoutMs: env.CHAOS_TIMEOUT_SECONDS * 1000,
    keepDir: env.CHAOS_KEEP,
    postgres: env.CHAOS_POSTGRES,
    log: (line) => console.log(line),
  });
  console.log(`\n${formatReport(report)}`);
  if (report.violations.length > 0) process.exitCode = 1;
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
