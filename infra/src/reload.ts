import { spawn, type ChildProcess } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { createInterface } from 'node:readline';
import type { ServiceSpec } from './services';

/**
 * `pnpm dev`'s two halves: a `tsc --watch` per package recompiles what changed (startCompilers), and a
 * DistWatcher per service notices when the compiled code that service runs (its own dist/ and its
 * workspace dependencies' dist/) really changed.
 */

interface PackageJson {
  name?: string;
  dependencies?: Record<string, string>;
}

function readPackage(dir: string): PackageJson {
  return JSON.parse(readFileSync(path.join(dir, 'package.json'), 'utf8')) as PackageJson;
}

/** Workspace package name -> folder, for apps/* and packages/*. */
function workspacePackages(root: string): Map<string, string> {
  const byName = new Map<string, string>();
  for (const group of ['apps', 'packages']) {
    const base = path.join(root, group);
    if (!existsSync(base)) continue;
    for (const entry of readdirSync(base)) {
      const dir = path.join(base, entry);
      if (existsSync(path.join(dir, 'package.json'))) {
        const { name } = readPackage(dir);
        if (name) byName.set(name, dir);
      }
    }
  }
  return byName;
}

/** The service's folder and every workspace package it depends on at run time, transitively. */
export function runtimeFolders(root: string, spec: ServiceSpec): string[] {
  const byName = workspacePackages(root);
  const seen = new Set<string>();
  const visit = (dir: string) => {
    if (seen.has(dir)) return;
    seen.add(dir);
    for (const [name, version] of Object.entries(readPackage(dir).dependencies ?? {})) {
      const dep = byName.get(name);
      if (dep && version.startsWith('workspace:')) visit(dep);
    }
  };
  visit(path.join(root, spec.dir));
  return [...seen];
}

function filesUnder(dir: string): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir, { recursive: true, encoding: 'utf8' })
    .map((f) => path.join(dir, f))
    .filter((f) => statSync(f, { throwIfNoEntry: false })?.isFile())
    .sort();
}

/**
 * Polls the dist/ folders of one service. A build rewrites files whose content did not change (tsc writes
 * every output, turbo restores cache hits), so a change of mtimes only leads to a content hash, and only a
 * different hash, stable for `settleMs` (the compiler has finished writing), calls `onChange`.
 */
export class DistWatcher {
  private readonly dists: string[];
  private stamp: string;
  private hash: string;
  private changedAt: number | undefined;
  private timer: NodeJS.Timeout | undefined;

  constructor(folders: string[], private readonly onChange: () => void, private readonly settleMs = 1_500) {
    this.dists = folders.map((f) => path.join(f, 'dist'));
    this.stamp = this.mtimes();
    this.hash = this.contentHash();
  }

  start(intervalMs = 1_000): void {
    this.timer = setInterval(() => this.poll(), intervalMs);
    this.timer.unref();
  }

  stop(): void {
    clearInterval(this.timer);
  }

  private files(): string[] {
    // The prebundled workflow code is made by `pnpm bundle` for production; a dev worker bundles at start.
    return this.dists.flatMap(filesUnder).filter((f) => path.basename(f) !== 'workflow-bundle.js');
  }

  private mtimes(): string {
    return this.files()
      .map((f) => `${f}:${statSync(f, { throwIfNoEntry: false })?.mtimeMs ?? 0}`)
      .join('\n');
  }

  private contentHash(): string {
    const h = createHash('sha256');
    for (const f of this.files()) {
      h.update(f);
      try {
        h.update(readFileSync(f));
      } catch {
        // deleted between listing and reading: the next poll sees it
      }
    }
    return h.digest('hex');
  }

  private poll(): void {
    const stamp = this.mtimes();
    if (stamp !== this.stamp) {
      this.stamp = stamp;
      this.changedAt = Date.now();
      return;
    }
    if (this.changedAt === undefined || Date.now() - this.changedAt < this.settleMs) return;
    this.changedAt = undefined;
    const hash = this.contentHash();
    if (hash === this.hash) return;
    this.hash = hash;
    this.onChange();
  }
}

/** The packages to compile: each service's runtime folders that build with tsc (tsconfig.build.json). */
export function compiledFolders(root: string, services: readonly ServiceSpec[]): string[] {
  const folders = new Set(services.flatMap((s) => runtimeFolders(root, s)));
  return [...folders].filter((dir) => existsSync(path.join(dir, 'tsconfig.build.json'))).sort();
}

/** A watching compiler per package; stop them with `stopCompilers`. */
export interface Compilers {
  children: ChildProcess[];
}

/**
 * `tsc --watch` for each package the services run (its own build config): a change recompiles that
 * package, and a package that depends on it recompiles when the emitted declarations change. Only
 * errors are printed. Each runs in its own process group, like the services.
 */
export function startCompilers(root: string, services: readonly ServiceSpec[], log: (line: string) => void): Compilers {
  const tsc = require.resolve('typescript/bin/tsc', { paths: [root] });
  const children = compiledFolders(root, services).map((dir) => {
    const name = path.relative(root, dir);
    const child = spawn(process.execPath, [tsc, '-p', path.join(dir, 'tsconfig.build.json'), '--watch', '--preserveWatchOutput', '--pretty', 'false'], {
      cwd: dir,
      stdio: ['ignore', 'pipe', 'pipe'],
      detached: true,
    });
    for (const stream of [child.stdout, child.stderr]) {
      if (!stream) continue;
      createInterface({ input: stream }).on('line', (line) => {
        // tsc's "Found 0 errors. Watching for file changes." after each compile is noise; errors are not.
        if (/error TS\d+|Found [1-9]\d* errors?/.test(line)) log(`${name}: ${line.trim()}`);
      });
    }
    child.once('error', (err) => log(`${name}: could not start tsc: ${err.message}`));
    return child;
  });
  return { children };
}

export function stopCompilers(compilers: Compilers | undefined, signal: NodeJS.Signals = 'SIGTERM'): void {
  for (const child of compilers?.children ?? []) {
    if (child.pid === undefined || child.exitCode !== null || child.signalCode !== null) continue;
    try {
      process.kill(-child.pid, signal);
    } catch {
      // already gone
    }
  }
}
