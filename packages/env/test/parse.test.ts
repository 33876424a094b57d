import { describe, expect, it } from 'vitest';
import { EnvError, envFlag, envList, envNumber, envTemporalAddress } from '../src';

describe('env parsers', () => {
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

  it('reads a flag in any case, undefined when unset or blank, and names the variable otherwise', () => {
    for (const raw of ['true', '1', 'YES', ' on ']) expect(envFlag({ F: raw }, 'F')).toBe(true);
    for (const raw of ['false', '0', 'No', 'OFF']) expect(envFlag({ F: raw }, 'F')).toBe(false);
    expect(envFlag({}, 'F')).toBeUndefined();
    expect(envFlag({ F: '  ' }, 'F')).toBeUndefined();
    expect(() => envFlag({ F: 'maybe' }, 'F')).toThrow(new EnvError('F must be true or false, got "maybe"'));
  });

  it('defaults TEMPORAL_ADDRESS to the local dev server and rejects anything but host:port', () => {
    expect(envTemporalAddress({})).toBe('127.0.0.1:7233');
    expect(envTemporalAddress({ TEMPORAL_ADDRESS: 'temporal:7233' })).toBe('temporal:7233');
    expect(() => envTemporalAddress({ TEMPORAL_ADDRESS: 'http://temporal' })).toThrow(/TEMPORAL_ADDRESS must be host:port/);
  });
});
