import {
  bool,
  commandLines,
  duration,
  headers,
  httpUrl,
  integer,
  kind,
  list,
  matching,
  oneOf,
  refuse,
  splitLines,
  splitList,
  text,
} from '../io/inputs.js';
import { ConfigurationError } from '../io/errors.js';
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

/** `ports`: the two loopback ports a blue-green app alternates between (`8001,8002`); empty = not given. */
export function slotPorts() {
  return kind((v) => {
    if (v === '') return [] as number[];
    const items = splitList(v);
    const takes = 'takes two different ports from 1 to 65535, like 8001,8002';
    if (items.length !== 2 || items.some((p) => !/^\d{1,5}$/.test(p))) return refuse(takes);
    const ports = items.map(Number);
    if (ports.some((p) => p < 1 || p > 65535) || ports[0] === ports[1]) return refuse(takes);
    return ports;
  });
}

/** An absolute path on the server, or empty. */
export function serverPath() {
  return matching(/^\/[^\0]*$/, 'an absolute path on the server, like /etc/caddy/sites/shop.caddy');
}

/** The blue-green switch inputs, shared by deploy, the root action and rollback (docs/blue-green.md). */
export const switchInputSpec = {
  switch: oneOf(['restart', 'blue-green'], 'restart'),
  ports: slotPorts(),
  // `none` is init's word for no proxy: a vps-deploy.yml shared with init may say it (refused with blue-green).
  proxy: oneOf(['caddy', 'nginx', 'command', 'none'], 'caddy'),
  'proxy-upstream-file': serverPath(),
  'proxy-reload-command': text(),
  'drain-timeout': duration(10, { allowZero: true, max: 3600 }),
  'public-health-url': httpUrl(),
  'proxy-config': text(),
  'proxy-config-path': serverPath(),
  'start-command': text(),
  'stop-command': text(),
};

export type SwitchInputs = InputsOf<typeof switchInputSpec>;

/** What `switch: blue-green` needs, checked on the runner (the proxy-config file is read by the action). */
export interface SwitchSettings {
  /** The two slot ports; [] = the strategy chooses (compose: an ephemeral port read back). */
  ports: number[];
  drainSeconds: number;
  /** Probed through the proxy after the switch; '' = none. */
  publicHealthUrl: string;
  proxy: {
    kind: 'caddy' | 'nginx' | 'command';
    /** Absolute path on the server ('' with proxy: command). */
    upstreamFile: string;
    /** '' = the proxy module's default for the kind. */
    reloadCommand: string;
    /** proxy-config: the file in the checkout, and where it goes on the server. */
    config?: { file: string; path: string };
  };
  startCommand: string;
  stopCommand: string;
}

/** Inputs that mean something only with `switch: blue-green` (proxy and drain-timeout have defaults). */
const BLUE_GREEN_ONLY = [
  'ports',
  'proxy-upstream-file',
  'proxy-reload-command',
  'public-health-url',
  'proxy-config',
  'proxy-config-path',
  'start-command',
  'stop-command',
] as const;

/**
 * The switch settings, or undefined for `switch: restart` (today's deploy). Bad combinations are input errors
 * naming the input. `strategy` is undefined for a rollback, whose strategy is read from the server: the
 * strategy's own options check what it needs (start-command and stop-command for release directories).
 */
export function switchSettings(
  i: SwitchInputs,
  appDir: string,
  strategy?: 'compose' | 'release',
): SwitchSettings | undefined {
  if (i.switch === 'restart') {
    const given = BLUE_GREEN_ONLY.filter((n) => i[n].length > 0);
    if (given.length)
      throw new ConfigurationError(
        `input "${given[0]}" is for switch: blue-green (the deploy now restarts in place): set switch: blue-green, or leave it empty`,
      );
    return undefined;
  }
  const problem = (name: string, why: string) =>
    new ConfigurationError(`input "${name}" ${why} with switch: blue-green`);
  if (strategy === 'release' && !i.ports.length)
    throw problem('ports', 'is required (two loopback ports, like 8001,8002) for strategy: release');
  if (strategy === 'release')
    for (const name of ['start-command', 'stop-command'] as const)
      if (!i[name])
        throw problem(
          name,
          `is required for strategy: release (it reads APP_PORT, like sudo systemctl ${name === 'start-command' ? 'start' : 'stop'} app@\${APP_PORT})`,
        );
  if (strategy === 'compose')
    for (const name of ['start-command', 'stop-command'] as const)
      if (i[name])
        throw problem(name, "is for strategy: release (compose starts and stops the app's services itself)");
  if (i.proxy === 'none')
    throw problem('proxy', 'takes caddy, nginx or command (the proxy that moves traffic between the ports)');
  if (i.proxy === 'command' && !i['proxy-reload-command'])
    throw problem(
      'proxy-reload-command',
      'is required for proxy: command (it does the switch, reading APP_PORT)',
    );
  if (i.proxy === 'command' && i['proxy-upstream-file'])
    throw problem(
      'proxy-upstream-file',
      'is not used by proxy: command (the reload command does the switch)',
    );
  if (!!i['proxy-config'] !== !!i['proxy-config-path'])
    throw problem(
      i['proxy-config'] ? 'proxy-config-path' : 'proxy-config',
      'goes with the other: proxy-config is the file in the repository, proxy-config-path where it is installed on the server',
    );
  if (i['proxy-config'] && i.proxy === 'command')
    throw problem('proxy-config', 'needs proxy: caddy or nginx (the one that validates it)');
  const upstreamFile =
    i.proxy === 'command'
      ? ''
      : i['proxy-upstream-file'] || `${appDir}/proxy/upstream.${i.proxy === 'caddy' ? 'caddy' : 'conf'}`;
  const kind = i.proxy;
  return {
    ports: i.ports,
    drainSeconds: i['drain-timeout'],
    publicHealthUrl: i['public-health-url'],
    proxy: {
      kind,
      upstreamFile,
      reloadCommand: i['proxy-reload-command'],
      ...(i['proxy-config'] ? { config: { file: i['proxy-config'], path: i['proxy-config-path'] } } : {}),
    },
    startCommand: i['start-command'],
    stopCommand: i['stop-command'],
  };
}
