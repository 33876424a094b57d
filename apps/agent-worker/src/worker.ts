import path from 'node:path';
import { createLogger, runWorker } from '@temporal-ecommerce/worker-kit';
import { createActivities } from './activities';
import { createAnthropicReviewer } from './activities/llm';
import { loadEnv } from './env';
import { AnalysisStore } from './store/analysis-store';

async function run(): Promise<void> {
  const env = loadEnv();
  const logger = createLogger('agent-worker', { level: env.LOG_LEVEL });
  const store = new AnalysisStore(path.join(env.DATA_DIR, 'agent', 'agent.sqlite'));
  const llm = env.llm ? { reviewer: createAnthropicReviewer(env.llm), pricing: env.llm.pricing } : undefined;
  logger.info({ fileDelayMs: env.fileDelayMs, llm: env.llm ? env.llm.model : 'off', dataDir: env.DATA_DIR }, 'agent worker configuration');
  try {
    await runWorker({
      service: 'agent-worker',
      address: env.TEMPORAL_ADDRESS,
      namespace: env.TEMPORAL_NAMESPACE,
      taskQueue: env.TASK_QUEUE,
      workflowsPath: require.resolve('./workflows'),
      // Production only: a stale bundle must not shadow the sources during development.
      workflowBundlePath: env.NODE_ENV === 'production' ? path.join(__dirname, 'workflow-bundle.js') : undefined,
      activities: createActivities({
        store,
        dataDir: env.DATA_DIR,
        pricing: env.pricing,
        fileDelayMs: env.fileDelayMs,
        testTimeoutMs: env.testTimeoutMs,
        testEnv: env.testEnv,
        ...(llm ? { llm } : {}),
      }),
      logger,
      ...env.kit, // metricsAddress, tracing, encryption, connectionOptions
    });
  } finally {
    store.close();
  }
}

run().catch((err) => {
  console.error(err);
  process.exit(1);
});
