import { bool, duration, httpUrl, integer, list, matching, oneOf } from '../io/inputs.js';
import type { InputsOf } from '../io/inputs.js';
import type { HealthPlan } from './gate-release.js';

/** The health gate inputs, shared by deploy, the root action and rollback. */
export const gateInputSpec = {
  'health-url': httpUrl({ fallback: 'http://127.0.0.1:8000/health' }),
  'health-from': oneOf(['server', 'runner'], 'server'),
  'health-timeout': duration(60, { max: 3600 }),
  'health-interval': duration(1, { max: 600 }),
  'health-successes': integer(2, 1, 100),
  'health-request-timeout': duration(5, { max: 600 }),
  'allow-degraded': bool(true),
  'lock-timeout': duration(300, { allowZero: true, max: 86_400 }),
};

/** `services`: compose service names, shared by deploy and rollback. */
export const serviceNames = () =>
  list({ test: (s) => /^[A-Za-z0-9][A-Za-z0-9._-]*$/.test(s), takes: 'a compose service name' });

/** `tag-variable`: the variable the compose file interpolates for the image tag. */
export const tagVariable = () =>
  matching(/^[A-Za-z_][A-Za-z0-9_]*$/, 'a variable name like IMAGE_TAG', { fallback: 'IMAGE_TAG' });

export function healthPlan(i: InputsOf<typeof gateInputSpec>): HealthPlan {
  return {
    url: i['health-url'],
    from: i['health-from'],
    gate: {
      timeoutSeconds: i['health-timeout'],
      intervalSeconds: i['health-interval'],
      successes: i['health-successes'],
      allowDegraded: i['allow-degraded'],
      requestTimeoutSeconds: i['health-request-timeout'],
    },
  };
}
