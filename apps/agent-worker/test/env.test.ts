import { describe, expect, it } from 'vitest';
import { loadEnv } from '../src/env';

describe('the agent worker’s crash-recovery settings', () => {
  it("keeps the SDK's workflow cache, with a 1 s sticky queue timeout, unless told otherwise", () => {
    const env = loadEnv({ WORKER_VERSIONING: 'off' });
    expect(env.maxCachedWorkflows).toBeUndefined();
    expect(env.kit.stickyQueueScheduleToStartTimeout).toBe(1000);
  });

  it('takes AGENT_MAX_CACHED_WORKFLOWS and WORKER_STICKY_QUEUE_TIMEOUT, and names a bad cache size', () => {
    const env = loadEnv({ WORKER_VERSIONING: 'off', AGENT_MAX_CACHED_WORKFLOWS: '0', WORKER_STICKY_QUEUE_TIMEOUT: '3s' });
    expect(env.maxCachedWorkflows).toBe(0);
    expect(env.kit.stickyQueueScheduleToStartTimeout).toBe(3000);
    expect(() => loadEnv({ AGENT_MAX_CACHED_WORKFLOWS: '-1' })).toThrow(/AGENT_MAX_CACHED_WORKFLOWS/);
  });
});
