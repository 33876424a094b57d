import type { ArtifactStore } from './artifact-store';
import type { ThreadSlots } from '../training/training-thread';
import { createAuditActivities } from './audit';
import { createHistoryActivities } from './history';
import type { TrainingHistoryStore } from './history-store';
import { createTrainingActivities } from './training';

export interface MlActivityDeps {
  store: ArtifactStore;
  /** Every epoch's metrics and checkpoint record, so the workflow keeps only recent windows. */
  history: TrainingHistoryStore;
  threads?: ThreadSlots;
  heartbeatEveryMs?: number;
}

export function createActivities(deps: MlActivityDeps) {
  return { ...createTrainingActivities(deps), ...createAuditActivities(deps), ...createHistoryActivities(deps) };
}

export type MlActivities = ReturnType<typeof createActivities>;
export type { TrainSpanInput, TrainSpanResult, SpanProgress, PrepareTrainingInput, EvaluateModelInput } from './types';
export { FileArtifactStore, ArtifactNotFoundError, type ArtifactStore, type StoredArtifact } from './artifact-store';
export { S3ArtifactStore, parseS3Url, type S3Location } from './s3-artifact-store';
export { openTrainingHistoryStore, PostgresTrainingHistoryStore, SqliteTrainingHistoryStore, type TrainingHistoryConfig, type TrainingHistoryStore } from './history-store';
