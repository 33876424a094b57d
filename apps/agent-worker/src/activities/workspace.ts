import { spawn } from 'node:child_process';
import { cp, mkdir, readFile, rename, rm, stat, writeFile } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { Context, log } from '@temporalio/activity';
import { ApplicationFailure } from '@temporalio/common';
import { ErrorType } from '@temporal-ecommerce/contracts/errors';
import { applyFixes } from '../analysis/fixes';
import type { RuleId } from '../analysis/rules';
import type { AnalysisStore } from '../store/analysis-store';
import { resolveInside, safeName } from './paths';

export interface WorkspaceDeps {
  store: AnalysisStore;
  /** Working copies live under <dataDir>/agent/workspaces. */
  dataDir: string;
  testTimeoutMs: number;
  /** The whole environment of a test run: the analysed code never sees the worker's secrets. */
  testEnv: Record<string, string>;
}

export interface BatchInput {
  storeKey: string;
  batchId: string;
  workspacePath: string;
}

export interface ApplyBatchInput extends BatchInput {
  files: string[];
  rules: RuleId[];
}

export interface BatchChange {
  filesChanged: string[];
  fixesApplied: number;
}

export interface TestRun {
  passed: boolean;
  /** False when the codebase has no test script: refactoring it cannot be verified. */
  hasTests: boolean;
  exitCode: number | null;
  command: string;
  /** The tail of the output, for the report. */
  summary: string;
}

const SUMMARY_CHARS = 1500;
const COPY_SKIPS = new Set(['node_modules', '.git']);

/** Replaces a file in one step, so a crash mid-write never leaves half a file behind. */
async function writeAtomically(path: string, content: Buffer | string): Promise<void> {
  const tmp = join(dirname(path), `.${basename(path)}.agent-tmp`);
  await writeFile(tmp, content);
  await rename(tmp, path);
}

function testCommandOf(pkg: unknown): string | undefined {
  const script = (pkg as { scripts?: { test?: unknown } } | undefined)?.scripts?.test;
  return typeof script === 'string' && script.trim().length > 0 && !/no test specified/.test(script) ? script : undefined;
}

/** Failing test names first (TAP `not ok` lines, as node --test prints them), then the output's tail. */
function summarize(output: string): string {
  const failing = [...output.matchAll(/^\s*not ok \d+ - (.+)$/gm)].map((m) => m[1]!.trim());
  const head = failing.length > 0 ? `failing: ${[...new Set(failing)].join('; ')}\n` : '';
  return (head + output.trim().slice(-SUMMARY_CHARS)).slice(0, SUMMARY_CHARS + 500);
}

export function createWorkspaceActivities(deps: WorkspaceDeps) {
  return {
    /**
     * A fresh copy of the repository to refactor, unless `inPlace`. Idempotent: a copy recorded as
     * complete is reused; a half-made one (worker died while copying) is made again.
     */
    async prepareWorkspace(input: { storeKey: string; repositoryPath: string; inPlace: boolean }): Promise<{ workspacePath: string }> {
      const source = await stat(input.repositoryPath).catch(() => undefined);
      if (!source?.isDirectory()) {
        throw ApplicationFailure.create({ type: ErrorType.RepositoryUnavailable, message: `${input.repositoryPath} is not a directory`, nonRetryable: true });
      }
      if (input.inPlace) return { workspacePath: input.repositoryPath };
      const existing = deps.store.workspace(input.storeKey);
      if (existing) return { workspacePath: existing };
      const workspacePath = join(deps.dataDir, 'agent', 'workspaces', safeName(input.storeKey));
      await rm(workspacePath, { recursive: true, force: true });
      await mkdir(dirname(workspacePath), { recursive: true });
      await cp(input.repositoryPath, workspacePath, { recursive: true, filter: (src) => !COPY_SKIPS.has(basename(src)) });
      deps.store.markWorkspaceReady(input.storeKey, workspacePath);
      return { workspacePath };
    },

    /**
     * Applies the automatic fixes to the batch's files. The bytes of each file are saved before its
     * first change, and fixes are always computed from those saved bytes, so a retry yields the same
     * files and rollbackBatch can restore them exactly.
     */
    async applyBatchFixes(input: ApplyBatchInput): Promise<BatchChange> {
      const ctx = Context.current();
      const change: BatchChange = { filesChanged: [], fixesApplied: 0 };
      for (const file of input.files) {
        ctx.heartbeat(file);
        const path = resolveInside(input.workspacePath, file);
        const current = await readFile(path);
        deps.store.saveSnapshotOnce(input.storeKey, input.batchId, file, current);
        const original = deps.store.snapshot(input.storeKey, input.batchId, file) ?? current;
        const fixed = applyFixes(file, original.toString('utf8'), input.rules);
        if (fixed.applied.length === 0) continue;
        await writeAtomically(path, fixed.text);
        change.filesChanged.push(file);
        change.fixesApplied += fixed.applied.length;
      }
      log.info('Batch fixed', { batchId: input.batchId, ...change });
      return change;
    },

    /** Restores every file the batch touched to its bytes from before the batch. Idempotent. */
    async rollbackBatch(input: BatchInput): Promise<{ restored: string[] }> {
      const restored: string[] = [];
      for (const { file, content } of deps.store.snapshots(input.storeKey, input.batchId)) {
        await writeAtomically(resolveInside(input.workspacePath, file), content);
        restored.push(file);
      }
      log.info('Batch rolled back', { batchId: input.batchId, restored });
      return { restored };
    },

    /**
     * Runs the codebase's own test script (package.json scripts.test) in the workspace. Failing tests
     * are a result, not an error; only a test run that cannot start fails the activity.
     */
    async runTests(input: { workspacePath: string; label: string }): Promise<TestRun> {
      const ctx = Context.current();
      const pkg = await readFile(join(input.workspacePath, 'package.json'), 'utf8').then(JSON.parse, () => undefined);
      const command = testCommandOf(pkg);
      if (!command) return { passed: false, hasTests: false, exitCode: null, command: '', summary: 'no test script in package.json' };

      let output = '';
      const exitCode = await new Promise<number | null>((resolve, reject) => {
        const child = spawn('/bin/sh', ['-c', command], { cwd: input.workspacePath, env: deps.testEnv, stdio: ['ignore', 'pipe', 'pipe'] });
        const keep = (chunk: Buffer) => {
          output = (output + chunk.toString('utf8')).slice(-SUMMARY_CHARS * 4);
        };
        child.stdout.on('data', keep);
        child.stderr.on('data', keep);
        const heartbeat = setInterval(() => ctx.heartbeat(input.label), 1000);
        const timeout = setTimeout(() => child.kill('SIGKILL'), deps.testTimeoutMs);
        const onCancel = () => child.kill('SIGKILL');
        ctx.cancellationSignal.addEventListener('abort', onCancel, { once: true });
        const done = () => {
          clearInterval(heartbeat);
          clearTimeout(timeout);
          ctx.cancellationSignal.removeEventListener('abort', onCancel);
        };
        child.on('error', (err) => {
          done();
          reject(err);
        });
        child.on('close', (code) => {
          done();
          resolve(code);
        });
      });
      const passed = exitCode === 0;
      log.info('Tests ran', { label: input.label, passed, exitCode });
      return { passed, hasTests: true, exitCode, command, summary: summarize(output) };
    },
  };
}
