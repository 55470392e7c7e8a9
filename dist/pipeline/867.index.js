export const id = 867;
export const ids = [867];
export const modules = {

/***/ 8709:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {


// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  Hx: () => (/* reexport */ DETECT_COMPOSE),
  PY: () => (/* binding */ IMAGE_LIST),
  Fl: () => (/* binding */ INSPECT_FORMAT),
  dy: () => (/* reexport */ NO_COMPOSE),
  Gs: () => (/* binding */ TAG_SENTINEL),
  So: () => (/* binding */ appContainers),
  wn: () => (/* reexport */ chooseCompose),
  ec: () => (/* binding */ composeCommand),
  I8: () => (/* binding */ containersCommand),
  p: () => (/* binding */ crashedReason),
  Jt: () => (/* binding */ dockerReadiness),
  br: () => (/* binding */ imageTemplates),
  o6: () => (/* binding */ imagesOfTag),
  LO: () => (/* binding */ inspectAppContainersCommand),
  nc: () => (/* binding */ loginCommand),
  RR: () => (/* binding */ logsArgs),
  TB: () => (/* binding */ presentTags),
  bw: () => (/* binding */ pullArgs),
  bb: () => (/* binding */ upArgs)
});

// UNUSED EXPORTS: COMPOSE_V1, COMPOSE_V2, LOG_LINES, healthState, parseDockerTime

// EXTERNAL MODULE: ./src/flow/tag.ts
var flow_tag = __webpack_require__(360);
// EXTERNAL MODULE: ./src/ssh/quote.ts
var quote = __webpack_require__(9038);
;// CONCATENATED MODULE: ./src/ssh/compose-cli.ts

const COMPOSE_V2 = ['docker', 'compose'];
const COMPOSE_V1 = ['docker-compose'];
/** What a user reads when the server has no Compose at all, from a deploy or a backup alike. */
const NO_COMPOSE = 'the server has neither `docker compose` (v2) nor `docker-compose` (v1): install Docker Compose';
/** `if <v2 answers>; then <v2>; elif <v1 on PATH>; then <v1>; else <none>; fi`: each branch is our shell text. */
function byComposeVersion(branches) {
    return ((0,quote.sh) `if ${COMPOSE_V2} version >/dev/null 2>&1; then ${(0,quote/* raw */.lS)(branches.v2)}; ` +
        (0,quote.sh) `elif command -v ${COMPOSE_V1} >/dev/null 2>&1; then ${(0,quote/* raw */.lS)(branches.v1)}; else ${(0,quote/* raw */.lS)(branches.none)}; fi`);
}
/** Prints `v2`, `v1` or `none`; chooseCompose reads the answer. */
const DETECT_COMPOSE = byComposeVersion({ v2: 'echo v2', v1: 'echo v1', none: 'echo none' });
/** The Compose CLI named by DETECT_COMPOSE's output (its last line: a login banner may come first). */
function chooseCompose(detected) {
    const word = detected.trim().split('\n').pop();
    if (word === 'v2')
        return COMPOSE_V2;
    if (word === 'v1')
        return COMPOSE_V1;
    return undefined;
}

;// CONCATENATED MODULE: ./src/strategies/compose/commands.ts


/**
 * The remote command text of the compose strategy, built from argument arrays through the quoting module.
 * Pure: what runs where is decided here and tested as tables (test/unit/flow/compose-prune.test.ts).
 * Finding Compose on the server is src/ssh/compose-cli.ts, shared with the backup scripts.
 */

/** `cd <app-dir> && env TAG=<tag> <compose> <args>`: the tag variable is set for that one command only. */
function composeCommand(cli, appDir, args, tagVariable, tag) {
    const env = tagVariable && tag !== undefined ? (0,quote.sh) `env ${`${tagVariable}=${tag}`} ` : '';
    return (0,quote.sh) `cd ${appDir} && ${(0,quote/* raw */.lS)(env)}${[...cli, ...args]}`;
}
function pullArgs(services) {
    return ['pull', '--quiet', ...services];
}
function upArgs(services) {
    return ['up', '-d', ...services];
}
/** Registry login on the server; the password is the command's stdin. */
function loginCommand(registry, username) {
    return (0,quote.sh) `docker login --username ${username} --password-stdin ${registry}`;
}
/** The compose file's image references with the tag variable set to `sentinel`. */
const TAG_SENTINEL = 'vpsd-tag-sentinel';
// The health state is JSON (`null` without a healthcheck): Go's encoder escapes the tabs and newlines of its log.
// `.ID` (the CLI's typed field), not `.Id`: on `.Id` the typed template fails and docker falls back to the raw
// JSON, where a daemon before 25 omits `Health` without a healthcheck ("map has no entry for key Health").
const INSPECT_FORMAT = '{{.ID}}\t{{index .Config.Labels "com.docker.compose.project.working_dir"}}\t{{index .Config.Labels "com.docker.compose.service"}}\t' +
    '{{index .Config.Labels "com.docker.compose.oneoff"}}\t{{.Name}}\t{{.State.Status}}\t{{.RestartCount}}\t{{.State.ExitCode}}\t' +
    '{{json .State.Health}}';
/** Prints the app dir's physical path, then one INSPECT_FORMAT line per container of the app. */
function containersCommand(appDir) {
    return (0,quote.sh) `cd ${appDir} && pwd -P && ` + inspectAppContainersCommand(appDir, INSPECT_FORMAT);
}
/**
 * Run in the app dir: `docker inspect --format <format>` of the app's containers, those whose compose
 * working-dir label is the app dir as given or its physical path (compose v1 and v2 record either). Only the
 * app's: listing every project's containers let another app's `run --rm` ending between ps and inspect fail this
 * deploy with "No such object". A container of ours gone meanwhile is skipped the same way; any other error of
 * inspect still fails the command with its message.
 */
function inspectAppContainersCommand(appDir, format) {
    const label = 'label=com.docker.compose.project.working_dir=';
    return ((0,quote.sh) `wd=$(pwd -P) && ` +
        (0,quote.sh) `ids=$({ docker ps -aq --filter ${label}"$wd" && docker ps -aq --filter ${label + appDir}; } | sort -u) && ` +
        (0,quote.sh) `if [ -n "$ids" ]; then { err=$(docker inspect --format ${format} $ids 2>&1 >&3); st=$?; } 3>&1; ` +
        (0,quote.sh) `if [ "$st" -ne 0 ]; then err=$(printf '%s\n' "$err" | grep -v '^Error: No such object: '); ` +
        (0,quote.sh) `if [ -n "$err" ]; then printf '%s\n' "$err" >&2; exit "$st"; fi; fi; fi`);
}
/** The containers of this app's services (not one-off `run` containers), from containersCommand's output. */
function appContainers(output, appDir, services) {
    const [physical, ...lines] = output.trim().split('\n');
    const dirs = new Set([appDir, physical?.trim()]);
    const out = [];
    for (const line of lines) {
        const [id, dir, service, oneoff, name, status, restarts, exitCode, health] = line.split('\t');
        if (!id || !dirs.has(dir) || oneoff === 'True' || !service)
            continue;
        if (services.length && !services.includes(service))
            continue;
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
function healthState(json) {
    try {
        const h = JSON.parse(json ?? 'null');
        const output = h?.Log?.at(-1)?.Output?.trim() ?? '';
        return { health: h?.Status ?? '', healthLog: output.split('\n').at(-1)?.trim().slice(0, 300) ?? '' };
    }
    catch {
        return { health: '', healthLog: '' };
    }
}
/**
 * Why the app cannot become healthy any more, or undefined: a service container that exited with an error, died,
 * or restarted since activation (`before` holds the restart counts seen just before `up`).
 */
function crashedReason(now, before) {
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
function dockerReadiness(now) {
    const named = (cs) => cs.map((c) => `${c.name} (service ${c.service})`).join(', ');
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
const LOG_LINES = 80;
function logsArgs(services, lines = LOG_LINES) {
    return ['logs', '--no-color', '--tail', String(lines), ...services];
}
/** Image references of the compose file that carry the tag (the sentinel marks where). */
function imageTemplates(configOutput) {
    const out = new Set();
    for (const m of configOutput.matchAll(/^\s*image:\s*["']?([^"'\s]+)["']?\s*$/gm)) {
        if (m[1].includes(TAG_SENTINEL))
            out.add(m[1]);
    }
    return [...out];
}
/** Tags whose every templated image is present, with the creation time of the first one. */
function presentTags(templates, imageLines) {
    const images = new Map();
    for (const line of imageLines.split('\n')) {
        const [ref, created] = line.split('\t');
        if (ref && !ref.includes('<none>'))
            images.set(ref, parseDockerTime(created ?? ''));
    }
    if (!templates.length)
        return [];
    const [first, ...rest] = templates;
    const [prefix, suffix] = first.split(TAG_SENTINEL);
    const out = [];
    for (const [ref, time] of images) {
        if (!ref.startsWith(prefix) || !ref.endsWith(suffix))
            continue;
        const tag = ref.slice(prefix.length, ref.length - suffix.length);
        if (!flow_tag/* TAG_PATTERN */.A.test(tag))
            continue;
        if (rest.every((t) => images.has(t.split(TAG_SENTINEL).join(tag))))
            out.push({ tag, time });
    }
    return out;
}
function imagesOfTag(templates, tag) {
    return templates.map((t) => t.split(TAG_SENTINEL).join(tag));
}
/** `2024-06-01 10:20:30 +0200 CEST` (docker image ls's CreatedAt) -> ms since epoch; 0 when unreadable. */
function parseDockerTime(s) {
    const m = /^(\d{4}-\d\d-\d\d) (\d\d:\d\d:\d\d) ([+-]\d\d)(\d\d)/.exec(s.trim());
    if (!m)
        return 0;
    const t = Date.parse(`${m[1]}T${m[2]}${m[3]}:${m[4]}`);
    return Number.isNaN(t) ? 0 : t;
}
const IMAGE_LIST = (0,quote.sh) `docker image ls --format ${'{{.Repository}}:{{.Tag}}\t{{.CreatedAt}}'}`;


/***/ }),

/***/ 7867:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {


// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  swarmStrategy: () => (/* binding */ swarmStrategy)
});

// UNUSED EXPORTS: notAManager

// EXTERNAL MODULE: ./src/io/errors.ts
var errors = __webpack_require__(7333);
// EXTERNAL MODULE: ./src/ssh/quote.ts
var quote = __webpack_require__(9038);
// EXTERNAL MODULE: ./src/strategies/swarm/inputs.ts
var inputs = __webpack_require__(9809);
// EXTERNAL MODULE: ./src/io/summary.ts
var summary = __webpack_require__(2864);
// EXTERNAL MODULE: ./src/flow/prune-rule.ts
var prune_rule = __webpack_require__(5867);
// EXTERNAL MODULE: ./src/flow/tag.ts
var tag = __webpack_require__(360);
// EXTERNAL MODULE: ./src/strategies/env-release.ts
var env_release = __webpack_require__(9626);
// EXTERNAL MODULE: external "node:path"
var external_node_path_ = __webpack_require__(6760);
// EXTERNAL MODULE: ./src/strategies/compose/commands.ts + 1 modules
var commands = __webpack_require__(8709);
;// CONCATENATED MODULE: ./src/strategies/swarm/commands.ts


/**
 * The remote command text of the swarm strategy, built from argument arrays through the quoting module. Pure:
 * tested as exact strings (test/unit/strategies/swarm/commands.test.ts). What the output of these commands
 * means is converge.ts.
 */

/** Where each tag's compose file is kept, relative to the app dir: a rollback deploys the file it ran with. */
const STACK_FILES_DIR = '.vps-deploy/stack';
/** The stack name the last activate deployed, so a rollback without `stack` finds the same stack. */
function stackNameFile(appDir) {
    return external_node_path_.posix.join(appDir, STACK_FILES_DIR, 'stack-name');
}
/** Prints the recorded stack name (nothing when none is recorded). */
function readStackNameCommand(appDir) {
    return (0,quote.sh) `cat -- ${stackNameFile(appDir)} 2>/dev/null; true`;
}
/** The standard compose file names, looked for in the app dir when no compose-file is given. */
const COMPOSE_NAMES = ['compose.yaml', 'compose.yml', 'docker-compose.yml', 'docker-compose.yaml'];
/** The compose file recorded with `tag`. */
function stackFileRecord(appDir, tag) {
    return external_node_path_.posix.join(appDir, STACK_FILES_DIR, `${tag}.yml`);
}
/** The label Docker puts on every service of a stack (the CLI's own filter for `docker stack services`). */
function stackLabel(stack) {
    return `label=com.docker.stack.namespace=${stack}`;
}
/**
 * Prints `<LocalNodeState> <ControlAvailable>`: `active true` on a manager, `active false` on a worker,
 * `inactive false` when the engine is not in a swarm.
 */
const SWARM_ROLE = (0,quote.sh) `docker info --format ${'{{.Swarm.LocalNodeState}} {{.Swarm.ControlAvailable}}'}`;
/** The first standard compose file name present in the app dir (prints nothing when none is). */
function findComposeFileCommand(appDir) {
    return (0,quote.sh) `cd ${appDir} && for f in ${COMPOSE_NAMES}; do if [ -f "$f" ]; then echo "$f"; break; fi; done`;
}
/**
 * Copies `from` over `to` by a temp file in `to`'s directory renamed into place, so `docker stack deploy`
 * never reads a half-written file. Fails when `from` is missing.
 */
function placeFileCommand(from, to, tmpSuffix) {
    const tmp = `${to}.tmp-${tmpSuffix}`;
    return ((0,quote.sh) `mkdir -p -- ${external_node_path_.posix.dirname(to)} && cp -- ${from} ${tmp} && ` +
        (0,quote.sh) `{ mv -f -- ${tmp} ${to} || { rc=$?; rm -f -- ${tmp}; exit $rc; }; }`);
}
/**
 * `cd <app-dir> && env IMAGE_TAG=<tag> docker stack deploy --with-registry-auth -c <file>… <stack>`: the tag
 * variable is set for that one command, the nodes get the manager's registry login, and never `--prune`
 * (services of the stack that the file does not name are left alone).
 */
function stackDeployCommand(appDir, files, stack, tagVariable, tag) {
    const args = [
        'docker',
        'stack',
        'deploy',
        '--with-registry-auth',
        ...files.flatMap((f) => ['-c', f]),
        stack,
    ];
    return (0,quote.sh) `cd ${appDir} && env ${`${tagVariable}=${tag}`} ${args}`;
}
/** Separates `docker service inspect`'s JSON from each service's task lines in stackViewCommand's output. */
const TASKS_MARK = '--- tasks ';
/**
 * What the strategy knows of a stack, in one round trip: `docker service inspect` of every service of the
 * stack (a JSON array), then per service a TASKS_MARK line with its ID and `docker service ps` (its task
 * history: the failed tasks of a restart loop are there) as one JSON object a line. Prints nothing when the
 * stack has no service.
 */
function stackViewCommand(stack) {
    const ps = ['docker', 'service', 'ps', '--no-trunc', '--format', '{{json .}}'];
    return ((0,quote.sh) `ids=$(docker service ls -q --filter ${stackLabel(stack)}) || exit $?; [ -n "$ids" ] || exit 0; ` +
        (0,quote/* raw */.lS)('docker service inspect $ids || exit $?; ') +
        (0,quote.sh) `for id in $ids; do echo ${TASKS_MARK.trim()} "$id"; ${ps} "$id" || exit $?; done`);
}
/** How many lines of each service's log a failure shows. */
const LOG_LINES = 80;
/** The last lines of each named service's log (full names: `<stack>_<service>`), every line with its task. */
function serviceLogsCommand(services, lines = LOG_LINES) {
    const logs = ['docker', 'service', 'logs', '--tail', String(lines)];
    return (0,quote.sh) `for s in ${services}; do echo "== $s"; ${logs} "$s" 2>&1; done`;
}
/** Lists the recorded compose files, newest first: `<mtime seconds> <tag>.yml` a line. */
function recordedTagsCommand(appDir) {
    const dir = external_node_path_.posix.join(appDir, STACK_FILES_DIR);
    return (0,quote.sh) `cd ${dir} 2>/dev/null || exit 0; for f in *.yml; do [ -f "$f" ] && printf '%s %s\n' "$(stat -c %Y -- "$f")" "$f"; done; true`;
}
/** Removes the recorded compose files of pruned tags. */
function forgetTagsCommand(appDir, tags) {
    return (0,quote.sh) `rm -f -- ${tags.map((t) => stackFileRecord(appDir, t))}`;
}

;// CONCATENATED MODULE: ./src/strategies/swarm/converge.ts

/** Failed tasks of the new spec in one service that make a restart loop rather than one unlucky start. */
const CRASH_LOOP_TASKS = 3;
const PULL_ERROR = /No such image|manifest unknown|pull access denied|repository does not exist|not found: manifest|unauthorized/i;
/** stackViewCommand's output -> the services of `stack` and their tasks. Empty output: no service. */
function parseStackView(output, stack) {
    const text = output.trim();
    if (!text)
        return { services: [], tasks: new Map() };
    const markAt = text.indexOf(`\n${TASKS_MARK}`);
    const inspect = JSON.parse(markAt < 0 ? text : text.slice(0, markAt));
    const services = inspect.map((s) => serviceFacts(s, stack));
    const tasks = new Map();
    let current;
    for (const line of markAt < 0 ? [] : text.slice(markAt + 1).split('\n')) {
        if (line.startsWith(TASKS_MARK)) {
            current = [];
            tasks.set(line.slice(TASKS_MARK.length).trim(), current);
        }
        else if (line.trim().startsWith('{') && current) {
            current.push(taskFacts(JSON.parse(line)));
        }
    }
    // `docker service ls -q` prints short IDs, `inspect` full ones: key the tasks by the full ID.
    const byFullId = new Map();
    for (const [id, list] of tasks)
        byFullId.set(services.find((sv) => sv.id.startsWith(id))?.id ?? id, list);
    return { services, tasks: byFullId };
}
function serviceFacts(s, stack) {
    const name = s.Spec?.Name ?? '';
    const mode = s.Spec?.Mode;
    const test = s.Spec?.TaskTemplate?.ContainerSpec?.Healthcheck?.Test;
    const u = s.UpdateStatus;
    return {
        id: s.ID ?? '',
        name,
        service: name.startsWith(`${stack}_`) ? name.slice(stack.length + 1) : name,
        image: s.Spec?.TaskTemplate?.ContainerSpec?.Image ?? '',
        ...(mode?.Global ? {} : { replicas: mode?.Replicated?.Replicas ?? 1 }),
        version: s.Version?.Index ?? 0,
        // `NONE` is how a compose file's `healthcheck: { disable: true }` arrives.
        hasHealthcheck: !!test?.length && test[0] !== 'NONE',
        ...(u?.State
            ? { update: { state: u.State, startedAt: u.StartedAt ?? '', message: u.Message ?? '' } }
            : {}),
    };
}
function taskFacts(t) {
    return {
        id: t.ID ?? '',
        // Older tasks of a slot come as ` \_ web.1` in the table format: keep the name alone.
        name: (t.Name ?? '').replace(/^[\s\\_]+/, ''),
        image: t.Image ?? '',
        node: t.Node ?? '',
        desired: (t.DesiredState ?? '').toLowerCase(),
        state: (t.CurrentState ?? '').split(' ')[0].toLowerCase(),
        // Docker prints the task's error quoted: `"task: non-zero exit (1)"`.
        error: (t.Error ?? '').replace(/^"(.*)"$/s, '$1'),
    };
}
function snapshotOf(view) {
    return {
        versions: new Map(view.services.map((s) => [s.id, s.version])),
        taskIds: new Set([...view.tasks.values()].flat().map((t) => t.id)),
    };
}
/**
 * The services a deploy watches: those named in `services` (each must be in the stack: a typo would otherwise
 * pass unwatched), or every service of the stack. A message naming what the stack has when one is missing.
 */
function watchedServices(view, services, stack) {
    if (!services.length)
        return { watched: view.services };
    const missing = services.filter((n) => !view.services.some((s) => s.service === n));
    if (missing.length) {
        const has = view.services.map((s) => s.service).join(', ') || 'no services';
        return {
            watched: [],
            missing: `input "services" names ${missing.join(', ')}, not in stack ${stack} (it has ${has}): ` +
                'name services of the compose file, without the stack prefix',
        };
    }
    return { watched: view.services.filter((s) => services.includes(s.service)) };
}
/**
 * Whether every watched service runs its spec: each task Swarm wants running runs the spec's image, as many
 * as the service's replicas (Swarm reports a task `running` only once its healthcheck, if any, passed). Fails
 * fast when Swarm paused or rolled back this deploy's update (its message), when the nodes cannot pull the
 * image, or when the new tasks crash in a loop. `before` tells this deploy's update and tasks from older ones.
 */
function convergence(view, watched, before) {
    const waiting = [];
    for (const s of watched) {
        const tasks = view.tasks.get(s.id) ?? [];
        const fresh = tasks.filter((t) => !before.taskIds.has(t.id));
        const updatedNow = before.versions.get(s.id) !== s.version;
        const u = s.update;
        const unpullable = fresh.find((t) => PULL_ERROR.test(t.error));
        if (unpullable) {
            return {
                state: 'failed',
                reason: `node ${unpullable.node || '(none yet)'} cannot pull the image of ${s.name} (${unpullable.image || s.image}): ` +
                    `${unpullable.error}. Push that tag, and check the manager's registry login (registry-username/-password): ` +
                    'the deploy passes it to the nodes with --with-registry-auth',
            };
        }
        if (updatedNow && u && (u.state === 'paused' || u.state.startsWith('rollback_'))) {
            const what = u.state === 'paused' ? 'paused the update' : `rolled back the update (${u.state})`;
            return { state: 'failed', reason: `Swarm ${what} of ${s.name}: ${u.message || 'no message'}` };
        }
        const crashed = fresh.filter((t) => (t.state === 'failed' || t.state === 'rejected') && sameImage(t.image, s.image));
        if (crashed.length >= CRASH_LOOP_TASKS) {
            return {
                state: 'failed',
                reason: `${s.name} is restart-looping: ${crashed.length} new tasks failed (last: ${crashed[0].error || crashed[0].state})`,
            };
        }
        const wanted = tasks.filter((t) => t.desired === 'running');
        const ready = wanted.filter((t) => t.state === 'running' && sameImage(t.image, s.image));
        const enough = s.replicas === undefined ? ready.length > 0 : ready.length >= s.replicas;
        const updating = updatedNow && u && u.state !== 'completed';
        if (!enough || ready.length < wanted.length || updating) {
            const want = s.replicas ?? wanted.length;
            waiting.push(`${s.name} ${ready.length}/${want} running the new spec${updating ? ` (update ${u.state})` : ''}`);
        }
    }
    return waiting.length ? { state: 'waiting', reason: waiting.join('; ') } : { state: 'converged' };
}
/**
 * A task's image against the spec's: equal, or one is the other without its `@sha256:` digest (a manager
 * that could not reach the registry keeps the bare tag).
 */
function sameImage(task, spec) {
    const bare = (i) => i.replace(/@sha256:[0-9a-f]+$/, '');
    return task === spec || (bare(task) === bare(spec) && (!task.includes('@') || !spec.includes('@')));
}
/** Per watched service: desired/running replicas of its spec and the nodes they run on, for the summary. */
function replicaRows(view, watched) {
    return watched.map((s) => {
        const running = (view.tasks.get(s.id) ?? []).filter((t) => t.desired === 'running' && t.state === 'running' && sameImage(t.image, s.image));
        const nodes = [...new Set(running.map((t) => t.node))].sort();
        return [
            s.service,
            s.image.replace(/@sha256:[0-9a-f]+$/, ''),
            `${s.replicas ?? 'global'}/${running.length}`,
            nodes.join(', ') || '—',
        ];
    });
}

// EXTERNAL MODULE: external "node:crypto"
var external_node_crypto_ = __webpack_require__(7598);
// EXTERNAL MODULE: ./node_modules/yaml/dist/index.js
var dist = __webpack_require__(8815);
;// CONCATENATED MODULE: ./src/strategies/swarm/stack-files.ts







/**
 * The files a stack release is made of, kept per tag so a rollback deploys what that tag ran with: the compose
 * file (`.vps-deploy/stack/<tag>.yml`) and the env-file (`.vps-deploy/env/<tag>.env`, as the compose strategy
 * keeps it, src/strategies/env-release.ts). Each is staged by prepare and becomes the tag's record, and the
 * live `<app-dir>/<compose name>` and `<app-dir>/.env` (what `env_file: .env` reads), at activate.
 */
class StackFiles {
    conn;
    appDir;
    log;
    opts;
    /** The compose file's name in the app dir: from compose-file, else the one found there. */
    name;
    /** The tag prepare() staged: activating it records its files; activating any other brings back its own. */
    prepared;
    constructor(conn, appDir, log, opts) {
        this.conn = conn;
        this.appDir = appDir;
        this.log = log;
        this.opts = opts;
    }
    staged(tag) {
        return external_node_path_.posix.join(this.appDir, STACK_FILES_DIR, `.next-${tag}.yml`);
    }
    /** Stages `tag`'s compose file and env-file; returns the compose file's text (for the services check). */
    async stage(tag) {
        const { conn, appDir, log, opts } = this;
        this.prepared = undefined;
        await conn.run((0,quote.sh) `mkdir -p ${[appDir, external_node_path_.posix.join(appDir, STACK_FILES_DIR), external_node_path_.posix.join(appDir, env_release/* COMPOSE_ENV_DIR */.bq)]}`, 'creating the app directory', { log: false });
        const live = external_node_path_.posix.join(appDir, '.env');
        const [content] = await Promise.all([
            this.stageComposeFile(tag),
            opts.envFile &&
                (0,env_release/* recordEnv */.$c)(conn, opts.envFile, live, (0,env_release/* composeEnvStaged */._4)(appDir, tag))
                    .then(() => (0,env_release/* installFirstEnv */.po)(conn, opts.envFile, live, log, '.env'))
                    .then(() => log.info(`Uploaded the env-file for ${tag} (mode 0600); .env changes at the stack deploy`)),
        ]);
        this.prepared = tag;
        return content;
    }
    async stageComposeFile(tag) {
        const { conn, appDir, log, opts } = this;
        try {
            if (opts.composeFile) {
                this.name = opts.composeFile.name;
                await conn.upload(opts.composeFile.content, this.staged(tag), 0o644);
                log.info(`Uploaded ${opts.composeFile.name} for ${tag}`);
                return opts.composeFile.content;
            }
        }
        catch (e) {
            throw (0,errors/* inPhase */.xe)('upload', e);
        }
        const name = await this.liveName();
        if (!name)
            throw new errors/* ConfigurationError */.j1(`no compose file: give "compose-file", or put one of ${COMPOSE_NAMES.join(', ')} in ${appDir} on the server`);
        const live = external_node_path_.posix.join(appDir, name);
        await conn.run(placeFileCommand(live, this.staged(tag), suffix()), `recording ${name} for ${tag}`, {
            log: false,
        });
        return (await conn.run((0,quote.sh) `cat -- ${live}`, `reading ${name}`, { log: false })).stdout;
    }
    /** The name of the compose file in the app dir ('' when there is none). */
    async liveName() {
        if (this.name)
            return this.name;
        const r = await this.conn.run(findComposeFileCommand(this.appDir), 'looking for the compose file', {
            log: false,
        });
        return (this.name = r.stdout.trim().split('\n').pop() ?? '');
    }
    /** Puts `tag`'s compose file and config in place; returns the compose file's name in the app dir. */
    async apply(tag) {
        const { conn, appDir, log } = this;
        const staged = tag === this.prepared;
        this.prepared = undefined;
        const record = stackFileRecord(appDir, tag);
        if (staged)
            await conn.run((0,quote.sh) `mv -f -- ${this.staged(tag)} ${record}`, `recording the compose file of ${tag}`, {
                log: false,
            });
        const name = (await this.liveName()) || 'docker-compose.yml';
        const r = await conn.exec(placeFileCommand(record, external_node_path_.posix.join(appDir, name), suffix()), { log: false });
        if (r.code !== 0)
            log.warning(`${tag} has no recorded compose file (not deployed by the swarm strategy): ${name} left as it is`);
        await this.applyEnvOf(tag, staged);
        return name;
    }
    async applyEnvOf(tag, staged) {
        const { conn, appDir, log, opts } = this;
        const record = (0,env_release/* composeEnvRecord */.bK)(appDir, tag);
        const live = external_node_path_.posix.join(appDir, '.env');
        // No env-file: the release runs with the .env in place, and that is what a rollback to it brings back.
        if (staged && !opts.envFile)
            return (0,env_release/* recordEnv */.$c)(conn, '', live, record);
        if (staged)
            await (0,env_release/* keepStagedEnv */.R4)(conn, appDir, tag);
        await (0,env_release/* applyEnv */.iJ)(conn, log, tag, record, live, '.env');
    }
}
const suffix = () => (0,external_node_crypto_.randomBytes)(4).toString('hex');
/** The service names of a compose file's text (empty when it is not YAML with a `services` map). */
function composeServiceNames(text) {
    try {
        const doc = (0,dist.parse)(text);
        return doc?.services && typeof doc.services === 'object' ? Object.keys(doc.services) : [];
    }
    catch {
        return [];
    }
}
/** A `services` name the compose file does not define is the user's mistake: say so before anything changes. */
function checkServiceNames(services, text, stack) {
    const defined = composeServiceNames(text);
    if (!defined.length)
        return;
    const missing = services.filter((s) => !defined.includes(s));
    if (missing.length)
        throw new errors/* ConfigurationError */.j1(`input "services" names ${missing.join(', ')}, not a service of stack ${stack}'s compose file ` +
            `(it has ${defined.join(', ')}): name services as the compose file does, without the stack prefix`);
}

;// CONCATENATED MODULE: ./src/strategies/swarm/strategy.ts










/** What `docker info` said when the host cannot deploy a stack; undefined on a manager. */
function notAManager(roleOutput) {
    const [state, control] = roleOutput.trim().split('\n').pop().trim().split(/\s+/);
    if (state === 'active' && control === 'true')
        return undefined;
    if (state === 'active')
        return 'this host is a Swarm worker, not a manager: point "host" at a manager (`docker node ls` on one lists them)';
    return (`this host's Docker engine is not in a swarm (Swarm state: ${state || 'unknown'}). Make it a manager once: ` +
        '`docker swarm init --advertise-addr <its address>` (or join it to your swarm as a manager), then deploy again');
}
/**
 * The `swarm` strategy: `docker stack deploy --with-registry-auth` of the compose file on a manager with the tag
 * variable set, then a wait until every watched service runs its new spec (fail fast when Swarm pauses or rolls
 * back the update, when the nodes cannot pull the image, or when the new tasks crash in a loop). A rollback is a
 * stack deploy of the earlier tag's recorded compose file and env (README, "Scaling out": why not
 * `docker service rollback`).
 */
function swarmStrategy(ctx, opts) {
    const { conn, appDir, log } = ctx;
    const files = new StackFiles(conn, appDir, log, opts);
    let setupDone;
    let stack = opts.stack;
    /** The stack as it was just before the last `docker stack deploy`: tells this deploy's tasks from older ones. */
    let before = { versions: new Map(), taskIds: new Set() };
    /** Once per run: the host must be a manager, and the stack's name is settled (input, recorded, app name). */
    const setup = () => (setupDone ??= Promise.all([
        conn.run(SWARM_ROLE, 'asking Docker for its Swarm role', { log: false }).then((r) => {
            const problem = notAManager(r.stdout);
            if (problem)
                throw new errors/* ConfigurationError */.j1(problem);
        }),
        stack
            ? undefined
            : conn.run(readStackNameCommand(appDir), 'reading the stack name', { log: false }).then((r) => {
                stack = inputs/* STACK_NAME */.b.test(r.stdout.trim()) ? r.stdout.trim() : ctx.app;
            }),
    ]).then(() => undefined));
    const observe = async () => parseStackView((await conn.run(stackViewCommand(stack), 'reading the stack', { log: false, maxStdout: 4 << 20 }))
        .stdout, stack);
    const watched = (view) => {
        const w = watchedServices(view, opts.services, stack);
        if (w.missing)
            throw new errors/* ConfigurationError */.j1(w.missing);
        return w.watched;
    };
    const report = async (view, title) => {
        const rows = replicaRows(view, watched(view));
        for (const [service, image, replicas, nodes] of rows)
            log.info(`  ${service}: ${image}, replicas (desired/running) ${replicas}, on ${nodes}`);
        await opts.summary?.([
            `#### ${title}`,
            '',
            (0,summary/* table */.tp)(['service', 'image', 'replicas (desired/running)', 'nodes'], rows),
            '',
        ].join('\n'));
    };
    /** Waits for the watched services to run their new spec, within health-timeout; throws why not. */
    const converge = async (tag) => {
        const deadline = performance.now() + opts.timeoutSeconds * 1000;
        let said = '';
        for (;;) {
            const view = await observe();
            const c = convergence(view, watched(view), before);
            if (c.state === 'converged') {
                log.info(`Stack ${stack} converged on ${tag}`);
                return report(view, `Swarm stack ${stack} with ${tag}`);
            }
            if (c.state === 'failed')
                throw new errors/* RemoteError */.Hi(c.reason, 'activate');
            if (performance.now() + opts.intervalSeconds * 1000 > deadline)
                throw new errors/* RemoteError */.Hi(`stack ${stack} did not converge on ${tag} within health-timeout (${opts.timeoutSeconds}s): ${c.reason}`, 'activate');
            if (c.reason !== said)
                log.info(`  waiting: ${c.reason}`);
            said = c.reason;
            await new Promise((r) => setTimeout(r, opts.intervalSeconds * 1000));
        }
    };
    const recorded = async () => {
        const r = await conn.run(recordedTagsCommand(appDir), 'listing recorded releases', { log: false });
        return r.stdout
            .split('\n')
            .map((l) => /^(\d+) (.+)\.yml$/.exec(l.trim()))
            .filter((m) => !!m && tag/* TAG_PATTERN */.A.test(m[2]))
            .map((m) => ({ tag: m[2], time: Number(m[1]) }));
    };
    return {
        name: 'swarm',
        // The tag names the image in the registry: a re-deploy over itself has no earlier build to return to.
        restoresRedeploy: false,
        async prepare(tag) {
            const [, content] = await Promise.all([
                setup(),
                files.stage(tag),
                opts.registry &&
                    conn
                        .run((0,commands/* loginCommand */.nc)(opts.registry.host, opts.registry.username), `docker login ${opts.registry.host}`, {
                        stdin: opts.registry.password,
                        log: false,
                    })
                        .then(() => log.info(`Logged in to ${opts.registry.host} on the manager as ${opts.registry.username}`)),
            ]);
            checkServiceNames(opts.services, content, stack);
        },
        async migrate(tag) {
            if (!opts.migrateCommand)
                return;
            await conn.run((0,env_release/* imageMigrateCommand */.eU)(opts.migrateCommand, appDir, opts.tagVariable, tag, Boolean(opts.envFile)), 'migrate-command');
        },
        async activate(tag) {
            await setup();
            const name = await files.apply(tag);
            await conn.run((0,quote.sh) `printf '%s\n' ${stack} > ${stackNameFile(appDir)}`, 'recording the stack name', {
                log: false,
            });
            before = snapshotOf(await observe());
            await conn.run(stackDeployCommand(appDir, [name], stack, opts.tagVariable, tag), `docker stack deploy ${stack} with ${opts.tagVariable}=${tag}`);
            await converge(tag);
        },
        async fatal() {
            await setup();
            const view = await observe();
            const c = convergence(view, watched(view), before);
            return c.state === 'failed' ? c.reason : undefined;
        },
        async readiness() {
            await setup();
            const view = await observe();
            const c = convergence(view, watched(view), before);
            return c.state === 'converged' ? { state: 'ready' } : c;
        },
        async logs() {
            try {
                await setup();
                // Only services the stack has: a misspelt name in `services` gets its own error, not a log of one.
                const names = watchedServices(await observe(), opts.services, stack).watched.map((s) => s.name);
                if (!names.length)
                    return '';
                const r = await conn.exec(serviceLogsCommand(names), { log: false, maxStdout: 256 * 1024 });
                return r.stdout.trimEnd();
            }
            catch (e) {
                log.debug(`reading the service logs failed: ${e instanceof Error ? e.message : String(e)}`);
                return '';
            }
        },
        async available() {
            return (await recorded()).sort((a, b) => b.time - a.time).map((t) => t.tag);
        },
        async prune(keep, protect, failed) {
            const doomed = (0,prune_rule/* selectPrunable */.Q)(await recorded(), keep, protect, failed);
            if (!doomed.length)
                return [];
            // Images stay on the nodes (Docker's own `docker image prune` per node): the registry still has them.
            await conn.exec(forgetTagsCommand(appDir, doomed), { log: false });
            await conn.exec((0,env_release/* forgetComposeEnvCommand */.wL)(appDir, doomed), { log: false });
            return doomed;
        },
    };
}


/***/ })

};
