/** The Temporal UI link of a child workflow, next to its parent's (same UI, same namespace). */
export function childUiLink(parentUiLink: string, childWorkflowId: string): string {
  const at = parentUiLink.indexOf('/workflows/');
  return at < 0 ? parentUiLink : `${parentUiLink.slice(0, at)}/workflows/${encodeURIComponent(childWorkflowId)}`;
}
