import type { ActionIO } from './action-io.js';

/** Inputs that are secrets: masked before anything else happens, and never echoed in errors. */
export const SECRET_INPUT_NAMES = [
  'key',
  'passphrase',
  'password',
  'jump-key',
  'jump-passphrase',
  'env-file',
  'registry-password',
  'github-token',
];

/**
 * Masks every secret input's value in the log: the whole value, each of its lines, and each `KEY=value` line's
 * value (an `env-file`'s DATABASE_URL shown alone by a migrate log, an error tail or a summary is still a secret).
 */
export function maskSecretInputs(io: ActionIO): void {
  for (const name of SECRET_INPUT_NAMES) {
    const v = io.input(name);
    if (v) io.setSecret(v);
  }
  for (const name of HEADER_INPUT_NAMES) {
    for (const value of headerValues(io.input(name))) io.setSecret(value);
  }
}

/** Inputs of `Name: value` lines sent with health probes: any value may be a token (Cloudflare Access), so each is masked. */
export const HEADER_INPUT_NAMES = ['health-headers', 'headers'];

/** The values of `Name: value` lines. */
export function headerValues(text: string): string[] {
  return text
    .split(/\r?\n/)
    .map((l) => /^[^:]*:(.*)$/.exec(l)?.[1]?.trim() ?? '')
    .filter(Boolean);
}

/** Below this length a text is not masked: the runner would replace every such text in the log (a `}`, `1`). */
export const MIN_MASK_LENGTH = 4;

/** What replaces a line that holds a secret too short to mask. */
export const WITHHELD_LINE =
  '[vps-deploy: a line was withheld here: it contains a secret shorter than 4 characters]';

/**
 * The texts of one secret that must not be shown: `masks` (replaced by *** wherever they appear) and, when the
 * secret itself is shorter than MIN_MASK_LENGTH (an SSH password `abc`), `short`: masking it would hide every
 * such text in the log, so a line that contains it is withheld whole instead.
 */
export function secretParts(secret: string): { masks: string[]; short?: string } {
  const lines = secret.split(/\r?\n/);
  const candidates = [secret, ...lines, ...lines.map((l) => l.trim()), ...lines.flatMap(assignedValue)];
  const masks = [...new Set(candidates)].filter((p) => p.trim().length >= MIN_MASK_LENGTH);
  const whole = secret.trim();
  return whole && whole.length < MIN_MASK_LENGTH ? { masks, short: whole } : { masks };
}

/**
 * The value of a `KEY=value` line as written and as a program reads it (`KEY="v"` and `KEY='v'` give `v`, as
 * Compose and dotenv do). A value shorter than MIN_MASK_LENGTH is not masked: an env-file's `DEBUG=1` is not a
 * secret, and withholding every line with a `1` in it would leave no log.
 */
function assignedValue(line: string): string[] {
  const m = /^\s*(?:export\s+)?[A-Za-z_][A-Za-z0-9_.-]*\s*=\s*(.*?)\s*$/.exec(line);
  if (!m?.[1]) return [];
  const value = m[1];
  const quoted = /^(["'])(.*)\1$/.exec(value);
  return quoted?.[2] ? [value, quoted[2]] : [value];
}

/**
 * The secrets a log, a summary or a ledger line must not show, and how to hide them: masks longest first (a mask
 * inside a longer one must not cut it in two), lines with a short secret withheld.
 */
export class SecretFilter {
  private masks: string[] = [];
  private readonly short = new Set<string>();

  constructor(secrets: Iterable<string> = []) {
    for (const s of secrets) this.add(s);
  }

  /** Adds a secret; returns its masks (for the runner's own masking). */
  add(secret: string): string[] {
    const { masks, short } = secretParts(secret);
    if (short) this.short.add(short);
    this.masks = [...new Set([...this.masks, ...masks])].sort((a, b) => b.length - a.length);
    return masks;
  }

  /** Every line that contains a short secret replaced by WITHHELD_LINE; nothing else changed. */
  withholdShort(text: string): string {
    if (!this.short.size) return text;
    return text
      .split('\n')
      .map((line) => ([...this.short].some((s) => line.includes(s)) ? WITHHELD_LINE : line))
      .join('\n');
  }

  /** Masks every secret with *** and withholds the lines with a short one. */
  redact(text: string): string {
    let out = text;
    for (const m of this.masks) out = out.split(m).join('***');
    return this.withholdShort(out);
  }
}

/** `text` without any of `secrets` (see SecretFilter): for the summary, the ledger and error texts. */
export function redactSecrets(text: string, secrets: Iterable<string>): string {
  return new SecretFilter(secrets).redact(text);
}
