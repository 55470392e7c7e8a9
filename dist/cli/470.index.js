export const id = 470;
export const ids = [470];
export const modules = {

/***/ 3843:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

__webpack_require__.r(__webpack_exports__);
/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   readRollbackInputs: () => (/* binding */ readRollbackInputs),
/* harmony export */   rollbackInputSpec: () => (/* binding */ rollbackInputSpec)
/* harmony export */ });
/* harmony import */ var _io_inputs_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(6067);
/* harmony import */ var _flow_inputs_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(4399);
/* harmony import */ var _flow_tag_js__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(360);
/* harmony import */ var _ssh_target_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(4889);




/** actions/rollback inputs (actions/rollback/README.md); the strategy comes from the server's state.json. */
const rollbackInputSpec = {
    ..._ssh_target_js__WEBPACK_IMPORTED_MODULE_2__/* .remoteInputSpec */ .eZ,
    ..._flow_inputs_js__WEBPACK_IMPORTED_MODULE_1__/* .gateInputSpec */ .rZ,
    to: (0,_io_inputs_js__WEBPACK_IMPORTED_MODULE_0__/* .matching */ .wC)(new RegExp(`^(previous|${_flow_tag_js__WEBPACK_IMPORTED_MODULE_3__/* .TAG_PATTERN */ .A.source.slice(1, -1)})$`), `previous, or ${_flow_tag_js__WEBPACK_IMPORTED_MODULE_3__/* .TAG_TAKES */ .K}`, {
        fallback: 'previous',
    }),
    'restart-command': (0,_io_inputs_js__WEBPACK_IMPORTED_MODULE_0__/* .text */ .Qq)(),
    'logs-command': (0,_io_inputs_js__WEBPACK_IMPORTED_MODULE_0__/* .text */ .Qq)(),
    'tag-variable': (0,_flow_inputs_js__WEBPACK_IMPORTED_MODULE_1__/* .tagVariable */ .PU)(),
    services: (0,_flow_inputs_js__WEBPACK_IMPORTED_MODULE_1__/* .serviceNames */ ._m)(),
};
function readRollbackInputs(raw) {
    return (0,_io_inputs_js__WEBPACK_IMPORTED_MODULE_0__/* .readInputs */ .Ko)(rollbackInputSpec, raw);
}


/***/ }),

/***/ 8470:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

// ESM COMPAT FLAG
__webpack_require__.r(__webpack_exports__);

// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  runRollback: () => (/* binding */ runRollback)
});

// EXTERNAL MODULE: ./src/io/errors.ts
var errors = __webpack_require__(7333);
// EXTERNAL MODULE: ./src/io/secrets.ts
var io_secrets = __webpack_require__(3965);
// EXTERNAL MODULE: ./src/strategies/index.ts + 3 modules
var strategies = __webpack_require__(8987);
// EXTERNAL MODULE: ./src/flow/inputs.ts
var inputs = __webpack_require__(4399);
// EXTERNAL MODULE: ./src/flow/report.ts
var report = __webpack_require__(4612);
// EXTERNAL MODULE: ./src/flow/hosts.ts
var hosts = __webpack_require__(1795);
// EXTERNAL MODULE: ./src/flow/attempt.ts
var flow_attempt = __webpack_require__(5617);
// EXTERNAL MODULE: ./src/flow/deploy-flow.ts + 2 modules
var deploy_flow = __webpack_require__(8259);
// EXTERNAL MODULE: ./src/io/cancel.ts
var io_cancel = __webpack_require__(6736);
// EXTERNAL MODULE: ./src/flow/cancel.ts
var flow_cancel = __webpack_require__(3900);
// EXTERNAL MODULE: ./src/flow/state.ts
var flow_state = __webpack_require__(7573);
;// CONCATENATED MODULE: ./src/flow/rollback-flow.ts






/** `previous` or a tag; a tag must still be on the server. Pure, so the error a user sees is tested as a table. */
function rollbackTarget(to, state, available) {
    if (!state.current)
        throw new errors/* ConfigurationError */.j1('nothing has been deployed here yet: there is nothing to roll back');
    const target = to === 'previous' ? state.previous : to;
    if (!target) {
        throw new errors/* ConfigurationError */.j1(`there is no previous release recorded (current is ${state.current}); name a tag in "to"` +
            (available.length ? `: tags on the server: ${available.join(', ')}` : ''));
    }
    if (!available.includes(target)) {
        throw new errors/* ConfigurationError */.j1(`input "to" got ${JSON.stringify(target)}: it is not on the server any more; ` +
            (available.length
                ? `tags on the server: ${available.join(', ')}`
                : 'no release is left on the server to return to'));
    }
    return target;
}
/**
 * Manual rollback (actions/rollback): under the lock, to `previous` or a tag still on the server, with the
 * strategy recorded in state.json; gated; when the target fails to start or fails its gate, the release that ran
 * is brought back.
 */
function rollbackRelease(ctx, to) {
    return flow_attempt/* Attempt */.UI.underLock(ctx, { tag: to, action: 'rollback' }, async (attempt) => {
        const state = await attempt.readState('compose');
        const strategy = ctx.strategyFor(state.strategy);
        const target = rollbackTarget(to, state, state.current ? await strategy.available() : []);
        const before = state.current;
        ctx.log.info(`Rolling back ${ctx.conn.label} from ${before} to ${target} (${strategy.name})`);
        const interrupted = (0,flow_cancel/* interruptedText */.AQ)(state);
        if (interrupted)
            ctx.log.warning(interrupted);
        await attempt.begin({ action: 'rollback', tag: target, previous: before, strategy: strategy.name });
        // A cancel that came while connecting or waiting for the lock: nothing has changed yet.
        await new flow_cancel/* CancelWatch */.qv(ctx.signal).stopIfCancelled(attempt);
        const { gate, failure, logs } = await (0,deploy_flow/* activateAndGate */.EQ)(attempt, strategy, target);
        const cancel = (0,io_cancel/* cancelRequest */.UL)(ctx.signal);
        if (cancel) {
            return (0,flow_cancel/* cancelAfterSwitch */.P)(attempt, cancel, {
                state,
                attempted: target,
                back: before && before !== target ? before : null,
                ...(gate ? { gate } : {}),
                bringBack: (t, deadlineAt) => (0,deploy_flow/* bringBack */.kB)(attempt, strategy, t, deadlineAt),
            });
        }
        if (gate?.passed) {
            await (0,flow_state/* writeState */.Jq)(ctx.conn, ctx.appDir, (0,flow_state/* promoted */.tU)(state, target, strategy.name));
            await attempt.finish({ outcome: 'rolled-back', health: (0,flow_attempt/* healthFacts */.mv)(gate) });
            return {
                status: 'rolled-back',
                attempted: target,
                current: target,
                before,
                gate,
                phases: attempt.phases,
                pruned: [],
            };
        }
        ctx.log.warning(`${failure}; bringing back ${before}`);
        const restore = before && before !== target ? await (0,deploy_flow/* bringBack */.kB)(attempt, strategy, before) : undefined;
        await attempt.finish({
            outcome: 'failed',
            phase: gate ? 'gate' : 'activate',
            error: failure,
            ...(gate ? { health: (0,flow_attempt/* healthFacts */.mv)(gate) } : {}),
            ...(restore ? { restore: (0,flow_attempt/* restoreFacts */.O4)(restore.tag, restore.gate) } : {}),
        });
        return {
            status: 'failed',
            attempted: target,
            // Once the release that ran was activated again it is what runs and what state.json names.
            current: restore?.gate ? before : target,
            before,
            ...(gate ? { gate } : {}),
            ...(restore ? { restore } : {}),
            phases: attempt.phases,
            failure,
            ...(logs ? { logs } : {}),
            pruned: [],
        };
    });
}

// EXTERNAL MODULE: ./src/ssh/target.ts
var target = __webpack_require__(4889);
// EXTERNAL MODULE: ./src/actions/rollback/inputs.ts
var rollback_inputs = __webpack_require__(3843);
;// CONCATENATED MODULE: ./src/actions/rollback/run.ts










/** actions/rollback: inputs -> each host in turn (to `previous` or a tag still there, gated) -> outputs. */
async function runRollback(io, signal) {
    const started = performance.now();
    (0,io_secrets/* maskSecretInputs */.q)(io);
    const i = (0,rollback_inputs.readRollbackInputs)((n) => io.input(n));
    const targets = (0,target/* sshTargets */.vF)(i);
    const plan = {
        location: (0,target/* appLocation */.ry)(i, io.run.repository),
        health: (0,inputs/* healthPlan */.Oq)(i),
        lockTimeoutSeconds: i['lock-timeout'],
        compose: { envFile: '', tagVariable: i['tag-variable'], services: i.services, migrateCommand: '' },
        release: {
            workspace: io.run.workspace,
            source: '',
            sharedFiles: ['.env'],
            sharedDirs: [],
            envFile: '',
            installCommand: '',
            migrateCommand: '',
            restartCommand: i['restart-command'],
            logsCommand: i['logs-command'],
        },
    };
    const secrets = io_secrets/* SECRET_INPUT_NAMES */.f1.map((n) => io.input(n)).filter(Boolean);
    const { reports, fault } = await (0,hosts/* eachHost */.y)(targets, io, 'rolled-back', (conn) => rollbackRelease((0,flow_cancel/* withSignal */.l_)((0,strategies/* flowContext */.Y)(conn, io, plan, secrets), signal), i.to));
    const status = (0,report/* stepStatus */.FY)(reports, 'rolled-back');
    (0,report/* setOutputs */.n0)(io, status, reports, started, { previous: 'from-tag' });
    await io.summary((0,report/* summaryMarkdown */.eH)(`Rollback to ${i.to}`, status, reports, secrets));
    if (fault)
        throw fault;
    if (status !== 'rolled-back') {
        throw new errors/* RemoteError */.Hi(`rollback failed: ${reports.find((r) => r.result?.status !== 'rolled-back')?.result?.failure ?? ''}`);
    }
}


/***/ })

};
