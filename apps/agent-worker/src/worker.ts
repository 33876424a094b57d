import path from 'node:path';
import { createLogger, runWorker } from '@temporal-ecommerce/worker-kit';
import { createActivities } from './activities';
import { createAnthropicReviewer } from './activities/llm';
import { loadEnv } from './env';
import { detectSandbox } from './sandbox/detect';
import { typescriptNodePath } from './test-process-env';
import { openAnalysisStore } from './store/analysis-store';

/** See workerOptions below: how often, at most, a heartbeating activity's heartbeat reaches the server. */
const AGENT_MAX_HEARTBEAT_THROTTLE = '500 milliseconds';

async function run(): Promise<void> {
  const env = loadEnv();
  const logger = createLogger('agent-worker', { level: env.LOG_LEVEL });
  const store = await openAnalysisStore(env.store);
  const llm = env.llm ? { reviewer: createAnthropicReviewer(env.llm), pricing: env.llm.pricing } : undefined;
  logger.info({ fileDelayMs: env.fileDelayMs, llm: env.llm ? env.llm.model : 'off', dataDir: env.DATA_DIR, store: env.store.kind, repositoryRoots: env.repositoryRoots }, 'agent worker configuration');
  const testNodePath = typescriptNodePath();
  const sandbox = await detectSandbox({ request: env.sandbox, production: env.NODE_ENV === 'production', uid: env.sandboxUid, readOnlyPaths: [path.dirname(path.dirname(process.execPath)), testNodePath] });
  // Exactly what a repository's test command will be confined by, and why nothing stronger is used.
  logger.info({ mode: sandbox.spec.mode, protections: sandbox.protections, unavailable: sandbox.unavailable, limits: env.testLimits }, 'test sandbox');
  if (sandbox.refusal) logger.error({ mode: sandbox.spec.mode }, `test sandbox: ${sandbox.refusal}`);
  else if (sandbox.spec.mode === 'none') logger.warn('test sandbox: NONE. A repository\'s test command runs with the worker\'s uid and can read its files');
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
        repositoryRoots: env.repositoryRoots,
        sandbox,
        testLimits: env.testLimits,
        testNodePath,
        ...(llm ? { llm } : {}),
      }),
      logger,
      // The SDK sends a heartbeat at most every 80 % of the activity's heartbeat timeout (1.6 s of the file
      // step's 2 s: 0.4 s of slack); every 500 ms leaves 1.5 s. A heartbeat is one small RPC.
      // AGENT_MAX_CACHED_WORKFLOWS=0 turns the workflow cache off: no sticky queue to wait on after a crash, a
      // replay of the run's history on every task instead (docs/performance.md).
      workerOptions: {
        maxHeartbeatThrottleInterval: AGENT_MAX_HEARTBEAT_THROTTLE,
        ...(env.maxCachedWorkflows !== undefined ? { maxCachedWorkflows: env.maxCachedWorkflows } : {}),
      },
      ...env.kit, // metricsAddress, tracing, encryption, connectionOptions, deployment (versioning)
    });
  } finally {
    await store.close();
  }
}

run().catch((err) => {
  console.error(err);
  process.exit(1);
});
