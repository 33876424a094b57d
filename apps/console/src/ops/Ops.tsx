import { useEffect, useState } from 'preact/hooks';
import { api, call, type Controls, type LoadBody, type LoadState, type OrderFaults, type TaskQueues } from '../api';
import { followStream } from '../sse';
import { Card, ErrorNote, Live } from '../ui';
import { loadSeries, seriesChart } from './series';

const REFRESH_MS = 2_000;
const SCENARIOS = ['normal', 'high-value', 'declined', 'out-of-stock', 'cancel'] as const;

const ago = (iso: string | undefined) => (iso ? `${Math.max(0, Math.round((Date.now() - Date.parse(iso)) / 1000))} s ago` : '');

/** Each worker's task queue as Temporal sees it: who polls (identity, build), what waits. */
function TaskQueueTable({ queues }: { queues: TaskQueues['queues'] }) {
  return (
    <table class="table" data-testid="task-queues">
      <thead>
        <tr>
          <th>Worker</th>
          <th>Task queue</th>
          <th>Workflow pollers</th>
          <th>Activity pollers</th>
          <th class="num">Backlog (workflow / activity)</th>
          <th class="num">Oldest waiting</th>
        </tr>
      </thead>
      <tbody>
        {queues.map((q) => (
          <tr key={q.taskQueue} data-worker={q.worker} data-pollers={q.workflow.pollers.length}>
            <td>{q.worker}</td>
            <td>
              <code>{q.taskQueue}</code>
            </td>
            {[q.workflow, q.activity].map((side, i) => (
              <td key={i}>
                {side.pollers.length === 0 ? (
                  <span class="bad-text">no worker polling</span>
                ) : (
                  <ul class="items">
                    {side.pollers.map((p) => (
                      <li key={p.identity} class="poller">
                        {p.identity}
                        <span class="muted">
                          {p.buildId ? ` · build ${p.buildId}` : ''} · {ago(p.lastAccessTime)}
                        </span>
                      </li>
                    ))}
                  </ul>
                )}
              </td>
            ))}
            <td class="num" data-testid={`backlog-${q.worker}`}>
              {q.workflow.backlog?.approximateCount ?? '?'} / {q.activity.backlog?.approximateCount ?? '?'}
            </td>
            <td class="num">{Math.round(Math.max(q.workflow.backlog?.approximateAgeMs ?? 0, q.activity.backlog?.approximateAgeMs ?? 0) / 1000)} s</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

function WorkerControls({ controls, onChange }: { controls: Extract<Controls, { enabled: true }>; onChange: () => void }) {
  const [error, setError] = useState<string>();
  const [busy, setBusy] = useState<string>();
  async function act(worker: 'order-worker' | 'ml-worker' | 'agent-worker', action: 'kill' | 'start') {
    setBusy(worker);
    setError(undefined);
    try {
      const path = { worker };
      await call(action === 'kill' ? api.POST('/api/ops/workers/{worker}/kill', { params: { path } }) : api.POST('/api/ops/workers/{worker}/start', { params: { path } }));
      onChange();
    } catch (err) {
      setError((err as Error).message);
    } finally {
      setBusy(undefined);
    }
  }
  return (
    <>
      <table class="table" data-testid="workers">
        <tbody>
          {controls.workers.map((w) => (
            <tr key={w.name} data-worker={w.name} data-running={String(w.running)}>
              <td>{w.name}</td>
              <td>{w.running ? <span class="ok-text">running (pid {w.pid})</span> : <span class="bad-text">stopped{w.exited ? ` (${w.exited})` : ''}</span>}</td>
              <td>
                {w.running ? (
                  <button type="button" class="danger" disabled={busy !== undefined} onClick={() => act(w.name, 'kill')} aria-label={`Kill ${w.name}`}>
                    Kill worker
                  </button>
                ) : (
                  <button type="button" disabled={busy !== undefined} onClick={() => act(w.name, 'start')} aria-label={`Start ${w.name}`}>
                    Start worker
                  </button>
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <ErrorNote error={error} />
    </>
  );
}

function FaultForm({ current, onChange }: { current: OrderFaults; onChange: () => void }) {
  const [faults, setFaults] = useState<OrderFaults>(current);
  const [error, setError] = useState<string>();
  const [saved, setSaved] = useState(false);
  async function submit(e: Event) {
    e.preventDefault();
    setError(undefined);
    setSaved(false);
    try {
      await call(api.PUT('/api/ops/faults', { body: faults }));
      setSaved(true);
      onChange();
    } catch (err) {
      setError((err as Error).message);
    }
  }
  const num = (key: 'paymentFailureRate' | 'paymentLostResponses' | 'paymentDelayMs') => (e: { currentTarget: HTMLInputElement }) => setFaults({ ...faults, [key]: Number(e.currentTarget.value) });
  return (
    <form onSubmit={submit} aria-label="Order worker faults">
      <div class="row">
        <label>
          Payment failure rate (0–1)
          <input type="number" step="0.05" min={0} max={1} value={faults.paymentFailureRate} onInput={num('paymentFailureRate')} />
        </label>
        <label>
          Lost payment answers (attempts)
          <input type="number" step="1" min={0} max={5} value={faults.paymentLostResponses} onInput={num('paymentLostResponses')} />
        </label>
        <label>
          Payment delay (ms)
          <input type="number" step="500" min={0} max={60000} value={faults.paymentDelayMs} onInput={num('paymentDelayMs')} />
        </label>
        <label>
          Carrier
          <select value={faults.carrier} onChange={(e) => setFaults({ ...faults, carrier: e.currentTarget.value as OrderFaults['carrier'] })}>
            <option value="ok">ok</option>
            <option value="reject">reject (compensations run)</option>
            <option value="unavailable">unavailable (retried)</option>
          </select>
        </label>
      </div>
      <ErrorNote error={error} />
      <button type="submit">Apply faults (restarts the order worker)</button>
      {saved ? <span class="muted"> Applied: the order worker restarts gracefully with them.</span> : null}
    </form>
  );
}

function LoadChart({ state }: { state: LoadState }) {
  const s = loadSeries(state.snapshots);
  const duration = state.request?.durationSeconds ?? 30;
  const rate = seriesChart([s.throughput], duration, state.request?.rate ?? 1);
  const latency = seriesChart([s.p50, s.p99], duration, 10);
  const last = state.snapshots.at(-1);
  const axes = (g: typeof rate, unit: string) => (
    <>
      <line class="axis" x1={g.plot.left} y1={g.plot.bottom} x2={g.plot.right} y2={g.plot.bottom} />
      <line class="axis" x1={g.plot.left} y1={g.plot.top} x2={g.plot.left} y2={g.plot.bottom} />
      {g.yTicks.map((t) => (
        <text key={`y${t.y}`} x={g.plot.left - 6} y={t.y + 4} text-anchor="end">
          {t.value.toFixed(t.value < 10 ? 1 : 0)}
          {unit}
        </text>
      ))}
      {g.xTicks.map((t) => (
        <text key={`x${t.seconds}`} x={t.x} y={g.plot.bottom + 16} text-anchor="middle">
          {t.seconds} s
        </text>
      ))}
    </>
  );
  return (
    <div>
      {last ? (
        <p class="grid" data-testid="load-stats">
          <span class="stat">
            sent <b data-testid="load-sent">{last.sent}</b>
          </span>
          <span class="stat">
            ok / failed{' '}
            <b>
              {last.ok} / {last.failed}
            </b>
          </span>
          <span class="stat">
            throughput <b>{last.currentRate.toFixed(1)}/s</b>
          </span>
          <span class="stat">
            p50 / p99{' '}
            <b>
              {last.p50.toFixed(0)} / {last.p99.toFixed(0)} ms
            </b>
          </span>
        </p>
      ) : null}
      {last && last.errors.length > 0 ? <p class="muted">Errors: {last.errors.map((e) => `${e.type} ${e.count}`).join(', ')}</p> : null}
      <figure>
        <svg class="chart" viewBox={`0 0 ${rate.width} ${rate.height}`} role="img" aria-label="Throughput, orders per second" data-testid="throughput-chart" data-points={s.throughput.length}>
          {axes(rate, '')}
          <polyline class="train" points={rate.lines[0]} />
        </svg>
        <svg class="chart" viewBox={`0 0 ${latency.width} ${latency.height}`} role="img" aria-label="Create latency p50 and p99, ms" data-testid="latency-chart">
          {axes(latency, '')}
          <polyline class="train" points={latency.lines[0]} />
          <polyline class="validation" points={latency.lines[1]} />
        </svg>
        <figcaption class="legend">
          <span class="train">throughput (orders/s) · latency p50 (ms)</span>
          <span class="validation">latency p99 (ms)</span>
        </figcaption>
      </figure>
    </div>
  );
}

function LoadPanel({ initial }: { initial: LoadState }) {
  const [body, setBody] = useState<LoadBody>({ rate: 2, durationSeconds: 20, mix: { normal: 80, 'high-value': 5, declined: 5, 'out-of-stock': 5, cancel: 5 } });
  const [state, setState] = useState<LoadState>(initial);
  const [live, setLive] = useState<{ connected: boolean; error?: string }>({ connected: false });
  const [error, setError] = useState<string>();
  const [generation, setGeneration] = useState(initial.running ? 1 : 0);

  useEffect(() => {
    if (generation === 0) return undefined;
    return followStream('/api/ops/load/events', 'load', {
      onData: (data) => setState(data as LoadState),
      onEnd: () => setLive({ connected: false, error: 'run over' }),
      onStatus: setLive,
    });
  }, [generation]);

  async function submit(e: Event) {
    e.preventDefault();
    setError(undefined);
    try {
      setState(await call(api.POST('/api/ops/load', { body })));
      setGeneration(generation + 1);
    } catch (err) {
      setError((err as Error).message);
    }
  }
  return (
    <>
      {/* noValidate: the gateway judges the bounds and its own words are shown, not the browser's tooltip. */}
      <form onSubmit={submit} aria-label="Load" noValidate>
        <div class="row">
          <label>
            Orders per second
            <input type="number" step="0.5" min={0.5} max={20} value={body.rate} onInput={(e) => setBody({ ...body, rate: Number(e.currentTarget.value) })} />
          </label>
          <label>
            Duration (s)
            <input type="number" step="1" min={1} max={300} value={body.durationSeconds} onInput={(e) => setBody({ ...body, durationSeconds: Number(e.currentTarget.value) })} />
          </label>
          {SCENARIOS.map((s) => (
            <label key={s}>
              Mix: {s}
              <input class="qty" type="number" step="1" min={0} max={100} value={body.mix[s] ?? 0} onInput={(e) => setBody({ ...body, mix: { ...body.mix, [s]: Number(e.currentTarget.value) } })} />
            </label>
          ))}
        </div>
        <ErrorNote error={error} />
        <button type="submit" disabled={state.running}>
          Start load
        </button>{' '}
        {state.running ? <Live connected={live.connected} error={live.error} /> : state.exited ? <span class="muted">last run ended ({state.exited})</span> : null}
      </form>
      {state.snapshots.length > 0 || state.running ? <LoadChart state={state} /> : null}
    </>
  );
}

/** Operations: the task queues from Temporal; under `pnpm start` with OPS_CONTROLS=on, the worker, fault and load controls. */
export function Ops() {
  const [queues, setQueues] = useState<TaskQueues>();
  const [controls, setControls] = useState<Controls>();
  const [error, setError] = useState<string>();
  const [tick, setTick] = useState(0);

  useEffect(() => {
    let stopped = false;
    const read = () => {
      call(api.GET('/api/ops/task-queues')).then(
        (q) => {
          if (!stopped) setQueues(q);
          setError(undefined);
        },
        (err: Error) => !stopped && setError(err.message),
      );
      call(api.GET('/api/ops/controls')).then(
        (c) => !stopped && setControls(c),
        (err: Error) => !stopped && setError(err.message),
      );
    };
    read();
    const timer = setInterval(read, REFRESH_MS);
    return () => {
      stopped = true;
      clearInterval(timer);
    };
  }, [tick]);
  const refresh = () => setTick(tick + 1);

  return (
    <>
      <Card title={`Task queues${queues ? ` (namespace ${queues.namespace})` : ''}`}>
        <ErrorNote error={error} />
        {queues ? <TaskQueueTable queues={queues.queues} /> : error ? null : <p class="muted">Loading…</p>}
        <p class="muted">From Temporal's DescribeTaskQueue every {REFRESH_MS / 1000} s. A workflow waits in the backlog while no worker polls its queue; it resumes when one starts.</p>
      </Card>
      {controls && !controls.enabled ? (
        <Card title="Worker controls">
          <p class="muted" data-testid="controls-off">
            {controls.reason}
          </p>
        </Card>
      ) : null}
      {controls?.enabled ? (
        <>
          <Card title="Workers (pnpm start)">
            <WorkerControls controls={controls} onChange={refresh} />
            <p class="muted">Kill sends SIGKILL: no graceful shutdown. Open a running analysis or training in another tab and watch it resume when the worker is back.</p>
          </Card>
          <Card title="Order worker faults">
            <FaultForm current={controls.faults} onChange={refresh} />
          </Card>
          <Card title="Load">
            <LoadPanel initial={controls.load} />
          </Card>
        </>
      ) : null}
    </>
  );
}
