import type { ActionIO } from './action-io.js';

/** Inputs that are secrets: masked before anything else happens, and never echoed in errors. */
export const SECRET_INPUT_NAMES = [
  'key',
  'passphrase',
  'password',
  'jump-key',
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
}
