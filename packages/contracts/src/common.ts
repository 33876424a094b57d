/**
 * Names shared by every domain. Safe to import in the workflow sandbox: no Node builtins, no I/O.
 */

export const DEFAULT_NAMESPACE = 'default';

/** Link to a workflow execution in the Temporal Web UI. */
export function workflowUiLink(uiBaseUrl: string, namespace: string, workflowId: string, runId?: string): string {
  const base = `${uiBaseUrl.replace(/\/$/, '')}/namespaces/${encodeURIComponent(namespace)}/workflows/${encodeURIComponent(workflowId)}`;
  return runId ? `${base}/${encodeURIComponent(runId)}/history` : base;
}
