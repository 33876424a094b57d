/** `pnpm load` arguments, checked where they enter: a bad one is an error naming it. */

export const SCENARIOS = ['normal', 'high-value', 'declined', 'out-of-stock', 'cancel'] as const;
export type Scenario = (typeof SCENARIOS)[number];

export interface LoadOptions {
  url: URL;
  /** Orders started per second (open loop), or undefined with `concurrency`. */
  rate?: number;
  /** Orders in flight (closed loop), when no rate is given. */
  concurrency: number;
  durationMs: number;
  mix: [Scenario, number][];
  token?: string;
  /** Customer the order worker declines (ORDER_FAULT_DECLINED_CUSTOMERS). */
  declinedCustomer: string;
  /** --json: one Snapshot as a JSON line a second instead of the status line (the console's load panel reads it). */
  json: boolean;
}

const MAX_DURATION_MS = 60 * 60_000;
const MAX_RATE = 500;
const MAX_CONCURRENCY = 256;
const LOOPBACK = new Set(['127.0.0.1', 'localhost', '[::1]']);

export class LoadArgsError extends Error {
  override name = 'LoadArgsError';
}

/** "60s", "2m", "1500ms", "90" (seconds) → ms. */
export function parseDuration(raw: string): number {
  const m = /^(\d+(?:\.\d+)?)(ms|s|m|h)?$/.exec(raw.trim());
  if (!m) throw new LoadArgsError(`--duration must look like 60s, 2m or 1500ms, got "${raw}"`);
  const factor = { ms: 1, s: 1000, m: 60_000, h: 3_600_000 }[(m[2] ?? 's') as 'ms' | 's' | 'm' | 'h'];
  const ms = Number(m[1]) * factor;
  if (ms <= 0 || ms > MAX_DURATION_MS) throw new LoadArgsError(`--duration must be above 0 and at most 1h, got "${raw}"`);
  return ms;
}

/** "normal=70,cancel=30" → weights; unknown scenarios and non-positive totals are refused. */
export function parseMix(raw: string): [Scenario, number][] {
  const mix = raw.split(',').map((part): [Scenario, number] => {
    const [name, weight = '1'] = part.split('=').map((s) => s.trim());
    if (!(SCENARIOS as readonly string[]).includes(name ?? '')) throw new LoadArgsError(`--mix: unknown scenario "${name}" (choose from ${SCENARIOS.join(', ')})`);
    const w = Number(weight);
    if (!Number.isFinite(w) || w < 0) throw new LoadArgsError(`--mix: weight of ${name} must be a number ≥ 0, got "${weight}"`);
    return [name as Scenario, w];
  });
  if (mix.reduce((s, [, w]) => s + w, 0) <= 0) throw new LoadArgsError('--mix: the weights add up to 0');
  return mix;
}

/** The scenario for a number u in [0, 1): walks the cumulative weights. */
export function pickScenario(mix: readonly [Scenario, number][], u: number): Scenario {
  const total = mix.reduce((s, [, w]) => s + w, 0);
  let acc = 0;
  for (const [name, w] of mix) {
    acc += w / total;
    if (u < acc) return name;
  }
  return mix[mix.length - 1]![0];
}

function positive(flag: string, raw: string, max: number): number {
  const v = Number(raw);
  if (!Number.isFinite(v) || v <= 0 || v > max) throw new LoadArgsError(`${flag} must be a number above 0 and at most ${max}, got "${raw}"`);
  return v;
}

/** Parses argv (without node and script) and env (LOAD_GATEWAY_TOKEN). */
export function parseLoadArgs(argv: readonly string[], env: NodeJS.ProcessEnv = {}): LoadOptions {
  const flags = new Map<string, string>();
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    if (arg === '--') continue;
    if (arg === '--json') {
      flags.set(arg, 'true');
      continue;
    }
    const [flag, inline] = arg.split(/=(.*)/s, 2) as [string, string | undefined];
    if (!['--url', '--rate', '--concurrency', '--duration', '--mix', '--declined-customer'].includes(flag)) {
      throw new LoadArgsError(`unknown argument "${arg}" (flags: --url, --rate, --concurrency, --duration, --mix, --declined-customer, --json)`);
    }
    const value = inline ?? argv[++i];
    if (value === undefined) throw new LoadArgsError(`${flag} needs a value`);
    flags.set(flag, value);
  }
  let url: URL;
  try {
    url = new URL(flags.get('--url') ?? 'http://127.0.0.1:3001');
  } catch {
    throw new LoadArgsError(`--url is not a URL: "${flags.get('--url')}"`);
  }
  // A load generator aimed at someone else's host is an attack tool: loopback only.
  if (url.protocol !== 'http:' && url.protocol !== 'https:') throw new LoadArgsError(`--url must be http(s), got "${url.protocol}"`);
  if (!LOOPBACK.has(url.hostname)) throw new LoadArgsError(`--url must be a loopback address (127.0.0.1, localhost, ::1), got "${url.hostname}"`);
  const rate = flags.has('--rate') ? positive('--rate', flags.get('--rate')!, MAX_RATE) : undefined;
  const concurrency = flags.has('--concurrency') ? Math.floor(positive('--concurrency', flags.get('--concurrency')!, MAX_CONCURRENCY)) : 16;
  const token = env.LOAD_GATEWAY_TOKEN?.trim();
  return {
    url,
    ...(rate !== undefined ? { rate } : {}),
    concurrency,
    durationMs: parseDuration(flags.get('--duration') ?? '30s'),
    mix: parseMix(flags.get('--mix') ?? 'normal=80,high-value=5,declined=5,out-of-stock=5,cancel=5'),
    ...(token ? { token } : {}),
    declinedCustomer: flags.get('--declined-customer') ?? 'customer-card-declined',
    json: flags.has('--json'),
  };
}
