/**
 * Small SVG charts written by the benches next to RESULTS.md (bench/results/), with no tool beyond
 * string building: horizontal bars, a cumulative latency distribution, and stacked timelines.
 */

const FONT = 'font-family="system-ui,sans-serif" font-size="12"';
const COLORS = ['#2b6cb0', '#c05621', '#2f855a', '#6b46c1', '#b7791f', '#718096'];

const esc = (s: string): string => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
const num = (v: number): string => (Math.abs(v) >= 100 ? v.toFixed(0) : Math.abs(v) >= 10 ? v.toFixed(1) : v.toFixed(2));

function svg(width: number, height: number, title: string, body: string[]): string {
  return [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" ${FONT}>`,
    `<rect width="${width}" height="${height}" fill="#fff"/>`,
    `<text x="${width / 2}" y="20" text-anchor="middle" font-weight="bold">${esc(title)}</text>`,
    ...body,
    '</svg>',
    '',
  ].join('\n');
}

export interface Bar {
  label: string;
  value: number;
}

/** One horizontal bar per value, scaled to the largest, the value printed at its end. */
export function barChart({ title, unit, bars }: { title: string; unit: string; bars: Bar[] }): string {
  const width = 640;
  const labelWidth = 200;
  const barArea = width - labelWidth - 90;
  const rowHeight = 28;
  const max = Math.max(...bars.map((b) => b.value), Number.MIN_VALUE);
  const body = bars.flatMap((b, i) => {
    const y = 40 + i * rowHeight;
    const w = Math.max(1, (b.value / max) * barArea);
    return [
      `<text x="${labelWidth - 8}" y="${y + 15}" text-anchor="end">${esc(b.label)}</text>`,
      `<rect x="${labelWidth}" y="${y}" width="${w.toFixed(1)}" height="${rowHeight - 8}" fill="${COLORS[i % COLORS.length]}"/>`,
      `<text x="${(labelWidth + w + 6).toFixed(1)}" y="${y + 15}">${esc(`${num(b.value)} ${unit}`)}</text>`,
    ];
  });
  return svg(width, 50 + bars.length * rowHeight, title, body);
}

export interface Series {
  label: string;
  /** Samples (e.g. latencies in ms); plotted as their cumulative distribution. */
  samples: number[];
}

/** Cumulative distribution of each series' samples: x the value, y the share of samples at or below it. */
export function cdfChart({ title, unit, series }: { title: string; unit: string; series: Series[] }): string {
  const width = 640;
  const height = 360;
  const left = 50;
  const right = 20;
  const top = 40;
  const bottom = 60;
  const all = series.flatMap((s) => s.samples);
  // The 99th percentile bounds the axis so one outlier does not squash the rest.
  const sorted = [...all].sort((a, b) => a - b);
  const xMax = sorted.length > 0 ? sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * 0.99))]! : 1;
  const x = (v: number) => left + (Math.min(v, xMax) / (xMax || 1)) * (width - left - right);
  const y = (p: number) => top + (1 - p) * (height - top - bottom);
  const body: string[] = [
    `<line x1="${left}" y1="${y(0)}" x2="${width - right}" y2="${y(0)}" stroke="#333"/>`,
    `<line x1="${left}" y1="${y(0)}" x2="${left}" y2="${y(1)}" stroke="#333"/>`,
  ];
  for (const p of [0, 0.5, 0.99]) {
    body.push(`<line x1="${left}" y1="${y(p)}" x2="${width - right}" y2="${y(p)}" stroke="#ddd"/>`);
    body.push(`<text x="${left - 4}" y="${y(p) + 4}" text-anchor="end">p${Math.round(p * 100)}</text>`);
  }
  for (let i = 0; i <= 4; i++) {
    const v = (xMax * i) / 4;
    body.push(`<text x="${x(v)}" y="${y(0) + 16}" text-anchor="middle">${esc(`${num(v)} ${unit}`)}</text>`);
  }
  series.forEach((s, i) => {
    const pts = [...s.samples].sort((a, b) => a - b).map((v, k, arr) => `${x(v).toFixed(1)},${y((k + 1) / arr.length).toFixed(1)}`);
    const color = COLORS[i % COLORS.length];
    if (pts.length > 0) body.push(`<polyline fill="none" stroke="${color}" stroke-width="2" points="${pts.join(' ')}"/>`);
    body.push(`<rect x="${left + i * 250}" y="${height - 22}" width="12" height="12" fill="${color}"/>`);
    body.push(`<text x="${left + i * 250 + 18}" y="${height - 12}">${esc(s.label)}</text>`);
  });
  return svg(width, height, title, body);
}

export interface Timeline {
  label: string;
  /** Consecutive phases from 0, each with its end time. */
  phases: { name: string; endMs: number }[];
}

/** One row per timeline: its phases as consecutive coloured segments on a shared time axis. */
export function timelineChart({ title, timelines }: { title: string; timelines: Timeline[] }): string {
  const width = 720;
  const labelWidth = 220;
  const right = 30;
  const rowHeight = 30;
  const names = [...new Set(timelines.flatMap((t) => t.phases.map((p) => p.name)))];
  const maxMs = Math.max(1, ...timelines.flatMap((t) => t.phases.map((p) => p.endMs)));
  const x = (ms: number) => labelWidth + (ms / maxMs) * (width - labelWidth - right);
  const body: string[] = [];
  timelines.forEach((t, i) => {
    const yRow = 40 + i * rowHeight;
    body.push(`<text x="${labelWidth - 8}" y="${yRow + 15}" text-anchor="end">${esc(t.label)}</text>`);
    let from = 0;
    for (const p of t.phases) {
      const end = Math.max(from, p.endMs);
      body.push(
        `<rect x="${x(from).toFixed(1)}" y="${yRow}" width="${Math.max(0.5, x(end) - x(from)).toFixed(1)}" height="${rowHeight - 8}" fill="${COLORS[names.indexOf(p.name) % COLORS.length]}"><title>${esc(`${p.name}: ${(end / 1000).toFixed(2)} s`)}</title></rect>`,
      );
      from = end;
    }
  });
  const axisY = 40 + timelines.length * rowHeight + 4;
  for (let i = 0; i <= 4; i++) {
    const v = (maxMs * i) / 4;
    body.push(`<text x="${x(v).toFixed(1)}" y="${axisY + 10}" text-anchor="middle">${(v / 1000).toFixed(1)} s</text>`);
  }
  names.forEach((n, i) => {
    body.push(`<rect x="${labelWidth + i * 150}" y="${axisY + 22}" width="12" height="12" fill="${COLORS[i % COLORS.length]}"/>`);
    body.push(`<text x="${labelWidth + i * 150 + 18}" y="${axisY + 32}">${esc(n)}</text>`);
  });
  return svg(width, axisY + 46, title, body);
}
