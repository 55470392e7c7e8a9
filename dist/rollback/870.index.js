export const id = 870;
export const ids = [870];
export const modules = {

/***/ 5867:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   Q: () => (/* binding */ selectPrunable)
/* harmony export */ });
function selectPrunable(present, keep, protect, failed) {
    const guarded = new Set(protect.filter(Boolean));
    const bad = new Set(failed);
    const newestFirst = [...present].sort((a, b) => b.time - a.time || (a.tag < b.tag ? 1 : -1));
    const out = [];
    // Current and previous use up the budget first: keep-releases counts every release left on the server.
    let kept = newestFirst.filter((r) => guarded.has(r.tag) && !bad.has(r.tag)).length;
    for (const r of newestFirst) {
        if (guarded.has(r.tag))
            continue;
        if (bad.has(r.tag))
            out.push(r.tag);
        else if (kept < keep)
            kept++;
        else
            out.push(r.tag);
    }
    return out;
}


/***/ }),

/***/ 9626:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   $c: () => (/* binding */ recordEnv),
/* harmony export */   R4: () => (/* binding */ keepStagedEnv),
/* harmony export */   Uw: () => (/* binding */ RELEASE_ENV),
/* harmony export */   _4: () => (/* binding */ composeEnvStaged),
/* harmony export */   _S: () => (/* binding */ envModeCommand),
/* harmony export */   bK: () => (/* binding */ composeEnvRecord),
/* harmony export */   bq: () => (/* binding */ COMPOSE_ENV_DIR),
/* harmony export */   eU: () => (/* binding */ imageMigrateCommand),
/* harmony export */   iJ: () => (/* binding */ applyEnv),
/* harmony export */   po: () => (/* binding */ installFirstEnv),
/* harmony export */   wL: () => (/* binding */ forgetComposeEnvCommand)
/* harmony export */ });
/* unused harmony exports envFileText, copyEnvCommand, fileExistsCommand */
/* harmony import */ var node_crypto__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(7598);
/* harmony import */ var node_crypto__WEBPACK_IMPORTED_MODULE_0___default = /*#__PURE__*/__webpack_require__.n(node_crypto__WEBPACK_IMPORTED_MODULE_0__);
/* harmony import */ var node_path__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(6760);
/* harmony import */ var node_path__WEBPACK_IMPORTED_MODULE_1___default = /*#__PURE__*/__webpack_require__.n(node_path__WEBPACK_IMPORTED_MODULE_1__);
/* harmony import */ var _io_errors_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(7333);
/* harmony import */ var _ssh_quote_js__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(9038);




/**
 * `env-file` is part of a release: each deploy records the config it ran with beside the release (release
 * directories: releases/<tag>/.vps-deploy.env; compose: .vps-deploy/env/<tag>.env), and activating a tag
 * puts its recorded config in place (shared/.env, the compose .env) by a copy and one rename. So a deploy that
 * stops before the switch leaves the live config alone, and a rollback brings back the config with the code.
 * Both strategies use this; docs/server-layout.md describes the files.
 */
/** Name of the recorded config inside a release directory. */
const RELEASE_ENV = '.vps-deploy.env';
/** Where the compose strategy keeps each tag's recorded .env, relative to the app dir. */
const COMPOSE_ENV_DIR = '.vps-deploy/env';
/** env-file contents as written on the server: LF line endings (CRLF from a Windows editor or secret), a final newline. */
function envFileText(content) {
    const lf = content.replace(/\r\n?/g, '\n');
    return lf.endsWith('\n') ? lf : `${lf}\n`;
}
/**
 * The mode a config file gets in `dir`: 0600, or 0640 when `dir` is setgid (init's `app-group` on shared/), so
 * an app running as its own user in that group can read `.env` itself (python-dotenv, pydantic settings); the
 * file takes the directory's group by the setgid bit. Sets `$mode` for the commands after it.
 */
function envModeFor(dir) {
    return (0,_ssh_quote_js__WEBPACK_IMPORTED_MODULE_3__.sh) `mode=600; if [ -g ${dir} ]; then mode=640; fi; `;
}
/**
 * Copies `from` to `to` by a temp file (no access for others from the start) renamed over `to`, so a reader
 * sees the old file or the new one; mode 0600, or 0640 in a setgid dir (envModeFor). Prints `none` when `from`
 * does not exist (and changes nothing).
 */
function copyEnvCommand(from, to, tmpSuffix) {
    const tmp = `${to}.tmp-${tmpSuffix}`;
    return ((0,_ssh_quote_js__WEBPACK_IMPORTED_MODULE_3__.sh) `if [ ! -f ${from} ]; then echo none; exit 0; fi; mkdir -p -- ${node_path__WEBPACK_IMPORTED_MODULE_1__.posix.dirname(to)} && ` +
        envModeFor(node_path__WEBPACK_IMPORTED_MODULE_1__.posix.dirname(to)) +
        (0,_ssh_quote_js__WEBPACK_IMPORTED_MODULE_3__.sh) `(umask 077 && cp -- ${from} ${tmp}) && chmod "$mode" -- ${tmp} && ` +
        (0,_ssh_quote_js__WEBPACK_IMPORTED_MODULE_3__.sh) `{ mv -f -- ${tmp} ${to} || { rc=$?; rm -f -- ${tmp}; exit $rc; }; }`);
}
/** Gives an uploaded config (mode 0600) the mode copyEnvCommand would: 0640 in a setgid dir. */
function envModeCommand(path) {
    return envModeFor(node_path__WEBPACK_IMPORTED_MODULE_1__.posix.dirname(path)) + (0,_ssh_quote_js__WEBPACK_IMPORTED_MODULE_3__.sh) `chmod "$mode" -- ${path}`;
}
/** Exits 0 when a file is at `path`. */
function fileExistsCommand(path) {
    return (0,_ssh_quote_js__WEBPACK_IMPORTED_MODULE_3__.sh) `[ -f ${path} ]`;
}
/** Removes the recorded configs of pruned compose tags (and a staged one a killed run left). */
function forgetComposeEnvCommand(appDir, tags) {
    const dir = node_path__WEBPACK_IMPORTED_MODULE_1__.posix.join(appDir, COMPOSE_ENV_DIR);
    return (0,_ssh_quote_js__WEBPACK_IMPORTED_MODULE_3__.sh) `rm -f -- ${tags.flatMap((t) => [node_path__WEBPACK_IMPORTED_MODULE_1__.posix.join(dir, `${t}.env`), node_path__WEBPACK_IMPORTED_MODULE_1__.posix.join(dir, `.next-${t}.env`)])}`;
}
function composeEnvRecord(appDir, tag) {
    return node_path__WEBPACK_IMPORTED_MODULE_1__.posix.join(appDir, COMPOSE_ENV_DIR, `${tag}.env`);
}
function composeEnvStaged(appDir, tag) {
    return node_path__WEBPACK_IMPORTED_MODULE_1__.posix.join(appDir, COMPOSE_ENV_DIR, `.next-${tag}.env`);
}
/** The env-file this run staged for `tag` becomes that tag's record (compose and swarm, at the switch). */
async function keepStagedEnv(conn, appDir, tag) {
    await conn.run((0,_ssh_quote_js__WEBPACK_IMPORTED_MODULE_3__.sh) `mv -f -- ${composeEnvStaged(appDir, tag)} ${composeEnvRecord(appDir, tag)}`, 'recording the env-file', { log: false });
}
/**
 * An image release's migrate-command (compose and swarm): in the app dir with the tag variable set; the live
 * .env is still the running release's, so a staged env-file is named by VPS_DEPLOY_ENV_FILE.
 */
function imageMigrateCommand(command, appDir, tagVariable, tag, envFileStaged) {
    return (0,_ssh_quote_js__WEBPACK_IMPORTED_MODULE_3__/* .userCommand */ .L_)(command, {
        cwd: appDir,
        env: {
            [tagVariable]: tag,
            ...(envFileStaged ? { VPS_DEPLOY_ENV_FILE: composeEnvStaged(appDir, tag) } : {}),
        },
    });
}
const suffix = () => (0,node_crypto__WEBPACK_IMPORTED_MODULE_0__.randomBytes)(4).toString('hex');
/**
 * Records the config a release runs with: the env-file when given (over SFTP, never a command line), else a copy
 * of the live config (the deploy runs with it unchanged). Nothing when neither exists.
 */
async function recordEnv(conn, envFile, live, record) {
    try {
        if (envFile)
            await conn.upload(envFileText(envFile), record, 0o600);
        else
            await conn.run(copyEnvCommand(live, record, suffix()), 'recording the config', { log: false });
    }
    catch (e) {
        throw (0,_io_errors_js__WEBPACK_IMPORTED_MODULE_2__/* .inPhase */ .xe)('upload', e);
    }
}
/**
 * When no live config exists yet (a first deploy), the new one is put in place before the switch: nothing ran
 * with a config here, and install, migrate and `compose config` need the file.
 */
async function installFirstEnv(conn, envFile, live, log, liveName) {
    if (!envFile || (await conn.exec(fileExistsCommand(live), { log: false })).code === 0)
        return;
    try {
        await conn.upload(envFileText(envFile), live, 0o600);
        await conn.run(envModeCommand(live), `setting the mode of ${liveName}`, { log: false });
    }
    catch (e) {
        throw (0,_io_errors_js__WEBPACK_IMPORTED_MODULE_2__/* .inPhase */ .xe)('upload', e);
    }
    log.info(`Wrote ${liveName}: there was none yet`);
}
/**
 * Puts `tag`'s recorded config in place at the switch. A release with no record (deployed before vps-deploy
 * kept one per release) leaves the live config as it is, and says so.
 */
async function applyEnv(conn, log, tag, record, live, liveName) {
    const r = await conn.run(copyEnvCommand(record, live, suffix()), `putting the config of ${tag} in place`, {
        log: false,
    });
    if (r.stdout.trim() === 'none')
        log.warning(`${tag} has no recorded env (deployed before vps-deploy kept one per release, or without any): ` +
            `${liveName} left as it is`);
    else
        log.info(`${liveName} is the config recorded with ${tag}`);
}


/***/ }),

/***/ 870:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

// ESM COMPAT FLAG
__webpack_require__.r(__webpack_exports__);

// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  checkReleaseOptions: () => (/* binding */ checkReleaseOptions),
  checkReleaseTag: () => (/* binding */ checkReleaseTag),
  releaseStrategy: () => (/* binding */ releaseStrategy)
});

// EXTERNAL MODULE: ./src/ssh/remote-shell.ts
var remote_shell = __webpack_require__(8461);
// EXTERNAL MODULE: external "node:crypto"
var external_node_crypto_ = __webpack_require__(7598);
// EXTERNAL MODULE: external "node:path"
var external_node_path_ = __webpack_require__(6760);
// EXTERNAL MODULE: ./src/io/errors.ts
var errors = __webpack_require__(7333);
// EXTERNAL MODULE: ./src/flow/tag.ts
var flow_tag = __webpack_require__(360);
;// CONCATENATED MODULE: ./src/strategies/release-dirs/layout.ts



/**
 * Where things live under <app-dir> for the release strategy (docs/server-layout.md), and the plan of links
 * from shared/ into a release. Pure: no I/O, so every rule here has a table test (test/unit/strategies/release-dirs/layout.test.ts).
 */
const RELEASES = 'releases';
const SHARED = 'shared';
const CURRENT = 'current';
/** Written into every release: tag, commit, source, time. Its presence marks a release as complete. */
const REVISION = 'REVISION';
/** Beside REVISION: the tree the release was verified against (tree-record.ts). */
const TREE_RECORD = '.vps-deploy-tree';
/** Work-in-progress names inside releases/: never a release, removed by prune when a run was killed. */
const INCOMING_PREFIX = '.incoming-';
const REPLACED_PREFIX = '.replaced-';
function releasePaths(appDir, tag) {
    if (!flow_tag/* TAG_PATTERN */.A.test(tag))
        throw new errors/* ConfigurationError */.j1(`tag ${JSON.stringify(tag)} is not a release name: takes ${flow_tag/* TAG_PATTERN */.A}`);
    return {
        appDir,
        releases: external_node_path_.posix.join(appDir, RELEASES),
        shared: external_node_path_.posix.join(appDir, SHARED),
        current: external_node_path_.posix.join(appDir, CURRENT),
        release: external_node_path_.posix.join(appDir, RELEASES, tag),
        currentTarget: `${RELEASES}/${tag}`,
    };
}
/** The tag a `current` link target names (`releases/v1` -> `v1`), or undefined for anything else. */
function tagOfCurrentTarget(target) {
    const m = /^(?:.*\/)?releases\/([^/]+)\/?$/.exec(target.trim());
    return m ? m[1] : undefined;
}
/**
 * Why a shared-files / shared-dirs entry cannot be used, or undefined when it is fine. Entries are paths
 * relative to the release (and to shared/): `.env`, `config/settings.local.py`, `media`.
 */
function sharedPathProblem(path) {
    if (path === '')
        return 'is empty';
    if (path.includes('\0'))
        return 'contains a NUL byte';
    if (path.startsWith('/'))
        return 'is absolute: give a path relative to the release, like .env or media';
    const parts = path.replace(/\/+$/, '').split('/');
    if (parts.some((p) => p === '..'))
        return 'climbs out with ..: give a path inside the release';
    if (parts.every((p) => p === '.' || p === ''))
        return 'names the release itself';
    if (parts[0] === REVISION && parts.length === 1)
        return 'is the REVISION file the deploy writes';
    return undefined;
}
/** `./config//app.env/` -> `config/app.env`. */
function normalizeSharedPath(path) {
    return external_node_path_.posix
        .normalize(path)
        .replace(/^(\.\/)+/, '')
        .replace(/\/+$/, '');
}
/** The links that make shared/ visible inside releases/<tag>; throws when two entries collide. */
function planSharedLinks(appDir, tag, files, dirs) {
    const p = releasePaths(appDir, tag);
    const seen = new Map();
    const plan = [];
    const add = (kind, input, raw) => {
        const problem = sharedPathProblem(raw);
        if (problem)
            throw new errors/* ConfigurationError */.j1(`input "${input}" got ${JSON.stringify(raw)}: the path ${problem}`);
        const path = normalizeSharedPath(raw);
        for (const [other, otherInput] of seen) {
            if (other === path || other.startsWith(`${path}/`) || path.startsWith(`${other}/`)) {
                throw new errors/* ConfigurationError */.j1(`input "${input}" got ${JSON.stringify(raw)}: it overlaps ${JSON.stringify(other)} from "${otherInput}"; ` +
                    'a shared path may be listed once and may not lie inside another');
            }
        }
        seen.set(path, input);
        const linkPath = external_node_path_.posix.join(p.release, path);
        const sharedPath = external_node_path_.posix.join(p.shared, path);
        plan.push({
            kind,
            path,
            sharedPath,
            linkPath,
            linkTarget: external_node_path_.posix.relative(external_node_path_.posix.dirname(linkPath), sharedPath),
        });
    };
    for (const f of files)
        add('file', 'shared-files', f);
    for (const d of dirs)
        add('dir', 'shared-dirs', d);
    return plan;
}

// EXTERNAL MODULE: ./src/flow/prune-rule.ts
var prune_rule = __webpack_require__(5867);
;// CONCATENATED MODULE: ./src/strategies/release-dirs/prune.ts



/**
 * Which release dirs to remove. `current` and everything in `protect` (the flow passes current and previous)
 * are always kept. The rest are kept newest first until `keep` good releases are on the server, counting the
 * protected ones. A release in `failed` (its gate failed) never takes one of those places: it is removed unless
 * protected, so it can never push out the last good release (Capistrano's cleanup counts every dir, and has
 * deleted users' last working release that way). Dirs that are not ours (no REVISION, not a tag name) are
 * never touched.
 */
function choosePrune(entries, opts) {
    const protect = [...opts.protect, ...(opts.current ? [opts.current] : [])].filter(Boolean);
    const leftovers = entries
        .filter((e) => e.name.startsWith(INCOMING_PREFIX) || e.name.startsWith(REPLACED_PREFIX))
        .filter((e) => !protect.includes(e.name))
        .map((e) => e.name);
    const releases = releasesNewestFirst(entries);
    // The rule itself is the flow's, shared with the compose strategy's image pruning.
    const remove = new Set((0,prune_rule/* selectPrunable */.Q)(releases.map((r) => ({ tag: r.name, time: r.time })), opts.keep, protect, opts.failed));
    return {
        keep: releases.map((r) => r.name).filter((n) => !remove.has(n)),
        remove: releases.map((r) => r.name).filter((n) => remove.has(n)),
        leftovers,
    };
}
/** Complete releases (a REVISION file, a tag name), newest first. */
function releasesNewestFirst(entries) {
    return entries
        .filter((e) => e.complete && flow_tag/* TAG_PATTERN */.A.test(e.name))
        .sort((a, b) => b.time - a.time || (a.name < b.name ? 1 : -1));
}
/** Parses the listing script's output: `name<TAB>mtime<TAB>0|1` per line. */
function parseReleaseListing(text) {
    return text
        .split('\n')
        .filter(Boolean)
        .map((line) => {
        const [name = '', time = '0', complete = '0'] = line.split('\t');
        return { name, time: Number(time) || 0, complete: complete === '1' };
    })
        .filter((e) => e.name !== '');
}

// EXTERNAL MODULE: external "node:fs"
var external_node_fs_ = __webpack_require__(3024);
// EXTERNAL MODULE: external "node:child_process"
var external_node_child_process_ = __webpack_require__(1421);
// EXTERNAL MODULE: external "node:string_decoder"
var external_node_string_decoder_ = __webpack_require__(6193);
// EXTERNAL MODULE: ./node_modules/@actions/exec/lib/exec.js + 4 modules
var exec = __webpack_require__(2697);
;// CONCATENATED MODULE: ./src/local/exec.ts




/**
 * Every process vps-deploy starts on the runner starts here: docker, git, tar. Always an argument array, never a
 * shell, so no value is ever parsed by one.
 */
/** A program that is not on the runner (or cannot be started there): the user's to install. */
class MissingToolError extends errors/* ConfigurationError */.j1 {
    name = 'MissingToolError';
}
/**
 * A runner-side command that ran and failed; the message names it and ends with its output's last lines. A
 * RemoteError (not the user's input, not a bug) so that, like a failed remote command, it carries its phase and
 * is shown as written.
 */
class LocalCommandError extends errors/* RemoteError */.Hi {
    exitCode;
    outputTail;
    name = 'LocalCommandError';
    constructor(message, exitCode, outputTail, phase) {
        super(message, phase);
        this.exitCode = exitCode;
        this.outputTail = outputTail;
    }
}
const TAIL_CHARS = 4000;
/** Runs one program on the runner to its end. A missing program is a MissingToolError, a failure a LocalCommandError. */
async function runLocal(file, args, opts = {}) {
    let stdout = '';
    let tail = '';
    const onLine = (line) => {
        tail = `${tail}${line}\n`.slice(-TAIL_CHARS);
        if (opts.onLine && line.trim())
            opts.onLine(line);
    };
    const out = lineReader(onLine, (text) => (stdout += text));
    const err = lineReader(onLine);
    let code;
    try {
        code = await (0,exec/* exec */.m)(file, args, {
            // Not silent, @actions/exec prints `[command]<file> <args>` and all output to process.stdout itself: we
            // decide what reaches the log (onLine), and nothing else does.
            silent: true,
            ignoreReturnCode: true,
            ...(opts.stdin === undefined ? {} : { input: Buffer.from(opts.stdin, 'utf8') }),
            ...(opts.env ? { env: { ...process.env, ...opts.env } } : {}),
            listeners: { stdout: out.write, stderr: err.write },
        });
    }
    catch (e) {
        throw notStarted(file, e);
    }
    out.end();
    err.end();
    // A process killed by a signal has no exit code (@actions/exec passes on the null it gets).
    if (code !== 0 && !(opts.allowFailure && code !== null)) {
        const label = opts.label ?? [file, ...args].join(' ');
        const how = code === null ? 'killed by a signal' : `exit ${code}`;
        throw new LocalCommandError(`${label} failed (${how})${(0,errors/* tailOf */.Cj)(tail)}`, code, tail, opts.phase);
    }
    return { exitCode: code ?? 1, stdout, tail };
}
/** Splits one output stream into lines; the decoder keeps a character split across chunks whole. */
function lineReader(onLine, onText) {
    const decoder = new external_node_string_decoder_.StringDecoder('utf8');
    let partial = '';
    const take = (text, last) => {
        onText?.(text);
        const lines = (partial + text).split(/\r?\n/);
        partial = lines.pop() ?? '';
        if (last && partial)
            lines.push(partial);
        for (const line of lines)
            onLine(line);
    };
    return {
        write: (chunk) => take(decoder.write(chunk), false),
        end: () => take(decoder.end(), true),
    };
}
/** @actions/exec looks the program up on PATH first and says "Unable to locate executable file" when it is not. */
function notStarted(file, e) {
    const message = e instanceof Error ? e.message : String(e);
    if (/Unable to locate executable file/.test(message))
        return new MissingToolError(`${file} is not available on the runner: it is not installed or not on PATH`);
    if (/failed to start/.test(message))
        return new MissingToolError(`${file} is not available on the runner: ${message}`);
    return e instanceof Error ? e : new Error(message);
}
/**
 * Starts a program whose stdout is piped onward (the release tar into an SSH channel). This one uses node's
 * spawn directly, not @actions/exec: the consumer needs the stdout stream itself, with backpressure (a slow
 * upload pauses git/tar instead of buffering the whole release in memory), and @actions/exec only hands out
 * copies of each chunk through listeners.
 */
function streamLocal(file, args) {
    const child = (0,external_node_child_process_.spawn)(file, args, { stdio: ['ignore', 'pipe', 'pipe'] });
    let stopped = false;
    let stderr = '';
    child.stderr.on('data', (d) => (stderr = (stderr + d.toString()).slice(-TAIL_CHARS)));
    const finished = new Promise((resolve, reject) => {
        child.on('error', (e) => reject(new MissingToolError(`could not run ${file} on the runner: ${e.message}`)));
        child.on('close', (code, signal) => {
            // A program that exited with its own code failed on its own, even if stop() came just after.
            if (code === 0 || (stopped && signal === 'SIGTERM'))
                resolve();
            else
                reject(new Error(`${file} ${args.join(' ')} failed on the runner (${signal ?? `exit ${code}`}): ${stderr.trim()}`));
        });
    });
    return {
        stream: child.stdout,
        finished,
        stop: () => {
            if (child.exitCode === null && child.signalCode === null)
                stopped = child.kill('SIGTERM');
        },
    };
}

;// CONCATENATED MODULE: ./src/local/git.ts

/**
 * The commit a tag names in a git checkout, or undefined when the checkout has no such tag (or is no git
 * repository). Without git on the runner it throws a MissingToolError.
 */
async function commitOf(workspace, tag) {
    const r = await runLocal('git', ['-C', workspace, 'rev-parse', '--verify', '--quiet', `${tag}^{commit}`], {
        allowFailure: true,
    });
    return r.exitCode === 0 ? r.stdout.trim() : undefined;
}
/** A tar of the commit's tree, as `git archive` writes it (no .git, nothing untracked). */
function gitArchive(workspace, commit) {
    return streamLocal('git', ['-C', workspace, 'archive', '--format=tar', commit]);
}

;// CONCATENATED MODULE: ./src/local/tar.ts

/** A tar of a directory's contents (paths relative to it, `.git` left out), written to the stream. */
function tarDirectory(dir) {
    return streamLocal('tar', ['-c', '-f', '-', '-C', dir, '--exclude=./.git', '.']);
}

;// CONCATENATED MODULE: ./src/strategies/release-dirs/source.ts






const TAKES = 'takes a directory or a .tar / .tar.gz / .tgz file on the runner (empty: git archive of the tag)';
/** Decides the kind of a `source` from its name and its first bytes; throws a ConfigurationError otherwise. */
function sourceKind(source, facts) {
    if (source === '')
        return 'git';
    const got = `input "source" got ${JSON.stringify(source)}`;
    if (!facts.exists)
        throw new errors/* ConfigurationError */.j1(`${got}: there is nothing at that path on the runner; ${TAKES}`);
    if (facts.isDirectory)
        return 'directory';
    const head = facts.head ?? Buffer.alloc(0);
    const gzip = head.length >= 2 && head[0] === 0x1f && head[1] === 0x8b;
    const ustar = head.length >= 262 && head.subarray(257, 262).toString('latin1') === 'ustar';
    if (/\.(tar\.gz|tgz)$/i.test(source)) {
        if (!gzip)
            throw new errors/* ConfigurationError */.j1(`${got}: the name says gzip but the file is not gzip-compressed; ${TAKES}`);
        return 'tar.gz';
    }
    if (/\.tar$/i.test(source)) {
        if (!ustar)
            throw new errors/* ConfigurationError */.j1(`${got}: the name says tar but the file is not a tar archive; ${TAKES}`);
        return 'tar';
    }
    if (gzip)
        return 'tar.gz';
    if (ustar)
        return 'tar';
    throw new errors/* ConfigurationError */.j1(`${got}: the file is neither a tar archive nor gzip-compressed; ${TAKES}`);
}
/** A relative `source` is relative to the workspace (the checked-out repository). */
function sourcePath(workspace, source) {
    return source === '' || (0,external_node_path_.isAbsolute)(source) ? source : (0,external_node_path_.resolve)(workspace, source);
}
/** Looks at the runner's file system for sourceKind. */
function sourceFacts(path) {
    let st;
    try {
        st = (0,external_node_fs_.statSync)(path);
    }
    catch {
        return { exists: false, isDirectory: false };
    }
    if (st.isDirectory())
        return { exists: true, isDirectory: true };
    const head = Buffer.alloc(512);
    const fd = (0,external_node_fs_.openSync)(path, 'r');
    try {
        const n = (0,external_node_fs_.readSync)(fd, head, 0, 512, 0);
        return { exists: true, isDirectory: false, head: head.subarray(0, n) };
    }
    finally {
        (0,external_node_fs_.closeSync)(fd);
    }
}
/** Resolves the release's source on the runner. Throws a ConfigurationError a user can act on. */
async function resolveSource(workspace, source, tag) {
    const path = sourcePath(workspace, source);
    const kind = sourceKind(path, path ? sourceFacts(path) : { exists: true, isDirectory: false });
    // Another source needs no git: the commit is only recorded in REVISION, so a runner without git says unknown.
    const commit = await commitOf(workspace, tag).catch((e) => {
        if (kind !== 'git' && e instanceof MissingToolError)
            return undefined;
        throw e;
    });
    if (kind === 'git') {
        if (!commit) {
            throw new errors/* ConfigurationError */.j1(`tag ${JSON.stringify(tag)} is not in the git repository at ${workspace}: the release is made with ` +
                '`git archive` of the tag, so check it out with its tags (actions/checkout with fetch-depth: 0, or ' +
                'fetch-tags: true), or give "source" (a directory or tarball)');
        }
        return {
            kind,
            describe: `git archive ${tag}`,
            commit,
            open: () => gitArchive(workspace, commit),
        };
    }
    if (kind === 'directory') {
        return {
            kind,
            describe: `directory ${path}`,
            commit: commit ?? 'unknown',
            path,
            open: () => tarDirectory(path),
        };
    }
    return {
        kind,
        describe: `tarball ${path}`,
        commit: commit ?? 'unknown',
        path,
        open: () => {
            const stream = (0,external_node_fs_.createReadStream)(path, { highWaterMark: 1024 * 1024 });
            const finished = new Promise((res, rej) => {
                stream.on('end', res);
                stream.on('close', res);
                stream.on('error', rej);
            });
            return { stream, finished, stop: () => stream.destroy() };
        },
    };
}

// EXTERNAL MODULE: ./src/ssh/quote.ts
var quote = __webpack_require__(9038);
// EXTERNAL MODULE: ./src/strategies/env-release.ts
var env_release = __webpack_require__(9626);
;// CONCATENATED MODULE: ./src/strategies/release-dirs/commands.ts




/**
 * Every remote command text of the release strategy, built through the quoting module. Pure: the step files
 * (strategy, upload, shared-links, switch) run these and decide what their output means; the text itself is
 * tested as exact strings and under a real /bin/sh (test/unit/strategies/release-dirs/commands.test.ts).
 */
// Reading the layout.
/** Prints `link<TAB><target>` when <app-dir>/current is a symbolic link, `other` when it is anything else. */
function readCurrentCommand(appDir) {
    return ((0,quote.sh) `cd ${appDir} 2>/dev/null || exit 0; if [ -L ${CURRENT} ]; then printf 'link\\t%s\\n' "$(readlink ${CURRENT})"; ` +
        (0,quote.sh) `elif [ -e ${CURRENT} ]; then echo other; fi`);
}
/** Prints `name<TAB>mtime<TAB>1|0` per dir in releases/: the time of its REVISION (1) or of the dir itself (0). */
function listReleasesCommand(appDir) {
    return ((0,quote.sh) `cd ${appDir}/${RELEASES} 2>/dev/null || exit 0; ` +
        (0,quote.sh) `for d in * .[!.]*; do [ -d "$d" ] && [ ! -L "$d" ] || continue; ` +
        (0,quote.sh) `if [ -f "$d"/${REVISION} ]; then c=1; t=$(stat -c %.9Y "$d"/${REVISION}); else c=0; t=$(stat -c %.9Y "$d"); fi; ` +
        (0,quote.sh) `printf '%s\\t%s\\t%s\\n' "$d" "$t" "$c"; done`);
}
/** Exits 0 when the release dir is complete (its REVISION was written last, after the upload). */
function isCompleteCommand(releaseDir) {
    return (0,quote.sh) `[ -f ${external_node_path_.posix.join(releaseDir, REVISION)} ]`;
}
/** Exits 0 when anything is at `path`. */
function existsCommand(path) {
    return (0,quote.sh) `[ -e ${path} ]`;
}
// Making a release.
/** Unpacks the tar stream on stdin into `dir`; files get the deploy user as owner, whatever the archive says. */
function unpackCommand(dir, gzip) {
    return (0,quote.sh) `mkdir -p -- ${dir} && tar -x${(0,quote/* raw */.lS)(gzip ? ' -z' : '')} --no-same-owner -f - -C ${dir}`;
}
/**
 * Writes <dir>/REVISION, one `key=value` a line: its presence marks the release complete. With `record`, the tree
 * record read from stdin is written first (TREE_RECORD).
 */
function writeRevisionCommand(dir, r, record = false) {
    const lines = [`tag=${r.tag}`, `commit=${r.commit}`, `source=${r.source}`, `deployed_at=${r.deployedAt}`];
    const revision = (0,quote.sh) `printf '%s\\n' ${lines} > ${external_node_path_.posix.join(dir, REVISION)}`;
    return record ? (0,quote.sh) `cat > ${external_node_path_.posix.join(dir, TREE_RECORD)} && ${(0,quote/* raw */.lS)(revision)}` : revision;
}
/** Creates shared/ and the directories shared links need (shared dirs, parents of shared files). */
function makeSharedDirsCommand(sharedDir, dirs) {
    return (0,quote.sh) `mkdir -p -- ${[sharedDir, ...dirs]}`;
}
/** Prints the `path` of each shared file missing from shared/, one a line; prints nothing when all are there. */
function missingSharedFilesCommand(files) {
    return files.map((l) => (0,quote.sh) `[ -e ${l.sharedPath} ] || printf '%s\\n' ${l.path};`).join(' ');
}
/** Replaces whatever the release holds at each shared path by a link into shared/. */
function linkSharedCommand(plan) {
    return plan
        .map((l) => (0,quote.sh) `${(0,quote/* raw */.lS)(removeDirCommand(l.linkPath))} && mkdir -p -- ${external_node_path_.posix.dirname(l.linkPath)} && ` +
        (0,quote.sh) `ln -s -- ${l.linkTarget} ${l.linkPath}`)
        .join(' && ');
}
/**
 * A user's install/migrate/restart command, in a login shell in `cwd`, told where it runs through
 * VPS_DEPLOY_TAG, VPS_DEPLOY_RELEASE_DIR and VPS_DEPLOY_APP_DIR; VPS_DEPLOY_ENV_FILE is the release's own config
 * (before the switch, shared/.env is still the running release's).
 */
function releaseUserCommand(command, where) {
    return (0,quote/* userCommand */.L_)(command, {
        cwd: where.cwd,
        env: {
            ...where.env,
            VPS_DEPLOY_TAG: where.tag,
            VPS_DEPLOY_RELEASE_DIR: where.releaseDir,
            VPS_DEPLOY_APP_DIR: where.appDir,
            VPS_DEPLOY_ENV_FILE: external_node_path_.posix.join(where.releaseDir, env_release/* RELEASE_ENV */.Uw),
        },
    });
}
// Switching, moving and removing.
/**
 * Points <app-dir>/current at `target` (relative to app-dir) in one rename(2): `ln -s` to a temporary name
 * (`.current.tmp-<tmpSuffix>`, unique per call), then `mv -T` over current, so at every instant current
 * resolves to the old or the new release. `ln -sfn` unlinks first, leaving a window with no current.
 */
function switchCommand(appDir, target, tmpSuffix) {
    const tmp = `.${CURRENT}.tmp-${tmpSuffix}`;
    return ((0,quote.sh) `cd ${appDir} && ln -s -- ${target} ${tmp} && ` +
        (0,quote.sh) `{ mv -T -- ${tmp} ${CURRENT} || { rc=$?; rm -f -- ${tmp}; exit $rc; }; }`);
}
/** Removes a directory even when it holds read-only files (Go module caches, some node_modules). */
function removeDirCommand(path) {
    return (0,quote.sh) `{ rm -rf -- ${path} 2>/dev/null || { chmod -R u+w -- ${path} && rm -rf -- ${path}; }; }`;
}
/** Removes each of `names` from <app-dir>/releases, stopping at the first that cannot be removed. */
function removeReleasesCommand(appDir, names) {
    const releases = external_node_path_.posix.join(appDir, RELEASES);
    return names.map((n) => removeDirCommand(external_node_path_.posix.join(releases, n))).join(' && ');
}
/** Renames a directory; `-T` so that an existing `to` is never entered and `from` moved inside it. */
function renameDirCommand(from, to) {
    return (0,quote.sh) `mv -T -- ${from} ${to}`;
}
/** Printed by placeReleaseCommand when it moved an existing release aside. */
const MOVED_ASIDE = 'VPSD-MOVED-ASIDE';
/**
 * `incoming` becomes `release` (releases/<tag>), one command: whatever was at `release` first moves to `aside`
 * (and MOVED_ASIDE is printed), and back if incoming cannot take its place. Not for the release `current` points
 * at: that one cannot be renamed.
 */
function placeReleaseCommand(incoming, release, aside) {
    const place = renameDirCommand(incoming, release);
    return ((0,quote.sh) `if [ -e ${release} ]; then ${(0,quote/* raw */.lS)(renameDirCommand(release, aside))} || exit; echo ${MOVED_ASIDE}; ` +
        (0,quote.sh) `${(0,quote/* raw */.lS)(place)} || { rc=$?; ${(0,quote/* raw */.lS)(renameDirCommand(aside, release))}; exit $rc; }; else ${(0,quote/* raw */.lS)(place)}; fi`);
}
/** Printed by completeThenCommand when the release has no REVISION (an unfinished or foreign dir). */
const NOT_COMPLETE = 'VPSD-NOT-COMPLETE';
/** `command` when `releaseDir` is complete (isCompleteCommand), else NOT_COMPLETE and exit 1, nothing run. */
function completeThenCommand(releaseDir, command) {
    return `{ ${isCompleteCommand(releaseDir)} || { echo ${NOT_COMPLETE}; exit 1; }; } && ${command}`;
}
/** A copy whose files are hard links: instant, no extra space, and the original stays in place. */
function hardLinkCopyCommand(from, to) {
    return (0,quote.sh) `cp -al -- ${from} ${to}`;
}
/** `dir` becomes `from`: by rename (`from` is gone after) or by hard-link copy (`from` stays). */
function replaceDirCommand(dir, from, how) {
    const place = how === 'rename' ? renameDirCommand(from, dir) : hardLinkCopyCommand(from, dir);
    return `${removeDirCommand(dir)} && ${place}`;
}
// Reading the app's logs after a failure.
/** The user's logs-command (`journalctl -u app -n 80 --no-pager`) in a login shell in <app-dir>, stderr kept. */
function appLogsCommand(command, appDir) {
    return `${(0,quote/* userCommand */.L_)(command, { cwd: appDir })} 2>&1`;
}
// Guarding data before a prune.
/** How deep below a release dir prune looks for SQLite databases (./app.db, ./data/app.db, ./var/db/app.db). */
const SQLITE_SEARCH_DEPTH = 4;
/**
 * Prints every SQLite database file (its first 16 bytes are `SQLite format 3\0`) in the given dirs, to a bounded
 * depth, not following links (shared/ is linked in, and is not the release's) and skipping dependency trees.
 */
function sqliteFilesCommand(dirs) {
    const check = 'for f do [ "$(head -c 16 "$f" | tr "\\000" "@")" = "SQLite format 3@" ] && printf "%s\\n" "$f"; done; exit 0';
    return dirs
        .map((d) => (0,quote.sh) `find ${d} -maxdepth ${String(SQLITE_SEARCH_DEPTH)} ${'('} -name node_modules -o -name .git -o -name .venv ${')'} -prune ` +
        (0,quote.sh) `-o -type f -size +15c -exec sh -c ${check} sh ${'{}'} +`)
        .join('; ');
}
// Incremental releases (incremental.ts).
/** Prints a release's REVISION (`key=value` lines) and its tree record line, or nothing of what it lacks. */
function readRevisionCommand(releaseDir) {
    return ((0,quote.sh) `cat -- ${external_node_path_.posix.join(releaseDir, REVISION)} 2>/dev/null; echo; ` +
        (0,quote.sh) `cat -- ${external_node_path_.posix.join(releaseDir, TREE_RECORD)} 2>/dev/null; exit 0`);
}
/**
 * One command for an incremental release, so it costs one channel: reads the list of unchanged paths (`keepBytes`
 * of NUL-separated names, first on stdin; dd reads exactly that much), hard-links them from `from` into a fresh
 * `dir`, then unpacks the tar that follows on stdin (the changed paths: none of them was linked, so each is
 * written as a new file). `then` runs after, its failure not the command's (the tree hash: treeHashThen).
 */
function linkAndUnpackCommand(from, dir, keepBytes, gzip, 
/** Copies (reflinks where the file system has them) instead of hard links: see ReleaseBuild.copyUnchanged. */
copy = false) {
    // Inside the new dir, so whatever stops the command half-way leaves nothing outside it (prune removes it).
    const list = external_node_path_.posix.join(dir, '.vps-deploy-keep');
    const readList = keepBytes
        ? (0,quote.sh) `dd bs=${String(keepBytes)} count=1 iflag=fullblock of=${list} 2>/dev/null`
        : (0,quote.sh) `: > ${list}`;
    return ((0,quote.sh) `${(0,quote/* raw */.lS)(removeDirCommand(dir))} && mkdir -p -- ${dir} && ${(0,quote/* raw */.lS)(readList)} && ` +
        (0,quote.sh) `(cd ${from} && xargs -0 -r cp ${copy ? '-a' : '-al'}${(0,quote/* raw */.lS)(copy ? ' --reflink=auto' : '')} --parents -t ${dir} -- < ${list}) && ` +
        (0,quote.sh) `rm -f -- ${list} && ` +
        (0,quote.sh) `tar -x${(0,quote/* raw */.lS)(gzip ? ' -z' : '')} --no-same-owner -f - -C ${dir}`);
}

;// CONCATENATED MODULE: ./src/strategies/release-dirs/switch.ts




async function readCurrent(conn, appDir) {
    const r = await conn.run(readCurrentCommand(appDir), 'reading <app-dir>/current', { log: false });
    const out = r.stdout.trim();
    if (out.startsWith('link\t'))
        return { kind: 'link', target: out.slice(5) };
    return out === 'other' ? { kind: 'other' } : { kind: 'none' };
}
/** Fails, before anything changes, when <app-dir>/current is a real file or directory (say, an old checkout). */
function assertCurrentReplaceable(appDir, state) {
    if (state.kind !== 'other')
        return;
    throw new errors/* ConfigurationError */.j1(`${appDir}/current exists and is not a symbolic link: the release strategy makes current a link to ` +
        `releases/<tag>. Move it away first (for example mv current current.old) and deploy again`);
}
/** switchCommand with a fresh temporary name: a link a killed run left behind never makes `ln -s` fail. */
function freshSwitchCommand(appDir, target) {
    return switchCommand(appDir, target, (0,external_node_crypto_.randomBytes)(6).toString('hex'));
}
async function switchCurrent(conn, appDir, target) {
    const command = freshSwitchCommand(appDir, target);
    // Not tagged with a phase of its own: the caller's phase (activate, rollback, upload's aside copy) names it.
    await conn.run(command, `switching current to ${target}`, { log: false });
}
/**
 * switchCurrent to `target` (relative to appDir) only when `releaseDir` is complete, in one command: false,
 * with nothing changed, when it is not.
 */
async function switchCurrentIfComplete(conn, appDir, releaseDir, target) {
    const r = await conn.exec(completeThenCommand(releaseDir, freshSwitchCommand(appDir, target)), {
        log: false,
    });
    if (r.code === 0)
        return true;
    if (r.stdout.includes(NOT_COMPLETE))
        return false;
    throw (0,errors/* commandFailed */.n6)(`switching current to ${target}`, r);
}
/** Every entry of releases/ with the time it was made and whether it is complete. */
async function listReleases(conn, appDir) {
    const r = await conn.run(listReleasesCommand(appDir), 'listing releases', { log: false });
    return parseReleaseListing(r.stdout);
}

;// CONCATENATED MODULE: ./src/strategies/release-dirs/shared-links.ts





/**
 * Files and dirs that outlive releases (.env, media/, a SQLite file's directory) live in <app-dir>/shared and
 * are linked into each release. A shared file is the user's (secrets, settings): only shared/.env is written,
 * from `env-file`, and at the switch (env-release.ts) unless there is none yet; a missing one stops the deploy
 * before the switch. It is never created empty, which would start the app without its configuration. Shared
 * dirs are created empty when missing (media/, logs/).
 */
async function prepareShared(conn, appDir, plan, envFile, log) {
    const shared = external_node_path_.posix.join(appDir, SHARED);
    const dirs = plan.filter((l) => l.kind === 'dir').map((l) => l.sharedPath);
    const fileParents = plan.filter((l) => l.kind === 'file').map((l) => external_node_path_.posix.dirname(l.sharedPath));
    try {
        await conn.run(makeSharedDirsCommand(shared, [...new Set([...dirs, ...fileParents])]), 'creating shared/', {
            log: false,
        });
    }
    catch (e) {
        throw (0,errors/* inPhase */.xe)('shared', e);
    }
    // shared/.env comes from env-file at the switch: it need not be there yet.
    const files = plan.filter((l) => l.kind === 'file' && !(envFile && l.path === '.env'));
    if (files.length)
        await assertSharedFiles(conn, shared, files);
    await (0,env_release/* installFirstEnv */.po)(conn, envFile, external_node_path_.posix.join(shared, '.env'), log, 'shared/.env');
}
async function assertSharedFiles(conn, shared, files) {
    const r = await conn.run(missingSharedFilesCommand(files), 'checking shared files', { log: false });
    const missing = r.stdout.split('\n').filter(Boolean);
    if (missing.length) {
        const envHint = missing.includes('.env') ? ' (for .env: pass the "env-file" input from a secret)' : '';
        throw new errors/* ConfigurationError */.j1(`shared file${missing.length > 1 ? 's' : ''} missing on the server: ${missing
            .map((m) => external_node_path_.posix.join(shared, m))
            .join(', ')}. ` +
            `The deploy stopped before switching releases; nothing changed. Create ${missing.length > 1 ? 'them' : 'it'} ` +
            `on the server${envHint}, or remove ${missing.length > 1 ? 'them' : 'it'} from "shared-files"`);
    }
}
/** Replaces whatever the release holds at each shared path by a link into shared/ (one remote command). */
async function linkShared(conn, plan) {
    if (!plan.length)
        return;
    try {
        await conn.run(linkSharedCommand(plan), 'linking shared files into the release', { log: false });
    }
    catch (e) {
        throw (0,errors/* inPhase */.xe)('shared', e);
    }
}

;// CONCATENATED MODULE: ./src/local/git-diff.ts




/**
 * What an incremental release needs from the runner's git: whether the previous release's commit is known and an
 * ancestor, which paths changed since, the paths of a commit's tree, and a tar of only some paths. Paths are
 * byte strings (latin1, one character per byte, as git prints them with -z), so any name survives exactly.
 */
/**
 * `yes` / `no`, or `unknown` when the checkout does not have `older` (a shallow clone, another repository) or
 * git fails otherwise: each answer but `yes` means a full upload.
 */
async function isAncestor(workspace, older, newer) {
    // One process: exit 1 is "not an ancestor", 128 a name that is not a commit of this checkout.
    const r = await runLocal('git', ['-C', workspace, 'merge-base', '--is-ancestor', older, newer], {
        allowFailure: true,
    });
    return r.exitCode === 0 ? 'yes' : r.exitCode === 1 ? 'no' : 'unknown';
}
/** `git diff --name-status --no-renames -z from to`: a rename is its old path deleted and its new one added. */
async function changedPaths(workspace, from, to) {
    const out = await gitBytes(workspace, [
        'diff',
        '--name-status',
        '--no-renames',
        '--no-ext-diff',
        '-z',
        from,
        to,
        '--',
    ]);
    const fields = splitNul(out);
    const changes = [];
    for (let i = 0; i + 1 < fields.length; i += 2)
        changes.push({ status: fields[i], path: fields[i + 1] });
    return changes;
}
/** Every path of a commit's tree that is not a directory (files, links, submodules), as `git ls-tree -r`. */
async function treePaths(workspace, commit) {
    const out = await gitBytes(workspace, ['ls-tree', '-r', '-z', '--full-tree', '--name-only', commit]);
    return splitNul(out);
}
/**
 * What decides how `git archive` writes an unchanged blob, as one sha256: the commit's .gitattributes files (path
 * and blob), the repository's info/attributes, the user's and the system's attributes files, the git config that
 * converts text (core.autocrlf, core.eol, ...) and git's version. Two commits with the same fingerprint write the
 * same bytes for the same blob at the same path, so a blob `git diff` calls unchanged archives as it did before.
 * Undefined when no fingerprint can say that: an `export-subst` (its text changes with every commit, e.g.
 * setuptools-scm's .git_archival.txt) or a `filter` (its output depends on more than the blob: Git LFS) named in
 * any of those files, or a file or command that fails.
 */
async function archiveFingerprint(workspace, commit) {
    const parts = [];
    const rewrites = (text) => text.includes('export-subst') || text.includes('filter');
    try {
        // Four independent git processes, at once: each costs a process start on the runner.
        const [listing, infoAttributes, config, version] = await Promise.all([
            gitBytes(workspace, ['ls-tree', '-r', '-z', '--full-tree', commit]).then(splitNul),
            gitBytes(workspace, ['rev-parse', '--path-format=absolute', '--git-path', 'info/attributes']).then((b) => b.toString('utf8').trim()),
            runLocal('git', [
                '-C',
                workspace,
                'config',
                '--get-regexp',
                '^(core\\.(autocrlf|eol|safecrlf|attributesfile)|filter\\.|tar\\.)',
            ], { allowFailure: true }),
            runLocal('git', ['--version']),
        ]);
        for (const line of listing) {
            const tab = line.indexOf('\t');
            const path = line.slice(tab + 1);
            if (path !== '.gitattributes' && !path.endsWith('/.gitattributes'))
                continue;
            const blob = line.slice(0, tab).split(' ')[2] ?? '';
            if (rewrites(await gitBytes(workspace, ['cat-file', 'blob', blob])))
                return undefined;
            parts.push(`tree ${path} ${blob}`);
        }
        const attributesFile = /^core\.attributesfile (.*)$/im.exec(config.stdout)?.[1]?.trim();
        const home = process.env.HOME ?? '';
        const files = [
            infoAttributes,
            attributesFile ? attributesFile.replace(/^~(?=\/)/, home) : '',
            (0,external_node_path_.join)(process.env.XDG_CONFIG_HOME || (0,external_node_path_.join)(home, '.config'), 'git', 'attributes'),
            '/etc/gitattributes',
        ].filter(Boolean);
        for (const f of files) {
            const text = (0,external_node_fs_.existsSync)(f) ? (0,external_node_fs_.readFileSync)(f) : undefined;
            if (text && rewrites(text))
                return undefined;
            parts.push(`file ${f} ${text ? (0,external_node_crypto_.createHash)('sha256').update(text).digest('hex') : 'absent'}`);
        }
        parts.push(`config ${config.stdout.trim()}`);
        parts.push(`git ${version.stdout.trim()}`);
        return (0,external_node_crypto_.createHash)('sha256').update(parts.join('\n')).digest('hex');
    }
    catch {
        return undefined;
    }
}
/** A tar of only `paths` of the commit (literal pathspecs: no glob or magic in a name is interpreted). */
function gitArchivePaths(workspace, commit, paths) {
    const specs = paths.map((p) => `:(literal)${Buffer.from(p, 'latin1').toString('utf8')}`);
    return streamLocal('git', ['-C', workspace, 'archive', '--format=tar', commit, '--', ...specs]);
}
function splitNul(out) {
    const text = out.toString('latin1');
    const fields = text.split('\0');
    if (fields[fields.length - 1] === '')
        fields.pop();
    return fields;
}
/** A git command's whole stdout as bytes (runLocal decodes UTF-8, which would change some names). */
async function gitBytes(workspace, args) {
    const p = streamLocal('git', ['-C', workspace, ...args]);
    const chunks = [];
    p.stream.on('data', (d) => chunks.push(d));
    await p.finished;
    return Buffer.concat(chunks);
}

// EXTERNAL MODULE: external "node:zlib"
var external_node_zlib_ = __webpack_require__(8522);
;// CONCATENATED MODULE: ./src/strategies/release-dirs/tree-hash.ts


/**
 * The tree hash of a release: one sha256 that says two trees hold the same paths, kinds, executable bits,
 * contents and link targets. The server computes it over a release dir with find, sort, sha256sum and
 * readlink (GNU); the runner computes it over the tar stream it sends (or over `git archive <tag>`), so an
 * incremental release can be proved equal to a full one before it can be switched to.
 *
 * Definition (LC_ALL=C byte order, paths as `./<path>`, the excluded paths and everything under them left out):
 *   D = sha256 of every directory path, sorted, each followed by NUL
 *   F = sha256 of `<sha256(content)>  <path>` NUL, for every regular file without the owner's x bit, sorted by path
 *   X = the same for regular files with the owner's x bit
 *   L = sha256 of every symbolic link path, sorted, each followed by NUL
 *   T = sha256 of the targets of those links, in the same order, each followed by NUL
 *   tree = sha256 of the five lines `<hex>  -\n` (sha256sum's output for stdin), in the order D F X L T.
 * Owners, times and other mode bits are left out: the server's tar gives files the deploy user and its umask.
 */
/** Printed instead of a hash when the server lacks GNU find / coreutils' sha256sum -z / readlink -z. */
const NO_HASH_TOOLS = 'VPSD-NO-HASH-TOOLS';
/** A `find -path` pattern matching exactly `./<path>` (glob characters escaped). */
function findPathPattern(path) {
    return `./${path.replace(/[\\*?[\]]/g, '\\$&')}`;
}
/** find's test that skips each excluded path and all under it (or nothing). */
function pruneClause(exclude) {
    if (!exclude.length)
        return '';
    const tests = exclude.flatMap((p, i) => [...(i ? ['-o'] : []), '-path', findPathPattern(p)]);
    return (0,quote.sh) `${(0,quote/* raw */.lS)('\\(')} ${tests} ${(0,quote/* raw */.lS)('\\)')} -prune -o `;
}
/** `hash` over the first $h paths of "$t" into "$t.a" and the rest into "$t.b", at once; fails if either does. */
function inHalves(hash) {
    return (`{ head -z -n "$h" "$t" | xargs -0 -r ${hash} > "$t.a" & ` +
        `tail -z -n "+$((h + 1))" "$t" | xargs -0 -r ${hash} > "$t.b"; r=$?; wait $! && [ $r -eq 0 ]; }`);
}
/**
 * Prints `sha256sum -z` lines (`<hex>  <path>` NUL), in order, for the $n NUL-separated paths in the file "$t".
 * OpenSSL's sha256 uses the CPU's SHA instructions (about 1 GB/s where coreutils' sha256sum does 170 MB/s on one
 * core), so it is used when present and no path holds a newline: its `-r` lines are then one per file, and the
 * first 64 characters after any leading backslash are the hash. Else sha256sum -z. Either way the list's two
 * halves are hashed at once and printed in order: the same bytes, in about half the time on a server with two
 * cores (a 200 MB release: 273 -> 179 ms here).
 */
const hashListed = `h=$(((n + 1) / 2)); ` +
    `if command -v openssl >/dev/null 2>&1 && [ "$(tr -cd '\\n' < "$t" | wc -c)" -eq 0 ] && ` +
    `${inHalves('openssl dgst -sha256 -r 2>/dev/null')} && ` +
    `cat -- "$t.a" "$t.b" > "$t.o" && [ "$(wc -l < "$t.o")" -eq "$n" ]; then ` +
    `sed 's/^\\\\//' "$t.o" | cut -c1-64 | sed 's/$/  /' | tr '\\n' '\\000' | paste -z -d '\\0' - "$t"; ` +
    `else ${inHalves('sha256sum -z --')}; cat -- "$t.a" "$t.b"; fi`;
/** `find <test> -print0` into "$t" (sorted when asked), then its files' sha256sum -z lines (hashListed). */
const hashFound = (find) => `${find} > "$t"; n=$(tr -cd '\\000' < "$t" | wc -c); ${hashListed}`;
/** A temp file "$t" (and its "$t.*" siblings) removed on exit. */
const TEMP = `t=$(mktemp) || exit 1; trap 'rm -f -- "$t" "$t.a" "$t.b" "$t.o"' EXIT; `;
/**
 * Prints the tree hash of `dir` (64 hex digits), leaving out `exclude` (paths relative to it: shared links and
 * what lies under them). Prints NO_HASH_TOOLS and exits 3 when the server cannot compute it.
 */
function treeHashCommand(dir, exclude) {
    const prune = pruneClause(exclude);
    const find = (test) => `find . -mindepth 1 ${prune}${test} -print0 | sort -z`;
    const files = (perm) => `{ ${hashFound(find(`-type f ${perm} -perm -u=x`))}; } | sha256sum`;
    const check = `{ printf x | sha256sum -z && readlink -z -f . && find . -maxdepth 0 -printf ''; } >/dev/null 2>&1 ` +
        `|| { echo ${NO_HASH_TOOLS}; exit 3; }`;
    return ((0,quote.sh) `cd ${dir} && export LC_ALL=C && ` +
        `${check}; ${TEMP}` +
        `{ ${find('-type d')} | sha256sum; ${files('!')}; ${files('')}; ` +
        `${find('-type l')} | sha256sum; ${find('-type l')} | xargs -0 -r readlink -z -- | sha256sum; } ` +
        `| sha256sum | cut -c1-64`);
}
/** Whether `path` is one of `exclude` or lies under one. */
function isExcluded(path, exclude) {
    return exclude.some((e) => path === e || path.startsWith(`${e}/`));
}
const hex = (data) => (0,external_node_crypto_.createHash)('sha256').update(data).digest('hex');
/** A UTF-8 path (an input) as the byte string tree entries use. */
function bytePath(path) {
    return Buffer.from(path, 'utf8').toString('latin1');
}
/** The tree hash (see above) of a list of entries; `exclude` (UTF-8 paths) as for treeHashCommand. Pure. */
function treeHash(entries, exclude = []) {
    const ex = exclude.map(bytePath);
    const kept = [...entries].filter((e) => e.path !== '' && !isExcluded(e.path, ex));
    const sorted = (kind, pick = () => true) => kept
        .filter((e) => e.kind === kind && pick(e))
        .map((e) => ({ e, key: Buffer.from(`./${e.path}`, 'latin1') }))
        .sort((a, b) => Buffer.compare(a.key, b.key));
    const nul = (parts) => Buffer.concat(parts.flatMap((p) => [p, Buffer.from([0])]));
    const fileList = (exec) => nul(sorted('file', (e) => e.kind === 'file' && e.executable === exec).map(({ e, key }) => Buffer.concat([Buffer.from(`${e.sha256}  `), key])));
    const links = sorted('link');
    const sections = [
        nul(sorted('dir').map(({ key }) => key)),
        fileList(false),
        fileList(true),
        nul(links.map(({ key }) => key)),
        nul(links.map(({ e }) => Buffer.from(e.target, 'latin1'))),
    ];
    return hex(sections.map((s) => `${hex(s)}  -\n`).join(''));
}
/** A path as a tar names it, as the tree names it: `./a/b/` and `a/b` are `a/b`; the root is ''. */
function treePath(name) {
    return name
        .replace(/^(\.\/)+/, '')
        .replace(/\/+$/, '')
        .replace(/^\.$/, '');
}
/**
 * Prints what `dir` holds, for a release made from a `source` directory: sections `F`, `X` (files without and
 * with u+x: sha256sum -z lines) and `L` (link path, then its target), each opened by its letter and a NUL.
 * Directories are left out (they come with the paths under them). Same tools and exclusions as treeHashCommand.
 */
function treeManifestCommand(dir, exclude) {
    const prune = pruneClause(exclude);
    const files = (perm) => hashFound(`find . -mindepth 1 ${prune}-type f ${perm} -perm -u=x -print0`);
    return ((0,quote.sh) `cd ${dir} && export LC_ALL=C && ` +
        `{ printf x | sha256sum -z && find . -maxdepth 0 -printf ''; } >/dev/null 2>&1 || { echo ${NO_HASH_TOOLS}; exit 3; }; ` +
        `${TEMP}printf 'F\\000'; ${files('!')}; printf 'X\\000'; ${files('')}; ` +
        `printf 'L\\000'; find . -mindepth 1 ${prune}-type l -printf '%p\\0%l\\0'`);
}
/** Parses treeManifestCommand's output (a byte string) into entries. */
function parseTreeManifest(out) {
    const fields = out.split('\0');
    const entries = [];
    let section = '';
    for (let i = 0; i < fields.length; i++) {
        const f = fields[i];
        if (f === 'F' || f === 'X' || f === 'L')
            section = f;
        else if (f === '')
            continue;
        else if (section === 'L')
            entries.push({ kind: 'link', path: treePath(f), target: fields[++i] ?? '' });
        else if (section && /^[0-9a-f]{64} {2}/.test(f))
            entries.push({
                kind: 'file',
                path: treePath(f.slice(66)),
                executable: section === 'X',
                sha256: f.slice(0, 64),
            });
    }
    return entries;
}
/** `command`, then (when it succeeded) the tree hash of `dir` printed on its stdout; a hash that fails is not its failure. */
function treeHashThen(command, dir, exclude) {
    return `${command} && { ( ${treeHashCommand(dir, exclude)} ) || :; }`;
}
/** The tree hash a command ending in treeHashThen printed: the hash, undefined without the tools, else null. */
function printedTreeHash(stdout) {
    const last = stdout.trim().split('\n').pop() ?? '';
    if (last === NO_HASH_TOOLS)
        return undefined;
    return /^[0-9a-f]{64}$/.test(last) ? last : null;
}

;// CONCATENATED MODULE: ./src/strategies/release-dirs/tar-tree.ts



/**
 * Reads a tar stream (ustar, pax and GNU long names: what git archive and GNU tar write) into the tree it
 * unpacks to, hashing each file's content as it passes: the runner's side of the tree hash, fed with the very
 * bytes the upload sends, so it costs no second read. Later entries replace earlier ones, as `tar -x` does.
 * Paths and link targets are byte strings (latin1: one character per byte), so any name survives exactly.
 */
class TarTree {
    entries = new Map();
    buf = Buffer.alloc(0);
    file;
    /** A pax / GNU long-name record being read: its body is collected, then applies to the next header. */
    meta;
    pax = {};
    /** A pax `size` record: the next member's size when its header's field cannot hold it. */
    paxSize;
    skip = 0;
    ended = false;
    /** Feeds the next bytes of the stream. */
    write(chunk) {
        let data = this.buf.length ? Buffer.concat([this.buf, chunk]) : chunk;
        this.buf = Buffer.alloc(0);
        while (data.length && !this.ended) {
            if (this.skip) {
                const n = Math.min(this.skip, data.length);
                this.skip -= n;
                data = data.subarray(n);
            }
            else if (this.file) {
                const n = Math.min(this.file.left, data.length);
                this.file.hash.update(data.subarray(0, n));
                this.file.left -= n;
                data = data.subarray(n);
                if (!this.file.left)
                    this.endFile();
            }
            else if (this.meta) {
                const n = Math.min(this.meta.left, data.length);
                this.meta.body.push(Buffer.from(data.subarray(0, n)));
                this.meta.left -= n;
                data = data.subarray(n);
                if (!this.meta.left)
                    this.endMeta();
            }
            else if (data.length < 512) {
                this.buf = Buffer.from(data);
                return;
            }
            else {
                this.header(data.subarray(0, 512));
                data = data.subarray(512);
            }
        }
    }
    header(h) {
        if (h.every((b) => b === 0)) {
            this.ended = true;
            return;
        }
        const str = (off, len) => {
            const s = h.subarray(off, off + len);
            const end = s.indexOf(0);
            return (end < 0 ? s : s.subarray(0, end)).toString('latin1');
        };
        const type = String.fromCharCode(h[156]) || '0';
        const size = readSize(h.subarray(124, 136));
        const pad = (512 - (size % 512)) % 512;
        if (type === 'x' || type === 'g' || type === 'L' || type === 'K') {
            this.meta = { type, body: [], left: size, pad };
            if (!size)
                this.endMeta();
            return;
        }
        const prefix = str(345, 155);
        const name = this.pax.path ?? (prefix ? `${prefix}/${str(0, 100)}` : str(0, 100));
        const link = this.pax.linkpath ?? str(157, 100);
        const mode = parseInt(str(100, 8).trim() || '0', 8);
        this.pax = {};
        const path = treePath(name);
        const dataSize = this.paxSize ?? size;
        this.paxSize = undefined;
        const dataPad = (512 - (dataSize % 512)) % 512;
        if (type === '0' || type === '\0' || type === '7') {
            this.file = {
                path,
                executable: (mode & 0o100) !== 0,
                hash: (0,external_node_crypto_.createHash)('sha256'),
                left: dataSize,
                pad: dataPad,
            };
            if (!dataSize)
                this.endFile();
            return;
        }
        if (type === '5')
            this.put({ path, kind: 'dir' });
        else if (type === '2')
            this.put({ path, kind: 'link', target: link });
        else if (type === '1') {
            // A hard link names an earlier member: the same content under another path.
            const to = this.entries.get(treePath(link));
            if (to?.kind === 'file')
                this.put({ ...to, path });
        }
        this.skip = dataSize + dataPad;
    }
    endFile() {
        const f = this.file;
        this.file = undefined;
        this.skip = f.pad;
        this.put({ path: f.path, kind: 'file', executable: f.executable, sha256: f.hash.digest('hex') });
    }
    endMeta() {
        const m = this.meta;
        this.meta = undefined;
        this.skip = m.pad;
        const body = Buffer.concat(m.body);
        if (m.type === 'L')
            this.pax.path = cString(body);
        else if (m.type === 'K')
            this.pax.linkpath = cString(body);
        else if (m.type === 'x') {
            const rec = parsePax(body);
            if (rec.path !== undefined)
                this.pax.path = rec.path;
            if (rec.linkpath !== undefined)
                this.pax.linkpath = rec.linkpath;
            if (rec.size !== undefined)
                this.paxSize = Number(rec.size);
        }
    }
    put(e) {
        if (e.path === '')
            return;
        this.entries.set(e.path, e);
    }
}
/** The tree a tar stream (gzip-compressed when `gzip`) unpacks to, read to its end. */
async function readTarTree(stream, gzip = false) {
    const tree = new TarTree();
    const input = gzip ? stream.pipe((0,external_node_zlib_.createGunzip)()) : stream;
    for await (const chunk of input)
        tree.write(chunk);
    return tree;
}
function cString(b) {
    const end = b.indexOf(0);
    return (end < 0 ? b : b.subarray(0, end)).toString('latin1');
}
/** `<len> <key>=<value>\n` records. */
function parsePax(body) {
    const out = {};
    let i = 0;
    while (i < body.length) {
        const sp = body.indexOf(0x20, i);
        if (sp < 0)
            break;
        const len = Number(body.subarray(i, sp).toString('ascii'));
        if (!len)
            break;
        const rec = body.subarray(sp + 1, i + len - 1).toString('latin1');
        const eq = rec.indexOf('=');
        if (eq > 0)
            out[rec.slice(0, eq)] = rec.slice(eq + 1);
        i += len;
    }
    return out;
}
/** Octal, or GNU base-256 (high bit set) for sizes past 8 GiB. */
function readSize(field) {
    if (field[0] & 0x80) {
        let n = 0;
        for (let i = 1; i < field.length; i++)
            n = n * 256 + field[i];
        return n;
    }
    return parseInt(cString(field).trim() || '0', 8);
}
/** A TarTree fed chunk by chunk from another consumer's stream (the upload), gunzipped first when `gzip`. */
function tarObserver(gzip) {
    const tree = new TarTree();
    if (!gzip)
        return { write: (c) => tree.write(c), tree: () => Promise.resolve(tree) };
    const gunzip = (0,external_node_zlib_.createGunzip)();
    gunzip.on('data', (c) => tree.write(c));
    const done = new Promise((resolve, reject) => {
        gunzip.on('end', () => resolve(tree));
        gunzip.on('error', reject);
    });
    return {
        write: (c) => gunzip.write(c),
        tree: () => {
            gunzip.end();
            return done;
        },
    };
}

;// CONCATENATED MODULE: ./src/strategies/release-dirs/incremental-content.ts


/** The plan, or why there is none; `localTree` reads the source as a full upload would send it. */
async function planFromContent(conn, prevDir, exclude, localTree) {
    const [listing, tree] = await Promise.all([
        conn.exec(treeManifestCommand(prevDir, exclude), { log: false, maxStdout: 512 * 1024 * 1024 }),
        localTree(),
    ]);
    if (listing.stdout.includes(NO_HASH_TOOLS))
        return 'the server cannot list the previous release by content (it needs GNU find and coreutils sha256sum -z)';
    if (listing.code !== 0)
        return `listing the previous release failed (exit ${listing.code})${(0,errors/* tailOf */.Cj)(listing.stderr)}`;
    const have = new Map(parseTreeManifest(bytePath(listing.stdout)).map((e) => [e.path, e]));
    const ex = exclude.map(bytePath);
    const keep = [];
    const send = [];
    for (const e of tree.entries.values()) {
        if (isExcluded(e.path, ex))
            continue;
        if (e.kind !== 'dir' && same(have.get(e.path), e))
            keep.push(e.path);
        else
            send.push(e.path);
    }
    return { keep, send, entries: [...tree.entries.values()] };
}
function same(a, b) {
    if (!a || a.kind !== b.kind)
        return false;
    if (a.kind === 'file' && b.kind === 'file')
        return a.executable === b.executable && a.sha256 === b.sha256;
    return a.kind === 'link' && b.kind === 'link' && a.target === b.target;
}

// EXTERNAL MODULE: external "node:os"
var external_node_os_ = __webpack_require__(8161);
;// CONCATENATED MODULE: ./src/local/tar-paths.ts





/**
 * A tar of only `paths` of a directory (byte strings, latin1: any name), for an incremental release from a
 * `source` directory. The list goes to tar in a file, NUL-separated and read verbatim (a name starting with a
 * dash is a name, not an option); directories are not recursed into (only what is listed is sent).
 */
function tarPaths(dir, paths) {
    const list = (0,external_node_path_.join)((0,external_node_os_.tmpdir)(), `vps-deploy-paths-${(0,external_node_crypto_.randomBytes)(6).toString('hex')}`);
    (0,external_node_fs_.writeFileSync)(list, Buffer.from(paths.map((p) => `${p}\0`).join(''), 'latin1'), { mode: 0o600 });
    const tar = streamLocal('tar', [
        '-c',
        '-f',
        '-',
        '-C',
        dir,
        '--null',
        '--verbatim-files-from',
        '--no-recursion',
        '-T',
        list,
    ]);
    const finished = tar.finished.finally(() => (0,external_node_fs_.rmSync)(list, { force: true }));
    finished.catch(() => undefined);
    return { ...tar, finished };
}

// EXTERNAL MODULE: external "node:stream"
var external_node_stream_ = __webpack_require__(7075);
;// CONCATENATED MODULE: ./src/strategies/release-dirs/tree-record.ts

/**
 * The tree record kept with each release (TREE_RECORD, written with REVISION once the release is verified): every
 * entry the runner computed the release's tree hash from, as `git archive <tag>` or the source directory made it.
 * The next incremental deploy takes the unchanged paths' entries from it and reads only the changed files, so the
 * runner's side of the tree hash no longer reads the whole app from git. It is a cache of facts about the commit,
 * not about the server's files: the server still hashes every file of the new release, and a record that lies
 * (hand-edited, from an older version) can only make the hashes differ, which the caller then settles by reading
 * the whole commit as before.
 *
 * A blob `git diff` calls unchanged archives to the same bytes only while what converts it is the same
 * (attributes, text config, git's version): the record carries that as a fingerprint (archiveFingerprint in
 * src/local/git-diff.ts), and is used only by a commit with the same one.
 *
 * Format: `vps-deploy-tree/2 <fingerprint or -> ` then base64 of gzip of NUL-separated fields, per entry `D path`,
 * `F sha path`, `X sha path` (owner-executable file) or `L path target`. base64 because the shell returns text
 * (UTF-8), and paths are byte strings.
 */
const MAGIC = 'vps-deploy-tree/2 ';
function encodeTreeRecord(entries, fingerprint = '') {
    const fields = [];
    for (const e of entries) {
        if (e.kind === 'dir')
            fields.push('D', e.path);
        else if (e.kind === 'link')
            fields.push('L', e.path, e.target);
        else
            fields.push(e.executable ? 'X' : 'F', e.sha256, e.path);
    }
    const body = Buffer.from(fields.map((f) => `${f}\0`).join(''), 'latin1');
    return `${MAGIC}${fingerprint || '-'} ${(0,external_node_zlib_.gzipSync)(body, { level: 1 }).toString('base64')}`;
}
/** Whether a line of output is a tree record (of any version): readRevisionCommand prints it after REVISION. */
function isTreeRecordLine(line) {
    return line.startsWith('vps-deploy-tree/');
}
/** The record, or undefined when `text` is no record this version wrote. */
function decodeTreeRecord(text) {
    const t = text.trim();
    if (!t.startsWith(MAGIC))
        return undefined;
    const [fingerprint = '', data = ''] = t.slice(MAGIC.length).split(' ');
    let fields;
    try {
        fields = (0,external_node_zlib_.gunzipSync)(Buffer.from(data, 'base64')).toString('latin1').split('\0');
    }
    catch {
        return undefined;
    }
    const out = new Map();
    let i = 0;
    const next = () => fields[i++];
    while (i < fields.length - 1) {
        const kind = next();
        if (kind === 'D') {
            const path = next();
            if (path === undefined)
                return undefined;
            out.set(path, { kind: 'dir', path });
        }
        else if (kind === 'L') {
            const [path, target] = [next(), next()];
            if (path === undefined || target === undefined)
                return undefined;
            out.set(path, { kind: 'link', path, target });
        }
        else if (kind === 'F' || kind === 'X') {
            const [sha256, path] = [next(), next()];
            if (path === undefined || !/^[0-9a-f]{64}$/.test(sha256 ?? ''))
                return undefined;
            out.set(path, { kind: 'file', path, executable: kind === 'X', sha256: sha256 });
        }
        else
            return undefined;
    }
    return { fingerprint: fingerprint === '-' ? '' : fingerprint, entries: out };
}
/**
 * The entries of the new commit's tree: `paths` (its files, links and submodules, as `git ls-tree -r`), each
 * from `sent` (the tar of the changed paths) when it changed, else from the previous release's record; every
 * directory above them, as git archive writes one for each tree. Undefined when a path that counts (not
 * `excluded`) is in neither: the caller reads the whole commit instead.
 */
function composeTree(paths, changed, previous, sent, excluded) {
    const out = [];
    const dirs = new Set();
    for (const path of paths) {
        const e = changed.has(path) ? sent.get(path) : previous.get(path);
        if (e)
            out.push(e);
        else if (!excluded(path))
            return undefined;
        for (let at = path.lastIndexOf('/'); at > 0; at = path.lastIndexOf('/', at - 1)) {
            const dir = path.slice(0, at);
            if (dirs.has(dir))
                break;
            dirs.add(dir);
        }
    }
    for (const path of dirs)
        out.push({ kind: 'dir', path });
    return out;
}

;// CONCATENATED MODULE: ./src/strategies/release-dirs/upload.ts




/**
 * Streams the release's tar over one exec channel into `tar -x` on the server. One channel and one remote
 * process instead of a round trip per file over SFTP: 500 small files cost what one 1 MB file costs.
 * The stream is never written to disk on the runner (a git archive goes straight from git to the server).
 */
async function uploadRelease(conn, source, dir, opts = {}) {
    const { onData } = opts;
    const started = performance.now();
    const channel = await conn.channel(opts.command ?? unpackCommand(dir, source.kind === 'tar.gz'));
    if (opts.prefix?.length)
        channel.write(opts.prefix);
    const producer = source.open();
    // Listened to from the start: the producer can fail (git archive on a missing object) while the upload still
    // waits for the server, and a rejection nobody listens to by then ends the process.
    const produced = producer.finished.then(() => undefined, (e) => e);
    let bytes = 0;
    let stderr = '';
    let code;
    let signal;
    let localError;
    let ended = false;
    const progress = conn.progress?.(`upload of the release (${source.describe})`);
    producer.stream.on('data', (d) => {
        bytes += d.length;
        progress?.add(d.length);
        onData?.(d);
    });
    producer.stream.on('end', () => (ended = true));
    channel.stderr.on('data', (d) => (stderr = (stderr + d.toString('utf8')).slice(-16_000)));
    let stdout = '';
    channel.on('data', (d) => (stdout = (stdout + d.toString('utf8')).slice(-64 * 1024)));
    const closed = channel.exitStatus.then((status) => {
        code = status.code ?? undefined;
        signal = status.signal;
    });
    producer.stream.on('error', (e) => {
        localError = e;
        channel.end();
    });
    producer.stream.pipe(channel);
    try {
        await closed;
    }
    finally {
        // The server stopped reading before the end (tar failed, connection lost): stop the producer, or it would
        // block on a full pipe for ever. After the end it is exiting on its own (killing it then is a race that
        // turns a good upload into a failure): let it report. A producer stopped here does not count as failed.
        if (!ended)
            producer.stop();
        progress?.done();
    }
    const local = localError ?? (await produced);
    // First: a producer that failed cut the stream short, whatever the server made of it (a tar cut at a block
    // boundary can unpack with exit 0), and it is the cause of a remote tar's "Unexpected EOF".
    if (local) {
        throw new errors/* RemoteError */.Hi(`the release could not be read on the runner (${source.describe}): ${(0,errors/* errText */.V7)(local)}`, 'upload');
    }
    if (code === undefined && signal === undefined) {
        throw new errors/* RemoteError */.Hi((0,remote_shell/* connectionLost */.B)(conn, 'while the release was uploaded'), 'upload');
    }
    if (code !== 0) {
        throw new errors/* RemoteError */.Hi(`unpacking the release on the server failed (tar exit ${signal ?? code}; ${bytes} bytes sent)${(0,errors/* tailOf */.Cj)(stderr)}`, 'upload');
    }
    return { bytes, ms: performance.now() - started, stdout };
}

;// CONCATENATED MODULE: ./src/strategies/release-dirs/incremental.ts














/** The release `current` points at, as buildRelease takes it (nothing when current is no release link). */
function previousRelease(appDir, current) {
    const tag = current.kind === 'link' && current.target ? tagOfCurrentTarget(current.target) : undefined;
    return tag ? { previous: { tag, dir: external_node_path_.posix.join(appDir, RELEASES, tag) } } : {};
}
/** Most changed paths one `git archive` command line takes: beyond, the whole release is sent. */
const MAX_PATHSPEC_BYTES = 256 * 1024;
async function buildRelease(conn, b) {
    const started = performance.now();
    // What the deploy writes into every release itself: never taken from the previous one, never compared.
    const exclude = [...b.shared, REVISION, TREE_RECORD, env_release/* RELEASE_ENV */.Uw];
    if (b.previous) {
        const tried = await incremental(conn, b, b.previous, exclude, started);
        if (typeof tried !== 'string')
            return tried;
        if (!conn.isOpen)
            throw new errors/* RemoteError */.Hi(tried, 'upload');
        (tried.startsWith('the tree hash') ? b.log.warning : b.log.info).call(b.log, `Uploading the whole release: ${tried}`);
        await conn.run(removeDirCommand(b.incoming), 'removing the incremental attempt', { log: false });
    }
    // One channel: tar -x, then the tree hash of what it unpacked, while the runner hashes the bytes it sends.
    const observer = tarObserver(b.source.kind === 'tar.gz');
    const fingerprint = b.source.kind === 'git' ? archiveFingerprint(b.workspace, b.source.commit) : undefined;
    const up = await uploadRelease(conn, b.source, b.incoming, {
        onData: (c) => observer.write(c),
        command: treeHashThen(unpackCommand(b.incoming, b.source.kind === 'tar.gz'), b.incoming, exclude),
    });
    const sent = (await observer.tree()).entries;
    const expected = treeHash(sent.values(), exclude);
    const got = serverHash(up.stdout, b.incoming);
    if (got === undefined) {
        b.log.info(`  ${noToolsNote}: the release is not verified`);
    }
    else if (got !== expected) {
        throw new errors/* RemoteError */.Hi(`the release unpacked on the server is not what was sent: its tree hash is ${incremental_short(got)}, the upload's ` +
            `${incremental_short(expected)} (a full disk or another writer in ${b.incoming}?)`, 'upload');
    }
    return {
        how: 'full',
        bytes: up.bytes,
        ms: performance.now() - started,
        record: encodeTreeRecord(sent.values(), await fingerprint),
        ...(got ? { treeHash: got } : {}),
    };
}
const noToolsNote = 'the server cannot compute the tree hash (it needs GNU find, sort, and coreutils sha256sum -z and readlink -z)';
/** The built release, or why it could not be made incrementally (the caller uploads it whole). */
async function incremental(conn, b, prev, exclude, started) {
    if (b.source.kind === 'directory' && b.source.path)
        return fromDirectory(conn, b, b.source.path, prev, exclude, started);
    if (b.source.kind !== 'git')
        return `incremental uploads are made from git archive or a directory, not a ${b.source.kind}`;
    try {
        return await fromGit(conn, b, prev, exclude, started);
    }
    catch (e) {
        // A failure on the runner (git) is a reason for the full upload, which then fails on its own if it must.
        if (!conn.isOpen)
            throw e;
        return `the incremental release could not be made: ${(0,errors/* errText */.V7)(e)}`;
    }
}
/**
 * A release from git archive: hard links for what `git diff` says is unchanged, a tar of the rest. The hash it
 * must have comes from the previous release's tree record and the changed files as they are sent; without a
 * record, or when the server's hash differs from that, from reading the whole commit with git archive.
 */
async function fromGit(conn, b, prev, exclude, started) {
    const from = `releases/${prev.tag}`;
    // What the runner's git says of the new commit alone, read while the server answers.
    const ofCommit = Promise.all([
        treePaths(b.workspace, b.source.commit),
        archiveFingerprint(b.workspace, b.source.commit),
    ]);
    ofCommit.catch(() => undefined);
    const stored = (await conn.run(readRevisionCommand(prev.dir), `reading ${from}/REVISION`, { log: false })).stdout.split('\n');
    const revision = parseRevision(stored.filter((l) => !isTreeRecordLine(l)).join('\n'));
    const record = decodeTreeRecord(stored.find(isTreeRecordLine) ?? '');
    if (!revision.commit || !revision.source?.startsWith('git archive'))
        return `${from} was not made by git archive of a known commit (its REVISION says ${revision.source ?? 'nothing'})`;
    const ancestry = await isAncestor(b.workspace, revision.commit, b.source.commit);
    if (ancestry === 'unknown')
        return `the commit of ${from} (${revision.commit.slice(0, 12)}) is not in the checkout (actions/checkout with fetch-depth: 0 has it)`;
    if (ancestry === 'no')
        return `the commit of ${from} (${revision.commit.slice(0, 12)}) is not an ancestor of ${b.tag}`;
    // What a full upload would send, read from git: at once without a record (while the server links and
    // unpacks), else only if the record's answer is not the server's.
    let whole;
    const readWhole = () => {
        if (!whole) {
            const archive = gitArchive(b.workspace, b.source.commit);
            const entries = Promise.all([readTarTree(archive.stream), archive.finished]).then(([t]) => [
                ...t.entries.values(),
            ]);
            entries.catch(() => undefined);
            whole = { entries, stop: archive.stop };
        }
        return whole.entries;
    };
    if (!record)
        void readWhole();
    const give = (why) => {
        whole?.stop();
        return why;
    };
    // An unchanged blob archives as it did only if what converts it did not change (attributes, text config).
    const [changes, [paths, fingerprint]] = await Promise.all([
        changedPaths(b.workspace, revision.commit, b.source.commit),
        ofCommit,
    ]);
    const usable = fingerprint && record?.fingerprint === fingerprint ? record.entries : undefined;
    if (record && !usable)
        void readWhole();
    const ex = exclude.map(bytePath);
    const changed = new Set(changes.filter((c) => c.status !== 'D').map((c) => c.path));
    const deleted = changes.filter((c) => c.status === 'D').length;
    const keep = paths.filter((p) => !changed.has(p) && !isExcluded(p, ex));
    const send = [...changed].filter((p) => !isExcluded(p, ex));
    if (send.some((p) => !isUtf8(p)))
        return give('a changed path is not UTF-8 (git archive takes the changed paths as arguments)');
    if (send.reduce((n, p) => n + p.length + 12, 0) > MAX_PATHSPEC_BYTES)
        return give(`${send.length} changed paths are more than one git archive command line takes`);
    const observer = tarObserver(false);
    const made = await linkAndSend(conn, b, prev.dir, keep, exclude, () => {
        const s = send.length ? gitArchivePaths(b.workspace, b.source.commit, send) : emptyTar();
        s.stream.on('data', (c) => observer.write(c));
        return s;
    });
    if (typeof made === 'string')
        return give(made);
    let entries = usable && composeTree(paths, changed, usable, (await observer.tree()).entries, (p) => isExcluded(p, ex));
    let basis = `the tree record of ${from} and the files sent`;
    if (!entries || treeHash(entries, exclude) !== made.hash) {
        entries = await readWhole();
        basis = 'git archive of the whole commit';
    }
    return verified(b, from, entries, exclude, made, started, {
        summary: `${send.length} changed, ${deleted} deleted, ${keep.length} ${b.copyUnchanged ? 'copied' : 'linked'}`,
        madeOf: 'its commit',
        basis,
        fingerprint,
    });
}
/** A release from a `source` directory: linked where the previous release has the same content. */
async function fromDirectory(conn, b, dir, prev, exclude, started) {
    const localTree = async () => {
        const p = b.source.open();
        return (await Promise.all([readTarTree(p.stream), p.finished]))[0];
    };
    const plan = await planFromContent(conn, prev.dir, exclude, localTree);
    if (typeof plan === 'string')
        return plan;
    const made = await linkAndSend(conn, b, prev.dir, plan.keep, exclude, () => plan.send.length ? tarPaths(dir, plan.send) : emptyTar());
    if (typeof made === 'string')
        return made;
    return verified(b, `releases/${prev.tag}`, plan.entries, exclude, made, started, {
        summary: `${plan.send.length} sent, ${plan.keep.length} ${b.copyUnchanged ? 'copied' : 'linked'} (same content)`,
        madeOf: 'the content it was listed with',
        basis: 'read from the source directory',
    });
}
/** One channel: the unchanged paths linked from `prevDir`, the changed ones unpacked, the tree hash printed. */
async function linkAndSend(conn, b, prevDir, keep, exclude, open) {
    const list = Buffer.from(keep.map((p) => `${p}\0`).join(''), 'latin1');
    const command = treeHashThen(linkAndUnpackCommand(prevDir, b.incoming, list.length, false, b.copyUnchanged), b.incoming, exclude);
    try {
        const source = { kind: b.source.kind, describe: `the changed paths of ${b.source.describe}`, open };
        const up = await uploadRelease(conn, source, b.incoming, { command, prefix: list });
        return { bytes: up.bytes, hash: serverHash(up.stdout, b.incoming) };
    }
    catch (e) {
        if (!conn.isOpen)
            throw e;
        return `linking the unchanged files or sending the changed ones failed: ${(0,errors/* errText */.V7)(e)}`;
    }
}
/** A tar with no member: what an incremental release sends when only deletions changed. */
function emptyTar() {
    return { stream: external_node_stream_.Readable.from([Buffer.alloc(10240)]), finished: Promise.resolve(), stop: () => undefined };
}
/** The incremental release once its tree hash is that of `entries` (what a full upload sends), or why it is not trusted. */
function verified(b, from, entries, exclude, made, started, what) {
    const got = made.hash;
    if (got === undefined)
        return `${noToolsNote}, so an incremental release cannot be verified`;
    const want = treeHash(entries, exclude);
    if (got !== want)
        return (`the tree hash of the incremental release (${incremental_short(got)}) is not that of ${b.source.describe} ` +
            `(${incremental_short(want)}): ${from} differs from ${what.madeOf} (changed on the server by hand?) and is not trusted`);
    b.log.info(`  incremental from ${from}: ${what.summary}; tree hash ${incremental_short(got)} verified (${what.basis})`);
    return {
        how: 'incremental',
        bytes: made.bytes,
        ms: performance.now() - started,
        treeHash: got,
        record: encodeTreeRecord(entries, what.fingerprint),
    };
}
/** The tree hash the server printed after unpacking, undefined when it lacks the tools; throws on anything else. */
function serverHash(stdout, dir) {
    const hash = printedTreeHash(stdout);
    if (hash === null)
        throw new errors/* RemoteError */.Hi(`computing the tree hash of ${dir} failed: the server printed ${JSON.stringify(stdout.slice(-300))}`, 'upload');
    return hash;
}
/** REVISION's `key=value` lines. */
function parseRevision(text) {
    const out = {};
    for (const line of text.split('\n')) {
        const eq = line.indexOf('=');
        if (eq > 0)
            out[line.slice(0, eq)] = line.slice(eq + 1);
    }
    return out;
}
function isUtf8(byteString) {
    const b = Buffer.from(byteString, 'latin1');
    return Buffer.from(b.toString('utf8'), 'utf8').equals(b);
}
const incremental_short = (hash) => hash.slice(0, 12);

// EXTERNAL MODULE: ./src/io/inputs.ts + 11 modules
var inputs = __webpack_require__(9228);
;// CONCATENATED MODULE: ./src/strategies/release-dirs/user-commands.ts



/**
 * A user's install-command, migrate-command or restart-command: each line on its own, in order, in a login shell
 * in `where.cwd` (a `cd` or a variable does not carry to the next line; a line ending in `\` continues). Each line
 * and its exit is logged; the first that fails stops the rest and fails the phase naming it, with the tail of
 * its output. A one-line command reads as it always did (`restart-command failed (exit 4) after the switch`).
 */
async function runUserCommands(conn, log, input, text, phase, where) {
    const lines = (0,inputs/* splitCommandLines */.hF)(text);
    log.info(`Running ${input} in ${where.cwd}${lines.length > 1 ? ` (${lines.length} lines)` : ''}`);
    for (const [i, line] of lines.entries()) {
        const name = lines.length > 1 ? `line ${i + 1} ${JSON.stringify(line)}` : '';
        if (name)
            log.info(`${input} ${name}`);
        const r = await conn.exec(releaseUserCommand(line, where));
        if (name)
            log.info(`  ${input} line ${i + 1}: exit ${r.signal ?? r.code}`);
        if (r.code === 0)
            continue;
        throw (0,errors/* inPhase */.xe)(phase, new Error(failureText(input, name, r, phase, lines.length - i - 1)));
    }
}
/** Why a line failed: its exit, where the deploy stands, the tail of its output and, for exit 127, the PATH hint. */
function failureText(input, name, r, phase, notRun) {
    const tail = (r.stderr.trim() ? r.stderr : r.stdout).trimEnd().split('\n').slice(-20).join('\n');
    const hint = r.code === 127
        ? '\nExit 127 is "command not found". User commands run in a non-interactive login shell (bash -lc): it ' +
            'reads ~/.profile or ~/.bash_profile but not ~/.bashrc, where nvm, pyenv and similar installers put ' +
            'their PATH lines. Use full paths (.venv/bin/pip, ~/.nvm/versions/node/<v>/bin/npm) or move the PATH ' +
            'lines into ~/.profile.'
        : '';
    const where = phase === 'restart' ? 'after the switch' : `before the switch; current is unchanged`;
    const skipped = notRun ? `; the ${notRun} line(s) after it did not run` : '';
    const what = name ? `${input} ${name}` : input;
    return `${what} failed (exit ${r.signal ?? r.code}) ${where}${skipped}${tail ? `:\n${tail}` : ''}${hint}`;
}

;// CONCATENATED MODULE: ./src/strategies/release-dirs/blue-green-commands.ts



/**
 * The remote command text of release directories under `switch: blue-green` (docs/blue-green.md): one slot link
 * per port, `<app-dir>/slots/<port>` -> `../releases/<tag>`, the working directory of the template unit
 * `<app>@<port>` that init writes. Pure, through the quoting module; tested as exact strings and under /bin/sh
 * with hostile app dirs (test/unit/strategies/release-dirs/blue-green-commands.test.ts).
 */
const SLOTS = 'slots';
/** Absolute path of the slot link of `port`. */
function slotPath(appDir, port) {
    return external_node_path_.posix.join(appDir, SLOTS, String(port));
}
/** What a slot link holds for `tag`: relative, so the layout survives a move of app-dir. */
function slotTarget(tag) {
    return `../${RELEASES}/${tag}`;
}
/**
 * Points slots/<port> at releases/<tag> in one rename(2) (a temporary link, then `mv -T` over the slot), as
 * `current` is switched: the unit's working directory is never missing.
 */
function linkSlotCommand(appDir, port, tag, tmpSuffix) {
    const tmp = `.${port}.tmp-${tmpSuffix}`;
    return ((0,quote.sh) `cd ${appDir} && mkdir -p -- ${SLOTS} && cd ${SLOTS} && ln -s -- ${slotTarget(tag)} ${tmp} && ` +
        (0,quote.sh) `{ mv -T -- ${tmp} ${String(port)} || { rc=$?; rm -f -- ${tmp}; exit $rc; }; }`);
}
/** Prints `<port><TAB><target>` for each slot link (nothing when there is no slots/ dir). */
function listSlotsCommand(appDir) {
    return ((0,quote.sh) `cd ${external_node_path_.posix.join(appDir, SLOTS)} 2>/dev/null || exit 0; ` +
        `for l in *; do [ -L "$l" ] || continue; printf '%s\\t%s\\n' "$l" "$(readlink -- "$l")"; done`);
}
/** Removes the slot link of `port` (not what it points at). */
function unlinkSlotCommand(appDir, port) {
    return (0,quote.sh) `rm -f -- ${slotPath(appDir, port)}`;
}
/** The slot links as listed by listSlotsCommand: port -> release tag (links that name no release are skipped). */
function parseSlots(text) {
    const out = new Map();
    for (const line of text.split('\n')) {
        const [port, target] = line.split('\t');
        const tag = /^(?:\.\.\/)?releases\/([^/]+)\/?$/.exec(target ?? '')?.[1];
        if (port && /^\d+$/.test(port) && tag)
            out.set(Number(port), tag);
    }
    return out;
}
/** The environment start-command and stop-command lines get: the slot's port and its release. */
function slotEnv(port, releaseDir) {
    return { APP_PORT: String(port), RELEASE_DIR: releaseDir };
}

;// CONCATENATED MODULE: ./src/strategies/release-dirs/blue-green.ts








/** Refuses options a blue-green release strategy cannot run with (a rollback learns the strategy late). */
function checkSlotOptions(o) {
    const missing = !o.ports.length
        ? 'ports'
        : !o.startCommand
            ? 'start-command'
            : !o.stopCommand
                ? 'stop-command'
                : undefined;
    if (missing)
        throw new errors/* ConfigurationError */.j1(`input "${missing}" is required for strategy: release with switch: blue-green ` +
            '(ports like 8001,8002; start-command and stop-command read APP_PORT, like sudo systemctl start app@${APP_PORT})');
}
/**
 * Two instances side by side: the instance on a port runs from the slot link `<app-dir>/slots/<port>` ->
 * `releases/<tag>`, started and stopped by the user's start-command / stop-command with APP_PORT and
 * RELEASE_DIR set (init's template unit `<app>@.service` uses the slot as its working directory). `current`
 * still names the serving release: promote() moves it after the proxy did.
 */
class ReleaseSlots {
    ctx;
    opts;
    hooks;
    /** Ports whose instance this run started and has not promoted: stopping one puts back the serving config. */
    started = new Map();
    constructor(ctx, opts, hooks) {
        this.ctx = ctx;
        this.opts = opts;
        this.hooks = hooks;
        checkSlotOptions(opts);
    }
    get conn() {
        return this.ctx.conn;
    }
    async startBeside(tag, port) {
        const { appDir, log } = this.ctx;
        const p = releasePaths(appDir, tag);
        if ((await this.conn.exec(isCompleteCommand(p.release), { log: false })).code !== 0) {
            const onServer = await this.hooks.available();
            throw new errors/* ConfigurationError */.j1(`release ${JSON.stringify(tag)} is not on the server (${p.releases}); releases there: ` +
                (onServer.length ? onServer.join(', ') : 'none'));
        }
        // Whatever a killed run left on this port goes first: it does not serve (the proxy names the other port).
        await this.stopAt(port);
        await this.conn.run(linkSlotCommand(appDir, port, tag, suffix()), `linking slots/${port}`, {
            log: false,
        });
        log.info(`slots/${port} -> releases/${tag}`);
        this.started.set(port, tag);
        await this.hooks.applyEnv(tag);
        await this.run('start-command', this.opts.startCommand, tag, port, 'start');
        return port;
    }
    async fatalAt() {
        // The service manager is the user's: the gate on the instance's own port is the only judge.
        return this.conn.isOpen ? undefined : (0,remote_shell/* connectionLost */.B)(this.conn);
    }
    async logsAt(port) {
        if (!this.hooks.logsCommand || !this.conn.isOpen)
            return '';
        try {
            const env = `export APP_PORT=${port}; `;
            const r = await this.conn.exec(appLogsCommand(env + this.hooks.logsCommand, this.ctx.appDir), {
                log: false,
                maxStdout: 256 * 1024,
            });
            return r.stdout.trimEnd();
        }
        catch (e) {
            this.ctx.log.debug(`logs-command failed: ${(0,errors/* errText */.V7)(e)}`);
            return '';
        }
    }
    async promote(tag, port) {
        const p = releasePaths(this.ctx.appDir, tag);
        await switchCurrent(this.conn, this.ctx.appDir, p.currentTarget);
        this.started.delete(port);
        this.ctx.log.info(`current -> ${p.currentTarget} (serving on port ${port})`);
    }
    async stopAt(port) {
        const { appDir, log } = this.ctx;
        const tag = (await this.slots()).get(port);
        if (!tag)
            return;
        await this.run('stop-command', this.opts.stopCommand, tag, port, 'stop');
        await this.conn.run(unlinkSlotCommand(appDir, port), `removing slots/${port}`, { log: false });
        log.info(`Stopped releases/${tag} on port ${port}`);
        if (this.started.delete(port))
            await this.putBackServingEnv();
    }
    /** Port -> tag of every slot link: prune keeps these releases whatever their age. */
    async slots() {
        const r = await this.conn.run(listSlotsCommand(this.ctx.appDir), 'listing slots', { log: false });
        return parseSlots(r.stdout);
    }
    /** A new instance that never served was stopped: shared/.env is again the config of what `current` names. */
    async putBackServingEnv() {
        const serving = (await this.slots()).values().next().value;
        if (serving)
            await this.hooks.applyEnv(serving);
    }
    run(input, command, tag, port, phase) {
        const { appDir, log } = this.ctx;
        const p = releasePaths(appDir, tag);
        const where = {
            tag,
            appDir,
            releaseDir: p.release,
            cwd: slotPath(appDir, port),
            env: slotEnv(port, p.release),
        };
        return runUserCommands(this.conn, log, input, command, phase, where);
    }
}
function suffix() {
    return (0,external_node_crypto_.randomBytes)(6).toString('hex');
}

;// CONCATENATED MODULE: ./src/strategies/release-dirs/strategy.ts














/**
 * The `release` strategy, for apps a service manager runs (systemd, supervisord): each tag becomes
 * <app-dir>/releases/<tag> (a git archive or a given source, streamed over SSH), shared files are linked into
 * it, install/migrate run inside it, and `current` is switched to it by one atomic rename, then the user's
 * restart-command runs. Reverting is switching back and restarting.
 */
function releaseStrategy(ctx, opts) {
    checkReleaseOptions(opts);
    return new ReleaseDirectories(ctx, opts);
}
/** Every check of the options that needs no server and no tag (releaseStrategy calls it). */
function checkReleaseOptions(opts) {
    planSharedLinks('/app', 'check', opts.sharedFiles, opts.sharedDirs);
    if (opts.blueGreen)
        checkSlotOptions(opts.blueGreen);
    const path = sourcePath(opts.workspace, opts.source);
    if (path)
        sourceKind(path, sourceFacts(path));
}
/**
 * Before connecting: the options, and that the tag's release can be made (the workspace has the tag, or
 * `source` is usable). Asynchronous because it asks the runner's git.
 */
async function checkReleaseTag(opts, tag) {
    checkReleaseOptions(opts);
    await resolveSource(opts.workspace, opts.source, tag);
}
class ReleaseDirectories {
    ctx;
    opts;
    name = 'release';
    /** A failed re-deploy of the serving tag is undone from the copy prepare() set aside. */
    restoresRedeploy = true;
    conn;
    asides = new Map();
    activated = new Set();
    /** The tag prepare() made ready in this run: its first activate puts its env-file in place. */
    preparedTag;
    /** switch: blue-green: two instances on slot links (blue-green.ts). */
    blueGreen;
    constructor(ctx, opts) {
        this.ctx = ctx;
        this.opts = opts;
        this.conn = ctx.conn;
        if (opts.blueGreen)
            this.blueGreen = new ReleaseSlots(ctx, opts.blueGreen, {
                applyEnv: (tag) => this.putEnvInPlace(tag, tag === this.preparedTag),
                logsCommand: opts.logsCommand ?? '',
                available: () => this.available(),
            });
    }
    async prepare(tag) {
        const { appDir, log } = this.ctx;
        const p = releasePaths(appDir, tag);
        const plan = planSharedLinks(appDir, tag, this.opts.sharedFiles, this.opts.sharedDirs);
        const source = await resolveSource(this.opts.workspace, this.opts.source, tag);
        const current = await readCurrent(this.conn, appDir);
        assertCurrentReplaceable(appDir, current);
        await prepareShared(this.conn, appDir, plan, this.opts.envFile, log);
        const incoming = external_node_path_.posix.join(p.releases, `${INCOMING_PREFIX}${tag}-${stamp()}`);
        let record = '';
        log.info(`Uploading ${source.describe} (commit ${source.commit}) to ${p.release}`);
        try {
            const up = await buildRelease(this.conn, {
                source,
                workspace: this.opts.workspace,
                tag,
                incoming,
                shared: plan.map((l) => l.path),
                log,
                copyUnchanged: !!(this.opts.installCommand || this.opts.migrateCommand),
                ...previousRelease(appDir, current),
            });
            log.info(`  ${formatBytes(up.bytes)} sent (${up.how} upload) in ${(up.ms / 1000).toFixed(1)}s`);
            // The config this release runs with, kept in it (pruned with it) and put in place at the switch.
            await (0,env_release/* recordEnv */.$c)(this.conn, this.opts.envFile, external_node_path_.posix.join(p.shared, '.env'), external_node_path_.posix.join(incoming, env_release/* RELEASE_ENV */.Uw));
            record = up.record;
        }
        catch (e) {
            await this.conn.exec(removeDirCommand(incoming), { log: false }).catch(() => undefined);
            throw (0,errors/* inPhase */.xe)('upload', e);
        }
        const servingThisTag = current.kind === 'link' && tagOfCurrentTarget(current.target) === tag;
        const revision = {
            tag,
            commit: source.commit,
            source: source.describe,
            deployedAt: new Date().toISOString(),
        };
        const aside = await this.placeRelease(tag, incoming, servingThisTag, revision, record);
        try {
            await linkShared(this.conn, plan);
            if (this.opts.installCommand)
                await this.runUserCommand('install-command', this.opts.installCommand, tag, 'install');
        }
        catch (e) {
            await this.restoreAfterFailedPrepare(tag, aside).catch((r) => log.warning(`could not restore releases/${tag} after the failure: ${r instanceof Error ? r.message : String(r)}`));
            throw e;
        }
        if (aside)
            this.asides.set(tag, aside);
        this.preparedTag = tag;
    }
    async migrate(tag) {
        if (this.opts.migrateCommand)
            await this.runUserCommand('migrate-command', this.opts.migrateCommand, tag, 'migrate');
    }
    async activate(tag) {
        const { appDir, log } = this.ctx;
        const p = releasePaths(appDir, tag);
        const aside = this.asides.get(tag);
        const fresh = tag === this.preparedTag && !this.activated.has(tag);
        if (aside?.wasCurrent && this.activated.has(tag)) {
            // Rolling back a re-deploy of the serving tag: the copy moved aside is what served before.
            await this.restoreAside(tag, aside);
            this.asides.delete(tag);
        }
        else {
            if (!(await switchCurrentIfComplete(this.conn, appDir, p.release, p.currentTarget))) {
                const onServer = await this.available();
                throw new errors/* ConfigurationError */.j1(`release ${JSON.stringify(tag)} is not on the server (${p.releases}); releases there: ` +
                    (onServer.length ? onServer.join(', ') : 'none'));
            }
        }
        log.info(`current -> ${p.currentTarget}`);
        this.activated.add(tag);
        await this.putEnvInPlace(tag, fresh);
        if (this.opts.restartCommand)
            await this.runUserCommand('restart-command', this.opts.restartCommand, tag, 'restart', p.current);
        else
            log.info('No restart-command: nothing restarts the app (set one, e.g. sudo systemctl restart <app>)');
    }
    /** The config recorded with `tag` becomes shared/.env (without env-file a fresh release recorded it as it is). */
    async putEnvInPlace(tag, fresh) {
        if (fresh && !this.opts.envFile)
            return;
        const p = releasePaths(this.ctx.appDir, tag);
        await (0,env_release/* applyEnv */.iJ)(this.conn, this.ctx.log, tag, external_node_path_.posix.join(p.release, env_release/* RELEASE_ENV */.Uw), external_node_path_.posix.join(p.shared, '.env'), 'shared/.env');
    }
    async fatal() {
        // The service manager is the user's (systemd, supervisord, …): the health gate is the only judge here.
        return this.conn.isOpen ? undefined : (0,remote_shell/* connectionLost */.B)(this.conn);
    }
    async readiness() {
        // The service manager is the user's: the health URL is its only view of the app.
        return { state: 'ready' };
    }
    async logs() {
        if (!this.opts.logsCommand || !this.conn.isOpen)
            return '';
        try {
            const r = await this.conn.exec(appLogsCommand(this.opts.logsCommand, this.ctx.appDir), {
                log: false,
                maxStdout: 256 * 1024,
            });
            const out = r.stdout.trimEnd();
            return r.code === 0 ? out : `${out}${out ? '\n' : ''}(logs-command exited ${r.signal ?? r.code})`;
        }
        catch (e) {
            this.ctx.log.debug(`logs-command failed: ${e instanceof Error ? e.message : String(e)}`);
            return '';
        }
    }
    async available() {
        const entries = await listReleases(this.conn, this.ctx.appDir);
        return releasesNewestFirst(entries).map((e) => e.name);
    }
    async prune(keep, protect, failed) {
        const { appDir, log } = this.ctx;
        const [entries, current] = await Promise.all([
            listReleases(this.conn, appDir),
            readCurrent(this.conn, appDir),
        ]);
        const serving = current.kind === 'link' ? tagOfCurrentTarget(current.target) : undefined;
        // A release a slot link names may be running (blue-green): never pruned, whatever its age.
        const slotted = this.blueGreen ? [...(await this.blueGreen.slots()).values()] : [];
        const choice = choosePrune(entries, {
            keep,
            protect: [...protect, ...slotted],
            failed,
            ...(serving ? { current: serving } : {}),
        });
        const holdsData = await this.withSqlite([...choice.remove, ...choice.leftovers]);
        choice.remove = choice.remove.filter((t) => !holdsData.has(t));
        const doomed = [...choice.remove, ...choice.leftovers.filter((d) => !holdsData.has(d))];
        if (!doomed.length)
            return [];
        await this.conn.run(removeReleasesCommand(appDir, doomed), 'pruning releases', { log: false });
        if (choice.remove.length)
            log.info(`Pruned releases: ${choice.remove.join(', ')} (kept ${choice.keep.join(', ')})`);
        for (const d of choice.leftovers)
            this.asides.forEach((a, t) => a.name === d && this.asides.delete(t));
        return choice.remove;
    }
    /**
     * The dirs of releases/ among `names` that hold a SQLite database: an app that opens ./app.db keeps its data
     * in the release, and pruning would delete it. Each is named in a warning and kept.
     */
    async withSqlite(names) {
        const { appDir, log } = this.ctx;
        if (!names.length)
            return new Set();
        const releases = external_node_path_.posix.join(appDir, 'releases');
        const r = await this.conn.run(sqliteFilesCommand(names.map((n) => external_node_path_.posix.join(releases, n))), 'looking for SQLite databases in the releases to prune', { log: false });
        const kept = new Set();
        for (const file of r.stdout.split('\n').filter(Boolean)) {
            const rel = external_node_path_.posix.relative(appDir, file);
            const name = external_node_path_.posix.relative(releases, file).split('/')[0];
            if (!kept.has(name))
                log.warning(`releases/${name} is not pruned: ${rel} is a SQLite database (SQLite format 3) inside the release. ` +
                    'Data belongs in shared/ (a shared-dirs entry such as data); move it there, then remove the release by hand');
            kept.add(name);
        }
        return kept;
    }
    /**
     * Writes REVISION (and the tree record, `record`) into the uploaded dir, the mark of a complete release, and puts
     * it in place as releases/<tag>, moving an existing one aside (restored on failure). Incoming is removed if
     * anything fails. One command, unless the tag is the one being served.
     */
    async placeRelease(tag, incoming, servingThisTag, revision, record) {
        const { appDir } = this.ctx;
        const p = releasePaths(appDir, tag);
        const name = `${REPLACED_PREFIX}${tag}-${stamp()}`;
        const asidePath = external_node_path_.posix.join(p.releases, name);
        const writeRevision = writeRevisionCommand(incoming, revision, true);
        const withRecord = { log: false, stdin: record };
        let exists = false;
        let servedFromAside = false;
        try {
            if (!servingThisTag) {
                const r = await this.conn.run(`${writeRevision} && ${placeReleaseCommand(incoming, p.release, asidePath)}`, `writing REVISION and placing releases/${tag}`, withRecord);
                return r.stdout.includes(MOVED_ASIDE) ? { name, wasCurrent: false } : undefined;
            }
            await this.conn.run(writeRevision, 'writing REVISION', withRecord);
            exists = (await this.conn.exec(existsCommand(p.release), { log: false })).code === 0;
            if (exists) {
                // The serving release cannot be renamed (current would dangle for an instant): hard-link copy it,
                // point current at the copy in one rename, and only then clear the name.
                await this.conn.run(hardLinkCopyCommand(p.release, asidePath), `copying the serving releases/${tag} aside`);
                await switchCurrent(this.conn, appDir, `releases/${name}`);
                servedFromAside = true;
                await this.conn.run(removeDirCommand(p.release), `removing the old releases/${tag}`);
            }
            await this.conn.run(renameDirCommand(incoming, p.release), `placing releases/${tag}`);
        }
        catch (e) {
            await this.conn.exec(removeDirCommand(incoming), { log: false }).catch(() => undefined);
            if (servedFromAside)
                await this.restoreAside(tag, { name, wasCurrent: true }).catch(() => undefined);
            throw (0,errors/* inPhase */.xe)('upload', e);
        }
        return exists ? { name, wasCurrent: true } : undefined;
    }
    async restoreAfterFailedPrepare(tag, aside) {
        const p = releasePaths(this.ctx.appDir, tag);
        if (!aside) {
            await this.conn.run(removeDirCommand(p.release), `removing the unfinished releases/${tag}`);
            return;
        }
        if (aside.wasCurrent) {
            await this.restoreAside(tag, aside);
        }
        else {
            const asidePath = external_node_path_.posix.join(p.releases, aside.name);
            await this.conn.run(replaceDirCommand(p.release, asidePath, 'rename'), `restoring releases/${tag}`);
        }
    }
    /** releases/<tag> becomes the aside copy again, with `current` resolvable at every instant. */
    async restoreAside(tag, aside) {
        const { appDir, log } = this.ctx;
        const p = releasePaths(appDir, tag);
        const asidePath = external_node_path_.posix.join(p.releases, aside.name);
        log.info(`Restoring the releases/${tag} that served before this deploy`);
        await switchCurrent(this.conn, appDir, `releases/${aside.name}`);
        await this.conn.run(replaceDirCommand(p.release, asidePath, 'copy'), `restoring releases/${tag}`);
        await switchCurrent(this.conn, appDir, p.currentTarget);
        await this.conn.run(removeDirCommand(asidePath), 'removing the copy set aside');
    }
    runUserCommand(input, command, tag, phase, cwd) {
        const { appDir, log } = this.ctx;
        const p = releasePaths(appDir, tag);
        const where = { tag, appDir, releaseDir: p.release, cwd: cwd ?? p.release };
        return runUserCommands(this.conn, log, input, command, phase, where);
    }
}
function stamp() {
    return `${Date.now().toString(36)}${(0,external_node_crypto_.randomBytes)(3).toString('hex')}`;
}
function formatBytes(n) {
    return n >= 1024 * 1024 ? `${(n / 1024 / 1024).toFixed(1)} MB` : `${(n / 1024).toFixed(1)} KB`;
}


/***/ })

};
