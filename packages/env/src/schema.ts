import { Type, type Static, type TArray, type TObject, type TOptional, type TProperties, type TSchema, type TString } from '@sinclair/typebox';
import { EnvError } from './parse';

/**
 * One declaration per variable: its type, default, check and documentation. An app's env.ts spreads
 * the shared groups and its own entries into `defineEnv({...})`, reads them with `readEnv`, and
 * `.env.example` and each README's table are generated from the same object (bench/src/scripts/env-docs.ts),
 * so adding a variable is one line here and one regeneration.
 */
export interface VarDoc {
  /** One sentence: what it does, where it matters. Goes to the README table and .env.example. */
  description: string;
  /** The default as documentation, when the code computes it (a path under the data dir, "pretty on a terminal"). */
  defaultText?: string;
  /** A value to show in .env.example when there is no default (a URL shape, a key format). */
  example?: string;
  /** Never printed: .env.example shows an empty value. */
  secret?: boolean;
}

type Kind = 'string' | 'integer' | 'number' | 'flag' | 'list' | 'enum';
const META = 'envVar';
interface Meta extends VarDoc {
  kind: Kind;
  /** For strings: what the pattern means in words ("host:port"). */
  hint?: string;
  check?: (value: never) => string | undefined;
}

function meta(schema: TSchema): Meta {
  return (schema as unknown as Record<string, Meta>)[META]!;
}

function declare<T extends TSchema>(schema: T, m: Meta, hasDefault: boolean): T | TOptional<T> {
  (schema as unknown as Record<string, Meta>)[META] = m;
  return hasDefault ? schema : (Type.Optional(schema) as TOptional<T>);
}

interface Common<T> extends VarDoc {
  /** Returns what the value must be ("a duration such as 90s") when it is not, for checks a type cannot say. */
  check?: (value: T) => string | undefined;
}

type WithDefault<O, T> = O & { default: T };

function string(o: WithDefault<Common<string> & { pattern?: string; hint?: string }, string>): ReturnType<typeof Type.String>;
function string(o: Common<string> & { pattern?: string; hint?: string }): TOptional<ReturnType<typeof Type.String>>;
function string(o: Common<string> & { pattern?: string; hint?: string; default?: string }) {
  const { pattern, hint, check, ...doc } = o;
  const schema = Type.String({ minLength: 1, ...(pattern ? { pattern } : {}), ...(o.default !== undefined ? { default: o.default } : {}) });
  return declare(schema, { kind: 'string', ...doc, ...(hint ? { hint } : {}), ...(check ? { check: check as Meta['check'] } : {}) }, o.default !== undefined);
}

type NumOpts = Common<number> & { minimum: number; maximum: number };
function integer(o: WithDefault<NumOpts, number>): ReturnType<typeof Type.Integer>;
function integer(o: NumOpts): TOptional<ReturnType<typeof Type.Integer>>;
function integer(o: NumOpts & { default?: number }) {
  const { minimum, maximum, check, ...doc } = o;
  const schema = Type.Integer({ minimum, maximum, ...(o.default !== undefined ? { default: o.default } : {}) });
  return declare(schema, { kind: 'integer', ...doc, ...(check ? { check: check as Meta['check'] } : {}) }, o.default !== undefined);
}

function number(o: WithDefault<NumOpts, number>): ReturnType<typeof Type.Number>;
function number(o: NumOpts): TOptional<ReturnType<typeof Type.Number>>;
function number(o: NumOpts & { default?: number }) {
  const { minimum, maximum, check, ...doc } = o;
  const schema = Type.Number({ minimum, maximum, ...(o.default !== undefined ? { default: o.default } : {}) });
  return declare(schema, { kind: 'number', ...doc, ...(check ? { check: check as Meta['check'] } : {}) }, o.default !== undefined);
}

function flag(o: WithDefault<Common<boolean>, boolean>): ReturnType<typeof Type.Boolean>;
function flag(o: Common<boolean>): TOptional<ReturnType<typeof Type.Boolean>>;
function flag(o: Common<boolean> & { default?: boolean }) {
  const { check, ...doc } = o;
  return declare(Type.Boolean(o.default !== undefined ? { default: o.default } : {}), { kind: 'flag', ...doc, ...(check ? { check: check as Meta['check'] } : {}) }, o.default !== undefined);
}

/** Comma-separated, trimmed, empty entries dropped. Unset: the default, else an empty list. */
function list(o: Common<string[]> & { default?: string[] }) {
  const { check, ...doc } = o;
  return declare(Type.Array(Type.String(), { default: o.default ?? [] }), { kind: 'list', ...doc, ...(check ? { check: check as Meta['check'] } : {}) }, true) as TArray<TString>;
}

type Choice<V extends readonly string[]> = ReturnType<typeof Type.Union<ReturnType<typeof Type.Literal<V[number]>>[]>>;
function oneOf<const V extends readonly string[]>(values: V, o: WithDefault<Common<V[number]>, V[number]>): Choice<V>;
function oneOf<const V extends readonly string[]>(values: V, o: Common<V[number]>): TOptional<Choice<V>>;
function oneOf<const V extends readonly string[]>(values: V, o: Common<V[number]> & { default?: V[number] }) {
  const { check, ...doc } = o;
  const schema = Type.Union(values.map((v) => Type.Literal(v)), o.default !== undefined ? { default: o.default } : {});
  return declare(schema, { kind: 'enum', ...doc, ...(check ? { check: check as Meta['check'] } : {}) }, o.default !== undefined);
}

/** The variable kinds: `v.integer({ description, default, minimum, maximum })` and so on. */
export const v = { string, integer, number, flag, list, oneOf };

/** An app's variables; spread shared groups (`...TEMPORAL_CONNECTION_VARS`) into it. */
export function defineEnv<P extends TProperties>(properties: P): TObject<P> {
  return Type.Object(properties);
}

const TRUE = ['true', '1', 'yes', 'on'];
const FALSE = ['false', '0', 'no', 'off'];

function expectation(schema: TSchema, m: Meta): string {
  const s = schema as unknown as { minimum?: number; maximum?: number; anyOf?: { const: string }[]; pattern?: string };
  switch (m.kind) {
    case 'integer':
      return `a whole number from ${s.minimum} to ${s.maximum}`;
    case 'number':
      return `a number in [${s.minimum}, ${s.maximum}]`;
    case 'flag':
      return 'true or false';
    case 'enum':
      return `one of ${(s.anyOf ?? []).map((l) => l.const).join(', ')}`;
    default:
      return m.hint ?? (s.pattern ? `to match ${s.pattern}` : 'text');
  }
}

function parseOne(key: string, raw: string, schema: TSchema): { value?: unknown; problem?: string } {
  const m = meta(schema);
  const s = schema as unknown as { minimum: number; maximum: number; anyOf?: { const: string }[]; pattern?: string };
  // A secret's value never reaches an error message (logs, CI output).
  const bad = (what = expectation(schema, m)) => ({ problem: `${key} must be ${what}${m.secret ? '' : `, got "${raw}"`}` });
  const text = raw.trim();
  let value: unknown;
  switch (m.kind) {
    case 'integer':
    case 'number': {
      const n = Number(text);
      if (!Number.isFinite(n) || (m.kind === 'integer' && !Number.isInteger(n)) || n < s.minimum || n > s.maximum) return bad();
      value = n;
      break;
    }
    case 'flag':
      if (TRUE.includes(text.toLowerCase())) value = true;
      else if (FALSE.includes(text.toLowerCase())) value = false;
      else return bad();
      break;
    case 'list':
      value = text.split(',').map((x) => x.trim()).filter(Boolean);
      break;
    case 'enum':
      if (!(s.anyOf ?? []).some((l) => l.const === text)) return bad();
      value = text;
      break;
    default:
      if (s.pattern && !new RegExp(s.pattern).test(text)) return bad();
      value = text;
  }
  const custom = m.check?.(value as never);
  return custom ? bad(custom) : { value };
}

/**
 * Reads every declared variable from `env`: blank counts as unset (so `PORT= pnpm start` means the
 * default), values are converted and checked. Throws one EnvError naming every bad variable, one a line.
 */
export function readEnv<P extends TProperties>(schema: TObject<P>, env: NodeJS.ProcessEnv): Static<TObject<P>> {
  const out: Record<string, unknown> = {};
  const problems: string[] = [];
  for (const [key, prop] of Object.entries(schema.properties)) {
    const raw = env[key];
    if (raw === undefined || raw.trim() === '') {
      const fallback = (prop as { default?: unknown }).default;
      if (fallback !== undefined) out[key] = Array.isArray(fallback) ? [...fallback] : fallback;
      continue;
    }
    const { value, problem } = parseOne(key, raw, prop);
    if (problem) problems.push(problem);
    else out[key] = value;
  }
  if (problems.length > 0) throw new EnvError(problems.join('\n'));
  return out as Static<TObject<P>>;
}

/** What the docs say about one variable. */
export interface VarInfo extends VarDoc {
  name: string;
  kind: Kind;
  /** The default as written in docs; undefined when there is none. */
  defaultText?: string;
  /** What a value must be ("a whole number from 1 to 65535"). */
  accepts: string;
}

export function describeEnv(schema: TObject): VarInfo[] {
  return Object.entries(schema.properties).map(([name, prop]) => {
    const m = meta(prop);
    const fallback = (prop as { default?: unknown }).default;
    const shown = m.defaultText ?? (Array.isArray(fallback) ? (fallback.length ? fallback.join(',') : undefined) : fallback === undefined ? undefined : String(fallback));
    const { check: _check, hint: _hint, kind, ...doc } = m;
    return { ...doc, name, kind, ...(shown !== undefined ? { defaultText: shown } : {}), accepts: kind === 'list' ? 'a comma-separated list' : expectation(prop, m) };
  });
}

const cell = (text: string) => text.replace(/\|/g, '\\|').replace(/\n/g, ' ');

/** The README table: variable, default, what it accepts, what it does. */
export function envTable(schema: TObject): string {
  const rows = describeEnv(schema).map((d) => `| \`${d.name}\` | ${d.defaultText === undefined ? '(unset)' : `\`${cell(d.defaultText)}\``} | ${cell(d.accepts)} | ${cell(d.description)} |`);
  return ['| Variable | Default | Accepts | What it does |', '| --- | --- | --- | --- |', ...rows].join('\n');
}
