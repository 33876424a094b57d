import { describe, expect, it } from 'vitest';
import { EnvError, envList, envNumber, envTemporalAddress } from '../src';

describe('env parsers shared by the workers', () => {
  it('reads a number in range, falls back when unset, and names the variable when out of range', () => {
    expect(envNumber({ RATE: '0.25' }, 'RATE', 0, 0, 1)).toBe(0.25);
    expect(envNumber({ RATE: '' }, 'RATE', 0.5, 0, 1)).toBe(0.5);
    expect(() => envNumber({ RATE: '2' }, 'RATE', 0, 0, 1)).toThrow(new EnvError('RATE must be a number in [0, 1], got "2"'));
    expect(() => envNumber({ RATE: 'lots' }, 'RATE', 0, 0, 1)).toThrow(EnvError);
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
