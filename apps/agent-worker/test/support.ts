import { execFileSync } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, readFileSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { createHash } from 'node:crypto';
import { bundleWorkflowCode, DefaultLogger, Runtime, Worker, type WorkflowBundleWithSourceMap } from '@temporalio/worker';
import { MockActivityEnvironment, type TestWorkflowEnvironment } from '@temporalio/testing';
import type { WorkflowHandle } from '@temporalio/client';
import { historyToJSON } from '@temporalio/common/lib/proto-utils';
import { analysisProgressQuery, type AnalysisProgress, type AnalysisStatus } from '@temporal-ecommerce/contracts/agent';
import { createActivities, type AgentActivityDeps } from '../src/activities';
import { openAnalysisStore, type AnalysisStore } from '../src/store/analysis-store';
import { detectSandbox, type SandboxStatus } from '../src/sandbox/detect';
import { typescriptNodePath } from '../src/test-process-env';

const APP = join(__dirname, '..');
export const SAMPLE_CODEBASE = join(__dirname, '../../../examples/sample-codebase');
export const WORKFLOWS_PATH = join(__dirname, '../src/workflows/index.ts');
export const SAMPLE_FILES: string[] = JSON.parse(readFileSync(join(__dirname, '../../../examples/codebase-analysis-config.json'), 'utf8')).files;

/** SDK logs at WARN so test output shows failures, not worker state changes. Call before creating an env. */
export function quietRuntime(): void {
  if (Runtime._instance === undefined) Runtime.install({ logger: new DefaultLogger('WARN') });
}

/** An activity environment whose activity logs show warnings only, like the workers in these tests. */
export function activityEnvironment(): MockActivityEnvironment {
  return new MockActivityEnvironment(undefined, { logger: new DefaultLogger('WARN') });
}

let bundle: Promise<WorkflowBundleWithSourceMap> | undefined;
/** Workflow code bundled once per test file. */
export function workflowBundle(): Promise<WorkflowBundleWithSourceMap> {
  bundle ??= bundleWorkflowCode({ workflowsPath: WORKFLOWS_PATH, logger: { log() {}, trace() {}, debug() {}, info() {}, warn() {}, error() {} } });
  return bundle;
}

export interface Sandbox {
  dir: string;
  repo: string;
  dataDir: string;
  store: AnalysisStore;
  deps: AgentActivityDeps;
}

let hostSandbox: Promise<SandboxStatus> | undefined;
/** The strongest test sandbox this host allows, detected once per test file as the worker does at start. */
export function detectedSandbox(): Promise<SandboxStatus> {
  hostSandbox ??= detectSandbox({ request: 'auto', production: false, uid: 65534, readOnlyPaths: [typescriptNodePath()] });
  return hostSandbox;
}

/** A private copy of the sample codebase and a private data dir, so tests never touch examples/. */
export async function sandbox(overrides: Partial<AgentActivityDeps> = {}): Promise<Sandbox> {
  const dir = mkdtempSync(join(tmpdir(), 'agent-test-'));
  const repo = join(dir, 'repo');
  cpSync(SAMPLE_CODEBASE, repo, { recursive: true });
  const dataDir = join(dir, 'data');
  const store = await openAnalysisStore({ kind: 'sqlite', file: join(dataDir, 'agent.sqlite') });
  const deps: AgentActivityDeps = {
    store,
    dataDir,
    pricing: { inputPer1K: 0.003, outputPer1K: 0.015 },
    fileDelayMs: 0,
    repositoryRoots: [dir],
    sandbox: await detectedSandbox(),
    testLimits: { wallClockMs: 60_000, cpuSeconds: 120, memoryBytes: 4096 * 1024 * 1024 },
    testNodePath: typescriptNodePath(),
    ...overrides,
  };
  return { dir, repo, dataDir, store, deps };
}

export async function createWorker(env: TestWorkflowEnvironment, taskQueue: string, activities: object): Promise<Worker> {
  return Worker.create({ connection: env.nativeConnection, taskQueue, workflowBundle: await workflowBundle(), activities });
}

export function agentActivities(deps: AgentActivityDeps) {
  return createActivities(deps);
}

/** Polls the progress query until `predicate` holds (the workflow runs on the same test's worker). */
export async function waitForProgress(
  handle: WorkflowHandle,
  predicate: (p: AnalysisProgress) => boolean,
  what: string,
): Promise<AnalysisProgress> {
  for (let i = 0; i < 600; i++) {
    const progress = await handle.query(analysisProgressQuery).catch(() => undefined);
    if (progress && predicate(progress)) return progress;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`timed out waiting for ${what}`);
}

export const statusIs = (status: AnalysisStatus) => (p: AnalysisProgress) => p.status === status;

/** SHA-256 of every file under `root`, keyed by relative path. */
export function treeHashes(root: string): Record<string, string> {
  const out: Record<string, string> = {};
  const walk = (dir: string) => {
    for (const name of readdirSync(dir).sort()) {
      const full = join(dir, name);
      if (statSync(full).isDirectory()) walk(full);
      else out[relative(root, full)] = createHash('sha256').update(readFileSync(full)).digest('hex');
    }
  };
  walk(root);
  return out;
}

/**
 * Saves a workflow's history for the replay test when it has none yet (or RECORD_HISTORIES=1), so
 * the committed files only change when someone means to re-record them.
 */
export async function recordHistory(name: string, handle: WorkflowHandle): Promise<void> {
  const path = join(__dirname, 'histories', `${name}.json`);
  if (existsSync(path) && process.env.RECORD_HISTORIES !== '1') return;
  const history = await handle.fetchHistory();
  writeFileSync(path, historyToJSON(history));
}


export const WORKER_JS = join(APP, 'dist/worker.js');

/** dist/worker.js as built from the current sources (turbo builds before test; a direct vitest run may not). */
export function ensureWorkerBuilt(): void {
  const newest = (dir: string): number =>
    Math.max(...readdirSync(dir).map((n) => (statSync(join(dir, n)).isDirectory() ? newest(join(dir, n)) : statSync(join(dir, n)).mtimeMs)));
  if (existsSync(WORKER_JS) && statSync(WORKER_JS).mtimeMs >= newest(join(APP, 'src'))) return;
  execFileSync(process.execPath, [require.resolve('typescript/bin/tsc'), '-p', join(APP, 'tsconfig.build.json')], { stdio: 'inherit' });
}
