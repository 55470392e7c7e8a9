export const id = 432;
export const ids = [432];
export const modules = {

/***/ 5617:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   KS: () => (/* binding */ phaseField),
/* harmony export */   O4: () => (/* binding */ restoreFacts),
/* harmony export */   UI: () => (/* binding */ Attempt),
/* harmony export */   hU: () => (/* binding */ phaseOf),
/* harmony export */   mv: () => (/* binding */ healthFacts)
/* harmony export */ });
/* harmony import */ var node_crypto__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(7598);
/* harmony import */ var node_crypto__WEBPACK_IMPORTED_MODULE_0___default = /*#__PURE__*/__webpack_require__.n(node_crypto__WEBPACK_IMPORTED_MODULE_0__);
/* harmony import */ var _io_errors_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(7333);
/* harmony import */ var _ledger_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(9835);
/* harmony import */ var _leased_shell_js__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(7591);
/* harmony import */ var _lock_js__WEBPACK_IMPORTED_MODULE_4__ = __webpack_require__(5149);
/* harmony import */ var _state_js__WEBPACK_IMPORTED_MODULE_5__ = __webpack_require__(7573);







function healthFacts(g) {
    return {
        passed: g.passed,
        verdict: g.last.verdict,
        ...(g.last.code !== undefined ? { code: g.last.code } : {}),
        latencyMs: g.last.latencyMs,
    };
}
/** The ledger's `restore` field for a release brought back: its gate, or unreachable when it never got one. */
function restoreFacts(tag, gate) {
    return { tag, ...(gate ? healthFacts(gate) : { passed: false, verdict: 'unreachable' }) };
}
/**
 * One attempt on one host, under the deploy lock: times each phase in its own log group and tags its errors
 * with the phase, and writes the attempt's ledger lines.
 */
class Attempt {
    ctx;
    ledger;
    phases = {};
    facts;
    constructor(ctx, ledger) {
        this.ctx = ctx;
        this.ledger = ledger;
    }
    /**
     * Takes the lock, runs body with every remote command under it (a LeasedShell: the strategies are made
     * again over it), and always releases the lock.
     */
    static async underLock(ctx, holder, body) {
        const locking = new Attempt(ctx, new _ledger_js__WEBPACK_IMPORTED_MODULE_2__/* .ReleaseLedger */ .Ly(ctx.conn, ctx.appDir, ctx.log));
        let lock;
        const take = () => locking.phase('lock', `Deploy lock of ${ctx.appDir}`, async () => {
            lock = await (0,_lock_js__WEBPACK_IMPORTED_MODULE_4__/* .acquireDeployLock */ .zE)(ctx.conn, ctx.appDir, { ...ctx.run, ...holder, since: new Date().toISOString() }, ctx.lockTimeoutSeconds, ctx.log);
            return lock;
        });
        return (0,_leased_shell_js__WEBPACK_IMPORTED_MODULE_3__/* .underAppLock */ .V)(ctx.conn, ctx.appDir, take, (shell) => {
            const locked = {
                ...ctx,
                conn: shell,
                strategyFor: (name) => ctx.strategyFor(name, shell),
            };
            // The ledger's lines and the first state read go over the lock's own channel: no exec each.
            const attempt = new Attempt(locked, new _ledger_js__WEBPACK_IMPORTED_MODULE_2__/* .ReleaseLedger */ .Ly(shell, ctx.appDir, ctx.log, lock));
            attempt.heldState = lock?.stateText;
            Object.assign(attempt.phases, locking.phases);
            return body(attempt);
        }, phaseOf);
    }
    /** state.json as the lock's holder read it on taking the lock (see DeployLock.stateText); used once. */
    heldState;
    readState(fallback) {
        if (!this.ctx.conn.isOpen)
            return Promise.reject(new _io_errors_js__WEBPACK_IMPORTED_MODULE_1__/* .RemoteError */ .Hi('connection lost'));
        const held = this.heldState;
        this.heldState = undefined;
        if (held === null)
            return Promise.resolve((0,_state_js__WEBPACK_IMPORTED_MODULE_5__/* .emptyState */ .p$)(fallback));
        if (held !== undefined) {
            const path = `${(0,_state_js__WEBPACK_IMPORTED_MODULE_5__/* .stateDir */ .Pn)(this.ctx.appDir)}/state.json`;
            return Promise.resolve().then(() => (0,_state_js__WEBPACK_IMPORTED_MODULE_5__/* .parseState */ .Bu)(held, fallback, path));
        }
        return (0,_state_js__WEBPACK_IMPORTED_MODULE_5__/* .readState */ .un)(this.ctx.conn, this.ctx.appDir, fallback);
    }
    /** Runs fn as a named phase: a log group, a duration, and errors tagged with the phase. */
    async phase(name, title, fn) {
        const t0 = performance.now();
        try {
            return await this.ctx.log.group(title, fn);
        }
        catch (e) {
            throw (0,_io_errors_js__WEBPACK_IMPORTED_MODULE_1__/* .inPhase */ .xe)(name, e);
        }
        finally {
            this.phases[name] = (this.phases[name] ?? 0) + performance.now() - t0;
        }
    }
    /** The first ledger line: from here on an unfinished attempt is visible. */
    async begin(facts) {
        this.facts = { id: (0,node_crypto__WEBPACK_IMPORTED_MODULE_0__.randomUUID)(), host: this.ctx.conn.label, ...this.ctx.run, ...facts };
        await this.ledger.append((0,_ledger_js__WEBPACK_IMPORTED_MODULE_2__/* .ledgerRecord */ .TL)(this.facts, { outcome: 'started' }, this.ctx.secrets));
    }
    /** The final ledger line. Failing to write it (the connection is gone) is logged, not thrown over the real error. */
    async finish(end) {
        if (!this.facts)
            return;
        const record = (0,_ledger_js__WEBPACK_IMPORTED_MODULE_2__/* .ledgerRecord */ .TL)(this.facts, { ...end, durations: { ...this.phases } }, this.ctx.secrets);
        try {
            await this.ledger.append(record);
        }
        catch (e) {
            this.ctx.log.warning(`could not write the ledger's final line (${(0,_io_errors_js__WEBPACK_IMPORTED_MODULE_1__/* .errText */ .V7)(e)}): the attempt stays recorded as started`);
        }
    }
}
/** The phase a tagged error happened in. */
function phaseOf(e) {
    return e instanceof _io_errors_js__WEBPACK_IMPORTED_MODULE_1__/* .RemoteError */ .Hi ? e.phase : undefined;
}
/** `{ phase }` for a ledger line when the error names one, else nothing (no `phase: undefined` key). */
function phaseField(e) {
    const phase = phaseOf(e);
    return phase ? { phase } : {};
}


/***/ }),

/***/ 7591:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   V: () => (/* binding */ underAppLock)
/* harmony export */ });
/* unused harmony export LeasedShell */
/* harmony import */ var node_crypto__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(7598);
/* harmony import */ var node_crypto__WEBPACK_IMPORTED_MODULE_0___default = /*#__PURE__*/__webpack_require__.n(node_crypto__WEBPACK_IMPORTED_MODULE_0__);
/* harmony import */ var _io_errors_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(7333);
/* harmony import */ var _ssh_quote_js__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(9038);
/* harmony import */ var _lock_script_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(1493);




/**
 * The shell of a run that holds the app lock: every remote command goes through leasedCommand (its own process
 * group, registered with the lock's holder), so the lock covers every process the run started: when the run
 * dies, is cut off or stalls past its lease, the holder stops them before anyone else gets the lock. Once the
 * lock is lost nothing more is sent, and the server refuses a command that was sent before we knew.
 */
class LeasedShell {
    inner;
    lock;
    appDir;
    constructor(inner, lock, appDir) {
        this.inner = inner;
        this.lock = lock;
        this.appDir = appDir;
    }
    get label() {
        return this.inner.label;
    }
    get host() {
        return this.inner.host;
    }
    /** False once the connection or the lock is lost: the flow then records nothing more and stops. */
    get isOpen() {
        return this.inner.isOpen && !this.lock.lost;
    }
    /** The error a run gets when its lock went away under it, or undefined while it holds it. */
    lostError(phase) {
        const why = this.lock.lost;
        if (!why || !this.inner.isOpen)
            return undefined;
        return new _io_errors_js__WEBPACK_IMPORTED_MODULE_1__/* .RemoteError */ .Hi(`lost the lock of ${this.appDir} (${why}): another run may hold it now, so this one stops here ` +
            'and changes nothing more; the commands it had started on the server were stopped', phase);
    }
    async exec(command, opts = {}) {
        this.check();
        const r = await this.inner.exec((0,_lock_script_js__WEBPACK_IMPORTED_MODULE_2__/* .leasedCommand */ .kt)(this.lock.registry, command), opts);
        this.check();
        if (r.code === 125 && r.stderr.includes(_lock_script_js__WEBPACK_IMPORTED_MODULE_2__/* .MARK */ .M$.leaseGone))
            throw this.gone();
        return r;
    }
    async run(command, what, opts = {}) {
        const r = await this.exec(command, opts);
        if (r.code !== 0) {
            throw (0,_io_errors_js__WEBPACK_IMPORTED_MODULE_1__/* .commandFailed */ .n6)(what, r);
        }
        return r;
    }
    async channel(command) {
        this.check();
        const ch = await this.inner.channel((0,_lock_script_js__WEBPACK_IMPORTED_MODULE_2__/* .leasedCommand */ .kt)(this.lock.registry, command));
        this.check();
        return ch;
    }
    /** To a temp name, then renamed by a leased command: a stale run's upload never lands under its real name. */
    async upload(content, remotePath, mode) {
        this.check();
        // A small file (state.json, a recorded env-file) is written by the lock's holder: no SFTP session, no exec.
        if (typeof content === 'string')
            content = Buffer.from(content);
        if (this.lock.write && Buffer.isBuffer(content) && content.length <= _lock_script_js__WEBPACK_IMPORTED_MODULE_2__/* .MAX_PUT_BYTES */ .r8) {
            const put = (0,_lock_script_js__WEBPACK_IMPORTED_MODULE_2__/* .putLine */ ._S)(remotePath, content, mode ?? 0o644);
            // A server without base64 (or any other refusal) gets the SFTP way below, which names its own error.
            const written = await this.lock.write(put, `writing ${remotePath}`).then(() => true, () => false);
            if (written)
                return;
            this.check();
        }
        const tmp = `${remotePath}.leased-${(0,node_crypto__WEBPACK_IMPORTED_MODULE_0__.randomBytes)(6).toString('hex')}`;
        await this.inner.upload(content, tmp, mode);
        try {
            await this.run((0,_ssh_quote_js__WEBPACK_IMPORTED_MODULE_3__.sh) `mv -f ${tmp} ${remotePath}`, `moving the upload into ${remotePath}`, { log: false });
        }
        catch (e) {
            if (this.inner.isOpen)
                await this.inner.exec((0,_ssh_quote_js__WEBPACK_IMPORTED_MODULE_3__.sh) `rm -f ${tmp}`, { log: false }).catch(() => undefined);
            throw e;
        }
    }
    async tunnel(host, port) {
        this.check();
        return this.checked(await this.inner.tunnel(host, port));
    }
    async unixSocket(socketPath) {
        this.check();
        return this.checked(await this.inner.unixSocket(socketPath));
    }
    checked(stream) {
        if (this.lock.lost) {
            stream.destroy();
            this.check();
        }
        return stream;
    }
    check() {
        const e = this.lostError();
        if (e)
            throw e;
    }
    gone() {
        return (this.lostError() ??
            new _io_errors_js__WEBPACK_IMPORTED_MODULE_1__/* .RemoteError */ .Hi(`the lock of ${this.appDir} was given up on the server: this run stops here`));
    }
}
/**
 * Runs body under the lock that take() acquires, with a LeasedShell, and always releases the lock. An error
 * raised because the lock went away under the run (its commands refused, its probes cut) is reported as that,
 * with the phase phaseOf finds in the original error.
 */
async function underAppLock(conn, appDir, take, body, phaseOf = () => undefined) {
    const lock = await take();
    const shell = new LeasedShell(conn, lock, appDir);
    try {
        return await body(shell);
    }
    catch (e) {
        throw shell.lostError(phaseOf(e)) ?? e;
    }
    finally {
        if (conn.isOpen)
            await lock.release();
    }
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
/* harmony import */ var _ssh_quote_js__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(9038);
/* harmony import */ var _io_secrets_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(3965);
/* harmony import */ var _state_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(7573);
/* harmony import */ var _lock_script_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(1493);




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
/**
 * Replaces every secret with *** (each line of a multi-line one, each KEY=value's value too), and withholds a
 * line that holds a secret too short to mask: the one rule of src/io/secrets.ts, as the log follows it.
 */
function redact(text, secrets) {
    return (0,_io_secrets_js__WEBPACK_IMPORTED_MODULE_2__/* .redactSecrets */ .fp)(text, secrets);
}
/** One record per attempt (its last line wins), oldest first. Malformed lines are skipped, each told to `skipped`. */
function attemptsOf(lines, skipped = () => { }) {
    const byId = new Map();
    for (const line of lines.split('\n')) {
        if (!line.trim())
            continue;
        try {
            const r = JSON.parse(line);
            if (r && typeof r.id === 'string' && typeof r.tag === 'string') {
                byId.set(r.id, { ...byId.get(r.id), ...r });
            }
            else
                skipped(line);
        }
        catch {
            // a torn line (disk full, a killed writer) must not hide the rest
            skipped(line);
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
    log;
    holder;
    constructor(conn, appDir, 
    /** Told about lines that are not records (a torn write), which readers skip. */
    log, 
    /** The lock's holder, which appends a line without an exec of its own (lock-script.ts, ledgerLine). */
    holder) {
        this.conn = conn;
        this.appDir = appDir;
        this.log = log;
        this.holder = holder;
    }
    get file() {
        return `${(0,_state_js__WEBPACK_IMPORTED_MODULE_0__/* .stateDir */ .Pn)(this.appDir)}/releases.jsonl`;
    }
    /**
     * Appends one line; the record travels on stdin, never on the command line. A last line torn by an earlier
     * write (no newline at its end) is ended first, so it cannot swallow this record.
     */
    async append(record) {
        if (this.holder)
            return this.holder.write((0,_lock_script_js__WEBPACK_IMPORTED_MODULE_1__/* .ledgerLine */ .oc)(JSON.stringify(record)), 'writing the ledger');
        const f = this.file;
        const endTorn = (0,_ssh_quote_js__WEBPACK_IMPORTED_MODULE_3__.sh) `if [ -s ${f} ] && [ -n "$(tail -c 1 ${f})" ]; then echo >> ${f}; fi`;
        await this.conn.run((0,_ssh_quote_js__WEBPACK_IMPORTED_MODULE_3__.sh) `mkdir -p ${(0,_state_js__WEBPACK_IMPORTED_MODULE_0__/* .stateDir */ .Pn)(this.appDir)} && ${(0,_ssh_quote_js__WEBPACK_IMPORTED_MODULE_3__/* .raw */ .lS)(endTorn)} && cat >> ${f}`, 'writing the ledger', {
            stdin: JSON.stringify(record) + '\n',
            log: false,
        });
    }
    async read(lastLines = 2000) {
        const r = await this.conn.exec((0,_ssh_quote_js__WEBPACK_IMPORTED_MODULE_3__.sh) `tail -n ${lastLines} ${this.file} 2>/dev/null || true`, { log: false });
        let torn = 0;
        const records = attemptsOf(r.stdout, () => torn++);
        if (torn)
            this.log?.warning(`${this.file}: ${torn} line(s) skipped, not a JSON record (a write cut short by a full disk or a killed run)`);
        return records;
    }
}


/***/ }),

/***/ 1493:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   D9: () => (/* binding */ RENEW_LINE),
/* harmony export */   Fv: () => (/* binding */ registryOf),
/* harmony export */   LH: () => (/* binding */ lockScript),
/* harmony export */   M$: () => (/* binding */ MARK),
/* harmony export */   Pd: () => (/* binding */ RELEASE_LINE),
/* harmony export */   _S: () => (/* binding */ putLine),
/* harmony export */   kt: () => (/* binding */ leasedCommand),
/* harmony export */   oc: () => (/* binding */ ledgerLine),
/* harmony export */   r8: () => (/* binding */ MAX_PUT_BYTES)
/* harmony export */ });
/* unused harmony export STOP_GRACE_SECONDS */
/* harmony import */ var _ssh_quote_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(9038);

/**
 * The shell text of the app lock (docs/server-layout.md, "lock"): the holder shell that takes `flock`, renews
 * its lease from its stdin and stops the process groups its run started when it lets go, and the wrapper that
 * starts each remote command of a locked run in its own process group, registered with that holder. Pure.
 */
const MARK = {
    held: 'VPSD-LOCK-HELD',
    busy: 'VPSD-LOCK-BUSY',
    timeout: 'VPSD-LOCK-TIMEOUT',
    noTools: 'VPSD-LOCK-NO-TOOLS',
    noReadTimeout: 'VPSD-LOCK-NO-READ-TIMEOUT',
    /** The holder gave the lock up on its own (connection closed, lease ran out): the reason follows. */
    lost: 'VPSD-LOCK-LOST',
    /** A command of a run whose lease is gone refused to start (on its stderr). */
    leaseGone: 'VPSD-LEASE-GONE',
    /** Right after `held`: state.json on one line (`-` when there is none, `?` when it cannot be read). */
    state: 'VPSD-LOCK-STATE',
    /** The holder's answer to a write line (`ledger`, `put`): its exit code follows. */
    wrote: 'VPSD-LOCK-WROTE',
};
/**
 * Lines the runner writes to the holder besides renewals, each answered by `wrote <rc>` in order: the ledger
 * line and small files (state.json, a recorded env) travel over the channel the lock already holds open, not a
 * new exec channel and process each (what the runner's round trips cost).
 */
function ledgerLine(record) {
    if (record.includes('\n'))
        throw new Error('a ledger record is one line');
    return `ledger ${record}\n`;
}
/** Writes `content` to `path` atomically (temp name, mode, rename), as the holder; base64 keeps any byte. */
function putLine(path, content, mode) {
    const b64 = (x) => Buffer.from(x).toString('base64');
    return `put ${mode.toString(8)} ${b64(path)} ${b64(content)}\n`;
}
/** Larger files go over SFTP: a shell variable is no place for them. */
const MAX_PUT_BYTES = 64 * 1024;
/** The line the runner writes to renew the lease, and the one that ends it on purpose. */
const RENEW_LINE = 'renew\n';
const RELEASE_LINE = 'release\n';
/** Seconds between TERM and KILL when the holder stops what a run left running. */
const STOP_GRACE_SECONDS = 5;
/** The registry of one holder's commands: `<dir>/processes/<leaseId>/<pgid>`. */
function registryOf(dir, leaseId) {
    return `${dir}/processes/${leaseId}`;
}
/**
 * What identifies a process group across pid reuse, read with shell builtins only (every remote command of a
 * run reads it, and a fork of cat, sed and cut cost each one some 5 ms). `boot_id` sets $boot to this boot's
 * id; `start_time` sets $st to the start time of process $1 (field 22 of /proc/$1/stat; the name in field 2
 * may hold spaces and parentheses, so the fields are counted after its last ") "). Each is empty when unknown.
 */
const PROCESS_IDENTITY = `boot_id() {
  boot=
  { read -r boot < /proc/sys/kernel/random/boot_id; } 2>/dev/null
}
start_time() {
  st=
  { read -r st < "/proc/$1/stat"; } 2>/dev/null
  [ -n "$st" ] || return 0
  set -f
  set -- \${st##*) }
  set +f
  st=\${20:-}
}`;
/**
 * Stops every process group registered in the directory $1, then removes it: TERM, KILL after the grace, and
 * waits until each group is gone. A registration records the boot and the start time of its group leader,
 * so a pid the kernel reused since (after a reboot, or after the group ended unnoticed) is never signalled.
 */
const STOP_GROUPS = `${PROCESS_IDENTITY}
stop_groups() {
  boot_id
  groups=
  for f in "$1"/*; do
    [ -f "$f" ] || continue
    p=\${f##*/}
    case $p in ''|*[!0-9]*) continue ;; esac
    b= st=
    read -r b st < "$f"
    [ -n "$b" ] && [ "$b" != "$boot" ] && continue
    if [ -n "$st" ] && [ -r "/proc/$p/stat" ]; then
      want=$st
      start_time "$p"
      [ "$st" = "$want" ] || continue
    fi
    kill -TERM -- "-$p" 2>/dev/null && groups="$groups $p"
  done
  n=0
  while [ -n "$groups" ]; do
    left=
    for p in $groups; do kill -0 -- "-$p" 2>/dev/null && left="$left $p"; done
    groups=$left
    [ -z "$groups" ] && break
    n=$((n + 1))
    if [ "$n" -eq ${STOP_GRACE_SECONDS * 5} ]; then
      for p in $groups; do kill -KILL -- "-$p" 2>/dev/null; done
    fi
    [ "$n" -gt ${(STOP_GRACE_SECONDS + 25) * 5} ] && break
    sleep 0.2
  done
  rm -rf "$1"
}`;
/**
 * The holder's writes (see ledgerLine, putLine). `ledger` ends a last line torn by an earlier write first, so it
 * cannot swallow this record. `put` decodes into a temp name only the deploy user can read, then renames.
 */
const HOLDER_WRITES = `ledger() {
  if [ -s releases.jsonl ] && [ -n "$(tail -c 1 releases.jsonl)" ]; then echo >> releases.jsonl || return; fi
  printf '%s\\n' "$1" >> releases.jsonl
}
put() {
  p=$(printf '%s' "$2" | base64 -d && echo x) && p=\${p%x} && t="$p.put-$$" || return
  (umask 077 && printf '%s' "$3" | base64 -d > "$t") && chmod "$1" "$t" && mv -f "$t" "$p" || { rm -f "$t"; return 1; }
}`;
/**
 * The holder: takes `flock` on `<dir>/lock` (waiting up to timeoutSeconds), writes the holder line it reads
 * first from stdin into the lock file, then reads renewals with a timeout of leaseSeconds. It lets go on a
 * `release` line, on end of input (the runner died or the connection was cut: OpenSSH signals nothing to a
 * command without a pty, but its stdin closes) or when no renewal came within the lease (the runner is frozen
 * while its TCP connection stays up). Whatever the reason, it first stops the process groups its run registered
 * and only then frees the lock, so the next holder never runs beside them. Leftovers of a holder that died
 * without this cleanup (killed itself, or a reboot) are stopped by the next holder before it starts.
 * `read -t` is not in POSIX sh: bash (or busybox ash) runs it.
 */
function lockScript(dir, leaseId, opts) {
    const reg = registryOf(dir, leaseId);
    const lease = String(opts.leaseSeconds);
    const script = (0,_ssh_quote_js__WEBPACK_IMPORTED_MODULE_0__.sh) `trap '' PIPE HUP
(read -t 1 x </dev/null) 2>/dev/null; [ $? -eq 1 ] || { echo ${MARK.noReadTimeout}; exit 2; }
mkdir -p ${dir} && cd ${dir} || exit 1
command -v flock >/dev/null 2>&1 && command -v setsid >/dev/null 2>&1 || { echo ${MARK.noTools}; exit 2; }
exec 9<>lock
if ! flock -n 9; then
  echo "${MARK.busy} $(head -c 2000 lock | tr '\\n' '\\t')"
  flock -w ${String(opts.timeoutSeconds)} 9 || { echo "${MARK.timeout} $(head -c 2000 lock | tr '\\n' '\\t')"; exit 3; }
fi
IFS= read -r holder || exit 4
${(0,_ssh_quote_js__WEBPACK_IMPORTED_MODULE_0__/* .raw */ .lS)(STOP_GROUPS)}
for d in processes/*/; do [ -d "$d" ] && stop_groups "\${d%/}"; done
mkdir -p ${reg} || exit 5
printf '%s\\n' "$holder" > lock
echo ${MARK.held}
if [ ! -e state.json ]; then echo "${MARK.state} -"
elif st=$(tr '\\n' ' ' < state.json); then printf '%s %s\\n' ${MARK.state} "$st"
else echo "${MARK.state} ?"; fi
${(0,_ssh_quote_js__WEBPACK_IMPORTED_MODULE_0__/* .raw */ .lS)(HOLDER_WRITES)}
why=
while [ -z "$why" ]; do
  IFS= read -r -t ${lease} line
  rc=$?
  if [ $rc -eq 0 ]; then
    case $line in
      release) why=released ;;
      'ledger '*) ledger "\${line#ledger }"; echo "${MARK.wrote} $?" ;;
      'put '*) put \${line#put }; echo "${MARK.wrote} $?" ;;
    esac
  elif [ $rc -gt 128 ]; then
    why="its lease ran out: no renewal reached the server for ${lease}s"
  else
    why="its connection closed"
  fi
done
mv ${reg} ${`${reg}.ending`}
if [ "$why" != released ]; then
  printf '%s\\n%s\\n' "$holder" "stopping the commands it started ($why)" > lock
  echo "${MARK.lost} $why"
fi
stop_groups ${`${reg}.ending`}
: > lock`;
    return `exec "$(command -v bash || command -v ash || echo sh)" -c ${(0,_ssh_quote_js__WEBPACK_IMPORTED_MODULE_0__/* .quoteForShell */ .eC)(script)}`;
}
/**
 * A command of a locked run, started in its own process group (setsid) and registered in the holder's
 * registry for as long as it runs. Registering is also the check that the lease is still held: the holder
 * renames its registry away before it stops what is in it, so a command sent after the lease ended refuses to
 * start (exit 125, MARK.leaseGone on stderr). The command itself runs in the login shell sshd would have used.
 */
function leasedCommand(registry, command) {
    const guard = `${PROCESS_IDENTITY}
boot_id
start_time $$
{ printf '%s %s\\n' "$boot" "$st" > "$1/$$"; } 2>/dev/null || { echo "${MARK.leaseGone}" >&2; exit 125; }
"\${SHELL:-/bin/sh}" -c "$2"
rc=$?
rm -f "$1/$$"
exit $rc`;
    return (0,_ssh_quote_js__WEBPACK_IMPORTED_MODULE_0__.sh) `exec setsid -w sh -c ${guard} vpsd-leased ${registry} ${command}`;
}


/***/ }),

/***/ 5149:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   zE: () => (/* binding */ acquireDeployLock)
/* harmony export */ });
/* unused harmony exports LEASE_SECONDS, leaseSecondsFrom, holderMessage */
/* harmony import */ var node_crypto__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(7598);
/* harmony import */ var node_crypto__WEBPACK_IMPORTED_MODULE_0___default = /*#__PURE__*/__webpack_require__.n(node_crypto__WEBPACK_IMPORTED_MODULE_0__);
/* harmony import */ var _io_errors_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(7333);
/* harmony import */ var _lock_script_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(1493);
/* harmony import */ var _state_js__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(7573);




/** The lease in production: a runner that renews nothing for this long has lost the lock. */
const LEASE_SECONDS = 60;
/**
 * The lease length: LEASE_SECONDS, or VPS_DEPLOY_LOCK_LEASE_SECONDS (a test knob: the fault suites freeze a
 * runner and cannot wait a minute). Values below 2 s are refused: renewals every lease/4 need some slack.
 */
function leaseSecondsFrom(env = process.env) {
    const v = Number(env.VPS_DEPLOY_LOCK_LEASE_SECONDS);
    return Number.isFinite(v) && v >= 2 ? v : LEASE_SECONDS;
}
/** What a waiting run tells the user about the holder (the lock file: the holder's JSON line, then its state). Pure. */
function holderMessage(text, now = new Date()) {
    const [line = '', ...rest] = text.split('\t');
    const doing = rest.join(' ').trim();
    const tail = doing ? `; it is ${doing}` : '';
    let h = {};
    try {
        h = JSON.parse(line);
    }
    catch {
        return text.trim()
            ? `an unknown holder (${text.trim().slice(0, 200)})`
            : 'another deploy (it has not written its name yet)';
    }
    const since = h.since ? new Date(h.since) : undefined;
    const age = since && !Number.isNaN(since.getTime())
        ? ` since ${h.since} (${Math.max(0, Math.round((now.getTime() - since.getTime()) / 1000))}s ago)`
        : '';
    const who = [h.action ?? 'deploy', h.tag ? `of ${h.tag}` : '', h.actor ? `by ${h.actor}` : '']
        .filter(Boolean)
        .join(' ');
    return `${who}${h.runUrl ? ` (${h.runUrl})` : ' (outside GitHub Actions)'}${age}${tail}`;
}
/** Takes the lock of appDir, waiting up to timeoutSeconds for another holder to finish. */
async function acquireDeployLock(conn, appDir, holder, timeoutSeconds, log, leaseSeconds = leaseSecondsFrom()) {
    const started = performance.now();
    const dir = (0,_state_js__WEBPACK_IMPORTED_MODULE_3__/* .stateDir */ .Pn)(appDir);
    const leaseId = `${Date.now().toString(36)}-${(0,node_crypto__WEBPACK_IMPORTED_MODULE_0__.randomBytes)(6).toString('hex')}`;
    const channel = await conn.channel((0,_lock_script_js__WEBPACK_IMPORTED_MODULE_2__/* .lockScript */ .LH)(dir, leaseId, { timeoutSeconds, leaseSeconds }));
    channel.on('error', () => undefined); // a renewal written after the holder exited is dropped, as over SSH
    channel.write(JSON.stringify(holder) + '\n');
    let lostWhy;
    let stateText;
    const pending = [];
    await new Promise((resolve, reject) => {
        let out = '';
        let stderr = '';
        let settled = false;
        const fail = (message) => {
            settled = true;
            reject(new _io_errors_js__WEBPACK_IMPORTED_MODULE_1__/* .RemoteError */ .Hi(message, 'lock'));
        };
        channel.on('data', (d) => {
            out += d.toString('utf8');
            let nl;
            while ((nl = out.indexOf('\n')) >= 0) {
                const line = out.slice(0, nl);
                out = out.slice(nl + 1);
                if (line.startsWith(`${_lock_script_js__WEBPACK_IMPORTED_MODULE_2__/* .MARK */ .M$.state} `)) {
                    // Right after `held`: the lock is ours once state.json has been read under it.
                    const text = line.slice(_lock_script_js__WEBPACK_IMPORTED_MODULE_2__/* .MARK */ .M$.state.length + 1);
                    stateText = text === '-' ? null : text === '?' ? undefined : text;
                    settled = true;
                    resolve();
                }
                else if (line.startsWith(`${_lock_script_js__WEBPACK_IMPORTED_MODULE_2__/* .MARK */ .M$.wrote} `)) {
                    const rc = line.slice(_lock_script_js__WEBPACK_IMPORTED_MODULE_2__/* .MARK */ .M$.wrote.length + 1);
                    const w = pending.shift();
                    w?.done(rc === '0' ? undefined : new _io_errors_js__WEBPACK_IMPORTED_MODULE_1__/* .RemoteError */ .Hi(`${w.what} failed on the server (exit ${rc})`));
                }
                else if (line.startsWith(_lock_script_js__WEBPACK_IMPORTED_MODULE_2__/* .MARK */ .M$.lost)) {
                    lostWhy = line.slice(_lock_script_js__WEBPACK_IMPORTED_MODULE_2__/* .MARK */ .M$.lost.length + 1);
                }
                else if (line.startsWith(_lock_script_js__WEBPACK_IMPORTED_MODULE_2__/* .MARK */ .M$.busy)) {
                    log.info(`Waiting up to ${timeoutSeconds}s for the deploy lock of ${appDir}, held by ${holderMessage(line.slice(_lock_script_js__WEBPACK_IMPORTED_MODULE_2__/* .MARK */ .M$.busy.length + 1))}`);
                }
                else if (line.startsWith(_lock_script_js__WEBPACK_IMPORTED_MODULE_2__/* .MARK */ .M$.timeout)) {
                    fail(`another deploy holds the lock of ${appDir}: ${holderMessage(line.slice(_lock_script_js__WEBPACK_IMPORTED_MODULE_2__/* .MARK */ .M$.timeout.length + 1))}; ` +
                        `gave up after lock-timeout (${timeoutSeconds}s). Wait for it to finish, or raise lock-timeout.`);
                }
                else if (line === _lock_script_js__WEBPACK_IMPORTED_MODULE_2__/* .MARK */ .M$.noTools) {
                    fail('the server has no `flock` or `setsid` (package util-linux): install it to deploy');
                }
                else if (line === _lock_script_js__WEBPACK_IMPORTED_MODULE_2__/* .MARK */ .M$.noReadTimeout) {
                    fail('the server has neither bash nor a shell with `read -t` (the lock needs one): install bash');
                }
            }
        });
        channel.stderr.on('data', (d) => (stderr += d.toString('utf8')));
        // exitStatus, not a 'close' listener: a script that fails at once may close before one could be attached.
        void channel.exitStatus.then(() => {
            lostWhy ??= conn.isOpen ? 'its holder on the server ended' : 'the SSH connection was lost';
            for (const w of pending.splice(0))
                w.done(new _io_errors_js__WEBPACK_IMPORTED_MODULE_1__/* .RemoteError */ .Hi(`${w.what} failed: the lock's holder on the server ended (${lostWhy})`));
            if (!settled)
                fail(`could not take the lock in ${dir}${stderr.trim() ? `: ${stderr.trim().slice(-500)}` : ''}`);
        });
    });
    let released = false;
    const renewals = setInterval(() => channel.write(_lock_script_js__WEBPACK_IMPORTED_MODULE_2__/* .RENEW_LINE */ .D9), (leaseSeconds * 1000) / 4);
    void channel.exitStatus.then(() => clearInterval(renewals));
    return {
        waitedSeconds: (performance.now() - started) / 1000,
        registry: (0,_lock_script_js__WEBPACK_IMPORTED_MODULE_2__/* .registryOf */ .Fv)(dir, leaseId),
        get lost() {
            return released ? undefined : lostWhy;
        },
        stateText,
        write: (line, what) => new Promise((resolve, reject) => {
            if (lostWhy || released)
                return reject(new _io_errors_js__WEBPACK_IMPORTED_MODULE_1__/* .RemoteError */ .Hi(`${what} failed: the lock is no longer held (${lostWhy ?? 'released'})`));
            pending.push({ what, done: (e) => (e ? reject(e) : resolve()) });
            channel.write(line);
        }),
        release: () => {
            released = true;
            clearInterval(renewals);
            return releaseChannel(channel);
        },
    };
}
/** Says `release` and closes the holder's stdin; it stops leftovers, empties the lock file and exits. */
function releaseChannel(channel) {
    return new Promise((resolve) => {
        const t = setTimeout(resolve, 15_000);
        void channel.exitStatus.then(() => {
            clearTimeout(t);
            resolve();
        });
        channel.end(_lock_script_js__WEBPACK_IMPORTED_MODULE_2__/* .RELEASE_LINE */ .Pd);
    });
}


/***/ }),

/***/ 7573:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   Bu: () => (/* binding */ parseState),
/* harmony export */   Jq: () => (/* binding */ writeState),
/* harmony export */   Pn: () => (/* binding */ stateDir),
/* harmony export */   p$: () => (/* binding */ emptyState),
/* harmony export */   tU: () => (/* binding */ promoted),
/* harmony export */   un: () => (/* binding */ readState)
/* harmony export */ });
/* unused harmony export STATE_DIR */
/* harmony import */ var _ssh_quote_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(9038);
/* harmony import */ var _io_errors_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(7333);


const STATE_DIR = '.vps-deploy';
function stateDir(appDir) {
    return `${appDir}/${STATE_DIR}`;
}
function emptyState(strategy) {
    return { current: null, previous: null, strategy };
}
/**
 * Parses state.json's content. Content that is not a state (torn, empty, wrong types) is an error saying how to
 * repair it: read as "nothing deployed" it would leave the next deploy without a previous release to roll back
 * to. An unknown `strategy` reads as `fallback`.
 */
function parseState(text, fallback, path = `${STATE_DIR}/state.json`) {
    let v;
    try {
        v = JSON.parse(text);
    }
    catch (e) {
        throw corruptState(path, fallback, text.trim() ? `not JSON: ${e.message}` : 'empty');
    }
    if (!v || typeof v !== 'object' || Array.isArray(v))
        throw corruptState(path, fallback, 'not a JSON object');
    for (const key of ['current', 'previous']) {
        if (v[key] !== undefined && v[key] !== null && typeof v[key] !== 'string')
            throw corruptState(path, fallback, `"${key}" is ${JSON.stringify(v[key])}, not a tag or null`);
    }
    const str = (x) => (typeof x === 'string' && x ? x : null);
    const strategy = v.strategy === 'release' || v.strategy === 'compose' || v.strategy === 'swarm' ? v.strategy : fallback;
    const mark = v.interrupted && typeof v.interrupted.tag === 'string' ? { interrupted: v.interrupted } : {};
    const port = Number.isInteger(v.port) && v.port > 0 && v.port < 65536 ? { port: v.port } : {};
    return { current: str(v.current), previous: str(v.previous), strategy, ...port, ...mark };
}
function corruptState(path, strategy, why) {
    const ledger = path.replace(/state\.json$/, 'releases.jsonl');
    return new _io_errors_js__WEBPACK_IMPORTED_MODULE_0__/* .ConfigurationError */ .j1(`${path} cannot be read (${why}). It says which release is current and which one a rollback returns to, ` +
        `so nothing was changed rather than guess. Repair it on the server: write ` +
        `{"current":"<tag>","previous":"<tag>","strategy":"${strategy}"} (null where there is none; the last ` +
        `lines of ${ledger} with outcome "deployed" or "rolled-back" name the tags), or remove it to start over ` +
        `as if nothing had been deployed (the next deploy then has no previous release to roll back to)`);
}
/** `tag` passed its gate and is now current: the old current becomes previous (unless it is the same tag). */
function promoted(state, tag, strategy = state.strategy) {
    const previous = state.current && state.current !== tag ? state.current : state.previous !== tag ? state.previous : null;
    return { current: tag, previous, strategy };
}
async function readState(conn, appDir, fallback) {
    const path = `${stateDir(appDir)}/state.json`;
    // Exit 3: no file, nothing deployed yet. Any other failure to read it is not that.
    const r = await conn.exec((0,_ssh_quote_js__WEBPACK_IMPORTED_MODULE_1__.sh) `if [ -e ${path} ]; then cat -- ${path}; else exit 3; fi`, { log: false });
    if (r.code === 3)
        return emptyState(fallback);
    if (r.code !== 0)
        throw new _io_errors_js__WEBPACK_IMPORTED_MODULE_0__/* .RemoteError */ .Hi(`reading ${path} failed (exit ${r.code}): ${r.stderr.trim() || 'no message'}`);
    return parseState(r.stdout, fallback, path);
}
/** Written atomically: SFTP to a temp name, then rename over state.json. */
async function writeState(conn, appDir, state) {
    const body = JSON.stringify({ ...state, updatedAt: new Date().toISOString() }, null, 2) + '\n';
    await conn.upload(body, `${stateDir(appDir)}/state.json`, 0o644);
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


/***/ })

};
