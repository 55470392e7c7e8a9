export const id = 378;
export const ids = [378];
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

/***/ 3378:
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
// EXTERNAL MODULE: ./src/ssh/quote.ts
var quote = __webpack_require__(9038);
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
    const strategy = v.strategy === 'release' || v.strategy === 'compose' || v.strategy === 'swarm' ? v.strategy : fallback;
    const mark = v.interrupted && typeof v.interrupted.tag === 'string' ? { interrupted: v.interrupted } : {};
    const port = Number.isInteger(v.port) && v.port > 0 && v.port < 65536 ? { port: v.port } : {};
    return { current: str(v.current), previous: str(v.previous), strategy, ...port, ...mark };
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
    const r = await conn.exec((0,quote.sh) `if [ -e ${path} ]; then cat -- ${path}; else exit 3; fi`, { log: false });
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
    /** Right after `held`: state.json on one line (`-` when there is none, `?` when it cannot be read). */
    state: 'VPSD-LOCK-STATE',
    /** The holder's answer to a write line (`ledger`, `put`): its exit code follows. */
    wrote: 'VPSD-LOCK-WROTE',
};
/**
 * Lines the runner writes to the holder besides renewals, each answered by `wrote <rc>` in order: the ledger
 * line and small files (state.json, a recorded env) travel over the channel the lock already holds open, not a
 * new exec channel and process each (what the runner's round trips cost).
 */
function ledgerLine(record) {
    if (record.includes('\n'))
        throw new Error('a ledger record is one line');
    return `ledger ${record}\n`;
}
/** Writes `content` to `path` atomically (temp name, mode, rename), as the holder; base64 keeps any byte. */
function putLine(path, content, mode) {
    const b64 = (x) => Buffer.from(x).toString('base64');
    return `put ${mode.toString(8)} ${b64(path)} ${b64(content)}\n`;
}
/** Larger files go over SFTP: a shell variable is no place for them. */
const MAX_PUT_BYTES = 64 * 1024;
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
 * What identifies a process group across pid reuse, read with shell builtins only (every remote command of a
 * run reads it, and a fork of cat, sed and cut cost each one some 5 ms). `boot_id` sets $boot to this boot's
 * id; `start_time` sets $st to the start time of process $1 (field 22 of /proc/$1/stat; the name in field 2
 * may hold spaces and parentheses, so the fields are counted after its last ") "). Each is empty when unknown.
 */
const PROCESS_IDENTITY = `boot_id() {
  boot=
  { read -r boot < /proc/sys/kernel/random/boot_id; } 2>/dev/null
}
start_time() {
  st=
  { read -r st < "/proc/$1/stat"; } 2>/dev/null
  [ -n "$st" ] || return 0
  set -f
  set -- \${st##*) }
  set +f
  st=\${20:-}
}`;
/**
 * Stops every process group registered in the directory $1, then removes it: TERM, KILL after the grace, and
 * waits until each group is gone. A registration records the boot and the start time of its group leader,
 * so a pid the kernel reused since (after a reboot, or after the group ended unnoticed) is never signalled.
 */
const STOP_GROUPS = `${PROCESS_IDENTITY}
stop_groups() {
  boot_id
  groups=
  for f in "$1"/*; do
    [ -f "$f" ] || continue
    p=\${f##*/}
    case $p in ''|*[!0-9]*) continue ;; esac
    b= st=
    read -r b st < "$f"
    [ -n "$b" ] && [ "$b" != "$boot" ] && continue
    if [ -n "$st" ] && [ -r "/proc/$p/stat" ]; then
      want=$st
      start_time "$p"
      [ "$st" = "$want" ] || continue
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
 * The holder's writes (see ledgerLine, putLine). `ledger` ends a last line torn by an earlier write first, so it
 * cannot swallow this record. `put` decodes into a temp name only the deploy user can read, then renames.
 */
const HOLDER_WRITES = `ledger() {
  if [ -s releases.jsonl ] && [ -n "$(tail -c 1 releases.jsonl)" ]; then echo >> releases.jsonl || return; fi
  printf '%s\\n' "$1" >> releases.jsonl
}
put() {
  p=$(printf '%s' "$2" | base64 -d && echo x) && p=\${p%x} && t="$p.put-$$" || return
  (umask 077 && printf '%s' "$3" | base64 -d > "$t") && chmod "$1" "$t" && mv -f "$t" "$p" || { rm -f "$t"; return 1; }
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
    const script = (0,quote.sh) `trap '' PIPE HUP
(read -t 1 x </dev/null) 2>/dev/null; [ $? -eq 1 ] || { echo ${MARK.noReadTimeout}; exit 2; }
mkdir -p ${dir} && cd ${dir} || exit 1
command -v flock >/dev/null 2>&1 && command -v setsid >/dev/null 2>&1 || { echo ${MARK.noTools}; exit 2; }
exec 9<>lock
if ! flock -n 9; then
  echo "${MARK.busy} $(head -c 2000 lock | tr '\\n' '\\t')"
  flock -w ${String(opts.timeoutSeconds)} 9 || { echo "${MARK.timeout} $(head -c 2000 lock | tr '\\n' '\\t')"; exit 3; }
fi
IFS= read -r holder || exit 4
${(0,quote/* raw */.lS)(STOP_GROUPS)}
for d in processes/*/; do [ -d "$d" ] && stop_groups "\${d%/}"; done
mkdir -p ${reg} || exit 5
printf '%s\\n' "$holder" > lock
echo ${MARK.held}
if [ ! -e state.json ]; then echo "${MARK.state} -"
elif st=$(tr '\\n' ' ' < state.json); then printf '%s %s\\n' ${MARK.state} "$st"
else echo "${MARK.state} ?"; fi
${(0,quote/* raw */.lS)(HOLDER_WRITES)}
why=
while [ -z "$why" ]; do
  IFS= read -r -t ${lease} line
  rc=$?
  if [ $rc -eq 0 ]; then
    case $line in
      release) why=released ;;
      'ledger '*) ledger "\${line#ledger }"; echo "${MARK.wrote} $?" ;;
      'put '*) put \${line#put }; echo "${MARK.wrote} $?" ;;
    esac
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
    return `exec "$(command -v bash || command -v ash || echo sh)" -c ${(0,quote/* quoteForShell */.eC)(script)}`;
}
/**
 * A command of a locked run, started in its own process group (setsid) and registered in the holder's
 * registry for as long as it runs. Registering is also the check that the lease is still held: the holder
 * renames its registry away before it stops what is in it, so a command sent after the lease ended refuses to
 * start (exit 125, MARK.leaseGone on stderr). The command itself runs in the login shell sshd would have used.
 */
function leasedCommand(registry, command) {
    const guard = `${PROCESS_IDENTITY}
boot_id
start_time $$
{ printf '%s %s\\n' "$boot" "$st" > "$1/$$"; } 2>/dev/null || { echo "${MARK.leaseGone}" >&2; exit 125; }
"\${SHELL:-/bin/sh}" -c "$2"
rc=$?
rm -f "$1/$$"
exit $rc`;
    return (0,quote.sh) `exec setsid -w sh -c ${guard} vpsd-leased ${registry} ${command}`;
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
    holder;
    constructor(conn, appDir, 
    /** Told about lines that are not records (a torn write), which readers skip. */
    log, 
    /** The lock's holder, which appends a line without an exec of its own (lock-script.ts, ledgerLine). */
    holder) {
        this.conn = conn;
        this.appDir = appDir;
        this.log = log;
        this.holder = holder;
    }
    get file() {
        return `${stateDir(this.appDir)}/releases.jsonl`;
    }
    /**
     * Appends one line; the record travels on stdin, never on the command line. A last line torn by an earlier
     * write (no newline at its end) is ended first, so it cannot swallow this record.
     */
    async append(record) {
        if (this.holder)
            return this.holder.write(ledgerLine(JSON.stringify(record)), 'writing the ledger');
        const f = this.file;
        const endTorn = (0,quote.sh) `if [ -s ${f} ] && [ -n "$(tail -c 1 ${f})" ]; then echo >> ${f}; fi`;
        await this.conn.run((0,quote.sh) `mkdir -p ${stateDir(this.appDir)} && ${(0,quote/* raw */.lS)(endTorn)} && cat >> ${f}`, 'writing the ledger', {
            stdin: JSON.stringify(record) + '\n',
            log: false,
        });
    }
    async read(lastLines = 2000) {
        const r = await this.conn.exec((0,quote.sh) `tail -n ${lastLines} ${this.file} 2>/dev/null || true`, { log: false });
        let torn = 0;
        const records = attemptsOf(r.stdout, () => torn++);
        if (torn)
            this.log?.warning(`${this.file}: ${torn} line(s) skipped, not a JSON record (a write cut short by a full disk or a killed run)`);
        return records;
    }
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
            throw (0,errors/* commandFailed */.n6)(what, r);
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
        // A small file (state.json, a recorded env-file) is written by the lock's holder: no SFTP session, no exec.
        if (typeof content === 'string')
            content = Buffer.from(content);
        if (this.lock.write && Buffer.isBuffer(content) && content.length <= MAX_PUT_BYTES) {
            const put = putLine(remotePath, content, mode ?? 0o644);
            // A server without base64 (or any other refusal) gets the SFTP way below, which names its own error.
            const written = await this.lock.write(put, `writing ${remotePath}`).then(() => true, () => false);
            if (written)
                return;
            this.check();
        }
        const tmp = `${remotePath}.leased-${(0,external_node_crypto_.randomBytes)(6).toString('hex')}`;
        await this.inner.upload(content, tmp, mode);
        try {
            await this.run((0,quote.sh) `mv -f ${tmp} ${remotePath}`, `moving the upload into ${remotePath}`, { log: false });
        }
        catch (e) {
            if (this.inner.isOpen)
                await this.inner.exec((0,quote.sh) `rm -f ${tmp}`, { log: false }).catch(() => undefined);
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
    let stateText;
    const pending = [];
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
                if (line.startsWith(`${MARK.state} `)) {
                    // Right after `held`: the lock is ours once state.json has been read under it.
                    const text = line.slice(MARK.state.length + 1);
                    stateText = text === '-' ? null : text === '?' ? undefined : text;
                    settled = true;
                    resolve();
                }
                else if (line.startsWith(`${MARK.wrote} `)) {
                    const rc = line.slice(MARK.wrote.length + 1);
                    const w = pending.shift();
                    w?.done(rc === '0' ? undefined : new errors/* RemoteError */.Hi(`${w.what} failed on the server (exit ${rc})`));
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
            for (const w of pending.splice(0))
                w.done(new errors/* RemoteError */.Hi(`${w.what} failed: the lock's holder on the server ended (${lostWhy})`));
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
        stateText,
        write: (line, what) => new Promise((resolve, reject) => {
            if (lostWhy || released)
                return reject(new errors/* RemoteError */.Hi(`${what} failed: the lock is no longer held (${lostWhy ?? 'released'})`));
            pending.push({ what, done: (e) => (e ? reject(e) : resolve()) });
            channel.write(line);
        }),
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
        let lock;
        const take = () => locking.phase('lock', `Deploy lock of ${ctx.appDir}`, async () => {
            lock = await acquireDeployLock(ctx.conn, ctx.appDir, { ...ctx.run, ...holder, since: new Date().toISOString() }, ctx.lockTimeoutSeconds, ctx.log);
            return lock;
        });
        return underAppLock(ctx.conn, ctx.appDir, take, (shell) => {
            const locked = {
                ...ctx,
                conn: shell,
                strategyFor: (name) => ctx.strategyFor(name, shell),
            };
            // The ledger's lines and the first state read go over the lock's own channel: no exec each.
            const attempt = new Attempt(locked, new ReleaseLedger(shell, ctx.appDir, ctx.log, lock));
            attempt.heldState = lock?.stateText;
            Object.assign(attempt.phases, locking.phases);
            return body(attempt);
        }, phaseOf);
    }
    /** state.json as the lock's holder read it on taking the lock (see DeployLock.stateText); used once. */
    heldState;
    readState(fallback) {
        if (!this.ctx.conn.isOpen)
            return Promise.reject(new errors/* RemoteError */.Hi('connection lost'));
        const held = this.heldState;
        this.heldState = undefined;
        if (held === null)
            return Promise.resolve(emptyState(fallback));
        if (held !== undefined) {
            const path = `${stateDir(this.ctx.appDir)}/state.json`;
            return Promise.resolve().then(() => parseState(held, fallback, path));
        }
        return readState(this.ctx.conn, this.ctx.appDir, fallback);
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

// EXTERNAL MODULE: ./src/ssh/remote-shell.ts
var remote_shell = __webpack_require__(8461);
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
    const inner = (0,quote/* userCommand */.L_)(command, cwd ? { cwd } : {});
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
// EXTERNAL MODULE: ./src/health/endpoint.ts
var health_endpoint = __webpack_require__(6525);
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
    const endpoint = (0,health_endpoint/* healthEndpoint */.Ig)(target);
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
            throw new errors/* RemoteError */.Hi((0,remote_shell/* connectionLost */.B)(conn));
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

;// CONCATENATED MODULE: ./src/flow/blue-green-ports.ts

const PORT_PLACEHOLDER = '${APP_PORT}';
/**
 * Which port serves and which one the next release starts on, and the health plan aimed at one instance. Pure:
 * the blue-green flow (blue-green-flow.ts) decides with these, and their tables are in
 * test/unit/flow/blue-green-ports.test.ts.
 */
/**
 * The port that serves now: what the proxy's upstream file names (the truth of where traffic goes, even after a
 * run killed between the switch and state.json), else what state.json recorded (proxy: command has no file).
 */
function servingPortOf(fromProxy, fromState) {
    return fromProxy ?? fromState;
}
/**
 * The port the new release starts on: the one of `ports` that does not serve (the first when neither does);
 * 0 when no ports are given (compose: an ephemeral port the strategy reads back).
 */
function nextPort(ports, serving) {
    if (!ports.length)
        return 0;
    return serving === ports[0] ? ports[1] : ports[0];
}
/**
 * A health URL aimed at the instance on `port`. A Unix socket URL names no port: one whose socket path holds
 * `${APP_PORT}` (one socket per instance, as `gunicorn --bind unix:/run/app-${APP_PORT}.sock` makes) gets the
 * instance's; any other is left as it is.
 */
function urlAtPort(url, port) {
    const e = (0,health_endpoint/* healthEndpoint */.Ig)(url);
    if (e?.kind === 'unix') {
        if (!e.socketPath.includes(PORT_PLACEHOLDER))
            return url;
        const socket = encodeURIComponent(e.socketPath.split(PORT_PLACEHOLDER).join(String(port)));
        return `${health_endpoint/* UNIX_SCHEME */.f2}//${socket}${e.url.pathname}${e.url.search}`;
    }
    if (!e || e.kind !== 'tcp')
        return url;
    const u = new URL(url);
    u.port = String(port);
    return u.toString();
}
/** A health-command line told which instance to check: APP_PORT in its environment. */
function commandAtPort(command, port) {
    return `export APP_PORT=${port}; ${command}`;
}
/** The gate's plan for the instance on `port`: URLs at that port, commands with APP_PORT set. */
function healthAtPort(plan, port) {
    return {
        ...plan,
        urls: plan.urls.map((u) => urlAtPort(u, port)),
        commands: plan.commands.map((c) => commandAtPort(c, port)),
    };
}
/** The plan for public-health-url: one URL through the proxy, with the gate's headers, place and timings. */
function publicCheckPlan(plan, url) {
    return { ...plan, urls: [url], commands: [] };
}

;// CONCATENATED MODULE: ./src/flow/blue-green-flow.ts








/**
 * The blue-green sequence after prepare and migrate (docs/blue-green.md, "The sequence"): start `tag` beside
 * what serves, on the other port -> gate it there directly -> (fails) stop it: traffic never moved -> (passes)
 * switch the proxy -> public check (fails: switch back) -> promote + state.json + ledger -> drain -> stop the
 * old instance -> prune. A cancel before the switch stops the new instance; after it the new one stays (it
 * passed its gate) and the old one is stopped without draining.
 */
async function blueGreenSwitch(attempt, watch, r) {
    const { ctx } = attempt;
    const { bg, tag, state } = r;
    const before = state.current;
    const serving = servingPortOf(await r.proxy.servingPort(), state.port);
    const wanted = nextPort(r.plan.ports, serving);
    const where = serving ? `port ${serving}` : 'no port of ours';
    ctx.log.info(`Blue-green: ${before ?? 'nothing'} serves on ${where}; starting ${tag} beside it`);
    const ok = r.action === 'deploy' ? 'deployed' : 'rolled-back';
    const kept = r.action === 'deploy' && before ? 'rolled-back' : 'failed';
    const result = (status, port, moved, rest) => ({
        status,
        attempted: tag,
        current: moved ? tag : before,
        before,
        phases: attempt.phases,
        pruned: [],
        traffic: { port, serving: moved ? port : (serving ?? null), moved },
        ...rest,
    });
    await watch.stopIfCancelled(attempt);
    watch.enter('start');
    let port = wanted;
    try {
        port = await attempt.phase('start', `Start ${tag} beside the serving instance`, () => bg.startBeside(tag, wanted));
    }
    catch (e) {
        if (!ctx.conn.isOpen)
            return lost(attempt, e, wanted);
        const logs = await showAppLogs(ctx, { logs: () => bg.logsAt(wanted) }, `the failed start of ${tag}`);
        await stopQuietly(attempt, bg, wanted, `the ${tag} that failed to start`);
        const failure = `${tag} failed to start on port ${wanted}: ${bare(e, 'start')}; traffic never moved`;
        await attempt.finish({ outcome: kept, phase: 'start', error: failure, port: wanted });
        return result(kept, wanted, false, { failure, ...(logs ? { logs } : {}) });
    }
    watch.enter('gate');
    const view = { fatal: () => bg.fatalAt(port), readiness: () => r.strategy.readiness() };
    const gate = await attempt
        .phase('gate', `Health gate of ${tag} on port ${port}`, () => gateRelease(ctx.conn, view, healthAtPort(ctx.health, port), ctx.log, ctx.signal))
        .catch((e) => lost(attempt, e, port));
    if (watch.request) {
        await stopQuietly(attempt, bg, port, `${tag} (cancelled before the switch)`);
        await watch.stopIfCancelled(attempt);
    }
    if (!gate.passed) {
        const logs = await showAppLogs(ctx, { logs: () => bg.logsAt(port) }, `the failed gate of ${tag}`);
        await stopQuietly(attempt, bg, port, `the ${tag} that failed its gate`);
        const failure = `the health gate of ${tag} on port ${port} failed: ${gate.reason ?? describeVerdict(gate.last)}; traffic never moved`;
        await attempt.finish({ outcome: kept, phase: 'gate', error: failure, health: healthFacts(gate), port });
        return result(kept, port, false, { gate, failure, ...(logs ? { logs } : {}) });
    }
    // The switch: from here a cancel keeps the new release (it passed its gate) and stops the old one.
    watch.enter('switch');
    // A run killed from here until promote leaves state.json saying that `tag` may be what serves.
    try {
        await markSwitching(attempt, state, tag);
        await attempt.phase('switch', `Switch the proxy to port ${port}`, () => r.proxy.switchTo(port));
    }
    catch (e) {
        if (!ctx.conn.isOpen)
            return lost(attempt, e, port, gate);
        await unmark(attempt, state);
        await stopQuietly(attempt, bg, port, `${tag} (the switch failed)`);
        const failure = `switching the proxy to ${tag} on port ${port} failed: ${bare(e, 'switch')}; traffic never moved`;
        await attempt.finish({ outcome: kept, phase: 'switch', error: failure, health: healthFacts(gate), port });
        return result(kept, port, false, { gate, failure });
    }
    const publicCheck = r.plan.publicHealthUrl && !ctx.signal?.aborted ? await checkPublic(attempt, r) : undefined;
    if (publicCheck && !publicCheck.passed && !publicCheck.cancelled) {
        const failure = `the public check of ${tag} (${r.plan.publicHealthUrl}) failed: ${publicCheck.reason ?? describeVerdict(publicCheck.last)}`;
        const back = await switchBack(attempt, r, port, serving);
        const phase = 'public-check';
        if (back.error) {
            const text = `${failure}; switching back failed too (${back.error}): ${tag} on port ${port} serves`;
            await attempt.finish({ outcome: 'failed', phase, error: text, health: healthFacts(gate), port });
            return result('failed', port, true, { gate, failure: text });
        }
        await unmark(attempt, state);
        const text = `${failure}; traffic was switched back${serving ? ` to port ${serving}` : ''}`;
        await attempt.finish({ outcome: kept, phase, error: text, health: healthFacts(gate), port });
        return result(kept, port, false, { gate, failure: text });
    }
    await attempt
        .phase('promote', `Record ${tag} as current`, async () => {
        await bg.promote(tag, port);
        await writeState(ctx.conn, ctx.appDir, { ...promoted(state, tag, r.strategy.name), port });
    })
        .catch(async (e) => {
        await attempt.finish({ outcome: 'failed', phase: 'promote', error: (0,errors/* errText */.V7)(e), port });
        throw e;
    });
    await attempt.finish({ outcome: ok, health: healthFacts(gate), port });
    const cancelled = (0,io_cancel/* cancelRequest */.UL)(ctx.signal);
    if (cancelled)
        ctx.log.warning(`cancelled (${cancelled.signal}) after the switch: ${tag} stays, the old instance stops now`);
    else
        await drain(attempt, r.plan.drainSeconds);
    if (serving !== undefined && serving !== port)
        await stopQuietly(attempt, bg, serving, `${before ?? 'what served before'}`);
    const pruned = r.prune && !ctx.signal?.aborted ? await r.prune([tag, before]) : [];
    return result(ok, port, true, { gate, pruned });
}
/** state.json before the switch: what it said, plus a mark naming `tag` as what may serve (faults.md). */
async function markSwitching(attempt, state, tag) {
    const { ctx } = attempt;
    const mark = {
        tag,
        restoring: state.current,
        phase: 'switch',
        since: new Date().toISOString(),
        runUrl: ctx.run.runUrl,
    };
    await writeState(ctx.conn, ctx.appDir, { ...state, interrupted: mark });
}
/** Traffic did not move after all: state.json as it was before the mark. */
async function unmark(attempt, state) {
    try {
        await writeState(attempt.ctx.conn, attempt.ctx.appDir, state);
    }
    catch (e) {
        attempt.ctx.log.warning(`could not write state.json (${(0,errors/* errText */.V7)(e)})`);
    }
}
/** Waits drain-timeout for in-flight requests on the old instance; a cancel ends the wait. */
async function drain(attempt, seconds) {
    if (seconds <= 0)
        return;
    await attempt.phase('drain', `Drain the old instance (${seconds}s)`, () => (0,io_cancel/* untilAborted */.Eu)(new Promise((res) => setTimeout(res, seconds * 1000)), attempt.ctx.signal));
}
async function checkPublic(attempt, r) {
    const { ctx } = attempt;
    const view = { fatal: async () => undefined, readiness: () => r.strategy.readiness() };
    return attempt.phase('public-check', `Public check through the proxy: ${r.plan.publicHealthUrl}`, () => gateRelease(ctx.conn, view, publicCheckPlan(ctx.health, r.plan.publicHealthUrl), ctx.log, ctx.signal));
}
/** After a failed public check: traffic back to what served, the proxy config put back, the new one stopped. */
async function switchBack(attempt, r, port, serving) {
    try {
        if (serving !== undefined)
            await attempt.phase('switch-back', `Switch the proxy back to port ${serving}`, () => r.proxy.switchTo(serving));
    }
    catch (e) {
        return { error: bare(e, 'switch-back') };
    }
    await r.proxy.restoreConfig();
    await stopQuietly(attempt, r.bg, port, `${r.tag} (its public check failed)`);
    return {};
}
/** Stops the instance on `port`; a failure is a warning (what serves is not affected), never the run's error. */
async function stopQuietly(attempt, bg, port, what) {
    try {
        await attempt.phase('stop', `Stop ${what}`, () => bg.stopAt(port));
    }
    catch (e) {
        attempt.ctx.log.warning(`stopping ${what} on port ${port} failed: ${bare(e, 'stop')} (the proxy sends it no traffic; stop it by hand)`);
    }
}
/** The connection is gone: nothing more can be done on the server; the ledger line is attempted, the error thrown. */
async function lost(attempt, e, port, gate) {
    if (e instanceof io_cancel/* Cancelled */.cJ)
        throw e;
    await attempt.finish({
        outcome: 'failed',
        ...phaseField(e),
        error: (0,errors/* errText */.V7)(e),
        ...(gate ? { health: healthFacts(gate) } : {}),
        port,
    });
    throw e;
}
/** An error's message without the phase prefix attempt.phase() gave it (the failure text names the step). */
function bare(e, phase) {
    const text = (0,errors/* errText */.V7)(e);
    return text.startsWith(`${phase}: `) ? text.slice(phase.length + 2) : text;
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
        // The locked context: its shell runs every command under the lock's lease, so a killed run's commands are
        // stopped before anyone else gets the lock. The outer ctx's connection would bypass that.
        const ctx = attempt.ctx;
        const strategy = await ctx.strategyFor(opts.strategy);
        const state = await attempt.readState(opts.strategy);
        const before = state.current;
        ctx.log.info(`Deploying ${tag} to ${ctx.conn.label} (${strategy.name}); current: ${before ?? 'none'}, previous: ${state.previous ?? 'none'}`);
        const interrupted = interruptedText(state);
        if (interrupted)
            ctx.log.warning(interrupted);
        const bg = opts.blueGreen && blueGreenOf(strategy);
        const proxy = opts.blueGreen?.proxyFor(ctx.conn, ctx.log);
        await attempt.begin({ action: 'deploy', tag, previous: before, strategy: strategy.name });
        try {
            // A proxy-config the proxy refuses stops the deploy before anything changed, migrations included.
            if (proxy)
                await watch.step(attempt, 'proxy-config', 'Check the proxy config', () => proxy.checkConfig());
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
        if (bg && proxy && opts.blueGreen)
            return blueGreenSwitch(attempt, watch, {
                strategy,
                bg,
                proxy,
                plan: opts.blueGreen,
                state,
                tag,
                action: 'deploy',
                prune: (protect) => prune(attempt, strategy, opts.keepReleases, protect),
            });
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
            await writeState(attempt.ctx.conn, ctx.appDir, next).catch((e) => {
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
/** The strategy's blue-green side; a strategy without one cannot run `switch: blue-green`. */
function blueGreenOf(strategy) {
    if (strategy.blueGreen)
        return strategy.blueGreen;
    throw new errors/* ConfigurationError */.j1(`input "switch" got "blue-green": the ${strategy.name} strategy here cannot run two instances side by side`);
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

;// CONCATENATED MODULE: ./src/strategies/index.ts

/**
 * The strategies behind one switch: everything else in the flow is the same for each. Each is loaded when first
 * asked for, so a release deploy never loads Compose's or Swarm's code (and yaml with them) at start-up.
 */
function strategyChooser(ctx, opts) {
    return async (name) => {
        if (name === 'release')
            return (await Promise.resolve(/* import() */).then(__webpack_require__.bind(__webpack_require__, 5799))).releaseStrategy(ctx, opts.release);
        if (name !== 'swarm')
            return (await Promise.all(/* import() */[__webpack_require__.e(815), __webpack_require__.e(596)]).then(__webpack_require__.bind(__webpack_require__, 9215))).composeStrategy(ctx, opts.compose);
        // A swarm stack takes the compose strategy's files and registry; converging is bounded by health-timeout.
        const { swarmStrategy } = await Promise.all(/* import() */[__webpack_require__.e(815), __webpack_require__.e(867)]).then(__webpack_require__.bind(__webpack_require__, 7867));
        return swarmStrategy(ctx, {
            ...opts.compose,
            stack: opts.stack ?? '',
            timeoutSeconds: opts.health?.gate.timeoutSeconds ?? 60,
            intervalSeconds: opts.health?.gate.intervalSeconds ?? 1,
            ...(opts.summary ? { summary: opts.summary } : {}),
        });
    };
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
        strategyFor: (name, over) => strategyChooser(over ? { ...strategyCtx, conn: over } : strategyCtx, {
            ...plan,
            summary: (markdown) => io.summary(redact(markdown, secrets)),
        })(name),
    };
}

// EXTERNAL MODULE: ./src/actions/deploy/inputs.ts
var inputs = __webpack_require__(5422);
// EXTERNAL MODULE: external "node:fs"
var external_node_fs_ = __webpack_require__(3024);
// EXTERNAL MODULE: external "node:path"
var external_node_path_ = __webpack_require__(6760);
// EXTERNAL MODULE: ./src/strategies/release-dirs/strategy.ts + 19 modules
var strategy = __webpack_require__(5799);
// EXTERNAL MODULE: ./src/ssh/target.ts
var target = __webpack_require__(4889);
// EXTERNAL MODULE: ./src/flow/tag.ts
var flow_tag = __webpack_require__(360);
// EXTERNAL MODULE: ./src/flow/inputs.ts
var flow_inputs = __webpack_require__(4399);
// EXTERNAL MODULE: ./src/strategies/compose/extra-files.ts
var extra_files = __webpack_require__(890);
;// CONCATENATED MODULE: ./src/proxy/commands.ts

/**
 * The remote command text of the proxy switch, built through the quoting module. Pure: tested as exact strings
 * and under /bin/sh against hostile paths (test/unit/proxy/commands.test.ts).
 */
/**
 * The graceful reload when proxy-reload-command is empty. Caddy's reload goes through its admin API, which must
 * listen on loopback (Caddy's default, localhost:2019); nginx needs the sudoers line of docs/blue-green.md.
 */
const DEFAULT_RELOAD = {
    caddy: 'caddy reload --config /etc/caddy/Caddyfile --adapter caddyfile',
    nginx: 'sudo nginx -t && sudo nginx -s reload',
};
/** The user's (or the default) reload command, run by a login shell with APP_PORT set to the port now served. */
function reloadCommand(kind, command, port) {
    const text = command || (kind === 'command' ? '' : DEFAULT_RELOAD[kind]);
    if (!text)
        throw new Error('proxy: command needs a proxy-reload-command');
    return (0,quote/* userCommand */.L_)(text, { env: { APP_PORT: String(port) } });
}
/** Marks a file that exists: what follows the marker line is its content (absent file: no output at all). */
const PRESENT = 'vps-deploy:present';
/** Prints PRESENT and the file's content, or nothing when there is no such file. */
function readFileCommand(path) {
    return (0,quote.sh) `if [ -e ${path} ]; then printf '%s\\n' ${PRESENT} && cat -- ${path}; fi`;
}
/** The content readFileCommand printed: undefined for no file. */
function parseReadFile(stdout) {
    if (!stdout.startsWith(`${PRESENT}\n`))
        return undefined;
    return stdout.slice(PRESENT.length + 1);
}
/**
 * Writes `content` to `path` atomically: a temp file beside it, then mv (rename(2) in one directory), so the
 * proxy reads the old or the new line, never half of one. The directory must exist: a path the proxy config
 * does not include would make the switch a silent no-op.
 */
function writeFileCommand(path, content) {
    return ((0,quote.sh) `f=${path}; d=$(dirname -- "$f"; echo .); d=\${d%??}; ` +
        (0,quote.sh) `[ -d "$d" ] || { printf 'the directory of %s does not exist: create it, and include the file in the proxy config\\n' "$f" >&2; exit 1; }; ` +
        (0,quote.sh) `[ ! -d "$f" ] || { printf '%s is a directory, not an upstream file\\n' "$f" >&2; exit 1; }; ` +
        (0,quote.sh) `tmp="$f.vps-deploy-$$"; ` +
        (0,quote.sh) `if printf '%s' ${content} >"$tmp" && chmod 644 "$tmp" && mv -f -- "$tmp" "$f"; then :; else rm -f -- "$tmp"; exit 1; fi`);
}
/** Removes a file this deploy created (putting back "no file"). */
function removeFileCommand(path) {
    return (0,quote.sh) `rm -f -- ${path}`;
}
/** Where a proxy-config is uploaded to be checked: beside its target (relative imports resolve the same), hidden. */
function candidatePath(path) {
    const slash = path.lastIndexOf('/');
    return `${path.slice(0, slash + 1)}.${path.slice(slash + 1)}.vps-deploy-check`;
}
/** Paths in nginx config text: double-quoted with `"`, `\` and `$` escaped. */
function nginxString(path) {
    return `"${path.replace(/["\\$]/g, '\\$&')}"`;
}
/**
 * The nginx main config that checks a server block on its own: temp paths and pid under the prefix (a temp dir),
 * no access log of nginx's own, the candidate included in `http`. Its `upstream` blocks must be in it.
 */
function nginxCheckConfig(candidate) {
    return [
        'pid nginx.pid;',
        'events {}',
        'http {',
        '  access_log off;',
        ...['client_body', 'proxy', 'fastcgi', 'uwsgi', 'scgi'].map((t) => `  ${t}_temp_path ${t}_temp;`),
        `  include ${nginxString(candidate)};`,
        '}',
        '',
    ].join('\n');
}
/**
 * Validates an uploaded proxy-config without touching the live one, printing the validator's output:
 * Caddy: `caddy validate` of the file as a Caddyfile; nginx: `nginx -t` of a throwaway main config that
 * includes it (through `sudo -n` when the deploy user may run nginx so, as the documented sudoers line allows).
 */
function validateConfigCommand(kind, candidate) {
    if (kind === 'caddy')
        return (0,quote.sh) `caddy validate --config ${candidate} --adapter caddyfile 2>&1`;
    return (`w=$(mktemp -d) || exit 1; trap 'rm -rf -- "$w"' EXIT; ` +
        (0,quote.sh) `printf '%s' ${nginxCheckConfig(candidate)} >"$w/nginx.conf" || exit 1; ` +
        // /usr/sbin is not on a non-root SSH session's PATH (sudo has its own secure_path).
        `if [ "$(id -u)" != 0 ] && sudo -n -l nginx -t >/dev/null 2>&1; then n='sudo -n nginx'; ` +
        `else n=$(command -v nginx || echo /usr/sbin/nginx); fi; ` +
        `$n -t -q -e stderr -p "$w/" -c "$w/nginx.conf" 2>&1`);
}

;// CONCATENATED MODULE: ./src/proxy/upstream.ts
function upstreamLine(kind, port) {
    return kind === 'caddy' ? `reverse_proxy 127.0.0.1:${port}` : `server 127.0.0.1:${port};`;
}
/** The port an upstream file names, or undefined when it is not one line of ours. */
function upstreamPort(kind, text) {
    const m = kind === 'caddy'
        ? /^reverse_proxy 127\.0\.0\.1:(\d+)\s*$/.exec(text.trim())
        : /^server 127\.0\.0\.1:(\d+);\s*$/.exec(text.trim());
    const port = m ? Number(m[1]) : undefined;
    return port !== undefined && port >= 1 && port <= 65535 ? port : undefined;
}

;// CONCATENATED MODULE: ./src/proxy/proxy-switch.ts



function proxySwitch(conn, opts, log) {
    const { kind } = opts;
    const name = kind === 'command' ? 'the proxy-reload-command' : kind;
    let configChecked = false;
    /** The proxy-config this deploy replaced, once installed. */
    let configBefore;
    /** The port the proxy was last switched to by this deploy (what a restoreConfig reload keeps serving). */
    let lastPort;
    const read = async (path, what) => {
        const r = await conn.run(readFileCommand(path), `reading ${what} ${path}`, { log: false });
        return { content: parseReadFile(r.stdout) };
    };
    const putBack = async (path, before, what) => {
        const command = before.content === undefined ? removeFileCommand(path) : writeFileCommand(path, before.content);
        await conn.run(command, `putting back ${what} ${path}`, { log: false });
    };
    /** Runs the reload; its output is the server's, shown through the connection's log and carried in the error. */
    const reload = async (port) => {
        const r = await conn.exec(reloadCommand(kind, opts.reloadCommand, port));
        if (r.code !== 0)
            throw new errors/* RemoteError */.Hi(`${kind === 'command' ? 'the proxy-reload-command' : `the ${kind} reload`} failed (exit ${r.signal ?? r.code})${(0,errors/* tailOf */.Cj)(r.stderr || r.stdout)}`);
    };
    return {
        async servingPort() {
            if (kind === 'command')
                return undefined;
            const { content } = await read(opts.upstreamFile, 'the upstream file');
            return content === undefined ? undefined : upstreamPort(kind, content);
        },
        async checkConfig() {
            if (!opts.config || kind === 'command')
                return;
            const candidate = candidatePath(opts.config.path);
            await conn.upload(opts.config.content, candidate, 0o644);
            try {
                const r = await conn.exec(validateConfigCommand(kind, candidate), { log: false });
                if (r.code !== 0)
                    throw new errors/* RemoteError */.Hi(`${kind} refused the proxy-config for ${opts.config.path} (nothing was changed or reloaded)${(0,errors/* tailOf */.Cj)(r.stdout + r.stderr, 30)}`);
            }
            finally {
                await conn.exec(removeFileCommand(candidate), { log: false }).catch(() => undefined);
            }
            configChecked = true;
            log.info(`${kind} accepts the proxy-config for ${opts.config.path}`);
        },
        async switchTo(port) {
            if (kind === 'command') {
                await reload(port);
                lastPort = port;
                log.info(`${name} switched traffic to port ${port}`);
                return;
            }
            const upstreamBefore = await read(opts.upstreamFile, 'the upstream file');
            const installConfig = opts.config && !configBefore;
            if (installConfig && !configChecked)
                throw new Error('proxy switch: checkConfig() must pass before the proxy-config is installed');
            let configNow;
            if (opts.config && installConfig) {
                configNow = await read(opts.config.path, 'the proxy-config');
                await conn.upload(opts.config.content, opts.config.path, 0o644);
                configBefore = configNow;
            }
            try {
                await conn.run(writeFileCommand(opts.upstreamFile, `${upstreamLine(kind, port)}\n`), `writing the upstream file ${opts.upstreamFile}`, { log: false });
                await reload(port);
            }
            catch (e) {
                // Back to what served: the upstream file (and a config this call installed) as they were, reloaded.
                const undo = [];
                try {
                    await putBack(opts.upstreamFile, upstreamBefore, 'the upstream file');
                    if (opts.config && configNow) {
                        await putBack(opts.config.path, configNow, 'the proxy-config');
                        configBefore = undefined;
                    }
                    const was = upstreamBefore.content && upstreamPort(kind, upstreamBefore.content);
                    await reload(was || port);
                }
                catch (u) {
                    undo.push((0,errors/* errText */.V7)(u));
                }
                const after = undo.length
                    ? `; putting the previous files back failed too: ${undo.join('; ')}`
                    : '; the previous upstream file was put back and the proxy reloaded';
                throw new errors/* RemoteError */.Hi(`${(0,errors/* errText */.V7)(e)}${after}`);
            }
            lastPort = port;
            log.info(`${name} now sends traffic to 127.0.0.1:${port}`);
        },
        async restoreConfig() {
            if (!opts.config || !configBefore)
                return;
            try {
                await putBack(opts.config.path, configBefore, 'the proxy-config');
                configBefore = undefined;
                await reload(lastPort ?? 0);
                log.info(`the previous proxy-config of ${opts.config.path} is back and ${name} reloaded`);
            }
            catch (e) {
                log.warning(`putting back the previous proxy-config ${opts.config.path} failed: ${(0,errors/* errText */.V7)(e)}`);
            }
        },
    };
}

;// CONCATENATED MODULE: ./src/strategies/switch-plan.ts





/** The switch plan of deploy, rollback and the root action; undefined for `switch: restart`. */
function switchPlan(i, appDir, workspace, strategy) {
    const s = (0,flow_inputs/* switchSettings */.UX)(i, appDir, strategy);
    if (!s)
        return undefined;
    const { config, ...proxy } = s.proxy;
    return {
        ...s,
        proxy: { ...proxy, ...(config ? { config: readProxyConfig(config, workspace) } : {}) },
    };
}
/** The flow's side of the plan: ports, drain, public check, and the proxy over the locked connection. */
function blueGreenPlan(plan) {
    return {
        ports: plan.ports,
        drainSeconds: plan.drainSeconds,
        publicHealthUrl: plan.publicHealthUrl,
        proxyFor: (conn, log) => proxySwitch(conn, plan.proxy, log),
    };
}
function readProxyConfig(c, workspace) {
    const full = (0,external_node_path_.isAbsolute)(c.file) ? c.file : (0,external_node_path_.join)(workspace, c.file);
    if (!(0,external_node_fs_.existsSync)(full))
        throw new errors/* ConfigurationError */.j1(`input "proxy-config" got ${JSON.stringify(c.file)}: there is no such file in ${workspace}`);
    return { content: (0,external_node_fs_.readFileSync)(full, 'utf8'), path: c.path };
}

;// CONCATENATED MODULE: ./src/actions/deploy/plan.ts









const COMPOSE_NAMES = ['compose.yaml', 'compose.yml', 'docker-compose.yml', 'docker-compose.yaml'];
/** The tag: the input, else the pushed git tag, else what the variant offers (root action: sha-<short>). */
function resolveTag(input, run, fallback) {
    const fromRef = /^refs\/tags\/(.+)$/.exec(run.ref)?.[1];
    const tag = input || fromRef || fallback || '';
    if (!tag) {
        throw new errors/* ConfigurationError */.j1('input "tag" is required when the workflow was not started by a tag push: takes ' + flow_tag/* TAG_TAKES */.K);
    }
    if (!flow_tag/* TAG_PATTERN */.A.test(tag))
        throw new errors/* ConfigurationError */.j1(`the pushed git tag ${JSON.stringify(tag)} cannot be a release tag: set "tag", ${flow_tag/* TAG_TAKES */.K}`);
    return tag;
}
async function deployPlan(i, run, fallbackTag) {
    const tag = resolveTag(i.tag, run, fallbackTag);
    const targets = (0,target/* sshTargets */.vF)(i);
    const location = (0,target/* appLocation */.ry)(i, run.repository);
    const registryGiven = [i.registry, i['registry-username'], i['registry-password']].filter(Boolean).length;
    if (registryGiven && registryGiven < 3 && i['registry-password']) {
        throw new errors/* ConfigurationError */.j1('inputs "registry", "registry-username" and "registry-password" go together: give all three (or only "registry" to push without login)');
    }
    if (i.strategy === 'swarm' && i.switch !== 'restart')
        throw new errors/* ConfigurationError */.j1('input "switch" blue-green is for strategy: compose or release; with strategy: swarm, Swarm replaces tasks ' +
            'itself: set deploy.update_config.order: start-first in the compose file (README, "Scaling out")');
    const sw = switchPlan(i, location.appDir, run.workspace, i.strategy === 'swarm' ? undefined : i.strategy);
    if (sw && i.strategy === 'release' && i['restart-command'])
        throw new errors/* ConfigurationError */.j1('input "restart-command" is not used with switch: blue-green: start-command and stop-command start and stop ' +
            'the instance on each port (APP_PORT); leave restart-command empty');
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
        ...(sw
            ? { blueGreen: { ports: sw.ports, startCommand: sw.startCommand, stopCommand: sw.stopCommand } }
            : {}),
    };
    if (i.strategy === 'release' && i['extra-files'].length)
        throw new errors/* ConfigurationError */.j1('input "extra-files" is for strategy: compose. A release directory is already the repository tree ' +
            '(git archive of the tag, or source): commit the file, or put it in source');
    // A tag missing from the checkout, or an unusable source, is the user's to fix: say so before connecting.
    if (i.strategy === 'release')
        await (0,strategy.checkReleaseTag)(release, tag);
    return {
        tag,
        targets,
        location,
        strategy: i.strategy,
        stack: i.stack,
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
            extraFiles: (0,extra_files/* planExtraFiles */.nG)(i['extra-files'], run.workspace, location.appDir),
            ...(sw ? { blueGreen: true } : {}),
        },
        release,
        health: (0,flow_inputs/* healthPlan */.Oq)(i),
        lockTimeoutSeconds: i['lock-timeout'],
        keepReleases: i['keep-releases'],
        rollbackOnFailure: i['rollback-on-failure'],
        ...(sw ? { switch: sw } : {}),
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

;// CONCATENATED MODULE: ./src/actions/deploy/plan-text.ts
/**
 * The plan in one line, logged before anything connects: what a workflow run and a terminal run will do, the
 * same text when they resolved the same settings (vps-deploy.yml, inputs, ~/.ssh), so the two can be compared.
 * Secrets never appear (the key, passwords, env-file and headers are not part of it).
 */
function planText(plan) {
    const targets = plan.targets.map((t) => `${t.username}@${t.host}:${t.port}${t.jump ? ` via ${t.jump.username}@${t.jump.host}:${t.jump.port}` : ''}`);
    const h = plan.health;
    const gate = [...h.urls, ...h.commands.map((c) => `\`${c}\``)].join(', ');
    return (`Plan: ${plan.strategy} release ${plan.tag} of ${plan.location.app} in ${plan.location.appDir} ` +
        `on ${targets.join(', ')}; gate ${gate} from the ${h.from} (${h.gate.successes} successes within ` +
        `${h.gate.timeoutSeconds}s); keep ${plan.keepReleases} releases; ` +
        `${plan.rollbackOnFailure ? 'roll back on failure' : 'no automatic rollback'}`);
}

// EXTERNAL MODULE: ./src/io/summary.ts
var summary = __webpack_require__(2864);
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
                (0,summary/* codeBlock */.DV)(body),
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
                (0,summary/* codeBlock */.DV)(text),
                '',
                '</details>',
                '',
            ]
            : [];
    });
    const checks = reports.flatMap((r) => checksTable(r));
    const failures = reports.flatMap((r) => (r.error ?? r.result?.failure) ? [`- ${r.host}: ${r.error ?? r.result?.failure}`] : []);
    const traffic = reports.flatMap((r) => r.result?.traffic ? [`- ${r.host}: ${trafficText(r.result)}`] : []);
    const text = [
        `### ${icon} ${title}: ${status}`,
        '',
        (0,summary/* table */.tp)(['host', 'tag', 'previous', 'verdict', 'rollback', 'time per phase', 'outcome'], rows),
        '',
        ...(traffic.length ? [...traffic, ''] : []),
        ...(failures.length ? [...failures, ''] : []),
        ...checks,
        ...bodies,
        ...logs,
    ].join('\n');
    return redact(text, secrets);
}
/** switch: blue-green: which port serves after the run, and whether traffic moved to the attempted release. */
function trafficText(f) {
    const t = f.traffic;
    if (!t)
        return '';
    if (t.moved)
        return `traffic moved to port ${t.port}: ${f.attempted} serves`;
    const kept = t.serving !== null
        ? `${f.current ?? 'what served before'} kept serving on port ${t.serving}`
        : 'nothing of ours serves';
    return `traffic never moved: ${kept}; ${f.attempted} (port ${t.port}) was stopped`;
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
            (0,summary/* table */.tp)(['check', 'last verdict'], g.checks.map((c) => [c.label, describeVerdict(c.last)])),
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

;// CONCATENATED MODULE: ./src/ssh/connection-loss.ts

/**
 * What ssh2 says when the transport itself went, as opposed to a refused channel: a socket error code, or the
 * messages ssh2 rejects a request with once it knows the connection is gone. The 'close' event that marks the
 * connection lost can arrive just after the request that found the dead socket has already been rejected.
 */
const SOCKET_CODES = new Set([
    'ECONNRESET',
    'EPIPE',
    'ECONNABORTED',
    'ETIMEDOUT',
    'EHOSTUNREACH',
    'ENETUNREACH',
]);
const GONE_MESSAGES = [
    /\bNot connected\b/i,
    /\bNo response from server\b/i,
    /\bsocket (?:hang up|closed)\b/i,
];
function isConnectionLoss(e) {
    const code = e?.code;
    if (typeof code === 'string' && SOCKET_CODES.has(code))
        return true;
    const message = e instanceof Error ? e.message : String(e);
    return GONE_MESSAGES.some((m) => m.test(message)) || [...SOCKET_CODES].some((c) => message.includes(c));
}
/** The error a command that could not run gets: "was lost" when the transport went, else what ssh2 said. */
function execFailure(host, label, e, closed) {
    if (e instanceof errors/* RemoteError */.Hi)
        return e;
    if (closed || isConnectionLoss(e)) {
        return new errors/* RemoteError */.Hi(`SSH connection to ${host} was lost while a command ran (${(0,errors/* errText */.V7)(e)})`);
    }
    return new errors/* RemoteError */.Hi(`could not run a command on ${label}: ${(0,errors/* errText */.V7)(e)}`);
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
        if (credentials.agent)
            this.pending.push('agent');
        if (credentials.privateKey)
            this.pending.push('publickey');
        if (credentials.password)
            this.pending.push('password');
    }
    /** ssh2's authHandler: called first with no list, then after each refusal with the methods left. */
    next = (methodsLeft, _partial, next) => {
        if (methodsLeft)
            this.offered = methodsLeft;
        const { username, privateKey, passphrase, password, agent } = this.credentials;
        let m;
        while ((m = this.pending.shift())) {
            // The agent's keys go to the server as publickey, the only name it offers them under.
            if (this.offered && !this.offered.includes(m === 'agent' ? 'publickey' : m))
                continue;
            if (m !== 'none')
                this.tried.push(m);
            if (m === 'none')
                return next({ type: 'none', username });
            if (m === 'agent')
                return next({ type: 'agent', username, agent: agent });
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
        // The agent's keys are public keys to the server.
        if (!(tried.includes('agent') && offered.includes('publickey')))
            return ` (none of the given credentials is a method it offers: ${offered.includes('publickey') ? 'give "key"' : 'give "password"'})`;
    }
    const hints = [];
    if (tried.includes('publickey'))
        hints.push(`that the public key is in ~${user}/.ssh/authorized_keys on the server`);
    if (tried.includes('agent'))
        hints.push(`that one of the ssh-agent's keys (ssh-add -l) is in ~${user}/.ssh/authorized_keys on the server`);
    if (tried.includes('password'))
        hints.push('the password');
    return hints.length ? ` (check ${hints.join(', and ')})` : '';
}

// EXTERNAL MODULE: ./src/ssh/host-key.ts
var host_key = __webpack_require__(5748);
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

;// CONCATENATED MODULE: ./src/ssh/write-batching.ts
/**
 * Makes the socket send the writes of one tick together. ssh2 hands the socket each packet in three or four
 * pieces (length, ciphertext, tag) and makes a write call for each: a 200 MB upload was some 25 000 send calls,
 * and ssh2 sent it at 0.8× the OpenSSH client's speed. Corked until the tick ends, node sends them with one
 * writev (the measured gain: 132 -> 190 MB/s on loopback). Nothing waits longer than the current tick. Neither ssh2
 * nor node-ssh has an option for this, hence the wrapper.
 */
function batchWrites(sock) {
    const write = sock.write.bind(sock);
    let corked = false;
    const uncork = () => {
        corked = false;
        sock.uncork();
    };
    sock.write = ((chunk, ...rest) => {
        if (!corked) {
            corked = true;
            sock.cork();
            process.nextTick(uncork);
        }
        return write(chunk, ...rest);
    });
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
    const trust = (0,host_key/* hostTrustFrom */.jU)({
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
    batchWrites(sock);
    const serverHostKey = (0,host_key/* hostKeyAlgorithmsFor */.Ty)(trust, host, port);
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
            const d = (0,host_key/* checkHostKey */.Ex)(trust, host, port, key);
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
        this.client.on('close', () => this.markLost());
        // After login node-ssh listens for no errors: an unheard 'error' would crash the process.
        this.client.on('error', (e) => {
            log.debug(`ssh: ${e.message}`);
            // A socket error (ECONNRESET, EPIPE, ...) is the transport gone. ssh2's 'close' can come a moment after a
            // command has already failed on it: the connection counts as lost from now, so nothing tries it again
            // (a rollback attempted on a dead connection hid which phase the cut landed in).
            if (isConnectionLoss(e))
                this.markLost();
        });
    }
    markLost() {
        if (this.closed)
            return;
        this.closed = true;
        const e = new errors/* RemoteError */.Hi(`SSH connection to ${this.target.host}:${this.target.port} was lost`);
        for (const w of this.closeWaiters)
            w(e);
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
            throw execFailure(this.target.host, this.label, e, this.closed);
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
            throw (0,errors/* commandFailed */.n6)(what, r);
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
    progress(label, total) {
        return this.log.progress?.(label, total) ?? { add: () => undefined, done: () => undefined };
    }
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
                await this.exec((0,quote.sh) `rm -f ${tmp}`, { log: false }).catch(() => undefined);
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












const deployAction = { title: 'Deploy', readInputs: inputs/* readDeployInputs */.J };
/** actions/deploy: inputs -> plan -> (variant's runner work) -> each host in turn -> outputs, summary. */
async function runDeploy(io, variant, signal) {
    const started = performance.now();
    (0,io_secrets/* maskSecretInputs */.q)(io);
    const inputs = variant.readInputs((n) => io.input(n));
    const plan = await deployPlan(inputs, io.run, variant.fallbackTag?.(inputs, io.run));
    io.info(planText(plan));
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
        ...(plan.switch ? { blueGreen: blueGreenPlan(plan.switch) } : {}),
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

// EXTERNAL MODULE: ./src/actions/pipeline/build.ts
var build = __webpack_require__(8542);
// EXTERNAL MODULE: ./src/actions/pipeline/inputs.ts
var pipeline_inputs = __webpack_require__(9941);
// EXTERNAL MODULE: ./src/actions/pipeline/post.ts
var post = __webpack_require__(6754);
;// CONCATENATED MODULE: ./src/actions/pipeline/run.ts





/** The root action: actions/deploy plus, with `build: true`, the image built and pushed on the runner first. */
const pipelineAction = {
    title: 'Build and deploy',
    readInputs: pipeline_inputs/* readPipelineInputs */.M,
    fallbackTag: (i, run) => (i.build && run.sha ? `sha-${run.sha.slice(0, 7)}` : undefined),
    async beforeDeploy(io, i, plan) {
        if (!i.build && (i.images.length || i.target))
            throw new errors/* ConfigurationError */.j1(`input "${i.images.length ? 'images' : 'target'}" is for the image build: set build: true, or leave it empty`);
        if (!i.build)
            return;
        const builds = (0,build/* buildPlans */.pm)(i, plan.tag, io.run.sha, io.run.workspace);
        for (const value of (0,build/* buildArgSecrets */.w)(i['build-args']))
            io.setSecret(value);
        // Saved before the login, so that a job cancelled or failed from here on still gets the post step's logout.
        const login = builds.find((b) => b.login)?.login;
        if (login)
            io.saveState(post.LOGIN_STATE, login.registry);
        await (0,build/* buildAndPush */.sf)(io, builds).catch((e) => {
            throw (0,errors/* inPhase */.xe)('build', e);
        });
    },
};
function runPipeline(io, signal) {
    return runDeploy(io, pipelineAction, signal);
}


/***/ }),

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

/***/ 8461:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   B: () => (/* binding */ connectionLost)
/* harmony export */ });
/** What every layer says when the server can no longer be reached through `shell` (`during`: where it happened). */
function connectionLost(shell, during = '') {
    return `the SSH connection to ${shell.label} was lost${during ? ` ${during}` : ''}`;
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

/***/ 5799:
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
    const r = await (0,exec/* runLocal */.RK)('git', ['-C', workspace, 'merge-base', '--is-ancestor', older, newer], {
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
            (0,exec/* runLocal */.RK)('git', [
                '-C',
                workspace,
                'config',
                '--get-regexp',
                '^(core\\.(autocrlf|eol|safecrlf|attributesfile)|filter\\.|tar\\.)',
            ], { allowFailure: true }),
            (0,exec/* runLocal */.RK)('git', ['--version']),
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
    return (0,exec/* streamLocal */.sr)('git', ['-C', workspace, 'archive', '--format=tar', commit, '--', ...specs]);
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
    const p = (0,exec/* streamLocal */.sr)('git', ['-C', workspace, ...args]);
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
    const tar = (0,exec/* streamLocal */.sr)('tar', [
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
