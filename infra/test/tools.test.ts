import { afterEach, describe, expect, it } from 'vitest';
import { TEMPORAL_CLI_MODULE, TemporalCliNotFoundError } from '../src/temporal-cli';
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
