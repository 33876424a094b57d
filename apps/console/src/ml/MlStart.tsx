import { useEffect, useState } from 'preact/hooks';
import { api, call, type MlStartBody } from '../api';
import { href, navigate } from '../router';
import { Card, ErrorNote, StatusBadge } from '../ui';
import { roleNote, useCaller } from '../roles';

type Runs = Awaited<ReturnType<typeof listRuns>>;
const listRuns = () => call(api.GET('/api/ml-training', { params: { query: { pageSize: 10 } } }));

const num = (v: string): number => Number(v);

/** Start a training run (data set, model, hyperparameters, intervals) and pick a recent one. */
export function MlStart() {
  const caller = useCaller();
  const [modelId, setModelId] = useState(`iris-${Date.now().toString(36)}`);
  const [dataset, setDataset] = useState<'iris' | 'synthetic'>('iris');
  const [hiddenUnits, setHiddenUnits] = useState(16);
  const [epochs, setEpochs] = useState(30);
  const [learningRate, setLearningRate] = useState(0.01);
  const [batchSize, setBatchSize] = useState(16);
  const [optimizer, setOptimizer] = useState<MlStartBody['hyperparameters']['optimizer']>('AdamW');
  const [checkpointInterval, setCheckpointInterval] = useState(5);
  const [reviewInterval, setReviewInterval] = useState(10);
  const [reviewTimeoutSeconds, setReviewTimeoutSeconds] = useState(300);
  const [runs, setRuns] = useState<Runs>();
  const [error, setError] = useState<string>();
  const [busy, setBusy] = useState(false);

  useEffect(() => {
    listRuns().then(setRuns, (err: Error) => setError(err.message));
  }, []);

  async function submit(e: Event) {
    e.preventDefault();
    setBusy(true);
    setError(undefined);
    const body: MlStartBody = {
      modelId,
      hyperparameters: { learningRate, batchSize, epochs, optimizer },
      checkpointInterval,
      reviewInterval,
      reviewTimeoutSeconds,
      dataset: { name: dataset },
      model: { hiddenUnits, activation: 'tanh' },
    };
    try {
      const started = await call(api.POST('/api/ml-training', { body }));
      navigate('ml', started.workflowId);
    } catch (err) {
      setError((err as Error).message);
      setBusy(false);
    }
  }

  const field = (label: string, value: number, set: (n: number) => void, attrs: { min?: number; max?: number; step?: string } = {}) => (
    <label>
      {label}
      <input type="number" value={value} onInput={(e) => set(num(e.currentTarget.value))} required {...attrs} />
    </label>
  );

  return (
    <>
      <Card title="Start a training run">
        {caller.operator ? null : <p class="muted">{roleNote(caller, 'operator', 'Starting a run')}</p>}
        <form hidden={!caller.operator} onSubmit={submit} aria-label="Start a training run">
          <div class="row">
            <label>
              Model id
              <input value={modelId} onInput={(e) => setModelId(e.currentTarget.value)} required />
            </label>
            <label>
              Data set
              <select value={dataset} onChange={(e) => setDataset(e.currentTarget.value as 'iris' | 'synthetic')}>
                <option value="iris">iris</option>
                <option value="synthetic">synthetic</option>
              </select>
            </label>
            {field('Hidden units', hiddenUnits, setHiddenUnits, { min: 0 })}
          </div>
          <div class="row">
            {field('Epochs', epochs, setEpochs, { min: 1 })}
            {field('Learning rate', learningRate, setLearningRate, { step: 'any' })}
            {field('Batch size', batchSize, setBatchSize, { min: 1 })}
            <label>
              Optimizer
              <select value={optimizer} onChange={(e) => setOptimizer(e.currentTarget.value as typeof optimizer)}>
                <option value="AdamW">AdamW</option>
                <option value="Adam">Adam</option>
                <option value="SGD">SGD</option>
              </select>
            </label>
          </div>
          <div class="row">
            {field('Checkpoint every (epochs)', checkpointInterval, setCheckpointInterval, { min: 1 })}
            {field('Review every (epochs)', reviewInterval, setReviewInterval, { min: 1 })}
            {field('Review timeout (s)', reviewTimeoutSeconds, setReviewTimeoutSeconds, { min: 1 })}
          </div>
          <ErrorNote error={error} />
          <button type="submit" disabled={busy}>
            Start training
          </button>
        </form>
      </Card>
      <Card title="Recent runs">
        <table class="table">
          <thead>
            <tr>
              <th>Run</th>
              <th>Status</th>
              <th class="num">Epoch</th>
            </tr>
          </thead>
          <tbody>
            {(runs?.runs ?? []).map((r) => (
              <tr key={r.workflowId}>
                <td>
                  <a href={href('ml', r.workflowId)}>{r.workflowId}</a>
                </td>
                <td>
                  <StatusBadge status={r.status ?? r.executionStatus} />
                </td>
                <td class="num">{r.epoch ?? ''}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </Card>
    </>
  );
}
