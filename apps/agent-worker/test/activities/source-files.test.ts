import { execFileSync } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { DefaultLogger } from '@temporalio/worker';
import { MockActivityEnvironment } from '@temporalio/testing';
import { heartbeatIntervalMs } from '../../src/activities/source-files';
import { agentActivities, sandbox } from '../support';

describe('analyzeFile heartbeats', () => {
  it('beats four times per heartbeat timeout, between 100 ms and 1 s', () => {
    expect(heartbeatIntervalMs(2000)).toBe(500);
    expect(heartbeatIntervalMs(5000)).toBe(1000);
    expect(heartbeatIntervalMs(200)).toBe(100);
    expect(heartbeatIntervalMs(undefined)).toBe(1000);
  });

  it('heartbeats every 500 ms under the 2 s heartbeat timeout of the quick-recovery file step', async () => {
    const box = await sandbox({ fileDelayMs: 1300 });
    const activityEnv = new MockActivityEnvironment({ heartbeatTimeoutMs: 2000 }, { logger: new DefaultLogger('WARN') });
    const beats: number[] = [];
    activityEnv.on('heartbeat', () => beats.push(Date.now()));
    const analyze = agentActivities(box.deps).analyzeFile;
    await activityEnv.run(analyze, { storeKey: `wf-${randomUUID()}/run`, repositoryPath: box.repo, file: 'src/config/constants.ts', strategy: 'fast' as const });
    // One at the start, then one per 500 ms of the 1.3 s file: 3 (a 1 s interval would give 2).
    expect(beats.length).toBeGreaterThanOrEqual(3);
  });
});

describe("the analyser's load", () => {
  it('waits for the first file: loading the activities does not load the TypeScript compiler', () => {
    // The built activities, as the worker loads them (vitest's module graph would not show Node's require cache).
    const dist = path.join(__dirname, '..', '..', 'dist', 'activities', 'index.js');
    const out = execFileSync(process.execPath, ['-e', `require(${JSON.stringify(dist)}); console.log(JSON.stringify(Object.keys(require.cache)))`], { encoding: 'utf8' });
    const modules = JSON.parse(out) as string[];
    expect(modules.some((m) => m.endsWith(path.join('dist', 'activities', 'source-files.js')))).toBe(true);
    expect(modules.filter((m) => /[\\/]node_modules[\\/]typescript[\\/]/.test(m))).toEqual([]);
  });
});
