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
/* harmony import */ var _io_inputs_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(6332);
/* harmony import */ var _io_configured_io_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(4847);
/* harmony import */ var _flow_inputs_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(4399);
/* harmony import */ var _flow_tag_js__WEBPACK_IMPORTED_MODULE_5__ = __webpack_require__(360);
/* harmony import */ var _ssh_target_js__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(4889);
/* harmony import */ var _strategies_swarm_inputs_js__WEBPACK_IMPORTED_MODULE_4__ = __webpack_require__(9809);






/** actions/rollback inputs (actions/rollback/README.md); the strategy comes from the server's state.json. */
const rollbackInputSpec = {
    ..._ssh_target_js__WEBPACK_IMPORTED_MODULE_3__/* .remoteInputSpec */ .eZ,
    ..._flow_inputs_js__WEBPACK_IMPORTED_MODULE_2__/* .gateInputSpec */ .rZ,
    to: (0,_io_inputs_js__WEBPACK_IMPORTED_MODULE_0__/* .matching */ .wC)(new RegExp(`^(previous|${_flow_tag_js__WEBPACK_IMPORTED_MODULE_5__/* .TAG_PATTERN */ .A.source.slice(1, -1)})$`), `previous, or ${_flow_tag_js__WEBPACK_IMPORTED_MODULE_5__/* .TAG_TAKES */ .K}`, {
        fallback: 'previous',
    }),
    'restart-command': (0,_io_inputs_js__WEBPACK_IMPORTED_MODULE_0__/* .text */ .Qq)(),
    'logs-command': (0,_io_inputs_js__WEBPACK_IMPORTED_MODULE_0__/* .text */ .Qq)(),
    'tag-variable': (0,_flow_inputs_js__WEBPACK_IMPORTED_MODULE_2__/* .tagVariable */ .PU)(),
    services: (0,_flow_inputs_js__WEBPACK_IMPORTED_MODULE_2__/* .serviceNames */ ._m)(),
    stack: (0,_strategies_swarm_inputs_js__WEBPACK_IMPORTED_MODULE_4__/* .stackName */ .Q)(),
    ..._flow_inputs_js__WEBPACK_IMPORTED_MODULE_2__/* .switchInputSpec */ .e6,
    ..._io_configured_io_js__WEBPACK_IMPORTED_MODULE_1__/* .configInputSpec */ .kW,
    ..._io_configured_io_js__WEBPACK_IMPORTED_MODULE_1__/* .environmentInputSpec */ .Vc,
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
// EXTERNAL MODULE: ./src/strategies/index.ts
var strategies = __webpack_require__(4665);
// EXTERNAL MODULE: ./src/flow/inputs.ts
var inputs = __webpack_require__(4399);
// EXTERNAL MODULE: ./src/flow/report.ts
var report = __webpack_require__(4612);
// EXTERNAL MODULE: ./src/flow/hosts.ts
var hosts = __webpack_require__(1795);
// EXTERNAL MODULE: ./src/flow/attempt.ts
var flow_attempt = __webpack_require__(5617);
// EXTERNAL MODULE: ./src/flow/deploy-flow.ts
var deploy_flow = __webpack_require__(9938);
// EXTERNAL MODULE: ./src/io/cancel.ts
var io_cancel = __webpack_require__(6736);
// EXTERNAL MODULE: ./src/flow/cancel.ts
var flow_cancel = __webpack_require__(3900);
// EXTERNAL MODULE: ./src/flow/state.ts
var flow_state = __webpack_require__(7573);
// EXTERNAL MODULE: ./src/flow/blue-green-flow.ts + 1 modules
var blue_green_flow = __webpack_require__(7005);
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
function rollbackRelease(ctx, to, blueGreen) {
    return flow_attempt/* Attempt */.UI.underLock(ctx, { tag: to, action: 'rollback' }, async (attempt) => {
        // The locked context: its shell runs every command under the lock's lease (see deploy-flow).
        const ctx = attempt.ctx;
        const state = await attempt.readState('compose');
        const strategy = await ctx.strategyFor(state.strategy);
        const target = rollbackTarget(to, state, state.current ? await strategy.available() : []);
        const before = state.current;
        ctx.log.info(`Rolling back ${ctx.conn.label} from ${before} to ${target} (${strategy.name})`);
        const interrupted = (0,flow_cancel/* interruptedText */.AQ)(state);
        if (interrupted)
            ctx.log.warning(interrupted);
        const bg = blueGreen && (0,deploy_flow/* blueGreenOf */.Lx)(strategy);
        await attempt.begin({ action: 'rollback', tag: target, previous: before, strategy: strategy.name });
        // A cancel that came while connecting or waiting for the lock: nothing has changed yet.
        const watch = new flow_cancel/* CancelWatch */.qv(ctx.signal);
        await watch.stopIfCancelled(attempt);
        if (bg && blueGreen) {
            // The same sequence as a deploy, towards a release already on the server: zero-downtime too.
            const proxy = blueGreen.proxyFor(ctx.conn, ctx.log);
            try {
                await watch.step(attempt, 'proxy-config', 'Check the proxy config', () => proxy.checkConfig());
            }
            catch (e) {
                if (e instanceof io_cancel/* Cancelled */.cJ)
                    throw e;
                await attempt.finish({ outcome: 'failed', phase: (0,flow_attempt/* phaseOf */.hU)(e) ?? 'proxy-config', error: (0,errors/* errText */.V7)(e) });
                throw e;
            }
            const r = { strategy, bg, proxy, plan: blueGreen, state, tag: target, action: 'rollback' };
            return (0,blue_green_flow/* blueGreenSwitch */.i)(attempt, watch, r);
        }
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
// EXTERNAL MODULE: ./src/strategies/switch-plan.ts + 2 modules
var switch_plan = __webpack_require__(2862);
;// CONCATENATED MODULE: ./src/actions/rollback/run.ts











/** actions/rollback: inputs -> each host in turn (to `previous` or a tag still there, gated) -> outputs. */
async function runRollback(io, signal) {
    const started = performance.now();
    (0,io_secrets/* maskSecretInputs */.q)(io);
    const i = (0,rollback_inputs.readRollbackInputs)((n) => io.input(n));
    const targets = (0,target/* sshTargets */.vF)(i);
    const location = (0,target/* appLocation */.ry)(i, io.run.repository);
    // The strategy is read from state.json on the server: each strategy checks what it needs of the switch.
    const sw = (0,switch_plan/* switchPlan */.y)(i, location.appDir, io.run.workspace);
    const plan = {
        location,
        health: (0,inputs/* healthPlan */.Oq)(i),
        lockTimeoutSeconds: i['lock-timeout'],
        stack: i.stack,
        compose: {
            envFile: '',
            tagVariable: i['tag-variable'],
            services: i.services,
            migrateCommand: '',
            ...(sw ? { blueGreen: true } : {}),
        },
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
            ...(sw
                ? { blueGreen: { ports: sw.ports, startCommand: sw.startCommand, stopCommand: sw.stopCommand } }
                : {}),
        },
    };
    const secrets = io_secrets/* SECRET_INPUT_NAMES */.f1.map((n) => io.input(n)).filter(Boolean);
    const { reports, fault } = await (0,hosts/* eachHost */.y)(targets, io, 'rolled-back', (conn) => rollbackRelease((0,flow_cancel/* withSignal */.l_)((0,strategies/* flowContext */.Y)(conn, io, plan, secrets), signal), i.to, sw && (0,switch_plan/* blueGreenPlan */.l)(sw)));
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
