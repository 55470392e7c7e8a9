import { posix } from 'node:path';
import { parse } from 'yaml';
import { ConfigurationError } from '../../io/errors.js';
import { sh, raw } from '../../ssh/quote.js';
import type { ComposeCli } from '../../ssh/compose-cli.js';
import { envModeCommand } from '../env-release.js';
import { appContainers, INSPECT_FORMAT, inspectAppContainersCommand } from './commands.js';
import type { ContainerFacts } from './commands.js';

/**
 * The remote command text and pure decisions of compose's blue-green switch (blue-green.ts runs them).
 * One instance = the containers one `up --scale` added for the app's services; the web service's container
 * publishes 127.0.0.1:<port>. Which containers belong to the instance on a port is recorded in
 * <app-dir>/.vps-deploy/compose-instances/<port> (ids, one a line), so a later run (the next deploy, a rollback)
 * stops the old worker with the old web container.
 */

/** The variable the compose file publishes the web service on: `127.0.0.1:${APP_PORT}:8000`. */
export const PORT_VARIABLE = 'APP_PORT';
export const INSTANCES_DIR = '.vps-deploy/compose-instances';
/** The live .env as it was before startBeside rewrote it: put back when the new instance is not promoted. */
export const SAVED_ENV = '.vps-deploy/env/.serving.env';

/** `cd <app-dir> && env K=V … <compose> <args>`: the variables hold for that one command. */
export function composeWith(
  cli: ComposeCli,
  appDir: string,
  args: string[],
  vars: [string, string][],
): string {
  const env = vars.length ? sh`env ${vars.map(([k, v]) => `${k}=${v}`)} ` : '';
  return sh`cd ${appDir} && ${raw(env)}${[...cli, ...args]}`;
}

/** The tag and port variables `up` and `config` interpolate (port 0: empty, an ephemeral host port). */
export function instanceVars(tagVariable: string, tag: string, port: number): [string, string][] {
  return [
    [tagVariable, tag],
    [PORT_VARIABLE, port ? String(port) : ''],
  ];
}

/**
 * One more container of each app service beside the running ones; `--no-recreate` leaves the serving
 * containers as they are (their config differs: another tag and port), `--no-deps` leaves the database alone.
 * A first start (no container of the app yet) lets Compose start the dependencies, still never recreating one.
 */
export function scaleUpArgs(scales: { service: string; count: number }[], firstStart: boolean): string[] {
  return [
    'up',
    '-d',
    '--no-recreate',
    ...(firstStart ? [] : ['--no-deps']),
    ...scales.flatMap((s) => ['--scale', `${s.service}=${s.count}`]),
    ...scales.map((s) => s.service),
  ];
}

/** Container facts plus the host ports it publishes (configured bindings and, while it runs, the actual ones). */
export interface InstanceContainer extends ContainerFacts {
  hostPorts: number[];
  /** The actual host port of each published container port (`8000/tcp` -> 49153), while it runs. */
  actual: Map<string, number>;
}
export interface InstancesView {
  containers: InstanceContainer[];
  /** Recorded instances: port -> container ids. */
  recorded: Map<number, string[]>;
}

const PORTS_FORMAT = `${INSPECT_FORMAT}\t{{json .HostConfig.PortBindings}}\t{{json .NetworkSettings.Ports}}`;

/** Prints the app dir's physical path, `<port>:<id>` per recorded id, then one PORTS_FORMAT line per container. */
export function instancesCommand(appDir: string): string {
  return (
    sh`cd ${appDir} && pwd -P && { cd ${INSTANCES_DIR} 2>/dev/null && grep -H '' -- * 2>/dev/null; cd ${appDir}; } ; ` +
    inspectAppContainersCommand(appDir, PORTS_FORMAT)
  );
}

type Bindings = Record<string, { HostIp?: string; HostPort?: string }[] | null> | null;

function bindings(json: string | undefined): Bindings {
  try {
    return JSON.parse(json ?? 'null') as Bindings;
  } catch {
    return null;
  }
}

/** instancesCommand's output -> the app services' containers with their ports, and the recorded instances. */
export function readInstances(output: string, appDir: string, services: string[]): InstancesView {
  const [physical = '', ...rest] = output.trim().split('\n');
  const recorded = new Map<number, string[]>();
  const lines: string[] = [];
  for (const line of rest) {
    const rec = /^(\d+):([0-9a-f]{12,64})$/.exec(line.trim());
    if (rec) recorded.set(Number(rec[1]), [...(recorded.get(Number(rec[1])) ?? []), rec[2]!]);
    else lines.push(line);
  }
  const ports = new Map<string, { configured: Bindings; actual: Bindings }>();
  for (const line of lines) {
    const f = line.split('\t');
    ports.set(f[0]!, { configured: bindings(f[9]), actual: bindings(f[10]) });
  }
  const containers = appContainers([physical, ...lines].join('\n'), appDir, services).map((c) => {
    const p = ports.get(c.id);
    const actual = new Map<string, number>();
    const hostPorts = new Set<number>();
    for (const [which, b] of [
      ['configured', p?.configured],
      ['actual', p?.actual],
    ] as const) {
      for (const [containerPort, list] of Object.entries(b ?? {})) {
        for (const x of list ?? []) {
          const n = Number(x.HostPort);
          if (!x.HostPort || !Number.isInteger(n) || n <= 0) continue;
          hostPorts.add(n);
          if (which === 'actual' && !actual.has(containerPort)) actual.set(containerPort, n);
        }
      }
    }
    return { ...c, hostPorts: [...hostPorts], actual };
  });
  return { containers, recorded };
}

/** The containers of the instance on `port`: recorded for it, or publishing it (a container started before any record). */
export function instanceAt(view: InstancesView, port: number): InstanceContainer[] {
  if (!port) return [];
  const ids = new Set(view.recorded.get(port) ?? []);
  return view.containers.filter((c) => ids.has(c.id) || c.hostPorts.includes(port));
}

/** Writes the ids of the instance on `port` (temp + rename). */
export function recordInstanceCommand(appDir: string, port: number, ids: string[]): string {
  const dir = posix.join(appDir, INSTANCES_DIR);
  const file = posix.join(dir, String(port));
  return sh`mkdir -p -- ${dir} && printf '%s\n' ${ids} > ${`${file}.tmp`} && mv -f -- ${`${file}.tmp`} ${file}`;
}

/**
 * Stops the containers (each within its own stop_grace_period: in-flight requests finish on SIGTERM), removes
 * them, and forgets the record of `port`.
 */
export function removeInstanceCommand(appDir: string, port: number, ids: string[]): string {
  const record = posix.join(appDir, INSTANCES_DIR, String(port));
  if (!ids.length) return sh`rm -f -- ${record}`;
  return sh`docker stop ${ids} >/dev/null; docker rm -f ${ids} >/dev/null && rm -f -- ${record}`;
}

/** The last lines of each container's log, headed by its name. */
export function instanceLogsCommand(containers: { id: string; name: string }[], lines = 80): string {
  return containers
    .map((c) => sh`echo ${`== ${c.name}`} && docker logs --tail ${String(lines)} ${c.id} 2>&1`)
    .join('; ');
}

/** Keeps the live .env aside (or notes there was none) before startBeside rewrites it. */
export function saveEnvCommand(appDir: string): string {
  const live = posix.join(appDir, '.env');
  const saved = posix.join(appDir, SAVED_ENV);
  return sh`mkdir -p -- ${posix.dirname(saved)} && rm -f -- ${saved} && { [ ! -f ${live} ] || cp -p -- ${live} ${saved}; }`;
}

/** Puts back the .env saveEnvCommand kept (none kept: there was no .env, so there is none again). */
export function restoreEnvCommand(appDir: string): string {
  const live = posix.join(appDir, '.env');
  const saved = posix.join(appDir, SAVED_ENV);
  return sh`if [ -f ${saved} ]; then mv -f -- ${saved} ${live}; else rm -f -- ${live}; fi`;
}

/** A run killed between startBeside and promote left .env naming its instance: the kept one is the serving one's. */
export function recoverEnvCommand(appDir: string): string {
  const live = posix.join(appDir, '.env');
  const saved = posix.join(appDir, SAVED_ENV);
  return sh`if [ -f ${saved} ]; then mv -f -- ${saved} ${live} && echo recovered; fi`;
}

export function dropSavedEnvCommand(appDir: string): string {
  return sh`rm -f -- ${posix.join(appDir, SAVED_ENV)}`;
}

/**
 * The live .env for an instance: `record` (the tag's recorded config; the live .env when there is none, and
 * then prints `none`) without its own lines for `vars`, then `vars` as lines. A later plain `up` (a restart
 * switch, a backup's start) reads the same tag and port the serving container was made with, so Compose sees
 * nothing to recreate. Mode 0600 (0640 in a setgid dir), written to a temp file and renamed.
 */
export function liveEnvCommand(
  appDir: string,
  record: string,
  vars: [string, string][],
  tmpSuffix: string,
): string {
  const live = posix.join(appDir, '.env');
  const tmp = `${live}.tmp-${tmpSuffix}`;
  const names = vars.map(([k]) => {
    if (!/^[A-Za-z_][A-Za-z0-9_]*$/.test(k)) throw new Error(`not a variable name: ${k}`);
    return k;
  });
  const pattern = `^[[:space:]]*(export[[:space:]]+)?(${names.join('|')})[[:space:]]*=`;
  return (
    sh`src=${record}; if [ ! -f "$src" ]; then echo none; src=${live}; fi; ` +
    sh`(umask 077 && { if [ -f "$src" ]; then grep -v -E ${pattern} -- "$src" || true; fi; ` +
    sh`printf '%s\n' ${vars.map(([k, v]) => `${k}=${v}`)}; } > ${tmp}) && ` +
    envModeCommand(tmp) +
    sh` && { mv -f -- ${tmp} ${live} || { rc=$?; rm -f -- ${tmp}; exit $rc; }; }`
  );
}

/** The port `config` interpolates ${APP_PORT} to when prepare() checks the file before the port is known. */
export const PROBE_PORT = 65535;

/** Which app service gets the port, from `config` run with the instance's variables. */
export interface BlueGreenPlan {
  web: string;
  /** The web service's container port (`8000/tcp`), whose host port is read back. */
  containerPort: string;
}

interface PortEntry {
  published: string;
  target: string;
}

/** One `ports:` entry of `config` output: v1 prints `127.0.0.1:8001:8000/tcp`, v2 a mapping. */
function portEntry(p: unknown): PortEntry | undefined {
  if (typeof p === 'string' || typeof p === 'number') {
    const m = /^(?:(?:\[[^\]]*\]|[^:]*):)?([^:]*):(\d+)(?:\/(\w+))?$/.exec(String(p));
    if (m) return { published: m[1]!, target: `${m[2]}/${m[3] ?? 'tcp'}` };
    const only = /^(\d+)(?:\/(\w+))?$/.exec(String(p));
    return only ? { published: '', target: `${only[1]}/${only[2] ?? 'tcp'}` } : undefined;
  }
  if (p && typeof p === 'object') {
    const o = p as { published?: unknown; target?: unknown; protocol?: unknown };
    if (o.target === undefined) return undefined;
    return {
      published: o.published === undefined || o.published === null ? '' : String(o.published),
      target: `${String(o.target)}/${typeof o.protocol === 'string' ? o.protocol : 'tcp'}`,
    };
  }
  return undefined;
}

/**
 * Checks, before anything changes, that the app's services can run twice side by side: each is in the file
 * and has no `container_name`, exactly one publishes ports (the web service), on `${APP_PORT}` (port > 0)
 * or an ephemeral host port (port 0). Throws a ConfigurationError saying what to change.
 */
export function blueGreenPlan(
  configOutput: string,
  services: string[],
  port: number,
  opts: { probe?: boolean } = {},
): BlueGreenPlan {
  if (!services.length)
    throw new ConfigurationError(
      'switch: blue-green with strategy compose needs `services`: the app services that get a second ' +
        'instance beside the serving one (never the database or Redis)',
    );
  const doc = (parse(configOutput) ?? {}) as { services?: Record<string, Record<string, unknown>> };
  const all = doc.services ?? {};
  const webs: { service: string; entries: PortEntry[] }[] = [];
  for (const s of services) {
    const def = all[s];
    if (!def) throw new ConfigurationError(`services names ${s}, which the compose file does not define`);
    if (def.container_name)
      throw new ConfigurationError(
        `service ${s} sets container_name, so Compose cannot run a second container of it: remove container_name for switch: blue-green`,
      );
    const ports = Array.isArray(def.ports) ? def.ports : [];
    if (ports.length) webs.push({ service: s, entries: ports.map(portEntry).filter((e) => e !== undefined) });
  }
  const want = opts.probe
    ? `publish it on 127.0.0.1:\${${PORT_VARIABLE}}:<container port> (or 127.0.0.1::<container port>: ephemeral)`
    : port
      ? `publish it on 127.0.0.1:\${${PORT_VARIABLE}}:<container port>`
      : 'publish it on an ephemeral host port, 127.0.0.1::<container port>';
  if (webs.length !== 1)
    throw new ConfigurationError(
      webs.length
        ? `switch: blue-green takes exactly one service that publishes ports among services (${services.join(', ')}); ` +
            `${webs.map((w) => w.service).join(' and ')} do: the others may not publish any`
        : `none of services (${services.join(', ')}) publishes a port for the proxy: ${want}`,
    );
  const { service, entries } = webs[0]!;
  const fixed = entries.filter((e) => e.published !== '' && e.published !== String(port));
  const onPort = entries.filter((e) => e.published === String(port));
  // A probe (port = PROBE_PORT, before the ports are known) takes ${APP_PORT} or an ephemeral port.
  const ephemeral = entries.filter((e) => e.published === '');
  const mine = opts.probe ? (onPort.length ? onPort : ephemeral) : port ? onPort : ephemeral;
  if (fixed.length || mine.length !== 1)
    throw new ConfigurationError(
      `service ${service} publishes ${entries.map((e) => `${e.published || '(ephemeral)'}:${e.target}`).join(', ')}; ` +
        `two instances cannot share a fixed host port: ${want}, and no other port`,
    );
  return { web: service, containerPort: mine[0]!.target };
}
