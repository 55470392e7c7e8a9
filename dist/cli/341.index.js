export const id = 341;
export const ids = [341,547,928];
export const modules = {

/***/ 2140:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   y: () => (/* binding */ eachHost)
/* harmony export */ });
/* harmony import */ var _common_errors_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(1922);
/* harmony import */ var _ssh_connection_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(4928);


/**
 * Several hosts are deployed (or rolled back) one after another, stopping at the first that does not end as
 * `ok`. A fault stops the run too; it is returned with the reports so outputs and summary are written first.
 */
async function eachHost(targets, io, ok, work) {
    const reports = [];
    for (const target of targets) {
        const host = targets.length > 1 ? `${target.host}:${target.port}` : target.host;
        try {
            const result = await (0,_ssh_connection_js__WEBPACK_IMPORTED_MODULE_1__.withConnection)(target, io, work);
            reports.push({ host, result });
            if (result.status !== ok)
                break;
        }
        catch (e) {
            reports.push({ host, error: (0,_common_errors_js__WEBPACK_IMPORTED_MODULE_0__/* .describeFailure */ .Ic)(e) });
            return { reports, fault: e };
        }
    }
    return { reports };
}


/***/ }),

/***/ 3614:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

__webpack_require__.r(__webpack_exports__);
/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   TAG_PATTERN: () => (/* binding */ TAG_PATTERN),
/* harmony export */   TAG_TAKES: () => (/* binding */ TAG_TAKES),
/* harmony export */   deployInputSpec: () => (/* binding */ deployInputSpec),
/* harmony export */   gateInputSpec: () => (/* binding */ gateInputSpec),
/* harmony export */   readDeployInputs: () => (/* binding */ readDeployInputs)
/* harmony export */ });
/* harmony import */ var _common_inputs_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(9184);
/* harmony import */ var _ssh_target_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(4889);


/** A release tag: it names images and directories and travels into remote commands (quoted all the same). */
const TAG_PATTERN = /^[A-Za-z0-9][A-Za-z0-9._-]{0,127}$/;
const TAG_TAKES = 'a tag of letters, digits, ".", "_" and "-" (up to 128, starting with a letter or digit), like v1.4.2';
const relativePath = {
    test: (s) => !s.startsWith('/') && !s.split('/').includes('..') && !s.includes('\0'),
    takes: 'a path inside the app directory',
};
/** The health gate inputs, shared by deploy, the root action and rollback. */
const gateInputSpec = {
    'health-url': (0,_common_inputs_js__WEBPACK_IMPORTED_MODULE_0__/* .httpUrl */ .q3)({ fallback: 'http://127.0.0.1:8000/health' }),
    'health-from': (0,_common_inputs_js__WEBPACK_IMPORTED_MODULE_0__/* .oneOf */ .yL)(['server', 'runner'], 'server'),
    'health-timeout': (0,_common_inputs_js__WEBPACK_IMPORTED_MODULE_0__/* .duration */ .p0)(60, { max: 3600 }),
    'health-interval': (0,_common_inputs_js__WEBPACK_IMPORTED_MODULE_0__/* .duration */ .p0)(1, { max: 600 }),
    'health-successes': (0,_common_inputs_js__WEBPACK_IMPORTED_MODULE_0__/* .integer */ .nd)(2, 1, 100),
    'health-request-timeout': (0,_common_inputs_js__WEBPACK_IMPORTED_MODULE_0__/* .duration */ .p0)(5, { max: 600 }),
    'allow-degraded': (0,_common_inputs_js__WEBPACK_IMPORTED_MODULE_0__/* .bool */ .lc)(true),
    'lock-timeout': (0,_common_inputs_js__WEBPACK_IMPORTED_MODULE_0__/* .duration */ .p0)(300, { allowZero: true, max: 86_400 }),
};
/** actions/deploy inputs (SPEC.md, "actions/deploy"). */
const deployInputSpec = {
    ..._ssh_target_js__WEBPACK_IMPORTED_MODULE_1__/* .remoteInputSpec */ .eZ,
    ...gateInputSpec,
    tag: (0,_common_inputs_js__WEBPACK_IMPORTED_MODULE_0__/* .matching */ .wC)(TAG_PATTERN, TAG_TAKES),
    strategy: (0,_common_inputs_js__WEBPACK_IMPORTED_MODULE_0__/* .oneOf */ .yL)(['compose', 'release'], 'compose'),
    'compose-file': (0,_common_inputs_js__WEBPACK_IMPORTED_MODULE_0__/* .text */ .Qq)(),
    'env-file': (0,_common_inputs_js__WEBPACK_IMPORTED_MODULE_0__/* .text */ .Qq)(),
    'tag-variable': (0,_common_inputs_js__WEBPACK_IMPORTED_MODULE_0__/* .matching */ .wC)(/^[A-Za-z_][A-Za-z0-9_]*$/, 'a variable name like IMAGE_TAG', {
        fallback: 'IMAGE_TAG',
    }),
    services: (0,_common_inputs_js__WEBPACK_IMPORTED_MODULE_0__/* .list */ .p_)({ test: (s) => /^[A-Za-z0-9][A-Za-z0-9._-]*$/.test(s), takes: 'a compose service name' }),
    registry: (0,_common_inputs_js__WEBPACK_IMPORTED_MODULE_0__/* .matching */ .wC)(/^[A-Za-z0-9.-]+(:\d{1,5})?(\/[A-Za-z0-9._/-]*)?$/, 'a registry host like ghcr.io or 127.0.0.1:5000'),
    'registry-username': (0,_common_inputs_js__WEBPACK_IMPORTED_MODULE_0__/* .text */ .Qq)(),
    'registry-password': (0,_common_inputs_js__WEBPACK_IMPORTED_MODULE_0__/* .text */ .Qq)(),
    source: (0,_common_inputs_js__WEBPACK_IMPORTED_MODULE_0__/* .text */ .Qq)(),
    'shared-files': (0,_common_inputs_js__WEBPACK_IMPORTED_MODULE_0__/* .list */ .p_)(relativePath),
    'shared-dirs': (0,_common_inputs_js__WEBPACK_IMPORTED_MODULE_0__/* .list */ .p_)(relativePath),
    'install-command': (0,_common_inputs_js__WEBPACK_IMPORTED_MODULE_0__/* .text */ .Qq)(),
    'migrate-command': (0,_common_inputs_js__WEBPACK_IMPORTED_MODULE_0__/* .text */ .Qq)(),
    'restart-command': (0,_common_inputs_js__WEBPACK_IMPORTED_MODULE_0__/* .text */ .Qq)(),
    'keep-releases': (0,_common_inputs_js__WEBPACK_IMPORTED_MODULE_0__/* .integer */ .nd)(5, 1, 1000),
    'rollback-on-failure': (0,_common_inputs_js__WEBPACK_IMPORTED_MODULE_0__/* .bool */ .lc)(true),
    environment: (0,_common_inputs_js__WEBPACK_IMPORTED_MODULE_0__/* .text */ .Qq)(),
    'environment-url': (0,_common_inputs_js__WEBPACK_IMPORTED_MODULE_0__/* .httpUrl */ .q3)(),
    'github-token': (0,_common_inputs_js__WEBPACK_IMPORTED_MODULE_0__/* .text */ .Qq)(),
};
function readDeployInputs(raw) {
    return (0,_common_inputs_js__WEBPACK_IMPORTED_MODULE_0__/* .readInputs */ .Ko)(deployInputSpec, raw);
}


/***/ }),

/***/ 5448:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   L$: () => (/* binding */ deployPlan),
/* harmony export */   Oq: () => (/* binding */ healthPlan)
/* harmony export */ });
/* unused harmony export resolveTag */
/* harmony import */ var node_fs__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(3024);
/* harmony import */ var node_fs__WEBPACK_IMPORTED_MODULE_0___default = /*#__PURE__*/__webpack_require__.n(node_fs__WEBPACK_IMPORTED_MODULE_0__);
/* harmony import */ var node_path__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(6760);
/* harmony import */ var node_path__WEBPACK_IMPORTED_MODULE_1___default = /*#__PURE__*/__webpack_require__.n(node_path__WEBPACK_IMPORTED_MODULE_1__);
/* harmony import */ var _common_errors_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(1922);
/* harmony import */ var _ssh_target_js__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(4889);
/* harmony import */ var _inputs_js__WEBPACK_IMPORTED_MODULE_4__ = __webpack_require__(3614);





const COMPOSE_NAMES = ['compose.yaml', 'compose.yml', 'docker-compose.yml', 'docker-compose.yaml'];
/** The tag: the input, else the pushed git tag, else what the variant offers (root action: sha-<short>). */
function resolveTag(input, run, fallback) {
    const fromRef = /^refs\/tags\/(.+)$/.exec(run.ref)?.[1];
    const tag = input || fromRef || fallback || '';
    if (!tag) {
        throw new _common_errors_js__WEBPACK_IMPORTED_MODULE_2__/* .ConfigurationError */ .j1('input "tag" is required when the workflow was not started by a tag push: takes ' + _inputs_js__WEBPACK_IMPORTED_MODULE_4__.TAG_TAKES);
    }
    if (!_inputs_js__WEBPACK_IMPORTED_MODULE_4__.TAG_PATTERN.test(tag))
        throw new _common_errors_js__WEBPACK_IMPORTED_MODULE_2__/* .ConfigurationError */ .j1(`the pushed git tag ${JSON.stringify(tag)} cannot be a release tag: set "tag", ${_inputs_js__WEBPACK_IMPORTED_MODULE_4__.TAG_TAKES}`);
    return tag;
}
function healthPlan(i) {
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
function deployPlan(i, run, fallbackTag) {
    const tag = resolveTag(i.tag, run, fallbackTag);
    const targets = (0,_ssh_target_js__WEBPACK_IMPORTED_MODULE_3__/* .sshTargets */ .vF)(i);
    const location = (0,_ssh_target_js__WEBPACK_IMPORTED_MODULE_3__/* .appLocation */ .ry)(i, run.repository);
    const registryGiven = [i.registry, i['registry-username'], i['registry-password']].filter(Boolean).length;
    if (registryGiven && registryGiven < 3 && i['registry-password']) {
        throw new _common_errors_js__WEBPACK_IMPORTED_MODULE_2__/* .ConfigurationError */ .j1('inputs "registry", "registry-username" and "registry-password" go together: give all three (or only "registry" to push without login)');
    }
    return {
        tag,
        targets,
        location,
        strategy: i.strategy,
        compose: {
            ...(i['compose-file'] ? { composeFile: readComposeFile(i['compose-file'], run.workspace) } : {}),
            envFile: i['env-file'],
            tagVariable: i['tag-variable'],
            services: i.services,
            ...(registryGiven === 3
                ? {
                    registry: {
                        host: i.registry,
                        username: i['registry-username'],
                        password: i['registry-password'],
                    },
                }
                : {}),
            migrateCommand: i['migrate-command'],
        },
        release: {
            workspace: run.workspace,
            source: i.source,
            sharedFiles: i['shared-files'].length ? i['shared-files'] : ['.env'],
            sharedDirs: i['shared-dirs'],
            envFile: i['env-file'],
            installCommand: i['install-command'],
            migrateCommand: i['migrate-command'],
            restartCommand: i['restart-command'],
        },
        health: healthPlan(i),
        lockTimeoutSeconds: i['lock-timeout'],
        keepReleases: i['keep-releases'],
        rollbackOnFailure: i['rollback-on-failure'],
    };
}
/** Reads the compose file from the checked-out repository; it keeps a standard name on the server. */
function readComposeFile(path, workspace) {
    const full = (0,node_path__WEBPACK_IMPORTED_MODULE_1__.isAbsolute)(path) ? path : (0,node_path__WEBPACK_IMPORTED_MODULE_1__.join)(workspace, path);
    if (!(0,node_fs__WEBPACK_IMPORTED_MODULE_0__.existsSync)(full))
        throw new _common_errors_js__WEBPACK_IMPORTED_MODULE_2__/* .ConfigurationError */ .j1(`input "compose-file" got ${JSON.stringify(path)}: there is no such file in ${workspace}`);
    const name = COMPOSE_NAMES.includes((0,node_path__WEBPACK_IMPORTED_MODULE_1__.basename)(full)) ? (0,node_path__WEBPACK_IMPORTED_MODULE_1__.basename)(full) : 'docker-compose.yml';
    return { name, content: (0,node_fs__WEBPACK_IMPORTED_MODULE_0__.readFileSync)(full, 'utf8') };
}


/***/ }),

/***/ 5505:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   FY: () => (/* binding */ stepStatus),
/* harmony export */   eH: () => (/* binding */ summaryMarkdown),
/* harmony export */   n0: () => (/* binding */ setOutputs)
/* harmony export */ });
/* unused harmony exports verdictText, phasesText */
/* harmony import */ var _common_summary_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(7701);
/* harmony import */ var _health_excerpt_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(7111);
/* harmony import */ var _release_ledger_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(6196);



/** The status of the whole step: the first host that did not end as `ok` decides. */
function stepStatus(reports, ok) {
    for (const r of reports) {
        if (!r.result)
            return 'failed';
        if (r.result.status !== ok)
            return r.result.status;
    }
    return reports.length ? ok : 'failed';
}
function verdictText(g) {
    if (!g)
        return '—';
    const code = g.last.code !== undefined
        ? ` (HTTP ${g.last.code}, ${g.last.latencyMs} ms)`
        : g.last.error
            ? ` (${g.last.error})`
            : '';
    return `${g.last.verdict}${code}`;
}
function phasesText(phases) {
    return Object.entries(phases)
        .map(([k, v]) => `${k} ${(v / 1000).toFixed(1)}s`)
        .join(', ');
}
/** The job summary: one row per host, then the health body excerpt of each gate. Secrets are redacted. */
function summaryMarkdown(title, status, reports, secrets) {
    const icon = status === 'deployed' || (title.startsWith('Rollback') && status === 'rolled-back')
        ? '✅'
        : status === 'rolled-back'
            ? '↩️'
            : '❌';
    const rows = reports.map((r) => {
        const f = r.result;
        const rollback = f?.restore
            ? `to ${f.restore.tag}: ${f.restore.gate ? verdictText(f.restore.gate) : `failed (${f.restore.error ?? ''})`}`
            : '—';
        return [
            r.host,
            f?.attempted ?? '—',
            f?.before ?? '—',
            verdictText(f?.gate),
            rollback,
            f ? phasesText(f.phases) : '—',
            f ? f.status : `failed: ${r.error ?? ''}`,
        ];
    });
    const bodies = reports.flatMap((r) => {
        const g = r.result?.gate;
        const body = g ? (0,_health_excerpt_js__WEBPACK_IMPORTED_MODULE_0__/* .bodyExcerpt */ .k)(g.last.body, 2000) : '';
        return body
            ? [
                `<details><summary>${r.host}: last health body of ${r.result.attempted}</summary>`,
                '',
                (0,_common_summary_js__WEBPACK_IMPORTED_MODULE_1__/* .codeBlock */ .DV)(body),
                '',
                '</details>',
                '',
            ]
            : [];
    });
    const failures = reports.flatMap((r) => (r.error ?? r.result?.failure) ? [`- ${r.host}: ${r.error ?? r.result?.failure}`] : []);
    const text = [
        `### ${icon} ${title}: ${status}`,
        '',
        (0,_common_summary_js__WEBPACK_IMPORTED_MODULE_1__/* .table */ .tp)(['host', 'tag', 'previous', 'verdict', 'rollback', 'time per phase', 'outcome'], rows),
        '',
        ...(failures.length ? [...failures, ''] : []),
        ...bodies,
    ].join('\n');
    return (0,_release_ledger_js__WEBPACK_IMPORTED_MODULE_2__/* .redact */ .E$)(text, secrets);
}
/** Sets the outputs of SPEC.md from the last host that ran. */
function setOutputs(io, status, reports, startedMs, names) {
    const last = [...reports].reverse().find((r) => r.result)?.result;
    io.setOutput('status', status);
    io.setOutput('tag', last?.current ?? '');
    io.setOutput(names.previous, last?.before ?? '');
    io.setOutput('health', last?.gate?.last.verdict ?? '');
    io.setOutput('duration-seconds', Math.round((performance.now() - startedMs) / 100) / 10);
}


/***/ }),

/***/ 6341:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {


// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  deployAction: () => (/* binding */ deployAction),
  Y: () => (/* binding */ flowContext),
  runDeploy: () => (/* binding */ runDeploy)
});

// EXTERNAL MODULE: ./src/common/errors.ts
var errors = __webpack_require__(1922);
// EXTERNAL MODULE: ./src/common/secrets.ts
var common_secrets = __webpack_require__(7168);
;// CONCATENATED MODULE: ./src/github/deployments.ts
class GitHubDeployment {
    io;
    base;
    token;
    id;
    environmentUrl;
    constructor(io, base, token, id, environmentUrl) {
        this.io = io;
        this.base = base;
        this.token = token;
        this.id = id;
        this.environmentUrl = environmentUrl;
    }
    /** Creates the deployment and marks it in_progress; undefined when GitHub refused or could not be reached. */
    static async start(io, req) {
        const [owner, repo] = io.run.repository.split('/');
        if (!owner || !repo) {
            io.warning('environment is set but the run has no repository (GITHUB_REPOSITORY): no GitHub Deployment is recorded');
            return undefined;
        }
        if (!req.token) {
            io.warning('environment is set but github-token is empty: no GitHub Deployment is recorded');
            return undefined;
        }
        const base = `${io.run.apiUrl.replace(/\/+$/, '')}/repos/${encodeURIComponent(owner)}/${encodeURIComponent(repo)}/deployments`;
        const created = await call(io, req.token, 'POST', base, {
            ref: req.ref,
            environment: req.environment,
            description: req.description,
            auto_merge: false,
            required_contexts: [],
            transient_environment: false,
            production_environment: /^prod(uction)?$/i.test(req.environment),
            payload: { tag: req.tag },
        });
        const id = created?.id;
        if (typeof id !== 'number')
            return undefined;
        const d = new GitHubDeployment(io, base, req.token, id, req.environmentUrl);
        await d.status('in_progress', `deploying ${req.tag}`);
        io.info(`GitHub Deployment ${id} for environment ${req.environment}`);
        return d;
    }
    async status(state, description) {
        await call(this.io, this.token, 'POST', `${this.base}/${this.id}/statuses`, {
            state,
            description: description.slice(0, 140),
            auto_inactive: true,
            ...(this.io.run.runUrl ? { log_url: this.io.run.runUrl } : {}),
            ...(this.environmentUrl ? { environment_url: this.environmentUrl } : {}),
        });
    }
}
async function call(io, token, method, url, body) {
    try {
        const res = await fetch(url, {
            method,
            headers: {
                accept: 'application/vnd.github+json',
                authorization: `Bearer ${token}`,
                'content-type': 'application/json',
                'user-agent': 'vps-deploy',
                'x-github-api-version': '2022-11-28',
            },
            body: JSON.stringify(body),
            signal: AbortSignal.timeout(15_000),
        });
        const text = await res.text();
        if (res.status === 403 || res.status === 404) {
            io.warning(`GitHub answered ${res.status} to ${method} ${new URL(url).pathname}: the workflow needs \`permissions: deployments: write\` ` +
                'to record a Deployment; going on without it');
            return undefined;
        }
        if (!res.ok) {
            io.warning(`GitHub answered ${res.status} to ${method} ${new URL(url).pathname} (${text.slice(0, 200)}); going on without it`);
            return undefined;
        }
        return text ? JSON.parse(text) : {};
    }
    catch (e) {
        io.warning(`GitHub API at ${new URL(url).origin} is out of reach (${e instanceof Error ? e.message : String(e)}); going on without a Deployment`);
        return undefined;
    }
}

// EXTERNAL MODULE: ./src/release/flow.ts
var flow = __webpack_require__(8269);
// EXTERNAL MODULE: ./src/ssh/quote.ts
var quote = __webpack_require__(9038);
;// CONCATENATED MODULE: ./src/release/compose-commands.ts

const COMPOSE_V2 = ['docker', 'compose'];
const COMPOSE_V1 = ['docker-compose'];
/** Prints `v2`, `v1` or `none`: Compose v2 (the docker plugin) is preferred, v1 (`docker-compose`) is the fallback. */
const DETECT_COMPOSE = (0,quote.sh) `if docker compose version >/dev/null 2>&1; then echo v2; elif command -v docker-compose >/dev/null 2>&1; then echo v1; else echo none; fi`;
function chooseCompose(detected) {
    const word = detected.trim().split('\n').pop();
    if (word === 'v2')
        return COMPOSE_V2;
    if (word === 'v1')
        return COMPOSE_V1;
    return undefined;
}
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
const INSPECT_FORMAT = '{{.Id}}\t{{index .Config.Labels "com.docker.compose.project.working_dir"}}\t{{index .Config.Labels "com.docker.compose.service"}}\t' +
    '{{index .Config.Labels "com.docker.compose.oneoff"}}\t{{.Name}}\t{{.State.Status}}\t{{.RestartCount}}\t{{.State.ExitCode}}';
/** Prints the app dir's physical path, then one INSPECT_FORMAT line per compose container on the server. */
function containersCommand(appDir) {
    return (0,quote.sh) `cd ${appDir} && pwd -P && ids=$(docker ps -aq --filter label=com.docker.compose.project) && { [ -z "$ids" ] || docker inspect --format ${INSPECT_FORMAT} $ids; }`;
}
/** The containers of this app's services (not one-off `run` containers), from containersCommand's output. */
function appContainers(output, appDir, services) {
    const [physical, ...lines] = output.trim().split('\n');
    const dirs = new Set([appDir, physical?.trim()]);
    const out = [];
    for (const line of lines) {
        const [id, dir, service, oneoff, name, status, restarts, exitCode] = line.split('\t');
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
        });
    }
    return out;
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
    }
    return undefined;
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
        if (!/^[A-Za-z0-9][A-Za-z0-9._-]{0,127}$/.test(tag))
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

;// CONCATENATED MODULE: ./src/release/prune.ts
function selectPrunable(present, keep, protect, failed) {
    const guarded = new Set(protect.filter(Boolean));
    const bad = new Set(failed);
    const newestFirst = [...present].sort((a, b) => b.time - a.time || b.tag.localeCompare(a.tag));
    const out = [];
    // Current and previous use up the budget first: keep-releases counts every release left on the server.
    let kept = newestFirst.filter((r) => guarded.has(r.tag) && !bad.has(r.tag)).length;
    for (const r of newestFirst) {
        if (guarded.has(r.tag))
            continue;
        if (bad.has(r.tag))
            out.push(r.tag);
        else if (kept < keep)
            kept++;
        else
            out.push(r.tag);
    }
    return out;
}

;// CONCATENATED MODULE: ./src/release/compose.ts




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
    const restartCounts = (cs) => new Map(cs.map((c) => [c.id, c.restarts]));
    const login = async ({ host, username, password, }) => {
        await conn.run(loginCommand(host, username), `docker login ${host} on the server`, {
            stdin: password,
            log: false,
        });
        log.info(`Logged in to ${host} on the server as ${username}`);
    };
    const compose = async () => {
        if (cli)
            return cli;
        const found = chooseCompose((await conn.run(DETECT_COMPOSE, 'looking for Docker Compose', { log: false })).stdout);
        if (!found)
            throw new errors/* RemoteError */.Hi('the server has neither `docker compose` (v2) nor `docker-compose` (v1): install Docker Compose');
        log.info(`Using ${found.join(' ')}`);
        return (cli = found);
    };
    const run = async (args, what, tag) => conn.run(composeCommand(await compose(), appDir, args, opts.tagVariable, tag), what);
    const containers = async () => appContainers((await conn.run(containersCommand(appDir), 'listing containers', { log: false })).stdout, appDir, opts.services);
    const templates = async () => {
        const r = await conn.run(composeCommand(await compose(), appDir, ['config'], opts.tagVariable, TAG_SENTINEL), 'reading the compose file', {
            log: false,
        });
        return imageTemplates(r.stdout);
    };
    const present = async () => {
        const t = await templates();
        return {
            templates: t,
            tags: presentTags(t, (await conn.run(IMAGE_LIST, 'listing images', { log: false })).stdout),
        };
    };
    return {
        name: 'compose',
        async prepare(tag) {
            await conn.run((0,quote.sh) `mkdir -p ${appDir}`, 'creating the app directory', { log: false });
            // Independent steps share the connection's channels: files, compose detection, registry login.
            await Promise.all([
                opts.composeFile &&
                    conn
                        .upload(opts.composeFile.content, `${appDir}/${opts.composeFile.name}`, 0o644)
                        .then(() => log.info(`Uploaded ${opts.composeFile.name}`)),
                opts.envFile &&
                    conn
                        .upload(opts.envFile.endsWith('\n') ? opts.envFile : `${opts.envFile}\n`, `${appDir}/.env`, 0o600)
                        .then(() => log.info('Uploaded .env (mode 0600)')),
                compose(),
                opts.registry && login(opts.registry),
            ]);
            // The restart counts before `up` are read while the images pull (nothing restarts containers in between).
            const [, before] = await Promise.all([
                run(pullArgs(opts.services), `pulling ${opts.tagVariable}=${tag}`, tag),
                containers(),
            ]);
            snapshot = restartCounts(before);
        },
        async migrate(tag) {
            if (!opts.migrateCommand)
                return;
            await conn.run((0,quote/* userCommand */.L_)(opts.migrateCommand, { cwd: appDir, env: { [opts.tagVariable]: tag } }), 'migrate-command');
        },
        async activate(tag) {
            // A rollback activates without prepare: it reads the restart counts itself.
            baseline = snapshot ?? restartCounts(await containers());
            snapshot = undefined;
            await run(upArgs(opts.services), `docker compose up -d with ${opts.tagVariable}=${tag}`, tag);
        },
        async fatal() {
            return crashedReason(await containers(), baseline);
        },
        async available() {
            const { tags } = await present();
            return tags.sort((a, b) => b.time - a.time).map((t) => t.tag);
        },
        async prune(keep, protect, failed) {
            const { templates: t, tags } = await present();
            const doomed = selectPrunable(tags, keep, protect, failed);
            if (!doomed.length)
                return [];
            const images = doomed.flatMap((tag) => imagesOfTag(t, tag));
            // An image still used by a stopped container stays; that is not worth failing a deploy for.
            await conn.exec((0,quote.sh) `for i in ${images}; do docker image rm "$i" >/dev/null 2>&1 || echo "kept $i (in use)"; done`);
            return doomed;
        },
    };
}

;// CONCATENATED MODULE: ./src/release/directories.ts

/** The `release` strategy: release directories, shared files, atomic switch, restart command. */
function releaseStrategy(_ctx, _opts) {
    throw new errors/* ConfigurationError */.j1('strategy "release" is not available in this build yet');
}

;// CONCATENATED MODULE: ./src/release/strategies.ts


/** The two strategies behind one switch: everything else in the flow is the same for both. */
function strategyChooser(ctx, opts) {
    return (name) => name === 'release' ? releaseStrategy(ctx, opts.release) : composeStrategy(ctx, opts.compose);
}

// EXTERNAL MODULE: ./src/deploy/inputs.ts
var inputs = __webpack_require__(3614);
// EXTERNAL MODULE: ./src/deploy/plan.ts
var deploy_plan = __webpack_require__(5448);
// EXTERNAL MODULE: ./src/deploy/report.ts
var report = __webpack_require__(5505);
// EXTERNAL MODULE: ./src/deploy/hosts.ts
var hosts = __webpack_require__(2140);
;// CONCATENATED MODULE: ./src/deploy/run.ts









const deployAction = { title: 'Deploy', readInputs: inputs.readDeployInputs };
/** actions/deploy: inputs -> plan -> (variant's runner work) -> each host in turn -> outputs, summary. */
async function runDeploy(io, variant) {
    const started = performance.now();
    (0,common_secrets/* maskSecretInputs */.q)(io);
    const inputs = variant.readInputs((n) => io.input(n));
    const plan = (0,deploy_plan/* deployPlan */.L$)(inputs, io.run, variant.fallbackTag?.(inputs, io.run));
    const secrets = common_secrets/* SECRET_INPUT_NAMES */.f.map((n) => io.input(n)).filter(Boolean);
    await variant.beforeDeploy?.(io, inputs, plan);
    const github = inputs.environment
        ? await GitHubDeployment.start(io, {
            token: inputs['github-token'],
            environment: inputs.environment,
            environmentUrl: inputs['environment-url'],
            ref: io.run.sha || plan.tag,
            tag: plan.tag,
            description: `vps-deploy ${plan.tag} to ${plan.targets.map((t) => t.host).join(', ')}`,
        })
        : undefined;
    const { reports, fault } = await (0,hosts/* eachHost */.y)(plan.targets, io, 'deployed', (conn) => (0,flow/* deployRelease */.H)(flowContext(conn, io, plan, secrets), {
        tag: plan.tag,
        strategy: plan.strategy,
        keepReleases: plan.keepReleases,
        rollbackOnFailure: plan.rollbackOnFailure,
    }));
    const status = (0,report/* stepStatus */.FY)(reports, 'deployed');
    (0,report/* setOutputs */.n0)(io, status, reports, started, { previous: 'previous-tag' });
    await io.summary((0,report/* summaryMarkdown */.eH)(`${variant.title} ${plan.tag}`, status, reports, secrets));
    await github?.status(status === 'deployed' ? 'success' : 'failure', `${plan.tag}: ${status}`);
    if (fault)
        throw fault;
    if (status !== 'deployed') {
        const failed = reports.find((r) => r.result?.status !== 'deployed');
        const message = `${status}: ${failed?.result?.failure ?? 'the deploy did not complete'}`;
        throw status === 'rolled-back' ? new errors/* RemoteError */.Hi(message, 'gate') : new errors/* RemoteError */.Hi(message);
    }
    if (plan.targets.length > 1)
        io.info(`Deployed ${plan.tag} to ${plan.targets.length} hosts`);
}
function flowContext(conn, io, plan, secrets) {
    const strategyCtx = { conn, app: plan.location.app, appDir: plan.location.appDir, log: io };
    return {
        conn,
        appDir: plan.location.appDir,
        log: io,
        run: { actor: io.run.actor, runUrl: io.run.runUrl },
        secrets,
        lockTimeoutSeconds: plan.lockTimeoutSeconds,
        health: plan.health,
        strategyFor: strategyChooser(strategyCtx, plan),
    };
}


/***/ }),

/***/ 7111:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   k: () => (/* binding */ bodyExcerpt)
/* harmony export */ });
/** A bounded, single-paragraph excerpt of a health body for outputs, logs and summaries. */
function bodyExcerpt(body, max = 1024) {
    const t = body.trim();
    return t.length > max ? `${t.slice(0, max)}… (${t.length - max} more bytes read)` : t;
}


/***/ }),

/***/ 8802:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {


// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  UI: () => (/* binding */ Attempt),
  mv: () => (/* binding */ healthFacts),
  hU: () => (/* binding */ phaseOf)
});

// EXTERNAL MODULE: external "node:crypto"
var external_node_crypto_ = __webpack_require__(7598);
// EXTERNAL MODULE: ./src/common/errors.ts
var errors = __webpack_require__(1922);
// EXTERNAL MODULE: ./src/ssh/connection.ts
var connection = __webpack_require__(4928);
// EXTERNAL MODULE: ./src/release/ledger.ts
var ledger = __webpack_require__(6196);
// EXTERNAL MODULE: ./src/ssh/quote.ts
var quote = __webpack_require__(9038);
// EXTERNAL MODULE: ./src/release/state.ts
var state = __webpack_require__(7648);
;// CONCATENATED MODULE: ./src/release/lock.ts



const HELD = 'VPSD-LOCK-HELD';
const BUSY = 'VPSD-LOCK-BUSY';
const TIMEOUT = 'VPSD-LOCK-TIMEOUT';
const NO_FLOCK = 'VPSD-LOCK-NO-FLOCK';
/** The shell that takes and holds the lock. The holder line arrives on stdin. */
function lockScript(dir, timeoutSeconds) {
    return (0,quote.sh) `mkdir -p ${dir} && cd ${dir} || exit 1
command -v flock >/dev/null 2>&1 || { echo ${NO_FLOCK}; exit 2; }
exec 9<>lock
if ! flock -n 9; then
  echo "${BUSY} $(head -c 2000 lock | tr -d '\\n')"
  flock -w ${String(timeoutSeconds)} 9 || { echo "${TIMEOUT} $(head -c 2000 lock | tr -d '\\n')"; exit 3; }
fi
IFS= read -r holder || exit 4
printf '%s\\n' "$holder" > lock
echo ${HELD}
cat > /dev/null
: > lock`;
}
/** What a waiting deploy tells the user about the holder. Pure. */
function holderMessage(text, now = new Date()) {
    let h = {};
    try {
        h = JSON.parse(text);
    }
    catch {
        return text.trim()
            ? `an unknown holder (${text.trim().slice(0, 200)})`
            : 'another deploy (it has not written its name yet)';
    }
    const since = h.since ? new Date(h.since) : undefined;
    const age = since && !Number.isNaN(since.getTime())
        ? ` since ${h.since} (${Math.max(0, Math.round((now.getTime() - since.getTime()) / 1000))}s ago)`
        : '';
    const who = [h.action ?? 'deploy', h.tag ? `of ${h.tag}` : '', h.actor ? `by ${h.actor}` : '']
        .filter(Boolean)
        .join(' ');
    return `${who}${h.runUrl ? ` (${h.runUrl})` : ' (outside GitHub Actions)'}${age}`;
}
/** Takes the deploy lock of appDir, waiting up to timeoutSeconds for another deploy to finish. */
async function acquireDeployLock(conn, appDir, holder, timeoutSeconds, log) {
    const started = performance.now();
    const channel = await conn.channel(lockScript((0,state/* stateDir */.Pn)(appDir), timeoutSeconds));
    channel.write(JSON.stringify(holder) + '\n');
    await new Promise((resolve, reject) => {
        let out = '';
        let stderr = '';
        const onData = (d) => {
            out += d.toString('utf8');
            let nl;
            while ((nl = out.indexOf('\n')) >= 0) {
                const line = out.slice(0, nl);
                out = out.slice(nl + 1);
                if (line === HELD) {
                    cleanup();
                    return resolve();
                }
                if (line.startsWith(BUSY)) {
                    log.info(`Waiting up to ${timeoutSeconds}s for the deploy lock of ${appDir}, held by ${holderMessage(line.slice(BUSY.length + 1))}`);
                }
                else if (line.startsWith(TIMEOUT)) {
                    cleanup();
                    return reject(new errors/* RemoteError */.Hi(`another deploy holds the lock of ${appDir}: ${holderMessage(line.slice(TIMEOUT.length + 1))}; ` +
                        `gave up after lock-timeout (${timeoutSeconds}s). Wait for it to finish, or raise lock-timeout.`, 'lock'));
                }
                else if (line === NO_FLOCK) {
                    cleanup();
                    return reject(new errors/* RemoteError */.Hi('the server has no `flock` (package util-linux): install it to deploy', 'lock'));
                }
            }
        };
        const onStderr = (d) => (stderr += d.toString('utf8'));
        const onClose = () => {
            cleanup();
            reject(new errors/* RemoteError */.Hi(`could not take the deploy lock in ${(0,state/* stateDir */.Pn)(appDir)}${stderr.trim() ? `: ${stderr.trim().slice(-500)}` : ''}`, 'lock'));
        };
        const cleanup = () => {
            channel.off('data', onData);
            channel.stderr.off('data', onStderr);
            channel.off('close', onClose);
        };
        channel.on('data', onData);
        channel.stderr.on('data', onStderr);
        channel.on('close', onClose);
    });
    const waitedSeconds = (performance.now() - started) / 1000;
    return { waitedSeconds, release: () => releaseChannel(channel) };
}
/** Closes the holder's stdin; the shell empties the lock file and exits, which frees the flock. */
function releaseChannel(channel) {
    return new Promise((resolve) => {
        const t = setTimeout(resolve, 5000);
        channel.once('close', () => {
            clearTimeout(t);
            resolve();
        });
        channel.end();
    });
}

;// CONCATENATED MODULE: ./src/release/attempt.ts






function healthFacts(g) {
    return {
        passed: g.passed,
        verdict: g.last.verdict,
        ...(g.last.code !== undefined ? { code: g.last.code } : {}),
        latencyMs: g.last.latencyMs,
    };
}
/**
 * One attempt on one host, under the deploy lock: times each phase in its own log group and tags its errors
 * with the phase, and writes the attempt's ledger lines.
 */
class Attempt {
    ctx;
    ledger;
    phases = {};
    facts;
    constructor(ctx, ledger) {
        this.ctx = ctx;
        this.ledger = ledger;
    }
    /** Takes the lock, runs body, and always releases the lock. */
    static async underLock(ctx, holder, body) {
        const attempt = new Attempt(ctx, new ledger/* ReleaseLedger */.Ly(ctx.conn, ctx.appDir));
        const lock = await attempt.phase('lock', `Deploy lock of ${ctx.appDir}`, () => acquireDeployLock(ctx.conn, ctx.appDir, { ...ctx.run, ...holder, since: new Date().toISOString() }, ctx.lockTimeoutSeconds, ctx.log));
        try {
            return await body(attempt);
        }
        finally {
            if (ctx.conn.isOpen)
                await lock.release();
        }
    }
    readState(fallback) {
        return this.ctx.conn.isOpen
            ? (0,state/* readState */.un)(this.ctx.conn, this.ctx.appDir, fallback)
            : Promise.reject(new errors/* RemoteError */.Hi('connection lost'));
    }
    /** Runs fn as a named phase: a log group, a duration, and errors tagged with the phase. */
    async phase(name, title, fn) {
        const t0 = performance.now();
        try {
            return await this.ctx.log.group(title, fn);
        }
        catch (e) {
            throw (0,errors/* inPhase */.xe)(name, e);
        }
        finally {
            this.phases[name] = (this.phases[name] ?? 0) + performance.now() - t0;
        }
    }
    /** The first ledger line: from here on an unfinished attempt is visible. */
    async begin(facts) {
        this.facts = { id: (0,external_node_crypto_.randomUUID)(), host: this.ctx.conn.label, ...this.ctx.run, ...facts };
        await this.ledger.append((0,ledger/* ledgerRecord */.TL)(this.facts, { outcome: 'started' }, this.ctx.secrets));
    }
    /** The final ledger line. Failing to write it (the connection is gone) is logged, not thrown over the real error. */
    async finish(end) {
        if (!this.facts)
            return;
        const record = (0,ledger/* ledgerRecord */.TL)(this.facts, { ...end, durations: { ...this.phases } }, this.ctx.secrets);
        try {
            await this.ledger.append(record);
        }
        catch (e) {
            this.ctx.log.warning(`could not write the ledger's final line (${(0,connection/* errText */.V7)(e)}): the attempt stays recorded as started`);
        }
    }
}
/** The phase a tagged error happened in. */
function phaseOf(e) {
    return e instanceof errors/* RemoteError */.Hi ? e.phase : undefined;
}


/***/ }),

/***/ 8269:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   H: () => (/* binding */ deployRelease),
/* harmony export */   k: () => (/* binding */ bringBack)
/* harmony export */ });
/* harmony import */ var _health_gate_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(2923);
/* harmony import */ var _ssh_connection_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(4928);
/* harmony import */ var _attempt_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(8802);
/* harmony import */ var _ledger_js__WEBPACK_IMPORTED_MODULE_5__ = __webpack_require__(6196);
/* harmony import */ var _release_gate_js__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(1186);
/* harmony import */ var _state_js__WEBPACK_IMPORTED_MODULE_4__ = __webpack_require__(7648);






/**
 * Deploys one tag to one host, whatever the strategy: lock -> state -> ledger -> prepare -> migrate -> activate
 * -> gate -> (passed) state + ledger + prune, or (failed) bring back the release that ran before, gate it, and
 * record both verdicts. Faults are thrown tagged with their phase; a failed gate is a result, not a throw.
 */
function deployRelease(ctx, opts) {
    const { tag } = opts;
    return _attempt_js__WEBPACK_IMPORTED_MODULE_2__/* .Attempt */ .UI.underLock(ctx, { tag, action: 'deploy' }, async (attempt) => {
        const strategy = ctx.strategyFor(opts.strategy);
        const state = await attempt.readState(opts.strategy);
        const before = state.current;
        ctx.log.info(`Deploying ${tag} to ${ctx.conn.label} (${strategy.name}); current: ${before ?? 'none'}, previous: ${state.previous ?? 'none'}`);
        await attempt.begin({ action: 'deploy', tag, previous: before, strategy: strategy.name });
        try {
            await attempt.phase('prepare', `Prepare ${tag}`, () => strategy.prepare(tag));
            await attempt.phase('migrate', `Migrate for ${tag}`, () => strategy.migrate(tag));
        }
        catch (e) {
            await attempt.finish({ outcome: 'aborted', phase: (0,_attempt_js__WEBPACK_IMPORTED_MODULE_2__/* .phaseOf */ .hU)(e) ?? 'prepare', error: (0,_ssh_connection_js__WEBPACK_IMPORTED_MODULE_1__/* .errText */ .V7)(e) });
            throw e;
        }
        let gate;
        let failure;
        try {
            await attempt.phase('activate', `Activate ${tag}`, () => strategy.activate(tag));
            gate = await attempt.phase('gate', `Health gate of ${tag}`, () => (0,_release_gate_js__WEBPACK_IMPORTED_MODULE_3__/* .gateRelease */ .l)(ctx.conn, strategy, ctx.health, ctx.log));
            failure = `the health gate of ${tag} failed: ${gate.reason ?? (0,_health_gate_js__WEBPACK_IMPORTED_MODULE_0__/* .describeVerdict */ .X)(gate.last)}`;
        }
        catch (e) {
            // A lost connection can do nothing more here; a failed `up` or restart can still be undone.
            if (!ctx.conn.isOpen) {
                await attempt.finish({ outcome: 'failed', phase: (0,_attempt_js__WEBPACK_IMPORTED_MODULE_2__/* .phaseOf */ .hU)(e), error: (0,_ssh_connection_js__WEBPACK_IMPORTED_MODULE_1__/* .errText */ .V7)(e) });
                throw e;
            }
            failure = (0,_ssh_connection_js__WEBPACK_IMPORTED_MODULE_1__/* .errText */ .V7)(e);
        }
        if (gate?.passed) {
            const next = (0,_state_js__WEBPACK_IMPORTED_MODULE_4__/* .promoted */ .tU)(state, tag, strategy.name);
            await (0,_state_js__WEBPACK_IMPORTED_MODULE_4__/* .writeState */ .Jq)(ctx.conn, ctx.appDir, next);
            await attempt.finish({ outcome: 'deployed', health: (0,_attempt_js__WEBPACK_IMPORTED_MODULE_2__/* .healthFacts */ .mv)(gate) });
            const pruned = await prune(attempt, strategy, opts.keepReleases, [next.current, next.previous]);
            return {
                status: 'deployed',
                attempted: tag,
                current: tag,
                before,
                gate,
                phases: attempt.phases,
                pruned,
            };
        }
        const health = gate ? { health: (0,_attempt_js__WEBPACK_IMPORTED_MODULE_2__/* .healthFacts */ .mv)(gate) } : {};
        const prev = state.current;
        if (!opts.rollbackOnFailure || !prev || prev === tag) {
            const why = !opts.rollbackOnFailure
                ? 'rollback-on-failure is off'
                : 'there is no previous release to return to';
            ctx.log.warning(`${failure}; ${why}: ${tag} stays in place`);
            await attempt.finish({
                outcome: 'failed',
                phase: gate ? 'gate' : 'activate',
                error: failure,
                ...health,
            });
            return {
                status: 'failed',
                attempted: tag,
                current: tag,
                before,
                ...(gate ? { gate } : {}),
                phases: attempt.phases,
                failure,
                pruned: [],
            };
        }
        ctx.log.warning(`${failure}; rolling back to ${prev}`);
        const restore = await bringBack(attempt, strategy, prev);
        const restored = restore.gate?.passed === true;
        await attempt.finish({
            outcome: restored ? 'rolled-back' : 'failed',
            phase: gate ? 'gate' : 'activate',
            error: failure,
            ...health,
            restore: {
                tag: prev,
                ...(restore.gate ? (0,_attempt_js__WEBPACK_IMPORTED_MODULE_2__/* .healthFacts */ .mv)(restore.gate) : { passed: false, verdict: 'unreachable' }),
            },
        });
        return {
            status: restored ? 'rolled-back' : 'failed',
            attempted: tag,
            current: restored ? prev : tag,
            before,
            ...(gate ? { gate } : {}),
            restore,
            phases: attempt.phases,
            failure: restored
                ? failure
                : `${failure}; the rollback to ${prev} failed too: ${restore.error ?? restore.gate?.reason ?? ''}`,
            pruned: [],
        };
    });
}
/** Activates a release already on the server (no prepare: its images or directory are kept) and gates it. */
async function bringBack(attempt, strategy, tag) {
    try {
        const gate = await attempt.phase('rollback', `Roll back to ${tag}`, async () => {
            await strategy.activate(tag);
            return (0,_release_gate_js__WEBPACK_IMPORTED_MODULE_3__/* .gateRelease */ .l)(attempt.ctx.conn, strategy, attempt.ctx.health, attempt.ctx.log);
        });
        return { tag, gate };
    }
    catch (e) {
        attempt.ctx.log.warning(`rolling back to ${tag} failed: ${(0,_ssh_connection_js__WEBPACK_IMPORTED_MODULE_1__/* .errText */ .V7)(e)}`);
        return { tag, error: (0,_ssh_connection_js__WEBPACK_IMPORTED_MODULE_1__/* .errText */ .V7)(e) };
    }
}
/** Prunes after a passed gate; a failure to prune is a warning, never a failed deploy. */
async function prune(attempt, strategy, keep, protect) {
    try {
        return await attempt.phase('prune', `Prune beyond keep-releases (${keep})`, async () => {
            const failed = (0,_ledger_js__WEBPACK_IMPORTED_MODULE_5__/* .failedTags */ .hi)(await attempt.ledger.read());
            const removed = await strategy.prune(keep, protect.filter((t) => !!t), failed);
            attempt.ctx.log.info(removed.length ? `Removed ${removed.join(', ')}` : 'Nothing to prune');
            return removed;
        });
    }
    catch (e) {
        attempt.ctx.log.warning(`pruning old releases failed: ${(0,_ssh_connection_js__WEBPACK_IMPORTED_MODULE_1__/* .errText */ .V7)(e)}`);
        return [];
    }
}


/***/ }),

/***/ 6196:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   E$: () => (/* binding */ redact),
/* harmony export */   Ly: () => (/* binding */ ReleaseLedger),
/* harmony export */   TL: () => (/* binding */ ledgerRecord),
/* harmony export */   hi: () => (/* binding */ failedTags)
/* harmony export */ });
/* unused harmony exports attemptsOf, landed */
/* harmony import */ var _ssh_quote_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(9038);
/* harmony import */ var _state_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(7648);


const MAX_ERROR = 2000;
/** Shapes one ledger line. Secrets are replaced wherever they appear (an error tail may echo anything). */
function ledgerRecord(attempt, end, secrets = [], now = new Date()) {
    const record = { ...attempt, time: now.toISOString(), ...end };
    if (record.error)
        record.error = redact(record.error, secrets).slice(0, MAX_ERROR);
    if (record.durations) {
        record.durations = Object.fromEntries(Object.entries(record.durations).map(([k, v]) => [k, Math.round(v)]));
    }
    return record;
}
/** Replaces every secret (and every line of a multi-line one) with ***. */
function redact(text, secrets) {
    const parts = secrets.flatMap((s) => [s, ...s.split(/\r?\n/)]).filter((s) => s.trim().length >= 4);
    let out = text;
    for (const p of parts.sort((a, b) => b.length - a.length))
        out = out.split(p).join('***');
    return out;
}
/** One record per attempt (its last line wins), oldest first. Malformed lines are skipped. */
function attemptsOf(lines) {
    const byId = new Map();
    for (const line of lines.split('\n')) {
        if (!line.trim())
            continue;
        try {
            const r = JSON.parse(line);
            if (r && typeof r.id === 'string' && typeof r.tag === 'string') {
                byId.set(r.id, { ...byId.get(r.id), ...r });
            }
        }
        catch {
            // a torn last line (disk full, cut connection) must not hide the rest
        }
    }
    return [...byId.values()];
}
/** Whether an attempt left `tag` running after a passed gate. */
function landed(r) {
    return ((r.action === 'deploy' && r.outcome === 'deployed') ||
        (r.action === 'rollback' && r.outcome === 'rolled-back'));
}
/** Tags that were tried and never passed a gate: they do not count toward keep-releases. */
function failedTags(records) {
    const good = new Set(records.filter(landed).map((r) => r.tag));
    const tried = records.filter((r) => r.action === 'deploy' && r.outcome !== 'started').map((r) => r.tag);
    return [...new Set(tried)].filter((t) => !good.has(t));
}
/** The ledger of one app on one server. */
class ReleaseLedger {
    conn;
    appDir;
    constructor(conn, appDir) {
        this.conn = conn;
        this.appDir = appDir;
    }
    get file() {
        return `${(0,_state_js__WEBPACK_IMPORTED_MODULE_0__/* .stateDir */ .Pn)(this.appDir)}/releases.jsonl`;
    }
    /** Appends one line; the record travels on stdin, never on the command line. */
    async append(record) {
        await this.conn.run((0,_ssh_quote_js__WEBPACK_IMPORTED_MODULE_1__.sh) `mkdir -p ${(0,_state_js__WEBPACK_IMPORTED_MODULE_0__/* .stateDir */ .Pn)(this.appDir)} && cat >> ${this.file}`, 'writing the ledger', {
            stdin: JSON.stringify(record) + '\n',
            log: false,
        });
    }
    async read(lastLines = 2000) {
        const r = await this.conn.exec((0,_ssh_quote_js__WEBPACK_IMPORTED_MODULE_1__.sh) `tail -n ${lastLines} ${this.file} 2>/dev/null || true`, { log: false });
        return attemptsOf(r.stdout);
    }
}


/***/ }),

/***/ 1186:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   l: () => (/* binding */ gateRelease)
/* harmony export */ });
/* harmony import */ var _common_errors_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(1922);
/* harmony import */ var _health_run_gate_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(2273);
/* harmony import */ var _health_verdict_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(415);



/**
 * Gates the release the strategy just activated. While probes fail, the strategy is asked whether the app can
 * still come up (a crashed or restart-looping container fails the gate at once); a lost SSH connection ends the
 * gate with an error rather than a verdict about the app.
 */
function gateRelease(conn, strategy, plan, log) {
    const dialer = plan.from === 'server' ? { dialer: (h, p) => conn.tunnel(h, p) } : {};
    return (0,_health_run_gate_js__WEBPACK_IMPORTED_MODULE_1__/* .gateUrl */ .T)({ url: plan.url, ...dialer }, plan.gate, log, async (last) => {
        if (!conn.isOpen)
            throw new _common_errors_js__WEBPACK_IMPORTED_MODULE_0__/* .RemoteError */ .Hi(`the SSH connection to ${conn.label} was lost`);
        if ((0,_health_verdict_js__WEBPACK_IMPORTED_MODULE_2__/* .passes */ .WE)(last.verdict, plan.gate.allowDegraded))
            return undefined;
        return strategy.fatal();
    });
}


/***/ }),

/***/ 7648:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   Jq: () => (/* binding */ writeState),
/* harmony export */   Pn: () => (/* binding */ stateDir),
/* harmony export */   tU: () => (/* binding */ promoted),
/* harmony export */   un: () => (/* binding */ readState)
/* harmony export */ });
/* unused harmony exports STATE_DIR, emptyState, parseState */
/* harmony import */ var _ssh_quote_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(9038);

const STATE_DIR = '.vps-deploy';
function stateDir(appDir) {
    return `${appDir}/${STATE_DIR}`;
}
function emptyState(strategy) {
    return { current: null, previous: null, strategy };
}
/** Parses state.json; absent or unreadable content is "nothing deployed yet". */
function parseState(text, fallback) {
    try {
        const v = JSON.parse(text);
        const str = (x) => (typeof x === 'string' && x ? x : null);
        const strategy = v.strategy === 'release' || v.strategy === 'compose' ? v.strategy : fallback;
        return { current: str(v.current), previous: str(v.previous), strategy };
    }
    catch {
        return emptyState(fallback);
    }
}
/** `tag` passed its gate and is now current: the old current becomes previous (unless it is the same tag). */
function promoted(state, tag, strategy = state.strategy) {
    const previous = state.current && state.current !== tag ? state.current : state.previous !== tag ? state.previous : null;
    return { current: tag, previous, strategy };
}
async function readState(conn, appDir, fallback) {
    const r = await conn.exec((0,_ssh_quote_js__WEBPACK_IMPORTED_MODULE_0__.sh) `cat ${`${stateDir(appDir)}/state.json`} 2>/dev/null || true`, { log: false });
    return parseState(r.stdout, fallback);
}
/** Written atomically: SFTP to a temp name, then rename over state.json. */
async function writeState(conn, appDir, state) {
    const body = JSON.stringify({ ...state, updatedAt: new Date().toISOString() }, null, 2) + '\n';
    await conn.upload(body, `${stateDir(appDir)}/state.json`, 0o644);
}


/***/ }),

/***/ 4928:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   Cj: () => (/* binding */ tailOf),
/* harmony export */   V7: () => (/* binding */ errText),
/* harmony export */   withConnection: () => (/* binding */ withConnection)
/* harmony export */ });
/* unused harmony exports checkPrivateKey, SshConnection, sleep */
/* harmony import */ var ssh2__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(5472);
/* harmony import */ var ssh2__WEBPACK_IMPORTED_MODULE_0___default = /*#__PURE__*/__webpack_require__.n(ssh2__WEBPACK_IMPORTED_MODULE_0__);
/* harmony import */ var node_crypto__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(7598);
/* harmony import */ var node_crypto__WEBPACK_IMPORTED_MODULE_1___default = /*#__PURE__*/__webpack_require__.n(node_crypto__WEBPACK_IMPORTED_MODULE_1__);
/* harmony import */ var _common_errors_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(1922);
/* harmony import */ var _host_key_js__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(5748);
/* harmony import */ var _quote_js__WEBPACK_IMPORTED_MODULE_4__ = __webpack_require__(9038);





const { Client, utils } = (ssh2__WEBPACK_IMPORTED_MODULE_0___default());
const STDERR_TAIL = 64 * 1024;
/** Checks a private key (and its passphrase) before connecting; the error never includes the key. */
function checkPrivateKey(key, passphrase, inputName = 'key') {
    const parsed = utils.parseKey(key, passphrase);
    if (!(parsed instanceof Error))
        return;
    const m = parsed.message;
    if (/no passphrase given/i.test(m)) {
        throw new _common_errors_js__WEBPACK_IMPORTED_MODULE_2__/* .ConfigurationError */ .j1(`input "${inputName}" is an encrypted private key: set "passphrase" too`);
    }
    if (/decrypt|bad decrypt|passphrase/i.test(m) && passphrase) {
        throw new _common_errors_js__WEBPACK_IMPORTED_MODULE_2__/* .ConfigurationError */ .j1(`input "passphrase" does not decrypt the private key in "${inputName}"`);
    }
    throw new _common_errors_js__WEBPACK_IMPORTED_MODULE_2__/* .ConfigurationError */ .j1(`input "${inputName}" is not a private key ssh can use (${m}): paste the whole key, from ` +
        '-----BEGIN ... PRIVATE KEY----- to the END line (OpenSSH or PEM format)');
}
/**
 * One SSH connection to one host for the whole run: exec with exit codes, SFTP uploads, loopback tunnels.
 * Always dispose() it (in a finally): an open connection keeps node alive.
 */
class SshConnection {
    client;
    jump;
    target;
    log;
    sftpSession;
    closed = false;
    closeWaiters = new Set();
    constructor(client, jump, target, log) {
        this.client = client;
        this.jump = jump;
        this.target = target;
        this.log = log;
        client.on('close', () => {
            this.closed = true;
            const e = new _common_errors_js__WEBPACK_IMPORTED_MODULE_2__/* .RemoteError */ .Hi(`SSH connection to ${target.host}:${target.port} was lost`);
            for (const w of this.closeWaiters)
                w(e);
        });
        client.on('error', (e) => log.debug(`ssh: ${e.message}`));
    }
    get label() {
        return `${this.target.username}@${this.target.host}:${this.target.port}`;
    }
    /** Connects with retries and backoff; host key and authentication failures are not retried. */
    static async open(target, log) {
        if (target.privateKey)
            checkPrivateKey(target.privateKey, target.passphrase);
        const trust = (0,_host_key_js__WEBPACK_IMPORTED_MODULE_3__/* .hostTrustFrom */ .jU)({
            knownHosts: target.knownHosts,
            hostFingerprint: target.hostFingerprint,
            insecure: target.insecureIgnoreHostKey,
        });
        if (trust.kind === 'insecure')
            log.warning(`Host key of ${target.host} is not verified (insecure-ignore-host-key).`);
        let lastError;
        for (let attempt = 1; attempt <= target.connectRetries; attempt++) {
            let jump;
            try {
                let sock;
                if (target.jump) {
                    const j = target.jump;
                    jump = await connectOnce({
                        host: j.host,
                        port: j.port,
                        username: j.username,
                        privateKey: j.privateKey,
                        passphrase: target.passphrase,
                    }, jumpTrust(trust), target.connectTimeoutSeconds);
                    sock = await forward(jump, target.host, target.port);
                }
                const client = await connectOnce({
                    host: target.host,
                    port: target.port,
                    username: target.username,
                    privateKey: target.privateKey,
                    passphrase: target.passphrase,
                    password: target.password,
                    sock,
                }, trust, target.connectTimeoutSeconds);
                log.debug(`ssh: connected to ${target.host}:${target.port} on attempt ${attempt}`);
                return new SshConnection(client, jump, target, log);
            }
            catch (e) {
                jump?.end();
                if (e instanceof _common_errors_js__WEBPACK_IMPORTED_MODULE_2__/* .ConfigurationError */ .j1)
                    throw e;
                lastError = e;
                if (attempt < target.connectRetries) {
                    const wait = Math.min(1000 * 2 ** (attempt - 1), 10_000);
                    log.info(`ssh: attempt ${attempt} to ${target.host}:${target.port} failed (${errText(e)}); retrying in ${wait / 1000}s`);
                    await sleep(wait);
                }
            }
        }
        throw new _common_errors_js__WEBPACK_IMPORTED_MODULE_2__/* .RemoteError */ .Hi(`could not connect to ${target.host}:${target.port} after ${target.connectRetries} attempt(s) ` +
            `(connect-timeout ${target.connectTimeoutSeconds}s each): ${errText(lastError)}`, 'connect');
    }
    /** Runs a command; resolves with its exit code whatever stderr says. Rejects only if the connection fails. */
    exec(command, opts = {}) {
        const maxStdout = opts.maxStdout ?? 16 * 1024 * 1024;
        const logLines = opts.log !== false;
        return this.withChannel(command, (channel, resolve, reject) => {
            const out = [];
            let outBytes = 0;
            let err = Buffer.alloc(0);
            const outLines = lineLogger((l) => this.log.info(l));
            const errLines = lineLogger((l) => this.log.info(l));
            channel.on('data', (d) => {
                if (outBytes < maxStdout) {
                    out.push(d);
                    outBytes += d.length;
                }
                if (logLines)
                    outLines.push(d);
            });
            channel.stderr.on('data', (d) => {
                err = Buffer.concat([err, d]);
                if (err.length > STDERR_TAIL)
                    err = err.subarray(err.length - STDERR_TAIL);
                if (logLines)
                    errLines.push(d);
            });
            let code;
            let signal;
            channel.on('exit', (c, s) => {
                code = c ?? undefined;
                signal = s ?? undefined;
            });
            channel.on('close', () => {
                if (logLines) {
                    outLines.flush();
                    errLines.flush();
                }
                if (code === undefined && signal === undefined) {
                    reject(new _common_errors_js__WEBPACK_IMPORTED_MODULE_2__/* .RemoteError */ .Hi(`SSH connection to ${this.target.host} was lost while a command ran`));
                    return;
                }
                resolve({
                    code: code ?? 128,
                    ...(signal ? { signal } : {}),
                    stdout: Buffer.concat(out).toString('utf8'),
                    stderr: err.toString('utf8'),
                });
            });
            feedStdin(channel, opts.stdin);
        });
    }
    /** Runs a command and throws a RemoteError naming `what` with the tail of its output on a non-zero exit. */
    async run(command, what, opts = {}) {
        const r = await this.exec(command, opts);
        if (r.code !== 0) {
            throw new _common_errors_js__WEBPACK_IMPORTED_MODULE_2__/* .RemoteError */ .Hi(`${what} failed (exit ${r.signal ?? r.code})${tailOf(r.stderr || r.stdout)}`);
        }
        return r;
    }
    /** Opens a raw exec channel (for long-lived processes like the deploy lock, or streamed transfers). */
    channel(command) {
        this.assertOpen();
        return new Promise((resolve, reject) => {
            this.client.exec(command, (e, ch) => (e ? reject(e) : resolve(ch)));
        });
    }
    /** Writes content to remotePath atomically (temp name, chmod, rename), over SFTP. */
    async upload(content, remotePath, mode = 0o644) {
        const sftp = await this.sftp();
        const tmp = `${remotePath}.tmp-${(0,node_crypto__WEBPACK_IMPORTED_MODULE_1__.randomBytes)(6).toString('hex')}`;
        try {
            await new Promise((resolve, reject) => {
                const ws = sftp.createWriteStream(tmp, { mode });
                ws.on('error', reject);
                ws.on('close', () => resolve());
                if (typeof content === 'string' || Buffer.isBuffer(content))
                    ws.end(content);
                else
                    content.on('error', reject).pipe(ws);
            });
            await new Promise((resolve, reject) => sftp.chmod(tmp, mode, (e) => (e ? reject(e) : resolve())));
            await new Promise((resolve, reject) => sftp.ext_openssh_rename(tmp, remotePath, (e) => (e ? reject(e) : resolve())));
        }
        catch (e) {
            await this.exec(`rm -f ${(0,_quote_js__WEBPACK_IMPORTED_MODULE_4__/* .quoteForShell */ .eC)(tmp)}`, { log: false }).catch(() => undefined);
            throw new _common_errors_js__WEBPACK_IMPORTED_MODULE_2__/* .RemoteError */ .Hi(`upload to ${remotePath} failed: ${errText(e)}`);
        }
    }
    /** A TCP stream to host:port as seen from the server (direct-tcpip), e.g. the app on its loopback. */
    async tunnel(host, port) {
        this.assertOpen();
        const stream = await forward(this.client, host, port);
        // A request in flight over a tunnel must fail when the connection dies, not wait out its own timeout.
        // ssh2's channel destroy() waits for the server's reply, which a dead connection never sends: so the
        // error is raised on the stream directly, for whoever reads it.
        const onLost = (e) => {
            if (stream.listenerCount('error') > 0)
                stream.emit('error', e);
        };
        this.closeWaiters.add(onLost);
        stream.once('end', () => this.closeWaiters.delete(onLost));
        return stream;
    }
    get isOpen() {
        return !this.closed;
    }
    dispose() {
        this.client.end();
        this.jump?.end();
        // end() waits for the server's reply; a hung server must not keep node alive.
        const t = setTimeout(() => {
            this.client.destroy();
            this.jump?.destroy();
        }, 2000);
        t.unref();
    }
    sftp() {
        this.assertOpen();
        this.sftpSession ??= new Promise((resolve, reject) => this.client.sftp((e, s) => (e ? reject(e) : resolve(s))));
        return this.sftpSession;
    }
    assertOpen() {
        if (this.closed)
            throw new _common_errors_js__WEBPACK_IMPORTED_MODULE_2__/* .RemoteError */ .Hi(`SSH connection to ${this.target.host} was lost`);
    }
    withChannel(command, body) {
        this.assertOpen();
        return new Promise((resolve, reject) => {
            const onClose = (e) => reject(e);
            this.closeWaiters.add(onClose);
            const done = (f) => (a) => {
                this.closeWaiters.delete(onClose);
                f(a);
            };
            this.client.exec(command, (e, ch) => {
                if (e)
                    return done(reject)(e);
                body(ch, done(resolve), done(reject));
            });
        });
    }
}
function connectOnce(p, trust, timeoutSeconds) {
    return new Promise((resolve, reject) => {
        const client = new Client();
        let hostKeyProblem;
        let offered = null;
        const tried = [];
        const methods = ['none'];
        if (p.privateKey)
            methods.push('publickey');
        if (p.password)
            methods.push('password');
        const config = {
            host: p.host,
            port: p.port,
            username: p.username,
            readyTimeout: timeoutSeconds * 1000,
            keepaliveInterval: 5000,
            keepaliveCountMax: 3,
            ...(p.sock ? { sock: p.sock } : {}),
            hostVerifier: (key) => {
                const d = (0,_host_key_js__WEBPACK_IMPORTED_MODULE_3__/* .checkHostKey */ .Ex)(trust, p.host, p.port, key);
                if (!d.ok)
                    hostKeyProblem = d.message;
                return d.ok;
            },
            authHandler: (methodsLeft, _partial, next) => {
                if (methodsLeft)
                    offered = methodsLeft;
                let m;
                while ((m = methods.shift())) {
                    if (offered && !offered.includes(m))
                        continue;
                    if (m !== 'none')
                        tried.push(m);
                    if (m === 'none')
                        return next({ type: 'none', username: p.username });
                    if (m === 'publickey')
                        return next({
                            type: 'publickey',
                            username: p.username,
                            key: p.privateKey,
                            passphrase: p.passphrase ?? '',
                        });
                    if (m === 'password')
                        return next({ type: 'password', username: p.username, password: p.password });
                }
                return next(false);
            },
        };
        let settled = false;
        client.once('ready', () => {
            settled = true;
            resolve(client);
        });
        client.once('error', (e) => {
            if (settled)
                return;
            settled = true;
            client.destroy();
            if (hostKeyProblem)
                return reject(new _common_errors_js__WEBPACK_IMPORTED_MODULE_2__/* .ConfigurationError */ .j1(hostKeyProblem));
            if (e.level === 'client-authentication') {
                return reject(new _common_errors_js__WEBPACK_IMPORTED_MODULE_2__/* .ConfigurationError */ .j1(`authentication failed for ${p.username}@${p.host}:${p.port}: tried ${tried.join(', ') || 'nothing'}; ` +
                    `the server offers ${offered?.join(', ') || 'no method'}` +
                    (offered && !offered.some((o) => tried.includes(o))
                        ? ' (none of the given credentials match what it offers)'
                        : ' (check the key is in ~/.ssh/authorized_keys of that user)')));
            }
            reject(e);
        });
        client.connect(config);
        // Without TCP_NODELAY every small SSH packet waits for the peer's delayed ACK (~40 ms): the handshake took
        // ~170 ms and each exec or SFTP step ~90 ms instead of ~3 ms on loopback (scripts/bench/deploy.mjs).
        client.setNoDelay(true);
    });
}
function jumpTrust(trust) {
    // known-hosts may hold the bastion's line too; a fingerprint names the target only.
    return trust.kind === 'fingerprint' ? { kind: 'none' } : trust;
}
function forward(client, host, port) {
    return new Promise((resolve, reject) => client.forwardOut('127.0.0.1', 0, host, port, (e, ch) => e
        ? reject(new _common_errors_js__WEBPACK_IMPORTED_MODULE_2__/* .RemoteError */ .Hi(`the server could not open a tunnel to ${host}:${port}: ${e.message}`))
        : resolve(ch)));
}
function feedStdin(channel, stdin) {
    if (stdin === undefined)
        channel.end();
    else if (typeof stdin === 'string' || Buffer.isBuffer(stdin))
        channel.end(stdin);
    else
        stdin.pipe(channel);
}
function lineLogger(emit) {
    let pending = '';
    return {
        push(d) {
            pending += d.toString('utf8');
            const lines = pending.split('\n');
            pending = lines.pop();
            for (const l of lines)
                emit(l.replace(/\r$/, ''));
        },
        flush() {
            if (pending)
                emit(pending);
            pending = '';
        },
    };
}
/** The last lines of a command's output, for error messages. */
function tailOf(text, lines = 15) {
    const t = text.trimEnd().split('\n').slice(-lines).join('\n');
    return t ? `:\n${t}` : '';
}
function errText(e) {
    return e instanceof Error ? e.message : String(e);
}
function sleep(ms) {
    return new Promise((r) => setTimeout(r, ms));
}
/** Opens a connection, runs fn, and always disposes it. */
async function withConnection(target, log, fn) {
    const c = await SshConnection.open(target, log);
    try {
        return await fn(c);
    }
    finally {
        c.dispose();
    }
}


/***/ }),

/***/ 9038:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   L_: () => (/* binding */ userCommand),
/* harmony export */   eC: () => (/* binding */ quoteForShell),
/* harmony export */   lS: () => (/* binding */ raw),
/* harmony export */   sh: () => (/* binding */ sh)
/* harmony export */ });
/* unused harmony export ShellFragment */
/**
 * The one module that turns values into remote shell command text. Every value interpolated into a command
 * that runs on the server passes through quoteForShell (directly or via the `sh` template), so hostile tags,
 * paths and names stay inert. Tested with fast-check under a real /bin/sh (test/unit/quote.test.ts).
 */
const SAFE = /^[A-Za-z0-9_@%+=:,./-]+$/;
/** POSIX single-quoting. A NUL byte cannot be passed to a shell at all, so it is refused. */
function quoteForShell(value) {
    if (value.includes('\0'))
        throw new Error('a NUL byte cannot be passed in a shell command');
    if (value !== '' && SAFE.test(value))
        return value;
    return `'${value.replace(/'/g, `'\\''`)}'`;
}
/** A fragment of trusted shell text (written in this repository, or a user's own command given as such). */
class ShellFragment {
    text;
    constructor(text) {
        this.text = text;
    }
    toString() {
        return this.text;
    }
}
/** Marks literal shell text to be inserted unquoted. Only for text written in this repository. */
function raw(text) {
    return new ShellFragment(text);
}
/**
 * Template tag for remote commands: `sh\`mkdir -p ${dir} && cd ${dir}\`` quotes every interpolated value.
 * Arrays become space-separated quoted words; ShellFragments are inserted as they are.
 */
function sh(strings, ...values) {
    let out = strings[0];
    values.forEach((v, i) => {
        out += render(v) + strings[i + 1];
    });
    return out;
}
function render(v) {
    if (v instanceof ShellFragment)
        return v.text;
    if (Array.isArray(v))
        return v.map((x) => quoteForShell(String(x))).join(' ');
    return quoteForShell(String(v));
}
/**
 * A user's own command (install-command, restart-command, …) run by a login shell, so PATH additions from
 * ~/.profile (nvm, pyenv, ~/.local/bin) apply as they do when the user types it over SSH. The command text is
 * one quoted argument: it is the user's shell code, never spliced into ours.
 */
function userCommand(command, opts = {}) {
    const env = Object.entries(opts.env ?? {}).map(([k, v]) => {
        if (!/^[A-Za-z_][A-Za-z0-9_]*$/.test(k))
            throw new Error(`not a variable name: ${k}`);
        return `${k}=${quoteForShell(v)}`;
    });
    const inner = opts.cwd ? `cd ${quoteForShell(opts.cwd)} && ${command}` : command;
    const prefix = env.length ? `env ${env.join(' ')} ` : '';
    // bash where the server has it (login semantics as documented), a POSIX login sh otherwise.
    return `${prefix}"$(command -v bash || echo sh)" -lc ${quoteForShell(inner)}`;
}


/***/ })

};
