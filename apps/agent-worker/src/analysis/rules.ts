import type { AnalysisStrategy, Severity, SpecialistKind } from '@temporal-ecommerce/contracts/agent';

export type RuleCategory = 'security' | 'correctness' | 'maintainability' | 'performance' | 'type-safety';

export interface RuleInfo {
  category: RuleCategory;
  /** The issue `type` clients see (the README's vocabulary). */
  issueType: string;
  severity: Severity;
  /** Whether fixes.ts can rewrite it automatically. */
  autoFix: boolean;
  suggestion: string;
}

export const RULES = {
  'sql-injection': {
    category: 'security',
    issueType: 'security-risk',
    severity: 'high',
    autoFix: false,
    suggestion: 'Pass values as query parameters (query(sql, [value])) instead of concatenating them into SQL.',
  },
  eval: {
    category: 'security',
    issueType: 'security-risk',
    severity: 'critical',
    autoFix: true,
    suggestion: 'Replace eval with JSON.parse for data, or a small expression parser for formulas.',
  },
  'hardcoded-secret': {
    category: 'security',
    issueType: 'security-risk',
    severity: 'high',
    autoFix: false,
    suggestion: 'Read secrets from the environment or a secret manager and rotate the leaked value.',
  },
  'loose-equality': {
    category: 'correctness',
    issueType: 'correctness',
    severity: 'medium',
    autoFix: true,
    suggestion: 'Use === and !== so that comparisons do not coerce types.',
  },
  'deep-nesting': {
    category: 'maintainability',
    issueType: 'maintainability',
    severity: 'medium',
    autoFix: false,
    suggestion: 'Flatten deeply nested conditions with guard clauses and early returns.',
  },
  'high-complexity': {
    category: 'maintainability',
    issueType: 'maintainability',
    severity: 'medium',
    autoFix: false,
    suggestion: 'Split functions with many branches into smaller named functions.',
  },
  'unreachable-code': {
    category: 'maintainability',
    issueType: 'maintainability',
    severity: 'low',
    autoFix: true,
    suggestion: 'Delete statements that can never run.',
  },
  'unused-function': {
    category: 'maintainability',
    issueType: 'maintainability',
    severity: 'low',
    autoFix: true,
    suggestion: 'Delete functions that nothing calls.',
  },
  'console-log': {
    category: 'maintainability',
    issueType: 'maintainability',
    severity: 'low',
    autoFix: false,
    suggestion: 'Use the application logger instead of console.log.',
  },
  'explicit-any': {
    category: 'type-safety',
    issueType: 'type-safety',
    severity: 'low',
    autoFix: false,
    suggestion: 'Replace any with a precise type or unknown plus a type guard.',
  },
  'await-in-loop': {
    category: 'performance',
    issueType: 'performance-issue',
    severity: 'medium',
    autoFix: false,
    suggestion: 'Run independent awaits concurrently (Promise.all) or in bounded batches.',
  },
  'nested-loops': {
    category: 'performance',
    issueType: 'performance-issue',
    severity: 'medium',
    autoFix: false,
    suggestion: 'Index the data once (Map by key) instead of scanning it inside nested loops.',
  },
  'json-deep-clone': {
    category: 'performance',
    issueType: 'performance-issue',
    severity: 'low',
    autoFix: false,
    suggestion: 'Use structuredClone, or avoid copying data that is not mutated.',
  },
} as const satisfies Record<string, RuleInfo>;

export type RuleId = keyof typeof RULES;

/** What each analysis strategy looks at. Fewer categories, fewer passes, fewer tokens. */
export const STRATEGY_CATEGORIES: Record<AnalysisStrategy, readonly RuleCategory[]> = {
  thorough: ['security', 'correctness', 'maintainability', 'performance', 'type-safety'],
  'security-focused': ['security', 'correctness'],
  fast: ['security'],
};

/** Model passes a strategy costs per file (the LLM-free estimate multiplies the file's tokens by this). */
export const STRATEGY_PASSES: Record<AnalysisStrategy, number> = { thorough: 3, 'security-focused': 2, fast: 1 };

export const SPECIALIST_CATEGORIES: Record<SpecialistKind, readonly RuleCategory[]> = {
  architecture: ['maintainability', 'type-safety'],
  security: ['security', 'correctness'],
  performance: ['performance'],
};
