import { proxyActivities } from '@temporalio/workflow';
import type { MlHistoryPage, MlHistoryPageInput } from '@temporal-ecommerce/contracts/ml';
import type { MlActivities } from '../activities';

const { readHistoryPage } = proxyActivities<MlActivities>({
  startToCloseTimeout: '30 seconds',
  retry: { maximumAttempts: 3 },
});

/**
 * One page of a training run's stored metrics or checkpoint records, read by the worker that owns the
 * store. A workflow rather than an Update on the training run: pages are read after the run has ended
 * too, when it takes no more Updates, and the gateway reaches the store across hosts through Temporal.
 */
export async function mlHistoryPageWorkflow(input: MlHistoryPageInput): Promise<MlHistoryPage> {
  return await readHistoryPage(input);
}
