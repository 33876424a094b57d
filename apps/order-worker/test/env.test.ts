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

  it('selects PostgreSQL with ORDER_DATABASE_URL, SQLite in the data dir without it', () => {
    expect(loadEnv({ TEMPORAL_ECOMMERCE_DATA_DIR: '/tmp/d' }).database).toEqual({ kind: 'sqlite', dataDir: '/tmp/d' });
    expect(loadEnv({ ORDER_DATABASE_URL: 'postgres://app:secret@db:5432/orders', ORDER_DATABASE_POOL_MAX: '4' }).database).toEqual({
      kind: 'postgres',
      url: 'postgres://app:secret@db:5432/orders',
      max: 4,
    });
  });

  it('refuses an ORDER_DATABASE_URL that is not a PostgreSQL URL naming a database, without echoing it', () => {
    expect(() => loadEnv({ ORDER_DATABASE_URL: 'mysql://app:secret@db/orders' })).toThrow(/ORDER_DATABASE_URL must start with postgres:\/\//);
    expect(() => loadEnv({ ORDER_DATABASE_URL: 'postgres://app:secret@db:5432' })).toThrow(/must name a host and a database/);
    expect(() => loadEnv({ ORDER_DATABASE_URL: 'not a url secret' })).toThrow(expect.objectContaining({ message: expect.not.stringContaining('secret') }));
  });

  it("reads the order Worker's slots (pnpm demo:priorities), leaving the SDK's defaults when unset", () => {
    expect(loadEnv({ ORDER_MAX_CONCURRENT_WORKFLOW_TASKS: '2', ORDER_MAX_CONCURRENT_ACTIVITIES: '1' }).slots).toEqual({
      maxConcurrentWorkflowTaskExecutions: 2,
      maxConcurrentActivityTaskExecutions: 1,
    });
    expect(loadEnv({}).slots).toEqual({});
    expect(() => loadEnv({ ORDER_MAX_CONCURRENT_WORKFLOW_TASKS: '0' })).toThrow(/ORDER_MAX_CONCURRENT_WORKFLOW_TASKS/);
    expect(() => loadEnv({ ORDER_MAX_CONCURRENT_ACTIVITIES: 'many' })).toThrow(/ORDER_MAX_CONCURRENT_ACTIVITIES/);
  });
});
