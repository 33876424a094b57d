import { describe, expect, it } from 'vitest';
import { mlConfigProblems, mlTrainingWorkflowId, resolveMlConfig, type MlTrainingConfig } from '../../src/ml/index';

const valid: MlTrainingConfig = {
  modelId: 'claude-3-sonnet-training-001',
  hyperparameters: { learningRate: 0.01, batchSize: 16, epochs: 30, optimizer: 'AdamW' },
  checkpointInterval: 5,
  reviewInterval: 10,
};

describe('ml config rules', () => {
  it('accepts the README config and fills defaults', () => {
    expect(mlConfigProblems(valid)).toEqual([]);
    const resolved = resolveMlConfig(valid);
    expect(resolved.dataset).toEqual({ name: 'iris', samples: 150, features: 4, classes: 3, noise: 0 });
    expect(resolved.model).toEqual({ hiddenUnits: 16, activation: 'tanh' });
    expect(resolved.reviewTimeoutSeconds).toBe(300);
  });

  it('names the field of each invalid value', () => {
    const fields = (c: unknown) => mlConfigProblems(c as MlTrainingConfig).map((p) => p.field);
    expect(fields({ ...valid, hyperparameters: { ...valid.hyperparameters, learningRate: -0.1 } })).toEqual(['hyperparameters.learningRate']);
    expect(fields({ ...valid, hyperparameters: { ...valid.hyperparameters, epochs: 0 } })).toEqual(['hyperparameters.epochs']);
    expect(fields({ ...valid, hyperparameters: { ...valid.hyperparameters, optimizer: 'RMSprop' } })).toEqual(['hyperparameters.optimizer']);
    expect(fields({ ...valid, checkpointInterval: 0 })).toEqual(['checkpointInterval']);
    expect(fields({ ...valid, modelId: 'has space' })).toEqual(['modelId']);
    expect(fields({ ...valid, validationSplit: 0.5, testSplit: 0.5 })).toContain('testSplit');
    expect(fields({ ...valid, dataset: { name: 'iris', samples: 10 } })).toEqual(['dataset.samples']);
  });

  it('builds the README workflow id', () => {
    expect(mlTrainingWorkflowId('m1', 1234567890)).toBe('ml-training-m1-1234567890');
  });
});
