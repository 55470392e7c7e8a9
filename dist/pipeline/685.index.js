export const id = 685;
export const ids = [685,754];
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

/***/ 9685:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

// ESM COMPAT FLAG
__webpack_require__.r(__webpack_exports__);

// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  pipelineAction: () => (/* binding */ pipelineAction),
  runPipeline: () => (/* binding */ runPipeline)
});

// EXTERNAL MODULE: ./src/io/errors.ts
var errors = __webpack_require__(7333);
// EXTERNAL MODULE: ./src/io/secrets.ts
var io_secrets = __webpack_require__(3965);
;// CONCATENATED MODULE: ./src/github/rest-client.ts
/**
 * The GitHub REST client: @actions/github's Octokit, which goes through the runner's proxy (HTTPS_PROXY /
 * NO_PROXY, via @actions/http-client), plus @octokit/plugin-retry and @octokit/plugin-throttling held to a short
 * leash. GitHub is only told about a deploy, so the API may cost a deploy a few seconds, never stall it.
 */
const GITHUB_API_PATIENCE = {
    /** Server errors (5xx) and dropped connections: two more tries, after 0.5 s and 2 s. */
    retries: 2,
    retryBaseMs: 500,
    /** A rate limit is waited out once, and only when GitHub asks for no more than this. */
    maxRateLimitWaitSeconds: 5,
    /** One call with all its retries; past it the call is abandoned (and not retried). */
    callBudgetMs: 15_000,
};
/** GitHub's status codes that a retry cannot change; 429 is left to the throttling plugin, which reads Retry-After. */
const DO_NOT_RETRY = [400, 401, 403, 404, 410, 422, 429, 451];
/**
 * Loaded on first use, not imported at the top: Octokit and undici are most of a bundle's size, and only a deploy
 * with an environment needs them. @actions/github decides on a proxy when it is loaded, for GITHUB_API_URL, which
 * is where `apiUrl` (RunContext) comes from too.
 */
async function openGitHubRest(apiUrl, log) {
    const [{ GitHub, getUserAgentWithOrchestrationId }, { retry }, { throttling }] = await Promise.all([
        __webpack_require__.e(/* import() */ 250).then(__webpack_require__.bind(__webpack_require__, 5250)),
        Promise.all(/* import() */[__webpack_require__.e(251), __webpack_require__.e(735)]).then(__webpack_require__.bind(__webpack_require__, 9735)),
        Promise.all(/* import() */[__webpack_require__.e(251), __webpack_require__.e(856)]).then(__webpack_require__.bind(__webpack_require__, 6856)),
    ]);
    const waitOutOnce = (kind) => (retryAfter, options, _octokit, retryCount) => {
        const call = `${options.method ?? ''} ${options.url ?? ''}`.trim();
        if (retryCount < 1 && retryAfter <= GITHUB_API_PATIENCE.maxRateLimitWaitSeconds) {
            log.info(`GitHub hit a ${kind} on ${call}: trying once more in ${retryAfter}s`);
            return true;
        }
        log.debug(`GitHub hit a ${kind} on ${call} (retry after ${retryAfter}s): not waiting for it`);
        return false;
    };
    const toDebug = (message) => log.debug(message);
    const Rest = GitHub.plugin(retry, throttling);
    return new Rest({
        baseUrl: apiUrl.replace(/\/+$/, ''),
        userAgent: getUserAgentWithOrchestrationId('vps-deploy') ?? 'vps-deploy',
        retry: {
            retries: GITHUB_API_PATIENCE.retries,
            retryAfterBaseValue: GITHUB_API_PATIENCE.retryBaseMs,
            doNotRetry: DO_NOT_RETRY,
        },
        throttle: {
            onRateLimit: waitOutOnce('rate limit'),
            onSecondaryRateLimit: waitOutOnce('secondary rate limit'),
        },
        // Octokit's own notes (deprecations, plugin internals) are for debugging, not for the deploy's log.
        log: { debug: toDebug, info: toDebug, warn: toDebug, error: toDebug },
    });
}
/**
 * Runs one call with its retries inside the time budget. The abort reaches Octokit as an AbortError, which the
 * retry plugin passes on instead of retrying.
 */
async function withinBudget(call) {
    const controller = new AbortController();
    const timer = setTimeout(() => controller.abort(), GITHUB_API_PATIENCE.callBudgetMs);
    try {
        return await call(controller.signal);
    }
    finally {
        clearTimeout(timer);
    }
}
/** What a failed call means for the user, in one warning line. */
function describeFailure(e, call, apiUrl) {
    const { status, response, message, name } = e;
    const text = String(message ?? e).slice(0, 200);
    const origin = safeOrigin(apiUrl);
    if (name === 'AbortError') {
        return `GitHub API at ${origin} gave no answer to ${call} within ${GITHUB_API_PATIENCE.callBudgetMs / 1000}s; going on without a Deployment`;
    }
    if (!response)
        return `GitHub API at ${origin} is out of reach (${text}); going on without a Deployment`;
    if (/rate limit/i.test(text))
        return `GitHub rate-limited ${call} (${text}); going on without it`;
    if (status === 403 || status === 404) {
        return (`GitHub answered ${status} to ${call}: the workflow needs \`permissions: deployments: write\` ` +
            'to record a Deployment; going on without it');
    }
    return `GitHub answered ${status} to ${call} (${text}); going on without it`;
}
function safeOrigin(url) {
    try {
        return new URL(url).origin;
    }
    catch {
        return url;
    }
}

;// CONCATENATED MODULE: ./src/github/deployments.ts

const API_VERSION = '2022-11-28';
class GitHubDeployment {
    io;
    api;
    id;
    environmentUrl;
    constructor(io, api, id, environmentUrl) {
        this.io = io;
        this.api = api;
        this.id = id;
        this.environmentUrl = environmentUrl;
    }
    /** Creates the deployment and marks it in_progress; undefined when GitHub refused or could not be reached. */
    static async start(io, req) {
        const [owner, repo] = io.run.repository.split('/');
        if (!owner || !repo) {
            io.warning('environment is set but the run has no repository (GITHUB_REPOSITORY): no GitHub Deployment is recorded');
            return undefined;
        }
        if (!req.token) {
            io.warning('environment is set but github-token is empty: no GitHub Deployment is recorded');
            return undefined;
        }
        const api = new GitHubCalls(io, await openGitHubRest(io.run.apiUrl, io), req.token, owner, repo);
        const created = await api.call(`POST /repos/${owner}/${repo}/deployments`, (rest, extra) => rest.rest.repos.createDeployment({
            owner,
            repo,
            ref: req.ref,
            environment: req.environment,
            description: req.description,
            auto_merge: false,
            required_contexts: [],
            transient_environment: false,
            production_environment: /^prod(uction)?$/i.test(req.environment),
            payload: { tag: req.tag },
            ...extra,
        }));
        // 202 (a merge of the default branch instead of a deployment) cannot happen with auto_merge off.
        const id = created && 'id' in created ? created.id : undefined;
        if (typeof id !== 'number')
            return undefined;
        const d = new GitHubDeployment(io, api, id, req.environmentUrl);
        await d.status('in_progress', `deploying ${req.tag}`);
        io.info(`GitHub Deployment ${id} for environment ${req.environment}`);
        return d;
    }
    async status(state, description) {
        const { owner, repo } = this.api;
        await this.api.call(`POST /repos/${owner}/${repo}/deployments/${this.id}/statuses`, (rest, extra) => rest.rest.repos.createDeploymentStatus({
            owner,
            repo,
            deployment_id: this.id,
            state,
            description: description.slice(0, 140),
            auto_inactive: true,
            ...(this.io.run.runUrl ? { log_url: this.io.run.runUrl } : {}),
            ...(this.environmentUrl ? { environment_url: this.environmentUrl } : {}),
            ...extra,
        }));
    }
}
class GitHubCalls {
    io;
    rest;
    token;
    owner;
    repo;
    constructor(io, rest, token, owner, repo) {
        this.io = io;
        this.rest = rest;
        this.token = token;
        this.owner = owner;
        this.repo = repo;
    }
    /** The response data, or undefined after a warning: a Deployment is never worth failing the deploy for. */
    async call(label, send) {
        try {
            const res = await withinBudget((signal) => send(this.rest, {
                // Bearer, as GitHub documents it; Octokit's token auth would send `token <value>`.
                headers: { authorization: `Bearer ${this.token}`, 'x-github-api-version': API_VERSION },
                request: { signal },
            }));
            return res.data;
        }
        catch (e) {
            this.io.warning(describeFailure(e, label, this.io.run.apiUrl));
            return undefined;
        }
    }
}

// EXTERNAL MODULE: ./src/io/cancel.ts
var io_cancel = __webpack_require__(6736);
;// CONCATENATED MODULE: ./src/health/verdict.ts
// ok, pass, up, healthy (and any other word) on a 2xx are `ok`.
const DEGRADED = new Set(['degraded', 'warn']);
const UNHEALTHY = new Set(['unhealthy', 'fail', 'down', 'error']);
function verdictOf(r) {
    if (r.code === undefined)
        return 'unreachable';
    if (r.code === 503)
        return 'unhealthy';
    if (r.code < 200 || r.code > 299)
        return 'unreachable';
    const status = bodyStatus(r.body ?? '');
    if (status === undefined)
        return 'ok';
    if (DEGRADED.has(status))
        return 'degraded';
    if (UNHEALTHY.has(status))
        return 'unhealthy';
    // ok/pass/up/healthy, or a word we do not know: the code says healthy and nothing says otherwise.
    return 'ok';
}
/** The lower-cased `status` of a JSON body (also `application/health+json`), or undefined. */
function bodyStatus(body) {
    const t = body.trim();
    if (!t.startsWith('{'))
        return undefined;
    try {
        const parsed = JSON.parse(t);
        if (parsed && typeof parsed === 'object' && 'status' in parsed) {
            const s = parsed.status;
            if (typeof s === 'string')
                return s.trim().toLowerCase();
        }
    }
    catch {
        // A truncated or malformed body is "not JSON": the code decides.
    }
    return undefined;
}
/** Whether a verdict lets the gate count a success. */
function passes(v, allowDegraded) {
    return v === 'ok' || (v === 'degraded' && allowDegraded);
}

;// CONCATENATED MODULE: ./src/health/gate.ts


/**
 * Polls until `successes` consecutive passing probes (degraded passes unless allowDegraded is false), or the
 * deadline. The last probe never outlives the deadline: its timeout is cut to the time left.
 */
async function gateOnHealth(opts, hooks) {
    const now = hooks.now ?? (() => performance.now());
    const sleep = hooks.sleep ?? ((ms) => new Promise((r) => setTimeout(r, ms)));
    const start = now();
    const deadline = start + opts.timeoutSeconds * 1000;
    let consecutive = 0;
    let attempts = 0;
    let last = { verdict: 'unreachable', latencyMs: 0, body: '', error: 'not probed yet' };
    const { signal } = hooks;
    const cancelled = () => ({
        passed: false,
        last,
        attempts,
        elapsedMs: now() - start,
        reason: `cancelled after ${attempts} probe(s)`,
        cancelled: true,
    });
    for (;;) {
        const left = deadline - now();
        if (left <= 0)
            break;
        if (signal?.aborted)
            return cancelled();
        const budget = Math.max(1, Math.round(Math.min(opts.requestTimeoutSeconds * 1000, left)));
        const r = await (0,io_cancel/* untilAborted */.Eu)(hooks.probe(budget), signal);
        if (!r)
            return cancelled();
        attempts++;
        // A probe the deadline cut short says nothing about the app: the last real answer stays the verdict.
        const cutByDeadline = budget < opts.requestTimeoutSeconds * 1000 && r.code === undefined && attempts > 1;
        if (!cutByDeadline)
            last = r;
        consecutive = passes(r.verdict, opts.allowDegraded) ? consecutive + 1 : 0;
        hooks.onProbe?.(r, attempts, consecutive);
        if (consecutive >= opts.successes)
            return { passed: true, last, attempts, elapsedMs: now() - start };
        const reason = await hooks.fatal?.(r);
        if (reason)
            return { passed: false, last, attempts, elapsedMs: now() - start, reason };
        // No probe starts that the deadline would cut to nothing: its verdict would say nothing of the app.
        const wait = opts.intervalSeconds * 1000;
        if (now() + wait >= deadline)
            break;
        await (0,io_cancel/* untilAborted */.Eu)(sleep(wait), signal);
    }
    return {
        passed: false,
        last,
        attempts,
        elapsedMs: now() - start,
        reason: `health-timeout (${opts.timeoutSeconds}s) ran out after ${attempts} probe(s); last verdict ${describeVerdict(last)}`,
    };
}
function describeVerdict(r) {
    const code = r.code !== undefined ? ` (HTTP ${r.code}, ${r.latencyMs} ms)` : '';
    return `${r.verdict}${code}${r.error ? ` — ${r.error}` : ''}`;
}

// EXTERNAL MODULE: external "node:crypto"
var external_node_crypto_ = __webpack_require__(7598);
;// CONCATENATED MODULE: ./src/ssh/quote.ts
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

;// CONCATENATED MODULE: ./src/flow/state.ts


const STATE_DIR = '.vps-deploy';
function stateDir(appDir) {
    return `${appDir}/${STATE_DIR}`;
}
function emptyState(strategy) {
    return { current: null, previous: null, strategy };
}
/**
 * Parses state.json's content. Content that is not a state (torn, empty, wrong types) is an error saying how to
 * repair it: read as "nothing deployed" it would leave the next deploy without a previous release to roll back
 * to. An unknown `strategy` reads as `fallback`.
 */
function parseState(text, fallback, path = `${STATE_DIR}/state.json`) {
    let v;
    try {
        v = JSON.parse(text);
    }
    catch (e) {
        throw corruptState(path, fallback, text.trim() ? `not JSON: ${e.message}` : 'empty');
    }
    if (!v || typeof v !== 'object' || Array.isArray(v))
        throw corruptState(path, fallback, 'not a JSON object');
    for (const key of ['current', 'previous']) {
        if (v[key] !== undefined && v[key] !== null && typeof v[key] !== 'string')
            throw corruptState(path, fallback, `"${key}" is ${JSON.stringify(v[key])}, not a tag or null`);
    }
    const str = (x) => (typeof x === 'string' && x ? x : null);
    const strategy = v.strategy === 'release' || v.strategy === 'compose' ? v.strategy : fallback;
    const mark = v.interrupted && typeof v.interrupted.tag === 'string' ? { interrupted: v.interrupted } : {};
    return { current: str(v.current), previous: str(v.previous), strategy, ...mark };
}
function corruptState(path, strategy, why) {
    const ledger = path.replace(/state\.json$/, 'releases.jsonl');
    return new errors/* ConfigurationError */.j1(`${path} cannot be read (${why}). It says which release is current and which one a rollback returns to, ` +
        `so nothing was changed rather than guess. Repair it on the server: write ` +
        `{"current":"<tag>","previous":"<tag>","strategy":"${strategy}"} (null where there is none; the last ` +
        `lines of ${ledger} with outcome "deployed" or "rolled-back" name the tags), or remove it to start over ` +
        `as if nothing had been deployed (the next deploy then has no previous release to roll back to)`);
}
/** `tag` passed its gate and is now current: the old current becomes previous (unless it is the same tag). */
function promoted(state, tag, strategy = state.strategy) {
    const previous = state.current && state.current !== tag ? state.current : state.previous !== tag ? state.previous : null;
    return { current: tag, previous, strategy };
}
async function readState(conn, appDir, fallback) {
    const path = `${stateDir(appDir)}/state.json`;
    // Exit 3: no file, nothing deployed yet. Any other failure to read it is not that.
    const r = await conn.exec(sh `if [ -e ${path} ]; then cat -- ${path}; else exit 3; fi`, { log: false });
    if (r.code === 3)
        return emptyState(fallback);
    if (r.code !== 0)
        throw new errors/* RemoteError */.Hi(`reading ${path} failed (exit ${r.code}): ${r.stderr.trim() || 'no message'}`);
    return parseState(r.stdout, fallback, path);
}
/** Written atomically: SFTP to a temp name, then rename over state.json. */
async function writeState(conn, appDir, state) {
    const body = JSON.stringify({ ...state, updatedAt: new Date().toISOString() }, null, 2) + '\n';
    await conn.upload(body, `${stateDir(appDir)}/state.json`, 0o644);
}

;// CONCATENATED MODULE: ./src/flow/ledger.ts



const MAX_ERROR = 2000;
/** Shapes one ledger line. Secrets are replaced wherever they appear (an error tail may echo anything). */
function ledgerRecord(attempt, end, secrets = [], now = new Date()) {
    const record = { ...attempt, time: now.toISOString(), ...end };
    if (record.error)
        record.error = redact(record.error, secrets).slice(0, MAX_ERROR);
    if (record.durations) {
        record.durations = Object.fromEntries(Object.entries(record.durations).map(([k, v]) => [k, Math.round(v)]));
    }
    return record;
}
/**
 * Replaces every secret with *** (each line of a multi-line one, each KEY=value's value too), and withholds a
 * line that holds a secret too short to mask: the one rule of src/io/secrets.ts, as the log follows it.
 */
function redact(text, secrets) {
    return (0,io_secrets/* redactSecrets */.fp)(text, secrets);
}
/** One record per attempt (its last line wins), oldest first. Malformed lines are skipped, each told to `skipped`. */
function attemptsOf(lines, skipped = () => { }) {
    const byId = new Map();
    for (const line of lines.split('\n')) {
        if (!line.trim())
            continue;
        try {
            const r = JSON.parse(line);
            if (r && typeof r.id === 'string' && typeof r.tag === 'string') {
                byId.set(r.id, { ...byId.get(r.id), ...r });
            }
            else
                skipped(line);
        }
        catch {
            // a torn line (disk full, a killed writer) must not hide the rest
            skipped(line);
        }
    }
    return [...byId.values()];
}
/** Whether an attempt left `tag` running after a passed gate. */
function landed(r) {
    return ((r.action === 'deploy' && r.outcome === 'deployed') ||
        (r.action === 'rollback' && r.outcome === 'rolled-back'));
}
/** Tags that were tried and never passed a gate: they do not count toward keep-releases. */
function failedTags(records) {
    const good = new Set(records.filter(landed).map((r) => r.tag));
    const tried = records.filter((r) => r.action === 'deploy' && r.outcome !== 'started').map((r) => r.tag);
    return [...new Set(tried)].filter((t) => !good.has(t));
}
/** The ledger of one app on one server. */
class ReleaseLedger {
    conn;
    appDir;
    log;
    constructor(conn, appDir, 
    /** Told about lines that are not records (a torn write), which readers skip. */
    log) {
        this.conn = conn;
        this.appDir = appDir;
        this.log = log;
    }
    get file() {
        return `${stateDir(this.appDir)}/releases.jsonl`;
    }
    /**
     * Appends one line; the record travels on stdin, never on the command line. A last line torn by an earlier
     * write (no newline at its end) is ended first, so it cannot swallow this record.
     */
    async append(record) {
        const f = this.file;
        const endTorn = sh `if [ -s ${f} ] && [ -n "$(tail -c 1 ${f})" ]; then echo >> ${f}; fi`;
        await this.conn.run(sh `mkdir -p ${stateDir(this.appDir)} && ${raw(endTorn)} && cat >> ${f}`, 'writing the ledger', {
            stdin: JSON.stringify(record) + '\n',
            log: false,
        });
    }
    async read(lastLines = 2000) {
        const r = await this.conn.exec(sh `tail -n ${lastLines} ${this.file} 2>/dev/null || true`, { log: false });
        let torn = 0;
        const records = attemptsOf(r.stdout, () => torn++);
        if (torn)
            this.log?.warning(`${this.file}: ${torn} line(s) skipped, not a JSON record (a write cut short by a full disk or a killed run)`);
        return records;
    }
}

;// CONCATENATED MODULE: ./src/flow/lock-script.ts

/**
 * The shell text of the app lock (docs/server-layout.md, "lock"): the holder shell that takes `flock`, renews
 * its lease from its stdin and stops the process groups its run started when it lets go, and the wrapper that
 * starts each remote command of a locked run in its own process group, registered with that holder. Pure.
 */
const MARK = {
    held: 'VPSD-LOCK-HELD',
    busy: 'VPSD-LOCK-BUSY',
    timeout: 'VPSD-LOCK-TIMEOUT',
    noTools: 'VPSD-LOCK-NO-TOOLS',
    noReadTimeout: 'VPSD-LOCK-NO-READ-TIMEOUT',
    /** The holder gave the lock up on its own (connection closed, lease ran out): the reason follows. */
    lost: 'VPSD-LOCK-LOST',
    /** A command of a run whose lease is gone refused to start (on its stderr). */
    leaseGone: 'VPSD-LEASE-GONE',
};
/** The line the runner writes to renew the lease, and the one that ends it on purpose. */
const RENEW_LINE = 'renew\n';
const RELEASE_LINE = 'release\n';
/** Seconds between TERM and KILL when the holder stops what a run left running. */
const STOP_GRACE_SECONDS = 5;
/** The registry of one holder's commands: `<dir>/processes/<leaseId>/<pgid>`. */
function registryOf(dir, leaseId) {
    return `${dir}/processes/${leaseId}`;
}
/**
 * Stops every process group registered in the directory $1, then removes it: TERM, KILL after the grace, and
 * waits until each group is gone. A registration records the boot and the start time of its group leader,
 * so a pid the kernel reused since (after a reboot, or after the group ended unnoticed) is never signalled.
 */
const STOP_GROUPS = `stop_groups() {
  boot=$(cat /proc/sys/kernel/random/boot_id 2>/dev/null)
  groups=
  for f in "$1"/*; do
    [ -f "$f" ] || continue
    p=\${f##*/}
    case $p in ''|*[!0-9]*) continue ;; esac
    b= st=
    read -r b st < "$f"
    [ -n "$b" ] && [ "$b" != "$boot" ] && continue
    if [ -n "$st" ] && [ -r "/proc/$p/stat" ]; then
      [ "$(sed 's/^.*) //' "/proc/$p/stat" | cut -d' ' -f20)" = "$st" ] || continue
    fi
    kill -TERM -- "-$p" 2>/dev/null && groups="$groups $p"
  done
  n=0
  while [ -n "$groups" ]; do
    left=
    for p in $groups; do kill -0 -- "-$p" 2>/dev/null && left="$left $p"; done
    groups=$left
    [ -z "$groups" ] && break
    n=$((n + 1))
    if [ "$n" -eq ${STOP_GRACE_SECONDS * 5} ]; then
      for p in $groups; do kill -KILL -- "-$p" 2>/dev/null; done
    fi
    [ "$n" -gt ${(STOP_GRACE_SECONDS + 25) * 5} ] && break
    sleep 0.2
  done
  rm -rf "$1"
}`;
/**
 * The holder: takes `flock` on `<dir>/lock` (waiting up to timeoutSeconds), writes the holder line it reads
 * first from stdin into the lock file, then reads renewals with a timeout of leaseSeconds. It lets go on a
 * `release` line, on end of input (the runner died or the connection was cut: OpenSSH signals nothing to a
 * command without a pty, but its stdin closes) or when no renewal came within the lease (the runner is frozen
 * while its TCP connection stays up). Whatever the reason, it first stops the process groups its run registered
 * and only then frees the lock, so the next holder never runs beside them. Leftovers of a holder that died
 * without this cleanup (killed itself, or a reboot) are stopped by the next holder before it starts.
 * `read -t` is not in POSIX sh: bash (or busybox ash) runs it.
 */
function lockScript(dir, leaseId, opts) {
    const reg = registryOf(dir, leaseId);
    const lease = String(opts.leaseSeconds);
    const script = sh `trap '' PIPE HUP
(read -t 1 x </dev/null) 2>/dev/null; [ $? -eq 1 ] || { echo ${MARK.noReadTimeout}; exit 2; }
mkdir -p ${dir} && cd ${dir} || exit 1
command -v flock >/dev/null 2>&1 && command -v setsid >/dev/null 2>&1 || { echo ${MARK.noTools}; exit 2; }
exec 9<>lock
if ! flock -n 9; then
  echo "${MARK.busy} $(head -c 2000 lock | tr '\\n' '\\t')"
  flock -w ${String(opts.timeoutSeconds)} 9 || { echo "${MARK.timeout} $(head -c 2000 lock | tr '\\n' '\\t')"; exit 3; }
fi
IFS= read -r holder || exit 4
${raw(STOP_GROUPS)}
for d in processes/*/; do [ -d "$d" ] && stop_groups "\${d%/}"; done
mkdir -p ${reg} || exit 5
printf '%s\\n' "$holder" > lock
echo ${MARK.held}
why=
while [ -z "$why" ]; do
  IFS= read -r -t ${lease} line
  rc=$?
  if [ $rc -eq 0 ]; then
    [ "$line" = release ] && why=released
  elif [ $rc -gt 128 ]; then
    why="its lease ran out: no renewal reached the server for ${lease}s"
  else
    why="its connection closed"
  fi
done
mv ${reg} ${`${reg}.ending`}
if [ "$why" != released ]; then
  printf '%s\\n%s\\n' "$holder" "stopping the commands it started ($why)" > lock
  echo "${MARK.lost} $why"
fi
stop_groups ${`${reg}.ending`}
: > lock`;
    return `exec "$(command -v bash || command -v ash || echo sh)" -c ${quoteForShell(script)}`;
}
/**
 * A command of a locked run, started in its own process group (setsid) and registered in the holder's
 * registry for as long as it runs. Registering is also the check that the lease is still held: the holder
 * renames its registry away before it stops what is in it, so a command sent after the lease ended refuses to
 * start (exit 125, MARK.leaseGone on stderr). The command itself runs in the login shell sshd would have used.
 */
function leasedCommand(registry, command) {
    const guard = `b=$(cat /proc/sys/kernel/random/boot_id 2>/dev/null)
st=$(sed 's/^.*) //' /proc/$$/stat 2>/dev/null | cut -d' ' -f20)
( printf '%s %s\\n' "$b" "$st" > "$1/$$" ) 2>/dev/null || { echo "${MARK.leaseGone}" >&2; exit 125; }
"\${SHELL:-/bin/sh}" -c "$2"
rc=$?
rm -f "$1/$$"
exit $rc`;
    return sh `exec setsid -w sh -c ${guard} vpsd-leased ${registry} ${command}`;
}

;// CONCATENATED MODULE: ./src/flow/leased-shell.ts





/**
 * The shell of a run that holds the app lock: every remote command goes through leasedCommand (its own process
 * group, registered with the lock's holder), so the lock covers every process the run started: when the run
 * dies, is cut off or stalls past its lease, the holder stops them before anyone else gets the lock. Once the
 * lock is lost nothing more is sent, and the server refuses a command that was sent before we knew.
 */
class LeasedShell {
    inner;
    lock;
    appDir;
    constructor(inner, lock, appDir) {
        this.inner = inner;
        this.lock = lock;
        this.appDir = appDir;
    }
    get label() {
        return this.inner.label;
    }
    get host() {
        return this.inner.host;
    }
    /** False once the connection or the lock is lost: the flow then records nothing more and stops. */
    get isOpen() {
        return this.inner.isOpen && !this.lock.lost;
    }
    /** The error a run gets when its lock went away under it, or undefined while it holds it. */
    lostError(phase) {
        const why = this.lock.lost;
        if (!why || !this.inner.isOpen)
            return undefined;
        return new errors/* RemoteError */.Hi(`lost the lock of ${this.appDir} (${why}): another run may hold it now, so this one stops here ` +
            'and changes nothing more; the commands it had started on the server were stopped', phase);
    }
    async exec(command, opts = {}) {
        this.check();
        const r = await this.inner.exec(leasedCommand(this.lock.registry, command), opts);
        this.check();
        if (r.code === 125 && r.stderr.includes(MARK.leaseGone))
            throw this.gone();
        return r;
    }
    async run(command, what, opts = {}) {
        const r = await this.exec(command, opts);
        if (r.code !== 0) {
            throw new errors/* RemoteError */.Hi(`${what} failed (exit ${r.signal ?? r.code})${(0,errors/* tailOf */.Cj)(r.stderr || r.stdout)}`);
        }
        return r;
    }
    async channel(command) {
        this.check();
        const ch = await this.inner.channel(leasedCommand(this.lock.registry, command));
        this.check();
        return ch;
    }
    /** To a temp name, then renamed by a leased command: a stale run's upload never lands under its real name. */
    async upload(content, remotePath, mode) {
        this.check();
        const tmp = `${remotePath}.leased-${(0,external_node_crypto_.randomBytes)(6).toString('hex')}`;
        await this.inner.upload(content, tmp, mode);
        try {
            await this.run(sh `mv -f ${tmp} ${remotePath}`, `moving the upload into ${remotePath}`, { log: false });
        }
        catch (e) {
            if (this.inner.isOpen)
                await this.inner.exec(sh `rm -f ${tmp}`, { log: false }).catch(() => undefined);
            throw e;
        }
    }
    async tunnel(host, port) {
        this.check();
        return this.checked(await this.inner.tunnel(host, port));
    }
    async unixSocket(socketPath) {
        this.check();
        return this.checked(await this.inner.unixSocket(socketPath));
    }
    checked(stream) {
        if (this.lock.lost) {
            stream.destroy();
            this.check();
        }
        return stream;
    }
    check() {
        const e = this.lostError();
        if (e)
            throw e;
    }
    gone() {
        return (this.lostError() ??
            new errors/* RemoteError */.Hi(`the lock of ${this.appDir} was given up on the server: this run stops here`));
    }
}
/**
 * Runs body under the lock that take() acquires, with a LeasedShell, and always releases the lock. An error
 * raised because the lock went away under the run (its commands refused, its probes cut) is reported as that,
 * with the phase phaseOf finds in the original error.
 */
async function underAppLock(conn, appDir, take, body, phaseOf = () => undefined) {
    const lock = await take();
    const shell = new LeasedShell(conn, lock, appDir);
    try {
        return await body(shell);
    }
    catch (e) {
        throw shell.lostError(phaseOf(e)) ?? e;
    }
    finally {
        if (conn.isOpen)
            await lock.release();
    }
}

;// CONCATENATED MODULE: ./src/flow/lock.ts




/** The lease in production: a runner that renews nothing for this long has lost the lock. */
const LEASE_SECONDS = 60;
/**
 * The lease length: LEASE_SECONDS, or VPS_DEPLOY_LOCK_LEASE_SECONDS (a test knob: the fault suites freeze a
 * runner and cannot wait a minute). Values below 2 s are refused: renewals every lease/4 need some slack.
 */
function leaseSecondsFrom(env = process.env) {
    const v = Number(env.VPS_DEPLOY_LOCK_LEASE_SECONDS);
    return Number.isFinite(v) && v >= 2 ? v : LEASE_SECONDS;
}
/** What a waiting run tells the user about the holder (the lock file: the holder's JSON line, then its state). Pure. */
function holderMessage(text, now = new Date()) {
    const [line = '', ...rest] = text.split('\t');
    const doing = rest.join(' ').trim();
    const tail = doing ? `; it is ${doing}` : '';
    let h = {};
    try {
        h = JSON.parse(line);
    }
    catch {
        return text.trim()
            ? `an unknown holder (${text.trim().slice(0, 200)})`
            : 'another deploy (it has not written its name yet)';
    }
    const since = h.since ? new Date(h.since) : undefined;
    const age = since && !Number.isNaN(since.getTime())
        ? ` since ${h.since} (${Math.max(0, Math.round((now.getTime() - since.getTime()) / 1000))}s ago)`
        : '';
    const who = [h.action ?? 'deploy', h.tag ? `of ${h.tag}` : '', h.actor ? `by ${h.actor}` : '']
        .filter(Boolean)
        .join(' ');
    return `${who}${h.runUrl ? ` (${h.runUrl})` : ' (outside GitHub Actions)'}${age}${tail}`;
}
/** Takes the lock of appDir, waiting up to timeoutSeconds for another holder to finish. */
async function acquireDeployLock(conn, appDir, holder, timeoutSeconds, log, leaseSeconds = leaseSecondsFrom()) {
    const started = performance.now();
    const dir = stateDir(appDir);
    const leaseId = `${Date.now().toString(36)}-${(0,external_node_crypto_.randomBytes)(6).toString('hex')}`;
    const channel = await conn.channel(lockScript(dir, leaseId, { timeoutSeconds, leaseSeconds }));
    channel.on('error', () => undefined); // a renewal written after the holder exited is dropped, as over SSH
    channel.write(JSON.stringify(holder) + '\n');
    let lostWhy;
    await new Promise((resolve, reject) => {
        let out = '';
        let stderr = '';
        let settled = false;
        const fail = (message) => {
            settled = true;
            reject(new errors/* RemoteError */.Hi(message, 'lock'));
        };
        channel.on('data', (d) => {
            out += d.toString('utf8');
            let nl;
            while ((nl = out.indexOf('\n')) >= 0) {
                const line = out.slice(0, nl);
                out = out.slice(nl + 1);
                if (line === MARK.held) {
                    settled = true;
                    resolve();
                }
                else if (line.startsWith(MARK.lost)) {
                    lostWhy = line.slice(MARK.lost.length + 1);
                }
                else if (line.startsWith(MARK.busy)) {
                    log.info(`Waiting up to ${timeoutSeconds}s for the deploy lock of ${appDir}, held by ${holderMessage(line.slice(MARK.busy.length + 1))}`);
                }
                else if (line.startsWith(MARK.timeout)) {
                    fail(`another deploy holds the lock of ${appDir}: ${holderMessage(line.slice(MARK.timeout.length + 1))}; ` +
                        `gave up after lock-timeout (${timeoutSeconds}s). Wait for it to finish, or raise lock-timeout.`);
                }
                else if (line === MARK.noTools) {
                    fail('the server has no `flock` or `setsid` (package util-linux): install it to deploy');
                }
                else if (line === MARK.noReadTimeout) {
                    fail('the server has neither bash nor a shell with `read -t` (the lock needs one): install bash');
                }
            }
        });
        channel.stderr.on('data', (d) => (stderr += d.toString('utf8')));
        // exitStatus, not a 'close' listener: a script that fails at once may close before one could be attached.
        void channel.exitStatus.then(() => {
            lostWhy ??= conn.isOpen ? 'its holder on the server ended' : 'the SSH connection was lost';
            if (!settled)
                fail(`could not take the lock in ${dir}${stderr.trim() ? `: ${stderr.trim().slice(-500)}` : ''}`);
        });
    });
    let released = false;
    const renewals = setInterval(() => channel.write(RENEW_LINE), (leaseSeconds * 1000) / 4);
    void channel.exitStatus.then(() => clearInterval(renewals));
    return {
        waitedSeconds: (performance.now() - started) / 1000,
        registry: registryOf(dir, leaseId),
        get lost() {
            return released ? undefined : lostWhy;
        },
        release: () => {
            released = true;
            clearInterval(renewals);
            return releaseChannel(channel);
        },
    };
}
/** Says `release` and closes the holder's stdin; it stops leftovers, empties the lock file and exits. */
function releaseChannel(channel) {
    return new Promise((resolve) => {
        const t = setTimeout(resolve, 15_000);
        void channel.exitStatus.then(() => {
            clearTimeout(t);
            resolve();
        });
        channel.end(RELEASE_LINE);
    });
}

;// CONCATENATED MODULE: ./src/flow/attempt.ts







function healthFacts(g) {
    return {
        passed: g.passed,
        verdict: g.last.verdict,
        ...(g.last.code !== undefined ? { code: g.last.code } : {}),
        latencyMs: g.last.latencyMs,
    };
}
/** The ledger's `restore` field for a release brought back: its gate, or unreachable when it never got one. */
function restoreFacts(tag, gate) {
    return { tag, ...(gate ? healthFacts(gate) : { passed: false, verdict: 'unreachable' }) };
}
/**
 * One attempt on one host, under the deploy lock: times each phase in its own log group and tags its errors
 * with the phase, and writes the attempt's ledger lines.
 */
class Attempt {
    ctx;
    ledger;
    phases = {};
    facts;
    constructor(ctx, ledger) {
        this.ctx = ctx;
        this.ledger = ledger;
    }
    /**
     * Takes the lock, runs body with every remote command under it (a LeasedShell: the strategies are made
     * again over it), and always releases the lock.
     */
    static async underLock(ctx, holder, body) {
        const locking = new Attempt(ctx, new ReleaseLedger(ctx.conn, ctx.appDir, ctx.log));
        const take = () => locking.phase('lock', `Deploy lock of ${ctx.appDir}`, () => acquireDeployLock(ctx.conn, ctx.appDir, { ...ctx.run, ...holder, since: new Date().toISOString() }, ctx.lockTimeoutSeconds, ctx.log));
        return underAppLock(ctx.conn, ctx.appDir, take, (shell) => {
            const locked = {
                ...ctx,
                conn: shell,
                strategyFor: (name) => ctx.strategyFor(name, shell),
            };
            const attempt = new Attempt(locked, new ReleaseLedger(shell, ctx.appDir, ctx.log));
            Object.assign(attempt.phases, locking.phases);
            return body(attempt);
        }, phaseOf);
    }
    readState(fallback) {
        return this.ctx.conn.isOpen
            ? readState(this.ctx.conn, this.ctx.appDir, fallback)
            : Promise.reject(new errors/* RemoteError */.Hi('connection lost'));
    }
    /** Runs fn as a named phase: a log group, a duration, and errors tagged with the phase. */
    async phase(name, title, fn) {
        const t0 = performance.now();
        try {
            return await this.ctx.log.group(title, fn);
        }
        catch (e) {
            throw (0,errors/* inPhase */.xe)(name, e);
        }
        finally {
            this.phases[name] = (this.phases[name] ?? 0) + performance.now() - t0;
        }
    }
    /** The first ledger line: from here on an unfinished attempt is visible. */
    async begin(facts) {
        this.facts = { id: (0,external_node_crypto_.randomUUID)(), host: this.ctx.conn.label, ...this.ctx.run, ...facts };
        await this.ledger.append(ledgerRecord(this.facts, { outcome: 'started' }, this.ctx.secrets));
    }
    /** The final ledger line. Failing to write it (the connection is gone) is logged, not thrown over the real error. */
    async finish(end) {
        if (!this.facts)
            return;
        const record = ledgerRecord(this.facts, { ...end, durations: { ...this.phases } }, this.ctx.secrets);
        try {
            await this.ledger.append(record);
        }
        catch (e) {
            this.ctx.log.warning(`could not write the ledger's final line (${(0,errors/* errText */.V7)(e)}): the attempt stays recorded as started`);
        }
    }
}
/** The phase a tagged error happened in. */
function phaseOf(e) {
    return e instanceof errors/* RemoteError */.Hi ? e.phase : undefined;
}
/** `{ phase }` for a ledger line when the error names one, else nothing (no `phase: undefined` key). */
function phaseField(e) {
    const phase = phaseOf(e);
    return phase ? { phase } : {};
}

;// CONCATENATED MODULE: ./src/flow/cancel.ts




/**
 * What a cancel (SIGINT/SIGTERM, src/io/cancel.ts) does to one attempt, by where it finds it (docs/faults.md,
 * "Cancellation"): before the switch the attempt stops at its next step with nothing changed; after it, the
 * release that ran is brought back and gated within the grace, or state.json and the ledger say `interrupted`.
 */
class CancelWatch {
    signal;
    phase = 'connect';
    arrivedIn;
    constructor(signal) {
        this.signal = signal;
        if (signal?.aborted)
            this.arrivedIn = 'connect';
        else
            signal?.addEventListener('abort', () => (this.arrivedIn ??= this.phase), { once: true });
    }
    get request() {
        return (0,io_cancel/* cancelRequest */.UL)(this.signal);
    }
    enter(phase) {
        this.phase = phase;
    }
    /** A step before the switch: not started when a cancel came first. */
    async step(attempt, name, title, fn) {
        await this.stopIfCancelled(attempt);
        this.enter(name);
        return attempt.phase(name, title, fn);
    }
    /** Before the switch: records `cancelled` with the phase the cancel found, and stops the attempt. */
    async stopIfCancelled(attempt) {
        const req = this.request;
        if (!req)
            return;
        const phase = this.arrivedIn ?? this.phase;
        const error = `cancelled (${req.signal}) during ${phase}, before the switch: nothing changed on ${attempt.ctx.conn.label}`;
        await attempt.finish({ outcome: 'cancelled', phase, error });
        throw new io_cancel/* Cancelled */.cJ(error, phase);
    }
    /** A cancel that came before the lock was taken: no ledger line (the ledger is written under the lock only). */
    beforeLock(label) {
        const phase = this.arrivedIn ?? this.phase;
        return new io_cancel/* Cancelled */.cJ(`cancelled (${this.request?.signal ?? 'signal'}) during ${phase}, before the deploy lock was taken: nothing changed on ${label}`, phase);
    }
}
/**
 * Attempt.underLock, except that a cancel while waiting for another deploy's lock stops the wait: the flow
 * ends at once, and the lock request dies with the connection.
 */
function underLockUnlessCancelled(ctx, watch, holder, body) {
    const { signal } = ctx;
    if (watch.request)
        return Promise.reject(watch.beforeLock(ctx.conn.label));
    watch.enter('lock');
    let inside = false;
    let abandoned = false;
    const run = Attempt.underLock(ctx, holder, (attempt) => {
        if (abandoned)
            return Promise.reject(watch.beforeLock(ctx.conn.label));
        inside = true;
        return body(attempt);
    });
    if (!signal)
        return run;
    return (0,io_cancel/* raceAbort */.Mu)(run, signal, (_resolve, reject) => {
        if (inside)
            return;
        abandoned = true;
        reject(watch.beforeLock(ctx.conn.label));
    });
}
/**
 * A cancel after the switch: `attempted` may be serving while state.json names `state.current`. First both
 * state.json and the ledger say `interrupted` (a SIGKILL may come at any moment), then what ran is brought back
 * and gated within the grace; once it passes, state.json is as it was and the ledger says `cancelled`.
 */
async function cancelAfterSwitch(attempt, req, s) {
    const { ctx } = attempt;
    const phase = s.gate ? 'gate' : 'activate';
    const what = `cancelled (${req.signal}) during the ${phase} of ${s.attempted}`;
    const mark = {
        tag: s.attempted,
        restoring: s.back,
        phase,
        since: new Date().toISOString(),
        runUrl: ctx.run.runUrl,
    };
    ctx.log.warning(s.back
        ? `${what}: bringing back ${s.back} within ${Math.max(0, Math.round(req.graceLeftMs() / 100) / 10)}s`
        : `${what}: there is nothing to bring back; state.json marks ${s.attempted} as interrupted`);
    await writeMark(ctx, { ...s.state, interrupted: mark });
    // The new release's last answer before the cancel, when it gave one.
    const health = s.gate && s.gate.attempts > 0 ? { health: healthFacts(s.gate) } : {};
    await attempt.finish({ outcome: 'interrupted', phase, error: what, ...health });
    const restore = s.back ? await s.bringBack(s.back, req.at + io_cancel/* ROLLBACK_GRACE_MS */.ri) : undefined;
    const restored = restore?.gate?.passed === true;
    if (restored)
        await writeMark(ctx, withoutMark(s.state));
    const failure = restored
        ? `${what}: ${s.back} was brought back and passed its gate`
        : s.back
            ? `${what}: ${s.back} could not be brought back within the grace (${restore?.error ?? restore?.gate?.reason ?? ''}); state.json marks the deploy interrupted`
            : `${what}; state.json marks it interrupted`;
    await attempt.finish({
        outcome: restored ? 'cancelled' : 'interrupted',
        phase,
        error: failure,
        ...health,
        ...(restore ? { restore: restoreFacts(restore.tag, restore.gate) } : {}),
    });
    return {
        status: 'failed',
        attempted: s.attempted,
        current: restore?.gate ? s.back : s.attempted,
        before: s.state.current,
        ...(s.gate ? { gate: s.gate } : {}),
        ...(restore ? { restore } : {}),
        phases: attempt.phases,
        failure,
        pruned: [],
    };
}
/** state.json without an interrupted mark: what it said before the attempt. */
function withoutMark(state) {
    return { current: state.current, previous: state.previous, strategy: state.strategy };
}
async function writeMark(ctx, state) {
    try {
        await writeState(ctx.conn, ctx.appDir, state);
    }
    catch (e) {
        ctx.log.warning(`could not write state.json (${(0,errors/* errText */.V7)(e)})`);
    }
}
/** What a reader is told when the last attempt left state.json interrupted. Pure. */
function interruptedText(state) {
    const m = state.interrupted;
    if (!m)
        return undefined;
    return (`the last attempt was interrupted during the ${m.phase} of ${m.tag} (${m.runUrl || 'outside GitHub Actions'}, ${m.since}): ` +
        `${m.tag}${m.restoring ? ` or ${m.restoring}` : ''} may be what serves; state.json's current (${state.current ?? 'none'}) ` +
        'is trusted only once it passes a gate again');
}
/** The flow's context with the run's cancel, when there is one. */
function withSignal(ctx, signal) {
    return signal ? { ...ctx, signal } : ctx;
}

;// CONCATENATED MODULE: ./src/ssh/remote-shell.ts
/** What every layer says when the server can no longer be reached through `shell` (`during`: where it happened). */
function connectionLost(shell, during = '') {
    return `the SSH connection to ${shell.label} was lost${during ? ` ${during}` : ''}`;
}

;// CONCATENATED MODULE: ./src/health/command-probe.ts

/** Exit status of coreutils `timeout` when the command ran out of time. */
const TIMED_OUT = 124;
/** What a probe waits beyond its own limit for the server to report the command's end before giving up on it. */
const GRACE_MS = 2000;
/**
 * A health-command line as a probe: run on the server in a login shell (as restart-command runs), exit 0 passes
 * (`ok`), any other exit is `unhealthy`. The request timeout applies through `timeout(1)` on the server where it
 * exists, so a hung check (`celery inspect ping` with no broker) is killed rather than left running.
 */
function commandProbeText(command, timeoutMs, cwd) {
    const inner = userCommand(command, cwd ? { cwd } : {});
    const seconds = (Math.max(timeoutMs, 100) / 1000).toFixed(3);
    return `if command -v timeout >/dev/null 2>&1; then timeout -k 2 ${seconds} ${inner}; else ${inner}; fi`;
}
/** The verdict of one run of a health command. Pure. */
function commandVerdict(r, timeoutMs, latencyMs) {
    const body = (r.stdout + (r.stderr ? `\n${r.stderr}` : '')).trim().slice(0, 2048);
    if (r.code === 0 && !r.signal)
        return { verdict: 'ok', latencyMs, body };
    const last = lastLine(r.stderr) || lastLine(r.stdout);
    if (r.code === TIMED_OUT) {
        return { verdict: 'unreachable', latencyMs, body, error: `no exit within ${timeoutMs} ms` };
    }
    return {
        verdict: 'unhealthy',
        latencyMs,
        body,
        error: `exit ${r.signal ?? r.code}${last ? `: ${last}` : ''}`,
    };
}
/** Runs one health-command line on the server. Never throws for the command's sake; a lost connection does. */
async function probeCommand(conn, command, timeoutMs, cwd) {
    const started = performance.now();
    const elapsed = () => Math.round(performance.now() - started);
    let timer;
    const hung = new Promise((resolve) => {
        timer = setTimeout(() => resolve({
            verdict: 'unreachable',
            latencyMs: elapsed(),
            body: '',
            error: `no exit within ${timeoutMs} ms (the server has no timeout command to stop it)`,
        }), timeoutMs + GRACE_MS);
    });
    const ran = conn
        .exec(commandProbeText(command, timeoutMs, cwd), { log: false, maxStdout: 64 * 1024 })
        .then((r) => commandVerdict(r, timeoutMs, elapsed()));
    try {
        return await Promise.race([ran, hung]);
    }
    finally {
        clearTimeout(timer);
    }
}
function lastLine(text) {
    return text.trimEnd().split('\n').pop()?.trim().slice(0, 300) ?? '';
}
/** A health-command line as a gate check, run over `conn` in the login shell's directory (the user's home). */
function commandCheck(conn, command) {
    return { label: command, kind: 'command', probe: (timeoutMs) => probeCommand(conn, command, timeoutMs) };
}

;// CONCATENATED MODULE: ./src/health/checks.ts

/**
 * One round's verdict from each check's probe. Pure. A single check is its own result. With several, the first
 * check that does not pass decides (its label in the error); when all pass, a degraded one is reported, else the
 * first check's answer, with the slowest latency of the round.
 */
function combineRound(checks, results, allowDegraded) {
    if (results.length === 1)
        return results[0];
    const latencyMs = Math.max(0, ...results.map((r) => r.latencyMs));
    const failing = results.findIndex((r) => !passes(r.verdict, allowDegraded));
    const degraded = results.findIndex((r) => r.verdict === 'degraded');
    const pick = failing >= 0 ? failing : degraded >= 0 ? degraded : 0;
    const r = results[pick];
    const label = checks[pick].label;
    if (failing < 0 && degraded < 0) {
        // Every check passed: a check's own note (a redirect followed) is not a reason here.
        const { error: _ignored, ...ok } = r;
        return { ...ok, latencyMs };
    }
    return { ...r, latencyMs, error: `${label}${r.error ? `: ${r.error}` : ''}` };
}
/** A short line for one round in the log: each check's verdict, in order. */
function roundText(results) {
    return results
        .map((c) => `${c.kind === 'command' ? 'command' : 'url'} ${shorten(c.label)}: ${c.last.verdict}`)
        .join('; ');
}
function shorten(s, max = 60) {
    return s.length > max ? `${s.slice(0, max - 1)}…` : s;
}

// EXTERNAL MODULE: external "node:http"
var external_node_http_ = __webpack_require__(7067);
var external_node_http_default = /*#__PURE__*/__webpack_require__.n(external_node_http_);
;// CONCATENATED MODULE: ./src/health/endpoint.ts
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

;// CONCATENATED MODULE: ./src/health/probe.ts



const BODY_LIMIT = 64 * 1024;
/** Probes url once. Never throws: every failure is a verdict. */
async function probe(url, opts) {
    const started = performance.now();
    let target = new URL(url);
    for (let hop = 0;; hop++) {
        const r = await once(target, opts, started);
        if (r.code && r.code >= 300 && r.code < 400 && r.location && hop < (opts.followRedirects ?? 0)) {
            target = new URL(r.location, target);
            continue;
        }
        if (r.code && r.code >= 300 && r.code < 400) {
            r.error = `redirect to ${r.location ?? '(no Location)'} not followed: point the health URL at the final address`;
        }
        return r;
    }
}
async function once(target, opts, started) {
    const endpoint = healthEndpoint(target);
    if (endpoint?.kind === 'unix') {
        const socketDialer = opts.socketDialer ?? dialLocalSocket;
        // A socket has no host name: `localhost` (not node's `localhost:80`) unless health-headers names one.
        const headers = { host: 'localhost', ...opts.headers };
        return once(endpoint.url, { ...opts, headers, dialer: () => socketDialer(endpoint.socketPath) }, started);
    }
    const url = target;
    // TLS is loaded only for https URLs: most health URLs are plain HTTP on loopback, and loading it costs
    // a noticeable part of the action's start-up.
    const isHttps = url.protocol === 'https:';
    const lib = isHttps ? await Promise.resolve(/* import() */).then(__webpack_require__.t.bind(__webpack_require__, 4708, 23)) : (external_node_http_default());
    const tls = isHttps ? await Promise.resolve(/* import() */).then(__webpack_require__.t.bind(__webpack_require__, 1692, 23)) : undefined;
    const maxBody = opts.maxBody ?? BODY_LIMIT;
    const elapsed = () => Math.round(performance.now() - started);
    return new Promise((resolve) => {
        let finished = false;
        const finish = (r) => {
            if (finished)
                return;
            finished = true;
            clearTimeout(timer);
            req.destroy();
            resolve({ verdict: verdictOf(r), latencyMs: elapsed(), ...r });
        };
        const port = Number(url.port || (isHttps ? 443 : 80));
        const hostname = url.hostname.replace(/^\[(.*)\]$/, '$1');
        const req = lib.request(url, {
            method: 'GET',
            // A fresh connection per probe. With a dialer there must be no agent at all: an agent would ignore
            // createConnection and connect directly from the runner.
            ...(opts.dialer ? {} : { agent: false }),
            headers: {
                'user-agent': 'vps-deploy-healthcheck',
                accept: 'application/health+json, application/json, */*',
                connection: 'close',
                ...opts.headers,
            },
            ...(opts.dialer
                ? {
                    createConnection: (_o, cb) => {
                        opts.dialer(hostname, port).then((s) => cb(null, tls ? tls.connect({ socket: s, servername: hostname }) : s), (e) => cb(e));
                        return undefined;
                    },
                }
                : {}),
        }, (res) => {
            const chunks = [];
            let size = 0;
            res.on('data', (d) => {
                if (size < maxBody)
                    chunks.push(d.subarray(0, maxBody - size));
                size += d.length;
                if (size >= maxBody)
                    done();
            });
            const done = () => finish({
                code: res.statusCode ?? 0,
                body: Buffer.concat(chunks).toString('utf8'),
                ...(res.headers.location ? { location: res.headers.location } : {}),
            });
            res.on('end', done);
            res.on('error', (e) => finish({ body: '', error: describe(e) }));
        });
        const timer = setTimeout(() => finish({ body: '', error: `no response within ${opts.timeoutMs} ms` }), opts.timeoutMs);
        req.on('error', (e) => finish({ body: '', error: describe(e) }));
        req.end();
    });
}
function describe(e) {
    if (e.code === 'ECONNREFUSED')
        return 'connection refused';
    if (e.code === 'ECONNRESET')
        return 'connection reset';
    if (/open a tunnel|open a stream|Connection refused/i.test(e.message))
        return `connection refused (${e.message})`;
    return e.code ? `${e.code}: ${e.message}` : e.message;
}
async function dialLocalSocket(socketPath) {
    const net = await Promise.resolve(/* import() */).then(__webpack_require__.t.bind(__webpack_require__, 7030, 23));
    return new Promise((resolve, reject) => {
        const s = net.connect({ path: socketPath });
        s.once('connect', () => resolve(s));
        s.once('error', reject);
    });
}

;// CONCATENATED MODULE: ./src/health/run-gate.ts



/**
 * A health URL as a gate check. Header values are sent, never logged: an app that echoes one back (a debug
 * endpoint showing its request) has it replaced by *** in the body kept for outputs and the summary.
 */
function urlCheck(target) {
    const secrets = Object.values(target.headers ?? {}).filter((v) => v.trim().length >= 4);
    const scrub = (text) => secrets.reduce((t, s) => t.split(s).join('***'), text);
    return {
        label: target.url,
        kind: 'url',
        probe: async (timeoutMs) => {
            const r = await probe(target.url, {
                timeoutMs,
                ...(target.headers ? { headers: target.headers } : {}),
                ...(target.followRedirects ? { followRedirects: target.followRedirects } : {}),
                ...(target.dialer ? { dialer: target.dialer } : {}),
                ...(target.socketDialer ? { socketDialer: target.socketDialer } : {}),
            });
            return secrets.length ? { ...r, body: scrub(r.body) } : r;
        },
    };
}
/** Runs the gate against a URL, logging every probe. */
function gateUrl(target, opts, log, fatal, signal) {
    const via = target.dialer ? ' through the SSH host' : '';
    return gateChecks([urlCheck(target)], opts, log, fatal, via, signal);
}
/**
 * Runs the gate over every check at once: each round probes all of them in parallel, and a round passes when
 * every check passes. The result carries each check's last probe (`checks`) when there are several.
 */
async function gateChecks(checks, opts, log, fatal, via = '', signal) {
    const what = checks.length === 1
        ? checks[0].label
        : `${checks.length} checks (${checks.map((c) => c.label).join(', ')})`;
    log.info(`Gating on ${what}${via}: ${opts.successes} passing probe(s) in a row within ${opts.timeoutSeconds}s, ` +
        `every ${opts.intervalSeconds}s${opts.allowDegraded ? '' : ' (degraded does not pass)'}`);
    const lasts = [];
    const result = await gateOnHealth(opts, {
        probe: async (timeoutMs) => {
            const results = await Promise.all(checks.map((c) => c.probe(timeoutMs)));
            results.forEach((r, i) => (lasts[i] = { label: checks[i].label, kind: checks[i].kind, last: r }));
            return combineRound(checks, results, opts.allowDegraded);
        },
        onProbe: (r, n, consecutive) => log.info(`  probe ${n}: ${checks.length > 1 ? roundText(lasts) : describeVerdict(r)}` +
            `${consecutive ? ` [${consecutive}/${opts.successes}]` : ''}`),
        ...(fatal ? { fatal } : {}),
        ...(signal ? { signal } : {}),
    });
    return checks.length > 1 ? { ...result, checks: [...lasts] } : result;
}

;// CONCATENATED MODULE: ./src/flow/await-ready.ts
/**
 * After the health URL passed: the server's own view must agree. While the strategy says `waiting` (a Docker
 * healthcheck still `starting`) the gate waits, every health-interval, within what is left of health-timeout;
 * `failed` (a Docker healthcheck `unhealthy`) fails the gate at once with that reason.
 */
async function untilReady(strategy, gate, opts, log, clock = {
    now: () => performance.now(),
    sleep: (ms) => new Promise((r) => setTimeout(r, ms)),
}) {
    if (!gate.passed)
        return gate;
    const start = clock.now() - gate.elapsedMs;
    const deadline = start + opts.timeoutSeconds * 1000;
    let said = '';
    for (;;) {
        const r = await strategy.readiness();
        const elapsedMs = clock.now() - start;
        if (r.state === 'ready')
            return { ...gate, elapsedMs };
        if (r.state === 'failed')
            return { ...gate, passed: false, elapsedMs, reason: r.reason };
        if (r.reason !== said)
            log.info(`  ${r.reason}: waiting`);
        said = r.reason;
        const wait = opts.intervalSeconds * 1000;
        if (clock.now() + wait >= deadline) {
            return {
                ...gate,
                passed: false,
                elapsedMs,
                reason: `health-timeout (${opts.timeoutSeconds}s) ran out: ${r.reason}`,
            };
        }
        await clock.sleep(wait);
    }
}

;// CONCATENATED MODULE: ./src/flow/gate-release.ts






/** The plan's checks over one connection: every URL, then every command. */
function healthChecks(conn, plan) {
    const via = plan.from === 'server'
        ? {
            dialer: (h, p) => conn.tunnel(h, p),
            socketDialer: (path) => conn.unixSocket(path),
        }
        : {};
    const headers = Object.keys(plan.headers).length ? { headers: plan.headers } : {};
    return [
        ...plan.urls.map((url) => urlCheck({ url, ...headers, ...via })),
        ...plan.commands.map((command) => commandCheck(conn, command)),
    ];
}
/**
 * Gates the release the strategy just activated. While probes fail, the strategy is asked whether the app can
 * still come up (a crashed or restart-looping container fails the gate at once); a lost SSH connection ends the
 * gate with an error rather than a verdict about the app.
 */
async function gateRelease(conn, strategy, plan, log, signal) {
    const via = plan.from === 'server' && plan.urls.length ? ' through the SSH host' : '';
    const gate = await gateChecks(healthChecks(conn, plan), plan.gate, log, async (last) => {
        if (!conn.isOpen)
            throw new errors/* RemoteError */.Hi(connectionLost(conn));
        if (passes(last.verdict, plan.gate.allowDegraded))
            return undefined;
        return strategy.fatal();
    }, via, signal);
    // The URL passed: a Docker healthcheck still `starting` waits, `unhealthy` fails (src/flow/await-ready.ts).
    return untilReady(strategy, gate, plan.gate, log);
}

;// CONCATENATED MODULE: ./src/flow/app-logs.ts

/** At most this much of the app's logs is shown (the step log and the summary), from the end. */
const APP_LOG_LINES = 200;
const APP_LOG_BYTES = 32 * 1024;
/**
 * After a failed gate or phase: the app's own last log lines (compose `logs --tail`, or the user's
 * logs-command), with the secret inputs redacted, shown in a log group and returned for the summary.
 * Never throws: a failure to read logs must not hide the failure being reported.
 */
async function showAppLogs(ctx, strategy, what) {
    let text = '';
    try {
        text = boundedTail(redact(await strategy.logs(), ctx.secrets));
        if (!text)
            return '';
        await ctx.log.group(`App logs after ${what} (last lines)`, async () => printServerText(ctx.log, text));
    }
    catch (e) {
        ctx.log.debug(`showing the app's logs failed: ${e instanceof Error ? e.message : String(e)}`);
    }
    return text;
}
/**
 * The one place app logs reach the step log: through ActionIO's fence for server output when the log has one,
 * else (a plain Log in tests) line by line. Server text is never printed through info() where a fence exists.
 */
function printServerText(log, text) {
    if (log.remoteOutput) {
        const out = log.remoteOutput();
        try {
            for (const line of text.split('\n'))
                out.line(line);
        }
        finally {
            out.end();
        }
        return;
    }
    for (const line of text.split('\n'))
        log.info(line);
}
/** The last APP_LOG_LINES lines, and no more than APP_LOG_BYTES of them. */
function boundedTail(text) {
    let lines = text.trimEnd().split('\n').slice(-APP_LOG_LINES);
    while (lines.length > 1 && Buffer.byteLength(lines.join('\n')) > APP_LOG_BYTES)
        lines = lines.slice(1);
    return lines.join('\n').slice(-APP_LOG_BYTES);
}
/** Logs shown for a failure that is thrown rather than returned (a failed install/migrate): kept for the report. */
const thrownWithLogs = new WeakMap();
function attachAppLogs(error, logs) {
    if (logs && typeof error === 'object' && error !== null)
        thrownWithLogs.set(error, logs);
}
/** `{ logs }` for a host report when a thrown failure carried the app's logs, else nothing. */
function appLogsOf(error) {
    const logs = typeof error === 'object' && error !== null ? thrownWithLogs.get(error) : undefined;
    return logs ? { logs } : {};
}

;// CONCATENATED MODULE: ./src/flow/deploy-flow.ts









/**
 * Deploys one tag to one host, whatever the strategy: lock -> state -> ledger -> prepare -> migrate -> activate
 * -> gate -> (passed) state + ledger + prune, or (failed) bring back the release that ran before, gate it, and
 * record both verdicts. Faults are thrown tagged with their phase; a failed gate is a result, not a throw.
 */
function deployRelease(ctx, opts) {
    const { tag } = opts;
    const watch = new CancelWatch(ctx.signal);
    return underLockUnlessCancelled(ctx, watch, { tag, action: 'deploy' }, async (attempt) => {
        const strategy = ctx.strategyFor(opts.strategy);
        const state = await attempt.readState(opts.strategy);
        const before = state.current;
        ctx.log.info(`Deploying ${tag} to ${ctx.conn.label} (${strategy.name}); current: ${before ?? 'none'}, previous: ${state.previous ?? 'none'}`);
        const interrupted = interruptedText(state);
        if (interrupted)
            ctx.log.warning(interrupted);
        await attempt.begin({ action: 'deploy', tag, previous: before, strategy: strategy.name });
        try {
            await watch.step(attempt, 'prepare', `Prepare ${tag}`, () => strategy.prepare(tag));
            await watch.step(attempt, 'migrate', `Migrate for ${tag}`, () => strategy.migrate(tag));
            await watch.stopIfCancelled(attempt);
        }
        catch (e) {
            if (e instanceof io_cancel/* Cancelled */.cJ)
                throw e;
            await attempt.finish({ outcome: 'aborted', phase: phaseOf(e) ?? 'prepare', error: (0,errors/* errText */.V7)(e) });
            if (ctx.conn.isOpen)
                attachAppLogs(e, await showAppLogs(ctx, strategy, `the failed ${phaseOf(e) ?? 'prepare'}`));
            throw e;
        }
        const { gate, failure, logs } = await activateAndGate(attempt, strategy, tag);
        const cancel = (0,io_cancel/* cancelRequest */.UL)(ctx.signal);
        if (cancel) {
            const back = opts.rollbackOnFailure && before && (before !== tag || strategy.restoresRedeploy) ? before : null;
            return cancelAfterSwitch(attempt, cancel, {
                state,
                attempted: tag,
                back,
                ...(gate ? { gate } : {}),
                bringBack: (t, deadlineAt) => bringBack(attempt, strategy, t, deadlineAt),
            });
        }
        if (gate?.passed) {
            const next = promoted(state, tag, strategy.name);
            // Not a log group of its own, but a lost connection here still names where the deploy stopped.
            await writeState(ctx.conn, ctx.appDir, next).catch((e) => {
                throw (0,errors/* inPhase */.xe)('record', e);
            });
            await attempt.finish({ outcome: 'deployed', health: healthFacts(gate) });
            // Cancelled once state.json names the new release: the deploy stands, only the pruning is left out.
            const pruned = ctx.signal?.aborted
                ? []
                : await prune(attempt, strategy, opts.keepReleases, [next.current, next.previous]);
            return {
                status: 'deployed',
                attempted: tag,
                current: tag,
                before,
                gate,
                phases: attempt.phases,
                pruned,
            };
        }
        const health = gate ? { health: healthFacts(gate) } : {};
        const prev = state.current;
        if (!opts.rollbackOnFailure || !prev || (prev === tag && !strategy.restoresRedeploy)) {
            const why = !opts.rollbackOnFailure
                ? 'rollback-on-failure is off'
                : prev === tag
                    ? `${tag} was re-deployed over itself and its previous build is not kept by the ${strategy.name} strategy`
                    : 'there is no previous release to return to';
            ctx.log.warning(`${failure}; ${why}: ${tag} stays in place`);
            await attempt.finish({
                outcome: 'failed',
                phase: gate ? 'gate' : 'activate',
                error: failure,
                ...health,
            });
            return {
                status: 'failed',
                attempted: tag,
                current: tag,
                before,
                ...(gate ? { gate } : {}),
                phases: attempt.phases,
                failure,
                ...(logs ? { logs } : {}),
                pruned: [],
            };
        }
        ctx.log.warning(`${failure}; rolling back to ${prev}`);
        const restore = await bringBack(attempt, strategy, prev);
        const restored = restore.gate?.passed === true;
        // What state.json names serves again, gated: an earlier attempt's interrupted mark no longer holds.
        if (restored && state.interrupted)
            await writeState(ctx.conn, ctx.appDir, withoutMark(state));
        await attempt.finish({
            outcome: restored ? 'rolled-back' : 'failed',
            phase: gate ? 'gate' : 'activate',
            error: failure,
            ...health,
            restore: restoreFacts(prev, restore.gate),
        });
        return {
            status: restored ? 'rolled-back' : 'failed',
            attempted: tag,
            // Once the previous release was activated it is what runs (healthy or not) and what state.json names.
            current: restore.gate ? prev : tag,
            before,
            ...(gate ? { gate } : {}),
            restore,
            phases: attempt.phases,
            failure: restored
                ? failure
                : `${failure}; the rollback to ${prev} failed too: ${restore.error ?? restore.gate?.reason ?? ''}`,
            ...(logs ? { logs } : {}),
            pruned: [],
        };
    });
}
/**
 * Activates `tag` and gates it. A failed gate, or a failed activate (a failed `up`, a restart-command after the
 * switch), comes back as `failure`: the caller can still bring back what ran. A lost connection can do nothing
 * more: the attempt is recorded as failed and the error thrown.
 */
async function activateAndGate(attempt, strategy, tag) {
    const { ctx } = attempt;
    try {
        await attempt.phase('activate', `Activate ${tag}`, () => strategy.activate(tag));
        // Cancelled while activating: no gate to start, the caller brings back what ran.
        if (ctx.signal?.aborted)
            return { failure: `cancelled while activating ${tag}` };
        const gate = await attempt.phase('gate', `Health gate of ${tag}`, () => gateRelease(ctx.conn, strategy, ctx.health, ctx.log, ctx.signal));
        // Read before anything is rolled back: the logs of the release that failed (not when cancelled: no time).
        const logs = gate.passed || ctx.signal?.aborted ? '' : await showAppLogs(ctx, strategy, `the failed gate of ${tag}`);
        return {
            gate,
            failure: `the health gate of ${tag} failed: ${gate.reason ?? describeVerdict(gate.last)}`,
            ...(logs ? { logs } : {}),
        };
    }
    catch (e) {
        if (!ctx.conn.isOpen) {
            await attempt.finish({ outcome: 'failed', ...phaseField(e), error: (0,errors/* errText */.V7)(e) });
            throw e;
        }
        const logs = await showAppLogs(ctx, strategy, `the failed activation of ${tag}`);
        return { failure: (0,errors/* errText */.V7)(e), ...(logs ? { logs } : {}) };
    }
}
/**
 * Activates a release already on the server (no prepare: its images or directory are kept) and gates it. After
 * a cancel the gate ends by `deadlineAt` (performance.now() time) instead of health-timeout, and is not itself
 * cancelled: the second signal must not cut it midway.
 */
async function bringBack(attempt, strategy, tag, deadlineAt) {
    const { health } = attempt.ctx;
    try {
        const gate = await attempt.phase('rollback', `Roll back to ${tag}`, async () => {
            await strategy.activate(tag);
            const plan = deadlineAt === undefined ? health : { ...health, gate: within(health.gate, deadlineAt) };
            return gateRelease(attempt.ctx.conn, strategy, plan, attempt.ctx.log);
        });
        return { tag, gate };
    }
    catch (e) {
        attempt.ctx.log.warning(`rolling back to ${tag} failed: ${(0,errors/* errText */.V7)(e)}`);
        return { tag, error: (0,errors/* errText */.V7)(e) };
    }
}
/** The gate options cut to end by deadlineAt (at least one second: one probe). */
function within(gate, deadlineAt) {
    const left = Math.max(1, (deadlineAt - performance.now()) / 1000);
    return {
        ...gate,
        timeoutSeconds: Math.min(gate.timeoutSeconds, left),
        requestTimeoutSeconds: Math.min(gate.requestTimeoutSeconds, left),
    };
}
/** Prunes after a passed gate; a failure to prune is a warning, never a failed deploy. */
async function prune(attempt, strategy, keep, protect) {
    try {
        return await attempt.phase('prune', `Prune beyond keep-releases (${keep})`, async () => {
            const failed = failedTags(await attempt.ledger.read());
            const removed = await strategy.prune(keep, protect.filter((t) => !!t), failed);
            attempt.ctx.log.info(removed.length ? `Removed ${removed.join(', ')}` : 'Nothing to prune');
            return removed;
        });
    }
    catch (e) {
        attempt.ctx.log.warning(`pruning old releases failed: ${(0,errors/* errText */.V7)(e)}`);
        return [];
    }
}

;// CONCATENATED MODULE: ./src/flow/tag.ts
/** A release tag: it names images and directories and travels into remote commands (quoted all the same). */
const TAG_PATTERN = /^[A-Za-z0-9][A-Za-z0-9._-]{0,127}$/;
const TAG_TAKES = 'a tag of letters, digits, ".", "_" and "-" (up to 128, starting with a letter or digit), like v1.4.2';

;// CONCATENATED MODULE: ./src/ssh/compose-cli.ts

const COMPOSE_V2 = ['docker', 'compose'];
const COMPOSE_V1 = ['docker-compose'];
/** What a user reads when the server has no Compose at all, from a deploy or a backup alike. */
const NO_COMPOSE = 'the server has neither `docker compose` (v2) nor `docker-compose` (v1): install Docker Compose';
/** `if <v2 answers>; then <v2>; elif <v1 on PATH>; then <v1>; else <none>; fi`: each branch is our shell text. */
function byComposeVersion(branches) {
    return (sh `if ${COMPOSE_V2} version >/dev/null 2>&1; then ${raw(branches.v2)}; ` +
        sh `elif command -v ${COMPOSE_V1} >/dev/null 2>&1; then ${raw(branches.v1)}; else ${raw(branches.none)}; fi`);
}
/** Prints `v2`, `v1` or `none`; chooseCompose reads the answer. */
const DETECT_COMPOSE = byComposeVersion({ v2: 'echo v2', v1: 'echo v1', none: 'echo none' });
/** The Compose CLI named by DETECT_COMPOSE's output (its last line: a login banner may come first). */
function chooseCompose(detected) {
    const word = detected.trim().split('\n').pop();
    if (word === 'v2')
        return COMPOSE_V2;
    if (word === 'v1')
        return COMPOSE_V1;
    return undefined;
}

;// CONCATENATED MODULE: ./src/strategies/compose/commands.ts


/**
 * The remote command text of the compose strategy, built from argument arrays through the quoting module.
 * Pure: what runs where is decided here and tested as tables (test/unit/flow/compose-prune.test.ts).
 * Finding Compose on the server is src/ssh/compose-cli.ts, shared with the backup scripts.
 */

/** `cd <app-dir> && env TAG=<tag> <compose> <args>`: the tag variable is set for that one command only. */
function composeCommand(cli, appDir, args, tagVariable, tag) {
    const env = tagVariable && tag !== undefined ? sh `env ${`${tagVariable}=${tag}`} ` : '';
    return sh `cd ${appDir} && ${raw(env)}${[...cli, ...args]}`;
}
function pullArgs(services) {
    return ['pull', '--quiet', ...services];
}
function upArgs(services) {
    return ['up', '-d', ...services];
}
/** Registry login on the server; the password is the command's stdin. */
function loginCommand(registry, username) {
    return sh `docker login --username ${username} --password-stdin ${registry}`;
}
/** The compose file's image references with the tag variable set to `sentinel`. */
const TAG_SENTINEL = 'vpsd-tag-sentinel';
// The health state is JSON (`null` without a healthcheck): Go's encoder escapes the tabs and newlines of its log.
// `.ID` (the CLI's typed field), not `.Id`: on `.Id` the typed template fails and docker falls back to the raw
// JSON, where a daemon before 25 omits `Health` without a healthcheck ("map has no entry for key Health").
const INSPECT_FORMAT = '{{.ID}}\t{{index .Config.Labels "com.docker.compose.project.working_dir"}}\t{{index .Config.Labels "com.docker.compose.service"}}\t' +
    '{{index .Config.Labels "com.docker.compose.oneoff"}}\t{{.Name}}\t{{.State.Status}}\t{{.RestartCount}}\t{{.State.ExitCode}}\t' +
    '{{json .State.Health}}';
/** Prints the app dir's physical path, then one INSPECT_FORMAT line per compose container on the server. */
function containersCommand(appDir) {
    return sh `cd ${appDir} && pwd -P && ids=$(docker ps -aq --filter label=com.docker.compose.project) && { [ -z "$ids" ] || docker inspect --format ${INSPECT_FORMAT} $ids; }`;
}
/** The containers of this app's services (not one-off `run` containers), from containersCommand's output. */
function appContainers(output, appDir, services) {
    const [physical, ...lines] = output.trim().split('\n');
    const dirs = new Set([appDir, physical?.trim()]);
    const out = [];
    for (const line of lines) {
        const [id, dir, service, oneoff, name, status, restarts, exitCode, health] = line.split('\t');
        if (!id || !dirs.has(dir) || oneoff === 'True' || !service)
            continue;
        if (services.length && !services.includes(service))
            continue;
        out.push({
            id,
            service,
            name: (name ?? '').replace(/^\//, ''),
            status: status ?? '',
            restarts: Number(restarts),
            exitCode: Number(exitCode),
            ...healthState(health),
        });
    }
    return out;
}
/** `{{json .State.Health}}` -> its status and the last line of its last check's output. */
function healthState(json) {
    try {
        const h = JSON.parse(json ?? 'null');
        const output = h?.Log?.at(-1)?.Output?.trim() ?? '';
        return { health: h?.Status ?? '', healthLog: output.split('\n').at(-1)?.trim().slice(0, 300) ?? '' };
    }
    catch {
        return { health: '', healthLog: '' };
    }
}
/**
 * Why the app cannot become healthy any more, or undefined: a service container that exited with an error, died,
 * or restarted since activation (`before` holds the restart counts seen just before `up`).
 */
function crashedReason(now, before) {
    for (const c of now) {
        const restarted = c.restarts - (before.get(c.id) ?? 0);
        if (c.status === 'restarting' || restarted > 0) {
            return `container ${c.name} (service ${c.service}) is restart-looping (${c.status}, restarted ${c.restarts} time(s), last exit code ${c.exitCode})`;
        }
        if ((c.status === 'exited' && c.exitCode !== 0) || c.status === 'dead') {
            return `container ${c.name} (service ${c.service}) ${c.status} with code ${c.exitCode}`;
        }
        if (c.health === 'unhealthy') {
            return `container ${c.name} (service ${c.service}) is unhealthy by its Docker healthcheck${c.healthLog ? `; last check said: ${c.healthLog}` : ''}`;
        }
    }
    return undefined;
}
/** Docker's own view of services with a healthcheck: any `unhealthy` fails, any `starting` waits. */
function dockerReadiness(now) {
    const named = (cs) => cs.map((c) => `${c.name} (service ${c.service})`).join(', ');
    const unhealthy = now.filter((c) => c.health === 'unhealthy');
    if (unhealthy.length) {
        const log = unhealthy.find((c) => c.healthLog)?.healthLog;
        return {
            state: 'failed',
            reason: `Docker healthcheck: ${named(unhealthy)} unhealthy${log ? `; last check said: ${log}` : ''}`,
        };
    }
    const starting = now.filter((c) => c.health === 'starting');
    if (starting.length)
        return { state: 'waiting', reason: `Docker healthcheck of ${named(starting)} still starting` };
    return { state: 'ready' };
}
/** How many lines of each service's log a failure shows. */
const LOG_LINES = 80;
function logsArgs(services, lines = LOG_LINES) {
    return ['logs', '--no-color', '--tail', String(lines), ...services];
}
/** Image references of the compose file that carry the tag (the sentinel marks where). */
function imageTemplates(configOutput) {
    const out = new Set();
    for (const m of configOutput.matchAll(/^\s*image:\s*["']?([^"'\s]+)["']?\s*$/gm)) {
        if (m[1].includes(TAG_SENTINEL))
            out.add(m[1]);
    }
    return [...out];
}
/** Tags whose every templated image is present, with the creation time of the first one. */
function presentTags(templates, imageLines) {
    const images = new Map();
    for (const line of imageLines.split('\n')) {
        const [ref, created] = line.split('\t');
        if (ref && !ref.includes('<none>'))
            images.set(ref, parseDockerTime(created ?? ''));
    }
    if (!templates.length)
        return [];
    const [first, ...rest] = templates;
    const [prefix, suffix] = first.split(TAG_SENTINEL);
    const out = [];
    for (const [ref, time] of images) {
        if (!ref.startsWith(prefix) || !ref.endsWith(suffix))
            continue;
        const tag = ref.slice(prefix.length, ref.length - suffix.length);
        if (!TAG_PATTERN.test(tag))
            continue;
        if (rest.every((t) => images.has(t.split(TAG_SENTINEL).join(tag))))
            out.push({ tag, time });
    }
    return out;
}
function imagesOfTag(templates, tag) {
    return templates.map((t) => t.split(TAG_SENTINEL).join(tag));
}
/** `2024-06-01 10:20:30 +0200 CEST` (docker image ls's CreatedAt) -> ms since epoch; 0 when unreadable. */
function parseDockerTime(s) {
    const m = /^(\d{4}-\d\d-\d\d) (\d\d:\d\d:\d\d) ([+-]\d\d)(\d\d)/.exec(s.trim());
    if (!m)
        return 0;
    const t = Date.parse(`${m[1]}T${m[2]}${m[3]}:${m[4]}`);
    return Number.isNaN(t) ? 0 : t;
}
const IMAGE_LIST = sh `docker image ls --format ${'{{.Repository}}:{{.Tag}}\t{{.CreatedAt}}'}`;

// EXTERNAL MODULE: external "node:path"
var external_node_path_ = __webpack_require__(6760);
// EXTERNAL MODULE: external "node:fs"
var external_node_fs_ = __webpack_require__(3024);
;// CONCATENATED MODULE: ./src/strategies/compose/extra-files.ts




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
    const refuse = (line, why) => new errors/* ConfigurationError */.j1(`input "extra-files" got ${JSON.stringify(line)}: ${why}`);
    const seen = new Set();
    return lines.map((line) => {
        const problem = extraFileProblem(line);
        if (problem)
            throw refuse(line, problem);
        const [local, given] = splitLine(line);
        const full = (0,external_node_path_.isAbsolute)(local) ? local : (0,external_node_path_.join)(workspace, local);
        try {
            (0,external_node_fs_.statSync)(full);
        }
        catch {
            throw refuse(line, `there is no ${full} on the runner`);
        }
        let remote = given ?? ((0,external_node_path_.isAbsolute)(local) ? external_node_path_.posix.basename(local) : local);
        if (external_node_path_.posix.isAbsolute(remote)) {
            const rel = external_node_path_.posix.relative(external_node_path_.posix.normalize(appDir), external_node_path_.posix.normalize(remote));
            if (!rel || rel.startsWith('..') || external_node_path_.posix.isAbsolute(rel))
                throw refuse(line, `the remote path ${remote} is outside app-dir (${appDir}); give it relative to app-dir`);
            remote = rel;
        }
        remote = external_node_path_.posix
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
        const st = (0,external_node_fs_.statSync)(local);
        if (st.isDirectory()) {
            for (const name of (0,external_node_fs_.readdirSync)(local).sort())
                walk((0,external_node_path_.join)(local, name), external_node_path_.posix.join(remote, name));
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
    return (0,external_node_fs_.readFileSync)(path);
}
/** The staging dir of a tag's files, then the directories its files need (made before the uploads). */
function stagingCommand(appDir, staging, dirs) {
    const root = external_node_path_.posix.join(appDir, FILES_DIR, staging, 'root');
    return sh `mkdir -p -- ${[root, ...dirs.map((d) => external_node_path_.posix.join(root, d))]}`;
}
/** Puts the staged files in place as the tag's record (replacing an earlier record of the same tag). */
function recordCommand(appDir, staging, tag, remotes) {
    const dir = external_node_path_.posix.join(appDir, FILES_DIR);
    return (sh `cd ${dir} && printf '%s\\n' ${remotes} > ${external_node_path_.posix.join(staging, 'MANIFEST')} && ` +
        sh `rm -rf -- ${tag} && mv -T -- ${staging} ${tag}`);
}
/**
 * Copies a tag's recorded files into the app dir: each path by a copy beside it and a rename (a file is
 * replaced in one rename; a directory is swapped by two). Prints `none` when files are recorded for other
 * tags but not this one (deployed before it used extra-files): what is in place then stays.
 */
function applyCommand(appDir, tag) {
    const src = external_node_path_.posix.join(FILES_DIR, tag);
    return (sh `cd ${appDir} && [ -d ${FILES_DIR} ] || exit 0; s=${src}; [ -f "$s/MANIFEST" ] || { echo none; exit 0; }; ` +
        `while IFS= read -r p; do [ -n "$p" ] || continue; ` +
        `rm -rf -- "$p.vpsd-new" "$p.vpsd-old" && mkdir -p -- "$(dirname -- "$p")" && cp -a -- "$s/root/$p" "$p.vpsd-new" && ` +
        `if [ -d "$p" ] && [ ! -L "$p" ]; then mv -T -- "$p" "$p.vpsd-old" && mv -T -- "$p.vpsd-new" "$p" && rm -rf -- "$p.vpsd-old"; ` +
        `else mv -T -- "$p.vpsd-new" "$p"; fi || exit 1; echo "$p"; done < "$s/MANIFEST"`);
}
/** Removes the records of pruned tags. */
function forgetCommand(appDir, tags) {
    return sh `cd ${appDir} && rm -rf -- ${tags.map((t) => external_node_path_.posix.join(FILES_DIR, t))}`;
}

;// CONCATENATED MODULE: ./src/strategies/compose/ship-files.ts





/** Uploads at once at most this many files (SFTP requests share the one connection). */
const PARALLEL = 8;
/**
 * Uploads a tag's extra files to <app-dir>/.vps-deploy/files/<tag> (staged under a temp name, renamed when
 * complete), before anything running changes: a failure leaves the files in place untouched.
 */
async function shipExtraFiles(conn, appDir, tag, files, log) {
    const staging = `.incoming-${tag}-${(0,external_node_crypto_.randomBytes)(4).toString('hex')}`;
    const uploads = filesToUpload(files);
    const dirs = [...new Set(uploads.map((u) => external_node_path_.posix.dirname(u.remote)).filter((d) => d !== '.'))];
    const root = external_node_path_.posix.join(appDir, FILES_DIR, staging, 'root');
    try {
        await conn.run(stagingCommand(appDir, staging, dirs), 'staging the extra files', { log: false });
        for (let i = 0; i < uploads.length; i += PARALLEL) {
            await Promise.all(uploads
                .slice(i, i + PARALLEL)
                .map((u) => conn.upload(readLocal(u.local), external_node_path_.posix.join(root, u.remote), u.mode)));
        }
        await conn.run(recordCommand(appDir, staging, tag, files.map((f) => f.remote)), 'recording the extra files', { log: false });
    }
    catch (e) {
        await conn
            .exec(sh `rm -rf -- ${external_node_path_.posix.join(appDir, FILES_DIR, staging)}`, { log: false })
            .catch(() => undefined);
        throw (0,errors/* inPhase */.xe)('upload', e);
    }
    log.info(`Uploaded ${uploads.length} extra file(s) for ${tag}: ${files.map((f) => f.remote).join(', ')}`);
}
/** Copies the files recorded with `tag` into the app dir (before `up`), saying what it did. */
async function applyExtraFiles(conn, appDir, tag, log) {
    const r = await conn.run(applyCommand(appDir, tag), `putting the extra files of ${tag} in place`, {
        log: false,
    });
    const out = r.stdout.trim();
    if (out === 'none')
        log.info(`No extra files were recorded with ${tag}: the files in place stay as they are`);
    else if (out)
        log.info(`Extra files of ${tag} in place: ${out.split('\n').join(', ')}`);
}

;// CONCATENATED MODULE: ./src/strategies/env-release.ts




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
    return sh `mode=600; if [ -g ${dir} ]; then mode=640; fi; `;
}
/**
 * Copies `from` to `to` by a temp file (no access for others from the start) renamed over `to`, so a reader
 * sees the old file or the new one; mode 0600, or 0640 in a setgid dir (envModeFor). Prints `none` when `from`
 * does not exist (and changes nothing).
 */
function copyEnvCommand(from, to, tmpSuffix) {
    const tmp = `${to}.tmp-${tmpSuffix}`;
    return (sh `if [ ! -f ${from} ]; then echo none; exit 0; fi; mkdir -p -- ${external_node_path_.posix.dirname(to)} && ` +
        envModeFor(external_node_path_.posix.dirname(to)) +
        sh `(umask 077 && cp -- ${from} ${tmp}) && chmod "$mode" -- ${tmp} && ` +
        sh `{ mv -f -- ${tmp} ${to} || { rc=$?; rm -f -- ${tmp}; exit $rc; }; }`);
}
/** Gives an uploaded config (mode 0600) the mode copyEnvCommand would: 0640 in a setgid dir. */
function envModeCommand(path) {
    return envModeFor(external_node_path_.posix.dirname(path)) + sh `chmod "$mode" -- ${path}`;
}
/** Exits 0 when a file is at `path`. */
function fileExistsCommand(path) {
    return sh `[ -f ${path} ]`;
}
/** Removes the recorded configs of pruned compose tags (and a staged one a killed run left). */
function forgetComposeEnvCommand(appDir, tags) {
    const dir = external_node_path_.posix.join(appDir, COMPOSE_ENV_DIR);
    return sh `rm -f -- ${tags.flatMap((t) => [external_node_path_.posix.join(dir, `${t}.env`), external_node_path_.posix.join(dir, `.next-${t}.env`)])}`;
}
function composeEnvRecord(appDir, tag) {
    return external_node_path_.posix.join(appDir, COMPOSE_ENV_DIR, `${tag}.env`);
}
function composeEnvStaged(appDir, tag) {
    return external_node_path_.posix.join(appDir, COMPOSE_ENV_DIR, `.next-${tag}.env`);
}
const suffix = () => (0,external_node_crypto_.randomBytes)(4).toString('hex');
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
        throw (0,errors/* inPhase */.xe)('upload', e);
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
        throw (0,errors/* inPhase */.xe)('upload', e);
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

;// CONCATENATED MODULE: ./src/flow/prune-rule.ts
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

;// CONCATENATED MODULE: ./src/strategies/compose/strategy.ts







/**
 * The `compose` strategy: images pinned by tag, `pull` before anything changes, `up -d` with the tag variable
 * set for that command. Old images stay on the server, so a rollback needs no registry; prune removes the
 * images of tags beyond keep-releases.
 */
function composeStrategy(ctx, opts) {
    const { conn, appDir, log } = ctx;
    let cli;
    /** Restart counts read by prepare for the next activate, and those the gate compares against. */
    let snapshot;
    let baseline = new Map();
    /** The tag last activated, so the compose file interpolates as it did for `up` when the logs are read. */
    let activeTag;
    /** The tag prepare() made ready: activating it records its config; activating any other brings back its own. */
    let preparedTag;
    const liveEnv = `${appDir}/.env`;
    const restartCounts = (cs) => new Map(cs.map((c) => [c.id, c.restarts]));
    const login = async ({ host, username, password, }) => {
        await conn.run(loginCommand(host, username), `docker login ${host} on the server`, {
            stdin: password,
            log: false,
        });
        log.info(`Logged in to ${host} on the server as ${username}`);
    };
    const compose = async () => {
        if (cli)
            return cli;
        const found = chooseCompose((await conn.run(DETECT_COMPOSE, 'looking for Docker Compose', { log: false })).stdout);
        if (!found)
            throw new errors/* RemoteError */.Hi(NO_COMPOSE);
        log.info(`Using ${found.join(' ')}`);
        return (cli = found);
    };
    const run = async (args, what, tag) => conn.run(composeCommand(await compose(), appDir, args, opts.tagVariable, tag), what);
    const containers = async () => appContainers((await conn.run(containersCommand(appDir), 'listing containers', { log: false })).stdout, appDir, opts.services);
    const templates = async () => {
        const r = await conn.run(composeCommand(await compose(), appDir, ['config'], opts.tagVariable, TAG_SENTINEL), 'reading the compose file', {
            log: false,
        });
        return imageTemplates(r.stdout);
    };
    const present = async () => {
        const t = await templates();
        return {
            templates: t,
            tags: presentTags(t, (await conn.run(IMAGE_LIST, 'listing images', { log: false })).stdout),
        };
    };
    /** The config of `tag` becomes .env: the one this run staged, or (a rollback) the one recorded with it. */
    const switchEnv = async (tag) => {
        const record = composeEnvRecord(appDir, tag);
        const staged = tag === preparedTag;
        preparedTag = undefined;
        if (staged && !opts.envFile) {
            // No env-file: the release runs with the .env in place, and that is what a rollback to it brings back.
            await recordEnv(conn, '', liveEnv, record);
            return;
        }
        if (staged)
            await conn.run(sh `mv -f -- ${composeEnvStaged(appDir, tag)} ${record}`, 'recording the env-file', {
                log: false,
            });
        await applyEnv(conn, log, tag, record, liveEnv, '.env');
    };
    return {
        name: 'compose',
        restoresRedeploy: false,
        async prepare(tag) {
            preparedTag = undefined;
            await conn.run(sh `mkdir -p ${appDir} ${`${appDir}/${COMPOSE_ENV_DIR}`}`, 'creating the app directory', {
                log: false,
            });
            // Independent steps share the connection's channels: files, compose detection, registry login.
            await Promise.all([
                opts.composeFile &&
                    conn
                        .upload(opts.composeFile.content, `${appDir}/${opts.composeFile.name}`, 0o644)
                        .then(() => log.info(`Uploaded ${opts.composeFile.name}`)),
                // The live .env changes only at `up` (activate): staged here, beside the other tags' records.
                opts.envFile &&
                    recordEnv(conn, opts.envFile, liveEnv, composeEnvStaged(appDir, tag))
                        .then(() => installFirstEnv(conn, opts.envFile, liveEnv, log, '.env'))
                        .then(() => log.info(`Uploaded the env-file for ${tag} (mode 0600); .env changes at up -d`)),
                compose(),
                opts.registry && login(opts.registry),
                opts.extraFiles?.length && shipExtraFiles(conn, appDir, tag, opts.extraFiles, log),
            ]);
            // The restart counts before `up` are read while the images pull (nothing restarts containers in between).
            const [, before] = await Promise.all([
                run(pullArgs(opts.services), `pulling ${opts.tagVariable}=${tag}`, tag),
                containers(),
            ]);
            snapshot = restartCounts(before);
            preparedTag = tag;
        },
        async migrate(tag) {
            if (!opts.migrateCommand)
                return;
            await conn.run(userCommand(opts.migrateCommand, {
                cwd: appDir,
                // .env is still the running release's: the new config is this file until `up`.
                env: {
                    [opts.tagVariable]: tag,
                    ...(opts.envFile ? { VPS_DEPLOY_ENV_FILE: composeEnvStaged(appDir, tag) } : {}),
                },
            }), 'migrate-command');
        },
        async activate(tag) {
            // A rollback activates without prepare: it reads the restart counts itself.
            baseline = snapshot ?? restartCounts(await containers());
            snapshot = undefined;
            activeTag = tag;
            await applyExtraFiles(conn, appDir, tag, log);
            await switchEnv(tag);
            await run(upArgs(opts.services), `docker compose up -d with ${opts.tagVariable}=${tag}`, tag);
        },
        async fatal() {
            return crashedReason(await containers(), baseline);
        },
        async readiness() {
            return dockerReadiness(await containers());
        },
        async logs() {
            try {
                const command = composeCommand(await compose(), appDir, logsArgs(opts.services), opts.tagVariable, activeTag);
                const r = await conn.exec(`${command} 2>&1`, { log: false, maxStdout: 256 * 1024 });
                return r.stdout.trimEnd();
            }
            catch (e) {
                log.debug(`reading the compose logs failed: ${e instanceof Error ? e.message : String(e)}`);
                return '';
            }
        },
        async available() {
            const { tags } = await present();
            return tags.sort((a, b) => b.time - a.time).map((t) => t.tag);
        },
        async prune(keep, protect, failed) {
            const { templates: t, tags } = await present();
            const doomed = selectPrunable(tags, keep, protect, failed);
            if (!doomed.length)
                return [];
            const images = doomed.flatMap((tag) => imagesOfTag(t, tag));
            // An image still used by a stopped container stays; that is not worth failing a deploy for.
            await conn.exec(sh `for i in ${images}; do docker image rm "$i" >/dev/null 2>&1 || echo "kept $i (in use)"; done`);
            await conn.exec(forgetCommand(appDir, doomed), { log: false });
            await conn.exec(forgetComposeEnvCommand(appDir, doomed), { log: false });
            return doomed;
        },
    };
}

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
/** Work-in-progress names inside releases/: never a release, removed by prune when a run was killed. */
const INCOMING_PREFIX = '.incoming-';
const REPLACED_PREFIX = '.replaced-';
function releasePaths(appDir, tag) {
    if (!TAG_PATTERN.test(tag))
        throw new errors/* ConfigurationError */.j1(`tag ${JSON.stringify(tag)} is not a release name: takes ${TAG_PATTERN}`);
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
    const remove = new Set(selectPrunable(releases.map((r) => ({ tag: r.name, time: r.time })), opts.keep, protect, opts.failed));
    return {
        keep: releases.map((r) => r.name).filter((n) => !remove.has(n)),
        remove: releases.map((r) => r.name).filter((n) => remove.has(n)),
        leftovers,
    };
}
/** Complete releases (a REVISION file, a tag name), newest first. */
function releasesNewestFirst(entries) {
    return entries
        .filter((e) => e.complete && TAG_PATTERN.test(e.name))
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

// EXTERNAL MODULE: ./src/local/exec.ts
var exec = __webpack_require__(1558);
;// CONCATENATED MODULE: ./src/local/git.ts

/**
 * The commit a tag names in a git checkout, or undefined when the checkout has no such tag (or is no git
 * repository). Without git on the runner it throws a MissingToolError.
 */
async function commitOf(workspace, tag) {
    const r = await (0,exec/* runLocal */.RK)('git', ['-C', workspace, 'rev-parse', '--verify', '--quiet', `${tag}^{commit}`], {
        allowFailure: true,
    });
    return r.exitCode === 0 ? r.stdout.trim() : undefined;
}
/** A tar of the commit's tree, as `git archive` writes it (no .git, nothing untracked). */
function gitArchive(workspace, commit) {
    return (0,exec/* streamLocal */.sr)('git', ['-C', workspace, 'archive', '--format=tar', commit]);
}

;// CONCATENATED MODULE: ./src/local/tar.ts

/** A tar of a directory's contents (paths relative to it, `.git` left out), written to the stream. */
function tarDirectory(dir) {
    return (0,exec/* streamLocal */.sr)('tar', ['-c', '-f', '-', '-C', dir, '--exclude=./.git', '.']);
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
        if (kind !== 'git' && e instanceof exec/* MissingToolError */.BM)
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
            open: () => tarDirectory(path),
        };
    }
    return {
        kind,
        describe: `tarball ${path}`,
        commit: commit ?? 'unknown',
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

;// CONCATENATED MODULE: ./src/strategies/release-dirs/commands.ts




/**
 * Every remote command text of the release strategy, built through the quoting module. Pure: the step files
 * (strategy, upload, shared-links, switch) run these and decide what their output means; the text itself is
 * tested as exact strings and under a real /bin/sh (test/unit/strategies/release-dirs/commands.test.ts).
 */
// Reading the layout.
/** Prints `link<TAB><target>` when <app-dir>/current is a symbolic link, `other` when it is anything else. */
function readCurrentCommand(appDir) {
    return (sh `cd ${appDir} 2>/dev/null || exit 0; if [ -L ${CURRENT} ]; then printf 'link\\t%s\\n' "$(readlink ${CURRENT})"; ` +
        sh `elif [ -e ${CURRENT} ]; then echo other; fi`);
}
/** Prints `name<TAB>mtime<TAB>1|0` per dir in releases/: the time of its REVISION (1) or of the dir itself (0). */
function listReleasesCommand(appDir) {
    return (sh `cd ${appDir}/${RELEASES} 2>/dev/null || exit 0; ` +
        sh `for d in * .[!.]*; do [ -d "$d" ] && [ ! -L "$d" ] || continue; ` +
        sh `if [ -f "$d"/${REVISION} ]; then c=1; t=$(stat -c %.9Y "$d"/${REVISION}); else c=0; t=$(stat -c %.9Y "$d"); fi; ` +
        sh `printf '%s\\t%s\\t%s\\n' "$d" "$t" "$c"; done`);
}
/** Exits 0 when the release dir is complete (its REVISION was written last, after the upload). */
function isCompleteCommand(releaseDir) {
    return sh `[ -f ${external_node_path_.posix.join(releaseDir, REVISION)} ]`;
}
/** Exits 0 when anything is at `path`. */
function existsCommand(path) {
    return sh `[ -e ${path} ]`;
}
// Making a release.
/** Unpacks the tar stream on stdin into `dir`; files get the deploy user as owner, whatever the archive says. */
function unpackCommand(dir, gzip) {
    return sh `mkdir -p -- ${dir} && tar -x${raw(gzip ? ' -z' : '')} --no-same-owner -f - -C ${dir}`;
}
/** Writes <dir>/REVISION, one `key=value` a line: its presence marks the release complete. */
function writeRevisionCommand(dir, r) {
    const lines = [`tag=${r.tag}`, `commit=${r.commit}`, `source=${r.source}`, `deployed_at=${r.deployedAt}`];
    return sh `printf '%s\\n' ${lines} > ${external_node_path_.posix.join(dir, REVISION)}`;
}
/** Creates shared/ and the directories shared links need (shared dirs, parents of shared files). */
function makeSharedDirsCommand(sharedDir, dirs) {
    return sh `mkdir -p -- ${[sharedDir, ...dirs]}`;
}
/** Prints the `path` of each shared file missing from shared/, one a line; prints nothing when all are there. */
function missingSharedFilesCommand(files) {
    return files.map((l) => sh `[ -e ${l.sharedPath} ] || printf '%s\\n' ${l.path};`).join(' ');
}
/** Replaces whatever the release holds at each shared path by a link into shared/. */
function linkSharedCommand(plan) {
    return plan
        .map((l) => sh `${raw(removeDirCommand(l.linkPath))} && mkdir -p -- ${external_node_path_.posix.dirname(l.linkPath)} && ` +
        sh `ln -s -- ${l.linkTarget} ${l.linkPath}`)
        .join(' && ');
}
/**
 * A user's install/migrate/restart command, in a login shell in `cwd`, told where it runs through
 * VPS_DEPLOY_TAG, VPS_DEPLOY_RELEASE_DIR and VPS_DEPLOY_APP_DIR; VPS_DEPLOY_ENV_FILE is the release's own config
 * (before the switch, shared/.env is still the running release's).
 */
function releaseUserCommand(command, where) {
    return userCommand(command, {
        cwd: where.cwd,
        env: {
            VPS_DEPLOY_TAG: where.tag,
            VPS_DEPLOY_RELEASE_DIR: where.releaseDir,
            VPS_DEPLOY_APP_DIR: where.appDir,
            VPS_DEPLOY_ENV_FILE: external_node_path_.posix.join(where.releaseDir, RELEASE_ENV),
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
    return (sh `cd ${appDir} && ln -s -- ${target} ${tmp} && ` +
        sh `{ mv -T -- ${tmp} ${CURRENT} || { rc=$?; rm -f -- ${tmp}; exit $rc; }; }`);
}
/** Removes a directory even when it holds read-only files (Go module caches, some node_modules). */
function removeDirCommand(path) {
    return sh `{ rm -rf -- ${path} 2>/dev/null || { chmod -R u+w -- ${path} && rm -rf -- ${path}; }; }`;
}
/** Removes each of `names` from <app-dir>/releases, stopping at the first that cannot be removed. */
function removeReleasesCommand(appDir, names) {
    const releases = external_node_path_.posix.join(appDir, RELEASES);
    return names.map((n) => removeDirCommand(external_node_path_.posix.join(releases, n))).join(' && ');
}
/** Renames a directory; `-T` so that an existing `to` is never entered and `from` moved inside it. */
function renameDirCommand(from, to) {
    return sh `mv -T -- ${from} ${to}`;
}
/** A copy whose files are hard links: instant, no extra space, and the original stays in place. */
function hardLinkCopyCommand(from, to) {
    return sh `cp -al -- ${from} ${to}`;
}
/** `dir` becomes `from`: by rename (`from` is gone after) or by hard-link copy (`from` stays). */
function replaceDirCommand(dir, from, how) {
    const place = how === 'rename' ? renameDirCommand(from, dir) : hardLinkCopyCommand(from, dir);
    return `${removeDirCommand(dir)} && ${place}`;
}
// Reading the app's logs after a failure.
/** The user's logs-command (`journalctl -u app -n 80 --no-pager`) in a login shell in <app-dir>, stderr kept. */
function appLogsCommand(command, appDir) {
    return `${userCommand(command, { cwd: appDir })} 2>&1`;
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
        .map((d) => sh `find ${d} -maxdepth ${String(SQLITE_SEARCH_DEPTH)} ${'('} -name node_modules -o -name .git -o -name .venv ${')'} -prune ` +
        sh `-o -type f -size +15c -exec sh -c ${check} sh ${'{}'} +`)
        .join('; ');
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
async function switchCurrent(conn, appDir, target) {
    // A fresh temporary name per switch: a link a killed run left behind never makes `ln -s` fail.
    const command = switchCommand(appDir, target, (0,external_node_crypto_.randomBytes)(6).toString('hex'));
    try {
        await conn.run(command, `switching current to ${target}`, { log: false });
    }
    catch (e) {
        throw (0,errors/* inPhase */.xe)('switch', e);
    }
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
    await installFirstEnv(conn, envFile, external_node_path_.posix.join(shared, '.env'), log, 'shared/.env');
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

;// CONCATENATED MODULE: ./src/strategies/release-dirs/upload.ts




/**
 * Streams the release's tar over one exec channel into `tar -x` on the server. One channel and one remote
 * process instead of a round trip per file over SFTP: 500 small files cost what one 1 MB file costs.
 * The stream is never written to disk on the runner (a git archive goes straight from git to the server).
 */
async function uploadRelease(conn, source, dir) {
    const started = performance.now();
    const channel = await conn.channel(unpackCommand(dir, source.kind === 'tar.gz'));
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
    producer.stream.on('data', (d) => (bytes += d.length));
    producer.stream.on('end', () => (ended = true));
    channel.stderr.on('data', (d) => (stderr = (stderr + d.toString('utf8')).slice(-16_000)));
    channel.on('data', () => undefined);
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
    }
    const local = localError ?? (await produced);
    // First: a producer that failed cut the stream short, whatever the server made of it (a tar cut at a block
    // boundary can unpack with exit 0), and it is the cause of a remote tar's "Unexpected EOF".
    if (local) {
        throw new errors/* RemoteError */.Hi(`the release could not be read on the runner (${source.describe}): ${(0,errors/* errText */.V7)(local)}`, 'upload');
    }
    if (code === undefined && signal === undefined) {
        throw new errors/* RemoteError */.Hi(connectionLost(conn, 'while the release was uploaded'), 'upload');
    }
    if (code !== 0) {
        throw new errors/* RemoteError */.Hi(`unpacking the release on the server failed (tar exit ${signal ?? code}; ${bytes} bytes sent)${(0,errors/* tailOf */.Cj)(stderr)}`, 'upload');
    }
    return { bytes, ms: performance.now() - started };
}

// EXTERNAL MODULE: ./node_modules/zod/v4/mini/schemas.js + 8 modules
var schemas = __webpack_require__(4539);
// EXTERNAL MODULE: ./node_modules/zod/v4/core/core.js
var core = __webpack_require__(8532);
;// CONCATENATED MODULE: ./src/io/inputs.ts



const SECRET_INPUTS = new Set([...io_secrets/* SECRET_INPUT_NAMES */.f1, ...io_secrets/* HEADER_INPUT_NAMES */.iU]);
function readInputs(spec, raw, opts = {}) {
    const problems = [];
    const out = {};
    for (const [name, schema] of Object.entries(spec)) {
        const value = raw(name).trim();
        const parsed = schema.safeParse(value);
        if (parsed.success) {
            out[name] = parsed.data;
        }
        else {
            const takes = parsed.error.issues.map((i) => i.message).join('; ');
            const shown = opts.shown?.[name];
            const got = SECRET_INPUTS.has(name)
                ? '(a secret, not shown)'
                : JSON.stringify(truncate(shown ? shown(value) : value, 80));
            problems.push(`input "${name}" got ${got}: ${takes}`);
        }
    }
    if (problems.length)
        throw new errors/* ConfigurationError */.j1(`Invalid input\n  ${problems.join('\n  ')}`);
    return out;
}
function truncate(s, n) {
    return s.length > n ? `${s.slice(0, n)}…` : s;
}
/** Why a field refused its value: thrown by a kind's parser, turned into that input's line of the error. */
class Refusal {
    message;
    constructor(message) {
        this.message = message;
    }
}
/** Refuses the value being parsed; `message` says what the input takes. */
function refuse(message) {
    throw new Refusal(message);
}
/** Makes a field kind from a parser of the trimmed raw value: a `refuse` becomes the input's zod issue. */
function kind(parse) {
    return schemas/* pipe */.FsL(schemas/* string */.YjP(), schemas/* transform */.pdi((value, ctx) => {
        try {
            return parse(value);
        }
        catch (e) {
            if (!(e instanceof Refusal))
                throw e;
            ctx.issues.push({ code: 'custom', message: e.message, input: value });
            return core/* NEVER */.tm;
        }
    }));
}
/** Narrows a kind: values failing `test` are refused with `message`. */
function refined(base, test, message) {
    return base.check(schemas/* refine */.YPB(test, { message }));
}
// ---- field kinds ------------------------------------------------------------------------------------------
/** A string input; `required` makes the empty string an error. */
function inputs_text(opts = {}) {
    return kind((v) => {
        if (!v && opts.required) {
            return refuse('is required');
        }
        return v || opts.fallback || '';
    });
}
/** A string that must match a pattern when given. */
function matching(pattern, takes, opts = {}) {
    return refined(inputs_text(opts), (v) => v === '' || pattern.test(v), `takes ${takes}`);
}
const TRUE = new Set(['true', 'True', 'TRUE', 'yes', 'Yes', 'YES', 'on', 'On', 'ON', '1']);
const FALSE = new Set(['false', 'False', 'FALSE', 'no', 'No', 'NO', 'off', 'Off', 'OFF', '0']);
/** YAML 1.1 booleans as GitHub passes them: true/false, yes/no, on/off (any case form), 1/0. */
function bool(fallback) {
    return kind((v) => {
        if (v === '')
            return fallback;
        if (TRUE.has(v))
            return true;
        if (FALSE.has(v))
            return false;
        return refuse('takes true or false (yes/no, on/off also accepted)');
    });
}
const UNITS = { ms: 0.001, s: 1, m: 60, h: 3600 };
/** Parses `30`, `30s`, `1.5s`, `500ms`, `2m`, `1h` into seconds. Returns undefined when not a duration. */
function parseDuration(v) {
    const m = /^(\d+(?:\.\d+)?)\s*(ms|s|m|h)?$/.exec(v.trim());
    if (!m)
        return undefined;
    return Number(m[1]) * UNITS[m[2] ?? 's'];
}
/** A duration in seconds, strictly positive unless `allowZero`. */
function duration(fallbackSeconds, opts = {}) {
    return kind((v) => {
        if (v === '')
            return fallbackSeconds;
        const s = parseDuration(v);
        const lowest = opts.allowZero ? 0 : Number.MIN_VALUE;
        if (s === undefined || s < lowest || (opts.max !== undefined && s > opts.max)) {
            const range = opts.allowZero ? '>= 0' : '> 0';
            const max = opts.max !== undefined ? ` and <= ${opts.max}s` : '';
            return refuse(`takes a duration ${range}${max}, like 30, 30s, 500ms or 2m`);
        }
        return s;
    });
}
/** A whole number in [min, max]. */
function integer(fallback, min, max) {
    return kind((v) => {
        if (v === '')
            return fallback;
        if (!/^\d+$/.test(v) || Number(v) < min || Number(v) > max) {
            return refuse(`takes a whole number from ${min} to ${max}`);
        }
        return Number(v);
    });
}
/** Splits a list given one per line or comma-separated; blank entries and `#` comment lines are dropped. */
function splitList(v) {
    return v
        .split(/[\n,]/)
        .map((s) => s.trim())
        .filter((s) => s !== '' && !s.startsWith('#'));
}
/** A newline-only list (for values that may themselves contain commas, like URLs and commands). */
function splitLines(v) {
    return v
        .split('\n')
        .map((s) => s.trim())
        .filter((s) => s !== '' && !s.startsWith('#'));
}
/**
 * Command lines, one a line (restart-command, health-command, …): blank and `#` lines dropped, and a line ending
 * in `\` continued on the next, as a shell reads it. Each line is run on its own, in order.
 */
function splitCommandLines(v) {
    const out = [];
    let pending = '';
    for (const line of v.split(/\r?\n/)) {
        const t = line.trim();
        if (!pending && (t === '' || t.startsWith('#')))
            continue;
        if (t.endsWith('\\')) {
            pending += `${t.slice(0, -1)} `;
            continue;
        }
        out.push((pending + t).trim());
        pending = '';
    }
    if (pending.trim())
        out.push(pending.trim());
    return out.filter((l) => l !== '');
}
/** Command lines (see splitCommandLines). */
function commandLines() {
    return kind((v) => splitCommandLines(v));
}
/** A list whose every item must satisfy `item`. */
function list(item, opts = {}) {
    return kind((v) => {
        const items = opts.lines ? splitLines(v) : splitList(v);
        const bad = items.filter((i) => !item.test(i));
        if (bad.length) {
            return refuse(`${JSON.stringify(bad[0])} is not ${item.takes}`);
        }
        return items;
    });
}
/** One of a fixed set of words. */
function oneOf(words, fallback) {
    return kind((v) => {
        if (v === '')
            return fallback;
        if (!words.includes(v)) {
            return refuse(`takes one of ${words.join(', ')}`);
        }
        return v;
    });
}
/** An http(s) URL. */
function httpUrl(opts = {}) {
    return refined(inputs_text(opts), (v) => v === '' || isHttpUrl(v), 'takes an http:// or https:// URL, like http://127.0.0.1:8000/health');
}
function isHttpUrl(v) {
    try {
        const u = new URL(v);
        return (u.protocol === 'http:' || u.protocol === 'https:') && u.hostname !== '';
    }
    catch {
        return false;
    }
}
/** `Name: value` header lines. A bad line is named by its number only: header values may be secrets. */
function headers() {
    return kind((v) => {
        const out = {};
        for (const [i, line] of splitLines(v).entries()) {
            const m = /^([A-Za-z0-9!#$%&'*+.^_`|~-]+)\s*:\s*(.*)$/.exec(line);
            if (!m)
                return refuse(`takes "Name: value" lines; line ${i + 1} is not one`);
            out[m[1]] = m[2];
        }
        return out;
    });
}

;// CONCATENATED MODULE: ./src/strategies/release-dirs/user-commands.ts



/**
 * A user's install-command, migrate-command or restart-command: each line on its own, in order, in a login shell
 * in `where.cwd` (a `cd` or a variable does not carry to the next line; a line ending in `\` continues). Each line
 * and its exit is logged; the first that fails stops the rest and fails the phase naming it, with the tail of
 * its output. A one-line command reads as it always did (`restart-command failed (exit 4) after the switch`).
 */
async function runUserCommands(conn, log, input, text, phase, where) {
    const lines = splitCommandLines(text);
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
    constructor(ctx, opts) {
        this.ctx = ctx;
        this.opts = opts;
        this.conn = ctx.conn;
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
        log.info(`Uploading ${source.describe} (commit ${source.commit}) to ${p.release}`);
        try {
            const up = await uploadRelease(this.conn, source, incoming);
            log.info(`  ${formatBytes(up.bytes)} in ${(up.ms / 1000).toFixed(1)}s`);
            const revision = {
                tag,
                commit: source.commit,
                source: source.describe,
                deployedAt: new Date().toISOString(),
            };
            // The config this release runs with, kept in it (pruned with it) and put in place at the switch.
            await recordEnv(this.conn, this.opts.envFile, external_node_path_.posix.join(p.shared, '.env'), external_node_path_.posix.join(incoming, RELEASE_ENV));
            await this.conn.run(writeRevisionCommand(incoming, revision), 'writing REVISION', { log: false });
        }
        catch (e) {
            await this.conn.exec(removeDirCommand(incoming), { log: false }).catch(() => undefined);
            throw (0,errors/* inPhase */.xe)('upload', e);
        }
        const servingThisTag = current.kind === 'link' && tagOfCurrentTarget(current.target) === tag;
        const aside = await this.placeRelease(tag, incoming, servingThisTag);
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
            const exists = await this.conn.exec(isCompleteCommand(p.release), { log: false });
            if (exists.code !== 0) {
                const onServer = await this.available();
                throw new errors/* ConfigurationError */.j1(`release ${JSON.stringify(tag)} is not on the server (${p.releases}); releases there: ` +
                    (onServer.length ? onServer.join(', ') : 'none'));
            }
            await switchCurrent(this.conn, appDir, p.currentTarget);
        }
        log.info(`current -> ${p.currentTarget}`);
        this.activated.add(tag);
        // Without env-file a fresh release recorded shared/.env as it is: nothing to put in place.
        if (!fresh || this.opts.envFile)
            await applyEnv(this.conn, log, tag, external_node_path_.posix.join(p.release, RELEASE_ENV), external_node_path_.posix.join(p.shared, '.env'), 'shared/.env');
        if (this.opts.restartCommand)
            await this.runUserCommand('restart-command', this.opts.restartCommand, tag, 'restart', p.current);
        else
            log.info('No restart-command: nothing restarts the app (set one, e.g. sudo systemctl restart <app>)');
    }
    async fatal() {
        // The service manager is the user's (systemd, supervisord, …): the health gate is the only judge here.
        return this.conn.isOpen ? undefined : connectionLost(this.conn);
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
        const choice = choosePrune(entries, { keep, protect, failed, ...(serving ? { current: serving } : {}) });
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
    /** Puts the uploaded dir in place as releases/<tag>, moving an existing one aside (restored on failure). */
    async placeRelease(tag, incoming, servingThisTag) {
        const { appDir } = this.ctx;
        const p = releasePaths(appDir, tag);
        const name = `${REPLACED_PREFIX}${tag}-${stamp()}`;
        const asidePath = external_node_path_.posix.join(p.releases, name);
        const exists = (await this.conn.exec(existsCommand(p.release), { log: false })).code === 0;
        let servedFromAside = false;
        try {
            if (exists && servingThisTag) {
                // The serving release cannot be renamed (current would dangle for an instant): hard-link copy it,
                // point current at the copy in one rename, and only then clear the name.
                await this.conn.run(hardLinkCopyCommand(p.release, asidePath), `copying the serving releases/${tag} aside`);
                await switchCurrent(this.conn, appDir, `releases/${name}`);
                servedFromAside = true;
                await this.conn.run(removeDirCommand(p.release), `removing the old releases/${tag}`);
            }
            else if (exists) {
                await this.conn.run(renameDirCommand(p.release, asidePath), `moving the old releases/${tag} aside`);
            }
            await this.conn.run(renameDirCommand(incoming, p.release), `placing releases/${tag}`);
        }
        catch (e) {
            await this.conn.exec(removeDirCommand(incoming), { log: false }).catch(() => undefined);
            if (servedFromAside)
                await this.restoreAside(tag, { name, wasCurrent: true }).catch(() => undefined);
            throw (0,errors/* inPhase */.xe)('upload', e);
        }
        return exists ? { name, wasCurrent: servingThisTag } : undefined;
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

;// CONCATENATED MODULE: ./src/strategies/index.ts


/** The two strategies behind one switch: everything else in the flow is the same for both. */
function strategyChooser(ctx, opts) {
    return (name) => name === 'release' ? releaseStrategy(ctx, opts.release) : composeStrategy(ctx, opts.compose);
}
/** The flow's context for one connection: the run's facts, the plan's gate and lock, and both strategies. */
function flowContext(conn, io, plan, secrets) {
    const strategyCtx = { conn, app: plan.location.app, appDir: plan.location.appDir, log: io };
    return {
        conn,
        appDir: plan.location.appDir,
        log: io,
        run: { actor: io.run.actor, runUrl: io.run.runUrl },
        secrets,
        lockTimeoutSeconds: plan.lockTimeoutSeconds,
        health: plan.health,
        strategyFor: (name, over) => strategyChooser(over ? { ...strategyCtx, conn: over } : strategyCtx, plan)(name),
    };
}

;// CONCATENATED MODULE: ./src/ssh/host-key.ts


/** `SHA256:<base64 without padding>`, as `ssh-keygen -lf` prints it. */
function fingerprintOf(keyBlob) {
    return `SHA256:${(0,external_node_crypto_.createHash)('sha256').update(keyBlob).digest('base64').replace(/=+$/, '')}`;
}
/** The key type named inside an SSH public key blob (`ssh-ed25519`, `ecdsa-sha2-nistp256`, …). */
function keyTypeOf(keyBlob) {
    if (keyBlob.length < 4)
        return 'unknown';
    const len = keyBlob.readUInt32BE(0);
    return keyBlob.subarray(4, 4 + len).toString('ascii');
}
/** The host field of a known_hosts line for this host and port: `host`, or `[host]:port` off port 22. */
function knownHostsName(host, port) {
    return port === 22 ? host : `[${host}]:${port}`;
}
/** The exact line a user adds to `known-hosts` to trust this key. */
function knownHostsLine(host, port, keyBlob) {
    return `${knownHostsName(host, port)} ${keyTypeOf(keyBlob)} ${keyBlob.toString('base64')}`;
}
function isFingerprint(v) {
    return /^SHA256:[A-Za-z0-9+/]{43}=?$/.test(v);
}
/** Parses known_hosts text; comments, blank lines and malformed lines are skipped. */
function parseKnownHosts(lines) {
    const out = [];
    for (const line of lines) {
        const t = line.trim();
        if (!t || t.startsWith('#'))
            continue;
        let fields = t.split(/\s+/);
        let marker;
        if (fields[0].startsWith('@')) {
            marker = fields[0];
            fields = fields.slice(1);
        }
        if (fields.length < 3)
            continue;
        const key = Buffer.from(fields[2], 'base64');
        if (!key.length)
            continue;
        out.push({ patterns: fields[0], keyType: fields[1], key, ...(marker ? { marker } : {}) });
    }
    return out;
}
/** Whether a known_hosts host field matches host:port (plain, `[host]:port`, hashed `|1|`, `*`/`?`, `!`). */
function hostMatches(patterns, host, port) {
    if (patterns.startsWith('|1|')) {
        const [, , salt, hash] = patterns.split('|');
        if (!salt || !hash)
            return false;
        // ssh lowercases the host before hashing it (ssh.c), so `ssh VPS.example.com` wrote the lowercase name.
        const lowered = knownHostsName(host.toLowerCase(), port);
        const digest = (0,external_node_crypto_.createHmac)('sha1', Buffer.from(salt, 'base64')).update(lowered).digest('base64');
        return digest === hash;
    }
    const name = knownHostsName(host, port);
    let matched = false;
    for (const p of patterns.split(',')) {
        const negated = p.startsWith('!');
        const pattern = negated ? p.slice(1) : p;
        if (globMatch(pattern, name)) {
            if (negated)
                return false;
            matched = true;
        }
    }
    return matched;
}
function globMatch(pattern, value) {
    const re = new RegExp('^' +
        pattern
            .split('')
            .map((c) => (c === '*' ? '.*' : c === '?' ? '.' : c.replace(/[.+^${}()|[\]\\]/g, '\\$&')))
            .join('') +
        '$', 'i');
    return re.test(value);
}
/**
 * ssh2's host key algorithms per key type a known_hosts line names, in ssh2's own order of preference. An RSA
 * key is offered under its SHA-2 signature names first (OpenSSH 8.8+ refuses plain ssh-rsa signatures).
 */
const ALGORITHMS_BY_KEY_TYPE = [
    ['ssh-ed25519', ['ssh-ed25519']],
    ['ecdsa-sha2-nistp256', ['ecdsa-sha2-nistp256']],
    ['ecdsa-sha2-nistp384', ['ecdsa-sha2-nistp384']],
    ['ecdsa-sha2-nistp521', ['ecdsa-sha2-nistp521']],
    ['ssh-rsa', ['rsa-sha2-512', 'rsa-sha2-256', 'ssh-rsa']],
    ['ssh-dss', ['ssh-dss']],
];
/**
 * The host key algorithms to offer the server: those of the key types pinned for this host in `known-hosts`,
 * as OpenSSH does. Otherwise a server with an ed25519 and an rsa key presents the ed25519 one (ssh2 prefers
 * it), and an rsa-only pin would be refused as a man-in-the-middle. Undefined (ssh2's defaults) when nothing
 * usable is pinned: a fingerprint does not say its key type, and the refusal then says what to add.
 */
function hostKeyAlgorithmsFor(trust, host, port) {
    if (trust.kind !== 'known-hosts')
        return undefined;
    const pinned = new Set(parseKnownHosts(trust.lines)
        .filter((e) => !e.marker && hostMatches(e.patterns, host, port))
        .map((e) => e.keyType));
    const algorithms = ALGORITHMS_BY_KEY_TYPE.filter(([type]) => pinned.has(type)).flatMap(([, a]) => a);
    return algorithms.length ? algorithms : undefined;
}
/** Decides whether the presented key is trusted, with the message a user needs when it is not. */
function checkHostKey(trust, host, port, keyBlob) {
    const presented = fingerprintOf(keyBlob);
    const addLine = knownHostsLine(host, port, keyBlob);
    switch (trust.kind) {
        case 'insecure':
            return { ok: true };
        case 'none':
            return {
                ok: false,
                message: `The host key of ${host}:${port} cannot be verified: set \`known-hosts\` or \`host-fingerprint\` ` +
                    `(or \`insecure-ignore-host-key: true\`, not recommended).\n` +
                    `  The server presented ${keyTypeOf(keyBlob)} ${presented}\n` +
                    `  host-fingerprint: ${presented}\n` +
                    `  known-hosts line: ${addLine}\n` +
                    `  Check it out of band first: on the server, \`ssh-keygen -lf /etc/ssh/ssh_host_${keyTypeOf(keyBlob).replace(/^ssh-|-.*$/g, '')}_key.pub\`.`,
            };
        case 'fingerprint':
            if (normaliseFingerprint(trust.fingerprint) === presented)
                return { ok: true };
            return {
                ok: false,
                message: `HOST KEY MISMATCH for ${host}:${port}: refusing to connect (a man-in-the-middle, or the server was rebuilt).\n` +
                    `  expected (host-fingerprint): ${trust.fingerprint}\n` +
                    `  presented by the server:     ${presented} (${keyTypeOf(keyBlob)})`,
            };
        case 'known-hosts': {
            const entries = parseKnownHosts(trust.lines).filter((e) => hostMatches(e.patterns, host, port));
            if (entries.some((e) => e.marker === '@revoked' && e.key.equals(keyBlob))) {
                return {
                    ok: false,
                    message: `The host key of ${host}:${port} (${presented}) is marked @revoked in known-hosts.`,
                };
            }
            const usable = entries.filter((e) => !e.marker);
            if (usable.some((e) => e.key.equals(keyBlob)))
                return { ok: true };
            if (!usable.length) {
                return {
                    ok: false,
                    message: `known-hosts has no line for ${knownHostsName(host, port)} (lines for port ${port} must start with ` +
                        `\`${knownHostsName(host, port)}\`).\n  The server presented ${presented}; to trust it add:\n  ${addLine}`,
                };
            }
            return {
                ok: false,
                message: `HOST KEY MISMATCH for ${host}:${port}: refusing to connect (a man-in-the-middle, or the server was rebuilt).\n` +
                    `  expected (known-hosts): ${usable.map((e) => `${fingerprintOf(e.key)} (${e.keyType})`).join(', ')}\n` +
                    `  presented by the server: ${presented} (${keyTypeOf(keyBlob)})`,
            };
        }
    }
}
function normaliseFingerprint(f) {
    return f.trim().replace(/=+$/, '');
}
/** Builds the trust from the shared inputs; with neither and not insecure, the connection will fail helpfully. */
function hostTrustFrom(i) {
    if (i.knownHosts)
        return { kind: 'known-hosts', lines: i.knownHosts.split('\n') };
    if (i.hostFingerprint) {
        if (!isFingerprint(i.hostFingerprint)) {
            throw new errors/* ConfigurationError */.j1(`input "host-fingerprint" got ${JSON.stringify(i.hostFingerprint)}: takes SHA256:<43 base64 characters>, as printed by ssh-keygen -lf`);
        }
        return { kind: 'fingerprint', fingerprint: i.hostFingerprint };
    }
    return i.insecure ? { kind: 'insecure' } : { kind: 'none' };
}

;// CONCATENATED MODULE: ./src/ssh/target.ts



/** How to reach the server (docs/contract.md, "Inputs shared by every remote action"). */
const sshInputSpec = {
    host: list({
        test: isHostName,
        takes: 'a host name or IP address (several: one per line or comma-separated)',
    }),
    port: integer(22, 1, 65535),
    username: matching(/^[A-Za-z0-9._][A-Za-z0-9._-]{0,63}$/, 'a user name like deploy'),
    key: inputs_text(),
    passphrase: inputs_text(),
    password: inputs_text(),
    'known-hosts': inputs_text(),
    'host-fingerprint': refined(inputs_text(), (v) => v === '' || isFingerprint(v), 'takes SHA256:<43 base64 characters>, as printed by `ssh-keygen -lf`'),
    'insecure-ignore-host-key': bool(false),
    'jump-host': matching(/^(?:[A-Za-z0-9._-]+@)?[A-Za-z0-9.:[\]_-]+(?::\d{1,5})?$/, 'user@host:port (user and port optional)'),
    'jump-key': inputs_text(),
    'jump-passphrase': inputs_text(),
    'connect-timeout': duration(20, { max: 600 }),
    'connect-retries': integer(3, 1, 20),
};
/** Which app on the server: every remote action but healthcheck. */
const appInputSpec = {
    app: matching(/^[A-Za-z0-9][A-Za-z0-9_-]{0,63}$/, 'an app slug of letters, digits, - and _'),
    'app-dir': matching(/^\/[^\0]*$/, 'an absolute path like /srv/myapp'),
};
const remoteInputSpec = { ...sshInputSpec, ...appInputSpec };
function isHostName(v) {
    return /^[A-Za-z0-9]([A-Za-z0-9.-]*[A-Za-z0-9])?$/.test(v) || /^\[?[0-9A-Fa-f:.]+\]?$/.test(v);
}
/** The app slug defaults to the repository's name; app-dir to /srv/<app>. */
function appLocation(i, repository) {
    const fromRepo = (repository.split('/')[1] ?? '').replace(/[^A-Za-z0-9_-]/g, '-').replace(/^[-_]+/, '');
    const app = i.app || fromRepo;
    if (!app)
        throw new errors/* ConfigurationError */.j1('input "app" is required outside a GitHub repository: takes an app slug');
    return { app, appDir: (i['app-dir'] || `/srv/${app}`).replace(/(.)\/+$/, '$1') };
}
/** One SshTarget per host in `host`, validating the credential combination before anything connects. */
function sshTargets(i) {
    if (!i.host.length)
        throw new errors/* ConfigurationError */.j1('input "host" is required: takes a host name or IP address');
    if (!i.username)
        throw new errors/* ConfigurationError */.j1('input "username" is required: takes the SSH user, like deploy');
    if (!i.key && !i.password) {
        throw new errors/* ConfigurationError */.j1('input "key" or "password" is required: give a private key (from a secret) or a password');
    }
    if (i.passphrase && !i.key)
        throw new errors/* ConfigurationError */.j1('input "passphrase" was given without "key"');
    if (i['jump-passphrase'] && !i['jump-key'])
        throw new errors/* ConfigurationError */.j1('input "jump-passphrase" was given without "jump-key"');
    const jump = i['jump-host'] ? parseJump(i['jump-host'], i.username, jumpLogin(i)) : undefined;
    return i.host.map((host) => ({
        host: host.replace(/^\[(.*)\]$/, '$1'),
        port: i.port,
        username: i.username,
        ...(i.key ? { privateKey: normaliseKey(i.key) } : {}),
        ...(i.passphrase ? { passphrase: i.passphrase } : {}),
        ...(i.password ? { password: i.password } : {}),
        knownHosts: i['known-hosts'],
        hostFingerprint: i['host-fingerprint'],
        insecureIgnoreHostKey: i['insecure-ignore-host-key'],
        ...(jump ? { jump } : {}),
        connectTimeoutSeconds: i['connect-timeout'],
        connectRetries: i['connect-retries'],
    }));
}
/**
 * The bastion's key and passphrase: `jump-key` with `jump-passphrase`, or else the target's `key` and
 * `passphrase`. A `jump-key` without `jump-passphrase` still tries `passphrase` (what it used before
 * `jump-passphrase` existed; an unencrypted key ignores it).
 */
function jumpLogin(i) {
    if (!i['jump-key'])
        return { key: i.key, passphrase: i.passphrase, keyInput: 'key', passphraseInput: 'passphrase' };
    const own = i['jump-passphrase'];
    return {
        key: i['jump-key'],
        passphrase: own || i.passphrase,
        keyInput: 'jump-key',
        passphraseInput: own || !i.passphrase ? 'jump-passphrase' : 'passphrase',
    };
}
function parseJump(spec, defaultUser, login) {
    const m = /^(?:([^@]+)@)?(\[[^\]]+\]|[^:]+)(?::(\d+))?$/.exec(spec);
    if (!m)
        throw new errors/* ConfigurationError */.j1(`input "jump-host" got ${JSON.stringify(spec)}: takes user@host:port`);
    return {
        host: m[2].replace(/^\[(.*)\]$/, '$1'),
        port: m[3] ? Number(m[3]) : 22,
        username: m[1] ?? defaultUser,
        ...(login.key ? { privateKey: normaliseKey(login.key) } : {}),
        ...(login.passphrase ? { passphrase: login.passphrase } : {}),
        keyInput: login.keyInput,
        passphraseInput: login.passphraseInput,
    };
}
/** Secrets pasted into GitHub often lose their final newline or gain \r: OpenSSH keys need neither fixed by hand. */
function normaliseKey(key) {
    return key.replace(/\r\n/g, '\n').trim() + '\n';
}

;// CONCATENATED MODULE: ./src/flow/inputs.ts


/** What the gate probes when neither health-url nor health-command is given. */
const DEFAULT_HEALTH_URL = 'http://127.0.0.1:8000/health';
/** health-url lines: http, https or http+unix URLs (commas may be in a URL, so one a line only). */
function healthUrls() {
    return kind((v) => {
        const urls = splitLines(v);
        const bad = urls.findIndex((u) => !isHealthUrl(u));
        if (bad < 0)
            return urls;
        return refuse(`takes ${HEALTH_URL_TAKES}${urls.length > 1 ? `, one a line; line ${bad + 1} is not one` : ''}`);
    });
}
/** The health gate inputs, shared by deploy, the root action and rollback. */
const gateInputSpec = {
    'health-url': healthUrls(),
    'health-command': commandLines(),
    'health-headers': headers(),
    'health-from': oneOf(['server', 'runner'], 'server'),
    'health-timeout': duration(60, { max: 3600 }),
    'health-interval': duration(1, { max: 600 }),
    'health-successes': integer(2, 1, 100),
    'health-request-timeout': duration(5, { max: 600 }),
    'allow-degraded': bool(true),
    'lock-timeout': duration(300, { allowZero: true, max: 86_400 }),
};
/** `services`: compose service names, shared by deploy and rollback. */
const serviceNames = () => list({ test: (s) => /^[A-Za-z0-9][A-Za-z0-9._-]*$/.test(s), takes: 'a compose service name' });
/** `tag-variable`: the variable the compose file interpolates for the image tag. */
const tagVariable = () => matching(/^[A-Za-z_][A-Za-z0-9_]*$/, 'a variable name like IMAGE_TAG', { fallback: 'IMAGE_TAG' });
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

;// CONCATENATED MODULE: ./src/actions/deploy/inputs.ts





const relativePath = {
    test: (s) => !s.startsWith('/') && !s.split('/').includes('..') && !s.includes('\0'),
    takes: 'a path inside the app directory',
};
/** actions/deploy inputs (actions/deploy/README.md). */
const deployInputSpec = {
    ...remoteInputSpec,
    ...gateInputSpec,
    tag: matching(TAG_PATTERN, TAG_TAKES),
    strategy: oneOf(['compose', 'release'], 'compose'),
    'compose-file': inputs_text(),
    'env-file': inputs_text(),
    'tag-variable': tagVariable(),
    services: serviceNames(),
    registry: matching(/^[A-Za-z0-9.-]+(:\d{1,5})?(\/[A-Za-z0-9._/-]*)?$/, 'a registry host like ghcr.io or 127.0.0.1:5000'),
    'registry-username': inputs_text(),
    'registry-password': inputs_text(),
    source: inputs_text(),
    'shared-files': list(relativePath),
    'shared-dirs': list(relativePath),
    'install-command': inputs_text(),
    'migrate-command': inputs_text(),
    'restart-command': inputs_text(),
    'logs-command': inputs_text(),
    'extra-files': list({ test: (s) => !extraFileProblem(s), takes: 'a local/path[:remote/path] line without ".." segments' }, { lines: true }),
    'keep-releases': integer(5, 1, 1000),
    'rollback-on-failure': bool(true),
    environment: inputs_text(),
    'environment-url': httpUrl(),
    'github-token': inputs_text(),
};
function readDeployInputs(raw) {
    return readInputs(deployInputSpec, raw);
}

;// CONCATENATED MODULE: ./src/actions/deploy/plan.ts








const COMPOSE_NAMES = ['compose.yaml', 'compose.yml', 'docker-compose.yml', 'docker-compose.yaml'];
/** The tag: the input, else the pushed git tag, else what the variant offers (root action: sha-<short>). */
function resolveTag(input, run, fallback) {
    const fromRef = /^refs\/tags\/(.+)$/.exec(run.ref)?.[1];
    const tag = input || fromRef || fallback || '';
    if (!tag) {
        throw new errors/* ConfigurationError */.j1('input "tag" is required when the workflow was not started by a tag push: takes ' + TAG_TAKES);
    }
    if (!TAG_PATTERN.test(tag))
        throw new errors/* ConfigurationError */.j1(`the pushed git tag ${JSON.stringify(tag)} cannot be a release tag: set "tag", ${TAG_TAKES}`);
    return tag;
}
async function deployPlan(i, run, fallbackTag) {
    const tag = resolveTag(i.tag, run, fallbackTag);
    const targets = sshTargets(i);
    const location = appLocation(i, run.repository);
    const registryGiven = [i.registry, i['registry-username'], i['registry-password']].filter(Boolean).length;
    if (registryGiven && registryGiven < 3 && i['registry-password']) {
        throw new errors/* ConfigurationError */.j1('inputs "registry", "registry-username" and "registry-password" go together: give all three (or only "registry" to push without login)');
    }
    const release = {
        workspace: run.workspace,
        source: i.source,
        sharedFiles: i['shared-files'].length ? i['shared-files'] : ['.env'],
        sharedDirs: i['shared-dirs'],
        envFile: i['env-file'],
        installCommand: i['install-command'],
        migrateCommand: i['migrate-command'],
        restartCommand: i['restart-command'],
        logsCommand: i['logs-command'],
    };
    if (i.strategy === 'release' && i['extra-files'].length)
        throw new errors/* ConfigurationError */.j1('input "extra-files" is for strategy: compose. A release directory is already the repository tree ' +
            '(git archive of the tag, or source): commit the file, or put it in source');
    // A tag missing from the checkout, or an unusable source, is the user's to fix: say so before connecting.
    if (i.strategy === 'release')
        await checkReleaseTag(release, tag);
    return {
        tag,
        targets,
        location,
        strategy: i.strategy,
        compose: {
            ...(i['compose-file'] ? { composeFile: readComposeFile(i['compose-file'], run.workspace) } : {}),
            envFile: i['env-file'],
            tagVariable: i['tag-variable'],
            services: i.services,
            ...(registryGiven === 3
                ? {
                    registry: {
                        host: i.registry,
                        username: i['registry-username'],
                        password: i['registry-password'],
                    },
                }
                : {}),
            migrateCommand: i['migrate-command'],
            extraFiles: planExtraFiles(i['extra-files'], run.workspace, location.appDir),
        },
        release,
        health: healthPlan(i),
        lockTimeoutSeconds: i['lock-timeout'],
        keepReleases: i['keep-releases'],
        rollbackOnFailure: i['rollback-on-failure'],
    };
}
/** Reads the compose file from the checked-out repository; it keeps a standard name on the server. */
function readComposeFile(path, workspace) {
    const full = (0,external_node_path_.isAbsolute)(path) ? path : (0,external_node_path_.join)(workspace, path);
    if (!(0,external_node_fs_.existsSync)(full))
        throw new errors/* ConfigurationError */.j1(`input "compose-file" got ${JSON.stringify(path)}: there is no such file in ${workspace}`);
    const name = COMPOSE_NAMES.includes((0,external_node_path_.basename)(full)) ? (0,external_node_path_.basename)(full) : 'docker-compose.yml';
    return { name, content: (0,external_node_fs_.readFileSync)(full, 'utf8') };
}

;// CONCATENATED MODULE: ./src/io/summary.ts
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

;// CONCATENATED MODULE: ./src/health/excerpt.ts
/** A bounded, single-paragraph excerpt of a health body for outputs, logs and summaries. */
function bodyExcerpt(body, max = 1024) {
    const t = body.trim();
    return t.length > max ? `${t.slice(0, max)}… (${t.length - max} more bytes read)` : t;
}

;// CONCATENATED MODULE: ./src/flow/report.ts




/** The status of the whole step: the first host that did not end as `ok` decides. */
function stepStatus(reports, ok) {
    for (const r of reports) {
        if (!r.result)
            return 'failed';
        if (r.result.status !== ok)
            return r.result.status;
    }
    return reports.length ? ok : 'failed';
}
function verdictText(g) {
    if (!g)
        return '—';
    const code = g.last.code !== undefined
        ? ` (HTTP ${g.last.code}, ${g.last.latencyMs} ms)`
        : g.last.error
            ? ` (${g.last.error})`
            : '';
    return `${g.last.verdict}${code}`;
}
function phasesText(phases) {
    return Object.entries(phases)
        .map(([k, v]) => `${k} ${(v / 1000).toFixed(1)}s`)
        .join(', ');
}
/** The job summary: one row per host, then the health body excerpt of each gate. Secrets are redacted. */
function summaryMarkdown(title, status, reports, secrets) {
    const icon = status === 'deployed' || (title.startsWith('Rollback') && status === 'rolled-back')
        ? '✅'
        : status === 'rolled-back'
            ? '↩️'
            : '❌';
    const rows = reports.map((r) => {
        const f = r.result;
        const rollback = f?.restore
            ? `to ${f.restore.tag}: ${f.restore.gate ? verdictText(f.restore.gate) : `failed (${f.restore.error ?? ''})`}`
            : '—';
        return [
            r.host,
            f?.attempted ?? '—',
            f?.before ?? '—',
            verdictText(f?.gate),
            rollback,
            f ? phasesText(f.phases) : '—',
            f ? f.status : `failed: ${r.error ?? ''}`,
        ];
    });
    const bodies = reports.flatMap((r) => {
        const g = r.result?.gate;
        const body = g ? bodyExcerpt(g.last.body, 2000) : '';
        return body
            ? [
                `<details><summary>${r.host}: last health body of ${r.result.attempted}</summary>`,
                '',
                codeBlock(body),
                '',
                '</details>',
                '',
            ]
            : [];
    });
    const logs = reports.flatMap((r) => {
        const text = r.result?.logs ?? r.logs;
        const of = r.result?.attempted ? ` of ${r.result.attempted}` : '';
        return text
            ? [
                `<details><summary>${r.host}: app logs${of} (last lines)</summary>`,
                '',
                codeBlock(text),
                '',
                '</details>',
                '',
            ]
            : [];
    });
    const checks = reports.flatMap((r) => checksTable(r));
    const failures = reports.flatMap((r) => (r.error ?? r.result?.failure) ? [`- ${r.host}: ${r.error ?? r.result?.failure}`] : []);
    const text = [
        `### ${icon} ${title}: ${status}`,
        '',
        table(['host', 'tag', 'previous', 'verdict', 'rollback', 'time per phase', 'outcome'], rows),
        '',
        ...(failures.length ? [...failures, ''] : []),
        ...checks,
        ...bodies,
        ...logs,
    ].join('\n');
    return redact(text, secrets);
}
/** Each health check's last verdict, when a gate waited for several (health-url and health-command lines). */
function checksTable(r) {
    const gates = [
        [r.result?.attempted, r.result?.gate],
        [r.result?.restore?.tag, r.result?.restore?.gate],
    ];
    return gates.flatMap(([tag, g]) => g?.checks?.length
        ? [
            `${r.host}: health checks of ${tag ?? ''}`,
            '',
            table(['check', 'last verdict'], g.checks.map((c) => [c.label, describeVerdict(c.last)])),
            '',
        ]
        : []);
}
/** Sets the outputs (actions/deploy/README.md, actions/rollback/README.md) from the last host that ran. */
function setOutputs(io, status, reports, startedMs, names) {
    const last = [...reports].reverse().find((r) => r.result)?.result;
    io.setOutput('status', status);
    io.setOutput('tag', last?.current ?? '');
    io.setOutput(names.previous, last?.before ?? '');
    io.setOutput('health', last?.gate?.last.verdict ?? '');
    io.setOutput('duration-seconds', Math.round((performance.now() - startedMs) / 100) / 10);
}

// EXTERNAL MODULE: external "node:stream"
var external_node_stream_ = __webpack_require__(7075);
// EXTERNAL MODULE: external "node:string_decoder"
var external_node_string_decoder_ = __webpack_require__(6193);
;// CONCATENATED MODULE: ./src/ssh/command-output.ts

const STDERR_TAIL = 64 * 1024;
/**
 * What exec keeps of a command's output: the first `maxStdout` bytes of stdout and the last 64 KiB of stderr
 * (a chatty or endless command cannot fill the runner's memory through us), each line shown as it arrives
 * through `shown` (ActionIO.remoteOutput: server text, never a workflow command), which finish() ends.
 */
class CommandOutput {
    maxStdout;
    shown;
    out = [];
    outBytes = 0;
    err = Buffer.alloc(0);
    outLines;
    errLines;
    constructor(maxStdout, shown) {
        this.maxStdout = maxStdout;
        this.shown = shown;
        if (shown) {
            this.outLines = new LineSplitter((l) => shown.line(l));
            this.errLines = new LineSplitter((l) => shown.line(l));
        }
    }
    stdout(d) {
        if (this.outBytes < this.maxStdout) {
            const kept = d.subarray(0, this.maxStdout - this.outBytes);
            this.out.push(kept);
            this.outBytes += kept.length;
        }
        this.outLines?.push(d);
    }
    stderr(d) {
        this.err = Buffer.concat([this.err, d]);
        if (this.err.length > STDERR_TAIL)
            this.err = this.err.subarray(this.err.length - STDERR_TAIL);
        this.errLines?.push(d);
    }
    /** Logs what is left of an unfinished line, and returns what was kept. */
    finish() {
        this.outLines?.flush();
        this.errLines?.flush();
        this.shown?.end();
        return { stdout: Buffer.concat(this.out).toString('utf8'), stderr: this.err.toString('utf8') };
    }
}
/** Cuts a byte stream into lines (without \n or \r\n); a character split across chunks stays whole. */
class LineSplitter {
    emit;
    decoder = new external_node_string_decoder_.StringDecoder('utf8');
    pending = '';
    constructor(emit) {
        this.emit = emit;
    }
    push(d) {
        this.pending += this.decoder.write(d);
        const lines = this.pending.split('\n');
        this.pending = lines.pop();
        for (const l of lines)
            this.emit(l.replace(/\r$/, ''));
    }
    flush() {
        this.pending += this.decoder.end();
        if (this.pending)
            this.emit(this.pending);
        this.pending = '';
    }
}

// EXTERNAL MODULE: external "node:net"
var external_node_net_ = __webpack_require__(7030);
// EXTERNAL MODULE: ./node_modules/node-ssh/lib/esm/index.mjs + 2 modules
var esm = __webpack_require__(9487);
;// CONCATENATED MODULE: ./src/ssh/auth.ts
/**
 * One login's authentication: offers `none` (to learn what the server accepts), then the key, then the
 * password, skipping what the server does not offer, and remembers what was tried so a refusal can say
 * what to check.
 */
class AuthAttempts {
    credentials;
    pending = ['none'];
    offered = null;
    tried = [];
    constructor(credentials) {
        this.credentials = credentials;
        if (credentials.privateKey)
            this.pending.push('publickey');
        if (credentials.password)
            this.pending.push('password');
    }
    /** ssh2's authHandler: called first with no list, then after each refusal with the methods left. */
    next = (methodsLeft, _partial, next) => {
        if (methodsLeft)
            this.offered = methodsLeft;
        const { username, privateKey, passphrase, password } = this.credentials;
        let m;
        while ((m = this.pending.shift())) {
            if (this.offered && !this.offered.includes(m))
                continue;
            if (m !== 'none')
                this.tried.push(m);
            if (m === 'none')
                return next({ type: 'none', username });
            if (m === 'publickey')
                return next({ type: 'publickey', username, key: privateKey, passphrase: passphrase ?? '' });
            if (m === 'password')
                return next({ type: 'password', username, password: password });
        }
        // false ends authentication; @types/ssh2 does not list it.
        return next(false);
    };
    /** The message for a refused login at user@host:port. */
    refusal(host, port) {
        const { username } = this.credentials;
        return (`authentication failed for ${username}@${host}:${port}: tried ${this.tried.join(', ') || 'nothing'}; ` +
            `the server offers ${this.offered?.join(', ') || 'no method'}` +
            authHint(this.offered, this.tried, username));
    }
}
/** What to check after a refused login, by what was tried and what the server offers. */
function authHint(offered, tried, user) {
    if (offered && !offered.some((o) => tried.includes(o))) {
        return ` (none of the given credentials is a method it offers: ${offered.includes('publickey') ? 'give "key"' : 'give "password"'})`;
    }
    const hints = [];
    if (tried.includes('publickey'))
        hints.push(`that the public key is in ~${user}/.ssh/authorized_keys on the server`);
    if (tried.includes('password'))
        hints.push('the password');
    return hints.length ? ` (check ${hints.join(', and ')})` : '';
}

// EXTERNAL MODULE: ./node_modules/ssh2/lib/index.js
var lib = __webpack_require__(5472);
var lib_default = /*#__PURE__*/__webpack_require__.n(lib);
;// CONCATENATED MODULE: ./src/ssh/private-key.ts


/**
 * Checks a private key (and its passphrase) before connecting, so a bad secret is named as the input to fix
 * instead of surfacing as a failed login after every retry. The error never includes the key.
 */
function checkPrivateKey(key, passphrase, inputName = 'key', passphraseInput = inputName === 'jump-key' ? 'jump-passphrase' : 'passphrase') {
    // node-ssh has no key parser of its own: ssh2's is the one it will use when connecting.
    const parsed = lib_default().utils.parseKey(key, passphrase);
    if (!(parsed instanceof Error))
        return;
    const m = parsed.message;
    if (/no passphrase given/i.test(m)) {
        throw new errors/* ConfigurationError */.j1(`input "${inputName}" is an encrypted private key: set "${passphraseInput}" too`);
    }
    if (/decrypt|bad decrypt|passphrase/i.test(m) && passphrase) {
        // A jump-key without jump-passphrase is tried with the target's passphrase: say which one to set.
        const hint = inputName === 'jump-key' && passphraseInput === 'passphrase' ? ': set "jump-passphrase"' : '';
        throw new errors/* ConfigurationError */.j1(`input "${passphraseInput}" does not decrypt the private key in "${inputName}"${hint}`);
    }
    throw new errors/* ConfigurationError */.j1(`input "${inputName}" is not a private key ssh can use (${m}): paste the whole key, from ` +
        '-----BEGIN ... PRIVATE KEY----- to the END line (OpenSSH or PEM format)');
}

;// CONCATENATED MODULE: ./src/ssh/connect.ts






/**
 * Connects to the target (through its jump host, if any) with retries and backoff. Host key and
 * authentication failures are the user's to fix and are not retried.
 */
async function connectToTarget(target, log) {
    if (target.privateKey)
        checkPrivateKey(target.privateKey, target.passphrase);
    const j = target.jump;
    // The bastion's own key too: a wrong jump-passphrase is named as such, not retried as a refused login.
    if (j?.privateKey && j.keyInput === 'jump-key')
        checkPrivateKey(j.privateKey, j.passphrase, j.keyInput, j.passphraseInput);
    const trust = hostTrustFrom({
        knownHosts: target.knownHosts,
        hostFingerprint: target.hostFingerprint,
        insecure: target.insecureIgnoreHostKey,
    });
    if (trust.kind === 'insecure')
        log.warning(`Host key of ${target.host} is not verified (insecure-ignore-host-key).`);
    let lastError;
    for (let attempt = 1; attempt <= target.connectRetries; attempt++) {
        let jump;
        try {
            let sock;
            if (j) {
                jump = await connectOnce(j, jumpTrust(trust), target.connectTimeoutSeconds);
                sock = await forwardThrough(jump.ssh, target.host, target.port, target.connectTimeoutSeconds * 1000);
            }
            const session = await connectOnce({ ...target, sock }, trust, target.connectTimeoutSeconds);
            log.debug(`ssh: connected to ${target.host}:${target.port} on attempt ${attempt}`);
            return jump ? { session, jump } : { session };
        }
        catch (e) {
            jump?.client.destroy();
            if (e instanceof errors/* ConfigurationError */.j1)
                throw e;
            lastError = e;
            if (attempt < target.connectRetries) {
                const wait = Math.min(1000 * 2 ** (attempt - 1), 10_000);
                log.info(`ssh: attempt ${attempt} to ${target.host}:${target.port} failed (${(0,errors/* errText */.V7)(e)}); retrying in ${wait / 1000}s`);
                await sleep(wait);
            }
        }
    }
    throw new errors/* RemoteError */.Hi(`could not connect to ${target.host}:${target.port} after ${target.connectRetries} attempt(s) ` +
        `(connect-timeout ${target.connectTimeoutSeconds}s each): ${(0,errors/* errText */.V7)(lastError)}`, 'connect');
}
/**
 * A direct-tcpip stream to host:port as the session's server sees it. The server answers the channel request
 * only once its own TCP connect ends, which behind a dropping firewall is minutes: so it has a deadline, and a
 * channel granted after it is closed at once.
 */
async function forwardThrough(ssh, host, port, timeoutMs) {
    const opening = ssh.forwardOut('127.0.0.1', 0, host, port);
    try {
        return await connect_within(opening, timeoutMs, `no answer after ${timeoutMs / 1000}s`);
    }
    catch (e) {
        opening.then((late) => late.destroy()).catch(() => undefined);
        throw new errors/* RemoteError */.Hi(`the server could not open a tunnel to ${host}:${port}: ${(0,errors/* errText */.V7)(e)}`);
    }
}
/** The promise's outcome, or a rejection with `why` once `ms` have passed without one. */
function connect_within(promise, ms, why) {
    let timer;
    const deadline = new Promise((_, reject) => {
        timer = setTimeout(() => reject(new Error(why)), ms);
    });
    return Promise.race([promise, deadline]).finally(() => clearTimeout(timer));
}
/** One attempt: TCP (or the given stream), host key check, login. */
async function connectOnce(login, trust, timeoutSeconds) {
    const { host, port } = login;
    const auth = new AuthAttempts(login);
    let hostKeyProblem;
    // ssh2 leaves Nagle on: a small packet sent while another is unacknowledged (exec request, then EOF) waits
    // for the server's delayed ACK, ~40 ms a step: ~90 ms per command and ~450 ms per SFTP upload instead of a
    // few ms on a near server. node-ssh creates the ssh2 Client inside connect(), so the socket is made here,
    // with Nagle off from the TCP connect on (the handshake gains too); ssh2's readyTimeout still covers it.
    const sock = login.sock ?? (0,external_node_net_.connect)({ host, port, noDelay: true });
    const serverHostKey = hostKeyAlgorithmsFor(trust, host, port);
    const config = {
        host,
        port,
        username: login.username,
        sock,
        readyTimeout: timeoutSeconds * 1000,
        keepaliveInterval: 5000,
        keepaliveCountMax: 3,
        ...(serverHostKey ? { algorithms: { serverHostKey } } : {}),
        ...(login.privateKey ? { privateKey: login.privateKey } : {}),
        ...(login.passphrase ? { passphrase: login.passphrase } : {}),
        ...(login.password ? { password: login.password } : {}),
        hostVerifier: (key) => {
            const d = checkHostKey(trust, host, port, key);
            if (!d.ok)
                hostKeyProblem = d.message;
            return d.ok;
        },
        authHandler: auth.next,
    };
    const ssh = new esm/* NodeSSH */.H();
    // ssh2's readyTimeout is cleared on any socket 'end'/'close', and node-ssh settles only on 'ready', 'error'
    // or 'close': a stream that ends without closing (a half-open tunnel) would leave connect() pending for
    // ever, and node exits 13 on such a promise. So the attempt has a deadline of its own, just after ssh2's.
    const deadlineMs = timeoutSeconds * 1000 + 1000;
    try {
        await connect_within(ssh.connect(config), deadlineMs, `no SSH handshake within ${timeoutSeconds}s`);
    }
    catch (e) {
        sock.destroy();
        ssh.connection?.destroy();
        if (hostKeyProblem)
            throw new errors/* ConfigurationError */.j1(hostKeyProblem);
        if (e.level === 'client-authentication')
            throw new errors/* ConfigurationError */.j1(auth.refusal(host, port));
        throw e;
    }
    // node-ssh forgets its Client once it ends: keep it, to reach ssh2 and to destroy it on dispose.
    const client = ssh.connection;
    if (!client)
        throw new errors/* RemoteError */.Hi(`the SSH connection to ${host}:${port} closed as soon as it opened`);
    return { ssh, client };
}
function jumpTrust(trust) {
    // known-hosts may hold the bastion's line too; a fingerprint names the target only.
    return trust.kind === 'fingerprint' ? { kind: 'none' } : trust;
}
function sleep(ms) {
    return new Promise((r) => setTimeout(r, ms));
}

;// CONCATENATED MODULE: ./src/ssh/connection.ts






/**
 * One SSH connection to one host for the whole run: exec with exit codes, SFTP uploads, loopback tunnels.
 * Built on node-ssh (connect, execCommand, SFTP, forwardOut); raw exec channels use its ssh2 Client (see
 * channel()). Always dispose() it (in a finally): an open connection keeps node alive.
 */
class SshConnection {
    jump;
    target;
    log;
    sftpSession;
    closed = false;
    closeWaiters = new Set();
    ssh;
    client;
    constructor(session, jump, target, log) {
        this.jump = jump;
        this.target = target;
        this.log = log;
        this.ssh = session.ssh;
        this.client = session.client;
        this.client.on('close', () => {
            this.closed = true;
            const e = new errors/* RemoteError */.Hi(`SSH connection to ${target.host}:${target.port} was lost`);
            for (const w of this.closeWaiters)
                w(e);
        });
        // After login node-ssh listens for no errors: an unheard 'error' would crash the process.
        this.client.on('error', (e) => log.debug(`ssh: ${e.message}`));
    }
    get label() {
        return `${this.target.username}@${this.target.host}:${this.target.port}`;
    }
    get host() {
        return this.target.host;
    }
    /** Connects with retries and backoff; host key and authentication failures are not retried. */
    static async open(target, log) {
        const { session, jump } = await connectToTarget(target, log);
        return new SshConnection(session, jump, target, log);
    }
    /** Runs a command; resolves with its exit code whatever stderr says. Rejects only if the connection fails. */
    async exec(command, opts = {}) {
        const output = new CommandOutput(opts.maxStdout ?? 16 * 1024 * 1024, opts.log === false ? undefined : remoteOutputOf(this.log));
        const { stdin } = opts;
        // execCommand never throws on a non-zero exit (the decision is ours, by code) and resolves code and signal
        // null when the channel closed without an exit status: the connection went. It also keeps the whole output
        // until the end; what we keep and return is bounded by CommandOutput, large transfers use channel().
        const r = await this.whileOpen(() => this.ssh.execCommand(command, {
            noTrim: true,
            onStdout: (d) => output.stdout(d),
            onStderr: (d) => output.stderr(d),
            ...(stdin === undefined ? {} : { stdin: Buffer.isBuffer(stdin) ? external_node_stream_.Readable.from([stdin]) : stdin }),
        }), 'while a command ran').catch((e) => {
            output.finish();
            throw e instanceof errors/* RemoteError */.Hi
                ? e
                : new errors/* RemoteError */.Hi(`could not run a command on ${this.label}: ${(0,errors/* errText */.V7)(e)}`);
        });
        const { stdout, stderr } = output.finish();
        if (r.code === null && r.signal === null) {
            throw new errors/* RemoteError */.Hi(`SSH connection to ${this.target.host} was lost while a command ran`);
        }
        return { code: r.code ?? 128, ...(r.signal ? { signal: r.signal } : {}), stdout, stderr };
    }
    /** Runs a command and throws a RemoteError naming `what` with the tail of its output on a non-zero exit. */
    async run(command, what, opts = {}) {
        const r = await this.exec(command, opts);
        if (r.code !== 0) {
            throw new errors/* RemoteError */.Hi(`${what} failed (exit ${r.signal ?? r.code})${(0,errors/* tailOf */.Cj)(r.stderr || r.stdout)}`);
        }
        return r;
    }
    /**
     * Opens a raw exec channel (for long-lived processes like the deploy lock, or streamed transfers). Its exit
     * status and close are recorded from the start (`exitStatus`): a short command's output, exit status and close can arrive
     * in the same TCP read as the exec reply, before the caller could attach a listener.
     * node-ssh has no API for this: execCommand buffers the whole output and settles only at the end, so this
     * uses its ssh2 Client directly.
     */
    channel(command) {
        return this.whileOpen(() => new Promise((resolve, reject) => {
            this.client.exec(command, (e, ch) => {
                if (e)
                    return reject(new errors/* RemoteError */.Hi(`the server refused a command channel: ${e.message}`));
                let status = { code: null };
                ch.once('exit', (code, signal) => {
                    status = { code, ...(signal ? { signal } : {}) };
                });
                const exitStatus = new Promise((done) => ch.once('close', () => done(status)));
                resolve(Object.assign(ch, { exitStatus }));
            });
        }), 'while a command started');
    }
    /** Writes content to remotePath atomically (temp name, chmod, rename), over SFTP. */
    async upload(content, remotePath, mode = 0o644) {
        const tmp = `${remotePath}.tmp-${(0,external_node_crypto_.randomBytes)(6).toString('hex')}`;
        try {
            await this.whileOpen(async () => {
                const sftp = await this.sftp();
                await new Promise((resolve, reject) => {
                    const ws = sftp.createWriteStream(tmp, { mode });
                    ws.on('error', reject);
                    ws.on('close', () => resolve());
                    if (typeof content === 'string' || Buffer.isBuffer(content))
                        ws.end(content);
                    else
                        content.on('error', reject).pipe(ws);
                });
                // The server's umask applies to the open(2) mode: chmod makes it exact.
                await new Promise((resolve, reject) => sftp.chmod(tmp, mode, (e) => (e ? reject(e) : resolve())));
                await new Promise((resolve, reject) => sftp.ext_openssh_rename(tmp, remotePath, (e) => (e ? reject(e) : resolve())));
            }, 'during an upload');
        }
        catch (e) {
            if (this.isOpen)
                await this.exec(sh `rm -f ${tmp}`, { log: false }).catch(() => undefined);
            throw new errors/* RemoteError */.Hi(`upload to ${remotePath} failed: ${(0,errors/* errText */.V7)(e)}`);
        }
    }
    /** A TCP stream to host:port as seen from the server (direct-tcpip), e.g. the app on its loopback. */
    async tunnel(host, port) {
        const stream = await this.whileOpen(() => forwardThrough(this.ssh, host, port, this.target.connectTimeoutSeconds * 1000), 'while a tunnel opened');
        // A request in flight over a tunnel must fail when the connection dies, not wait out its own timeout.
        // ssh2's channel destroy() waits for the server's reply, which a dead connection never sends: so the
        // error is raised on the stream directly, for whoever reads it.
        const onLost = (e) => {
            if (stream.listenerCount('error') > 0)
                stream.emit('error', e);
        };
        this.closeWaiters.add(onLost);
        stream.once('end', () => this.closeWaiters.delete(onLost));
        return stream;
    }
    /**
     * A stream to a Unix socket on the server (direct-streamlocal@openssh.com; node-ssh has no API for it, so its
     * ssh2 Client is used), with the same deadline and loss handling as tunnel().
     */
    async unixSocket(socketPath) {
        const timeoutMs = this.target.connectTimeoutSeconds * 1000;
        const stream = await this.whileOpen(() => new Promise((resolve, reject) => {
            let late = false;
            const timer = setTimeout(() => {
                late = true;
                reject(new Error(`no answer after ${timeoutMs / 1000}s`));
            }, timeoutMs);
            this.client.openssh_forwardOutStreamLocal(socketPath, (e, ch) => {
                clearTimeout(timer);
                if (late) {
                    ch?.destroy();
                    return;
                }
                if (e)
                    reject(e);
                else
                    resolve(ch);
            });
        }), 'while a socket stream opened').catch((e) => {
            throw new errors/* RemoteError */.Hi(`the server could not open a stream to the Unix socket ${socketPath}: ${(0,errors/* errText */.V7)(e)}`);
        });
        const onLost = (e) => {
            if (stream.listenerCount('error') > 0)
                stream.emit('error', e);
        };
        this.closeWaiters.add(onLost);
        stream.once('end', () => this.closeWaiters.delete(onLost));
        return stream;
    }
    get isOpen() {
        return !this.closed;
    }
    dispose() {
        this.ssh.dispose();
        this.jump?.ssh.dispose();
        // dispose() ends politely and waits for the server's reply; a hung server must not keep node alive.
        const t = setTimeout(() => {
            this.client.destroy();
            this.jump?.client.destroy();
        }, 2000);
        t.unref();
    }
    sftp() {
        this.sftpSession ??= this.ssh.requestSFTP().catch((e) => {
            this.sftpSession = undefined;
            throw e;
        });
        return this.sftpSession;
    }
    /** Runs work, rejecting as soon as the connection is lost (ssh2 may settle a pending request only later). */
    whileOpen(work, during) {
        if (this.closed) {
            return Promise.reject(new errors/* RemoteError */.Hi(`SSH connection to ${this.target.host} was lost ${during}`));
        }
        return new Promise((resolve, reject) => {
            this.closeWaiters.add(reject);
            Promise.resolve()
                .then(work)
                .then(resolve, reject)
                .finally(() => this.closeWaiters.delete(reject));
        });
    }
}
function remoteOutputOf(log) {
    return log.remoteOutput?.() ?? { line: (l) => log.info(l), end: () => undefined };
}
/** Opens a connection, runs fn, and always disposes it. */
async function withConnection(target, log, fn) {
    const c = await SshConnection.open(target, log);
    try {
        return await fn(c);
    }
    finally {
        c.dispose();
    }
}

;// CONCATENATED MODULE: ./src/flow/hosts.ts



/**
 * Several hosts are deployed (or rolled back) one after another, stopping at the first that does not end as
 * `ok`. A fault stops the run too; it is returned with the reports so outputs and summary are written first.
 */
async function eachHost(targets, io, ok, work) {
    const reports = [];
    for (const target of targets) {
        const host = targets.length > 1 ? `${target.host}:${target.port}` : target.host;
        try {
            const result = await withConnection(target, io, work);
            reports.push({ host, result });
            if (result.status !== ok)
                break;
        }
        catch (e) {
            reports.push({ host, error: (0,errors/* describeFailure */.Ic)(e), ...appLogsOf(e) });
            return { reports, fault: e };
        }
    }
    return { reports };
}

;// CONCATENATED MODULE: ./src/actions/deploy/run.ts










const deployAction = { title: 'Deploy', readInputs: readDeployInputs };
/** actions/deploy: inputs -> plan -> (variant's runner work) -> each host in turn -> outputs, summary. */
async function runDeploy(io, variant, signal) {
    const started = performance.now();
    (0,io_secrets/* maskSecretInputs */.q)(io);
    const inputs = variant.readInputs((n) => io.input(n));
    const plan = await deployPlan(inputs, io.run, variant.fallbackTag?.(inputs, io.run));
    const secrets = io_secrets/* SECRET_INPUT_NAMES */.f1.map((n) => io.input(n)).filter(Boolean);
    await variant.beforeDeploy?.(io, inputs, plan);
    const github = inputs.environment
        ? await GitHubDeployment.start(io, {
            token: inputs['github-token'],
            environment: inputs.environment,
            environmentUrl: inputs['environment-url'],
            ref: io.run.sha || plan.tag,
            tag: plan.tag,
            description: `vps-deploy ${plan.tag} to ${plan.targets.map((t) => t.host).join(', ')}`,
        })
        : undefined;
    const { reports, fault } = await eachHost(plan.targets, io, 'deployed', (conn) => deployRelease(withSignal(flowContext(conn, io, plan, secrets), signal), {
        tag: plan.tag,
        strategy: plan.strategy,
        keepReleases: plan.keepReleases,
        rollbackOnFailure: plan.rollbackOnFailure,
    }));
    const status = stepStatus(reports, 'deployed');
    setOutputs(io, status, reports, started, { previous: 'previous-tag' });
    await io.summary(summaryMarkdown(`${variant.title} ${plan.tag}`, status, reports, secrets));
    await github?.status(status === 'deployed' ? 'success' : 'failure', `${plan.tag}: ${status}`);
    if (fault)
        throw fault;
    if (status !== 'deployed') {
        const failed = reports.find((r) => r.result?.status !== 'deployed');
        const message = `${status}: ${failed?.result?.failure ?? 'the deploy did not complete'}`;
        throw status === 'rolled-back' ? new errors/* RemoteError */.Hi(message, 'gate') : new errors/* RemoteError */.Hi(message);
    }
    if (plan.targets.length > 1)
        io.info(`Deployed ${plan.tag} to ${plan.targets.length} hosts`);
}

// EXTERNAL MODULE: ./src/local/docker.ts
var docker = __webpack_require__(9103);
;// CONCATENATED MODULE: ./src/actions/pipeline/build.ts



const IMAGE_NAME = /^[a-z0-9.-]+(:\d{1,5})?(\/[a-z0-9._-]+)*$/;
/** Why an `images` line cannot be used, or undefined. */
function imagesLineProblem(line) {
    const words = line.trim().split(/\s+/);
    if (words.length < 2 || words.length > 3)
        return 'is not "<image> <context> [<dockerfile>]"';
    if (!IMAGE_NAME.test(words[0]))
        return `names ${JSON.stringify(words[0])}, not an image name without tag`;
    if (words.slice(1).some((w) => w.split(/[\\/]/).includes('..')))
        return 'has a ".." segment in a path';
    return undefined;
}
/** The image(s) to build: every `images` line, or the single `image` / `context` / `dockerfile`. */
function buildPlans(i, tag, sha, workspace) {
    const lines = i.images ?? [];
    if (!lines.length)
        return [buildPlan(i, tag, sha, workspace)];
    if (i.image)
        throw new errors/* ConfigurationError */.j1('inputs "image" and "images" were both given: list every image in "images" (one "<image> <context> [<dockerfile>]" a line) and leave "image" empty');
    const seen = new Set();
    return lines.map((line) => {
        const problem = imagesLineProblem(line);
        if (problem)
            throw new errors/* ConfigurationError */.j1(`input "images" got ${JSON.stringify(line)}: it ${problem}`);
        const [image, context, dockerfile = ''] = line.trim().split(/\s+/);
        if (seen.has(image))
            throw new errors/* ConfigurationError */.j1(`input "images" lists ${image} twice`);
        seen.add(image);
        return buildPlan({ ...i, image, context, dockerfile }, tag, sha, workspace);
    });
}
function buildPlan(i, tag, sha, workspace) {
    if (!i.image)
        throw new errors/* ConfigurationError */.j1('input "image" is required with build: true: takes an image name without tag, like ghcr.io/acme/shop (or list several in "images")');
    // Values reach docker through its environment: a name docker itself reads there would change docker.
    const clash = i['build-args'].map((a) => splitArg(a)[0]).find((n) => /^(PATH|HOME|DOCKER_.*)$/.test(n));
    if (clash)
        throw new errors/* ConfigurationError */.j1(`input "build-args" names ${clash}: build args are passed to docker through its environment, where ${clash} is docker's own; rename it`);
    const short = sha.slice(0, 7);
    const refs = [`${i.image}:${tag}`, ...(short && tag !== `sha-${short}` ? [`${i.image}:sha-${short}`] : [])];
    const inWorkspace = (p) => ((0,external_node_path_.isAbsolute)(p) ? p : (0,external_node_path_.join)(workspace, p));
    return {
        refs,
        context: inWorkspace(i.context || '.'),
        dockerfile: i.dockerfile ? inWorkspace(i.dockerfile) : '',
        buildArgs: i['build-args'],
        ...(i.target ? { target: i.target } : {}),
        ...(i['registry-username'] && i['registry-password']
            ? {
                login: { registry: i.registry, username: i['registry-username'], password: i['registry-password'] },
            }
            : {}),
    };
}
/** `NAME=value` -> [NAME, value]. */
function splitArg(a) {
    const at = a.indexOf('=');
    return [a.slice(0, at), a.slice(at + 1)];
}
/** The build args' values, as docker's environment: `--build-arg NAME` alone reads NAME from there. */
function buildArgEnv(plan) {
    return Object.fromEntries(plan.buildArgs.map(splitArg));
}
/** The values worth masking in the log (shorter ones would mask every such text: see src/io/secrets.ts). */
function buildArgSecrets(buildArgs) {
    return buildArgs.map((a) => splitArg(a)[1]).filter((v) => v.trim().length >= 4);
}
/**
 * docker argument arrays: one `buildx build --push` when buildx exists, else `build` then one `push` per tag.
 * A build arg is passed by name only, so its value is never in docker's argv (where `ps` sees it).
 */
function buildCommands(plan, buildx) {
    const common = [
        ...plan.refs.flatMap((r) => ['-t', r]),
        ...(plan.dockerfile ? ['-f', plan.dockerfile] : []),
        ...(plan.target ? ['--target', plan.target] : []),
        ...plan.buildArgs.flatMap((a) => ['--build-arg', splitArg(a)[0]]),
        plan.context,
    ];
    if (buildx)
        return [['buildx', 'build', '--push', ...common]];
    return [['build', ...common], ...plan.refs.map((r) => ['push', r])];
}
/** Logs in once (password on stdin), then builds and pushes each image in a log group of its own. */
async function buildAndPush(io, plans) {
    const login = plans.find((p) => p.login)?.login;
    if (login)
        await (0,docker/* dockerLogin */.a1)(io, login);
    const buildx = await (0,docker/* hasBuildx */.Nt)();
    io.info(buildx
        ? 'Building with docker buildx (build and push in one step)'
        : 'docker buildx is not installed: docker build, then docker push');
    for (const plan of plans) {
        await io.group(`Build and push ${plan.refs.join(', ')}`, async () => {
            const env = buildArgEnv(plan);
            for (const args of buildCommands(plan, buildx))
                await (0,docker/* docker */.T3)(io, args, env);
            io.info(`Pushed ${plan.refs.join(', ')}`);
        });
    }
}

;// CONCATENATED MODULE: ./src/actions/pipeline/inputs.ts



/** The root action's inputs: those of actions/deploy plus the image build (docs/action.md, `build`). */
const pipelineInputSpec = {
    ...deployInputSpec,
    build: bool(false),
    image: matching(IMAGE_NAME, 'an image name without tag, like ghcr.io/acme/shop'),
    images: list({ test: (s) => !imagesLineProblem(s), takes: 'an "<image> <context> [<dockerfile>]" line' }, { lines: true }),
    target: matching(/^[A-Za-z0-9][A-Za-z0-9_.-]*$/, 'a Dockerfile stage name'),
    context: inputs_text({ fallback: '.' }),
    dockerfile: inputs_text(),
    'build-args': list({ test: (s) => /^[A-Za-z_][A-Za-z0-9_]*=/.test(s), takes: 'a NAME=value line' }, { lines: true }),
};
function readPipelineInputs(raw) {
    return readInputs(pipelineInputSpec, raw);
}

// EXTERNAL MODULE: ./src/actions/pipeline/post.ts
var post = __webpack_require__(6754);
;// CONCATENATED MODULE: ./src/actions/pipeline/run.ts





/** The root action: actions/deploy plus, with `build: true`, the image built and pushed on the runner first. */
const pipelineAction = {
    title: 'Build and deploy',
    readInputs: readPipelineInputs,
    fallbackTag: (i, run) => (i.build && run.sha ? `sha-${run.sha.slice(0, 7)}` : undefined),
    async beforeDeploy(io, i, plan) {
        if (!i.build && (i.images.length || i.target))
            throw new errors/* ConfigurationError */.j1(`input "${i.images.length ? 'images' : 'target'}" is for the image build: set build: true, or leave it empty`);
        if (!i.build)
            return;
        const builds = buildPlans(i, plan.tag, io.run.sha, io.run.workspace);
        for (const value of buildArgSecrets(i['build-args']))
            io.setSecret(value);
        // Saved before the login, so that a job cancelled or failed from here on still gets the post step's logout.
        const login = builds.find((b) => b.login)?.login;
        if (login)
            io.saveState(post.LOGIN_STATE, login.registry);
        await buildAndPush(io, builds).catch((e) => {
            throw (0,errors/* inPhase */.xe)('build', e);
        });
    },
};
function runPipeline(io, signal) {
    return runDeploy(io, pipelineAction, signal);
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
