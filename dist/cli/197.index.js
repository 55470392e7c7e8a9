export const id = 197;
export const ids = [197];
export const modules = {

/***/ 1197:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

__webpack_require__.r(__webpack_exports__);
/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   CONFIRM_WORD: () => (/* binding */ CONFIRM_WORD),
/* harmony export */   backupInputSpec: () => (/* binding */ backupInputSpec),
/* harmony export */   readBackupInputs: () => (/* binding */ readBackupInputs)
/* harmony export */ });
/* harmony import */ var zod__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(0);
/* harmony import */ var zod__WEBPACK_IMPORTED_MODULE_4__ = __webpack_require__(8532);
/* harmony import */ var _io_inputs_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(6067);
/* harmony import */ var _ssh_target_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(4889);
/* harmony import */ var _backup_postgres_url_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(4775);




const CONFIRM_WORD = 'i-know-this-will-overwrite';
/** A postgres line: a URL (its password is never shown back, even in an error) or `compose:<service>`. */
function postgresLines() {
    return zod__WEBPACK_IMPORTED_MODULE_3__/* .string */ .YjP().transform((v, ctx) => {
        const items = (0,_io_inputs_js__WEBPACK_IMPORTED_MODULE_0__/* .splitLines */ .uz)(v);
        const bad = items.findIndex((i) => !(0,_backup_postgres_url_js__WEBPACK_IMPORTED_MODULE_2__/* .isPostgresUrl */ .pT)(i) && !/^compose:[A-Za-z0-9][A-Za-z0-9_.-]*$/.test(i));
        if (bad >= 0) {
            ctx.addIssue({
                code: 'custom',
                message: `line ${bad + 1} is not a postgres:// or postgresql:// URL or compose:<service>`,
            });
            return zod__WEBPACK_IMPORTED_MODULE_4__/* .NEVER */ .tm;
        }
        return items;
    });
}
/**
 * A path under app-dir, written one way only: `.`, `..` and empty segments are refused (`.//`, `./.` and `a/./`
 * name app-dir itself or hide what is archived); a leading `./` and a trailing `/` are allowed.
 */
function isRelativePath(p) {
    if (p.startsWith('/') || p.startsWith('-') || p.includes('\0'))
        return false;
    const inner = p.replace(/^\.\//, '').replace(/\/$/, '');
    return inner !== '' && inner.split('/').every((seg) => seg !== '' && seg !== '.' && seg !== '..');
}
const keep = (fallback) => (0,_io_inputs_js__WEBPACK_IMPORTED_MODULE_0__/* .integer */ .nd)(fallback, 0, 100_000);
/** actions/backup inputs (actions/backup/README.md) plus the shared remote inputs. */
const backupInputSpec = {
    sqlite: (0,_io_inputs_js__WEBPACK_IMPORTED_MODULE_0__/* .list */ .p_)({ test: (p) => !p.includes('\0'), takes: 'a database path on the server' }, { lines: true }),
    postgres: postgresLines(),
    volumes: (0,_io_inputs_js__WEBPACK_IMPORTED_MODULE_0__/* .list */ .p_)({ test: (v) => /^[A-Za-z0-9][A-Za-z0-9_.-]*$/.test(v), takes: 'a Docker volume name' }),
    files: (0,_io_inputs_js__WEBPACK_IMPORTED_MODULE_0__/* .list */ .p_)({
        test: isRelativePath,
        takes: 'a path relative to app-dir without `.`, `..` or `//` segments (name the files and directories, not `.`)',
    }, { lines: true }),
    'helper-image': (0,_io_inputs_js__WEBPACK_IMPORTED_MODULE_0__/* .matching */ .wC)(/^[A-Za-z0-9][A-Za-z0-9._/:@-]*$/, 'an image reference like busybox:stable', {
        fallback: 'busybox:stable',
    }),
    'backup-dir': (0,_io_inputs_js__WEBPACK_IMPORTED_MODULE_0__/* .matching */ .wC)(/^\/[^\0]*$/, 'an absolute path like /srv/myapp/backups'),
    'keep-last': keep(3),
    'keep-daily': keep(7),
    'keep-weekly': keep(4),
    'keep-monthly': keep(12),
    verify: (0,_io_inputs_js__WEBPACK_IMPORTED_MODULE_0__/* .bool */ .lc)(true),
    download: (0,_io_inputs_js__WEBPACK_IMPORTED_MODULE_0__/* .text */ .Qq)(),
    mode: (0,_io_inputs_js__WEBPACK_IMPORTED_MODULE_0__/* .oneOf */ .yL)(['backup', 'list', 'restore'], 'backup'),
    'restore-from': (0,_io_inputs_js__WEBPACK_IMPORTED_MODULE_0__/* .matching */ .wC)(/^[^/\0\s]+$/, 'a backup file name as `mode: list` shows it'),
    confirm: (0,_io_inputs_js__WEBPACK_IMPORTED_MODULE_0__/* .text */ .Qq)(),
    'stop-command': (0,_io_inputs_js__WEBPACK_IMPORTED_MODULE_0__/* .text */ .Qq)(),
    'start-command': (0,_io_inputs_js__WEBPACK_IMPORTED_MODULE_0__/* .text */ .Qq)(),
    'health-url': (0,_io_inputs_js__WEBPACK_IMPORTED_MODULE_0__/* .httpUrl */ .q3)(),
    'health-timeout': (0,_io_inputs_js__WEBPACK_IMPORTED_MODULE_0__/* .duration */ .p0)(60, { max: 3600 }),
    'health-interval': (0,_io_inputs_js__WEBPACK_IMPORTED_MODULE_0__/* .duration */ .p0)(1, { max: 600 }),
    'health-successes': (0,_io_inputs_js__WEBPACK_IMPORTED_MODULE_0__/* .integer */ .nd)(2, 1, 100),
    'allow-degraded': (0,_io_inputs_js__WEBPACK_IMPORTED_MODULE_0__/* .bool */ .lc)(true),
    'lock-timeout': (0,_io_inputs_js__WEBPACK_IMPORTED_MODULE_0__/* .duration */ .p0)(300, { allowZero: true, max: 86_400 }),
    ..._ssh_target_js__WEBPACK_IMPORTED_MODULE_1__/* .remoteInputSpec */ .eZ,
};
function readBackupInputs(raw) {
    return (0,_io_inputs_js__WEBPACK_IMPORTED_MODULE_0__/* .readInputs */ .Ko)(backupInputSpec, raw, { shown: { postgres: _backup_postgres_url_js__WEBPACK_IMPORTED_MODULE_2__/* .redactUrlPasswords */ .BM } });
}


/***/ }),

/***/ 4775:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   BM: () => (/* binding */ redactUrlPasswords),
/* harmony export */   pT: () => (/* binding */ isPostgresUrl),
/* harmony export */   qQ: () => (/* binding */ parsePostgresUrl),
/* harmony export */   s1: () => (/* binding */ urlPasswords)
/* harmony export */ });
function isPostgresUrl(v) {
    return parsePostgresUrl(v) !== undefined;
}
const SECRET_PARAMS = new Set(['password', 'sslpassword']);
function parsePostgresUrl(v) {
    if (!/^postgres(ql)?:\/\//.test(v))
        return undefined;
    let u;
    try {
        u = new URL(v);
    }
    catch {
        return undefined;
    }
    // Not URLSearchParams: it reads `+` as a space and re-encodes what it keeps, where libpq decodes only %XX.
    // The parameters left for pg_dump keep their text exactly as given.
    const params = u.search
        .slice(1)
        .split('&')
        .filter(Boolean)
        .map((text) => {
        const eq = text.indexOf('=');
        const key = eq < 0 ? text : text.slice(0, eq);
        return { text, key: safeDecode(key), value: eq < 0 ? '' : safeDecode(text.slice(eq + 1)) };
    });
    const param = (key) => params.find((p) => p.key === key)?.value;
    const password = (u.password ? safeDecode(u.password) : undefined) || param('password');
    const sslPassword = param('sslpassword');
    const kept = params.filter((p) => !SECRET_PARAMS.has(p.key)).map((p) => p.text);
    u.password = '';
    u.search = kept.length ? `?${kept.join('&')}` : '';
    const database = safeDecode(u.pathname.replace(/^\//, '')) || safeDecode(u.username) || 'postgres';
    return {
        url: u.toString(),
        ...(password ? { password } : {}),
        ...(sslPassword ? { sslPassword } : {}),
        database,
    };
}
/** Text with every URL's password replaced by `***` (for error messages about the input, whatever the scheme). */
function redactUrlPasswords(text) {
    return text
        .replace(/(\b[A-Za-z][A-Za-z0-9+.-]*:\/\/[^:/@\s]*:)[^\s]*@/g, '$1***@')
        .replace(/([?&](?:ssl)?password=)[^&\s]*/gi, '$1***');
}
/** Every password in URLs of the text (any scheme, `user:password@`, `password=` or `sslpassword=`), to mask them. */
function urlPasswords(text) {
    const found = [
        ...[...text.matchAll(/\b[A-Za-z][A-Za-z0-9+.-]*:\/\/[^:/@\s]*:([^\s]*)@/g)].map((m) => m[1]),
        ...[...text.matchAll(/[?&](?:ssl)?password=([^&\s]*)/gi)].map((m) => m[1]),
    ].filter(Boolean);
    return [...new Set(found.flatMap((p) => [p, safeDecode(p)]))];
}
function safeDecode(s) {
    try {
        return decodeURIComponent(s);
    }
    catch {
        return s;
    }
}


/***/ })

};
