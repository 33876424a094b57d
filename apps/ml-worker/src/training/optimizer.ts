import type { Hyperparameters } from '@temporal-ecommerce/contracts/ml';

/** First and second moments plus the step count: everything an optimizer needs to continue exactly. */
export interface OptimizerState {
  step: number;
  m: Float64Array;
  v: Float64Array;
}

export const newOptimizerState = (paramCount: number): OptimizerState => ({
  step: 0,
  m: new Float64Array(paramCount),
  v: new Float64Array(paramCount),
});

const EPSILON = 1e-8;

/**
 * One update of `params` from `grad`. SGD (optional momentum, kept in `m`), Adam (L2 weight decay added to
 * the gradient, if any) and AdamW (decoupled decay, default 0.01). The moments are shared, so an `adjust`
 * that switches optimizer keeps the statistics gathered so far.
 */
export function applyUpdate(params: Float64Array, grad: Float64Array, state: OptimizerState, h: Hyperparameters): void {
  state.step += 1;
  const lr = h.learningRate;
  const n = params.length;
  if (h.optimizer === 'SGD') {
    const mu = h.momentum ?? 0;
    const wd = h.weightDecay ?? 0;
    for (let i = 0; i < n; i++) {
      const g = grad[i]! + wd * params[i]!;
      const velocity = mu * state.m[i]! + g;
      state.m[i] = velocity;
      params[i]! -= lr * velocity;
    }
    return;
  }
  const beta1 = h.beta1 ?? 0.9;
  const beta2 = h.beta2 ?? 0.999;
  const decoupled = h.optimizer === 'AdamW';
  const wd = h.weightDecay ?? (decoupled ? 0.01 : 0);
  const c1 = 1 - Math.pow(beta1, state.step);
  const c2 = 1 - Math.pow(beta2, state.step);
  for (let i = 0; i < n; i++) {
    const g = decoupled ? grad[i]! : grad[i]! + wd * params[i]!;
    const m = beta1 * state.m[i]! + (1 - beta1) * g;
    const v = beta2 * state.v[i]! + (1 - beta2) * g * g;
    state.m[i] = m;
    state.v[i] = v;
    if (decoupled) params[i]! -= lr * wd * params[i]!;
    params[i]! -= (lr * (m / c1)) / (Math.sqrt(v / c2) + EPSILON);
  }
}
