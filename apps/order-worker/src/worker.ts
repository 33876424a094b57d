import path from 'node:path';
import { createLogger, runWorker } from '@temporal-ecommerce/worker-kit';
import { BILLING_NAMESPACE, BILLING_TASK_QUEUE } from '@temporal-ecommerce/contracts/billing';
import { createActivities } from './activities';
import { billingServiceHandler } from './billing/service';
import { openOrderStore } from './services/database';
import { loadEnv } from './env';

async function run(): Promise<void> {
  const env = loadEnv();
  const logger = createLogger('order-worker', { level: env.LOG_LEVEL });
  const db = await openOrderStore(env.database);
  logger.info({ store: db.kind }, 'order store open');
  const faults = Object.entries(env.faults).filter(([, v]) => (Array.isArray(v) ? v.length > 0 : v !== 0 && v !== 'ok'));
  if (faults.length > 0) logger.warn({ faults: Object.fromEntries(faults) }, 'fault injection is ON');
  // One set of activities for both Workers: billing's charge and the order's steps share the ledger and faults.
  const activities = createActivities({ db, faults: env.faults, ...(env.carrier ? { carrier: env.carrier } : {}) });
  const production = env.NODE_ENV === 'production';
  try {
    await runWorker({
      service: 'order-worker',
      address: env.TEMPORAL_ADDRESS,
      namespace: env.TEMPORAL_NAMESPACE,
      taskQueue: env.TASK_QUEUE,
      workflowsPath: require.resolve('./workflows'),
      // Production only: a stale bundle must not shadow the sources during development.
      workflowBundlePath: production ? path.join(__dirname, 'workflow-bundle.js') : undefined,
      activities,
      // Only the order Worker's slots: billing's companion keeps the SDK's, as in production.
      workerOptions: env.slots,
      // Billing's Nexus service and workflows (docs/nexus.md) in this process: the order workflow charges
      // through them, so a process that takes orders always serves billing too, and stops with it.
      companions: [
        {
          name: 'billing',
          namespace: BILLING_NAMESPACE,
          taskQueue: BILLING_TASK_QUEUE,
          workflowsPath: require.resolve('./billing/workflows'),
          workflowBundlePath: production ? path.join(__dirname, 'billing-workflow-bundle.js') : undefined,
          activities,
          nexusServices: [billingServiceHandler],
        },
      ],
      logger,
      ...env.kit, // metricsAddress, tracing, encryption, connectionOptions, deployment (versioning)
    });
  } finally {
    await db.close();
  }
}

run().catch((err) => {
  console.error(err);
  process.exit(1);
});
