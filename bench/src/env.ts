import { defineEnv, LOG_LEVELS, readEnv, TEMPORAL_SERVER_VARS, v } from '@temporal-ecommerce/env';
import { CEILING_TASK_QUEUE } from './ceiling/names';

function jsonObject(text: string): string | undefined {
  try {
    const value: unknown = JSON.parse(text);
    return typeof value === 'object' && value !== null && !Array.isArray(value) ? undefined : 'a JSON object';
  } catch {
    return 'a JSON object';
  }
}

const count = (fallback: number, description: string) => v.integer({ default: fallback, minimum: 1, maximum: 1_000_000, description });

/** Every variable a benchmark reads (was a bare Number(): a typo became NaN and a run of nothing). */
export const BENCH_ENV = defineEnv({
  BENCH_TEMPORAL_PORT: v.integer({ default: 7901, minimum: 1, maximum: 65535, description: "The benchmarks' own dev server port, away from pnpm start's 7233." }),
  BENCH_GATEWAY_PORT: v.integer({ default: 3901, minimum: 1, maximum: 65535, description: "The benchmarks' gateway port, away from pnpm start's 3001." }),
  BENCH_ROUNDS: count(2, 'Rounds of each side-by-side measurement (saga throughput, worker scaling, worker options).'),
  BENCH_SAGA_COUNT: count(120, 'Orders per round of the saga throughput benchmark.'),
  BENCH_SCALING_COUNT: count(100, 'Workflows per round of the worker scaling benchmark.'),
  BENCH_RECOVERY_TRIALS: count(2, 'Crash-recovery trials.'),
  BENCH_LATENCY_REQUESTS: count(600, 'Requests of the gateway latency benchmark.'),
  BENCH_OPTIONS_COUNT: count(80, 'Workflows per variant and round of the worker options benchmark.'),
  BENCH_PRIORITY_BURST: count(150, 'Orders per burst of the priority benchmark (one in six high).'),
  BENCH_BASELINE_ORDER_WORKER: v.string({ description: "Saga throughput: the worker.js of another build of the order worker, run as one more side on task queue orders-baseline (bench/README.md)." }),
  BENCH_BASELINE_LABEL: v.string({ default: 'BENCH_BASELINE_ORDER_WORKER', description: 'The name of that side in the results table.' }),
});

/** The ceiling worker process (src/ceiling/worker.ts), started by the benchmarks with these set. */
export const CEILING_WORKER_ENV = defineEnv({
  TEMPORAL_ADDRESS: TEMPORAL_SERVER_VARS.TEMPORAL_ADDRESS,
  LOG_LEVEL: v.oneOf(LOG_LEVELS, { default: 'warn', description: 'Lowest pino level the ceiling worker writes.' }),
  BENCH_TASK_QUEUE: v.string({ default: CEILING_TASK_QUEUE, pattern: '^[\\w.-]+$', hint: 'letters, digits, ".", "_" or "-"', description: "The ceiling worker's task queue." }),
  BENCH_WORKFLOW_BUNDLE: v.string({ description: 'Prebundled workflow code, so each of many workers starts without webpack.' }),
  BENCH_WORKER_OPTIONS: v.string({ default: '{}', description: 'JSON of Worker options (the worker-options bench).', check: jsonObject }),
});

/** `pnpm load` (src/load/cli.ts); its other settings are flags. */
export const LOAD_ENV = defineEnv({
  LOAD_GATEWAY_TOKEN: v.string({ secret: true, description: 'Bearer token (operator role; approver too for the high-value scenario); unset, a dev-mode gateway.' }),
});

/** Every variable bench's processes read, for the docs. */
export const BENCH_DOC_ENV = defineEnv({ ...BENCH_ENV.properties, ...CEILING_WORKER_ENV.properties, ...LOAD_ENV.properties });

/** Read when a benchmark module loads, so a bad value stops it before any server starts. */
export const benchSettings = readEnv(BENCH_ENV, process.env);
