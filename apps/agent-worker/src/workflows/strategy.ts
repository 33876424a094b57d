import type { AnalysisProgress, AnalysisStrategy } from '@temporal-ecommerce/contracts/agent';
import type { FileSummary } from '../activities';

export interface StrategyChange {
  to: AnalysisStrategy;
  reason: string;
}

/** Below this share of the budget left, analysis drops to the cheapest strategy. */
export const LOW_BUDGET_SHARE = 0.2;
/** A raised budget must leave at least this share before the deeper strategy comes back. */
export const RESTORED_BUDGET_SHARE = 0.5;

const dollars = (n: number) => `$${n.toFixed(4)}`;

/**
 * The adaptive part of the agent, a pure function of the run's state and the last file's summary
 * (undefined right after a budget decision). Budget pressure wins over everything; critical findings
 * narrow a thorough run to security.
 */
export function nextStrategy(state: Pick<AnalysisProgress, 'strategy' | 'budget' | 'budgetRemaining' | 'issueCounts'>, last: FileSummary | undefined): StrategyChange | undefined {
  const share = state.budget > 0 ? state.budgetRemaining / state.budget : 0;
  if (share < LOW_BUDGET_SHARE) {
    if (state.strategy === 'fast') return undefined;
    return { to: 'fast', reason: `only ${dollars(Math.max(state.budgetRemaining, 0))} of the ${dollars(state.budget)} budget remains (< ${LOW_BUDGET_SHARE * 100}%)` };
  }
  if (state.strategy === 'fast' && share >= RESTORED_BUDGET_SHARE) {
    const to: AnalysisStrategy = state.issueCounts.critical > 0 ? 'security-focused' : 'thorough';
    return { to, reason: `budget raised to ${dollars(state.budget)}; ${dollars(state.budgetRemaining)} remains` };
  }
  if (state.strategy === 'thorough' && last && last.issueCounts.critical > 0) {
    return { to: 'security-focused', reason: `${last.issueCounts.critical} critical issue(s) in ${last.file}: concentrating on security and correctness` };
  }
  return undefined;
}
