export const id = 58;
export const ids = [58,38];
export const modules = {

/***/ 3058:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

__webpack_require__.r(__webpack_exports__);
/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   runStatus: () => (/* binding */ runStatus),
/* harmony export */   statusInputSpec: () => (/* binding */ statusInputSpec)
/* harmony export */ });
/* harmony import */ var _io_inputs_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(6067);
/* harmony import */ var _io_secrets_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(3965);
/* harmony import */ var _io_summary_js__WEBPACK_IMPORTED_MODULE_5__ = __webpack_require__(2864);
/* harmony import */ var _flow_ledger_js__WEBPACK_IMPORTED_MODULE_4__ = __webpack_require__(9835);
/* harmony import */ var _flow_state_js__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(7573);
/* harmony import */ var _ssh_target_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(4889);






const statusInputSpec = { ..._ssh_target_js__WEBPACK_IMPORTED_MODULE_1__/* .remoteInputSpec */ .eZ, entries: (0,_io_inputs_js__WEBPACK_IMPORTED_MODULE_0__/* .integer */ .nd)(10, 1, 1000) };
/** `vps-deploy status`: what each host runs now (state.json) and its last attempts from the ledger. */
async function runStatus(io) {
    (0,_io_secrets_js__WEBPACK_IMPORTED_MODULE_2__/* .maskSecretInputs */ .q)(io);
    const inputs = (0,_io_inputs_js__WEBPACK_IMPORTED_MODULE_0__/* .readInputs */ .Ko)(statusInputSpec, (n) => io.input(n));
    const { app, appDir } = (0,_ssh_target_js__WEBPACK_IMPORTED_MODULE_1__/* .appLocation */ .ry)(inputs, io.run.repository);
    const { withConnection } = await Promise.all(/* import() */[__webpack_require__.e(487), __webpack_require__.e(152)]).then(__webpack_require__.bind(__webpack_require__, 5152));
    const hosts = {};
    for (const target of (0,_ssh_target_js__WEBPACK_IMPORTED_MODULE_1__/* .sshTargets */ .vF)(inputs)) {
        const { state, attempts } = await withConnection(target, io, async (conn) => ({
            state: await (0,_flow_state_js__WEBPACK_IMPORTED_MODULE_3__/* .readState */ .un)(conn, appDir, 'compose'),
            attempts: (await new _flow_ledger_js__WEBPACK_IMPORTED_MODULE_4__/* .ReleaseLedger */ .Ly(conn, appDir).read()).slice(-inputs.entries),
        }));
        hosts[target.host] = { ...state, attempts };
        io.setOutput('current', state.current ?? '');
        io.setOutput('previous', state.previous ?? '');
        io.setOutput('strategy', state.strategy);
        await io.summary([
            `### ${app} on ${target.host} (${appDir})`,
            '',
            (0,_io_summary_js__WEBPACK_IMPORTED_MODULE_5__/* .table */ .tp)(['current', 'previous', 'strategy'], [[state.current ?? '—', state.previous ?? '—', state.strategy]]),
            '',
            attempts.length
                ? (0,_io_summary_js__WEBPACK_IMPORTED_MODULE_5__/* .table */ .tp)(['time', 'action', 'tag', 'from', 'outcome', 'health', 'actor'], attempts.map(row))
                : '_no deploys recorded yet_',
            '',
        ].join('\n'));
    }
    io.setOutput('hosts', JSON.stringify(hosts));
}
function row(a) {
    const health = a.health ? `${a.health.verdict}${a.health.code ? ` (${a.health.code})` : ''}` : '';
    const outcome = a.outcome === 'started' ? 'unfinished (runner killed or connection lost)' : a.outcome;
    return [
        a.time.replace('T', ' ').replace(/\.\d+Z$/, 'Z'),
        a.action,
        a.tag,
        a.previous ?? '',
        outcome,
        health,
        a.actor,
    ];
}


/***/ }),

/***/ 9835:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   E$: () => (/* binding */ redact),
/* harmony export */   Ly: () => (/* binding */ ReleaseLedger),
/* harmony export */   TL: () => (/* binding */ ledgerRecord),
/* harmony export */   hi: () => (/* binding */ failedTags)
/* harmony export */ });
/* unused harmony exports attemptsOf, landed */
/* harmony import */ var _ssh_quote_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(9038);
/* harmony import */ var _state_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(7573);


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

/***/ 7573:
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

/***/ 9038:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   L_: () => (/* binding */ userCommand),
/* harmony export */   lS: () => (/* binding */ raw),
/* harmony export */   sh: () => (/* binding */ sh)
/* harmony export */ });
/* unused harmony exports quoteForShell, ShellFragment */
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
