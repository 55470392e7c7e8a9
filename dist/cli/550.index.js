export const id = 550;
export const ids = [550];
export const modules = {

/***/ 4291:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   AN: () => (/* binding */ attachAppLogs),
/* harmony export */   Qo: () => (/* binding */ appLogsOf),
/* harmony export */   wr: () => (/* binding */ showAppLogs)
/* harmony export */ });
/* unused harmony exports APP_LOG_LINES, printServerText, boundedTail */
/* harmony import */ var _ledger_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(9835);

/** At most this much of the app's logs is shown (the step log and the summary), from the end. */
const APP_LOG_LINES = 200;
const APP_LOG_BYTES = 32 * 1024;
/**
 * After a failed gate or phase: the app's own last log lines (compose `logs --tail`, or the user's
 * logs-command), with the secret inputs redacted, shown in a log group and returned for the summary.
 * Never throws: a failure to read logs must not hide the failure being reported.
 */
async function showAppLogs(ctx, strategy, what) {
    let text = '';
    try {
        text = boundedTail((0,_ledger_js__WEBPACK_IMPORTED_MODULE_0__/* .redact */ .E$)(await strategy.logs(), ctx.secrets));
        if (!text)
            return '';
        await ctx.log.group(`App logs after ${what} (last lines)`, async () => printServerText(ctx.log, text));
    }
    catch (e) {
        ctx.log.debug(`showing the app's logs failed: ${e instanceof Error ? e.message : String(e)}`);
    }
    return text;
}
/**
 * The one place app logs reach the step log: through ActionIO's fence for server output when the log has one,
 * else (a plain Log in tests) line by line. Server text is never printed through info() where a fence exists.
 */
function printServerText(log, text) {
    if (log.remoteOutput) {
        const out = log.remoteOutput();
        try {
            for (const line of text.split('\n'))
                out.line(line);
        }
        finally {
            out.end();
        }
        return;
    }
    for (const line of text.split('\n'))
        log.info(line);
}
/** The last APP_LOG_LINES lines, and no more than APP_LOG_BYTES of them. */
function boundedTail(text) {
    let lines = text.trimEnd().split('\n').slice(-APP_LOG_LINES);
    while (lines.length > 1 && Buffer.byteLength(lines.join('\n')) > APP_LOG_BYTES)
        lines = lines.slice(1);
    return lines.join('\n').slice(-APP_LOG_BYTES);
}
/** Logs shown for a failure that is thrown rather than returned (a failed install/migrate): kept for the report. */
const thrownWithLogs = new WeakMap();
function attachAppLogs(error, logs) {
    if (logs && typeof error === 'object' && error !== null)
        thrownWithLogs.set(error, logs);
}
/** `{ logs }` for a host report when a thrown failure carried the app's logs, else nothing. */
function appLogsOf(error) {
    const logs = typeof error === 'object' && error !== null ? thrownWithLogs.get(error) : undefined;
    return logs ? { logs } : {};
}


/***/ }),

/***/ 3900:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   AQ: () => (/* binding */ interruptedText),
/* harmony export */   E_: () => (/* binding */ withoutMark),
/* harmony export */   P: () => (/* binding */ cancelAfterSwitch),
/* harmony export */   VX: () => (/* binding */ underLockUnlessCancelled),
/* harmony export */   l_: () => (/* binding */ withSignal),
/* harmony export */   qv: () => (/* binding */ CancelWatch)
/* harmony export */ });
/* harmony import */ var _io_cancel_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(6736);
/* harmony import */ var _io_errors_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(7333);
/* harmony import */ var _attempt_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(5617);
/* harmony import */ var _state_js__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(7573);




/**
 * What a cancel (SIGINT/SIGTERM, src/io/cancel.ts) does to one attempt, by where it finds it (docs/faults.md,
 * "Cancellation"): before the switch the attempt stops at its next step with nothing changed; after it, the
 * release that ran is brought back and gated within the grace, or state.json and the ledger say `interrupted`.
 */
class CancelWatch {
    signal;
    phase = 'connect';
    arrivedIn;
    constructor(signal) {
        this.signal = signal;
        if (signal?.aborted)
            this.arrivedIn = 'connect';
        else
            signal?.addEventListener('abort', () => (this.arrivedIn ??= this.phase), { once: true });
    }
    get request() {
        return (0,_io_cancel_js__WEBPACK_IMPORTED_MODULE_0__/* .cancelRequest */ .UL)(this.signal);
    }
    enter(phase) {
        this.phase = phase;
    }
    /** A step before the switch: not started when a cancel came first. */
    async step(attempt, name, title, fn) {
        await this.stopIfCancelled(attempt);
        this.enter(name);
        return attempt.phase(name, title, fn);
    }
    /** Before the switch: records `cancelled` with the phase the cancel found, and stops the attempt. */
    async stopIfCancelled(attempt) {
        const req = this.request;
        if (!req)
            return;
        const phase = this.arrivedIn ?? this.phase;
        const error = `cancelled (${req.signal}) during ${phase}, before the switch: nothing changed on ${attempt.ctx.conn.label}`;
        await attempt.finish({ outcome: 'cancelled', phase, error });
        throw new _io_cancel_js__WEBPACK_IMPORTED_MODULE_0__/* .Cancelled */ .cJ(error, phase);
    }
    /** A cancel that came before the lock was taken: no ledger line (the ledger is written under the lock only). */
    beforeLock(label) {
        const phase = this.arrivedIn ?? this.phase;
        return new _io_cancel_js__WEBPACK_IMPORTED_MODULE_0__/* .Cancelled */ .cJ(`cancelled (${this.request?.signal ?? 'signal'}) during ${phase}, before the deploy lock was taken: nothing changed on ${label}`, phase);
    }
}
/**
 * Attempt.underLock, except that a cancel while waiting for another deploy's lock stops the wait: the flow
 * ends at once, and the lock request dies with the connection.
 */
function underLockUnlessCancelled(ctx, watch, holder, body) {
    const { signal } = ctx;
    if (watch.request)
        return Promise.reject(watch.beforeLock(ctx.conn.label));
    watch.enter('lock');
    let inside = false;
    let abandoned = false;
    const run = _attempt_js__WEBPACK_IMPORTED_MODULE_2__/* .Attempt */ .UI.underLock(ctx, holder, (attempt) => {
        if (abandoned)
            return Promise.reject(watch.beforeLock(ctx.conn.label));
        inside = true;
        return body(attempt);
    });
    if (!signal)
        return run;
    return (0,_io_cancel_js__WEBPACK_IMPORTED_MODULE_0__/* .raceAbort */ .Mu)(run, signal, (_resolve, reject) => {
        if (inside)
            return;
        abandoned = true;
        reject(watch.beforeLock(ctx.conn.label));
    });
}
/**
 * A cancel after the switch: `attempted` may be serving while state.json names `state.current`. First both
 * state.json and the ledger say `interrupted` (a SIGKILL may come at any moment), then what ran is brought back
 * and gated within the grace; once it passes, state.json is as it was and the ledger says `cancelled`.
 */
async function cancelAfterSwitch(attempt, req, s) {
    const { ctx } = attempt;
    const phase = s.gate ? 'gate' : 'activate';
    const what = `cancelled (${req.signal}) during the ${phase} of ${s.attempted}`;
    const mark = {
        tag: s.attempted,
        restoring: s.back,
        phase,
        since: new Date().toISOString(),
        runUrl: ctx.run.runUrl,
    };
    ctx.log.warning(s.back
        ? `${what}: bringing back ${s.back} within ${Math.max(0, Math.round(req.graceLeftMs() / 100) / 10)}s`
        : `${what}: there is nothing to bring back; state.json marks ${s.attempted} as interrupted`);
    await writeMark(ctx, { ...s.state, interrupted: mark });
    // The new release's last answer before the cancel, when it gave one.
    const health = s.gate && s.gate.attempts > 0 ? { health: (0,_attempt_js__WEBPACK_IMPORTED_MODULE_2__/* .healthFacts */ .mv)(s.gate) } : {};
    await attempt.finish({ outcome: 'interrupted', phase, error: what, ...health });
    const restore = s.back ? await s.bringBack(s.back, req.at + _io_cancel_js__WEBPACK_IMPORTED_MODULE_0__/* .ROLLBACK_GRACE_MS */ .ri) : undefined;
    const restored = restore?.gate?.passed === true;
    if (restored)
        await writeMark(ctx, withoutMark(s.state));
    const failure = restored
        ? `${what}: ${s.back} was brought back and passed its gate`
        : s.back
            ? `${what}: ${s.back} could not be brought back within the grace (${restore?.error ?? restore?.gate?.reason ?? ''}); state.json marks the deploy interrupted`
            : `${what}; state.json marks it interrupted`;
    await attempt.finish({
        outcome: restored ? 'cancelled' : 'interrupted',
        phase,
        error: failure,
        ...health,
        ...(restore ? { restore: (0,_attempt_js__WEBPACK_IMPORTED_MODULE_2__/* .restoreFacts */ .O4)(restore.tag, restore.gate) } : {}),
    });
    return {
        status: 'failed',
        attempted: s.attempted,
        current: restore?.gate ? s.back : s.attempted,
        before: s.state.current,
        ...(s.gate ? { gate: s.gate } : {}),
        ...(restore ? { restore } : {}),
        phases: attempt.phases,
        failure,
        pruned: [],
    };
}
/** state.json without an interrupted mark: what it said before the attempt. */
function withoutMark(state) {
    return { current: state.current, previous: state.previous, strategy: state.strategy };
}
async function writeMark(ctx, state) {
    try {
        await (0,_state_js__WEBPACK_IMPORTED_MODULE_3__/* .writeState */ .Jq)(ctx.conn, ctx.appDir, state);
    }
    catch (e) {
        ctx.log.warning(`could not write state.json (${(0,_io_errors_js__WEBPACK_IMPORTED_MODULE_1__/* .errText */ .V7)(e)})`);
    }
}
/** What a reader is told when the last attempt left state.json interrupted. Pure. */
function interruptedText(state) {
    const m = state.interrupted;
    if (!m)
        return undefined;
    return (`the last attempt was interrupted during the ${m.phase} of ${m.tag} (${m.runUrl || 'outside GitHub Actions'}, ${m.since}): ` +
        `${m.tag}${m.restoring ? ` or ${m.restoring}` : ''} may be what serves; state.json's current (${state.current ?? 'none'}) ` +
        'is trusted only once it passes a gate again');
}
/** The flow's context with the run's cancel, when there is one. */
function withSignal(ctx, signal) {
    return signal ? { ...ctx, signal } : ctx;
}


/***/ }),

/***/ 8259:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {


// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  EQ: () => (/* binding */ activateAndGate),
  kB: () => (/* binding */ bringBack),
  H_: () => (/* binding */ deployRelease)
});

// EXTERNAL MODULE: ./src/io/cancel.ts
var io_cancel = __webpack_require__(6736);
// EXTERNAL MODULE: ./src/health/gate.ts
var health_gate = __webpack_require__(2923);
// EXTERNAL MODULE: ./src/io/errors.ts
var errors = __webpack_require__(7333);
// EXTERNAL MODULE: ./src/flow/attempt.ts
var flow_attempt = __webpack_require__(5617);
// EXTERNAL MODULE: ./src/flow/cancel.ts
var flow_cancel = __webpack_require__(3900);
// EXTERNAL MODULE: ./src/flow/ledger.ts
var ledger = __webpack_require__(9835);
// EXTERNAL MODULE: ./src/ssh/remote-shell.ts
var remote_shell = __webpack_require__(8461);
// EXTERNAL MODULE: ./src/health/command-probe.ts
var command_probe = __webpack_require__(2944);
// EXTERNAL MODULE: ./src/health/run-gate.ts + 2 modules
var run_gate = __webpack_require__(1098);
// EXTERNAL MODULE: ./src/health/verdict.ts
var verdict = __webpack_require__(415);
;// CONCATENATED MODULE: ./src/flow/await-ready.ts
/**
 * After the health URL passed: the server's own view must agree. While the strategy says `waiting` (a Docker
 * healthcheck still `starting`) the gate waits, every health-interval, within what is left of health-timeout;
 * `failed` (a Docker healthcheck `unhealthy`) fails the gate at once with that reason.
 */
async function untilReady(strategy, gate, opts, log, clock = {
    now: () => performance.now(),
    sleep: (ms) => new Promise((r) => setTimeout(r, ms)),
}) {
    if (!gate.passed)
        return gate;
    const start = clock.now() - gate.elapsedMs;
    const deadline = start + opts.timeoutSeconds * 1000;
    let said = '';
    for (;;) {
        const r = await strategy.readiness();
        const elapsedMs = clock.now() - start;
        if (r.state === 'ready')
            return { ...gate, elapsedMs };
        if (r.state === 'failed')
            return { ...gate, passed: false, elapsedMs, reason: r.reason };
        if (r.reason !== said)
            log.info(`  ${r.reason}: waiting`);
        said = r.reason;
        const wait = opts.intervalSeconds * 1000;
        if (clock.now() + wait >= deadline) {
            return {
                ...gate,
                passed: false,
                elapsedMs,
                reason: `health-timeout (${opts.timeoutSeconds}s) ran out: ${r.reason}`,
            };
        }
        await clock.sleep(wait);
    }
}

;// CONCATENATED MODULE: ./src/flow/gate-release.ts






/** The plan's checks over one connection: every URL, then every command. */
function healthChecks(conn, plan) {
    const via = plan.from === 'server'
        ? {
            dialer: (h, p) => conn.tunnel(h, p),
            socketDialer: (path) => conn.unixSocket(path),
        }
        : {};
    const headers = Object.keys(plan.headers).length ? { headers: plan.headers } : {};
    return [
        ...plan.urls.map((url) => (0,run_gate/* urlCheck */.Y8)({ url, ...headers, ...via })),
        ...plan.commands.map((command) => (0,command_probe/* commandCheck */.QA)(conn, command)),
    ];
}
/**
 * Gates the release the strategy just activated. While probes fail, the strategy is asked whether the app can
 * still come up (a crashed or restart-looping container fails the gate at once); a lost SSH connection ends the
 * gate with an error rather than a verdict about the app.
 */
async function gateRelease(conn, strategy, plan, log, signal) {
    const via = plan.from === 'server' && plan.urls.length ? ' through the SSH host' : '';
    const gate = await (0,run_gate/* gateChecks */.He)(healthChecks(conn, plan), plan.gate, log, async (last) => {
        if (!conn.isOpen)
            throw new errors/* RemoteError */.Hi((0,remote_shell/* connectionLost */.B)(conn));
        if ((0,verdict/* passes */.WE)(last.verdict, plan.gate.allowDegraded))
            return undefined;
        return strategy.fatal();
    }, via, signal);
    // The URL passed: a Docker healthcheck still `starting` waits, `unhealthy` fails (src/flow/await-ready.ts).
    return untilReady(strategy, gate, plan.gate, log);
}

// EXTERNAL MODULE: ./src/flow/app-logs.ts
var app_logs = __webpack_require__(4291);
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
    const watch = new flow_cancel/* CancelWatch */.qv(ctx.signal);
    return (0,flow_cancel/* underLockUnlessCancelled */.VX)(ctx, watch, { tag, action: 'deploy' }, async (attempt) => {
        const strategy = ctx.strategyFor(opts.strategy);
        const state = await attempt.readState(opts.strategy);
        const before = state.current;
        ctx.log.info(`Deploying ${tag} to ${ctx.conn.label} (${strategy.name}); current: ${before ?? 'none'}, previous: ${state.previous ?? 'none'}`);
        const interrupted = (0,flow_cancel/* interruptedText */.AQ)(state);
        if (interrupted)
            ctx.log.warning(interrupted);
        await attempt.begin({ action: 'deploy', tag, previous: before, strategy: strategy.name });
        try {
            await watch.step(attempt, 'prepare', `Prepare ${tag}`, () => strategy.prepare(tag));
            await watch.step(attempt, 'migrate', `Migrate for ${tag}`, () => strategy.migrate(tag));
            await watch.stopIfCancelled(attempt);
        }
        catch (e) {
            if (e instanceof io_cancel/* Cancelled */.cJ)
                throw e;
            await attempt.finish({ outcome: 'aborted', phase: (0,flow_attempt/* phaseOf */.hU)(e) ?? 'prepare', error: (0,errors/* errText */.V7)(e) });
            if (ctx.conn.isOpen)
                (0,app_logs/* attachAppLogs */.AN)(e, await (0,app_logs/* showAppLogs */.wr)(ctx, strategy, `the failed ${(0,flow_attempt/* phaseOf */.hU)(e) ?? 'prepare'}`));
            throw e;
        }
        const { gate, failure, logs } = await activateAndGate(attempt, strategy, tag);
        const cancel = (0,io_cancel/* cancelRequest */.UL)(ctx.signal);
        if (cancel) {
            const back = opts.rollbackOnFailure && before && (before !== tag || strategy.restoresRedeploy) ? before : null;
            return (0,flow_cancel/* cancelAfterSwitch */.P)(attempt, cancel, {
                state,
                attempted: tag,
                back,
                ...(gate ? { gate } : {}),
                bringBack: (t, deadlineAt) => bringBack(attempt, strategy, t, deadlineAt),
            });
        }
        if (gate?.passed) {
            const next = (0,flow_state/* promoted */.tU)(state, tag, strategy.name);
            // Not a log group of its own, but a lost connection here still names where the deploy stopped.
            await (0,flow_state/* writeState */.Jq)(ctx.conn, ctx.appDir, next).catch((e) => {
                throw (0,errors/* inPhase */.xe)('record', e);
            });
            await attempt.finish({ outcome: 'deployed', health: (0,flow_attempt/* healthFacts */.mv)(gate) });
            // Cancelled once state.json names the new release: the deploy stands, only the pruning is left out.
            const pruned = ctx.signal?.aborted
                ? []
                : await prune(attempt, strategy, opts.keepReleases, [next.current, next.previous]);
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
                ...(logs ? { logs } : {}),
                pruned: [],
            };
        }
        ctx.log.warning(`${failure}; rolling back to ${prev}`);
        const restore = await bringBack(attempt, strategy, prev);
        const restored = restore.gate?.passed === true;
        // What state.json names serves again, gated: an earlier attempt's interrupted mark no longer holds.
        if (restored && state.interrupted)
            await (0,flow_state/* writeState */.Jq)(ctx.conn, ctx.appDir, (0,flow_cancel/* withoutMark */.E_)(state));
        await attempt.finish({
            outcome: restored ? 'rolled-back' : 'failed',
            phase: gate ? 'gate' : 'activate',
            error: failure,
            ...health,
            restore: (0,flow_attempt/* restoreFacts */.O4)(prev, restore.gate),
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
            ...(logs ? { logs } : {}),
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
        // Cancelled while activating: no gate to start, the caller brings back what ran.
        if (ctx.signal?.aborted)
            return { failure: `cancelled while activating ${tag}` };
        const gate = await attempt.phase('gate', `Health gate of ${tag}`, () => gateRelease(ctx.conn, strategy, ctx.health, ctx.log, ctx.signal));
        // Read before anything is rolled back: the logs of the release that failed (not when cancelled: no time).
        const logs = gate.passed || ctx.signal?.aborted ? '' : await (0,app_logs/* showAppLogs */.wr)(ctx, strategy, `the failed gate of ${tag}`);
        return {
            gate,
            failure: `the health gate of ${tag} failed: ${gate.reason ?? (0,health_gate/* describeVerdict */.X)(gate.last)}`,
            ...(logs ? { logs } : {}),
        };
    }
    catch (e) {
        if (!ctx.conn.isOpen) {
            await attempt.finish({ outcome: 'failed', ...(0,flow_attempt/* phaseField */.KS)(e), error: (0,errors/* errText */.V7)(e) });
            throw e;
        }
        const logs = await (0,app_logs/* showAppLogs */.wr)(ctx, strategy, `the failed activation of ${tag}`);
        return { failure: (0,errors/* errText */.V7)(e), ...(logs ? { logs } : {}) };
    }
}
/**
 * Activates a release already on the server (no prepare: its images or directory are kept) and gates it. After
 * a cancel the gate ends by `deadlineAt` (performance.now() time) instead of health-timeout, and is not itself
 * cancelled: the second signal must not cut it midway.
 */
async function bringBack(attempt, strategy, tag, deadlineAt) {
    const { health } = attempt.ctx;
    try {
        const gate = await attempt.phase('rollback', `Roll back to ${tag}`, async () => {
            await strategy.activate(tag);
            const plan = deadlineAt === undefined ? health : { ...health, gate: within(health.gate, deadlineAt) };
            return gateRelease(attempt.ctx.conn, strategy, plan, attempt.ctx.log);
        });
        return { tag, gate };
    }
    catch (e) {
        attempt.ctx.log.warning(`rolling back to ${tag} failed: ${(0,errors/* errText */.V7)(e)}`);
        return { tag, error: (0,errors/* errText */.V7)(e) };
    }
}
/** The gate options cut to end by deadlineAt (at least one second: one probe). */
function within(gate, deadlineAt) {
    const left = Math.max(1, (deadlineAt - performance.now()) / 1000);
    return {
        ...gate,
        timeoutSeconds: Math.min(gate.timeoutSeconds, left),
        requestTimeoutSeconds: Math.min(gate.requestTimeoutSeconds, left),
    };
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
/* harmony import */ var _app_logs_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(4291);



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
            reports.push({ host, error: (0,_io_errors_js__WEBPACK_IMPORTED_MODULE_0__/* .describeFailure */ .Ic)(e), ...(0,_app_logs_js__WEBPACK_IMPORTED_MODULE_2__/* .appLogsOf */ .Qo)(e) });
            return { reports, fault: e };
        }
    }
    return { reports };
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
/* harmony import */ var _io_summary_js__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(2864);
/* harmony import */ var _health_gate_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(2923);
/* harmony import */ var _health_excerpt_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(7111);
/* harmony import */ var _ledger_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(9835);




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
        const body = g ? (0,_health_excerpt_js__WEBPACK_IMPORTED_MODULE_2__/* .bodyExcerpt */ .k)(g.last.body, 2000) : '';
        return body
            ? [
                `<details><summary>${r.host}: last health body of ${r.result.attempted}</summary>`,
                '',
                (0,_io_summary_js__WEBPACK_IMPORTED_MODULE_3__/* .codeBlock */ .DV)(body),
                '',
                '</details>',
                '',
            ]
            : [];
    });
    const logs = reports.flatMap((r) => {
        const text = r.result?.logs ?? r.logs;
        const of = r.result?.attempted ? ` of ${r.result.attempted}` : '';
        return text
            ? [
                `<details><summary>${r.host}: app logs${of} (last lines)</summary>`,
                '',
                (0,_io_summary_js__WEBPACK_IMPORTED_MODULE_3__/* .codeBlock */ .DV)(text),
                '',
                '</details>',
                '',
            ]
            : [];
    });
    const checks = reports.flatMap((r) => checksTable(r));
    const failures = reports.flatMap((r) => (r.error ?? r.result?.failure) ? [`- ${r.host}: ${r.error ?? r.result?.failure}`] : []);
    const text = [
        `### ${icon} ${title}: ${status}`,
        '',
        (0,_io_summary_js__WEBPACK_IMPORTED_MODULE_3__/* .table */ .tp)(['host', 'tag', 'previous', 'verdict', 'rollback', 'time per phase', 'outcome'], rows),
        '',
        ...(failures.length ? [...failures, ''] : []),
        ...checks,
        ...bodies,
        ...logs,
    ].join('\n');
    return (0,_ledger_js__WEBPACK_IMPORTED_MODULE_1__/* .redact */ .E$)(text, secrets);
}
/** Each health check's last verdict, when a gate waited for several (health-url and health-command lines). */
function checksTable(r) {
    const gates = [
        [r.result?.attempted, r.result?.gate],
        [r.result?.restore?.tag, r.result?.restore?.gate],
    ];
    return gates.flatMap(([tag, g]) => g?.checks?.length
        ? [
            `${r.host}: health checks of ${tag ?? ''}`,
            '',
            (0,_io_summary_js__WEBPACK_IMPORTED_MODULE_3__/* .table */ .tp)(['check', 'last verdict'], g.checks.map((c) => [c.label, (0,_health_gate_js__WEBPACK_IMPORTED_MODULE_0__/* .describeVerdict */ .X)(c.last)])),
            '',
        ]
        : []);
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

/***/ 890:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   fy: () => (/* binding */ stagingCommand),
/* harmony export */   iG: () => (/* binding */ readLocal),
/* harmony export */   mj: () => (/* binding */ extraFileProblem),
/* harmony export */   mw: () => (/* binding */ filesToUpload),
/* harmony export */   nG: () => (/* binding */ planExtraFiles),
/* harmony export */   pW: () => (/* binding */ forgetCommand),
/* harmony export */   qM: () => (/* binding */ FILES_DIR),
/* harmony export */   sz: () => (/* binding */ applyCommand),
/* harmony export */   t6: () => (/* binding */ recordCommand)
/* harmony export */ });
/* harmony import */ var node_fs__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(3024);
/* harmony import */ var node_fs__WEBPACK_IMPORTED_MODULE_0___default = /*#__PURE__*/__webpack_require__.n(node_fs__WEBPACK_IMPORTED_MODULE_0__);
/* harmony import */ var node_path__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(6760);
/* harmony import */ var node_path__WEBPACK_IMPORTED_MODULE_1___default = /*#__PURE__*/__webpack_require__.n(node_path__WEBPACK_IMPORTED_MODULE_1__);
/* harmony import */ var _io_errors_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(7333);
/* harmony import */ var _ssh_quote_js__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(9038);




const FILES_DIR = '.vps-deploy/files';
/** Names in the app dir the actions own: an extra file may not replace them. */
const RESERVED = ['.vps-deploy', '.env'];
const badSegment = (p) => p.split('/').some((s) => s === '..');
/** Why one `local[:remote]` line cannot be used, or undefined (checks that need no file system). */
function extraFileProblem(line) {
    const [local = '', remote] = splitLine(line);
    if (!local)
        return 'names no local path';
    if (/[\0\n\r]/.test(line))
        return 'holds a control character';
    if (badSegment(local))
        return 'has a ".." segment in its local path';
    if (remote !== undefined && !remote)
        return 'has an empty remote path after ":"';
    if (remote !== undefined && badSegment(remote))
        return 'has a ".." segment in its remote path';
    return undefined;
}
function splitLine(line) {
    const i = line.indexOf(':');
    return i < 0 ? [line.trim(), undefined] : [line.slice(0, i).trim(), line.slice(i + 1).trim()];
}
/**
 * The `extra-files` lines resolved: local paths from the workspace (they must exist), remote paths inside the
 * app dir (an absolute one only when it is under app-dir), never onto `.vps-deploy` or `.env`.
 */
function planExtraFiles(lines, workspace, appDir) {
    const refuse = (line, why) => new _io_errors_js__WEBPACK_IMPORTED_MODULE_2__/* .ConfigurationError */ .j1(`input "extra-files" got ${JSON.stringify(line)}: ${why}`);
    const seen = new Set();
    return lines.map((line) => {
        const problem = extraFileProblem(line);
        if (problem)
            throw refuse(line, problem);
        const [local, given] = splitLine(line);
        const full = (0,node_path__WEBPACK_IMPORTED_MODULE_1__.isAbsolute)(local) ? local : (0,node_path__WEBPACK_IMPORTED_MODULE_1__.join)(workspace, local);
        try {
            (0,node_fs__WEBPACK_IMPORTED_MODULE_0__.statSync)(full);
        }
        catch {
            throw refuse(line, `there is no ${full} on the runner`);
        }
        let remote = given ?? ((0,node_path__WEBPACK_IMPORTED_MODULE_1__.isAbsolute)(local) ? node_path__WEBPACK_IMPORTED_MODULE_1__.posix.basename(local) : local);
        if (node_path__WEBPACK_IMPORTED_MODULE_1__.posix.isAbsolute(remote)) {
            const rel = node_path__WEBPACK_IMPORTED_MODULE_1__.posix.relative(node_path__WEBPACK_IMPORTED_MODULE_1__.posix.normalize(appDir), node_path__WEBPACK_IMPORTED_MODULE_1__.posix.normalize(remote));
            if (!rel || rel.startsWith('..') || node_path__WEBPACK_IMPORTED_MODULE_1__.posix.isAbsolute(rel))
                throw refuse(line, `the remote path ${remote} is outside app-dir (${appDir}); give it relative to app-dir`);
            remote = rel;
        }
        remote = node_path__WEBPACK_IMPORTED_MODULE_1__.posix
            .normalize(remote)
            .replace(/^\.\/+/, '')
            .replace(/\/+$/, '');
        if (!remote || remote === '.')
            throw refuse(line, 'the remote path is app-dir itself');
        if (RESERVED.includes(remote.split('/')[0]))
            throw refuse(line, `${remote} belongs to vps-deploy (.vps-deploy/, .env): choose another remote path`);
        if (seen.has(remote))
            throw refuse(line, `${remote} is given twice`);
        seen.add(remote);
        return { local: full, remote };
    });
}
/** Every file to upload: (runner path, path under root/), directories walked; the file mode kept. */
function filesToUpload(files) {
    const out = [];
    const walk = (local, remote) => {
        const st = (0,node_fs__WEBPACK_IMPORTED_MODULE_0__.statSync)(local);
        if (st.isDirectory()) {
            for (const name of (0,node_fs__WEBPACK_IMPORTED_MODULE_0__.readdirSync)(local).sort())
                walk((0,node_path__WEBPACK_IMPORTED_MODULE_1__.join)(local, name), node_path__WEBPACK_IMPORTED_MODULE_1__.posix.join(remote, name));
        }
        else if (st.isFile()) {
            out.push({ local, remote, mode: st.mode & 0o777 });
        }
    };
    for (const f of files)
        walk(f.local, f.remote);
    return out;
}
function readLocal(path) {
    return (0,node_fs__WEBPACK_IMPORTED_MODULE_0__.readFileSync)(path);
}
/** The staging dir of a tag's files, then the directories its files need (made before the uploads). */
function stagingCommand(appDir, staging, dirs) {
    const root = node_path__WEBPACK_IMPORTED_MODULE_1__.posix.join(appDir, FILES_DIR, staging, 'root');
    return (0,_ssh_quote_js__WEBPACK_IMPORTED_MODULE_3__.sh) `mkdir -p -- ${[root, ...dirs.map((d) => node_path__WEBPACK_IMPORTED_MODULE_1__.posix.join(root, d))]}`;
}
/** Puts the staged files in place as the tag's record (replacing an earlier record of the same tag). */
function recordCommand(appDir, staging, tag, remotes) {
    const dir = node_path__WEBPACK_IMPORTED_MODULE_1__.posix.join(appDir, FILES_DIR);
    return ((0,_ssh_quote_js__WEBPACK_IMPORTED_MODULE_3__.sh) `cd ${dir} && printf '%s\\n' ${remotes} > ${node_path__WEBPACK_IMPORTED_MODULE_1__.posix.join(staging, 'MANIFEST')} && ` +
        (0,_ssh_quote_js__WEBPACK_IMPORTED_MODULE_3__.sh) `rm -rf -- ${tag} && mv -T -- ${staging} ${tag}`);
}
/**
 * Copies a tag's recorded files into the app dir: each path by a copy beside it and a rename (a file is
 * replaced in one rename; a directory is swapped by two). Prints `none` when files are recorded for other
 * tags but not this one (deployed before it used extra-files): what is in place then stays.
 */
function applyCommand(appDir, tag) {
    const src = node_path__WEBPACK_IMPORTED_MODULE_1__.posix.join(FILES_DIR, tag);
    return ((0,_ssh_quote_js__WEBPACK_IMPORTED_MODULE_3__.sh) `cd ${appDir} && [ -d ${FILES_DIR} ] || exit 0; s=${src}; [ -f "$s/MANIFEST" ] || { echo none; exit 0; }; ` +
        `while IFS= read -r p; do [ -n "$p" ] || continue; ` +
        `rm -rf -- "$p.vpsd-new" "$p.vpsd-old" && mkdir -p -- "$(dirname -- "$p")" && cp -a -- "$s/root/$p" "$p.vpsd-new" && ` +
        `if [ -d "$p" ] && [ ! -L "$p" ]; then mv -T -- "$p" "$p.vpsd-old" && mv -T -- "$p.vpsd-new" "$p" && rm -rf -- "$p.vpsd-old"; ` +
        `else mv -T -- "$p.vpsd-new" "$p"; fi || exit 1; echo "$p"; done < "$s/MANIFEST"`);
}
/** Removes the records of pruned tags. */
function forgetCommand(appDir, tags) {
    return (0,_ssh_quote_js__WEBPACK_IMPORTED_MODULE_3__.sh) `cd ${appDir} && rm -rf -- ${tags.map((t) => node_path__WEBPACK_IMPORTED_MODULE_1__.posix.join(FILES_DIR, t))}`;
}


/***/ }),

/***/ 9626:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   $c: () => (/* binding */ recordEnv),
/* harmony export */   Uw: () => (/* binding */ RELEASE_ENV),
/* harmony export */   _4: () => (/* binding */ composeEnvStaged),
/* harmony export */   bK: () => (/* binding */ composeEnvRecord),
/* harmony export */   bq: () => (/* binding */ COMPOSE_ENV_DIR),
/* harmony export */   iJ: () => (/* binding */ applyEnv),
/* harmony export */   po: () => (/* binding */ installFirstEnv),
/* harmony export */   wL: () => (/* binding */ forgetComposeEnvCommand)
/* harmony export */ });
/* unused harmony exports envFileText, copyEnvCommand, envModeCommand, fileExistsCommand */
/* harmony import */ var node_crypto__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(7598);
/* harmony import */ var node_crypto__WEBPACK_IMPORTED_MODULE_0___default = /*#__PURE__*/__webpack_require__.n(node_crypto__WEBPACK_IMPORTED_MODULE_0__);
/* harmony import */ var node_path__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(6760);
/* harmony import */ var node_path__WEBPACK_IMPORTED_MODULE_1___default = /*#__PURE__*/__webpack_require__.n(node_path__WEBPACK_IMPORTED_MODULE_1__);
/* harmony import */ var _io_errors_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(7333);
/* harmony import */ var _ssh_quote_js__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(9038);




/**
 * `env-file` is part of a release: each deploy records the config it ran with beside the release (release
 * directories: releases/<tag>/.vps-deploy.env; compose: .vps-deploy/env/<tag>.env), and activating a tag
 * puts its recorded config in place (shared/.env, the compose .env) by a copy and one rename. So a deploy that
 * stops before the switch leaves the live config alone, and a rollback brings back the config with the code.
 * Both strategies use this; docs/server-layout.md describes the files.
 */
/** Name of the recorded config inside a release directory. */
const RELEASE_ENV = '.vps-deploy.env';
/** Where the compose strategy keeps each tag's recorded .env, relative to the app dir. */
const COMPOSE_ENV_DIR = '.vps-deploy/env';
/** env-file contents as written on the server: LF line endings (CRLF from a Windows editor or secret), a final newline. */
function envFileText(content) {
    const lf = content.replace(/\r\n?/g, '\n');
    return lf.endsWith('\n') ? lf : `${lf}\n`;
}
/**
 * The mode a config file gets in `dir`: 0600, or 0640 when `dir` is setgid (init's `app-group` on shared/), so
 * an app running as its own user in that group can read `.env` itself (python-dotenv, pydantic settings); the
 * file takes the directory's group by the setgid bit. Sets `$mode` for the commands after it.
 */
function envModeFor(dir) {
    return (0,_ssh_quote_js__WEBPACK_IMPORTED_MODULE_3__.sh) `mode=600; if [ -g ${dir} ]; then mode=640; fi; `;
}
/**
 * Copies `from` to `to` by a temp file (no access for others from the start) renamed over `to`, so a reader
 * sees the old file or the new one; mode 0600, or 0640 in a setgid dir (envModeFor). Prints `none` when `from`
 * does not exist (and changes nothing).
 */
function copyEnvCommand(from, to, tmpSuffix) {
    const tmp = `${to}.tmp-${tmpSuffix}`;
    return ((0,_ssh_quote_js__WEBPACK_IMPORTED_MODULE_3__.sh) `if [ ! -f ${from} ]; then echo none; exit 0; fi; mkdir -p -- ${node_path__WEBPACK_IMPORTED_MODULE_1__.posix.dirname(to)} && ` +
        envModeFor(node_path__WEBPACK_IMPORTED_MODULE_1__.posix.dirname(to)) +
        (0,_ssh_quote_js__WEBPACK_IMPORTED_MODULE_3__.sh) `(umask 077 && cp -- ${from} ${tmp}) && chmod "$mode" -- ${tmp} && ` +
        (0,_ssh_quote_js__WEBPACK_IMPORTED_MODULE_3__.sh) `{ mv -f -- ${tmp} ${to} || { rc=$?; rm -f -- ${tmp}; exit $rc; }; }`);
}
/** Gives an uploaded config (mode 0600) the mode copyEnvCommand would: 0640 in a setgid dir. */
function envModeCommand(path) {
    return envModeFor(node_path__WEBPACK_IMPORTED_MODULE_1__.posix.dirname(path)) + (0,_ssh_quote_js__WEBPACK_IMPORTED_MODULE_3__.sh) `chmod "$mode" -- ${path}`;
}
/** Exits 0 when a file is at `path`. */
function fileExistsCommand(path) {
    return (0,_ssh_quote_js__WEBPACK_IMPORTED_MODULE_3__.sh) `[ -f ${path} ]`;
}
/** Removes the recorded configs of pruned compose tags (and a staged one a killed run left). */
function forgetComposeEnvCommand(appDir, tags) {
    const dir = node_path__WEBPACK_IMPORTED_MODULE_1__.posix.join(appDir, COMPOSE_ENV_DIR);
    return (0,_ssh_quote_js__WEBPACK_IMPORTED_MODULE_3__.sh) `rm -f -- ${tags.flatMap((t) => [node_path__WEBPACK_IMPORTED_MODULE_1__.posix.join(dir, `${t}.env`), node_path__WEBPACK_IMPORTED_MODULE_1__.posix.join(dir, `.next-${t}.env`)])}`;
}
function composeEnvRecord(appDir, tag) {
    return node_path__WEBPACK_IMPORTED_MODULE_1__.posix.join(appDir, COMPOSE_ENV_DIR, `${tag}.env`);
}
function composeEnvStaged(appDir, tag) {
    return node_path__WEBPACK_IMPORTED_MODULE_1__.posix.join(appDir, COMPOSE_ENV_DIR, `.next-${tag}.env`);
}
const suffix = () => (0,node_crypto__WEBPACK_IMPORTED_MODULE_0__.randomBytes)(4).toString('hex');
/**
 * Records the config a release runs with: the env-file when given (over SFTP, never a command line), else a copy
 * of the live config (the deploy runs with it unchanged). Nothing when neither exists.
 */
async function recordEnv(conn, envFile, live, record) {
    try {
        if (envFile)
            await conn.upload(envFileText(envFile), record, 0o600);
        else
            await conn.run(copyEnvCommand(live, record, suffix()), 'recording the config', { log: false });
    }
    catch (e) {
        throw (0,_io_errors_js__WEBPACK_IMPORTED_MODULE_2__/* .inPhase */ .xe)('upload', e);
    }
}
/**
 * When no live config exists yet (a first deploy), the new one is put in place before the switch: nothing ran
 * with a config here, and install, migrate and `compose config` need the file.
 */
async function installFirstEnv(conn, envFile, live, log, liveName) {
    if (!envFile || (await conn.exec(fileExistsCommand(live), { log: false })).code === 0)
        return;
    try {
        await conn.upload(envFileText(envFile), live, 0o600);
        await conn.run(envModeCommand(live), `setting the mode of ${liveName}`, { log: false });
    }
    catch (e) {
        throw (0,_io_errors_js__WEBPACK_IMPORTED_MODULE_2__/* .inPhase */ .xe)('upload', e);
    }
    log.info(`Wrote ${liveName}: there was none yet`);
}
/**
 * Puts `tag`'s recorded config in place at the switch. A release with no record (deployed before vps-deploy
 * kept one per release) leaves the live config as it is, and says so.
 */
async function applyEnv(conn, log, tag, record, live, liveName) {
    const r = await conn.run(copyEnvCommand(record, live, suffix()), `putting the config of ${tag} in place`, {
        log: false,
    });
    if (r.stdout.trim() === 'none')
        log.warning(`${tag} has no recorded env (deployed before vps-deploy kept one per release, or without any): ` +
            `${liveName} left as it is`);
    else
        log.info(`${liveName} is the config recorded with ${tag}`);
}


/***/ }),

/***/ 8987:
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
// The health state is JSON (`null` without a healthcheck): Go's encoder escapes the tabs and newlines of its log.
// `.ID` (the CLI's typed field), not `.Id`: on `.Id` the typed template fails and docker falls back to the raw
// JSON, where a daemon before 25 omits `Health` without a healthcheck ("map has no entry for key Health").
const INSPECT_FORMAT = '{{.ID}}\t{{index .Config.Labels "com.docker.compose.project.working_dir"}}\t{{index .Config.Labels "com.docker.compose.service"}}\t' +
    '{{index .Config.Labels "com.docker.compose.oneoff"}}\t{{.Name}}\t{{.State.Status}}\t{{.RestartCount}}\t{{.State.ExitCode}}\t' +
    '{{json .State.Health}}';
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
        const [id, dir, service, oneoff, name, status, restarts, exitCode, health] = line.split('\t');
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
            ...healthState(health),
        });
    }
    return out;
}
/** `{{json .State.Health}}` -> its status and the last line of its last check's output. */
function healthState(json) {
    try {
        const h = JSON.parse(json ?? 'null');
        const output = h?.Log?.at(-1)?.Output?.trim() ?? '';
        return { health: h?.Status ?? '', healthLog: output.split('\n').at(-1)?.trim().slice(0, 300) ?? '' };
    }
    catch {
        return { health: '', healthLog: '' };
    }
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
        if (c.health === 'unhealthy') {
            return `container ${c.name} (service ${c.service}) is unhealthy by its Docker healthcheck${c.healthLog ? `; last check said: ${c.healthLog}` : ''}`;
        }
    }
    return undefined;
}
/** Docker's own view of services with a healthcheck: any `unhealthy` fails, any `starting` waits. */
function dockerReadiness(now) {
    const named = (cs) => cs.map((c) => `${c.name} (service ${c.service})`).join(', ');
    const unhealthy = now.filter((c) => c.health === 'unhealthy');
    if (unhealthy.length) {
        const log = unhealthy.find((c) => c.healthLog)?.healthLog;
        return {
            state: 'failed',
            reason: `Docker healthcheck: ${named(unhealthy)} unhealthy${log ? `; last check said: ${log}` : ''}`,
        };
    }
    const starting = now.filter((c) => c.health === 'starting');
    if (starting.length)
        return { state: 'waiting', reason: `Docker healthcheck of ${named(starting)} still starting` };
    return { state: 'ready' };
}
/** How many lines of each service's log a failure shows. */
const LOG_LINES = 80;
function logsArgs(services, lines = LOG_LINES) {
    return ['logs', '--no-color', '--tail', String(lines), ...services];
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

// EXTERNAL MODULE: external "node:crypto"
var external_node_crypto_ = __webpack_require__(7598);
// EXTERNAL MODULE: external "node:path"
var external_node_path_ = __webpack_require__(6760);
// EXTERNAL MODULE: ./src/strategies/compose/extra-files.ts
var extra_files = __webpack_require__(890);
;// CONCATENATED MODULE: ./src/strategies/compose/ship-files.ts





/** Uploads at once at most this many files (SFTP requests share the one connection). */
const PARALLEL = 8;
/**
 * Uploads a tag's extra files to <app-dir>/.vps-deploy/files/<tag> (staged under a temp name, renamed when
 * complete), before anything running changes: a failure leaves the files in place untouched.
 */
async function shipExtraFiles(conn, appDir, tag, files, log) {
    const staging = `.incoming-${tag}-${(0,external_node_crypto_.randomBytes)(4).toString('hex')}`;
    const uploads = (0,extra_files/* filesToUpload */.mw)(files);
    const dirs = [...new Set(uploads.map((u) => external_node_path_.posix.dirname(u.remote)).filter((d) => d !== '.'))];
    const root = external_node_path_.posix.join(appDir, extra_files/* FILES_DIR */.qM, staging, 'root');
    try {
        await conn.run((0,extra_files/* stagingCommand */.fy)(appDir, staging, dirs), 'staging the extra files', { log: false });
        for (let i = 0; i < uploads.length; i += PARALLEL) {
            await Promise.all(uploads
                .slice(i, i + PARALLEL)
                .map((u) => conn.upload((0,extra_files/* readLocal */.iG)(u.local), external_node_path_.posix.join(root, u.remote), u.mode)));
        }
        await conn.run((0,extra_files/* recordCommand */.t6)(appDir, staging, tag, files.map((f) => f.remote)), 'recording the extra files', { log: false });
    }
    catch (e) {
        await conn
            .exec((0,quote.sh) `rm -rf -- ${external_node_path_.posix.join(appDir, extra_files/* FILES_DIR */.qM, staging)}`, { log: false })
            .catch(() => undefined);
        throw (0,errors/* inPhase */.xe)('upload', e);
    }
    log.info(`Uploaded ${uploads.length} extra file(s) for ${tag}: ${files.map((f) => f.remote).join(', ')}`);
}
/** Copies the files recorded with `tag` into the app dir (before `up`), saying what it did. */
async function applyExtraFiles(conn, appDir, tag, log) {
    const r = await conn.run((0,extra_files/* applyCommand */.sz)(appDir, tag), `putting the extra files of ${tag} in place`, {
        log: false,
    });
    const out = r.stdout.trim();
    if (out === 'none')
        log.info(`No extra files were recorded with ${tag}: the files in place stay as they are`);
    else if (out)
        log.info(`Extra files of ${tag} in place: ${out.split('\n').join(', ')}`);
}

// EXTERNAL MODULE: ./src/strategies/env-release.ts
var env_release = __webpack_require__(9626);
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
    /** The tag last activated, so the compose file interpolates as it did for `up` when the logs are read. */
    let activeTag;
    /** The tag prepare() made ready: activating it records its config; activating any other brings back its own. */
    let preparedTag;
    const liveEnv = `${appDir}/.env`;
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
    /** The config of `tag` becomes .env: the one this run staged, or (a rollback) the one recorded with it. */
    const switchEnv = async (tag) => {
        const record = (0,env_release/* composeEnvRecord */.bK)(appDir, tag);
        const staged = tag === preparedTag;
        preparedTag = undefined;
        if (staged && !opts.envFile) {
            // No env-file: the release runs with the .env in place, and that is what a rollback to it brings back.
            await (0,env_release/* recordEnv */.$c)(conn, '', liveEnv, record);
            return;
        }
        if (staged)
            await conn.run((0,quote.sh) `mv -f -- ${(0,env_release/* composeEnvStaged */._4)(appDir, tag)} ${record}`, 'recording the env-file', {
                log: false,
            });
        await (0,env_release/* applyEnv */.iJ)(conn, log, tag, record, liveEnv, '.env');
    };
    return {
        name: 'compose',
        restoresRedeploy: false,
        async prepare(tag) {
            preparedTag = undefined;
            await conn.run((0,quote.sh) `mkdir -p ${appDir} ${`${appDir}/${env_release/* COMPOSE_ENV_DIR */.bq}`}`, 'creating the app directory', {
                log: false,
            });
            // Independent steps share the connection's channels: files, compose detection, registry login.
            await Promise.all([
                opts.composeFile &&
                    conn
                        .upload(opts.composeFile.content, `${appDir}/${opts.composeFile.name}`, 0o644)
                        .then(() => log.info(`Uploaded ${opts.composeFile.name}`)),
                // The live .env changes only at `up` (activate): staged here, beside the other tags' records.
                opts.envFile &&
                    (0,env_release/* recordEnv */.$c)(conn, opts.envFile, liveEnv, (0,env_release/* composeEnvStaged */._4)(appDir, tag))
                        .then(() => (0,env_release/* installFirstEnv */.po)(conn, opts.envFile, liveEnv, log, '.env'))
                        .then(() => log.info(`Uploaded the env-file for ${tag} (mode 0600); .env changes at up -d`)),
                compose(),
                opts.registry && login(opts.registry),
                opts.extraFiles?.length && shipExtraFiles(conn, appDir, tag, opts.extraFiles, log),
            ]);
            // The restart counts before `up` are read while the images pull (nothing restarts containers in between).
            const [, before] = await Promise.all([
                run(pullArgs(opts.services), `pulling ${opts.tagVariable}=${tag}`, tag),
                containers(),
            ]);
            snapshot = restartCounts(before);
            preparedTag = tag;
        },
        async migrate(tag) {
            if (!opts.migrateCommand)
                return;
            await conn.run((0,quote/* userCommand */.L_)(opts.migrateCommand, {
                cwd: appDir,
                // .env is still the running release's: the new config is this file until `up`.
                env: {
                    [opts.tagVariable]: tag,
                    ...(opts.envFile ? { VPS_DEPLOY_ENV_FILE: (0,env_release/* composeEnvStaged */._4)(appDir, tag) } : {}),
                },
            }), 'migrate-command');
        },
        async activate(tag) {
            // A rollback activates without prepare: it reads the restart counts itself.
            baseline = snapshot ?? restartCounts(await containers());
            snapshot = undefined;
            activeTag = tag;
            await applyExtraFiles(conn, appDir, tag, log);
            await switchEnv(tag);
            await run(upArgs(opts.services), `docker compose up -d with ${opts.tagVariable}=${tag}`, tag);
        },
        async fatal() {
            return crashedReason(await containers(), baseline);
        },
        async readiness() {
            return dockerReadiness(await containers());
        },
        async logs() {
            try {
                const command = composeCommand(await compose(), appDir, logsArgs(opts.services), opts.tagVariable, activeTag);
                const r = await conn.exec(`${command} 2>&1`, { log: false, maxStdout: 256 * 1024 });
                return r.stdout.trimEnd();
            }
            catch (e) {
                log.debug(`reading the compose logs failed: ${e instanceof Error ? e.message : String(e)}`);
                return '';
            }
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
            await conn.exec((0,extra_files/* forgetCommand */.pW)(appDir, doomed), { log: false });
            await conn.exec((0,env_release/* forgetComposeEnvCommand */.wL)(appDir, doomed), { log: false });
            return doomed;
        },
    };
}

// EXTERNAL MODULE: ./src/strategies/release-dirs/strategy.ts + 11 modules
var strategy = __webpack_require__(870);
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
        strategyFor: (name, over) => strategyChooser(over ? { ...strategyCtx, conn: over } : strategyCtx, plan)(name),
    };
}


/***/ }),

/***/ 870:
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
            ...(opts.env ? { env: { ...process.env, ...opts.env } } : {}),
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
// EXTERNAL MODULE: ./src/strategies/env-release.ts
var env_release = __webpack_require__(9626);
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
 * VPS_DEPLOY_TAG, VPS_DEPLOY_RELEASE_DIR and VPS_DEPLOY_APP_DIR; VPS_DEPLOY_ENV_FILE is the release's own config
 * (before the switch, shared/.env is still the running release's).
 */
function releaseUserCommand(command, where) {
    return (0,quote/* userCommand */.L_)(command, {
        cwd: where.cwd,
        env: {
            VPS_DEPLOY_TAG: where.tag,
            VPS_DEPLOY_RELEASE_DIR: where.releaseDir,
            VPS_DEPLOY_APP_DIR: where.appDir,
            VPS_DEPLOY_ENV_FILE: external_node_path_.posix.join(where.releaseDir, env_release/* RELEASE_ENV */.Uw),
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
// Reading the app's logs after a failure.
/** The user's logs-command (`journalctl -u app -n 80 --no-pager`) in a login shell in <app-dir>, stderr kept. */
function appLogsCommand(command, appDir) {
    return `${(0,quote/* userCommand */.L_)(command, { cwd: appDir })} 2>&1`;
}
// Guarding data before a prune.
/** How deep below a release dir prune looks for SQLite databases (./app.db, ./data/app.db, ./var/db/app.db). */
const SQLITE_SEARCH_DEPTH = 4;
/**
 * Prints every SQLite database file (its first 16 bytes are `SQLite format 3\0`) in the given dirs, to a bounded
 * depth, not following links (shared/ is linked in, and is not the release's) and skipping dependency trees.
 */
function sqliteFilesCommand(dirs) {
    const check = 'for f do [ "$(head -c 16 "$f" | tr "\\000" "@")" = "SQLite format 3@" ] && printf "%s\\n" "$f"; done; exit 0';
    return dirs
        .map((d) => (0,quote.sh) `find ${d} -maxdepth ${String(SQLITE_SEARCH_DEPTH)} ${'('} -name node_modules -o -name .git -o -name .venv ${')'} -prune ` +
        (0,quote.sh) `-o -type f -size +15c -exec sh -c ${check} sh ${'{}'} +`)
        .join('; ');
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
 * are linked into each release. A shared file is the user's (secrets, settings): only shared/.env is written,
 * from `env-file`, and at the switch (env-release.ts) unless there is none yet; a missing one stops the deploy
 * before the switch. It is never created empty, which would start the app without its configuration. Shared
 * dirs are created empty when missing (media/, logs/).
 */
async function prepareShared(conn, appDir, plan, envFile, log) {
    const shared = external_node_path_.posix.join(appDir, SHARED);
    const dirs = plan.filter((l) => l.kind === 'dir').map((l) => l.sharedPath);
    const fileParents = plan.filter((l) => l.kind === 'file').map((l) => external_node_path_.posix.dirname(l.sharedPath));
    try {
        await conn.run(makeSharedDirsCommand(shared, [...new Set([...dirs, ...fileParents])]), 'creating shared/', {
            log: false,
        });
    }
    catch (e) {
        throw (0,errors/* inPhase */.xe)('shared', e);
    }
    // shared/.env comes from env-file at the switch: it need not be there yet.
    const files = plan.filter((l) => l.kind === 'file' && !(envFile && l.path === '.env'));
    if (files.length)
        await assertSharedFiles(conn, shared, files);
    await (0,env_release/* installFirstEnv */.po)(conn, envFile, external_node_path_.posix.join(shared, '.env'), log, 'shared/.env');
}
async function assertSharedFiles(conn, shared, files) {
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

// EXTERNAL MODULE: ./src/io/inputs.ts
var inputs = __webpack_require__(6067);
;// CONCATENATED MODULE: ./src/strategies/release-dirs/user-commands.ts



/**
 * A user's install-command, migrate-command or restart-command: each line on its own, in order, in a login shell
 * in `where.cwd` (a `cd` or a variable does not carry to the next line; a line ending in `\` continues). Each line
 * and its exit is logged; the first that fails stops the rest and fails the phase naming it, with the tail of
 * its output. A one-line command reads as it always did (`restart-command failed (exit 4) after the switch`).
 */
async function runUserCommands(conn, log, input, text, phase, where) {
    const lines = (0,inputs/* splitCommandLines */.hF)(text);
    log.info(`Running ${input} in ${where.cwd}${lines.length > 1 ? ` (${lines.length} lines)` : ''}`);
    for (const [i, line] of lines.entries()) {
        const name = lines.length > 1 ? `line ${i + 1} ${JSON.stringify(line)}` : '';
        if (name)
            log.info(`${input} ${name}`);
        const r = await conn.exec(releaseUserCommand(line, where));
        if (name)
            log.info(`  ${input} line ${i + 1}: exit ${r.signal ?? r.code}`);
        if (r.code === 0)
            continue;
        throw (0,errors/* inPhase */.xe)(phase, new Error(failureText(input, name, r, phase, lines.length - i - 1)));
    }
}
/** Why a line failed: its exit, where the deploy stands, the tail of its output and, for exit 127, the PATH hint. */
function failureText(input, name, r, phase, notRun) {
    const tail = (r.stderr.trim() ? r.stderr : r.stdout).trimEnd().split('\n').slice(-20).join('\n');
    const hint = r.code === 127
        ? '\nExit 127 is "command not found". User commands run in a non-interactive login shell (bash -lc): it ' +
            'reads ~/.profile or ~/.bash_profile but not ~/.bashrc, where nvm, pyenv and similar installers put ' +
            'their PATH lines. Use full paths (.venv/bin/pip, ~/.nvm/versions/node/<v>/bin/npm) or move the PATH ' +
            'lines into ~/.profile.'
        : '';
    const where = phase === 'restart' ? 'after the switch' : `before the switch; current is unchanged`;
    const skipped = notRun ? `; the ${notRun} line(s) after it did not run` : '';
    const what = name ? `${input} ${name}` : input;
    return `${what} failed (exit ${r.signal ?? r.code}) ${where}${skipped}${tail ? `:\n${tail}` : ''}${hint}`;
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
    /** The tag prepare() made ready in this run: its first activate puts its env-file in place. */
    preparedTag;
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
        await prepareShared(this.conn, appDir, plan, this.opts.envFile, log);
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
            // The config this release runs with, kept in it (pruned with it) and put in place at the switch.
            await (0,env_release/* recordEnv */.$c)(this.conn, this.opts.envFile, external_node_path_.posix.join(p.shared, '.env'), external_node_path_.posix.join(incoming, env_release/* RELEASE_ENV */.Uw));
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
        this.preparedTag = tag;
    }
    async migrate(tag) {
        if (this.opts.migrateCommand)
            await this.runUserCommand('migrate-command', this.opts.migrateCommand, tag, 'migrate');
    }
    async activate(tag) {
        const { appDir, log } = this.ctx;
        const p = releasePaths(appDir, tag);
        const aside = this.asides.get(tag);
        const fresh = tag === this.preparedTag && !this.activated.has(tag);
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
        // Without env-file a fresh release recorded shared/.env as it is: nothing to put in place.
        if (!fresh || this.opts.envFile)
            await (0,env_release/* applyEnv */.iJ)(this.conn, log, tag, external_node_path_.posix.join(p.release, env_release/* RELEASE_ENV */.Uw), external_node_path_.posix.join(p.shared, '.env'), 'shared/.env');
        if (this.opts.restartCommand)
            await this.runUserCommand('restart-command', this.opts.restartCommand, tag, 'restart', p.current);
        else
            log.info('No restart-command: nothing restarts the app (set one, e.g. sudo systemctl restart <app>)');
    }
    async fatal() {
        // The service manager is the user's (systemd, supervisord, …): the health gate is the only judge here.
        return this.conn.isOpen ? undefined : (0,remote_shell/* connectionLost */.B)(this.conn);
    }
    async readiness() {
        // The service manager is the user's: the health URL is its only view of the app.
        return { state: 'ready' };
    }
    async logs() {
        if (!this.opts.logsCommand || !this.conn.isOpen)
            return '';
        try {
            const r = await this.conn.exec(appLogsCommand(this.opts.logsCommand, this.ctx.appDir), {
                log: false,
                maxStdout: 256 * 1024,
            });
            const out = r.stdout.trimEnd();
            return r.code === 0 ? out : `${out}${out ? '\n' : ''}(logs-command exited ${r.signal ?? r.code})`;
        }
        catch (e) {
            this.ctx.log.debug(`logs-command failed: ${e instanceof Error ? e.message : String(e)}`);
            return '';
        }
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
        const holdsData = await this.withSqlite([...choice.remove, ...choice.leftovers]);
        choice.remove = choice.remove.filter((t) => !holdsData.has(t));
        const doomed = [...choice.remove, ...choice.leftovers.filter((d) => !holdsData.has(d))];
        if (!doomed.length)
            return [];
        await this.conn.run(removeReleasesCommand(appDir, doomed), 'pruning releases', { log: false });
        if (choice.remove.length)
            log.info(`Pruned releases: ${choice.remove.join(', ')} (kept ${choice.keep.join(', ')})`);
        for (const d of choice.leftovers)
            this.asides.forEach((a, t) => a.name === d && this.asides.delete(t));
        return choice.remove;
    }
    /**
     * The dirs of releases/ among `names` that hold a SQLite database: an app that opens ./app.db keeps its data
     * in the release, and pruning would delete it. Each is named in a warning and kept.
     */
    async withSqlite(names) {
        const { appDir, log } = this.ctx;
        if (!names.length)
            return new Set();
        const releases = external_node_path_.posix.join(appDir, 'releases');
        const r = await this.conn.run(sqliteFilesCommand(names.map((n) => external_node_path_.posix.join(releases, n))), 'looking for SQLite databases in the releases to prune', { log: false });
        const kept = new Set();
        for (const file of r.stdout.split('\n').filter(Boolean)) {
            const rel = external_node_path_.posix.relative(appDir, file);
            const name = external_node_path_.posix.relative(releases, file).split('/')[0];
            if (!kept.has(name))
                log.warning(`releases/${name} is not pruned: ${rel} is a SQLite database (SQLite format 3) inside the release. ` +
                    'Data belongs in shared/ (a shared-dirs entry such as data); move it there, then remove the release by hand');
            kept.add(name);
        }
        return kept;
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
    runUserCommand(input, command, tag, phase, cwd) {
        const { appDir, log } = this.ctx;
        const p = releasePaths(appDir, tag);
        const where = { tag, appDir, releaseDir: p.release, cwd: cwd ?? p.release };
        return runUserCommands(this.conn, log, input, command, phase, where);
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
