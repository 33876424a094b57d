import { proxyActivities } from '@temporalio/workflow';
import type { AuditCheckpointsInput, AuditReport } from '@temporal-ecommerce/contracts/ml';
import type { MlActivities } from '../activities';

const { auditCheckpoints } = proxyActivities<MlActivities>({
  startToCloseTimeout: '10 minutes',
  // The audit re-reads every checkpoint of a run (thousands of files) and heartbeats as it goes.
  heartbeatTimeout: '30 seconds',
  retry: { maximumAttempts: 3 },
});

/**
 * A short workflow on the ML task queue so that the gateway, which never touches the worker's disk,
 * can have the artifact store re-read and verified by the process that owns it.
 */
export async function auditCheckpointsWorkflow(input: AuditCheckpointsInput): Promise<AuditReport> {
  return await auditCheckpoints(input);
}
