export interface EpochPoint {
  epoch: number;
  trainLoss: number;
  validationLoss: number;
}

export interface ChartGeometry {
  width: number;
  height: number;
  /** SVG polyline points, one per epoch, in epoch order. */
  train: string;
  validation: string;
  /** Each point's position, for the dots and their titles. */
  points: { epoch: number; x: number; yTrain: number; yValidation: number }[];
  /** x of each marker epoch that lies on the axis (checkpoints, recoveries). */
  markers: (epochs: readonly number[]) => { epoch: number; x: number }[];
  yTicks: { value: number; y: number }[];
  xTicks: { epoch: number; x: number }[];
  plot: { left: number; right: number; top: number; bottom: number };
}

const PAD = { left: 48, right: 12, top: 10, bottom: 28 };

/**
 * Loss curves as SVG geometry (no chart library: the page ships no third-party code but Preact). x is
 * the epoch from 1 to `totalEpochs`, so the curve grows left to right as training goes; y is the loss
 * from 0 to the largest loss seen. Epochs are sorted and deduplicated (a resumed span reports again).
 */
export function lossChart(metrics: readonly EpochPoint[], totalEpochs: number, width = 720, height = 260): ChartGeometry {
  const byEpoch = new Map<number, EpochPoint>();
  for (const m of metrics) byEpoch.set(m.epoch, m);
  const sorted = [...byEpoch.values()].sort((a, b) => a.epoch - b.epoch);
  const maxEpoch = Math.max(totalEpochs, sorted.at(-1)?.epoch ?? 1, 2);
  const maxLoss = Math.max(...sorted.flatMap((m) => [m.trainLoss, m.validationLoss]).filter(Number.isFinite), 1e-9) * 1.05;
  const plot = { left: PAD.left, right: width - PAD.right, top: PAD.top, bottom: height - PAD.bottom };
  const x = (epoch: number) => plot.left + ((epoch - 1) / (maxEpoch - 1)) * (plot.right - plot.left);
  const y = (loss: number) => plot.bottom - (Math.min(loss, maxLoss) / maxLoss) * (plot.bottom - plot.top);
  const round = (n: number) => Math.round(n * 10) / 10;
  const points = sorted.map((m) => ({ epoch: m.epoch, x: round(x(m.epoch)), yTrain: round(y(m.trainLoss)), yValidation: round(y(m.validationLoss)) }));
  const tickCount = 4;
  return {
    width,
    height,
    plot,
    points,
    train: points.map((p) => `${p.x},${p.yTrain}`).join(' '),
    validation: points.map((p) => `${p.x},${p.yValidation}`).join(' '),
    markers: (epochs) => [...new Set(epochs)].filter((e) => e >= 1 && e <= maxEpoch).map((epoch) => ({ epoch, x: round(x(epoch)) })),
    yTicks: Array.from({ length: tickCount + 1 }, (_, i) => {
      const value = (maxLoss * i) / tickCount;
      return { value, y: round(y(value)) };
    }),
    xTicks: [...new Set([1, Math.round(maxEpoch / 2), maxEpoch])].map((epoch) => ({ epoch, x: round(x(epoch)) })),
  };
}
