import { readdir, readFile, stat } from 'node:fs/promises';
import { join, relative } from 'node:path';
import { Context, log } from '@temporalio/activity';
import { ApplicationFailure } from '@temporalio/common';
import { ErrorType } from '@temporal-ecommerce/contracts/errors';
import {
  emptyIssueCounts,
  type AnalysisStrategy,
  type Issue,
  type IssueCounts,
  type SpecialistKind,
} from '@temporal-ecommerce/contracts/agent';
import { costOf, estimateTokens, type Pricing } from '../analysis/cost';
import { SPECIALIST_CATEGORIES, STRATEGY_CATEGORIES, type RuleCategory } from '../analysis/rules';
import type { AnalysisStore } from '../store/analysis-store';
import type { LlmReviewer } from './llm';
import { allowedRepository, fileInRepository } from './repository';

export interface SourceFileDeps {
  store: AnalysisStore;
  pricing: Pricing;
  /** Extra time spent on each file, so the crash-recovery demo can be watched (0 in production). */
  fileDelayMs: number;
  /** AGENT_REPOSITORY_ROOTS, checked by every activity that reads a repository. */
  repositoryRoots: readonly string[];
  llm?: { reviewer: LlmReviewer; pricing: Pricing };
}

export interface AnalyzeFileInput {
  storeKey: string;
  repositoryPath: string;
  file: string;
  strategy: AnalysisStrategy;
  /** A specialist looks only at its own rule categories, in one pass. */
  specialist?: SpecialistKind;
}

/** What the workflow keeps of one file; the full result stays in the store. */
export interface FileSummary {
  file: string;
  cost: number;
  issueCounts: IssueCounts;
  /** The most severe issues of the file, at most TOP_ISSUES_PER_FILE. */
  topIssues: Issue[];
  fixable: number;
  error?: string;
}

const TOP_ISSUES_PER_FILE = 3;
const SOURCE_EXTENSIONS = /\.(ts|tsx|js|jsx)$/;
const SKIPPED_DIRS = new Set(['node_modules', '.git', 'dist', 'build', 'coverage']);
const MAX_LISTED_FILES = 5000;
/** Larger files (generated bundles, fixtures) are skipped with a reason: the analyser holds a file and its AST in memory. */
export const MAX_SOURCE_FILE_BYTES = 1024 * 1024;

/**
 * Runs `work` while heartbeating four times per heartbeat timeout (at most every second), so a killed
 * worker's activity is retried promptly and a live one has slack for a stalled event loop.
 */
async function withHeartbeat<T>(work: () => Promise<T>): Promise<T> {
  const ctx = Context.current();
  ctx.heartbeat();
  const timer = setInterval(() => ctx.heartbeat(), heartbeatIntervalMs(ctx.info.heartbeatTimeoutMs));
  try {
    return await work();
  } finally {
    clearInterval(timer);
  }
}

/** A quarter of the heartbeat timeout, between 100 ms and 1 s (1 s without a timeout). */
export function heartbeatIntervalMs(heartbeatTimeoutMs: number | undefined): number {
  if (!heartbeatTimeoutMs) return 1000;
  return Math.min(1000, Math.max(100, Math.floor(heartbeatTimeoutMs / 4)));
}

export function createSourceFileActivities(deps: SourceFileDeps) {
  return {
    /**
     * Analyses one file and stores the full result; returns a summary small enough for history.
     * Each execution is appended to the ledger, so tests can prove a completed file is never redone.
     */
    async analyzeFile(input: AnalyzeFileInput): Promise<FileSummary> {
      const ctx = Context.current();
      const { storeKey, file } = input;
      const repository = await allowedRepository(input.repositoryPath, deps.repositoryRoots);
      await deps.store.recordExecution(storeKey, file, 'started', ctx.info.attempt);
      let text: string;
      try {
        const path = await fileInRepository(repository, file);
        if (!path) throw Object.assign(new Error('no such file'), { code: 'ENOENT' });
        const size = (await stat(path)).size;
        if (size > MAX_SOURCE_FILE_BYTES) throw Object.assign(new Error('too large'), { code: `larger than ${MAX_SOURCE_FILE_BYTES} bytes (${size})` });
        text = await readFile(path, 'utf8');
      } catch (err) {
        if (err instanceof ApplicationFailure) throw err;
        const message = `cannot read ${file}: ${(err as NodeJS.ErrnoException).code ?? String(err)}`;
        log.warn('Skipping unreadable file', { file, error: message });
        await deps.store.recordExecution(storeKey, file, 'completed', ctx.info.attempt);
        return { file, cost: 0, issueCounts: emptyIssueCounts(), topIssues: [], fixable: 0, error: message };
      }

      const categories: readonly RuleCategory[] = input.specialist ? SPECIALIST_CATEGORIES[input.specialist] : STRATEGY_CATEGORIES[input.strategy];
      const strategy: AnalysisStrategy = input.specialist ? 'fast' : input.strategy;
      // The analyser's TypeScript compiler (~38 MiB of heap) loads with the first file analysed, not when the
      // worker starts: an agent worker that has not analysed anything yet stays small (docs/performance.md).
      const { analyzeSource } = await import('../analysis/analyzer.js');
      const result = await withHeartbeat(async () => {
        if (deps.fileDelayMs > 0) await ctx.sleep(deps.fileDelayMs);
        const analysis = analyzeSource(file, text, categories);
        if (!deps.llm) {
          const tokens = estimateTokens(text, strategy, analysis.issues.length);
          return { analysis, tokens, cost: costOf(tokens, deps.pricing), analyser: 'static' as const };
        }
        const review = await deps.llm.reviewer.review(file, text, categories, ctx.cancellationSignal);
        analysis.issues.push(...review.issues);
        const tokens = { inputTokens: review.inputTokens, outputTokens: review.outputTokens };
        return { analysis, tokens, cost: costOf(tokens, deps.llm.pricing), analyser: 'static+llm' as const };
      });

      await deps.store.saveFileResult(storeKey, {
        file,
        strategy,
        analyser: result.analyser,
        analysis: result.analysis,
        cost: result.cost,
        inputTokens: result.tokens.inputTokens,
        outputTokens: result.tokens.outputTokens,
      });
      await deps.store.recordExecution(storeKey, file, 'completed', ctx.info.attempt);

      const issueCounts = emptyIssueCounts();
      for (const issue of result.analysis.issues) issueCounts[issue.severity]++;
      const fixable = Object.values(result.analysis.fixable).reduce((a, b) => a + (b ?? 0), 0);
      return { file, cost: result.cost, issueCounts, topIssues: result.analysis.issues.slice(0, TOP_ISSUES_PER_FILE), fixable };
    },

    /** Source files under src/ (or the root when there is none), sorted, relative to the repository. */
    async listSourceFiles(input: { repositoryPath: string }): Promise<string[]> {
      const root = await allowedRepository(input.repositoryPath, deps.repositoryRoots);
      const rootStat = await stat(root).catch(() => undefined);
      if (!rootStat?.isDirectory()) {
        throw ApplicationFailure.create({ type: ErrorType.RepositoryUnavailable, message: `${root} is not a directory`, nonRetryable: true });
      }
      const srcStat = await stat(join(root, 'src')).catch(() => undefined);
      const start = srcStat?.isDirectory() ? join(root, 'src') : root;
      const found: string[] = [];
      const walk = async (dir: string): Promise<void> => {
        const entries = await readdir(dir, { withFileTypes: true });
        for (const entry of entries.sort((a, b) => a.name.localeCompare(b.name))) {
          if (found.length >= MAX_LISTED_FILES) return;
          const full = join(dir, entry.name);
          if (entry.isDirectory() && !SKIPPED_DIRS.has(entry.name)) await walk(full);
          else if (entry.isFile() && SOURCE_EXTENSIONS.test(entry.name) && !entry.name.endsWith('.d.ts')) found.push(relative(root, full));
        }
      };
      await walk(start);
      return found;
    },
  };
}
