/**
 * The one seeded generator of the ML domain. The workflow draws seeds from it and the training activity
 * rebuilds it from checkpoints, so it lives here: sandbox-safe, integer-only state that survives JSON.
 *
 * sfc32 (Chris Doty-Humphrey's Small Fast Chaotic generator, 128-bit state), seeded through splitmix32 so
 * that nearby seeds give unrelated streams.
 */

/** Four unsigned 32-bit words; plain numbers so the state travels in payloads and checkpoint headers. */
export type RngState = readonly [number, number, number, number];

const UINT32 = 0x1_0000_0000;

function splitmix32(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x9e3779b9) >>> 0;
    let z = s;
    z = Math.imul(z ^ (z >>> 16), 0x85ebca6b) >>> 0;
    z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35) >>> 0;
    return (z ^ (z >>> 16)) >>> 0;
  };
}

export class SeededRng {
  private a: number;
  private b: number;
  private c: number;
  private d: number;

  private constructor(state: RngState) {
    [this.a, this.b, this.c, this.d] = state.map((w) => w >>> 0) as unknown as [number, number, number, number];
  }

  static fromSeed(seed: number): SeededRng {
    if (!Number.isInteger(seed) || seed < 0 || seed >= UINT32) throw new RangeError(`seed must be an integer in [0, 2^32): ${seed}`);
    const mix = splitmix32(seed);
    const rng = new SeededRng([mix(), mix(), mix(), mix()]);
    // sfc32's first outputs are weakly mixed; discarding a few is the author's recommendation.
    for (let i = 0; i < 12; i++) rng.nextUint32();
    return rng;
  }

  static fromState(state: RngState): SeededRng {
    if (state.length !== 4 || state.some((w) => !Number.isInteger(w) || w < 0 || w >= UINT32)) {
      throw new RangeError(`invalid generator state: ${JSON.stringify(state)}`);
    }
    return new SeededRng(state);
  }

  state(): RngState {
    return [this.a, this.b, this.c, this.d];
  }

  nextUint32(): number {
    const t = (((this.a + this.b) >>> 0) + this.d) >>> 0;
    this.d = (this.d + 1) >>> 0;
    this.a = (this.b ^ (this.b >>> 9)) >>> 0;
    this.b = (this.c + (this.c << 3)) >>> 0;
    this.c = ((this.c << 21) | (this.c >>> 11)) >>> 0;
    this.c = (this.c + t) >>> 0;
    return t;
  }

  /** Uniform in [0, 1) with 53 random bits. */
  next(): number {
    const hi = this.nextUint32() >>> 5;
    const lo = this.nextUint32() >>> 6;
    return (hi * 67108864 + lo) / 9007199254740992;
  }

  /** Uniform integer in [0, n), unbiased (rejection sampling). */
  nextInt(n: number): number {
    if (!Number.isInteger(n) || n <= 0 || n > UINT32) throw new RangeError(`nextInt bound must be in [1, 2^32]: ${n}`);
    const limit = UINT32 - (UINT32 % n);
    let x = this.nextUint32();
    while (x >= limit) x = this.nextUint32();
    return x % n;
  }

  /** Standard normal (Box-Muller). Math.log/cos are deterministic within one Node version. */
  normal(): number {
    let u = this.next();
    while (u === 0) u = this.next();
    const v = this.next();
    return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
  }

  /** In-place Fisher-Yates shuffle. */
  shuffle<T>(items: T[] | Uint32Array | Int32Array): void {
    for (let i = items.length - 1; i > 0; i--) {
      const j = this.nextInt(i + 1);
      const tmp = items[i]!;
      items[i] = items[j]!;
      items[j] = tmp;
    }
  }
}

/** 32-bit FNV-1a of a string's UTF-16 code units: the default seed when a config names none. */
export function hashToSeed(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h >>> 0;
}
