import type { AnalysisStrategy } from '@temporal-ecommerce/contracts/agent';
import { STRATEGY_PASSES } from './rules';

/** Roughly four characters per token for source code, as tokenizers of current models average. */
const CHARS_PER_TOKEN = 4;
/** Output tokens a reviewer spends per reported issue. */
const OUTPUT_TOKENS_PER_ISSUE = 40;

export interface TokenEstimate {
  inputTokens: number;
  outputTokens: number;
}

/** What analysing `text` with `strategy` would cost a model: each pass reads the whole file. */
export function estimateTokens(text: string, strategy: AnalysisStrategy, issueCount: number): TokenEstimate {
  return {
    inputTokens: Math.ceil(text.length / CHARS_PER_TOKEN) * STRATEGY_PASSES[strategy],
    outputTokens: issueCount * OUTPUT_TOKENS_PER_ISSUE,
  };
}

export interface Pricing {
  /** Dollars per 1,000 input tokens. */
  inputPer1K: number;
  /** Dollars per 1,000 output tokens. */
  outputPer1K: number;
}

/** Dollars, rounded to a millionth so sums in the workflow stay readable. */
export function costOf(tokens: TokenEstimate, pricing: Pricing): number {
  const dollars = (tokens.inputTokens / 1000) * pricing.inputPer1K + (tokens.outputTokens / 1000) * pricing.outputPer1K;
  return Math.round(dollars * 1e6) / 1e6;
}
