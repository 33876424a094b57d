import type { LoadState } from '../api';

type LoadSnapshot = LoadState['snapshots'][number];

export interface SeriesGeometry {
  width: number;
  height: number;
  plot: { left: number; right: number; top: number; bottom: number };
  /** One SVG polyline per series, in the order given. */
  lines: string[];
  yMax: number;
  yTicks: { value: number; y: number }[];
  xTicks: { seconds: number; x: number }[];
}

const PAD = { left: 48, right: 12, top: 10, bottom: 28 };

/**
 * Lines over the seconds of a load run (x from 0 to `durationSeconds`, so the lines grow left to right)
 * and a y axis from 0 to the largest value seen (at least `minYMax`). Plain SVG geometry, like the loss chart.
 */
export function seriesChart(series: readonly (readonly { seconds: number; value: number }[])[], durationSeconds: number, minYMax: number, width = 720, height = 200): SeriesGeometry {
  const xMax = Math.max(durationSeconds, ...series.flatMap((s) => s.map((p) => p.seconds)), 1);
  const yMax = Math.max(minYMax, ...series.flatMap((s) => s.map((p) => p.value)).filter(Number.isFinite)) * 1.05;
  const plot = { left: PAD.left, right: width - PAD.right, top: PAD.top, bottom: height - PAD.bottom };
  const round = (n: number) => Math.round(n * 10) / 10;
  const x = (s: number) => round(plot.left + (s / xMax) * (plot.right - plot.left));
  const y = (v: number) => round(plot.bottom - (Math.min(v, yMax) / yMax) * (plot.bottom - plot.top));
  return {
    width,
    height,
    plot,
    yMax,
    lines: series.map((s) => s.map((p) => `${x(p.seconds)},${y(p.value)}`).join(' ')),
    yTicks: [0, 0.5, 1].map((f) => ({ value: yMax * f, y: y(yMax * f) })),
    xTicks: [...new Set([0, Math.round(xMax / 2), xMax])].map((seconds) => ({ seconds, x: x(seconds) })),
  };
}

/** The load run's snapshots as the series the panel draws: throughput, and create latency p50/p99. */
export function loadSeries(snapshots: readonly LoadSnapshot[]) {
  const at = (s: LoadSnapshot) => Math.round(s.elapsedMs / 100) / 10;
  return {
    throughput: snapshots.map((s) => ({ seconds: at(s), value: s.currentRate })),
    p50: snapshots.map((s) => ({ seconds: at(s), value: s.p50 })),
    p99: snapshots.map((s) => ({ seconds: at(s), value: s.p99 })),
  };
}
