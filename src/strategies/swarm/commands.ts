import { posix } from 'node:path';
import { raw, sh } from '../../ssh/quote.js';

/**
 * The remote command text of the swarm strategy, built from argument arrays through the quoting module. Pure:
 * tested as exact strings (test/unit/strategies/swarm/commands.test.ts). What the output of these commands
 * means is converge.ts.
 */

export { loginCommand } from '../compose/commands.js';

/** Where each tag's compose file is kept, relative to the app dir: a rollback deploys the file it ran with. */
export const STACK_FILES_DIR = '.vps-deploy/stack';

/** The stack name the last activate deployed, so a rollback without `stack` finds the same stack. */
export function stackNameFile(appDir: string): string {
  return posix.join(appDir, STACK_FILES_DIR, 'stack-name');
}

/** Prints the recorded stack name (nothing when none is recorded). */
export function readStackNameCommand(appDir: string): string {
  return sh`cat -- ${stackNameFile(appDir)} 2>/dev/null; true`;
}

/** The standard compose file names, looked for in the app dir when no compose-file is given. */
export const COMPOSE_NAMES = ['compose.yaml', 'compose.yml', 'docker-compose.yml', 'docker-compose.yaml'];

/** The compose file recorded with `tag`. */
export function stackFileRecord(appDir: string, tag: string): string {
  return posix.join(appDir, STACK_FILES_DIR, `${tag}.yml`);
}

/** The label Docker puts on every service of a stack (the CLI's own filter for `docker stack services`). */
export function stackLabel(stack: string): string {
  return `label=com.docker.stack.namespace=${stack}`;
}

/**
 * Prints `<LocalNodeState> <ControlAvailable>`: `active true` on a manager, `active false` on a worker,
 * `inactive false` when the engine is not in a swarm.
 */
export const SWARM_ROLE = sh`docker info --format ${'{{.Swarm.LocalNodeState}} {{.Swarm.ControlAvailable}}'}`;

/** The first standard compose file name present in the app dir (prints nothing when none is). */
export function findComposeFileCommand(appDir: string): string {
  return sh`cd ${appDir} && for f in ${COMPOSE_NAMES}; do if [ -f "$f" ]; then echo "$f"; break; fi; done`;
}

/**
 * Copies `from` over `to` by a temp file in `to`'s directory renamed into place, so `docker stack deploy`
 * never reads a half-written file. Fails when `from` is missing.
 */
export function placeFileCommand(from: string, to: string, tmpSuffix: string): string {
  const tmp = `${to}.tmp-${tmpSuffix}`;
  return (
    sh`mkdir -p -- ${posix.dirname(to)} && cp -- ${from} ${tmp} && ` +
    sh`{ mv -f -- ${tmp} ${to} || { rc=$?; rm -f -- ${tmp}; exit $rc; }; }`
  );
}

/**
 * `cd <app-dir> && env IMAGE_TAG=<tag> docker stack deploy --with-registry-auth -c <file>… <stack>`: the tag
 * variable is set for that one command, the nodes get the manager's registry login, and never `--prune`
 * (services of the stack that the file does not name are left alone).
 */
export function stackDeployCommand(
  appDir: string,
  files: string[],
  stack: string,
  tagVariable: string,
  tag: string,
): string {
  const args = [
    'docker',
    'stack',
    'deploy',
    '--with-registry-auth',
    ...files.flatMap((f) => ['-c', f]),
    stack,
  ];
  return sh`cd ${appDir} && env ${`${tagVariable}=${tag}`} ${args}`;
}

/** Separates `docker service inspect`'s JSON from each service's task lines in stackViewCommand's output. */
export const TASKS_MARK = '--- tasks ';

/**
 * What the strategy knows of a stack, in one round trip: `docker service inspect` of every service of the
 * stack (a JSON array), then per service a TASKS_MARK line with its ID and `docker service ps` (its task
 * history: the failed tasks of a restart loop are there) as one JSON object a line. Prints nothing when the
 * stack has no service.
 */
export function stackViewCommand(stack: string): string {
  const ps = ['docker', 'service', 'ps', '--no-trunc', '--format', '{{json .}}'];
  return (
    sh`ids=$(docker service ls -q --filter ${stackLabel(stack)}) || exit $?; [ -n "$ids" ] || exit 0; ` +
    raw('docker service inspect $ids || exit $?; ') +
    sh`for id in $ids; do echo ${TASKS_MARK.trim()} "$id"; ${ps} "$id" || exit $?; done`
  );
}

/** How many lines of each service's log a failure shows. */
export const LOG_LINES = 80;

/** The last lines of each named service's log (full names: `<stack>_<service>`), every line with its task. */
export function serviceLogsCommand(services: string[], lines = LOG_LINES): string {
  const logs = ['docker', 'service', 'logs', '--tail', String(lines)];
  return sh`for s in ${services}; do echo "== $s"; ${logs} "$s" 2>&1; done`;
}

/** Lists the recorded compose files, newest first: `<mtime seconds> <tag>.yml` a line. */
export function recordedTagsCommand(appDir: string): string {
  const dir = posix.join(appDir, STACK_FILES_DIR);
  return sh`cd ${dir} 2>/dev/null || exit 0; for f in *.yml; do [ -f "$f" ] && printf '%s %s\n' "$(stat -c %Y -- "$f")" "$f"; done; true`;
}

/** Removes the recorded compose files of pruned tags. */
export function forgetTagsCommand(appDir: string, tags: string[]): string {
  return sh`rm -f -- ${tags.map((t) => stackFileRecord(appDir, t))}`;
}
