import type { Hyperparameters, RngState } from '@temporal-ecommerce/contracts/ml';
import type { ModelSpec } from './model';
import type { OptimizerState } from './optimizer';

const MAGIC = 'TECKPT01';

/** Everything except the three float vectors, stored as JSON in the checkpoint's header. */
export interface CheckpointHeader {
  modelId: string;
  workflowId: string;
  epoch: number;
  validationLoss: number;
  spec: ModelSpec;
  hyperparameters: Hyperparameters;
  optimizerStep: number;
  /** The workflow generator after drawing this epoch's shuffle seed: the next seed comes from here. */
  rngState: RngState;
  initSeed: number;
  dataSeed: number;
}

export interface Checkpoint {
  header: CheckpointHeader;
  params: Float64Array;
  optimizer: OptimizerState;
}

/**
 * Layout: "TECKPT01", uint32 LE header length, UTF-8 JSON header, then params, first moments and second
 * moments as float64 little-endian. Explicit endianness keeps the bytes (and so their hash) the same on
 * every machine.
 */
export function encodeCheckpoint(c: Checkpoint): Uint8Array {
  const header = new TextEncoder().encode(JSON.stringify(c.header));
  const n = c.params.length;
  const out = new Uint8Array(MAGIC.length + 4 + header.length + 3 * n * 8);
  out.set(new TextEncoder().encode(MAGIC), 0);
  const view = new DataView(out.buffer);
  view.setUint32(MAGIC.length, header.length, true);
  out.set(header, MAGIC.length + 4);
  let offset = MAGIC.length + 4 + header.length;
  for (const vector of [c.params, c.optimizer.m, c.optimizer.v]) {
    for (let i = 0; i < n; i++, offset += 8) view.setFloat64(offset, vector[i]!, true);
  }
  return out;
}

export function decodeCheckpoint(bytes: Uint8Array): Checkpoint {
  if (new TextDecoder().decode(bytes.subarray(0, MAGIC.length)) !== MAGIC) throw new Error('not a checkpoint file (bad magic)');
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const headerLength = view.getUint32(MAGIC.length, true);
  const headerEnd = MAGIC.length + 4 + headerLength;
  const header = JSON.parse(new TextDecoder().decode(bytes.subarray(MAGIC.length + 4, headerEnd))) as CheckpointHeader;
  const remaining = bytes.length - headerEnd;
  if (remaining % 24 !== 0) throw new Error('checkpoint truncated');
  const n = remaining / 24;
  const vectors = [new Float64Array(n), new Float64Array(n), new Float64Array(n)] as const;
  let offset = headerEnd;
  for (const vector of vectors) {
    for (let i = 0; i < n; i++, offset += 8) vector[i] = view.getFloat64(offset, true);
  }
  return { header, params: vectors[0], optimizer: { step: header.optimizerStep, m: vectors[1], v: vectors[2] } };
}

/** The weights as float64 little-endian bytes: what "bit-identical weights" compares (by SHA-256). */
export function weightBytes(params: Float64Array): Uint8Array {
  const out = new Uint8Array(params.length * 8);
  const view = new DataView(out.buffer);
  params.forEach((p, i) => view.setFloat64(i * 8, p, true));
  return out;
}
