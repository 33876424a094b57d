import path from 'node:path';
import { createLogger, runWorker } from '@temporal-ecommerce/worker-kit';
import { createActivities, FileArtifactStore, openTrainingHistoryStore, S3ArtifactStore } from './activities';
import { loadEnv } from './env';
import { ThreadSlots } from './training/training-thread';

async function run(): Promise<void> {
  const env = loadEnv();
  const logger = createLogger('ml-worker', { level: env.LOG_LEVEL });
  // Region, credentials and endpoint: the AWS SDK's own chain (AWS_* variables, profiles, roles).
  const store = env.artifactS3 ? new S3ArtifactStore(env.artifactS3, { endpointConfigured: env.s3EndpointConfigured }) : new FileArtifactStore(env.ARTIFACTS_DIR);
  const history = await openTrainingHistoryStore(env.history);
  logger.info({ artifacts: store.root, history: env.history.kind === 'sqlite' ? env.HISTORY_DB : 'postgres', trainingThreads: env.TRAINING_THREADS }, 'artifact and history stores');
  try {
    await runWorker({
      service: 'ml-worker',
      address: env.TEMPORAL_ADDRESS,
      namespace: env.TEMPORAL_NAMESPACE,
      taskQueue: env.TASK_QUEUE,
      workflowsPath: require.resolve('./workflows'),
      // Production only: a stale bundle must not shadow the sources during development.
      workflowBundlePath: env.NODE_ENV === 'production' ? path.join(__dirname, 'workflow-bundle.js') : undefined,
      activities: createActivities({ store, history, threads: new ThreadSlots(env.TRAINING_THREADS) }),
      logger,
      ...env.kit, // metricsAddress, tracing, encryption, connectionOptions, deployment (versioning)
      workerOptions: {
        // Heartbeats reach the server at least every second, so the checkpoint a retry resumes from is
        // at most a second old when this process dies.
        maxHeartbeatThrottleInterval: '1 second',
      },
    });
  } finally {
    await history.close();
  }
}

run().catch((err) => {
  console.error(err);
  process.exit(1);
});
