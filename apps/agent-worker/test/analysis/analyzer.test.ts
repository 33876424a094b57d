import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { analyzeSource } from '../../src/analysis/analyzer';
import { applyFixes } from '../../src/analysis/fixes';
import { STRATEGY_CATEGORIES } from '../../src/analysis/rules';
import { costOf, estimateTokens } from '../../src/analysis/cost';

const SAMPLE = join(__dirname, '../../../../examples/sample-codebase');
const read = (file: string) => readFileSync(join(SAMPLE, file), 'utf8');
const all = STRATEGY_CATEGORIES.thorough;
const rulesAt = (file: string) => analyzeSource(file, read(file), all).issues.map((i) => `${i.rule}@${i.line}`);

describe('analyzeSource on the sample codebase', () => {
  it('finds SQL built by concatenation and by template interpolation', () => {
    expect(rulesAt('src/models/User.ts')).toEqual(expect.arrayContaining(['sql-injection@18', 'sql-injection@24']));
    expect(rulesAt('src/models/Product.ts')).toContain('sql-injection@19');
    const issue = analyzeSource('src/lib/database.ts', read('src/lib/database.ts'), all).issues.find((i) => i.rule === 'sql-injection');
    expect(issue).toMatchObject({ severity: 'high', type: 'security-risk', line: 39 });
  });

  it('flags eval as critical and hard-coded secrets as high', () => {
    const api = analyzeSource('src/utils/api.ts', read('src/utils/api.ts'), all);
    expect(api.issues[0]).toMatchObject({ rule: 'eval', severity: 'critical', line: 7 });
    expect(api.fixable.eval).toBe(1);
    const settings = analyzeSource('src/pages/Settings.tsx', read('src/pages/Settings.tsx'), all);
    expect(settings.issues[0]).toMatchObject({ rule: 'eval', severity: 'critical' });
    expect(settings.fixable.eval).toBeUndefined();
    expect(rulesAt('src/config/constants.ts')).toEqual(['hardcoded-secret@7']);
    expect(rulesAt('src/services/auth.ts')).toContain('hardcoded-secret@6');
  });

  it('reports deep nesting, loose equality (not == null), dead code, any and performance smells', () => {
    expect(rulesAt('src/utils/validation.ts')).toEqual(expect.arrayContaining(['deep-nesting@16', 'loose-equality@7', 'loose-equality@14', 'explicit-any@6']));
    expect(rulesAt('src/hooks/useUser.ts')).not.toContain('loose-equality@11');
    expect(rulesAt('src/components/Footer.tsx')).toEqual(expect.arrayContaining(['unreachable-code@14', 'unused-function@17']));
    expect(rulesAt('src/services/analytics.ts')).toEqual(expect.arrayContaining(['await-in-loop@20', 'console-log@23']));
    expect(rulesAt('src/pages/Dashboard.tsx')).toEqual(expect.arrayContaining(['nested-loops@16', 'deep-nesting@18']));
    expect(rulesAt('src/pages/Home.tsx')).toContain('json-deep-clone@8');
    expect(rulesAt('src/config/routes.ts')).toEqual([]);
  });

  it('measures lines and cyclomatic complexity', () => {
    const { metrics } = analyzeSource('src/pages/Dashboard.tsx', read('src/pages/Dashboard.tsx'), all);
    expect(metrics.lines).toBe(read('src/pages/Dashboard.tsx').split('\n').length - 1);
    expect(metrics.maxFunctionComplexity).toBeGreaterThanOrEqual(7);
    expect(metrics.maxNesting).toBe(6);
  });

  it('restricts findings to the strategy and is deterministic', () => {
    const fast = analyzeSource('src/utils/validation.ts', read('src/utils/validation.ts'), STRATEGY_CATEGORIES.fast);
    expect(fast.issues).toEqual([]);
    const a = analyzeSource('src/models/User.ts', read('src/models/User.ts'), all);
    const b = analyzeSource('src/models/User.ts', read('src/models/User.ts'), all);
    expect(a).toEqual(b);
    expect(a.suggestions.length).toBeGreaterThan(0);
  });
});

describe('applyFixes', () => {
  it('turns eval-as-JSON into JSON.parse and == into ===, leaving == null alone', () => {
    const { text, applied } = applyFixes('src/utils/api.ts', read('src/utils/api.ts'), ['eval', 'loose-equality']);
    expect(text).toContain('return JSON.parse(text);');
    expect(text).toContain('query.length === 0');
    expect(applied.map((a) => a.rule).sort()).toEqual(['eval', 'loose-equality']);
    const hook = applyFixes('src/hooks/useUser.ts', read('src/hooks/useUser.ts'), ['loose-equality']);
    expect(hook.text).toContain('email == null');
  });

  it('deletes unreachable statements and unused functions, and is idempotent', () => {
    const once = applyFixes('src/components/Footer.tsx', read('src/components/Footer.tsx'), ['unreachable-code', 'unused-function']);
    expect(once.text).not.toContain("console.log('rendered footer')");
    expect(once.text).not.toContain('legacyCopyright');
    const twice = applyFixes('src/components/Footer.tsx', once.text, ['unreachable-code', 'unused-function']);
    expect(twice.applied).toEqual([]);
    expect(twice.text).toBe(once.text);
  });
});

describe('cost', () => {
  it('charges by estimated tokens and strategy passes', () => {
    const text = 'x'.repeat(4000);
    expect(estimateTokens(text, 'thorough', 2)).toEqual({ inputTokens: 3000, outputTokens: 80 });
    expect(estimateTokens(text, 'fast', 0)).toEqual({ inputTokens: 1000, outputTokens: 0 });
    expect(costOf({ inputTokens: 3000, outputTokens: 80 }, { inputPer1K: 0.003, outputPer1K: 0.015 })).toBe(0.0102);
  });
});
