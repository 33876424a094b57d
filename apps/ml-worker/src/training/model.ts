import type { SeededRng } from '@temporal-ecommerce/contracts/ml';
import type { Split } from './dataset';

export interface ModelSpec {
  features: number;
  hiddenUnits: number;
  classes: number;
  activation: 'tanh' | 'relu';
}

/**
 * A multilayer perceptron with at most one hidden layer (hiddenUnits = 0 gives softmax regression) and a
 * softmax cross-entropy head. All parameters live in one Float64Array, laid out [W1, b1, W2, b2] with
 * row-major weight matrices, so optimizers, checkpoints and hashes treat the model as one flat vector.
 * Sums run in a fixed order, so the same inputs give bit-identical results.
 */
export class Mlp {
  readonly paramCount: number;
  private readonly hidden: number;
  private readonly inputs: number;
  private readonly outW: number;
  private readonly outB: number;
  private readonly outIn: number;
  // Scratch buffers reused across samples.
  private readonly h: Float64Array;
  private readonly dh: Float64Array;
  private readonly p: Float64Array;

  constructor(readonly spec: ModelSpec) {
    this.inputs = spec.features;
    this.hidden = spec.hiddenUnits;
    this.outIn = this.hidden > 0 ? this.hidden : this.inputs;
    const hiddenParams = this.hidden > 0 ? this.hidden * this.inputs + this.hidden : 0;
    this.outW = hiddenParams;
    this.outB = this.outW + spec.classes * this.outIn;
    this.paramCount = this.outB + spec.classes;
    this.h = new Float64Array(Math.max(this.hidden, 1));
    this.dh = new Float64Array(Math.max(this.hidden, 1));
    this.p = new Float64Array(spec.classes);
  }

  /** Glorot (tanh) or He (ReLU) normal weights, zero biases. */
  init(rng: SeededRng): Float64Array {
    const params = new Float64Array(this.paramCount);
    const fill = (offset: number, fanIn: number, fanOut: number) => {
      const std = this.spec.activation === 'relu' ? Math.sqrt(2 / fanIn) : Math.sqrt(2 / (fanIn + fanOut));
      for (let i = 0; i < fanIn * fanOut; i++) params[offset + i] = rng.normal() * std;
    };
    if (this.hidden > 0) fill(0, this.inputs, this.hidden);
    fill(this.outW, this.outIn, this.spec.classes);
    return params;
  }

  /**
   * Adds the mean gradient of the cross-entropy over `order[start..end)` to `grad` (which the caller
   * zeroes) and returns the summed loss of those samples.
   */
  lossAndGradient(params: Float64Array, split: Split, order: Int32Array | Uint32Array, start: number, end: number, grad: Float64Array): number {
    const scale = 1 / (end - start);
    let loss = 0;
    for (let s = start; s < end; s++) {
      const row = order[s]!;
      const xOff = row * this.inputs;
      const input = this.hidden > 0 ? this.hiddenForward(params, split.x, xOff) : undefined;
      loss += this.softmax(params, input ?? split.x, input ? 0 : xOff, split.y[row]!);
      // p now holds (softmax - onehot); backpropagate it.
      const { classes } = this.spec;
      const p = this.p;
      const source = input ?? split.x;
      const srcOff = input ? 0 : xOff;
      if (this.hidden > 0) this.dh.fill(0);
      for (let k = 0; k < classes; k++) {
        const g = p[k]! * scale;
        const wRow = this.outW + k * this.outIn;
        for (let j = 0; j < this.outIn; j++) {
          grad[wRow + j]! += g * source[srcOff + j]!;
          if (this.hidden > 0) this.dh[j]! += p[k]! * params[wRow + j]!;
        }
        grad[this.outB + k]! += g;
      }
      if (this.hidden > 0) {
        for (let j = 0; j < this.hidden; j++) {
          const hj = this.h[j]!;
          const dAct = this.spec.activation === 'relu' ? (hj > 0 ? 1 : 0) : 1 - hj * hj;
          const g = this.dh[j]! * dAct * scale;
          const wRow = j * this.inputs;
          for (let i = 0; i < this.inputs; i++) grad[wRow + i]! += g * split.x[xOff + i]!;
          grad[this.hidden * this.inputs + j]! += g;
        }
      }
    }
    return loss;
  }

  /** Mean cross-entropy and accuracy over a whole split. */
  evaluate(params: Float64Array, split: Split): { loss: number; accuracy: number } {
    const sums = { loss: 0, correct: 0 };
    this.evaluateRows(params, split, 0, split.n, sums);
    return { loss: sums.loss / split.n, accuracy: sums.correct / split.n };
  }

  /**
   * Adds rows [from, to) of a split to running sums, in row order: evaluating a split in consecutive
   * chunks (to heartbeat between them) gives the same bits as one pass.
   */
  evaluateRows(params: Float64Array, split: Split, from: number, to: number, sums: { loss: number; correct: number }): void {
    let loss = sums.loss;
    let correct = sums.correct;
    for (let row = from; row < to; row++) {
      const xOff = row * this.inputs;
      const input = this.hidden > 0 ? this.hiddenForward(params, split.x, xOff) : undefined;
      const label = split.y[row]!;
      loss += this.softmax(params, input ?? split.x, input ? 0 : xOff, label);
      // softmax() left p = probabilities - onehot; the argmax of the probabilities is unchanged by
      // adding 1 back at the label.
      let best = 0;
      let bestP = -Infinity;
      for (let k = 0; k < this.spec.classes; k++) {
        const prob = this.p[k]! + (k === label ? 1 : 0);
        if (prob > bestP) {
          bestP = prob;
          best = k;
        }
      }
      if (best === label) correct++;
    }
    sums.loss = loss;
    sums.correct = correct;
  }

  private hiddenForward(params: Float64Array, x: Float64Array, xOff: number): Float64Array {
    const b1 = this.hidden * this.inputs;
    for (let j = 0; j < this.hidden; j++) {
      let z = params[b1 + j]!;
      const wRow = j * this.inputs;
      for (let i = 0; i < this.inputs; i++) z += params[wRow + i]! * x[xOff + i]!;
      this.h[j] = this.spec.activation === 'relu' ? (z > 0 ? z : 0) : Math.tanh(z);
    }
    return this.h;
  }

  /** Fills `p` with softmax(logits) - onehot(label) and returns -log softmax(label). */
  private softmax(params: Float64Array, input: Float64Array, inOff: number, label: number): number {
    const { classes } = this.spec;
    let max = -Infinity;
    for (let k = 0; k < classes; k++) {
      let z = params[this.outB + k]!;
      const wRow = this.outW + k * this.outIn;
      for (let j = 0; j < this.outIn; j++) z += params[wRow + j]! * input[inOff + j]!;
      this.p[k] = z;
      if (z > max) max = z;
    }
    let sum = 0;
    for (let k = 0; k < classes; k++) {
      const e = Math.exp(this.p[k]! - max);
      this.p[k] = e;
      sum += e;
    }
    let loss = 0;
    for (let k = 0; k < classes; k++) {
      const prob = this.p[k]! / sum;
      if (k === label) loss = -Math.log(Math.max(prob, 1e-300));
      this.p[k] = prob - (k === label ? 1 : 0);
    }
    return loss;
  }
}
