export const id = 617;
export const ids = [617];
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

/***/ 4399:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   Oq: () => (/* binding */ healthPlan),
/* harmony export */   PU: () => (/* binding */ tagVariable),
/* harmony export */   _m: () => (/* binding */ serviceNames),
/* harmony export */   f9: () => (/* binding */ healthUrls),
/* harmony export */   rZ: () => (/* binding */ gateInputSpec)
/* harmony export */ });
/* unused harmony export DEFAULT_HEALTH_URL */
/* harmony import */ var _io_inputs_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(6067);
/* harmony import */ var _health_endpoint_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(6525);


/** What the gate probes when neither health-url nor health-command is given. */
const DEFAULT_HEALTH_URL = 'http://127.0.0.1:8000/health';
/** health-url lines: http, https or http+unix URLs (commas may be in a URL, so one a line only). */
function healthUrls() {
    return (0,_io_inputs_js__WEBPACK_IMPORTED_MODULE_0__/* .kind */ .fM)((v) => {
        const urls = (0,_io_inputs_js__WEBPACK_IMPORTED_MODULE_0__/* .splitLines */ .uz)(v);
        const bad = urls.findIndex((u) => !(0,_health_endpoint_js__WEBPACK_IMPORTED_MODULE_1__/* .isHealthUrl */ .uw)(u));
        if (bad < 0)
            return urls;
        return (0,_io_inputs_js__WEBPACK_IMPORTED_MODULE_0__/* .refuse */ .TR)(`takes ${_health_endpoint_js__WEBPACK_IMPORTED_MODULE_1__/* .HEALTH_URL_TAKES */ .ke}${urls.length > 1 ? `, one a line; line ${bad + 1} is not one` : ''}`);
    });
}
/** The health gate inputs, shared by deploy, the root action and rollback. */
const gateInputSpec = {
    'health-url': healthUrls(),
    'health-command': (0,_io_inputs_js__WEBPACK_IMPORTED_MODULE_0__/* .commandLines */ .Zm)(),
    'health-headers': (0,_io_inputs_js__WEBPACK_IMPORTED_MODULE_0__/* .headers */ .b3)(),
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
    const urls = i['health-url'];
    const commands = i['health-command'];
    return {
        urls: urls.length || commands.length ? urls : [DEFAULT_HEALTH_URL],
        commands,
        headers: i['health-headers'],
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

/***/ 6525:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   Ig: () => (/* binding */ healthEndpoint),
/* harmony export */   ke: () => (/* binding */ HEALTH_URL_TAKES),
/* harmony export */   uw: () => (/* binding */ isHealthUrl)
/* harmony export */ });
/* unused harmony export UNIX_SCHEME */
const UNIX_SCHEME = 'http+unix:';
const HEALTH_URL_TAKES = 'an http:// or https:// URL, like http://127.0.0.1:8000/health, or an http+unix:// URL for a Unix socket, ' +
    'like http+unix://%2Frun%2Fapp%2Fgunicorn.sock/health (the socket path percent-encoded)';
/** The endpoint of a health URL, or undefined when it is not one we can probe. */
function healthEndpoint(raw) {
    let u;
    try {
        u = typeof raw === 'string' ? new URL(raw) : raw;
    }
    catch {
        return undefined;
    }
    if (u.protocol === 'http:' || u.protocol === 'https:')
        return u.hostname ? { kind: 'tcp', url: u } : undefined;
    if (u.protocol !== UNIX_SCHEME || !u.host)
        return undefined;
    let socketPath;
    try {
        socketPath = decodeURIComponent(u.host);
    }
    catch {
        return undefined;
    }
    if (!socketPath.startsWith('/') || socketPath.includes('\0'))
        return undefined;
    return { kind: 'unix', socketPath, url: new URL(`http://localhost${u.pathname || '/'}${u.search}`) };
}
function isHealthUrl(raw) {
    return healthEndpoint(raw) !== undefined;
}


/***/ })

};
