export const id = 173;
export const ids = [173];
export const modules = {

/***/ 5422:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

__webpack_require__.r(__webpack_exports__);
/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   deployInputSpec: () => (/* binding */ deployInputSpec),
/* harmony export */   readDeployInputs: () => (/* binding */ readDeployInputs)
/* harmony export */ });
/* harmony import */ var _io_inputs_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(6332);
/* harmony import */ var _io_configured_io_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(4847);
/* harmony import */ var _ssh_target_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(4889);
/* harmony import */ var _flow_inputs_js__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(4399);
/* harmony import */ var _flow_tag_js__WEBPACK_IMPORTED_MODULE_6__ = __webpack_require__(360);
/* harmony import */ var _strategies_compose_extra_files_js__WEBPACK_IMPORTED_MODULE_4__ = __webpack_require__(890);
/* harmony import */ var _strategies_swarm_inputs_js__WEBPACK_IMPORTED_MODULE_5__ = __webpack_require__(9809);







const relativePath = {
    test: (s) => !s.startsWith('/') && !s.split('/').includes('..') && !s.includes('\0'),
    takes: 'a path inside the app directory',
};
/** actions/deploy inputs (actions/deploy/README.md). */
const deployInputSpec = {
    ..._ssh_target_js__WEBPACK_IMPORTED_MODULE_2__/* .remoteInputSpec */ .eZ,
    ..._flow_inputs_js__WEBPACK_IMPORTED_MODULE_3__/* .gateInputSpec */ .rZ,
    tag: (0,_io_inputs_js__WEBPACK_IMPORTED_MODULE_0__/* .matching */ .wC)(_flow_tag_js__WEBPACK_IMPORTED_MODULE_6__/* .TAG_PATTERN */ .A, _flow_tag_js__WEBPACK_IMPORTED_MODULE_6__/* .TAG_TAKES */ .K),
    strategy: (0,_io_inputs_js__WEBPACK_IMPORTED_MODULE_0__/* .oneOf */ .yL)(['compose', 'release', 'swarm'], 'compose'),
    stack: (0,_strategies_swarm_inputs_js__WEBPACK_IMPORTED_MODULE_5__/* .stackName */ .Q)(),
    'compose-file': (0,_io_inputs_js__WEBPACK_IMPORTED_MODULE_0__/* .text */ .Qq)(),
    'env-file': (0,_io_inputs_js__WEBPACK_IMPORTED_MODULE_0__/* .text */ .Qq)(),
    'tag-variable': (0,_flow_inputs_js__WEBPACK_IMPORTED_MODULE_3__/* .tagVariable */ .PU)(),
    services: (0,_flow_inputs_js__WEBPACK_IMPORTED_MODULE_3__/* .serviceNames */ ._m)(),
    registry: (0,_io_inputs_js__WEBPACK_IMPORTED_MODULE_0__/* .matching */ .wC)(/^[A-Za-z0-9.-]+(:\d{1,5})?(\/[A-Za-z0-9._/-]*)?$/, 'a registry host like ghcr.io or 127.0.0.1:5000'),
    'registry-username': (0,_io_inputs_js__WEBPACK_IMPORTED_MODULE_0__/* .text */ .Qq)(),
    'registry-password': (0,_io_inputs_js__WEBPACK_IMPORTED_MODULE_0__/* .text */ .Qq)(),
    source: (0,_io_inputs_js__WEBPACK_IMPORTED_MODULE_0__/* .text */ .Qq)(),
    // action.yml's default: so a workflow passing it still lets vps-deploy.yml set shared-files (configured-io.ts).
    'shared-files': (0,_io_inputs_js__WEBPACK_IMPORTED_MODULE_0__/* .list */ .p_)(relativePath, { fallback: ['.env'] }),
    'shared-dirs': (0,_io_inputs_js__WEBPACK_IMPORTED_MODULE_0__/* .list */ .p_)(relativePath),
    'install-command': (0,_io_inputs_js__WEBPACK_IMPORTED_MODULE_0__/* .text */ .Qq)(),
    'migrate-command': (0,_io_inputs_js__WEBPACK_IMPORTED_MODULE_0__/* .text */ .Qq)(),
    'restart-command': (0,_io_inputs_js__WEBPACK_IMPORTED_MODULE_0__/* .text */ .Qq)(),
    'logs-command': (0,_io_inputs_js__WEBPACK_IMPORTED_MODULE_0__/* .text */ .Qq)(),
    'extra-files': (0,_io_inputs_js__WEBPACK_IMPORTED_MODULE_0__/* .list */ .p_)({ test: (s) => !(0,_strategies_compose_extra_files_js__WEBPACK_IMPORTED_MODULE_4__/* .extraFileProblem */ .mj)(s), takes: 'a local/path[:remote/path] line without ".." segments' }, { lines: true }),
    ..._flow_inputs_js__WEBPACK_IMPORTED_MODULE_3__/* .switchInputSpec */ .e6,
    'keep-releases': (0,_io_inputs_js__WEBPACK_IMPORTED_MODULE_0__/* .integer */ .nd)(5, 1, 1000),
    'rollback-on-failure': (0,_io_inputs_js__WEBPACK_IMPORTED_MODULE_0__/* .bool */ .lc)(true),
    environment: (0,_io_inputs_js__WEBPACK_IMPORTED_MODULE_0__/* .text */ .Qq)(),
    'environment-url': (0,_io_inputs_js__WEBPACK_IMPORTED_MODULE_0__/* .httpUrl */ .q3)(),
    'github-token': (0,_io_inputs_js__WEBPACK_IMPORTED_MODULE_0__/* .text */ .Qq)(),
    ..._io_configured_io_js__WEBPACK_IMPORTED_MODULE_1__/* .configInputSpec */ .kW,
};
function readDeployInputs(raw) {
    return (0,_io_inputs_js__WEBPACK_IMPORTED_MODULE_0__/* .readInputs */ .Ko)(deployInputSpec, raw);
}


/***/ }),

/***/ 5173:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {


// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  deployAction: () => (/* binding */ deployAction),
  runDeploy: () => (/* binding */ runDeploy)
});

// EXTERNAL MODULE: ./src/io/errors.ts
var errors = __webpack_require__(7333);
// EXTERNAL MODULE: ./src/io/secrets.ts
var io_secrets = __webpack_require__(3965);
;// CONCATENATED MODULE: ./src/github/rest-client.ts
/**
 * The GitHub REST client: @actions/github's Octokit, which goes through the runner's proxy (HTTPS_PROXY /
 * NO_PROXY, via @actions/http-client), plus @octokit/plugin-retry and @octokit/plugin-throttling held to a short
 * leash. GitHub is only told about a deploy, so the API may cost a deploy a few seconds, never stall it.
 */
const GITHUB_API_PATIENCE = {
    /** Server errors (5xx) and dropped connections: two more tries, after 0.5 s and 2 s. */
    retries: 2,
    retryBaseMs: 500,
    /** A rate limit is waited out once, and only when GitHub asks for no more than this. */
    maxRateLimitWaitSeconds: 5,
    /** One call with all its retries; past it the call is abandoned (and not retried). */
    callBudgetMs: 15_000,
};
/** GitHub's status codes that a retry cannot change; 429 is left to the throttling plugin, which reads Retry-After. */
const DO_NOT_RETRY = [400, 401, 403, 404, 410, 422, 429, 451];
/**
 * Loaded on first use, not imported at the top: Octokit and undici are most of a bundle's size, and only a deploy
 * with an environment needs them. @actions/github decides on a proxy when it is loaded, for GITHUB_API_URL, which
 * is where `apiUrl` (RunContext) comes from too.
 */
async function openGitHubRest(apiUrl, log) {
    const [{ GitHub, getUserAgentWithOrchestrationId }, { retry }, { throttling }] = await Promise.all([
        __webpack_require__.e(/* import() */ 250).then(__webpack_require__.bind(__webpack_require__, 5250)),
        Promise.all(/* import() */[__webpack_require__.e(251), __webpack_require__.e(735)]).then(__webpack_require__.bind(__webpack_require__, 9735)),
        Promise.all(/* import() */[__webpack_require__.e(251), __webpack_require__.e(856)]).then(__webpack_require__.bind(__webpack_require__, 6856)),
    ]);
    const waitOutOnce = (kind) => (retryAfter, options, _octokit, retryCount) => {
        const call = `${options.method ?? ''} ${options.url ?? ''}`.trim();
        if (retryCount < 1 && retryAfter <= GITHUB_API_PATIENCE.maxRateLimitWaitSeconds) {
            log.info(`GitHub hit a ${kind} on ${call}: trying once more in ${retryAfter}s`);
            return true;
        }
        log.debug(`GitHub hit a ${kind} on ${call} (retry after ${retryAfter}s): not waiting for it`);
        return false;
    };
    const toDebug = (message) => log.debug(message);
    const Rest = GitHub.plugin(retry, throttling);
    return new Rest({
        baseUrl: apiUrl.replace(/\/+$/, ''),
        userAgent: getUserAgentWithOrchestrationId('vps-deploy') ?? 'vps-deploy',
        retry: {
            retries: GITHUB_API_PATIENCE.retries,
            retryAfterBaseValue: GITHUB_API_PATIENCE.retryBaseMs,
            doNotRetry: DO_NOT_RETRY,
        },
        throttle: {
            onRateLimit: waitOutOnce('rate limit'),
            onSecondaryRateLimit: waitOutOnce('secondary rate limit'),
        },
        // Octokit's own notes (deprecations, plugin internals) are for debugging, not for the deploy's log.
        log: { debug: toDebug, info: toDebug, warn: toDebug, error: toDebug },
    });
}
/**
 * Runs one call with its retries inside the time budget. The abort reaches Octokit as an AbortError, which the
 * retry plugin passes on instead of retrying.
 */
async function withinBudget(call) {
    const controller = new AbortController();
    const timer = setTimeout(() => controller.abort(), GITHUB_API_PATIENCE.callBudgetMs);
    try {
        return await call(controller.signal);
    }
    finally {
        clearTimeout(timer);
    }
}
/** What a failed call means for the user, in one warning line. */
function describeFailure(e, call, apiUrl) {
    const { status, response, message, name } = e;
    const text = String(message ?? e).slice(0, 200);
    const origin = safeOrigin(apiUrl);
    if (name === 'AbortError') {
        return `GitHub API at ${origin} gave no answer to ${call} within ${GITHUB_API_PATIENCE.callBudgetMs / 1000}s; going on without a Deployment`;
    }
    if (!response)
        return `GitHub API at ${origin} is out of reach (${text}); going on without a Deployment`;
    if (/rate limit/i.test(text))
        return `GitHub rate-limited ${call} (${text}); going on without it`;
    if (status === 403 || status === 404) {
        return (`GitHub answered ${status} to ${call}: the workflow needs \`permissions: deployments: write\` ` +
            'to record a Deployment; going on without it');
    }
    return `GitHub answered ${status} to ${call} (${text}); going on without it`;
}
function safeOrigin(url) {
    try {
        return new URL(url).origin;
    }
    catch {
        return url;
    }
}

;// CONCATENATED MODULE: ./src/github/deployments.ts

const API_VERSION = '2022-11-28';
class GitHubDeployment {
    io;
    api;
    id;
    environmentUrl;
    constructor(io, api, id, environmentUrl) {
        this.io = io;
        this.api = api;
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
        const api = new GitHubCalls(io, await openGitHubRest(io.run.apiUrl, io), req.token, owner, repo);
        const created = await api.call(`POST /repos/${owner}/${repo}/deployments`, (rest, extra) => rest.rest.repos.createDeployment({
            owner,
            repo,
            ref: req.ref,
            environment: req.environment,
            description: req.description,
            auto_merge: false,
            required_contexts: [],
            transient_environment: false,
            production_environment: /^prod(uction)?$/i.test(req.environment),
            payload: { tag: req.tag },
            ...extra,
        }));
        // 202 (a merge of the default branch instead of a deployment) cannot happen with auto_merge off.
        const id = created && 'id' in created ? created.id : undefined;
        if (typeof id !== 'number')
            return undefined;
        const d = new GitHubDeployment(io, api, id, req.environmentUrl);
        await d.status('in_progress', `deploying ${req.tag}`);
        io.info(`GitHub Deployment ${id} for environment ${req.environment}`);
        return d;
    }
    async status(state, description) {
        const { owner, repo } = this.api;
        await this.api.call(`POST /repos/${owner}/${repo}/deployments/${this.id}/statuses`, (rest, extra) => rest.rest.repos.createDeploymentStatus({
            owner,
            repo,
            deployment_id: this.id,
            state,
            description: description.slice(0, 140),
            auto_inactive: true,
            ...(this.io.run.runUrl ? { log_url: this.io.run.runUrl } : {}),
            ...(this.environmentUrl ? { environment_url: this.environmentUrl } : {}),
            ...extra,
        }));
    }
}
class GitHubCalls {
    io;
    rest;
    token;
    owner;
    repo;
    constructor(io, rest, token, owner, repo) {
        this.io = io;
        this.rest = rest;
        this.token = token;
        this.owner = owner;
        this.repo = repo;
    }
    /** The response data, or undefined after a warning: a Deployment is never worth failing the deploy for. */
    async call(label, send) {
        try {
            const res = await withinBudget((signal) => send(this.rest, {
                // Bearer, as GitHub documents it; Octokit's token auth would send `token <value>`.
                headers: { authorization: `Bearer ${this.token}`, 'x-github-api-version': API_VERSION },
                request: { signal },
            }));
            return res.data;
        }
        catch (e) {
            this.io.warning(describeFailure(e, label, this.io.run.apiUrl));
            return undefined;
        }
    }
}

// EXTERNAL MODULE: ./src/flow/deploy-flow.ts
var deploy_flow = __webpack_require__(9938);
// EXTERNAL MODULE: ./src/flow/cancel.ts
var cancel = __webpack_require__(3900);
// EXTERNAL MODULE: ./src/strategies/index.ts
var strategies = __webpack_require__(4665);
// EXTERNAL MODULE: ./src/actions/deploy/inputs.ts
var inputs = __webpack_require__(5422);
// EXTERNAL MODULE: external "node:fs"
var external_node_fs_ = __webpack_require__(3024);
// EXTERNAL MODULE: external "node:path"
var external_node_path_ = __webpack_require__(6760);
// EXTERNAL MODULE: ./src/strategies/release-dirs/strategy.ts + 20 modules
var strategy = __webpack_require__(870);
// EXTERNAL MODULE: ./src/ssh/target.ts
var target = __webpack_require__(4889);
// EXTERNAL MODULE: ./src/flow/tag.ts
var flow_tag = __webpack_require__(360);
// EXTERNAL MODULE: ./src/flow/inputs.ts
var flow_inputs = __webpack_require__(4399);
// EXTERNAL MODULE: ./src/strategies/compose/extra-files.ts
var extra_files = __webpack_require__(890);
// EXTERNAL MODULE: ./src/strategies/switch-plan.ts + 2 modules
var switch_plan = __webpack_require__(2862);
;// CONCATENATED MODULE: ./src/actions/deploy/plan.ts









const COMPOSE_NAMES = ['compose.yaml', 'compose.yml', 'docker-compose.yml', 'docker-compose.yaml'];
/** The tag: the input, else the pushed git tag, else what the variant offers (root action: sha-<short>). */
function resolveTag(input, run, fallback) {
    const fromRef = /^refs\/tags\/(.+)$/.exec(run.ref)?.[1];
    const tag = input || fromRef || fallback || '';
    if (!tag) {
        throw new errors/* ConfigurationError */.j1('input "tag" is required when the workflow was not started by a tag push: takes ' + flow_tag/* TAG_TAKES */.K);
    }
    if (!flow_tag/* TAG_PATTERN */.A.test(tag))
        throw new errors/* ConfigurationError */.j1(`the pushed git tag ${JSON.stringify(tag)} cannot be a release tag: set "tag", ${flow_tag/* TAG_TAKES */.K}`);
    return tag;
}
async function deployPlan(i, run, fallbackTag) {
    const tag = resolveTag(i.tag, run, fallbackTag);
    const targets = (0,target/* sshTargets */.vF)(i);
    const location = (0,target/* appLocation */.ry)(i, run.repository);
    const registryGiven = [i.registry, i['registry-username'], i['registry-password']].filter(Boolean).length;
    if (registryGiven && registryGiven < 3 && i['registry-password']) {
        throw new errors/* ConfigurationError */.j1('inputs "registry", "registry-username" and "registry-password" go together: give all three (or only "registry" to push without login)');
    }
    if (i.strategy === 'swarm' && i.switch !== 'restart')
        throw new errors/* ConfigurationError */.j1('input "switch" blue-green is for strategy: compose or release; with strategy: swarm, Swarm replaces tasks ' +
            'itself: set deploy.update_config.order: start-first in the compose file (README, "Scaling out")');
    const sw = (0,switch_plan/* switchPlan */.y)(i, location.appDir, run.workspace, i.strategy === 'swarm' ? undefined : i.strategy);
    if (sw && i.strategy === 'release' && i['restart-command'])
        throw new errors/* ConfigurationError */.j1('input "restart-command" is not used with switch: blue-green: start-command and stop-command start and stop ' +
            'the instance on each port (APP_PORT); leave restart-command empty');
    const release = {
        workspace: run.workspace,
        source: i.source,
        sharedFiles: i['shared-files'].length ? i['shared-files'] : ['.env'],
        sharedDirs: i['shared-dirs'],
        envFile: i['env-file'],
        installCommand: i['install-command'],
        migrateCommand: i['migrate-command'],
        restartCommand: i['restart-command'],
        logsCommand: i['logs-command'],
        ...(sw
            ? { blueGreen: { ports: sw.ports, startCommand: sw.startCommand, stopCommand: sw.stopCommand } }
            : {}),
    };
    if (i.strategy === 'release' && i['extra-files'].length)
        throw new errors/* ConfigurationError */.j1('input "extra-files" is for strategy: compose. A release directory is already the repository tree ' +
            '(git archive of the tag, or source): commit the file, or put it in source');
    // A tag missing from the checkout, or an unusable source, is the user's to fix: say so before connecting.
    if (i.strategy === 'release')
        await (0,strategy.checkReleaseTag)(release, tag);
    return {
        tag,
        targets,
        location,
        strategy: i.strategy,
        stack: i.stack,
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
            extraFiles: (0,extra_files/* planExtraFiles */.nG)(i['extra-files'], run.workspace, location.appDir),
            ...(sw ? { blueGreen: true } : {}),
        },
        release,
        health: (0,flow_inputs/* healthPlan */.Oq)(i),
        lockTimeoutSeconds: i['lock-timeout'],
        keepReleases: i['keep-releases'],
        rollbackOnFailure: i['rollback-on-failure'],
        ...(sw ? { switch: sw } : {}),
    };
}
/** Reads the compose file from the checked-out repository; it keeps a standard name on the server. */
function readComposeFile(path, workspace) {
    const full = (0,external_node_path_.isAbsolute)(path) ? path : (0,external_node_path_.join)(workspace, path);
    if (!(0,external_node_fs_.existsSync)(full))
        throw new errors/* ConfigurationError */.j1(`input "compose-file" got ${JSON.stringify(path)}: there is no such file in ${workspace}`);
    const name = COMPOSE_NAMES.includes((0,external_node_path_.basename)(full)) ? (0,external_node_path_.basename)(full) : 'docker-compose.yml';
    return { name, content: (0,external_node_fs_.readFileSync)(full, 'utf8') };
}

;// CONCATENATED MODULE: ./src/actions/deploy/plan-text.ts
/**
 * The plan in one line, logged before anything connects: what a workflow run and a terminal run will do, the
 * same text when they resolved the same settings (vps-deploy.yml, inputs, ~/.ssh), so the two can be compared.
 * Secrets never appear (the key, passwords, env-file and headers are not part of it).
 */
function planText(plan) {
    const targets = plan.targets.map((t) => `${t.username}@${t.host}:${t.port}${t.jump ? ` via ${t.jump.username}@${t.jump.host}:${t.jump.port}` : ''}`);
    const h = plan.health;
    const gate = [...h.urls, ...h.commands.map((c) => `\`${c}\``)].join(', ');
    return (`Plan: ${plan.strategy} release ${plan.tag} of ${plan.location.app} in ${plan.location.appDir} ` +
        `on ${targets.join(', ')}; gate ${gate} from the ${h.from} (${h.gate.successes} successes within ` +
        `${h.gate.timeoutSeconds}s); keep ${plan.keepReleases} releases; ` +
        `${plan.rollbackOnFailure ? 'roll back on failure' : 'no automatic rollback'}`);
}

// EXTERNAL MODULE: ./src/flow/report.ts
var report = __webpack_require__(4612);
// EXTERNAL MODULE: ./src/flow/hosts.ts
var hosts = __webpack_require__(1795);
;// CONCATENATED MODULE: ./src/actions/deploy/run.ts












const deployAction = { title: 'Deploy', readInputs: inputs.readDeployInputs };
/** actions/deploy: inputs -> plan -> (variant's runner work) -> each host in turn -> outputs, summary. */
async function runDeploy(io, variant, signal) {
    const started = performance.now();
    (0,io_secrets/* maskSecretInputs */.q)(io);
    const inputs = variant.readInputs((n) => io.input(n));
    const plan = await deployPlan(inputs, io.run, variant.fallbackTag?.(inputs, io.run));
    io.info(planText(plan));
    const secrets = io_secrets/* SECRET_INPUT_NAMES */.f1.map((n) => io.input(n)).filter(Boolean);
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
    const { reports, fault } = await (0,hosts/* eachHost */.y)(plan.targets, io, 'deployed', (conn) => (0,deploy_flow/* deployRelease */.H_)((0,cancel/* withSignal */.l_)((0,strategies/* flowContext */.Y)(conn, io, plan, secrets), signal), {
        tag: plan.tag,
        strategy: plan.strategy,
        keepReleases: plan.keepReleases,
        rollbackOnFailure: plan.rollbackOnFailure,
        ...(plan.switch ? { blueGreen: (0,switch_plan/* blueGreenPlan */.l)(plan.switch) } : {}),
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


/***/ }),

/***/ 890:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   fy: () => (/* binding */ stagingCommand),
/* harmony export */   iG: () => (/* binding */ readLocal),
/* harmony export */   mj: () => (/* binding */ extraFileProblem),
/* harmony export */   mw: () => (/* binding */ filesToUpload),
/* harmony export */   nG: () => (/* binding */ planExtraFiles),
/* harmony export */   pW: () => (/* binding */ forgetCommand),
/* harmony export */   qM: () => (/* binding */ FILES_DIR),
/* harmony export */   sz: () => (/* binding */ applyCommand),
/* harmony export */   t6: () => (/* binding */ recordCommand)
/* harmony export */ });
/* harmony import */ var node_fs__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(3024);
/* harmony import */ var node_fs__WEBPACK_IMPORTED_MODULE_0___default = /*#__PURE__*/__webpack_require__.n(node_fs__WEBPACK_IMPORTED_MODULE_0__);
/* harmony import */ var node_path__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(6760);
/* harmony import */ var node_path__WEBPACK_IMPORTED_MODULE_1___default = /*#__PURE__*/__webpack_require__.n(node_path__WEBPACK_IMPORTED_MODULE_1__);
/* harmony import */ var _io_errors_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(7333);
/* harmony import */ var _ssh_quote_js__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(9038);




const FILES_DIR = '.vps-deploy/files';
/** Names in the app dir the actions own: an extra file may not replace them. */
const RESERVED = ['.vps-deploy', '.env'];
const badSegment = (p) => p.split('/').some((s) => s === '..');
/** Why one `local[:remote]` line cannot be used, or undefined (checks that need no file system). */
function extraFileProblem(line) {
    const [local = '', remote] = splitLine(line);
    if (!local)
        return 'names no local path';
    if (/[\0\n\r]/.test(line))
        return 'holds a control character';
    if (badSegment(local))
        return 'has a ".." segment in its local path';
    if (remote !== undefined && !remote)
        return 'has an empty remote path after ":"';
    if (remote !== undefined && badSegment(remote))
        return 'has a ".." segment in its remote path';
    return undefined;
}
function splitLine(line) {
    const i = line.indexOf(':');
    return i < 0 ? [line.trim(), undefined] : [line.slice(0, i).trim(), line.slice(i + 1).trim()];
}
/**
 * The `extra-files` lines resolved: local paths from the workspace (they must exist), remote paths inside the
 * app dir (an absolute one only when it is under app-dir), never onto `.vps-deploy` or `.env`.
 */
function planExtraFiles(lines, workspace, appDir) {
    const refuse = (line, why) => new _io_errors_js__WEBPACK_IMPORTED_MODULE_2__/* .ConfigurationError */ .j1(`input "extra-files" got ${JSON.stringify(line)}: ${why}`);
    const seen = new Set();
    return lines.map((line) => {
        const problem = extraFileProblem(line);
        if (problem)
            throw refuse(line, problem);
        const [local, given] = splitLine(line);
        const full = (0,node_path__WEBPACK_IMPORTED_MODULE_1__.isAbsolute)(local) ? local : (0,node_path__WEBPACK_IMPORTED_MODULE_1__.join)(workspace, local);
        try {
            (0,node_fs__WEBPACK_IMPORTED_MODULE_0__.statSync)(full);
        }
        catch {
            throw refuse(line, `there is no ${full} on the runner`);
        }
        let remote = given ?? ((0,node_path__WEBPACK_IMPORTED_MODULE_1__.isAbsolute)(local) ? node_path__WEBPACK_IMPORTED_MODULE_1__.posix.basename(local) : local);
        if (node_path__WEBPACK_IMPORTED_MODULE_1__.posix.isAbsolute(remote)) {
            const rel = node_path__WEBPACK_IMPORTED_MODULE_1__.posix.relative(node_path__WEBPACK_IMPORTED_MODULE_1__.posix.normalize(appDir), node_path__WEBPACK_IMPORTED_MODULE_1__.posix.normalize(remote));
            if (!rel || rel.startsWith('..') || node_path__WEBPACK_IMPORTED_MODULE_1__.posix.isAbsolute(rel))
                throw refuse(line, `the remote path ${remote} is outside app-dir (${appDir}); give it relative to app-dir`);
            remote = rel;
        }
        remote = node_path__WEBPACK_IMPORTED_MODULE_1__.posix
            .normalize(remote)
            .replace(/^\.\/+/, '')
            .replace(/\/+$/, '');
        if (!remote || remote === '.')
            throw refuse(line, 'the remote path is app-dir itself');
        if (RESERVED.includes(remote.split('/')[0]))
            throw refuse(line, `${remote} belongs to vps-deploy (.vps-deploy/, .env): choose another remote path`);
        if (seen.has(remote))
            throw refuse(line, `${remote} is given twice`);
        seen.add(remote);
        return { local: full, remote };
    });
}
/** Every file to upload: (runner path, path under root/), directories walked; the file mode kept. */
function filesToUpload(files) {
    const out = [];
    const walk = (local, remote) => {
        const st = (0,node_fs__WEBPACK_IMPORTED_MODULE_0__.statSync)(local);
        if (st.isDirectory()) {
            for (const name of (0,node_fs__WEBPACK_IMPORTED_MODULE_0__.readdirSync)(local).sort())
                walk((0,node_path__WEBPACK_IMPORTED_MODULE_1__.join)(local, name), node_path__WEBPACK_IMPORTED_MODULE_1__.posix.join(remote, name));
        }
        else if (st.isFile()) {
            out.push({ local, remote, mode: st.mode & 0o777 });
        }
    };
    for (const f of files)
        walk(f.local, f.remote);
    return out;
}
function readLocal(path) {
    return (0,node_fs__WEBPACK_IMPORTED_MODULE_0__.readFileSync)(path);
}
/** The staging dir of a tag's files, then the directories its files need (made before the uploads). */
function stagingCommand(appDir, staging, dirs) {
    const root = node_path__WEBPACK_IMPORTED_MODULE_1__.posix.join(appDir, FILES_DIR, staging, 'root');
    return (0,_ssh_quote_js__WEBPACK_IMPORTED_MODULE_3__.sh) `mkdir -p -- ${[root, ...dirs.map((d) => node_path__WEBPACK_IMPORTED_MODULE_1__.posix.join(root, d))]}`;
}
/** Puts the staged files in place as the tag's record (replacing an earlier record of the same tag). */
function recordCommand(appDir, staging, tag, remotes) {
    const dir = node_path__WEBPACK_IMPORTED_MODULE_1__.posix.join(appDir, FILES_DIR);
    return ((0,_ssh_quote_js__WEBPACK_IMPORTED_MODULE_3__.sh) `cd ${dir} && printf '%s\\n' ${remotes} > ${node_path__WEBPACK_IMPORTED_MODULE_1__.posix.join(staging, 'MANIFEST')} && ` +
        (0,_ssh_quote_js__WEBPACK_IMPORTED_MODULE_3__.sh) `rm -rf -- ${tag} && mv -T -- ${staging} ${tag}`);
}
/**
 * Copies a tag's recorded files into the app dir: each path by a copy beside it and a rename (a file is
 * replaced in one rename; a directory is swapped by two). Prints `none` when files are recorded for other
 * tags but not this one (deployed before it used extra-files): what is in place then stays.
 */
function applyCommand(appDir, tag) {
    const src = node_path__WEBPACK_IMPORTED_MODULE_1__.posix.join(FILES_DIR, tag);
    return ((0,_ssh_quote_js__WEBPACK_IMPORTED_MODULE_3__.sh) `cd ${appDir} && [ -d ${FILES_DIR} ] || exit 0; s=${src}; [ -f "$s/MANIFEST" ] || { echo none; exit 0; }; ` +
        `while IFS= read -r p; do [ -n "$p" ] || continue; ` +
        `rm -rf -- "$p.vpsd-new" "$p.vpsd-old" && mkdir -p -- "$(dirname -- "$p")" && cp -a -- "$s/root/$p" "$p.vpsd-new" && ` +
        `if [ -d "$p" ] && [ ! -L "$p" ]; then mv -T -- "$p" "$p.vpsd-old" && mv -T -- "$p.vpsd-new" "$p" && rm -rf -- "$p.vpsd-old"; ` +
        `else mv -T -- "$p.vpsd-new" "$p"; fi || exit 1; echo "$p"; done < "$s/MANIFEST"`);
}
/** Removes the records of pruned tags. */
function forgetCommand(appDir, tags) {
    return (0,_ssh_quote_js__WEBPACK_IMPORTED_MODULE_3__.sh) `cd ${appDir} && rm -rf -- ${tags.map((t) => node_path__WEBPACK_IMPORTED_MODULE_1__.posix.join(FILES_DIR, t))}`;
}


/***/ })

};
