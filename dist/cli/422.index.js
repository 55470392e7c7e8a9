export const id = 422;
export const ids = [422];
export const modules = {

/***/ 5422:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

__webpack_require__.r(__webpack_exports__);
/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   deployInputSpec: () => (/* binding */ deployInputSpec),
/* harmony export */   readDeployInputs: () => (/* binding */ readDeployInputs)
/* harmony export */ });
/* harmony import */ var _io_inputs_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(6332);
/* harmony import */ var _io_configured_io_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(4847);
/* harmony import */ var _ssh_target_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(4889);
/* harmony import */ var _flow_inputs_js__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(4399);
/* harmony import */ var _flow_tag_js__WEBPACK_IMPORTED_MODULE_6__ = __webpack_require__(360);
/* harmony import */ var _strategies_compose_extra_files_js__WEBPACK_IMPORTED_MODULE_4__ = __webpack_require__(890);
/* harmony import */ var _strategies_swarm_inputs_js__WEBPACK_IMPORTED_MODULE_5__ = __webpack_require__(9809);







const relativePath = {
    test: (s) => !s.startsWith('/') && !s.split('/').includes('..') && !s.includes('\0'),
    takes: 'a path inside the app directory',
};
/** actions/deploy inputs (actions/deploy/README.md). */
const deployInputSpec = {
    ..._ssh_target_js__WEBPACK_IMPORTED_MODULE_2__/* .remoteInputSpec */ .eZ,
    ..._flow_inputs_js__WEBPACK_IMPORTED_MODULE_3__/* .gateInputSpec */ .rZ,
    tag: (0,_io_inputs_js__WEBPACK_IMPORTED_MODULE_0__/* .matching */ .wC)(_flow_tag_js__WEBPACK_IMPORTED_MODULE_6__/* .TAG_PATTERN */ .A, _flow_tag_js__WEBPACK_IMPORTED_MODULE_6__/* .TAG_TAKES */ .K),
    strategy: (0,_io_inputs_js__WEBPACK_IMPORTED_MODULE_0__/* .oneOf */ .yL)(['compose', 'release', 'swarm'], 'compose'),
    stack: (0,_strategies_swarm_inputs_js__WEBPACK_IMPORTED_MODULE_5__/* .stackName */ .Q)(),
    'compose-file': (0,_io_inputs_js__WEBPACK_IMPORTED_MODULE_0__/* .text */ .Qq)(),
    'env-file': (0,_io_inputs_js__WEBPACK_IMPORTED_MODULE_0__/* .text */ .Qq)(),
    'tag-variable': (0,_flow_inputs_js__WEBPACK_IMPORTED_MODULE_3__/* .tagVariable */ .PU)(),
    services: (0,_flow_inputs_js__WEBPACK_IMPORTED_MODULE_3__/* .serviceNames */ ._m)(),
    registry: (0,_io_inputs_js__WEBPACK_IMPORTED_MODULE_0__/* .matching */ .wC)(/^[A-Za-z0-9.-]+(:\d{1,5})?(\/[A-Za-z0-9._/-]*)?$/, 'a registry host like ghcr.io or 127.0.0.1:5000'),
    'registry-username': (0,_io_inputs_js__WEBPACK_IMPORTED_MODULE_0__/* .text */ .Qq)(),
    'registry-password': (0,_io_inputs_js__WEBPACK_IMPORTED_MODULE_0__/* .text */ .Qq)(),
    source: (0,_io_inputs_js__WEBPACK_IMPORTED_MODULE_0__/* .text */ .Qq)(),
    // action.yml's default: so a workflow passing it still lets vps-deploy.yml set shared-files (configured-io.ts).
    'shared-files': (0,_io_inputs_js__WEBPACK_IMPORTED_MODULE_0__/* .list */ .p_)(relativePath, { fallback: ['.env'] }),
    'shared-dirs': (0,_io_inputs_js__WEBPACK_IMPORTED_MODULE_0__/* .list */ .p_)(relativePath),
    'install-command': (0,_io_inputs_js__WEBPACK_IMPORTED_MODULE_0__/* .text */ .Qq)(),
    'migrate-command': (0,_io_inputs_js__WEBPACK_IMPORTED_MODULE_0__/* .text */ .Qq)(),
    'restart-command': (0,_io_inputs_js__WEBPACK_IMPORTED_MODULE_0__/* .text */ .Qq)(),
    'logs-command': (0,_io_inputs_js__WEBPACK_IMPORTED_MODULE_0__/* .text */ .Qq)(),
    'extra-files': (0,_io_inputs_js__WEBPACK_IMPORTED_MODULE_0__/* .list */ .p_)({ test: (s) => !(0,_strategies_compose_extra_files_js__WEBPACK_IMPORTED_MODULE_4__/* .extraFileProblem */ .mj)(s), takes: 'a local/path[:remote/path] line without ".." segments' }, { lines: true }),
    ..._flow_inputs_js__WEBPACK_IMPORTED_MODULE_3__/* .switchInputSpec */ .e6,
    'keep-releases': (0,_io_inputs_js__WEBPACK_IMPORTED_MODULE_0__/* .integer */ .nd)(5, 1, 1000),
    'rollback-on-failure': (0,_io_inputs_js__WEBPACK_IMPORTED_MODULE_0__/* .bool */ .lc)(true),
    environment: (0,_io_inputs_js__WEBPACK_IMPORTED_MODULE_0__/* .text */ .Qq)(),
    'environment-url': (0,_io_inputs_js__WEBPACK_IMPORTED_MODULE_0__/* .httpUrl */ .q3)(),
    'github-token': (0,_io_inputs_js__WEBPACK_IMPORTED_MODULE_0__/* .text */ .Qq)(),
    ..._io_configured_io_js__WEBPACK_IMPORTED_MODULE_1__/* .configInputSpec */ .kW,
};
function readDeployInputs(raw) {
    return (0,_io_inputs_js__WEBPACK_IMPORTED_MODULE_0__/* .readInputs */ .Ko)(deployInputSpec, raw);
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


/***/ }),

/***/ 890:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   fy: () => (/* binding */ stagingCommand),
/* harmony export */   iG: () => (/* binding */ readLocal),
/* harmony export */   mj: () => (/* binding */ extraFileProblem),
/* harmony export */   mw: () => (/* binding */ filesToUpload),
/* harmony export */   nG: () => (/* binding */ planExtraFiles),
/* harmony export */   pW: () => (/* binding */ forgetCommand),
/* harmony export */   qM: () => (/* binding */ FILES_DIR),
/* harmony export */   sz: () => (/* binding */ applyCommand),
/* harmony export */   t6: () => (/* binding */ recordCommand)
/* harmony export */ });
/* harmony import */ var node_fs__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(3024);
/* harmony import */ var node_fs__WEBPACK_IMPORTED_MODULE_0___default = /*#__PURE__*/__webpack_require__.n(node_fs__WEBPACK_IMPORTED_MODULE_0__);
/* harmony import */ var node_path__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(6760);
/* harmony import */ var node_path__WEBPACK_IMPORTED_MODULE_1___default = /*#__PURE__*/__webpack_require__.n(node_path__WEBPACK_IMPORTED_MODULE_1__);
/* harmony import */ var _io_errors_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(7333);
/* harmony import */ var _ssh_quote_js__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(9038);




const FILES_DIR = '.vps-deploy/files';
/** Names in the app dir the actions own: an extra file may not replace them. */
const RESERVED = ['.vps-deploy', '.env'];
const badSegment = (p) => p.split('/').some((s) => s === '..');
/** Why one `local[:remote]` line cannot be used, or undefined (checks that need no file system). */
function extraFileProblem(line) {
    const [local = '', remote] = splitLine(line);
    if (!local)
        return 'names no local path';
    if (/[\0\n\r]/.test(line))
        return 'holds a control character';
    if (badSegment(local))
        return 'has a ".." segment in its local path';
    if (remote !== undefined && !remote)
        return 'has an empty remote path after ":"';
    if (remote !== undefined && badSegment(remote))
        return 'has a ".." segment in its remote path';
    return undefined;
}
function splitLine(line) {
    const i = line.indexOf(':');
    return i < 0 ? [line.trim(), undefined] : [line.slice(0, i).trim(), line.slice(i + 1).trim()];
}
/**
 * The `extra-files` lines resolved: local paths from the workspace (they must exist), remote paths inside the
 * app dir (an absolute one only when it is under app-dir), never onto `.vps-deploy` or `.env`.
 */
function planExtraFiles(lines, workspace, appDir) {
    const refuse = (line, why) => new _io_errors_js__WEBPACK_IMPORTED_MODULE_2__/* .ConfigurationError */ .j1(`input "extra-files" got ${JSON.stringify(line)}: ${why}`);
    const seen = new Set();
    return lines.map((line) => {
        const problem = extraFileProblem(line);
        if (problem)
            throw refuse(line, problem);
        const [local, given] = splitLine(line);
        const full = (0,node_path__WEBPACK_IMPORTED_MODULE_1__.isAbsolute)(local) ? local : (0,node_path__WEBPACK_IMPORTED_MODULE_1__.join)(workspace, local);
        try {
            (0,node_fs__WEBPACK_IMPORTED_MODULE_0__.statSync)(full);
        }
        catch {
            throw refuse(line, `there is no ${full} on the runner`);
        }
        let remote = given ?? ((0,node_path__WEBPACK_IMPORTED_MODULE_1__.isAbsolute)(local) ? node_path__WEBPACK_IMPORTED_MODULE_1__.posix.basename(local) : local);
        if (node_path__WEBPACK_IMPORTED_MODULE_1__.posix.isAbsolute(remote)) {
            const rel = node_path__WEBPACK_IMPORTED_MODULE_1__.posix.relative(node_path__WEBPACK_IMPORTED_MODULE_1__.posix.normalize(appDir), node_path__WEBPACK_IMPORTED_MODULE_1__.posix.normalize(remote));
            if (!rel || rel.startsWith('..') || node_path__WEBPACK_IMPORTED_MODULE_1__.posix.isAbsolute(rel))
                throw refuse(line, `the remote path ${remote} is outside app-dir (${appDir}); give it relative to app-dir`);
            remote = rel;
        }
        remote = node_path__WEBPACK_IMPORTED_MODULE_1__.posix
            .normalize(remote)
            .replace(/^\.\/+/, '')
            .replace(/\/+$/, '');
        if (!remote || remote === '.')
            throw refuse(line, 'the remote path is app-dir itself');
        if (RESERVED.includes(remote.split('/')[0]))
            throw refuse(line, `${remote} belongs to vps-deploy (.vps-deploy/, .env): choose another remote path`);
        if (seen.has(remote))
            throw refuse(line, `${remote} is given twice`);
        seen.add(remote);
        return { local: full, remote };
    });
}
/** Every file to upload: (runner path, path under root/), directories walked; the file mode kept. */
function filesToUpload(files) {
    const out = [];
    const walk = (local, remote) => {
        const st = (0,node_fs__WEBPACK_IMPORTED_MODULE_0__.statSync)(local);
        if (st.isDirectory()) {
            for (const name of (0,node_fs__WEBPACK_IMPORTED_MODULE_0__.readdirSync)(local).sort())
                walk((0,node_path__WEBPACK_IMPORTED_MODULE_1__.join)(local, name), node_path__WEBPACK_IMPORTED_MODULE_1__.posix.join(remote, name));
        }
        else if (st.isFile()) {
            out.push({ local, remote, mode: st.mode & 0o777 });
        }
    };
    for (const f of files)
        walk(f.local, f.remote);
    return out;
}
function readLocal(path) {
    return (0,node_fs__WEBPACK_IMPORTED_MODULE_0__.readFileSync)(path);
}
/** The staging dir of a tag's files, then the directories its files need (made before the uploads). */
function stagingCommand(appDir, staging, dirs) {
    const root = node_path__WEBPACK_IMPORTED_MODULE_1__.posix.join(appDir, FILES_DIR, staging, 'root');
    return (0,_ssh_quote_js__WEBPACK_IMPORTED_MODULE_3__.sh) `mkdir -p -- ${[root, ...dirs.map((d) => node_path__WEBPACK_IMPORTED_MODULE_1__.posix.join(root, d))]}`;
}
/** Puts the staged files in place as the tag's record (replacing an earlier record of the same tag). */
function recordCommand(appDir, staging, tag, remotes) {
    const dir = node_path__WEBPACK_IMPORTED_MODULE_1__.posix.join(appDir, FILES_DIR);
    return ((0,_ssh_quote_js__WEBPACK_IMPORTED_MODULE_3__.sh) `cd ${dir} && printf '%s\\n' ${remotes} > ${node_path__WEBPACK_IMPORTED_MODULE_1__.posix.join(staging, 'MANIFEST')} && ` +
        (0,_ssh_quote_js__WEBPACK_IMPORTED_MODULE_3__.sh) `rm -rf -- ${tag} && mv -T -- ${staging} ${tag}`);
}
/**
 * Copies a tag's recorded files into the app dir: each path by a copy beside it and a rename (a file is
 * replaced in one rename; a directory is swapped by two). Prints `none` when files are recorded for other
 * tags but not this one (deployed before it used extra-files): what is in place then stays.
 */
function applyCommand(appDir, tag) {
    const src = node_path__WEBPACK_IMPORTED_MODULE_1__.posix.join(FILES_DIR, tag);
    return ((0,_ssh_quote_js__WEBPACK_IMPORTED_MODULE_3__.sh) `cd ${appDir} && [ -d ${FILES_DIR} ] || exit 0; s=${src}; [ -f "$s/MANIFEST" ] || { echo none; exit 0; }; ` +
        `while IFS= read -r p; do [ -n "$p" ] || continue; ` +
        `rm -rf -- "$p.vpsd-new" "$p.vpsd-old" && mkdir -p -- "$(dirname -- "$p")" && cp -a -- "$s/root/$p" "$p.vpsd-new" && ` +
        `if [ -d "$p" ] && [ ! -L "$p" ]; then mv -T -- "$p" "$p.vpsd-old" && mv -T -- "$p.vpsd-new" "$p" && rm -rf -- "$p.vpsd-old"; ` +
        `else mv -T -- "$p.vpsd-new" "$p"; fi || exit 1; echo "$p"; done < "$s/MANIFEST"`);
}
/** Removes the records of pruned tags. */
function forgetCommand(appDir, tags) {
    return (0,_ssh_quote_js__WEBPACK_IMPORTED_MODULE_3__.sh) `cd ${appDir} && rm -rf -- ${tags.map((t) => node_path__WEBPACK_IMPORTED_MODULE_1__.posix.join(FILES_DIR, t))}`;
}


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
