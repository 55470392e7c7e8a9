import { list, matching, readInputs, text } from '../common/inputs.js';
import type { InputsOf, RawInputs } from '../common/inputs.js';
import { gateInputSpec, TAG_PATTERN, TAG_TAKES } from '../deploy/inputs.js';
import { remoteInputSpec } from '../ssh/target.js';

/** actions/rollback inputs (SPEC.md, "actions/rollback"); the strategy comes from the server's state.json. */
export const rollbackInputSpec = {
  ...remoteInputSpec,
  ...gateInputSpec,
  to: matching(new RegExp(`^(previous|${TAG_PATTERN.source.slice(1, -1)})$`), `previous, or ${TAG_TAKES}`, {
    fallback: 'previous',
  }),
  'restart-command': text(),
  'tag-variable': matching(/^[A-Za-z_][A-Za-z0-9_]*$/, 'a variable name like IMAGE_TAG', {
    fallback: 'IMAGE_TAG',
  }),
  services: list({ test: (s) => /^[A-Za-z0-9][A-Za-z0-9._-]*$/.test(s), takes: 'a compose service name' }),
};

export type RollbackInputs = InputsOf<typeof rollbackInputSpec>;

export function readRollbackInputs(raw: RawInputs): RollbackInputs {
  return readInputs(rollbackInputSpec, raw);
}
