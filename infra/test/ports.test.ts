import { execFileSync } from 'node:child_process';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { checkPortFree, freePort } from '../src';

describe('the free-port helper', () => {
  it('hands out a port that can be bound', async () => {
    const port = await freePort();
    expect(port).toBeGreaterThan(0);
    await expect(checkPortFree('127.0.0.1', port)).resolves.toBeUndefined();
  });

  it('is the only one in the repository (infra, the e2e harness and the tests import it)', () => {
    const root = path.join(__dirname, '..', '..');
    const hits = execFileSync('git', ['grep', '--untracked', '-lE', '^(export )?(async )?function freePort\\b', '--', '*.ts', ':!**/dist/**'], { cwd: root, encoding: 'utf8' }).trim().split('\n');
    expect(hits).toEqual(['infra/src/ports.ts']);
  });
});
