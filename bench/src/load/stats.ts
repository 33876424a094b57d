/** Live statistics of a load run: what was sent, what came back, how fast, and which errors. Pure: time is passed in. */

export interface Snapshot {
  elapsedMs: number;
  sent: number;
  ok: number;
  failed: number;
  inFlight: number;
  /** Completions per second over the last `windowMs` (what the run achieves now). */
  currentRate: number;
  /** Completions per second since the start. */
  overallRate: number;
  p50: number;
  p99: number;
  /** Failures by type ("http 503", "network", ...), most frequent first. */
  errors: [string, number][];
}

/** Nearest-rank percentile of sorted samples; 0 without samples. */
export function percentileOf(sorted: readonly number[], p: number): number {
  if (sorted.length === 0) return 0;
  const rank = Math.ceil((p / 100) * sorted.length);
  return sorted[Math.min(sorted.length - 1, Math.max(0, rank - 1))]!;
}

export class LoadStats {
  private readonly latencies: number[] = [];
  private readonly completions: number[] = [];
  private readonly errors = new Map<string, number>();
  private sent = 0;
  private ok = 0;
  private failed = 0;

  constructor(
    private readonly startedAt: number,
    private readonly windowMs = 5_000,
  ) {}

  started(): void {
    this.sent += 1;
  }

  succeeded(latencyMs: number, at: number): void {
    this.ok += 1;
    this.latencies.push(latencyMs);
    this.completions.push(at);
  }

  /** An order the run was due to start but did not (too many in flight): sent and failed at once. */
  skipped(type: string, at: number): void {
    this.started();
    this.failedWith(type, at);
  }

  /** A failure counts in the rate (the request completed) but not in the latencies. */
  failedWith(type: string, at: number): void {
    this.failed += 1;
    this.errors.set(type, (this.errors.get(type) ?? 0) + 1);
    this.completions.push(at);
  }

  snapshot(now: number): Snapshot {
    const elapsedMs = Math.max(0, now - this.startedAt);
    const since = now - this.windowMs;
    let inWindow = 0;
    for (let i = this.completions.length - 1; i >= 0 && this.completions[i]! > since; i--) inWindow += 1;
    const window = Math.min(this.windowMs, elapsedMs);
    const sorted = [...this.latencies].sort((a, b) => a - b);
    return {
      elapsedMs,
      sent: this.sent,
      ok: this.ok,
      failed: this.failed,
      inFlight: this.sent - this.ok - this.failed,
      currentRate: window > 0 ? (inWindow * 1000) / window : 0,
      overallRate: elapsedMs > 0 ? ((this.ok + this.failed) * 1000) / elapsedMs : 0,
      p50: percentileOf(sorted, 50),
      p99: percentileOf(sorted, 99),
      errors: [...this.errors.entries()].sort((a, b) => b[1] - a[1]),
    };
  }
}

/** A progress bar of `width` cells for a share in [0, 1]. */
export function progressBar(share: number, width = 30): string {
  const filled = Math.round(Math.min(1, Math.max(0, share)) * width);
  return `[${'#'.repeat(filled)}${'-'.repeat(width - filled)}]`;
}

/** The live line: progress, achieved rate against the target, latencies, errors. */
export function statusLine(s: Snapshot, durationMs: number, targetRate: number | undefined): string {
  const errors = s.errors.length === 0 ? 'no errors' : s.errors.map(([type, n]) => `${type}: ${n}`).join(', ');
  const target = targetRate !== undefined ? `/${targetRate}` : '';
  return (
    `${progressBar(s.elapsedMs / durationMs)} ${(s.elapsedMs / 1000).toFixed(0)}/${(durationMs / 1000).toFixed(0)} s  ` +
    `${s.currentRate.toFixed(1)}${target} /s  p50 ${s.p50.toFixed(0)} ms  p99 ${s.p99.toFixed(0)} ms  ` +
    `sent ${s.sent} ok ${s.ok} failed ${s.failed} in flight ${s.inFlight}  ${errors}`
  );
}

/** The final summary, several lines. */
export function summary(s: Snapshot, targetRate: number | undefined): string {
  return [
    `Orders sent ${s.sent}, answered ${s.ok + s.failed} (ok ${s.ok}, failed ${s.failed}) in ${(s.elapsedMs / 1000).toFixed(1)} s`,
    `Achieved ${s.overallRate.toFixed(2)} /s${targetRate !== undefined ? ` (target ${targetRate} /s, ${((s.overallRate / targetRate) * 100).toFixed(0)} %)` : ''}`,
    `Create latency p50 ${s.p50.toFixed(1)} ms, p99 ${s.p99.toFixed(1)} ms`,
    `Errors: ${s.errors.length === 0 ? 'none' : s.errors.map(([type, n]) => `${type} ${n}`).join(', ')}`,
  ].join('\n');
}
