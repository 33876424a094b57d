import { lossChart, type EpochPoint } from './chart';

export interface LossChartProps {
  metrics: readonly EpochPoint[];
  totalEpochs: number;
  checkpointEpochs: readonly number[];
  /** Epochs a span resumed from after a failed attempt or a dead worker. */
  recoveryEpochs: readonly number[];
}

/** Train and validation loss per epoch, checkpoint and recovery markers: plain SVG. */
export function LossChart({ metrics, totalEpochs, checkpointEpochs, recoveryEpochs }: LossChartProps) {
  const g = lossChart(metrics, totalEpochs);
  return (
    <figure>
      <svg class="chart" viewBox={`0 0 ${g.width} ${g.height}`} role="img" aria-label={`Loss per epoch: ${g.points.length} epochs`} data-testid="loss-chart" data-points={g.points.length}>
        <line class="axis" x1={g.plot.left} y1={g.plot.bottom} x2={g.plot.right} y2={g.plot.bottom} />
        <line class="axis" x1={g.plot.left} y1={g.plot.top} x2={g.plot.left} y2={g.plot.bottom} />
        {g.yTicks.map((t) => (
          <text key={`y${t.y}`} x={g.plot.left - 6} y={t.y + 4} text-anchor="end">
            {t.value.toFixed(2)}
          </text>
        ))}
        {g.xTicks.map((t) => (
          <text key={`x${t.epoch}`} x={t.x} y={g.plot.bottom + 16} text-anchor="middle">
            {t.epoch}
          </text>
        ))}
        {g.markers(checkpointEpochs).map((m) => (
          <line key={`c${m.epoch}`} class="checkpoint" data-testid="checkpoint-marker" x1={m.x} y1={g.plot.top} x2={m.x} y2={g.plot.bottom}>
            <title>checkpoint at epoch {m.epoch}</title>
          </line>
        ))}
        {g.markers(recoveryEpochs).map((m) => (
          <line key={`r${m.epoch}`} class="recovery" data-testid="recovery-marker" x1={m.x} y1={g.plot.top} x2={m.x} y2={g.plot.bottom}>
            <title>resumed from epoch {m.epoch}</title>
          </line>
        ))}
        <polyline class="train" points={g.train} />
        <polyline class="validation" points={g.validation} />
        {g.points.map((p) => (
          <circle key={`p${p.epoch}`} class="point-validation" cx={p.x} cy={p.yValidation} r={2.5}>
            <title>epoch {p.epoch}</title>
          </circle>
        ))}
      </svg>
      <figcaption class="legend">
        <span class="train">train loss</span>
        <span class="validation">validation loss</span>
        <span class="checkpoint">checkpoint</span>
        <span class="recovery">worker recovery</span>
      </figcaption>
    </figure>
  );
}
