import { describe, expect, it } from 'vitest';
import { estimatedCheckpointBytes, mlConfigProblems, mlParameterCount, mlTrainingWorkflowId, resolveMlConfig, type MlTrainingConfig } from '../../src/ml/index';

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

  it('bounds what a request makes the worker hold or write, naming the field', () => {
    const fields = (c: Partial<MlTrainingConfig>) => mlConfigProblems({ ...valid, ...c }).map((p) => p.field);
    const synthetic = (samples: number, features: number) => ({ dataset: { name: 'synthetic' as const, samples, features } });
    expect(fields(synthetic(250_000, 8))).toEqual([]);
    expect(fields(synthetic(250_001, 8))).toEqual(['dataset.samples']);
    expect(mlConfigProblems({ ...valid, ...synthetic(1_000_000, 512) })[0]!.message).toContain('1000000 × 512');
    expect(fields({ epochsPerRun: 1000 })).toEqual([]);
    expect(fields({ epochsPerRun: 1001 })).toEqual(['epochsPerRun']);
    expect(fields({ model: { hiddenUnits: 1025 } })).toEqual(['model.hiddenUnits']);
    expect(fields({ hyperparameters: { ...valid.hyperparameters, batchSize: 4097 } })).toEqual(['hyperparameters.batchSize']);
    expect(fields({ hyperparameters: { ...valid.hyperparameters, epochs: 100_001 } })).toEqual(['hyperparameters.epochs']);
    expect(fields({ dataset: { name: 'synthetic', samples: 100, features: 513 } })).toEqual(['dataset.features']);
    // 512 × 1024 + 1024 + 1024 × 4 + 4 parameters, a checkpoint every epoch for 1000 epochs: ~12 GiB.
    const big = { ...synthetic(2000, 512), model: { hiddenUnits: 1024 }, hyperparameters: { ...valid.hyperparameters, epochs: 1000 } };
    expect(fields({ ...big, checkpointInterval: 1 })).toEqual(['checkpointInterval']);
    expect(fields({ ...big, checkpointInterval: 500, reviewInterval: 500, epochsPerRun: 1000 })).toEqual([]);
    expect(estimatedCheckpointBytes(resolveMlConfig({ ...valid, checkpointInterval: 5, reviewInterval: 10 }), 30)).toBe((6 + 3) * mlParameterCount(resolveMlConfig(valid)) * 24);
  });

  it('builds the README workflow id', () => {
    expect(mlTrainingWorkflowId('m1', 1234567890)).toBe('ml-training-m1-1234567890');
  });
});
