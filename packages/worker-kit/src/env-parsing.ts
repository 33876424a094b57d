import { msToNumber } from '@temporalio/common/lib/time';

/**
 * Small parsers every worker's env.ts uses, so each app keeps one env reader without re-writing how a
 * number, a list or the Temporal address is read and validated. Errors name the bad variable.
 */
export class EnvError extends Error {
  override name = 'EnvError';
}

/** A number in [min, max]; `fallback` when unset or empty. */
export function envNumber(env: NodeJS.ProcessEnv, key: string, fallback: number, min: number, max: number): number {
  const raw = env[key];
  if (raw === undefined || raw === '') return fallback;
  const value = Number(raw);
  if (!Number.isFinite(value) || value < min || value > max) throw new EnvError(`${key} must be a number in [${min}, ${max}], got "${raw}"`);
  return value;
}

const seconds = (ms: number) => `${ms / 1000} s`;

/**
 * A duration in milliseconds, written as the SDK's Duration accepts it: an `ms` string ("3s", "3 seconds",
 * "1.5m") or a bare number of milliseconds ("3000"). In [minMs, maxMs]; `fallbackMs` when unset or empty.
 */
export function envDuration(env: NodeJS.ProcessEnv, key: string, fallbackMs: number, minMs: number, maxMs: number): number {
  const raw = env[key]?.trim();
  if (raw === undefined || raw === '') return fallbackMs;
  let value: number;
  try {
    value = msToNumber(raw as Parameters<typeof msToNumber>[0]);
  } catch {
    value = NaN;
  }
  if (!Number.isFinite(value) || value < minMs || value > maxMs) {
    throw new EnvError(`${key} must be a duration from ${seconds(minMs)} to ${seconds(maxMs)}, like "3s", "3 seconds" or "3000" (milliseconds), got "${env[key]}"`);
  }
  return value;
}

/** A comma-separated list, trimmed, empty entries dropped. */
export function envList(env: NodeJS.ProcessEnv, key: string): string[] {
  return (env[key] ?? '')
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);
}

/** TEMPORAL_ADDRESS as host:port; the local dev server by default. */
export function envTemporalAddress(env: NodeJS.ProcessEnv): string {
  const address = env.TEMPORAL_ADDRESS || '127.0.0.1:7233';
  if (!/^[^:\s]+:\d+$/.test(address)) throw new EnvError(`TEMPORAL_ADDRESS must be host:port, got "${address}"`);
  return address;
}
