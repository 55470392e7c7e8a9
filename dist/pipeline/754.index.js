export const id = 754;
export const ids = [754];
export const modules = {

/***/ 6754:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

__webpack_require__.r(__webpack_exports__);
/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   LOGIN_STATE: () => (/* binding */ LOGIN_STATE),
/* harmony export */   runPipelinePost: () => (/* binding */ runPipelinePost)
/* harmony export */ });
/* harmony import */ var _local_docker_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(9103);

/** What the main step leaves its post step: the registry the runner's docker was logged in to. */
const LOGIN_STATE = 'runner-registry-login';
/**
 * The root action's post step (action.yml `post:`, `post-if: always()`): logs the runner's docker out of the
 * registry the main step logged in to, so a self-hosted runner keeps no registry credentials in
 * ~/.docker/config.json after the job. A logout that fails warns; it never fails a job whose work is done.
 */
async function runPipelinePost(io) {
    const registry = io.getState(LOGIN_STATE);
    if (!registry) {
        io.debug('the main step logged in to no registry on the runner: nothing to log out of');
        return;
    }
    await (0,_local_docker_js__WEBPACK_IMPORTED_MODULE_0__/* .dockerLogout */ .tX)(io, registry);
}


/***/ }),

/***/ 9103:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   Nt: () => (/* binding */ hasBuildx),
/* harmony export */   T3: () => (/* binding */ docker),
/* harmony export */   a1: () => (/* binding */ dockerLogin),
/* harmony export */   tX: () => (/* binding */ dockerLogout)
/* harmony export */ });
/* harmony import */ var _io_errors_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(7333);
/* harmony import */ var _exec_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(1558);


// The runner's docker builds and pushes the app image and nothing else, so its failures are the build's.
const PHASE = 'build';
/** `docker <args>` (build, push), each output line to the log; a failure names the subcommand (`docker push <ref>`). */
async function docker(log, args, env) {
    await (0,_exec_js__WEBPACK_IMPORTED_MODULE_1__/* .runLocal */ .RK)('docker', args, {
        ...(env ? { env } : {}),
        onLine: (line) => log.info(line),
        label: ['docker', ...args.slice(0, 2).filter((a, i) => i === 0 || !a.startsWith('-'))].join(' '),
        phase: PHASE,
    });
}
/** Logs the runner in to a registry with the password on stdin: never in argv, where `ps` and logs see it. */
async function dockerLogin(log, login) {
    await (0,_exec_js__WEBPACK_IMPORTED_MODULE_1__/* .runLocal */ .RK)('docker', ['login', '--username', login.username, '--password-stdin', login.registry], {
        stdin: login.password,
        onLine: (line) => log.info(line),
        label: `docker login ${login.registry}`,
        phase: PHASE,
    });
}
/**
 * Removes the runner's credentials for a registry (a self-hosted runner keeps ~/.docker/config.json between
 * jobs). Never throws: a logout that fails is a warning, it must not fail a job whose work is done.
 */
async function dockerLogout(log, registry) {
    try {
        await (0,_exec_js__WEBPACK_IMPORTED_MODULE_1__/* .runLocal */ .RK)('docker', ['logout', registry], {
            onLine: (line) => log.info(line),
            label: 'docker logout',
        });
    }
    catch (e) {
        log.warning(`could not log the runner out of ${registry}: ${(0,_io_errors_js__WEBPACK_IMPORTED_MODULE_0__/* .errText */ .V7)(e)}`);
    }
}
/** Whether the runner's docker has the buildx plugin (one build that pushes, instead of build then push). */
async function hasBuildx() {
    const r = await (0,_exec_js__WEBPACK_IMPORTED_MODULE_1__/* .runLocal */ .RK)('docker', ['buildx', 'version'], { allowFailure: true, phase: PHASE });
    return r.exitCode === 0;
}


/***/ }),

/***/ 1558:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   BM: () => (/* binding */ MissingToolError),
/* harmony export */   RK: () => (/* binding */ runLocal),
/* harmony export */   sr: () => (/* binding */ streamLocal)
/* harmony export */ });
/* unused harmony export LocalCommandError */
/* harmony import */ var node_child_process__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(1421);
/* harmony import */ var node_child_process__WEBPACK_IMPORTED_MODULE_0___default = /*#__PURE__*/__webpack_require__.n(node_child_process__WEBPACK_IMPORTED_MODULE_0__);
/* harmony import */ var node_string_decoder__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(6193);
/* harmony import */ var node_string_decoder__WEBPACK_IMPORTED_MODULE_1___default = /*#__PURE__*/__webpack_require__.n(node_string_decoder__WEBPACK_IMPORTED_MODULE_1__);
/* harmony import */ var _actions_exec__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(2697);
/* harmony import */ var _io_errors_js__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(7333);




/**
 * Every process vps-deploy starts on the runner starts here: docker, git, tar. Always an argument array, never a
 * shell, so no value is ever parsed by one.
 */
/** A program that is not on the runner (or cannot be started there): the user's to install. */
class MissingToolError extends _io_errors_js__WEBPACK_IMPORTED_MODULE_3__/* .ConfigurationError */ .j1 {
    name = 'MissingToolError';
}
/**
 * A runner-side command that ran and failed; the message names it and ends with its output's last lines. A
 * RemoteError (not the user's input, not a bug) so that, like a failed remote command, it carries its phase and
 * is shown as written.
 */
class LocalCommandError extends _io_errors_js__WEBPACK_IMPORTED_MODULE_3__/* .RemoteError */ .Hi {
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
        code = await (0,_actions_exec__WEBPACK_IMPORTED_MODULE_2__/* .exec */ .m)(file, args, {
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
        throw new LocalCommandError(`${label} failed (${how})${(0,_io_errors_js__WEBPACK_IMPORTED_MODULE_3__/* .tailOf */ .Cj)(tail)}`, code, tail, opts.phase);
    }
    return { exitCode: code ?? 1, stdout, tail };
}
/** Splits one output stream into lines; the decoder keeps a character split across chunks whole. */
function lineReader(onLine, onText) {
    const decoder = new node_string_decoder__WEBPACK_IMPORTED_MODULE_1__.StringDecoder('utf8');
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
    const child = (0,node_child_process__WEBPACK_IMPORTED_MODULE_0__.spawn)(file, args, { stdio: ['ignore', 'pipe', 'pipe'] });
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


/***/ })

};
