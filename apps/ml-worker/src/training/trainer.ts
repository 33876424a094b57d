import { SeededRng, type Hyperparameters } from '@temporal-ecommerce/contracts/ml';
import type { Split } from './dataset';
import type { Mlp } from './model';
import { applyUpdate, type OptimizerState } from './optimizer';

export interface ModelState {
  params: Float64Array;
  optimizer: OptimizerState;
}

/** Called after every mini-batch; a returned promise is awaited (the activity yields and heartbeats there). */
export type BatchHook = (batch: number, batches: number) => void | Promise<void>;

/**
 * One epoch of mini-batch gradient descent. The order of the training samples comes only from
 * `shuffleSeed`, so the same state, seed and hyperparameters give bit-identical weights.
 * Returns the mean training loss, measured on each batch before its update.
 */
export async function trainEpoch(
  model: Mlp,
  state: ModelState,
  train: Split,
  hyperparameters: Hyperparameters,
  shuffleSeed: number,
  onBatch?: BatchHook,
): Promise<number> {
  const order = new Uint32Array(train.n);
  for (let i = 0; i < train.n; i++) order[i] = i;
  SeededRng.fromSeed(shuffleSeed).shuffle(order);

  const grad = new Float64Array(model.paramCount);
  const batchSize = Math.min(hyperparameters.batchSize, train.n);
  const batches = Math.ceil(train.n / batchSize);
  let loss = 0;
  for (let b = 0; b < batches; b++) {
    grad.fill(0);
    const start = b * batchSize;
    const end = Math.min(start + batchSize, train.n);
    loss += model.lossAndGradient(state.params, train, order, start, end, grad);
    applyUpdate(state.params, grad, state.optimizer, hyperparameters);
    const pending = onBatch?.(b + 1, batches);
    if (pending) await pending;
  }
  return loss / train.n;
}
