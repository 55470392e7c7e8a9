import {
  bool,
  commandLines,
  duration,
  headers,
  integer,
  kind,
  list,
  matching,
  oneOf,
  refuse,
  splitLines,
} from '../io/inputs.js';
import { HEALTH_URL_TAKES, isHealthUrl } from '../health/endpoint.js';
import type { InputsOf } from '../io/inputs.js';
import type { HealthPlan } from './gate-release.js';

/** What the gate probes when neither health-url nor health-command is given. */
export const DEFAULT_HEALTH_URL = 'http://127.0.0.1:8000/health';

/** health-url lines: http, https or http+unix URLs (commas may be in a URL, so one a line only). */
export function healthUrls() {
  return kind((v) => {
    const urls = splitLines(v);
    const bad = urls.findIndex((u) => !isHealthUrl(u));
    if (bad < 0) return urls;
    return refuse(
      `takes ${HEALTH_URL_TAKES}${urls.length > 1 ? `, one a line; line ${bad + 1} is not one` : ''}`,
    );
  });
}

/** The health gate inputs, shared by deploy, the root action and rollback. */
export const gateInputSpec = {
  'health-url': healthUrls(),
  'health-command': commandLines(),
  'health-headers': headers(),
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
  const urls = i['health-url'];
  const commands = i['health-command'];
  return {
    urls: urls.length || commands.length ? urls : [DEFAULT_HEALTH_URL],
    commands,
    headers: i['health-headers'],
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
