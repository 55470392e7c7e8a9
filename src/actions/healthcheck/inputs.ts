import { bool, commandLines, duration, headers, integer, readInputs } from '../../io/inputs.js';
import { configInputSpec, environmentInputSpec } from '../../io/configured-io.js';
import type { InputsOf, RawInputs } from '../../io/inputs.js';
import { ConfigurationError } from '../../io/errors.js';
import { healthUrls } from '../../flow/inputs.js';
import { sshInputSpec } from '../../ssh/target.js';

/** actions/healthcheck inputs (actions/healthcheck/README.md): the gate, and optionally the SSH host to probe through. */
export const healthcheckInputSpec = {
  url: healthUrls(),
  command: commandLines(),
  timeout: duration(60, { max: 3600 }),
  interval: duration(1, { max: 600 }),
  successes: integer(2, 1, 100),
  'allow-degraded': bool(true),
  'request-timeout': duration(5, { max: 600 }),
  headers: headers(),
  'follow-redirects': integer(0, 0, 10),
  ...sshInputSpec,
  ...configInputSpec,
  ...environmentInputSpec,
};

export type HealthcheckInputs = InputsOf<typeof healthcheckInputSpec>;

export function readHealthcheckInputs(raw: RawInputs): HealthcheckInputs {
  const inputs = readInputs(healthcheckInputSpec, raw);
  if (!inputs.url.length && !inputs.command.length) {
    throw new ConfigurationError(
      'Invalid input\n  input "url" got "": is required (one health URL a line), unless "command" is given',
    );
  }
  if (inputs.command.length && !inputs.host.length) {
    throw new ConfigurationError(
      'input "command" runs on the server: give "host" (and the SSH inputs) with it',
    );
  }
  if (inputs.host.length > 1) {
    throw new ConfigurationError(
      'input "host" takes one host for actions/healthcheck (run one step per host)',
    );
  }
  return inputs;
}
