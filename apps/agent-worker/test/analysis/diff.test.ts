import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { batchDiff, unifiedDiff } from '../../src/analysis/diff';
import { applyFixes } from '../../src/analysis/fixes';

/** GNU diff's own `diff -u` of the two texts, headers named like ours: the reference our output must match. */
function gnuDiff(file: string, before: string, after: string): string {
  const dir = mkdtempSync(join(tmpdir(), 'agent-diff-'));
  writeFileSync(join(dir, 'a'), before);
  writeFileSync(join(dir, 'b'), after);
  const run = spawnSync('diff', ['-u', '--label', `a/${file}`, '--label', `b/${file}`, join(dir, 'a'), join(dir, 'b')], { encoding: 'utf8' });
  return run.stdout;
}

const lines = (n: number, prefix = 'line'): string => Array.from({ length: n }, (_, i) => `${prefix} ${i + 1}\n`).join('');

describe('unifiedDiff', () => {
  const cases: [string, string, string][] = [
    ['one line changed in the middle', lines(20), lines(20).replace('line 10\n', 'line ten\n')],
    ['two changes far apart: two hunks', lines(40), lines(40).replace('line 5\n', 'five\n').replace('line 30\n', 'thirty\n')],
    ['two changes close together: one hunk', lines(40), lines(40).replace('line 5\n', 'five\n').replace('line 10\n', 'ten\n')],
    ['lines deleted', lines(15), lines(15).replace('line 7\nline 8\nline 9\n', '')],
    ['lines added at the start', lines(6), 'first\nsecond\n' + lines(6)],
    ['lines added at the end', lines(6), lines(6) + 'last\n'],
    ['a block replaced by a longer one', lines(12), lines(12).replace('line 4\nline 5\n', 'four\nfour and a half\nfive\n')],
  ];
  it.each(cases)('matches GNU diff -u: %s', (_, before, after) => {
    expect(unifiedDiff('src/x.ts', before, after).text).toBe(gnuDiff('src/x.ts', before, after));
  });

  it('matches GNU diff -u on a real batch fix of the sample codebase, and counts its lines', () => {
    const before = ['export function same(a: unknown, b: unknown) {', '  if (a == b) return true;', '  return false;', '}', ''].join('\n');
    const fixed = applyFixes('src/same.ts', before, ['loose-equality']);
    expect(fixed.applied.length).toBe(1);
    const d = unifiedDiff('src/same.ts', before, fixed.text);
    expect(d.text).toBe(gnuDiff('src/same.ts', before, fixed.text));
    expect(d.text).toContain('-  if (a == b) return true;\n+  if (a === b) return true;\n');
    expect([d.added, d.removed]).toEqual([1, 1]);
  });

  it('is empty when nothing changed', () => {
    expect(unifiedDiff('a.ts', lines(3), lines(3))).toEqual({ file: 'a.ts', added: 0, removed: 0, text: '' });
  });
});

describe('batchDiff', () => {
  it('joins the files and keeps the whole diff under the cap', () => {
    const a = unifiedDiff('a.ts', lines(5), lines(5).replace('line 2\n', 'two\n'));
    const b = unifiedDiff('b.ts', lines(5), lines(5).replace('line 4\n', ''));
    const d = batchDiff([a, b], 10_000);
    expect(d).toEqual({
      files: [
        { file: 'a.ts', added: 1, removed: 1 },
        { file: 'b.ts', added: 0, removed: 1 },
      ],
      diff: a.text + b.text,
      truncated: false,
      bytes: Buffer.byteLength(a.text + b.text),
    });
  });

  it('cuts a diff over the cap at a line end, says so, and keeps the full size', () => {
    // Multi-byte characters, so a byte cap that falls inside one must not leave half a character.
    const big = unifiedDiff('big.ts', lines(2000, 'é'), lines(2000, 'ü'));
    const d = batchDiff([big], 4096);
    expect(d.truncated).toBe(true);
    expect(d.bytes).toBe(Buffer.byteLength(big.text));
    expect(Buffer.byteLength(d.diff)).toBeLessThanOrEqual(4096);
    expect(d.diff.endsWith('\n')).toBe(true);
    expect(d.diff).not.toContain('\uFFFD');
    expect(big.text.startsWith(d.diff)).toBe(true);
  });
});
