import { cpSync, readFileSync } from 'node:fs';
import path from 'node:path';
import type { WorkflowHandle } from '@temporalio/client';
import { AgentWorkflowType, agentAnalysisWorkflowId, analysisProgressQuery, type CodebaseAnalysisInput } from '@temporal-ecommerce/contracts/agent';
import { ensureWorkflowBundle, median, repoRoot, serviceProcess, sleep, startWorker, waitFor } from '@temporal-ecommerce/e2e/harness';
import { progressAfter, timedEvents } from './lib/history';
import { runMain } from './lib/main';
import { fmtRatio, publish, type BenchSection } from './lib/results';
import { benchEnv, type BenchEnv } from './lib/setup';

const TRIALS = Number(process.env.BENCH_RECOVERY_TRIALS ?? 2);
const KILL_AT_FILE = 4;
const FILE_DELAY_MS = 300;

interface Trial {
  signal: 'SIGKILL' | 'SIGTERM';
  /** Signal → old process gone. */
  exitMs: number;
  /** Signal → new process connected and polling. */
  readyMs: number;
  /** Signal → the next file's activity completed. */
  activityMs: number;
  /** Signal → the workflow recorded it (filesAnalyzed went up). */
  progressMs: number;
}

async function trial(bench: BenchEnv, repo: string, files: string[], signal: Trial['signal'], n: number): Promise<Trial> {
  const taskQueue = `bench-agent-${n}`;
  const env = bench.env({ AGENT_TASK_QUEUE: taskQueue, AGENT_FILE_DELAY_MS: String(FILE_DELAY_MS) });
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
    await first.kill(signal);
    const exitMs = Date.now() - t0;
    await startWorker(second, { poller: { client: bench.client, taskQueue } });
    const readyMs = Date.now() - t0;
    const progress = await waitFor(async () => progressAfter(await timedEvents(h), t0), { deadline: Date.now() + 120_000, intervalMs: 100, what: 'resumed progress' });
    return { signal, exitMs, readyMs, activityMs: progress.activityAt - t0, progressMs: progress.recordedAt - t0 };
  } finally {
    await handle?.terminate('benchmark trial done').catch(() => undefined);
    await Promise.all([first.kill('SIGKILL'), second.stop(10_000)]);
    await first.close();
    await second.close();
  }
}

/**
 * (c) Seconds from killing the agent worker mid-analysis to the analysis moving again on a new worker
 * process, SIGKILL (a crash) against SIGTERM (a graceful restart: the worker drains, then stops), both
 * restarted at once. Alternating trials, each on its own task queue and workflow.
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
      trials.push(await trial(bench, repo, files, 'SIGKILL', 2 * i));
      await sleep(500);
      trials.push(await trial(bench, repo, files, 'SIGTERM', 2 * i + 1));
    }
  } finally {
    await bench.close();
  }
  const med = (signal: Trial['signal'], key: keyof Omit<Trial, 'signal'>) => median(trials.filter((t) => t.signal === signal).map((t) => t[key]));
  const s = (v: number) => `${(v / 1000).toFixed(2)} s`;
  const row = (signal: Trial['signal'], label: string) =>
    `| ${label} | ${trials.filter((t) => t.signal === signal).length} | ${s(med(signal, 'exitMs'))} | ${s(med(signal, 'readyMs'))} | ${s(med(signal, 'activityMs'))} | **${s(med(signal, 'progressMs'))}** |`;
  return {
    id: 'crash-recovery',
    title: '(c) Worker SIGKILL → resumed progress (agent analysis)',
    lines: [
      `Agent worker (production mode, ${FILE_DELAY_MS} ms per file) killed after file ${KILL_AT_FILE} of 20, a new process started as soon as the old one was gone. ` +
        'Times from the signal, medians; "recorded" is the workflow task that took the next file into the workflow (what the progress query shows).',
      '',
      '| Restart | Trials | Old process gone | New worker polling | Next file done | Progress recorded |',
      '| --- | ---: | ---: | ---: | ---: | ---: |',
      row('SIGKILL', 'SIGKILL (crash)'),
      row('SIGTERM', 'SIGTERM (graceful, baseline)'),
      '',
      `**Ratio SIGKILL / graceful restart, time to resumed progress: ${fmtRatio(med('SIGKILL', 'progressMs'), med('SIGTERM', 'progressMs'))}.** ` +
        `Each trial: ${trials.map((t) => `${t.signal} ${s(t.progressMs)}`).join(', ')}.`,
    ],
  };
}

if (require.main === module) runMain(crashRecovery, publish);
