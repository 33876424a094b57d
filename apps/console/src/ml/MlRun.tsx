import { useEffect, useState } from 'preact/hooks';
import type { paths } from '@temporal-ecommerce/gateway/client';
import { api, call, type MlAudit, type MlDecisionBody, type MlProgress } from '../api';
import { followStream } from '../sse';
import { Card, ErrorNote, Live, StatusBadge } from '../ui';
import { roleNote, useCaller } from '../roles';
import type { EpochPoint } from './chart';
import { LossChart } from './LossChart';

type Metric = MlProgress['metrics'][number];
type MetricsPage = paths['/api/ml-training/{workflowId}/metrics']['get']['responses'][200]['content']['application/json'];

/** Every epoch's metrics from the run's store, a page at a time (the state keeps only the latest 50). */
async function allMetrics(workflowId: string): Promise<Metric[]> {
  const rows: Metric[] = [];
  let cursor: number | null = 0;
  while (cursor !== null) {
    const page: MetricsPage = await call(api.GET('/api/ml-training/{workflowId}/metrics', { params: { path: { workflowId }, query: { cursor, limit: 500 } } }));
    rows.push(...page.items);
    cursor = page.nextCursor;
  }
  return rows;
}

const fixed = (n: number | null | undefined, digits = 4): string => (n === null || n === undefined ? '—' : n.toFixed(digits));

/** One training run: live loss curves, accuracy, checkpoints, recoveries, the review decision and the audit. */
export function MlRun({ workflowId }: { workflowId: string }) {
  const caller = useCaller();
  const [run, setRun] = useState<MlProgress>();
  const [history, setHistory] = useState<Map<number, EpochPoint>>(new Map());
  const [live, setLive] = useState<{ connected: boolean; error?: string }>({ connected: false });
  const [error, setError] = useState<string>();
  const [audit, setAudit] = useState<MlAudit>();
  const [auditing, setAuditing] = useState(false);
  const [action, setAction] = useState<MlDecisionBody['action']>('continue');
  const [reason, setReason] = useState('Looks good');
  const [newRate, setNewRate] = useState(0.005);
  const [deciding, setDeciding] = useState(false);

  const merge = (rows: readonly Metric[]) =>
    setHistory((prev) => {
      const next = new Map(prev);
      for (const m of rows) next.set(m.epoch, m);
      return next;
    });

  useEffect(() => {
    const path = { workflowId };
    call(api.GET('/api/ml-training/{workflowId}', { params: { path } })).then(
      (r) => {
        setRun(r);
        merge(r.metrics);
      },
      (err: Error) => setError(err.message),
    );
    allMetrics(workflowId).then(merge, (err: Error) => setError(err.message));
    return followStream(`/api/ml-training/${encodeURIComponent(workflowId)}/events`, 'progress', {
      onData: (data) => {
        const r = data as MlProgress;
        setRun(r);
        merge(r.metrics);
      },
      onEnd: () => setLive({ connected: false, error: 'run finished' }),
      onStatus: setLive,
    });
  }, [workflowId]);

  async function decide(e: Event) {
    e.preventDefault();
    setDeciding(true);
    setError(undefined);
    const body: MlDecisionBody = { action, reason, ...(action === 'adjust' ? { newHyperparameters: { learningRate: newRate } } : {}) };
    try {
      await call(api.POST('/api/ml-training/{workflowId}/decision', { params: { path: { workflowId } }, body }));
    } catch (err) {
      setError((err as Error).message);
    } finally {
      setDeciding(false);
    }
  }

  async function runAudit() {
    setAuditing(true);
    setAudit(undefined);
    setError(undefined);
    try {
      setAudit(await call(api.GET('/api/ml-training/{workflowId}/audit', { params: { path: { workflowId } } })));
    } catch (err) {
      setError((err as Error).message);
    } finally {
      setAuditing(false);
    }
  }

  if (!run) {
    return (
      <Card title={workflowId}>
        <ErrorNote error={error} />
        {error ? null : <p class="muted">Loading…</p>}
      </Card>
    );
  }
  const checkpoints = [...run.checkpoints, ...(run.live?.pendingCheckpoints ?? [])];
  const latest = [...history.values()].sort((a, b) => a.epoch - b.epoch).at(-1) as Metric | undefined;
  return (
    <>
      <Card title={`Training ${run.modelId}`}>
        <p class="row">
          <StatusBadge status={run.status} />
          <span data-testid="epoch">
            epoch {run.currentEpoch} / {run.totalEpochs}
          </span>
          <Live connected={live.connected} error={live.error} />
        </p>
        <div class="grid">
          <span class="stat">
            validation loss <b>{fixed(run.currentLoss)}</b>
          </span>
          <span class="stat">
            accuracy <b data-testid="accuracy">{run.currentAccuracy === null ? '—' : `${(run.currentAccuracy * 100).toFixed(1)} %`}</b>
          </span>
          <span class="stat">
            best loss <b>{fixed(run.bestLoss)}</b> {run.bestEpoch !== null ? `at epoch ${run.bestEpoch}` : ''}
          </span>
          <span class="stat">
            checkpoints <b>{run.checkpointCount}</b>
          </span>
          <span class="stat">
            train loss (last) <b>{fixed(latest?.trainLoss)}</b>
          </span>
          <span class="stat">
            recoveries <b>{run.recoveryCount}</b>
          </span>
        </div>
        {run.evaluation ? (
          <p>
            Test set: loss {fixed(run.evaluation.loss)}, accuracy {(run.evaluation.accuracy * 100).toFixed(1)} % on {run.evaluation.samples} samples
          </p>
        ) : null}
        {run.error ? <p class="error">{run.error}</p> : null}
      </Card>
      <Card title="Loss per epoch">
        <LossChart
          metrics={[...history.values()]}
          totalEpochs={run.totalEpochs}
          checkpointEpochs={checkpoints.map((c) => c.epoch)}
          recoveryEpochs={run.recoveries.map((r) => r.resumedFromEpoch)}
        />
        {run.recoveries.length > 0 ? (
          <ul>
            {run.recoveries.map((r) => (
              <li key={`${r.attempt}-${r.resumedFromEpoch}`}>
                attempt {r.attempt} resumed from epoch {r.resumedFromEpoch} (the failed attempt had reached {r.reachedEpoch}; {r.epochsRerun} epochs run again)
              </li>
            ))}
          </ul>
        ) : null}
      </Card>
      {run.awaitingDecision ? (
        <Card title={`Review at epoch ${run.awaitingDecision.epoch}`}>
          {caller.approver ? null : <p class="muted">{roleNote(caller, 'approver', 'Deciding at a review point')}</p>}
          <form onSubmit={decide} aria-label="Review decision" hidden={!caller.approver}>
            <p class="muted">The run waits for a decision until {new Date(run.awaitingDecision.deadline).toLocaleString()}, then continues.</p>
            <div class="row">
              <label>
                Decision
                <select value={action} onChange={(e) => setAction(e.currentTarget.value as MlDecisionBody['action'])}>
                  <option value="continue">continue</option>
                  <option value="adjust">adjust</option>
                  <option value="stop">stop</option>
                </select>
              </label>
              {action === 'adjust' ? (
                <label>
                  New learning rate
                  <input type="number" step="any" value={newRate} onInput={(e) => setNewRate(Number(e.currentTarget.value))} />
                </label>
              ) : null}
              <label>
                Reason
                <input value={reason} onInput={(e) => setReason(e.currentTarget.value)} required maxLength={2000} />
              </label>
              <button type="submit" disabled={deciding}>
                Send decision
              </button>
            </div>
          </form>
        </Card>
      ) : null}
      <Card title="Checkpoints and audit">
        <p class="muted">Merkle root {run.merkleRoot || '—'}</p>
        <button type="button" onClick={runAudit} disabled={auditing || run.checkpointCount === 0}>
          {auditing ? 'Auditing…' : 'Audit'}
        </button>
        {audit ? (
          <div data-testid="audit">
            {audit.verified ? (
              <p class="verified">Verified: {audit.checked} checkpoints re-hashed, Merkle root matches.</p>
            ) : (
              <>
                <p class="tampered">Not verified: {audit.problems.join('; ')}</p>
                <table class="table">
                  <tbody>
                    {audit.checkpoints.map((c) => (
                      <tr key={c.checkpointId}>
                        <td>epoch {c.epoch}</td>
                        <td>{c.status}</td>
                        <td>{c.uri}</td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </>
            )}
          </div>
        ) : null}
        <ErrorNote error={error} />
        <table class="table">
          <thead>
            <tr>
              <th class="num">Epoch</th>
              <th class="num">Validation loss</th>
              <th>Trigger</th>
              <th>SHA-256</th>
            </tr>
          </thead>
          <tbody>
            {checkpoints.map((c) => (
              <tr key={c.checkpointId}>
                <td class="num">{c.epoch}</td>
                <td class="num">{fixed(c.loss)}</td>
                <td>{c.trigger}</td>
                <td>
                  <code>{c.sha256.slice(0, 12)}</code>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </Card>
    </>
  );
}
