import { describe, expect, it } from 'vitest';
import { EnvError, envDuration } from '../src';

// envNumber, envList, envFlag and envTemporalAddress are tested in packages/env.
describe('envDuration', () => {
  it('reads a duration as the SDK writes one (ms strings or milliseconds), falls back when unset, and names the variable when invalid', () => {
    expect(envDuration({ WAIT: '3s' }, 'WAIT', 1000, 0, 60_000)).toBe(3000);
    expect(envDuration({ WAIT: ' 3 seconds ' }, 'WAIT', 1000, 0, 60_000)).toBe(3000);
    expect(envDuration({ WAIT: '250' }, 'WAIT', 1000, 0, 60_000)).toBe(250);
    expect(envDuration({ WAIT: '250ms' }, 'WAIT', 1000, 0, 60_000)).toBe(250);
    expect(envDuration({}, 'WAIT', 1000, 0, 60_000)).toBe(1000);
    expect(envDuration({ WAIT: '  ' }, 'WAIT', 1000, 0, 60_000)).toBe(1000);
    expect(() => envDuration({ WAIT: 'later' }, 'WAIT', 1000, 0, 60_000)).toThrow(new EnvError('WAIT must be a duration from 0 s to 60 s, like "3s", "3 seconds" or "3000" (milliseconds), got "later"'));
    expect(() => envDuration({ WAIT: '2m' }, 'WAIT', 1000, 0, 60_000)).toThrow(/^WAIT must be a duration from 0 s to 60 s/);
  });
});
