import { useState } from 'preact/hooks';
import { api, call, type AnalyzeBody } from '../api';
import { navigate } from '../router';
import { Card, ErrorNote } from '../ui';
import { roleNote, useCaller } from '../roles';

/** Start the specialists (architecture and security in parallel, performance when architecture found issues). */
function MultiAgentStart() {
  const caller = useCaller();
  const [projectName, setProjectName] = useState(`project-${Date.now().toString(36)}`);
  const [repositoryPath, setRepositoryPath] = useState('sample-codebase');
  const [requirements, setRequirements] = useState('security, performance, maintainability');
  const [error, setError] = useState<string>();
  const [busy, setBusy] = useState(false);
  async function submit(e: Event) {
    e.preventDefault();
    setBusy(true);
    setError(undefined);
    const body = { projectName, repositoryPath, requirements: requirements.split(',').map((r) => r.trim()).filter(Boolean) };
    try {
      const started = await call(api.POST('/api/agent/multi-agent', { body }));
      navigate('agent', 'multi', started.workflowId);
    } catch (err) {
      setError((err as Error).message);
      setBusy(false);
    }
  }
  return (
    <Card title="Run the specialists (multi-agent)">
      {caller.operator ? null : <p class="muted">{roleNote(caller, 'operator', 'Starting the specialists')}</p>}
      <form hidden={!caller.operator} onSubmit={submit} aria-label="Run the specialists">
        <div class="row">
          <label>
            Project name
            <input value={projectName} onInput={(e) => setProjectName(e.currentTarget.value)} required />
          </label>
          <label>
            Repository
            <input value={repositoryPath} onInput={(e) => setRepositoryPath(e.currentTarget.value)} required />
          </label>
          <label>
            Requirements (comma-separated)
            <input value={requirements} onInput={(e) => setRequirements(e.currentTarget.value)} required />
          </label>
        </div>
        <ErrorNote error={error} />
        <button type="submit" disabled={busy}>
          Start specialists
        </button>
      </form>
    </Card>
  );
}

/** Start an analysis of a repository under the gateway's allowed roots (AGENT_REPOSITORY_ROOTS). */
export function AgentStart() {
  return (
    <>
      <SingleAgentStart />
      <MultiAgentStart />
    </>
  );
}

function SingleAgentStart() {
  const caller = useCaller();
  const [taskId, setTaskId] = useState(`analysis-${Date.now().toString(36)}`);
  const [repositoryPath, setRepositoryPath] = useState('sample-codebase');
  const [analysisType, setAnalysisType] = useState<NonNullable<AnalyzeBody['analysisType']>>('security');
  const [targetImprovement, setTargetImprovement] = useState<AnalyzeBody['targetImprovement'] | ''>('');
  const [budget, setBudget] = useState(5);
  const [requiresApproval, setRequiresApproval] = useState(false);
  const [error, setError] = useState<string>();
  const [busy, setBusy] = useState(false);

  async function submit(e: Event) {
    e.preventDefault();
    setBusy(true);
    setError(undefined);
    const body: AnalyzeBody = { taskId, repositoryPath, analysisType, budget, requiresApproval, ...(targetImprovement ? { targetImprovement } : {}) };
    try {
      const started = await call(api.POST('/api/agent/analyze', { body }));
      navigate('agent', started.workflowId);
    } catch (err) {
      setError((err as Error).message);
      setBusy(false);
    }
  }

  return (
    <Card title="Analyse a repository">
      {caller.operator ? null : <p class="muted">{roleNote(caller, 'operator', 'Starting an analysis')}</p>}
      <form hidden={!caller.operator} onSubmit={submit} aria-label="Analyse a repository">
        <div class="row">
          <label>
            Task id
            <input value={taskId} onInput={(e) => setTaskId(e.currentTarget.value)} required />
          </label>
          <label>
            Repository (under the allowed roots)
            <input value={repositoryPath} onInput={(e) => setRepositoryPath(e.currentTarget.value)} required />
          </label>
        </div>
        <div class="row">
          <label>
            Analysis
            <select value={analysisType} onChange={(e) => setAnalysisType(e.currentTarget.value as typeof analysisType)}>
              <option value="security">security</option>
              <option value="quality">quality</option>
              <option value="performance">performance</option>
              <option value="architectural">architectural</option>
            </select>
          </label>
          <label>
            Refactor for
            <select value={targetImprovement} onChange={(e) => setTargetImprovement(e.currentTarget.value as typeof targetImprovement)}>
              <option value="">no refactor (analysis only)</option>
              <option value="security">security</option>
              <option value="maintainability">maintainability</option>
              <option value="performance">performance</option>
            </select>
          </label>
          <label>
            Budget ($)
            <input type="number" step="any" min={0} value={budget} onInput={(e) => setBudget(Number(e.currentTarget.value))} required />
          </label>
          <label>
            <span>
              <input type="checkbox" checked={requiresApproval} onChange={(e) => setRequiresApproval(e.currentTarget.checked)} /> Approve the plan first
            </span>
          </label>
        </div>
        <ErrorNote error={error} />
        <button type="submit" disabled={busy}>
          Start analysis
        </button>
      </form>
    </Card>
  );
}
