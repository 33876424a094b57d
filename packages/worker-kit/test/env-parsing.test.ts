import { describe, expect, it } from 'vitest';
import { EnvError, envDuration, envList, envNumber, envTemporalAddress } from '../src';

describe('env parsers shared by the workers', () => {
  it('reads a number in range, falls back when unset, and names the variable when out of range', () => {
    expect(envNumber({ RATE: '0.25' }, 'RATE', 0, 0, 1)).toBe(0.25);
    expect(envNumber({ RATE: '' }, 'RATE', 0.5, 0, 1)).toBe(0.5);
    expect(() => envNumber({ RATE: '2' }, 'RATE', 0, 0, 1)).toThrow(new EnvError('RATE must be a number in [0, 1], got "2"'));
    expect(() => envNumber({ RATE: 'lots' }, 'RATE', 0, 0, 1)).toThrow(EnvError);
  });

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

  it('splits a comma-separated list, trimming and dropping empty entries', () => {
    expect(envList({ IDS: ' a, b,,c ' }, 'IDS')).toEqual(['a', 'b', 'c']);
    expect(envList({}, 'IDS')).toEqual([]);
  });

  it('defaults TEMPORAL_ADDRESS to the local dev server and rejects anything but host:port', () => {
    expect(envTemporalAddress({})).toBe('127.0.0.1:7233');
    expect(envTemporalAddress({ TEMPORAL_ADDRESS: 'temporal:7233' })).toBe('temporal:7233');
    expect(() => envTemporalAddress({ TEMPORAL_ADDRESS: 'http://temporal' })).toThrow(/TEMPORAL_ADDRESS must be host:port/);
  });
});
