import { createLogger, runWorker } from '@temporal-ecommerce/worker-kit';
import type { WorkerOptions } from '@temporalio/worker';
import * as activities from './activities';
import { CEILING_TASK_QUEUE } from './names';

/**
 * Entry of the ceiling worker process: TEMPORAL_ADDRESS, BENCH_TASK_QUEUE, BENCH_WORKFLOW_BUNDLE, BENCH_WORKER_OPTIONS (JSON of
 * Worker options, for the worker-options bench). Runs through worker-kit's runWorker like every app
 * worker, so it gets the options we ship.
 */
async function run(): Promise<void> {
  const logger = createLogger('bench-ceiling', { level: process.env.LOG_LEVEL ?? 'warn' });
  const workerOptions = JSON.parse(process.env.BENCH_WORKER_OPTIONS || '{}') as Partial<WorkerOptions>;
  await runWorker({
    service: 'bench-ceiling',
    address: process.env.TEMPORAL_ADDRESS ?? '127.0.0.1:7233',
    namespace: 'default',
    taskQueue: process.env.BENCH_TASK_QUEUE ?? CEILING_TASK_QUEUE,
    workflowsPath: require.resolve('./workflows'),
    // Prebundled by the bench that starts many of these workers, so each starts without webpack.
    ...(process.env.BENCH_WORKFLOW_BUNDLE ? { workflowBundlePath: process.env.BENCH_WORKFLOW_BUNDLE } : {}),
    activities,
    logger,
    workerOptions,
  });
}

run().catch((err) => {
  console.error(err);
  process.exit(1);
});
