export const id = 899;
export const ids = [899];
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

/***/ 7005:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {


// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  i: () => (/* binding */ blueGreenSwitch)
});

// EXTERNAL MODULE: ./src/io/cancel.ts
var cancel = __webpack_require__(6736);
// EXTERNAL MODULE: ./src/io/errors.ts
var errors = __webpack_require__(7333);
// EXTERNAL MODULE: ./src/health/gate.ts
var health_gate = __webpack_require__(2923);
// EXTERNAL MODULE: ./src/flow/attempt.ts
var flow_attempt = __webpack_require__(5617);
// EXTERNAL MODULE: ./src/flow/app-logs.ts
var app_logs = __webpack_require__(4291);
// EXTERNAL MODULE: ./src/flow/gate-release.ts + 1 modules
var gate_release = __webpack_require__(6612);
// EXTERNAL MODULE: ./src/health/endpoint.ts
var endpoint = __webpack_require__(6525);
;// CONCATENATED MODULE: ./src/flow/blue-green-ports.ts

const PORT_PLACEHOLDER = '${APP_PORT}';
/**
 * Which port serves and which one the next release starts on, and the health plan aimed at one instance. Pure:
 * the blue-green flow (blue-green-flow.ts) decides with these, and their tables are in
 * test/unit/flow/blue-green-ports.test.ts.
 */
/**
 * The port that serves now: what the proxy's upstream file names (the truth of where traffic goes, even after a
 * run killed between the switch and state.json), else what state.json recorded (proxy: command has no file).
 */
function servingPortOf(fromProxy, fromState) {
    return fromProxy ?? fromState;
}
/**
 * The port the new release starts on: the one of `ports` that does not serve (the first when neither does);
 * 0 when no ports are given (compose: an ephemeral port the strategy reads back).
 */
function nextPort(ports, serving) {
    if (!ports.length)
        return 0;
    return serving === ports[0] ? ports[1] : ports[0];
}
/**
 * A health URL aimed at the instance on `port`. A Unix socket URL names no port: one whose socket path holds
 * `${APP_PORT}` (one socket per instance, as `gunicorn --bind unix:/run/app-${APP_PORT}.sock` makes) gets the
 * instance's; any other is left as it is.
 */
function urlAtPort(url, port) {
    const e = (0,endpoint/* healthEndpoint */.Ig)(url);
    if (e?.kind === 'unix') {
        if (!e.socketPath.includes(PORT_PLACEHOLDER))
            return url;
        const socket = encodeURIComponent(e.socketPath.split(PORT_PLACEHOLDER).join(String(port)));
        return `${endpoint/* UNIX_SCHEME */.f2}//${socket}${e.url.pathname}${e.url.search}`;
    }
    if (!e || e.kind !== 'tcp')
        return url;
    const u = new URL(url);
    u.port = String(port);
    return u.toString();
}
/** A health-command line told which instance to check: APP_PORT in its environment. */
function commandAtPort(command, port) {
    return `export APP_PORT=${port}; ${command}`;
}
/** The gate's plan for the instance on `port`: URLs at that port, commands with APP_PORT set. */
function healthAtPort(plan, port) {
    return {
        ...plan,
        urls: plan.urls.map((u) => urlAtPort(u, port)),
        commands: plan.commands.map((c) => commandAtPort(c, port)),
    };
}
/** The plan for public-health-url: one URL through the proxy, with the gate's headers, place and timings. */
function publicCheckPlan(plan, url) {
    return { ...plan, urls: [url], commands: [] };
}

// EXTERNAL MODULE: ./src/flow/state.ts
var flow_state = __webpack_require__(7573);
;// CONCATENATED MODULE: ./src/flow/blue-green-flow.ts








/**
 * The blue-green sequence after prepare and migrate (docs/blue-green.md, "The sequence"): start `tag` beside
 * what serves, on the other port -> gate it there directly -> (fails) stop it: traffic never moved -> (passes)
 * switch the proxy -> public check (fails: switch back) -> promote + state.json + ledger -> drain -> stop the
 * old instance -> prune. A cancel before the switch stops the new instance; after it the new one stays (it
 * passed its gate) and the old one is stopped without draining.
 */
async function blueGreenSwitch(attempt, watch, r) {
    const { ctx } = attempt;
    const { bg, tag, state } = r;
    const before = state.current;
    const serving = servingPortOf(await r.proxy.servingPort(), state.port);
    const wanted = nextPort(r.plan.ports, serving);
    const where = serving ? `port ${serving}` : 'no port of ours';
    ctx.log.info(`Blue-green: ${before ?? 'nothing'} serves on ${where}; starting ${tag} beside it`);
    const ok = r.action === 'deploy' ? 'deployed' : 'rolled-back';
    const kept = r.action === 'deploy' && before ? 'rolled-back' : 'failed';
    const result = (status, port, moved, rest) => ({
        status,
        attempted: tag,
        current: moved ? tag : before,
        before,
        phases: attempt.phases,
        pruned: [],
        traffic: { port, serving: moved ? port : (serving ?? null), moved },
        ...rest,
    });
    await watch.stopIfCancelled(attempt);
    watch.enter('start');
    let port = wanted;
    try {
        port = await attempt.phase('start', `Start ${tag} beside the serving instance`, () => bg.startBeside(tag, wanted));
    }
    catch (e) {
        if (!ctx.conn.isOpen)
            return lost(attempt, e, wanted);
        const logs = await (0,app_logs/* showAppLogs */.wr)(ctx, { logs: () => bg.logsAt(wanted) }, `the failed start of ${tag}`);
        await stopQuietly(attempt, bg, wanted, `the ${tag} that failed to start`);
        const failure = `${tag} failed to start on port ${wanted}: ${bare(e, 'start')}; traffic never moved`;
        await attempt.finish({ outcome: kept, phase: 'start', error: failure, port: wanted });
        return result(kept, wanted, false, { failure, ...(logs ? { logs } : {}) });
    }
    watch.enter('gate');
    const view = { fatal: () => bg.fatalAt(port), readiness: () => r.strategy.readiness() };
    const gate = await attempt
        .phase('gate', `Health gate of ${tag} on port ${port}`, () => (0,gate_release/* gateRelease */.l)(ctx.conn, view, healthAtPort(ctx.health, port), ctx.log, ctx.signal))
        .catch((e) => lost(attempt, e, port));
    if (watch.request) {
        await stopQuietly(attempt, bg, port, `${tag} (cancelled before the switch)`);
        await watch.stopIfCancelled(attempt);
    }
    if (!gate.passed) {
        const logs = await (0,app_logs/* showAppLogs */.wr)(ctx, { logs: () => bg.logsAt(port) }, `the failed gate of ${tag}`);
        await stopQuietly(attempt, bg, port, `the ${tag} that failed its gate`);
        const failure = `the health gate of ${tag} on port ${port} failed: ${gate.reason ?? (0,health_gate/* describeVerdict */.X)(gate.last)}; traffic never moved`;
        await attempt.finish({ outcome: kept, phase: 'gate', error: failure, health: (0,flow_attempt/* healthFacts */.mv)(gate), port });
        return result(kept, port, false, { gate, failure, ...(logs ? { logs } : {}) });
    }
    // The switch: from here a cancel keeps the new release (it passed its gate) and stops the old one.
    watch.enter('switch');
    // A run killed from here until promote leaves state.json saying that `tag` may be what serves.
    try {
        await markSwitching(attempt, state, tag);
        await attempt.phase('switch', `Switch the proxy to port ${port}`, () => r.proxy.switchTo(port));
    }
    catch (e) {
        if (!ctx.conn.isOpen)
            return lost(attempt, e, port, gate);
        await unmark(attempt, state);
        await stopQuietly(attempt, bg, port, `${tag} (the switch failed)`);
        const failure = `switching the proxy to ${tag} on port ${port} failed: ${bare(e, 'switch')}; traffic never moved`;
        await attempt.finish({ outcome: kept, phase: 'switch', error: failure, health: (0,flow_attempt/* healthFacts */.mv)(gate), port });
        return result(kept, port, false, { gate, failure });
    }
    const publicCheck = r.plan.publicHealthUrl && !ctx.signal?.aborted ? await checkPublic(attempt, r) : undefined;
    if (publicCheck && !publicCheck.passed && !publicCheck.cancelled) {
        const failure = `the public check of ${tag} (${r.plan.publicHealthUrl}) failed: ${publicCheck.reason ?? (0,health_gate/* describeVerdict */.X)(publicCheck.last)}`;
        const back = await switchBack(attempt, r, port, serving);
        const phase = 'public-check';
        if (back.error) {
            const text = `${failure}; switching back failed too (${back.error}): ${tag} on port ${port} serves`;
            await attempt.finish({ outcome: 'failed', phase, error: text, health: (0,flow_attempt/* healthFacts */.mv)(gate), port });
            return result('failed', port, true, { gate, failure: text });
        }
        await unmark(attempt, state);
        const text = `${failure}; traffic was switched back${serving ? ` to port ${serving}` : ''}`;
        await attempt.finish({ outcome: kept, phase, error: text, health: (0,flow_attempt/* healthFacts */.mv)(gate), port });
        return result(kept, port, false, { gate, failure: text });
    }
    await attempt
        .phase('promote', `Record ${tag} as current`, async () => {
        await bg.promote(tag, port);
        await (0,flow_state/* writeState */.Jq)(ctx.conn, ctx.appDir, { ...(0,flow_state/* promoted */.tU)(state, tag, r.strategy.name), port });
    })
        .catch(async (e) => {
        await attempt.finish({ outcome: 'failed', phase: 'promote', error: (0,errors/* errText */.V7)(e), port });
        throw e;
    });
    await attempt.finish({ outcome: ok, health: (0,flow_attempt/* healthFacts */.mv)(gate), port });
    const cancelled = (0,cancel/* cancelRequest */.UL)(ctx.signal);
    if (cancelled)
        ctx.log.warning(`cancelled (${cancelled.signal}) after the switch: ${tag} stays, the old instance stops now`);
    else
        await drain(attempt, r.plan.drainSeconds);
    if (serving !== undefined && serving !== port)
        await stopQuietly(attempt, bg, serving, `${before ?? 'what served before'}`);
    const pruned = r.prune && !ctx.signal?.aborted ? await r.prune([tag, before]) : [];
    return result(ok, port, true, { gate, pruned });
}
/** state.json before the switch: what it said, plus a mark naming `tag` as what may serve (faults.md). */
async function markSwitching(attempt, state, tag) {
    const { ctx } = attempt;
    const mark = {
        tag,
        restoring: state.current,
        phase: 'switch',
        since: new Date().toISOString(),
        runUrl: ctx.run.runUrl,
    };
    await (0,flow_state/* writeState */.Jq)(ctx.conn, ctx.appDir, { ...state, interrupted: mark });
}
/** Traffic did not move after all: state.json as it was before the mark. */
async function unmark(attempt, state) {
    try {
        await (0,flow_state/* writeState */.Jq)(attempt.ctx.conn, attempt.ctx.appDir, state);
    }
    catch (e) {
        attempt.ctx.log.warning(`could not write state.json (${(0,errors/* errText */.V7)(e)})`);
    }
}
/** Waits drain-timeout for in-flight requests on the old instance; a cancel ends the wait. */
async function drain(attempt, seconds) {
    if (seconds <= 0)
        return;
    await attempt.phase('drain', `Drain the old instance (${seconds}s)`, () => (0,cancel/* untilAborted */.Eu)(new Promise((res) => setTimeout(res, seconds * 1000)), attempt.ctx.signal));
}
async function checkPublic(attempt, r) {
    const { ctx } = attempt;
    const view = { fatal: async () => undefined, readiness: () => r.strategy.readiness() };
    return attempt.phase('public-check', `Public check through the proxy: ${r.plan.publicHealthUrl}`, () => (0,gate_release/* gateRelease */.l)(ctx.conn, view, publicCheckPlan(ctx.health, r.plan.publicHealthUrl), ctx.log, ctx.signal));
}
/** After a failed public check: traffic back to what served, the proxy config put back, the new one stopped. */
async function switchBack(attempt, r, port, serving) {
    try {
        if (serving !== undefined)
            await attempt.phase('switch-back', `Switch the proxy back to port ${serving}`, () => r.proxy.switchTo(serving));
    }
    catch (e) {
        return { error: bare(e, 'switch-back') };
    }
    await r.proxy.restoreConfig();
    await stopQuietly(attempt, r.bg, port, `${r.tag} (its public check failed)`);
    return {};
}
/** Stops the instance on `port`; a failure is a warning (what serves is not affected), never the run's error. */
async function stopQuietly(attempt, bg, port, what) {
    try {
        await attempt.phase('stop', `Stop ${what}`, () => bg.stopAt(port));
    }
    catch (e) {
        attempt.ctx.log.warning(`stopping ${what} on port ${port} failed: ${bare(e, 'stop')} (the proxy sends it no traffic; stop it by hand)`);
    }
}
/** The connection is gone: nothing more can be done on the server; the ledger line is attempted, the error thrown. */
async function lost(attempt, e, port, gate) {
    if (e instanceof cancel/* Cancelled */.cJ)
        throw e;
    await attempt.finish({
        outcome: 'failed',
        ...(0,flow_attempt/* phaseField */.KS)(e),
        error: (0,errors/* errText */.V7)(e),
        ...(gate ? { health: (0,flow_attempt/* healthFacts */.mv)(gate) } : {}),
        port,
    });
    throw e;
}
/** An error's message without the phase prefix attempt.phase() gave it (the failure text names the step). */
function bare(e, phase) {
    const text = (0,errors/* errText */.V7)(e);
    return text.startsWith(`${phase}: `) ? text.slice(phase.length + 2) : text;
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

/***/ 9938:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   EQ: () => (/* binding */ activateAndGate),
/* harmony export */   H_: () => (/* binding */ deployRelease),
/* harmony export */   Lx: () => (/* binding */ blueGreenOf),
/* harmony export */   kB: () => (/* binding */ bringBack)
/* harmony export */ });
/* harmony import */ var _io_cancel_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(6736);
/* harmony import */ var _health_gate_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(2923);
/* harmony import */ var _io_errors_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(7333);
/* harmony import */ var _attempt_js__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(5617);
/* harmony import */ var _cancel_js__WEBPACK_IMPORTED_MODULE_4__ = __webpack_require__(3900);
/* harmony import */ var _ledger_js__WEBPACK_IMPORTED_MODULE_5__ = __webpack_require__(9835);
/* harmony import */ var _gate_release_js__WEBPACK_IMPORTED_MODULE_6__ = __webpack_require__(6612);
/* harmony import */ var _app_logs_js__WEBPACK_IMPORTED_MODULE_7__ = __webpack_require__(4291);
/* harmony import */ var _state_js__WEBPACK_IMPORTED_MODULE_8__ = __webpack_require__(7573);
/* harmony import */ var _blue_green_flow_js__WEBPACK_IMPORTED_MODULE_9__ = __webpack_require__(7005);











/**
 * Deploys one tag to one host, whatever the strategy: lock -> state -> ledger -> prepare -> migrate -> activate
 * -> gate -> (passed) state + ledger + prune, or (failed) bring back the release that ran before, gate it, and
 * record both verdicts. Faults are thrown tagged with their phase; a failed gate is a result, not a throw.
 */
function deployRelease(ctx, opts) {
    const { tag } = opts;
    const watch = new _cancel_js__WEBPACK_IMPORTED_MODULE_4__/* .CancelWatch */ .qv(ctx.signal);
    return (0,_cancel_js__WEBPACK_IMPORTED_MODULE_4__/* .underLockUnlessCancelled */ .VX)(ctx, watch, { tag, action: 'deploy' }, async (attempt) => {
        // The locked context: its shell runs every command under the lock's lease, so a killed run's commands are
        // stopped before anyone else gets the lock. The outer ctx's connection would bypass that.
        const ctx = attempt.ctx;
        const strategy = await ctx.strategyFor(opts.strategy);
        const state = await attempt.readState(opts.strategy);
        const before = state.current;
        ctx.log.info(`Deploying ${tag} to ${ctx.conn.label} (${strategy.name}); current: ${before ?? 'none'}, previous: ${state.previous ?? 'none'}`);
        const interrupted = (0,_cancel_js__WEBPACK_IMPORTED_MODULE_4__/* .interruptedText */ .AQ)(state);
        if (interrupted)
            ctx.log.warning(interrupted);
        const bg = opts.blueGreen && blueGreenOf(strategy);
        const proxy = opts.blueGreen?.proxyFor(ctx.conn, ctx.log);
        await attempt.begin({ action: 'deploy', tag, previous: before, strategy: strategy.name });
        try {
            // A proxy-config the proxy refuses stops the deploy before anything changed, migrations included.
            if (proxy)
                await watch.step(attempt, 'proxy-config', 'Check the proxy config', () => proxy.checkConfig());
            await watch.step(attempt, 'prepare', `Prepare ${tag}`, () => strategy.prepare(tag));
            await watch.step(attempt, 'migrate', `Migrate for ${tag}`, () => strategy.migrate(tag));
            await watch.stopIfCancelled(attempt);
        }
        catch (e) {
            if (e instanceof _io_cancel_js__WEBPACK_IMPORTED_MODULE_0__/* .Cancelled */ .cJ)
                throw e;
            await attempt.finish({ outcome: 'aborted', phase: (0,_attempt_js__WEBPACK_IMPORTED_MODULE_3__/* .phaseOf */ .hU)(e) ?? 'prepare', error: (0,_io_errors_js__WEBPACK_IMPORTED_MODULE_2__/* .errText */ .V7)(e) });
            if (ctx.conn.isOpen)
                (0,_app_logs_js__WEBPACK_IMPORTED_MODULE_7__/* .attachAppLogs */ .AN)(e, await (0,_app_logs_js__WEBPACK_IMPORTED_MODULE_7__/* .showAppLogs */ .wr)(ctx, strategy, `the failed ${(0,_attempt_js__WEBPACK_IMPORTED_MODULE_3__/* .phaseOf */ .hU)(e) ?? 'prepare'}`));
            throw e;
        }
        if (bg && proxy && opts.blueGreen)
            return (0,_blue_green_flow_js__WEBPACK_IMPORTED_MODULE_9__/* .blueGreenSwitch */ .i)(attempt, watch, {
                strategy,
                bg,
                proxy,
                plan: opts.blueGreen,
                state,
                tag,
                action: 'deploy',
                prune: (protect) => prune(attempt, strategy, opts.keepReleases, protect),
            });
        const { gate, failure, logs } = await activateAndGate(attempt, strategy, tag);
        const cancel = (0,_io_cancel_js__WEBPACK_IMPORTED_MODULE_0__/* .cancelRequest */ .UL)(ctx.signal);
        if (cancel) {
            const back = opts.rollbackOnFailure && before && (before !== tag || strategy.restoresRedeploy) ? before : null;
            return (0,_cancel_js__WEBPACK_IMPORTED_MODULE_4__/* .cancelAfterSwitch */ .P)(attempt, cancel, {
                state,
                attempted: tag,
                back,
                ...(gate ? { gate } : {}),
                bringBack: (t, deadlineAt) => bringBack(attempt, strategy, t, deadlineAt),
            });
        }
        if (gate?.passed) {
            const next = (0,_state_js__WEBPACK_IMPORTED_MODULE_8__/* .promoted */ .tU)(state, tag, strategy.name);
            // Not a log group of its own, but a lost connection here still names where the deploy stopped.
            await (0,_state_js__WEBPACK_IMPORTED_MODULE_8__/* .writeState */ .Jq)(attempt.ctx.conn, ctx.appDir, next).catch((e) => {
                throw (0,_io_errors_js__WEBPACK_IMPORTED_MODULE_2__/* .inPhase */ .xe)('record', e);
            });
            await attempt.finish({ outcome: 'deployed', health: (0,_attempt_js__WEBPACK_IMPORTED_MODULE_3__/* .healthFacts */ .mv)(gate) });
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
        const health = gate ? { health: (0,_attempt_js__WEBPACK_IMPORTED_MODULE_3__/* .healthFacts */ .mv)(gate) } : {};
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
            await (0,_state_js__WEBPACK_IMPORTED_MODULE_8__/* .writeState */ .Jq)(ctx.conn, ctx.appDir, (0,_cancel_js__WEBPACK_IMPORTED_MODULE_4__/* .withoutMark */ .E_)(state));
        await attempt.finish({
            outcome: restored ? 'rolled-back' : 'failed',
            phase: gate ? 'gate' : 'activate',
            error: failure,
            ...health,
            restore: (0,_attempt_js__WEBPACK_IMPORTED_MODULE_3__/* .restoreFacts */ .O4)(prev, restore.gate),
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
        const gate = await attempt.phase('gate', `Health gate of ${tag}`, () => (0,_gate_release_js__WEBPACK_IMPORTED_MODULE_6__/* .gateRelease */ .l)(ctx.conn, strategy, ctx.health, ctx.log, ctx.signal));
        // Read before anything is rolled back: the logs of the release that failed (not when cancelled: no time).
        const logs = gate.passed || ctx.signal?.aborted ? '' : await (0,_app_logs_js__WEBPACK_IMPORTED_MODULE_7__/* .showAppLogs */ .wr)(ctx, strategy, `the failed gate of ${tag}`);
        return {
            gate,
            failure: `the health gate of ${tag} failed: ${gate.reason ?? (0,_health_gate_js__WEBPACK_IMPORTED_MODULE_1__/* .describeVerdict */ .X)(gate.last)}`,
            ...(logs ? { logs } : {}),
        };
    }
    catch (e) {
        if (!ctx.conn.isOpen) {
            await attempt.finish({ outcome: 'failed', ...(0,_attempt_js__WEBPACK_IMPORTED_MODULE_3__/* .phaseField */ .KS)(e), error: (0,_io_errors_js__WEBPACK_IMPORTED_MODULE_2__/* .errText */ .V7)(e) });
            throw e;
        }
        const logs = await (0,_app_logs_js__WEBPACK_IMPORTED_MODULE_7__/* .showAppLogs */ .wr)(ctx, strategy, `the failed activation of ${tag}`);
        return { failure: (0,_io_errors_js__WEBPACK_IMPORTED_MODULE_2__/* .errText */ .V7)(e), ...(logs ? { logs } : {}) };
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
            return (0,_gate_release_js__WEBPACK_IMPORTED_MODULE_6__/* .gateRelease */ .l)(attempt.ctx.conn, strategy, plan, attempt.ctx.log);
        });
        return { tag, gate };
    }
    catch (e) {
        attempt.ctx.log.warning(`rolling back to ${tag} failed: ${(0,_io_errors_js__WEBPACK_IMPORTED_MODULE_2__/* .errText */ .V7)(e)}`);
        return { tag, error: (0,_io_errors_js__WEBPACK_IMPORTED_MODULE_2__/* .errText */ .V7)(e) };
    }
}
/** The strategy's blue-green side; a strategy without one cannot run `switch: blue-green`. */
function blueGreenOf(strategy) {
    if (strategy.blueGreen)
        return strategy.blueGreen;
    throw new _io_errors_js__WEBPACK_IMPORTED_MODULE_2__/* .ConfigurationError */ .j1(`input "switch" got "blue-green": the ${strategy.name} strategy here cannot run two instances side by side`);
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
            const failed = (0,_ledger_js__WEBPACK_IMPORTED_MODULE_5__/* .failedTags */ .hi)(await attempt.ledger.read());
            const removed = await strategy.prune(keep, protect.filter((t) => !!t), failed);
            attempt.ctx.log.info(removed.length ? `Removed ${removed.join(', ')}` : 'Nothing to prune');
            return removed;
        });
    }
    catch (e) {
        attempt.ctx.log.warning(`pruning old releases failed: ${(0,_io_errors_js__WEBPACK_IMPORTED_MODULE_2__/* .errText */ .V7)(e)}`);
        return [];
    }
}


/***/ }),

/***/ 6612:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {


// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  l: () => (/* binding */ gateRelease)
});

// UNUSED EXPORTS: healthChecks

// EXTERNAL MODULE: ./src/ssh/remote-shell.ts
var remote_shell = __webpack_require__(8461);
// EXTERNAL MODULE: ./src/io/errors.ts
var errors = __webpack_require__(7333);
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


/***/ }),

/***/ 1795:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   y: () => (/* binding */ eachHost)
/* harmony export */ });
/* harmony import */ var _io_errors_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(7333);
/* harmony import */ var _ssh_connection_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(3440);
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

/***/ 4612:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   FY: () => (/* binding */ stepStatus),
/* harmony export */   eH: () => (/* binding */ summaryMarkdown),
/* harmony export */   n0: () => (/* binding */ setOutputs)
/* harmony export */ });
/* unused harmony exports verdictText, phasesText, trafficText */
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
    const traffic = reports.flatMap((r) => r.result?.traffic ? [`- ${r.host}: ${trafficText(r.result)}`] : []);
    const text = [
        `### ${icon} ${title}: ${status}`,
        '',
        (0,_io_summary_js__WEBPACK_IMPORTED_MODULE_3__/* .table */ .tp)(['host', 'tag', 'previous', 'verdict', 'rollback', 'time per phase', 'outcome'], rows),
        '',
        ...(traffic.length ? [...traffic, ''] : []),
        ...(failures.length ? [...failures, ''] : []),
        ...checks,
        ...bodies,
        ...logs,
    ].join('\n');
    return (0,_ledger_js__WEBPACK_IMPORTED_MODULE_1__/* .redact */ .E$)(text, secrets);
}
/** switch: blue-green: which port serves after the run, and whether traffic moved to the attempted release. */
function trafficText(f) {
    const t = f.traffic;
    if (!t)
        return '';
    if (t.moved)
        return `traffic moved to port ${t.port}: ${f.attempted} serves`;
    const kept = t.serving !== null
        ? `${f.current ?? 'what served before'} kept serving on port ${t.serving}`
        : 'nothing of ours serves';
    return `traffic never moved: ${kept}; ${f.attempted} (port ${t.port}) was stopped`;
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

/***/ 2944:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   QA: () => (/* binding */ commandCheck)
/* harmony export */ });
/* unused harmony exports commandProbeText, commandVerdict, probeCommand */
/* harmony import */ var _ssh_quote_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(9038);

/** Exit status of coreutils `timeout` when the command ran out of time. */
const TIMED_OUT = 124;
/** What a probe waits beyond its own limit for the server to report the command's end before giving up on it. */
const GRACE_MS = 2000;
/**
 * A health-command line as a probe: run on the server in a login shell (as restart-command runs), exit 0 passes
 * (`ok`), any other exit is `unhealthy`. The request timeout applies through `timeout(1)` on the server where it
 * exists, so a hung check (`celery inspect ping` with no broker) is killed rather than left running.
 */
function commandProbeText(command, timeoutMs, cwd) {
    const inner = (0,_ssh_quote_js__WEBPACK_IMPORTED_MODULE_0__/* .userCommand */ .L_)(command, cwd ? { cwd } : {});
    const seconds = (Math.max(timeoutMs, 100) / 1000).toFixed(3);
    return `if command -v timeout >/dev/null 2>&1; then timeout -k 2 ${seconds} ${inner}; else ${inner}; fi`;
}
/** The verdict of one run of a health command. Pure. */
function commandVerdict(r, timeoutMs, latencyMs) {
    const body = (r.stdout + (r.stderr ? `\n${r.stderr}` : '')).trim().slice(0, 2048);
    if (r.code === 0 && !r.signal)
        return { verdict: 'ok', latencyMs, body };
    const last = lastLine(r.stderr) || lastLine(r.stdout);
    if (r.code === TIMED_OUT) {
        return { verdict: 'unreachable', latencyMs, body, error: `no exit within ${timeoutMs} ms` };
    }
    return {
        verdict: 'unhealthy',
        latencyMs,
        body,
        error: `exit ${r.signal ?? r.code}${last ? `: ${last}` : ''}`,
    };
}
/** Runs one health-command line on the server. Never throws for the command's sake; a lost connection does. */
async function probeCommand(conn, command, timeoutMs, cwd) {
    const started = performance.now();
    const elapsed = () => Math.round(performance.now() - started);
    let timer;
    const hung = new Promise((resolve) => {
        timer = setTimeout(() => resolve({
            verdict: 'unreachable',
            latencyMs: elapsed(),
            body: '',
            error: `no exit within ${timeoutMs} ms (the server has no timeout command to stop it)`,
        }), timeoutMs + GRACE_MS);
    });
    const ran = conn
        .exec(commandProbeText(command, timeoutMs, cwd), { log: false, maxStdout: 64 * 1024 })
        .then((r) => commandVerdict(r, timeoutMs, elapsed()));
    try {
        return await Promise.race([ran, hung]);
    }
    finally {
        clearTimeout(timer);
    }
}
function lastLine(text) {
    return text.trimEnd().split('\n').pop()?.trim().slice(0, 300) ?? '';
}
/** A health-command line as a gate check, run over `conn` in the login shell's directory (the user's home). */
function commandCheck(conn, command) {
    return { label: command, kind: 'command', probe: (timeoutMs) => probeCommand(conn, command, timeoutMs) };
}


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

/***/ 2923:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   X: () => (/* binding */ describeVerdict),
/* harmony export */   z: () => (/* binding */ gateOnHealth)
/* harmony export */ });
/* harmony import */ var _io_cancel_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(6736);
/* harmony import */ var _verdict_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(415);


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
    const { signal } = hooks;
    const cancelled = () => ({
        passed: false,
        last,
        attempts,
        elapsedMs: now() - start,
        reason: `cancelled after ${attempts} probe(s)`,
        cancelled: true,
    });
    for (;;) {
        const left = deadline - now();
        if (left <= 0)
            break;
        if (signal?.aborted)
            return cancelled();
        const budget = Math.max(1, Math.round(Math.min(opts.requestTimeoutSeconds * 1000, left)));
        const r = await (0,_io_cancel_js__WEBPACK_IMPORTED_MODULE_0__/* .untilAborted */ .Eu)(hooks.probe(budget), signal);
        if (!r)
            return cancelled();
        attempts++;
        // A probe the deadline cut short says nothing about the app: the last real answer stays the verdict.
        const cutByDeadline = budget < opts.requestTimeoutSeconds * 1000 && r.code === undefined && attempts > 1;
        if (!cutByDeadline)
            last = r;
        consecutive = (0,_verdict_js__WEBPACK_IMPORTED_MODULE_1__/* .passes */ .WE)(r.verdict, opts.allowDegraded) ? consecutive + 1 : 0;
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
        await (0,_io_cancel_js__WEBPACK_IMPORTED_MODULE_0__/* .untilAborted */ .Eu)(sleep(wait), signal);
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

/***/ 1098:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {


// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  He: () => (/* binding */ gateChecks),
  T2: () => (/* binding */ gateUrl),
  Y8: () => (/* binding */ urlCheck)
});

// EXTERNAL MODULE: ./src/health/verdict.ts
var verdict = __webpack_require__(415);
;// CONCATENATED MODULE: ./src/health/checks.ts

/**
 * One round's verdict from each check's probe. Pure. A single check is its own result. With several, the first
 * check that does not pass decides (its label in the error); when all pass, a degraded one is reported, else the
 * first check's answer, with the slowest latency of the round.
 */
function combineRound(checks, results, allowDegraded) {
    if (results.length === 1)
        return results[0];
    const latencyMs = Math.max(0, ...results.map((r) => r.latencyMs));
    const failing = results.findIndex((r) => !(0,verdict/* passes */.WE)(r.verdict, allowDegraded));
    const degraded = results.findIndex((r) => r.verdict === 'degraded');
    const pick = failing >= 0 ? failing : degraded >= 0 ? degraded : 0;
    const r = results[pick];
    const label = checks[pick].label;
    if (failing < 0 && degraded < 0) {
        // Every check passed: a check's own note (a redirect followed) is not a reason here.
        const { error: _ignored, ...ok } = r;
        return { ...ok, latencyMs };
    }
    return { ...r, latencyMs, error: `${label}${r.error ? `: ${r.error}` : ''}` };
}
/** A short line for one round in the log: each check's verdict, in order. */
function roundText(results) {
    return results
        .map((c) => `${c.kind === 'command' ? 'command' : 'url'} ${shorten(c.label)}: ${c.last.verdict}`)
        .join('; ');
}
function shorten(s, max = 60) {
    return s.length > max ? `${s.slice(0, max - 1)}…` : s;
}

// EXTERNAL MODULE: ./src/health/gate.ts
var gate = __webpack_require__(2923);
// EXTERNAL MODULE: external "node:http"
var external_node_http_ = __webpack_require__(7067);
var external_node_http_default = /*#__PURE__*/__webpack_require__.n(external_node_http_);
// EXTERNAL MODULE: ./src/health/endpoint.ts
var health_endpoint = __webpack_require__(6525);
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
async function once(target, opts, started) {
    const endpoint = (0,health_endpoint/* healthEndpoint */.Ig)(target);
    if (endpoint?.kind === 'unix') {
        const socketDialer = opts.socketDialer ?? dialLocalSocket;
        // A socket has no host name: `localhost` (not node's `localhost:80`) unless health-headers names one.
        const headers = { host: 'localhost', ...opts.headers };
        return once(endpoint.url, { ...opts, headers, dialer: () => socketDialer(endpoint.socketPath) }, started);
    }
    const url = target;
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
    if (/open a tunnel|open a stream|Connection refused/i.test(e.message))
        return `connection refused (${e.message})`;
    return e.code ? `${e.code}: ${e.message}` : e.message;
}
async function dialLocalSocket(socketPath) {
    const net = await Promise.resolve(/* import() */).then(__webpack_require__.t.bind(__webpack_require__, 7030, 23));
    return new Promise((resolve, reject) => {
        const s = net.connect({ path: socketPath });
        s.once('connect', () => resolve(s));
        s.once('error', reject);
    });
}

;// CONCATENATED MODULE: ./src/health/run-gate.ts



/**
 * A health URL as a gate check. Header values are sent, never logged: an app that echoes one back (a debug
 * endpoint showing its request) has it replaced by *** in the body kept for outputs and the summary.
 */
function urlCheck(target) {
    const secrets = Object.values(target.headers ?? {}).filter((v) => v.trim().length >= 4);
    const scrub = (text) => secrets.reduce((t, s) => t.split(s).join('***'), text);
    return {
        label: target.url,
        kind: 'url',
        probe: async (timeoutMs) => {
            const r = await probe(target.url, {
                timeoutMs,
                ...(target.headers ? { headers: target.headers } : {}),
                ...(target.followRedirects ? { followRedirects: target.followRedirects } : {}),
                ...(target.dialer ? { dialer: target.dialer } : {}),
                ...(target.socketDialer ? { socketDialer: target.socketDialer } : {}),
            });
            return secrets.length ? { ...r, body: scrub(r.body) } : r;
        },
    };
}
/** Runs the gate against a URL, logging every probe. */
function gateUrl(target, opts, log, fatal, signal) {
    const via = target.dialer ? ' through the SSH host' : '';
    return gateChecks([urlCheck(target)], opts, log, fatal, via, signal);
}
/**
 * Runs the gate over every check at once: each round probes all of them in parallel, and a round passes when
 * every check passes. The result carries each check's last probe (`checks`) when there are several.
 */
async function gateChecks(checks, opts, log, fatal, via = '', signal) {
    const what = checks.length === 1
        ? checks[0].label
        : `${checks.length} checks (${checks.map((c) => c.label).join(', ')})`;
    log.info(`Gating on ${what}${via}: ${opts.successes} passing probe(s) in a row within ${opts.timeoutSeconds}s, ` +
        `every ${opts.intervalSeconds}s${opts.allowDegraded ? '' : ' (degraded does not pass)'}`);
    const lasts = [];
    const result = await (0,gate/* gateOnHealth */.z)(opts, {
        probe: async (timeoutMs) => {
            const results = await Promise.all(checks.map((c) => c.probe(timeoutMs)));
            results.forEach((r, i) => (lasts[i] = { label: checks[i].label, kind: checks[i].kind, last: r }));
            return combineRound(checks, results, opts.allowDegraded);
        },
        onProbe: (r, n, consecutive) => log.info(`  probe ${n}: ${checks.length > 1 ? roundText(lasts) : (0,gate/* describeVerdict */.X)(r)}` +
            `${consecutive ? ` [${consecutive}/${opts.successes}]` : ''}`),
        ...(fatal ? { fatal } : {}),
        ...(signal ? { signal } : {}),
    });
    return checks.length > 1 ? { ...result, checks: [...lasts] } : result;
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

/***/ 2927:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   $: () => (/* binding */ upstreamPort),
/* harmony export */   G: () => (/* binding */ upstreamLine)
/* harmony export */ });
function upstreamLine(kind, port) {
    return kind === 'caddy' ? `reverse_proxy 127.0.0.1:${port}` : `server 127.0.0.1:${port};`;
}
/** The port an upstream file names, or undefined when it is not one line of ours. */
function upstreamPort(kind, text) {
    const m = kind === 'caddy'
        ? /^reverse_proxy 127\.0\.0\.1:(\d+)\s*$/.exec(text.trim())
        : /^server 127\.0\.0\.1:(\d+);\s*$/.exec(text.trim());
    const port = m ? Number(m[1]) : undefined;
    return port !== undefined && port >= 1 && port <= 65535 ? port : undefined;
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

/***/ 4665:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   Y: () => (/* binding */ flowContext)
/* harmony export */ });
/* unused harmony export strategyChooser */
/* harmony import */ var _flow_ledger_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(9835);

/**
 * The strategies behind one switch: everything else in the flow is the same for each. Each is loaded when first
 * asked for, so a release deploy never loads Compose's or Swarm's code (and yaml with them) at start-up.
 */
function strategyChooser(ctx, opts) {
    return async (name) => {
        if (name === 'release')
            return (await Promise.all(/* import() */[__webpack_require__.e(260), __webpack_require__.e(870)]).then(__webpack_require__.bind(__webpack_require__, 870))).releaseStrategy(ctx, opts.release);
        if (name !== 'swarm')
            return (await Promise.all(/* import() */[__webpack_require__.e(815), __webpack_require__.e(596)]).then(__webpack_require__.bind(__webpack_require__, 9215))).composeStrategy(ctx, opts.compose);
        // A swarm stack takes the compose strategy's files and registry; converging is bounded by health-timeout.
        const { swarmStrategy } = await Promise.all(/* import() */[__webpack_require__.e(815), __webpack_require__.e(867)]).then(__webpack_require__.bind(__webpack_require__, 7867));
        return swarmStrategy(ctx, {
            ...opts.compose,
            stack: opts.stack ?? '',
            timeoutSeconds: opts.health?.gate.timeoutSeconds ?? 60,
            intervalSeconds: opts.health?.gate.intervalSeconds ?? 1,
            ...(opts.summary ? { summary: opts.summary } : {}),
        });
    };
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
        strategyFor: (name, over) => strategyChooser(over ? { ...strategyCtx, conn: over } : strategyCtx, {
            ...plan,
            summary: (markdown) => io.summary((0,_flow_ledger_js__WEBPACK_IMPORTED_MODULE_0__/* .redact */ .E$)(markdown, secrets)),
        })(name),
    };
}


/***/ }),

/***/ 9809:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   Q: () => (/* binding */ stackName),
/* harmony export */   b: () => (/* binding */ STACK_NAME)
/* harmony export */ });
/* harmony import */ var _io_inputs_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(6332);

/** `stack`: the Swarm stack's name, a prefix of every service name (`<stack>_<service>`); '' = the app name. */
const STACK_NAME = /^[A-Za-z0-9][A-Za-z0-9_-]{0,49}$/;
const stackName = () => (0,_io_inputs_js__WEBPACK_IMPORTED_MODULE_0__/* .matching */ .wC)(STACK_NAME, 'a Swarm stack name: letters, digits, - and _, at most 50 characters');


/***/ }),

/***/ 2862:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {


// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  l: () => (/* binding */ blueGreenPlan),
  y: () => (/* binding */ switchPlan)
});

// EXTERNAL MODULE: external "node:fs"
var external_node_fs_ = __webpack_require__(3024);
// EXTERNAL MODULE: external "node:path"
var external_node_path_ = __webpack_require__(6760);
// EXTERNAL MODULE: ./src/io/errors.ts
var errors = __webpack_require__(7333);
// EXTERNAL MODULE: ./src/flow/inputs.ts
var inputs = __webpack_require__(4399);
// EXTERNAL MODULE: ./src/ssh/quote.ts
var quote = __webpack_require__(9038);
;// CONCATENATED MODULE: ./src/proxy/commands.ts

/**
 * The remote command text of the proxy switch, built through the quoting module. Pure: tested as exact strings
 * and under /bin/sh against hostile paths (test/unit/proxy/commands.test.ts).
 */
/**
 * The graceful reload when proxy-reload-command is empty. Caddy's reload goes through its admin API, which must
 * listen on loopback (Caddy's default, localhost:2019); nginx needs the sudoers line of docs/blue-green.md.
 */
const DEFAULT_RELOAD = {
    caddy: 'caddy reload --config /etc/caddy/Caddyfile --adapter caddyfile',
    nginx: 'sudo nginx -t && sudo nginx -s reload',
};
/** The user's (or the default) reload command, run by a login shell with APP_PORT set to the port now served. */
function reloadCommand(kind, command, port) {
    const text = command || (kind === 'command' ? '' : DEFAULT_RELOAD[kind]);
    if (!text)
        throw new Error('proxy: command needs a proxy-reload-command');
    return (0,quote/* userCommand */.L_)(text, { env: { APP_PORT: String(port) } });
}
/** Marks a file that exists: what follows the marker line is its content (absent file: no output at all). */
const PRESENT = 'vps-deploy:present';
/** Prints PRESENT and the file's content, or nothing when there is no such file. */
function readFileCommand(path) {
    return (0,quote.sh) `if [ -e ${path} ]; then printf '%s\\n' ${PRESENT} && cat -- ${path}; fi`;
}
/** The content readFileCommand printed: undefined for no file. */
function parseReadFile(stdout) {
    if (!stdout.startsWith(`${PRESENT}\n`))
        return undefined;
    return stdout.slice(PRESENT.length + 1);
}
/**
 * Writes `content` to `path` atomically: a temp file beside it, then mv (rename(2) in one directory), so the
 * proxy reads the old or the new line, never half of one. The directory must exist: a path the proxy config
 * does not include would make the switch a silent no-op.
 */
function writeFileCommand(path, content) {
    return ((0,quote.sh) `f=${path}; d=$(dirname -- "$f"; echo .); d=\${d%??}; ` +
        (0,quote.sh) `[ -d "$d" ] || { printf 'the directory of %s does not exist: create it, and include the file in the proxy config\\n' "$f" >&2; exit 1; }; ` +
        (0,quote.sh) `[ ! -d "$f" ] || { printf '%s is a directory, not an upstream file\\n' "$f" >&2; exit 1; }; ` +
        (0,quote.sh) `tmp="$f.vps-deploy-$$"; ` +
        (0,quote.sh) `if printf '%s' ${content} >"$tmp" && chmod 644 "$tmp" && mv -f -- "$tmp" "$f"; then :; else rm -f -- "$tmp"; exit 1; fi`);
}
/** Removes a file this deploy created (putting back "no file"). */
function removeFileCommand(path) {
    return (0,quote.sh) `rm -f -- ${path}`;
}
/** Where a proxy-config is uploaded to be checked: beside its target (relative imports resolve the same), hidden. */
function candidatePath(path) {
    const slash = path.lastIndexOf('/');
    return `${path.slice(0, slash + 1)}.${path.slice(slash + 1)}.vps-deploy-check`;
}
/** Paths in nginx config text: double-quoted with `"`, `\` and `$` escaped. */
function nginxString(path) {
    return `"${path.replace(/["\\$]/g, '\\$&')}"`;
}
/**
 * The nginx main config that checks a server block on its own: temp paths and pid under the prefix (a temp dir),
 * no access log of nginx's own, the candidate included in `http`. Its `upstream` blocks must be in it.
 */
function nginxCheckConfig(candidate) {
    return [
        'pid nginx.pid;',
        'events {}',
        'http {',
        '  access_log off;',
        ...['client_body', 'proxy', 'fastcgi', 'uwsgi', 'scgi'].map((t) => `  ${t}_temp_path ${t}_temp;`),
        `  include ${nginxString(candidate)};`,
        '}',
        '',
    ].join('\n');
}
/**
 * Validates an uploaded proxy-config without touching the live one, printing the validator's output:
 * Caddy: `caddy validate` of the file as a Caddyfile; nginx: `nginx -t` of a throwaway main config that
 * includes it (through `sudo -n` when the deploy user may run nginx so, as the documented sudoers line allows).
 */
function validateConfigCommand(kind, candidate) {
    if (kind === 'caddy')
        return (0,quote.sh) `caddy validate --config ${candidate} --adapter caddyfile 2>&1`;
    return (`w=$(mktemp -d) || exit 1; trap 'rm -rf -- "$w"' EXIT; ` +
        (0,quote.sh) `printf '%s' ${nginxCheckConfig(candidate)} >"$w/nginx.conf" || exit 1; ` +
        // /usr/sbin is not on a non-root SSH session's PATH (sudo has its own secure_path).
        `if [ "$(id -u)" != 0 ] && sudo -n -l nginx -t >/dev/null 2>&1; then n='sudo -n nginx'; ` +
        `else n=$(command -v nginx || echo /usr/sbin/nginx); fi; ` +
        `$n -t -q -e stderr -p "$w/" -c "$w/nginx.conf" 2>&1`);
}

// EXTERNAL MODULE: ./src/proxy/upstream.ts
var upstream = __webpack_require__(2927);
;// CONCATENATED MODULE: ./src/proxy/proxy-switch.ts



function proxySwitch(conn, opts, log) {
    const { kind } = opts;
    const name = kind === 'command' ? 'the proxy-reload-command' : kind;
    let configChecked = false;
    /** The proxy-config this deploy replaced, once installed. */
    let configBefore;
    /** The port the proxy was last switched to by this deploy (what a restoreConfig reload keeps serving). */
    let lastPort;
    const read = async (path, what) => {
        const r = await conn.run(readFileCommand(path), `reading ${what} ${path}`, { log: false });
        return { content: parseReadFile(r.stdout) };
    };
    const putBack = async (path, before, what) => {
        const command = before.content === undefined ? removeFileCommand(path) : writeFileCommand(path, before.content);
        await conn.run(command, `putting back ${what} ${path}`, { log: false });
    };
    /** Runs the reload; its output is the server's, shown through the connection's log and carried in the error. */
    const reload = async (port) => {
        const r = await conn.exec(reloadCommand(kind, opts.reloadCommand, port));
        if (r.code !== 0)
            throw new errors/* RemoteError */.Hi(`${kind === 'command' ? 'the proxy-reload-command' : `the ${kind} reload`} failed (exit ${r.signal ?? r.code})${(0,errors/* tailOf */.Cj)(r.stderr || r.stdout)}`);
    };
    return {
        async servingPort() {
            if (kind === 'command')
                return undefined;
            const { content } = await read(opts.upstreamFile, 'the upstream file');
            return content === undefined ? undefined : (0,upstream/* upstreamPort */.$)(kind, content);
        },
        async checkConfig() {
            if (!opts.config || kind === 'command')
                return;
            const candidate = candidatePath(opts.config.path);
            await conn.upload(opts.config.content, candidate, 0o644);
            try {
                const r = await conn.exec(validateConfigCommand(kind, candidate), { log: false });
                if (r.code !== 0)
                    throw new errors/* RemoteError */.Hi(`${kind} refused the proxy-config for ${opts.config.path} (nothing was changed or reloaded)${(0,errors/* tailOf */.Cj)(r.stdout + r.stderr, 30)}`);
            }
            finally {
                await conn.exec(removeFileCommand(candidate), { log: false }).catch(() => undefined);
            }
            configChecked = true;
            log.info(`${kind} accepts the proxy-config for ${opts.config.path}`);
        },
        async switchTo(port) {
            if (kind === 'command') {
                await reload(port);
                lastPort = port;
                log.info(`${name} switched traffic to port ${port}`);
                return;
            }
            const upstreamBefore = await read(opts.upstreamFile, 'the upstream file');
            const installConfig = opts.config && !configBefore;
            if (installConfig && !configChecked)
                throw new Error('proxy switch: checkConfig() must pass before the proxy-config is installed');
            let configNow;
            if (opts.config && installConfig) {
                configNow = await read(opts.config.path, 'the proxy-config');
                await conn.upload(opts.config.content, opts.config.path, 0o644);
                configBefore = configNow;
            }
            try {
                await conn.run(writeFileCommand(opts.upstreamFile, `${(0,upstream/* upstreamLine */.G)(kind, port)}\n`), `writing the upstream file ${opts.upstreamFile}`, { log: false });
                await reload(port);
            }
            catch (e) {
                // Back to what served: the upstream file (and a config this call installed) as they were, reloaded.
                const undo = [];
                try {
                    await putBack(opts.upstreamFile, upstreamBefore, 'the upstream file');
                    if (opts.config && configNow) {
                        await putBack(opts.config.path, configNow, 'the proxy-config');
                        configBefore = undefined;
                    }
                    const was = upstreamBefore.content && (0,upstream/* upstreamPort */.$)(kind, upstreamBefore.content);
                    await reload(was || port);
                }
                catch (u) {
                    undo.push((0,errors/* errText */.V7)(u));
                }
                const after = undo.length
                    ? `; putting the previous files back failed too: ${undo.join('; ')}`
                    : '; the previous upstream file was put back and the proxy reloaded';
                throw new errors/* RemoteError */.Hi(`${(0,errors/* errText */.V7)(e)}${after}`);
            }
            lastPort = port;
            log.info(`${name} now sends traffic to 127.0.0.1:${port}`);
        },
        async restoreConfig() {
            if (!opts.config || !configBefore)
                return;
            try {
                await putBack(opts.config.path, configBefore, 'the proxy-config');
                configBefore = undefined;
                await reload(lastPort ?? 0);
                log.info(`the previous proxy-config of ${opts.config.path} is back and ${name} reloaded`);
            }
            catch (e) {
                log.warning(`putting back the previous proxy-config ${opts.config.path} failed: ${(0,errors/* errText */.V7)(e)}`);
            }
        },
    };
}

;// CONCATENATED MODULE: ./src/strategies/switch-plan.ts





/** The switch plan of deploy, rollback and the root action; undefined for `switch: restart`. */
function switchPlan(i, appDir, workspace, strategy) {
    const s = (0,inputs/* switchSettings */.UX)(i, appDir, strategy);
    if (!s)
        return undefined;
    const { config, ...proxy } = s.proxy;
    return {
        ...s,
        proxy: { ...proxy, ...(config ? { config: readProxyConfig(config, workspace) } : {}) },
    };
}
/** The flow's side of the plan: ports, drain, public check, and the proxy over the locked connection. */
function blueGreenPlan(plan) {
    return {
        ports: plan.ports,
        drainSeconds: plan.drainSeconds,
        publicHealthUrl: plan.publicHealthUrl,
        proxyFor: (conn, log) => proxySwitch(conn, plan.proxy, log),
    };
}
function readProxyConfig(c, workspace) {
    const full = (0,external_node_path_.isAbsolute)(c.file) ? c.file : (0,external_node_path_.join)(workspace, c.file);
    if (!(0,external_node_fs_.existsSync)(full))
        throw new errors/* ConfigurationError */.j1(`input "proxy-config" got ${JSON.stringify(c.file)}: there is no such file in ${workspace}`);
    return { content: (0,external_node_fs_.readFileSync)(full, 'utf8'), path: c.path };
}


/***/ })

};
