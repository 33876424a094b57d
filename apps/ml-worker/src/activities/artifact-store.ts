import { createHash, randomUUID } from 'node:crypto';
import { mkdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

export interface StoredArtifact {
  uri: string;
  sha256: string;
  sizeBytes: number;
}

/**
 * Where checkpoints live, addressed by URI. The filesystem store is the default; S3ArtifactStore
 * (s3-artifact-store.ts, ML_ARTIFACT_URL=s3://bucket/prefix) implements the same two calls, and the
 * training, evaluation and Merkle audit read back through whichever store wrote the checkpoint.
 */
export interface ArtifactStore {
  /** Writes `bytes` under `key` (overwriting: writes are deterministic, so a rerun writes the same bytes). */
  put(key: string, bytes: Uint8Array): Promise<StoredArtifact>;
  /** Reads an artifact back. Throws ArtifactNotFoundError when the URI resolves to nothing. */
  get(uri: string): Promise<Uint8Array>;
}

export class ArtifactNotFoundError extends Error {
  constructor(readonly uri: string, reason: string) {
    super(`artifact ${uri}: ${reason}`);
    this.name = 'ArtifactNotFoundError';
  }
}

const KEY_PATTERN = /^[A-Za-z0-9._-]+(?:\/[A-Za-z0-9._-]+)*$/;

/** A relative key of plain path segments: no `..`, no `.`, nothing absolute. */
export function isArtifactKey(key: string): boolean {
  return KEY_PATTERN.test(key) && !key.split('/').some((part) => part === '..' || part === '.');
}

/** Files under one root directory; `file://` URIs. Writes are atomic (temp file + rename). */
export class FileArtifactStore implements ArtifactStore {
  readonly root: string;

  constructor(root: string) {
    this.root = path.resolve(root);
  }

  async put(key: string, bytes: Uint8Array): Promise<StoredArtifact> {
    if (!isArtifactKey(key)) {
      throw new Error(`invalid artifact key: ${key}`);
    }
    const target = path.join(this.root, key);
    await mkdir(path.dirname(target), { recursive: true });
    const temp = `${target}.${randomUUID()}.tmp`;
    try {
      await writeFile(temp, bytes, { flush: true });
      await rename(temp, target);
    } catch (err) {
      await rm(temp, { force: true });
      throw err;
    }
    return { uri: pathToFileURL(target).href, sha256: createHash('sha256').update(bytes).digest('hex'), sizeBytes: bytes.length };
  }

  async get(uri: string): Promise<Uint8Array> {
    const file = this.resolve(uri);
    try {
      return new Uint8Array(await readFile(file));
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === 'ENOENT') throw new ArtifactNotFoundError(uri, 'no such file');
      throw err;
    }
  }

  /** Maps a URI to a path inside the root; anything else is "not found", never a read elsewhere on disk. */
  private resolve(uri: string): string {
    let file: string;
    try {
      file = fileURLToPath(uri);
    } catch {
      throw new ArtifactNotFoundError(uri, 'not a file:// URI of this store');
    }
    const relative = path.relative(this.root, file);
    if (relative === '' || relative.startsWith('..') || path.isAbsolute(relative)) {
      throw new ArtifactNotFoundError(uri, `outside the artifact store ${this.root}`);
    }
    return file;
  }
}
