import { execFileSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

const root = path.join(__dirname, '..', '..');

/** Every Markdown file of the repository outside node_modules, dist and dot folders. */
function markdownFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    if (entry.name.startsWith('.') || entry.name === 'node_modules' || entry.name === 'dist') return [];
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return markdownFiles(full);
    return entry.name.endsWith('.md') ? [full] : [];
  });
}

// pnpm hands these built-ins on to the package's script of the same name.
const FORWARDED_TO_SCRIPTS = new Set(['test', 'start', 'stop', 'restart']);

describe("the root package's scripts", () => {
  it('are documented only in a form that runs them: `pnpm run X` where pnpm has a built-in X of its own', { timeout: 120_000 }, () => {
    const scripts = Object.keys((JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8')) as { scripts: Record<string, string> }).scripts);
    // `pnpm doctor` is pnpm's own health check: it prints nothing here and never reaches our script.
    const shadowed = scripts.filter((name) => {
      if (FORWARDED_TO_SCRIPTS.has(name)) return false;
      const help = execFileSync('pnpm', ['help', name], { cwd: root, encoding: 'utf8', timeout: 30_000 });
      return !help.includes('No results for');
    });
    expect(shadowed).toContain('doctor');
    const wrong = markdownFiles(root).flatMap((file) => {
      const text = readFileSync(file, 'utf8');
      return shadowed.filter((name) => new RegExp(`\\bpnpm ${name}\\b(?!:)`).test(text)).map((name) => `${path.relative(root, file)}: pnpm ${name}`);
    });
    expect(wrong, 'write `pnpm run <script>` for these: pnpm runs its own built-in instead').toEqual([]);
  });
});
