import { execFileSync, spawnSync } from 'node:child_process';
import { accessSync, constants, mkdirSync, mkdtempSync, renameSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { cacheDir } from './paths';

/** v1.6+ carry a `replace` directive in go.mod, which `go install pkg@version` refuses. */
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
  for (const dir of (process.env.PATH ?? '').split(path.delimiter)) {
    if (dir && isExecutable(path.join(dir, name))) return path.join(dir, name);
  }
  return undefined;
}

function goBinDirs(): string[] {
  const dirs = [path.join(os.homedir(), 'go', 'bin')];
  if (process.env.GOBIN) dirs.unshift(process.env.GOBIN);
  if (process.env.GOPATH) dirs.unshift(...process.env.GOPATH.split(path.delimiter).map((p) => path.join(p, 'bin')));
  return dirs;
}

const projectBin = (): string => path.join(cacheDir(), 'bin');

/** Looks for an installed CLI without building anything. */
export function findTemporalCli(): string | undefined {
  if (process.env.TEMPORAL_CLI_PATH) return process.env.TEMPORAL_CLI_PATH;
  return (
    onPath('temporal') ??
    [...goBinDirs(), projectBin()].map((d) => path.join(d, 'temporal')).find(isExecutable)
  );
}

const hasGo = (): boolean => spawnSync('go', ['version'], { stdio: 'ignore' }).status === 0;

export class TemporalCliNotFoundError extends Error {
  /** `reason`: why the last way failed; its first line is shown. */
  constructor(reason?: string) {
    super(
      'No Temporal CLI found and none could be built' +
        (reason ? ` (${reason.split('\n')[0]})` : '') +
        '. Install one of:\n' +
        `  - Go (https://go.dev/dl), then: go install ${TEMPORAL_CLI_MODULE}\n` +
        '  - the Temporal CLI binary on your PATH (https://docs.temporal.io/cli)\n' +
        '  - or point TEMPORAL_ADDRESS at a running Temporal server.',
    );
    this.name = 'TemporalCliNotFoundError';
  }
}

/** Builds the CLI into the project cache. A temporary GOBIN then a rename, so a concurrent reader never sees half a file. */
function goInstall(log: (msg: string) => void): string {
  const bin = projectBin();
  mkdirSync(cacheDir(), { recursive: true });
  const staging = mkdtempSync(path.join(cacheDir(), 'go-install-'));
  log(`Building the Temporal CLI: go install ${TEMPORAL_CLI_MODULE} (first run only; about 6 minutes on 2 cores)...`);
  try {
    execFileSync('go', ['install', TEMPORAL_CLI_MODULE], { stdio: ['ignore', 'inherit', 'inherit'], env: { ...process.env, GOBIN: staging } });
    mkdirSync(bin, { recursive: true });
    renameSync(path.join(staging, 'temporal'), path.join(bin, 'temporal'));
  } finally {
    rmSync(staging, { recursive: true, force: true });
  }
  log(`Temporal CLI built: ${path.join(bin, 'temporal')}`);
  return path.join(bin, 'temporal');
}

/**
 * Finds the CLI, or builds it into the project cache with `go install` (a few minutes, once).
 * Returns undefined only when `allowDownload` is set and nothing local exists: the caller then
 * lets the SDK download its cached dev server, which needs the internet.
 */
export function resolveTemporalCli(opts: { log?: (msg: string) => void; allowDownload?: boolean } = {}): string | undefined {
  const log = opts.log ?? ((msg: string) => process.stderr.write(`${msg}\n`));
  const found = findTemporalCli();
  if (found) return found;
  let goFailure: string | undefined;
  if (hasGo()) {
    try {
      return goInstall(log);
    } catch (err) {
      goFailure = err instanceof Error ? err.message : String(err);
      log(`go install failed: ${goFailure}`);
    }
  }
  if (opts.allowDownload) return undefined;
  throw new TemporalCliNotFoundError(goFailure ? `go install failed: ${goFailure}` : 'no Go toolchain on PATH');
}
