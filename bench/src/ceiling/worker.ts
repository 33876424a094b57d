import { createLogger, runWorker } from '@temporal-ecommerce/worker-kit';
import type { WorkerOptions } from '@temporalio/worker';
import * as activities from './activities';
import { readEnv } from '@temporal-ecommerce/env';
import { CEILING_WORKER_ENV } from '../env';

/**
 * Entry of the ceiling worker process: TEMPORAL_ADDRESS, BENCH_TASK_QUEUE, BENCH_WORKFLOW_BUNDLE, BENCH_WORKER_OPTIONS (JSON of
 * Worker options, for the worker-options bench). Runs through worker-kit's runWorker like every app
 * worker, so it gets the options we ship.
 */
async function run(): Promise<void> {
  const env = readEnv(CEILING_WORKER_ENV, process.env);
  const logger = createLogger('bench-ceiling', { level: env.LOG_LEVEL });
  const workerOptions = JSON.parse(env.BENCH_WORKER_OPTIONS) as Partial<WorkerOptions>;
  await runWorker({
    service: 'bench-ceiling',
    address: env.TEMPORAL_ADDRESS,
    namespace: 'default',
    taskQueue: env.BENCH_TASK_QUEUE,
    workflowsPath: require.resolve('./workflows'),
    // Prebundled by the bench that starts many of these workers, so each starts without webpack.
    ...(env.BENCH_WORKFLOW_BUNDLE ? { workflowBundlePath: env.BENCH_WORKFLOW_BUNDLE } : {}),
    activities,
    logger,
    workerOptions,
  });
}

run().catch((err) => {
  console.error(err);
  process.exit(1);
});
