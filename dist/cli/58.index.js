export const id = 58;
export const ids = [58];
export const modules = {

/***/ 3058:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

__webpack_require__.r(__webpack_exports__);
/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   runStatus: () => (/* binding */ runStatus),
/* harmony export */   statusInputSpec: () => (/* binding */ statusInputSpec)
/* harmony export */ });
/* harmony import */ var _io_inputs_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(6067);
/* harmony import */ var _io_secrets_js__WEBPACK_IMPORTED_MODULE_5__ = __webpack_require__(3965);
/* harmony import */ var _io_summary_js__WEBPACK_IMPORTED_MODULE_6__ = __webpack_require__(2864);
/* harmony import */ var _flow_ledger_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(9835);
/* harmony import */ var _flow_state_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(7573);
/* harmony import */ var _flow_cancel_js__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(3900);
/* harmony import */ var _ssh_target_js__WEBPACK_IMPORTED_MODULE_4__ = __webpack_require__(4889);







const statusInputSpec = { ..._ssh_target_js__WEBPACK_IMPORTED_MODULE_4__/* .remoteInputSpec */ .eZ, entries: (0,_io_inputs_js__WEBPACK_IMPORTED_MODULE_0__/* .integer */ .nd)(10, 1, 1000) };
/** `vps-deploy status`: what each host runs now (state.json) and its last attempts from the ledger. */
async function runStatus(io) {
    (0,_io_secrets_js__WEBPACK_IMPORTED_MODULE_5__/* .maskSecretInputs */ .q)(io);
    const inputs = (0,_io_inputs_js__WEBPACK_IMPORTED_MODULE_0__/* .readInputs */ .Ko)(statusInputSpec, (n) => io.input(n));
    const { app, appDir } = (0,_ssh_target_js__WEBPACK_IMPORTED_MODULE_4__/* .appLocation */ .ry)(inputs, io.run.repository);
    const { withConnection } = await Promise.all(/* import() */[__webpack_require__.e(487), __webpack_require__.e(152)]).then(__webpack_require__.bind(__webpack_require__, 5152));
    const hosts = {};
    for (const target of (0,_ssh_target_js__WEBPACK_IMPORTED_MODULE_4__/* .sshTargets */ .vF)(inputs)) {
        const { state, attempts } = await withConnection(target, io, async (conn) => ({
            state: await (0,_flow_state_js__WEBPACK_IMPORTED_MODULE_2__/* .readState */ .un)(conn, appDir, 'compose'),
            attempts: (await new _flow_ledger_js__WEBPACK_IMPORTED_MODULE_1__/* .ReleaseLedger */ .Ly(conn, appDir).read()).slice(-inputs.entries),
        }));
        hosts[target.host] = { ...state, attempts };
        io.setOutput('current', state.current ?? '');
        io.setOutput('previous', state.previous ?? '');
        io.setOutput('strategy', state.strategy);
        await io.summary([
            `### ${app} on ${target.host} (${appDir})`,
            '',
            (0,_io_summary_js__WEBPACK_IMPORTED_MODULE_6__/* .table */ .tp)(['current', 'previous', 'strategy'], [[state.current ?? '—', state.previous ?? '—', state.strategy]]),
            '',
            ...(state.interrupted ? [`**interrupted**: ${(0,_flow_cancel_js__WEBPACK_IMPORTED_MODULE_3__/* .interruptedText */ .AQ)(state)}`, ''] : []),
            attempts.length
                ? (0,_io_summary_js__WEBPACK_IMPORTED_MODULE_6__/* .table */ .tp)(['time', 'action', 'tag', 'from', 'outcome', 'health', 'actor'], attempts.map(row))
                : '_no deploys recorded yet_',
            '',
        ].join('\n'));
    }
    io.setOutput('hosts', JSON.stringify(hosts));
}
function row(a) {
    const health = a.health ? `${a.health.verdict}${a.health.code ? ` (${a.health.code})` : ''}` : '';
    const outcome = a.outcome === 'started' ? 'unfinished (runner killed or connection lost)' : a.outcome;
    return [
        a.time.replace('T', ' ').replace(/\.\d+Z$/, 'Z'),
        a.action,
        a.tag,
        a.previous ?? '',
        outcome,
        health,
        a.actor,
    ];
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


/***/ })

};
