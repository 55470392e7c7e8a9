export const id = 346;
export const ids = [346,465];
export const modules = {

/***/ 1465:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

__webpack_require__.r(__webpack_exports__);
/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   initInputSpec: () => (/* binding */ initInputSpec),
/* harmony export */   readInitInputs: () => (/* binding */ readInitInputs)
/* harmony export */ });
/* harmony import */ var _io_inputs_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(6332);
/* harmony import */ var _io_configured_io_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(4847);
/* harmony import */ var _ssh_target_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(4889);




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
    ..._ssh_target_js__WEBPACK_IMPORTED_MODULE_2__/* .remoteInputSpec */ .eZ,
    ..._io_configured_io_js__WEBPACK_IMPORTED_MODULE_1__/* .configInputSpec */ .kW,
    ..._io_configured_io_js__WEBPACK_IMPORTED_MODULE_1__/* .environmentInputSpec */ .Vc,
};
function readInitInputs(raw) {
    return (0,_io_inputs_js__WEBPACK_IMPORTED_MODULE_0__/* .readInputs */ .Ko)(initInputSpec, raw);
}


/***/ }),

/***/ 8346:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

// ESM COMPAT FLAG
__webpack_require__.r(__webpack_exports__);

// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  runInit: () => (/* binding */ runInit)
});

// EXTERNAL MODULE: external "node:fs"
var external_node_fs_ = __webpack_require__(3024);
// EXTERNAL MODULE: ./src/io/errors.ts
var errors = __webpack_require__(7333);
// EXTERNAL MODULE: ./src/io/secrets.ts
var secrets = __webpack_require__(3965);
// EXTERNAL MODULE: ./src/ssh/connection.ts + 6 modules
var connection = __webpack_require__(3440);
;// CONCATENATED MODULE: ./src/init/prerequisites.ts
const has = (bin) => `command -v ${bin} >/dev/null 2>&1`;
function prerequisitesOf(s) {
    const out = [
        { name: 'flock', test: has('flock'), pkg: 'util-linux', why: 'the deploy lock', forInit: false },
    ];
    const add = (p) => {
        if (!out.some((o) => o.name === p.name))
            out.push(p);
    };
    if (s.strategy === 'release') {
        add({ name: 'tar', test: has('tar'), pkg: 'tar', why: 'release uploads', forInit: false });
    }
    else {
        add({
            name: 'docker',
            test: has('docker'),
            pkg: 'docker.io',
            why: 'the compose strategy',
            forInit: false,
        });
        add({
            name: 'docker compose',
            test: `docker compose version >/dev/null 2>&1 || ${has('docker-compose')}`,
            pkg: 'docker-compose',
            why: 'the compose strategy',
            forInit: false,
        });
    }
    for (const kind of s.backups) {
        if (kind === 'sqlite')
            add({ name: 'sqlite3', test: has('sqlite3'), pkg: 'sqlite3', why: 'sqlite backups', forInit: false });
        if (kind === 'postgres')
            add({
                name: 'pg_dump',
                test: has('pg_dump'),
                pkg: 'postgresql-client',
                why: 'postgres backups',
                forInit: false,
            });
        if (kind === 'files' || kind === 'volumes') {
            add({ name: 'tar', test: has('tar'), pkg: 'tar', why: `${kind} backups`, forInit: false });
            add({ name: 'gzip', test: has('gzip'), pkg: 'gzip', why: `${kind} backups`, forInit: false });
        }
        if (kind === 'volumes')
            add({ name: 'docker', test: has('docker'), pkg: 'docker.io', why: 'volume backups', forInit: false });
    }
    if (s.unit || s.proxy)
        add({
            name: 'systemctl',
            test: has('systemctl'),
            pkg: 'systemd',
            why: 'the unit and reloads',
            forInit: true,
        });
    if (s.unit || s.proxy || s.sudoCommands.length)
        add({ name: 'visudo', test: has('visudo'), pkg: 'sudo', why: 'the sudoers drop-in', forInit: true });
    if (s.proxy)
        add({
            name: s.proxy.kind,
            test: has(s.proxy.kind),
            pkg: s.proxy.kind,
            why: 'the proxy site',
            forInit: true,
        });
    return out;
}
/** The probe: one `@@have <index> <yes|no>` line per prerequisite. */
function probeText(prereqs) {
    return prereqs
        .map((p, i) => `if { ${p.test}; }; then echo "@@have ${i} yes"; else echo "@@have ${i} no"; fi`)
        .join('\n');
}
function parseProbe(prereqs, stdout) {
    const seen = new Map();
    for (const m of stdout.matchAll(/^@@have (\d+) (yes|no)$/gm))
        seen.set(Number(m[1]), m[2] === 'yes');
    return prereqs.map((p, i) => ({ ...p, present: seen.get(i) ?? false }));
}
/** The packages that provide what is missing, once each, in the order found. */
function missingPackages(states) {
    return [...new Set(states.filter((s) => !s.present).map((s) => s.pkg))];
}
function aptLine(pkgs) {
    return `apt-get install -y ${pkgs.join(' ')}`;
}

// EXTERNAL MODULE: ./src/ssh/quote.ts
var quote = __webpack_require__(9038);
;// CONCATENATED MODULE: ./src/init/script.ts

const PRELUDE = `set -eu
status=unchanged
mark() {
  case "$1" in created) status=created ;; updated) [ "$status" = created ] || status=updated ;; esac
  printf '@@note %s %s\\n' "$1" "$2"
}
done_step() { printf '@@status %s\\n' "$status"; }
fail() { printf 'error: %s\\n' "$*" >&2; exit 3; }
meta_of() { stat -c '%a %U %G' -- "$1"; }
`;
/** A whole step script: the prelude, DRY, the body (our own shell text), the final status line. */
function stepScript(body, dry) {
    return `${PRELUDE}DRY=${dry ? 1 : 0}\n${body}\ndone_step\n`;
}
/** How `stat -c %a` prints a mode (`755`, `2775`), to compare with what a step wants. */
function statMode(mode) {
    return mode.toString(8);
}
/** The mode as chmod takes it with five digits, so GNU chmod also clears a directory's setgid bit. */
function chmodMode(mode) {
    return mode.toString(8).padStart(5, '0');
}
/** The owner's primary group (a user init may create in the same run), or `group` when one is named. */
function groupExpr(owner, group) {
    if (group)
        return (0,quote/* raw */.lS)((0,quote.sh) `${group}`);
    return (0,quote/* raw */.lS)((0,quote.sh) `"$(id -gn ${owner} 2>/dev/null || echo ${owner})"`);
}
/**
 * Shell text that installs the content on stdin as spec.path when it differs (content, mode or owner), atomically
 * (a sibling temp name, then one rename). `validate` runs on "$tmp" before anything is installed, in a dry run
 * too; `after` runs once the file changed. With `keepContent`, an existing file's content is never rewritten;
 * with `keepMeta` too, an existing file is left alone (deploys rewrite shared/.env with their own mode).
 */
function ensureFileText(spec, opts = {}) {
    const g = groupExpr(spec.owner, spec.group);
    return `f=${(0,quote.sh) `${spec.path}`}
want=${(0,quote.sh) `${`${statMode(spec.mode)} ${spec.owner} `}`}${g}
tmp=$(mktemp); trap 'rm -f "$tmp"' EXIT
cat >"$tmp"
st=
if [ -e "$f" ] || [ -L "$f" ]; then
  [ -f "$f" ] && [ ! -L "$f" ] || fail "$f exists and is not a regular file: move it away first"
  if ${opts.keepContent ? 'true' : 'cmp -s "$tmp" "$f"'}; then
    ${opts.keepMeta ? ':' : '[ "$(meta_of "$f")" = "$want" ] || st=updated'}
  else st=updated; fi
else st=created; fi
${opts.validate ?? ':'}
if [ -n "$st" ] && [ "$DRY" = 0 ]; then
  mkdir -p -- "$(dirname -- "$f")"
  ${opts.keepContent ? `[ "$st" = created ] || cp -p -- "$f" "$tmp"` : ':'}
  new="$f.vps-deploy-new"
  install -m ${chmodMode(spec.mode)} -o ${(0,quote.sh) `${spec.owner}`} -g ${g} "$tmp" "$new"
  mv -f -- "$new" "$f"
  ${opts.after ?? ':'}
fi
mark "\${st:-unchanged}" "$f"`;
}
/** Shell text that makes each directory exist with its owner, group and mode, changing only what differs. */
function ensureDirsText(dirs) {
    const lines = dirs.map((d) => {
        const g = groupExpr(d.owner, d.group);
        return `ensure_dir ${(0,quote.sh) `${d.path} ${chmodMode(d.mode)} ${statMode(d.mode)} ${d.owner}`} ${g}`;
    });
    return `ensure_dir() {
  if [ ! -d "$1" ] || [ -L "$1" ]; then
    { [ -e "$1" ] || [ -L "$1" ]; } && fail "$1 exists and is not a directory: move it away first"
    [ "$DRY" = 1 ] || { mkdir -p -- "$1"; chown -- "$4:$5" "$1"; chmod -- "$2" "$1"; }
    mark created "$1"; return 0
  fi
  if [ "$(meta_of "$1")" = "$3 $4 $5" ]; then mark unchanged "$1"; return 0; fi
  [ "$DRY" = 1 ] || { chown -- "$4:$5" "$1"; chmod -- "$2" "$1"; }
  mark updated "$1"
}
${lines.join('\n')}`;
}

;// CONCATENATED MODULE: ./src/init/run-steps.ts



/** How this connection becomes root, or a RemoteError saying what the user must give. */
async function rootAccess(shell) {
    const r = await shell.exec('id -u; sudo -n true >/dev/null 2>&1 && echo sudo-ok || true', { log: false });
    const [uid, sudo] = r.stdout.trim().split('\n');
    if (uid === '0')
        return (script) => (0,quote.sh) `sh -c ${script}`;
    if (sudo === 'sudo-ok')
        return (script) => (0,quote.sh) `sudo -n sh -c ${script}`;
    throw new errors/* RemoteError */.Hi(`init needs root on ${shell.label}: log in as root, or as a user that may run sudo without a password ` +
        '(sudo -n true failed)', 'init');
}
async function runStep(shell, asRoot, step, dry, log) {
    const r = await shell.exec(asRoot(stepScript(step.body, dry)), { stdin: step.stdin, log: false });
    const notes = [...r.stdout.matchAll(/^@@note (created|updated|unchanged) (.*)$/gm)].map((m) => ({
        status: m[1],
        what: m[2],
    }));
    const status = /^@@status (created|updated|unchanged)$/m.exec(r.stdout)?.[1];
    if (r.code !== 0 || !status) {
        const why = r.stderr
            .split('\n')
            .filter((l) => l.trim())
            .join('\n');
        throw new errors/* RemoteError */.Hi(`${step.title}: ${r.code === 0 ? 'the step reported no status' : `failed (exit ${r.code})`}${(0,errors/* tailOf */.Cj)(why, 20)}`, 'init');
    }
    for (const n of notes)
        log.info(`  ${dry ? wouldBe(n.status) : n.status.padEnd(9)} ${n.what}`);
    return { title: step.title, status, notes };
}
/** How a dry run words a status. */
function wouldBe(status) {
    return status === 'unchanged' ? 'unchanged' : `would be ${status}`;
}
/** The prerequisites' probe and where systemctl is, run as root (root's PATH has /usr/sbin, where visudo is). */
async function probeServer(shell, asRoot, probe) {
    const script = `${probe}\nprintf '@@systemctl %s\\n' "$(command -v systemctl || true)"\n`;
    const r = await shell.exec(asRoot(script), { log: false });
    if (r.code !== 0)
        throw new errors/* RemoteError */.Hi(`checking the server failed (exit ${r.code})${(0,errors/* tailOf */.Cj)(r.stderr)}`, 'init');
    return { stdout: r.stdout, systemctl: /^@@systemctl (.*)$/m.exec(r.stdout)?.[1]?.trim() ?? '' };
}

;// CONCATENATED MODULE: ./src/init/accounts.ts

/**
 * The accounts: the deploy user (logs in with the given key, owns `<app-dir>`), and optionally the app user and
 * group the service runs as. The deploy user joins the app group (to read what the app writes in shared/) and,
 * for the compose strategy, the docker group. Users init creates get the password `*`: no password login, yet
 * not "locked" (OpenSSH refuses a locked account even with a valid key when it does not use PAM).
 */
function accountsStepText(s) {
    const lines = [];
    if (s.appGroup) {
        lines.push(`if getent group ${(0,quote.sh) `${s.appGroup}`} >/dev/null; then mark unchanged ${(0,quote.sh) `${`group ${s.appGroup}`}`}
else [ "$DRY" = 1 ] || groupadd --system ${(0,quote.sh) `${s.appGroup}`}; mark created ${(0,quote.sh) `${`group ${s.appGroup}`}`}; fi`);
    }
    if (s.appUser) {
        lines.push(`if id -u ${(0,quote.sh) `${s.appUser}`} >/dev/null 2>&1; then mark unchanged ${(0,quote.sh) `${`user ${s.appUser}`}`}
else [ "$DRY" = 1 ] || useradd --system --gid ${(0,quote.sh) `${s.appGroup || s.appUser}`} --home-dir ${(0,quote.sh) `${s.appDir}`} --no-create-home --shell /usr/sbin/nologin ${(0,quote.sh) `${s.appUser}`}
  mark created ${(0,quote.sh) `${`user ${s.appUser} (system, no login)`}`}; fi`);
    }
    lines.push(`if id -u ${(0,quote.sh) `${s.deployUser}`} >/dev/null 2>&1; then mark unchanged ${(0,quote.sh) `${`user ${s.deployUser}`}`}
else [ "$DRY" = 1 ] || useradd --create-home --shell /bin/bash --password '*' ${(0,quote.sh) `${s.deployUser}`}
  mark created ${(0,quote.sh) `${`user ${s.deployUser}`}`}; fi`);
    const groups = [...(s.appGroup ? [s.appGroup] : [])];
    for (const g of groups)
        lines.push(joinGroup(s.deployUser, g, false));
    if (s.strategy === 'compose')
        lines.push(joinGroup(s.deployUser, 'docker', true));
    return lines.join('\n');
}
/** Adds the user to the group unless already in it; `ifExists`: a group that is not there is only noted. */
function joinGroup(user, group, ifExists) {
    const what = (0,quote.sh) `${`${user} in group ${group}`}`;
    const join = `if id -nG ${(0,quote.sh) `${user}`} 2>/dev/null | tr ' ' '\\n' | grep -qxF ${(0,quote.sh) `${group}`}; then mark unchanged ${what}
else [ "$DRY" = 1 ] || usermod -aG ${(0,quote.sh) `${group} ${user}`}; mark updated ${what}; fi`;
    if (!ifExists)
        return join;
    return `if getent group ${(0,quote.sh) `${group}`} >/dev/null; then
${join}
else mark unchanged ${(0,quote.sh) `${`no ${group} group yet: install docker, then run init again`}`}; fi`;
}
/**
 * The deploy user's authorized_keys (keys on stdin, one a line): each given key is added when missing; keys the
 * file already holds stay, so init never locks out a key someone added by hand.
 */
function authorizedKeysStepText(deployUser) {
    return `home=$(getent passwd ${(0,quote.sh) `${deployUser}`} | cut -d: -f6)
if [ -z "$home" ]; then
  [ "$DRY" = 1 ] || fail ${(0,quote.sh) `${`user ${deployUser} does not exist`}`}
  cat >/dev/null; mark created ${(0,quote.sh) `${`~${deployUser}/.ssh/authorized_keys`}`}
else
  grp=$(id -gn ${(0,quote.sh) `${deployUser}`})
  d="$home/.ssh"; f="$d/authorized_keys"
  if [ ! -d "$d" ]; then [ "$DRY" = 1 ] || install -d -m 700 -o ${(0,quote.sh) `${deployUser}`} -g "$grp" "$d"; mark created "$d"; fi
  tmp=$(mktemp); trap 'rm -f "$tmp"' EXIT
  [ ! -f "$f" ] || cat -- "$f" >"$tmp"
  added=0
  while IFS= read -r key; do
    [ -n "$key" ] || continue
    if ! grep -qxF -e "$key" "$tmp"; then printf '%s\\n' "$key" >>"$tmp"; added=$((added + 1)); fi
  done
  if [ ! -f "$f" ]; then st=created; elif [ "$added" -gt 0 ]; then st=updated
  elif [ "$(meta_of "$f")" != "600 ${(0,quote.sh) `${deployUser}`} $grp" ]; then st=updated; else st=; fi
  if [ -n "$st" ] && [ "$DRY" = 0 ]; then
    install -m 00600 -o ${(0,quote.sh) `${deployUser}`} -g "$grp" "$tmp" "$f.vps-deploy-new"
    mv -f -- "$f.vps-deploy-new" "$f"
  fi
  mark "\${st:-unchanged}" "$f ($added key(s) added)"
fi`;
}

// EXTERNAL MODULE: external "node:path"
var external_node_path_ = __webpack_require__(6760);
;// CONCATENATED MODULE: ./src/init/layout.ts


/**
 * `<app-dir>` as deploys expect it (docs/server-layout.md): releases/, shared/ (+ shared-dirs), backups/,
 * .vps-deploy/, and for a proxy or blue-green the proxy/ and slots/ directories, all owned by the deploy user.
 * With an app group, shared/ and its dirs are setgid to it and group-writable, so the app (running as its own
 * user) writes `shared/data` and what it writes stays in the group the deploy user backs up and restores.
 */
function layoutDirs(s) {
    const own = (path, mode) => ({
        path,
        mode,
        owner: s.deployUser,
        group: s.appGroup,
    });
    const shared = s.appGroup ? 0o2775 : 0o755;
    const at = (...p) => external_node_path_.posix.join(s.appDir, ...p);
    const dirs = [
        own(s.appDir, 0o755),
        own(at('.vps-deploy'), 0o755),
        own(at('releases'), 0o755),
        own(at('shared'), shared),
        ...s.sharedDirs.map((d) => own(at('shared', d), shared)),
        own(at('backups'), 0o750),
    ];
    if (s.unit?.blueGreen)
        dirs.push(own(at('slots'), 0o755));
    if (s.proxy) {
        const upstreamDir = external_node_path_.posix.dirname(s.proxy.upstreamPath);
        if (upstreamDir !== s.appDir)
            dirs.push(own(upstreamDir, 0o755));
    }
    return dirs;
}
/** `shared/.env` as an empty file when missing (the unit and shared-files expect it); an existing one is left as it is. */
function envFilePath(s) {
    return external_node_path_.posix.join(s.appDir, 'shared', '.env');
}
/** The layout step (stdin: empty, the content of a new shared/.env). */
function layoutStepText(s) {
    const envFile = ensureFileText({ path: envFilePath(s), mode: 0o600, owner: s.deployUser, group: s.appGroup }, { keepContent: true, keepMeta: true });
    return `${ensureDirsText(layoutDirs(s))}\n${envFile}`;
}

// EXTERNAL MODULE: ./src/proxy/upstream.ts
var upstream = __webpack_require__(2927);
;// CONCATENATED MODULE: ./src/init/proxy.ts




/**
 * The proxy site in front of the app. The site includes a one-line upstream file under `<app-dir>/proxy/` that
 * the deploy user owns, so a blue-green switch rewrites that line and reloads the proxy without root:
 *   Caddy: the site `import`s it, and it holds `reverse_proxy 127.0.0.1:<port>`;
 *   nginx: `upstream <app> { include …; }`, and it holds `server 127.0.0.1:<port>;`.
 * The site is validated (`caddy validate`, `nginx -t`) with the site in place before the proxy reloads; a site
 * the proxy refuses is taken back out. Pure text builders; the upstream line itself is src/proxy/upstream.ts.
 */
/** nginx's listen port and server_name from a Caddy-style site address (`shop.example.com`, `:8080`). */
function nginxListen(address) {
    const m = /^(?:(https?):\/\/)?([^:/]*)(?::(\d+))?$/.exec(address);
    return {
        port: m[3] ? Number(m[3]) : m[1] === 'https' ? 443 : 80,
        serverName: m[2] || '_',
    };
}
function siteContent(app, p) {
    const head = `# Written by vps-deploy init for ${app}: a later init run rewrites it.`;
    if (p.kind === 'caddy') {
        return [head, `${p.siteAddress} {`, `\timport ${caddyPath(p.upstreamPath)}`, '}', ''].join('\n');
    }
    const { port, serverName } = nginxListen(p.siteAddress);
    // `Connection: upgrade` only when the client asked for one (a websocket): sent on every request, uvicorn's h11
    // answers 400 "Unsupported upgrade request.". The site sits in nginx's http block, where a map may go; its
    // variable is the app's, so two apps' sites do not define the same one.
    const connection = `$vps_deploy_connection_${app.replace(/-/g, '_')}`;
    return [
        head,
        `map $http_upgrade ${connection} {`,
        '    default upgrade;',
        "    '' close;",
        '}',
        `upstream ${app} {`,
        `    include ${nginxPath(p.upstreamPath)};`,
        '}',
        'server {',
        // An IP address (127.0.0.1:8080) is where the site listens; a host name only selects the server block.
        `    listen ${/^\d{1,3}(\.\d{1,3}){3}$/.test(serverName) ? `${serverName}:${port}` : port};`,
        `    server_name ${serverName};`,
        '    location / {',
        `        proxy_pass http://${app};`,
        '        proxy_http_version 1.1;',
        '        proxy_set_header Host $host;',
        '        proxy_set_header X-Real-IP $remote_addr;',
        '        proxy_set_header X-Forwarded-For $proxy_add_x_forwarded_for;',
        '        proxy_set_header X-Forwarded-Proto $scheme;',
        '        proxy_set_header Upgrade $http_upgrade;',
        `        proxy_set_header Connection ${connection};`,
        '    }',
        '}',
        '',
    ].join('\n');
}
/** Paths in a Caddyfile or nginx.conf: quoted when they hold a space or a quote. */
function caddyPath(path) {
    return /^[^\s"'{}#]+$/.test(path) ? path : `"${path.replace(/["\\]/g, '\\$&')}"`;
}
function nginxPath(path) {
    return /^[^\s"';{}#$]+$/.test(path) ? path : `"${path.replace(/["\\$]/g, '\\$&')}"`;
}
/** Caddy reads the site only when its main config imports it: this line, added once. */
function caddyImportLine(p) {
    return `import ${caddyPath(p.sitePath)}`;
}
/** The command that checks the whole proxy config with the site in place. */
function validateCommand(p) {
    return p.kind === 'caddy'
        ? (0,quote.sh) `caddy validate --config ${p.configPath} --adapter caddyfile`
        : (0,quote.sh) `nginx -t -q -c ${p.configPath}`;
}
/**
 * nginx has no import line of ours: the site counts only when the main config already includes it (conf.d/*.conf,
 * sites-enabled/*). `nginx -T` prints every file it read under `# configuration file <path>:`, so a site nginx
 * would silently ignore is refused here instead of leaving the proxy serving without it.
 */
function includedCheck(p) {
    if (p.kind !== 'nginx')
        return '';
    const marker = `# configuration file ${p.sitePath}:`;
    const message = `nginx does not read the site ${p.sitePath}: ${p.configPath} includes no file of that name ` +
        '(add an include of its directory to its http block), so the site was taken back out';
    return `  if ! ${(0,quote.sh) `nginx -T -q -c ${p.configPath}`} 2>/dev/null | grep -qxF ${(0,quote.sh) `${marker}`}; then
    put_back
    fail ${(0,quote.sh) `${message}`}
  fi`;
}
/**
 * The upstream file: created (owned by the deploy user, who rewrites it on a switch) with the first port when
 * missing; left as it is when it already names one of the app's ports (a switch may have moved it).
 */
function upstreamStepText(p, deployUser, group, ports) {
    const known = ports.map((port) => (0,upstream/* upstreamLine */.G)(p.kind, port));
    const keep = `{ [ -f "$f" ] && grep -qxF -e ${(0,quote.sh) `${known.join('\n')}`} "$f"; }`;
    return ensureFileText({ path: p.upstreamPath, mode: 0o644, owner: deployUser, group }, 
    // A switched upstream keeps its content; anything else is rewritten with the first port.
    { keepContent: false, validate: `if ${keep}; then cp -p -- "$f" "$tmp"; fi` });
}
/**
 * The site step: the site file (and for Caddy the import line in the main config) installed when different, the
 * whole config validated, and the proxy reloaded; on a refused config both are put back as they were.
 */
function siteStepText(p, systemctl) {
    const importLine = caddyImportLine(p);
    const site = ensureFileText({ path: p.sitePath, mode: 0o644, owner: 'root', group: 'root' }, { validate: '[ -z "$st" ] || [ ! -e "$f" ] || [ "$DRY" = 1 ] || cp -p -- "$f" "$f.vps-deploy-old"' });
    const addImport = p.kind === 'caddy'
        ? `conf=${(0,quote.sh) `${p.configPath}`}
if [ -f "$conf" ] && grep -qxF ${(0,quote.sh) `${importLine}`} "$conf"; then mark unchanged "$conf"
else
  if [ "$DRY" = 0 ]; then
    [ ! -e "$conf" ] || cp -p -- "$conf" "$conf.vps-deploy-old"
    mkdir -p -- "$(dirname -- "$conf")"
    printf '\\n# Added by vps-deploy init: the site of %s\\n%s\\n' ${(0,quote.sh) `${p.sitePath} ${importLine}`} >>"$conf"
  fi
  import_changed=1; mark updated "$conf"
fi`
        : 'conf=';
    return `command -v ${p.kind} >/dev/null 2>&1 || fail "${p.kind} not found: install it (apt-get install -y ${p.kind}) or run init with install: true"
import_changed=
${site}
site_changed=$st
${addImport}
put_back() {
  if [ -e "$f.vps-deploy-old" ]; then mv -f -- "$f.vps-deploy-old" "$f"; elif [ "$site_changed" = created ]; then rm -f -- "$f"; fi
  if [ -n "$conf" ] && [ -e "$conf.vps-deploy-old" ]; then mv -f -- "$conf.vps-deploy-old" "$conf"; fi
}
if [ "$DRY" = 0 ] && [ -n "$site_changed$import_changed" ]; then
  if ! out=$(${validateCommand(p)} 2>&1); then
    printf '%s\\n' "$out" >&2
    put_back
    fail "${p.kind} refused its config with the new site $f (above): the site was taken back out and ${p.kind} not reloaded"
  fi
${includedCheck(p)}
  rm -f -- "$f.vps-deploy-old" \${conf:+"$conf.vps-deploy-old"}
  if ${(0,quote.sh) `${systemctl} is-active --quiet ${p.service}`}; then
    ${(0,quote.sh) `${systemctl} reload ${p.service}`} || fail "${p.kind} accepted the site but systemctl reload ${p.service} failed"
    mark updated "${p.service} (reloaded)"
  else
    mark unchanged "${p.service} is not running: start it (systemctl start ${p.service})"
  fi
fi`;
}

;// CONCATENATED MODULE: ./src/init/unit.ts



/**
 * The systemd unit of the app: a single `<unit>.service` whose WorkingDirectory is `<app-dir>/current`, or for
 * blue-green the template `<unit>@.service` whose instance is the slot's port (`shop@8001` runs
 * `<app-dir>/slots/8001` with APP_PORT=8001). Either reads `<app-dir>/shared/.env`. Pure text builders.
 */
function unitFileName(u) {
    return u.blueGreen ? `${u.name}@.service` : `${u.name}.service`;
}
function unitPath(u) {
    return external_node_path_.posix.join(u.dir, unitFileName(u));
}
/** The names deploys give systemctl: `shop`, or one per slot (`shop@8001`, `shop@8002`). */
function unitInstances(u) {
    return u.blueGreen ? u.ports.map((p) => `${u.name}@${p}`) : [u.name];
}
/** systemd reads `%` as a specifier: a literal one in a path is `%%`. */
function unitPathValue(path) {
    return path.replace(/%/g, '%%');
}
function unitContent(s, u) {
    const runAs = s.appUser || s.deployUser;
    const group = s.appGroup || '';
    const workDir = `${unitPathValue(s.appDir)}/${u.blueGreen ? 'slots/%i' : 'current'}`;
    return [
        `# Written by vps-deploy init for ${s.app}: a later init run rewrites it (give unit-file to keep your own).`,
        '[Unit]',
        u.blueGreen ? `Description=${s.app} slot %i (vps-deploy)` : `Description=${s.app} (vps-deploy)`,
        'After=network.target',
        '',
        '[Service]',
        'Type=simple',
        `User=${runAs}`,
        ...(group ? [`Group=${group}`] : []),
        // shared/ dirs are setgid to the group and the deploy user replaces files in them (a backup restore keeps
        // the replaced file's mode): what the app creates there must stay group-writable, not systemd's 0644.
        ...(group ? ['UMask=0002'] : []),
        `WorkingDirectory=${workDir}`,
        // `-`: a missing file is not an error, so the unit loads before the first deploy wrote shared/.env.
        `EnvironmentFile=-${unitPathValue(s.appDir)}/shared/.env`,
        `Environment=APP_PORT=${u.blueGreen ? '%i' : String(u.ports[0])}`,
        `ExecStart=${u.execStart}`,
        'Restart=always',
        'RestartSec=2',
        '',
        '[Install]',
        'WantedBy=multi-user.target',
        '',
    ].join('\n');
}
/**
 * The step body installing the unit (content on stdin); when it changed, systemd re-reads its units and a single
 * unit is enabled (started at boot; the first deploy's restart starts it now).
 */
function unitStepText(u, systemctl) {
    const after = [
        (0,quote.sh) `${systemctl} daemon-reload`,
        ...(u.blueGreen ? [] : [(0,quote.sh) `${systemctl} enable --quiet ${u.name}`]),
    ].join(' && ');
    return ensureFileText({ path: unitPath(u), mode: 0o644, owner: 'root', group: 'root' }, { after });
}

;// CONCATENATED MODULE: ./src/init/sudoers.ts


/**
 * The sudoers drop-in: the deploy user may run, as root and without a password, exactly the commands deploys
 * run (restart/start/stop of the app's unit or slots, reload of the proxy) and the extra `sudo-commands`,
 * nothing else. It is checked with `visudo -cf` before it is installed and never installed otherwise: a drop-in
 * sudo cannot parse breaks sudo for everyone on the server.
 */
/** sudoers reads `,` `:` `=` `\` in a command's arguments as syntax: they are escaped with a backslash. */
function sudoersArg(arg) {
    return arg.replace(/[\\,:=]/g, (c) => `\\${c}`);
}
/** The commands deploys run with sudo, as they must type them (sudo compares the words exactly). */
function deployCommands(s, systemctl) {
    const out = [];
    if (s.unit) {
        for (const instance of unitInstances(s.unit))
            for (const verb of ['restart', 'start', 'stop'])
                out.push({ verb, command: `${systemctl} ${verb} ${instance}` });
    }
    if (s.proxy)
        out.push({ verb: 'reload', command: `${systemctl} reload ${s.proxy.service}` });
    return out;
}
/** The drop-in's text; undefined when there is nothing to allow. */
function sudoersContent(s, systemctl) {
    const ours = deployCommands(s, systemctl).map(({ command }) => command.split(' ').map(sudoersArg).join(' '));
    const all = [...ours, ...s.sudoCommands];
    if (!all.length)
        return undefined;
    return [
        `# Written by vps-deploy init for ${s.app}: what deploys run with sudo, and nothing else.`,
        '# Checked with visudo -cf before it was installed; a later init run rewrites it.',
        ...all.map((c) => `${s.deployUser} ALL=(root) NOPASSWD: ${c}`),
        '',
    ].join('\n');
}
/** The step body: visudo checks the new text first (in a dry run too); a refused text is never installed. */
function sudoersStepText(path) {
    const validate = `command -v visudo >/dev/null 2>&1 || fail "visudo not found: install sudo (apt-get install -y sudo)"
if ! out=$(visudo -cf "$tmp" 2>&1); then
  printf '%s\\n' "$out" >&2
  fail "visudo -cf refused the new sudoers drop-in $f (above), so it was not installed: sudo is as it was"
fi`;
    return ensureFileText({ path, mode: 0o440, owner: 'root', group: 'root' }, { validate });
}

;// CONCATENATED MODULE: ./src/init/steps.ts






/** The plan as a list of titles, known from the inputs alone (printed before anything connects). */
function planTitles(s) {
    return stepsOf(s, { systemctl: '/usr/bin/systemctl', install: [] }).map((st) => st.title);
}
/** Every step, in the order they run: each later one relies on what the earlier ones made. */
function stepsOf(s, facts) {
    const steps = [];
    if (facts.install.length)
        steps.push({
            title: `packages: ${facts.install.join(' ')}`,
            body: `if [ "$DRY" = 0 ]; then
  DEBIAN_FRONTEND=noninteractive apt-get install -y -q ${(0,quote.sh) `${facts.install}`} >&2 || fail ${(0,quote.sh) `${`apt-get install -y ${facts.install.join(' ')} failed (above)`}`}
fi
mark created ${(0,quote.sh) `${facts.install.join(' ')}`}`,
            stdin: '',
        });
    const users = [s.appGroup && `group ${s.appGroup}`, s.appUser && `app user ${s.appUser}`]
        .filter(Boolean)
        .join(', ');
    steps.push({
        title: `deploy user ${s.deployUser}${users ? `, ${users}` : ''}`,
        body: accountsStepText(s),
        stdin: '',
    });
    steps.push({
        title: `authorized_keys of ${s.deployUser} (${s.deployKeys.length} key(s))`,
        body: authorizedKeysStepText(s.deployUser),
        stdin: s.deployKeys.map((k) => `${k}\n`).join(''),
    });
    steps.push({ title: `layout of ${s.appDir}`, body: layoutStepText(s), stdin: '' });
    if (s.unit) {
        const content = s.unit.ownFile ?? unitContent(s, { ...s.unit, execStart: s.unit.execStart ?? '' });
        steps.push({
            title: `systemd unit ${unitPath(s.unit)}${s.unit.ownFile ? ' (your unit file)' : ''}`,
            body: unitStepText(s.unit, facts.systemctl),
            stdin: content,
        });
    }
    const sudoers = sudoersContent(s, facts.systemctl);
    if (sudoers)
        steps.push({
            title: `sudoers drop-in ${s.sudoersPath}`,
            body: sudoersStepText(s.sudoersPath),
            stdin: sudoers,
        });
    if (s.proxy) {
        const ports = s.unit?.ports.length ? s.unit.ports : [s.proxy.port];
        steps.push({
            title: `upstream file ${s.proxy.upstreamPath}`,
            body: upstreamStepText(s.proxy, s.deployUser, s.appGroup, ports),
            stdin: `${(0,upstream/* upstreamLine */.G)(s.proxy.kind, ports[0])}\n`,
        });
        steps.push({
            title: `${s.proxy.kind} site ${s.proxy.sitePath}`,
            body: siteStepText(s.proxy, facts.systemctl),
            stdin: siteContent(s.app, s.proxy),
        });
    }
    return steps;
}

// EXTERNAL MODULE: ./src/actions/init/inputs.ts
var init_inputs = __webpack_require__(1465);
// EXTERNAL MODULE: ./src/ssh/target.ts
var target = __webpack_require__(4889);
;// CONCATENATED MODULE: ./src/actions/init/plan.ts



/** Everything init will do, checked before connecting; a ConfigurationError says what to change. */
function planOf(i, repository, workspace, readFile) {
    const { app, appDir } = (0,target/* appLocation */.ry)(i, repository);
    const targets = (0,target/* sshTargets */.vF)(i);
    if (!i['deploy-key'].length)
        throw new errors/* ConfigurationError */.j1('input "deploy-key" is required: the public key (the .pub file) the deploy user logs in with');
    const ports = i['app-port'].map(Number);
    const settings = {
        app,
        appDir,
        strategy: i.strategy,
        deployUser: i['deploy-user'],
        deployKeys: i['deploy-key'],
        appUser: i['app-user'],
        appGroup: i['app-group'] || i['app-user'],
        sharedDirs: i['shared-dirs'],
        sudoersPath: i['sudoers-file'] || `/etc/sudoers.d/vps-deploy-${app}`,
        sudoCommands: i['sudo-commands'],
        backups: i.backups,
        install: i.install,
        dryRun: i['dry-run'],
    };
    if (i['deploy-user'] === 'root' || i['app-user'] === 'root')
        throw new errors/* ConfigurationError */.j1('inputs "deploy-user" and "app-user" take a user other than root');
    const unit = unitOf(i, app, ports, workspace, readFile);
    if (unit)
        settings.unit = unit;
    const proxy = proxyOf(i, app, appDir, unit?.ports[0] ?? ports[0]);
    if (proxy)
        settings.proxy = proxy;
    const sudoersName = external_node_path_.posix.basename(settings.sudoersPath);
    if (sudoersName.includes('.') || sudoersName.endsWith('~'))
        throw new errors/* ConfigurationError */.j1(`input "sudoers-file" got ${JSON.stringify(settings.sudoersPath)}: sudo skips files in sudoers.d whose ` +
            'name holds a dot or ends with ~, so it would never apply; name it like /etc/sudoers.d/vps-deploy-shop');
    return { targets, settings };
}
function unitOf(i, app, ports, workspace, readFile) {
    if (i['exec-start'] && i['unit-file'])
        throw new errors/* ConfigurationError */.j1('inputs "exec-start" and "unit-file" exclude each other: give one');
    if (!i['exec-start'] && !i['unit-file']) {
        if (i['blue-green'])
            throw new errors/* ConfigurationError */.j1('input "blue-green" needs "exec-start" (or "unit-file"): the template unit');
        return undefined;
    }
    if (i.strategy === 'compose')
        throw new errors/* ConfigurationError */.j1('inputs "exec-start" and "unit-file" are for the release strategy: with compose, Docker runs the app');
    if (i['blue-green'] && ports.length < 2)
        throw new errors/* ConfigurationError */.j1('input "blue-green" needs two ports in "app-port" (one per slot, like 8001, 8002)');
    if (!i['blue-green'] && ports.length > 1)
        throw new errors/* ConfigurationError */.j1('input "app-port" takes one port unless "blue-green" is true');
    const unit = {
        name: i.unit || app,
        dir: i['unit-dir'],
        blueGreen: i['blue-green'],
        ports: ports.length ? ports : [8000],
    };
    if (i['exec-start'])
        unit.execStart = i['exec-start'];
    else {
        const file = (0,external_node_path_.resolve)(workspace, i['unit-file']);
        try {
            unit.ownFile = readFile(file);
        }
        catch (e) {
            throw new errors/* ConfigurationError */.j1(`input "unit-file" got ${JSON.stringify(i['unit-file'])}: cannot read ${file} (${e.message})`);
        }
    }
    return unit;
}
function proxyOf(i, app, appDir, port) {
    if (i.proxy === 'none')
        return undefined;
    const kind = i.proxy;
    if (!i['site-address'])
        throw new errors/* ConfigurationError */.j1(`input "site-address" is required with proxy: ${kind}: the address it serves, like shop.example.com`);
    const upstreamPath = i['upstream-file'] || `${appDir}/proxy/upstream.${kind === 'caddy' ? 'caddy' : 'conf'}`;
    if (!upstreamPath.startsWith(`${appDir}/`))
        throw new errors/* ConfigurationError */.j1(`input "upstream-file" got ${JSON.stringify(upstreamPath)}: takes a path under app-dir (${appDir}), ` +
            'since the deploy user rewrites it');
    const caddy = kind === 'caddy';
    return {
        kind,
        siteAddress: i['site-address'],
        sitePath: i['proxy-site'] || (caddy ? `/etc/caddy/sites/${app}.caddy` : `/etc/nginx/conf.d/${app}.conf`),
        configPath: i['proxy-config'] || (caddy ? '/etc/caddy/Caddyfile' : '/etc/nginx/nginx.conf'),
        upstreamPath,
        service: i['proxy-service'] || kind,
        port: port ?? 8000,
    };
}

// EXTERNAL MODULE: ./src/io/summary.ts
var summary = __webpack_require__(2864);
;// CONCATENATED MODULE: ./src/actions/init/report.ts




/** Outputs and the summary: one row per step and host, then what is missing and the commands deploys use. */
async function reportInit(io, s, hosts) {
    const changed = hosts.some((h) => h.steps.some((st) => st.status !== 'unchanged'));
    io.setOutput('changed', changed);
    io.setOutput('steps', JSON.stringify(hosts.flatMap((h) => h.steps.map((st) => ({ host: h.host, step: st.title, status: st.status })))));
    const missing = [...new Set(hosts.flatMap((h) => missingPackages(h.prerequisites)))];
    io.setOutput('missing', missing.join(' '));
    const commands = hosts[0] ? deployCommands(s, hosts[0].systemctl) : [];
    const first = (verb) => commands.find((c) => c.verb === verb)?.command;
    for (const verb of ['restart', 'start', 'stop', 'reload']) {
        const c = first(verb);
        io.setOutput(`${verb}-command`, c ? `sudo ${c}` : '');
    }
    const verdict = s.dryRun
        ? changed
            ? 'dry run: these changes would be made'
            : 'dry run: the server is already set up, nothing would change'
        : changed
            ? 'set up'
            : 'already set up: nothing changed';
    if (!changed)
        io.info(verdict);
    const rows = hosts.flatMap((h) => h.steps.map((st) => [h.host, st.title, s.dryRun ? wouldBe(st.status) : st.status]));
    const lines = [
        `### ${s.app} on ${hosts.map((h) => h.host).join(', ')}: ${verdict}`,
        '',
        (0,summary/* table */.tp)(['host', 'step', 'status'], rows),
        '',
        missing.length
            ? `Missing for deploys and backups: ${hosts
                .flatMap((h) => h.prerequisites.filter((p) => !p.present).map((p) => `${p.name} (${p.why})`))
                .join(', ')}. Install with \`${aptLine(missing)}\`.`
            : 'Every prerequisite is present.',
        '',
        ...(commands.length
            ? [
                `Deploys may run (as ${s.deployUser}): ${commands.map((c) => `\`sudo ${c.command}\``).join(', ')}.`,
                '',
            ]
            : []),
    ];
    await io.summary(lines.join('\n'));
}

;// CONCATENATED MODULE: ./src/actions/init/run.ts










/**
 * actions/init: inputs -> plan (printed before anything connects) -> per host: root access, prerequisites,
 * then each step (check, change only what differs, report) -> outputs. A dry run stops after the checks.
 */
async function runInit(io) {
    (0,secrets/* maskSecretInputs */.q)(io);
    const inputs = (0,init_inputs.readInitInputs)((n) => io.input(n));
    const plan = planOf(inputs, io.run.repository, io.run.workspace, (p) => (0,external_node_fs_.readFileSync)(p, 'utf8'));
    const s = plan.settings;
    io.info(`Plan${s.dryRun ? ' (dry run: nothing will change)' : ''} for ${s.app} in ${s.appDir}:`);
    planTitles(s).forEach((t, n) => io.info(`  ${n + 1}. ${t}`));
    const hosts = [];
    for (const target of plan.targets) {
        hosts.push(await io.group(`${s.dryRun ? 'Check' : 'Set up'} ${target.host}`, () => (0,connection.withConnection)(target, io, (c) => initHost(c, s, io))));
    }
    await reportInit(io, s, hosts);
}
async function initHost(shell, s, io) {
    const asRoot = await rootAccess(shell);
    const prereqs = prerequisitesOf(s);
    const probe = await probeServer(shell, asRoot, probeText(prereqs));
    const states = parseProbe(prereqs, probe.stdout);
    reportPrerequisites(io, shell.host, states);
    const missing = missingPackages(states);
    const blocking = states.filter((p) => !p.present && p.forInit);
    if (blocking.length && !s.install) {
        throw new errors/* ConfigurationError */.j1(`${shell.host} lacks what init needs: ${blocking.map((p) => `${p.name} (${p.why})`).join(', ')}. ` +
            `Install it (${aptLine(missingPackages(blocking))}) or run init with install: true`);
    }
    const systemctl = probe.systemctl || '/usr/bin/systemctl';
    const steps = stepsOf(s, { systemctl, install: s.install ? missing : [] });
    const reports = [];
    for (const step of steps) {
        io.info(`${step.title}`);
        reports.push(await runStep(shell, asRoot, step, s.dryRun, io));
    }
    return { host: shell.host, systemctl, prerequisites: states, steps: reports };
}
function reportPrerequisites(io, host, states) {
    for (const p of states)
        io.info(`  ${p.present ? 'present' : 'MISSING'} ${p.name} (${p.why})`);
    const missing = missingPackages(states);
    if (missing.length)
        io.warning(`${host} misses ${states
            .filter((p) => !p.present)
            .map((p) => p.name)
            .join(', ')}: ${aptLine(missing)}`);
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

/***/ 2927:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   $: () => (/* binding */ upstreamPort),
/* harmony export */   G: () => (/* binding */ upstreamLine)
/* harmony export */ });
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


/***/ }),

/***/ 5748:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   Ex: () => (/* binding */ checkHostKey),
/* harmony export */   Ty: () => (/* binding */ hostKeyAlgorithmsFor),
/* harmony export */   Zv: () => (/* binding */ isFingerprint),
/* harmony export */   jU: () => (/* binding */ hostTrustFrom)
/* harmony export */ });
/* unused harmony exports fingerprintOf, keyTypeOf, knownHostsName, knownHostsLine, parseKnownHosts, hostMatches */
/* harmony import */ var node_crypto__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(7598);
/* harmony import */ var node_crypto__WEBPACK_IMPORTED_MODULE_0___default = /*#__PURE__*/__webpack_require__.n(node_crypto__WEBPACK_IMPORTED_MODULE_0__);
/* harmony import */ var _io_errors_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(7333);


/** `SHA256:<base64 without padding>`, as `ssh-keygen -lf` prints it. */
function fingerprintOf(keyBlob) {
    return `SHA256:${(0,node_crypto__WEBPACK_IMPORTED_MODULE_0__.createHash)('sha256').update(keyBlob).digest('base64').replace(/=+$/, '')}`;
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
        const digest = (0,node_crypto__WEBPACK_IMPORTED_MODULE_0__.createHmac)('sha1', Buffer.from(salt, 'base64')).update(lowered).digest('base64');
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
            throw new _io_errors_js__WEBPACK_IMPORTED_MODULE_1__/* .ConfigurationError */ .j1(`input "host-fingerprint" got ${JSON.stringify(i.hostFingerprint)}: takes SHA256:<43 base64 characters>, as printed by ssh-keygen -lf`);
        }
        return { kind: 'fingerprint', fingerprint: i.hostFingerprint };
    }
    return i.insecure ? { kind: 'insecure' } : { kind: 'none' };
}


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

/***/ 4889:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   O0: () => (/* binding */ sshInputSpec),
/* harmony export */   eZ: () => (/* binding */ remoteInputSpec),
/* harmony export */   ry: () => (/* binding */ appLocation),
/* harmony export */   vF: () => (/* binding */ sshTargets)
/* harmony export */ });
/* unused harmony exports appInputSpec, isHostName */
/* harmony import */ var _io_inputs_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(6332);
/* harmony import */ var _io_errors_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(7333);
/* harmony import */ var _host_key_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(5748);



/** How to reach the server (docs/contract.md, "Inputs shared by every remote action"). */
const sshInputSpec = {
    host: (0,_io_inputs_js__WEBPACK_IMPORTED_MODULE_0__/* .list */ .p_)({
        test: isHostName,
        takes: 'a host name or IP address (several: one per line or comma-separated)',
    }),
    port: (0,_io_inputs_js__WEBPACK_IMPORTED_MODULE_0__/* .integer */ .nd)(22, 1, 65535),
    username: (0,_io_inputs_js__WEBPACK_IMPORTED_MODULE_0__/* .matching */ .wC)(/^[A-Za-z0-9._][A-Za-z0-9._-]{0,63}$/, 'a user name like deploy'),
    key: (0,_io_inputs_js__WEBPACK_IMPORTED_MODULE_0__/* .text */ .Qq)(),
    passphrase: (0,_io_inputs_js__WEBPACK_IMPORTED_MODULE_0__/* .text */ .Qq)(),
    password: (0,_io_inputs_js__WEBPACK_IMPORTED_MODULE_0__/* .text */ .Qq)(),
    'known-hosts': (0,_io_inputs_js__WEBPACK_IMPORTED_MODULE_0__/* .text */ .Qq)(),
    'host-fingerprint': (0,_io_inputs_js__WEBPACK_IMPORTED_MODULE_0__/* .refined */ .S)((0,_io_inputs_js__WEBPACK_IMPORTED_MODULE_0__/* .text */ .Qq)(), (v) => v === '' || (0,_host_key_js__WEBPACK_IMPORTED_MODULE_2__/* .isFingerprint */ .Zv)(v), 'takes SHA256:<43 base64 characters>, as printed by `ssh-keygen -lf`'),
    'insecure-ignore-host-key': (0,_io_inputs_js__WEBPACK_IMPORTED_MODULE_0__/* .bool */ .lc)(false),
    'jump-host': (0,_io_inputs_js__WEBPACK_IMPORTED_MODULE_0__/* .matching */ .wC)(/^(?:[A-Za-z0-9._-]+@)?[A-Za-z0-9.:[\]_-]+(?::\d{1,5})?$/, 'user@host:port (user and port optional)'),
    'jump-key': (0,_io_inputs_js__WEBPACK_IMPORTED_MODULE_0__/* .text */ .Qq)(),
    'jump-passphrase': (0,_io_inputs_js__WEBPACK_IMPORTED_MODULE_0__/* .text */ .Qq)(),
    'connect-timeout': (0,_io_inputs_js__WEBPACK_IMPORTED_MODULE_0__/* .duration */ .p0)(20, { max: 600 }),
    'connect-retries': (0,_io_inputs_js__WEBPACK_IMPORTED_MODULE_0__/* .integer */ .nd)(3, 1, 20),
};
/** Which app on the server: every remote action but healthcheck. */
const appInputSpec = {
    app: (0,_io_inputs_js__WEBPACK_IMPORTED_MODULE_0__/* .matching */ .wC)(/^[A-Za-z0-9][A-Za-z0-9_-]{0,63}$/, 'an app slug of letters, digits, - and _'),
    'app-dir': (0,_io_inputs_js__WEBPACK_IMPORTED_MODULE_0__/* .matching */ .wC)(/^\/[^\0]*$/, 'an absolute path like /srv/myapp'),
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
        throw new _io_errors_js__WEBPACK_IMPORTED_MODULE_1__/* .ConfigurationError */ .j1('input "app" is required outside a GitHub repository: takes an app slug');
    return { app, appDir: (i['app-dir'] || `/srv/${app}`).replace(/(.)\/+$/, '$1') };
}
/**
 * One SshTarget per host in `host`, validating the credential combination before anything connects. With no
 * `key` and no `password`, an ssh-agent (`SSH_AUTH_SOCK`: one the workflow started, or the terminal's) logs in.
 */
function sshTargets(i, agentSocket = process.env.SSH_AUTH_SOCK ?? '') {
    if (!i.host.length)
        throw new _io_errors_js__WEBPACK_IMPORTED_MODULE_1__/* .ConfigurationError */ .j1('input "host" is required: takes a host name or IP address');
    if (!i.username)
        throw new _io_errors_js__WEBPACK_IMPORTED_MODULE_1__/* .ConfigurationError */ .j1('input "username" is required: takes the SSH user, like deploy');
    const agent = !i.key && !i.password ? agentSocket : '';
    if (!i.key && !i.password && !agent) {
        throw new _io_errors_js__WEBPACK_IMPORTED_MODULE_1__/* .ConfigurationError */ .j1('input "key" or "password" is required: give a private key (from a secret) or a password, ' +
            'or start an ssh-agent (SSH_AUTH_SOCK) holding the key');
    }
    if (i.passphrase && !i.key)
        throw new _io_errors_js__WEBPACK_IMPORTED_MODULE_1__/* .ConfigurationError */ .j1('input "passphrase" was given without "key"');
    if (i['jump-passphrase'] && !i['jump-key'])
        throw new _io_errors_js__WEBPACK_IMPORTED_MODULE_1__/* .ConfigurationError */ .j1('input "jump-passphrase" was given without "jump-key"');
    const jump = i['jump-host'] ? parseJump(i['jump-host'], i.username, jumpLogin(i), agent) : undefined;
    return i.host.map((host) => ({
        host: host.replace(/^\[(.*)\]$/, '$1'),
        port: i.port,
        username: i.username,
        ...(i.key ? { privateKey: normaliseKey(i.key) } : {}),
        ...(i.passphrase ? { passphrase: i.passphrase } : {}),
        ...(i.password ? { password: i.password } : {}),
        ...(agent ? { agent } : {}),
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
function parseJump(spec, defaultUser, login, agent) {
    const m = /^(?:([^@]+)@)?(\[[^\]]+\]|[^:]+)(?::(\d+))?$/.exec(spec);
    if (!m)
        throw new _io_errors_js__WEBPACK_IMPORTED_MODULE_1__/* .ConfigurationError */ .j1(`input "jump-host" got ${JSON.stringify(spec)}: takes user@host:port`);
    return {
        host: m[2].replace(/^\[(.*)\]$/, '$1'),
        port: m[3] ? Number(m[3]) : 22,
        username: m[1] ?? defaultUser,
        ...(login.key ? { privateKey: normaliseKey(login.key) } : {}),
        ...(login.passphrase ? { passphrase: login.passphrase } : {}),
        ...(!login.key && agent ? { agent } : {}),
        keyInput: login.keyInput,
        passphraseInput: login.passphraseInput,
    };
}
/** Secrets pasted into GitHub often lose their final newline or gain \r: OpenSSH keys need neither fixed by hand. */
function normaliseKey(key) {
    return key.replace(/\r\n/g, '\n').trim() + '\n';
}


/***/ })

};
