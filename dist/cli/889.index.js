export const id = 889;
export const ids = [889];
export const modules = {

/***/ 6067:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   Ko: () => (/* binding */ readInputs),
/* harmony export */   Qq: () => (/* binding */ text),
/* harmony export */   S: () => (/* binding */ refined),
/* harmony export */   TR: () => (/* binding */ refuse),
/* harmony export */   Zm: () => (/* binding */ commandLines),
/* harmony export */   b3: () => (/* binding */ headers),
/* harmony export */   fM: () => (/* binding */ kind),
/* harmony export */   hF: () => (/* binding */ splitCommandLines),
/* harmony export */   lc: () => (/* binding */ bool),
/* harmony export */   nd: () => (/* binding */ integer),
/* harmony export */   p0: () => (/* binding */ duration),
/* harmony export */   p_: () => (/* binding */ list),
/* harmony export */   q3: () => (/* binding */ httpUrl),
/* harmony export */   uz: () => (/* binding */ splitLines),
/* harmony export */   wC: () => (/* binding */ matching),
/* harmony export */   yL: () => (/* binding */ oneOf)
/* harmony export */ });
/* unused harmony exports parseDuration, splitList, isHttpUrl */
/* harmony import */ var zod_mini__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(4343);
/* harmony import */ var zod_mini__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(8532);
/* harmony import */ var _errors_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(7333);
/* harmony import */ var _secrets_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(3965);



const SECRET_INPUTS = new Set([..._secrets_js__WEBPACK_IMPORTED_MODULE_1__/* .SECRET_INPUT_NAMES */ .f1, ..._secrets_js__WEBPACK_IMPORTED_MODULE_1__/* .HEADER_INPUT_NAMES */ .iU]);
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
/**
 * Command lines, one a line (restart-command, health-command, …): blank and `#` lines dropped, and a line ending
 * in `\` continued on the next, as a shell reads it. Each line is run on its own, in order.
 */
function splitCommandLines(v) {
    const out = [];
    let pending = '';
    for (const line of v.split(/\r?\n/)) {
        const t = line.trim();
        if (!pending && (t === '' || t.startsWith('#')))
            continue;
        if (t.endsWith('\\')) {
            pending += `${t.slice(0, -1)} `;
            continue;
        }
        out.push((pending + t).trim());
        pending = '';
    }
    if (pending.trim())
        out.push(pending.trim());
    return out.filter((l) => l !== '');
}
/** Command lines (see splitCommandLines). */
function commandLines() {
    return kind((v) => splitCommandLines(v));
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
/** `Name: value` header lines. A bad line is named by its number only: header values may be secrets. */
function headers() {
    return kind((v) => {
        const out = {};
        for (const [i, line] of splitLines(v).entries()) {
            const m = /^([A-Za-z0-9!#$%&'*+.^_`|~-]+)\s*:\s*(.*)$/.exec(line);
            if (!m)
                return refuse(`takes "Name: value" lines; line ${i + 1} is not one`);
            out[m[1]] = m[2];
        }
        return out;
    });
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
    if (i['jump-passphrase'] && !i['jump-key'])
        throw new _io_errors_js__WEBPACK_IMPORTED_MODULE_1__/* .ConfigurationError */ .j1('input "jump-passphrase" was given without "jump-key"');
    const jump = i['jump-host'] ? parseJump(i['jump-host'], i.username, jumpLogin(i)) : undefined;
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
function parseJump(spec, defaultUser, login) {
    const m = /^(?:([^@]+)@)?(\[[^\]]+\]|[^:]+)(?::(\d+))?$/.exec(spec);
    if (!m)
        throw new _io_errors_js__WEBPACK_IMPORTED_MODULE_1__/* .ConfigurationError */ .j1(`input "jump-host" got ${JSON.stringify(spec)}: takes user@host:port`);
    return {
        host: m[2].replace(/^\[(.*)\]$/, '$1'),
        port: m[3] ? Number(m[3]) : 22,
        username: m[1] ?? defaultUser,
        ...(login.key ? { privateKey: normaliseKey(login.key) } : {}),
        ...(login.passphrase ? { passphrase: login.passphrase } : {}),
        keyInput: login.keyInput,
        passphraseInput: login.passphraseInput,
    };
}
/** Secrets pasted into GitHub often lose their final newline or gain \r: OpenSSH keys need neither fixed by hand. */
function normaliseKey(key) {
    return key.replace(/\r\n/g, '\n').trim() + '\n';
}


/***/ })

};
