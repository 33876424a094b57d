import { createHash } from 'node:crypto';
import { merkleRoot, type AuditCheckpoint, type AuditCheckpointsInput, type AuditReport } from '@temporal-ecommerce/contracts/ml';
import { ArtifactNotFoundError, type ArtifactStore } from './artifact-store';

/**
 * Re-reads every checkpoint a training run recorded, hashes the bytes, and recomputes the Merkle root
 * both from the recorded hashes (was the record list altered?) and from the files (were files altered?).
 */
export function createAuditActivities({ store }: { store: ArtifactStore }) {
  return {
    async auditCheckpoints(input: AuditCheckpointsInput): Promise<AuditReport> {
      const checkpoints: AuditCheckpoint[] = [];
      const problems: string[] = [];
      for (const c of input.checkpoints) {
        let actual: string | null = null;
        try {
          actual = createHash('sha256').update(await store.get(c.uri)).digest('hex');
        } catch (err) {
          if (!(err instanceof ArtifactNotFoundError)) throw err;
        }
        const status = actual === null ? 'missing' : actual === c.sha256 ? 'ok' : 'tampered';
        if (status === 'missing') problems.push(`checkpoint ${c.checkpointId} (epoch ${c.epoch}) is missing: ${c.uri}`);
        if (status === 'tampered') problems.push(`checkpoint ${c.checkpointId} (epoch ${c.epoch}) was modified: ${c.uri} hashes to ${actual}, recorded ${c.sha256}`);
        checkpoints.push({ checkpointId: c.checkpointId, epoch: c.epoch, uri: c.uri, recordedSha256: c.sha256, actualSha256: actual, status });
      }
      const fromRecords = merkleRoot(input.checkpoints.map((c) => c.sha256));
      const fromFiles = merkleRoot(checkpoints.map((c) => c.actualSha256 ?? ''.padEnd(64, '0')));
      if (fromRecords !== input.merkleRoot) problems.push(`recorded Merkle root ${input.merkleRoot} does not match the recorded checkpoint hashes (${fromRecords})`);
      const rootOk = fromRecords === input.merkleRoot && fromFiles === input.merkleRoot;
      return {
        workflowId: input.trainingWorkflowId,
        verified: rootOk && problems.length === 0,
        checkpoints,
        merkleRoot: { recorded: input.merkleRoot, recomputedFromRecords: fromRecords, recomputedFromFiles: fromFiles, ok: rootOk },
        problems,
      };
    },
  };
}
