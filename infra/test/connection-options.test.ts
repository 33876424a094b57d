import { describe, expect, it } from 'vitest';
import { clientConnectionOptions } from '../src/connection-options';

// The variables themselves are tested in packages/env (temporal-tls.test.ts); here only what infra adds.
describe('clientConnectionOptions (TEMPORAL_ADDRESS pointing at a secured server)', () => {
  it('adds nothing for a plain local server', () => {
    expect(clientConnectionOptions({})).toEqual({});
  });

  it('turns TLS on with an API key, as Temporal Cloud requires', () => {
    expect(clientConnectionOptions({ TEMPORAL_API_KEY: 'k' })).toEqual({ tls: {}, apiKey: 'k' });
  });

  it('names the variable when a setting is bad', () => {
    expect(() => clientConnectionOptions({ TEMPORAL_TLS: 'maybe' })).toThrow('TEMPORAL_TLS must be true or false');
  });
});
