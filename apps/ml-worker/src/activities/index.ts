import type { ArtifactStore } from './artifact-store';
import { createAuditActivities } from './audit';
import { createTrainingActivities } from './training';

export interface MlActivityDeps {
  store: ArtifactStore;
  yieldEveryMs?: number;
}

export function createActivities(deps: MlActivityDeps) {
  return { ...createTrainingActivities(deps), ...createAuditActivities(deps) };
}

export type MlActivities = ReturnType<typeof createActivities>;
export type { TrainSpanInput, TrainSpanResult, SpanProgress, PrepareTrainingInput, EvaluateModelInput } from './types';
export { FileArtifactStore, ArtifactNotFoundError, type ArtifactStore, type StoredArtifact } from './artifact-store';
