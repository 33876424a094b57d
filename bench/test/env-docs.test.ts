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
