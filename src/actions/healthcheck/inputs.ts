import { bool, duration, headers, httpUrl, integer, readInputs } from '../../io/inputs.js';
import type { InputsOf, RawInputs } from '../../io/inputs.js';
import { sshInputSpec } from '../../ssh/target.js';

/** actions/healthcheck inputs (actions/healthcheck/README.md): the gate, and optionally the SSH host to probe through. */
export const healthcheckInputSpec = {
  url: httpUrl({ required: true }),
  timeout: duration(60, { max: 3600 }),
  interval: duration(1, { max: 600 }),
  successes: integer(2, 1, 100),
  'allow-degraded': bool(true),
  'request-timeout': duration(5, { max: 600 }),
  headers: headers(),
  'follow-redirects': integer(0, 0, 10),
  ...sshInputSpec,
};

export type HealthcheckInputs = InputsOf<typeof healthcheckInputSpec>;

export function readHealthcheckInputs(raw: RawInputs): HealthcheckInputs {
  return readInputs(healthcheckInputSpec, raw);
}
