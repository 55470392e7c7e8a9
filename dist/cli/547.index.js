export const id = 547;
export const ids = [547,928];
export const modules = {

/***/ 4928:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   withConnection: () => (/* binding */ withConnection)
/* harmony export */ });
/* unused harmony exports checkPrivateKey, SshConnection, authHint, sleep */
/* harmony import */ var ssh2__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(5472);
/* harmony import */ var ssh2__WEBPACK_IMPORTED_MODULE_0___default = /*#__PURE__*/__webpack_require__.n(ssh2__WEBPACK_IMPORTED_MODULE_0__);
/* harmony import */ var node_crypto__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(7598);
/* harmony import */ var node_crypto__WEBPACK_IMPORTED_MODULE_1___default = /*#__PURE__*/__webpack_require__.n(node_crypto__WEBPACK_IMPORTED_MODULE_1__);
/* harmony import */ var _io_errors_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(7333);
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
        throw new _io_errors_js__WEBPACK_IMPORTED_MODULE_2__/* .ConfigurationError */ .j1(`input "${inputName}" is an encrypted private key: set "passphrase" too`);
    }
    if (/decrypt|bad decrypt|passphrase/i.test(m) && passphrase) {
        throw new _io_errors_js__WEBPACK_IMPORTED_MODULE_2__/* .ConfigurationError */ .j1(`input "passphrase" does not decrypt the private key in "${inputName}"`);
    }
    throw new _io_errors_js__WEBPACK_IMPORTED_MODULE_2__/* .ConfigurationError */ .j1(`input "${inputName}" is not a private key ssh can use (${m}): paste the whole key, from ` +
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
            const e = new _io_errors_js__WEBPACK_IMPORTED_MODULE_2__/* .RemoteError */ .Hi(`SSH connection to ${target.host}:${target.port} was lost`);
            for (const w of this.closeWaiters)
                w(e);
        });
        client.on('error', (e) => log.debug(`ssh: ${e.message}`));
    }
    get label() {
        return `${this.target.username}@${this.target.host}:${this.target.port}`;
    }
    get host() {
        return this.target.host;
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
                if (e instanceof _io_errors_js__WEBPACK_IMPORTED_MODULE_2__/* .ConfigurationError */ .j1)
                    throw e;
                lastError = e;
                if (attempt < target.connectRetries) {
                    const wait = Math.min(1000 * 2 ** (attempt - 1), 10_000);
                    log.info(`ssh: attempt ${attempt} to ${target.host}:${target.port} failed (${(0,_io_errors_js__WEBPACK_IMPORTED_MODULE_2__/* .errText */ .V7)(e)}); retrying in ${wait / 1000}s`);
                    await sleep(wait);
                }
            }
        }
        throw new _io_errors_js__WEBPACK_IMPORTED_MODULE_2__/* .RemoteError */ .Hi(`could not connect to ${target.host}:${target.port} after ${target.connectRetries} attempt(s) ` +
            `(connect-timeout ${target.connectTimeoutSeconds}s each): ${(0,_io_errors_js__WEBPACK_IMPORTED_MODULE_2__/* .errText */ .V7)(lastError)}`, 'connect');
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
                    reject(new _io_errors_js__WEBPACK_IMPORTED_MODULE_2__/* .RemoteError */ .Hi(`SSH connection to ${this.target.host} was lost while a command ran`));
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
            throw new _io_errors_js__WEBPACK_IMPORTED_MODULE_2__/* .RemoteError */ .Hi(`${what} failed (exit ${r.signal ?? r.code})${(0,_io_errors_js__WEBPACK_IMPORTED_MODULE_2__/* .tailOf */ .Cj)(r.stderr || r.stdout)}`);
        }
        return r;
    }
    /**
     * Opens a raw exec channel (for long-lived processes like the deploy lock, or streamed transfers). Its exit
     * status and close are recorded from the start (`exitStatus`): a short command's output, exit status and close can arrive
     * in the same TCP read as the exec reply, before the caller could attach a listener.
     */
    channel(command) {
        this.assertOpen();
        return new Promise((resolve, reject) => {
            this.client.exec(command, (e, ch) => {
                if (e)
                    return reject(e);
                let status = { code: null };
                ch.once('exit', (code, signal) => {
                    status = { code, ...(signal ? { signal } : {}) };
                });
                const exitStatus = new Promise((done) => ch.once('close', () => done(status)));
                resolve(Object.assign(ch, { exitStatus }));
            });
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
            await this.exec((0,_quote_js__WEBPACK_IMPORTED_MODULE_4__.sh) `rm -f ${tmp}`, { log: false }).catch(() => undefined);
            throw new _io_errors_js__WEBPACK_IMPORTED_MODULE_2__/* .RemoteError */ .Hi(`upload to ${remotePath} failed: ${(0,_io_errors_js__WEBPACK_IMPORTED_MODULE_2__/* .errText */ .V7)(e)}`);
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
            throw new _io_errors_js__WEBPACK_IMPORTED_MODULE_2__/* .RemoteError */ .Hi(`SSH connection to ${this.target.host} was lost`);
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
        // ssh2 leaves Nagle on: a small packet sent while another is unacknowledged (exec request, then EOF) waits
        // for the server's delayed ACK, ~40 ms a step: ~90 ms per command and ~450 ms per SFTP upload instead of a
        // few ms on a near server. Set from the TCP connect on, so the handshake gains too.
        client.once('connect', () => client.setNoDelay(true));
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
                return reject(new _io_errors_js__WEBPACK_IMPORTED_MODULE_2__/* .ConfigurationError */ .j1(hostKeyProblem));
            if (e.level === 'client-authentication') {
                return reject(new _io_errors_js__WEBPACK_IMPORTED_MODULE_2__/* .ConfigurationError */ .j1(`authentication failed for ${p.username}@${p.host}:${p.port}: tried ${tried.join(', ') || 'nothing'}; ` +
                    `the server offers ${offered?.join(', ') || 'no method'}` +
                    authHint(offered, tried, p.username)));
            }
            reject(e);
        });
        client.connect(config);
    });
}
/** What to check after a refused login, by what was tried and what the server offers. */
function authHint(offered, tried, user) {
    if (offered && !offered.some((o) => tried.includes(o))) {
        return ` (none of the given credentials is a method it offers: ${offered.includes('publickey') ? 'give "key"' : 'give "password"'})`;
    }
    const hints = [];
    if (tried.includes('publickey'))
        hints.push(`that the public key is in ~${user}/.ssh/authorized_keys on the server`);
    if (tried.includes('password'))
        hints.push('the password');
    return hints.length ? ` (check ${hints.join(', and ')})` : '';
}
function jumpTrust(trust) {
    // known-hosts may hold the bastion's line too; a fingerprint names the target only.
    return trust.kind === 'fingerprint' ? { kind: 'none' } : trust;
}
function forward(client, host, port) {
    return new Promise((resolve, reject) => client.forwardOut('127.0.0.1', 0, host, port, (e, ch) => e
        ? reject(new _io_errors_js__WEBPACK_IMPORTED_MODULE_2__/* .RemoteError */ .Hi(`the server could not open a tunnel to ${host}:${port}: ${e.message}`))
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
/* harmony export */   lS: () => (/* binding */ raw),
/* harmony export */   sh: () => (/* binding */ sh)
/* harmony export */ });
/* unused harmony exports quoteForShell, ShellFragment */
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
