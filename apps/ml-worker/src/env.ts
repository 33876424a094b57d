import os from 'node:os';
import path from 'node:path';
import { ML_TASK_QUEUE, ML_WORKER_DEPLOYMENT } from '@temporal-ecommerce/contracts/ml';
import { parseS3Url, type S3Location } from './activities/s3-artifact-store';
import { EnvError, envTemporalAddress, loadWorkerKitEnv, readPackageVersion, type WorkerKitEnv } from '@temporal-ecommerce/worker-kit';
import { envPostgresUrl } from '@temporal-ecommerce/worker-kit/postgres';
import type { TrainingHistoryConfig } from './activities/history-store';

/** The ML worker's configuration. This file is the only reader of process.env in the app. */
export interface MlWorkerEnv {
  NODE_ENV: string;
  LOG_LEVEL: string;
  TEMPORAL_ADDRESS: string;
  TEMPORAL_NAMESPACE: string;
  /** Root of the filesystem artifact store: checkpoints go to <DATA_DIR>/artifacts. */
  DATA_DIR: string;
  ARTIFACTS_DIR: string;
  /** ML_ARTIFACT_URL=s3://bucket/prefix: checkpoints in an S3-compatible store instead of ARTIFACTS_DIR. */
  artifactS3?: S3Location;
  /** AWS_ENDPOINT_URL_S3 or AWS_ENDPOINT_URL was set (MinIO, moto, …): the client then addresses buckets path-style. */
  s3EndpointConfigured: boolean;
  /** SQLite file with every epoch's metrics and checkpoint record (the workflow keeps recent windows). */
  HISTORY_DB: string;
  /** Where the history lives: HISTORY_DB, or PostgreSQL (ML_DATABASE_URL) shared by replicas on several hosts. */
  history: TrainingHistoryConfig;
  /** Defaults to the contract's queue; tests that share a server point their own worker elsewhere. */
  TASK_QUEUE: string;
  /** Training threads at once (ML_TRAINING_THREADS, default one per core); further spans wait their turn. */
  TRAINING_THREADS: number;
  /** Metrics (METRICS_PORT, default 9465), tracing, payload encryption, TLS: the settings every worker shares. */
  kit: WorkerKitEnv;
}

const REPO_ROOT = path.resolve(__dirname, '../../..');

/** Reads and validates the environment once at start; throws EnvError naming the bad variable. */
export function loadEnv(env: NodeJS.ProcessEnv = process.env): MlWorkerEnv {
  const address = envTemporalAddress(env);
  const dataDir = path.resolve(env.TEMPORAL_ECOMMERCE_DATA_DIR || path.join(REPO_ROOT, '.data'));
  const taskQueue = env.ML_TASK_QUEUE || ML_TASK_QUEUE;
  if (!/^[\w.-]+$/.test(taskQueue)) throw new EnvError(`ML_TASK_QUEUE must be letters, digits, ".", "_" or "-", got "${taskQueue}"`);
  const threads = env.ML_TRAINING_THREADS ? Number(env.ML_TRAINING_THREADS) : os.availableParallelism();
  if (!Number.isInteger(threads) || threads < 1 || threads > 256) throw new EnvError(`ML_TRAINING_THREADS must be an integer from 1 to 256, got "${env.ML_TRAINING_THREADS}"`);
  const artifactUrl = env.ML_ARTIFACT_URL || undefined;
  const artifactS3 = artifactUrl === undefined ? undefined : parseS3Url(artifactUrl);
  if (artifactUrl !== undefined && !artifactS3) {
    throw new EnvError(`ML_ARTIFACT_URL must be s3://<bucket>[/<prefix>] (a DNS-style bucket name, plain path segments), got "${artifactUrl}"`);
  }
  const historyDb = path.resolve(env.ML_HISTORY_DB || path.join(dataDir, 'ml-history.sqlite'));
  const databaseUrl = envPostgresUrl(env, 'ML_DATABASE_URL');
  return {
    ...(artifactS3 ? { artifactS3 } : {}),
    s3EndpointConfigured: Boolean(env.AWS_ENDPOINT_URL_S3 || env.AWS_ENDPOINT_URL),
    NODE_ENV: env.NODE_ENV ?? 'development',
    LOG_LEVEL: env.LOG_LEVEL ?? 'info',
    TEMPORAL_ADDRESS: address,
    TEMPORAL_NAMESPACE: env.TEMPORAL_NAMESPACE || 'default',
    DATA_DIR: dataDir,
    ARTIFACTS_DIR: path.resolve(env.ML_ARTIFACTS_DIR || path.join(dataDir, 'artifacts')),
    HISTORY_DB: historyDb,
    history: databaseUrl ? { kind: 'postgres', url: databaseUrl } : { kind: 'sqlite', file: historyDb },
    TASK_QUEUE: taskQueue,
    TRAINING_THREADS: threads,
    kit: loadWorkerKitEnv(env, {
      metricsPort: 9465,
      deployment: { deploymentName: ML_WORKER_DEPLOYMENT, behavior: 'AUTO_UPGRADE', packageVersion: readPackageVersion(path.resolve(__dirname, '..')), repoRoot: REPO_ROOT },
    }),
  };
}
