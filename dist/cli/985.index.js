export const id = 985;
export const ids = [985];
export const modules = {

/***/ 5422:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

__webpack_require__.r(__webpack_exports__);
/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   deployInputSpec: () => (/* binding */ deployInputSpec),
/* harmony export */   readDeployInputs: () => (/* binding */ readDeployInputs)
/* harmony export */ });
/* harmony import */ var _io_inputs_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(6067);
/* harmony import */ var _ssh_target_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(4889);
/* harmony import */ var _flow_inputs_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(4399);
/* harmony import */ var _flow_tag_js__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(360);




const relativePath = {
    test: (s) => !s.startsWith('/') && !s.split('/').includes('..') && !s.includes('\0'),
    takes: 'a path inside the app directory',
};
/** actions/deploy inputs (SPEC.md, "actions/deploy"). */
const deployInputSpec = {
    ..._ssh_target_js__WEBPACK_IMPORTED_MODULE_1__/* .remoteInputSpec */ .eZ,
    ..._flow_inputs_js__WEBPACK_IMPORTED_MODULE_2__/* .gateInputSpec */ .rZ,
    tag: (0,_io_inputs_js__WEBPACK_IMPORTED_MODULE_0__/* .matching */ .wC)(_flow_tag_js__WEBPACK_IMPORTED_MODULE_3__/* .TAG_PATTERN */ .A, _flow_tag_js__WEBPACK_IMPORTED_MODULE_3__/* .TAG_TAKES */ .K),
    strategy: (0,_io_inputs_js__WEBPACK_IMPORTED_MODULE_0__/* .oneOf */ .yL)(['compose', 'release'], 'compose'),
    'compose-file': (0,_io_inputs_js__WEBPACK_IMPORTED_MODULE_0__/* .text */ .Qq)(),
    'env-file': (0,_io_inputs_js__WEBPACK_IMPORTED_MODULE_0__/* .text */ .Qq)(),
    'tag-variable': (0,_flow_inputs_js__WEBPACK_IMPORTED_MODULE_2__/* .tagVariable */ .PU)(),
    services: (0,_flow_inputs_js__WEBPACK_IMPORTED_MODULE_2__/* .serviceNames */ ._m)(),
    registry: (0,_io_inputs_js__WEBPACK_IMPORTED_MODULE_0__/* .matching */ .wC)(/^[A-Za-z0-9.-]+(:\d{1,5})?(\/[A-Za-z0-9._/-]*)?$/, 'a registry host like ghcr.io or 127.0.0.1:5000'),
    'registry-username': (0,_io_inputs_js__WEBPACK_IMPORTED_MODULE_0__/* .text */ .Qq)(),
    'registry-password': (0,_io_inputs_js__WEBPACK_IMPORTED_MODULE_0__/* .text */ .Qq)(),
    source: (0,_io_inputs_js__WEBPACK_IMPORTED_MODULE_0__/* .text */ .Qq)(),
    'shared-files': (0,_io_inputs_js__WEBPACK_IMPORTED_MODULE_0__/* .list */ .p_)(relativePath),
    'shared-dirs': (0,_io_inputs_js__WEBPACK_IMPORTED_MODULE_0__/* .list */ .p_)(relativePath),
    'install-command': (0,_io_inputs_js__WEBPACK_IMPORTED_MODULE_0__/* .text */ .Qq)(),
    'migrate-command': (0,_io_inputs_js__WEBPACK_IMPORTED_MODULE_0__/* .text */ .Qq)(),
    'restart-command': (0,_io_inputs_js__WEBPACK_IMPORTED_MODULE_0__/* .text */ .Qq)(),
    'keep-releases': (0,_io_inputs_js__WEBPACK_IMPORTED_MODULE_0__/* .integer */ .nd)(5, 1, 1000),
    'rollback-on-failure': (0,_io_inputs_js__WEBPACK_IMPORTED_MODULE_0__/* .bool */ .lc)(true),
    environment: (0,_io_inputs_js__WEBPACK_IMPORTED_MODULE_0__/* .text */ .Qq)(),
    'environment-url': (0,_io_inputs_js__WEBPACK_IMPORTED_MODULE_0__/* .httpUrl */ .q3)(),
    'github-token': (0,_io_inputs_js__WEBPACK_IMPORTED_MODULE_0__/* .text */ .Qq)(),
};
function readDeployInputs(raw) {
    return (0,_io_inputs_js__WEBPACK_IMPORTED_MODULE_0__/* .readInputs */ .Ko)(deployInputSpec, raw);
}


/***/ }),

/***/ 2985:
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

// EXTERNAL MODULE: ./src/flow/deploy-flow.ts
var deploy_flow = __webpack_require__(9938);
// EXTERNAL MODULE: ./src/strategies/index.ts + 2 modules
var strategies = __webpack_require__(8901);
// EXTERNAL MODULE: ./src/actions/deploy/inputs.ts
var inputs = __webpack_require__(5422);
// EXTERNAL MODULE: external "node:fs"
var external_node_fs_ = __webpack_require__(3024);
// EXTERNAL MODULE: external "node:path"
var external_node_path_ = __webpack_require__(6760);
// EXTERNAL MODULE: ./src/strategies/release-dirs/strategy.ts + 6 modules
var strategy = __webpack_require__(4840);
// EXTERNAL MODULE: ./src/ssh/target.ts
var target = __webpack_require__(4889);
// EXTERNAL MODULE: ./src/flow/tag.ts
var flow_tag = __webpack_require__(360);
// EXTERNAL MODULE: ./src/flow/inputs.ts
var flow_inputs = __webpack_require__(4399);
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
function deployPlan(i, run, fallbackTag) {
    const tag = resolveTag(i.tag, run, fallbackTag);
    const targets = (0,target/* sshTargets */.vF)(i);
    const location = (0,target/* appLocation */.ry)(i, run.repository);
    const registryGiven = [i.registry, i['registry-username'], i['registry-password']].filter(Boolean).length;
    if (registryGiven && registryGiven < 3 && i['registry-password']) {
        throw new errors/* ConfigurationError */.j1('inputs "registry", "registry-username" and "registry-password" go together: give all three (or only "registry" to push without login)');
    }
    const release = {
        workspace: run.workspace,
        source: i.source,
        sharedFiles: i['shared-files'].length ? i['shared-files'] : ['.env'],
        sharedDirs: i['shared-dirs'],
        envFile: i['env-file'],
        installCommand: i['install-command'],
        migrateCommand: i['migrate-command'],
        restartCommand: i['restart-command'],
    };
    // A tag missing from the checkout, or an unusable source, is the user's to fix: say so before connecting.
    if (i.strategy === 'release')
        (0,strategy/* checkReleaseOptions */.y)(release, tag);
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
        release,
        health: (0,flow_inputs/* healthPlan */.Oq)(i),
        lockTimeoutSeconds: i['lock-timeout'],
        keepReleases: i['keep-releases'],
        rollbackOnFailure: i['rollback-on-failure'],
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

// EXTERNAL MODULE: ./src/flow/report.ts
var report = __webpack_require__(4612);
// EXTERNAL MODULE: ./src/flow/hosts.ts
var hosts = __webpack_require__(1795);
;// CONCATENATED MODULE: ./src/actions/deploy/run.ts









const deployAction = { title: 'Deploy', readInputs: inputs.readDeployInputs };
/** actions/deploy: inputs -> plan -> (variant's runner work) -> each host in turn -> outputs, summary. */
async function runDeploy(io, variant) {
    const started = performance.now();
    (0,io_secrets/* maskSecretInputs */.q)(io);
    const inputs = variant.readInputs((n) => io.input(n));
    const plan = deployPlan(inputs, io.run, variant.fallbackTag?.(inputs, io.run));
    const secrets = io_secrets/* SECRET_INPUT_NAMES */.f.map((n) => io.input(n)).filter(Boolean);
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
    const { reports, fault } = await (0,hosts/* eachHost */.y)(plan.targets, io, 'deployed', (conn) => (0,deploy_flow/* deployRelease */.H)((0,strategies/* flowContext */.Y)(conn, io, plan, secrets), {
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


/***/ })

};
