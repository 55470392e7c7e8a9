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
/* harmony import */ var _io_inputs_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(6332);
/* harmony import */ var _io_configured_io_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(4847);
/* harmony import */ var _io_errors_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(7333);
/* harmony import */ var _flow_inputs_js__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(4399);
/* harmony import */ var _ssh_target_js__WEBPACK_IMPORTED_MODULE_4__ = __webpack_require__(4889);





/** actions/healthcheck inputs (actions/healthcheck/README.md): the gate, and optionally the SSH host to probe through. */
const healthcheckInputSpec = {
    url: (0,_flow_inputs_js__WEBPACK_IMPORTED_MODULE_3__/* .healthUrls */ .f9)(),
    command: (0,_io_inputs_js__WEBPACK_IMPORTED_MODULE_0__/* .commandLines */ .Zm)(),
    timeout: (0,_io_inputs_js__WEBPACK_IMPORTED_MODULE_0__/* .duration */ .p0)(60, { max: 3600 }),
    interval: (0,_io_inputs_js__WEBPACK_IMPORTED_MODULE_0__/* .duration */ .p0)(1, { max: 600 }),
    successes: (0,_io_inputs_js__WEBPACK_IMPORTED_MODULE_0__/* .integer */ .nd)(2, 1, 100),
    'allow-degraded': (0,_io_inputs_js__WEBPACK_IMPORTED_MODULE_0__/* .bool */ .lc)(true),
    'request-timeout': (0,_io_inputs_js__WEBPACK_IMPORTED_MODULE_0__/* .duration */ .p0)(5, { max: 600 }),
    headers: (0,_io_inputs_js__WEBPACK_IMPORTED_MODULE_0__/* .headers */ .b3)(),
    'follow-redirects': (0,_io_inputs_js__WEBPACK_IMPORTED_MODULE_0__/* .integer */ .nd)(0, 0, 10),
    ..._ssh_target_js__WEBPACK_IMPORTED_MODULE_4__/* .sshInputSpec */ .O0,
    ..._io_configured_io_js__WEBPACK_IMPORTED_MODULE_1__/* .configInputSpec */ .kW,
    ..._io_configured_io_js__WEBPACK_IMPORTED_MODULE_1__/* .environmentInputSpec */ .Vc,
};
function readHealthcheckInputs(raw) {
    const inputs = (0,_io_inputs_js__WEBPACK_IMPORTED_MODULE_0__/* .readInputs */ .Ko)(healthcheckInputSpec, raw);
    if (!inputs.url.length && !inputs.command.length) {
        throw new _io_errors_js__WEBPACK_IMPORTED_MODULE_2__/* .ConfigurationError */ .j1('Invalid input\n  input "url" got "": is required (one health URL a line), unless "command" is given');
    }
    if (inputs.command.length && !inputs.host.length) {
        throw new _io_errors_js__WEBPACK_IMPORTED_MODULE_2__/* .ConfigurationError */ .j1('input "command" runs on the server: give "host" (and the SSH inputs) with it');
    }
    if (inputs.host.length > 1) {
        throw new _io_errors_js__WEBPACK_IMPORTED_MODULE_2__/* .ConfigurationError */ .j1('input "host" takes one host for actions/healthcheck (run one step per host)');
    }
    return inputs;
}


/***/ })

};
