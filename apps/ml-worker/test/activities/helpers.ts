import type { MockActivityEnvironment } from '@temporalio/testing';
import { mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { SeededRng, resolveMlConfig, type MlTrainingConfig } from '@temporal-ecommerce/contracts/ml';
import type { TrainSpanInput } from '../../src/activities/types';

export const tempDir = (prefix: string): string => mkdtempSync(path.join(os.tmpdir(), prefix));

export const baseConfig: MlTrainingConfig = {
  modelId: 'unit-model',
  hyperparameters: { learningRate: 0.01, batchSize: 16, epochs: 10, optimizer: 'AdamW' },
  checkpointInterval: 3,
  reviewInterval: 10,
  model: { hiddenUnits: 8 },
};

/** The span input the workflow would build: seeds drawn from the workflow generator. */
export function spanInput(startEpoch: number, endEpoch: number, rng: SeededRng, overrides: Partial<TrainSpanInput> = {}): TrainSpanInput {
  const rngStateAtStart = rng.state();
  const shuffleSeeds = Array.from({ length: endEpoch - startEpoch }, () => rng.nextUint32());
  const config = resolveMlConfig(baseConfig);
  return {
    workflowId: 'ml-training-unit-model-1',
    config,
    hyperparameters: config.hyperparameters,
    initSeed: 17,
    dataSeed: 23,
    startEpoch,
    endEpoch,
    rngStateAtStart,
    shuffleSeeds,
    resumeFrom: null,
    ...overrides,
  };
}

/** MockActivityEnvironment.run with the activity's own return type (its generic cannot infer R). */
export function runIn<P extends unknown[], R>(env: MockActivityEnvironment, fn: (...args: P) => Promise<R>, ...args: P): Promise<R> {
  return env.run(fn, ...args) as Promise<R>;
}
