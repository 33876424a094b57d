import { describe, expect, it } from 'vitest';
import { SeededRng, hashToSeed } from '../../src/ml/prng';

describe('SeededRng', () => {
  it('gives the same sequence for the same seed and a different one for another seed', () => {
    const a = SeededRng.fromSeed(42);
    const b = SeededRng.fromSeed(42);
    const c = SeededRng.fromSeed(43);
    const seqA = Array.from({ length: 100 }, () => a.nextUint32());
    const seqB = Array.from({ length: 100 }, () => b.nextUint32());
    const seqC = Array.from({ length: 100 }, () => c.nextUint32());
    expect(seqA).toEqual(seqB);
    expect(seqA).not.toEqual(seqC);
  });

  it('resumes exactly from a state that went through JSON', () => {
    const rng = SeededRng.fromSeed(7);
    for (let i = 0; i < 37; i++) rng.next();
    const restored = SeededRng.fromState(JSON.parse(JSON.stringify(rng.state())));
    expect(Array.from({ length: 50 }, () => restored.nextUint32())).toEqual(Array.from({ length: 50 }, () => rng.nextUint32()));
  });

  it('draws uniform values in [0, 1) and unbiased integers', () => {
    const rng = SeededRng.fromSeed(1);
    const counts = [0, 0, 0, 0, 0];
    for (let i = 0; i < 50_000; i++) {
      const x = rng.next();
      expect(x).toBeGreaterThanOrEqual(0);
      expect(x).toBeLessThan(1);
      counts[rng.nextInt(5)]!++;
    }
    for (const count of counts) expect(Math.abs(count - 10_000)).toBeLessThan(500);
  });

  it('draws standard normals with mean ~0 and variance ~1', () => {
    const rng = SeededRng.fromSeed(3);
    const xs = Array.from({ length: 20_000 }, () => rng.normal());
    const mean = xs.reduce((s, x) => s + x, 0) / xs.length;
    const variance = xs.reduce((s, x) => s + (x - mean) ** 2, 0) / xs.length;
    expect(Math.abs(mean)).toBeLessThan(0.05);
    expect(Math.abs(variance - 1)).toBeLessThan(0.05);
  });

  it('shuffles into a permutation, reproducibly', () => {
    const a = Array.from({ length: 20 }, (_, i) => i);
    const b = [...a];
    SeededRng.fromSeed(9).shuffle(a);
    SeededRng.fromSeed(9).shuffle(b);
    expect(a).toEqual(b);
    expect([...a].sort((x, y) => x - y)).toEqual(Array.from({ length: 20 }, (_, i) => i));
    expect(a).not.toEqual(Array.from({ length: 20 }, (_, i) => i));
  });

  it('rejects seeds and states outside 32-bit unsigned words', () => {
    expect(() => SeededRng.fromSeed(-1)).toThrow(RangeError);
    expect(() => SeededRng.fromSeed(2 ** 32)).toThrow(RangeError);
    expect(() => SeededRng.fromState([1, 2, 3] as never)).toThrow(RangeError);
  });

  it('hashes workflow ids to stable, distinct seeds', () => {
    expect(hashToSeed('ml-training-a-1')).toBe(hashToSeed('ml-training-a-1'));
    expect(hashToSeed('ml-training-a-1')).not.toBe(hashToSeed('ml-training-a-2'));
    // FNV-1a reference value for "a".
    expect(hashToSeed('a')).toBe(0xe40c292c);
  });
});
