export const id = 941;
export const ids = [941];
export const modules = {

/***/ 5422:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   J: () => (/* binding */ readDeployInputs),
/* harmony export */   p: () => (/* binding */ deployInputSpec)
/* harmony export */ });
/* harmony import */ var _io_inputs_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(9228);
/* harmony import */ var _io_configured_io_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(7121);
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

/***/ 8542:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   Q5: () => (/* binding */ imagesLineProblem),
/* harmony export */   pm: () => (/* binding */ buildPlans),
/* harmony export */   sf: () => (/* binding */ buildAndPush),
/* harmony export */   w: () => (/* binding */ buildArgSecrets),
/* harmony export */   yc: () => (/* binding */ IMAGE_NAME)
/* harmony export */ });
/* unused harmony exports buildPlan, buildArgEnv, buildCommands */
/* harmony import */ var node_path__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(6760);
/* harmony import */ var node_path__WEBPACK_IMPORTED_MODULE_0___default = /*#__PURE__*/__webpack_require__.n(node_path__WEBPACK_IMPORTED_MODULE_0__);
/* harmony import */ var _io_errors_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(7333);
/* harmony import */ var _local_docker_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(9103);



const IMAGE_NAME = /^[a-z0-9.-]+(:\d{1,5})?(\/[a-z0-9._-]+)*$/;
/** Why an `images` line cannot be used, or undefined. */
function imagesLineProblem(line) {
    const words = line.trim().split(/\s+/);
    if (words.length < 2 || words.length > 3)
        return 'is not "<image> <context> [<dockerfile>]"';
    if (!IMAGE_NAME.test(words[0]))
        return `names ${JSON.stringify(words[0])}, not an image name without tag`;
    if (words.slice(1).some((w) => w.split(/[\\/]/).includes('..')))
        return 'has a ".." segment in a path';
    return undefined;
}
/** The image(s) to build: every `images` line, or the single `image` / `context` / `dockerfile`. */
function buildPlans(i, tag, sha, workspace) {
    const lines = i.images ?? [];
    if (!lines.length)
        return [buildPlan(i, tag, sha, workspace)];
    if (i.image)
        throw new _io_errors_js__WEBPACK_IMPORTED_MODULE_1__/* .ConfigurationError */ .j1('inputs "image" and "images" were both given: list every image in "images" (one "<image> <context> [<dockerfile>]" a line) and leave "image" empty');
    const seen = new Set();
    return lines.map((line) => {
        const problem = imagesLineProblem(line);
        if (problem)
            throw new _io_errors_js__WEBPACK_IMPORTED_MODULE_1__/* .ConfigurationError */ .j1(`input "images" got ${JSON.stringify(line)}: it ${problem}`);
        const [image, context, dockerfile = ''] = line.trim().split(/\s+/);
        if (seen.has(image))
            throw new _io_errors_js__WEBPACK_IMPORTED_MODULE_1__/* .ConfigurationError */ .j1(`input "images" lists ${image} twice`);
        seen.add(image);
        return buildPlan({ ...i, image, context, dockerfile }, tag, sha, workspace);
    });
}
function buildPlan(i, tag, sha, workspace) {
    if (!i.image)
        throw new _io_errors_js__WEBPACK_IMPORTED_MODULE_1__/* .ConfigurationError */ .j1('input "image" is required with build: true: takes an image name without tag, like ghcr.io/acme/shop (or list several in "images")');
    // Values reach docker through its environment: a name docker itself reads there would change docker.
    const clash = i['build-args'].map((a) => splitArg(a)[0]).find((n) => /^(PATH|HOME|DOCKER_.*)$/.test(n));
    if (clash)
        throw new _io_errors_js__WEBPACK_IMPORTED_MODULE_1__/* .ConfigurationError */ .j1(`input "build-args" names ${clash}: build args are passed to docker through its environment, where ${clash} is docker's own; rename it`);
    const short = sha.slice(0, 7);
    const refs = [`${i.image}:${tag}`, ...(short && tag !== `sha-${short}` ? [`${i.image}:sha-${short}`] : [])];
    const inWorkspace = (p) => ((0,node_path__WEBPACK_IMPORTED_MODULE_0__.isAbsolute)(p) ? p : (0,node_path__WEBPACK_IMPORTED_MODULE_0__.join)(workspace, p));
    return {
        refs,
        context: inWorkspace(i.context || '.'),
        dockerfile: i.dockerfile ? inWorkspace(i.dockerfile) : '',
        buildArgs: i['build-args'],
        ...(i.target ? { target: i.target } : {}),
        ...(i['registry-username'] && i['registry-password']
            ? {
                login: { registry: i.registry, username: i['registry-username'], password: i['registry-password'] },
            }
            : {}),
    };
}
/** `NAME=value` -> [NAME, value]. */
function splitArg(a) {
    const at = a.indexOf('=');
    return [a.slice(0, at), a.slice(at + 1)];
}
/** The build args' values, as docker's environment: `--build-arg NAME` alone reads NAME from there. */
function buildArgEnv(plan) {
    return Object.fromEntries(plan.buildArgs.map(splitArg));
}
/** The values worth masking in the log (shorter ones would mask every such text: see src/io/secrets.ts). */
function buildArgSecrets(buildArgs) {
    return buildArgs.map((a) => splitArg(a)[1]).filter((v) => v.trim().length >= 4);
}
/**
 * docker argument arrays: one `buildx build --push` when buildx exists, else `build` then one `push` per tag.
 * A build arg is passed by name only, so its value is never in docker's argv (where `ps` sees it).
 */
function buildCommands(plan, buildx) {
    const common = [
        ...plan.refs.flatMap((r) => ['-t', r]),
        ...(plan.dockerfile ? ['-f', plan.dockerfile] : []),
        ...(plan.target ? ['--target', plan.target] : []),
        ...plan.buildArgs.flatMap((a) => ['--build-arg', splitArg(a)[0]]),
        plan.context,
    ];
    if (buildx)
        return [['buildx', 'build', '--push', ...common]];
    return [['build', ...common], ...plan.refs.map((r) => ['push', r])];
}
/** Logs in once (password on stdin), then builds and pushes each image in a log group of its own. */
async function buildAndPush(io, plans) {
    const login = plans.find((p) => p.login)?.login;
    if (login)
        await (0,_local_docker_js__WEBPACK_IMPORTED_MODULE_2__/* .dockerLogin */ .a1)(io, login);
    const buildx = await (0,_local_docker_js__WEBPACK_IMPORTED_MODULE_2__/* .hasBuildx */ .Nt)();
    io.info(buildx
        ? 'Building with docker buildx (build and push in one step)'
        : 'docker buildx is not installed: docker build, then docker push');
    for (const plan of plans) {
        await io.group(`Build and push ${plan.refs.join(', ')}`, async () => {
            const env = buildArgEnv(plan);
            for (const args of buildCommands(plan, buildx))
                await (0,_local_docker_js__WEBPACK_IMPORTED_MODULE_2__/* .docker */ .T3)(io, args, env);
            io.info(`Pushed ${plan.refs.join(', ')}`);
        });
    }
}


/***/ }),

/***/ 9941:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   M: () => (/* binding */ readPipelineInputs),
/* harmony export */   pipelineInputSpec: () => (/* binding */ pipelineInputSpec)
/* harmony export */ });
/* harmony import */ var _io_inputs_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(9228);
/* harmony import */ var _deploy_inputs_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(5422);
/* harmony import */ var _build_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(8542);



/** The root action's inputs: those of actions/deploy plus the image build (docs/action.md, `build`). */
const pipelineInputSpec = {
    ..._deploy_inputs_js__WEBPACK_IMPORTED_MODULE_1__/* .deployInputSpec */ .p,
    build: (0,_io_inputs_js__WEBPACK_IMPORTED_MODULE_0__/* .bool */ .lc)(false),
    image: (0,_io_inputs_js__WEBPACK_IMPORTED_MODULE_0__/* .matching */ .wC)(_build_js__WEBPACK_IMPORTED_MODULE_2__/* .IMAGE_NAME */ .yc, 'an image name without tag, like ghcr.io/acme/shop'),
    images: (0,_io_inputs_js__WEBPACK_IMPORTED_MODULE_0__/* .list */ .p_)({ test: (s) => !(0,_build_js__WEBPACK_IMPORTED_MODULE_2__/* .imagesLineProblem */ .Q5)(s), takes: 'an "<image> <context> [<dockerfile>]" line' }, { lines: true }),
    target: (0,_io_inputs_js__WEBPACK_IMPORTED_MODULE_0__/* .matching */ .wC)(/^[A-Za-z0-9][A-Za-z0-9_.-]*$/, 'a Dockerfile stage name'),
    context: (0,_io_inputs_js__WEBPACK_IMPORTED_MODULE_0__/* .text */ .Qq)({ fallback: '.' }),
    dockerfile: (0,_io_inputs_js__WEBPACK_IMPORTED_MODULE_0__/* .text */ .Qq)(),
    'build-args': (0,_io_inputs_js__WEBPACK_IMPORTED_MODULE_0__/* .list */ .p_)({ test: (s) => /^[A-Za-z_][A-Za-z0-9_]*=/.test(s), takes: 'a NAME=value line' }, { lines: true }),
};
function readPipelineInputs(raw) {
    return (0,_io_inputs_js__WEBPACK_IMPORTED_MODULE_0__/* .readInputs */ .Ko)(pipelineInputSpec, raw);
}


/***/ }),

/***/ 4399:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   Oq: () => (/* binding */ healthPlan),
/* harmony export */   PU: () => (/* binding */ tagVariable),
/* harmony export */   UX: () => (/* binding */ switchSettings),
/* harmony export */   _m: () => (/* binding */ serviceNames),
/* harmony export */   e6: () => (/* binding */ switchInputSpec),
/* harmony export */   rZ: () => (/* binding */ gateInputSpec)
/* harmony export */ });
/* unused harmony exports DEFAULT_HEALTH_URL, healthUrls, slotPorts, serverPath */
/* harmony import */ var _io_inputs_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(9228);
/* harmony import */ var _io_errors_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(7333);
/* harmony import */ var _health_endpoint_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(6525);



/** What the gate probes when neither health-url nor health-command is given. */
const DEFAULT_HEALTH_URL = 'http://127.0.0.1:8000/health';
/** health-url lines: http, https or http+unix URLs (commas may be in a URL, so one a line only). */
function healthUrls() {
    return (0,_io_inputs_js__WEBPACK_IMPORTED_MODULE_0__/* .kind */ .fM)((v) => {
        const urls = (0,_io_inputs_js__WEBPACK_IMPORTED_MODULE_0__/* .splitLines */ .uz)(v);
        const bad = urls.findIndex((u) => !(0,_health_endpoint_js__WEBPACK_IMPORTED_MODULE_2__/* .isHealthUrl */ .uw)(u));
        if (bad < 0)
            return urls;
        return (0,_io_inputs_js__WEBPACK_IMPORTED_MODULE_0__/* .refuse */ .TR)(`takes ${_health_endpoint_js__WEBPACK_IMPORTED_MODULE_2__/* .HEALTH_URL_TAKES */ .ke}${urls.length > 1 ? `, one a line; line ${bad + 1} is not one` : ''}`);
    });
}
/** The health gate inputs, shared by deploy, the root action and rollback. */
const gateInputSpec = {
    'health-url': healthUrls(),
    'health-command': (0,_io_inputs_js__WEBPACK_IMPORTED_MODULE_0__/* .commandLines */ .Zm)(),
    'health-headers': (0,_io_inputs_js__WEBPACK_IMPORTED_MODULE_0__/* .headers */ .b3)(),
    'health-from': (0,_io_inputs_js__WEBPACK_IMPORTED_MODULE_0__/* .oneOf */ .yL)(['server', 'runner'], 'server'),
    'health-timeout': (0,_io_inputs_js__WEBPACK_IMPORTED_MODULE_0__/* .duration */ .p0)(60, { max: 3600 }),
    'health-interval': (0,_io_inputs_js__WEBPACK_IMPORTED_MODULE_0__/* .duration */ .p0)(1, { max: 600 }),
    'health-successes': (0,_io_inputs_js__WEBPACK_IMPORTED_MODULE_0__/* .integer */ .nd)(2, 1, 100),
    'health-request-timeout': (0,_io_inputs_js__WEBPACK_IMPORTED_MODULE_0__/* .duration */ .p0)(5, { max: 600 }),
    'allow-degraded': (0,_io_inputs_js__WEBPACK_IMPORTED_MODULE_0__/* .bool */ .lc)(true),
    'lock-timeout': (0,_io_inputs_js__WEBPACK_IMPORTED_MODULE_0__/* .duration */ .p0)(300, { allowZero: true, max: 86_400 }),
};
/** `services`: compose service names, shared by deploy and rollback. */
const serviceNames = () => (0,_io_inputs_js__WEBPACK_IMPORTED_MODULE_0__/* .list */ .p_)({ test: (s) => /^[A-Za-z0-9][A-Za-z0-9._-]*$/.test(s), takes: 'a compose service name' });
/** `tag-variable`: the variable the compose file interpolates for the image tag. */
const tagVariable = () => (0,_io_inputs_js__WEBPACK_IMPORTED_MODULE_0__/* .matching */ .wC)(/^[A-Za-z_][A-Za-z0-9_]*$/, 'a variable name like IMAGE_TAG', { fallback: 'IMAGE_TAG' });
function healthPlan(i) {
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
function slotPorts() {
    return (0,_io_inputs_js__WEBPACK_IMPORTED_MODULE_0__/* .kind */ .fM)((v) => {
        if (v === '')
            return [];
        const items = (0,_io_inputs_js__WEBPACK_IMPORTED_MODULE_0__/* .splitList */ .ry)(v);
        const takes = 'takes two different ports from 1 to 65535, like 8001,8002';
        if (items.length !== 2 || items.some((p) => !/^\d{1,5}$/.test(p)))
            return (0,_io_inputs_js__WEBPACK_IMPORTED_MODULE_0__/* .refuse */ .TR)(takes);
        const ports = items.map(Number);
        if (ports.some((p) => p < 1 || p > 65535) || ports[0] === ports[1])
            return (0,_io_inputs_js__WEBPACK_IMPORTED_MODULE_0__/* .refuse */ .TR)(takes);
        return ports;
    });
}
/** An absolute path on the server, or empty. */
function serverPath() {
    return (0,_io_inputs_js__WEBPACK_IMPORTED_MODULE_0__/* .matching */ .wC)(/^\/[^\0]*$/, 'an absolute path on the server, like /etc/caddy/sites/shop.caddy');
}
/** The blue-green switch inputs, shared by deploy, the root action and rollback (docs/blue-green.md). */
const switchInputSpec = {
    switch: (0,_io_inputs_js__WEBPACK_IMPORTED_MODULE_0__/* .oneOf */ .yL)(['restart', 'blue-green'], 'restart'),
    ports: slotPorts(),
    // `none` is init's word for no proxy: a vps-deploy.yml shared with init may say it (refused with blue-green).
    proxy: (0,_io_inputs_js__WEBPACK_IMPORTED_MODULE_0__/* .oneOf */ .yL)(['caddy', 'nginx', 'command', 'none'], 'caddy'),
    'proxy-upstream-file': serverPath(),
    'proxy-reload-command': (0,_io_inputs_js__WEBPACK_IMPORTED_MODULE_0__/* .text */ .Qq)(),
    'drain-timeout': (0,_io_inputs_js__WEBPACK_IMPORTED_MODULE_0__/* .duration */ .p0)(10, { allowZero: true, max: 3600 }),
    'public-health-url': (0,_io_inputs_js__WEBPACK_IMPORTED_MODULE_0__/* .httpUrl */ .q3)(),
    'proxy-config': (0,_io_inputs_js__WEBPACK_IMPORTED_MODULE_0__/* .text */ .Qq)(),
    'proxy-config-path': serverPath(),
    'start-command': (0,_io_inputs_js__WEBPACK_IMPORTED_MODULE_0__/* .text */ .Qq)(),
    'stop-command': (0,_io_inputs_js__WEBPACK_IMPORTED_MODULE_0__/* .text */ .Qq)(),
};
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
];
/**
 * The switch settings, or undefined for `switch: restart` (today's deploy). Bad combinations are input errors
 * naming the input. `strategy` is undefined for a rollback, whose strategy is read from the server: the
 * strategy's own options check what it needs (start-command and stop-command for release directories).
 */
function switchSettings(i, appDir, strategy) {
    if (i.switch === 'restart') {
        const given = BLUE_GREEN_ONLY.filter((n) => i[n].length > 0);
        if (given.length)
            throw new _io_errors_js__WEBPACK_IMPORTED_MODULE_1__/* .ConfigurationError */ .j1(`input "${given[0]}" is for switch: blue-green (the deploy now restarts in place): set switch: blue-green, or leave it empty`);
        return undefined;
    }
    const problem = (name, why) => new _io_errors_js__WEBPACK_IMPORTED_MODULE_1__/* .ConfigurationError */ .j1(`input "${name}" ${why} with switch: blue-green`);
    if (strategy === 'release' && !i.ports.length)
        throw problem('ports', 'is required (two loopback ports, like 8001,8002) for strategy: release');
    if (strategy === 'release')
        for (const name of ['start-command', 'stop-command'])
            if (!i[name])
                throw problem(name, `is required for strategy: release (it reads APP_PORT, like sudo systemctl ${name === 'start-command' ? 'start' : 'stop'} app@\${APP_PORT})`);
    if (strategy === 'compose')
        for (const name of ['start-command', 'stop-command'])
            if (i[name])
                throw problem(name, "is for strategy: release (compose starts and stops the app's services itself)");
    if (i.proxy === 'none')
        throw problem('proxy', 'takes caddy, nginx or command (the proxy that moves traffic between the ports)');
    if (i.proxy === 'command' && !i['proxy-reload-command'])
        throw problem('proxy-reload-command', 'is required for proxy: command (it does the switch, reading APP_PORT)');
    if (i.proxy === 'command' && i['proxy-upstream-file'])
        throw problem('proxy-upstream-file', 'is not used by proxy: command (the reload command does the switch)');
    if (!!i['proxy-config'] !== !!i['proxy-config-path'])
        throw problem(i['proxy-config'] ? 'proxy-config-path' : 'proxy-config', 'goes with the other: proxy-config is the file in the repository, proxy-config-path where it is installed on the server');
    if (i['proxy-config'] && i.proxy === 'command')
        throw problem('proxy-config', 'needs proxy: caddy or nginx (the one that validates it)');
    const upstreamFile = i.proxy === 'command'
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


/***/ }),

/***/ 360:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   A: () => (/* binding */ TAG_PATTERN),
/* harmony export */   K: () => (/* binding */ TAG_TAKES)
/* harmony export */ });
/** A release tag: it names images and directories and travels into remote commands (quoted all the same). */
const TAG_PATTERN = /^[A-Za-z0-9][A-Za-z0-9._-]{0,127}$/;
const TAG_TAKES = 'a tag of letters, digits, ".", "_" and "-" (up to 128, starting with a letter or digit), like v1.4.2';


/***/ }),

/***/ 6525:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   Ig: () => (/* binding */ healthEndpoint),
/* harmony export */   f2: () => (/* binding */ UNIX_SCHEME),
/* harmony export */   ke: () => (/* binding */ HEALTH_URL_TAKES),
/* harmony export */   uw: () => (/* binding */ isHealthUrl)
/* harmony export */ });
const UNIX_SCHEME = 'http+unix:';
const HEALTH_URL_TAKES = 'an http:// or https:// URL, like http://127.0.0.1:8000/health, or an http+unix:// URL for a Unix socket, ' +
    'like http+unix://%2Frun%2Fapp%2Fgunicorn.sock/health (the socket path percent-encoded)';
/** The endpoint of a health URL, or undefined when it is not one we can probe. */
function healthEndpoint(raw) {
    let u;
    try {
        u = typeof raw === 'string' ? new URL(raw) : raw;
    }
    catch {
        return undefined;
    }
    if (u.protocol === 'http:' || u.protocol === 'https:')
        return u.hostname ? { kind: 'tcp', url: u } : undefined;
    if (u.protocol !== UNIX_SCHEME || !u.host)
        return undefined;
    let socketPath;
    try {
        socketPath = decodeURIComponent(u.host);
    }
    catch {
        return undefined;
    }
    if (!socketPath.startsWith('/') || socketPath.includes('\0'))
        return undefined;
    return { kind: 'unix', socketPath, url: new URL(`http://localhost${u.pathname || '/'}${u.search}`) };
}
function isHealthUrl(raw) {
    return healthEndpoint(raw) !== undefined;
}


/***/ }),

/***/ 9103:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   Nt: () => (/* binding */ hasBuildx),
/* harmony export */   T3: () => (/* binding */ docker),
/* harmony export */   a1: () => (/* binding */ dockerLogin),
/* harmony export */   tX: () => (/* binding */ dockerLogout)
/* harmony export */ });
/* harmony import */ var _io_errors_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(7333);
/* harmony import */ var _exec_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(1558);


// The runner's docker builds and pushes the app image and nothing else, so its failures are the build's.
const PHASE = 'build';
/** `docker <args>` (build, push), each output line to the log; a failure names the subcommand (`docker push <ref>`). */
async function docker(log, args, env) {
    await (0,_exec_js__WEBPACK_IMPORTED_MODULE_1__/* .runLocal */ .RK)('docker', args, {
        ...(env ? { env } : {}),
        onLine: (line) => log.info(line),
        label: ['docker', ...args.slice(0, 2).filter((a, i) => i === 0 || !a.startsWith('-'))].join(' '),
        phase: PHASE,
    });
}
/** Logs the runner in to a registry with the password on stdin: never in argv, where `ps` and logs see it. */
async function dockerLogin(log, login) {
    await (0,_exec_js__WEBPACK_IMPORTED_MODULE_1__/* .runLocal */ .RK)('docker', ['login', '--username', login.username, '--password-stdin', login.registry], {
        stdin: login.password,
        onLine: (line) => log.info(line),
        label: `docker login ${login.registry}`,
        phase: PHASE,
    });
}
/**
 * Removes the runner's credentials for a registry (a self-hosted runner keeps ~/.docker/config.json between
 * jobs). Never throws: a logout that fails is a warning, it must not fail a job whose work is done.
 */
async function dockerLogout(log, registry) {
    try {
        await (0,_exec_js__WEBPACK_IMPORTED_MODULE_1__/* .runLocal */ .RK)('docker', ['logout', registry], {
            onLine: (line) => log.info(line),
            label: 'docker logout',
        });
    }
    catch (e) {
        log.warning(`could not log the runner out of ${registry}: ${(0,_io_errors_js__WEBPACK_IMPORTED_MODULE_0__/* .errText */ .V7)(e)}`);
    }
}
/** Whether the runner's docker has the buildx plugin (one build that pushes, instead of build then push). */
async function hasBuildx() {
    const r = await (0,_exec_js__WEBPACK_IMPORTED_MODULE_1__/* .runLocal */ .RK)('docker', ['buildx', 'version'], { allowFailure: true, phase: PHASE });
    return r.exitCode === 0;
}


/***/ }),

/***/ 1558:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   BM: () => (/* binding */ MissingToolError),
/* harmony export */   RK: () => (/* binding */ runLocal),
/* harmony export */   sr: () => (/* binding */ streamLocal)
/* harmony export */ });
/* unused harmony export LocalCommandError */
/* harmony import */ var node_child_process__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(1421);
/* harmony import */ var node_child_process__WEBPACK_IMPORTED_MODULE_0___default = /*#__PURE__*/__webpack_require__.n(node_child_process__WEBPACK_IMPORTED_MODULE_0__);
/* harmony import */ var node_string_decoder__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(6193);
/* harmony import */ var node_string_decoder__WEBPACK_IMPORTED_MODULE_1___default = /*#__PURE__*/__webpack_require__.n(node_string_decoder__WEBPACK_IMPORTED_MODULE_1__);
/* harmony import */ var _actions_exec__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(2697);
/* harmony import */ var _io_errors_js__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(7333);




/**
 * Every process vps-deploy starts on the runner starts here: docker, git, tar. Always an argument array, never a
 * shell, so no value is ever parsed by one.
 */
/** A program that is not on the runner (or cannot be started there): the user's to install. */
class MissingToolError extends _io_errors_js__WEBPACK_IMPORTED_MODULE_3__/* .ConfigurationError */ .j1 {
    name = 'MissingToolError';
}
/**
 * A runner-side command that ran and failed; the message names it and ends with its output's last lines. A
 * RemoteError (not the user's input, not a bug) so that, like a failed remote command, it carries its phase and
 * is shown as written.
 */
class LocalCommandError extends _io_errors_js__WEBPACK_IMPORTED_MODULE_3__/* .RemoteError */ .Hi {
    exitCode;
    outputTail;
    name = 'LocalCommandError';
    constructor(message, exitCode, outputTail, phase) {
        super(message, phase);
        this.exitCode = exitCode;
        this.outputTail = outputTail;
    }
}
const TAIL_CHARS = 4000;
/** Runs one program on the runner to its end. A missing program is a MissingToolError, a failure a LocalCommandError. */
async function runLocal(file, args, opts = {}) {
    let stdout = '';
    let tail = '';
    const onLine = (line) => {
        tail = `${tail}${line}\n`.slice(-TAIL_CHARS);
        if (opts.onLine && line.trim())
            opts.onLine(line);
    };
    const out = lineReader(onLine, (text) => (stdout += text));
    const err = lineReader(onLine);
    let code;
    try {
        code = await (0,_actions_exec__WEBPACK_IMPORTED_MODULE_2__/* .exec */ .m)(file, args, {
            // Not silent, @actions/exec prints `[command]<file> <args>` and all output to process.stdout itself: we
            // decide what reaches the log (onLine), and nothing else does.
            silent: true,
            ignoreReturnCode: true,
            ...(opts.stdin === undefined ? {} : { input: Buffer.from(opts.stdin, 'utf8') }),
            ...(opts.env ? { env: { ...process.env, ...opts.env } } : {}),
            listeners: { stdout: out.write, stderr: err.write },
        });
    }
    catch (e) {
        throw notStarted(file, e);
    }
    out.end();
    err.end();
    // A process killed by a signal has no exit code (@actions/exec passes on the null it gets).
    if (code !== 0 && !(opts.allowFailure && code !== null)) {
        const label = opts.label ?? [file, ...args].join(' ');
        const how = code === null ? 'killed by a signal' : `exit ${code}`;
        throw new LocalCommandError(`${label} failed (${how})${(0,_io_errors_js__WEBPACK_IMPORTED_MODULE_3__/* .tailOf */ .Cj)(tail)}`, code, tail, opts.phase);
    }
    return { exitCode: code ?? 1, stdout, tail };
}
/** Splits one output stream into lines; the decoder keeps a character split across chunks whole. */
function lineReader(onLine, onText) {
    const decoder = new node_string_decoder__WEBPACK_IMPORTED_MODULE_1__.StringDecoder('utf8');
    let partial = '';
    const take = (text, last) => {
        onText?.(text);
        const lines = (partial + text).split(/\r?\n/);
        partial = lines.pop() ?? '';
        if (last && partial)
            lines.push(partial);
        for (const line of lines)
            onLine(line);
    };
    return {
        write: (chunk) => take(decoder.write(chunk), false),
        end: () => take(decoder.end(), true),
    };
}
/** @actions/exec looks the program up on PATH first and says "Unable to locate executable file" when it is not. */
function notStarted(file, e) {
    const message = e instanceof Error ? e.message : String(e);
    if (/Unable to locate executable file/.test(message))
        return new MissingToolError(`${file} is not available on the runner: it is not installed or not on PATH`);
    if (/failed to start/.test(message))
        return new MissingToolError(`${file} is not available on the runner: ${message}`);
    return e instanceof Error ? e : new Error(message);
}
/**
 * Starts a program whose stdout is piped onward (the release tar into an SSH channel). This one uses node's
 * spawn directly, not @actions/exec: the consumer needs the stdout stream itself, with backpressure (a slow
 * upload pauses git/tar instead of buffering the whole release in memory), and @actions/exec only hands out
 * copies of each chunk through listeners.
 */
function streamLocal(file, args) {
    const child = (0,node_child_process__WEBPACK_IMPORTED_MODULE_0__.spawn)(file, args, { stdio: ['ignore', 'pipe', 'pipe'] });
    let stopped = false;
    let stderr = '';
    child.stderr.on('data', (d) => (stderr = (stderr + d.toString()).slice(-TAIL_CHARS)));
    const finished = new Promise((resolve, reject) => {
        child.on('error', (e) => reject(new MissingToolError(`could not run ${file} on the runner: ${e.message}`)));
        child.on('close', (code, signal) => {
            // A program that exited with its own code failed on its own, even if stop() came just after.
            if (code === 0 || (stopped && signal === 'SIGTERM'))
                resolve();
            else
                reject(new Error(`${file} ${args.join(' ')} failed on the runner (${signal ?? `exit ${code}`}): ${stderr.trim()}`));
        });
    });
    return {
        stream: child.stdout,
        finished,
        stop: () => {
            if (child.exitCode === null && child.signalCode === null)
                stopped = child.kill('SIGTERM');
        },
    };
}


/***/ }),

/***/ 5748:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   Ex: () => (/* binding */ checkHostKey),
/* harmony export */   Ty: () => (/* binding */ hostKeyAlgorithmsFor),
/* harmony export */   Zv: () => (/* binding */ isFingerprint),
/* harmony export */   jU: () => (/* binding */ hostTrustFrom)
/* harmony export */ });
/* unused harmony exports fingerprintOf, keyTypeOf, knownHostsName, knownHostsLine, parseKnownHosts, hostMatches */
/* harmony import */ var node_crypto__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(7598);
/* harmony import */ var node_crypto__WEBPACK_IMPORTED_MODULE_0___default = /*#__PURE__*/__webpack_require__.n(node_crypto__WEBPACK_IMPORTED_MODULE_0__);
/* harmony import */ var _io_errors_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(7333);


/** `SHA256:<base64 without padding>`, as `ssh-keygen -lf` prints it. */
function fingerprintOf(keyBlob) {
    return `SHA256:${(0,node_crypto__WEBPACK_IMPORTED_MODULE_0__.createHash)('sha256').update(keyBlob).digest('base64').replace(/=+$/, '')}`;
}
/** The key type named inside an SSH public key blob (`ssh-ed25519`, `ecdsa-sha2-nistp256`, …). */
function keyTypeOf(keyBlob) {
    if (keyBlob.length < 4)
        return 'unknown';
    const len = keyBlob.readUInt32BE(0);
    return keyBlob.subarray(4, 4 + len).toString('ascii');
}
/** The host field of a known_hosts line for this host and port: `host`, or `[host]:port` off port 22. */
function knownHostsName(host, port) {
    return port === 22 ? host : `[${host}]:${port}`;
}
/** The exact line a user adds to `known-hosts` to trust this key. */
function knownHostsLine(host, port, keyBlob) {
    return `${knownHostsName(host, port)} ${keyTypeOf(keyBlob)} ${keyBlob.toString('base64')}`;
}
function isFingerprint(v) {
    return /^SHA256:[A-Za-z0-9+/]{43}=?$/.test(v);
}
/** Parses known_hosts text; comments, blank lines and malformed lines are skipped. */
function parseKnownHosts(lines) {
    const out = [];
    for (const line of lines) {
        const t = line.trim();
        if (!t || t.startsWith('#'))
            continue;
        let fields = t.split(/\s+/);
        let marker;
        if (fields[0].startsWith('@')) {
            marker = fields[0];
            fields = fields.slice(1);
        }
        if (fields.length < 3)
            continue;
        const key = Buffer.from(fields[2], 'base64');
        if (!key.length)
            continue;
        out.push({ patterns: fields[0], keyType: fields[1], key, ...(marker ? { marker } : {}) });
    }
    return out;
}
/** Whether a known_hosts host field matches host:port (plain, `[host]:port`, hashed `|1|`, `*`/`?`, `!`). */
function hostMatches(patterns, host, port) {
    if (patterns.startsWith('|1|')) {
        const [, , salt, hash] = patterns.split('|');
        if (!salt || !hash)
            return false;
        // ssh lowercases the host before hashing it (ssh.c), so `ssh VPS.example.com` wrote the lowercase name.
        const lowered = knownHostsName(host.toLowerCase(), port);
        const digest = (0,node_crypto__WEBPACK_IMPORTED_MODULE_0__.createHmac)('sha1', Buffer.from(salt, 'base64')).update(lowered).digest('base64');
        return digest === hash;
    }
    const name = knownHostsName(host, port);
    let matched = false;
    for (const p of patterns.split(',')) {
        const negated = p.startsWith('!');
        const pattern = negated ? p.slice(1) : p;
        if (globMatch(pattern, name)) {
            if (negated)
                return false;
            matched = true;
        }
    }
    return matched;
}
function globMatch(pattern, value) {
    const re = new RegExp('^' +
        pattern
            .split('')
            .map((c) => (c === '*' ? '.*' : c === '?' ? '.' : c.replace(/[.+^${}()|[\]\\]/g, '\\$&')))
            .join('') +
        '$', 'i');
    return re.test(value);
}
/**
 * ssh2's host key algorithms per key type a known_hosts line names, in ssh2's own order of preference. An RSA
 * key is offered under its SHA-2 signature names first (OpenSSH 8.8+ refuses plain ssh-rsa signatures).
 */
const ALGORITHMS_BY_KEY_TYPE = [
    ['ssh-ed25519', ['ssh-ed25519']],
    ['ecdsa-sha2-nistp256', ['ecdsa-sha2-nistp256']],
    ['ecdsa-sha2-nistp384', ['ecdsa-sha2-nistp384']],
    ['ecdsa-sha2-nistp521', ['ecdsa-sha2-nistp521']],
    ['ssh-rsa', ['rsa-sha2-512', 'rsa-sha2-256', 'ssh-rsa']],
    ['ssh-dss', ['ssh-dss']],
];
/**
 * The host key algorithms to offer the server: those of the key types pinned for this host in `known-hosts`,
 * as OpenSSH does. Otherwise a server with an ed25519 and an rsa key presents the ed25519 one (ssh2 prefers
 * it), and an rsa-only pin would be refused as a man-in-the-middle. Undefined (ssh2's defaults) when nothing
 * usable is pinned: a fingerprint does not say its key type, and the refusal then says what to add.
 */
function hostKeyAlgorithmsFor(trust, host, port) {
    if (trust.kind !== 'known-hosts')
        return undefined;
    const pinned = new Set(parseKnownHosts(trust.lines)
        .filter((e) => !e.marker && hostMatches(e.patterns, host, port))
        .map((e) => e.keyType));
    const algorithms = ALGORITHMS_BY_KEY_TYPE.filter(([type]) => pinned.has(type)).flatMap(([, a]) => a);
    return algorithms.length ? algorithms : undefined;
}
/** Decides whether the presented key is trusted, with the message a user needs when it is not. */
function checkHostKey(trust, host, port, keyBlob) {
    const presented = fingerprintOf(keyBlob);
    const addLine = knownHostsLine(host, port, keyBlob);
    switch (trust.kind) {
        case 'insecure':
            return { ok: true };
        case 'none':
            return {
                ok: false,
                message: `The host key of ${host}:${port} cannot be verified: set \`known-hosts\` or \`host-fingerprint\` ` +
                    `(or \`insecure-ignore-host-key: true\`, not recommended).\n` +
                    `  The server presented ${keyTypeOf(keyBlob)} ${presented}\n` +
                    `  host-fingerprint: ${presented}\n` +
                    `  known-hosts line: ${addLine}\n` +
                    `  Check it out of band first: on the server, \`ssh-keygen -lf /etc/ssh/ssh_host_${keyTypeOf(keyBlob).replace(/^ssh-|-.*$/g, '')}_key.pub\`.`,
            };
        case 'fingerprint':
            if (normaliseFingerprint(trust.fingerprint) === presented)
                return { ok: true };
            return {
                ok: false,
                message: `HOST KEY MISMATCH for ${host}:${port}: refusing to connect (a man-in-the-middle, or the server was rebuilt).\n` +
                    `  expected (host-fingerprint): ${trust.fingerprint}\n` +
                    `  presented by the server:     ${presented} (${keyTypeOf(keyBlob)})`,
            };
        case 'known-hosts': {
            const entries = parseKnownHosts(trust.lines).filter((e) => hostMatches(e.patterns, host, port));
            if (entries.some((e) => e.marker === '@revoked' && e.key.equals(keyBlob))) {
                return {
                    ok: false,
                    message: `The host key of ${host}:${port} (${presented}) is marked @revoked in known-hosts.`,
                };
            }
            const usable = entries.filter((e) => !e.marker);
            if (usable.some((e) => e.key.equals(keyBlob)))
                return { ok: true };
            if (!usable.length) {
                return {
                    ok: false,
                    message: `known-hosts has no line for ${knownHostsName(host, port)} (lines for port ${port} must start with ` +
                        `\`${knownHostsName(host, port)}\`).\n  The server presented ${presented}; to trust it add:\n  ${addLine}`,
                };
            }
            return {
                ok: false,
                message: `HOST KEY MISMATCH for ${host}:${port}: refusing to connect (a man-in-the-middle, or the server was rebuilt).\n` +
                    `  expected (known-hosts): ${usable.map((e) => `${fingerprintOf(e.key)} (${e.keyType})`).join(', ')}\n` +
                    `  presented by the server: ${presented} (${keyTypeOf(keyBlob)})`,
            };
        }
    }
}
function normaliseFingerprint(f) {
    return f.trim().replace(/=+$/, '');
}
/** Builds the trust from the shared inputs; with neither and not insecure, the connection will fail helpfully. */
function hostTrustFrom(i) {
    if (i.knownHosts)
        return { kind: 'known-hosts', lines: i.knownHosts.split('\n') };
    if (i.hostFingerprint) {
        if (!isFingerprint(i.hostFingerprint)) {
            throw new _io_errors_js__WEBPACK_IMPORTED_MODULE_1__/* .ConfigurationError */ .j1(`input "host-fingerprint" got ${JSON.stringify(i.hostFingerprint)}: takes SHA256:<43 base64 characters>, as printed by ssh-keygen -lf`);
        }
        return { kind: 'fingerprint', fingerprint: i.hostFingerprint };
    }
    return i.insecure ? { kind: 'insecure' } : { kind: 'none' };
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
 * paths and names stay inert. Tested with fast-check under a real /bin/sh (test/unit/ssh/quote.test.ts).
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


/***/ }),

/***/ 4889:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   eZ: () => (/* binding */ remoteInputSpec),
/* harmony export */   ry: () => (/* binding */ appLocation),
/* harmony export */   vF: () => (/* binding */ sshTargets)
/* harmony export */ });
/* unused harmony exports sshInputSpec, appInputSpec, isHostName */
/* harmony import */ var _io_inputs_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(9228);
/* harmony import */ var _io_errors_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(7333);
/* harmony import */ var _host_key_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(5748);



/** How to reach the server (docs/contract.md, "Inputs shared by every remote action"). */
const sshInputSpec = {
    host: (0,_io_inputs_js__WEBPACK_IMPORTED_MODULE_0__/* .list */ .p_)({
        test: isHostName,
        takes: 'a host name or IP address (several: one per line or comma-separated)',
    }),
    port: (0,_io_inputs_js__WEBPACK_IMPORTED_MODULE_0__/* .integer */ .nd)(22, 1, 65535),
    username: (0,_io_inputs_js__WEBPACK_IMPORTED_MODULE_0__/* .matching */ .wC)(/^[A-Za-z0-9._][A-Za-z0-9._-]{0,63}$/, 'a user name like deploy'),
    key: (0,_io_inputs_js__WEBPACK_IMPORTED_MODULE_0__/* .text */ .Qq)(),
    passphrase: (0,_io_inputs_js__WEBPACK_IMPORTED_MODULE_0__/* .text */ .Qq)(),
    password: (0,_io_inputs_js__WEBPACK_IMPORTED_MODULE_0__/* .text */ .Qq)(),
    'known-hosts': (0,_io_inputs_js__WEBPACK_IMPORTED_MODULE_0__/* .text */ .Qq)(),
    'host-fingerprint': (0,_io_inputs_js__WEBPACK_IMPORTED_MODULE_0__/* .refined */ .S)((0,_io_inputs_js__WEBPACK_IMPORTED_MODULE_0__/* .text */ .Qq)(), (v) => v === '' || (0,_host_key_js__WEBPACK_IMPORTED_MODULE_2__/* .isFingerprint */ .Zv)(v), 'takes SHA256:<43 base64 characters>, as printed by `ssh-keygen -lf`'),
    'insecure-ignore-host-key': (0,_io_inputs_js__WEBPACK_IMPORTED_MODULE_0__/* .bool */ .lc)(false),
    'jump-host': (0,_io_inputs_js__WEBPACK_IMPORTED_MODULE_0__/* .matching */ .wC)(/^(?:[A-Za-z0-9._-]+@)?[A-Za-z0-9.:[\]_-]+(?::\d{1,5})?$/, 'user@host:port (user and port optional)'),
    'jump-key': (0,_io_inputs_js__WEBPACK_IMPORTED_MODULE_0__/* .text */ .Qq)(),
    'jump-passphrase': (0,_io_inputs_js__WEBPACK_IMPORTED_MODULE_0__/* .text */ .Qq)(),
    'connect-timeout': (0,_io_inputs_js__WEBPACK_IMPORTED_MODULE_0__/* .duration */ .p0)(20, { max: 600 }),
    'connect-retries': (0,_io_inputs_js__WEBPACK_IMPORTED_MODULE_0__/* .integer */ .nd)(3, 1, 20),
};
/** Which app on the server: every remote action but healthcheck. */
const appInputSpec = {
    app: (0,_io_inputs_js__WEBPACK_IMPORTED_MODULE_0__/* .matching */ .wC)(/^[A-Za-z0-9][A-Za-z0-9_-]{0,63}$/, 'an app slug of letters, digits, - and _'),
    'app-dir': (0,_io_inputs_js__WEBPACK_IMPORTED_MODULE_0__/* .matching */ .wC)(/^\/[^\0]*$/, 'an absolute path like /srv/myapp'),
};
const remoteInputSpec = { ...sshInputSpec, ...appInputSpec };
function isHostName(v) {
    return /^[A-Za-z0-9]([A-Za-z0-9.-]*[A-Za-z0-9])?$/.test(v) || /^\[?[0-9A-Fa-f:.]+\]?$/.test(v);
}
/** The app slug defaults to the repository's name; app-dir to /srv/<app>. */
function appLocation(i, repository) {
    const fromRepo = (repository.split('/')[1] ?? '').replace(/[^A-Za-z0-9_-]/g, '-').replace(/^[-_]+/, '');
    const app = i.app || fromRepo;
    if (!app)
        throw new _io_errors_js__WEBPACK_IMPORTED_MODULE_1__/* .ConfigurationError */ .j1('input "app" is required outside a GitHub repository: takes an app slug');
    return { app, appDir: (i['app-dir'] || `/srv/${app}`).replace(/(.)\/+$/, '$1') };
}
/**
 * One SshTarget per host in `host`, validating the credential combination before anything connects. With no
 * `key` and no `password`, an ssh-agent (`SSH_AUTH_SOCK`: one the workflow started, or the terminal's) logs in.
 */
function sshTargets(i, agentSocket = process.env.SSH_AUTH_SOCK ?? '') {
    if (!i.host.length)
        throw new _io_errors_js__WEBPACK_IMPORTED_MODULE_1__/* .ConfigurationError */ .j1('input "host" is required: takes a host name or IP address');
    if (!i.username)
        throw new _io_errors_js__WEBPACK_IMPORTED_MODULE_1__/* .ConfigurationError */ .j1('input "username" is required: takes the SSH user, like deploy');
    const agent = !i.key && !i.password ? agentSocket : '';
    if (!i.key && !i.password && !agent) {
        throw new _io_errors_js__WEBPACK_IMPORTED_MODULE_1__/* .ConfigurationError */ .j1('input "key" or "password" is required: give a private key (from a secret) or a password, ' +
            'or start an ssh-agent (SSH_AUTH_SOCK) holding the key');
    }
    if (i.passphrase && !i.key)
        throw new _io_errors_js__WEBPACK_IMPORTED_MODULE_1__/* .ConfigurationError */ .j1('input "passphrase" was given without "key"');
    if (i['jump-passphrase'] && !i['jump-key'])
        throw new _io_errors_js__WEBPACK_IMPORTED_MODULE_1__/* .ConfigurationError */ .j1('input "jump-passphrase" was given without "jump-key"');
    const jump = i['jump-host'] ? parseJump(i['jump-host'], i.username, jumpLogin(i), agent) : undefined;
    return i.host.map((host) => ({
        host: host.replace(/^\[(.*)\]$/, '$1'),
        port: i.port,
        username: i.username,
        ...(i.key ? { privateKey: normaliseKey(i.key) } : {}),
        ...(i.passphrase ? { passphrase: i.passphrase } : {}),
        ...(i.password ? { password: i.password } : {}),
        ...(agent ? { agent } : {}),
        knownHosts: i['known-hosts'],
        hostFingerprint: i['host-fingerprint'],
        insecureIgnoreHostKey: i['insecure-ignore-host-key'],
        ...(jump ? { jump } : {}),
        connectTimeoutSeconds: i['connect-timeout'],
        connectRetries: i['connect-retries'],
    }));
}
/**
 * The bastion's key and passphrase: `jump-key` with `jump-passphrase`, or else the target's `key` and
 * `passphrase`. A `jump-key` without `jump-passphrase` still tries `passphrase` (what it used before
 * `jump-passphrase` existed; an unencrypted key ignores it).
 */
function jumpLogin(i) {
    if (!i['jump-key'])
        return { key: i.key, passphrase: i.passphrase, keyInput: 'key', passphraseInput: 'passphrase' };
    const own = i['jump-passphrase'];
    return {
        key: i['jump-key'],
        passphrase: own || i.passphrase,
        keyInput: 'jump-key',
        passphraseInput: own || !i.passphrase ? 'jump-passphrase' : 'passphrase',
    };
}
function parseJump(spec, defaultUser, login, agent) {
    const m = /^(?:([^@]+)@)?(\[[^\]]+\]|[^:]+)(?::(\d+))?$/.exec(spec);
    if (!m)
        throw new _io_errors_js__WEBPACK_IMPORTED_MODULE_1__/* .ConfigurationError */ .j1(`input "jump-host" got ${JSON.stringify(spec)}: takes user@host:port`);
    return {
        host: m[2].replace(/^\[(.*)\]$/, '$1'),
        port: m[3] ? Number(m[3]) : 22,
        username: m[1] ?? defaultUser,
        ...(login.key ? { privateKey: normaliseKey(login.key) } : {}),
        ...(login.passphrase ? { passphrase: login.passphrase } : {}),
        ...(!login.key && agent ? { agent } : {}),
        keyInput: login.keyInput,
        passphraseInput: login.passphraseInput,
    };
}
/** Secrets pasted into GitHub often lose their final newline or gain \r: OpenSSH keys need neither fixed by hand. */
function normaliseKey(key) {
    return key.replace(/\r\n/g, '\n').trim() + '\n';
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


/***/ }),

/***/ 9809:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   Q: () => (/* binding */ stackName),
/* harmony export */   b: () => (/* binding */ STACK_NAME)
/* harmony export */ });
/* harmony import */ var _io_inputs_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(9228);

/** `stack`: the Swarm stack's name, a prefix of every service name (`<stack>_<service>`); '' = the app name. */
const STACK_NAME = /^[A-Za-z0-9][A-Za-z0-9_-]{0,49}$/;
const stackName = () => (0,_io_inputs_js__WEBPACK_IMPORTED_MODULE_0__/* .matching */ .wC)(STACK_NAME, 'a Swarm stack name: letters, digits, - and _, at most 50 characters');


/***/ })

};
