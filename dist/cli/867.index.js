export const id = 867;
export const ids = [867];
export const modules = {

/***/ 4399:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   Oq: () => (/* binding */ healthPlan),
/* harmony export */   PU: () => (/* binding */ tagVariable),
/* harmony export */   _m: () => (/* binding */ serviceNames),
/* harmony export */   f9: () => (/* binding */ healthUrls),
/* harmony export */   rZ: () => (/* binding */ gateInputSpec)
/* harmony export */ });
/* unused harmony export DEFAULT_HEALTH_URL */
/* harmony import */ var _io_inputs_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(6067);
/* harmony import */ var _health_endpoint_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(6525);


/** What the gate probes when neither health-url nor health-command is given. */
const DEFAULT_HEALTH_URL = 'http://127.0.0.1:8000/health';
/** health-url lines: http, https or http+unix URLs (commas may be in a URL, so one a line only). */
function healthUrls() {
    return (0,_io_inputs_js__WEBPACK_IMPORTED_MODULE_0__/* .kind */ .fM)((v) => {
        const urls = (0,_io_inputs_js__WEBPACK_IMPORTED_MODULE_0__/* .splitLines */ .uz)(v);
        const bad = urls.findIndex((u) => !(0,_health_endpoint_js__WEBPACK_IMPORTED_MODULE_1__/* .isHealthUrl */ .uw)(u));
        if (bad < 0)
            return urls;
        return (0,_io_inputs_js__WEBPACK_IMPORTED_MODULE_0__/* .refuse */ .TR)(`takes ${_health_endpoint_js__WEBPACK_IMPORTED_MODULE_1__/* .HEALTH_URL_TAKES */ .ke}${urls.length > 1 ? `, one a line; line ${bad + 1} is not one` : ''}`);
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


/***/ }),

/***/ 2944:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   QA: () => (/* binding */ commandCheck)
/* harmony export */ });
/* unused harmony exports commandProbeText, commandVerdict, probeCommand */
/* harmony import */ var _ssh_quote_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(9038);

/** Exit status of coreutils `timeout` when the command ran out of time. */
const TIMED_OUT = 124;
/** What a probe waits beyond its own limit for the server to report the command's end before giving up on it. */
const GRACE_MS = 2000;
/**
 * A health-command line as a probe: run on the server in a login shell (as restart-command runs), exit 0 passes
 * (`ok`), any other exit is `unhealthy`. The request timeout applies through `timeout(1)` on the server where it
 * exists, so a hung check (`celery inspect ping` with no broker) is killed rather than left running.
 */
function commandProbeText(command, timeoutMs, cwd) {
    const inner = (0,_ssh_quote_js__WEBPACK_IMPORTED_MODULE_0__/* .userCommand */ .L_)(command, cwd ? { cwd } : {});
    const seconds = (Math.max(timeoutMs, 100) / 1000).toFixed(3);
    return `if command -v timeout >/dev/null 2>&1; then timeout -k 2 ${seconds} ${inner}; else ${inner}; fi`;
}
/** The verdict of one run of a health command. Pure. */
function commandVerdict(r, timeoutMs, latencyMs) {
    const body = (r.stdout + (r.stderr ? `\n${r.stderr}` : '')).trim().slice(0, 2048);
    if (r.code === 0 && !r.signal)
        return { verdict: 'ok', latencyMs, body };
    const last = lastLine(r.stderr) || lastLine(r.stdout);
    if (r.code === TIMED_OUT) {
        return { verdict: 'unreachable', latencyMs, body, error: `no exit within ${timeoutMs} ms` };
    }
    return {
        verdict: 'unhealthy',
        latencyMs,
        body,
        error: `exit ${r.signal ?? r.code}${last ? `: ${last}` : ''}`,
    };
}
/** Runs one health-command line on the server. Never throws for the command's sake; a lost connection does. */
async function probeCommand(conn, command, timeoutMs, cwd) {
    const started = performance.now();
    const elapsed = () => Math.round(performance.now() - started);
    let timer;
    const hung = new Promise((resolve) => {
        timer = setTimeout(() => resolve({
            verdict: 'unreachable',
            latencyMs: elapsed(),
            body: '',
            error: `no exit within ${timeoutMs} ms (the server has no timeout command to stop it)`,
        }), timeoutMs + GRACE_MS);
    });
    const ran = conn
        .exec(commandProbeText(command, timeoutMs, cwd), { log: false, maxStdout: 64 * 1024 })
        .then((r) => commandVerdict(r, timeoutMs, elapsed()));
    try {
        return await Promise.race([ran, hung]);
    }
    finally {
        clearTimeout(timer);
    }
}
function lastLine(text) {
    return text.trimEnd().split('\n').pop()?.trim().slice(0, 300) ?? '';
}
/** A health-command line as a gate check, run over `conn` in the login shell's directory (the user's home). */
function commandCheck(conn, command) {
    return { label: command, kind: 'command', probe: (timeoutMs) => probeCommand(conn, command, timeoutMs) };
}


/***/ }),

/***/ 6525:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   Ig: () => (/* binding */ healthEndpoint),
/* harmony export */   ke: () => (/* binding */ HEALTH_URL_TAKES),
/* harmony export */   uw: () => (/* binding */ isHealthUrl)
/* harmony export */ });
/* unused harmony export UNIX_SCHEME */
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

/***/ 2923:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   X: () => (/* binding */ describeVerdict),
/* harmony export */   z: () => (/* binding */ gateOnHealth)
/* harmony export */ });
/* harmony import */ var _io_cancel_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(6736);
/* harmony import */ var _verdict_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(415);


/**
 * Polls until `successes` consecutive passing probes (degraded passes unless allowDegraded is false), or the
 * deadline. The last probe never outlives the deadline: its timeout is cut to the time left.
 */
async function gateOnHealth(opts, hooks) {
    const now = hooks.now ?? (() => performance.now());
    const sleep = hooks.sleep ?? ((ms) => new Promise((r) => setTimeout(r, ms)));
    const start = now();
    const deadline = start + opts.timeoutSeconds * 1000;
    let consecutive = 0;
    let attempts = 0;
    let last = { verdict: 'unreachable', latencyMs: 0, body: '', error: 'not probed yet' };
    const { signal } = hooks;
    const cancelled = () => ({
        passed: false,
        last,
        attempts,
        elapsedMs: now() - start,
        reason: `cancelled after ${attempts} probe(s)`,
        cancelled: true,
    });
    for (;;) {
        const left = deadline - now();
        if (left <= 0)
            break;
        if (signal?.aborted)
            return cancelled();
        const budget = Math.max(1, Math.round(Math.min(opts.requestTimeoutSeconds * 1000, left)));
        const r = await (0,_io_cancel_js__WEBPACK_IMPORTED_MODULE_0__/* .untilAborted */ .Eu)(hooks.probe(budget), signal);
        if (!r)
            return cancelled();
        attempts++;
        // A probe the deadline cut short says nothing about the app: the last real answer stays the verdict.
        const cutByDeadline = budget < opts.requestTimeoutSeconds * 1000 && r.code === undefined && attempts > 1;
        if (!cutByDeadline)
            last = r;
        consecutive = (0,_verdict_js__WEBPACK_IMPORTED_MODULE_1__/* .passes */ .WE)(r.verdict, opts.allowDegraded) ? consecutive + 1 : 0;
        hooks.onProbe?.(r, attempts, consecutive);
        if (consecutive >= opts.successes)
            return { passed: true, last, attempts, elapsedMs: now() - start };
        const reason = await hooks.fatal?.(r);
        if (reason)
            return { passed: false, last, attempts, elapsedMs: now() - start, reason };
        // No probe starts that the deadline would cut to nothing: its verdict would say nothing of the app.
        const wait = opts.intervalSeconds * 1000;
        if (now() + wait >= deadline)
            break;
        await (0,_io_cancel_js__WEBPACK_IMPORTED_MODULE_0__/* .untilAborted */ .Eu)(sleep(wait), signal);
    }
    return {
        passed: false,
        last,
        attempts,
        elapsedMs: now() - start,
        reason: `health-timeout (${opts.timeoutSeconds}s) ran out after ${attempts} probe(s); last verdict ${describeVerdict(last)}`,
    };
}
function describeVerdict(r) {
    const code = r.code !== undefined ? ` (HTTP ${r.code}, ${r.latencyMs} ms)` : '';
    return `${r.verdict}${code}${r.error ? ` — ${r.error}` : ''}`;
}


/***/ }),

/***/ 1098:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {


// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  He: () => (/* binding */ gateChecks),
  T2: () => (/* binding */ gateUrl),
  Y8: () => (/* binding */ urlCheck)
});

// EXTERNAL MODULE: ./src/health/verdict.ts
var verdict = __webpack_require__(415);
;// CONCATENATED MODULE: ./src/health/checks.ts

/**
 * One round's verdict from each check's probe. Pure. A single check is its own result. With several, the first
 * check that does not pass decides (its label in the error); when all pass, a degraded one is reported, else the
 * first check's answer, with the slowest latency of the round.
 */
function combineRound(checks, results, allowDegraded) {
    if (results.length === 1)
        return results[0];
    const latencyMs = Math.max(0, ...results.map((r) => r.latencyMs));
    const failing = results.findIndex((r) => !(0,verdict/* passes */.WE)(r.verdict, allowDegraded));
    const degraded = results.findIndex((r) => r.verdict === 'degraded');
    const pick = failing >= 0 ? failing : degraded >= 0 ? degraded : 0;
    const r = results[pick];
    const label = checks[pick].label;
    if (failing < 0 && degraded < 0) {
        // Every check passed: a check's own note (a redirect followed) is not a reason here.
        const { error: _ignored, ...ok } = r;
        return { ...ok, latencyMs };
    }
    return { ...r, latencyMs, error: `${label}${r.error ? `: ${r.error}` : ''}` };
}
/** A short line for one round in the log: each check's verdict, in order. */
function roundText(results) {
    return results
        .map((c) => `${c.kind === 'command' ? 'command' : 'url'} ${shorten(c.label)}: ${c.last.verdict}`)
        .join('; ');
}
function shorten(s, max = 60) {
    return s.length > max ? `${s.slice(0, max - 1)}…` : s;
}

// EXTERNAL MODULE: ./src/health/gate.ts
var gate = __webpack_require__(2923);
// EXTERNAL MODULE: external "node:http"
var external_node_http_ = __webpack_require__(7067);
var external_node_http_default = /*#__PURE__*/__webpack_require__.n(external_node_http_);
// EXTERNAL MODULE: ./src/health/endpoint.ts
var health_endpoint = __webpack_require__(6525);
;// CONCATENATED MODULE: ./src/health/probe.ts



const BODY_LIMIT = 64 * 1024;
/** Probes url once. Never throws: every failure is a verdict. */
async function probe(url, opts) {
    const started = performance.now();
    let target = new URL(url);
    for (let hop = 0;; hop++) {
        const r = await once(target, opts, started);
        if (r.code && r.code >= 300 && r.code < 400 && r.location && hop < (opts.followRedirects ?? 0)) {
            target = new URL(r.location, target);
            continue;
        }
        if (r.code && r.code >= 300 && r.code < 400) {
            r.error = `redirect to ${r.location ?? '(no Location)'} not followed: point the health URL at the final address`;
        }
        return r;
    }
}
async function once(target, opts, started) {
    const endpoint = (0,health_endpoint/* healthEndpoint */.Ig)(target);
    if (endpoint?.kind === 'unix') {
        const socketDialer = opts.socketDialer ?? dialLocalSocket;
        // A socket has no host name: `localhost` (not node's `localhost:80`) unless health-headers names one.
        const headers = { host: 'localhost', ...opts.headers };
        return once(endpoint.url, { ...opts, headers, dialer: () => socketDialer(endpoint.socketPath) }, started);
    }
    const url = target;
    // TLS is loaded only for https URLs: most health URLs are plain HTTP on loopback, and loading it costs
    // a noticeable part of the action's start-up.
    const isHttps = url.protocol === 'https:';
    const lib = isHttps ? await Promise.resolve(/* import() */).then(__webpack_require__.t.bind(__webpack_require__, 4708, 23)) : (external_node_http_default());
    const tls = isHttps ? await Promise.resolve(/* import() */).then(__webpack_require__.t.bind(__webpack_require__, 1692, 23)) : undefined;
    const maxBody = opts.maxBody ?? BODY_LIMIT;
    const elapsed = () => Math.round(performance.now() - started);
    return new Promise((resolve) => {
        let finished = false;
        const finish = (r) => {
            if (finished)
                return;
            finished = true;
            clearTimeout(timer);
            req.destroy();
            resolve({ verdict: (0,verdict/* verdictOf */.Vj)(r), latencyMs: elapsed(), ...r });
        };
        const port = Number(url.port || (isHttps ? 443 : 80));
        const hostname = url.hostname.replace(/^\[(.*)\]$/, '$1');
        const req = lib.request(url, {
            method: 'GET',
            // A fresh connection per probe. With a dialer there must be no agent at all: an agent would ignore
            // createConnection and connect directly from the runner.
            ...(opts.dialer ? {} : { agent: false }),
            headers: {
                'user-agent': 'vps-deploy-healthcheck',
                accept: 'application/health+json, application/json, */*',
                connection: 'close',
                ...opts.headers,
            },
            ...(opts.dialer
                ? {
                    createConnection: (_o, cb) => {
                        opts.dialer(hostname, port).then((s) => cb(null, tls ? tls.connect({ socket: s, servername: hostname }) : s), (e) => cb(e));
                        return undefined;
                    },
                }
                : {}),
        }, (res) => {
            const chunks = [];
            let size = 0;
            res.on('data', (d) => {
                if (size < maxBody)
                    chunks.push(d.subarray(0, maxBody - size));
                size += d.length;
                if (size >= maxBody)
                    done();
            });
            const done = () => finish({
                code: res.statusCode ?? 0,
                body: Buffer.concat(chunks).toString('utf8'),
                ...(res.headers.location ? { location: res.headers.location } : {}),
            });
            res.on('end', done);
            res.on('error', (e) => finish({ body: '', error: describe(e) }));
        });
        const timer = setTimeout(() => finish({ body: '', error: `no response within ${opts.timeoutMs} ms` }), opts.timeoutMs);
        req.on('error', (e) => finish({ body: '', error: describe(e) }));
        req.end();
    });
}
function describe(e) {
    if (e.code === 'ECONNREFUSED')
        return 'connection refused';
    if (e.code === 'ECONNRESET')
        return 'connection reset';
    if (/open a tunnel|open a stream|Connection refused/i.test(e.message))
        return `connection refused (${e.message})`;
    return e.code ? `${e.code}: ${e.message}` : e.message;
}
async function dialLocalSocket(socketPath) {
    const net = await Promise.resolve(/* import() */).then(__webpack_require__.t.bind(__webpack_require__, 7030, 23));
    return new Promise((resolve, reject) => {
        const s = net.connect({ path: socketPath });
        s.once('connect', () => resolve(s));
        s.once('error', reject);
    });
}

;// CONCATENATED MODULE: ./src/health/run-gate.ts



/**
 * A health URL as a gate check. Header values are sent, never logged: an app that echoes one back (a debug
 * endpoint showing its request) has it replaced by *** in the body kept for outputs and the summary.
 */
function urlCheck(target) {
    const secrets = Object.values(target.headers ?? {}).filter((v) => v.trim().length >= 4);
    const scrub = (text) => secrets.reduce((t, s) => t.split(s).join('***'), text);
    return {
        label: target.url,
        kind: 'url',
        probe: async (timeoutMs) => {
            const r = await probe(target.url, {
                timeoutMs,
                ...(target.headers ? { headers: target.headers } : {}),
                ...(target.followRedirects ? { followRedirects: target.followRedirects } : {}),
                ...(target.dialer ? { dialer: target.dialer } : {}),
                ...(target.socketDialer ? { socketDialer: target.socketDialer } : {}),
            });
            return secrets.length ? { ...r, body: scrub(r.body) } : r;
        },
    };
}
/** Runs the gate against a URL, logging every probe. */
function gateUrl(target, opts, log, fatal, signal) {
    const via = target.dialer ? ' through the SSH host' : '';
    return gateChecks([urlCheck(target)], opts, log, fatal, via, signal);
}
/**
 * Runs the gate over every check at once: each round probes all of them in parallel, and a round passes when
 * every check passes. The result carries each check's last probe (`checks`) when there are several.
 */
async function gateChecks(checks, opts, log, fatal, via = '', signal) {
    const what = checks.length === 1
        ? checks[0].label
        : `${checks.length} checks (${checks.map((c) => c.label).join(', ')})`;
    log.info(`Gating on ${what}${via}: ${opts.successes} passing probe(s) in a row within ${opts.timeoutSeconds}s, ` +
        `every ${opts.intervalSeconds}s${opts.allowDegraded ? '' : ' (degraded does not pass)'}`);
    const lasts = [];
    const result = await (0,gate/* gateOnHealth */.z)(opts, {
        probe: async (timeoutMs) => {
            const results = await Promise.all(checks.map((c) => c.probe(timeoutMs)));
            results.forEach((r, i) => (lasts[i] = { label: checks[i].label, kind: checks[i].kind, last: r }));
            return combineRound(checks, results, opts.allowDegraded);
        },
        onProbe: (r, n, consecutive) => log.info(`  probe ${n}: ${checks.length > 1 ? roundText(lasts) : (0,gate/* describeVerdict */.X)(r)}` +
            `${consecutive ? ` [${consecutive}/${opts.successes}]` : ''}`),
        ...(fatal ? { fatal } : {}),
        ...(signal ? { signal } : {}),
    });
    return checks.length > 1 ? { ...result, checks: [...lasts] } : result;
}


/***/ }),

/***/ 415:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   Vj: () => (/* binding */ verdictOf),
/* harmony export */   WE: () => (/* binding */ passes)
/* harmony export */ });
/* unused harmony export bodyStatus */
// ok, pass, up, healthy (and any other word) on a 2xx are `ok`.
const DEGRADED = new Set(['degraded', 'warn']);
const UNHEALTHY = new Set(['unhealthy', 'fail', 'down', 'error']);
function verdictOf(r) {
    if (r.code === undefined)
        return 'unreachable';
    if (r.code === 503)
        return 'unhealthy';
    if (r.code < 200 || r.code > 299)
        return 'unreachable';
    const status = bodyStatus(r.body ?? '');
    if (status === undefined)
        return 'ok';
    if (DEGRADED.has(status))
        return 'degraded';
    if (UNHEALTHY.has(status))
        return 'unhealthy';
    // ok/pass/up/healthy, or a word we do not know: the code says healthy and nothing says otherwise.
    return 'ok';
}
/** The lower-cased `status` of a JSON body (also `application/health+json`), or undefined. */
function bodyStatus(body) {
    const t = body.trim();
    if (!t.startsWith('{'))
        return undefined;
    try {
        const parsed = JSON.parse(t);
        if (parsed && typeof parsed === 'object' && 'status' in parsed) {
            const s = parsed.status;
            if (typeof s === 'string')
                return s.trim().toLowerCase();
        }
    }
    catch {
        // A truncated or malformed body is "not JSON": the code decides.
    }
    return undefined;
}
/** Whether a verdict lets the gate count a success. */
function passes(v, allowDegraded) {
    return v === 'ok' || (v === 'degraded' && allowDegraded);
}


/***/ }),

/***/ 8461:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   B: () => (/* binding */ connectionLost)
/* harmony export */ });
/** What every layer says when the server can no longer be reached through `shell` (`during`: where it happened). */
function connectionLost(shell, during = '') {
    return `the SSH connection to ${shell.label} was lost${during ? ` ${during}` : ''}`;
}


/***/ })

};
