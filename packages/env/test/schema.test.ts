import { describe, expect, expectTypeOf, it } from 'vitest';
import { defineEnv, describeEnv, envTable, EnvError, readEnv, v } from '../src';

const schema = defineEnv({
  PORT: v.integer({ default: 3001, minimum: 0, maximum: 65535, description: 'Port.' }),
  RATE: v.number({ default: 0.5, minimum: 0, maximum: 1, description: 'Share.' }),
  ADDRESS: v.string({ default: '127.0.0.1:7233', pattern: '^[^\\s:]+:\\d+$', hint: 'host:port', description: 'Where.' }),
  MODE: v.oneOf(['a', 'b'], { default: 'a', description: 'Mode.' }),
  DEBUG: v.flag({ description: 'Debug.' }),
  ROOTS: v.list({ default: ['/x'], description: 'Roots.' }),
  KEY: v.string({ secret: true, description: 'A | key.' }),
  DELAY: v.string({ default: '7 days', description: 'Delay.', check: (s) => (/^\d+ days$/.test(s) ? undefined : 'a number of days') }),
});

describe('readEnv', () => {
  it('fills defaults for unset and blank variables, and types the result', () => {
    const env = readEnv(schema, { PORT: '', MODE: '  ' });
    expect(env).toEqual({ PORT: 3001, RATE: 0.5, ADDRESS: '127.0.0.1:7233', MODE: 'a', ROOTS: ['/x'], DELAY: '7 days' });
    expectTypeOf(env.PORT).toEqualTypeOf<number>();
    expectTypeOf(env.MODE).toEqualTypeOf<'a' | 'b'>();
    expectTypeOf(env.DEBUG).toEqualTypeOf<boolean | undefined>();
    expectTypeOf(env.KEY).toEqualTypeOf<string | undefined>();
  });

  it('converts what is set', () => {
    expect(readEnv(schema, { PORT: '80', RATE: '0.25', MODE: 'b', DEBUG: 'YES', ROOTS: ' /a, ,/b ', KEY: 'k', DELAY: '2 days' })).toMatchObject({
      PORT: 80,
      RATE: 0.25,
      MODE: 'b',
      DEBUG: true,
      ROOTS: ['/a', '/b'],
      KEY: 'k',
      DELAY: '2 days',
    });
  });

  it('names the variable, what it must be and the value', () => {
    expect(() => readEnv(schema, { PORT: '3001.5' })).toThrow(new EnvError('PORT must be a whole number from 0 to 65535, got "3001.5"'));
    expect(() => readEnv(schema, { RATE: '2' })).toThrow(new EnvError('RATE must be a number in [0, 1], got "2"'));
    expect(() => readEnv(schema, { ADDRESS: 'localhost' })).toThrow(new EnvError('ADDRESS must be host:port, got "localhost"'));
    expect(() => readEnv(schema, { MODE: 'c' })).toThrow(new EnvError('MODE must be one of a, b, got "c"'));
    expect(() => readEnv(schema, { DEBUG: 'maybe' })).toThrow(new EnvError('DEBUG must be true or false, got "maybe"'));
    expect(() => readEnv(schema, { DELAY: 'tomorrow' })).toThrow(new EnvError('DELAY must be a number of days, got "tomorrow"'));
  });

  it('reports every bad variable at once', () => {
    expect(() => readEnv(schema, { PORT: 'x', MODE: 'c' })).toThrow(new EnvError('PORT must be a whole number from 0 to 65535, got "x"\nMODE must be one of a, b, got "c"'));
  });
});

describe('the docs from a schema', () => {
  it('describe each variable with its default and what it accepts', () => {
    const docs = describeEnv(schema);
    expect(docs.map((d) => d.name)).toEqual(['PORT', 'RATE', 'ADDRESS', 'MODE', 'DEBUG', 'ROOTS', 'KEY', 'DELAY']);
    expect(docs[0]).toMatchObject({ defaultText: '3001', accepts: 'a whole number from 0 to 65535', description: 'Port.' });
    expect(docs[6]).toMatchObject({ secret: true, accepts: 'text' });
    expect(docs[6]!.defaultText).toBeUndefined();
  });

  it('make a markdown table that escapes pipes', () => {
    const table = envTable(schema).split('\n');
    expect(table[0]).toBe('| Variable | Default | Accepts | What it does |');
    expect(table).toContain('| `MODE` | `a` | one of a, b | Mode. |');
    expect(table).toContain('| `ROOTS` | `/x` | a comma-separated list | Roots. |');
    expect(table.find((l) => l.startsWith('| `KEY`'))).toBe('| `KEY` | (unset) | text | A \\| key. |');
  });
});
