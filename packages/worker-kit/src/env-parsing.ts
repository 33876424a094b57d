import { msToNumber } from '@temporalio/common/lib/time';
import { EnvError } from '@temporal-ecommerce/env';

// The SDK-free parsers (numbers, lists, flags, TEMPORAL_ADDRESS, TLS) are in @temporal-ecommerce/env;
// this one needs the SDK's own duration syntax.
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
