export const id = 186;
export const ids = [186,38];
export const modules = {

/***/ 6677:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {


// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  UI: () => (/* binding */ Attempt),
  mv: () => (/* binding */ healthFacts),
  KS: () => (/* binding */ phaseField),
  hU: () => (/* binding */ phaseOf)
});

// EXTERNAL MODULE: external "node:crypto"
var external_node_crypto_ = __webpack_require__(7598);
// EXTERNAL MODULE: ./src/io/errors.ts
var errors = __webpack_require__(7333);
// EXTERNAL MODULE: ./src/flow/ledger.ts
var ledger = __webpack_require__(9835);
// EXTERNAL MODULE: ./src/ssh/quote.ts
var quote = __webpack_require__(9038);
// EXTERNAL MODULE: ./src/flow/state.ts
var state = __webpack_require__(7573);
;// CONCATENATED MODULE: ./src/flow/lock.ts



const HELD = 'VPSD-LOCK-HELD';
const BUSY = 'VPSD-LOCK-BUSY';
const TIMEOUT = 'VPSD-LOCK-TIMEOUT';
const NO_FLOCK = 'VPSD-LOCK-NO-FLOCK';
/** The shell that takes and holds the lock. The holder line arrives on stdin. */
function lockScript(dir, timeoutSeconds) {
    return (0,quote.sh) `mkdir -p ${dir} && cd ${dir} || exit 1
command -v flock >/dev/null 2>&1 || { echo ${NO_FLOCK}; exit 2; }
exec 9<>lock
if ! flock -n 9; then
  echo "${BUSY} $(head -c 2000 lock | tr -d '\\n')"
  flock -w ${String(timeoutSeconds)} 9 || { echo "${TIMEOUT} $(head -c 2000 lock | tr -d '\\n')"; exit 3; }
fi
IFS= read -r holder || exit 4
printf '%s\\n' "$holder" > lock
echo ${HELD}
cat > /dev/null
: > lock`;
}
/** What a waiting deploy tells the user about the holder. Pure. */
function holderMessage(text, now = new Date()) {
    let h = {};
    try {
        h = JSON.parse(text);
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
    return `${who}${h.runUrl ? ` (${h.runUrl})` : ' (outside GitHub Actions)'}${age}`;
}
/** Takes the deploy lock of appDir, waiting up to timeoutSeconds for another deploy to finish. */
async function acquireDeployLock(conn, appDir, holder, timeoutSeconds, log) {
    const started = performance.now();
    const channel = await conn.channel(lockScript((0,state/* stateDir */.Pn)(appDir), timeoutSeconds));
    channel.write(JSON.stringify(holder) + '\n');
    await new Promise((resolve, reject) => {
        let out = '';
        let stderr = '';
        const onData = (d) => {
            out += d.toString('utf8');
            let nl;
            while ((nl = out.indexOf('\n')) >= 0) {
                const line = out.slice(0, nl);
                out = out.slice(nl + 1);
                if (line === HELD) {
                    cleanup();
                    return resolve();
                }
                if (line.startsWith(BUSY)) {
                    log.info(`Waiting up to ${timeoutSeconds}s for the deploy lock of ${appDir}, held by ${holderMessage(line.slice(BUSY.length + 1))}`);
                }
                else if (line.startsWith(TIMEOUT)) {
                    cleanup();
                    return reject(new errors/* RemoteError */.Hi(`another deploy holds the lock of ${appDir}: ${holderMessage(line.slice(TIMEOUT.length + 1))}; ` +
                        `gave up after lock-timeout (${timeoutSeconds}s). Wait for it to finish, or raise lock-timeout.`, 'lock'));
                }
                else if (line === NO_FLOCK) {
                    cleanup();
                    return reject(new errors/* RemoteError */.Hi('the server has no `flock` (package util-linux): install it to deploy', 'lock'));
                }
            }
        };
        const onStderr = (d) => (stderr += d.toString('utf8'));
        let settled = false;
        const onClose = () => {
            if (settled)
                return;
            cleanup();
            reject(new errors/* RemoteError */.Hi(`could not take the deploy lock in ${(0,state/* stateDir */.Pn)(appDir)}${stderr.trim() ? `: ${stderr.trim().slice(-500)}` : ''}`, 'lock'));
        };
        const cleanup = () => {
            settled = true;
            channel.off('data', onData);
            channel.stderr.off('data', onStderr);
        };
        channel.on('data', onData);
        channel.stderr.on('data', onStderr);
        // exitStatus, not a 'close' listener: a script that fails at once may close before one could be attached.
        void channel.exitStatus.then(onClose);
    });
    const waitedSeconds = (performance.now() - started) / 1000;
    return { waitedSeconds, release: () => releaseChannel(channel) };
}
/** Closes the holder's stdin; the shell empties the lock file and exits, which frees the flock. */
function releaseChannel(channel) {
    return new Promise((resolve) => {
        const t = setTimeout(resolve, 5000);
        void channel.exitStatus.then(() => {
            clearTimeout(t);
            resolve();
        });
        channel.end();
    });
}

;// CONCATENATED MODULE: ./src/flow/attempt.ts






function healthFacts(g) {
    return {
        passed: g.passed,
        verdict: g.last.verdict,
        ...(g.last.code !== undefined ? { code: g.last.code } : {}),
        latencyMs: g.last.latencyMs,
    };
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
    /** Takes the lock, runs body, and always releases the lock. */
    static async underLock(ctx, holder, body) {
        const attempt = new Attempt(ctx, new ledger/* ReleaseLedger */.Ly(ctx.conn, ctx.appDir));
        const lock = await attempt.phase('lock', `Deploy lock of ${ctx.appDir}`, () => acquireDeployLock(ctx.conn, ctx.appDir, { ...ctx.run, ...holder, since: new Date().toISOString() }, ctx.lockTimeoutSeconds, ctx.log));
        try {
            return await body(attempt);
        }
        finally {
            if (ctx.conn.isOpen)
                await lock.release();
        }
    }
    readState(fallback) {
        return this.ctx.conn.isOpen
            ? (0,state/* readState */.un)(this.ctx.conn, this.ctx.appDir, fallback)
            : Promise.reject(new errors/* RemoteError */.Hi('connection lost'));
    }
    /** Runs fn as a named phase: a log group, a duration, and errors tagged with the phase. */
    async phase(name, title, fn) {
        const t0 = performance.now();
        try {
            return await this.ctx.log.group(title, fn);
        }
        catch (e) {
            throw (0,errors/* inPhase */.xe)(name, e);
        }
        finally {
            this.phases[name] = (this.phases[name] ?? 0) + performance.now() - t0;
        }
    }
    /** The first ledger line: from here on an unfinished attempt is visible. */
    async begin(facts) {
        this.facts = { id: (0,external_node_crypto_.randomUUID)(), host: this.ctx.conn.label, ...this.ctx.run, ...facts };
        await this.ledger.append((0,ledger/* ledgerRecord */.TL)(this.facts, { outcome: 'started' }, this.ctx.secrets));
    }
    /** The final ledger line. Failing to write it (the connection is gone) is logged, not thrown over the real error. */
    async finish(end) {
        if (!this.facts)
            return;
        const record = (0,ledger/* ledgerRecord */.TL)(this.facts, { ...end, durations: { ...this.phases } }, this.ctx.secrets);
        try {
            await this.ledger.append(record);
        }
        catch (e) {
            this.ctx.log.warning(`could not write the ledger's final line (${(0,errors/* errText */.V7)(e)}): the attempt stays recorded as started`);
        }
    }
}
/** The phase a tagged error happened in. */
function phaseOf(e) {
    return e instanceof errors/* RemoteError */.Hi ? e.phase : undefined;
}
/** `{ phase }` for a ledger line when the error names one, else nothing (no `phase: undefined` key). */
function phaseField(e) {
    const phase = phaseOf(e);
    return phase ? { phase } : {};
}


/***/ }),

/***/ 7371:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {


// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  EQ: () => (/* binding */ activateAndGate),
  kB: () => (/* binding */ bringBack),
  H_: () => (/* binding */ deployRelease)
});

// EXTERNAL MODULE: ./src/health/gate.ts
var health_gate = __webpack_require__(2923);
// EXTERNAL MODULE: ./src/io/errors.ts
var errors = __webpack_require__(7333);
// EXTERNAL MODULE: ./src/flow/attempt.ts + 1 modules
var flow_attempt = __webpack_require__(6677);
// EXTERNAL MODULE: ./src/flow/ledger.ts
var ledger = __webpack_require__(9835);
// EXTERNAL MODULE: ./src/ssh/remote-shell.ts
var remote_shell = __webpack_require__(8461);
// EXTERNAL MODULE: ./src/health/run-gate.ts + 1 modules
var run_gate = __webpack_require__(2273);
// EXTERNAL MODULE: ./src/health/verdict.ts
var verdict = __webpack_require__(415);
;// CONCATENATED MODULE: ./src/flow/gate-release.ts




/**
 * Gates the release the strategy just activated. While probes fail, the strategy is asked whether the app can
 * still come up (a crashed or restart-looping container fails the gate at once); a lost SSH connection ends the
 * gate with an error rather than a verdict about the app.
 */
function gateRelease(conn, strategy, plan, log) {
    const dialer = plan.from === 'server' ? { dialer: (h, p) => conn.tunnel(h, p) } : {};
    return (0,run_gate/* gateUrl */.T)({ url: plan.url, ...dialer }, plan.gate, log, async (last) => {
        if (!conn.isOpen)
            throw new errors/* RemoteError */.Hi((0,remote_shell/* connectionLost */.B)(conn));
        if ((0,verdict/* passes */.WE)(last.verdict, plan.gate.allowDegraded))
            return undefined;
        return strategy.fatal();
    });
}

// EXTERNAL MODULE: ./src/flow/state.ts
var flow_state = __webpack_require__(7573);
;// CONCATENATED MODULE: ./src/flow/deploy-flow.ts






/**
 * Deploys one tag to one host, whatever the strategy: lock -> state -> ledger -> prepare -> migrate -> activate
 * -> gate -> (passed) state + ledger + prune, or (failed) bring back the release that ran before, gate it, and
 * record both verdicts. Faults are thrown tagged with their phase; a failed gate is a result, not a throw.
 */
function deployRelease(ctx, opts) {
    const { tag } = opts;
    return flow_attempt/* Attempt */.UI.underLock(ctx, { tag, action: 'deploy' }, async (attempt) => {
        const strategy = ctx.strategyFor(opts.strategy);
        const state = await attempt.readState(opts.strategy);
        const before = state.current;
        ctx.log.info(`Deploying ${tag} to ${ctx.conn.label} (${strategy.name}); current: ${before ?? 'none'}, previous: ${state.previous ?? 'none'}`);
        await attempt.begin({ action: 'deploy', tag, previous: before, strategy: strategy.name });
        try {
            await attempt.phase('prepare', `Prepare ${tag}`, () => strategy.prepare(tag));
            await attempt.phase('migrate', `Migrate for ${tag}`, () => strategy.migrate(tag));
        }
        catch (e) {
            await attempt.finish({ outcome: 'aborted', phase: (0,flow_attempt/* phaseOf */.hU)(e) ?? 'prepare', error: (0,errors/* errText */.V7)(e) });
            throw e;
        }
        const { gate, failure } = await activateAndGate(attempt, strategy, tag);
        if (gate?.passed) {
            const next = (0,flow_state/* promoted */.tU)(state, tag, strategy.name);
            await (0,flow_state/* writeState */.Jq)(ctx.conn, ctx.appDir, next);
            await attempt.finish({ outcome: 'deployed', health: (0,flow_attempt/* healthFacts */.mv)(gate) });
            const pruned = await prune(attempt, strategy, opts.keepReleases, [next.current, next.previous]);
            return {
                status: 'deployed',
                attempted: tag,
                current: tag,
                before,
                gate,
                phases: attempt.phases,
                pruned,
            };
        }
        const health = gate ? { health: (0,flow_attempt/* healthFacts */.mv)(gate) } : {};
        const prev = state.current;
        if (!opts.rollbackOnFailure || !prev || (prev === tag && !strategy.restoresRedeploy)) {
            const why = !opts.rollbackOnFailure
                ? 'rollback-on-failure is off'
                : prev === tag
                    ? `${tag} was re-deployed over itself and its previous build is not kept by the ${strategy.name} strategy`
                    : 'there is no previous release to return to';
            ctx.log.warning(`${failure}; ${why}: ${tag} stays in place`);
            await attempt.finish({
                outcome: 'failed',
                phase: gate ? 'gate' : 'activate',
                error: failure,
                ...health,
            });
            return {
                status: 'failed',
                attempted: tag,
                current: tag,
                before,
                ...(gate ? { gate } : {}),
                phases: attempt.phases,
                failure,
                pruned: [],
            };
        }
        ctx.log.warning(`${failure}; rolling back to ${prev}`);
        const restore = await bringBack(attempt, strategy, prev);
        const restored = restore.gate?.passed === true;
        await attempt.finish({
            outcome: restored ? 'rolled-back' : 'failed',
            phase: gate ? 'gate' : 'activate',
            error: failure,
            ...health,
            restore: {
                tag: prev,
                ...(restore.gate ? (0,flow_attempt/* healthFacts */.mv)(restore.gate) : { passed: false, verdict: 'unreachable' }),
            },
        });
        return {
            status: restored ? 'rolled-back' : 'failed',
            attempted: tag,
            // Once the previous release was activated it is what runs (healthy or not) and what state.json names.
            current: restore.gate ? prev : tag,
            before,
            ...(gate ? { gate } : {}),
            restore,
            phases: attempt.phases,
            failure: restored
                ? failure
                : `${failure}; the rollback to ${prev} failed too: ${restore.error ?? restore.gate?.reason ?? ''}`,
            pruned: [],
        };
    });
}
/**
 * Activates `tag` and gates it. A failed gate, or a failed activate (a failed `up`, a restart-command after the
 * switch), comes back as `failure`: the caller can still bring back what ran. A lost connection can do nothing
 * more: the attempt is recorded as failed and the error thrown.
 */
async function activateAndGate(attempt, strategy, tag) {
    const { ctx } = attempt;
    try {
        await attempt.phase('activate', `Activate ${tag}`, () => strategy.activate(tag));
        const gate = await attempt.phase('gate', `Health gate of ${tag}`, () => gateRelease(ctx.conn, strategy, ctx.health, ctx.log));
        return {
            gate,
            failure: `the health gate of ${tag} failed: ${gate.reason ?? (0,health_gate/* describeVerdict */.X)(gate.last)}`,
        };
    }
    catch (e) {
        if (!ctx.conn.isOpen) {
            await attempt.finish({ outcome: 'failed', ...(0,flow_attempt/* phaseField */.KS)(e), error: (0,errors/* errText */.V7)(e) });
            throw e;
        }
        return { failure: (0,errors/* errText */.V7)(e) };
    }
}
/** Activates a release already on the server (no prepare: its images or directory are kept) and gates it. */
async function bringBack(attempt, strategy, tag) {
    try {
        const gate = await attempt.phase('rollback', `Roll back to ${tag}`, async () => {
            await strategy.activate(tag);
            return gateRelease(attempt.ctx.conn, strategy, attempt.ctx.health, attempt.ctx.log);
        });
        return { tag, gate };
    }
    catch (e) {
        attempt.ctx.log.warning(`rolling back to ${tag} failed: ${(0,errors/* errText */.V7)(e)}`);
        return { tag, error: (0,errors/* errText */.V7)(e) };
    }
}
/** Prunes after a passed gate; a failure to prune is a warning, never a failed deploy. */
async function prune(attempt, strategy, keep, protect) {
    try {
        return await attempt.phase('prune', `Prune beyond keep-releases (${keep})`, async () => {
            const failed = (0,ledger/* failedTags */.hi)(await attempt.ledger.read());
            const removed = await strategy.prune(keep, protect.filter((t) => !!t), failed);
            attempt.ctx.log.info(removed.length ? `Removed ${removed.join(', ')}` : 'Nothing to prune');
            return removed;
        });
    }
    catch (e) {
        attempt.ctx.log.warning(`pruning old releases failed: ${(0,errors/* errText */.V7)(e)}`);
        return [];
    }
}


/***/ }),

/***/ 1795:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   y: () => (/* binding */ eachHost)
/* harmony export */ });
/* harmony import */ var _io_errors_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(7333);
/* harmony import */ var _ssh_connection_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(5152);


/**
 * Several hosts are deployed (or rolled back) one after another, stopping at the first that does not end as
 * `ok`. A fault stops the run too; it is returned with the reports so outputs and summary are written first.
 */
async function eachHost(targets, io, ok, work) {
    const reports = [];
    for (const target of targets) {
        const host = targets.length > 1 ? `${target.host}:${target.port}` : target.host;
        try {
            const result = await (0,_ssh_connection_js__WEBPACK_IMPORTED_MODULE_1__.withConnection)(target, io, work);
            reports.push({ host, result });
            if (result.status !== ok)
                break;
        }
        catch (e) {
            reports.push({ host, error: (0,_io_errors_js__WEBPACK_IMPORTED_MODULE_0__/* .describeFailure */ .Ic)(e) });
            return { reports, fault: e };
        }
    }
    return { reports };
}


/***/ }),

/***/ 4399:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   Oq: () => (/* binding */ healthPlan),
/* harmony export */   PU: () => (/* binding */ tagVariable),
/* harmony export */   _m: () => (/* binding */ serviceNames),
/* harmony export */   rZ: () => (/* binding */ gateInputSpec)
/* harmony export */ });
/* harmony import */ var _io_inputs_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(6067);

/** The health gate inputs, shared by deploy, the root action and rollback. */
const gateInputSpec = {
    'health-url': (0,_io_inputs_js__WEBPACK_IMPORTED_MODULE_0__/* .httpUrl */ .q3)({ fallback: 'http://127.0.0.1:8000/health' }),
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
    return {
        url: i['health-url'],
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

/***/ 5867:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   Q: () => (/* binding */ selectPrunable)
/* harmony export */ });
function selectPrunable(present, keep, protect, failed) {
    const guarded = new Set(protect.filter(Boolean));
    const bad = new Set(failed);
    const newestFirst = [...present].sort((a, b) => b.time - a.time || (a.tag < b.tag ? 1 : -1));
    const out = [];
    // Current and previous use up the budget first: keep-releases counts every release left on the server.
    let kept = newestFirst.filter((r) => guarded.has(r.tag) && !bad.has(r.tag)).length;
    for (const r of newestFirst) {
        if (guarded.has(r.tag))
            continue;
        if (bad.has(r.tag))
            out.push(r.tag);
        else if (kept < keep)
            kept++;
        else
            out.push(r.tag);
    }
    return out;
}


/***/ }),

/***/ 4612:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   FY: () => (/* binding */ stepStatus),
/* harmony export */   eH: () => (/* binding */ summaryMarkdown),
/* harmony export */   n0: () => (/* binding */ setOutputs)
/* harmony export */ });
/* unused harmony exports verdictText, phasesText */
/* harmony import */ var _io_summary_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(2864);
/* harmony import */ var _health_excerpt_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(7111);
/* harmony import */ var _ledger_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(9835);



/** The status of the whole step: the first host that did not end as `ok` decides. */
function stepStatus(reports, ok) {
    for (const r of reports) {
        if (!r.result)
            return 'failed';
        if (r.result.status !== ok)
            return r.result.status;
    }
    return reports.length ? ok : 'failed';
}
function verdictText(g) {
    if (!g)
        return '—';
    const code = g.last.code !== undefined
        ? ` (HTTP ${g.last.code}, ${g.last.latencyMs} ms)`
        : g.last.error
            ? ` (${g.last.error})`
            : '';
    return `${g.last.verdict}${code}`;
}
function phasesText(phases) {
    return Object.entries(phases)
        .map(([k, v]) => `${k} ${(v / 1000).toFixed(1)}s`)
        .join(', ');
}
/** The job summary: one row per host, then the health body excerpt of each gate. Secrets are redacted. */
function summaryMarkdown(title, status, reports, secrets) {
    const icon = status === 'deployed' || (title.startsWith('Rollback') && status === 'rolled-back')
        ? '✅'
        : status === 'rolled-back'
            ? '↩️'
            : '❌';
    const rows = reports.map((r) => {
        const f = r.result;
        const rollback = f?.restore
            ? `to ${f.restore.tag}: ${f.restore.gate ? verdictText(f.restore.gate) : `failed (${f.restore.error ?? ''})`}`
            : '—';
        return [
            r.host,
            f?.attempted ?? '—',
            f?.before ?? '—',
            verdictText(f?.gate),
            rollback,
            f ? phasesText(f.phases) : '—',
            f ? f.status : `failed: ${r.error ?? ''}`,
        ];
    });
    const bodies = reports.flatMap((r) => {
        const g = r.result?.gate;
        const body = g ? (0,_health_excerpt_js__WEBPACK_IMPORTED_MODULE_0__/* .bodyExcerpt */ .k)(g.last.body, 2000) : '';
        return body
            ? [
                `<details><summary>${r.host}: last health body of ${r.result.attempted}</summary>`,
                '',
                (0,_io_summary_js__WEBPACK_IMPORTED_MODULE_1__/* .codeBlock */ .DV)(body),
                '',
                '</details>',
                '',
            ]
            : [];
    });
    const failures = reports.flatMap((r) => (r.error ?? r.result?.failure) ? [`- ${r.host}: ${r.error ?? r.result?.failure}`] : []);
    const text = [
        `### ${icon} ${title}: ${status}`,
        '',
        (0,_io_summary_js__WEBPACK_IMPORTED_MODULE_1__/* .table */ .tp)(['host', 'tag', 'previous', 'verdict', 'rollback', 'time per phase', 'outcome'], rows),
        '',
        ...(failures.length ? [...failures, ''] : []),
        ...bodies,
    ].join('\n');
    return (0,_ledger_js__WEBPACK_IMPORTED_MODULE_2__/* .redact */ .E$)(text, secrets);
}
/** Sets the outputs (actions/deploy/README.md, actions/rollback/README.md) from the last host that ran. */
function setOutputs(io, status, reports, startedMs, names) {
    const last = [...reports].reverse().find((r) => r.result)?.result;
    io.setOutput('status', status);
    io.setOutput('tag', last?.current ?? '');
    io.setOutput(names.previous, last?.before ?? '');
    io.setOutput('health', last?.gate?.last.verdict ?? '');
    io.setOutput('duration-seconds', Math.round((performance.now() - startedMs) / 100) / 10);
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

/***/ 6309:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   Hx: () => (/* binding */ DETECT_COMPOSE),
/* harmony export */   dy: () => (/* binding */ NO_COMPOSE),
/* harmony export */   g1: () => (/* binding */ COMPOSE_V2),
/* harmony export */   nJ: () => (/* binding */ COMPOSE_V1),
/* harmony export */   qI: () => (/* binding */ byComposeVersion),
/* harmony export */   wn: () => (/* binding */ chooseCompose)
/* harmony export */ });
/* harmony import */ var _quote_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(9038);

const COMPOSE_V2 = ['docker', 'compose'];
const COMPOSE_V1 = ['docker-compose'];
/** What a user reads when the server has no Compose at all, from a deploy or a backup alike. */
const NO_COMPOSE = 'the server has neither `docker compose` (v2) nor `docker-compose` (v1): install Docker Compose';
/** `if <v2 answers>; then <v2>; elif <v1 on PATH>; then <v1>; else <none>; fi`: each branch is our shell text. */
function byComposeVersion(branches) {
    return ((0,_quote_js__WEBPACK_IMPORTED_MODULE_0__.sh) `if ${COMPOSE_V2} version >/dev/null 2>&1; then ${(0,_quote_js__WEBPACK_IMPORTED_MODULE_0__/* .raw */ .lS)(branches.v2)}; ` +
        (0,_quote_js__WEBPACK_IMPORTED_MODULE_0__.sh) `elif command -v ${COMPOSE_V1} >/dev/null 2>&1; then ${(0,_quote_js__WEBPACK_IMPORTED_MODULE_0__/* .raw */ .lS)(branches.v1)}; else ${(0,_quote_js__WEBPACK_IMPORTED_MODULE_0__/* .raw */ .lS)(branches.none)}; fi`);
}
/** Prints `v2`, `v1` or `none`; chooseCompose reads the answer. */
const DETECT_COMPOSE = byComposeVersion({ v2: 'echo v2', v1: 'echo v1', none: 'echo none' });
/** The Compose CLI named by DETECT_COMPOSE's output (its last line: a login banner may come first). */
function chooseCompose(detected) {
    const word = detected.trim().split('\n').pop();
    if (word === 'v2')
        return COMPOSE_V2;
    if (word === 'v1')
        return COMPOSE_V1;
    return undefined;
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

/***/ 8901:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {


// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  Y: () => (/* binding */ flowContext)
});

// UNUSED EXPORTS: strategyChooser

// EXTERNAL MODULE: ./src/io/errors.ts
var errors = __webpack_require__(7333);
// EXTERNAL MODULE: ./src/ssh/quote.ts
var quote = __webpack_require__(9038);
// EXTERNAL MODULE: ./src/flow/tag.ts
var flow_tag = __webpack_require__(360);
// EXTERNAL MODULE: ./src/ssh/compose-cli.ts
var compose_cli = __webpack_require__(6309);
;// CONCATENATED MODULE: ./src/strategies/compose/commands.ts


/**
 * The remote command text of the compose strategy, built from argument arrays through the quoting module.
 * Pure: what runs where is decided here and tested as tables (test/unit/flow/compose-prune.test.ts).
 * Finding Compose on the server is src/ssh/compose-cli.ts, shared with the backup scripts.
 */

/** `cd <app-dir> && env TAG=<tag> <compose> <args>`: the tag variable is set for that one command only. */
function composeCommand(cli, appDir, args, tagVariable, tag) {
    const env = tagVariable && tag !== undefined ? (0,quote.sh) `env ${`${tagVariable}=${tag}`} ` : '';
    return (0,quote.sh) `cd ${appDir} && ${(0,quote/* raw */.lS)(env)}${[...cli, ...args]}`;
}
function pullArgs(services) {
    return ['pull', '--quiet', ...services];
}
function upArgs(services) {
    return ['up', '-d', ...services];
}
/** Registry login on the server; the password is the command's stdin. */
function loginCommand(registry, username) {
    return (0,quote.sh) `docker login --username ${username} --password-stdin ${registry}`;
}
/** The compose file's image references with the tag variable set to `sentinel`. */
const TAG_SENTINEL = 'vpsd-tag-sentinel';
const INSPECT_FORMAT = '{{.Id}}\t{{index .Config.Labels "com.docker.compose.project.working_dir"}}\t{{index .Config.Labels "com.docker.compose.service"}}\t' +
    '{{index .Config.Labels "com.docker.compose.oneoff"}}\t{{.Name}}\t{{.State.Status}}\t{{.RestartCount}}\t{{.State.ExitCode}}';
/** Prints the app dir's physical path, then one INSPECT_FORMAT line per compose container on the server. */
function containersCommand(appDir) {
    return (0,quote.sh) `cd ${appDir} && pwd -P && ids=$(docker ps -aq --filter label=com.docker.compose.project) && { [ -z "$ids" ] || docker inspect --format ${INSPECT_FORMAT} $ids; }`;
}
/** The containers of this app's services (not one-off `run` containers), from containersCommand's output. */
function appContainers(output, appDir, services) {
    const [physical, ...lines] = output.trim().split('\n');
    const dirs = new Set([appDir, physical?.trim()]);
    const out = [];
    for (const line of lines) {
        const [id, dir, service, oneoff, name, status, restarts, exitCode] = line.split('\t');
        if (!id || !dirs.has(dir) || oneoff === 'True' || !service)
            continue;
        if (services.length && !services.includes(service))
            continue;
        out.push({
            id,
            service,
            name: (name ?? '').replace(/^\//, ''),
            status: status ?? '',
            restarts: Number(restarts),
            exitCode: Number(exitCode),
        });
    }
    return out;
}
/**
 * Why the app cannot become healthy any more, or undefined: a service container that exited with an error, died,
 * or restarted since activation (`before` holds the restart counts seen just before `up`).
 */
function crashedReason(now, before) {
    for (const c of now) {
        const restarted = c.restarts - (before.get(c.id) ?? 0);
        if (c.status === 'restarting' || restarted > 0) {
            return `container ${c.name} (service ${c.service}) is restart-looping (${c.status}, restarted ${c.restarts} time(s), last exit code ${c.exitCode})`;
        }
        if ((c.status === 'exited' && c.exitCode !== 0) || c.status === 'dead') {
            return `container ${c.name} (service ${c.service}) ${c.status} with code ${c.exitCode}`;
        }
    }
    return undefined;
}
/** Image references of the compose file that carry the tag (the sentinel marks where). */
function imageTemplates(configOutput) {
    const out = new Set();
    for (const m of configOutput.matchAll(/^\s*image:\s*["']?([^"'\s]+)["']?\s*$/gm)) {
        if (m[1].includes(TAG_SENTINEL))
            out.add(m[1]);
    }
    return [...out];
}
/** Tags whose every templated image is present, with the creation time of the first one. */
function presentTags(templates, imageLines) {
    const images = new Map();
    for (const line of imageLines.split('\n')) {
        const [ref, created] = line.split('\t');
        if (ref && !ref.includes('<none>'))
            images.set(ref, parseDockerTime(created ?? ''));
    }
    if (!templates.length)
        return [];
    const [first, ...rest] = templates;
    const [prefix, suffix] = first.split(TAG_SENTINEL);
    const out = [];
    for (const [ref, time] of images) {
        if (!ref.startsWith(prefix) || !ref.endsWith(suffix))
            continue;
        const tag = ref.slice(prefix.length, ref.length - suffix.length);
        if (!flow_tag/* TAG_PATTERN */.A.test(tag))
            continue;
        if (rest.every((t) => images.has(t.split(TAG_SENTINEL).join(tag))))
            out.push({ tag, time });
    }
    return out;
}
function imagesOfTag(templates, tag) {
    return templates.map((t) => t.split(TAG_SENTINEL).join(tag));
}
/** `2024-06-01 10:20:30 +0200 CEST` (docker image ls's CreatedAt) -> ms since epoch; 0 when unreadable. */
function parseDockerTime(s) {
    const m = /^(\d{4}-\d\d-\d\d) (\d\d:\d\d:\d\d) ([+-]\d\d)(\d\d)/.exec(s.trim());
    if (!m)
        return 0;
    const t = Date.parse(`${m[1]}T${m[2]}${m[3]}:${m[4]}`);
    return Number.isNaN(t) ? 0 : t;
}
const IMAGE_LIST = (0,quote.sh) `docker image ls --format ${'{{.Repository}}:{{.Tag}}\t{{.CreatedAt}}'}`;

// EXTERNAL MODULE: ./src/flow/prune-rule.ts
var prune_rule = __webpack_require__(5867);
;// CONCATENATED MODULE: ./src/strategies/compose/strategy.ts




/**
 * The `compose` strategy: images pinned by tag, `pull` before anything changes, `up -d` with the tag variable
 * set for that command. Old images stay on the server, so a rollback needs no registry; prune removes the
 * images of tags beyond keep-releases.
 */
function composeStrategy(ctx, opts) {
    const { conn, appDir, log } = ctx;
    let cli;
    /** Restart counts read by prepare for the next activate, and those the gate compares against. */
    let snapshot;
    let baseline = new Map();
    const restartCounts = (cs) => new Map(cs.map((c) => [c.id, c.restarts]));
    const login = async ({ host, username, password, }) => {
        await conn.run(loginCommand(host, username), `docker login ${host} on the server`, {
            stdin: password,
            log: false,
        });
        log.info(`Logged in to ${host} on the server as ${username}`);
    };
    const compose = async () => {
        if (cli)
            return cli;
        const found = (0,compose_cli/* chooseCompose */.wn)((await conn.run(compose_cli/* DETECT_COMPOSE */.Hx, 'looking for Docker Compose', { log: false })).stdout);
        if (!found)
            throw new errors/* RemoteError */.Hi(compose_cli/* NO_COMPOSE */.dy);
        log.info(`Using ${found.join(' ')}`);
        return (cli = found);
    };
    const run = async (args, what, tag) => conn.run(composeCommand(await compose(), appDir, args, opts.tagVariable, tag), what);
    const containers = async () => appContainers((await conn.run(containersCommand(appDir), 'listing containers', { log: false })).stdout, appDir, opts.services);
    const templates = async () => {
        const r = await conn.run(composeCommand(await compose(), appDir, ['config'], opts.tagVariable, TAG_SENTINEL), 'reading the compose file', {
            log: false,
        });
        return imageTemplates(r.stdout);
    };
    const present = async () => {
        const t = await templates();
        return {
            templates: t,
            tags: presentTags(t, (await conn.run(IMAGE_LIST, 'listing images', { log: false })).stdout),
        };
    };
    return {
        name: 'compose',
        restoresRedeploy: false,
        async prepare(tag) {
            await conn.run((0,quote.sh) `mkdir -p ${appDir}`, 'creating the app directory', { log: false });
            // Independent steps share the connection's channels: files, compose detection, registry login.
            await Promise.all([
                opts.composeFile &&
                    conn
                        .upload(opts.composeFile.content, `${appDir}/${opts.composeFile.name}`, 0o644)
                        .then(() => log.info(`Uploaded ${opts.composeFile.name}`)),
                opts.envFile &&
                    conn
                        .upload(opts.envFile.endsWith('\n') ? opts.envFile : `${opts.envFile}\n`, `${appDir}/.env`, 0o600)
                        .then(() => log.info('Uploaded .env (mode 0600)')),
                compose(),
                opts.registry && login(opts.registry),
            ]);
            // The restart counts before `up` are read while the images pull (nothing restarts containers in between).
            const [, before] = await Promise.all([
                run(pullArgs(opts.services), `pulling ${opts.tagVariable}=${tag}`, tag),
                containers(),
            ]);
            snapshot = restartCounts(before);
        },
        async migrate(tag) {
            if (!opts.migrateCommand)
                return;
            await conn.run((0,quote/* userCommand */.L_)(opts.migrateCommand, { cwd: appDir, env: { [opts.tagVariable]: tag } }), 'migrate-command');
        },
        async activate(tag) {
            // A rollback activates without prepare: it reads the restart counts itself.
            baseline = snapshot ?? restartCounts(await containers());
            snapshot = undefined;
            await run(upArgs(opts.services), `docker compose up -d with ${opts.tagVariable}=${tag}`, tag);
        },
        async fatal() {
            return crashedReason(await containers(), baseline);
        },
        async available() {
            const { tags } = await present();
            return tags.sort((a, b) => b.time - a.time).map((t) => t.tag);
        },
        async prune(keep, protect, failed) {
            const { templates: t, tags } = await present();
            const doomed = (0,prune_rule/* selectPrunable */.Q)(tags, keep, protect, failed);
            if (!doomed.length)
                return [];
            const images = doomed.flatMap((tag) => imagesOfTag(t, tag));
            // An image still used by a stopped container stays; that is not worth failing a deploy for.
            await conn.exec((0,quote.sh) `for i in ${images}; do docker image rm "$i" >/dev/null 2>&1 || echo "kept $i (in use)"; done`);
            return doomed;
        },
    };
}

// EXTERNAL MODULE: ./src/strategies/release-dirs/strategy.ts + 10 modules
var strategy = __webpack_require__(4372);
;// CONCATENATED MODULE: ./src/strategies/index.ts


/** The two strategies behind one switch: everything else in the flow is the same for both. */
function strategyChooser(ctx, opts) {
    return (name) => name === 'release' ? (0,strategy/* releaseStrategy */.ZJ)(ctx, opts.release) : composeStrategy(ctx, opts.compose);
}
/** The flow's context for one connection: the run's facts, the plan's gate and lock, and both strategies. */
function flowContext(conn, io, plan, secrets) {
    const strategyCtx = { conn, app: plan.location.app, appDir: plan.location.appDir, log: io };
    return {
        conn,
        appDir: plan.location.appDir,
        log: io,
        run: { actor: io.run.actor, runUrl: io.run.runUrl },
        secrets,
        lockTimeoutSeconds: plan.lockTimeoutSeconds,
        health: plan.health,
        strategyFor: strategyChooser(strategyCtx, plan),
    };
}


/***/ }),

/***/ 4372:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {


// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  as: () => (/* binding */ checkReleaseTag),
  ZJ: () => (/* binding */ releaseStrategy)
});

// UNUSED EXPORTS: checkReleaseOptions

// EXTERNAL MODULE: ./src/ssh/remote-shell.ts
var remote_shell = __webpack_require__(8461);
// EXTERNAL MODULE: external "node:crypto"
var external_node_crypto_ = __webpack_require__(7598);
// EXTERNAL MODULE: external "node:path"
var external_node_path_ = __webpack_require__(6760);
// EXTERNAL MODULE: ./src/io/errors.ts
var errors = __webpack_require__(7333);
// EXTERNAL MODULE: ./src/flow/tag.ts
var flow_tag = __webpack_require__(360);
;// CONCATENATED MODULE: ./src/strategies/release-dirs/layout.ts



/**
 * Where things live under <app-dir> for the release strategy (docs/server-layout.md), and the plan of links
 * from shared/ into a release. Pure: no I/O, so every rule here has a table test (test/unit/strategies/release-dirs/layout.test.ts).
 */
const RELEASES = 'releases';
const SHARED = 'shared';
const CURRENT = 'current';
/** Written into every release: tag, commit, source, time. Its presence marks a release as complete. */
const REVISION = 'REVISION';
/** Work-in-progress names inside releases/: never a release, removed by prune when a run was killed. */
const INCOMING_PREFIX = '.incoming-';
const REPLACED_PREFIX = '.replaced-';
function releasePaths(appDir, tag) {
    if (!flow_tag/* TAG_PATTERN */.A.test(tag))
        throw new errors/* ConfigurationError */.j1(`tag ${JSON.stringify(tag)} is not a release name: takes ${flow_tag/* TAG_PATTERN */.A}`);
    return {
        appDir,
        releases: external_node_path_.posix.join(appDir, RELEASES),
        shared: external_node_path_.posix.join(appDir, SHARED),
        current: external_node_path_.posix.join(appDir, CURRENT),
        release: external_node_path_.posix.join(appDir, RELEASES, tag),
        currentTarget: `${RELEASES}/${tag}`,
    };
}
/** The tag a `current` link target names (`releases/v1` -> `v1`), or undefined for anything else. */
function tagOfCurrentTarget(target) {
    const m = /^(?:.*\/)?releases\/([^/]+)\/?$/.exec(target.trim());
    return m ? m[1] : undefined;
}
/**
 * Why a shared-files / shared-dirs entry cannot be used, or undefined when it is fine. Entries are paths
 * relative to the release (and to shared/): `.env`, `config/settings.local.py`, `media`.
 */
function sharedPathProblem(path) {
    if (path === '')
        return 'is empty';
    if (path.includes('\0'))
        return 'contains a NUL byte';
    if (path.startsWith('/'))
        return 'is absolute: give a path relative to the release, like .env or media';
    const parts = path.replace(/\/+$/, '').split('/');
    if (parts.some((p) => p === '..'))
        return 'climbs out with ..: give a path inside the release';
    if (parts.every((p) => p === '.' || p === ''))
        return 'names the release itself';
    if (parts[0] === REVISION && parts.length === 1)
        return 'is the REVISION file the deploy writes';
    return undefined;
}
/** `./config//app.env/` -> `config/app.env`. */
function normalizeSharedPath(path) {
    return external_node_path_.posix
        .normalize(path)
        .replace(/^(\.\/)+/, '')
        .replace(/\/+$/, '');
}
/** The links that make shared/ visible inside releases/<tag>; throws when two entries collide. */
function planSharedLinks(appDir, tag, files, dirs) {
    const p = releasePaths(appDir, tag);
    const seen = new Map();
    const plan = [];
    const add = (kind, input, raw) => {
        const problem = sharedPathProblem(raw);
        if (problem)
            throw new errors/* ConfigurationError */.j1(`input "${input}" got ${JSON.stringify(raw)}: the path ${problem}`);
        const path = normalizeSharedPath(raw);
        for (const [other, otherInput] of seen) {
            if (other === path || other.startsWith(`${path}/`) || path.startsWith(`${other}/`)) {
                throw new errors/* ConfigurationError */.j1(`input "${input}" got ${JSON.stringify(raw)}: it overlaps ${JSON.stringify(other)} from "${otherInput}"; ` +
                    'a shared path may be listed once and may not lie inside another');
            }
        }
        seen.set(path, input);
        const linkPath = external_node_path_.posix.join(p.release, path);
        const sharedPath = external_node_path_.posix.join(p.shared, path);
        plan.push({
            kind,
            path,
            sharedPath,
            linkPath,
            linkTarget: external_node_path_.posix.relative(external_node_path_.posix.dirname(linkPath), sharedPath),
        });
    };
    for (const f of files)
        add('file', 'shared-files', f);
    for (const d of dirs)
        add('dir', 'shared-dirs', d);
    return plan;
}

// EXTERNAL MODULE: ./src/flow/prune-rule.ts
var prune_rule = __webpack_require__(5867);
;// CONCATENATED MODULE: ./src/strategies/release-dirs/prune.ts



/**
 * Which release dirs to remove. `current` and everything in `protect` (the flow passes current and previous)
 * are always kept. The rest are kept newest first until `keep` good releases are on the server, counting the
 * protected ones. A release in `failed` (its gate failed) never takes one of those places: it is removed unless
 * protected, so it can never push out the last good release (Capistrano's cleanup counts every dir, and has
 * deleted users' last working release that way). Dirs that are not ours (no REVISION, not a tag name) are
 * never touched.
 */
function choosePrune(entries, opts) {
    const protect = [...opts.protect, ...(opts.current ? [opts.current] : [])].filter(Boolean);
    const leftovers = entries
        .filter((e) => e.name.startsWith(INCOMING_PREFIX) || e.name.startsWith(REPLACED_PREFIX))
        .filter((e) => !protect.includes(e.name))
        .map((e) => e.name);
    const releases = releasesNewestFirst(entries);
    // The rule itself is the flow's, shared with the compose strategy's image pruning.
    const remove = new Set((0,prune_rule/* selectPrunable */.Q)(releases.map((r) => ({ tag: r.name, time: r.time })), opts.keep, protect, opts.failed));
    return {
        keep: releases.map((r) => r.name).filter((n) => !remove.has(n)),
        remove: releases.map((r) => r.name).filter((n) => remove.has(n)),
        leftovers,
    };
}
/** Complete releases (a REVISION file, a tag name), newest first. */
function releasesNewestFirst(entries) {
    return entries
        .filter((e) => e.complete && flow_tag/* TAG_PATTERN */.A.test(e.name))
        .sort((a, b) => b.time - a.time || (a.name < b.name ? 1 : -1));
}
/** Parses the listing script's output: `name<TAB>mtime<TAB>0|1` per line. */
function parseReleaseListing(text) {
    return text
        .split('\n')
        .filter(Boolean)
        .map((line) => {
        const [name = '', time = '0', complete = '0'] = line.split('\t');
        return { name, time: Number(time) || 0, complete: complete === '1' };
    })
        .filter((e) => e.name !== '');
}

// EXTERNAL MODULE: external "node:fs"
var external_node_fs_ = __webpack_require__(3024);
// EXTERNAL MODULE: external "node:child_process"
var external_node_child_process_ = __webpack_require__(1421);
// EXTERNAL MODULE: external "node:string_decoder"
var external_node_string_decoder_ = __webpack_require__(6193);
// EXTERNAL MODULE: ./node_modules/@actions/exec/lib/exec.js + 3 modules
var exec = __webpack_require__(1260);
;// CONCATENATED MODULE: ./src/local/exec.ts




/**
 * Every process vps-deploy starts on the runner starts here: docker, git, tar. Always an argument array, never a
 * shell, so no value is ever parsed by one.
 */
/** A program that is not on the runner (or cannot be started there): the user's to install. */
class MissingToolError extends errors/* ConfigurationError */.j1 {
    name = 'MissingToolError';
}
/**
 * A runner-side command that ran and failed; the message names it and ends with its output's last lines. A
 * RemoteError (not the user's input, not a bug) so that, like a failed remote command, it carries its phase and
 * is shown as written.
 */
class LocalCommandError extends errors/* RemoteError */.Hi {
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
        code = await (0,exec/* exec */.m)(file, args, {
            // Not silent, @actions/exec prints `[command]<file> <args>` and all output to process.stdout itself: we
            // decide what reaches the log (onLine), and nothing else does.
            silent: true,
            ignoreReturnCode: true,
            ...(opts.stdin === undefined ? {} : { input: Buffer.from(opts.stdin, 'utf8') }),
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
        throw new LocalCommandError(`${label} failed (${how})${(0,errors/* tailOf */.Cj)(tail)}`, code, tail, opts.phase);
    }
    return { exitCode: code ?? 1, stdout, tail };
}
/** Splits one output stream into lines; the decoder keeps a character split across chunks whole. */
function lineReader(onLine, onText) {
    const decoder = new external_node_string_decoder_.StringDecoder('utf8');
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
    const child = (0,external_node_child_process_.spawn)(file, args, { stdio: ['ignore', 'pipe', 'pipe'] });
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

;// CONCATENATED MODULE: ./src/local/git.ts

/**
 * The commit a tag names in a git checkout, or undefined when the checkout has no such tag (or is no git
 * repository). Without git on the runner it throws a MissingToolError.
 */
async function commitOf(workspace, tag) {
    const r = await runLocal('git', ['-C', workspace, 'rev-parse', '--verify', '--quiet', `${tag}^{commit}`], {
        allowFailure: true,
    });
    return r.exitCode === 0 ? r.stdout.trim() : undefined;
}
/** A tar of the commit's tree, as `git archive` writes it (no .git, nothing untracked). */
function gitArchive(workspace, commit) {
    return streamLocal('git', ['-C', workspace, 'archive', '--format=tar', commit]);
}

;// CONCATENATED MODULE: ./src/local/tar.ts

/** A tar of a directory's contents (paths relative to it, `.git` left out), written to the stream. */
function tarDirectory(dir) {
    return streamLocal('tar', ['-c', '-f', '-', '-C', dir, '--exclude=./.git', '.']);
}

;// CONCATENATED MODULE: ./src/strategies/release-dirs/source.ts






const TAKES = 'takes a directory or a .tar / .tar.gz / .tgz file on the runner (empty: git archive of the tag)';
/** Decides the kind of a `source` from its name and its first bytes; throws a ConfigurationError otherwise. */
function sourceKind(source, facts) {
    if (source === '')
        return 'git';
    const got = `input "source" got ${JSON.stringify(source)}`;
    if (!facts.exists)
        throw new errors/* ConfigurationError */.j1(`${got}: there is nothing at that path on the runner; ${TAKES}`);
    if (facts.isDirectory)
        return 'directory';
    const head = facts.head ?? Buffer.alloc(0);
    const gzip = head.length >= 2 && head[0] === 0x1f && head[1] === 0x8b;
    const ustar = head.length >= 262 && head.subarray(257, 262).toString('latin1') === 'ustar';
    if (/\.(tar\.gz|tgz)$/i.test(source)) {
        if (!gzip)
            throw new errors/* ConfigurationError */.j1(`${got}: the name says gzip but the file is not gzip-compressed; ${TAKES}`);
        return 'tar.gz';
    }
    if (/\.tar$/i.test(source)) {
        if (!ustar)
            throw new errors/* ConfigurationError */.j1(`${got}: the name says tar but the file is not a tar archive; ${TAKES}`);
        return 'tar';
    }
    if (gzip)
        return 'tar.gz';
    if (ustar)
        return 'tar';
    throw new errors/* ConfigurationError */.j1(`${got}: the file is neither a tar archive nor gzip-compressed; ${TAKES}`);
}
/** A relative `source` is relative to the workspace (the checked-out repository). */
function sourcePath(workspace, source) {
    return source === '' || (0,external_node_path_.isAbsolute)(source) ? source : (0,external_node_path_.resolve)(workspace, source);
}
/** Looks at the runner's file system for sourceKind. */
function sourceFacts(path) {
    let st;
    try {
        st = (0,external_node_fs_.statSync)(path);
    }
    catch {
        return { exists: false, isDirectory: false };
    }
    if (st.isDirectory())
        return { exists: true, isDirectory: true };
    const head = Buffer.alloc(512);
    const fd = (0,external_node_fs_.openSync)(path, 'r');
    try {
        const n = (0,external_node_fs_.readSync)(fd, head, 0, 512, 0);
        return { exists: true, isDirectory: false, head: head.subarray(0, n) };
    }
    finally {
        (0,external_node_fs_.closeSync)(fd);
    }
}
/** Resolves the release's source on the runner. Throws a ConfigurationError a user can act on. */
async function resolveSource(workspace, source, tag) {
    const path = sourcePath(workspace, source);
    const kind = sourceKind(path, path ? sourceFacts(path) : { exists: true, isDirectory: false });
    // Another source needs no git: the commit is only recorded in REVISION, so a runner without git says unknown.
    const commit = await commitOf(workspace, tag).catch((e) => {
        if (kind !== 'git' && e instanceof MissingToolError)
            return undefined;
        throw e;
    });
    if (kind === 'git') {
        if (!commit) {
            throw new errors/* ConfigurationError */.j1(`tag ${JSON.stringify(tag)} is not in the git repository at ${workspace}: the release is made with ` +
                '`git archive` of the tag, so check it out with its tags (actions/checkout with fetch-depth: 0, or ' +
                'fetch-tags: true), or give "source" (a directory or tarball)');
        }
        return {
            kind,
            describe: `git archive ${tag}`,
            commit,
            open: () => gitArchive(workspace, commit),
        };
    }
    if (kind === 'directory') {
        return {
            kind,
            describe: `directory ${path}`,
            commit: commit ?? 'unknown',
            open: () => tarDirectory(path),
        };
    }
    return {
        kind,
        describe: `tarball ${path}`,
        commit: commit ?? 'unknown',
        open: () => {
            const stream = (0,external_node_fs_.createReadStream)(path, { highWaterMark: 1024 * 1024 });
            const finished = new Promise((res, rej) => {
                stream.on('end', res);
                stream.on('close', res);
                stream.on('error', rej);
            });
            return { stream, finished, stop: () => stream.destroy() };
        },
    };
}

// EXTERNAL MODULE: ./src/ssh/quote.ts
var quote = __webpack_require__(9038);
;// CONCATENATED MODULE: ./src/strategies/release-dirs/commands.ts



/**
 * Every remote command text of the release strategy, built through the quoting module. Pure: the step files
 * (strategy, upload, shared-links, switch) run these and decide what their output means; the text itself is
 * tested as exact strings and under a real /bin/sh (test/unit/strategies/release-dirs/commands.test.ts).
 */
// Reading the layout.
/** Prints `link<TAB><target>` when <app-dir>/current is a symbolic link, `other` when it is anything else. */
function readCurrentCommand(appDir) {
    return ((0,quote.sh) `cd ${appDir} 2>/dev/null || exit 0; if [ -L ${CURRENT} ]; then printf 'link\\t%s\\n' "$(readlink ${CURRENT})"; ` +
        (0,quote.sh) `elif [ -e ${CURRENT} ]; then echo other; fi`);
}
/** Prints `name<TAB>mtime<TAB>1|0` per dir in releases/: the time of its REVISION (1) or of the dir itself (0). */
function listReleasesCommand(appDir) {
    return ((0,quote.sh) `cd ${appDir}/${RELEASES} 2>/dev/null || exit 0; ` +
        (0,quote.sh) `for d in * .[!.]*; do [ -d "$d" ] && [ ! -L "$d" ] || continue; ` +
        (0,quote.sh) `if [ -f "$d"/${REVISION} ]; then c=1; t=$(stat -c %.9Y "$d"/${REVISION}); else c=0; t=$(stat -c %.9Y "$d"); fi; ` +
        (0,quote.sh) `printf '%s\\t%s\\t%s\\n' "$d" "$t" "$c"; done`);
}
/** Exits 0 when the release dir is complete (its REVISION was written last, after the upload). */
function isCompleteCommand(releaseDir) {
    return (0,quote.sh) `[ -f ${external_node_path_.posix.join(releaseDir, REVISION)} ]`;
}
/** Exits 0 when anything is at `path`. */
function existsCommand(path) {
    return (0,quote.sh) `[ -e ${path} ]`;
}
// Making a release.
/** Unpacks the tar stream on stdin into `dir`; files get the deploy user as owner, whatever the archive says. */
function unpackCommand(dir, gzip) {
    return (0,quote.sh) `mkdir -p -- ${dir} && tar -x${(0,quote/* raw */.lS)(gzip ? ' -z' : '')} --no-same-owner -f - -C ${dir}`;
}
/** Writes <dir>/REVISION, one `key=value` a line: its presence marks the release complete. */
function writeRevisionCommand(dir, r) {
    const lines = [`tag=${r.tag}`, `commit=${r.commit}`, `source=${r.source}`, `deployed_at=${r.deployedAt}`];
    return (0,quote.sh) `printf '%s\\n' ${lines} > ${external_node_path_.posix.join(dir, REVISION)}`;
}
/** Creates shared/ and the directories shared links need (shared dirs, parents of shared files). */
function makeSharedDirsCommand(sharedDir, dirs) {
    return (0,quote.sh) `mkdir -p -- ${[sharedDir, ...dirs]}`;
}
/** Prints the `path` of each shared file missing from shared/, one a line; prints nothing when all are there. */
function missingSharedFilesCommand(files) {
    return files.map((l) => (0,quote.sh) `[ -e ${l.sharedPath} ] || printf '%s\\n' ${l.path};`).join(' ');
}
/** Replaces whatever the release holds at each shared path by a link into shared/. */
function linkSharedCommand(plan) {
    return plan
        .map((l) => (0,quote.sh) `${(0,quote/* raw */.lS)(removeDirCommand(l.linkPath))} && mkdir -p -- ${external_node_path_.posix.dirname(l.linkPath)} && ` +
        (0,quote.sh) `ln -s -- ${l.linkTarget} ${l.linkPath}`)
        .join(' && ');
}
/**
 * A user's install/migrate/restart command, in a login shell in `cwd`, told where it runs through
 * VPS_DEPLOY_TAG, VPS_DEPLOY_RELEASE_DIR and VPS_DEPLOY_APP_DIR.
 */
function releaseUserCommand(command, where) {
    return (0,quote/* userCommand */.L_)(command, {
        cwd: where.cwd,
        env: {
            VPS_DEPLOY_TAG: where.tag,
            VPS_DEPLOY_RELEASE_DIR: where.releaseDir,
            VPS_DEPLOY_APP_DIR: where.appDir,
        },
    });
}
// Switching, moving and removing.
/**
 * Points <app-dir>/current at `target` (relative to app-dir) in one rename(2): `ln -s` to a temporary name
 * (`.current.tmp-<tmpSuffix>`, unique per call), then `mv -T` over current, so at every instant current
 * resolves to the old or the new release. `ln -sfn` unlinks first, leaving a window with no current.
 */
function switchCommand(appDir, target, tmpSuffix) {
    const tmp = `.${CURRENT}.tmp-${tmpSuffix}`;
    return ((0,quote.sh) `cd ${appDir} && ln -s -- ${target} ${tmp} && ` +
        (0,quote.sh) `{ mv -T -- ${tmp} ${CURRENT} || { rc=$?; rm -f -- ${tmp}; exit $rc; }; }`);
}
/** Removes a directory even when it holds read-only files (Go module caches, some node_modules). */
function removeDirCommand(path) {
    return (0,quote.sh) `{ rm -rf -- ${path} 2>/dev/null || { chmod -R u+w -- ${path} && rm -rf -- ${path}; }; }`;
}
/** Removes each of `names` from <app-dir>/releases, stopping at the first that cannot be removed. */
function removeReleasesCommand(appDir, names) {
    const releases = external_node_path_.posix.join(appDir, RELEASES);
    return names.map((n) => removeDirCommand(external_node_path_.posix.join(releases, n))).join(' && ');
}
/** Renames a directory; `-T` so that an existing `to` is never entered and `from` moved inside it. */
function renameDirCommand(from, to) {
    return (0,quote.sh) `mv -T -- ${from} ${to}`;
}
/** A copy whose files are hard links: instant, no extra space, and the original stays in place. */
function hardLinkCopyCommand(from, to) {
    return (0,quote.sh) `cp -al -- ${from} ${to}`;
}
/** `dir` becomes `from`: by rename (`from` is gone after) or by hard-link copy (`from` stays). */
function replaceDirCommand(dir, from, how) {
    const place = how === 'rename' ? renameDirCommand(from, dir) : hardLinkCopyCommand(from, dir);
    return `${removeDirCommand(dir)} && ${place}`;
}

;// CONCATENATED MODULE: ./src/strategies/release-dirs/switch.ts




async function readCurrent(conn, appDir) {
    const r = await conn.run(readCurrentCommand(appDir), 'reading <app-dir>/current', { log: false });
    const out = r.stdout.trim();
    if (out.startsWith('link\t'))
        return { kind: 'link', target: out.slice(5) };
    return out === 'other' ? { kind: 'other' } : { kind: 'none' };
}
/** Fails, before anything changes, when <app-dir>/current is a real file or directory (say, an old checkout). */
function assertCurrentReplaceable(appDir, state) {
    if (state.kind !== 'other')
        return;
    throw new errors/* ConfigurationError */.j1(`${appDir}/current exists and is not a symbolic link: the release strategy makes current a link to ` +
        `releases/<tag>. Move it away first (for example mv current current.old) and deploy again`);
}
async function switchCurrent(conn, appDir, target) {
    // A fresh temporary name per switch: a link a killed run left behind never makes `ln -s` fail.
    const command = switchCommand(appDir, target, (0,external_node_crypto_.randomBytes)(6).toString('hex'));
    try {
        await conn.run(command, `switching current to ${target}`, { log: false });
    }
    catch (e) {
        throw (0,errors/* inPhase */.xe)('switch', e);
    }
}
/** Every entry of releases/ with the time it was made and whether it is complete. */
async function listReleases(conn, appDir) {
    const r = await conn.run(listReleasesCommand(appDir), 'listing releases', { log: false });
    return parseReleaseListing(r.stdout);
}

;// CONCATENATED MODULE: ./src/strategies/release-dirs/shared-links.ts




/**
 * Files and dirs that outlive releases (.env, media/, a SQLite file's directory) live in <app-dir>/shared and
 * are linked into each release. A shared file is the user's (secrets, settings): it is written only from
 * `env-file`, and a missing one stops the deploy before the switch. It is never created empty, which would
 * start the app without its configuration. Shared dirs are created empty when missing (media/, logs/).
 */
async function prepareShared(conn, appDir, plan, envFile) {
    const shared = external_node_path_.posix.join(appDir, SHARED);
    const dirs = plan.filter((l) => l.kind === 'dir').map((l) => l.sharedPath);
    const fileParents = plan.filter((l) => l.kind === 'file').map((l) => external_node_path_.posix.dirname(l.sharedPath));
    try {
        await conn.run(makeSharedDirsCommand(shared, [...new Set([...dirs, ...fileParents])]), 'creating shared/', {
            log: false,
        });
        if (envFile) {
            // Over SFTP (never a command line): temp name, chmod 0600, rename.
            await conn.upload(envFile.endsWith('\n') ? envFile : `${envFile}\n`, external_node_path_.posix.join(shared, '.env'), 0o600);
        }
    }
    catch (e) {
        throw (0,errors/* inPhase */.xe)('shared', e);
    }
    const files = plan.filter((l) => l.kind === 'file');
    if (!files.length)
        return;
    const r = await conn.run(missingSharedFilesCommand(files), 'checking shared files', { log: false });
    const missing = r.stdout.split('\n').filter(Boolean);
    if (missing.length) {
        const envHint = missing.includes('.env') ? ' (for .env: pass the "env-file" input from a secret)' : '';
        throw new errors/* ConfigurationError */.j1(`shared file${missing.length > 1 ? 's' : ''} missing on the server: ${missing
            .map((m) => external_node_path_.posix.join(shared, m))
            .join(', ')}. ` +
            `The deploy stopped before switching releases; nothing changed. Create ${missing.length > 1 ? 'them' : 'it'} ` +
            `on the server${envHint}, or remove ${missing.length > 1 ? 'them' : 'it'} from "shared-files"`);
    }
}
/** Replaces whatever the release holds at each shared path by a link into shared/ (one remote command). */
async function linkShared(conn, plan) {
    if (!plan.length)
        return;
    try {
        await conn.run(linkSharedCommand(plan), 'linking shared files into the release', { log: false });
    }
    catch (e) {
        throw (0,errors/* inPhase */.xe)('shared', e);
    }
}

;// CONCATENATED MODULE: ./src/strategies/release-dirs/upload.ts




/**
 * Streams the release's tar over one exec channel into `tar -x` on the server. One channel and one remote
 * process instead of a round trip per file over SFTP: 500 small files cost what one 1 MB file costs.
 * The stream is never written to disk on the runner (a git archive goes straight from git to the server).
 */
async function uploadRelease(conn, source, dir) {
    const started = performance.now();
    const channel = await conn.channel(unpackCommand(dir, source.kind === 'tar.gz'));
    const producer = source.open();
    // Listened to from the start: the producer can fail (git archive on a missing object) while the upload still
    // waits for the server, and a rejection nobody listens to by then ends the process.
    const produced = producer.finished.then(() => undefined, (e) => e);
    let bytes = 0;
    let stderr = '';
    let code;
    let signal;
    let localError;
    let ended = false;
    producer.stream.on('data', (d) => (bytes += d.length));
    producer.stream.on('end', () => (ended = true));
    channel.stderr.on('data', (d) => (stderr = (stderr + d.toString('utf8')).slice(-16_000)));
    channel.on('data', () => undefined);
    const closed = channel.exitStatus.then((status) => {
        code = status.code ?? undefined;
        signal = status.signal;
    });
    producer.stream.on('error', (e) => {
        localError = e;
        channel.end();
    });
    producer.stream.pipe(channel);
    try {
        await closed;
    }
    finally {
        // The server stopped reading before the end (tar failed, connection lost): stop the producer, or it would
        // block on a full pipe for ever. After the end it is exiting on its own (killing it then is a race that
        // turns a good upload into a failure): let it report. A producer stopped here does not count as failed.
        if (!ended)
            producer.stop();
    }
    const local = localError ?? (await produced);
    // First: a producer that failed cut the stream short, whatever the server made of it (a tar cut at a block
    // boundary can unpack with exit 0), and it is the cause of a remote tar's "Unexpected EOF".
    if (local) {
        throw new errors/* RemoteError */.Hi(`the release could not be read on the runner (${source.describe}): ${(0,errors/* errText */.V7)(local)}`, 'upload');
    }
    if (code === undefined && signal === undefined) {
        throw new errors/* RemoteError */.Hi((0,remote_shell/* connectionLost */.B)(conn, 'while the release was uploaded'), 'upload');
    }
    if (code !== 0) {
        throw new errors/* RemoteError */.Hi(`unpacking the release on the server failed (tar exit ${signal ?? code}; ${bytes} bytes sent)${(0,errors/* tailOf */.Cj)(stderr)}`, 'upload');
    }
    return { bytes, ms: performance.now() - started };
}

;// CONCATENATED MODULE: ./src/strategies/release-dirs/strategy.ts











/**
 * The `release` strategy, for apps a service manager runs (systemd, supervisord): each tag becomes
 * <app-dir>/releases/<tag> (a git archive or a given source, streamed over SSH), shared files are linked into
 * it, install/migrate run inside it, and `current` is switched to it by one atomic rename, then the user's
 * restart-command runs. Reverting is switching back and restarting.
 */
function releaseStrategy(ctx, opts) {
    checkReleaseOptions(opts);
    return new ReleaseDirectories(ctx, opts);
}
/** Every check of the options that needs no server and no tag (releaseStrategy calls it). */
function checkReleaseOptions(opts) {
    planSharedLinks('/app', 'check', opts.sharedFiles, opts.sharedDirs);
    const path = sourcePath(opts.workspace, opts.source);
    if (path)
        sourceKind(path, sourceFacts(path));
}
/**
 * Before connecting: the options, and that the tag's release can be made (the workspace has the tag, or
 * `source` is usable). Asynchronous because it asks the runner's git.
 */
async function checkReleaseTag(opts, tag) {
    checkReleaseOptions(opts);
    await resolveSource(opts.workspace, opts.source, tag);
}
class ReleaseDirectories {
    ctx;
    opts;
    name = 'release';
    /** A failed re-deploy of the serving tag is undone from the copy prepare() set aside. */
    restoresRedeploy = true;
    conn;
    asides = new Map();
    activated = new Set();
    constructor(ctx, opts) {
        this.ctx = ctx;
        this.opts = opts;
        this.conn = ctx.conn;
    }
    async prepare(tag) {
        const { appDir, log } = this.ctx;
        const p = releasePaths(appDir, tag);
        const plan = planSharedLinks(appDir, tag, this.opts.sharedFiles, this.opts.sharedDirs);
        const source = await resolveSource(this.opts.workspace, this.opts.source, tag);
        const current = await readCurrent(this.conn, appDir);
        assertCurrentReplaceable(appDir, current);
        await prepareShared(this.conn, appDir, plan, this.opts.envFile);
        const incoming = external_node_path_.posix.join(p.releases, `${INCOMING_PREFIX}${tag}-${stamp()}`);
        log.info(`Uploading ${source.describe} (commit ${source.commit}) to ${p.release}`);
        try {
            const up = await uploadRelease(this.conn, source, incoming);
            log.info(`  ${formatBytes(up.bytes)} in ${(up.ms / 1000).toFixed(1)}s`);
            const revision = {
                tag,
                commit: source.commit,
                source: source.describe,
                deployedAt: new Date().toISOString(),
            };
            await this.conn.run(writeRevisionCommand(incoming, revision), 'writing REVISION', { log: false });
        }
        catch (e) {
            await this.conn.exec(removeDirCommand(incoming), { log: false }).catch(() => undefined);
            throw (0,errors/* inPhase */.xe)('upload', e);
        }
        const servingThisTag = current.kind === 'link' && tagOfCurrentTarget(current.target) === tag;
        const aside = await this.placeRelease(tag, incoming, servingThisTag);
        try {
            await linkShared(this.conn, plan);
            if (this.opts.installCommand)
                await this.runUserCommand('install-command', this.opts.installCommand, tag, 'install');
        }
        catch (e) {
            await this.restoreAfterFailedPrepare(tag, aside).catch((r) => log.warning(`could not restore releases/${tag} after the failure: ${r instanceof Error ? r.message : String(r)}`));
            throw e;
        }
        if (aside)
            this.asides.set(tag, aside);
    }
    async migrate(tag) {
        if (this.opts.migrateCommand)
            await this.runUserCommand('migrate-command', this.opts.migrateCommand, tag, 'migrate');
    }
    async activate(tag) {
        const { appDir, log } = this.ctx;
        const p = releasePaths(appDir, tag);
        const aside = this.asides.get(tag);
        if (aside?.wasCurrent && this.activated.has(tag)) {
            // Rolling back a re-deploy of the serving tag: the copy moved aside is what served before.
            await this.restoreAside(tag, aside);
            this.asides.delete(tag);
        }
        else {
            const exists = await this.conn.exec(isCompleteCommand(p.release), { log: false });
            if (exists.code !== 0) {
                const onServer = await this.available();
                throw new errors/* ConfigurationError */.j1(`release ${JSON.stringify(tag)} is not on the server (${p.releases}); releases there: ` +
                    (onServer.length ? onServer.join(', ') : 'none'));
            }
            await switchCurrent(this.conn, appDir, p.currentTarget);
        }
        log.info(`current -> ${p.currentTarget}`);
        this.activated.add(tag);
        if (this.opts.restartCommand)
            await this.runUserCommand('restart-command', this.opts.restartCommand, tag, 'restart', p.current);
        else
            log.info('No restart-command: nothing restarts the app (set one, e.g. sudo systemctl restart <app>)');
    }
    async fatal() {
        // The service manager is the user's (systemd, supervisord, …): the health gate is the only judge here.
        return this.conn.isOpen ? undefined : (0,remote_shell/* connectionLost */.B)(this.conn);
    }
    async available() {
        const entries = await listReleases(this.conn, this.ctx.appDir);
        return releasesNewestFirst(entries).map((e) => e.name);
    }
    async prune(keep, protect, failed) {
        const { appDir, log } = this.ctx;
        const [entries, current] = await Promise.all([
            listReleases(this.conn, appDir),
            readCurrent(this.conn, appDir),
        ]);
        const serving = current.kind === 'link' ? tagOfCurrentTarget(current.target) : undefined;
        const choice = choosePrune(entries, { keep, protect, failed, ...(serving ? { current: serving } : {}) });
        const doomed = [...choice.remove, ...choice.leftovers];
        if (!doomed.length)
            return [];
        await this.conn.run(removeReleasesCommand(appDir, doomed), 'pruning releases', { log: false });
        if (choice.remove.length)
            log.info(`Pruned releases: ${choice.remove.join(', ')} (kept ${choice.keep.join(', ')})`);
        for (const d of choice.leftovers)
            this.asides.forEach((a, t) => a.name === d && this.asides.delete(t));
        return choice.remove;
    }
    /** Puts the uploaded dir in place as releases/<tag>, moving an existing one aside (restored on failure). */
    async placeRelease(tag, incoming, servingThisTag) {
        const { appDir } = this.ctx;
        const p = releasePaths(appDir, tag);
        const name = `${REPLACED_PREFIX}${tag}-${stamp()}`;
        const asidePath = external_node_path_.posix.join(p.releases, name);
        const exists = (await this.conn.exec(existsCommand(p.release), { log: false })).code === 0;
        let servedFromAside = false;
        try {
            if (exists && servingThisTag) {
                // The serving release cannot be renamed (current would dangle for an instant): hard-link copy it,
                // point current at the copy in one rename, and only then clear the name.
                await this.conn.run(hardLinkCopyCommand(p.release, asidePath), `copying the serving releases/${tag} aside`);
                await switchCurrent(this.conn, appDir, `releases/${name}`);
                servedFromAside = true;
                await this.conn.run(removeDirCommand(p.release), `removing the old releases/${tag}`);
            }
            else if (exists) {
                await this.conn.run(renameDirCommand(p.release, asidePath), `moving the old releases/${tag} aside`);
            }
            await this.conn.run(renameDirCommand(incoming, p.release), `placing releases/${tag}`);
        }
        catch (e) {
            await this.conn.exec(removeDirCommand(incoming), { log: false }).catch(() => undefined);
            if (servedFromAside)
                await this.restoreAside(tag, { name, wasCurrent: true }).catch(() => undefined);
            throw (0,errors/* inPhase */.xe)('upload', e);
        }
        return exists ? { name, wasCurrent: servingThisTag } : undefined;
    }
    async restoreAfterFailedPrepare(tag, aside) {
        const p = releasePaths(this.ctx.appDir, tag);
        if (!aside) {
            await this.conn.run(removeDirCommand(p.release), `removing the unfinished releases/${tag}`);
            return;
        }
        if (aside.wasCurrent) {
            await this.restoreAside(tag, aside);
        }
        else {
            const asidePath = external_node_path_.posix.join(p.releases, aside.name);
            await this.conn.run(replaceDirCommand(p.release, asidePath, 'rename'), `restoring releases/${tag}`);
        }
    }
    /** releases/<tag> becomes the aside copy again, with `current` resolvable at every instant. */
    async restoreAside(tag, aside) {
        const { appDir, log } = this.ctx;
        const p = releasePaths(appDir, tag);
        const asidePath = external_node_path_.posix.join(p.releases, aside.name);
        log.info(`Restoring the releases/${tag} that served before this deploy`);
        await switchCurrent(this.conn, appDir, `releases/${aside.name}`);
        await this.conn.run(replaceDirCommand(p.release, asidePath, 'copy'), `restoring releases/${tag}`);
        await switchCurrent(this.conn, appDir, p.currentTarget);
        await this.conn.run(removeDirCommand(asidePath), 'removing the copy set aside');
    }
    async runUserCommand(input, command, tag, phase, cwd) {
        const { appDir, log } = this.ctx;
        const p = releasePaths(appDir, tag);
        log.info(`Running ${input} in ${cwd ?? p.release}`);
        const full = releaseUserCommand(command, { tag, appDir, releaseDir: p.release, cwd: cwd ?? p.release });
        const r = await this.conn.exec(full);
        if (r.code === 0)
            return;
        const tail = (r.stderr.trim() ? r.stderr : r.stdout).trimEnd().split('\n').slice(-20).join('\n');
        const hint = r.code === 127
            ? '\nExit 127 is "command not found". User commands run in a non-interactive login shell (bash -lc): it ' +
                'reads ~/.profile or ~/.bash_profile but not ~/.bashrc, where nvm, pyenv and similar installers put ' +
                'their PATH lines. Use full paths (.venv/bin/pip, ~/.nvm/versions/node/<v>/bin/npm) or move the PATH ' +
                'lines into ~/.profile.'
            : '';
        const where = phase === 'restart' ? 'after the switch' : `before the switch; current is unchanged`;
        throw (0,errors/* inPhase */.xe)(phase, new Error(`${input} failed (exit ${r.signal ?? r.code}) ${where}${tail ? `:\n${tail}` : ''}${hint}`));
    }
}
function stamp() {
    return `${Date.now().toString(36)}${(0,external_node_crypto_.randomBytes)(3).toString('hex')}`;
}
function formatBytes(n) {
    return n >= 1024 * 1024 ? `${(n / 1024 / 1024).toFixed(1)} MB` : `${(n / 1024).toFixed(1)} KB`;
}


/***/ })

};
