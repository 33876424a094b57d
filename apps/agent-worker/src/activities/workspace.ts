import { copyFile, mkdir, readdir, readFile, readlink, realpath, rename, rm, stat, symlink, writeFile } from 'node:fs/promises';
import { basename, dirname, join, sep } from 'node:path';
import { Context, log } from '@temporalio/activity';
import { ApplicationFailure, CancelledFailure } from '@temporalio/common';
import { ErrorType } from '@temporal-ecommerce/contracts/errors';
import { batchDiff, unifiedDiff, type FileDiff } from '../analysis/diff';
import type { RuleId } from '../analysis/rules';
import type { AnalysisStore } from '../store/analysis-store';
import type { SandboxLimits } from '../sandbox/command';
import type { SandboxStatus } from '../sandbox/detect';
import { runSandboxed } from '../sandbox/run';
import { resolveInside, safeName } from './paths';
import { allowedRepository } from './repository';

export interface WorkspaceDeps {
  store: AnalysisStore;
  /** Working copies live under <dataDir>/agent/workspaces. */
  dataDir: string;
  /** AGENT_REPOSITORY_ROOTS: the only directories the worker reads or refactors in place. */
  repositoryRoots: readonly string[];
  /** What the host allows for confining a test run, detected at start (src/sandbox/detect.ts). */
  sandbox: SandboxStatus;
  /** CPU, memory and wall-clock limits of one test run. */
  testLimits: SandboxLimits;
  /** NODE_PATH of a test run: the worker's own TypeScript, so a codebase without an install can require it. */
  testNodePath?: string;
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
/** A batch's diff is kept (and shown) up to this size, then cut and marked truncated. */
export const BATCH_DIFF_CAP_BYTES = 64 * 1024;
const COPY_SKIPS = new Set(['node_modules', '.git']);
/** prepareWorkspace heartbeats (and notices a cancellation) after this many copied entries. */
const COPY_HEARTBEAT_EVERY = 200;

/**
 * Copies `from` into `to`, heartbeating every COPY_HEARTBEAT_EVERY entries so a large tree never
 * outlasts the heartbeat timeout, and stopping at a cancellation. Symlinks are copied as links.
 */
async function copyTree(from: string, to: string, onEntry: (count: number) => void): Promise<number> {
  let count = 0;
  const walk = async (src: string, dst: string): Promise<void> => {
    await mkdir(dst, { recursive: true });
    for (const entry of await readdir(src, { withFileTypes: true })) {
      if (COPY_SKIPS.has(entry.name)) continue;
      const s = join(src, entry.name);
      const d = join(dst, entry.name);
      if (entry.isDirectory()) await walk(s, d);
      else if (entry.isSymbolicLink()) await symlink(await readlink(s), d);
      else if (entry.isFile()) await copyFile(s, d);
      if (++count % COPY_HEARTBEAT_EVERY === 0) onEntry(count);
    }
  };
  await walk(from, to);
  return count;
}

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
  const workspacesDir = join(deps.dataDir, 'agent', 'workspaces');

  /** A working copy of ours or, for an in-place refactor, an allowed repository; nothing else is written or run. */
  const allowedWorkspace = async (path: string): Promise<string> => {
    const real = await realpath(path).catch(() => undefined);
    const ours = await realpath(workspacesDir).catch(() => undefined);
    if (real && ours && real.startsWith(ours + sep)) return real;
    return allowedRepository(path, deps.repositoryRoots);
  };

  return {
    /**
     * A fresh copy of the repository to refactor, unless `inPlace`. Idempotent: a copy recorded as
     * complete is reused; a half-made one (worker died while copying) is made again.
     */
    async prepareWorkspace(input: { storeKey: string; repositoryPath: string; inPlace: boolean }): Promise<{ workspacePath: string }> {
      const ctx = Context.current();
      const repository = await allowedRepository(input.repositoryPath, deps.repositoryRoots);
      const source = await stat(repository).catch(() => undefined);
      if (!source?.isDirectory()) {
        throw ApplicationFailure.create({ type: ErrorType.RepositoryUnavailable, message: `${input.repositoryPath} is not a directory`, nonRetryable: true });
      }
      if (input.inPlace) return { workspacePath: repository };
      const existing = await deps.store.workspace(input.storeKey);
      if (existing) return { workspacePath: existing };
      const workspacePath = join(workspacesDir, safeName(input.storeKey));
      await rm(workspacePath, { recursive: true, force: true });
      await mkdir(dirname(workspacePath), { recursive: true });
      ctx.heartbeat({ copied: 0 });
      const copied = await copyTree(repository, workspacePath, (count) => {
        ctx.heartbeat({ copied: count });
        if (ctx.cancellationSignal.aborted) throw new CancelledFailure('prepareWorkspace cancelled');
      });
      await deps.store.markWorkspaceReady(input.storeKey, workspacePath);
      log.info('Workspace prepared', { storeKey: input.storeKey, copied });
      return { workspacePath };
    },

    /**
     * Applies the automatic fixes to the batch's files. The bytes of each file are saved before its
     * first change, and fixes are always computed from those saved bytes, so a retry yields the same
     * files and rollbackBatch can restore them exactly. The batch's unified diff goes to the store (not
     * into the result, which is workflow history), for the console to show applied or rolled back.
     */
    async applyBatchFixes(input: ApplyBatchInput): Promise<BatchChange> {
      const ctx = Context.current();
      const workspacePath = await allowedWorkspace(input.workspacePath);
      const change: BatchChange = { filesChanged: [], fixesApplied: 0 };
      // The TypeScript compiler loads with the first file that needs it (source-files.ts: idle memory).
      const { applyFixes } = await import('../analysis/fixes.js');
      const diffs: FileDiff[] = [];
      for (const file of input.files) {
        ctx.heartbeat(file);
        // Stop between files: the workflow's rollback waits for this activity and then restores what it wrote.
        if (ctx.cancellationSignal.aborted) throw new CancelledFailure(`batch ${input.batchId} cancelled`);
        const path = resolveInside(workspacePath, file);
        const current = await readFile(path);
        await deps.store.saveSnapshotOnce(input.storeKey, input.batchId, file, current);
        const original = (await deps.store.snapshot(input.storeKey, input.batchId, file)) ?? current;
        const fixed = applyFixes(file, original.toString('utf8'), input.rules);
        if (fixed.applied.length === 0) continue;
        await writeAtomically(path, fixed.text);
        change.filesChanged.push(file);
        change.fixesApplied += fixed.applied.length;
        diffs.push(unifiedDiff(file, original.toString('utf8'), fixed.text));
      }
      await deps.store.saveBatchDiff(input.storeKey, input.batchId, batchDiff(diffs, BATCH_DIFF_CAP_BYTES));
      log.info('Batch fixed', { batchId: input.batchId, ...change });
      return change;
    },

    /** Restores every file the batch touched to its bytes from before the batch. Idempotent. */
    async rollbackBatch(input: BatchInput): Promise<{ restored: string[] }> {
      const workspacePath = await allowedWorkspace(input.workspacePath);
      const restored: string[] = [];
      for (const { file, content } of await deps.store.snapshots(input.storeKey, input.batchId)) {
        await writeAtomically(resolveInside(workspacePath, file), content);
        restored.push(file);
      }
      log.info('Batch rolled back', { batchId: input.batchId, restored });
      return { restored };
    },

    /**
     * Runs the codebase's own test script (package.json scripts.test) in the workspace, inside the
     * worker's sandbox (see src/sandbox). Failing tests, a timeout and a limit hit are a failed run, not
     * an error; a cancellation kills the whole run at once and ends the activity as cancelled.
     */
    async runTests(input: { workspacePath: string; label: string }): Promise<TestRun> {
      const ctx = Context.current();
      const workspacePath = await allowedWorkspace(input.workspacePath);
      const pkg = await readFile(join(workspacePath, 'package.json'), 'utf8').then(JSON.parse, () => undefined);
      const command = testCommandOf(pkg);
      if (!command) return { passed: false, hasTests: false, exitCode: null, command: '', summary: 'no test script in package.json' };
      if (deps.sandbox.refusal) {
        throw ApplicationFailure.create({ type: ErrorType.SandboxUnavailable, message: deps.sandbox.refusal, nonRetryable: true });
      }

      const run = await runSandboxed({
        spec: deps.sandbox.spec,
        workspace: workspacePath,
        command,
        limits: deps.testLimits,
        nodePath: deps.testNodePath,
        signal: ctx.cancellationSignal,
        onTick: (elapsedMs, pid) => ctx.heartbeat({ label: input.label, elapsedMs, pid }),
        keepChars: SUMMARY_CHARS * 4,
      });
      if (run.cancelled) {
        log.info('Tests cancelled; the run was killed', { label: input.label, pid: run.pid });
        throw new CancelledFailure(`test run ${input.label} cancelled`);
      }
      const passed = run.exitCode === 0 && !run.timedOut;
      const why = run.timedOut
        ? `killed after the ${deps.testLimits.wallClockMs} ms wall-clock limit\n`
        : run.signal
          ? `killed by ${run.signal} (CPU or memory limit of the sandbox)\n`
          : '';
      log.info('Tests ran', { label: input.label, passed, exitCode: run.exitCode, signal: run.signal, timedOut: run.timedOut, sandbox: deps.sandbox.spec.mode });
      return { passed, hasTests: true, exitCode: run.exitCode, command, summary: summarize(why + run.output) };
    },
  };
}
