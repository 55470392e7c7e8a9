export const id = 884;
export const ids = [884];
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
        const strategy = ctx.strategyFor(opts.strategy);
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
/* harmony import */ var _ssh_connection_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(8047);
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
/* harmony export */   R4: () => (/* binding */ keepStagedEnv),
/* harmony export */   Uw: () => (/* binding */ RELEASE_ENV),
/* harmony export */   _4: () => (/* binding */ composeEnvStaged),
/* harmony export */   _S: () => (/* binding */ envModeCommand),
/* harmony export */   bK: () => (/* binding */ composeEnvRecord),
/* harmony export */   bq: () => (/* binding */ COMPOSE_ENV_DIR),
/* harmony export */   eU: () => (/* binding */ imageMigrateCommand),
/* harmony export */   iJ: () => (/* binding */ applyEnv),
/* harmony export */   po: () => (/* binding */ installFirstEnv),
/* harmony export */   wL: () => (/* binding */ forgetComposeEnvCommand)
/* harmony export */ });
/* unused harmony exports envFileText, copyEnvCommand, fileExistsCommand */
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
/** The env-file this run staged for `tag` becomes that tag's record (compose and swarm, at the switch). */
async function keepStagedEnv(conn, appDir, tag) {
    await conn.run((0,_ssh_quote_js__WEBPACK_IMPORTED_MODULE_3__.sh) `mv -f -- ${composeEnvStaged(appDir, tag)} ${composeEnvRecord(appDir, tag)}`, 'recording the env-file', { log: false });
}
/**
 * An image release's migrate-command (compose and swarm): in the app dir with the tag variable set; the live
 * .env is still the running release's, so a staged env-file is named by VPS_DEPLOY_ENV_FILE.
 */
function imageMigrateCommand(command, appDir, tagVariable, tag, envFileStaged) {
    return (0,_ssh_quote_js__WEBPACK_IMPORTED_MODULE_3__/* .userCommand */ .L_)(command, {
        cwd: appDir,
        env: {
            [tagVariable]: tag,
            ...(envFileStaged ? { VPS_DEPLOY_ENV_FILE: composeEnvStaged(appDir, tag) } : {}),
        },
    });
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

/***/ 6885:
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
/** Prints the app dir's physical path, then one INSPECT_FORMAT line per container of the app. */
function containersCommand(appDir) {
    return (0,quote.sh) `cd ${appDir} && pwd -P && ` + inspectAppContainersCommand(appDir, INSPECT_FORMAT);
}
/**
 * Run in the app dir: `docker inspect --format <format>` of the app's containers, those whose compose
 * working-dir label is the app dir as given or its physical path (compose v1 and v2 record either). Only the
 * app's: listing every project's containers let another app's `run --rm` ending between ps and inspect fail this
 * deploy with "No such object". A container of ours gone meanwhile is skipped the same way; any other error of
 * inspect still fails the command with its message.
 */
function inspectAppContainersCommand(appDir, format) {
    const label = 'label=com.docker.compose.project.working_dir=';
    return ((0,quote.sh) `wd=$(pwd -P) && ` +
        (0,quote.sh) `ids=$({ docker ps -aq --filter ${label}"$wd" && docker ps -aq --filter ${label + appDir}; } | sort -u) && ` +
        (0,quote.sh) `if [ -n "$ids" ]; then { err=$(docker inspect --format ${format} $ids 2>&1 >&3); st=$?; } 3>&1; ` +
        (0,quote.sh) `if [ "$st" -ne 0 ]; then err=$(printf '%s\n' "$err" | grep -v '^Error: No such object: '); ` +
        (0,quote.sh) `if [ -n "$err" ]; then printf '%s\n' "$err" >&2; exit "$st"; fi; fi; fi`);
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
// EXTERNAL MODULE: external "node:fs"
var external_node_fs_ = __webpack_require__(3024);
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
        const progress = conn.progress?.(`upload of the extra files for ${tag}`, totalBytes(uploads));
        for (let i = 0; i < uploads.length; i += PARALLEL) {
            await Promise.all(uploads.slice(i, i + PARALLEL).map(async (u) => {
                await conn.upload((0,extra_files/* readLocal */.iG)(u.local), external_node_path_.posix.join(root, u.remote), u.mode);
                progress?.add(sizeOf(u.local));
            }));
        }
        progress?.done();
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
/** A file's size on the runner, for the progress line (0 when it cannot be read: the upload says why). */
function sizeOf(path) {
    try {
        return (0,external_node_fs_.statSync)(path).size;
    }
    catch {
        return 0;
    }
}
function totalBytes(uploads) {
    return uploads.reduce((n, u) => n + sizeOf(u.local), 0);
}

;// CONCATENATED MODULE: ./src/strategies/compose/interrupted-recreate.ts

/**
 * docker-compose v1 killed in the middle of a recreate leaves the service's old container renamed to
 * `<12 hex of its id>_<name>`, and the next `up -d` then fails with "Renaming a container with the same name as
 * its current name". Run before `up -d`, this puts such a container back under its name when no container holds
 * that name (a rename keeps its anonymous volumes), or removes it when one does. It prints one line per container
 * it changed, `renamed <temporary> <name>` or `removed <temporary> <name>`, for the log.
 * The app's containers are those whose compose working-dir label is the app dir's physical path (the project
 * name is not known here: a `name:` in the file or COMPOSE_PROJECT_NAME may set it). Compose v2 names its
 * temporary containers the same way, so the command is harmless there.
 */
function recoverInterruptedRecreateCommand(appDir) {
    const names = (0,quote.sh) `cd ${appDir} && wd=$(pwd -P) && docker ps -a --filter "label=com.docker.compose.project.working_dir=$wd" --format '{{.Names}}'`;
    // `expr` anchors at the start: 12 lowercase hex digits and an underscore, then the name compose expects.
    return (`${names} | while IFS= read -r n; do ` +
        `[ "$(expr "$n" : '[0-9a-f]\\{12\\}_.')" = 14 ] || continue; ` +
        `want=\${n#????????????_}; ` +
        `if docker inspect --type container -- "$want" >/dev/null 2>&1; ` +
        `then docker rm -f -- "$n" >/dev/null && echo "removed $n $want"; ` +
        `else docker rename "$n" "$want" && echo "renamed $n $want"; fi; done`);
}
/** The log lines for recoverInterruptedRecreateCommand's output. */
function describeRecovery(output) {
    return output
        .split('\n')
        .map((l) => l.trim().split(' '))
        .filter(([verb, from, to]) => (verb === 'renamed' || verb === 'removed') && from && to)
        .map(([verb, from, to]) => verb === 'renamed'
        ? `Put container ${from} back under its name ${to} (left by an interrupted up -d)`
        : `Removed container ${from} (left by an interrupted up -d; ${to} exists)`);
}

// EXTERNAL MODULE: ./src/strategies/env-release.ts
var env_release = __webpack_require__(9626);
// EXTERNAL MODULE: ./node_modules/yaml/dist/index.js
var dist = __webpack_require__(8815);
;// CONCATENATED MODULE: ./src/strategies/compose/blue-green-commands.ts






/**
 * The remote command text and pure decisions of compose's blue-green switch (blue-green.ts runs them).
 * One instance = the containers one `up --scale` added for the app's services; the web service's container
 * publishes 127.0.0.1:<port>. Which containers belong to the instance on a port is recorded in
 * <app-dir>/.vps-deploy/compose-instances/<port> (ids, one a line), so a later run (the next deploy, a rollback)
 * stops the old worker with the old web container.
 */
/** The variable the compose file publishes the web service on: `127.0.0.1:${APP_PORT}:8000`. */
const PORT_VARIABLE = 'APP_PORT';
const INSTANCES_DIR = '.vps-deploy/compose-instances';
/** The live .env as it was before startBeside rewrote it: put back when the new instance is not promoted. */
const SAVED_ENV = '.vps-deploy/env/.serving.env';
/** `cd <app-dir> && env K=V … <compose> <args>`: the variables hold for that one command. */
function composeWith(cli, appDir, args, vars) {
    const env = vars.length ? (0,quote.sh) `env ${vars.map(([k, v]) => `${k}=${v}`)} ` : '';
    return (0,quote.sh) `cd ${appDir} && ${(0,quote/* raw */.lS)(env)}${[...cli, ...args]}`;
}
/** The tag and port variables `up` and `config` interpolate (port 0: empty, an ephemeral host port). */
function instanceVars(tagVariable, tag, port) {
    return [
        [tagVariable, tag],
        [PORT_VARIABLE, port ? String(port) : ''],
    ];
}
/**
 * One more container of each app service beside the running ones; `--no-recreate` leaves the serving
 * containers as they are (their config differs: another tag and port), `--no-deps` leaves the database alone.
 * A first start (no container of the app yet) lets Compose start the dependencies, still never recreating one.
 */
function scaleUpArgs(scales, firstStart) {
    return [
        'up',
        '-d',
        '--no-recreate',
        ...(firstStart ? [] : ['--no-deps']),
        ...scales.flatMap((s) => ['--scale', `${s.service}=${s.count}`]),
        ...scales.map((s) => s.service),
    ];
}
const PORTS_FORMAT = `${INSPECT_FORMAT}\t{{json .HostConfig.PortBindings}}\t{{json .NetworkSettings.Ports}}`;
/** Prints the app dir's physical path, `<port>:<id>` per recorded id, then one PORTS_FORMAT line per container. */
function instancesCommand(appDir) {
    return ((0,quote.sh) `cd ${appDir} && pwd -P && { cd ${INSTANCES_DIR} 2>/dev/null && grep -H '' -- * 2>/dev/null; cd ${appDir}; } ; ` +
        inspectAppContainersCommand(appDir, PORTS_FORMAT));
}
function bindings(json) {
    try {
        return JSON.parse(json ?? 'null');
    }
    catch {
        return null;
    }
}
/** instancesCommand's output -> the app services' containers with their ports, and the recorded instances. */
function readInstances(output, appDir, services) {
    const [physical = '', ...rest] = output.trim().split('\n');
    const recorded = new Map();
    const lines = [];
    for (const line of rest) {
        const rec = /^(\d+):([0-9a-f]{12,64})$/.exec(line.trim());
        if (rec)
            recorded.set(Number(rec[1]), [...(recorded.get(Number(rec[1])) ?? []), rec[2]]);
        else
            lines.push(line);
    }
    const ports = new Map();
    for (const line of lines) {
        const f = line.split('\t');
        ports.set(f[0], { configured: bindings(f[9]), actual: bindings(f[10]) });
    }
    const containers = appContainers([physical, ...lines].join('\n'), appDir, services).map((c) => {
        const p = ports.get(c.id);
        const actual = new Map();
        const hostPorts = new Set();
        for (const [which, b] of [
            ['configured', p?.configured],
            ['actual', p?.actual],
        ]) {
            for (const [containerPort, list] of Object.entries(b ?? {})) {
                for (const x of list ?? []) {
                    const n = Number(x.HostPort);
                    if (!x.HostPort || !Number.isInteger(n) || n <= 0)
                        continue;
                    hostPorts.add(n);
                    if (which === 'actual' && !actual.has(containerPort))
                        actual.set(containerPort, n);
                }
            }
        }
        return { ...c, hostPorts: [...hostPorts], actual };
    });
    return { containers, recorded };
}
/** The containers of the instance on `port`: recorded for it, or publishing it (a container started before any record). */
function instanceAt(view, port) {
    if (!port)
        return [];
    const ids = new Set(view.recorded.get(port) ?? []);
    return view.containers.filter((c) => ids.has(c.id) || c.hostPorts.includes(port));
}
/** Writes the ids of the instance on `port` (temp + rename). */
function recordInstanceCommand(appDir, port, ids) {
    const dir = external_node_path_.posix.join(appDir, INSTANCES_DIR);
    const file = external_node_path_.posix.join(dir, String(port));
    return (0,quote.sh) `mkdir -p -- ${dir} && printf '%s\n' ${ids} > ${`${file}.tmp`} && mv -f -- ${`${file}.tmp`} ${file}`;
}
/**
 * Stops the containers (each within its own stop_grace_period: in-flight requests finish on SIGTERM), removes
 * them, and forgets the record of `port`.
 */
function removeInstanceCommand(appDir, port, ids) {
    const record = external_node_path_.posix.join(appDir, INSTANCES_DIR, String(port));
    if (!ids.length)
        return (0,quote.sh) `rm -f -- ${record}`;
    return (0,quote.sh) `docker stop ${ids} >/dev/null; docker rm -f ${ids} >/dev/null && rm -f -- ${record}`;
}
/** The last lines of each container's log, headed by its name. */
function instanceLogsCommand(containers, lines = 80) {
    return containers
        .map((c) => (0,quote.sh) `echo ${`== ${c.name}`} && docker logs --tail ${String(lines)} ${c.id} 2>&1`)
        .join('; ');
}
/** Keeps the live .env aside (or notes there was none) before startBeside rewrites it. */
function saveEnvCommand(appDir) {
    const live = external_node_path_.posix.join(appDir, '.env');
    const saved = external_node_path_.posix.join(appDir, SAVED_ENV);
    return (0,quote.sh) `mkdir -p -- ${external_node_path_.posix.dirname(saved)} && rm -f -- ${saved} && { [ ! -f ${live} ] || cp -p -- ${live} ${saved}; }`;
}
/** Puts back the .env saveEnvCommand kept (none kept: there was no .env, so there is none again). */
function restoreEnvCommand(appDir) {
    const live = external_node_path_.posix.join(appDir, '.env');
    const saved = external_node_path_.posix.join(appDir, SAVED_ENV);
    return (0,quote.sh) `if [ -f ${saved} ]; then mv -f -- ${saved} ${live}; else rm -f -- ${live}; fi`;
}
/** A run killed between startBeside and promote left .env naming its instance: the kept one is the serving one's. */
function recoverEnvCommand(appDir) {
    const live = external_node_path_.posix.join(appDir, '.env');
    const saved = external_node_path_.posix.join(appDir, SAVED_ENV);
    return (0,quote.sh) `if [ -f ${saved} ]; then mv -f -- ${saved} ${live} && echo recovered; fi`;
}
function dropSavedEnvCommand(appDir) {
    return (0,quote.sh) `rm -f -- ${external_node_path_.posix.join(appDir, SAVED_ENV)}`;
}
/**
 * The live .env for an instance: `record` (the tag's recorded config; the live .env when there is none, and
 * then prints `none`) without its own lines for `vars`, then `vars` as lines. A later plain `up` (a restart
 * switch, a backup's start) reads the same tag and port the serving container was made with, so Compose sees
 * nothing to recreate. Mode 0600 (0640 in a setgid dir), written to a temp file and renamed.
 */
function liveEnvCommand(appDir, record, vars, tmpSuffix) {
    const live = external_node_path_.posix.join(appDir, '.env');
    const tmp = `${live}.tmp-${tmpSuffix}`;
    const names = vars.map(([k]) => {
        if (!/^[A-Za-z_][A-Za-z0-9_]*$/.test(k))
            throw new Error(`not a variable name: ${k}`);
        return k;
    });
    const pattern = `^[[:space:]]*(export[[:space:]]+)?(${names.join('|')})[[:space:]]*=`;
    return ((0,quote.sh) `src=${record}; if [ ! -f "$src" ]; then echo none; src=${live}; fi; ` +
        (0,quote.sh) `(umask 077 && { if [ -f "$src" ]; then grep -v -E ${pattern} -- "$src" || true; fi; ` +
        (0,quote.sh) `printf '%s\n' ${vars.map(([k, v]) => `${k}=${v}`)}; } > ${tmp}) && ` +
        (0,env_release/* envModeCommand */._S)(tmp) +
        (0,quote.sh) ` && { mv -f -- ${tmp} ${live} || { rc=$?; rm -f -- ${tmp}; exit $rc; }; }`);
}
/** The port `config` interpolates ${APP_PORT} to when prepare() checks the file before the port is known. */
const PROBE_PORT = 65535;
/** One `ports:` entry of `config` output: v1 prints `127.0.0.1:8001:8000/tcp`, v2 a mapping. */
function portEntry(p) {
    if (typeof p === 'string' || typeof p === 'number') {
        const m = /^(?:(?:\[[^\]]*\]|[^:]*):)?([^:]*):(\d+)(?:\/(\w+))?$/.exec(String(p));
        if (m)
            return { published: m[1], target: `${m[2]}/${m[3] ?? 'tcp'}` };
        const only = /^(\d+)(?:\/(\w+))?$/.exec(String(p));
        return only ? { published: '', target: `${only[1]}/${only[2] ?? 'tcp'}` } : undefined;
    }
    if (p && typeof p === 'object') {
        const o = p;
        if (o.target === undefined)
            return undefined;
        return {
            published: o.published === undefined || o.published === null ? '' : String(o.published),
            target: `${String(o.target)}/${typeof o.protocol === 'string' ? o.protocol : 'tcp'}`,
        };
    }
    return undefined;
}
/**
 * Checks, before anything changes, that the app's services can run twice side by side: each is in the file
 * and has no `container_name`, exactly one publishes ports (the web service), on `${APP_PORT}` (port > 0)
 * or an ephemeral host port (port 0). Throws a ConfigurationError saying what to change.
 */
function blueGreenPlan(configOutput, services, port, opts = {}) {
    if (!services.length)
        throw new errors/* ConfigurationError */.j1('switch: blue-green with strategy compose needs `services`: the app services that get a second ' +
            'instance beside the serving one (never the database or Redis)');
    const doc = ((0,dist.parse)(configOutput) ?? {});
    const all = doc.services ?? {};
    const webs = [];
    for (const s of services) {
        const def = all[s];
        if (!def)
            throw new errors/* ConfigurationError */.j1(`services names ${s}, which the compose file does not define`);
        if (def.container_name)
            throw new errors/* ConfigurationError */.j1(`service ${s} sets container_name, so Compose cannot run a second container of it: remove container_name for switch: blue-green`);
        const ports = Array.isArray(def.ports) ? def.ports : [];
        if (ports.length)
            webs.push({ service: s, entries: ports.map(portEntry).filter((e) => e !== undefined) });
    }
    const want = opts.probe
        ? `publish it on 127.0.0.1:\${${PORT_VARIABLE}}:<container port> (or 127.0.0.1::<container port>: ephemeral)`
        : port
            ? `publish it on 127.0.0.1:\${${PORT_VARIABLE}}:<container port>`
            : 'publish it on an ephemeral host port, 127.0.0.1::<container port>';
    if (webs.length !== 1)
        throw new errors/* ConfigurationError */.j1(webs.length
            ? `switch: blue-green takes exactly one service that publishes ports among services (${services.join(', ')}); ` +
                `${webs.map((w) => w.service).join(' and ')} do: the others may not publish any`
            : `none of services (${services.join(', ')}) publishes a port for the proxy: ${want}`);
    const { service, entries } = webs[0];
    const fixed = entries.filter((e) => e.published !== '' && e.published !== String(port));
    const onPort = entries.filter((e) => e.published === String(port));
    // A probe (port = PROBE_PORT, before the ports are known) takes ${APP_PORT} or an ephemeral port.
    const ephemeral = entries.filter((e) => e.published === '');
    const mine = opts.probe ? (onPort.length ? onPort : ephemeral) : port ? onPort : ephemeral;
    if (fixed.length || mine.length !== 1)
        throw new errors/* ConfigurationError */.j1(`service ${service} publishes ${entries.map((e) => `${e.published || '(ephemeral)'}:${e.target}`).join(', ')}; ` +
            `two instances cannot share a fixed host port: ${want}, and no other port`);
    return { web: service, containerPort: mine[0].target };
}

;// CONCATENATED MODULE: ./src/strategies/compose/blue-green.ts






/**
 * Compose's side of `switch: blue-green` (docs/blue-green.md, Compose): the app's services get one more
 * container each with `up -d --no-recreate --no-deps --scale`, the web one on 127.0.0.1:<port>; the serving
 * containers and the stateful services are never recreated. `.env` names the new tag and port from the start
 * (a later plain `up` then sees nothing to recreate) and goes back to what it was if the new instance is stopped
 * without being promoted.
 */
function composeBlueGreen(ctx, deps) {
    const { conn, appDir, log } = ctx;
    /** The instance startBeside made and promote has not taken yet: stopping it puts the saved .env back. */
    let pending;
    const view = async () => readInstances((await conn.run(instancesCommand(appDir), 'listing containers', { log: false })).stdout, appDir, deps.services);
    const names = (cs) => cs.map((c) => c.name).join(', ');
    const remove = async (port, cs) => conn.run(removeInstanceCommand(appDir, port, cs.map((c) => c.id)), `stopping ${names(cs) || 'nothing'}`, { log: false });
    /** The tag's config becomes .env (as the restart switch's activate does), plus the tag and port lines. */
    const putEnv = async (tag, vars) => {
        const record = (0,env_release/* composeEnvRecord */.bK)(appDir, tag);
        if (deps.takePrepared(tag)) {
            if (deps.envFile)
                await (0,env_release/* keepStagedEnv */.R4)(conn, appDir, tag);
            else
                await (0,env_release/* recordEnv */.$c)(conn, '', `${appDir}/.env`, record);
        }
        const r = await conn.run(liveEnvCommand(appDir, record, vars, (0,external_node_crypto_.randomBytes)(4).toString('hex')), `putting the config of ${tag} in place`, { log: false });
        const set = vars.map(([k, v]) => `${k}=${v}`).join(' ');
        if (r.stdout.trim() === 'none')
            log.warning(`${tag} has no recorded env: .env kept as it was, with ${set}`);
        else
            log.info(`.env is the config recorded with ${tag}, with ${set}`);
    };
    const undoStart = async (before, port) => {
        try {
            const fresh = (await view()).containers.filter((c) => !before.has(c.id));
            if (fresh.length)
                await remove(port, fresh);
            await conn.run(restoreEnvCommand(appDir), 'putting back .env', { log: false });
        }
        catch (e) {
            log.warning(`cleaning up the new instance failed: ${(0,errors/* errText */.V7)(e)}`);
        }
        pending = undefined;
    };
    return {
        /** prepare(): the file's services can run twice (services, container_name, one published port), before migrate. */
        async checkFile(tag) {
            const cli = await deps.compose();
            const config = await conn.run(composeWith(cli, appDir, ['config'], instanceVars(deps.tagVariable, tag, PROBE_PORT)), 'reading the compose file', { log: false });
            blueGreenPlan(config.stdout, deps.services, PROBE_PORT, { probe: true });
        },
        async startBeside(tag, port) {
            const cli = await deps.compose();
            const vars = instanceVars(deps.tagVariable, tag, port);
            const config = await conn.run(composeWith(cli, appDir, ['config'], vars), 'reading the compose file', {
                log: false,
            });
            const plan = blueGreenPlan(config.stdout, deps.services, port);
            let now = await view();
            // Containers on the new port are not serving (the proxy names the other one): a run killed before its stopAt.
            const leftover = instanceAt(now, port);
            if (leftover.length) {
                log.warning(`removing ${names(leftover)}, left on port ${port} by an earlier run`);
                await remove(port, leftover);
                const r = await conn.run(recoverEnvCommand(appDir), 'putting back .env', { log: false });
                if (r.stdout.includes('recovered'))
                    log.warning('.env is again the serving instance’s, as that run left it');
                now = await view();
            }
            const before = new Set(now.containers.map((c) => c.id));
            const scales = deps.services.map((service) => ({
                service,
                count: now.containers.filter((c) => c.service === service).length + 1,
            }));
            await conn.run(saveEnvCommand(appDir), 'keeping the serving .env aside', { log: false });
            pending = { port };
            try {
                await applyExtraFiles(conn, appDir, tag, log);
                await putEnv(tag, vars);
                await deps.beforeUp();
                await conn.run(composeWith(cli, appDir, scaleUpArgs(scales, before.size === 0), vars), `starting ${tag} beside the serving instance (${vars.map(([k, v]) => `${k}=${v}`).join(' ')})`);
            }
            catch (e) {
                await undoStart(before, port);
                throw e;
            }
            const fresh = (await view()).containers.filter((c) => !before.has(c.id));
            const web = fresh.find((c) => c.service === plan.web);
            const actual = port || web?.actual.get(plan.containerPort);
            if (!web || !actual) {
                const why = web ? (crashedReason([web], new Map()) ?? `it is ${web.status}`) : 'Compose started none';
                await undoStart(before, port);
                throw new errors/* RemoteError */.Hi(`the new ${plan.web} container of ${tag} has no host port: ${why}`, 'activate');
            }
            await conn.run(recordInstanceCommand(appDir, actual, fresh.map((c) => c.id)), 'recording the new instance', { log: false });
            pending = { port: actual };
            log.info(`${tag} runs beside the serving instance: ${names(fresh)}, on 127.0.0.1:${actual}`);
            return actual;
        },
        async fatalAt(port) {
            const cs = instanceAt(await view(), port);
            if (!cs.length)
                return `no container of ${deps.services.join(', ')} publishes port ${port}`;
            // Restart counts from zero: these containers were created by this instance's `up`.
            return crashedReason(cs, new Map());
        },
        async logsAt(port) {
            try {
                const cs = instanceAt(await view(), port);
                if (!cs.length)
                    return '';
                const r = await conn.exec(instanceLogsCommand(cs), { log: false, maxStdout: 256 * 1024 });
                return r.stdout.trimEnd();
            }
            catch (e) {
                log.debug(`reading the instance's logs failed: ${(0,errors/* errText */.V7)(e)}`);
                return '';
            }
        },
        async promote(tag, port) {
            if (pending?.port !== port)
                return;
            // .env already names this instance (startBeside wrote it): only the copy of the old one goes.
            await conn.run(dropSavedEnvCommand(appDir), 'forgetting the old .env', { log: false });
            pending = undefined;
            log.info(`.env names ${tag} on port ${port}: a later up -d keeps the serving container as it is`);
        },
        async stopAt(port) {
            const cs = instanceAt(await view(), port);
            if (cs.length) {
                await remove(port, cs);
                log.info(`Stopped and removed ${names(cs)} (port ${port})`);
            }
            else
                await conn.run(removeInstanceCommand(appDir, port, []), 'forgetting the instance', { log: false });
            if (pending?.port === port) {
                await conn.run(restoreEnvCommand(appDir), 'putting back .env', { log: false });
                pending = undefined;
                log.info('.env is again the serving instance’s');
            }
        },
    };
}

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
    /** A container an interrupted `up -d` left under a temporary name would make this `up -d` fail: put it back. */
    const recoverInterruptedRecreate = async () => {
        const r = await conn.run(recoverInterruptedRecreateCommand(appDir), 'checking for an interrupted recreate', {
            log: false,
        });
        for (const line of describeRecovery(r.stdout))
            log.warning(line);
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
            await (0,env_release/* keepStagedEnv */.R4)(conn, appDir, tag);
        await (0,env_release/* applyEnv */.iJ)(conn, log, tag, record, liveEnv, '.env');
    };
    const blueGreen = opts.blueGreen
        ? composeBlueGreen(ctx, {
            services: opts.services,
            tagVariable: opts.tagVariable,
            envFile: opts.envFile,
            compose,
            takePrepared: (tag) => {
                const staged = tag === preparedTag;
                preparedTag = undefined;
                return staged;
            },
            beforeUp: recoverInterruptedRecreate,
        })
        : undefined;
    return {
        name: 'compose',
        restoresRedeploy: false,
        ...(blueGreen ? { blueGreen } : {}),
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
            // switch: blue-green: refused before the pull and migrate when the services cannot run twice.
            await blueGreen?.checkFile(tag);
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
            await conn.run((0,env_release/* imageMigrateCommand */.eU)(opts.migrateCommand, appDir, opts.tagVariable, tag, Boolean(opts.envFile)), 'migrate-command');
        },
        async activate(tag) {
            // A rollback activates without prepare: it reads the restart counts itself.
            baseline = snapshot ?? restartCounts(await containers());
            snapshot = undefined;
            activeTag = tag;
            await applyExtraFiles(conn, appDir, tag, log);
            await switchEnv(tag);
            await recoverInterruptedRecreate();
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

// EXTERNAL MODULE: ./src/strategies/release-dirs/strategy.ts + 19 modules
var strategy = __webpack_require__(2816);
// EXTERNAL MODULE: ./src/strategies/swarm/inputs.ts
var inputs = __webpack_require__(9809);
// EXTERNAL MODULE: ./src/io/summary.ts
var summary = __webpack_require__(2864);
;// CONCATENATED MODULE: ./src/strategies/swarm/commands.ts


/**
 * The remote command text of the swarm strategy, built from argument arrays through the quoting module. Pure:
 * tested as exact strings (test/unit/strategies/swarm/commands.test.ts). What the output of these commands
 * means is converge.ts.
 */

/** Where each tag's compose file is kept, relative to the app dir: a rollback deploys the file it ran with. */
const STACK_FILES_DIR = '.vps-deploy/stack';
/** The stack name the last activate deployed, so a rollback without `stack` finds the same stack. */
function stackNameFile(appDir) {
    return external_node_path_.posix.join(appDir, STACK_FILES_DIR, 'stack-name');
}
/** Prints the recorded stack name (nothing when none is recorded). */
function readStackNameCommand(appDir) {
    return (0,quote.sh) `cat -- ${stackNameFile(appDir)} 2>/dev/null; true`;
}
/** The standard compose file names, looked for in the app dir when no compose-file is given. */
const COMPOSE_NAMES = ['compose.yaml', 'compose.yml', 'docker-compose.yml', 'docker-compose.yaml'];
/** The compose file recorded with `tag`. */
function stackFileRecord(appDir, tag) {
    return external_node_path_.posix.join(appDir, STACK_FILES_DIR, `${tag}.yml`);
}
/** The label Docker puts on every service of a stack (the CLI's own filter for `docker stack services`). */
function stackLabel(stack) {
    return `label=com.docker.stack.namespace=${stack}`;
}
/**
 * Prints `<LocalNodeState> <ControlAvailable>`: `active true` on a manager, `active false` on a worker,
 * `inactive false` when the engine is not in a swarm.
 */
const SWARM_ROLE = (0,quote.sh) `docker info --format ${'{{.Swarm.LocalNodeState}} {{.Swarm.ControlAvailable}}'}`;
/** The first standard compose file name present in the app dir (prints nothing when none is). */
function findComposeFileCommand(appDir) {
    return (0,quote.sh) `cd ${appDir} && for f in ${COMPOSE_NAMES}; do if [ -f "$f" ]; then echo "$f"; break; fi; done`;
}
/**
 * Copies `from` over `to` by a temp file in `to`'s directory renamed into place, so `docker stack deploy`
 * never reads a half-written file. Fails when `from` is missing.
 */
function placeFileCommand(from, to, tmpSuffix) {
    const tmp = `${to}.tmp-${tmpSuffix}`;
    return ((0,quote.sh) `mkdir -p -- ${external_node_path_.posix.dirname(to)} && cp -- ${from} ${tmp} && ` +
        (0,quote.sh) `{ mv -f -- ${tmp} ${to} || { rc=$?; rm -f -- ${tmp}; exit $rc; }; }`);
}
/**
 * `cd <app-dir> && env IMAGE_TAG=<tag> docker stack deploy --with-registry-auth -c <file>… <stack>`: the tag
 * variable is set for that one command, the nodes get the manager's registry login, and never `--prune`
 * (services of the stack that the file does not name are left alone).
 */
function stackDeployCommand(appDir, files, stack, tagVariable, tag) {
    const args = [
        'docker',
        'stack',
        'deploy',
        '--with-registry-auth',
        ...files.flatMap((f) => ['-c', f]),
        stack,
    ];
    return (0,quote.sh) `cd ${appDir} && env ${`${tagVariable}=${tag}`} ${args}`;
}
/** Separates `docker service inspect`'s JSON from each service's task lines in stackViewCommand's output. */
const TASKS_MARK = '--- tasks ';
/**
 * What the strategy knows of a stack, in one round trip: `docker service inspect` of every service of the
 * stack (a JSON array), then per service a TASKS_MARK line with its ID and `docker service ps` (its task
 * history: the failed tasks of a restart loop are there) as one JSON object a line. Prints nothing when the
 * stack has no service.
 */
function stackViewCommand(stack) {
    const ps = ['docker', 'service', 'ps', '--no-trunc', '--format', '{{json .}}'];
    return ((0,quote.sh) `ids=$(docker service ls -q --filter ${stackLabel(stack)}) || exit $?; [ -n "$ids" ] || exit 0; ` +
        (0,quote/* raw */.lS)('docker service inspect $ids || exit $?; ') +
        (0,quote.sh) `for id in $ids; do echo ${TASKS_MARK.trim()} "$id"; ${ps} "$id" || exit $?; done`);
}
/** How many lines of each service's log a failure shows. */
const commands_LOG_LINES = 80;
/** The last lines of each named service's log (full names: `<stack>_<service>`), every line with its task. */
function serviceLogsCommand(services, lines = commands_LOG_LINES) {
    const logs = ['docker', 'service', 'logs', '--tail', String(lines)];
    return (0,quote.sh) `for s in ${services}; do echo "== $s"; ${logs} "$s" 2>&1; done`;
}
/** Lists the recorded compose files, newest first: `<mtime seconds> <tag>.yml` a line. */
function recordedTagsCommand(appDir) {
    const dir = external_node_path_.posix.join(appDir, STACK_FILES_DIR);
    return (0,quote.sh) `cd ${dir} 2>/dev/null || exit 0; for f in *.yml; do [ -f "$f" ] && printf '%s %s\n' "$(stat -c %Y -- "$f")" "$f"; done; true`;
}
/** Removes the recorded compose files of pruned tags. */
function forgetTagsCommand(appDir, tags) {
    return (0,quote.sh) `rm -f -- ${tags.map((t) => stackFileRecord(appDir, t))}`;
}

;// CONCATENATED MODULE: ./src/strategies/swarm/converge.ts

/** Failed tasks of the new spec in one service that make a restart loop rather than one unlucky start. */
const CRASH_LOOP_TASKS = 3;
const PULL_ERROR = /No such image|manifest unknown|pull access denied|repository does not exist|not found: manifest|unauthorized/i;
/** stackViewCommand's output -> the services of `stack` and their tasks. Empty output: no service. */
function parseStackView(output, stack) {
    const text = output.trim();
    if (!text)
        return { services: [], tasks: new Map() };
    const markAt = text.indexOf(`\n${TASKS_MARK}`);
    const inspect = JSON.parse(markAt < 0 ? text : text.slice(0, markAt));
    const services = inspect.map((s) => serviceFacts(s, stack));
    const tasks = new Map();
    let current;
    for (const line of markAt < 0 ? [] : text.slice(markAt + 1).split('\n')) {
        if (line.startsWith(TASKS_MARK)) {
            current = [];
            tasks.set(line.slice(TASKS_MARK.length).trim(), current);
        }
        else if (line.trim().startsWith('{') && current) {
            current.push(taskFacts(JSON.parse(line)));
        }
    }
    // `docker service ls -q` prints short IDs, `inspect` full ones: key the tasks by the full ID.
    const byFullId = new Map();
    for (const [id, list] of tasks)
        byFullId.set(services.find((sv) => sv.id.startsWith(id))?.id ?? id, list);
    return { services, tasks: byFullId };
}
function serviceFacts(s, stack) {
    const name = s.Spec?.Name ?? '';
    const mode = s.Spec?.Mode;
    const test = s.Spec?.TaskTemplate?.ContainerSpec?.Healthcheck?.Test;
    const u = s.UpdateStatus;
    return {
        id: s.ID ?? '',
        name,
        service: name.startsWith(`${stack}_`) ? name.slice(stack.length + 1) : name,
        image: s.Spec?.TaskTemplate?.ContainerSpec?.Image ?? '',
        ...(mode?.Global ? {} : { replicas: mode?.Replicated?.Replicas ?? 1 }),
        version: s.Version?.Index ?? 0,
        // `NONE` is how a compose file's `healthcheck: { disable: true }` arrives.
        hasHealthcheck: !!test?.length && test[0] !== 'NONE',
        ...(u?.State
            ? { update: { state: u.State, startedAt: u.StartedAt ?? '', message: u.Message ?? '' } }
            : {}),
    };
}
function taskFacts(t) {
    return {
        id: t.ID ?? '',
        // Older tasks of a slot come as ` \_ web.1` in the table format: keep the name alone.
        name: (t.Name ?? '').replace(/^[\s\\_]+/, ''),
        image: t.Image ?? '',
        node: t.Node ?? '',
        desired: (t.DesiredState ?? '').toLowerCase(),
        state: (t.CurrentState ?? '').split(' ')[0].toLowerCase(),
        // Docker prints the task's error quoted: `"task: non-zero exit (1)"`.
        error: (t.Error ?? '').replace(/^"(.*)"$/s, '$1'),
    };
}
function snapshotOf(view) {
    return {
        versions: new Map(view.services.map((s) => [s.id, s.version])),
        taskIds: new Set([...view.tasks.values()].flat().map((t) => t.id)),
    };
}
/**
 * The services a deploy watches: those named in `services` (each must be in the stack: a typo would otherwise
 * pass unwatched), or every service of the stack. A message naming what the stack has when one is missing.
 */
function watchedServices(view, services, stack) {
    if (!services.length)
        return { watched: view.services };
    const missing = services.filter((n) => !view.services.some((s) => s.service === n));
    if (missing.length) {
        const has = view.services.map((s) => s.service).join(', ') || 'no services';
        return {
            watched: [],
            missing: `input "services" names ${missing.join(', ')}, not in stack ${stack} (it has ${has}): ` +
                'name services of the compose file, without the stack prefix',
        };
    }
    return { watched: view.services.filter((s) => services.includes(s.service)) };
}
/**
 * Whether every watched service runs its spec: each task Swarm wants running runs the spec's image, as many
 * as the service's replicas (Swarm reports a task `running` only once its healthcheck, if any, passed). Fails
 * fast when Swarm paused or rolled back this deploy's update (its message), when the nodes cannot pull the
 * image, or when the new tasks crash in a loop. `before` tells this deploy's update and tasks from older ones.
 */
function convergence(view, watched, before) {
    const waiting = [];
    for (const s of watched) {
        const tasks = view.tasks.get(s.id) ?? [];
        const fresh = tasks.filter((t) => !before.taskIds.has(t.id));
        const updatedNow = before.versions.get(s.id) !== s.version;
        const u = s.update;
        const unpullable = fresh.find((t) => PULL_ERROR.test(t.error));
        if (unpullable) {
            return {
                state: 'failed',
                reason: `node ${unpullable.node || '(none yet)'} cannot pull the image of ${s.name} (${unpullable.image || s.image}): ` +
                    `${unpullable.error}. Push that tag, and check the manager's registry login (registry-username/-password): ` +
                    'the deploy passes it to the nodes with --with-registry-auth',
            };
        }
        if (updatedNow && u && (u.state === 'paused' || u.state.startsWith('rollback_'))) {
            const what = u.state === 'paused' ? 'paused the update' : `rolled back the update (${u.state})`;
            return { state: 'failed', reason: `Swarm ${what} of ${s.name}: ${u.message || 'no message'}` };
        }
        const crashed = fresh.filter((t) => (t.state === 'failed' || t.state === 'rejected') && sameImage(t.image, s.image));
        if (crashed.length >= CRASH_LOOP_TASKS) {
            return {
                state: 'failed',
                reason: `${s.name} is restart-looping: ${crashed.length} new tasks failed (last: ${crashed[0].error || crashed[0].state})`,
            };
        }
        const wanted = tasks.filter((t) => t.desired === 'running');
        const ready = wanted.filter((t) => t.state === 'running' && sameImage(t.image, s.image));
        const enough = s.replicas === undefined ? ready.length > 0 : ready.length >= s.replicas;
        const updating = updatedNow && u && u.state !== 'completed';
        if (!enough || ready.length < wanted.length || updating) {
            const want = s.replicas ?? wanted.length;
            waiting.push(`${s.name} ${ready.length}/${want} running the new spec${updating ? ` (update ${u.state})` : ''}`);
        }
    }
    return waiting.length ? { state: 'waiting', reason: waiting.join('; ') } : { state: 'converged' };
}
/**
 * A task's image against the spec's: equal, or one is the other without its `@sha256:` digest (a manager
 * that could not reach the registry keeps the bare tag).
 */
function sameImage(task, spec) {
    const bare = (i) => i.replace(/@sha256:[0-9a-f]+$/, '');
    return task === spec || (bare(task) === bare(spec) && (!task.includes('@') || !spec.includes('@')));
}
/** Per watched service: desired/running replicas of its spec and the nodes they run on, for the summary. */
function replicaRows(view, watched) {
    return watched.map((s) => {
        const running = (view.tasks.get(s.id) ?? []).filter((t) => t.desired === 'running' && t.state === 'running' && sameImage(t.image, s.image));
        const nodes = [...new Set(running.map((t) => t.node))].sort();
        return [
            s.service,
            s.image.replace(/@sha256:[0-9a-f]+$/, ''),
            `${s.replicas ?? 'global'}/${running.length}`,
            nodes.join(', ') || '—',
        ];
    });
}

;// CONCATENATED MODULE: ./src/strategies/swarm/stack-files.ts







/**
 * The files a stack release is made of, kept per tag so a rollback deploys what that tag ran with: the compose
 * file (`.vps-deploy/stack/<tag>.yml`) and the env-file (`.vps-deploy/env/<tag>.env`, as the compose strategy
 * keeps it, src/strategies/env-release.ts). Each is staged by prepare and becomes the tag's record, and the
 * live `<app-dir>/<compose name>` and `<app-dir>/.env` (what `env_file: .env` reads), at activate.
 */
class StackFiles {
    conn;
    appDir;
    log;
    opts;
    /** The compose file's name in the app dir: from compose-file, else the one found there. */
    name;
    /** The tag prepare() staged: activating it records its files; activating any other brings back its own. */
    prepared;
    constructor(conn, appDir, log, opts) {
        this.conn = conn;
        this.appDir = appDir;
        this.log = log;
        this.opts = opts;
    }
    staged(tag) {
        return external_node_path_.posix.join(this.appDir, STACK_FILES_DIR, `.next-${tag}.yml`);
    }
    /** Stages `tag`'s compose file and env-file; returns the compose file's text (for the services check). */
    async stage(tag) {
        const { conn, appDir, log, opts } = this;
        this.prepared = undefined;
        await conn.run((0,quote.sh) `mkdir -p ${[appDir, external_node_path_.posix.join(appDir, STACK_FILES_DIR), external_node_path_.posix.join(appDir, env_release/* COMPOSE_ENV_DIR */.bq)]}`, 'creating the app directory', { log: false });
        const live = external_node_path_.posix.join(appDir, '.env');
        const [content] = await Promise.all([
            this.stageComposeFile(tag),
            opts.envFile &&
                (0,env_release/* recordEnv */.$c)(conn, opts.envFile, live, (0,env_release/* composeEnvStaged */._4)(appDir, tag))
                    .then(() => (0,env_release/* installFirstEnv */.po)(conn, opts.envFile, live, log, '.env'))
                    .then(() => log.info(`Uploaded the env-file for ${tag} (mode 0600); .env changes at the stack deploy`)),
        ]);
        this.prepared = tag;
        return content;
    }
    async stageComposeFile(tag) {
        const { conn, appDir, log, opts } = this;
        try {
            if (opts.composeFile) {
                this.name = opts.composeFile.name;
                await conn.upload(opts.composeFile.content, this.staged(tag), 0o644);
                log.info(`Uploaded ${opts.composeFile.name} for ${tag}`);
                return opts.composeFile.content;
            }
        }
        catch (e) {
            throw (0,errors/* inPhase */.xe)('upload', e);
        }
        const name = await this.liveName();
        if (!name)
            throw new errors/* ConfigurationError */.j1(`no compose file: give "compose-file", or put one of ${COMPOSE_NAMES.join(', ')} in ${appDir} on the server`);
        const live = external_node_path_.posix.join(appDir, name);
        await conn.run(placeFileCommand(live, this.staged(tag), suffix()), `recording ${name} for ${tag}`, {
            log: false,
        });
        return (await conn.run((0,quote.sh) `cat -- ${live}`, `reading ${name}`, { log: false })).stdout;
    }
    /** The name of the compose file in the app dir ('' when there is none). */
    async liveName() {
        if (this.name)
            return this.name;
        const r = await this.conn.run(findComposeFileCommand(this.appDir), 'looking for the compose file', {
            log: false,
        });
        return (this.name = r.stdout.trim().split('\n').pop() ?? '');
    }
    /** Puts `tag`'s compose file and config in place; returns the compose file's name in the app dir. */
    async apply(tag) {
        const { conn, appDir, log } = this;
        const staged = tag === this.prepared;
        this.prepared = undefined;
        const record = stackFileRecord(appDir, tag);
        if (staged)
            await conn.run((0,quote.sh) `mv -f -- ${this.staged(tag)} ${record}`, `recording the compose file of ${tag}`, {
                log: false,
            });
        const name = (await this.liveName()) || 'docker-compose.yml';
        const r = await conn.exec(placeFileCommand(record, external_node_path_.posix.join(appDir, name), suffix()), { log: false });
        if (r.code !== 0)
            log.warning(`${tag} has no recorded compose file (not deployed by the swarm strategy): ${name} left as it is`);
        await this.applyEnvOf(tag, staged);
        return name;
    }
    async applyEnvOf(tag, staged) {
        const { conn, appDir, log, opts } = this;
        const record = (0,env_release/* composeEnvRecord */.bK)(appDir, tag);
        const live = external_node_path_.posix.join(appDir, '.env');
        // No env-file: the release runs with the .env in place, and that is what a rollback to it brings back.
        if (staged && !opts.envFile)
            return (0,env_release/* recordEnv */.$c)(conn, '', live, record);
        if (staged)
            await (0,env_release/* keepStagedEnv */.R4)(conn, appDir, tag);
        await (0,env_release/* applyEnv */.iJ)(conn, log, tag, record, live, '.env');
    }
}
const suffix = () => (0,external_node_crypto_.randomBytes)(4).toString('hex');
/** The service names of a compose file's text (empty when it is not YAML with a `services` map). */
function composeServiceNames(text) {
    try {
        const doc = (0,dist.parse)(text);
        return doc?.services && typeof doc.services === 'object' ? Object.keys(doc.services) : [];
    }
    catch {
        return [];
    }
}
/** A `services` name the compose file does not define is the user's mistake: say so before anything changes. */
function checkServiceNames(services, text, stack) {
    const defined = composeServiceNames(text);
    if (!defined.length)
        return;
    const missing = services.filter((s) => !defined.includes(s));
    if (missing.length)
        throw new errors/* ConfigurationError */.j1(`input "services" names ${missing.join(', ')}, not a service of stack ${stack}'s compose file ` +
            `(it has ${defined.join(', ')}): name services as the compose file does, without the stack prefix`);
}

;// CONCATENATED MODULE: ./src/strategies/swarm/strategy.ts










/** What `docker info` said when the host cannot deploy a stack; undefined on a manager. */
function notAManager(roleOutput) {
    const [state, control] = roleOutput.trim().split('\n').pop().trim().split(/\s+/);
    if (state === 'active' && control === 'true')
        return undefined;
    if (state === 'active')
        return 'this host is a Swarm worker, not a manager: point "host" at a manager (`docker node ls` on one lists them)';
    return (`this host's Docker engine is not in a swarm (Swarm state: ${state || 'unknown'}). Make it a manager once: ` +
        '`docker swarm init --advertise-addr <its address>` (or join it to your swarm as a manager), then deploy again');
}
/**
 * The `swarm` strategy: `docker stack deploy --with-registry-auth` of the compose file on a manager with the tag
 * variable set, then a wait until every watched service runs its new spec (fail fast when Swarm pauses or rolls
 * back the update, when the nodes cannot pull the image, or when the new tasks crash in a loop). A rollback is a
 * stack deploy of the earlier tag's recorded compose file and env (README, "Scaling out": why not
 * `docker service rollback`).
 */
function swarmStrategy(ctx, opts) {
    const { conn, appDir, log } = ctx;
    const files = new StackFiles(conn, appDir, log, opts);
    let setupDone;
    let stack = opts.stack;
    /** The stack as it was just before the last `docker stack deploy`: tells this deploy's tasks from older ones. */
    let before = { versions: new Map(), taskIds: new Set() };
    /** Once per run: the host must be a manager, and the stack's name is settled (input, recorded, app name). */
    const setup = () => (setupDone ??= Promise.all([
        conn.run(SWARM_ROLE, 'asking Docker for its Swarm role', { log: false }).then((r) => {
            const problem = notAManager(r.stdout);
            if (problem)
                throw new errors/* ConfigurationError */.j1(problem);
        }),
        stack
            ? undefined
            : conn.run(readStackNameCommand(appDir), 'reading the stack name', { log: false }).then((r) => {
                stack = inputs/* STACK_NAME */.b.test(r.stdout.trim()) ? r.stdout.trim() : ctx.app;
            }),
    ]).then(() => undefined));
    const observe = async () => parseStackView((await conn.run(stackViewCommand(stack), 'reading the stack', { log: false, maxStdout: 4 << 20 }))
        .stdout, stack);
    const watched = (view) => {
        const w = watchedServices(view, opts.services, stack);
        if (w.missing)
            throw new errors/* ConfigurationError */.j1(w.missing);
        return w.watched;
    };
    const report = async (view, title) => {
        const rows = replicaRows(view, watched(view));
        for (const [service, image, replicas, nodes] of rows)
            log.info(`  ${service}: ${image}, replicas (desired/running) ${replicas}, on ${nodes}`);
        await opts.summary?.([
            `#### ${title}`,
            '',
            (0,summary/* table */.tp)(['service', 'image', 'replicas (desired/running)', 'nodes'], rows),
            '',
        ].join('\n'));
    };
    /** Waits for the watched services to run their new spec, within health-timeout; throws why not. */
    const converge = async (tag) => {
        const deadline = performance.now() + opts.timeoutSeconds * 1000;
        let said = '';
        for (;;) {
            const view = await observe();
            const c = convergence(view, watched(view), before);
            if (c.state === 'converged') {
                log.info(`Stack ${stack} converged on ${tag}`);
                return report(view, `Swarm stack ${stack} with ${tag}`);
            }
            if (c.state === 'failed')
                throw new errors/* RemoteError */.Hi(c.reason, 'activate');
            if (performance.now() + opts.intervalSeconds * 1000 > deadline)
                throw new errors/* RemoteError */.Hi(`stack ${stack} did not converge on ${tag} within health-timeout (${opts.timeoutSeconds}s): ${c.reason}`, 'activate');
            if (c.reason !== said)
                log.info(`  waiting: ${c.reason}`);
            said = c.reason;
            await new Promise((r) => setTimeout(r, opts.intervalSeconds * 1000));
        }
    };
    const recorded = async () => {
        const r = await conn.run(recordedTagsCommand(appDir), 'listing recorded releases', { log: false });
        return r.stdout
            .split('\n')
            .map((l) => /^(\d+) (.+)\.yml$/.exec(l.trim()))
            .filter((m) => !!m && flow_tag/* TAG_PATTERN */.A.test(m[2]))
            .map((m) => ({ tag: m[2], time: Number(m[1]) }));
    };
    return {
        name: 'swarm',
        // The tag names the image in the registry: a re-deploy over itself has no earlier build to return to.
        restoresRedeploy: false,
        async prepare(tag) {
            const [, content] = await Promise.all([
                setup(),
                files.stage(tag),
                opts.registry &&
                    conn
                        .run(loginCommand(opts.registry.host, opts.registry.username), `docker login ${opts.registry.host}`, {
                        stdin: opts.registry.password,
                        log: false,
                    })
                        .then(() => log.info(`Logged in to ${opts.registry.host} on the manager as ${opts.registry.username}`)),
            ]);
            checkServiceNames(opts.services, content, stack);
        },
        async migrate(tag) {
            if (!opts.migrateCommand)
                return;
            await conn.run((0,env_release/* imageMigrateCommand */.eU)(opts.migrateCommand, appDir, opts.tagVariable, tag, Boolean(opts.envFile)), 'migrate-command');
        },
        async activate(tag) {
            await setup();
            const name = await files.apply(tag);
            await conn.run((0,quote.sh) `printf '%s\n' ${stack} > ${stackNameFile(appDir)}`, 'recording the stack name', {
                log: false,
            });
            before = snapshotOf(await observe());
            await conn.run(stackDeployCommand(appDir, [name], stack, opts.tagVariable, tag), `docker stack deploy ${stack} with ${opts.tagVariable}=${tag}`);
            await converge(tag);
        },
        async fatal() {
            await setup();
            const view = await observe();
            const c = convergence(view, watched(view), before);
            return c.state === 'failed' ? c.reason : undefined;
        },
        async readiness() {
            await setup();
            const view = await observe();
            const c = convergence(view, watched(view), before);
            return c.state === 'converged' ? { state: 'ready' } : c;
        },
        async logs() {
            try {
                await setup();
                // Only services the stack has: a misspelt name in `services` gets its own error, not a log of one.
                const names = watchedServices(await observe(), opts.services, stack).watched.map((s) => s.name);
                if (!names.length)
                    return '';
                const r = await conn.exec(serviceLogsCommand(names), { log: false, maxStdout: 256 * 1024 });
                return r.stdout.trimEnd();
            }
            catch (e) {
                log.debug(`reading the service logs failed: ${e instanceof Error ? e.message : String(e)}`);
                return '';
            }
        },
        async available() {
            return (await recorded()).sort((a, b) => b.time - a.time).map((t) => t.tag);
        },
        async prune(keep, protect, failed) {
            const doomed = (0,prune_rule/* selectPrunable */.Q)(await recorded(), keep, protect, failed);
            if (!doomed.length)
                return [];
            // Images stay on the nodes (Docker's own `docker image prune` per node): the registry still has them.
            await conn.exec(forgetTagsCommand(appDir, doomed), { log: false });
            await conn.exec((0,env_release/* forgetComposeEnvCommand */.wL)(appDir, doomed), { log: false });
            return doomed;
        },
    };
}

// EXTERNAL MODULE: ./src/flow/ledger.ts
var ledger = __webpack_require__(9835);
;// CONCATENATED MODULE: ./src/strategies/index.ts




/** The strategies behind one switch: everything else in the flow is the same for each. */
function strategyChooser(ctx, opts) {
    return (name) => {
        if (name === 'release')
            return (0,strategy/* releaseStrategy */.ZJ)(ctx, opts.release);
        if (name !== 'swarm')
            return composeStrategy(ctx, opts.compose);
        // A swarm stack takes the compose strategy's files and registry; converging is bounded by health-timeout.
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
            summary: (markdown) => io.summary((0,ledger/* redact */.E$)(markdown, secrets)),
        })(name),
    };
}


/***/ }),

/***/ 2816:
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
            path,
            open: () => tarDirectory(path),
        };
    }
    return {
        kind,
        describe: `tarball ${path}`,
        commit: commit ?? 'unknown',
        path,
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
            ...where.env,
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
// Incremental releases (incremental.ts).
/** Prints a release's REVISION (`key=value` lines), or nothing when it has none. */
function readRevisionCommand(releaseDir) {
    return (0,quote.sh) `cat -- ${external_node_path_.posix.join(releaseDir, REVISION)} 2>/dev/null; exit 0`;
}
/**
 * One command for an incremental release, so it costs one channel: reads the list of unchanged paths (`keepBytes`
 * of NUL-separated names, first on stdin; dd reads exactly that much), hard-links them from `from` into a fresh
 * `dir`, then unpacks the tar that follows on stdin (the changed paths: none of them was linked, so each is
 * written as a new file). `then` runs after, its failure not the command's (the tree hash: treeHashThen).
 */
function linkAndUnpackCommand(from, dir, keepBytes, gzip, 
/** Copies (reflinks where the file system has them) instead of hard links: see ReleaseBuild.copyUnchanged. */
copy = false) {
    // Inside the new dir, so whatever stops the command half-way leaves nothing outside it (prune removes it).
    const list = external_node_path_.posix.join(dir, '.vps-deploy-keep');
    const readList = keepBytes
        ? (0,quote.sh) `dd bs=${String(keepBytes)} count=1 iflag=fullblock of=${list} 2>/dev/null`
        : (0,quote.sh) `: > ${list}`;
    return ((0,quote.sh) `${(0,quote/* raw */.lS)(removeDirCommand(dir))} && mkdir -p -- ${dir} && ${(0,quote/* raw */.lS)(readList)} && ` +
        (0,quote.sh) `(cd ${from} && xargs -0 -r cp ${copy ? '-a' : '-al'}${(0,quote/* raw */.lS)(copy ? ' --reflink=auto' : '')} --parents -t ${dir} -- < ${list}) && ` +
        (0,quote.sh) `rm -f -- ${list} && ` +
        (0,quote.sh) `tar -x${(0,quote/* raw */.lS)(gzip ? ' -z' : '')} --no-same-owner -f - -C ${dir}`);
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
    // Not tagged with a phase of its own: the caller's phase (activate, rollback, upload's aside copy) names it.
    await conn.run(command, `switching current to ${target}`, { log: false });
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

;// CONCATENATED MODULE: ./src/local/git-diff.ts

/**
 * What an incremental release needs from the runner's git: whether the previous release's commit is known and an
 * ancestor, which paths changed since, the paths of a commit's tree, and a tar of only some paths. Paths are
 * byte strings (latin1, one character per byte, as git prints them with -z), so any name survives exactly.
 */
/** `yes` / `no`, or `unknown` when the checkout does not have `older` (a shallow clone, another repository). */
async function isAncestor(workspace, older, newer) {
    const known = await runLocal('git', ['-C', workspace, 'cat-file', '-e', `${older}^{commit}`], {
        allowFailure: true,
    });
    if (known.exitCode !== 0)
        return 'unknown';
    const r = await runLocal('git', ['-C', workspace, 'merge-base', '--is-ancestor', older, newer], {
        allowFailure: true,
    });
    return r.exitCode === 0 ? 'yes' : 'no';
}
/** `git diff --name-status --no-renames -z from to`: a rename is its old path deleted and its new one added. */
async function changedPaths(workspace, from, to) {
    const out = await gitBytes(workspace, [
        'diff',
        '--name-status',
        '--no-renames',
        '--no-ext-diff',
        '-z',
        from,
        to,
        '--',
    ]);
    const fields = splitNul(out);
    const changes = [];
    for (let i = 0; i + 1 < fields.length; i += 2)
        changes.push({ status: fields[i], path: fields[i + 1] });
    return changes;
}
/** Every path of a commit's tree that is not a directory (files, links, submodules), as `git ls-tree -r`. */
async function treePaths(workspace, commit) {
    const out = await gitBytes(workspace, ['ls-tree', '-r', '-z', '--full-tree', '--name-only', commit]);
    return splitNul(out);
}
/** A tar of only `paths` of the commit (literal pathspecs: no glob or magic in a name is interpreted). */
function gitArchivePaths(workspace, commit, paths) {
    const specs = paths.map((p) => `:(literal)${Buffer.from(p, 'latin1').toString('utf8')}`);
    return streamLocal('git', ['-C', workspace, 'archive', '--format=tar', commit, '--', ...specs]);
}
function splitNul(out) {
    const text = out.toString('latin1');
    const fields = text.split('\0');
    if (fields[fields.length - 1] === '')
        fields.pop();
    return fields;
}
/** A git command's whole stdout as bytes (runLocal decodes UTF-8, which would change some names). */
async function gitBytes(workspace, args) {
    const p = streamLocal('git', ['-C', workspace, ...args]);
    const chunks = [];
    p.stream.on('data', (d) => chunks.push(d));
    await p.finished;
    return Buffer.concat(chunks);
}

// EXTERNAL MODULE: external "node:zlib"
var external_node_zlib_ = __webpack_require__(8522);
;// CONCATENATED MODULE: ./src/strategies/release-dirs/tree-hash.ts


/**
 * The tree hash of a release: one sha256 that says two trees hold the same paths, kinds, executable bits,
 * contents and link targets. The server computes it over a release dir with find, sort, sha256sum and
 * readlink (GNU); the runner computes it over the tar stream it sends (or over `git archive <tag>`), so an
 * incremental release can be proved equal to a full one before it can be switched to.
 *
 * Definition (LC_ALL=C byte order, paths as `./<path>`, the excluded paths and everything under them left out):
 *   D = sha256 of every directory path, sorted, each followed by NUL
 *   F = sha256 of `<sha256(content)>  <path>` NUL, for every regular file without the owner's x bit, sorted by path
 *   X = the same for regular files with the owner's x bit
 *   L = sha256 of every symbolic link path, sorted, each followed by NUL
 *   T = sha256 of the targets of those links, in the same order, each followed by NUL
 *   tree = sha256 of the five lines `<hex>  -\n` (sha256sum's output for stdin), in the order D F X L T.
 * Owners, times and other mode bits are left out: the server's tar gives files the deploy user and its umask.
 */
/** Printed instead of a hash when the server lacks GNU find / coreutils' sha256sum -z / readlink -z. */
const NO_HASH_TOOLS = 'VPSD-NO-HASH-TOOLS';
/** A `find -path` pattern matching exactly `./<path>` (glob characters escaped). */
function findPathPattern(path) {
    return `./${path.replace(/[\\*?[\]]/g, '\\$&')}`;
}
/** find's test that skips each excluded path and all under it (or nothing). */
function pruneClause(exclude) {
    if (!exclude.length)
        return '';
    const tests = exclude.flatMap((p, i) => [...(i ? ['-o'] : []), '-path', findPathPattern(p)]);
    return (0,quote.sh) `${(0,quote/* raw */.lS)('\\(')} ${tests} ${(0,quote/* raw */.lS)('\\)')} -prune -o `;
}
/**
 * Prints the tree hash of `dir` (64 hex digits), leaving out `exclude` (paths relative to it: shared links and
 * what lies under them). Prints NO_HASH_TOOLS and exits 3 when the server cannot compute it.
 */
function treeHashCommand(dir, exclude) {
    const prune = pruneClause(exclude);
    const find = (test) => `find . -mindepth 1 ${prune}${test} -print0 | sort -z`;
    // Two sha256sum at once over the two halves of the sorted list, printed in order: the same bytes as one, in
    // about half the time on a server with two cores (coreutils' sha256sum is ~180 MB/s of one core).
    const files = (perm) => `${find(`-type f ${perm} -perm -u=x`)} > "$t"; n=$(tr -cd '\\000' < "$t" | wc -c); h=$(((n + 1) / 2)); ` +
        `{ head -z -n "$h" "$t" | xargs -0 -r sha256sum -z -- > "$t.a" & ` +
        `tail -z -n "+$((h + 1))" "$t" | xargs -0 -r sha256sum -z -- > "$t.b"; wait; cat -- "$t.a" "$t.b"; } | sha256sum`;
    const check = `{ printf x | sha256sum -z && readlink -z -f . && find . -maxdepth 0 -printf ''; } >/dev/null 2>&1 ` +
        `|| { echo ${NO_HASH_TOOLS}; exit 3; }`;
    return ((0,quote.sh) `cd ${dir} && export LC_ALL=C && ` +
        `${check}; t=$(mktemp) || exit 1; trap 'rm -f -- "$t" "$t.a" "$t.b"' EXIT; ` +
        `{ ${find('-type d')} | sha256sum; ${files('!')}; ${files('')}; ` +
        `${find('-type l')} | sha256sum; ${find('-type l')} | xargs -0 -r readlink -z -- | sha256sum; } ` +
        `| sha256sum | cut -c1-64`);
}
/** Whether `path` is one of `exclude` or lies under one. */
function isExcluded(path, exclude) {
    return exclude.some((e) => path === e || path.startsWith(`${e}/`));
}
const hex = (data) => (0,external_node_crypto_.createHash)('sha256').update(data).digest('hex');
/** A UTF-8 path (an input) as the byte string tree entries use. */
function bytePath(path) {
    return Buffer.from(path, 'utf8').toString('latin1');
}
/** The tree hash (see above) of a list of entries; `exclude` (UTF-8 paths) as for treeHashCommand. Pure. */
function treeHash(entries, exclude = []) {
    const ex = exclude.map(bytePath);
    const kept = [...entries].filter((e) => e.path !== '' && !isExcluded(e.path, ex));
    const sorted = (kind, pick = () => true) => kept
        .filter((e) => e.kind === kind && pick(e))
        .map((e) => ({ e, key: Buffer.from(`./${e.path}`, 'latin1') }))
        .sort((a, b) => Buffer.compare(a.key, b.key));
    const nul = (parts) => Buffer.concat(parts.flatMap((p) => [p, Buffer.from([0])]));
    const fileList = (exec) => nul(sorted('file', (e) => e.kind === 'file' && e.executable === exec).map(({ e, key }) => Buffer.concat([Buffer.from(`${e.sha256}  `), key])));
    const links = sorted('link');
    const sections = [
        nul(sorted('dir').map(({ key }) => key)),
        fileList(false),
        fileList(true),
        nul(links.map(({ key }) => key)),
        nul(links.map(({ e }) => Buffer.from(e.target, 'latin1'))),
    ];
    return hex(sections.map((s) => `${hex(s)}  -\n`).join(''));
}
/** A path as a tar names it, as the tree names it: `./a/b/` and `a/b` are `a/b`; the root is ''. */
function treePath(name) {
    return name
        .replace(/^(\.\/)+/, '')
        .replace(/\/+$/, '')
        .replace(/^\.$/, '');
}
/**
 * Prints what `dir` holds, for a release made from a `source` directory: sections `F`, `X` (files without and
 * with u+x: sha256sum -z lines) and `L` (link path, then its target), each opened by its letter and a NUL.
 * Directories are left out (they come with the paths under them). Same tools and exclusions as treeHashCommand.
 */
function treeManifestCommand(dir, exclude) {
    const prune = pruneClause(exclude);
    const files = (perm) => `find . -mindepth 1 ${prune}-type f ${perm} -perm -u=x -print0 | xargs -0 -r sha256sum -z --`;
    return ((0,quote.sh) `cd ${dir} && export LC_ALL=C && ` +
        `{ printf x | sha256sum -z && find . -maxdepth 0 -printf ''; } >/dev/null 2>&1 || { echo ${NO_HASH_TOOLS}; exit 3; }; ` +
        `printf 'F\\000'; ${files('!')}; printf 'X\\000'; ${files('')}; ` +
        `printf 'L\\000'; find . -mindepth 1 ${prune}-type l -printf '%p\\0%l\\0'`);
}
/** Parses treeManifestCommand's output (a byte string) into entries. */
function parseTreeManifest(out) {
    const fields = out.split('\0');
    const entries = [];
    let section = '';
    for (let i = 0; i < fields.length; i++) {
        const f = fields[i];
        if (f === 'F' || f === 'X' || f === 'L')
            section = f;
        else if (f === '')
            continue;
        else if (section === 'L')
            entries.push({ kind: 'link', path: treePath(f), target: fields[++i] ?? '' });
        else if (section && /^[0-9a-f]{64} {2}/.test(f))
            entries.push({
                kind: 'file',
                path: treePath(f.slice(66)),
                executable: section === 'X',
                sha256: f.slice(0, 64),
            });
    }
    return entries;
}
/** `command`, then (when it succeeded) the tree hash of `dir` printed on its stdout; a hash that fails is not its failure. */
function treeHashThen(command, dir, exclude) {
    return `${command} && { ( ${treeHashCommand(dir, exclude)} ) || :; }`;
}
/** The tree hash a command ending in treeHashThen printed: the hash, undefined without the tools, else null. */
function printedTreeHash(stdout) {
    const last = stdout.trim().split('\n').pop() ?? '';
    if (last === NO_HASH_TOOLS)
        return undefined;
    return /^[0-9a-f]{64}$/.test(last) ? last : null;
}

;// CONCATENATED MODULE: ./src/strategies/release-dirs/tar-tree.ts



/**
 * Reads a tar stream (ustar, pax and GNU long names: what git archive and GNU tar write) into the tree it
 * unpacks to, hashing each file's content as it passes: the runner's side of the tree hash, fed with the very
 * bytes the upload sends, so it costs no second read. Later entries replace earlier ones, as `tar -x` does.
 * Paths and link targets are byte strings (latin1: one character per byte), so any name survives exactly.
 */
class TarTree {
    entries = new Map();
    buf = Buffer.alloc(0);
    file;
    /** A pax / GNU long-name record being read: its body is collected, then applies to the next header. */
    meta;
    pax = {};
    /** A pax `size` record: the next member's size when its header's field cannot hold it. */
    paxSize;
    skip = 0;
    ended = false;
    /** Feeds the next bytes of the stream. */
    write(chunk) {
        let data = this.buf.length ? Buffer.concat([this.buf, chunk]) : chunk;
        this.buf = Buffer.alloc(0);
        while (data.length && !this.ended) {
            if (this.skip) {
                const n = Math.min(this.skip, data.length);
                this.skip -= n;
                data = data.subarray(n);
            }
            else if (this.file) {
                const n = Math.min(this.file.left, data.length);
                this.file.hash.update(data.subarray(0, n));
                this.file.left -= n;
                data = data.subarray(n);
                if (!this.file.left)
                    this.endFile();
            }
            else if (this.meta) {
                const n = Math.min(this.meta.left, data.length);
                this.meta.body.push(Buffer.from(data.subarray(0, n)));
                this.meta.left -= n;
                data = data.subarray(n);
                if (!this.meta.left)
                    this.endMeta();
            }
            else if (data.length < 512) {
                this.buf = Buffer.from(data);
                return;
            }
            else {
                this.header(data.subarray(0, 512));
                data = data.subarray(512);
            }
        }
    }
    header(h) {
        if (h.every((b) => b === 0)) {
            this.ended = true;
            return;
        }
        const str = (off, len) => {
            const s = h.subarray(off, off + len);
            const end = s.indexOf(0);
            return (end < 0 ? s : s.subarray(0, end)).toString('latin1');
        };
        const type = String.fromCharCode(h[156]) || '0';
        const size = readSize(h.subarray(124, 136));
        const pad = (512 - (size % 512)) % 512;
        if (type === 'x' || type === 'g' || type === 'L' || type === 'K') {
            this.meta = { type, body: [], left: size, pad };
            if (!size)
                this.endMeta();
            return;
        }
        const prefix = str(345, 155);
        const name = this.pax.path ?? (prefix ? `${prefix}/${str(0, 100)}` : str(0, 100));
        const link = this.pax.linkpath ?? str(157, 100);
        const mode = parseInt(str(100, 8).trim() || '0', 8);
        this.pax = {};
        const path = treePath(name);
        const dataSize = this.paxSize ?? size;
        this.paxSize = undefined;
        const dataPad = (512 - (dataSize % 512)) % 512;
        if (type === '0' || type === '\0' || type === '7') {
            this.file = {
                path,
                executable: (mode & 0o100) !== 0,
                hash: (0,external_node_crypto_.createHash)('sha256'),
                left: dataSize,
                pad: dataPad,
            };
            if (!dataSize)
                this.endFile();
            return;
        }
        if (type === '5')
            this.put({ path, kind: 'dir' });
        else if (type === '2')
            this.put({ path, kind: 'link', target: link });
        else if (type === '1') {
            // A hard link names an earlier member: the same content under another path.
            const to = this.entries.get(treePath(link));
            if (to?.kind === 'file')
                this.put({ ...to, path });
        }
        this.skip = dataSize + dataPad;
    }
    endFile() {
        const f = this.file;
        this.file = undefined;
        this.skip = f.pad;
        this.put({ path: f.path, kind: 'file', executable: f.executable, sha256: f.hash.digest('hex') });
    }
    endMeta() {
        const m = this.meta;
        this.meta = undefined;
        this.skip = m.pad;
        const body = Buffer.concat(m.body);
        if (m.type === 'L')
            this.pax.path = cString(body);
        else if (m.type === 'K')
            this.pax.linkpath = cString(body);
        else if (m.type === 'x') {
            const rec = parsePax(body);
            if (rec.path !== undefined)
                this.pax.path = rec.path;
            if (rec.linkpath !== undefined)
                this.pax.linkpath = rec.linkpath;
            if (rec.size !== undefined)
                this.paxSize = Number(rec.size);
        }
    }
    put(e) {
        if (e.path === '')
            return;
        this.entries.set(e.path, e);
    }
}
/** The tree a tar stream (gzip-compressed when `gzip`) unpacks to, read to its end. */
async function readTarTree(stream, gzip = false) {
    const tree = new TarTree();
    const input = gzip ? stream.pipe((0,external_node_zlib_.createGunzip)()) : stream;
    for await (const chunk of input)
        tree.write(chunk);
    return tree;
}
function cString(b) {
    const end = b.indexOf(0);
    return (end < 0 ? b : b.subarray(0, end)).toString('latin1');
}
/** `<len> <key>=<value>\n` records. */
function parsePax(body) {
    const out = {};
    let i = 0;
    while (i < body.length) {
        const sp = body.indexOf(0x20, i);
        if (sp < 0)
            break;
        const len = Number(body.subarray(i, sp).toString('ascii'));
        if (!len)
            break;
        const rec = body.subarray(sp + 1, i + len - 1).toString('latin1');
        const eq = rec.indexOf('=');
        if (eq > 0)
            out[rec.slice(0, eq)] = rec.slice(eq + 1);
        i += len;
    }
    return out;
}
/** Octal, or GNU base-256 (high bit set) for sizes past 8 GiB. */
function readSize(field) {
    if (field[0] & 0x80) {
        let n = 0;
        for (let i = 1; i < field.length; i++)
            n = n * 256 + field[i];
        return n;
    }
    return parseInt(cString(field).trim() || '0', 8);
}
/** A TarTree fed chunk by chunk from another consumer's stream (the upload), gunzipped first when `gzip`. */
function tarObserver(gzip) {
    const tree = new TarTree();
    if (!gzip)
        return { write: (c) => tree.write(c), tree: () => Promise.resolve(tree) };
    const gunzip = (0,external_node_zlib_.createGunzip)();
    gunzip.on('data', (c) => tree.write(c));
    const done = new Promise((resolve, reject) => {
        gunzip.on('end', () => resolve(tree));
        gunzip.on('error', reject);
    });
    return {
        write: (c) => gunzip.write(c),
        tree: () => {
            gunzip.end();
            return done;
        },
    };
}

;// CONCATENATED MODULE: ./src/strategies/release-dirs/incremental-content.ts


/** The plan, or why there is none; `localTree` reads the source as a full upload would send it. */
async function planFromContent(conn, prevDir, exclude, localTree) {
    const [listing, tree] = await Promise.all([
        conn.exec(treeManifestCommand(prevDir, exclude), { log: false, maxStdout: 512 * 1024 * 1024 }),
        localTree(),
    ]);
    if (listing.stdout.includes(NO_HASH_TOOLS))
        return 'the server cannot list the previous release by content (it needs GNU find and coreutils sha256sum -z)';
    if (listing.code !== 0)
        return `listing the previous release failed (exit ${listing.code})${(0,errors/* tailOf */.Cj)(listing.stderr)}`;
    const have = new Map(parseTreeManifest(bytePath(listing.stdout)).map((e) => [e.path, e]));
    const ex = exclude.map(bytePath);
    const keep = [];
    const send = [];
    for (const e of tree.entries.values()) {
        if (isExcluded(e.path, ex))
            continue;
        if (e.kind !== 'dir' && same(have.get(e.path), e))
            keep.push(e.path);
        else
            send.push(e.path);
    }
    return { keep, send, expected: treeHash(tree.entries.values(), exclude) };
}
function same(a, b) {
    if (!a || a.kind !== b.kind)
        return false;
    if (a.kind === 'file' && b.kind === 'file')
        return a.executable === b.executable && a.sha256 === b.sha256;
    return a.kind === 'link' && b.kind === 'link' && a.target === b.target;
}

// EXTERNAL MODULE: external "node:os"
var external_node_os_ = __webpack_require__(8161);
;// CONCATENATED MODULE: ./src/local/tar-paths.ts





/**
 * A tar of only `paths` of a directory (byte strings, latin1: any name), for an incremental release from a
 * `source` directory. The list goes to tar in a file, NUL-separated and read verbatim (a name starting with a
 * dash is a name, not an option); directories are not recursed into (only what is listed is sent).
 */
function tarPaths(dir, paths) {
    const list = (0,external_node_path_.join)((0,external_node_os_.tmpdir)(), `vps-deploy-paths-${(0,external_node_crypto_.randomBytes)(6).toString('hex')}`);
    (0,external_node_fs_.writeFileSync)(list, Buffer.from(paths.map((p) => `${p}\0`).join(''), 'latin1'), { mode: 0o600 });
    const tar = streamLocal('tar', [
        '-c',
        '-f',
        '-',
        '-C',
        dir,
        '--null',
        '--verbatim-files-from',
        '--no-recursion',
        '-T',
        list,
    ]);
    const finished = tar.finished.finally(() => (0,external_node_fs_.rmSync)(list, { force: true }));
    finished.catch(() => undefined);
    return { ...tar, finished };
}

// EXTERNAL MODULE: external "node:stream"
var external_node_stream_ = __webpack_require__(7075);
;// CONCATENATED MODULE: ./src/strategies/release-dirs/upload.ts




/**
 * Streams the release's tar over one exec channel into `tar -x` on the server. One channel and one remote
 * process instead of a round trip per file over SFTP: 500 small files cost what one 1 MB file costs.
 * The stream is never written to disk on the runner (a git archive goes straight from git to the server).
 */
async function uploadRelease(conn, source, dir, opts = {}) {
    const { onData } = opts;
    const started = performance.now();
    const channel = await conn.channel(opts.command ?? unpackCommand(dir, source.kind === 'tar.gz'));
    if (opts.prefix?.length)
        channel.write(opts.prefix);
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
    const progress = conn.progress?.(`upload of the release (${source.describe})`);
    producer.stream.on('data', (d) => {
        bytes += d.length;
        progress?.add(d.length);
        onData?.(d);
    });
    producer.stream.on('end', () => (ended = true));
    channel.stderr.on('data', (d) => (stderr = (stderr + d.toString('utf8')).slice(-16_000)));
    let stdout = '';
    channel.on('data', (d) => (stdout = (stdout + d.toString('utf8')).slice(-64 * 1024)));
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
        progress?.done();
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
    return { bytes, ms: performance.now() - started, stdout };
}

;// CONCATENATED MODULE: ./src/strategies/release-dirs/incremental.ts













/** The release `current` points at, as buildRelease takes it (nothing when current is no release link). */
function previousRelease(appDir, current) {
    const tag = current.kind === 'link' && current.target ? tagOfCurrentTarget(current.target) : undefined;
    return tag ? { previous: { tag, dir: external_node_path_.posix.join(appDir, RELEASES, tag) } } : {};
}
/** Most changed paths one `git archive` command line takes: beyond, the whole release is sent. */
const MAX_PATHSPEC_BYTES = 256 * 1024;
async function buildRelease(conn, b) {
    const started = performance.now();
    // What the deploy writes into every release itself: never taken from the previous one, never compared.
    const exclude = [...b.shared, REVISION, env_release/* RELEASE_ENV */.Uw];
    if (b.previous) {
        const tried = await incremental(conn, b, b.previous, exclude, started);
        if (typeof tried !== 'string')
            return tried;
        if (!conn.isOpen)
            throw new errors/* RemoteError */.Hi(tried, 'upload');
        (tried.startsWith('the tree hash') ? b.log.warning : b.log.info).call(b.log, `Uploading the whole release: ${tried}`);
        await conn.run(removeDirCommand(b.incoming), 'removing the incremental attempt', { log: false });
    }
    // One channel: tar -x, then the tree hash of what it unpacked, while the runner hashes the bytes it sends.
    const observer = tarObserver(b.source.kind === 'tar.gz');
    const up = await uploadRelease(conn, b.source, b.incoming, {
        onData: (c) => observer.write(c),
        command: treeHashThen(unpackCommand(b.incoming, b.source.kind === 'tar.gz'), b.incoming, exclude),
    });
    const expected = treeHash((await observer.tree()).entries.values(), exclude);
    const got = serverHash(up.stdout, b.incoming);
    if (got === undefined) {
        b.log.info(`  ${noToolsNote}: the release is not verified`);
    }
    else if (got !== expected) {
        throw new errors/* RemoteError */.Hi(`the release unpacked on the server is not what was sent: its tree hash is ${incremental_short(got)}, the upload's ` +
            `${incremental_short(expected)} (a full disk or another writer in ${b.incoming}?)`, 'upload');
    }
    return { how: 'full', bytes: up.bytes, ms: performance.now() - started, ...(got ? { treeHash: got } : {}) };
}
const noToolsNote = 'the server cannot compute the tree hash (it needs GNU find, sort, and coreutils sha256sum -z and readlink -z)';
/** The built release, or why it could not be made incrementally (the caller uploads it whole). */
async function incremental(conn, b, prev, exclude, started) {
    if (b.source.kind === 'directory' && b.source.path)
        return fromDirectory(conn, b, b.source.path, prev, exclude, started);
    if (b.source.kind !== 'git')
        return `incremental uploads are made from git archive or a directory, not a ${b.source.kind}`;
    try {
        return await fromGit(conn, b, prev, exclude, started);
    }
    catch (e) {
        // A failure on the runner (git) is a reason for the full upload, which then fails on its own if it must.
        if (!conn.isOpen)
            throw e;
        return `the incremental release could not be made: ${(0,errors/* errText */.V7)(e)}`;
    }
}
/** A release from git archive: hard links for what `git diff` says is unchanged, a tar of the rest. */
async function fromGit(conn, b, prev, exclude, started) {
    const from = `releases/${prev.tag}`;
    const revision = parseRevision((await conn.run(readRevisionCommand(prev.dir), `reading ${from}/REVISION`, { log: false })).stdout);
    if (!revision.commit || !revision.source?.startsWith('git archive'))
        return `${from} was not made by git archive of a known commit (its REVISION says ${revision.source ?? 'nothing'})`;
    const ancestry = await isAncestor(b.workspace, revision.commit, b.source.commit);
    if (ancestry === 'unknown')
        return `the commit of ${from} (${revision.commit.slice(0, 12)}) is not in the checkout (actions/checkout with fetch-depth: 0 has it)`;
    if (ancestry === 'no')
        return `the commit of ${from} (${revision.commit.slice(0, 12)}) is not an ancestor of ${b.tag}`;
    // The hash of what a full upload would send, read on the runner while the server links and unpacks.
    const archive = gitArchive(b.workspace, b.source.commit);
    const expected = Promise.all([readTarTree(archive.stream), archive.finished]).then(([t]) => treeHash(t.entries.values(), exclude));
    expected.catch(() => undefined);
    const give = (why) => {
        archive.stop();
        return why;
    };
    const [changes, paths] = await Promise.all([
        changedPaths(b.workspace, revision.commit, b.source.commit),
        treePaths(b.workspace, b.source.commit),
    ]);
    const ex = exclude.map(bytePath);
    const changed = new Set(changes.filter((c) => c.status !== 'D').map((c) => c.path));
    const deleted = changes.filter((c) => c.status === 'D').length;
    const keep = paths.filter((p) => !changed.has(p) && !isExcluded(p, ex));
    const send = [...changed].filter((p) => !isExcluded(p, ex));
    if (send.some((p) => !isUtf8(p)))
        return give('a changed path is not UTF-8 (git archive takes the changed paths as arguments)');
    if (send.reduce((n, p) => n + p.length + 12, 0) > MAX_PATHSPEC_BYTES)
        return give(`${send.length} changed paths are more than one git archive command line takes`);
    const made = await linkAndSend(conn, b, prev.dir, keep, exclude, () => send.length ? gitArchivePaths(b.workspace, b.source.commit, send) : emptyTar());
    if (typeof made === 'string')
        return give(made);
    return verified(b, from, await expected, made, started, {
        summary: `${send.length} changed, ${deleted} deleted, ${keep.length} ${b.copyUnchanged ? 'copied' : 'linked'}`,
        madeOf: 'its commit',
    });
}
/** A release from a `source` directory: linked where the previous release has the same content. */
async function fromDirectory(conn, b, dir, prev, exclude, started) {
    const localTree = async () => {
        const p = b.source.open();
        return (await Promise.all([readTarTree(p.stream), p.finished]))[0];
    };
    const plan = await planFromContent(conn, prev.dir, exclude, localTree);
    if (typeof plan === 'string')
        return plan;
    const made = await linkAndSend(conn, b, prev.dir, plan.keep, exclude, () => plan.send.length ? tarPaths(dir, plan.send) : emptyTar());
    if (typeof made === 'string')
        return made;
    return verified(b, `releases/${prev.tag}`, plan.expected, made, started, {
        summary: `${plan.send.length} sent, ${plan.keep.length} ${b.copyUnchanged ? 'copied' : 'linked'} (same content)`,
        madeOf: 'the content it was listed with',
    });
}
/** One channel: the unchanged paths linked from `prevDir`, the changed ones unpacked, the tree hash printed. */
async function linkAndSend(conn, b, prevDir, keep, exclude, open) {
    const list = Buffer.from(keep.map((p) => `${p}\0`).join(''), 'latin1');
    const command = treeHashThen(linkAndUnpackCommand(prevDir, b.incoming, list.length, false, b.copyUnchanged), b.incoming, exclude);
    try {
        const source = { kind: b.source.kind, describe: `the changed paths of ${b.source.describe}`, open };
        const up = await uploadRelease(conn, source, b.incoming, { command, prefix: list });
        return { bytes: up.bytes, hash: serverHash(up.stdout, b.incoming) };
    }
    catch (e) {
        if (!conn.isOpen)
            throw e;
        return `linking the unchanged files or sending the changed ones failed: ${(0,errors/* errText */.V7)(e)}`;
    }
}
/** A tar with no member: what an incremental release sends when only deletions changed. */
function emptyTar() {
    return { stream: external_node_stream_.Readable.from([Buffer.alloc(10240)]), finished: Promise.resolve(), stop: () => undefined };
}
/** The incremental release once its tree hash is that of a full upload, or why it is not trusted. */
function verified(b, from, want, made, started, what) {
    const got = made.hash;
    if (got === undefined)
        return `${noToolsNote}, so an incremental release cannot be verified`;
    if (got !== want)
        return (`the tree hash of the incremental release (${incremental_short(got)}) is not that of ${b.source.describe} ` +
            `(${incremental_short(want)}): ${from} differs from ${what.madeOf} (changed on the server by hand?) and is not trusted`);
    b.log.info(`  incremental from ${from}: ${what.summary}; tree hash ${incremental_short(got)} verified`);
    return { how: 'incremental', bytes: made.bytes, ms: performance.now() - started, treeHash: got };
}
/** The tree hash the server printed after unpacking, undefined when it lacks the tools; throws on anything else. */
function serverHash(stdout, dir) {
    const hash = printedTreeHash(stdout);
    if (hash === null)
        throw new errors/* RemoteError */.Hi(`computing the tree hash of ${dir} failed: the server printed ${JSON.stringify(stdout.slice(-300))}`, 'upload');
    return hash;
}
/** REVISION's `key=value` lines. */
function parseRevision(text) {
    const out = {};
    for (const line of text.split('\n')) {
        const eq = line.indexOf('=');
        if (eq > 0)
            out[line.slice(0, eq)] = line.slice(eq + 1);
    }
    return out;
}
function isUtf8(byteString) {
    const b = Buffer.from(byteString, 'latin1');
    return Buffer.from(b.toString('utf8'), 'utf8').equals(b);
}
const incremental_short = (hash) => hash.slice(0, 12);

// EXTERNAL MODULE: ./src/io/inputs.ts + 1 modules
var inputs = __webpack_require__(6332);
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

;// CONCATENATED MODULE: ./src/strategies/release-dirs/blue-green-commands.ts



/**
 * The remote command text of release directories under `switch: blue-green` (docs/blue-green.md): one slot link
 * per port, `<app-dir>/slots/<port>` -> `../releases/<tag>`, the working directory of the template unit
 * `<app>@<port>` that init writes. Pure, through the quoting module; tested as exact strings and under /bin/sh
 * with hostile app dirs (test/unit/strategies/release-dirs/blue-green-commands.test.ts).
 */
const SLOTS = 'slots';
/** Absolute path of the slot link of `port`. */
function slotPath(appDir, port) {
    return external_node_path_.posix.join(appDir, SLOTS, String(port));
}
/** What a slot link holds for `tag`: relative, so the layout survives a move of app-dir. */
function slotTarget(tag) {
    return `../${RELEASES}/${tag}`;
}
/**
 * Points slots/<port> at releases/<tag> in one rename(2) (a temporary link, then `mv -T` over the slot), as
 * `current` is switched: the unit's working directory is never missing.
 */
function linkSlotCommand(appDir, port, tag, tmpSuffix) {
    const tmp = `.${port}.tmp-${tmpSuffix}`;
    return ((0,quote.sh) `cd ${appDir} && mkdir -p -- ${SLOTS} && cd ${SLOTS} && ln -s -- ${slotTarget(tag)} ${tmp} && ` +
        (0,quote.sh) `{ mv -T -- ${tmp} ${String(port)} || { rc=$?; rm -f -- ${tmp}; exit $rc; }; }`);
}
/** Prints `<port><TAB><target>` for each slot link (nothing when there is no slots/ dir). */
function listSlotsCommand(appDir) {
    return ((0,quote.sh) `cd ${external_node_path_.posix.join(appDir, SLOTS)} 2>/dev/null || exit 0; ` +
        `for l in *; do [ -L "$l" ] || continue; printf '%s\\t%s\\n' "$l" "$(readlink -- "$l")"; done`);
}
/** Removes the slot link of `port` (not what it points at). */
function unlinkSlotCommand(appDir, port) {
    return (0,quote.sh) `rm -f -- ${slotPath(appDir, port)}`;
}
/** The slot links as listed by listSlotsCommand: port -> release tag (links that name no release are skipped). */
function parseSlots(text) {
    const out = new Map();
    for (const line of text.split('\n')) {
        const [port, target] = line.split('\t');
        const tag = /^(?:\.\.\/)?releases\/([^/]+)\/?$/.exec(target ?? '')?.[1];
        if (port && /^\d+$/.test(port) && tag)
            out.set(Number(port), tag);
    }
    return out;
}
/** The environment start-command and stop-command lines get: the slot's port and its release. */
function slotEnv(port, releaseDir) {
    return { APP_PORT: String(port), RELEASE_DIR: releaseDir };
}

;// CONCATENATED MODULE: ./src/strategies/release-dirs/blue-green.ts








/** Refuses options a blue-green release strategy cannot run with (a rollback learns the strategy late). */
function checkSlotOptions(o) {
    const missing = !o.ports.length
        ? 'ports'
        : !o.startCommand
            ? 'start-command'
            : !o.stopCommand
                ? 'stop-command'
                : undefined;
    if (missing)
        throw new errors/* ConfigurationError */.j1(`input "${missing}" is required for strategy: release with switch: blue-green ` +
            '(ports like 8001,8002; start-command and stop-command read APP_PORT, like sudo systemctl start app@${APP_PORT})');
}
/**
 * Two instances side by side: the instance on a port runs from the slot link `<app-dir>/slots/<port>` ->
 * `releases/<tag>`, started and stopped by the user's start-command / stop-command with APP_PORT and
 * RELEASE_DIR set (init's template unit `<app>@.service` uses the slot as its working directory). `current`
 * still names the serving release: promote() moves it after the proxy did.
 */
class ReleaseSlots {
    ctx;
    opts;
    hooks;
    /** Ports whose instance this run started and has not promoted: stopping one puts back the serving config. */
    started = new Map();
    constructor(ctx, opts, hooks) {
        this.ctx = ctx;
        this.opts = opts;
        this.hooks = hooks;
        checkSlotOptions(opts);
    }
    get conn() {
        return this.ctx.conn;
    }
    async startBeside(tag, port) {
        const { appDir, log } = this.ctx;
        const p = releasePaths(appDir, tag);
        if ((await this.conn.exec(isCompleteCommand(p.release), { log: false })).code !== 0) {
            const onServer = await this.hooks.available();
            throw new errors/* ConfigurationError */.j1(`release ${JSON.stringify(tag)} is not on the server (${p.releases}); releases there: ` +
                (onServer.length ? onServer.join(', ') : 'none'));
        }
        // Whatever a killed run left on this port goes first: it does not serve (the proxy names the other port).
        await this.stopAt(port);
        await this.conn.run(linkSlotCommand(appDir, port, tag, suffix()), `linking slots/${port}`, {
            log: false,
        });
        log.info(`slots/${port} -> releases/${tag}`);
        this.started.set(port, tag);
        await this.hooks.applyEnv(tag);
        await this.run('start-command', this.opts.startCommand, tag, port, 'start');
        return port;
    }
    async fatalAt() {
        // The service manager is the user's: the gate on the instance's own port is the only judge.
        return this.conn.isOpen ? undefined : (0,remote_shell/* connectionLost */.B)(this.conn);
    }
    async logsAt(port) {
        if (!this.hooks.logsCommand || !this.conn.isOpen)
            return '';
        try {
            const env = `export APP_PORT=${port}; `;
            const r = await this.conn.exec(appLogsCommand(env + this.hooks.logsCommand, this.ctx.appDir), {
                log: false,
                maxStdout: 256 * 1024,
            });
            return r.stdout.trimEnd();
        }
        catch (e) {
            this.ctx.log.debug(`logs-command failed: ${(0,errors/* errText */.V7)(e)}`);
            return '';
        }
    }
    async promote(tag, port) {
        const p = releasePaths(this.ctx.appDir, tag);
        await switchCurrent(this.conn, this.ctx.appDir, p.currentTarget);
        this.started.delete(port);
        this.ctx.log.info(`current -> ${p.currentTarget} (serving on port ${port})`);
    }
    async stopAt(port) {
        const { appDir, log } = this.ctx;
        const tag = (await this.slots()).get(port);
        if (!tag)
            return;
        await this.run('stop-command', this.opts.stopCommand, tag, port, 'stop');
        await this.conn.run(unlinkSlotCommand(appDir, port), `removing slots/${port}`, { log: false });
        log.info(`Stopped releases/${tag} on port ${port}`);
        if (this.started.delete(port))
            await this.putBackServingEnv();
    }
    /** Port -> tag of every slot link: prune keeps these releases whatever their age. */
    async slots() {
        const r = await this.conn.run(listSlotsCommand(this.ctx.appDir), 'listing slots', { log: false });
        return parseSlots(r.stdout);
    }
    /** A new instance that never served was stopped: shared/.env is again the config of what `current` names. */
    async putBackServingEnv() {
        const serving = (await this.slots()).values().next().value;
        if (serving)
            await this.hooks.applyEnv(serving);
    }
    run(input, command, tag, port, phase) {
        const { appDir, log } = this.ctx;
        const p = releasePaths(appDir, tag);
        const where = {
            tag,
            appDir,
            releaseDir: p.release,
            cwd: slotPath(appDir, port),
            env: slotEnv(port, p.release),
        };
        return runUserCommands(this.conn, log, input, command, phase, where);
    }
}
function suffix() {
    return (0,external_node_crypto_.randomBytes)(6).toString('hex');
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
    if (opts.blueGreen)
        checkSlotOptions(opts.blueGreen);
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
    /** switch: blue-green: two instances on slot links (blue-green.ts). */
    blueGreen;
    constructor(ctx, opts) {
        this.ctx = ctx;
        this.opts = opts;
        this.conn = ctx.conn;
        if (opts.blueGreen)
            this.blueGreen = new ReleaseSlots(ctx, opts.blueGreen, {
                applyEnv: (tag) => this.putEnvInPlace(tag, tag === this.preparedTag),
                logsCommand: opts.logsCommand ?? '',
                available: () => this.available(),
            });
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
            const up = await buildRelease(this.conn, {
                source,
                workspace: this.opts.workspace,
                tag,
                incoming,
                shared: plan.map((l) => l.path),
                log,
                copyUnchanged: !!(this.opts.installCommand || this.opts.migrateCommand),
                ...previousRelease(appDir, current),
            });
            log.info(`  ${formatBytes(up.bytes)} sent (${up.how} upload) in ${(up.ms / 1000).toFixed(1)}s`);
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
        await this.putEnvInPlace(tag, fresh);
        if (this.opts.restartCommand)
            await this.runUserCommand('restart-command', this.opts.restartCommand, tag, 'restart', p.current);
        else
            log.info('No restart-command: nothing restarts the app (set one, e.g. sudo systemctl restart <app>)');
    }
    /** The config recorded with `tag` becomes shared/.env (without env-file a fresh release recorded it as it is). */
    async putEnvInPlace(tag, fresh) {
        if (fresh && !this.opts.envFile)
            return;
        const p = releasePaths(this.ctx.appDir, tag);
        await (0,env_release/* applyEnv */.iJ)(this.conn, this.ctx.log, tag, external_node_path_.posix.join(p.release, env_release/* RELEASE_ENV */.Uw), external_node_path_.posix.join(p.shared, '.env'), 'shared/.env');
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
        // A release a slot link names may be running (blue-green): never pruned, whatever its age.
        const slotted = this.blueGreen ? [...(await this.blueGreen.slots()).values()] : [];
        const choice = choosePrune(entries, {
            keep,
            protect: [...protect, ...slotted],
            failed,
            ...(serving ? { current: serving } : {}),
        });
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
