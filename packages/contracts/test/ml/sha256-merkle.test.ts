import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { emptyMerkleFrontier, merkleAppend, merkleFrontierRoot, merkleRoot } from '../../src/ml/merkle';
import { fromHex, sha256Hex, toHex } from '../../src/ml/sha256';

const nodeSha = (data: Uint8Array): string => createHash('sha256').update(data).digest('hex');

describe('sha256 (sandbox-safe)', () => {
  it('matches node:crypto on the empty input, the FIPS vectors and every length around block edges', () => {
    const enc = new TextEncoder();
    expect(sha256Hex(new Uint8Array(0))).toBe('e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855');
    expect(sha256Hex(enc.encode('abc'))).toBe('ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad');
    for (let len = 0; len < 200; len++) {
      const data = Uint8Array.from({ length: len }, (_, i) => (i * 31 + len) & 0xff);
      expect(sha256Hex(data)).toBe(nodeSha(data));
    }
    const big = Uint8Array.from({ length: 100_003 }, (_, i) => (i * 7) & 0xff);
    expect(sha256Hex(big)).toBe(nodeSha(big));
  });

  it('round-trips hex', () => {
    const bytes = Uint8Array.from([0, 1, 127, 128, 255]);
    expect(fromHex(toHex(bytes))).toEqual(bytes);
    expect(() => fromHex('xyz')).toThrow(RangeError);
  });
});

describe('merkleRoot', () => {
  const leaves = ['a', 'b', 'c', 'd', 'e'].map((s) => nodeSha(new TextEncoder().encode(s)));
  const h = (...parts: Buffer[]) => createHash('sha256').update(Buffer.concat(parts)).digest();
  const leaf = (hex: string) => h(Buffer.from([0]), Buffer.from(hex, 'hex'));
  const node = (l: Buffer, r: Buffer) => h(Buffer.from([1]), l, r);

  it('follows RFC 6962 hashing with the odd node promoted', () => {
    const [a, b, c, d, e] = leaves.map(leaf) as [Buffer, Buffer, Buffer, Buffer, Buffer];
    expect(merkleRoot(leaves.slice(0, 1))).toBe(a.toString('hex'));
    expect(merkleRoot(leaves.slice(0, 3))).toBe(node(node(a, b), c).toString('hex'));
    expect(merkleRoot(leaves)).toBe(node(node(node(a, b), node(c, d)), e).toString('hex'));
    expect(merkleRoot([])).toBe(nodeSha(new Uint8Array(0)));
  });

  it('changes when a leaf is altered, dropped or reordered', () => {
    const root = merkleRoot(leaves);
    const altered = [...leaves];
    altered[2] = nodeSha(new TextEncoder().encode('tampered'));
    expect(merkleRoot(altered)).not.toBe(root);
    expect(merkleRoot(leaves.slice(0, 4))).not.toBe(root);
    expect(merkleRoot([leaves[1]!, leaves[0]!, ...leaves.slice(2)])).not.toBe(root);
  });
});

describe('Merkle frontier', () => {
  const hashes = Array.from({ length: 300 }, (_, i) => sha256Hex(new TextEncoder().encode(`checkpoint ${i}`)));

  it('gives the same root as merkleRoot after every append, holding one node per set bit of the size', () => {
    let frontier = emptyMerkleFrontier();
    expect(merkleFrontierRoot(frontier)).toBe(merkleRoot([]));
    for (let n = 1; n <= hashes.length; n++) {
      frontier = merkleAppend(frontier, hashes[n - 1]!);
      expect(merkleFrontierRoot(frontier), `after ${n} leaves`).toBe(merkleRoot(hashes.slice(0, n)));
      expect(frontier.nodes).toHaveLength(n.toString(2).split('').filter((b) => b === '1').length);
    }
  });

  it('does not change the frontier it appends to', () => {
    const one = merkleAppend(emptyMerkleFrontier(), hashes[0]!);
    const snapshot = JSON.stringify(one);
    merkleAppend(one, hashes[1]!);
    expect(JSON.stringify(one)).toBe(snapshot);
  });
});
