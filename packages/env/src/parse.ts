/**
 * Small parsers every env reader (each worker's env.ts, the gateway's, infra's) uses, so none re-writes
 * how a number, a list, a flag or the Temporal address is read and validated. Errors name the variable.
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

/** A comma-separated list, trimmed, empty entries dropped. */
export function envList(env: NodeJS.ProcessEnv, key: string): string[] {
  return (env[key] ?? '')
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);
}

const TRUE = ['true', '1', 'yes', 'on'];
const FALSE = ['false', '0', 'no', 'off'];

/** true/1/yes/on or false/0/no/off, any case; undefined when unset or blank, so a caller can tell "not said". */
export function envFlag(env: NodeJS.ProcessEnv, key: string): boolean | undefined {
  const raw = env[key]?.trim().toLowerCase();
  if (raw === undefined || raw === '') return undefined;
  if (TRUE.includes(raw)) return true;
  if (FALSE.includes(raw)) return false;
  throw new EnvError(`${key} must be true or false, got "${env[key]}"`);
}

/** TEMPORAL_ADDRESS as host:port; the local dev server by default. */
export function envTemporalAddress(env: NodeJS.ProcessEnv): string {
  const address = env.TEMPORAL_ADDRESS || '127.0.0.1:7233';
  if (!/^[^:\s]+:\d+$/.test(address)) throw new EnvError(`TEMPORAL_ADDRESS must be host:port, got "${address}"`);
  return address;
}
