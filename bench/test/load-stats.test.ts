import { describe, expect, it } from 'vitest';
import { LoadStats, percentileOf, progressBar, statusLine, summary } from '../src/load/stats';

describe('LoadStats', () => {
  it('counts sent, answered and in-flight orders and groups failures by type, most frequent first', () => {
    const stats = new LoadStats(0);
    for (let i = 0; i < 5; i++) stats.started();
    stats.succeeded(10, 100);
    stats.failedWith('create 503', 200);
    stats.failedWith('cancel 409', 300);
    stats.failedWith('create 503', 400);
    const s = stats.snapshot(1000);
    expect(s).toMatchObject({ sent: 5, ok: 1, failed: 3, inFlight: 1 });
    expect(s.errors).toEqual([
      ['create 503', 2],
      ['cancel 409', 1],
    ]);
  });

  it('counts a skipped order as sent and failed, so answered never exceeds sent', () => {
    const stats = new LoadStats(0);
    stats.started();
    stats.skipped('skipped (in-flight cap)', 100);
    const s = stats.snapshot(1000);
    expect(s).toMatchObject({ sent: 2, ok: 0, failed: 1, inFlight: 1 });
    expect(s.errors).toEqual([['skipped (in-flight cap)', 1]]);
  });

  it('reports the rate over the last window apart from the rate since the start', () => {
    const stats = new LoadStats(0, 5_000);
    // 10 completions in the first second, then 5 in the last 5 s of a 10 s run.
    for (let i = 0; i < 10; i++) stats.succeeded(1, 100 * i);
    for (let i = 0; i < 5; i++) stats.succeeded(1, 5_500 + 1000 * i);
    const s = stats.snapshot(10_000);
    expect(s.currentRate).toBeCloseTo(1, 5);
    expect(s.overallRate).toBeCloseTo(1.5, 5);
  });

  it('does not divide by a window longer than the run so far', () => {
    const stats = new LoadStats(0, 5_000);
    stats.succeeded(1, 500);
    stats.succeeded(1, 900);
    expect(stats.snapshot(1_000).currentRate).toBeCloseTo(2, 5);
  });

  it('takes latencies of successful orders only, as nearest-rank percentiles', () => {
    const stats = new LoadStats(0);
    for (let ms = 1; ms <= 100; ms++) stats.succeeded(ms, ms);
    stats.failedWith('create network', 101);
    const s = stats.snapshot(1000);
    expect(s.p50).toBe(50);
    expect(s.p99).toBe(99);
  });
});

describe('percentileOf', () => {
  it('is 0 without samples and the extreme sample at the ends', () => {
    expect(percentileOf([], 50)).toBe(0);
    expect(percentileOf([3, 7, 9], 0)).toBe(3);
    expect(percentileOf([3, 7, 9], 100)).toBe(9);
  });
});

describe('rendering', () => {
  it('fills the progress bar by share, clamped to [0, 1]', () => {
    expect(progressBar(0.5, 10)).toBe('[#####-----]');
    expect(progressBar(2, 4)).toBe('[####]');
    expect(progressBar(-1, 4)).toBe('[----]');
  });

  it('prints rate against the target, latencies and errors on the live line and in the summary', () => {
    const stats = new LoadStats(0);
    stats.started();
    stats.started();
    stats.succeeded(12, 500);
    stats.failedWith('create 429', 600);
    const s = stats.snapshot(2_000);
    const line = statusLine(s, 4_000, 20);
    expect(line).toContain('2/4 s');
    expect(line).toContain('/20 /s');
    expect(line).toContain('create 429: 1');
    const text = summary(s, 20);
    expect(text).toContain('Orders sent 2, answered 2 (ok 1, failed 1)');
    expect(text).toContain('Achieved 1.00 /s (target 20 /s, 5 %)');
    expect(text).toContain('Errors: create 429 1');
  });
});
