import { proxyActivities } from '@temporalio/workflow';
import type { BatchDiffInput, BatchDiffRecord } from '@temporal-ecommerce/contracts/agent';
import type { AgentActivities } from '../activities';

const { readBatchDiff } = proxyActivities<AgentActivities>({
  startToCloseTimeout: '30 seconds',
  retry: { maximumAttempts: 3 },
});

/**
 * One refactor batch's diff, read by the worker that owns the store (the diffs stay out of the analysis's
 * history). A workflow rather than a query on the analysis: a query cannot run an activity, the analysis
 * may have ended, and the gateway reaches the store across hosts through Temporal (as ML history pages do).
 * Its result is the capped diff (at most 64 KiB), in this short workflow's own history.
 */
export async function batchDiffWorkflow(input: BatchDiffInput): Promise<BatchDiffRecord | null> {
  return await readBatchDiff(input);
}
