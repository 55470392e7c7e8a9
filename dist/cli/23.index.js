export const id = 23;
export const ids = [23];
export const modules = {

/***/ 4399:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   Oq: () => (/* binding */ healthPlan),
/* harmony export */   PU: () => (/* binding */ tagVariable),
/* harmony export */   UX: () => (/* binding */ switchSettings),
/* harmony export */   _m: () => (/* binding */ serviceNames),
/* harmony export */   e6: () => (/* binding */ switchInputSpec),
/* harmony export */   f9: () => (/* binding */ healthUrls),
/* harmony export */   rZ: () => (/* binding */ gateInputSpec)
/* harmony export */ });
/* unused harmony exports DEFAULT_HEALTH_URL, slotPorts, serverPath */
/* harmony import */ var _io_inputs_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(6332);
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
