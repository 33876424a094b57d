import { useEffect, useState } from 'preact/hooks';
import { api, call, type BatchDiff as BatchDiffData } from '../api';
import { ErrorNote } from '../ui';
import { byteSize, diffLines } from './diff';

/**
 * One batch's diff, fetched when its row is expanded: what the batch wrote, or for a rolled-back batch
 * what was written and then undone. Added lines green with "+", removed red with "-": the sign is in the
 * text too, so the colour is never the only cue.
 */
export function BatchDiff({ workflowId, batchId, id, rolledBack }: { workflowId: string; batchId: string; id: string; rolledBack: boolean }) {
  const [diff, setDiff] = useState<BatchDiffData>();
  const [error, setError] = useState<string>();
  useEffect(() => {
    call(api.GET('/api/agent/analyze/{workflowId}/batches/{batchId}/diff', { params: { path: { workflowId, batchId } } })).then(setDiff, (err: Error) => setError(err.message));
  }, [workflowId, batchId]);
  return (
    <div id={id} class="diff-panel" data-testid={`diff-${batchId}`}>
      <ErrorNote error={error} />
      {!diff && !error ? <p class="muted">Loading the diff…</p> : null}
      {diff ? (
        <>
          <p class="muted">
            {rolledBack ? 'Rolled back: these changes were written, the tests failed, and the files were restored. ' : ''}
            {diff.files.map((f) => `${f.file} (+${f.added} −${f.removed})`).join(', ')}
          </p>
          <pre class="diff" tabIndex={0} aria-label={`Diff of ${batchId}`}>
            {diffLines(diff.diff).map((l, n) => (
              <span key={n} class={`diff-${l.kind}`}>
                {l.text}
                {'\n'}
              </span>
            ))}
          </pre>
          {diff.truncated ? (
            <p class="muted" data-testid="diff-truncated">
              Truncated: showing {byteSize(new TextEncoder().encode(diff.diff).length)} of {byteSize(diff.bytes)}.
            </p>
          ) : null}
        </>
      ) : null}
    </div>
  );
}
