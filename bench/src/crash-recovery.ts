import { benchSettings } from './env';
import { cpSync, readFileSync } from 'node:fs';
import path from 'node:path';
import type { Client, WorkflowHandle } from '@temporalio/client';
import { AgentWorkflowType, agentAnalysisWorkflowId, analysisProgressQuery, type CodebaseAnalysisInput } from '@temporal-ecommerce/contracts/agent';
import { completedFilesRerun, ensureWorkflowBundle, median, readAgentLedger, repoRoot, serviceProcess, sleep, startWorker, waitFor } from '@temporal-ecommerce/e2e/harness';
import { timelineChart } from './lib/charts';
import { progressAfter, timedEvents, timedOutWaitBetween } from './lib/history';
import { runMain } from './lib/main';
import { fmtRatio, publish, type BenchSection } from './lib/results';
import { benchEnv, type BenchEnv } from './lib/setup';

const TRIALS = benchSettings.BENCH_RECOVERY_TRIALS;
const KILL_AT_FILE = 4;
const FILE_DELAY_MS = 300;
/** The goal (issue #12): progress within this long of the replacement worker's first poll. */
const GOAL_AFTER_POLL_MS = 3000;

/**
 * The restarts compared. The kills differ only in the agent's workflow cache: on (the default; its 1 s sticky
 * queue timeout applies) and off (AGENT_MAX_CACHED_WORKFLOWS=0: no sticky queue to wait on).
 */
const KINDS = [
  { id: 'kill', signal: 'SIGKILL', env: {}, short: 'SIGKILL', label: 'SIGKILL, agent defaults (cache on, sticky queue timeout 1 s)' },
  { id: 'kill-nocache', signal: 'SIGKILL', env: { AGENT_MAX_CACHED_WORKFLOWS: '0' }, short: 'SIGKILL no cache', label: 'SIGKILL, `AGENT_MAX_CACHED_WORKFLOWS=0` (no workflow cache, opt-in)' },
  { id: 'term', signal: 'SIGTERM', env: {}, short: 'SIGTERM', label: 'SIGTERM (graceful, baseline)' },
] as const;
type Kind = (typeof KINDS)[number];

interface Trial {
  kind: Kind['id'];
  /** Signal → old process gone. */
  exitMs: number;
  /**
   * Signal → the replacement's first poll, as the server recorded it: the earliest `lastAccessTime` of its
   * identity in DescribeTaskQueue (workflow or activity queue), read every 50 ms from its spawn.
   */
  firstPollMs: number;
  /** Signal → the retried file started in the new worker (its ledger row). */
  retryStartMs: number;
  /** Signal → the next file's activity completed (server event). */
  activityMs: number;
  /** How long the workflow task that records it sat unpicked before the server timed it out (server events). */
  stickyWaitMs: number;
  /** Signal → the workflow recorded it (the workflow task completed: filesAnalyzed went up). */
  progressMs: number;
  /** Files the ledger shows started again after they had completed. */
  rerun: number;
}

/** The replacement's first poll (server time, ms) of `taskQueue`, watched from its spawn until it shows. */
async function firstPoll(client: Client, taskQueue: string, pid: () => number | undefined, deadline: number): Promise<number> {
  // temporal.api.enums.v1: TASK_QUEUE_KIND_NORMAL = 1; TASK_QUEUE_TYPE_WORKFLOW = 1, TASK_QUEUE_TYPE_ACTIVITY = 2.
  const NORMAL = 1;
  while (Date.now() < deadline) {
    const id = pid();
    if (id) {
      const seen: number[] = [];
      for (const taskQueueType of [1, 2]) {
        const { pollers } = await client.workflowService.describeTaskQueue({ namespace: client.options.namespace, taskQueue: { name: taskQueue, kind: NORMAL }, taskQueueType });
        for (const p of pollers ?? []) {
          if (p.identity?.startsWith(`${id}@`) && p.lastAccessTime) seen.push(Number(p.lastAccessTime.seconds ?? 0) * 1000 + Math.floor((p.lastAccessTime.nanos ?? 0) / 1e6));
        }
      }
      if (seen.length > 0) return Math.min(...seen);
    }
    await sleep(50);
  }
  throw new Error(`the new worker did not poll ${taskQueue} in time`);
}

async function trial(bench: BenchEnv, repo: string, files: string[], kind: Kind, n: number): Promise<Trial> {
  const taskQueue = `bench-agent-${n}`;
  const env = bench.env({
    AGENT_TASK_QUEUE: taskQueue,
    AGENT_FILE_DELAY_MS: String(FILE_DELAY_MS),
    // The worker analyses only repositories under its roots; the bench's copy of the sample is in its temp dir.
    AGENT_REPOSITORY_ROOTS: path.dirname(repo),
    ...kind.env,
  });
  const logFile = path.join(bench.dir, `agent-worker-${n}.log`);
  const first = serviceProcess('agent-worker', `agent-worker#${n}a`, env, logFile);
  const second = serviceProcess('agent-worker', `agent-worker#${n}b`, env, logFile);
  let handle: WorkflowHandle | undefined;
  try {
    await startWorker(first, { poller: { client: bench.client, taskQueue } });
    const input: CodebaseAnalysisInput = { taskId: `bench-${n}`, repositoryPath: repo, files, analysisType: 'architectural', budget: 50 };
    const h = await bench.client.workflow.start(AgentWorkflowType.CodebaseAnalysis, { taskQueue, workflowId: agentAnalysisWorkflowId(input.taskId), args: [input] });
    handle = h;
    // The agent's store key: workflow id and first run id (codebase-analysis.ts).
    const storeKey = `${h.workflowId}/${h.firstExecutionRunId}`;
    await waitFor(async () => ((await h.query(analysisProgressQuery)).filesAnalyzed >= KILL_AT_FILE ? true : undefined), {
      deadline: Date.now() + 60_000,
      intervalMs: 50,
      what: `file ${KILL_AT_FILE}`,
    });
    const t0 = Date.now();
    await first.kill(kind.signal);
    const exitMs = Date.now() - t0;
    const polled = firstPoll(bench.client, taskQueue, () => second.pid, Date.now() + 60_000);
    await startWorker(second, { poller: { client: bench.client, taskQueue } });
    const firstPollAt = await polled;
    const { progress, events } = await waitFor(
      async () => {
        const events = await timedEvents(h);
        const progress = progressAfter(events, t0);
        return progress ? { progress, events } : undefined;
      },
      { deadline: Date.now() + 120_000, intervalMs: 100, what: 'resumed progress' },
    );
    // One more file on the new worker, so the ledger shows what it ran after taking over.
    await waitFor(async () => ((await h.query(analysisProgressQuery)).filesAnalyzed >= KILL_AT_FILE + 2 ? true : undefined), {
      deadline: Date.now() + 60_000,
      intervalMs: 50,
      what: `file ${KILL_AT_FILE + 2}`,
    });
    const ledger = readAgentLedger(bench.dataDir, storeKey);
    const retried = ledger.find((r) => r.event === 'started' && r.pid === second.pid);
    const stickyWaitMs = timedOutWaitBetween(events, t0, progress.recordedAt);
    return {
      kind: kind.id,
      exitMs,
      firstPollMs: firstPollAt - t0,
      retryStartMs: (retried?.at ?? Number.NaN) - t0,
      activityMs: progress.activityAt - t0,
      stickyWaitMs,
      progressMs: progress.recordedAt - t0,
      rerun: completedFilesRerun(ledger).length,
    };
  } finally {
    await handle?.terminate('benchmark trial done').catch(() => undefined);
    await Promise.all([first.kill('SIGKILL'), second.stop(10_000)]);
    await first.close();
    await second.close();
  }
}

/**
 * (c) Seconds from killing the agent worker mid-analysis to the analysis moving again on a new worker
 * process, and from that worker's first poll: SIGKILL (a crash) with the agent's workflow cache (its
 * default) and without it, against SIGTERM (a graceful restart: the worker drains, then stops), all
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
      for (const [k, kind] of KINDS.entries()) {
        if (trials.length > 0) await sleep(500);
        const t = await trial(bench, repo, files, kind, KINDS.length * i + k);
        console.log(`${kind.short}: first poll ${(t.firstPollMs / 1000).toFixed(2)} s, progress ${(t.progressMs / 1000).toFixed(2)} s, after poll ${((t.progressMs - t.firstPollMs) / 1000).toFixed(2)} s, re-run ${t.rerun}`);
        trials.push(t);
      }
    }
  } finally {
    await bench.close();
  }
  const of = (id: Kind['id']) => trials.filter((t) => t.kind === id);
  const med = (id: Kind['id'], key: keyof Omit<Trial, 'kind'>) => median(of(id).map((t) => t[key]));
  const afterPoll = (t: Trial) => t.progressMs - t.firstPollMs;
  const medAfterPoll = (id: Kind['id']) => median(of(id).map(afterPoll));
  const s = (v: number) => (Number.isFinite(v) ? `${(v / 1000).toFixed(2)} s` : '—');
  const row = ({ id, label }: Kind) =>
    `| ${label} | ${of(id).length} | ${s(med(id, 'exitMs'))} | ${s(med(id, 'firstPollMs'))} | ${s(med(id, 'retryStartMs'))} | ${s(med(id, 'activityMs'))} | ${s(med(id, 'stickyWaitMs'))} | ${s(med(id, 'progressMs'))} | **${s(medAfterPoll(id))}** | ${of(id).reduce((n, t) => n + t.rerun, 0)} |`;
  const progress = (id: Kind['id']) => med(id, 'progressMs');
  const kills = of('kill');
  const worstAfterPoll = Math.max(...kills.map(afterPoll));
  const rerun = trials.reduce((n, t) => n + t.rerun, 0);
  const met = worstAfterPoll <= GOAL_AFTER_POLL_MS && rerun === 0;
  const timeline = (id: Kind['id'], label: string) => ({
    label,
    phases: [
      { name: 'to first poll', endMs: med(id, 'firstPollMs') },
      { name: 'to file done', endMs: med(id, 'activityMs') },
      { name: 'to progress recorded', endMs: med(id, 'progressMs') },
    ],
  });
  return {
    id: 'crash-recovery',
    title: '(c) Worker SIGKILL → resumed progress (agent analysis)',
    lines: [
      `Agent worker (production mode, ${FILE_DELAY_MS} ms per file) killed after file ${KILL_AT_FILE} of 20, a new process started as soon as the old one was gone. ` +
        'Times from the signal, medians. "First poll": the new worker\'s first poll as the server saw it (earliest `lastAccessTime` of its identity in DescribeTaskQueue, workflow or activity queue). ' +
        '"Retry started": the in-flight file\'s new attempt, from the worker\'s ledger (analysis_ledger). "File done": ActivityTaskCompleted. ' +
        '"Sticky wait": how long the workflow task that records it sat on the dead worker\'s sticky queue (WorkflowTaskScheduled → WorkflowTaskTimedOut, schedule-to-start). ' +
        '"Progress": the workflow task that took the file into the workflow completed (what the progress query shows). "Re-run": completed files the ledger shows started again.',
      '',
      '| Restart | Trials | Old process gone | First poll | Retry started | File done | Sticky wait | Progress | **Progress − first poll** | Re-run |',
      '| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |',
      ...KINDS.map(row),
      '',
      `**After the new worker's first poll, SIGKILL → progress: ${s(medAfterPoll('kill'))} (median; worst ${s(worstAfterPoll)}), goal ≤ 3 s: ${met ? 'met' : 'not met'}; ` +
        `without the workflow cache (opt-in) ${s(medAfterPoll('kill-nocache'))} (worst ${s(Math.max(...of('kill-nocache').map(afterPoll)))}); graceful ${s(medAfterPoll('term'))}. ` +
        `From the signal: SIGKILL / graceful ${fmtRatio(progress('kill'), progress('term'))}, cache off / on ${fmtRatio(progress('kill-nocache'), progress('kill'))}.** ` +
        `Completed files re-run: ${rerun}. Before this branch (file step heartbeat timeout 5 s, first retry 1 s, cache on with a 3 s sticky timeout) the same bench measured 9.83 s from the signal, ~7.2 s after the new worker polled; with the 2 s heartbeat timeout and a 3 s sticky timeout, 4.5–6.5 s after it. ` +
        `Each trial (from the signal / after the first poll): ${trials.map((t) => `${KINDS.find((k) => k.id === t.kind)!.short} ${s(t.progressMs)} / ${s(afterPoll(t))}`).join(', ')}.`,
      '',
      '![Crash recovery timelines](results/crash-recovery.svg)',
    ],
    charts: [
      {
        file: 'crash-recovery.svg',
        svg: timelineChart({
          title: 'Worker restart → resumed progress (medians, from the signal)',
          timelines: [timeline('kill', 'SIGKILL, cache on, sticky 1 s'), timeline('kill-nocache', 'SIGKILL, no cache (opt-in)'), timeline('term', 'SIGTERM (graceful)')],
        }),
      },
    ],
    goals: [
      {
        id: 'crash-progress',
        value: `${s(medAfterPoll('kill'))} median, worst ${s(worstAfterPoll)} of ${kills.length} (${s(progress('kill'))} from the SIGKILL); ${rerun} completed files re-run`,
        met,
        ...(met
          ? {}
          : {
              reason:
                `the file in flight is retried after its 2 s heartbeat timeout and 0.5 s backoff (file done ${s(med('kill', 'activityMs'))} from the kill, the new worker polling at ${s(med('kill', 'firstPollMs'))}), ` +
                `then the task that records it waits ${s(med('kill', 'stickyWaitMs'))} on the dead worker's sticky queue (1 s, worker-kit's floor). ` +
                `AGENT_MAX_CACHED_WORKFLOWS=0 removes that wait (${s(medAfterPoll('kill-nocache'))} median, worst ${s(Math.max(...of('kill-nocache').map(afterPoll)))}) but replays the history on every task: 15–22× the worker CPU on a 300-file static analysis (docs/performance.md), so it is opt-in. ` +
                'A heartbeat timeout near 1 s would move the default, at the price of false timeouts when a live worker\'s event loop stalls',
            }),
      },
    ],
  };
}

if (require.main === module) runMain(crashRecovery, publish);
