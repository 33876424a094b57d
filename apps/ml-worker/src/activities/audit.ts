import { createHash } from 'node:crypto';
import { Context } from '@temporalio/activity';
import {
  emptyMerkleFrontier,
  merkleAppend,
  merkleFrontierRoot,
  type AuditCheckpoint,
  type AuditCheckpointsInput,
  type AuditReport,
  type CheckpointRecord,
} from '@temporal-ecommerce/contracts/ml';
import { ArtifactNotFoundError, type ArtifactStore } from './artifact-store';
import type { TrainingHistoryStore } from './history-store';

/** Failed checkpoints named in the report; the count of the rest keeps the report bounded. */
const MAX_LISTED = 100;
const READ_BATCH = 500;

/** Every record of a run, oldest first: from the input (runs from before the store) or the store, in batches. */
async function* recordsOf(input: AuditCheckpointsInput, history: TrainingHistoryStore): AsyncGenerator<CheckpointRecord> {
  if (input.checkpoints) {
    yield* input.checkpoints;
    return;
  }
  if (!input.storeKey) return;
  for (let after = 0; ; ) {
    const batch = await history.checkpoints(input.storeKey, after, READ_BATCH);
    yield* batch;
    if (batch.length < READ_BATCH) return;
    after = batch.at(-1)!.epoch;
  }
}

/**
 * Re-reads every checkpoint a training run recorded, hashes the bytes, and recomputes the Merkle root
 * both from the recorded hashes (was the record list altered?) and from the files (were files altered?).
 */
export function createAuditActivities({ store, history }: { store: ArtifactStore; history: TrainingHistoryStore }) {
  return {
    async auditCheckpoints(input: AuditCheckpointsInput): Promise<AuditReport> {
      const ctx = Context.current();
      const failed: AuditCheckpoint[] = [];
      const problems: string[] = [];
      let fromRecords = emptyMerkleFrontier();
      let fromFiles = emptyMerkleFrontier();
      let checked = 0;
      for await (const c of recordsOf(input, history)) {
        let actual: string | null = null;
        try {
          actual = createHash('sha256').update(await store.get(c.uri)).digest('hex');
        } catch (err) {
          if (!(err instanceof ArtifactNotFoundError)) throw err;
        }
        const status = actual === null ? 'missing' : actual === c.sha256 ? 'ok' : 'tampered';
        if (status !== 'ok' && failed.length < MAX_LISTED) {
          failed.push({ checkpointId: c.checkpointId, epoch: c.epoch, uri: c.uri, recordedSha256: c.sha256, actualSha256: actual, status });
          problems.push(
            status === 'missing'
              ? `checkpoint ${c.checkpointId} (epoch ${c.epoch}) is missing: ${c.uri}`
              : `checkpoint ${c.checkpointId} (epoch ${c.epoch}) was modified: ${c.uri} hashes to ${actual}, recorded ${c.sha256}`,
          );
        }
        fromRecords = merkleAppend(fromRecords, c.sha256);
        fromFiles = merkleAppend(fromFiles, actual ?? ''.padEnd(64, '0'));
        checked += 1;
        // Thousands of file reads: the heartbeat lets a dead worker's audit be retried within seconds.
        if (checked % 100 === 0) ctx.heartbeat({ checked });
      }
      const rootFromRecords = merkleFrontierRoot(fromRecords);
      const rootFromFiles = merkleFrontierRoot(fromFiles);
      if (failed.length === MAX_LISTED) problems.push(`only the first ${MAX_LISTED} failed checkpoints are listed`);
      if (rootFromRecords !== input.merkleRoot) problems.push(`recorded Merkle root ${input.merkleRoot} does not match the recorded checkpoint hashes (${rootFromRecords})`);
      const rootOk = rootFromRecords === input.merkleRoot && rootFromFiles === input.merkleRoot;
      return {
        workflowId: input.trainingWorkflowId,
        verified: rootOk && problems.length === 0,
        checked,
        checkpoints: failed,
        merkleRoot: { recorded: input.merkleRoot, recomputedFromRecords: rootFromRecords, recomputedFromFiles: rootFromFiles, ok: rootOk },
        problems,
      };
    },
  };
}
