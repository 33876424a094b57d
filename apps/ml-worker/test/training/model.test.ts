import { describe, expect, it } from 'vitest';
import { SeededRng, resolveMlConfig, sha256Hex, type Hyperparameters } from '@temporal-ecommerce/contracts/ml';
import { loadDataset } from '../../src/training/dataset';
import { Mlp, type ModelSpec } from '../../src/training/model';
import { newOptimizerState } from '../../src/training/optimizer';
import { trainEpoch, type ModelState } from '../../src/training/trainer';
import { decodeCheckpoint, encodeCheckpoint, weightBytes } from '../../src/training/checkpoint-format';

const irisConfig = resolveMlConfig({
  modelId: 'm',
  hyperparameters: { learningRate: 0.01, batchSize: 16, epochs: 10, optimizer: 'Adam' },
  checkpointInterval: 5,
  reviewInterval: 10,
});

function fresh(spec: ModelSpec, seed: number): { model: Mlp; state: ModelState } {
  const model = new Mlp(spec);
  return { model, state: { params: model.init(SeededRng.fromSeed(seed)), optimizer: newOptimizerState(model.paramCount) } };
}

async function run(h: Hyperparameters, epochs: number, seed = 1, spec: Partial<ModelSpec> = {}) {
  const data = loadDataset(irisConfig, 11);
  const { model, state } = fresh({ features: data.features, classes: data.classes, hiddenUnits: 8, activation: 'tanh', ...spec }, seed);
  const shuffle = SeededRng.fromSeed(seed + 100);
  const losses: number[] = [];
  for (let e = 0; e < epochs; e++) losses.push(await trainEpoch(model, state, data.train, h, shuffle.nextUint32()));
  return { model, state, data, losses, validation: model.evaluate(state.params, data.validation) };
}

describe('dataset', () => {
  it('splits iris per class into disjoint train/validation/test sets and standardises on train', () => {
    const data = loadDataset(irisConfig, 5);
    expect(data.train.n + data.validation.n + data.test.n).toBe(150);
    expect(data.validation.n).toBe(30);
    expect(data.test.n).toBe(30);
    for (const split of [data.train, data.validation, data.test]) expect(new Set(split.y).size).toBe(3);
    const mean0 = Array.from({ length: data.train.n }, (_, r) => data.train.x[r * 4]!).reduce((a, b) => a + b) / data.train.n;
    expect(Math.abs(mean0)).toBeLessThan(1e-9);
  });

  it('generates the synthetic set from the seed alone', () => {
    const spec = resolveMlConfig({ ...irisConfig, randomSeed: undefined, dataset: { name: 'synthetic', samples: 500, features: 6, classes: 5 } });
    const a = loadDataset(spec, 3);
    const b = loadDataset(spec, 3);
    const c = loadDataset(spec, 4);
    expect(a.features).toBe(6);
    expect(a.classes).toBe(5);
    expect(a.train.n + a.validation.n + a.test.n).toBe(500);
    expect(sha256Hex(new Uint8Array(a.train.x.buffer))).toBe(sha256Hex(new Uint8Array(b.train.x.buffer)));
    expect(sha256Hex(new Uint8Array(a.train.x.buffer))).not.toBe(sha256Hex(new Uint8Array(c.train.x.buffer)));
  });
});

describe('Mlp', () => {
  it.each([0, 5])('computes the gradient the finite differences agree with (hidden=%i)', (hiddenUnits) => {
    for (const activation of ['tanh', 'relu'] as const) {
      const data = loadDataset(irisConfig, 2);
      const { model, state } = fresh({ features: 4, classes: 3, hiddenUnits, activation }, 9);
      const order = Uint32Array.from({ length: 10 }, (_, i) => i);
      const grad = new Float64Array(model.paramCount);
      model.lossAndGradient(state.params, data.train, order, 0, 10, grad);
      const lossAt = (p: Float64Array) => model.lossAndGradient(p, data.train, order, 0, 10, new Float64Array(model.paramCount)) / 10;
      for (let i = 0; i < model.paramCount; i += 3) {
        const plus = Float64Array.from(state.params);
        const minus = Float64Array.from(state.params);
        plus[i]! += 1e-6;
        minus[i]! -= 1e-6;
        expect(grad[i]!).toBeCloseTo((lossAt(plus) - lossAt(minus)) / 2e-6, 5);
      }
    }
  });
});

describe('training', () => {
  it.each(['SGD', 'Adam', 'AdamW'] as const)('lowers the loss and learns iris with %s', async (optimizer) => {
    const h: Hyperparameters = { learningRate: optimizer === 'SGD' ? 0.1 : 0.01, batchSize: 16, epochs: 40, optimizer, momentum: 0.9 };
    const { losses, validation } = await run(h, 40);
    expect(losses[39]!).toBeLessThan(losses[0]! * 0.5);
    expect(validation.accuracy).toBeGreaterThan(0.85);
  });

  it('gives bit-identical weights for the same seeds and different weights for another seed', async () => {
    const h: Hyperparameters = { learningRate: 0.01, batchSize: 8, epochs: 15, optimizer: 'AdamW' };
    const a = await run(h, 15, 1);
    const b = await run(h, 15, 1);
    const c = await run(h, 15, 2);
    const hash = (r: { state: ModelState }) => sha256Hex(weightBytes(r.state.params));
    expect(hash(a)).toBe(hash(b));
    expect(hash(a)).not.toBe(hash(c));
  });

  it('continues bit-identically from an encoded and decoded checkpoint', async () => {
    const h: Hyperparameters = { learningRate: 0.01, batchSize: 8, epochs: 10, optimizer: 'Adam' };
    const data = loadDataset(irisConfig, 11);
    const spec: ModelSpec = { features: 4, classes: 3, hiddenUnits: 6, activation: 'relu' };
    const seeds = Array.from({ length: 10 }, (_, i) => 1000 + i);

    const straight = fresh(spec, 4);
    for (const s of seeds) await trainEpoch(straight.model, straight.state, data.train, h, s);

    const first = fresh(spec, 4);
    for (const s of seeds.slice(0, 6)) await trainEpoch(first.model, first.state, data.train, h, s);
    const bytes = encodeCheckpoint({
      header: { modelId: 'm', workflowId: 'w', epoch: 6, validationLoss: 0, spec, hyperparameters: h, optimizerStep: first.state.optimizer.step, rngState: [1, 2, 3, 4], initSeed: 4, dataSeed: 11 },
      params: first.state.params,
      optimizer: first.state.optimizer,
    });
    const restored = decodeCheckpoint(bytes);
    expect(restored.header.epoch).toBe(6);
    const model = new Mlp(restored.header.spec);
    const state = { params: restored.params, optimizer: restored.optimizer };
    for (const s of seeds.slice(6)) await trainEpoch(model, state, data.train, h, s);

    expect(sha256Hex(weightBytes(state.params))).toBe(sha256Hex(weightBytes(straight.state.params)));
  });
});

describe('chunked evaluation', () => {
  it('gives the same bits as one pass when a split is evaluated in consecutive chunks', async () => {
    const { model, state, data } = await run({ learningRate: 0.01, batchSize: 16, epochs: 3, optimizer: 'Adam' }, 3);
    const whole = model.evaluate(state.params, data.train);
    const sums = { loss: 0, correct: 0 };
    for (const [from, to] of [[0, 7], [7, 50], [50, data.train.n]] as const) model.evaluateRows(state.params, data.train, from, to, sums);
    expect(sums.loss / data.train.n).toBe(whole.loss);
    expect(sums.correct / data.train.n).toBe(whole.accuracy);
  });
});
