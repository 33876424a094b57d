import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import { ArtifactNotFoundError, FileArtifactStore } from '../../src/activities/artifact-store';
import { tempDir } from './helpers';

describe('FileArtifactStore', () => {
  it('stores bytes under a file:// URI with their SHA-256 and reads them back', async () => {
    const root = tempDir('ml-store-');
    const store = new FileArtifactStore(root);
    const bytes = Uint8Array.from([1, 2, 3, 250]);
    const stored = await store.put('checkpoints/m/w/epoch-000001.ckpt', bytes);
    expect(stored.uri).toBe(pathToFileURL(path.join(root, 'checkpoints/m/w/epoch-000001.ckpt')).href);
    expect(stored.sha256).toBe(createHash('sha256').update(bytes).digest('hex'));
    expect(stored.sizeBytes).toBe(4);
    expect(await store.get(stored.uri)).toEqual(bytes);
    expect(readFileSync(path.join(root, 'checkpoints/m/w/epoch-000001.ckpt'))).toEqual(Buffer.from(bytes));
  });

  it('reports a missing file or a URI outside its root as not found', async () => {
    const root = tempDir('ml-store-');
    const store = new FileArtifactStore(root);
    await expect(store.get(pathToFileURL(path.join(root, 'nope.ckpt')).href)).rejects.toBeInstanceOf(ArtifactNotFoundError);
    await expect(store.get('file:///etc/passwd')).rejects.toBeInstanceOf(ArtifactNotFoundError);
    await expect(store.get('s3://bucket/key')).rejects.toBeInstanceOf(ArtifactNotFoundError);
  });

  it('refuses keys that would escape the root', async () => {
    const store = new FileArtifactStore(tempDir('ml-store-'));
    await expect(store.put('../outside', new Uint8Array(1))).rejects.toThrow(/invalid artifact key/);
    await expect(store.put('a/../../b', new Uint8Array(1))).rejects.toThrow(/invalid artifact key/);
  });
});
