import { createHash } from 'node:crypto';
import { GetObjectCommand, NoSuchKey, PutObjectCommand, S3Client, type S3ClientConfig } from '@aws-sdk/client-s3';
import { ArtifactNotFoundError, isArtifactKey, type ArtifactStore, type StoredArtifact } from './artifact-store';

/** ML_ARTIFACT_URL: s3://bucket/prefix (the prefix may be empty). */
export interface S3Location {
  bucket: string;
  prefix: string;
}

/** Parses s3://bucket[/prefix]; undefined when `url` is not one (the env reader names the variable). */
export function parseS3Url(url: string): S3Location | undefined {
  const m = /^s3:\/\/([a-z0-9][a-z0-9.-]{1,61}[a-z0-9])(?:\/(.*))?$/.exec(url);
  if (!m) return undefined;
  const prefix = (m[2] ?? '').replace(/\/+$/, '');
  if (prefix !== '' && !isArtifactKey(prefix)) return undefined;
  return { bucket: m[1]!, prefix };
}

/**
 * Checkpoints as objects of an S3-compatible store (AWS S3, MinIO, Ceph, moto): `s3://bucket/prefix/key`.
 * The client takes region, credentials and endpoint from the standard AWS variables and files
 * (AWS_REGION, AWS_ACCESS_KEY_ID/AWS_SECRET_ACCESS_KEY or a profile/role, AWS_ENDPOINT_URL_S3 or
 * AWS_ENDPOINT_URL); a custom endpoint is addressed path-style, which every S3-compatible server serves.
 * Each PUT carries the SHA-256 the audit checks later, so the store itself refuses bytes damaged on the way.
 */
export class S3ArtifactStore implements ArtifactStore {
  private readonly client: S3Client;

  constructor(
    readonly location: S3Location,
    config: S3ClientConfig & { endpointConfigured?: boolean } = {},
  ) {
    const { endpointConfigured, ...clientConfig } = config;
    this.client = new S3Client({ forcePathStyle: Boolean(endpointConfigured ?? clientConfig.endpoint), ...clientConfig });
  }

  get root(): string {
    return `s3://${this.location.bucket}/${this.location.prefix}`;
  }

  async put(key: string, bytes: Uint8Array): Promise<StoredArtifact> {
    if (!isArtifactKey(key)) throw new Error(`invalid artifact key: ${key}`);
    const objectKey = this.location.prefix ? `${this.location.prefix}/${key}` : key;
    const digest = createHash('sha256').update(bytes).digest();
    await this.client.send(
      new PutObjectCommand({ Bucket: this.location.bucket, Key: objectKey, Body: bytes, ContentLength: bytes.length, ChecksumSHA256: digest.toString('base64') }),
    );
    return { uri: `s3://${this.location.bucket}/${objectKey}`, sha256: digest.toString('hex'), sizeBytes: bytes.length };
  }

  async get(uri: string): Promise<Uint8Array> {
    const objectKey = this.keyOf(uri);
    try {
      const res = await this.client.send(new GetObjectCommand({ Bucket: this.location.bucket, Key: objectKey }));
      return await res.Body!.transformToByteArray();
    } catch (err) {
      if (err instanceof NoSuchKey || (err as { name?: string }).name === 'NoSuchKey') throw new ArtifactNotFoundError(uri, 'no such object');
      throw err;
    }
  }

  close(): void {
    this.client.destroy();
  }

  /** A URI of this bucket and prefix, or "not found": a record never makes the worker read elsewhere. */
  private keyOf(uri: string): string {
    const own = `s3://${this.location.bucket}/${this.location.prefix ? `${this.location.prefix}/` : ''}`;
    const key = uri.startsWith(own) ? uri.slice(own.length) : undefined;
    if (key === undefined || !isArtifactKey(key)) throw new ArtifactNotFoundError(uri, `outside the artifact store ${this.root}`);
    return uri.slice(`s3://${this.location.bucket}/`.length);
  }
}
