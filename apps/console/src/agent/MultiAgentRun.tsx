import { useEffect, useState } from 'preact/hooks';
import { api, call, type MultiAgentStatus } from '../api';
import { Card, ErrorNote, StatusBadge, money } from '../ui';
import { childUiLink } from './links';

const POLL_MS = 1_000;

/**
 * A multi-agent run as a tree: the coordinator workflow, and under it each specialist child workflow with
 * its status as the coordinator reports it, read every second until the run is over.
 */
export function MultiAgentRun({ workflowId }: { workflowId: string }) {
  const [run, setRun] = useState<MultiAgentStatus>();
  const [error, setError] = useState<string>();

  useEffect(() => {
    let stopped = false;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const read = () => {
      call(api.GET('/api/agent/multi-agent/{workflowId}', { params: { path: { workflowId } } })).then(
        (status) => {
          if (stopped) return;
          setRun(status);
          setError(undefined);
          if (status.status === 'running') timer = setTimeout(read, POLL_MS);
        },
        (err: Error) => {
          if (stopped) return;
          setError(err.message);
          timer = setTimeout(read, POLL_MS * 3);
        },
      );
    };
    read();
    return () => {
      stopped = true;
      clearTimeout(timer);
    };
  }, [workflowId]);

  if (!run) {
    return (
      <Card title={workflowId}>
        <ErrorNote error={error} />
        {error ? null : <p class="muted">Loading…</p>}
      </Card>
    );
  }
  return (
    <Card title={`Multi-agent analysis ${run.projectName}`}>
      <ErrorNote error={error} />
      <div class="node" data-testid="coordinator">
        <StatusBadge status={run.status} />
        <strong>coordinator</strong>
        <code>{run.workflowId}</code>
        <a href={run.uiLink} target="_blank" rel="noopener noreferrer">
          Temporal UI
        </a>
        <span class="muted">requirements: {run.requirements.join(', ')}</span>
      </div>
      <ul class="tree" aria-label="Specialists">
        {run.specialists.map((s) => {
          const issues = s.issueCounts ? Object.values(s.issueCounts).reduce((a, b) => a + b, 0) : undefined;
          return (
            <li key={s.kind} data-testid={`specialist-${s.kind}`} data-status={s.status}>
              <div class="node">
                <StatusBadge status={s.status} />
                <strong>{s.kind}</strong>
                {s.workflowId ? (
                  <a href={childUiLink(run.uiLink, s.workflowId)} target="_blank" rel="noopener noreferrer">
                    <code>{s.workflowId}</code>
                  </a>
                ) : null}
                {s.filesAnalyzed !== undefined ? <span>{s.filesAnalyzed} files</span> : null}
                {s.cost !== undefined ? <span>${money(s.cost)}</span> : null}
                {issues !== undefined ? <span data-testid={`issues-${s.kind}`}>{issues} issues</span> : null}
                {s.reason ? <span class="muted">{s.reason}</span> : null}
                {s.error ? <span class="bad-text">{s.error}</span> : null}
              </div>
            </li>
          );
        })}
      </ul>
      {run.failures.length > 0 ? <ErrorNote error={run.failures.join('; ')} /> : null}
    </Card>
  );
}
