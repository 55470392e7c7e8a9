export const id = 340;
export const ids = [340];
export const modules = {

/***/ 2923:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   X: () => (/* binding */ describeVerdict),
/* harmony export */   z: () => (/* binding */ gateOnHealth)
/* harmony export */ });
/* harmony import */ var _verdict_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(415);

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
    for (;;) {
        const left = deadline - now();
        if (left <= 0)
            break;
        const budget = Math.max(1, Math.round(Math.min(opts.requestTimeoutSeconds * 1000, left)));
        const r = await hooks.probe(budget);
        attempts++;
        // A probe the deadline cut short says nothing about the app: the last real answer stays the verdict.
        const cutByDeadline = budget < opts.requestTimeoutSeconds * 1000 && r.code === undefined && attempts > 1;
        if (!cutByDeadline)
            last = r;
        consecutive = (0,_verdict_js__WEBPACK_IMPORTED_MODULE_0__/* .passes */ .WE)(r.verdict, opts.allowDegraded) ? consecutive + 1 : 0;
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
        await sleep(wait);
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

/***/ 2273:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {


// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  T: () => (/* binding */ gateUrl)
});

// EXTERNAL MODULE: ./src/health/gate.ts
var gate = __webpack_require__(2923);
// EXTERNAL MODULE: external "node:http"
var external_node_http_ = __webpack_require__(7067);
var external_node_http_default = /*#__PURE__*/__webpack_require__.n(external_node_http_);
// EXTERNAL MODULE: ./src/health/verdict.ts
var verdict = __webpack_require__(415);
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
async function once(url, opts, started) {
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
    if (/open a tunnel|Connection refused/i.test(e.message))
        return `connection refused (${e.message})`;
    return e.code ? `${e.code}: ${e.message}` : e.message;
}

;// CONCATENATED MODULE: ./src/health/run-gate.ts


/** Runs the gate against a URL, logging every probe. */
function gateUrl(target, opts, log, fatal) {
    const via = target.dialer ? ' through the SSH host' : '';
    log.info(`Gating on ${target.url}${via}: ${opts.successes} passing probe(s) in a row within ${opts.timeoutSeconds}s, ` +
        `every ${opts.intervalSeconds}s${opts.allowDegraded ? '' : ' (degraded does not pass)'}`);
    return (0,gate/* gateOnHealth */.z)(opts, {
        probe: (timeoutMs) => probe(target.url, {
            timeoutMs,
            ...(target.headers ? { headers: target.headers } : {}),
            ...(target.followRedirects ? { followRedirects: target.followRedirects } : {}),
            ...(target.dialer ? { dialer: target.dialer } : {}),
        }),
        onProbe: (r, n, consecutive) => log.info(`  probe ${n}: ${(0,gate/* describeVerdict */.X)(r)}${consecutive ? ` [${consecutive}/${opts.successes}]` : ''}`),
        ...(fatal ? { fatal } : {}),
    });
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

/***/ 6067:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   Ko: () => (/* binding */ readInputs),
/* harmony export */   Qq: () => (/* binding */ text),
/* harmony export */   S: () => (/* binding */ refined),
/* harmony export */   b3: () => (/* binding */ headers),
/* harmony export */   lc: () => (/* binding */ bool),
/* harmony export */   nd: () => (/* binding */ integer),
/* harmony export */   p0: () => (/* binding */ duration),
/* harmony export */   p_: () => (/* binding */ list),
/* harmony export */   q3: () => (/* binding */ httpUrl),
/* harmony export */   uz: () => (/* binding */ splitLines),
/* harmony export */   wC: () => (/* binding */ matching),
/* harmony export */   yL: () => (/* binding */ oneOf)
/* harmony export */ });
/* unused harmony exports refuse, kind, parseDuration, splitList, isHttpUrl */
/* harmony import */ var zod_mini__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(4343);
/* harmony import */ var zod_mini__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(8532);
/* harmony import */ var _errors_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(7333);
/* harmony import */ var _secrets_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(3965);



const SECRET_INPUTS = new Set(_secrets_js__WEBPACK_IMPORTED_MODULE_1__/* .SECRET_INPUT_NAMES */ .f);
function readInputs(spec, raw, opts = {}) {
    const problems = [];
    const out = {};
    for (const [name, schema] of Object.entries(spec)) {
        const value = raw(name).trim();
        const parsed = schema.safeParse(value);
        if (parsed.success) {
            out[name] = parsed.data;
        }
        else {
            const takes = parsed.error.issues.map((i) => i.message).join('; ');
            const shown = opts.shown?.[name];
            const got = SECRET_INPUTS.has(name)
                ? '(a secret, not shown)'
                : JSON.stringify(truncate(shown ? shown(value) : value, 80));
            problems.push(`input "${name}" got ${got}: ${takes}`);
        }
    }
    if (problems.length)
        throw new _errors_js__WEBPACK_IMPORTED_MODULE_0__/* .ConfigurationError */ .j1(`Invalid input\n  ${problems.join('\n  ')}`);
    return out;
}
function truncate(s, n) {
    return s.length > n ? `${s.slice(0, n)}…` : s;
}
/** Why a field refused its value: thrown by a kind's parser, turned into that input's line of the error. */
class Refusal {
    message;
    constructor(message) {
        this.message = message;
    }
}
/** Refuses the value being parsed; `message` says what the input takes. */
function refuse(message) {
    throw new Refusal(message);
}
/** Makes a field kind from a parser of the trimmed raw value: a `refuse` becomes the input's zod issue. */
function kind(parse) {
    return zod_mini__WEBPACK_IMPORTED_MODULE_2__/* .pipe */ .FsL(zod_mini__WEBPACK_IMPORTED_MODULE_2__/* .string */ .YjP(), zod_mini__WEBPACK_IMPORTED_MODULE_2__/* .transform */ .pdi((value, ctx) => {
        try {
            return parse(value);
        }
        catch (e) {
            if (!(e instanceof Refusal))
                throw e;
            ctx.issues.push({ code: 'custom', message: e.message, input: value });
            return zod_mini__WEBPACK_IMPORTED_MODULE_3__/* .NEVER */ .tm;
        }
    }));
}
/** Narrows a kind: values failing `test` are refused with `message`. */
function refined(base, test, message) {
    return base.check(zod_mini__WEBPACK_IMPORTED_MODULE_2__/* .refine */ .YPB(test, { message }));
}
// ---- field kinds ------------------------------------------------------------------------------------------
/** A string input; `required` makes the empty string an error. */
function text(opts = {}) {
    return kind((v) => {
        if (!v && opts.required) {
            return refuse('is required');
        }
        return v || opts.fallback || '';
    });
}
/** A string that must match a pattern when given. */
function matching(pattern, takes, opts = {}) {
    return refined(text(opts), (v) => v === '' || pattern.test(v), `takes ${takes}`);
}
const TRUE = new Set(['true', 'True', 'TRUE', 'yes', 'Yes', 'YES', 'on', 'On', 'ON', '1']);
const FALSE = new Set(['false', 'False', 'FALSE', 'no', 'No', 'NO', 'off', 'Off', 'OFF', '0']);
/** YAML 1.1 booleans as GitHub passes them: true/false, yes/no, on/off (any case form), 1/0. */
function bool(fallback) {
    return kind((v) => {
        if (v === '')
            return fallback;
        if (TRUE.has(v))
            return true;
        if (FALSE.has(v))
            return false;
        return refuse('takes true or false (yes/no, on/off also accepted)');
    });
}
const UNITS = { ms: 0.001, s: 1, m: 60, h: 3600 };
/** Parses `30`, `30s`, `1.5s`, `500ms`, `2m`, `1h` into seconds. Returns undefined when not a duration. */
function parseDuration(v) {
    const m = /^(\d+(?:\.\d+)?)\s*(ms|s|m|h)?$/.exec(v.trim());
    if (!m)
        return undefined;
    return Number(m[1]) * UNITS[m[2] ?? 's'];
}
/** A duration in seconds, strictly positive unless `allowZero`. */
function duration(fallbackSeconds, opts = {}) {
    return kind((v) => {
        if (v === '')
            return fallbackSeconds;
        const s = parseDuration(v);
        const lowest = opts.allowZero ? 0 : Number.MIN_VALUE;
        if (s === undefined || s < lowest || (opts.max !== undefined && s > opts.max)) {
            const range = opts.allowZero ? '>= 0' : '> 0';
            const max = opts.max !== undefined ? ` and <= ${opts.max}s` : '';
            return refuse(`takes a duration ${range}${max}, like 30, 30s, 500ms or 2m`);
        }
        return s;
    });
}
/** A whole number in [min, max]. */
function integer(fallback, min, max) {
    return kind((v) => {
        if (v === '')
            return fallback;
        if (!/^\d+$/.test(v) || Number(v) < min || Number(v) > max) {
            return refuse(`takes a whole number from ${min} to ${max}`);
        }
        return Number(v);
    });
}
/** Splits a list given one per line or comma-separated; blank entries and `#` comment lines are dropped. */
function splitList(v) {
    return v
        .split(/[\n,]/)
        .map((s) => s.trim())
        .filter((s) => s !== '' && !s.startsWith('#'));
}
/** A newline-only list (for values that may themselves contain commas, like URLs and commands). */
function splitLines(v) {
    return v
        .split('\n')
        .map((s) => s.trim())
        .filter((s) => s !== '' && !s.startsWith('#'));
}
/** A list whose every item must satisfy `item`. */
function list(item, opts = {}) {
    return kind((v) => {
        const items = opts.lines ? splitLines(v) : splitList(v);
        const bad = items.filter((i) => !item.test(i));
        if (bad.length) {
            return refuse(`${JSON.stringify(bad[0])} is not ${item.takes}`);
        }
        return items;
    });
}
/** One of a fixed set of words. */
function oneOf(words, fallback) {
    return kind((v) => {
        if (v === '')
            return fallback;
        if (!words.includes(v)) {
            return refuse(`takes one of ${words.join(', ')}`);
        }
        return v;
    });
}
/** An http(s) URL. */
function httpUrl(opts = {}) {
    return refined(text(opts), (v) => v === '' || isHttpUrl(v), 'takes an http:// or https:// URL, like http://127.0.0.1:8000/health');
}
function isHttpUrl(v) {
    try {
        const u = new URL(v);
        return (u.protocol === 'http:' || u.protocol === 'https:') && u.hostname !== '';
    }
    catch {
        return false;
    }
}
/** `Name: value` header lines. */
function headers() {
    return kind((v) => {
        const out = {};
        for (const line of splitLines(v)) {
            const m = /^([A-Za-z0-9!#$%&'*+.^_`|~-]+)\s*:\s*(.*)$/.exec(line);
            if (!m)
                return refuse(`takes "Name: value" lines; ${JSON.stringify(line)} is not one`);
            out[m[1]] = m[2];
        }
        return out;
    });
}


/***/ }),

/***/ 3965:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   f: () => (/* binding */ SECRET_INPUT_NAMES),
/* harmony export */   q: () => (/* binding */ maskSecretInputs)
/* harmony export */ });
/** Inputs that are secrets: masked before anything else happens, and never echoed in errors. */
const SECRET_INPUT_NAMES = [
    'key',
    'passphrase',
    'password',
    'jump-key',
    'env-file',
    'registry-password',
    'github-token',
];
/** Masks every secret input's value (and each of its lines) in the log. */
function maskSecretInputs(io) {
    for (const name of SECRET_INPUT_NAMES) {
        const v = io.input(name);
        if (v)
            io.setSecret(v);
    }
}


/***/ }),

/***/ 2864:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   DV: () => (/* binding */ codeBlock),
/* harmony export */   tp: () => (/* binding */ table)
/* harmony export */ });
/* unused harmony export cell */
/** Markdown pieces for job summaries. Cells are escaped so a body excerpt cannot break the table. */
function table(header, rows) {
    const line = (cells) => `| ${cells.map((c) => cell(String(c))).join(' | ')} |`;
    return [line(header), `|${header.map(() => '---').join('|')}|`, ...rows.map(line)].join('\n');
}
function cell(s) {
    return s.replace(/\|/g, '\\|').replace(/\r?\n/g, ' ').replace(/</g, '&lt;') || ' ';
}
/** A fenced block that the content cannot close early. */
function codeBlock(s, lang = '') {
    const fence = '`'.repeat(Math.max(3, ...[...s.matchAll(/`+/g)].map((m) => m[0].length + 1)));
    return `${fence}${lang}\n${s}\n${fence}`;
}


/***/ }),

/***/ 5748:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   Ex: () => (/* binding */ checkHostKey),
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
    const name = knownHostsName(host, port);
    if (patterns.startsWith('|1|')) {
        const [, , salt, hash] = patterns.split('|');
        if (!salt || !hash)
            return false;
        const digest = (0,node_crypto__WEBPACK_IMPORTED_MODULE_0__.createHmac)('sha1', Buffer.from(salt, 'base64')).update(name).digest('base64');
        return digest === hash;
    }
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

/***/ 8461:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   B: () => (/* binding */ connectionLost)
/* harmony export */ });
/** What every layer says when the server can no longer be reached through `shell` (`during`: where it happened). */
function connectionLost(shell, during = '') {
    return `the SSH connection to ${shell.label} was lost${during ? ` ${during}` : ''}`;
}


/***/ }),

/***/ 4889:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   O0: () => (/* binding */ sshInputSpec),
/* harmony export */   eZ: () => (/* binding */ remoteInputSpec),
/* harmony export */   ry: () => (/* binding */ appLocation),
/* harmony export */   vF: () => (/* binding */ sshTargets)
/* harmony export */ });
/* unused harmony exports appInputSpec, isHostName */
/* harmony import */ var _io_inputs_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(6067);
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
/** One SshTarget per host in `host`, validating the credential combination before anything connects. */
function sshTargets(i) {
    if (!i.host.length)
        throw new _io_errors_js__WEBPACK_IMPORTED_MODULE_1__/* .ConfigurationError */ .j1('input "host" is required: takes a host name or IP address');
    if (!i.username)
        throw new _io_errors_js__WEBPACK_IMPORTED_MODULE_1__/* .ConfigurationError */ .j1('input "username" is required: takes the SSH user, like deploy');
    if (!i.key && !i.password) {
        throw new _io_errors_js__WEBPACK_IMPORTED_MODULE_1__/* .ConfigurationError */ .j1('input "key" or "password" is required: give a private key (from a secret) or a password');
    }
    if (i.passphrase && !i.key)
        throw new _io_errors_js__WEBPACK_IMPORTED_MODULE_1__/* .ConfigurationError */ .j1('input "passphrase" was given without "key"');
    const jump = i['jump-host'] ? parseJump(i['jump-host'], i.username, i['jump-key'] || i.key) : undefined;
    return i.host.map((host) => ({
        host: host.replace(/^\[(.*)\]$/, '$1'),
        port: i.port,
        username: i.username,
        ...(i.key ? { privateKey: normaliseKey(i.key) } : {}),
        ...(i.passphrase ? { passphrase: i.passphrase } : {}),
        ...(i.password ? { password: i.password } : {}),
        knownHosts: i['known-hosts'],
        hostFingerprint: i['host-fingerprint'],
        insecureIgnoreHostKey: i['insecure-ignore-host-key'],
        ...(jump ? { jump } : {}),
        connectTimeoutSeconds: i['connect-timeout'],
        connectRetries: i['connect-retries'],
    }));
}
function parseJump(spec, defaultUser, key) {
    const m = /^(?:([^@]+)@)?(\[[^\]]+\]|[^:]+)(?::(\d+))?$/.exec(spec);
    if (!m)
        throw new _io_errors_js__WEBPACK_IMPORTED_MODULE_1__/* .ConfigurationError */ .j1(`input "jump-host" got ${JSON.stringify(spec)}: takes user@host:port`);
    return {
        host: m[2].replace(/^\[(.*)\]$/, '$1'),
        port: m[3] ? Number(m[3]) : 22,
        username: m[1] ?? defaultUser,
        ...(key ? { privateKey: normaliseKey(key) } : {}),
    };
}
/** Secrets pasted into GitHub often lose their final newline or gain \r: OpenSSH keys need neither fixed by hand. */
function normaliseKey(key) {
    return key.replace(/\r\n/g, '\n').trim() + '\n';
}


/***/ })

};
