import { readFileSync } from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import type { AnalysisStatusResponse, AnalyzeStartResponse } from '@temporal-ecommerce/contracts/agent/http';
import { repoRoot, sleep, startWorker } from '../harness';
import { DemoStack, say } from './lib/demo-stack';

const KILL_AT = 12;

interface LedgerRow {
  file: string;
  event: 'started' | 'completed';
  pid: number;
  attempt: number;
}

/**
 * `pnpm demo:crash`: the README's 5-minute demo, performed by itself. Starts an analysis of the 20-file
 * sample codebase through the gateway, SIGKILLs the agent worker at file 12, starts a new one, and shows
 * the analysis continue at file 13, with the worker's ledger as evidence that no finished file ran twice.
 */
async function main(): Promise<void> {
  const stack = await DemoStack.start({ name: 'crash', workers: ['agent-worker'], workerEnv: { 'agent-worker': { AGENT_FILE_DELAY_MS: '500' } } }, say);
  try {
    const config = JSON.parse(readFileSync(path.join(repoRoot(), 'examples', 'codebase-analysis-config.json'), 'utf8')) as { files: string[] };
    const request = { ...config, taskId: `demo-crash-${Date.now()}`, repositoryPath: 'sample-codebase' };
    say(`POST /api/agent/analyze  (examples/codebase-analysis-config.json: ${config.files.length} files)`);
    const started = await stack.http<AnalyzeStartResponse>('POST', '/api/agent/analyze', request);
    if (started.status !== 201) throw new Error(`POST /api/agent/analyze answered ${started.status}: ${JSON.stringify(started.body)}`);
    const { workflowId, runId, uiLink } = started.body;
    say(`  201 ${workflowId}  ${uiLink}`);

    const progress = async (): Promise<AnalysisStatusResponse | undefined> => {
      const res = await stack.http<AnalysisStatusResponse>('GET', `/api/agent/analyze/${workflowId}`).catch(() => undefined);
      return res?.status === 200 ? res.body : undefined;
    };
    let shown = -1;
    const show = (p: AnalysisStatusResponse) => {
      if (p.filesAnalyzed === shown) return;
      shown = p.filesAnalyzed;
      say(`  GET .../${workflowId} → filesAnalyzed ${p.filesAnalyzed}/${p.totalFiles} (${p.status}, cost $${p.costSoFar.toFixed(4)})`);
    };
    for (;;) {
      const p = await progress();
      if (p) show(p);
      if (p && p.filesAnalyzed >= KILL_AT) break;
      await sleep(100);
    }

    const worker = stack.worker('agent-worker');
    const deadPid = worker.pid!;
    await worker.kill('SIGKILL');
    say(`*** kill -9 ${deadPid}: the agent worker is dead at file ${shown} (no shutdown, no goodbye) ***`);
    const desc = await stack.client.workflow.getHandle(workflowId).describe();
    say(`  Temporal still has the analysis: ${desc.status.name}, ${desc.raw.pendingActivities?.length ?? 0} activity in flight (the file the dead worker was on)`);
    await sleep(3000);
    say('Restarting the agent worker (the same command: node apps/agent-worker/dist/worker.js)');
    await startWorker(worker);
    say(`  new agent worker pid ${worker.pid}`);
    say(
      '  A crash costs a few seconds more than a graceful restart: the file in flight is retried once its 5 s heartbeat timeout has passed, ' +
        "and the workflow task that records it first waits WORKER_STICKY_QUEUE_TIMEOUT (default 3 s) on the dead worker's sticky queue (docs/troubleshooting.md)",
    );

    let final: AnalysisStatusResponse | undefined;
    for (;;) {
      const p = await progress();
      if (p) show(p);
      if (p && (p.filesAnalyzed >= p.totalFiles || ['completed', 'failed', 'cancelled', 'awaiting_plan_approval'].includes(p.status))) {
        final = p;
        break;
      }
      await sleep(100);
    }
    say(`Analysis of all ${final.totalFiles} files done (${final.status}); ${final.issues.length} issues listed.`);

    const db = new Database(path.join(stack.dataDir, 'agent', 'agent.sqlite'), { readonly: true });
    const rows = db
      .prepare('SELECT file, event, pid, attempt FROM analysis_ledger WHERE store_key = ? ORDER BY id')
      .all(`${workflowId}/${runId}`) as LedgerRow[];
    db.close();
    say('Evidence, from the agent worker\'s own ledger (analysis_ledger in agent.sqlite; one row per execution):');
    console.log('     #  file                              started by pid (attempt)          completed by');
    config.files.forEach((file, i) => {
      const starts = rows.filter((r) => r.file === file && r.event === 'started');
      const done = rows.filter((r) => r.file === file && r.event === 'completed');
      const who = (pid: number) => (pid === deadPid ? `${pid} (old)` : `${pid} (new)`);
      const startText = starts.map((r) => `${who(r.pid)} #${r.attempt}`).join(', ');
      console.log(`    ${String(i + 1).padStart(2)}  ${file.padEnd(32)}  ${startText.padEnd(32)}  ${done.map((r) => who(r.pid)).join(', ')}`);
    });
    const completedTwice = config.files.filter((f) => rows.filter((r) => r.file === f && r.event === 'completed').length > 1);
    const finishedBeforeKill = config.files.filter((f) => rows.some((r) => r.file === f && r.event === 'completed' && r.pid === deadPid));
    const rerunAfterDone = finishedBeforeKill.filter((f) => rows.some((r) => r.file === f && r.event === 'started' && r.pid !== deadPid));
    const firstNew = rows.find((r) => r.event === 'started' && r.pid !== deadPid);
    say(
      `The old worker finished ${finishedBeforeKill.length} files; the new one started at file ${firstNew ? config.files.indexOf(firstNew.file) + 1 : '?'} (${firstNew?.file}). ` +
        `Finished files analysed again: ${rerunAfterDone.length}. Files completed twice: ${completedTwice.length}.`,
    );
    say(`See it in the Temporal UI: ${uiLink} (the history shows each file's activity once; the one that was in flight when the worker died ran again as attempt 2).`);
    if (rerunAfterDone.length > 0 || completedTwice.length > 0) process.exitCode = 1;
  } finally {
    await stack.stop(say);
  }
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
