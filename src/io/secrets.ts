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

/** Masks every secret input's value (and each of its lines) in the log. */
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
