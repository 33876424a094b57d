import { describe, expect, it } from 'vitest';
import { loadEnv } from '../src/env';

describe('order worker env', () => {
  it('reads CHAOS_SABOTAGE into the faults, outside production', () => {
    expect(loadEnv({ CHAOS_SABOTAGE: 'once', NODE_ENV: 'development' }).faults.sabotage).toBe('once');
    expect(loadEnv({}).faults.sabotage).toBeUndefined();
  });

  it('refuses a sabotage in production and an unknown one anywhere', () => {
    expect(() => loadEnv({ CHAOS_SABOTAGE: 'once', NODE_ENV: 'production' })).toThrow(/CHAOS_SABOTAGE is refused when NODE_ENV=production/);
    expect(() => loadEnv({ CHAOS_SABOTAGE: 'everything' })).toThrow(/CHAOS_SABOTAGE must be one of closed, permanent-faults/);
  });
});
