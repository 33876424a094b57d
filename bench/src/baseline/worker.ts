import { DefaultLogger, NativeConnection, Runtime, Worker } from '@temporalio/worker';
import * as activities from './activities';
import { BASELINE_TASK_QUEUE } from './names';

/** Entry of the baseline worker process: TEMPORAL_ADDRESS, BASELINE_TASK_QUEUE. */
async function run(): Promise<void> {
  const address = process.env.TEMPORAL_ADDRESS ?? '127.0.0.1:7233';
  const taskQueue = process.env.BASELINE_TASK_QUEUE ?? BASELINE_TASK_QUEUE;
  Runtime.install({ logger: new DefaultLogger('WARN') });
  const connection = await NativeConnection.connect({ address });
  try {
    const worker = await Worker.create({ connection, taskQueue, workflowsPath: require.resolve('./workflows'), activities });
    await worker.run();
  } finally {
    await connection.close();
  }
}

run().catch((err) => {
  console.error(err);
  process.exit(1);
});
