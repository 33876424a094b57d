import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { log } from '@temporalio/activity';
import { SEVERITIES, SEVERITY_RANK, type AnalysisProgress, type AnalyzeRequest, type BatchDiffInput, type BatchDiffRecord, type PlanBatch, type Severity } from '@temporal-ecommerce/contracts/agent';
import { RULES, type RuleId } from '../analysis/rules';
import type { AnalysisStore, StoredPlan } from '../store/analysis-store';
import { safeName } from './paths';

export interface PlanningDeps {
  store: AnalysisStore;
  dataDir: string;
}

export interface PlanInput {
  storeKey: string;
  targetImprovement?: AnalyzeRequest['targetImprovement'];
  /** Files per batch when the codebase is small. Default 4. */
  maxFilesPerBatch?: number;
  /** Upper bound on batches (each runs the test suite once); large codebases get bigger batches. Default 20. */
  maxBatches?: number;
}

const AUTO_FIX_RULES = (Object.keys(RULES) as RuleId[]).filter((r) => RULES[r].autoFix);

/** The fixes a refactor for `target` may apply: a security refactor changes nothing but security. */
export function rulesFor(target: PlanInput['targetImprovement']): RuleId[] {
  return target === 'security' ? AUTO_FIX_RULES.filter((r) => RULES[r].category === 'security') : AUTO_FIX_RULES;
}

export function createPlanningActivities(deps: PlanningDeps) {
  return {
    /** A refactor batch's diff from the store (written by applyBatchFixes), for batchDiffWorkflow; null when it has none. */
    async readBatchDiff(input: BatchDiffInput): Promise<BatchDiffRecord | null> {
      return (await deps.store.batchDiff(input.storeKey, input.batchId)) ?? null;
    },

    /**
     * Batches of files with automatic fixes, most severe first (a batch's priority is the worst issue it
     * fixes), files in analysis order within a priority. Stored for the refactor and the report.
     */
    async generateRefactorPlan(input: PlanInput): Promise<StoredPlan> {
      const rules = rulesFor(input.targetImprovement);
      const byPriority = new Map<Severity, { file: string; fixes: number }[]>();
      let fileCount = 0;
      for (const result of await deps.store.fileResults(input.storeKey)) {
        const present = rules.filter((r) => (result.analysis.fixable[r] ?? 0) > 0);
        if (present.length === 0) continue;
        const priority = present.map((r) => RULES[r].severity).sort((a, b) => SEVERITY_RANK[a] - SEVERITY_RANK[b])[0]!;
        const fixes = present.reduce((n, r) => n + (result.analysis.fixable[r] ?? 0), 0);
        byPriority.set(priority, [...(byPriority.get(priority) ?? []), { file: result.file, fixes }]);
        fileCount++;
      }
      const maxBatches = input.maxBatches ?? 20;
      const batchSize = Math.max(input.maxFilesPerBatch ?? 4, Math.ceil(fileCount / maxBatches));
      const batches: PlanBatch[] = [];
      for (const priority of SEVERITIES) {
        const files = byPriority.get(priority) ?? [];
        for (let i = 0; i < files.length; i += batchSize) {
          const chunk = files.slice(i, i + batchSize);
          batches.push({ batchId: `batch-${batches.length + 1}`, priority, files: chunk.map((f) => f.file), fixCount: chunk.reduce((n, f) => n + f.fixes, 0) });
        }
      }
      const plan: StoredPlan = { planId: `plan-${safeName(input.storeKey)}`, totalFixes: batches.reduce((n, b) => n + b.fixCount, 0), batches, rules };
      await deps.store.savePlan(input.storeKey, plan);
      log.info('Refactor plan generated', { planId: plan.planId, batches: batches.length, totalFixes: plan.totalFixes });
      return plan;
    },

    /** The final report: the run's outcome plus every file's full analysis, as JSON on the data volume. */
    async writeReport(input: { storeKey: string; progress: AnalysisProgress }): Promise<{ reportPath: string }> {
      const dir = join(deps.dataDir, 'agent', 'reports');
      await mkdir(dir, { recursive: true });
      const reportPath = join(dir, `${safeName(input.storeKey)}.json`);
      const files = (await deps.store.fileResults(input.storeKey)).map((r) => ({
        file: r.file,
        strategy: r.strategy,
        analyser: r.analyser,
        cost: r.cost,
        tokens: { input: r.inputTokens, output: r.outputTokens },
        metrics: r.analysis.metrics,
        issues: r.analysis.issues,
        suggestions: r.analysis.suggestions,
      }));
      const report = { ...input.progress, reportPath, plan: await deps.store.plan(input.storeKey), files };
      await writeFile(reportPath, JSON.stringify(report, null, 2));
      return { reportPath };
    },
  };
}
