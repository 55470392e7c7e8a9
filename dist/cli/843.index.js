export const id = 843;
export const ids = [843];
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


/***/ })

};
