import { TAG_PATTERN } from '../../flow/tag.js';
import type { ComposeCli } from '../../ssh/compose-cli.js';
import { raw, sh } from '../../ssh/quote.js';
import type { Readiness } from '../../flow/strategy.js';

/**
 * The remote command text of the compose strategy, built from argument arrays through the quoting module.
 * Pure: what runs where is decided here and tested as tables (test/unit/flow/compose-prune.test.ts).
 * Finding Compose on the server is src/ssh/compose-cli.ts, shared with the backup scripts.
 */
export { COMPOSE_V1, COMPOSE_V2, DETECT_COMPOSE, NO_COMPOSE, chooseCompose } from '../../ssh/compose-cli.js';
export type { ComposeCli } from '../../ssh/compose-cli.js';

/** `cd <app-dir> && env TAG=<tag> <compose> <args>`: the tag variable is set for that one command only. */
export function composeCommand(
  cli: ComposeCli,
  appDir: string,
  args: string[],
  tagVariable?: string,
  tag?: string,
): string {
  const env = tagVariable && tag !== undefined ? sh`env ${`${tagVariable}=${tag}`} ` : '';
  return sh`cd ${appDir} && ${raw(env)}${[...cli, ...args]}`;
}

export function pullArgs(services: string[]): string[] {
  return ['pull', '--quiet', ...services];
}

export function upArgs(services: string[]): string[] {
  return ['up', '-d', ...services];
}

/** Registry login on the server; the password is the command's stdin. */
export function loginCommand(registry: string, username: string): string {
  return sh`docker login --username ${username} --password-stdin ${registry}`;
}

/** The compose file's image references with the tag variable set to `sentinel`. */
export const TAG_SENTINEL = 'vpsd-tag-sentinel';

// The health state is JSON (`null` without a healthcheck): Go's encoder escapes the tabs and newlines of its log.
// `.ID` (the CLI's typed field), not `.Id`: on `.Id` the typed template fails and docker falls back to the raw
// JSON, where a daemon before 25 omits `Health` without a healthcheck ("map has no entry for key Health").
export const INSPECT_FORMAT =
  '{{.ID}}\t{{index .Config.Labels "com.docker.compose.project.working_dir"}}\t{{index .Config.Labels "com.docker.compose.service"}}\t' +
  '{{index .Config.Labels "com.docker.compose.oneoff"}}\t{{.Name}}\t{{.State.Status}}\t{{.RestartCount}}\t{{.State.ExitCode}}\t' +
  '{{json .State.Health}}';

/** Prints the app dir's physical path, then one INSPECT_FORMAT line per container of the app. */
export function containersCommand(appDir: string): string {
  return sh`cd ${appDir} && pwd -P && ` + inspectAppContainersCommand(appDir, INSPECT_FORMAT);
}

/**
 * Run in the app dir: `docker inspect --format <format>` of the app's containers, those whose compose
 * working-dir label is the app dir as given or its physical path (compose v1 and v2 record either). Only the
 * app's: listing every project's containers let another app's `run --rm` ending between ps and inspect fail this
 * deploy with "No such object". A container of ours gone meanwhile is skipped the same way; any other error of
 * inspect still fails the command with its message.
 */
export function inspectAppContainersCommand(appDir: string, format: string): string {
  const label = 'label=com.docker.compose.project.working_dir=';
  return (
    sh`wd=$(pwd -P) && ` +
    sh`ids=$({ docker ps -aq --filter ${label}"$wd" && docker ps -aq --filter ${label + appDir}; } | sort -u) && ` +
    sh`if [ -n "$ids" ]; then { err=$(docker inspect --format ${format} $ids 2>&1 >&3); st=$?; } 3>&1; ` +
    sh`if [ "$st" -ne 0 ]; then err=$(printf '%s\n' "$err" | grep -v '^Error: No such object: '); ` +
    sh`if [ -n "$err" ]; then printf '%s\n' "$err" >&2; exit "$st"; fi; fi; fi`
  );
}

export interface ContainerFacts {
  id: string;
  service: string;
  name: string;
  status: string;
  restarts: number;
  exitCode: number;
  /** Docker's healthcheck state (`starting`, `healthy`, `unhealthy`); '' when the service has no healthcheck. */
  health?: string;
  /** The last line of the healthcheck's last output, for the failure message. */
  healthLog?: string;
}

/** The containers of this app's services (not one-off `run` containers), from containersCommand's output. */
export function appContainers(output: string, appDir: string, services: string[]): ContainerFacts[] {
  const [physical, ...lines] = output.trim().split('\n');
  const dirs = new Set([appDir, physical?.trim()]);
  const out: ContainerFacts[] = [];
  for (const line of lines) {
    const [id, dir, service, oneoff, name, status, restarts, exitCode, health] = line.split('\t');
    if (!id || !dirs.has(dir) || oneoff === 'True' || !service) continue;
    if (services.length && !services.includes(service)) continue;
    out.push({
      id,
      service,
      name: (name ?? '').replace(/^\//, ''),
      status: status ?? '',
      restarts: Number(restarts),
      exitCode: Number(exitCode),
      ...healthState(health),
    });
  }
  return out;
}

/** `{{json .State.Health}}` -> its status and the last line of its last check's output. */
export function healthState(json: string | undefined): { health: string; healthLog: string } {
  try {
    const h = JSON.parse(json ?? 'null') as { Status?: string; Log?: { Output?: string }[] } | null;
    const output = h?.Log?.at(-1)?.Output?.trim() ?? '';
    return { health: h?.Status ?? '', healthLog: output.split('\n').at(-1)?.trim().slice(0, 300) ?? '' };
  } catch {
    return { health: '', healthLog: '' };
  }
}

/**
 * Why the app cannot become healthy any more, or undefined: a service container that exited with an error, died,
 * or restarted since activation (`before` holds the restart counts seen just before `up`).
 */
export function crashedReason(now: ContainerFacts[], before: Map<string, number>): string | undefined {
  for (const c of now) {
    const restarted = c.restarts - (before.get(c.id) ?? 0);
    if (c.status === 'restarting' || restarted > 0) {
      return `container ${c.name} (service ${c.service}) is restart-looping (${c.status}, restarted ${c.restarts} time(s), last exit code ${c.exitCode})`;
    }
    if ((c.status === 'exited' && c.exitCode !== 0) || c.status === 'dead') {
      return `container ${c.name} (service ${c.service}) ${c.status} with code ${c.exitCode}`;
    }
    if (c.health === 'unhealthy') {
      return `container ${c.name} (service ${c.service}) is unhealthy by its Docker healthcheck${c.healthLog ? `; last check said: ${c.healthLog}` : ''}`;
    }
  }
  return undefined;
}

/** Docker's own view of services with a healthcheck: any `unhealthy` fails, any `starting` waits. */
export function dockerReadiness(now: ContainerFacts[]): Readiness {
  const named = (cs: ContainerFacts[]) => cs.map((c) => `${c.name} (service ${c.service})`).join(', ');
  const unhealthy = now.filter((c) => c.health === 'unhealthy');
  if (unhealthy.length) {
    const log = unhealthy.find((c) => c.healthLog)?.healthLog;
    return {
      state: 'failed',
      reason: `Docker healthcheck: ${named(unhealthy)} unhealthy${log ? `; last check said: ${log}` : ''}`,
    };
  }
  const starting = now.filter((c) => c.health === 'starting');
  if (starting.length)
    return { state: 'waiting', reason: `Docker healthcheck of ${named(starting)} still starting` };
  return { state: 'ready' };
}

/** How many lines of each service's log a failure shows. */
export const LOG_LINES = 80;

export function logsArgs(services: string[], lines = LOG_LINES): string[] {
  return ['logs', '--no-color', '--tail', String(lines), ...services];
}

/** Image references of the compose file that carry the tag (the sentinel marks where). */
export function imageTemplates(configOutput: string): string[] {
  const out = new Set<string>();
  for (const m of configOutput.matchAll(/^\s*image:\s*["']?([^"'\s]+)["']?\s*$/gm)) {
    if (m[1]!.includes(TAG_SENTINEL)) out.add(m[1]!);
  }
  return [...out];
}

/** Tags whose every templated image is present, with the creation time of the first one. */
export function presentTags(templates: string[], imageLines: string): { tag: string; time: number }[] {
  const images = new Map<string, number>();
  for (const line of imageLines.split('\n')) {
    const [ref, created] = line.split('\t');
    if (ref && !ref.includes('<none>')) images.set(ref, parseDockerTime(created ?? ''));
  }
  if (!templates.length) return [];
  const [first, ...rest] = templates;
  const [prefix, suffix] = first!.split(TAG_SENTINEL) as [string, string];
  const out: { tag: string; time: number }[] = [];
  for (const [ref, time] of images) {
    if (!ref.startsWith(prefix) || !ref.endsWith(suffix)) continue;
    const tag = ref.slice(prefix.length, ref.length - suffix.length);
    if (!TAG_PATTERN.test(tag)) continue;
    if (rest.every((t) => images.has(t.split(TAG_SENTINEL).join(tag)))) out.push({ tag, time });
  }
  return out;
}

export function imagesOfTag(templates: string[], tag: string): string[] {
  return templates.map((t) => t.split(TAG_SENTINEL).join(tag));
}

/** `2024-06-01 10:20:30 +0200 CEST` (docker image ls's CreatedAt) -> ms since epoch; 0 when unreadable. */
export function parseDockerTime(s: string): number {
  const m = /^(\d{4}-\d\d-\d\d) (\d\d:\d\d:\d\d) ([+-]\d\d)(\d\d)/.exec(s.trim());
  if (!m) return 0;
  const t = Date.parse(`${m[1]}T${m[2]}${m[3]}:${m[4]}`);
  return Number.isNaN(t) ? 0 : t;
}

export const IMAGE_LIST = sh`docker image ls --format ${'{{.Repository}}:{{.Tag}}\t{{.CreatedAt}}'}`;
