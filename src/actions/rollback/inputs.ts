import { matching, readInputs, text } from '../../io/inputs.js';
import { configInputSpec, environmentInputSpec } from '../../io/configured-io.js';
import type { InputsOf, RawInputs } from '../../io/inputs.js';
import { gateInputSpec, serviceNames, switchInputSpec, tagVariable } from '../../flow/inputs.js';
import { TAG_PATTERN, TAG_TAKES } from '../../flow/tag.js';
import { remoteInputSpec } from '../../ssh/target.js';
import { stackName } from '../../strategies/swarm/inputs.js';

/** actions/rollback inputs (actions/rollback/README.md); the strategy comes from the server's state.json. */
export const rollbackInputSpec = {
  ...remoteInputSpec,
  ...gateInputSpec,
  to: matching(new RegExp(`^(previous|${TAG_PATTERN.source.slice(1, -1)})$`), `previous, or ${TAG_TAKES}`, {
    fallback: 'previous',
  }),
  'restart-command': text(),
  'logs-command': text(),
  'tag-variable': tagVariable(),
  services: serviceNames(),
  stack: stackName(),
  ...switchInputSpec,
  ...configInputSpec,
  ...environmentInputSpec,
};

export type RollbackInputs = InputsOf<typeof rollbackInputSpec>;

export function readRollbackInputs(raw: RawInputs): RollbackInputs {
  return readInputs(rollbackInputSpec, raw);
}
