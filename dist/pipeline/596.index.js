export const id = 596;
export const ids = [596];
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

/***/ 9215:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

// ESM COMPAT FLAG
__webpack_require__.r(__webpack_exports__);

// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  composeStrategy: () => (/* binding */ composeStrategy)
});

// EXTERNAL MODULE: ./src/io/errors.ts
var errors = __webpack_require__(7333);
// EXTERNAL MODULE: ./src/ssh/quote.ts
var quote = __webpack_require__(9038);
// EXTERNAL MODULE: ./src/strategies/compose/commands.ts + 1 modules
var commands = __webpack_require__(8709);
// EXTERNAL MODULE: external "node:crypto"
var external_node_crypto_ = __webpack_require__(7598);
// EXTERNAL MODULE: external "node:fs"
var external_node_fs_ = __webpack_require__(3024);
// EXTERNAL MODULE: external "node:path"
var external_node_path_ = __webpack_require__(6760);
// EXTERNAL MODULE: ./src/strategies/compose/extra-files.ts
var extra_files = __webpack_require__(890);
;// CONCATENATED MODULE: ./src/strategies/compose/ship-files.ts






/** Uploads at once at most this many files (SFTP requests share the one connection). */
const PARALLEL = 8;
/**
 * Uploads a tag's extra files to <app-dir>/.vps-deploy/files/<tag> (staged under a temp name, renamed when
 * complete), before anything running changes: a failure leaves the files in place untouched.
 */
async function shipExtraFiles(conn, appDir, tag, files, log) {
    const staging = `.incoming-${tag}-${(0,external_node_crypto_.randomBytes)(4).toString('hex')}`;
    const uploads = (0,extra_files/* filesToUpload */.mw)(files);
    const dirs = [...new Set(uploads.map((u) => external_node_path_.posix.dirname(u.remote)).filter((d) => d !== '.'))];
    const root = external_node_path_.posix.join(appDir, extra_files/* FILES_DIR */.qM, staging, 'root');
    try {
        await conn.run((0,extra_files/* stagingCommand */.fy)(appDir, staging, dirs), 'staging the extra files', { log: false });
        const progress = conn.progress?.(`upload of the extra files for ${tag}`, totalBytes(uploads));
        for (let i = 0; i < uploads.length; i += PARALLEL) {
            await Promise.all(uploads.slice(i, i + PARALLEL).map(async (u) => {
                await conn.upload((0,extra_files/* readLocal */.iG)(u.local), external_node_path_.posix.join(root, u.remote), u.mode);
                progress?.add(sizeOf(u.local));
            }));
        }
        progress?.done();
        await conn.run((0,extra_files/* recordCommand */.t6)(appDir, staging, tag, files.map((f) => f.remote)), 'recording the extra files', { log: false });
    }
    catch (e) {
        await conn
            .exec((0,quote.sh) `rm -rf -- ${external_node_path_.posix.join(appDir, extra_files/* FILES_DIR */.qM, staging)}`, { log: false })
            .catch(() => undefined);
        throw (0,errors/* inPhase */.xe)('upload', e);
    }
    log.info(`Uploaded ${uploads.length} extra file(s) for ${tag}: ${files.map((f) => f.remote).join(', ')}`);
}
/** Copies the files recorded with `tag` into the app dir (before `up`), saying what it did. */
async function applyExtraFiles(conn, appDir, tag, log) {
    const r = await conn.run((0,extra_files/* applyCommand */.sz)(appDir, tag), `putting the extra files of ${tag} in place`, {
        log: false,
    });
    const out = r.stdout.trim();
    if (out === 'none')
        log.info(`No extra files were recorded with ${tag}: the files in place stay as they are`);
    else if (out)
        log.info(`Extra files of ${tag} in place: ${out.split('\n').join(', ')}`);
}
/** A file's size on the runner, for the progress line (0 when it cannot be read: the upload says why). */
function sizeOf(path) {
    try {
        return (0,external_node_fs_.statSync)(path).size;
    }
    catch {
        return 0;
    }
}
function totalBytes(uploads) {
    return uploads.reduce((n, u) => n + sizeOf(u.local), 0);
}

;// CONCATENATED MODULE: ./src/strategies/compose/interrupted-recreate.ts

/**
 * docker-compose v1 killed in the middle of a recreate leaves the service's old container renamed to
 * `<12 hex of its id>_<name>`, and the next `up -d` then fails with "Renaming a container with the same name as
 * its current name". Run before `up -d`, this puts such a container back under its name when no container holds
 * that name (a rename keeps its anonymous volumes), or removes it when one does. It prints one line per container
 * it changed, `renamed <temporary> <name>` or `removed <temporary> <name>`, for the log.
 * The app's containers are those whose compose working-dir label is the app dir's physical path (the project
 * name is not known here: a `name:` in the file or COMPOSE_PROJECT_NAME may set it). Compose v2 names its
 * temporary containers the same way, so the command is harmless there.
 */
function recoverInterruptedRecreateCommand(appDir) {
    const names = (0,quote.sh) `cd ${appDir} && wd=$(pwd -P) && docker ps -a --filter "label=com.docker.compose.project.working_dir=$wd" --format '{{.Names}}'`;
    // `expr` anchors at the start: 12 lowercase hex digits and an underscore, then the name compose expects.
    return (`${names} | while IFS= read -r n; do ` +
        `[ "$(expr "$n" : '[0-9a-f]\\{12\\}_.')" = 14 ] || continue; ` +
        `want=\${n#????????????_}; ` +
        `if docker inspect --type container -- "$want" >/dev/null 2>&1; ` +
        `then docker rm -f -- "$n" >/dev/null && echo "removed $n $want"; ` +
        `else docker rename "$n" "$want" && echo "renamed $n $want"; fi; done`);
}
/** The log lines for recoverInterruptedRecreateCommand's output. */
function describeRecovery(output) {
    return output
        .split('\n')
        .map((l) => l.trim().split(' '))
        .filter(([verb, from, to]) => (verb === 'renamed' || verb === 'removed') && from && to)
        .map(([verb, from, to]) => verb === 'renamed'
        ? `Put container ${from} back under its name ${to} (left by an interrupted up -d)`
        : `Removed container ${from} (left by an interrupted up -d; ${to} exists)`);
}

// EXTERNAL MODULE: ./src/strategies/env-release.ts
var env_release = __webpack_require__(9626);
// EXTERNAL MODULE: ./node_modules/yaml/dist/index.js
var dist = __webpack_require__(8815);
;// CONCATENATED MODULE: ./src/strategies/compose/blue-green-commands.ts






/**
 * The remote command text and pure decisions of compose's blue-green switch (blue-green.ts runs them).
 * One instance = the containers one `up --scale` added for the app's services; the web service's container
 * publishes 127.0.0.1:<port>. Which containers belong to the instance on a port is recorded in
 * <app-dir>/.vps-deploy/compose-instances/<port> (ids, one a line), so a later run (the next deploy, a rollback)
 * stops the old worker with the old web container.
 */
/** The variable the compose file publishes the web service on: `127.0.0.1:${APP_PORT}:8000`. */
const PORT_VARIABLE = 'APP_PORT';
const INSTANCES_DIR = '.vps-deploy/compose-instances';
/** The live .env as it was before startBeside rewrote it: put back when the new instance is not promoted. */
const SAVED_ENV = '.vps-deploy/env/.serving.env';
/** `cd <app-dir> && env K=V … <compose> <args>`: the variables hold for that one command. */
function composeWith(cli, appDir, args, vars) {
    const env = vars.length ? (0,quote.sh) `env ${vars.map(([k, v]) => `${k}=${v}`)} ` : '';
    return (0,quote.sh) `cd ${appDir} && ${(0,quote/* raw */.lS)(env)}${[...cli, ...args]}`;
}
/** The tag and port variables `up` and `config` interpolate (port 0: empty, an ephemeral host port). */
function instanceVars(tagVariable, tag, port) {
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
function scaleUpArgs(scales, firstStart) {
    return [
        'up',
        '-d',
        '--no-recreate',
        ...(firstStart ? [] : ['--no-deps']),
        ...scales.flatMap((s) => ['--scale', `${s.service}=${s.count}`]),
        ...scales.map((s) => s.service),
    ];
}
const PORTS_FORMAT = `${commands/* INSPECT_FORMAT */.Fl}\t{{json .HostConfig.PortBindings}}\t{{json .NetworkSettings.Ports}}`;
/** Prints the app dir's physical path, `<port>:<id>` per recorded id, then one PORTS_FORMAT line per container. */
function instancesCommand(appDir) {
    return ((0,quote.sh) `cd ${appDir} && pwd -P && { cd ${INSTANCES_DIR} 2>/dev/null && grep -H '' -- * 2>/dev/null; cd ${appDir}; } ; ` +
        (0,commands/* inspectAppContainersCommand */.LO)(appDir, PORTS_FORMAT));
}
function bindings(json) {
    try {
        return JSON.parse(json ?? 'null');
    }
    catch {
        return null;
    }
}
/** instancesCommand's output -> the app services' containers with their ports, and the recorded instances. */
function readInstances(output, appDir, services) {
    const [physical = '', ...rest] = output.trim().split('\n');
    const recorded = new Map();
    const lines = [];
    for (const line of rest) {
        const rec = /^(\d+):([0-9a-f]{12,64})$/.exec(line.trim());
        if (rec)
            recorded.set(Number(rec[1]), [...(recorded.get(Number(rec[1])) ?? []), rec[2]]);
        else
            lines.push(line);
    }
    const ports = new Map();
    for (const line of lines) {
        const f = line.split('\t');
        ports.set(f[0], { configured: bindings(f[9]), actual: bindings(f[10]) });
    }
    const containers = (0,commands/* appContainers */.So)([physical, ...lines].join('\n'), appDir, services).map((c) => {
        const p = ports.get(c.id);
        const actual = new Map();
        const hostPorts = new Set();
        for (const [which, b] of [
            ['configured', p?.configured],
            ['actual', p?.actual],
        ]) {
            for (const [containerPort, list] of Object.entries(b ?? {})) {
                for (const x of list ?? []) {
                    const n = Number(x.HostPort);
                    if (!x.HostPort || !Number.isInteger(n) || n <= 0)
                        continue;
                    hostPorts.add(n);
                    if (which === 'actual' && !actual.has(containerPort))
                        actual.set(containerPort, n);
                }
            }
        }
        return { ...c, hostPorts: [...hostPorts], actual };
    });
    return { containers, recorded };
}
/** The containers of the instance on `port`: recorded for it, or publishing it (a container started before any record). */
function instanceAt(view, port) {
    if (!port)
        return [];
    const ids = new Set(view.recorded.get(port) ?? []);
    return view.containers.filter((c) => ids.has(c.id) || c.hostPorts.includes(port));
}
/** Writes the ids of the instance on `port` (temp + rename). */
function recordInstanceCommand(appDir, port, ids) {
    const dir = external_node_path_.posix.join(appDir, INSTANCES_DIR);
    const file = external_node_path_.posix.join(dir, String(port));
    return (0,quote.sh) `mkdir -p -- ${dir} && printf '%s\n' ${ids} > ${`${file}.tmp`} && mv -f -- ${`${file}.tmp`} ${file}`;
}
/**
 * Stops the containers (each within its own stop_grace_period: in-flight requests finish on SIGTERM), removes
 * them, and forgets the record of `port`.
 */
function removeInstanceCommand(appDir, port, ids) {
    const record = external_node_path_.posix.join(appDir, INSTANCES_DIR, String(port));
    if (!ids.length)
        return (0,quote.sh) `rm -f -- ${record}`;
    return (0,quote.sh) `docker stop ${ids} >/dev/null; docker rm -f ${ids} >/dev/null && rm -f -- ${record}`;
}
/** The last lines of each container's log, headed by its name. */
function instanceLogsCommand(containers, lines = 80) {
    return containers
        .map((c) => (0,quote.sh) `echo ${`== ${c.name}`} && docker logs --tail ${String(lines)} ${c.id} 2>&1`)
        .join('; ');
}
/** Keeps the live .env aside (or notes there was none) before startBeside rewrites it. */
function saveEnvCommand(appDir) {
    const live = external_node_path_.posix.join(appDir, '.env');
    const saved = external_node_path_.posix.join(appDir, SAVED_ENV);
    return (0,quote.sh) `mkdir -p -- ${external_node_path_.posix.dirname(saved)} && rm -f -- ${saved} && { [ ! -f ${live} ] || cp -p -- ${live} ${saved}; }`;
}
/** Puts back the .env saveEnvCommand kept (none kept: there was no .env, so there is none again). */
function restoreEnvCommand(appDir) {
    const live = external_node_path_.posix.join(appDir, '.env');
    const saved = external_node_path_.posix.join(appDir, SAVED_ENV);
    return (0,quote.sh) `if [ -f ${saved} ]; then mv -f -- ${saved} ${live}; else rm -f -- ${live}; fi`;
}
/** A run killed between startBeside and promote left .env naming its instance: the kept one is the serving one's. */
function recoverEnvCommand(appDir) {
    const live = external_node_path_.posix.join(appDir, '.env');
    const saved = external_node_path_.posix.join(appDir, SAVED_ENV);
    return (0,quote.sh) `if [ -f ${saved} ]; then mv -f -- ${saved} ${live} && echo recovered; fi`;
}
function dropSavedEnvCommand(appDir) {
    return (0,quote.sh) `rm -f -- ${external_node_path_.posix.join(appDir, SAVED_ENV)}`;
}
/**
 * The live .env for an instance: `record` (the tag's recorded config; the live .env when there is none, and
 * then prints `none`) without its own lines for `vars`, then `vars` as lines. A later plain `up` (a restart
 * switch, a backup's start) reads the same tag and port the serving container was made with, so Compose sees
 * nothing to recreate. Mode 0600 (0640 in a setgid dir), written to a temp file and renamed.
 */
function liveEnvCommand(appDir, record, vars, tmpSuffix) {
    const live = external_node_path_.posix.join(appDir, '.env');
    const tmp = `${live}.tmp-${tmpSuffix}`;
    const names = vars.map(([k]) => {
        if (!/^[A-Za-z_][A-Za-z0-9_]*$/.test(k))
            throw new Error(`not a variable name: ${k}`);
        return k;
    });
    const pattern = `^[[:space:]]*(export[[:space:]]+)?(${names.join('|')})[[:space:]]*=`;
    return ((0,quote.sh) `src=${record}; if [ ! -f "$src" ]; then echo none; src=${live}; fi; ` +
        (0,quote.sh) `(umask 077 && { if [ -f "$src" ]; then grep -v -E ${pattern} -- "$src" || true; fi; ` +
        (0,quote.sh) `printf '%s\n' ${vars.map(([k, v]) => `${k}=${v}`)}; } > ${tmp}) && ` +
        (0,env_release/* envModeCommand */._S)(tmp) +
        (0,quote.sh) ` && { mv -f -- ${tmp} ${live} || { rc=$?; rm -f -- ${tmp}; exit $rc; }; }`);
}
/** The port `config` interpolates ${APP_PORT} to when prepare() checks the file before the port is known. */
const PROBE_PORT = 65535;
/** One `ports:` entry of `config` output: v1 prints `127.0.0.1:8001:8000/tcp`, v2 a mapping. */
function portEntry(p) {
    if (typeof p === 'string' || typeof p === 'number') {
        const m = /^(?:(?:\[[^\]]*\]|[^:]*):)?([^:]*):(\d+)(?:\/(\w+))?$/.exec(String(p));
        if (m)
            return { published: m[1], target: `${m[2]}/${m[3] ?? 'tcp'}` };
        const only = /^(\d+)(?:\/(\w+))?$/.exec(String(p));
        return only ? { published: '', target: `${only[1]}/${only[2] ?? 'tcp'}` } : undefined;
    }
    if (p && typeof p === 'object') {
        const o = p;
        if (o.target === undefined)
            return undefined;
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
function blueGreenPlan(configOutput, services, port, opts = {}) {
    if (!services.length)
        throw new errors/* ConfigurationError */.j1('switch: blue-green with strategy compose needs `services`: the app services that get a second ' +
            'instance beside the serving one (never the database or Redis)');
    const doc = ((0,dist.parse)(configOutput) ?? {});
    const all = doc.services ?? {};
    const webs = [];
    for (const s of services) {
        const def = all[s];
        if (!def)
            throw new errors/* ConfigurationError */.j1(`services names ${s}, which the compose file does not define`);
        if (def.container_name)
            throw new errors/* ConfigurationError */.j1(`service ${s} sets container_name, so Compose cannot run a second container of it: remove container_name for switch: blue-green`);
        const ports = Array.isArray(def.ports) ? def.ports : [];
        if (ports.length)
            webs.push({ service: s, entries: ports.map(portEntry).filter((e) => e !== undefined) });
    }
    const want = opts.probe
        ? `publish it on 127.0.0.1:\${${PORT_VARIABLE}}:<container port> (or 127.0.0.1::<container port>: ephemeral)`
        : port
            ? `publish it on 127.0.0.1:\${${PORT_VARIABLE}}:<container port>`
            : 'publish it on an ephemeral host port, 127.0.0.1::<container port>';
    if (webs.length !== 1)
        throw new errors/* ConfigurationError */.j1(webs.length
            ? `switch: blue-green takes exactly one service that publishes ports among services (${services.join(', ')}); ` +
                `${webs.map((w) => w.service).join(' and ')} do: the others may not publish any`
            : `none of services (${services.join(', ')}) publishes a port for the proxy: ${want}`);
    const { service, entries } = webs[0];
    const fixed = entries.filter((e) => e.published !== '' && e.published !== String(port));
    const onPort = entries.filter((e) => e.published === String(port));
    // A probe (port = PROBE_PORT, before the ports are known) takes ${APP_PORT} or an ephemeral port.
    const ephemeral = entries.filter((e) => e.published === '');
    const mine = opts.probe ? (onPort.length ? onPort : ephemeral) : port ? onPort : ephemeral;
    if (fixed.length || mine.length !== 1)
        throw new errors/* ConfigurationError */.j1(`service ${service} publishes ${entries.map((e) => `${e.published || '(ephemeral)'}:${e.target}`).join(', ')}; ` +
            `two instances cannot share a fixed host port: ${want}, and no other port`);
    return { web: service, containerPort: mine[0].target };
}

;// CONCATENATED MODULE: ./src/strategies/compose/blue-green.ts






/**
 * Compose's side of `switch: blue-green` (docs/blue-green.md, Compose): the app's services get one more
 * container each with `up -d --no-recreate --no-deps --scale`, the web one on 127.0.0.1:<port>; the serving
 * containers and the stateful services are never recreated. `.env` names the new tag and port from the start
 * (a later plain `up` then sees nothing to recreate) and goes back to what it was if the new instance is stopped
 * without being promoted.
 */
function composeBlueGreen(ctx, deps) {
    const { conn, appDir, log } = ctx;
    /** The instance startBeside made and promote has not taken yet: stopping it puts the saved .env back. */
    let pending;
    const view = async () => readInstances((await conn.run(instancesCommand(appDir), 'listing containers', { log: false })).stdout, appDir, deps.services);
    const names = (cs) => cs.map((c) => c.name).join(', ');
    const remove = async (port, cs) => conn.run(removeInstanceCommand(appDir, port, cs.map((c) => c.id)), `stopping ${names(cs) || 'nothing'}`, { log: false });
    /** The tag's config becomes .env (as the restart switch's activate does), plus the tag and port lines. */
    const putEnv = async (tag, vars) => {
        const record = (0,env_release/* composeEnvRecord */.bK)(appDir, tag);
        if (deps.takePrepared(tag)) {
            if (deps.envFile)
                await (0,env_release/* keepStagedEnv */.R4)(conn, appDir, tag);
            else
                await (0,env_release/* recordEnv */.$c)(conn, '', `${appDir}/.env`, record);
        }
        const r = await conn.run(liveEnvCommand(appDir, record, vars, (0,external_node_crypto_.randomBytes)(4).toString('hex')), `putting the config of ${tag} in place`, { log: false });
        const set = vars.map(([k, v]) => `${k}=${v}`).join(' ');
        if (r.stdout.trim() === 'none')
            log.warning(`${tag} has no recorded env: .env kept as it was, with ${set}`);
        else
            log.info(`.env is the config recorded with ${tag}, with ${set}`);
    };
    const undoStart = async (before, port) => {
        try {
            const fresh = (await view()).containers.filter((c) => !before.has(c.id));
            if (fresh.length)
                await remove(port, fresh);
            await conn.run(restoreEnvCommand(appDir), 'putting back .env', { log: false });
        }
        catch (e) {
            log.warning(`cleaning up the new instance failed: ${(0,errors/* errText */.V7)(e)}`);
        }
        pending = undefined;
    };
    return {
        /** prepare(): the file's services can run twice (services, container_name, one published port), before migrate. */
        async checkFile(tag) {
            const cli = await deps.compose();
            const config = await conn.run(composeWith(cli, appDir, ['config'], instanceVars(deps.tagVariable, tag, PROBE_PORT)), 'reading the compose file', { log: false });
            blueGreenPlan(config.stdout, deps.services, PROBE_PORT, { probe: true });
        },
        async startBeside(tag, port) {
            const cli = await deps.compose();
            const vars = instanceVars(deps.tagVariable, tag, port);
            const config = await conn.run(composeWith(cli, appDir, ['config'], vars), 'reading the compose file', {
                log: false,
            });
            const plan = blueGreenPlan(config.stdout, deps.services, port);
            let now = await view();
            // Containers on the new port are not serving (the proxy names the other one): a run killed before its stopAt.
            const leftover = instanceAt(now, port);
            if (leftover.length) {
                log.warning(`removing ${names(leftover)}, left on port ${port} by an earlier run`);
                await remove(port, leftover);
                const r = await conn.run(recoverEnvCommand(appDir), 'putting back .env', { log: false });
                if (r.stdout.includes('recovered'))
                    log.warning('.env is again the serving instance’s, as that run left it');
                now = await view();
            }
            const before = new Set(now.containers.map((c) => c.id));
            const scales = deps.services.map((service) => ({
                service,
                count: now.containers.filter((c) => c.service === service).length + 1,
            }));
            await conn.run(saveEnvCommand(appDir), 'keeping the serving .env aside', { log: false });
            pending = { port };
            try {
                await applyExtraFiles(conn, appDir, tag, log);
                await putEnv(tag, vars);
                await deps.beforeUp();
                await conn.run(composeWith(cli, appDir, scaleUpArgs(scales, before.size === 0), vars), `starting ${tag} beside the serving instance (${vars.map(([k, v]) => `${k}=${v}`).join(' ')})`);
            }
            catch (e) {
                await undoStart(before, port);
                throw e;
            }
            const fresh = (await view()).containers.filter((c) => !before.has(c.id));
            const web = fresh.find((c) => c.service === plan.web);
            const actual = port || web?.actual.get(plan.containerPort);
            if (!web || !actual) {
                const why = web ? ((0,commands/* crashedReason */.p)([web], new Map()) ?? `it is ${web.status}`) : 'Compose started none';
                await undoStart(before, port);
                throw new errors/* RemoteError */.Hi(`the new ${plan.web} container of ${tag} has no host port: ${why}`, 'activate');
            }
            await conn.run(recordInstanceCommand(appDir, actual, fresh.map((c) => c.id)), 'recording the new instance', { log: false });
            pending = { port: actual };
            log.info(`${tag} runs beside the serving instance: ${names(fresh)}, on 127.0.0.1:${actual}`);
            return actual;
        },
        async fatalAt(port) {
            const cs = instanceAt(await view(), port);
            if (!cs.length)
                return `no container of ${deps.services.join(', ')} publishes port ${port}`;
            // Restart counts from zero: these containers were created by this instance's `up`.
            return (0,commands/* crashedReason */.p)(cs, new Map());
        },
        async logsAt(port) {
            try {
                const cs = instanceAt(await view(), port);
                if (!cs.length)
                    return '';
                const r = await conn.exec(instanceLogsCommand(cs), { log: false, maxStdout: 256 * 1024 });
                return r.stdout.trimEnd();
            }
            catch (e) {
                log.debug(`reading the instance's logs failed: ${(0,errors/* errText */.V7)(e)}`);
                return '';
            }
        },
        async promote(tag, port) {
            if (pending?.port !== port)
                return;
            // .env already names this instance (startBeside wrote it): only the copy of the old one goes.
            await conn.run(dropSavedEnvCommand(appDir), 'forgetting the old .env', { log: false });
            pending = undefined;
            log.info(`.env names ${tag} on port ${port}: a later up -d keeps the serving container as it is`);
        },
        async stopAt(port) {
            const cs = instanceAt(await view(), port);
            if (cs.length) {
                await remove(port, cs);
                log.info(`Stopped and removed ${names(cs)} (port ${port})`);
            }
            else
                await conn.run(removeInstanceCommand(appDir, port, []), 'forgetting the instance', { log: false });
            if (pending?.port === port) {
                await conn.run(restoreEnvCommand(appDir), 'putting back .env', { log: false });
                pending = undefined;
                log.info('.env is again the serving instance’s');
            }
        },
    };
}

// EXTERNAL MODULE: ./src/flow/prune-rule.ts
var prune_rule = __webpack_require__(5867);
;// CONCATENATED MODULE: ./src/strategies/compose/strategy.ts









/**
 * The `compose` strategy: images pinned by tag, `pull` before anything changes, `up -d` with the tag variable
 * set for that command. Old images stay on the server, so a rollback needs no registry; prune removes the
 * images of tags beyond keep-releases.
 */
function composeStrategy(ctx, opts) {
    const { conn, appDir, log } = ctx;
    let cli;
    /** Restart counts read by prepare for the next activate, and those the gate compares against. */
    let snapshot;
    let baseline = new Map();
    /** The tag last activated, so the compose file interpolates as it did for `up` when the logs are read. */
    let activeTag;
    /** The tag prepare() made ready: activating it records its config; activating any other brings back its own. */
    let preparedTag;
    const liveEnv = `${appDir}/.env`;
    const restartCounts = (cs) => new Map(cs.map((c) => [c.id, c.restarts]));
    const login = async ({ host, username, password, }) => {
        await conn.run((0,commands/* loginCommand */.nc)(host, username), `docker login ${host} on the server`, {
            stdin: password,
            log: false,
        });
        log.info(`Logged in to ${host} on the server as ${username}`);
    };
    const compose = async () => {
        if (cli)
            return cli;
        const found = (0,commands/* chooseCompose */.wn)((await conn.run(commands/* DETECT_COMPOSE */.Hx, 'looking for Docker Compose', { log: false })).stdout);
        if (!found)
            throw new errors/* RemoteError */.Hi(commands/* NO_COMPOSE */.dy);
        log.info(`Using ${found.join(' ')}`);
        return (cli = found);
    };
    const run = async (args, what, tag) => conn.run((0,commands/* composeCommand */.ec)(await compose(), appDir, args, opts.tagVariable, tag), what);
    const containers = async () => (0,commands/* appContainers */.So)((await conn.run((0,commands/* containersCommand */.I8)(appDir), 'listing containers', { log: false })).stdout, appDir, opts.services);
    const templates = async () => {
        const r = await conn.run((0,commands/* composeCommand */.ec)(await compose(), appDir, ['config'], opts.tagVariable, commands/* TAG_SENTINEL */.Gs), 'reading the compose file', {
            log: false,
        });
        return (0,commands/* imageTemplates */.br)(r.stdout);
    };
    const present = async () => {
        const t = await templates();
        return {
            templates: t,
            tags: (0,commands/* presentTags */.TB)(t, (await conn.run(commands/* IMAGE_LIST */.PY, 'listing images', { log: false })).stdout),
        };
    };
    /** A container an interrupted `up -d` left under a temporary name would make this `up -d` fail: put it back. */
    const recoverInterruptedRecreate = async () => {
        const r = await conn.run(recoverInterruptedRecreateCommand(appDir), 'checking for an interrupted recreate', {
            log: false,
        });
        for (const line of describeRecovery(r.stdout))
            log.warning(line);
    };
    /** The config of `tag` becomes .env: the one this run staged, or (a rollback) the one recorded with it. */
    const switchEnv = async (tag) => {
        const record = (0,env_release/* composeEnvRecord */.bK)(appDir, tag);
        const staged = tag === preparedTag;
        preparedTag = undefined;
        if (staged && !opts.envFile) {
            // No env-file: the release runs with the .env in place, and that is what a rollback to it brings back.
            await (0,env_release/* recordEnv */.$c)(conn, '', liveEnv, record);
            return;
        }
        if (staged)
            await (0,env_release/* keepStagedEnv */.R4)(conn, appDir, tag);
        await (0,env_release/* applyEnv */.iJ)(conn, log, tag, record, liveEnv, '.env');
    };
    const blueGreen = opts.blueGreen
        ? composeBlueGreen(ctx, {
            services: opts.services,
            tagVariable: opts.tagVariable,
            envFile: opts.envFile,
            compose,
            takePrepared: (tag) => {
                const staged = tag === preparedTag;
                preparedTag = undefined;
                return staged;
            },
            beforeUp: recoverInterruptedRecreate,
        })
        : undefined;
    return {
        name: 'compose',
        restoresRedeploy: false,
        ...(blueGreen ? { blueGreen } : {}),
        async prepare(tag) {
            preparedTag = undefined;
            await conn.run((0,quote.sh) `mkdir -p ${appDir} ${`${appDir}/${env_release/* COMPOSE_ENV_DIR */.bq}`}`, 'creating the app directory', {
                log: false,
            });
            // Independent steps share the connection's channels: files, compose detection, registry login.
            await Promise.all([
                opts.composeFile &&
                    conn
                        .upload(opts.composeFile.content, `${appDir}/${opts.composeFile.name}`, 0o644)
                        .then(() => log.info(`Uploaded ${opts.composeFile.name}`)),
                // The live .env changes only at `up` (activate): staged here, beside the other tags' records.
                opts.envFile &&
                    (0,env_release/* recordEnv */.$c)(conn, opts.envFile, liveEnv, (0,env_release/* composeEnvStaged */._4)(appDir, tag))
                        .then(() => (0,env_release/* installFirstEnv */.po)(conn, opts.envFile, liveEnv, log, '.env'))
                        .then(() => log.info(`Uploaded the env-file for ${tag} (mode 0600); .env changes at up -d`)),
                compose(),
                opts.registry && login(opts.registry),
                opts.extraFiles?.length && shipExtraFiles(conn, appDir, tag, opts.extraFiles, log),
            ]);
            // switch: blue-green: refused before the pull and migrate when the services cannot run twice.
            await blueGreen?.checkFile(tag);
            // The restart counts before `up` are read while the images pull (nothing restarts containers in between).
            const [, before] = await Promise.all([
                run((0,commands/* pullArgs */.bw)(opts.services), `pulling ${opts.tagVariable}=${tag}`, tag),
                containers(),
            ]);
            snapshot = restartCounts(before);
            preparedTag = tag;
        },
        async migrate(tag) {
            if (!opts.migrateCommand)
                return;
            await conn.run((0,env_release/* imageMigrateCommand */.eU)(opts.migrateCommand, appDir, opts.tagVariable, tag, Boolean(opts.envFile)), 'migrate-command');
        },
        async activate(tag) {
            // A rollback activates without prepare: it reads the restart counts itself.
            baseline = snapshot ?? restartCounts(await containers());
            snapshot = undefined;
            activeTag = tag;
            await applyExtraFiles(conn, appDir, tag, log);
            await switchEnv(tag);
            await recoverInterruptedRecreate();
            await run((0,commands/* upArgs */.bb)(opts.services), `docker compose up -d with ${opts.tagVariable}=${tag}`, tag);
        },
        async fatal() {
            return (0,commands/* crashedReason */.p)(await containers(), baseline);
        },
        async readiness() {
            return (0,commands/* dockerReadiness */.Jt)(await containers());
        },
        async logs() {
            try {
                const command = (0,commands/* composeCommand */.ec)(await compose(), appDir, (0,commands/* logsArgs */.RR)(opts.services), opts.tagVariable, activeTag);
                const r = await conn.exec(`${command} 2>&1`, { log: false, maxStdout: 256 * 1024 });
                return r.stdout.trimEnd();
            }
            catch (e) {
                log.debug(`reading the compose logs failed: ${e instanceof Error ? e.message : String(e)}`);
                return '';
            }
        },
        async available() {
            const { tags } = await present();
            return tags.sort((a, b) => b.time - a.time).map((t) => t.tag);
        },
        async prune(keep, protect, failed) {
            const { templates: t, tags } = await present();
            const doomed = (0,prune_rule/* selectPrunable */.Q)(tags, keep, protect, failed);
            if (!doomed.length)
                return [];
            const images = doomed.flatMap((tag) => (0,commands/* imagesOfTag */.o6)(t, tag));
            // An image still used by a stopped container stays; that is not worth failing a deploy for.
            await conn.exec((0,quote.sh) `for i in ${images}; do docker image rm "$i" >/dev/null 2>&1 || echo "kept $i (in use)"; done`);
            await conn.exec((0,extra_files/* forgetCommand */.pW)(appDir, doomed), { log: false });
            await conn.exec((0,env_release/* forgetComposeEnvCommand */.wL)(appDir, doomed), { log: false });
            return doomed;
        },
    };
}


/***/ })

};
