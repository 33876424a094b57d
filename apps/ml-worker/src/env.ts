import os from 'node:os';
import path from 'node:path';
import { ML_TASK_QUEUE, ML_WORKER_DEPLOYMENT } from '@temporal-ecommerce/contracts/ml';
import { parseS3Url, type S3Location } from './activities/s3-artifact-store';
import { DATA_DIR_VARS, defineEnv, EnvError, loadWorkerKitEnv, LOG_VARS, NODE_ENV_VARS, readEnv, readPackageVersion, TEMPORAL_SERVER_VARS, v, workerKitVars, type WorkerKitEnv } from '@temporal-ecommerce/worker-kit';
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

/** Every variable the ML worker reads; .env.example and the README table are generated from it. */
export const ML_WORKER_ENV = defineEnv({
  ...NODE_ENV_VARS,
  ...LOG_VARS,
  ...TEMPORAL_SERVER_VARS,
  ML_TASK_QUEUE: v.string({ default: ML_TASK_QUEUE, pattern: '^[\\w.-]+$', hint: 'letters, digits, ".", "_" or "-"', description: 'Task queue; tests that share a server point their own worker elsewhere.' }),
  ...DATA_DIR_VARS,
  ML_ARTIFACTS_DIR: v.string({ defaultText: '<data dir>/artifacts', description: 'Filesystem artifact store of the checkpoints.' }),
  ML_HISTORY_DB: v.string({ defaultText: '<data dir>/ml-history.sqlite', description: "SQLite file with every epoch's metrics and checkpoint record." }),
  ML_DATABASE_URL: v.string({ secret: true, example: 'postgres://user:password@host:5432/ml', description: 'PostgreSQL for the training history, shared by replicas on several hosts; unset, ML_HISTORY_DB.' }),
  ML_TRAINING_THREADS: v.integer({ minimum: 1, maximum: 256, defaultText: 'one per core (os.availableParallelism())', description: 'Training threads at once; further spans wait their turn.' }),
  ML_ARTIFACT_URL: v.string({ example: 's3://my-bucket/ml', description: 'Checkpoints in an S3-compatible store (s3://<bucket>[/<prefix>]) instead of ML_ARTIFACTS_DIR.' }),
  // Read by the AWS SDK's own credential and endpoint chain, not by us (except whether an endpoint is set):
  // declared so the docs list them beside ML_ARTIFACT_URL.
  AWS_REGION: v.string({ description: 'Region of the S3 bucket (AWS SDK).' }),
  AWS_ACCESS_KEY_ID: v.string({ description: 'S3 credentials, with AWS_SECRET_ACCESS_KEY; or a profile / role (AWS SDK).' }),
  AWS_SECRET_ACCESS_KEY: v.string({ secret: true, description: 'S3 credentials, with AWS_ACCESS_KEY_ID (AWS SDK).' }),
  AWS_ENDPOINT_URL_S3: v.string({ example: 'http://127.0.0.1:9000', description: 'An S3-compatible server (MinIO, moto); buckets are then addressed path-style.' }),
  AWS_ENDPOINT_URL: v.string({ description: 'Endpoint of every AWS service; used for S3 when AWS_ENDPOINT_URL_S3 is unset.' }),
  ...workerKitVars({ metricsPort: 9465, deploymentName: ML_WORKER_DEPLOYMENT }),
});

/** Reads and validates the environment once at start; throws EnvError naming the bad variable. */
export function loadEnv(env: NodeJS.ProcessEnv = process.env): MlWorkerEnv {
  const e = readEnv(ML_WORKER_ENV, env);
  const dataDir = path.resolve(e.TEMPORAL_ECOMMERCE_DATA_DIR ?? path.join(REPO_ROOT, '.data'));
  const artifactS3 = e.ML_ARTIFACT_URL === undefined ? undefined : parseS3Url(e.ML_ARTIFACT_URL);
  if (e.ML_ARTIFACT_URL !== undefined && !artifactS3) {
    throw new EnvError(`ML_ARTIFACT_URL must be s3://<bucket>[/<prefix>] (a DNS-style bucket name, plain path segments), got "${e.ML_ARTIFACT_URL}"`);
  }
  const historyDb = path.resolve(e.ML_HISTORY_DB ?? path.join(dataDir, 'ml-history.sqlite'));
  const databaseUrl = envPostgresUrl(env, 'ML_DATABASE_URL');
  return {
    ...(artifactS3 ? { artifactS3 } : {}),
    s3EndpointConfigured: Boolean(e.AWS_ENDPOINT_URL_S3 || e.AWS_ENDPOINT_URL),
    NODE_ENV: e.NODE_ENV,
    LOG_LEVEL: e.LOG_LEVEL,
    TEMPORAL_ADDRESS: e.TEMPORAL_ADDRESS,
    TEMPORAL_NAMESPACE: e.TEMPORAL_NAMESPACE,
    DATA_DIR: dataDir,
    ARTIFACTS_DIR: path.resolve(e.ML_ARTIFACTS_DIR ?? path.join(dataDir, 'artifacts')),
    HISTORY_DB: historyDb,
    history: databaseUrl ? { kind: 'postgres', url: databaseUrl } : { kind: 'sqlite', file: historyDb },
    TASK_QUEUE: e.ML_TASK_QUEUE,
    TRAINING_THREADS: e.ML_TRAINING_THREADS ?? os.availableParallelism(),
    kit: loadWorkerKitEnv(env, {
      metricsPort: 9465,
      deployment: { deploymentName: ML_WORKER_DEPLOYMENT, behavior: 'AUTO_UPGRADE', packageVersion: readPackageVersion(path.resolve(__dirname, '..')), repoRoot: REPO_ROOT },
    }),
  };
}
