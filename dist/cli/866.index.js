export const id = 866;
export const ids = [866];
export const modules = {

/***/ 6915:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

__webpack_require__.r(__webpack_exports__);
/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   readRollbackInputs: () => (/* binding */ readRollbackInputs),
/* harmony export */   rollbackInputSpec: () => (/* binding */ rollbackInputSpec)
/* harmony export */ });
/* harmony import */ var _common_inputs_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(9184);
/* harmony import */ var _deploy_inputs_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(3614);
/* harmony import */ var _ssh_target_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(4889);



/** actions/rollback inputs (SPEC.md, "actions/rollback"); the strategy comes from the server's state.json. */
const rollbackInputSpec = {
    ..._ssh_target_js__WEBPACK_IMPORTED_MODULE_2__/* .remoteInputSpec */ .eZ,
    ..._deploy_inputs_js__WEBPACK_IMPORTED_MODULE_1__.gateInputSpec,
    to: (0,_common_inputs_js__WEBPACK_IMPORTED_MODULE_0__/* .matching */ .wC)(new RegExp(`^(previous|${_deploy_inputs_js__WEBPACK_IMPORTED_MODULE_1__.TAG_PATTERN.source.slice(1, -1)})$`), `previous, or ${_deploy_inputs_js__WEBPACK_IMPORTED_MODULE_1__.TAG_TAKES}`, {
        fallback: 'previous',
    }),
    'restart-command': (0,_common_inputs_js__WEBPACK_IMPORTED_MODULE_0__/* .text */ .Qq)(),
    'tag-variable': (0,_common_inputs_js__WEBPACK_IMPORTED_MODULE_0__/* .matching */ .wC)(/^[A-Za-z_][A-Za-z0-9_]*$/, 'a variable name like IMAGE_TAG', {
        fallback: 'IMAGE_TAG',
    }),
    services: (0,_common_inputs_js__WEBPACK_IMPORTED_MODULE_0__/* .list */ .p_)({ test: (s) => /^[A-Za-z0-9][A-Za-z0-9._-]*$/.test(s), takes: 'a compose service name' }),
};
function readRollbackInputs(raw) {
    return (0,_common_inputs_js__WEBPACK_IMPORTED_MODULE_0__/* .readInputs */ .Ko)(rollbackInputSpec, raw);
}


/***/ }),

/***/ 8866:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

// ESM COMPAT FLAG
__webpack_require__.r(__webpack_exports__);

// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  runRollback: () => (/* binding */ runRollback)
});

// EXTERNAL MODULE: ./src/common/errors.ts
var errors = __webpack_require__(1922);
// EXTERNAL MODULE: ./src/common/secrets.ts
var common_secrets = __webpack_require__(7168);
// EXTERNAL MODULE: ./src/deploy/run.ts + 4 modules
var run = __webpack_require__(7299);
// EXTERNAL MODULE: ./src/deploy/plan.ts
var deploy_plan = __webpack_require__(5448);
// EXTERNAL MODULE: ./src/deploy/report.ts
var report = __webpack_require__(5505);
// EXTERNAL MODULE: ./src/deploy/hosts.ts
var hosts = __webpack_require__(2140);
// EXTERNAL MODULE: ./src/ssh/connection.ts
var connection = __webpack_require__(4928);
// EXTERNAL MODULE: ./src/release/attempt.ts + 1 modules
var release_attempt = __webpack_require__(8802);
// EXTERNAL MODULE: ./src/release/flow.ts
var flow = __webpack_require__(8269);
// EXTERNAL MODULE: ./src/release/release-gate.ts
var release_gate = __webpack_require__(1186);
// EXTERNAL MODULE: ./src/release/state.ts
var release_state = __webpack_require__(7648);
;// CONCATENATED MODULE: ./src/release/rollback-flow.ts






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
 * strategy recorded in state.json; gated; when the target fails its gate the release that ran is brought back.
 */
function rollbackRelease(ctx, to) {
    return release_attempt/* Attempt */.UI.underLock(ctx, { tag: to, action: 'rollback' }, async (attempt) => {
        const state = await attempt.readState('compose');
        const strategy = ctx.strategyFor(state.strategy);
        const target = rollbackTarget(to, state, state.current ? await strategy.available() : []);
        const before = state.current;
        ctx.log.info(`Rolling back ${ctx.conn.label} from ${before} to ${target} (${strategy.name})`);
        await attempt.begin({ action: 'rollback', tag: target, previous: before, strategy: strategy.name });
        let gate;
        try {
            await attempt.phase('activate', `Activate ${target}`, () => strategy.activate(target));
            gate = await attempt.phase('gate', `Health gate of ${target}`, () => (0,release_gate/* gateRelease */.l)(ctx.conn, strategy, ctx.health, ctx.log));
        }
        catch (e) {
            await attempt.finish({ outcome: 'failed', phase: (0,release_attempt/* phaseOf */.hU)(e), error: (0,connection/* errText */.V7)(e) });
            throw e;
        }
        if (gate.passed) {
            await (0,release_state/* writeState */.Jq)(ctx.conn, ctx.appDir, (0,release_state/* promoted */.tU)(state, target, strategy.name));
            await attempt.finish({ outcome: 'rolled-back', health: (0,release_attempt/* healthFacts */.mv)(gate) });
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
        const failure = `the health gate of ${target} failed: ${gate.reason ?? gate.last.verdict}`;
        ctx.log.warning(`${failure}; bringing back ${before}`);
        const restore = before && before !== target ? await (0,flow/* bringBack */.k)(attempt, strategy, before) : undefined;
        await attempt.finish({
            outcome: 'failed',
            phase: 'gate',
            error: failure,
            health: (0,release_attempt/* healthFacts */.mv)(gate),
            ...(restore
                ? {
                    restore: {
                        tag: restore.tag,
                        ...(restore.gate ? (0,release_attempt/* healthFacts */.mv)(restore.gate) : { passed: false, verdict: 'unreachable' }),
                    },
                }
                : {}),
        });
        const restored = restore?.gate?.passed === true;
        return {
            status: 'failed',
            attempted: target,
            current: restored ? before : target,
            before,
            gate,
            ...(restore ? { restore } : {}),
            phases: attempt.phases,
            failure,
            pruned: [],
        };
    });
}

// EXTERNAL MODULE: ./src/ssh/target.ts
var target = __webpack_require__(4889);
// EXTERNAL MODULE: ./src/rollback/inputs.ts
var inputs = __webpack_require__(6915);
;// CONCATENATED MODULE: ./src/rollback/run.ts









/** actions/rollback: inputs -> each host in turn (to `previous` or a tag still there, gated) -> outputs. */
async function runRollback(io) {
    const started = performance.now();
    (0,common_secrets/* maskSecretInputs */.q)(io);
    const i = (0,inputs.readRollbackInputs)((n) => io.input(n));
    const targets = (0,target/* sshTargets */.vF)(i);
    const plan = {
        location: (0,target/* appLocation */.ry)(i, io.run.repository),
        health: (0,deploy_plan/* healthPlan */.Oq)(i),
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
        },
    };
    const secrets = common_secrets/* SECRET_INPUT_NAMES */.f.map((n) => io.input(n)).filter(Boolean);
    const { reports, fault } = await (0,hosts/* eachHost */.y)(targets, io, 'rolled-back', (conn) => rollbackRelease((0,run/* flowContext */.Y)(conn, io, plan, secrets), i.to));
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
