import { execFileSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { serviceEnv } from '../src/harness';

describe('serviceEnv', () => {
  it('gives every worker of a run the same build revision, HEAD read once, never "-dirty"', () => {
    const head = execFileSync('git', ['rev-parse', '--short=12', 'HEAD'], { encoding: 'utf8' }).trim();
    const first = serviceEnv({ temporalAddress: '127.0.0.1:7233', dataDir: '/tmp/a' });
    const second = serviceEnv({ temporalAddress: '127.0.0.1:7233', dataDir: '/tmp/b' });
    expect(first.GIT_REVISION).toBe(head);
    expect(second.GIT_REVISION).toBe(first.GIT_REVISION);
  });
});
