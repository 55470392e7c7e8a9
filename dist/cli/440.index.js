export const id = 440;
export const ids = [440];
export const modules = {

/***/ 3440:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {


// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  withConnection: () => (/* binding */ withConnection)
});

// UNUSED EXPORTS: SshConnection

// EXTERNAL MODULE: external "node:crypto"
var external_node_crypto_ = __webpack_require__(7598);
// EXTERNAL MODULE: external "node:stream"
var external_node_stream_ = __webpack_require__(7075);
// EXTERNAL MODULE: ./src/io/errors.ts
var errors = __webpack_require__(7333);
// EXTERNAL MODULE: external "node:string_decoder"
var external_node_string_decoder_ = __webpack_require__(6193);
;// CONCATENATED MODULE: ./src/ssh/command-output.ts

const STDERR_TAIL = 64 * 1024;
/**
 * What exec keeps of a command's output: the first `maxStdout` bytes of stdout and the last 64 KiB of stderr
 * (a chatty or endless command cannot fill the runner's memory through us), each line shown as it arrives
 * through `shown` (ActionIO.remoteOutput: server text, never a workflow command), which finish() ends.
 */
class CommandOutput {
    maxStdout;
    shown;
    out = [];
    outBytes = 0;
    err = Buffer.alloc(0);
    outLines;
    errLines;
    constructor(maxStdout, shown) {
        this.maxStdout = maxStdout;
        this.shown = shown;
        if (shown) {
            this.outLines = new LineSplitter((l) => shown.line(l));
            this.errLines = new LineSplitter((l) => shown.line(l));
        }
    }
    stdout(d) {
        if (this.outBytes < this.maxStdout) {
            const kept = d.subarray(0, this.maxStdout - this.outBytes);
            this.out.push(kept);
            this.outBytes += kept.length;
        }
        this.outLines?.push(d);
    }
    stderr(d) {
        this.err = Buffer.concat([this.err, d]);
        if (this.err.length > STDERR_TAIL)
            this.err = this.err.subarray(this.err.length - STDERR_TAIL);
        this.errLines?.push(d);
    }
    /** Logs what is left of an unfinished line, and returns what was kept. */
    finish() {
        this.outLines?.flush();
        this.errLines?.flush();
        this.shown?.end();
        return { stdout: Buffer.concat(this.out).toString('utf8'), stderr: this.err.toString('utf8') };
    }
}
/** Cuts a byte stream into lines (without \n or \r\n); a character split across chunks stays whole. */
class LineSplitter {
    emit;
    decoder = new external_node_string_decoder_.StringDecoder('utf8');
    pending = '';
    constructor(emit) {
        this.emit = emit;
    }
    push(d) {
        this.pending += this.decoder.write(d);
        const lines = this.pending.split('\n');
        this.pending = lines.pop();
        for (const l of lines)
            this.emit(l.replace(/\r$/, ''));
    }
    flush() {
        this.pending += this.decoder.end();
        if (this.pending)
            this.emit(this.pending);
        this.pending = '';
    }
}

;// CONCATENATED MODULE: ./src/ssh/connection-loss.ts

/**
 * What ssh2 says when the transport itself went, as opposed to a refused channel: a socket error code, or the
 * messages ssh2 rejects a request with once it knows the connection is gone. The 'close' event that marks the
 * connection lost can arrive just after the request that found the dead socket has already been rejected.
 */
const SOCKET_CODES = new Set([
    'ECONNRESET',
    'EPIPE',
    'ECONNABORTED',
    'ETIMEDOUT',
    'EHOSTUNREACH',
    'ENETUNREACH',
]);
const GONE_MESSAGES = [
    /\bNot connected\b/i,
    /\bNo response from server\b/i,
    /\bsocket (?:hang up|closed)\b/i,
];
function isConnectionLoss(e) {
    const code = e?.code;
    if (typeof code === 'string' && SOCKET_CODES.has(code))
        return true;
    const message = e instanceof Error ? e.message : String(e);
    return GONE_MESSAGES.some((m) => m.test(message)) || [...SOCKET_CODES].some((c) => message.includes(c));
}
/** The error a command that could not run gets: "was lost" when the transport went, else what ssh2 said. */
function execFailure(host, label, e, closed) {
    if (e instanceof errors/* RemoteError */.Hi)
        return e;
    if (closed || isConnectionLoss(e)) {
        return new errors/* RemoteError */.Hi(`SSH connection to ${host} was lost while a command ran (${(0,errors/* errText */.V7)(e)})`);
    }
    return new errors/* RemoteError */.Hi(`could not run a command on ${label}: ${(0,errors/* errText */.V7)(e)}`);
}

// EXTERNAL MODULE: external "node:net"
var external_node_net_ = __webpack_require__(7030);
// EXTERNAL MODULE: ./node_modules/node-ssh/lib/esm/index.mjs + 2 modules
var esm = __webpack_require__(9487);
;// CONCATENATED MODULE: ./src/ssh/auth.ts
/**
 * One login's authentication: offers `none` (to learn what the server accepts), then the key, then the
 * password, skipping what the server does not offer, and remembers what was tried so a refusal can say
 * what to check.
 */
class AuthAttempts {
    credentials;
    pending = ['none'];
    offered = null;
    tried = [];
    constructor(credentials) {
        this.credentials = credentials;
        if (credentials.agent)
            this.pending.push('agent');
        if (credentials.privateKey)
            this.pending.push('publickey');
        if (credentials.password)
            this.pending.push('password');
    }
    /** ssh2's authHandler: called first with no list, then after each refusal with the methods left. */
    next = (methodsLeft, _partial, next) => {
        if (methodsLeft)
            this.offered = methodsLeft;
        const { username, privateKey, passphrase, password, agent } = this.credentials;
        let m;
        while ((m = this.pending.shift())) {
            // The agent's keys go to the server as publickey, the only name it offers them under.
            if (this.offered && !this.offered.includes(m === 'agent' ? 'publickey' : m))
                continue;
            if (m !== 'none')
                this.tried.push(m);
            if (m === 'none')
                return next({ type: 'none', username });
            if (m === 'agent')
                return next({ type: 'agent', username, agent: agent });
            if (m === 'publickey')
                return next({ type: 'publickey', username, key: privateKey, passphrase: passphrase ?? '' });
            if (m === 'password')
                return next({ type: 'password', username, password: password });
        }
        // false ends authentication; @types/ssh2 does not list it.
        return next(false);
    };
    /** The message for a refused login at user@host:port. */
    refusal(host, port) {
        const { username } = this.credentials;
        return (`authentication failed for ${username}@${host}:${port}: tried ${this.tried.join(', ') || 'nothing'}; ` +
            `the server offers ${this.offered?.join(', ') || 'no method'}` +
            authHint(this.offered, this.tried, username));
    }
}
/** What to check after a refused login, by what was tried and what the server offers. */
function authHint(offered, tried, user) {
    if (offered && !offered.some((o) => tried.includes(o))) {
        // The agent's keys are public keys to the server.
        if (!(tried.includes('agent') && offered.includes('publickey')))
            return ` (none of the given credentials is a method it offers: ${offered.includes('publickey') ? 'give "key"' : 'give "password"'})`;
    }
    const hints = [];
    if (tried.includes('publickey'))
        hints.push(`that the public key is in ~${user}/.ssh/authorized_keys on the server`);
    if (tried.includes('agent'))
        hints.push(`that one of the ssh-agent's keys (ssh-add -l) is in ~${user}/.ssh/authorized_keys on the server`);
    if (tried.includes('password'))
        hints.push('the password');
    return hints.length ? ` (check ${hints.join(', and ')})` : '';
}

// EXTERNAL MODULE: ./src/ssh/host-key.ts
var host_key = __webpack_require__(5748);
// EXTERNAL MODULE: ./node_modules/ssh2/lib/index.js
var lib = __webpack_require__(5472);
var lib_default = /*#__PURE__*/__webpack_require__.n(lib);
;// CONCATENATED MODULE: ./src/ssh/private-key.ts


/**
 * Checks a private key (and its passphrase) before connecting, so a bad secret is named as the input to fix
 * instead of surfacing as a failed login after every retry. The error never includes the key.
 */
function checkPrivateKey(key, passphrase, inputName = 'key', passphraseInput = inputName === 'jump-key' ? 'jump-passphrase' : 'passphrase') {
    // node-ssh has no key parser of its own: ssh2's is the one it will use when connecting.
    const parsed = lib_default().utils.parseKey(key, passphrase);
    if (!(parsed instanceof Error))
        return;
    const m = parsed.message;
    if (/no passphrase given/i.test(m)) {
        throw new errors/* ConfigurationError */.j1(`input "${inputName}" is an encrypted private key: set "${passphraseInput}" too`);
    }
    if (/decrypt|bad decrypt|passphrase/i.test(m) && passphrase) {
        // A jump-key without jump-passphrase is tried with the target's passphrase: say which one to set.
        const hint = inputName === 'jump-key' && passphraseInput === 'passphrase' ? ': set "jump-passphrase"' : '';
        throw new errors/* ConfigurationError */.j1(`input "${passphraseInput}" does not decrypt the private key in "${inputName}"${hint}`);
    }
    throw new errors/* ConfigurationError */.j1(`input "${inputName}" is not a private key ssh can use (${m}): paste the whole key, from ` +
        '-----BEGIN ... PRIVATE KEY----- to the END line (OpenSSH or PEM format)');
}

;// CONCATENATED MODULE: ./src/ssh/write-batching.ts
/**
 * Makes the socket send the writes of one tick together. ssh2 hands the socket each packet in three or four
 * pieces (length, ciphertext, tag) and makes a write call for each: a 200 MB upload was some 25 000 send calls,
 * and ssh2 sent it at 0.8× the OpenSSH client's speed. Corked until the tick ends, node sends them with one
 * writev (the measured gain: 132 -> 190 MB/s on loopback). Nothing waits longer than the current tick. Neither ssh2
 * nor node-ssh has an option for this, hence the wrapper.
 */
function batchWrites(sock) {
    const write = sock.write.bind(sock);
    let corked = false;
    const uncork = () => {
        corked = false;
        sock.uncork();
    };
    sock.write = ((chunk, ...rest) => {
        if (!corked) {
            corked = true;
            sock.cork();
            process.nextTick(uncork);
        }
        return write(chunk, ...rest);
    });
}

;// CONCATENATED MODULE: ./src/ssh/connect.ts







/**
 * Connects to the target (through its jump host, if any) with retries and backoff. Host key and
 * authentication failures are the user's to fix and are not retried.
 */
async function connectToTarget(target, log) {
    if (target.privateKey)
        checkPrivateKey(target.privateKey, target.passphrase);
    const j = target.jump;
    // The bastion's own key too: a wrong jump-passphrase is named as such, not retried as a refused login.
    if (j?.privateKey && j.keyInput === 'jump-key')
        checkPrivateKey(j.privateKey, j.passphrase, j.keyInput, j.passphraseInput);
    const trust = (0,host_key/* hostTrustFrom */.jU)({
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
            if (j) {
                jump = await connectOnce(j, jumpTrust(trust), target.connectTimeoutSeconds);
                sock = await forwardThrough(jump.ssh, target.host, target.port, target.connectTimeoutSeconds * 1000);
            }
            const session = await connectOnce({ ...target, sock }, trust, target.connectTimeoutSeconds);
            log.debug(`ssh: connected to ${target.host}:${target.port} on attempt ${attempt}`);
            return jump ? { session, jump } : { session };
        }
        catch (e) {
            jump?.client.destroy();
            if (e instanceof errors/* ConfigurationError */.j1)
                throw e;
            lastError = e;
            if (attempt < target.connectRetries) {
                const wait = Math.min(1000 * 2 ** (attempt - 1), 10_000);
                log.info(`ssh: attempt ${attempt} to ${target.host}:${target.port} failed (${(0,errors/* errText */.V7)(e)}); retrying in ${wait / 1000}s`);
                await sleep(wait);
            }
        }
    }
    throw new errors/* RemoteError */.Hi(`could not connect to ${target.host}:${target.port} after ${target.connectRetries} attempt(s) ` +
        `(connect-timeout ${target.connectTimeoutSeconds}s each): ${(0,errors/* errText */.V7)(lastError)}`, 'connect');
}
/**
 * A direct-tcpip stream to host:port as the session's server sees it. The server answers the channel request
 * only once its own TCP connect ends, which behind a dropping firewall is minutes: so it has a deadline, and a
 * channel granted after it is closed at once.
 */
async function forwardThrough(ssh, host, port, timeoutMs) {
    const opening = ssh.forwardOut('127.0.0.1', 0, host, port);
    try {
        return await within(opening, timeoutMs, `no answer after ${timeoutMs / 1000}s`);
    }
    catch (e) {
        opening.then((late) => late.destroy()).catch(() => undefined);
        throw new errors/* RemoteError */.Hi(`the server could not open a tunnel to ${host}:${port}: ${(0,errors/* errText */.V7)(e)}`);
    }
}
/** The promise's outcome, or a rejection with `why` once `ms` have passed without one. */
function within(promise, ms, why) {
    let timer;
    const deadline = new Promise((_, reject) => {
        timer = setTimeout(() => reject(new Error(why)), ms);
    });
    return Promise.race([promise, deadline]).finally(() => clearTimeout(timer));
}
/** One attempt: TCP (or the given stream), host key check, login. */
async function connectOnce(login, trust, timeoutSeconds) {
    const { host, port } = login;
    const auth = new AuthAttempts(login);
    let hostKeyProblem;
    // ssh2 leaves Nagle on: a small packet sent while another is unacknowledged (exec request, then EOF) waits
    // for the server's delayed ACK, ~40 ms a step: ~90 ms per command and ~450 ms per SFTP upload instead of a
    // few ms on a near server. node-ssh creates the ssh2 Client inside connect(), so the socket is made here,
    // with Nagle off from the TCP connect on (the handshake gains too); ssh2's readyTimeout still covers it.
    const sock = login.sock ?? (0,external_node_net_.connect)({ host, port, noDelay: true });
    batchWrites(sock);
    const serverHostKey = (0,host_key/* hostKeyAlgorithmsFor */.Ty)(trust, host, port);
    const config = {
        host,
        port,
        username: login.username,
        sock,
        readyTimeout: timeoutSeconds * 1000,
        keepaliveInterval: 5000,
        keepaliveCountMax: 3,
        ...(serverHostKey ? { algorithms: { serverHostKey } } : {}),
        ...(login.privateKey ? { privateKey: login.privateKey } : {}),
        ...(login.passphrase ? { passphrase: login.passphrase } : {}),
        ...(login.password ? { password: login.password } : {}),
        hostVerifier: (key) => {
            const d = (0,host_key/* checkHostKey */.Ex)(trust, host, port, key);
            if (!d.ok)
                hostKeyProblem = d.message;
            return d.ok;
        },
        authHandler: auth.next,
    };
    const ssh = new esm/* NodeSSH */.H();
    // ssh2's readyTimeout is cleared on any socket 'end'/'close', and node-ssh settles only on 'ready', 'error'
    // or 'close': a stream that ends without closing (a half-open tunnel) would leave connect() pending for
    // ever, and node exits 13 on such a promise. So the attempt has a deadline of its own, just after ssh2's.
    const deadlineMs = timeoutSeconds * 1000 + 1000;
    try {
        await within(ssh.connect(config), deadlineMs, `no SSH handshake within ${timeoutSeconds}s`);
    }
    catch (e) {
        sock.destroy();
        ssh.connection?.destroy();
        if (hostKeyProblem)
            throw new errors/* ConfigurationError */.j1(hostKeyProblem);
        if (e.level === 'client-authentication')
            throw new errors/* ConfigurationError */.j1(auth.refusal(host, port));
        throw e;
    }
    // node-ssh forgets its Client once it ends: keep it, to reach ssh2 and to destroy it on dispose.
    const client = ssh.connection;
    if (!client)
        throw new errors/* RemoteError */.Hi(`the SSH connection to ${host}:${port} closed as soon as it opened`);
    return { ssh, client };
}
function jumpTrust(trust) {
    // known-hosts may hold the bastion's line too; a fingerprint names the target only.
    return trust.kind === 'fingerprint' ? { kind: 'none' } : trust;
}
function sleep(ms) {
    return new Promise((r) => setTimeout(r, ms));
}

// EXTERNAL MODULE: ./src/ssh/quote.ts
var quote = __webpack_require__(9038);
;// CONCATENATED MODULE: ./src/ssh/connection.ts







/**
 * One SSH connection to one host for the whole run: exec with exit codes, SFTP uploads, loopback tunnels.
 * Built on node-ssh (connect, execCommand, SFTP, forwardOut); raw exec channels use its ssh2 Client (see
 * channel()). Always dispose() it (in a finally): an open connection keeps node alive.
 */
class SshConnection {
    jump;
    target;
    log;
    sftpSession;
    closed = false;
    closeWaiters = new Set();
    ssh;
    client;
    constructor(session, jump, target, log) {
        this.jump = jump;
        this.target = target;
        this.log = log;
        this.ssh = session.ssh;
        this.client = session.client;
        this.client.on('close', () => this.markLost());
        // After login node-ssh listens for no errors: an unheard 'error' would crash the process.
        this.client.on('error', (e) => {
            log.debug(`ssh: ${e.message}`);
            // A socket error (ECONNRESET, EPIPE, ...) is the transport gone. ssh2's 'close' can come a moment after a
            // command has already failed on it: the connection counts as lost from now, so nothing tries it again
            // (a rollback attempted on a dead connection hid which phase the cut landed in).
            if (isConnectionLoss(e))
                this.markLost();
        });
    }
    markLost() {
        if (this.closed)
            return;
        this.closed = true;
        const e = new errors/* RemoteError */.Hi(`SSH connection to ${this.target.host}:${this.target.port} was lost`);
        for (const w of this.closeWaiters)
            w(e);
    }
    get label() {
        return `${this.target.username}@${this.target.host}:${this.target.port}`;
    }
    get host() {
        return this.target.host;
    }
    /** Connects with retries and backoff; host key and authentication failures are not retried. */
    static async open(target, log) {
        const { session, jump } = await connectToTarget(target, log);
        return new SshConnection(session, jump, target, log);
    }
    /** Runs a command; resolves with its exit code whatever stderr says. Rejects only if the connection fails. */
    async exec(command, opts = {}) {
        const output = new CommandOutput(opts.maxStdout ?? 16 * 1024 * 1024, opts.log === false ? undefined : remoteOutputOf(this.log));
        const { stdin } = opts;
        // execCommand never throws on a non-zero exit (the decision is ours, by code) and resolves code and signal
        // null when the channel closed without an exit status: the connection went. It also keeps the whole output
        // until the end; what we keep and return is bounded by CommandOutput, large transfers use channel().
        const r = await this.whileOpen(() => this.ssh.execCommand(command, {
            noTrim: true,
            onStdout: (d) => output.stdout(d),
            onStderr: (d) => output.stderr(d),
            ...(stdin === undefined ? {} : { stdin: Buffer.isBuffer(stdin) ? external_node_stream_.Readable.from([stdin]) : stdin }),
        }), 'while a command ran').catch((e) => {
            output.finish();
            throw execFailure(this.target.host, this.label, e, this.closed);
        });
        const { stdout, stderr } = output.finish();
        if (r.code === null && r.signal === null) {
            throw new errors/* RemoteError */.Hi(`SSH connection to ${this.target.host} was lost while a command ran`);
        }
        return { code: r.code ?? 128, ...(r.signal ? { signal: r.signal } : {}), stdout, stderr };
    }
    /** Runs a command and throws a RemoteError naming `what` with the tail of its output on a non-zero exit. */
    async run(command, what, opts = {}) {
        const r = await this.exec(command, opts);
        if (r.code !== 0) {
            throw (0,errors/* commandFailed */.n6)(what, r);
        }
        return r;
    }
    /**
     * Opens a raw exec channel (for long-lived processes like the deploy lock, or streamed transfers). Its exit
     * status and close are recorded from the start (`exitStatus`): a short command's output, exit status and close can arrive
     * in the same TCP read as the exec reply, before the caller could attach a listener.
     * node-ssh has no API for this: execCommand buffers the whole output and settles only at the end, so this
     * uses its ssh2 Client directly.
     */
    channel(command) {
        return this.whileOpen(() => new Promise((resolve, reject) => {
            this.client.exec(command, (e, ch) => {
                if (e)
                    return reject(new errors/* RemoteError */.Hi(`the server refused a command channel: ${e.message}`));
                let status = { code: null };
                ch.once('exit', (code, signal) => {
                    status = { code, ...(signal ? { signal } : {}) };
                });
                const exitStatus = new Promise((done) => ch.once('close', () => done(status)));
                resolve(Object.assign(ch, { exitStatus }));
            });
        }), 'while a command started');
    }
    /** Writes content to remotePath atomically (temp name, chmod, rename), over SFTP. */
    progress(label, total) {
        return this.log.progress?.(label, total) ?? { add: () => undefined, done: () => undefined };
    }
    async upload(content, remotePath, mode = 0o644) {
        const tmp = `${remotePath}.tmp-${(0,external_node_crypto_.randomBytes)(6).toString('hex')}`;
        try {
            await this.whileOpen(async () => {
                const sftp = await this.sftp();
                await new Promise((resolve, reject) => {
                    const ws = sftp.createWriteStream(tmp, { mode });
                    ws.on('error', reject);
                    ws.on('close', () => resolve());
                    if (typeof content === 'string' || Buffer.isBuffer(content))
                        ws.end(content);
                    else
                        content.on('error', reject).pipe(ws);
                });
                // The server's umask applies to the open(2) mode: chmod makes it exact.
                await new Promise((resolve, reject) => sftp.chmod(tmp, mode, (e) => (e ? reject(e) : resolve())));
                await new Promise((resolve, reject) => sftp.ext_openssh_rename(tmp, remotePath, (e) => (e ? reject(e) : resolve())));
            }, 'during an upload');
        }
        catch (e) {
            if (this.isOpen)
                await this.exec((0,quote.sh) `rm -f ${tmp}`, { log: false }).catch(() => undefined);
            throw new errors/* RemoteError */.Hi(`upload to ${remotePath} failed: ${(0,errors/* errText */.V7)(e)}`);
        }
    }
    /** A TCP stream to host:port as seen from the server (direct-tcpip), e.g. the app on its loopback. */
    async tunnel(host, port) {
        const stream = await this.whileOpen(() => forwardThrough(this.ssh, host, port, this.target.connectTimeoutSeconds * 1000), 'while a tunnel opened');
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
    /**
     * A stream to a Unix socket on the server (direct-streamlocal@openssh.com; node-ssh has no API for it, so its
     * ssh2 Client is used), with the same deadline and loss handling as tunnel().
     */
    async unixSocket(socketPath) {
        const timeoutMs = this.target.connectTimeoutSeconds * 1000;
        const stream = await this.whileOpen(() => new Promise((resolve, reject) => {
            let late = false;
            const timer = setTimeout(() => {
                late = true;
                reject(new Error(`no answer after ${timeoutMs / 1000}s`));
            }, timeoutMs);
            this.client.openssh_forwardOutStreamLocal(socketPath, (e, ch) => {
                clearTimeout(timer);
                if (late) {
                    ch?.destroy();
                    return;
                }
                if (e)
                    reject(e);
                else
                    resolve(ch);
            });
        }), 'while a socket stream opened').catch((e) => {
            throw new errors/* RemoteError */.Hi(`the server could not open a stream to the Unix socket ${socketPath}: ${(0,errors/* errText */.V7)(e)}`);
        });
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
        this.ssh.dispose();
        this.jump?.ssh.dispose();
        // dispose() ends politely and waits for the server's reply; a hung server must not keep node alive.
        const t = setTimeout(() => {
            this.client.destroy();
            this.jump?.client.destroy();
        }, 2000);
        t.unref();
    }
    sftp() {
        this.sftpSession ??= this.ssh.requestSFTP().catch((e) => {
            this.sftpSession = undefined;
            throw e;
        });
        return this.sftpSession;
    }
    /** Runs work, rejecting as soon as the connection is lost (ssh2 may settle a pending request only later). */
    whileOpen(work, during) {
        if (this.closed) {
            return Promise.reject(new errors/* RemoteError */.Hi(`SSH connection to ${this.target.host} was lost ${during}`));
        }
        return new Promise((resolve, reject) => {
            this.closeWaiters.add(reject);
            Promise.resolve()
                .then(work)
                .then(resolve, reject)
                .finally(() => this.closeWaiters.delete(reject));
        });
    }
}
function remoteOutputOf(log) {
    return log.remoteOutput?.() ?? { line: (l) => log.info(l), end: () => undefined };
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


/***/ })

};
