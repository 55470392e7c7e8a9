export const id = 200;
export const ids = [200];
export const modules = {

/***/ 3617:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

__webpack_require__.r(__webpack_exports__);
/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   healthcheckInputSpec: () => (/* binding */ healthcheckInputSpec),
/* harmony export */   readHealthcheckInputs: () => (/* binding */ readHealthcheckInputs)
/* harmony export */ });
/* harmony import */ var _io_inputs_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(6067);
/* harmony import */ var _io_errors_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(7333);
/* harmony import */ var _flow_inputs_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(4399);
/* harmony import */ var _ssh_target_js__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(4889);




/** actions/healthcheck inputs (actions/healthcheck/README.md): the gate, and optionally the SSH host to probe through. */
const healthcheckInputSpec = {
    url: (0,_flow_inputs_js__WEBPACK_IMPORTED_MODULE_2__/* .healthUrls */ .f9)(),
    command: (0,_io_inputs_js__WEBPACK_IMPORTED_MODULE_0__/* .commandLines */ .Zm)(),
    timeout: (0,_io_inputs_js__WEBPACK_IMPORTED_MODULE_0__/* .duration */ .p0)(60, { max: 3600 }),
    interval: (0,_io_inputs_js__WEBPACK_IMPORTED_MODULE_0__/* .duration */ .p0)(1, { max: 600 }),
    successes: (0,_io_inputs_js__WEBPACK_IMPORTED_MODULE_0__/* .integer */ .nd)(2, 1, 100),
    'allow-degraded': (0,_io_inputs_js__WEBPACK_IMPORTED_MODULE_0__/* .bool */ .lc)(true),
    'request-timeout': (0,_io_inputs_js__WEBPACK_IMPORTED_MODULE_0__/* .duration */ .p0)(5, { max: 600 }),
    headers: (0,_io_inputs_js__WEBPACK_IMPORTED_MODULE_0__/* .headers */ .b3)(),
    'follow-redirects': (0,_io_inputs_js__WEBPACK_IMPORTED_MODULE_0__/* .integer */ .nd)(0, 0, 10),
    ..._ssh_target_js__WEBPACK_IMPORTED_MODULE_3__/* .sshInputSpec */ .O0,
};
function readHealthcheckInputs(raw) {
    const inputs = (0,_io_inputs_js__WEBPACK_IMPORTED_MODULE_0__/* .readInputs */ .Ko)(healthcheckInputSpec, raw);
    if (!inputs.url.length && !inputs.command.length) {
        throw new _io_errors_js__WEBPACK_IMPORTED_MODULE_1__/* .ConfigurationError */ .j1('Invalid input\n  input "url" got "": is required (one health URL a line), unless "command" is given');
    }
    if (inputs.command.length && !inputs.host.length) {
        throw new _io_errors_js__WEBPACK_IMPORTED_MODULE_1__/* .ConfigurationError */ .j1('input "command" runs on the server: give "host" (and the SSH inputs) with it');
    }
    if (inputs.host.length > 1) {
        throw new _io_errors_js__WEBPACK_IMPORTED_MODULE_1__/* .ConfigurationError */ .j1('input "host" takes one host for actions/healthcheck (run one step per host)');
    }
    return inputs;
}


/***/ }),

/***/ 3819:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

__webpack_require__.r(__webpack_exports__);
/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   runHealthcheck: () => (/* binding */ runHealthcheck)
/* harmony export */ });
/* harmony import */ var _ssh_remote_shell_js__WEBPACK_IMPORTED_MODULE_8__ = __webpack_require__(8461);
/* harmony import */ var _io_errors_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(7333);
/* harmony import */ var _io_secrets_js__WEBPACK_IMPORTED_MODULE_5__ = __webpack_require__(3965);
/* harmony import */ var _io_summary_js__WEBPACK_IMPORTED_MODULE_9__ = __webpack_require__(2864);
/* harmony import */ var _health_command_probe_js__WEBPACK_IMPORTED_MODULE_7__ = __webpack_require__(2944);
/* harmony import */ var _health_excerpt_js__WEBPACK_IMPORTED_MODULE_6__ = __webpack_require__(7111);
/* harmony import */ var _health_gate_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(2923);
/* harmony import */ var _health_run_gate_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(1098);
/* harmony import */ var _ssh_target_js__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(4889);
/* harmony import */ var _inputs_js__WEBPACK_IMPORTED_MODULE_4__ = __webpack_require__(3617);










/** actions/healthcheck: inputs -> gate (from the runner, or through the SSH host) -> outputs. */
async function runHealthcheck(io) {
    (0,_io_secrets_js__WEBPACK_IMPORTED_MODULE_5__/* .maskSecretInputs */ .q)(io);
    const inputs = (0,_inputs_js__WEBPACK_IMPORTED_MODULE_4__.readHealthcheckInputs)((n) => io.input(n));
    const title = gateTitle(inputs);
    const result = await io.group(`Health gate: ${title}`, () => gate(inputs, io));
    report(io, title, result);
    await io.summary(summaryOf(inputs, title, result));
    if (!result.passed)
        throw new _io_errors_js__WEBPACK_IMPORTED_MODULE_0__/* .RemoteError */ .Hi(`Health gate failed: ${result.reason}`, 'gate');
    if (result.last.verdict === 'degraded') {
        io.notice(`${title} passed the gate but reports degraded: ${(0,_health_excerpt_js__WEBPACK_IMPORTED_MODULE_6__/* .bodyExcerpt */ .k)(result.last.body, 200)}`, {
            title: 'Health: degraded',
        });
    }
    return true;
}
/** The URL, or how many checks the gate waits for. */
function gateTitle(inputs) {
    const all = [...inputs.url, ...inputs.command];
    return all.length === 1 ? all[0] : `${all.length} checks`;
}
async function gate(inputs, io) {
    const opts = {
        timeoutSeconds: inputs.timeout,
        intervalSeconds: inputs.interval,
        successes: inputs.successes,
        allowDegraded: inputs['allow-degraded'],
        requestTimeoutSeconds: inputs['request-timeout'],
    };
    const target = (url) => ({
        url,
        headers: inputs.headers,
        followRedirects: inputs['follow-redirects'],
    });
    if (!inputs.host.length)
        return (0,_health_run_gate_js__WEBPACK_IMPORTED_MODULE_2__/* .gateChecks */ .He)(inputs.url.map((u) => (0,_health_run_gate_js__WEBPACK_IMPORTED_MODULE_2__/* .urlCheck */ .Y8)(target(u))), opts, io);
    const [sshTarget] = (0,_ssh_target_js__WEBPACK_IMPORTED_MODULE_3__/* .sshTargets */ .vF)(inputs);
    // Loaded only when probing through SSH: the runner-side gate starts without the SSH library.
    const { withConnection } = await Promise.all(/* import() */[__webpack_require__.e(487), __webpack_require__.e(152)]).then(__webpack_require__.bind(__webpack_require__, 5152));
    return withConnection(sshTarget, io, (conn) => {
        const checks = [
            ...inputs.url.map((u) => (0,_health_run_gate_js__WEBPACK_IMPORTED_MODULE_2__/* .urlCheck */ .Y8)({
                ...target(u),
                dialer: (h, p) => conn.tunnel(h, p),
                socketDialer: (path) => conn.unixSocket(path),
            })),
            ...inputs.command.map((c) => (0,_health_command_probe_js__WEBPACK_IMPORTED_MODULE_7__/* .commandCheck */ .QA)(conn, c)),
        ];
        const via = inputs.url.length ? ' through the SSH host' : '';
        return (0,_health_run_gate_js__WEBPACK_IMPORTED_MODULE_2__/* .gateChecks */ .He)(checks, opts, io, async () => (conn.isOpen ? undefined : (0,_ssh_remote_shell_js__WEBPACK_IMPORTED_MODULE_8__/* .connectionLost */ .B)(conn)), via);
    });
}
function report(io, title, r) {
    io.setOutput('status', r.last.verdict);
    io.setOutput('http-code', r.last.code ?? '');
    io.setOutput('latency-ms', r.last.latencyMs);
    io.setOutput('body', (0,_health_excerpt_js__WEBPACK_IMPORTED_MODULE_6__/* .bodyExcerpt */ .k)(r.last.body));
    io.setOutput('attempts', r.attempts);
    io.setOutput('passed', r.passed);
    const outcome = r.passed ? 'passed' : 'FAILED';
    io.info(`Health gate ${outcome} for ${title} after ${r.attempts} probe(s), ${(r.elapsedMs / 1000).toFixed(1)}s`);
    for (const c of r.checks ?? [])
        io.info(`  ${c.label}: ${(0,_health_gate_js__WEBPACK_IMPORTED_MODULE_1__/* .describeVerdict */ .X)(c.last)}`);
}
function summaryOf(inputs, title, r) {
    const rows = [
        ['gate', r.passed ? 'passed' : `failed: ${r.reason ?? ''}`],
        ['verdict', r.last.verdict],
        ['HTTP code', r.last.code ?? '—'],
        ['latency', `${r.last.latencyMs} ms`],
        ['attempts', r.attempts],
        ['elapsed', `${(r.elapsedMs / 1000).toFixed(1)} s`],
        ['probed from', inputs.host.length ? `SSH host ${inputs.host[0]}` : 'runner'],
    ];
    const checks = r.checks?.length
        ? [
            '',
            (0,_io_summary_js__WEBPACK_IMPORTED_MODULE_9__/* .table */ .tp)(['check', 'last verdict'], r.checks.map((c) => [c.label, (0,_health_gate_js__WEBPACK_IMPORTED_MODULE_1__/* .describeVerdict */ .X)(c.last)])),
        ]
        : [];
    const body = (0,_health_excerpt_js__WEBPACK_IMPORTED_MODULE_6__/* .bodyExcerpt */ .k)(r.last.body, 2000);
    return [
        `### ${r.passed ? '✅' : '❌'} Health check: ${title}`,
        '',
        (0,_io_summary_js__WEBPACK_IMPORTED_MODULE_9__/* .table */ .tp)(['', ''], rows),
        ...checks,
        '',
        ...(body
            ? ['<details><summary>Last response body</summary>', '', (0,_io_summary_js__WEBPACK_IMPORTED_MODULE_9__/* .codeBlock */ .DV)(body), '', '</details>', '']
            : []),
    ].join('\n');
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
