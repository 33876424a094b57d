import { execFileSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { APPS, envExample, generatedFiles, readmeWithTable, REPO_ROOT } from '../src/scripts/env-docs';

/**
 * .env.example and the READMEs' variable tables are generated from the env schemas; this fails when a
 * schema changed and they were not regenerated. `pnpm env:docs` (or UPDATE_ENV=1 on this test) rewrites them.
 */
describe('generated env docs', () => {
  for (const { file, content } of generatedFiles()) {
    it(`${path.relative(REPO_ROOT, file)} is current`, () => {
      const actual = readFileSync(file, 'utf8');
      if (actual !== content && process.env.UPDATE_ENV === '1') writeFileSync(file, content);
      else expect(actual, `stale: run pnpm env:docs`).toBe(content);
    });
  }

  it('lists every variable of every app in .env.example, with the defaults kept', () => {
    const example = envExample();
    for (const app of APPS) for (const name of Object.keys(app.schema.properties)) expect(example).toMatch(new RegExp(`^# ${name}=`, 'm'));
    expect(example).toContain('# PORT=3001');
    expect(example).toContain('# TEMPORAL_ADDRESS=127.0.0.1:7233');
    expect(example).toContain('# BENCH_TEMPORAL_PORT=7901');
    // No secret value, not even a default.
    expect(example).toMatch(/^# GATEWAY_TOKENS=$/m);
  });

  it('replaces the generated block of a README and nothing else', () => {
    const once = readmeWithTable('# x\n\ntext\n', '| a |');
    const twice = readmeWithTable(`${once}\nafter\n`, '| b |');
    expect(twice).toContain('| b |');
    expect(twice).not.toContain('| a |');
    expect(twice.startsWith('# x\n\ntext\n')).toBe(true);
    expect(twice.endsWith('after\n')).toBe(true);
  });

});

/** The source files of every process: apps, packages, infra, e2e and bench, without tests. */
function sourceFiles(): string[] {
  const out = execFileSync('git', ['ls-files', '--cached', '--others', '--exclude-standard', '--', 'apps', 'packages', 'infra', 'e2e', 'bench'], { cwd: REPO_ROOT, encoding: 'utf8' });
  return out
    .split('\n')
    .filter((f) => /\.(ts|js|mjs)$/.test(f) && !/(^|\/)(test|dist|node_modules|fuzz)\//.test(f) && !f.endsWith('.d.ts'))
    .filter((f) => !/(^|\/)test-server\//.test(f));
}

/** Lines that read `process.env` themselves, outside an env.ts and without an `env-exception:` comment just above. */
function directReads(file: string): string[] {
  if (/(^|\/)src\/env\.ts$/.test(file) || file.startsWith('packages/env/src/')) return [];
  const lines = readFileSync(path.join(REPO_ROOT, file), 'utf8').split('\n');
  return lines
    .map((line, i) => ({ line, i }))
    .filter(({ line }) => /process\.env(\.[A-Za-z_]|\[|\s*\?\?|\s*\|\|)/.test(line.replace(/\/\/.*$/, '')))
    .filter(({ i }) => !lines.slice(Math.max(0, i - 3), i).some((l) => l.includes('env-exception:')))
    .map(({ line, i }) => `${file}:${i + 1}: ${line.trim()}`);
}

// Read by the shell, Node, the terminal or a tool's own conventions, not by our configuration.
const NOT_OURS = new Set(['PATH', 'HOME', 'NO_COLOR', 'FORCE_COLOR', 'GOBIN', 'GOPATH']);

describe('one configuration layer', () => {
  it('no source file reads process.env itself: each process reads its variables through its env schema (packages/env)', () => {
    expect(sourceFiles().length).toBeGreaterThan(50);
    expect(sourceFiles().flatMap(directReads)).toEqual([]);
  });

  it('every variable a source file names (env.X, process.env.X) is declared in a schema, so .env.example lists it', () => {
    const example = envExample();
    const undeclared = new Set<string>();
    for (const file of sourceFiles()) {
      const text = readFileSync(path.join(REPO_ROOT, file), 'utf8');
      // `env.X` counts where `env` is an environment (a parser's parameter), not a parsed config object.
      const pattern = text.includes('NodeJS.ProcessEnv') ? /\b(?:process\.env|env)\.([A-Z][A-Z0-9_]{2,})\b/g : /\bprocess\.env\.([A-Z][A-Z0-9_]{2,})\b/g;
      const lines = text.split('\n');
      for (const match of text.matchAll(pattern)) {
        const name = match[1]!;
        const line = text.slice(0, match.index).split('\n').length - 1;
        if (lines.slice(Math.max(0, line - 3), line).some((l) => l.includes('env-exception:'))) continue;
        if (!NOT_OURS.has(name) && !new RegExp(`^# ${name}=`, 'm').test(example)) undeclared.add(`${name} (${file})`);
      }
    }
    expect([...undeclared]).toEqual([]);
  });
});
