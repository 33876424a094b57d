import { describe, expect, it } from 'vitest';
import { LoadArgsError, parseDuration, parseLoadArgs, parseMix, pickScenario } from '../src/load/options';

describe('parseLoadArgs', () => {
  it('reads rate, duration, mix and the token from the environment', () => {
    const opts = parseLoadArgs(['--rate', '20', '--duration=60s', '--mix', 'normal=3,cancel=1'], { LOAD_GATEWAY_TOKEN: ' t0k ' });
    expect(opts.rate).toBe(20);
    expect(opts.durationMs).toBe(60_000);
    expect(opts.mix).toEqual([
      ['normal', 3],
      ['cancel', 1],
    ]);
    expect(opts.token).toBe('t0k');
    expect(opts.url.origin).toBe('http://127.0.0.1:3001');
    expect(opts.json).toBe(false);
  });

  it('takes --json, a flag without a value, anywhere among the others', () => {
    const opts = parseLoadArgs(['--json', '--rate', '2', '--duration', '5s']);
    expect(opts.json).toBe(true);
    expect(opts.rate).toBe(2);
  });

  it('refuses any host but loopback, naming the flag', () => {
    expect(() => parseLoadArgs(['--url', 'http://example.com:3001'])).toThrow(/--url must be a loopback address.*example\.com/);
    expect(() => parseLoadArgs(['--url', 'http://10.0.0.1'])).toThrow(LoadArgsError);
    expect(parseLoadArgs(['--url', 'http://localhost:3901']).url.port).toBe('3901');
    expect(parseLoadArgs(['--url', 'http://[::1]:3901']).url.hostname).toBe('[::1]');
  });

  it('bounds rate, concurrency and duration, and refuses unknown flags', () => {
    expect(() => parseLoadArgs(['--rate', '0'])).toThrow(/--rate must be a number above 0/);
    expect(() => parseLoadArgs(['--rate', '100000'])).toThrow(/at most 500/);
    expect(() => parseLoadArgs(['--concurrency', 'lots'])).toThrow(/--concurrency/);
    expect(() => parseLoadArgs(['--duration', '2h'])).toThrow(/at most 1h/);
    expect(() => parseLoadArgs(['--forever'])).toThrow(/unknown argument "--forever"/);
    expect(() => parseLoadArgs(['--rate'])).toThrow(/--rate needs a value/);
  });
});

describe('parseDuration', () => {
  it('takes ms, s, m, h and bare seconds', () => {
    expect(parseDuration('1500ms')).toBe(1500);
    expect(parseDuration('90')).toBe(90_000);
    expect(parseDuration('2m')).toBe(120_000);
    expect(() => parseDuration('soon')).toThrow(/--duration/);
  });
});

describe('mix', () => {
  it('refuses unknown scenarios and weights that add up to nothing', () => {
    expect(() => parseMix('normal=1,refund=1')).toThrow(/unknown scenario "refund"/);
    expect(() => parseMix('normal=0')).toThrow(/add up to 0/);
    expect(() => parseMix('normal=-1')).toThrow(/≥ 0/);
  });

  it('picks scenarios in proportion to their weights', () => {
    const mix = parseMix('normal=3,cancel=1');
    expect(pickScenario(mix, 0)).toBe('normal');
    expect(pickScenario(mix, 0.74)).toBe('normal');
    expect(pickScenario(mix, 0.75)).toBe('cancel');
    expect(pickScenario(mix, 0.999)).toBe('cancel');
  });
});
