import { describe, expect, it } from 'vitest';
import { SeededRng, resolveMlConfig } from '@temporal-ecommerce/contracts/ml';
import { Mlp } from '../../src/training/model';
import { newOptimizerState } from '../../src/training/optimizer';
import { epochMultiplyAdds, INLINE_EPOCH_MAX_MULTIPLY_ADDS, openRunner, ThreadSlots, TrainingThread, type EpochRunner } from '../../src/training/training-thread';
import { baseConfig } from '../activities/helpers';

const config = resolveMlConfig({ ...baseConfig, dataset: { name: 'synthetic', samples: 600, features: 5, classes: 3 }, model: { hiddenUnits: 6 } });
const data = { config, dataSeed: 11 };

/** Two epochs and a test evaluation: the weights' bits, the losses and the evaluation. */
async function train(runner: EpochRunner) {
  try {
    const model = new Mlp({ features: runner.summary.features, classes: runner.summary.classes, hiddenUnits: 6, activation: config.model.activation });
    let params = model.init(SeededRng.fromSeed(3));
    let optimizer = newOptimizerState(model.paramCount);
    const losses: number[] = [];
    for (const seed of [101, 202]) {
      const out = await runner.epoch(params, optimizer, config.hyperparameters, seed);
      ({ params, optimizer } = out);
      losses.push(out.trainLoss, out.validationLoss);
    }
    return { bits: Buffer.from(params.buffer).toString('hex'), losses, test: await runner.evaluate(params) };
  } finally {
    await runner.close();
  }
}

describe('training runners', () => {
  it('a worker thread and the inline runner give bit-identical weights, losses and evaluation', async () => {
    expect(epochMultiplyAdds(config)).toBeLessThanOrEqual(INLINE_EPOCH_MAX_MULTIPLY_ADDS);
    const signal = new AbortController().signal;
    const inline = await openRunner(new ThreadSlots(1), data, signal);
    expect(inline).not.toBeInstanceOf(TrainingThread);
    const threaded = await TrainingThread.start(new ThreadSlots(1), data, signal);
    expect(threaded.summary).toEqual(inline.summary);
    expect(await train(threaded)).toEqual(await train(inline));
  });

  it('opens a thread for a wide model and holds a second caller until the slot is free', async () => {
    const wide = resolveMlConfig({ ...baseConfig, dataset: { name: 'synthetic', samples: 2000, features: 100, classes: 3 }, model: { hiddenUnits: 64 } });
    expect(epochMultiplyAdds(wide)).toBeGreaterThan(INLINE_EPOCH_MAX_MULTIPLY_ADDS);
    const slots = new ThreadSlots(1);
    const first = await openRunner(slots, { config: wide, dataSeed: 1 }, new AbortController().signal);
    expect(first).toBeInstanceOf(TrainingThread);
    let secondOpened = false;
    const second = openRunner(slots, { config: wide, dataSeed: 1 }, new AbortController().signal).then((r) => ((secondOpened = true), r));
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(secondOpened).toBe(false);
    await first.close();
    await (await second).close();
    expect(secondOpened).toBe(true);
  });

  it('a caller waiting for a slot gives up when its activity is cancelled', async () => {
    const slots = new ThreadSlots(1);
    const held = await slots.acquire(new AbortController().signal);
    const cancel = new AbortController();
    const waiting = slots.acquire(cancel.signal);
    cancel.abort(new Error('cancelled'));
    await expect(waiting).rejects.toThrow('cancelled');
    held();
    // The slot is free again: the cancelled waiter did not take it.
    const next = await slots.acquire(new AbortController().signal);
    next();
  });
});
