export function MlRun(_props: { workflowId: string }) {
  return null;
}
