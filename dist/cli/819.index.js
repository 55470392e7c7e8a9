export const id = 819;
export const ids = [819];
export const modules = {

/***/ 3617:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

__webpack_require__.r(__webpack_exports__);
/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   healthcheckInputSpec: () => (/* binding */ healthcheckInputSpec),
/* harmony export */   readHealthcheckInputs: () => (/* binding */ readHealthcheckInputs)
/* harmony export */ });
/* harmony import */ var _io_inputs_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(6067);
/* harmony import */ var _ssh_target_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(4889);


/** actions/healthcheck inputs (actions/healthcheck/README.md): the gate, and optionally the SSH host to probe through. */
const healthcheckInputSpec = {
    url: (0,_io_inputs_js__WEBPACK_IMPORTED_MODULE_0__/* .httpUrl */ .q3)({ required: true }),
    timeout: (0,_io_inputs_js__WEBPACK_IMPORTED_MODULE_0__/* .duration */ .p0)(60, { max: 3600 }),
    interval: (0,_io_inputs_js__WEBPACK_IMPORTED_MODULE_0__/* .duration */ .p0)(1, { max: 600 }),
    successes: (0,_io_inputs_js__WEBPACK_IMPORTED_MODULE_0__/* .integer */ .nd)(2, 1, 100),
    'allow-degraded': (0,_io_inputs_js__WEBPACK_IMPORTED_MODULE_0__/* .bool */ .lc)(true),
    'request-timeout': (0,_io_inputs_js__WEBPACK_IMPORTED_MODULE_0__/* .duration */ .p0)(5, { max: 600 }),
    headers: (0,_io_inputs_js__WEBPACK_IMPORTED_MODULE_0__/* .headers */ .b3)(),
    'follow-redirects': (0,_io_inputs_js__WEBPACK_IMPORTED_MODULE_0__/* .integer */ .nd)(0, 0, 10),
    ..._ssh_target_js__WEBPACK_IMPORTED_MODULE_1__/* .sshInputSpec */ .O0,
};
function readHealthcheckInputs(raw) {
    return (0,_io_inputs_js__WEBPACK_IMPORTED_MODULE_0__/* .readInputs */ .Ko)(healthcheckInputSpec, raw);
}


/***/ }),

/***/ 3819:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

__webpack_require__.r(__webpack_exports__);
/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   runHealthcheck: () => (/* binding */ runHealthcheck)
/* harmony export */ });
/* harmony import */ var _ssh_remote_shell_js__WEBPACK_IMPORTED_MODULE_6__ = __webpack_require__(8461);
/* harmony import */ var _io_errors_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(7333);
/* harmony import */ var _io_secrets_js__WEBPACK_IMPORTED_MODULE_4__ = __webpack_require__(3965);
/* harmony import */ var _io_summary_js__WEBPACK_IMPORTED_MODULE_7__ = __webpack_require__(2864);
/* harmony import */ var _health_excerpt_js__WEBPACK_IMPORTED_MODULE_5__ = __webpack_require__(7111);
/* harmony import */ var _health_run_gate_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(2273);
/* harmony import */ var _ssh_target_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(4889);
/* harmony import */ var _inputs_js__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(3617);








/** actions/healthcheck: inputs -> gate (from the runner, or through the SSH host) -> outputs. */
async function runHealthcheck(io) {
    (0,_io_secrets_js__WEBPACK_IMPORTED_MODULE_4__/* .maskSecretInputs */ .q)(io);
    const inputs = (0,_inputs_js__WEBPACK_IMPORTED_MODULE_3__.readHealthcheckInputs)((n) => io.input(n));
    const result = await io.group(`Health gate: ${inputs.url}`, () => gate(inputs, io));
    report(io, inputs, result);
    await io.summary(summaryOf(inputs, result));
    if (!result.passed)
        throw new _io_errors_js__WEBPACK_IMPORTED_MODULE_0__/* .RemoteError */ .Hi(`Health gate failed: ${result.reason}`, 'gate');
    if (result.last.verdict === 'degraded') {
        io.notice(`${inputs.url} passed the gate but reports degraded: ${(0,_health_excerpt_js__WEBPACK_IMPORTED_MODULE_5__/* .bodyExcerpt */ .k)(result.last.body, 200)}`, {
            title: 'Health: degraded',
        });
    }
    return true;
}
async function gate(inputs, io) {
    const opts = {
        timeoutSeconds: inputs.timeout,
        intervalSeconds: inputs.interval,
        successes: inputs.successes,
        allowDegraded: inputs['allow-degraded'],
        requestTimeoutSeconds: inputs['request-timeout'],
    };
    const target = { url: inputs.url, headers: inputs.headers, followRedirects: inputs['follow-redirects'] };
    if (!inputs.host.length)
        return (0,_health_run_gate_js__WEBPACK_IMPORTED_MODULE_1__/* .gateUrl */ .T)(target, opts, io);
    if (inputs.host.length > 1) {
        throw new _io_errors_js__WEBPACK_IMPORTED_MODULE_0__/* .ConfigurationError */ .j1('input "host" takes one host for actions/healthcheck (run one step per host)');
    }
    const [sshTarget] = (0,_ssh_target_js__WEBPACK_IMPORTED_MODULE_2__/* .sshTargets */ .vF)(inputs);
    // Loaded only when probing through SSH: the runner-side gate starts without the SSH library.
    const { withConnection } = await Promise.all(/* import() */[__webpack_require__.e(487), __webpack_require__.e(152), __webpack_require__.e(38)]).then(__webpack_require__.bind(__webpack_require__, 5152));
    return withConnection(sshTarget, io, (conn) => (0,_health_run_gate_js__WEBPACK_IMPORTED_MODULE_1__/* .gateUrl */ .T)({ ...target, dialer: (h, p) => conn.tunnel(h, p) }, opts, io, async () => conn.isOpen ? undefined : (0,_ssh_remote_shell_js__WEBPACK_IMPORTED_MODULE_6__/* .connectionLost */ .B)(conn)));
}
function report(io, inputs, r) {
    io.setOutput('status', r.last.verdict);
    io.setOutput('http-code', r.last.code ?? '');
    io.setOutput('latency-ms', r.last.latencyMs);
    io.setOutput('body', (0,_health_excerpt_js__WEBPACK_IMPORTED_MODULE_5__/* .bodyExcerpt */ .k)(r.last.body));
    io.setOutput('attempts', r.attempts);
    io.setOutput('passed', r.passed);
    const outcome = r.passed ? 'passed' : 'FAILED';
    io.info(`Health gate ${outcome} for ${inputs.url} after ${r.attempts} probe(s), ${(r.elapsedMs / 1000).toFixed(1)}s`);
}
function summaryOf(inputs, r) {
    const rows = [
        ['gate', r.passed ? 'passed' : `failed: ${r.reason ?? ''}`],
        ['verdict', r.last.verdict],
        ['HTTP code', r.last.code ?? '—'],
        ['latency', `${r.last.latencyMs} ms`],
        ['attempts', r.attempts],
        ['elapsed', `${(r.elapsedMs / 1000).toFixed(1)} s`],
        ['probed from', inputs.host.length ? `SSH host ${inputs.host[0]}` : 'runner'],
    ];
    const body = (0,_health_excerpt_js__WEBPACK_IMPORTED_MODULE_5__/* .bodyExcerpt */ .k)(r.last.body, 2000);
    return [
        `### ${r.passed ? '✅' : '❌'} Health check: ${inputs.url}`,
        '',
        (0,_io_summary_js__WEBPACK_IMPORTED_MODULE_7__/* .table */ .tp)(['', ''], rows),
        '',
        ...(body
            ? ['<details><summary>Last response body</summary>', '', (0,_io_summary_js__WEBPACK_IMPORTED_MODULE_7__/* .codeBlock */ .DV)(body), '', '</details>', '']
            : []),
    ].join('\n');
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


/***/ })

};
