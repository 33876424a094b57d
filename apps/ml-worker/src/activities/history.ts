import { ApplicationFailure } from '@temporalio/activity';
import { ErrorType } from '@temporal-ecommerce/contracts/errors';
import { ML_PAGE, type MlHistoryPage, type MlHistoryPageInput } from '@temporal-ecommerce/contracts/ml';
import type { TrainingHistoryStore } from './history-store';

/** Pages of a run's stored metrics and checkpoint records, for the gateway (through mlHistoryPageWorkflow). */
export function createHistoryActivities({ history }: { history: TrainingHistoryStore }) {
  return {
    async readHistoryPage(input: MlHistoryPageInput): Promise<MlHistoryPage> {
      const { storeKey, kind, after } = input;
      const limit = input.limit;
      if (!Number.isInteger(limit) || limit < 1 || limit > ML_PAGE.maxLimit || !Number.isInteger(after) || after < 0) {
        throw ApplicationFailure.nonRetryable(`page limit must be 1-${ML_PAGE.maxLimit} and cursor a non-negative integer`, ErrorType.InvalidRequest);
      }
      // One row more than asked says whether another page follows without a second query.
      if (kind === 'metrics') {
        const rows = await history.metrics(storeKey, after, limit + 1);
        const items = rows.slice(0, limit);
        return { kind, items, nextCursor: rows.length > limit ? items.at(-1)!.epoch : null };
      }
      if (kind === 'checkpoints') {
        const rows = await history.checkpoints(storeKey, after, limit + 1);
        const items = rows.slice(0, limit);
        return { kind, items, nextCursor: rows.length > limit ? items.at(-1)!.epoch : null };
      }
      throw ApplicationFailure.nonRetryable(`unknown history kind "${String(kind)}"`, ErrorType.InvalidRequest);
    },
  };
}
