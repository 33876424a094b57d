import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import type { Client } from '@temporalio/client';
import { temporal } from '@temporalio/proto';
import { appDir, appEntry, type AppName } from './paths';
import { logMessage, ServiceProcess } from './processes';

export interface ServiceEnvOptions {
  temporalAddress: string;
  /** TEMPORAL_ECOMMERCE_DATA_DIR: each run keeps its databases and artifacts in its own folder. */
  dataDir: string;
  logLevel?: string;
  /** App-specific variables (ORDER_FAULT_*, AGENT_FILE_DELAY_MS, PORT, ...). */
  extra?: Record<string, string>;
}

let runRevision: string | undefined;

/**
 * The second half of every worker's build id for this whole run, read from git once. A worker left to ask
 * git itself at each (re)start gets `<rev>-dirty` as soon as anything edits a tracked file mid-run (the
 * `pnpm dev` test does, for a minute): a restarted worker then registers as a new version, is promoted,
 * and the run's pinned orders lose the only version that polls for them.
 */
export function harnessRevision(): string {
  if (runRevision === undefined) {
    try {
      runRevision = execFileSync('git', ['rev-parse', '--short=12', 'HEAD'], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim() || 'nogit';
    } catch {
      runRevision = 'nogit';
    }
  }
  return runRevision;
}

/**
 * The environment a service gets from us: nothing inherited but PATH and HOME, so a developer's shell
 * (TEMPORAL_ADDRESS, PORT) cannot point a run at the wrong server. Production mode: workers load their
 * prebundled workflow code instead of bundling at every (re)start. Metrics off: several workers share a host.
 */
export function serviceEnv(opts: ServiceEnvOptions): NodeJS.ProcessEnv {
  return {
    // env-exception: handed through to the child so it finds node and its tools; not configuration.
    PATH: process.env.PATH,
    HOME: process.env.HOME,
    NODE_ENV: 'production',
    LOG_LEVEL: opts.logLevel ?? 'info',
    METRICS_PORT: 'off',
    // A run starts one build of each worker (production mode would wait for an operator): make it current.
    WORKER_DEPLOYMENT_PROMOTE: 'always',
    GIT_REVISION: harnessRevision(),
    TEMPORAL_ADDRESS: opts.temporalAddress,
    TEMPORAL_NAMESPACE: 'default',
    TEMPORAL_ECOMMERCE_DATA_DIR: opts.dataDir,
    ...opts.extra,
  };
}

function newestMtime(dir: string): number {
  return Math.max(
    0,
    ...readdirSync(dir).map((name) => {
      const full = path.join(dir, name);
      return statSync(full).isDirectory() ? newestMtime(full) : statSync(full).mtimeMs;
    }),
  );
}

/** Fails with the command to run when an app has not been built. */
export function assertBuilt(app: AppName): void {
  if (!existsSync(appEntry(app))) {
    throw new Error(`${appEntry(app)} is missing: build it first (pnpm turbo run build --filter=./apps/${app})`);
  }
}

/**
 * Runs the worker's own `bundle` script when its prebundled workflow code is missing or older than its
 * compiled workflows, so production-mode workers start in about a second instead of bundling each time.
 */
export function ensureWorkflowBundle(app: Exclude<AppName, 'gateway'>): void {
  assertBuilt(app);
  const dist = path.join(appDir(app), 'dist');
  // The order worker also bundles billing's workflows (its companion Worker, docs/nexus.md).
  const pairs = [
    { bundle: path.join(dist, 'workflow-bundle.js'), sources: path.join(dist, 'workflows') },
    { bundle: path.join(dist, 'billing-workflow-bundle.js'), sources: path.join(dist, 'billing', 'workflows') },
  ].filter(({ sources }) => existsSync(sources));
  if (pairs.every(({ bundle, sources }) => existsSync(bundle) && statSync(bundle).mtimeMs >= newestMtime(sources))) return;
  execFileSync(process.execPath, [path.join(dist, 'scripts', 'bundle-workflows.js')], { cwd: appDir(app), stdio: 'ignore' });
}

export function serviceProcess(app: AppName, name: string, env: NodeJS.ProcessEnv, logFile?: string, onLine?: (line: string) => void): ServiceProcess {
  assertBuilt(app);
  return new ServiceProcess({ name, entry: appEntry(app), cwd: appDir(app), env, ...(logFile ? { logFile } : {}), ...(onLine ? { onLine } : {}) });
}

export interface StartWorkerOptions {
  timeoutMs?: number;
  /**
   * Ready when the server lists this process (identity `<pid>@...`) as a poller of `taskQueue`, instead
   * of when it logs "worker started": for workers started with LOG_LEVEL=warn.
   */
  poller?: { client: Client; taskQueue: string };
}

async function polling(client: Client, taskQueue: string, pid: number, deadline: number): Promise<void> {
  while (Date.now() < deadline) {
    const { pollers } = await client.workflowService.describeTaskQueue({
      namespace: client.options.namespace,
      taskQueue: { name: taskQueue, kind: temporal.api.enums.v1.TaskQueueKind.TASK_QUEUE_KIND_NORMAL },
      taskQueueType: temporal.api.enums.v1.TaskQueueType.TASK_QUEUE_TYPE_WORKFLOW,
    });
    if (pollers?.some((p) => p.identity?.startsWith(`${pid}@`))) return;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`pid ${pid} did not poll ${taskQueue} in time`);
}

/** Starts (or restarts) a worker and resolves once it is ready: logged "worker started", or polls its queue. */
export async function startWorker(worker: ServiceProcess, opts: StartWorkerOptions = {}): Promise<void> {
  const timeoutMs = opts.timeoutMs ?? 60_000;
  const ready = opts.poller
    ? (worker.start(), polling(opts.poller.client, opts.poller.taskQueue, worker.pid!, Date.now() + timeoutMs))
    : (() => {
        const line = worker.waitForLine((l) => logMessage(l) === 'worker started', timeoutMs);
        worker.start();
        return line;
      })();
  const outcome = await Promise.race([ready.then(() => 'ready'), worker.exited]);
  if (outcome !== 'ready') {
    ready.catch(() => undefined);
    throw new Error(`${worker.options.name} exited before it was ready (${outcome}); see ${worker.options.logFile ?? 'its output'}`);
  }
}

/** Starts the gateway and resolves once /health answers 200. */
export async function startGateway(gateway: ServiceProcess, baseUrl: string, timeoutMs = 60_000): Promise<void> {
  gateway.start();
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (!gateway.running) throw new Error(`gateway exited before it was healthy (${await gateway.exited}); see ${gateway.options.logFile ?? 'its output'}`);
    const ok = await fetch(`${baseUrl}/health`).then((r) => r.ok).catch(() => false);
    if (ok) return;
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error(`gateway not healthy at ${baseUrl} within ${timeoutMs} ms`);
}
