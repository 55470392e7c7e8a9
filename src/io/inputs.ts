import * as z from 'zod/mini';
import { ConfigurationError } from './errors.js';
import { HEADER_INPUT_NAMES, SECRET_INPUT_NAMES } from './secrets.js';

/**
 * One reader for every action's inputs. A spec maps each public input name to a zod schema that parses the
 * raw string (empty string = not given). All bad inputs are reported together, one line each, naming the
 * input, what it got and what it takes, before anything connects anywhere.
 *
 * The field kinds below are built with `zod/mini`, zod's tree-shakable form: the classic `zod` import costs a
 * runner-side healthcheck most of its start-up budget (`npm run bench`). Any zod schema (mini or classic) with
 * `safeParse` can be a field, as backup's `postgres` input is.
 */
export interface Field<T> {
  safeParse(raw: string): FieldResult<T>;
}
export type FieldResult<T> =
  { success: true; data: T } | { success: false; error: { issues: readonly { message: string }[] } };

export type InputSpec = Record<string, Field<unknown>>;
export type InputsOf<S extends InputSpec> = { [K in keyof S]: S[K] extends Field<infer T> ? T : never };

/** Where raw values come from: the workflow (`INPUT_*`) or the CLI's flags. */
export type RawInputs = (name: string) => string;

const SECRET_INPUTS = new Set([...SECRET_INPUT_NAMES, ...HEADER_INPUT_NAMES]);

export interface ReadOptions {
  /** How to show a bad value of an input that may hold a secret in part (a URL's password): redacted. */
  shown?: Record<string, (value: string) => string>;
}

export function readInputs<S extends InputSpec>(
  spec: S,
  raw: RawInputs,
  opts: ReadOptions = {},
): InputsOf<S> {
  const problems: string[] = [];
  const out: Record<string, unknown> = {};
  for (const [name, schema] of Object.entries(spec)) {
    const value = raw(name).trim();
    const parsed = schema.safeParse(value);
    if (parsed.success) {
      out[name] = parsed.data;
    } else {
      const takes = parsed.error.issues.map((i) => i.message).join('; ');
      const shown = opts.shown?.[name];
      const got = SECRET_INPUTS.has(name)
        ? '(a secret, not shown)'
        : JSON.stringify(truncate(shown ? shown(value) : value, 80));
      problems.push(`input "${name}" got ${got}: ${takes}`);
    }
  }
  if (problems.length) throw new ConfigurationError(`Invalid input\n  ${problems.join('\n  ')}`);
  return out as InputsOf<S>;
}

function truncate(s: string, n: number): string {
  return s.length > n ? `${s.slice(0, n)}…` : s;
}

/** Why a field refused its value: thrown by a kind's parser, turned into that input's line of the error. */
class Refusal {
  constructor(readonly message: string) {}
}

/** Refuses the value being parsed; `message` says what the input takes. */
export function refuse(message: string): never {
  throw new Refusal(message);
}

/** A field kind: a zod schema of the trimmed raw string, whose parser may `refuse`. */
export type Kind<T> = z.ZodMiniType<T, string>;

/** Makes a field kind from a parser of the trimmed raw value: a `refuse` becomes the input's zod issue. */
export function kind<T>(parse: (value: string) => T): Kind<T> {
  return z.pipe(
    z.string(),
    z.transform((value: string, ctx) => {
      try {
        return parse(value);
      } catch (e) {
        if (!(e instanceof Refusal)) throw e;
        ctx.issues.push({ code: 'custom', message: e.message, input: value });
        return z.NEVER;
      }
    }),
  ) as unknown as Kind<T>;
}

/** Narrows a kind: values failing `test` are refused with `message`. */
export function refined<T>(base: Kind<T>, test: (value: T) => boolean, message: string): Kind<T> {
  return base.check(z.refine(test, { message }));
}

// ---- field kinds ------------------------------------------------------------------------------------------

/** A string input; `required` makes the empty string an error. */
export function text(opts: { required?: boolean; fallback?: string } = {}) {
  return kind((v) => {
    if (!v && opts.required) {
      return refuse('is required');
    }
    return v || opts.fallback || '';
  });
}

/** A string that must match a pattern when given. */
export function matching(
  pattern: RegExp,
  takes: string,
  opts: { required?: boolean; fallback?: string } = {},
) {
  return refined(text(opts), (v) => v === '' || pattern.test(v), `takes ${takes}`);
}

const TRUE = new Set(['true', 'True', 'TRUE', 'yes', 'Yes', 'YES', 'on', 'On', 'ON', '1']);
const FALSE = new Set(['false', 'False', 'FALSE', 'no', 'No', 'NO', 'off', 'Off', 'OFF', '0']);

/** YAML 1.1 booleans as GitHub passes them: true/false, yes/no, on/off (any case form), 1/0. */
export function bool(fallback: boolean) {
  return kind((v) => {
    if (v === '') return fallback;
    if (TRUE.has(v)) return true;
    if (FALSE.has(v)) return false;
    return refuse('takes true or false (yes/no, on/off also accepted)');
  });
}

const UNITS: Record<string, number> = { ms: 0.001, s: 1, m: 60, h: 3600 };

/** Parses `30`, `30s`, `1.5s`, `500ms`, `2m`, `1h` into seconds. Returns undefined when not a duration. */
export function parseDuration(v: string): number | undefined {
  const m = /^(\d+(?:\.\d+)?)\s*(ms|s|m|h)?$/.exec(v.trim());
  if (!m) return undefined;
  return Number(m[1]) * UNITS[m[2] ?? 's']!;
}

/** A duration in seconds, strictly positive unless `allowZero`. */
export function duration(fallbackSeconds: number, opts: { allowZero?: boolean; max?: number } = {}) {
  return kind((v) => {
    if (v === '') return fallbackSeconds;
    const s = parseDuration(v);
    const lowest = opts.allowZero ? 0 : Number.MIN_VALUE;
    if (s === undefined || s < lowest || (opts.max !== undefined && s > opts.max)) {
      const range = opts.allowZero ? '>= 0' : '> 0';
      const max = opts.max !== undefined ? ` and <= ${opts.max}s` : '';
      return refuse(`takes a duration ${range}${max}, like 30, 30s, 500ms or 2m`);
    }
    return s;
  });
}

/** A whole number in [min, max]. */
export function integer(fallback: number, min: number, max: number) {
  return kind((v) => {
    if (v === '') return fallback;
    if (!/^\d+$/.test(v) || Number(v) < min || Number(v) > max) {
      return refuse(`takes a whole number from ${min} to ${max}`);
    }
    return Number(v);
  });
}

/** Splits a list given one per line or comma-separated; blank entries and `#` comment lines are dropped. */
export function splitList(v: string): string[] {
  return v
    .split(/[\n,]/)
    .map((s) => s.trim())
    .filter((s) => s !== '' && !s.startsWith('#'));
}

/** A newline-only list (for values that may themselves contain commas, like URLs and commands). */
export function splitLines(v: string): string[] {
  return v
    .split('\n')
    .map((s) => s.trim())
    .filter((s) => s !== '' && !s.startsWith('#'));
}

/**
 * Command lines, one a line (restart-command, health-command, …): blank and `#` lines dropped, and a line ending
 * in `\` continued on the next, as a shell reads it. Each line is run on its own, in order.
 */
export function splitCommandLines(v: string): string[] {
  const out: string[] = [];
  let pending = '';
  for (const line of v.split(/\r?\n/)) {
    const t = line.trim();
    if (!pending && (t === '' || t.startsWith('#'))) continue;
    if (t.endsWith('\\')) {
      pending += `${t.slice(0, -1)} `;
      continue;
    }
    out.push((pending + t).trim());
    pending = '';
  }
  if (pending.trim()) out.push(pending.trim());
  return out.filter((l) => l !== '');
}

/** Command lines (see splitCommandLines). */
export function commandLines() {
  return kind((v) => splitCommandLines(v));
}

/** A list whose every item must satisfy `item`; `fallback` when empty (action.yml's default, as the code applies it). */
export function list(
  item: { test: (s: string) => boolean; takes: string },
  opts: { lines?: boolean; fallback?: string[] } = {},
) {
  return kind((v) => {
    if (v === '' && opts.fallback) return [...opts.fallback];
    const items = opts.lines ? splitLines(v) : splitList(v);
    const bad = items.filter((i) => !item.test(i));
    if (bad.length) {
      return refuse(`${JSON.stringify(bad[0])} is not ${item.takes}`);
    }
    return items;
  });
}

/** One of a fixed set of words. */
export function oneOf<const T extends string>(words: readonly T[], fallback: T) {
  return kind((v) => {
    if (v === '') return fallback;
    if (!(words as readonly string[]).includes(v)) {
      return refuse(`takes one of ${words.join(', ')}`);
    }
    return v as T;
  });
}

/** An http(s) URL. */
export function httpUrl(opts: { required?: boolean; fallback?: string } = {}) {
  return refined(
    text(opts),
    (v) => v === '' || isHttpUrl(v),
    'takes an http:// or https:// URL, like http://127.0.0.1:8000/health',
  );
}

export function isHttpUrl(v: string): boolean {
  try {
    const u = new URL(v);
    return (u.protocol === 'http:' || u.protocol === 'https:') && u.hostname !== '';
  } catch {
    return false;
  }
}

/** `Name: value` header lines. A bad line is named by its number only: header values may be secrets. */
export function headers() {
  return kind((v) => {
    const out: Record<string, string> = {};
    for (const [i, line] of splitLines(v).entries()) {
      const m = /^([A-Za-z0-9!#$%&'*+.^_`|~-]+)\s*:\s*(.*)$/.exec(line);
      if (!m) return refuse(`takes "Name: value" lines; line ${i + 1} is not one`);
      out[m[1]!] = m[2]!;
    }
    return out;
  });
}
