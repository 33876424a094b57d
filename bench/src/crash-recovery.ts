import { benchSettings } from './env';
import { cpSync, readFileSync } from 'node:fs';
import path from 'node:path';
import type { WorkflowHandle } from '@temporalio/client';
import { AgentWorkflowType, agentAnalysisWorkflowId, analysisProgressQuery, type CodebaseAnalysisInput } from '@temporal-ecommerce/contracts/agent';
import { ensureWorkflowBundle, median, repoRoot, serviceProcess, sleep, startWorker, waitFor } from '@temporal-ecommerce/e2e/harness';
import { progressAfter, timedEvents, timedOutWaitBetween } from './lib/history';
import { runMain } from './lib/main';
import { fmtRatio, publish, type BenchSection } from './lib/results';
import { benchEnv, type BenchEnv } from './lib/setup';

const TRIALS = benchSettings.BENCH_RECOVERY_TRIALS;
const KILL_AT_FILE = 4;
const FILE_DELAY_MS = 300;

/**
 * The restarts compared. The kills differ only in WORKER_STICKY_QUEUE_TIMEOUT: the SDK's default, set
 * explicitly, and the variable left unset, i.e. the worker-kit default every worker runs with.
 */
const KINDS = [
  { id: 'kill-sdk-default', signal: 'SIGKILL', stickyTimeout: '10s', short: 'SIGKILL 10 s', label: 'SIGKILL, `WORKER_STICKY_QUEUE_TIMEOUT=10s` (SDK default)' },
  { id: 'kill', signal: 'SIGKILL', stickyTimeout: undefined, short: 'SIGKILL default', label: 'SIGKILL, `WORKER_STICKY_QUEUE_TIMEOUT` unset (worker-kit default)' },
  { id: 'term', signal: 'SIGTERM', stickyTimeout: undefined, short: 'SIGTERM', label: 'SIGTERM (graceful, baseline)' },
] as const;
type Kind = (typeof KINDS)[number];

interface Trial {
  kind: Kind['id'];
  /** Signal → old process gone. */
  exitMs: number;
  /** Signal → new process connected and polling. */
  readyMs: number;
  /** Signal → the next file's activity completed. */
  activityMs: number;
  /** How long the workflow task that records it sat unpicked before the server timed it out (server events). */
  stickyWaitMs: number;
  /** Signal → the workflow recorded it (filesAnalyzed went up). */
  progressMs: number;
}

async function trial(bench: BenchEnv, repo: string, files: string[], kind: Kind, n: number): Promise<Trial> {
  const taskQueue = `bench-agent-${n}`;
  const env = bench.env({
    AGENT_TASK_QUEUE: taskQueue,
    AGENT_FILE_DELAY_MS: String(FILE_DELAY_MS),
    ...(kind.stickyTimeout ? { WORKER_STICKY_QUEUE_TIMEOUT: kind.stickyTimeout } : {}),
  });
  const logFile = path.join(bench.dir, `agent-worker-${n}.log`);
  const first = serviceProcess('agent-worker', `agent-worker#${n}a`, env, logFile);
  const second = serviceProcess('agent-worker', `agent-worker#${n}b`, env, logFile);
  let handle: WorkflowHandle | undefined;
  try {
    await startWorker(first, { poller: { client: bench.client, taskQueue } });
    const input: CodebaseAnalysisInput = { taskId: `bench-${n}`, repositoryPath: repo, files, analysisType: 'architectural', budget: 50 };
    handle = await bench.client.workflow.start(AgentWorkflowType.CodebaseAnalysis, { taskQueue, workflowId: agentAnalysisWorkflowId(input.taskId), args: [input] });
    const h = handle;
    await waitFor(async () => ((await h.query(analysisProgressQuery)).filesAnalyzed >= KILL_AT_FILE ? true : undefined), {
      deadline: Date.now() + 60_000,
      intervalMs: 50,
      what: `file ${KILL_AT_FILE}`,
    });
    const t0 = Date.now();
    await first.kill(kind.signal);
    const exitMs = Date.now() - t0;
    await startWorker(second, { poller: { client: bench.client, taskQueue } });
    const readyMs = Date.now() - t0;
    const { progress, events } = await waitFor(
      async () => {
        const events = await timedEvents(h);
        const progress = progressAfter(events, t0);
        return progress ? { progress, events } : undefined;
      },
      { deadline: Date.now() + 120_000, intervalMs: 100, what: 'resumed progress' },
    );
    const stickyWaitMs = timedOutWaitBetween(events, t0, progress.recordedAt);
    return { kind: kind.id, exitMs, readyMs, activityMs: progress.activityAt - t0, stickyWaitMs, progressMs: progress.recordedAt - t0 };
  } finally {
    await handle?.terminate('benchmark trial done').catch(() => undefined);
    await Promise.all([first.kill('SIGKILL'), second.stop(10_000)]);
    await first.close();
    await second.close();
  }
}

/**
 * (c) Seconds from killing the agent worker mid-analysis to the analysis moving again on a new worker
 * process: SIGKILL (a crash) with the SDK's default sticky queue timeout and with ours, against SIGTERM
 * (a graceful restart: the worker drains, then stops), all restarted at once. Alternating trials, each
 * on its own task queue and workflow.
 */
export async function crashRecovery(): Promise<BenchSection> {
  ensureWorkflowBundle('agent-worker');
  const bench = await benchEnv('recovery');
  const repo = path.join(bench.dir, 'repo');
  cpSync(path.join(repoRoot(), 'examples', 'sample-codebase'), repo, { recursive: true });
  const files: string[] = JSON.parse(readFileSync(path.join(repoRoot(), 'examples', 'codebase-analysis-config.json'), 'utf8')).files;
  const trials: Trial[] = [];
  try {
    for (let i = 0; i < TRIALS; i++) {
      for (const [k, kind] of KINDS.entries()) {
        if (trials.length > 0) await sleep(500);
        trials.push(await trial(bench, repo, files, kind, KINDS.length * i + k));
      }
    }
  } finally {
    await bench.close();
  }
  const med = (id: Kind['id'], key: keyof Omit<Trial, 'kind'>) => median(trials.filter((t) => t.kind === id).map((t) => t[key]));
  const s = (v: number) => `${(v / 1000).toFixed(2)} s`;
  const row = ({ id, label }: Kind) =>
    `| ${label} | ${trials.filter((t) => t.kind === id).length} | ${s(med(id, 'exitMs'))} | ${s(med(id, 'readyMs'))} | ${s(med(id, 'activityMs'))} | ${s(med(id, 'stickyWaitMs'))} | **${s(med(id, 'progressMs'))}** |`;
  const progress = (id: Kind['id']) => med(id, 'progressMs');
  return {
    id: 'crash-recovery',
    title: '(c) Worker SIGKILL → resumed progress (agent analysis)',
    lines: [
      `Agent worker (production mode, ${FILE_DELAY_MS} ms per file) killed after file ${KILL_AT_FILE} of 20, a new process started as soon as the old one was gone. ` +
        'Times from the signal, medians; "recorded" is the workflow task that took the next file into the workflow (what the progress query shows). ' +
        '"Sticky wait" is how long that workflow task sat unpicked on the dead worker\'s sticky queue, from the server\'s WorkflowTaskScheduled and WorkflowTaskTimedOut (schedule-to-start) events.',
      '',
      '| Restart | Trials | Old process gone | New worker polling | Next file done | Sticky wait | Progress recorded |',
      '| --- | ---: | ---: | ---: | ---: | ---: | ---: |',
      ...KINDS.map(row),
      '',
      `**Time to resumed progress: SIGKILL with the SDK default / graceful ${fmtRatio(progress('kill-sdk-default'), progress('term'))}, ` +
        `SIGKILL with the worker-kit default / graceful ${fmtRatio(progress('kill'), progress('term'))}, ` +
        `worker-kit default / SDK default ${fmtRatio(progress('kill'), progress('kill-sdk-default'))}.** ` +
        `Each trial: ${trials.map((t) => `${KINDS.find((k) => k.id === t.kind)!.short} ${s(t.progressMs)}`).join(', ')}.`,
    ],
  };
}

if (require.main === module) runMain(crashRecovery, publish);
