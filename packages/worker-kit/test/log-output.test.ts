import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { summarizeWebpackReport } from '../src/logger';

const fixture = path.join(__dirname, 'fixtures', 'log-output.js');
const tmp = mkdtempSync(path.join(os.tmpdir(), 'log-output-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

const baseEnv = { PATH: process.env.PATH, HOME: process.env.HOME };
// eslint-disable-next-line no-control-regex
const plain = (text: string) => text.replace(/\x1b\[[0-9;]*m/g, '');
const quote = (arg: string) => `'${arg.replace(/'/g, `'\\''`)}'`;

/** Runs the fixture as a user would see it: through a pipe, or on a pseudo-terminal made by `script`. */
function run(args: string[], opts: { tty: boolean; env?: Record<string, string> }): { status: number | null; lines: string[] } {
  const env = { ...baseEnv, ...opts.env };
  const argv = [process.execPath, fixture, ...args];
  const result = opts.tty
    ? spawnSync('script', ['-qec', argv.map(quote).join(' '), '/dev/null'], { env, encoding: 'utf8', timeout: 120_000 })
    : spawnSync(argv[0]!, argv.slice(1), { env, encoding: 'utf8', timeout: 120_000 });
  const out = `${result.stdout}${result.stderr}`.replace(/\r/g, '');
  return { status: result.status, lines: out.split('\n').filter((l) => l.trim() !== '') };
}

describe('log format', () => {
  it('is one readable, coloured line per event on a terminal', () => {
    const { status, lines } = run(['log'], { tty: true });
    expect(status).toBe(0);
    expect(lines).toHaveLength(1);
    expect(lines[0]).toContain('\x1b['); // coloured
    expect(plain(lines[0]!)).toMatch(/^\[\d\d:\d\d:\d\d\.\d{3}\] INFO: order accepted \{"orderId":"o-1"\}$/);
  });

  it('is JSON through a pipe', () => {
    const { status, lines } = run(['log'], { tty: false });
    expect(status).toBe(0);
    expect(lines).toHaveLength(1);
    expect(JSON.parse(lines[0]!)).toMatchObject({ level: 30, service: 'fixture', orderId: 'o-1', msg: 'order accepted' });
  });

  it('follows LOG_FORMAT=json on a terminal', () => {
    const { lines } = run(['log'], { tty: true, env: { LOG_FORMAT: 'json' } });
    expect(JSON.parse(lines[0]!)).toMatchObject({ msg: 'order accepted' });
  });

  it('follows LOG_FORMAT=pretty through a pipe, without colour unless FORCE_COLOR says so', () => {
    const { lines } = run(['log'], { tty: false, env: { LOG_FORMAT: 'pretty' } });
    expect(lines[0]).not.toContain('\x1b[');
    expect(lines[0]).toMatch(/INFO: order accepted \{"orderId":"o-1"\}$/);
    const forced = run(['log'], { tty: false, env: { LOG_FORMAT: 'pretty', FORCE_COLOR: '1' } });
    expect(forced.lines[0]).toContain('\x1b[');
  });

  it('has no colour on a terminal with NO_COLOR', () => {
    const { lines } = run(['log'], { tty: true, env: { NO_COLOR: '1' } });
    expect(lines[0]).not.toContain('\x1b[');
    expect(lines[0]).toMatch(/INFO: order accepted/);
  });

  it('refuses an unknown LOG_FORMAT at start, naming the variable', () => {
    const { status, lines } = run(['log'], { tty: false, env: { LOG_FORMAT: 'xml' } });
    expect(status).toBe(1);
    expect(lines.join('\n')).toContain('LOG_FORMAT must be one of pretty, json, got "xml"');
  });
});

describe("the SDK's webpack report", () => {
  it('is one readable line when workflow code is bundled, on a terminal', () => {
    const { status, lines } = run(['bundle', path.join(tmp, 'tty-bundle.js')], { tty: true });
    expect(status).toBe(0);
    const text = lines.map(plain);
    expect(text.filter((l) => l.includes('workflow bundle'))).toEqual([
      expect.stringMatching(/INFO: workflow bundle workflow-bundle-\w+\.js [\d.]+ \w+ built in \d+ ms \{"asset":/),
    ]);
    expect(text.join('\n')).not.toMatch(/modules by path|compiled successfully/);
  });

  it('is one JSON line with the asset, size and time through a pipe; the full report at debug', () => {
    const { lines } = run(['bundle', path.join(tmp, 'pipe-bundle.js')], { tty: false });
    const events = lines.map((l) => JSON.parse(l) as Record<string, unknown>);
    const report = events.filter((e) => String(e.msg).startsWith('workflow bundle'));
    expect(report).toHaveLength(1);
    expect(report[0]).toMatchObject({ level: 30, asset: expect.stringMatching(/^workflow-bundle-/), ms: expect.any(Number) });
    expect(events.some((e) => String(e.msg).includes('\n'))).toBe(false);
  });

  it('keeps a report it cannot read (a failed build) as it is', () => {
    const failed = 'asset main.js 1 KiB\nERROR in ./src/workflows/index.ts\nwebpack 5.112.2 compiled with 1 error in 90 ms';
    expect(summarizeWebpackReport(failed)).toBeUndefined();
    const coloured = '\x1b[1masset\x1b[39m\x1b[22m \x1b[1m\x1b[32mworkflow-bundle-ab12.js\x1b[39m\x1b[22m 1.69 MiB\nwebpack 5.112.2 compiled \x1b[1m\x1b[32msuccessfully\x1b[39m\x1b[22m in 4119 ms';
    expect(summarizeWebpackReport(coloured)).toEqual({ message: 'workflow bundle workflow-bundle-ab12.js 1.69 MiB built in 4119 ms', asset: 'workflow-bundle-ab12.js', size: '1.69 MiB', ms: 4119 });
  });
});
