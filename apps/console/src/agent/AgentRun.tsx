import { Fragment } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import { api, call, type AnalysisStatus } from '../api';
import { followStream } from '../sse';
import { Card, ErrorNote, Live, StatusBadge, money } from '../ui';
import { BatchDiff } from './BatchDiff';
import { roleNote, useCaller } from '../roles';

/** One analysis, live from its event stream: files, cost against budget, issues, approvals, batch results and their diffs. */
export function AgentRun({ workflowId }: { workflowId: string }) {
  const caller = useCaller();
  const [run, setRun] = useState<AnalysisStatus>();
  const [live, setLive] = useState<{ connected: boolean; error?: string }>({ connected: false });
  const [error, setError] = useState<string>();
  const [busy, setBusy] = useState(false);
  const [newBudget, setNewBudget] = useState(0);
  const [reason, setReason] = useState('');
  const [expanded, setExpanded] = useState<ReadonlySet<string>>(new Set());
  const toggle = (batchId: string) =>
    setExpanded((open) => {
      const next = new Set(open);
      if (!next.delete(batchId)) next.add(batchId);
      return next;
    });

  useEffect(() => {
    const path = { workflowId };
    call(api.GET('/api/agent/analyze/{workflowId}', { params: { path } })).then(setRun, (err: Error) => setError(err.message));
    return followStream(`/api/agent/analyze/${encodeURIComponent(workflowId)}/events`, 'progress', {
      onData: (data) => setRun(data as AnalysisStatus),
      onEnd: () => setLive({ connected: false, error: 'analysis over' }),
      onStatus: setLive,
    });
  }, [workflowId]);

  async function act(request: () => Promise<AnalysisStatus>) {
    setBusy(true);
    setError(undefined);
    try {
      setRun(await request());
    } catch (err) {
      setError((err as Error).message);
    } finally {
      setBusy(false);
    }
  }
  const path = { workflowId };
  const budgetDecision = (approved: boolean) =>
    act(() => call(api.POST('/api/agent/analyze/{workflowId}/approve-budget', { params: { path }, body: { approved, ...(approved ? { newBudget } : {}), ...(reason ? { reason } : {}) } })));
  const planDecision = (approved: boolean) =>
    act(() => call(api.POST('/api/agent/analyze/{workflowId}/approve-plan', { params: { path }, body: { approved, ...(reason ? { reason } : {}) } })));

  if (!run) {
    return (
      <Card title={workflowId}>
        <ErrorNote error={error} />
        {error ? null : <p class="muted">Loading…</p>}
      </Card>
    );
  }
  const spent = run.budget > 0 ? Math.min(1, run.costSoFar / run.budget) : 0;
  return (
    <>
      <Card title={`Analysis ${run.taskId}`}>
        <p class="row">
          <StatusBadge status={run.status} />
          <span>stage {run.currentStage}</span>
          <span>strategy {run.strategy}</span>
          <Live connected={live.connected} error={live.error} />
          <a href={run.uiLink} target="_blank" rel="noopener noreferrer">
            Open the run in the Temporal UI
          </a>
        </p>
        <label>
          Files analysed: {run.filesAnalyzed} / {run.totalFiles}
          <progress data-testid="files" max={Math.max(run.totalFiles, 1)} value={run.filesAnalyzed} />
        </label>
        <label>
          Cost ${money(run.costSoFar)} of ${money(run.budget)} budget
          <progress data-testid="cost" max={1} value={spent} />
        </label>
        {run.strategySwitches.length > 0 ? (
          <ul>
            {run.strategySwitches.map((s) => (
              <li key={`${s.atFile}-${s.to}`}>
                after {s.atFile} files: {s.from} → {s.to} ({s.reason})
              </li>
            ))}
          </ul>
        ) : null}
        {run.error ? <p class="error">{run.error}</p> : null}
        {run.refactorSkippedReason ? <p class="muted">No refactor: {run.refactorSkippedReason}</p> : null}
      </Card>
      {run.status === 'awaiting_budget_approval' ? (
        <Card title="Budget approval">
          <div role="dialog" aria-label="Budget approval">
            <p>The analysis spent ${money(run.costSoFar)} and reached its ${money(run.budget)} budget. Raise it to go on, or reject to cancel.</p>
            {caller.approver ? null : <p class="muted">{roleNote(caller, 'approver', 'Deciding on the budget')}</p>}
            <div class="row" hidden={!caller.approver}>
              <label>
                New budget ($)
                <input type="number" step="any" value={newBudget} onInput={(e) => setNewBudget(Number(e.currentTarget.value))} />
              </label>
              <label>
                Reason
                <input value={reason} onInput={(e) => setReason(e.currentTarget.value)} maxLength={1000} />
              </label>
              <button type="button" disabled={busy} onClick={() => budgetDecision(true)}>
                Approve budget
              </button>
              <button type="button" class="danger" disabled={busy} onClick={() => budgetDecision(false)}>
                Reject
              </button>
            </div>
          </div>
        </Card>
      ) : null}
      {run.status === 'awaiting_plan_approval' && run.plan ? (
        <Card title="Plan approval">
          <div role="dialog" aria-label="Plan approval">
            <p>
              {run.plan.totalFixes} fixes in {run.plan.batches.length} batches:
            </p>
            <ul>
              {run.plan.batches.map((b) => (
                <li key={b.files.join(',')}>
                  {b.priority}: {b.fixCount} fixes in {b.files.join(', ')}
                </li>
              ))}
            </ul>
            {caller.approver ? null : <p class="muted">{roleNote(caller, 'approver', 'Deciding on the plan')}</p>}
            <div class="row" hidden={!caller.approver}>
              <label>
                Reason
                <input value={reason} onInput={(e) => setReason(e.currentTarget.value)} maxLength={1000} />
              </label>
              <button type="button" disabled={busy} onClick={() => planDecision(true)}>
                Approve plan
              </button>
              <button type="button" class="danger" disabled={busy} onClick={() => planDecision(false)}>
                Reject plan
              </button>
            </div>
          </div>
        </Card>
      ) : null}
      <ErrorNote error={error} />
      <Card title={`Issues (critical ${run.issueCounts.critical}, high ${run.issueCounts.high}, medium ${run.issueCounts.medium}, low ${run.issueCounts.low})`}>
        <table class="table" data-testid="issues">
          <thead>
            <tr>
              <th>Severity</th>
              <th>File</th>
              <th class="num">Line</th>
              <th>Rule</th>
            </tr>
          </thead>
          <tbody>
            {run.issues.map((i, n) => (
              <tr key={`${i.file}:${i.line}:${n}`}>
                <td>{i.severity}</td>
                <td>{i.file}</td>
                <td class="num">{i.line}</td>
                <td>{i.rule}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </Card>
      {run.batches.length > 0 ? (
        <Card title="Refactor batches">
          <table class="table" data-testid="batches">
            <thead>
              <tr>
                <th>Batch</th>
                <th>Result</th>
                <th>Files</th>
                <th>Why</th>
                <th>Diff</th>
              </tr>
            </thead>
            <tbody>
              {run.batches.map((b) => {
                const panel = `diff-panel-${b.batchId}`;
                const open = expanded.has(b.batchId);
                return (
                  <Fragment key={b.batchId}>
                    <tr>
                      <td class="nowrap">{b.batchId}</td>
                      <td class="nowrap">{b.status}</td>
                      <td>{b.filesChanged.join(', ')}</td>
                      <td>
                        <BatchWhy detail={b.detail} />
                      </td>
                      <td class="nowrap">
                        {b.filesChanged.length > 0 ? (
                          <button type="button" class="secondary" aria-expanded={open} aria-controls={panel} onClick={() => toggle(b.batchId)}>
                            {open ? 'Hide diff' : 'Show diff'}
                          </button>
                        ) : (
                          <span class="muted">no change</span>
                        )}
                      </td>
                    </tr>
                    {open ? (
                      <tr class="diff-row">
                        <td colSpan={5}>
                          <BatchDiff workflowId={workflowId} batchId={b.batchId} id={panel} rolledBack={b.status !== 'applied'} />
                        </td>
                      </tr>
                    ) : null}
                  </Fragment>
                );
              })}
            </tbody>
          </table>
        </Card>
      ) : null}
    </>
  );
}

/**
 * Why a batch ended as it did: the first line (`tests passed`, or `failing: <test names>`), and the test
 * output after it folded away, so the table stays readable.
 */
function BatchWhy({ detail }: { detail: string | undefined }) {
  if (!detail) return null;
  const cut = detail.indexOf('\n');
  if (cut < 0) return <>{detail}</>;
  return (
    <>
      {detail.slice(0, cut)}
      <details>
        <summary>Test output</summary>
        <pre class="test-output">{detail.slice(cut + 1)}</pre>
      </details>
    </>
  );
}
