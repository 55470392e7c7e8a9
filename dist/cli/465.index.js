export const id = 465;
export const ids = [465];
export const modules = {

/***/ 1465:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

__webpack_require__.r(__webpack_exports__);
/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   initInputSpec: () => (/* binding */ initInputSpec),
/* harmony export */   readInitInputs: () => (/* binding */ readInitInputs)
/* harmony export */ });
/* harmony import */ var _io_inputs_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(6067);
/* harmony import */ var _ssh_target_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(4889);



/** A public key as authorized_keys holds it (no options prefix): type, base64, optional comment. */
const PUBLIC_KEY = /^(ssh-ed25519|ssh-rsa|ecdsa-sha2-nistp(256|384|521)|sk-ssh-ed25519@openssh\.com|sk-ecdsa-sha2-nistp256@openssh\.com) [A-Za-z0-9+/]+={0,3}( [^\r\n]*)?$/;
const USER = /^[a-z_][a-z0-9_-]{0,31}$/;
const UNIT = /^[A-Za-z0-9][A-Za-z0-9_.-]{0,63}$/;
const ABSOLUTE = /^\/[^\0\n]*$/;
function publicKeys() {
    return (0,_io_inputs_js__WEBPACK_IMPORTED_MODULE_0__/* .kind */ .fM)((v) => {
        const keys = (0,_io_inputs_js__WEBPACK_IMPORTED_MODULE_0__/* .splitLines */ .uz)(v);
        const bad = keys.find((k) => !PUBLIC_KEY.test(k));
        if (bad !== undefined)
            return (0,_io_inputs_js__WEBPACK_IMPORTED_MODULE_0__/* .refuse */ .TR)(`takes public keys, one a line, like "ssh-ed25519 AAAA… you@laptop" (the .pub file); ${JSON.stringify(bad.slice(0, 40))} is not one`);
        return keys;
    });
}
const path = (takes, fallback = '') => (0,_io_inputs_js__WEBPACK_IMPORTED_MODULE_0__/* .matching */ .wC)(ABSOLUTE, takes, { fallback });
/** actions/init inputs (actions/init/README.md) plus the shared remote inputs (`username`: root or a sudo user). */
const initInputSpec = {
    'deploy-user': (0,_io_inputs_js__WEBPACK_IMPORTED_MODULE_0__/* .matching */ .wC)(USER, 'a user name like deploy', { fallback: 'deploy' }),
    'deploy-key': publicKeys(),
    'app-user': (0,_io_inputs_js__WEBPACK_IMPORTED_MODULE_0__/* .matching */ .wC)(USER, 'a user name like shop'),
    'app-group': (0,_io_inputs_js__WEBPACK_IMPORTED_MODULE_0__/* .matching */ .wC)(USER, 'a group name like shop'),
    strategy: (0,_io_inputs_js__WEBPACK_IMPORTED_MODULE_0__/* .oneOf */ .yL)(['release', 'compose'], 'release'),
    'exec-start': (0,_io_inputs_js__WEBPACK_IMPORTED_MODULE_0__/* .refined */ .S)((0,_io_inputs_js__WEBPACK_IMPORTED_MODULE_0__/* .text */ .Qq)(), (v) => !/[\r\n]/.test(v), 'takes one command line'),
    'unit-file': (0,_io_inputs_js__WEBPACK_IMPORTED_MODULE_0__/* .text */ .Qq)(),
    unit: (0,_io_inputs_js__WEBPACK_IMPORTED_MODULE_0__/* .matching */ .wC)(UNIT, 'a unit name like shop (without .service)'),
    'unit-dir': path('an absolute path like /etc/systemd/system', '/etc/systemd/system'),
    'app-port': (0,_io_inputs_js__WEBPACK_IMPORTED_MODULE_0__/* .list */ .p_)({
        test: (p) => /^\d{1,5}$/.test(p) && Number(p) > 0 && Number(p) < 65536,
        takes: 'a port',
    }),
    'blue-green': (0,_io_inputs_js__WEBPACK_IMPORTED_MODULE_0__/* .bool */ .lc)(false),
    'shared-dirs': (0,_io_inputs_js__WEBPACK_IMPORTED_MODULE_0__/* .list */ .p_)({
        test: (d) => !d.startsWith('/') &&
            !d.split('/').some((x) => x === '..' || x === '.' || x === '') &&
            !d.includes('\0'),
        takes: 'a directory relative to shared/, like data or media',
    }),
    'sudo-commands': (0,_io_inputs_js__WEBPACK_IMPORTED_MODULE_0__/* .list */ .p_)({
        test: (c) => c.startsWith('/'),
        takes: 'a command with its full path, like /usr/bin/systemctl restart worker',
    }, { lines: true }),
    'sudoers-file': path('an absolute path like /etc/sudoers.d/vps-deploy-shop'),
    proxy: (0,_io_inputs_js__WEBPACK_IMPORTED_MODULE_0__/* .oneOf */ .yL)(['none', 'caddy', 'nginx'], 'none'),
    'site-address': (0,_io_inputs_js__WEBPACK_IMPORTED_MODULE_0__/* .matching */ .wC)(/^(?:https?:\/\/)?[A-Za-z0-9.*-]*(?::\d{1,5})?$/, 'a site address like shop.example.com or :8080'),
    'proxy-site': path('an absolute path like /etc/caddy/sites/shop.caddy'),
    'proxy-config': path('an absolute path like /etc/caddy/Caddyfile'),
    'proxy-service': (0,_io_inputs_js__WEBPACK_IMPORTED_MODULE_0__/* .matching */ .wC)(UNIT, 'a service name like caddy'),
    'upstream-file': path('an absolute path under app-dir'),
    backups: (0,_io_inputs_js__WEBPACK_IMPORTED_MODULE_0__/* .list */ .p_)({
        test: (k) => ['sqlite', 'postgres', 'volumes', 'files'].includes(k),
        takes: 'one of sqlite, postgres, volumes, files',
    }),
    install: (0,_io_inputs_js__WEBPACK_IMPORTED_MODULE_0__/* .bool */ .lc)(false),
    'dry-run': (0,_io_inputs_js__WEBPACK_IMPORTED_MODULE_0__/* .bool */ .lc)(false),
    ..._ssh_target_js__WEBPACK_IMPORTED_MODULE_1__/* .remoteInputSpec */ .eZ,
};
function readInitInputs(raw) {
    return (0,_io_inputs_js__WEBPACK_IMPORTED_MODULE_0__/* .readInputs */ .Ko)(initInputSpec, raw);
}


/***/ })

};
