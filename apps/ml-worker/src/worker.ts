import path from 'node:path';
import { createLogger, runWorker } from '@temporal-ecommerce/worker-kit';
import { createActivities, FileArtifactStore, SqliteTrainingHistoryStore } from './activities';
import { loadEnv } from './env';

async function run(): Promise<void> {
  const env = loadEnv();
  const logger = createLogger('ml-worker', { level: env.LOG_LEVEL });
  const store = new FileArtifactStore(env.ARTIFACTS_DIR);
  const history = new SqliteTrainingHistoryStore(env.HISTORY_DB);
  logger.info({ artifacts: store.root, history: env.HISTORY_DB }, 'artifact and history stores');
  try {
    await runWorker({
      service: 'ml-worker',
      address: env.TEMPORAL_ADDRESS,
      namespace: env.TEMPORAL_NAMESPACE,
      taskQueue: env.TASK_QUEUE,
      workflowsPath: require.resolve('./workflows'),
      // Production only: a stale bundle must not shadow the sources during development.
      workflowBundlePath: env.NODE_ENV === 'production' ? path.join(__dirname, 'workflow-bundle.js') : undefined,
      activities: createActivities({ store, history }),
      logger,
      ...env.kit, // metricsAddress, tracing, encryption, connectionOptions, deployment (versioning)
      workerOptions: {
        // Heartbeats reach the server at least every second, so the checkpoint a retry resumes from is
        // at most a second old when this process dies.
        maxHeartbeatThrottleInterval: '1 second',
      },
    });
  } finally {
    history.close();
  }
}

run().catch((err) => {
  console.error(err);
  process.exit(1);
});
