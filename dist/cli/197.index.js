export const id = 197;
export const ids = [197];
export const modules = {

/***/ 1197:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

__webpack_require__.r(__webpack_exports__);
/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   CONFIRM_WORD: () => (/* binding */ CONFIRM_WORD),
/* harmony export */   backupInputSpec: () => (/* binding */ backupInputSpec),
/* harmony export */   readBackupInputs: () => (/* binding */ readBackupInputs)
/* harmony export */ });
/* harmony import */ var zod__WEBPACK_IMPORTED_MODULE_4__ = __webpack_require__(0);
/* harmony import */ var zod__WEBPACK_IMPORTED_MODULE_5__ = __webpack_require__(8532);
/* harmony import */ var _io_configured_io_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(4847);
/* harmony import */ var _io_inputs_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(6332);
/* harmony import */ var _ssh_target_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(4889);
/* harmony import */ var _backup_postgres_url_js__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(4775);





const CONFIRM_WORD = 'i-know-this-will-overwrite';
/** A postgres line: a URL (its password is never shown back, even in an error) or `compose:<service>`. */
function postgresLines() {
    return zod__WEBPACK_IMPORTED_MODULE_4__/* .string */ .YjP().transform((v, ctx) => {
        const items = (0,_io_inputs_js__WEBPACK_IMPORTED_MODULE_1__/* .splitLines */ .uz)(v);
        const bad = items.findIndex((i) => !(0,_backup_postgres_url_js__WEBPACK_IMPORTED_MODULE_3__/* .isPostgresUrl */ .pT)(i) && !/^compose:[A-Za-z0-9][A-Za-z0-9_.-]*$/.test(i));
        if (bad >= 0) {
            ctx.addIssue({
                code: 'custom',
                message: `line ${bad + 1} is not a postgres:// or postgresql:// URL or compose:<service>`,
            });
            return zod__WEBPACK_IMPORTED_MODULE_5__/* .NEVER */ .tm;
        }
        return items;
    });
}
/**
 * A path under app-dir, written one way only: `.`, `..` and empty segments are refused (`.//`, `./.` and `a/./`
 * name app-dir itself or hide what is archived); a leading `./` and a trailing `/` are allowed.
 */
function isRelativePath(p) {
    if (p.startsWith('/') || p.startsWith('-') || p.includes('\0'))
        return false;
    const inner = p.replace(/^\.\//, '').replace(/\/$/, '');
    return inner !== '' && inner.split('/').every((seg) => seg !== '' && seg !== '.' && seg !== '..');
}
const keep = (fallback) => (0,_io_inputs_js__WEBPACK_IMPORTED_MODULE_1__/* .integer */ .nd)(fallback, 0, 100_000);
/** actions/backup inputs (actions/backup/README.md) plus the shared remote inputs. */
const backupInputSpec = {
    sqlite: (0,_io_inputs_js__WEBPACK_IMPORTED_MODULE_1__/* .list */ .p_)({ test: (p) => !p.includes('\0'), takes: 'a database path on the server' }, { lines: true }),
    postgres: postgresLines(),
    volumes: (0,_io_inputs_js__WEBPACK_IMPORTED_MODULE_1__/* .list */ .p_)({ test: (v) => /^[A-Za-z0-9][A-Za-z0-9_.-]*$/.test(v), takes: 'a Docker volume name' }),
    files: (0,_io_inputs_js__WEBPACK_IMPORTED_MODULE_1__/* .list */ .p_)({
        test: isRelativePath,
        takes: 'a path relative to app-dir without `.`, `..` or `//` segments (name the files and directories, not `.`)',
    }, { lines: true }),
    'helper-image': (0,_io_inputs_js__WEBPACK_IMPORTED_MODULE_1__/* .matching */ .wC)(/^[A-Za-z0-9][A-Za-z0-9._/:@-]*$/, 'an image reference like busybox:stable', {
        fallback: 'busybox:stable',
    }),
    'backup-dir': (0,_io_inputs_js__WEBPACK_IMPORTED_MODULE_1__/* .matching */ .wC)(/^\/[^\0]*$/, 'an absolute path like /srv/myapp/backups'),
    'keep-last': keep(3),
    'keep-daily': keep(7),
    'keep-weekly': keep(4),
    'keep-monthly': keep(12),
    verify: (0,_io_inputs_js__WEBPACK_IMPORTED_MODULE_1__/* .bool */ .lc)(true),
    download: (0,_io_inputs_js__WEBPACK_IMPORTED_MODULE_1__/* .text */ .Qq)(),
    mode: (0,_io_inputs_js__WEBPACK_IMPORTED_MODULE_1__/* .oneOf */ .yL)(['backup', 'list', 'restore'], 'backup'),
    'restore-from': (0,_io_inputs_js__WEBPACK_IMPORTED_MODULE_1__/* .matching */ .wC)(/^[^/\0\s]+$/, 'a backup file name as `mode: list` shows it'),
    confirm: (0,_io_inputs_js__WEBPACK_IMPORTED_MODULE_1__/* .text */ .Qq)(),
    'stop-command': (0,_io_inputs_js__WEBPACK_IMPORTED_MODULE_1__/* .text */ .Qq)(),
    'start-command': (0,_io_inputs_js__WEBPACK_IMPORTED_MODULE_1__/* .text */ .Qq)(),
    'health-url': (0,_io_inputs_js__WEBPACK_IMPORTED_MODULE_1__/* .httpUrl */ .q3)(),
    'health-timeout': (0,_io_inputs_js__WEBPACK_IMPORTED_MODULE_1__/* .duration */ .p0)(60, { max: 3600 }),
    'health-interval': (0,_io_inputs_js__WEBPACK_IMPORTED_MODULE_1__/* .duration */ .p0)(1, { max: 600 }),
    'health-successes': (0,_io_inputs_js__WEBPACK_IMPORTED_MODULE_1__/* .integer */ .nd)(2, 1, 100),
    'allow-degraded': (0,_io_inputs_js__WEBPACK_IMPORTED_MODULE_1__/* .bool */ .lc)(true),
    'lock-timeout': (0,_io_inputs_js__WEBPACK_IMPORTED_MODULE_1__/* .duration */ .p0)(300, { allowZero: true, max: 86_400 }),
    ..._ssh_target_js__WEBPACK_IMPORTED_MODULE_2__/* .remoteInputSpec */ .eZ,
    ..._io_configured_io_js__WEBPACK_IMPORTED_MODULE_0__/* .configInputSpec */ .kW,
    ..._io_configured_io_js__WEBPACK_IMPORTED_MODULE_0__/* .environmentInputSpec */ .Vc,
};
function readBackupInputs(raw) {
    return (0,_io_inputs_js__WEBPACK_IMPORTED_MODULE_1__/* .readInputs */ .Ko)(backupInputSpec, raw, { shown: { postgres: _backup_postgres_url_js__WEBPACK_IMPORTED_MODULE_3__/* .redactUrlPasswords */ .BM } });
}


/***/ }),

/***/ 4775:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   BM: () => (/* binding */ redactUrlPasswords),
/* harmony export */   pT: () => (/* binding */ isPostgresUrl),
/* harmony export */   qQ: () => (/* binding */ parsePostgresUrl),
/* harmony export */   s1: () => (/* binding */ urlPasswords)
/* harmony export */ });
function isPostgresUrl(v) {
    return parsePostgresUrl(v) !== undefined;
}
const SECRET_PARAMS = new Set(['password', 'sslpassword']);
function parsePostgresUrl(v) {
    if (!/^postgres(ql)?:\/\//.test(v))
        return undefined;
    let u;
    try {
        u = new URL(v);
    }
    catch {
        return undefined;
    }
    // Not URLSearchParams: it reads `+` as a space and re-encodes what it keeps, where libpq decodes only %XX.
    // The parameters left for pg_dump keep their text exactly as given.
    const params = u.search
        .slice(1)
        .split('&')
        .filter(Boolean)
        .map((text) => {
        const eq = text.indexOf('=');
        const key = eq < 0 ? text : text.slice(0, eq);
        return { text, key: safeDecode(key), value: eq < 0 ? '' : safeDecode(text.slice(eq + 1)) };
    });
    const param = (key) => params.find((p) => p.key === key)?.value;
    const password = (u.password ? safeDecode(u.password) : undefined) || param('password');
    const sslPassword = param('sslpassword');
    const kept = params.filter((p) => !SECRET_PARAMS.has(p.key)).map((p) => p.text);
    u.password = '';
    u.search = kept.length ? `?${kept.join('&')}` : '';
    const database = safeDecode(u.pathname.replace(/^\//, '')) || safeDecode(u.username) || 'postgres';
    return {
        url: u.toString(),
        ...(password ? { password } : {}),
        ...(sslPassword ? { sslPassword } : {}),
        database,
    };
}
/** Text with every URL's password replaced by `***` (for error messages about the input, whatever the scheme). */
function redactUrlPasswords(text) {
    return text
        .replace(/(\b[A-Za-z][A-Za-z0-9+.-]*:\/\/[^:/@\s]*:)[^\s]*@/g, '$1***@')
        .replace(/([?&](?:ssl)?password=)[^&\s]*/gi, '$1***');
}
/** Every password in URLs of the text (any scheme, `user:password@`, `password=` or `sslpassword=`), to mask them. */
function urlPasswords(text) {
    const found = [
        ...[...text.matchAll(/\b[A-Za-z][A-Za-z0-9+.-]*:\/\/[^:/@\s]*:([^\s]*)@/g)].map((m) => m[1]),
        ...[...text.matchAll(/[?&](?:ssl)?password=([^&\s]*)/gi)].map((m) => m[1]),
    ].filter(Boolean);
    return [...new Set(found.flatMap((p) => [p, safeDecode(p)]))];
}
function safeDecode(s) {
    try {
        return decodeURIComponent(s);
    }
    catch {
        return s;
    }
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
/* harmony import */ var _io_inputs_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(6332);
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


/***/ })

};
