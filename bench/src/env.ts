import { defineEnv, readEnv, TEMPORAL_SERVER_VARS, v } from '@temporal-ecommerce/env';

const count = (fallback: number, description: string) => v.integer({ default: fallback, minimum: 1, maximum: 1_000_000, description });

/** Every variable a benchmark reads (was a bare Number(): a typo became NaN and a run of nothing). */
export const BENCH_ENV = defineEnv({
  BENCH_TEMPORAL_PORT: v.integer({ default: 7901, minimum: 1, maximum: 65535, description: "The benchmarks' own dev server port, away from pnpm start's 7233." }),
  BENCH_GATEWAY_PORT: v.integer({ default: 3901, minimum: 1, maximum: 65535, description: "The benchmarks' gateway port, away from pnpm start's 3001." }),
  BENCH_ROUNDS: count(2, 'Rounds of each side-by-side measurement (saga throughput, worker scaling).'),
  BENCH_SAGA_COUNT: count(120, 'Orders per round of the saga throughput benchmark.'),
  BENCH_SCALING_COUNT: count(100, 'Workflows per round of the worker scaling benchmark.'),
  BENCH_RECOVERY_TRIALS: count(2, 'Crash-recovery trials.'),
  BENCH_LATENCY_REQUESTS: count(600, 'Requests of the gateway latency benchmark.'),
});

/** The baseline worker process (bench/src/baseline/worker.ts). */
export const BASELINE_WORKER_ENV = defineEnv({
  TEMPORAL_ADDRESS: TEMPORAL_SERVER_VARS.TEMPORAL_ADDRESS,
  BASELINE_TASK_QUEUE: v.string({ defaultText: 'bench-baseline', pattern: '^[\\w.-]+$', hint: 'letters, digits, ".", "_" or "-"', description: "The baseline worker's task queue." }),
});

/** Read when a benchmark module loads, so a bad value stops it before any server starts. */
export const benchSettings = readEnv(BENCH_ENV, process.env);
