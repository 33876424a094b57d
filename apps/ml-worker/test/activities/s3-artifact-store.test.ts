import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { freePort } from '@temporal-ecommerce/infra';
import { CreateBucketCommand, DeleteObjectCommand, PutObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { MockActivityEnvironment } from '@temporalio/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SeededRng, merkleRoot } from '@temporal-ecommerce/contracts/ml';
import { createActivities, SqliteTrainingHistoryStore } from '../../src/activities';
import { ArtifactNotFoundError } from '../../src/activities/artifact-store';
import { parseS3Url, S3ArtifactStore } from '../../src/activities/s3-artifact-store';
import { loadEnv } from '../../src/env';
import { runIn, spanInput } from './helpers';

/**
 * A real S3-compatible server: moto in server mode (`pip install 'moto[server]'`, installed by .ci/run),
 * on a free 127.0.0.1 port. The store is configured the way the worker is: the standard AWS variables.
 */
let moto: ChildProcess;
let endpoint: string;
const BUCKET = 'ml-artifacts';

beforeAll(async () => {
  const port = await freePort();
  endpoint = `http://127.0.0.1:${port}`;
  moto = spawn('moto_server', ['-H', '127.0.0.1', '-p', String(port)], { stdio: ['ignore', 'ignore', 'pipe'] });
  let stderr = '';
  moto.stderr!.on('data', (d: Buffer) => (stderr += d.toString()));
  moto.once('error', (err) => {
    throw new Error(`moto_server could not start (pip install 'moto[server]'): ${err.message}`);
  });
  for (let i = 0; ; i++) {
    if (await fetch(`${endpoint}/`).then(() => true, () => false)) break;
    if (i > 100 || moto.exitCode !== null) throw new Error(`moto_server did not answer on ${endpoint}:\n${stderr}`);
    await new Promise((r) => setTimeout(r, 200));
  }
  Object.assign(process.env, { AWS_ENDPOINT_URL_S3: endpoint, AWS_REGION: 'us-east-1', AWS_ACCESS_KEY_ID: 'test', AWS_SECRET_ACCESS_KEY: 'test' });
  const admin = new S3Client({ forcePathStyle: true });
  await admin.send(new CreateBucketCommand({ Bucket: BUCKET }));
  admin.destroy();
});

afterAll(async () => {
  if (moto && moto.exitCode === null) {
    moto.kill('SIGTERM');
    await once(moto, 'exit');
  }
});

function s3Store(prefix = 'runs'): S3ArtifactStore {
  // As the worker builds it from ML_ARTIFACT_URL; region, credentials and endpoint come from AWS_*.
  const env = loadEnv({ ML_ARTIFACT_URL: `s3://${BUCKET}/${prefix}`, AWS_ENDPOINT_URL_S3: endpoint });
  return new S3ArtifactStore(env.artifactS3!, { endpointConfigured: env.s3EndpointConfigured });
}

describe('ML_ARTIFACT_URL', () => {
  it('accepts s3://bucket[/prefix] and refuses anything else, naming the variable', () => {
    expect(parseS3Url('s3://ml-artifacts/team/a')).toEqual({ bucket: 'ml-artifacts', prefix: 'team/a' });
    expect(parseS3Url('s3://ml-artifacts')).toEqual({ bucket: 'ml-artifacts', prefix: '' });
    expect(loadEnv({}).artifactS3).toBeUndefined();
    for (const bad of ['http://ml-artifacts/x', 's3://A_B/x', 's3://ml-artifacts/../x', 's3://ml-artifacts//x']) {
      expect(() => loadEnv({ ML_ARTIFACT_URL: bad }), bad).toThrow(/ML_ARTIFACT_URL must be s3:\/\//);
    }
  });
});

describe('S3ArtifactStore on moto', () => {
  it('stores bytes under an s3:// URI with their SHA-256 and reads them back', async () => {
    const store = s3Store();
    const bytes = Uint8Array.from([1, 2, 3, 250]);
    const stored = await store.put('checkpoints/m/w/epoch-000001.ckpt', bytes);
    expect(stored.uri).toBe(`s3://${BUCKET}/runs/checkpoints/m/w/epoch-000001.ckpt`);
    expect(stored.sizeBytes).toBe(4);
    expect(await store.get(stored.uri)).toEqual(bytes);
    store.close();
  });

  it('reports a missing object, another bucket or prefix, and a file:// URI as not found, and refuses escaping keys', async () => {
    const store = s3Store();
    await expect(store.get(`s3://${BUCKET}/runs/nope.ckpt`)).rejects.toBeInstanceOf(ArtifactNotFoundError);
    await expect(store.get(`s3://other-bucket/runs/a.ckpt`)).rejects.toBeInstanceOf(ArtifactNotFoundError);
    await expect(store.get(`s3://${BUCKET}/elsewhere/a.ckpt`)).rejects.toBeInstanceOf(ArtifactNotFoundError);
    await expect(store.get(`s3://${BUCKET}/runs/../elsewhere/a.ckpt`)).rejects.toBeInstanceOf(ArtifactNotFoundError);
    await expect(store.get('file:///etc/passwd')).rejects.toBeInstanceOf(ArtifactNotFoundError);
    await expect(store.put('../outside', new Uint8Array(1))).rejects.toThrow(/invalid artifact key/);
    store.close();
  });

  it('trains with checkpoints in the bucket, and the Merkle audit reads them back from there, naming a tampered and a missing object', async () => {
    const store = s3Store('audit');
    const activities = createActivities({ store, history: new SqliteTrainingHistoryStore(':memory:') });
    const { checkpoints } = await runIn(new MockActivityEnvironment(), activities.trainEpochs, spanInput(0, 9, SeededRng.fromSeed(2)));
    expect(checkpoints.every((c) => c.uri.startsWith(`s3://${BUCKET}/audit/`))).toBe(true);
    const root = merkleRoot(checkpoints.map((c) => c.sha256));
    const audit = () => runIn(new MockActivityEnvironment(), activities.auditCheckpoints, { trainingWorkflowId: 'w', checkpoints, merkleRoot: root });

    const clean = await audit();
    expect(clean).toMatchObject({ verified: true, checked: 3, checkpoints: [] });

    const [a, b] = checkpoints;
    const raw = new S3Client({ forcePathStyle: true });
    const keyOf = (uri: string) => uri.slice(`s3://${BUCKET}/`.length);
    await raw.send(new PutObjectCommand({ Bucket: BUCKET, Key: keyOf(a!.uri), Body: 'tampered bytes' }));
    await raw.send(new DeleteObjectCommand({ Bucket: BUCKET, Key: keyOf(b!.uri) }));
    raw.destroy();
    const broken = await audit();
    expect(broken.verified).toBe(false);
    expect(broken.checkpoints.map((c) => [c.checkpointId, c.status])).toEqual([
      [a!.checkpointId, 'tampered'],
      [b!.checkpointId, 'missing'],
    ]);
    store.close();
  });
});
