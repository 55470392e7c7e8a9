export const id = 323;
export const ids = [323,197];
export const modules = {

/***/ 1197:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

__webpack_require__.r(__webpack_exports__);
/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   CONFIRM_WORD: () => (/* binding */ CONFIRM_WORD),
/* harmony export */   backupInputSpec: () => (/* binding */ backupInputSpec),
/* harmony export */   readBackupInputs: () => (/* binding */ readBackupInputs)
/* harmony export */ });
/* harmony import */ var zod__WEBPACK_IMPORTED_MODULE_4__ = __webpack_require__(0);
/* harmony import */ var zod__WEBPACK_IMPORTED_MODULE_5__ = __webpack_require__(8532);
/* harmony import */ var _io_configured_io_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(4847);
/* harmony import */ var _io_inputs_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(6332);
/* harmony import */ var _ssh_target_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(4889);
/* harmony import */ var _backup_postgres_url_js__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(4775);





const CONFIRM_WORD = 'i-know-this-will-overwrite';
/** A postgres line: a URL (its password is never shown back, even in an error) or `compose:<service>`. */
function postgresLines() {
    return zod__WEBPACK_IMPORTED_MODULE_4__/* .string */ .YjP().transform((v, ctx) => {
        const items = (0,_io_inputs_js__WEBPACK_IMPORTED_MODULE_1__/* .splitLines */ .uz)(v);
        const bad = items.findIndex((i) => !(0,_backup_postgres_url_js__WEBPACK_IMPORTED_MODULE_3__/* .isPostgresUrl */ .pT)(i) && !/^compose:[A-Za-z0-9][A-Za-z0-9_.-]*$/.test(i));
        if (bad >= 0) {
            ctx.addIssue({
                code: 'custom',
                message: `line ${bad + 1} is not a postgres:// or postgresql:// URL or compose:<service>`,
            });
            return zod__WEBPACK_IMPORTED_MODULE_5__/* .NEVER */ .tm;
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
const keep = (fallback) => (0,_io_inputs_js__WEBPACK_IMPORTED_MODULE_1__/* .integer */ .nd)(fallback, 0, 100_000);
/** actions/backup inputs (actions/backup/README.md) plus the shared remote inputs. */
const backupInputSpec = {
    sqlite: (0,_io_inputs_js__WEBPACK_IMPORTED_MODULE_1__/* .list */ .p_)({ test: (p) => !p.includes('\0'), takes: 'a database path on the server' }, { lines: true }),
    postgres: postgresLines(),
    volumes: (0,_io_inputs_js__WEBPACK_IMPORTED_MODULE_1__/* .list */ .p_)({ test: (v) => /^[A-Za-z0-9][A-Za-z0-9_.-]*$/.test(v), takes: 'a Docker volume name' }),
    files: (0,_io_inputs_js__WEBPACK_IMPORTED_MODULE_1__/* .list */ .p_)({
        test: isRelativePath,
        takes: 'a path relative to app-dir without `.`, `..` or `//` segments (name the files and directories, not `.`)',
    }, { lines: true }),
    'helper-image': (0,_io_inputs_js__WEBPACK_IMPORTED_MODULE_1__/* .matching */ .wC)(/^[A-Za-z0-9][A-Za-z0-9._/:@-]*$/, 'an image reference like busybox:stable', {
        fallback: 'busybox:stable',
    }),
    'backup-dir': (0,_io_inputs_js__WEBPACK_IMPORTED_MODULE_1__/* .matching */ .wC)(/^\/[^\0]*$/, 'an absolute path like /srv/myapp/backups'),
    'keep-last': keep(3),
    'keep-daily': keep(7),
    'keep-weekly': keep(4),
    'keep-monthly': keep(12),
    verify: (0,_io_inputs_js__WEBPACK_IMPORTED_MODULE_1__/* .bool */ .lc)(true),
    download: (0,_io_inputs_js__WEBPACK_IMPORTED_MODULE_1__/* .text */ .Qq)(),
    mode: (0,_io_inputs_js__WEBPACK_IMPORTED_MODULE_1__/* .oneOf */ .yL)(['backup', 'list', 'restore'], 'backup'),
    'restore-from': (0,_io_inputs_js__WEBPACK_IMPORTED_MODULE_1__/* .matching */ .wC)(/^[^/\0\s]+$/, 'a backup file name as `mode: list` shows it'),
    confirm: (0,_io_inputs_js__WEBPACK_IMPORTED_MODULE_1__/* .text */ .Qq)(),
    'stop-command': (0,_io_inputs_js__WEBPACK_IMPORTED_MODULE_1__/* .text */ .Qq)(),
    'start-command': (0,_io_inputs_js__WEBPACK_IMPORTED_MODULE_1__/* .text */ .Qq)(),
    'health-url': (0,_io_inputs_js__WEBPACK_IMPORTED_MODULE_1__/* .httpUrl */ .q3)(),
    'health-timeout': (0,_io_inputs_js__WEBPACK_IMPORTED_MODULE_1__/* .duration */ .p0)(60, { max: 3600 }),
    'health-interval': (0,_io_inputs_js__WEBPACK_IMPORTED_MODULE_1__/* .duration */ .p0)(1, { max: 600 }),
    'health-successes': (0,_io_inputs_js__WEBPACK_IMPORTED_MODULE_1__/* .integer */ .nd)(2, 1, 100),
    'allow-degraded': (0,_io_inputs_js__WEBPACK_IMPORTED_MODULE_1__/* .bool */ .lc)(true),
    'lock-timeout': (0,_io_inputs_js__WEBPACK_IMPORTED_MODULE_1__/* .duration */ .p0)(300, { allowZero: true, max: 86_400 }),
    ..._ssh_target_js__WEBPACK_IMPORTED_MODULE_2__/* .remoteInputSpec */ .eZ,
    ..._io_configured_io_js__WEBPACK_IMPORTED_MODULE_0__/* .configInputSpec */ .kW,
    ..._io_configured_io_js__WEBPACK_IMPORTED_MODULE_0__/* .environmentInputSpec */ .Vc,
};
function readBackupInputs(raw) {
    return (0,_io_inputs_js__WEBPACK_IMPORTED_MODULE_1__/* .readInputs */ .Ko)(backupInputSpec, raw, { shown: { postgres: _backup_postgres_url_js__WEBPACK_IMPORTED_MODULE_3__/* .redactUrlPasswords */ .BM } });
}


/***/ }),

/***/ 1323:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

// ESM COMPAT FLAG
__webpack_require__.r(__webpack_exports__);

// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  runBackup: () => (/* binding */ runBackup)
});

// EXTERNAL MODULE: ./src/io/errors.ts
var errors = __webpack_require__(7333);
// EXTERNAL MODULE: ./src/io/secrets.ts
var secrets = __webpack_require__(3965);
// EXTERNAL MODULE: ./src/ssh/connection.ts + 6 modules
var connection = __webpack_require__(3440);
// EXTERNAL MODULE: ./src/actions/backup/inputs.ts
var backup_inputs = __webpack_require__(1197);
// EXTERNAL MODULE: ./src/backup/postgres-url.ts
var postgres_url = __webpack_require__(4775);
// EXTERNAL MODULE: ./src/io/inputs.ts + 1 modules
var inputs = __webpack_require__(6332);
// EXTERNAL MODULE: external "node:crypto"
var external_node_crypto_ = __webpack_require__(7598);
// EXTERNAL MODULE: external "node:fs"
var external_node_fs_ = __webpack_require__(3024);
// EXTERNAL MODULE: external "node:fs/promises"
var promises_ = __webpack_require__(1455);
// EXTERNAL MODULE: external "node:path"
var external_node_path_ = __webpack_require__(6760);
// EXTERNAL MODULE: external "node:stream"
var external_node_stream_ = __webpack_require__(7075);
// EXTERNAL MODULE: external "node:stream/promises"
var external_node_stream_promises_ = __webpack_require__(6466);
// EXTERNAL MODULE: ./src/ssh/quote.ts
var quote = __webpack_require__(9038);
;// CONCATENATED MODULE: ./src/backup/download.ts









/**
 * Streams one backup from the server into a runner directory and checks it against its sha256 on the way:
 * the SSH channel's flow control and the pipeline's backpressure keep memory flat whatever the file's size.
 * The file appears under its name only once its checksum matched; a `.sha256` is written beside it.
 */
async function downloadBackup(conn, remotePath, localDir, expectedSha256) {
    await (0,promises_.mkdir)(localDir, { recursive: true });
    const name = remotePath.slice(remotePath.lastIndexOf('/') + 1);
    const final = (0,external_node_path_.join)(localDir, name);
    const partial = `${final}.partial`;
    const hash = (0,external_node_crypto_.createHash)('sha256');
    let bytes = 0;
    const progress = conn.progress?.(`download of ${name}`);
    const counter = new external_node_stream_.Transform({
        transform(chunk, _enc, done) {
            hash.update(chunk);
            bytes += chunk.length;
            progress?.add(chunk.length);
            done(null, chunk);
        },
    });
    const channel = await conn.channel((0,quote.sh) `cat -- ${remotePath}`);
    let stderr = '';
    channel.stderr.on('data', (d) => (stderr = (stderr + d.toString()).slice(-2000)));
    try {
        await (0,external_node_stream_promises_.pipeline)(channel, counter, (0,external_node_fs_.createWriteStream)(partial, { mode: 0o600 }));
        const { code } = await channel.exitStatus;
        if (code !== 0)
            throw new errors/* RemoteError */.Hi(`reading ${remotePath} failed (exit ${code ?? 'unknown'}): ${stderr.trim()}`);
        const sha256 = hash.digest('hex');
        if (sha256 !== expectedSha256) {
            throw new errors/* RemoteError */.Hi(`download of ${name} does not match its sha256 (got ${sha256}, expected ${expectedSha256})`);
        }
        await (0,promises_.writeFile)(`${final}.sha256`, `${sha256}  ${name}\n`);
        await (0,promises_.rename)(partial, final);
        progress?.done();
        return { path: final, bytes };
    }
    catch (e) {
        progress?.done();
        await (0,promises_.rm)(partial, { force: true });
        throw e instanceof errors/* RemoteError */.Hi ? e : new errors/* RemoteError */.Hi(`download of ${name} failed: ${(0,errors/* errText */.V7)(e)}`);
    }
}

;// CONCATENATED MODULE: ./src/backup/naming.ts
/**
 * Backup file names on the server: `<app>_<source>_<UTC yyyymmddThhmmssZ>.<ext>` (docs/server-layout.md, "Backups"),
 * with `<name>.sha256` (sha256sum format) and `<name>.json` (what was backed up, for list and restore) beside.
 * A source slug never holds `_`, so a name splits back into app, source and time without ambiguity.
 */

const STAMP = /^(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})Z$/;
/** `2025-01-14T02:30:00.123Z` -> `20250114T023000Z` (seconds precision, UTC). */
function stampOf(time) {
    return time
        .toISOString()
        .replace(/\.\d{3}Z$/, 'Z')
        .replace(/[-:]/g, '');
}
function parseStamp(stamp) {
    const m = STAMP.exec(stamp);
    if (!m)
        return undefined;
    const [y, mo, d, h, mi, s] = m.slice(1).map(Number);
    const t = new Date(Date.UTC(y, mo - 1, d, h, mi, s));
    // Date.UTC rolls 20250231 over into March: such a stamp is not one we wrote.
    return stampOf(t) === stamp ? t : undefined;
}
const MAX_SLUG = 64;
/** A source slug: letters, digits and `-` only (no `_`, the separator), at most 64 characters. */
function slugify(s) {
    return trimTo(plainSlug(s), MAX_SLUG) || 'x';
}
/**
 * `<kind>-<slug of name>` within the 64 characters a slug may have. A longer one is cut and ends in 8 hex digits
 * of the name's sha256, so two long names that share their beginning still get two slugs (and two retentions).
 */
function sourceSlug(kind, name) {
    const whole = `${kind}-${plainSlug(name) || 'x'}`;
    if (whole.length <= MAX_SLUG)
        return whole;
    const hash = (0,external_node_crypto_.createHash)('sha256').update(name).digest('hex').slice(0, 8);
    return `${trimTo(whole, MAX_SLUG - hash.length - 1)}-${hash}`;
}
function plainSlug(s) {
    return s
        .replace(/[^A-Za-z0-9-]+/g, '-')
        .replace(/-+/g, '-')
        .replace(/^-|-$/g, '');
}
function trimTo(slug, max) {
    return slug.slice(0, max).replace(/-$/, '');
}
function isSlug(s) {
    return /^[A-Za-z0-9][A-Za-z0-9-]{0,63}$/.test(s);
}
function backupFileName(app, source, time, ext) {
    if (!isSlug(source))
        throw new Error(`not a source slug: ${source}`);
    return `${app}_${source}_${stampOf(time)}.${ext}`;
}
/** Splits a file name this tool wrote for `app`; anything else (sidecars, temp files, other apps) is undefined. */
function parseBackupFileName(app, fileName) {
    if (!fileName.startsWith(`${app}_`))
        return undefined;
    const m = /^([A-Za-z0-9][A-Za-z0-9-]{0,63})_(\d{8}T\d{6}Z)\.([A-Za-z0-9.]+)$/.exec(fileName.slice(app.length + 1));
    if (!m)
        return undefined;
    const ext = m[3];
    if (ext.endsWith('.sha256') || ext.endsWith('.json') || ext === 'sha256' || ext === 'json')
        return undefined;
    const time = parseStamp(m[2]);
    return time ? { app, source: m[1], time, ext } : undefined;
}

;// CONCATENATED MODULE: ./src/backup/source.ts




const SOURCE_KINDS = (/* unused pure expression or super */ null && (['sqlite', 'postgres', 'volume', 'files']));
/** File extension of each kind's backup. Custom-format dumps are compressed by pg_dump itself. */
const EXTENSIONS = {
    sqlite: 'sqlite.gz',
    postgres: 'dump',
    volume: 'tar.gz',
    files: 'tar.gz',
};
/** The inputs as a list of sources, each with a slug that is unique in this run. */
function sourcesOf(i, appDir) {
    const sources = [
        ...i.sqlite.map((p) => sqliteSource(external_node_path_.posix.resolve(appDir, p))),
        ...i.postgres.map(postgresSource),
        ...i.volumes.map(volumeSource),
        ...(i.files.length ? [filesSource(appDir, i.files)] : []),
    ];
    return withUniqueSlugs(sources);
}
function sqliteSource(path, slug) {
    const base = external_node_path_.posix.basename(path).replace(/\.(db|sqlite3?|sqlite)$/i, '');
    return { kind: 'sqlite', slug: slug ?? sourceSlug('sqlite', base), target: path, path };
}
function postgresSource(spec) {
    const compose = /^compose:(.+)$/.exec(spec);
    if (compose) {
        const service = compose[1];
        return { kind: 'postgres', slug: sourceSlug('postgres', service), target: spec, service };
    }
    const postgres = (0,postgres_url/* parsePostgresUrl */.qQ)(spec);
    if (!postgres)
        throw new errors/* ConfigurationError */.j1('input "postgres" holds a line that is not a postgres:// URL');
    return {
        kind: 'postgres',
        slug: sourceSlug('postgres', postgres.database),
        target: postgres.url,
        postgres,
    };
}
function volumeSource(volume) {
    return { kind: 'volume', slug: sourceSlug('volume', volume), target: volume, volume };
}
function filesSource(appDir, paths) {
    return { kind: 'files', slug: 'files', target: paths.join(', '), appDir, paths };
}
/** Two sources with one slug would share their retention: name the clash so the user can tell them apart. */
function withUniqueSlugs(sources) {
    const count = (slug, list) => list.filter((s) => s.slug === slug).length;
    const out = sources.map((s) => s.kind === 'sqlite' && count(s.slug, sources) > 1
        ? sqliteSource(s.path, sourceSlug('sqlite', s.path))
        : s);
    for (const s of out) {
        if (count(s.slug, out) > 1) {
            throw new errors/* ConfigurationError */.j1(`two sources would share the backup name "${s.slug}" (${out
                .filter((o) => o.slug === s.slug)
                .map((o) => o.target)
                .join(' and ')}): back up each only once`);
        }
    }
    return out;
}
/** The kind a slug belongs to (slugs start with their kind). */
function kindOfSlug(slug) {
    if (slug === 'files')
        return 'files';
    const k = /^(sqlite|postgres|volume)-/.exec(slug)?.[1];
    return k;
}

;// CONCATENATED MODULE: ./src/backup/inventory.ts



/**
 * Lists the app's backups in a few processes whatever their number: `wc -c` for every size, then each
 * `.sha256` and `.json` sidecar as `name:content` lines (grep -H), in sections the parser tells apart.
 */
function inventoryScript(backupDir, app) {
    return [
        (0,quote.sh) `dir=${backupDir}; app=${app}`,
        '[ -d "$dir" ] || exit 0',
        'cd "$dir" || exit 1',
        'echo "#sizes"',
        'set -- "$app"_*; [ -e "$1" ] && wc -c -- "$@"',
        'echo "#sums"',
        'set -- "$app"_*.sha256; [ -e "$1" ] && grep -H "" -- "$@"',
        'echo "#records"',
        'set -- "$app"_*.json; [ -e "$1" ] && grep -H "" -- "$@"',
        'exit 0',
    ].join('\n');
}
/** Parses inventoryScript's output into records (newest first); lines that are not ours are ignored. */
function parseInventory(output, app, backupDir) {
    const byName = new Map();
    let section = '';
    for (const line of output.split('\n')) {
        if (line.startsWith('#')) {
            section = line;
            continue;
        }
        if (section === '#sizes') {
            const m = /^\s*(\d+)\s+(.+)$/.exec(line);
            if (m && parseBackupFileName(app, m[2]))
                byName.set(m[2], { bytes: Number(m[1]) });
            continue;
        }
        // Our names hold no `:`; the first one ends the sidecar's name.
        const colon = line.indexOf(':');
        if (colon < 0)
            continue;
        const sidecar = line.slice(0, colon);
        const value = line.slice(colon + 1);
        if (section === '#sums' && sidecar.endsWith('.sha256')) {
            const entry = byName.get(sidecar.slice(0, -'.sha256'.length));
            const m = /^([0-9a-f]{64}) [ *](.+)$/.exec(value.trim());
            if (entry && m?.[1] && `${sidecar.slice(0, -'.sha256'.length)}` === m[2])
                entry.sha256 = m[1];
        }
        if (section === '#records' && sidecar.endsWith('.json')) {
            const entry = byName.get(sidecar.slice(0, -'.json'.length));
            const meta = parseMeta(value);
            if (entry && meta)
                entry.meta = meta;
        }
    }
    const records = [];
    for (const [name, e] of byName) {
        const parsed = parseBackupFileName(app, name);
        records.push({
            source: parsed.source,
            kind: e.meta?.kind ?? kindOfSlug(parsed.source) ?? 'unknown',
            target: e.meta?.target ?? '',
            name,
            path: `${backupDir}/${name}`,
            bytes: e.bytes,
            sha256: e.sha256 ?? '',
            // Only a backup with its checksum and a record saying it passed verification counts as verified.
            verified: Boolean(e.sha256 && e.meta?.verified),
            created: parsed.time.toISOString(),
            time: parsed.time,
            ...(e.meta ? { meta: e.meta } : {}),
        });
    }
    return records.sort((a, b) => b.time.getTime() - a.time.getTime() || (a.name < b.name ? 1 : -1));
}
function parseMeta(text) {
    try {
        const v = JSON.parse(text);
        if (typeof v !== 'object' || v === null || typeof v.source !== 'string' || typeof v.kind !== 'string')
            return undefined;
        return v;
    }
    catch {
        return undefined;
    }
}
async function listBackups(conn, backupDir, app) {
    const r = await conn.run(inventoryScript(backupDir, app), `listing ${backupDir}`, { log: false });
    return parseInventory(r.stdout, app, backupDir);
}

;// CONCATENATED MODULE: ./src/backup/retention.ts
/**
 * Which backups to keep: restic's `forget` semantics (grandfather-father-son). Newest first, each rule keeps
 * the newest backup of each of its next N buckets (last: every backup is its own bucket; daily: a UTC day;
 * weekly: an ISO week; monthly: a calendar month); a backup is kept when any rule keeps it. An empty policy
 * (all zero) keeps everything, and the newest verified backup is always kept whatever the policy says.
 */
const BUCKET = {
    last: (_t, name) => name,
    daily: (t) => t.toISOString().slice(0, 10),
    weekly: (t) => isoWeek(t),
    monthly: (t) => t.toISOString().slice(0, 7),
};
function isEmptyPolicy(p) {
    return p.last + p.daily + p.weekly + p.monthly === 0;
}
function decideRetention(items, policy) {
    const sorted = [...items].sort(newestFirst);
    const keep = new Map();
    const mark = (name, why) => keep.set(name, [...(keep.get(name) ?? []), why]);
    if (isEmptyPolicy(policy)) {
        for (const i of sorted)
            mark(i.name, 'no policy');
        return { keep, remove: [] };
    }
    for (const rule of ['last', 'daily', 'weekly', 'monthly']) {
        let left = policy[rule];
        let lastBucket;
        for (const i of sorted) {
            if (left <= 0)
                break;
            const bucket = BUCKET[rule](i.time, i.name);
            if (bucket === lastBucket)
                continue;
            lastBucket = bucket;
            left--;
            mark(i.name, rule);
        }
    }
    const newestVerified = sorted.find((i) => i.verified);
    if (newestVerified)
        mark(newestVerified.name, 'newest verified');
    return { keep, remove: sorted.filter((i) => !keep.has(i.name)).map((i) => i.name) };
}
function newestFirst(a, b) {
    return b.time.getTime() - a.time.getTime() || (a.name < b.name ? 1 : a.name > b.name ? -1 : 0);
}
/** ISO 8601 week of a UTC time, as `2025-W03` (the week-year may differ from the calendar year near new year). */
function isoWeek(t) {
    const d = new Date(Date.UTC(t.getUTCFullYear(), t.getUTCMonth(), t.getUTCDate()));
    const day = d.getUTCDay() || 7; // Monday 1 … Sunday 7
    d.setUTCDate(d.getUTCDate() + 4 - day); // the Thursday of this week decides its year
    const yearStart = Date.UTC(d.getUTCFullYear(), 0, 1);
    const week = Math.ceil(((d.getTime() - yearStart) / 86_400_000 + 1) / 7);
    return `${d.getUTCFullYear()}-W${String(week).padStart(2, '0')}`;
}

;// CONCATENATED MODULE: ./src/backup/prune.ts


/**
 * What retention removes for one source. `mustKeep` (this run's new backup) is kept whatever the policy says:
 * pruning never deletes what it is about to report as the newest backup.
 */
function planPrune(records, source, policy, mustKeep) {
    const mine = records.filter((r) => r.source === source);
    const decision = decideRetention(mine.map((r) => ({ name: r.name, time: r.time, verified: r.verified })), policy);
    const remove = mine.filter((r) => decision.remove.includes(r.name) && r.name !== mustKeep);
    return { source, remove, keep: mine.length - remove.length };
}
/** Deletes the planned backups with their .sha256 and .json, in batches (a long list stays under ARG_MAX). */
async function prune(conn, backupDir, plan) {
    const names = plan.remove.map((r) => r.name);
    for (let i = 0; i < names.length; i += 100) {
        const batch = names.slice(i, i + 100).flatMap((n) => [n, `${n}.sha256`, `${n}.json`]);
        await conn.run((0,quote.sh) `cd ${backupDir} && rm -f -- ${batch}`, `pruning old ${plan.source} backups`, {
            log: false,
        });
    }
    return plan.remove.map((r) => r.path);
}

;// CONCATENATED MODULE: ./src/backup/run-time.ts
/**
 * The time a run stamps its backups with: now, or one second after the newest backup already there, so two
 * runs within one second (or a clock that went back) never collide on a name and order stays by name.
 */
function runTimeAfter(records, now) {
    const seconds = Math.floor(now.getTime() / 1000) * 1000;
    // A stamp far in the future (a clock once wrong) must not drag every later name with it.
    const newest = records.reduce((t, r) => (r.time.getTime() < seconds + 3_600_000 ? Math.max(t, r.time.getTime()) : t), 0);
    return new Date(Math.max(seconds, newest + 1000));
}

// EXTERNAL MODULE: ./src/ssh/compose-cli.ts
var compose_cli = __webpack_require__(6309);
;// CONCATENATED MODULE: ./src/backup/remote-script.ts


/**
 * Shell text shared by every script the backup action runs on the server (POSIX sh: no bash needed). Values
 * are quoted by src/ssh/quote.ts; the fixed text here is ours.
 */
/** `fail "why"` ends the script with the reason on stderr, tagged so the runner can show it. */
const PRELUDE = [
    'set -u',
    'fail() { echo "vps-deploy: $*" >&2; exit 1; }',
    // `a | b` with pipefail semantics (POSIX sh has no pipefail): the left side's status goes through a file.
    'piped() { _rc=$(mktemp) || fail "mktemp failed"; { eval "$1"; echo $? >"$_rc"; } | eval "$2"; ' +
        '_r=$?; _l=$(cat "$_rc"); rm -f "$_rc"; [ "$_r" = 0 ] && [ "$_l" = 0 ]; }',
    // The SQLite shell, or Python's sqlite3 module where the sqlite3 CLI is not installed.
    'sq() { if command -v sqlite3 >/dev/null 2>&1; then sqlite3 -bail -cmd ".timeout 60000" "$1" "$2"; ' +
        'elif command -v python3 >/dev/null 2>&1; then python3 -c "$SQ_PY" "$1" "$2"; ' +
        'else fail "neither sqlite3 nor python3 is installed on the server (apt-get install sqlite3)"; fi; }',
    `SQ_PY=${(0,quote.sh) `${[
        'import sqlite3, sys',
        'c = sqlite3.connect(sys.argv[1], timeout=60, isolation_level=None)',
        'for row in c.execute(sys.argv[2]): print("|".join(str(x) for x in row))',
    ].join('\n')}`}`,
    // Docker Compose v2 when the server has it, v1 otherwise: the same test and words as the compose strategy.
    `dc() { ${(0,compose_cli/* byComposeVersion */.qI)({
        v2: (0,quote.sh) `${compose_cli/* COMPOSE_V2 */.g1} "$@"`,
        v1: (0,quote.sh) `${compose_cli/* COMPOSE_V1 */.nJ} "$@"`,
        none: (0,quote.sh) `fail ${compose_cli/* NO_COMPOSE */.dy}`,
    })}; }`,
].join('\n');
/** The line a successful backup script prints last: sha256 and size of the file under its final name. */
const DONE_MARK = 'vps-deploy-backup-done';
/**
 * Writes a backup under a temp name, verifies it, writes its .sha256 and .json, and renames it into place
 * last: a failure at any step (a full disk included) removes everything this run wrote, so no partial file
 * is ever left under a final name.
 */
function atomicBackupScript(b) {
    return [
        'umask 077',
        PRELUDE,
        (0,quote.sh) `dir=${b.dir}; name=${b.name}; tmp=${b.tmp}`,
        'cleanup() { rm -f "$tmp" "$tmp".*; [ -e "$dir/$name" ] || rm -f "$dir/$name.sha256" "$dir/$name.json"; }',
        "trap cleanup EXIT; trap 'exit 129' HUP; trap 'exit 130' INT; trap 'exit 143' TERM",
        'mkdir -p "$dir" || fail "cannot create the backup directory $dir"',
        '[ ! -e "$dir/$name" ] || fail "$dir/$name already exists"',
        // Temp files a killed run left behind (older than a day: a run still going is never that old).
        'find "$dir" -maxdepth 1 -name ".*.partial-*" -mtime +0 -exec rm -f {} + 2>/dev/null',
        b.produce,
        '[ -s "$tmp" ] || fail "the backup is empty: an empty file is never a backup"',
        b.verify ?? ':',
        'sum=$(sha256sum "$tmp") || fail "sha256sum failed"; sum=${sum%% *}',
        `printf '%s  %s\\n' "$sum" "$name" >"$tmp.sha256" || fail "cannot write the checksum (disk full?)"`,
        (0,quote.sh) `printf '%s\n' ${b.meta} >"$tmp.json" || fail "cannot write the backup record (disk full?)"`,
        'sync "$tmp" "$tmp.sha256" "$tmp.json" 2>/dev/null',
        'mv -f "$tmp.sha256" "$dir/$name.sha256" && mv -f "$tmp.json" "$dir/$name.json" && mv -f "$tmp" "$dir/$name" ' +
            '|| fail "cannot rename the finished backup into place"',
        'bytes=$(wc -c <"$dir/$name") || fail "cannot read the size of $dir/$name"',
        `echo "${DONE_MARK} $sum $bytes"`,
    ].join('\n');
}
/** Parses the DONE_MARK line of a backup script's output. */
function parseDone(stdout) {
    const m = new RegExp(`^${DONE_MARK} ([0-9a-f]{64}) +(\\d+)\\s*$`, 'm').exec(stdout);
    return m ? { sha256: m[1], bytes: Number(m[2]) } : undefined;
}
/** An SQL string literal. */
function sqlString(s) {
    return `'${s.replace(/'/g, "''")}'`;
}
/** `piped 'left' 'right'`: both sides are our shell text, quoted once more to pass as eval arguments. */
function piped(left, right) {
    return (0,quote.sh) `piped ${left} ${right}`;
}
/** Compression for archives and SQLite copies: level 1 is several times faster than gzip's default for a
 * few percent more bytes, and every server has gzip (zstd often is not installed). */
const COMPRESS = 'gzip -1 -c';
/** The start of every restore script: the backup file to read is "$src". */
function restorePrelude(backupPath) {
    return [
        'umask 077',
        PRELUDE,
        (0,quote.sh) `src=${backupPath}`,
        '[ -s "$src" ] || fail "$src does not exist or is empty"',
    ].join('\n');
}

;// CONCATENATED MODULE: ./src/backup/sources/sqlite.ts


/**
 * SQLite: a consistent copy while the app keeps writing. `VACUUM INTO` reads one snapshot in one read
 * transaction (through the WAL) and, unlike the backup API's step loop, never restarts when a writer commits;
 * a plain file copy would miss the WAL or catch a page mid-write. The copy is checked with
 * `PRAGMA integrity_check` while it is being compressed.
 */
function sqliteBackup(path, tmp, verify) {
    const copy = `${tmp}.db`;
    return {
        produce: [
            (0,quote.sh) `[ -f ${path} ] || fail ${`no SQLite database at ${path}`}`,
            (0,quote.sh) `sq ${path} ${`VACUUM INTO ${sqlString(copy)}`} >/dev/null || fail ${`VACUUM INTO (the consistent copy of ${path}) failed`}`,
            (0,quote.sh) `${(0,quote/* raw */.lS)(COMPRESS)} ${copy} >"$tmp" & gz=$!`,
            verify
                ? (0,quote.sh) `check=$(sq ${copy} 'PRAGMA integrity_check' 2>&1); if [ "$check" != ok ]; then kill $gz 2>/dev/null; wait $gz; fail "PRAGMA integrity_check of the copy says: $check"; fi`
                : ':',
            'wait $gz || fail "compressing the copy failed (disk full?)"',
            (0,quote.sh) `rm -f ${copy}`,
        ].join('\n'),
        verify: 'gzip -t "$tmp" || fail "the compressed copy does not read back"',
    };
}
/** Replaces the database file atomically with the backup (unpacked and checked beside it first). */
function sqliteRestore(path, suffix) {
    const fresh = `${path}.restore-${suffix}`;
    return [
        (0,quote.sh) `tgt=${path}; new=${fresh}`,
        `trap 'rm -f "$new"' EXIT`,
        'mkdir -p "$(dirname "$tgt")" || fail "cannot create the directory of $tgt"',
        'gzip -dc "$src" >"$new" || fail "cannot unpack $src beside $tgt (disk full?)"',
        'check=$(sq "$new" "PRAGMA integrity_check" 2>&1); [ "$check" = ok ] || fail "PRAGMA integrity_check of the restored copy says: $check"',
        // Not root, the restore cannot give the file back to the app user. In the replaced file's group (a setgid
        // shared dir, as init makes it) the group gets what the owner had, so the app still writes its database.
        'if [ -e "$tgt" ]; then chmod "$(stat -c %a "$tgt")" "$new" || fail "cannot copy the mode of $tgt"; ' +
            'chown "$(stat -c %u:%g "$tgt")" "$new" 2>/dev/null || ' +
            '{ [ "$(stat -c %g "$new")" = "$(stat -c %g "$tgt")" ] && chmod g=u "$new"; } || ' +
            'echo "vps-deploy: warning: could not give the restored file the owner of $tgt" >&2; fi',
        // The WAL and shm of the old file would be replayed into the new one: the safety backup already holds them.
        'rm -f "$tgt-wal" "$tgt-shm" "$tgt-journal"',
        'mv -f "$new" "$tgt" || fail "cannot move the restored database into place"',
        'echo "restored $tgt"',
    ].join('\n');
}

;// CONCATENATED MODULE: ./src/backup/sources/postgres.ts

/**
 * PostgreSQL: custom-format dumps (compressed, restorable table by table), written straight to the backup's
 * temp file by pg_dump, so its exit status is the dump's. Verified by a full read (`pg_restore -f /dev/null`):
 * `--list` reads only the table of contents and passes a truncated dump. The password never appears on a
 * command line: it arrives on stdin and is exported as PGPASSWORD for pg_dump/pg_restore alone.
 */
const PASSWORD_FROM_STDIN = 'IFS= read -r PGPASSWORD || [ -n "${PGPASSWORD:-}" ] || fail "no password on stdin"; export PGPASSWORD';
/**
 * The client key's passphrase (`sslpassword`) has no libpq environment variable: it reaches libpq through a
 * service file of this run's own (mode 600 under umask 077), which fills in what the URL leaves unset.
 */
const SSL_PASSWORD_FROM_STDIN = (svc) => [
    svc,
    'IFS= read -r sslpw || [ -n "${sslpw:-}" ] || fail "no sslpassword on stdin"',
    `printf '[vps-deploy]\\nsslpassword=%s\\n' "$sslpw" >"$svc" || fail "cannot write the libpq service file"`,
    'unset sslpw; PGSERVICEFILE=$svc; PGSERVICE=vps-deploy; export PGSERVICEFILE PGSERVICE',
].join('\n');
/** What a postgres URL script reads on stdin, one line each: the password, then the client key's passphrase. */
function postgresStdin(pg) {
    const lines = [pg.password, pg.sslPassword].filter((l) => l !== undefined);
    return lines.length ? lines.map((l) => `${l}\n`).join('') : undefined;
}
function secretsFromStdin(pg, svc) {
    return [
        ...(pg.password ? [PASSWORD_FROM_STDIN] : []),
        ...(pg.sslPassword ? [SSL_PASSWORD_FROM_STDIN(svc)] : []),
    ];
}
const NEEDS = (tool) => (0,quote.sh) `command -v ${tool} >/dev/null 2>&1 || fail ${`${tool} is not installed on the server (apt-get install postgresql-client)`}`;
// Inside the container: the official image's variables name the user and database.
const IN_CONTAINER_USER = '-U "${POSTGRES_USER:-postgres}"';
const IN_CONTAINER_DB = '"${POSTGRES_DB:-${POSTGRES_USER:-postgres}}"';
const RESTORE_FLAGS = '--clean --if-exists --exit-on-error --single-transaction --no-password';
function postgresUrlBackup(pg) {
    return {
        produce: [
            NEEDS('pg_dump'),
            // "$tmp".* is removed by the backup script's cleanup, whatever happens.
            ...secretsFromStdin(pg, 'svc="$tmp.pgservice"'),
            (0,quote.sh) `pg_dump --format=custom --no-password --dbname=${pg.url} >"$tmp" || fail ${`pg_dump of ${pg.url} failed`}`,
        ].join('\n'),
        verify: [NEEDS('pg_restore'), FULL_READ].join('\n'),
    };
}
const FULL_READ = 'pg_restore --file=/dev/null "$tmp" || fail "pg_restore could not read the whole dump: it is not a backup"';
function postgresUrlRestore(pg) {
    return [
        NEEDS('pg_restore'),
        ...secretsFromStdin(pg, `svc=$(mktemp) || fail "mktemp failed"; trap 'rm -f "$svc"' EXIT`),
        (0,quote.sh) `pg_restore ${(0,quote/* raw */.lS)(RESTORE_FLAGS)} --dbname=${pg.url} "$src" || fail ${`pg_restore into ${pg.url} failed; in one transaction, so the database is as it was`}`,
        (0,quote.sh) `echo ${`restored ${pg.url}`}`,
    ].join('\n');
}
/** The running container of a compose service in app-dir, as "$cid". */
function containerOf(appDir, service) {
    return [
        (0,quote.sh) `cd ${appDir} || fail ${`app-dir ${appDir} does not exist`}`,
        (0,quote.sh) `cid=$(dc ps -q ${service}) && [ -n "$cid" ] || fail ${`compose service ${service} is not running in ${appDir}`}`,
    ].join('\n');
}
function composePostgresBackup(appDir, service) {
    const dump = `exec pg_dump --format=custom --no-password ${IN_CONTAINER_USER} ${IN_CONTAINER_DB}`;
    return {
        produce: [
            containerOf(appDir, service),
            (0,quote.sh) `docker exec "$cid" sh -c ${dump} >"$tmp" || fail ${`pg_dump in compose service ${service} failed`}`,
        ].join('\n'),
        verify: (0,quote.sh) `docker exec -i "$cid" pg_restore --file=/dev/null <"$tmp" || fail "pg_restore could not read the whole dump: it is not a backup"`,
    };
}
function composePostgresRestore(appDir, service) {
    const restore = `exec pg_restore ${RESTORE_FLAGS} ${IN_CONTAINER_USER} --dbname=${IN_CONTAINER_DB}`;
    return [
        containerOf(appDir, service),
        (0,quote.sh) `docker exec -i "$cid" sh -c ${restore} <"$src" || fail ${`pg_restore in compose service ${service} failed; in one transaction, so the database is as it was`}`,
        (0,quote.sh) `echo ${`restored compose:${service}`}`,
    ].join('\n');
}

;// CONCATENATED MODULE: ./src/backup/sources/volume.ts


/**
 * Docker volumes: archived through a throwaway container of `helper-image` that mounts the volume read-only
 * and has no network; compressed on the host (the helper needs nothing but tar).
 */
function volumeBackup(volume, image) {
    const tar = (0,quote.sh) `docker run --rm --network none -v ${`${volume}:/volume:ro`} ${image} tar -cf - -C /volume .`;
    return {
        produce: [
            (0,quote.sh) `docker volume inspect ${volume} >/dev/null 2>&1 || fail ${`no Docker volume ${volume} on the server`}`,
            `${piped(tar, `${COMPRESS} >"$tmp"`)} || fail ${(0,quote.sh) `${`archiving volume ${volume} failed`}`}`,
        ].join('\n'),
        verify: READS_BACK,
    };
}
const READS_BACK = `${piped('gzip -dc "$tmp"', 'tar -tf - >/dev/null')} || fail "the archive does not read back"`;
/** Empties the volume (created when missing) and unpacks the archive into it. */
function volumeRestore(volume, image) {
    const unpack = (0,quote.sh) `docker run --rm -i --network none -v ${`${volume}:/volume`} ${image} sh -c ${'cd /volume && rm -rf ./* ./.[!.]* ./..?* && tar -xf -'}`;
    return [
        (0,quote.sh) `docker volume inspect ${volume} >/dev/null 2>&1 || docker volume create ${volume} >/dev/null || fail ${`cannot create volume ${volume}`}`,
        `${piped('gzip -dc "$src"', unpack)} || fail ${(0,quote.sh) `${`unpacking into volume ${volume} failed`}`}`,
        (0,quote.sh) `echo ${`restored volume ${volume}`}`,
    ].join('\n');
}

;// CONCATENATED MODULE: ./src/backup/sources/files.ts



/** Files and directories under app-dir (`.env`, `media`), in one archive with paths relative to app-dir. */
function filesBackup(appDir, paths) {
    return {
        produce: [
            (0,quote.sh) `appdir=${appDir}; cd "$appdir" || fail "app-dir $appdir does not exist"`,
            (0,quote.sh) `for p in ${paths}; do [ -e "$p" ] || [ -L "$p" ] || fail "$p does not exist in $appdir"; done`,
            `${piped((0,quote.sh) `tar -cf - ${paths}`, `${COMPRESS} >"$tmp"`)} || fail "archiving files failed"`,
        ].join('\n'),
        verify: READS_BACK,
    };
}
/**
 * Prints each of the paths that exists under app-dir, NUL-terminated (a dangling link counts: the backup keeps
 * it). Nothing when app-dir itself does not exist.
 */
function filesPresent(appDir, paths) {
    return [
        (0,quote.sh) `[ -d ${appDir} ] || exit 0`,
        (0,quote.sh) `cd ${appDir} || exit 1`,
        (0,quote.sh) `for p in ${paths}; do if [ -e "$p" ] || [ -L "$p" ]; then printf '%s\\0' "$p"; fi; done`,
    ].join('\n');
}
/** Unpacks the archive into app-dir, overwriting the files it holds (other files are left alone). */
function filesRestore(appDir) {
    return [
        (0,quote.sh) `mkdir -p ${appDir} || fail ${`cannot create ${appDir}`}`,
        `${piped('gzip -dc "$src"', (0,quote.sh) `tar -xf - -C ${appDir}`)} || fail "unpacking the files failed"`,
        (0,quote.sh) `echo ${`restored files into ${appDir}`}`,
    ].join('\n');
}

;// CONCATENATED MODULE: ./src/backup/take-backup.ts










/** The record written beside a backup of `source` taken at `time`. */
function backupRecordMeta(app, source, time, verified, reason) {
    return {
        app,
        source: source.slug,
        kind: source.kind,
        target: source.target,
        ...(source.kind === 'files' ? { paths: source.paths } : {}),
        created: time.toISOString(),
        verified,
        ...(reason ? { reason } : {}),
    };
}
/** Backs up one source on the server: one remote script, one SSH exec. Never throws for a remote fault. */
async function takeBackup(conn, source, s, time, reason) {
    const started = performance.now();
    const name = backupFileName(s.app, source.slug, time, EXTENSIONS[source.kind]);
    const tmp = external_node_path_.posix.join(s.backupDir, `.${name}.partial-${(0,external_node_crypto_.randomBytes)(4).toString('hex')}`);
    const meta = backupRecordMeta(s.app, source, time, s.verify, reason);
    const parts = scriptParts(source, s, tmp);
    const script = atomicBackupScript({
        dir: s.backupDir,
        name,
        tmp,
        meta: JSON.stringify(meta),
        produce: parts.produce,
        ...(s.verify ? { verify: parts.verify } : {}),
    });
    const stdin = source.kind === 'postgres' && 'postgres' in source ? postgresStdin(source.postgres) : undefined;
    const outcome = { source, verified: false };
    try {
        const r = await conn.exec(script, { log: false, ...(stdin ? { stdin } : {}) });
        const done = r.code === 0 ? parseDone(r.stdout) : undefined;
        const durationMs = performance.now() - started;
        if (!done) {
            const why = reasonOf(r.stderr) ?? `the backup script ended with exit ${r.signal ?? r.code}${(0,errors/* tailOf */.Cj)(r.stderr)}`;
            return { ...outcome, durationMs, error: why };
        }
        return {
            ...outcome,
            name,
            path: external_node_path_.posix.join(s.backupDir, name),
            bytes: done.bytes,
            sha256: done.sha256,
            verified: s.verify,
            durationMs,
        };
    }
    catch (e) {
        return { ...outcome, durationMs: performance.now() - started, error: (0,errors/* errText */.V7)(e) };
    }
}
function scriptParts(source, s, tmp) {
    switch (source.kind) {
        case 'sqlite':
            return sqliteBackup(source.path, tmp, s.verify);
        case 'postgres':
            return 'service' in source
                ? composePostgresBackup(s.appDir, source.service)
                : postgresUrlBackup(source.postgres);
        case 'volume':
            return volumeBackup(source.volume, s.helperImage);
        case 'files':
            return filesBackup(source.appDir, source.paths);
    }
}
/** The script's own reason (`vps-deploy: …`) with the tool output before it, short enough for a table cell. */
function reasonOf(stderr) {
    const lines = stderr.trimEnd().split('\n');
    const i = lines.findLastIndex((l) => l.startsWith('vps-deploy: ') && !l.startsWith('vps-deploy: warning'));
    if (i < 0)
        return undefined;
    const context = lines
        .slice(Math.max(0, i - 3), i)
        .map((l) => l.trim())
        .filter(Boolean);
    return [lines[i].slice('vps-deploy: '.length), ...context].join(' | ');
}

;// CONCATENATED MODULE: ./src/backup/back-up-host.ts







/**
 * One host: every source in turn (a failed one does not stop the others), then retention for each source whose
 * backup this run verified, then the downloads.
 */
async function backUpHost(conn, plan, io) {
    const s = plan.settings;
    const time = runTimeAfter(await listBackups(conn, s.backupDir, s.app), new Date());
    const outcomes = [];
    for (const source of plan.sources) {
        io.info(`${source.slug}: backing up ${source.target}`);
        const o = await takeBackup(conn, source, s, time);
        io.info(o.error
            ? `${source.slug}: FAILED after ${seconds(o.durationMs)}: ${o.error}`
            : `${source.slug}: ${o.path} (${o.bytes} bytes, sha256 ${o.sha256}${o.verified ? ', verified' : ''}) in ${seconds(o.durationMs)}`);
        outcomes.push(o);
    }
    const pruned = [];
    const good = outcomes.filter((o) => !o.error);
    if (good.length && !isEmptyPolicy(plan.policy)) {
        const records = await listBackups(conn, s.backupDir, s.app);
        for (const o of good) {
            const p = planPrune(records, o.source.slug, plan.policy, o.name);
            if (!p.remove.length)
                continue;
            pruned.push(...(await prune(conn, s.backupDir, p)));
            io.info(`${o.source.slug}: pruned ${p.remove.length} old backup(s), ${p.keep} kept`);
        }
    }
    if (plan.download) {
        for (const o of good) {
            try {
                const d = await downloadBackup(conn, o.path, plan.download, o.sha256);
                o.downloaded = d.path;
                io.info(`${o.source.slug}: downloaded to ${d.path} (sha256 matches)`);
            }
            catch (e) {
                o.error = `backed up on the server, but ${(0,errors/* errText */.V7)(e)}`;
            }
        }
    }
    return { host: conn.host, outcomes, pruned };
}
function seconds(ms) {
    return `${(ms / 1000).toFixed(1)}s`;
}

// EXTERNAL MODULE: ./src/ssh/remote-shell.ts
var remote_shell = __webpack_require__(8461);
// EXTERNAL MODULE: ./src/health/run-gate.ts + 2 modules
var run_gate = __webpack_require__(1098);
;// CONCATENATED MODULE: ./src/backup/restore-target.ts


/**
 * Where a backup is restored to: the source input of the same kind (the one with the same name when several
 * are given), or else the source recorded beside the backup.
 */
function restoreTargetOf(record, inputs, appDir) {
    if (record.kind === 'unknown') {
        throw new errors/* ConfigurationError */.j1(`cannot tell what kind of backup ${record.name} is: it has no record beside it`);
    }
    const sameKind = inputs.filter((s) => s.kind === record.kind);
    const sameName = sameKind.filter((s) => s.slug === record.source);
    if (sameKind.length === 1)
        return sameKind[0];
    if (sameName.length === 1)
        return sameName[0];
    if (sameKind.length > 1) {
        throw new errors/* ConfigurationError */.j1(`input "${inputName(record.kind)}" lists several ${record.kind} sources and none is the one ${record.name} ` +
            `was taken of (${record.source}): give only the one to restore into`);
    }
    const recorded = record.meta?.target;
    if (!recorded) {
        throw new errors/* ConfigurationError */.j1(`${record.name} does not record what it was taken of: give the target as input "${inputName(record.kind)}"`);
    }
    switch (record.kind) {
        case 'sqlite':
            return sqliteSource(recorded, record.source);
        case 'postgres':
            return { ...postgresSource(recorded), slug: record.source };
        case 'volume':
            return { ...volumeSource(recorded), slug: record.source };
        case 'files':
            return filesSource(appDir, recordedPaths(record.meta, recorded));
    }
}
function inputName(kind) {
    return kind === 'volume' ? 'volumes' : kind;
}
/** A files backup's paths: the list in its record, or (records from before that list) its `, `-joined target. */
function recordedPaths(meta, target) {
    const paths = meta?.paths;
    return Array.isArray(paths) && paths.length && paths.every((p) => typeof p === 'string')
        ? paths
        : target.split(', ');
}

;// CONCATENATED MODULE: ./src/backup/restore.ts















/**
 * Restores one backup: checks its sha256, stops the app, keeps a safety backup of what it replaces, restores,
 * starts the app (also when the restore failed: the app should not stay down), then gates on health.
 */
async function restoreBackup(conn, req, io) {
    const s = req.settings;
    const records = await listBackups(conn, s.backupDir, s.app);
    const record = records.find((r) => r.name === req.from);
    if (!record) {
        const names = records.slice(0, 10).map((r) => `  ${r.name}`);
        throw new errors/* ConfigurationError */.j1(`input "restore-from": ${req.from} is not in ${s.backupDir}` +
            (names.length ? `; the newest backups there:\n${names.join('\n')}` : ' (no backups there)'));
    }
    const target = restoreTargetOf(record, req.sources, s.appDir);
    io.info(`Restoring ${record.name} into ${target.kind} ${target.target}`);
    await conn.run((0,quote.sh) `cd ${s.backupDir} && [ -f ${`${record.name}.sha256`} ] && sha256sum -c ${`${record.name}.sha256`}`, `checking ${record.name} against its sha256`);
    if (req.stopCommand)
        await conn.run((0,quote/* userCommand */.L_)(req.stopCommand, { cwd: s.appDir }), 'stop-command');
    const outcome = { restored: record, target };
    let failure;
    try {
        const replaced = await safetySourceOf(conn, target);
        if (replaced) {
            const safety = await takeBackup(conn, replaced, s, runTimeAfter(records, new Date()), `before restoring ${record.name}`);
            outcome.safety = safety;
            if (safety.error)
                throw new errors/* RemoteError */.Hi(`the safety backup of ${replaced.target} failed, nothing was restored: ${safety.error}`);
            io.info(`Safety backup of what is replaced: ${safety.path}`);
        }
        else {
            io.info(`${target.target} does not exist yet: no safety backup needed`);
        }
        const script = [restorePrelude(record.path), restoreScript(target, s)].join('\n');
        const stdin = 'postgres' in target ? postgresStdin(target.postgres) : undefined;
        const r = await conn.exec(script, stdin ? { stdin } : {});
        if (r.code !== 0) {
            throw new errors/* RemoteError */.Hi(`restore of ${record.name} failed: ${reasonOf(r.stderr) ?? `exit ${r.code}${(0,errors/* tailOf */.Cj)(r.stderr)}`}`);
        }
    }
    catch (e) {
        failure = e instanceof Error ? e : new Error(String(e));
    }
    if (req.startCommand) {
        const r = await conn.exec((0,quote/* userCommand */.L_)(req.startCommand, { cwd: s.appDir }));
        if (r.code !== 0) {
            const msg = `start-command failed (exit ${r.code})${(0,errors/* tailOf */.Cj)(r.stderr || r.stdout)}`;
            throw new errors/* RemoteError */.Hi(failure ? `${failure.message}; then ${msg}` : msg, 'start');
        }
    }
    if (failure)
        throw failure;
    if (req.health) {
        outcome.health = await (0,run_gate/* gateUrl */.T2)({ url: req.health.url, dialer: (h, p) => conn.tunnel(h, p) }, req.health.options, io, async () => (conn.isOpen ? undefined : (0,remote_shell/* connectionLost */.B)(conn)));
    }
    return outcome;
}
function restoreScript(target, s) {
    switch (target.kind) {
        case 'sqlite':
            return sqliteRestore(target.path, (0,external_node_crypto_.randomBytes)(4).toString('hex'));
        case 'postgres':
            return 'service' in target
                ? composePostgresRestore(s.appDir, target.service)
                : postgresUrlRestore(target.postgres);
        case 'volume':
            return volumeRestore(target.volume, s.helperImage);
        case 'files':
            return filesRestore(target.appDir);
    }
}
/**
 * What to keep a safety backup of before the restore overwrites it, or undefined when nothing is there yet (a
 * database is assumed to exist: pg_dump will say). For files, every listed path that exists: one missing path
 * must not leave the others unprotected.
 */
async function safetySourceOf(conn, target) {
    const found = async (check) => (await conn.exec(check, { log: false })).code === 0;
    switch (target.kind) {
        case 'sqlite':
            return (await found((0,quote.sh) `[ -f ${target.path} ]`)) ? target : undefined;
        case 'volume':
            return (await found((0,quote.sh) `docker volume inspect ${target.volume} >/dev/null 2>&1`)) ? target : undefined;
        case 'files': {
            const r = await conn.exec(filesPresent(target.appDir, target.paths), { log: false });
            if (r.code !== 0)
                throw new errors/* RemoteError */.Hi(`cannot tell which of ${target.target} exist${(0,errors/* tailOf */.Cj)(r.stderr)}`);
            const paths = r.stdout.split('\0').filter((p) => target.paths.includes(p));
            return paths.length ? { ...target, paths, target: paths.join(', ') } : undefined;
        }
        case 'postgres':
            return target;
    }
}

// EXTERNAL MODULE: ./src/io/summary.ts
var summary = __webpack_require__(2864);
;// CONCATENATED MODULE: ./src/actions/backup/report.ts

function entryOf(host, o) {
    return {
        source: o.source.slug,
        kind: o.source.kind,
        target: o.source.target,
        host,
        path: o.path,
        bytes: o.bytes,
        sha256: o.sha256,
        verified: o.verified,
        duration_ms: Math.round(o.durationMs),
        ...(o.downloaded ? { downloaded: o.downloaded } : {}),
    };
}
async function reportBackups(io, hosts) {
    const made = hosts.flatMap((h) => h.outcomes.filter((o) => o.path).map((o) => entryOf(h.host, o)));
    const failed = hosts.flatMap((h) => h.outcomes.filter((o) => o.error).map((o) => ({ source: o.source.slug, host: h.host, error: o.error })));
    const pruned = hosts.flatMap((h) => h.pruned);
    io.setOutput('backups', JSON.stringify(made));
    io.setOutput('failed', JSON.stringify(failed));
    io.setOutput('pruned', JSON.stringify(pruned));
    io.setOutput('bytes', made.reduce((n, b) => n + b.bytes, 0));
    const rows = hosts.flatMap((h) => h.outcomes.map((o) => [
        o.error ? '❌' : '✅',
        o.source.slug,
        o.source.target,
        o.path ?? '—',
        o.bytes !== undefined ? size(o.bytes) : '—',
        o.sha256 ? `\`${o.sha256.slice(0, 16)}…\`` : '—',
        o.error ? `failed: ${o.error}` : o.verified ? 'yes' : 'no (verify: false)',
        `${(o.durationMs / 1000).toFixed(1)} s`,
        o.downloaded ?? '—',
    ]));
    const lines = [
        `### ${failed.length ? '❌' : '✅'} Backups${hosts.length > 1 ? ` on ${hosts.map((h) => h.host).join(', ')}` : ''}`,
        '',
        (0,summary/* table */.tp)(['', 'source', 'of', 'file', 'size', 'sha256', 'verified', 'duration', 'downloaded'], rows),
        '',
        pruned.length
            ? `<details><summary>Pruned ${pruned.length} old backup(s)</summary>\n\n${pruned.map((p) => `- \`${p}\``).join('\n')}\n\n</details>`
            : 'Nothing pruned.',
        '',
    ];
    await io.summary(lines.join('\n'));
}
async function reportList(io, hosts, dir) {
    const entries = hosts.flatMap((h) => h.records.map((r) => ({
        source: r.source,
        kind: r.kind,
        target: r.target,
        host: h.host,
        path: r.path,
        bytes: r.bytes,
        sha256: r.sha256,
        verified: r.verified,
        created: r.created,
    })));
    io.setOutput('backups', JSON.stringify(entries));
    io.setOutput('pruned', '[]');
    io.setOutput('bytes', entries.reduce((n, b) => n + b.bytes, 0));
    for (const e of entries)
        io.info(`${e.host}: ${e.path} ${e.bytes} bytes${e.verified ? ' verified' : ''}`);
    const rows = entries.map((e) => [
        e.source,
        e.created,
        e.path.slice(e.path.lastIndexOf('/') + 1),
        size(e.bytes),
        e.verified ? 'yes' : 'no',
    ]);
    await io.summary([
        `### Backups in ${dir} (${entries.length})`,
        '',
        (0,summary/* table */.tp)(['source', 'created (UTC)', 'file', 'size', 'verified'], rows),
        '',
    ].join('\n'));
}
async function reportRestore(io, host, o) {
    io.setOutput('restored', o.restored.path);
    io.setOutput('safety-backup', o.safety?.path ?? '');
    io.setOutput('health', o.health?.last.verdict ?? '');
    const made = o.safety?.path ? [entryOf(host, o.safety)] : [];
    io.setOutput('backups', JSON.stringify(made));
    io.setOutput('pruned', '[]');
    io.setOutput('bytes', made.reduce((n, b) => n + b.bytes, 0));
    const passed = !o.health || o.health.passed;
    const rows = [
        ['restored', o.restored.path],
        ['into', `${o.target.kind} ${o.target.target}`],
        ['safety backup of what was replaced', o.safety?.path ?? '— (nothing there before)'],
        [
            'health',
            o.health
                ? `${o.health.last.verdict}${o.health.last.code ? ` (HTTP ${o.health.last.code})` : ''}`
                : '— (no health-url)',
        ],
    ];
    await io.summary([`### ${passed ? '✅' : '❌'} Restore on ${host}`, '', (0,summary/* table */.tp)(['', ''], rows), ''].join('\n'));
}
function size(bytes) {
    if (bytes < 1024)
        return `${bytes} B`;
    const units = ['KiB', 'MiB', 'GiB', 'TiB'];
    let v = bytes / 1024;
    let u = 0;
    while (v >= 1024 && u < units.length - 1) {
        v /= 1024;
        u++;
    }
    return `${v.toFixed(1)} ${units[u]}`;
}

// EXTERNAL MODULE: ./src/ssh/target.ts
var target = __webpack_require__(4889);
;// CONCATENATED MODULE: ./src/actions/backup/plan.ts






/** Everything a backup, list or restore needs, checked before connecting: a ConfigurationError otherwise. */
function planOf(i, repository, workspace) {
    const { app, appDir } = (0,target/* appLocation */.ry)(i, repository);
    const targets = (0,target/* sshTargets */.vF)(i);
    const sources = sourcesOf({ sqlite: i.sqlite, postgres: i.postgres, volumes: i.volumes, files: i.files }, appDir);
    const settings = {
        app,
        appDir,
        backupDir: (i['backup-dir'] || `${appDir}/backups`).replace(/(.)\/+$/, '$1'),
        helperImage: i['helper-image'],
        verify: i.verify,
    };
    const policy = {
        last: i['keep-last'],
        daily: i['keep-daily'],
        weekly: i['keep-weekly'],
        monthly: i['keep-monthly'],
    };
    const plan = { mode: i.mode, targets, settings, sources, policy };
    if (i.download)
        plan.download = (0,external_node_path_.resolve)(workspace, i.download);
    if (i.mode === 'backup' && !sources.length) {
        throw new errors/* ConfigurationError */.j1('nothing to back up: give at least one of the inputs sqlite, postgres, volumes, files');
    }
    if (i.mode === 'restore') {
        if (!i['restore-from'])
            throw new errors/* ConfigurationError */.j1('input "restore-from" is required with mode: restore (see mode: list)');
        if (i.confirm !== backup_inputs.CONFIRM_WORD) {
            throw new errors/* ConfigurationError */.j1(`restore refused: it overwrites ${i['restore-from']}'s target; set input "confirm" to ${backup_inputs.CONFIRM_WORD} ` +
                `(got ${i.confirm ? JSON.stringify(i.confirm) : 'nothing'})`);
        }
        if (!parseBackupFileName(app, i['restore-from'])) {
            throw new errors/* ConfigurationError */.j1(`input "restore-from" got ${JSON.stringify(i['restore-from'])}: takes a backup file name of app ${app}, like ` +
                `${app}_sqlite-app_20250114T023000Z.sqlite.gz (see mode: list)`);
        }
        if (targets.length > 1)
            throw new errors/* ConfigurationError */.j1('input "host" takes one host with mode: restore');
        plan.restore = {
            from: i['restore-from'],
            stopCommand: i['stop-command'],
            startCommand: i['start-command'],
            ...(i['health-url']
                ? {
                    health: {
                        url: i['health-url'],
                        options: {
                            timeoutSeconds: i['health-timeout'],
                            intervalSeconds: i['health-interval'],
                            successes: i['health-successes'],
                            allowDegraded: i['allow-degraded'],
                            requestTimeoutSeconds: Math.min(5, i['health-timeout']),
                        },
                    },
                }
                : {}),
        };
    }
    return plan;
}

// EXTERNAL MODULE: ./src/flow/attempt.ts
var attempt = __webpack_require__(5617);
// EXTERNAL MODULE: ./src/flow/leased-shell.ts
var leased_shell = __webpack_require__(7591);
// EXTERNAL MODULE: ./src/flow/lock.ts
var flow_lock = __webpack_require__(5149);
;// CONCATENATED MODULE: ./src/actions/backup/app-lock.ts




/**
 * Backups and restores take the app's deploy lock (docs/server-layout.md, "lock"), exclusively, as a deploy
 * does: a restore (stop, overwrite, start) never runs in the middle of a deploy's migrate or gate, a backup
 * never copies a database halfway through a migration, and a deploy waits for either, naming it. Their remote
 * commands are leased like a deploy's, so a killed backup leaves no dump running. An app-dir that does not
 * exist has had no deploy to wait for: the backup runs without the lock, and says so.
 */
async function underBackupLock(conn, io, appDir, what, body) {
    if (what.action === 'backup' && (await conn.exec((0,quote.sh) `[ -d ${appDir} ]`, { log: false })).code !== 0) {
        io.info(`${appDir} does not exist on ${conn.host}: nothing is deployed there, so no lock is taken`);
        return body(conn);
    }
    const holder = {
        runUrl: io.run.runUrl,
        actor: io.run.actor,
        tag: what.tag,
        action: what.action,
        since: new Date().toISOString(),
    };
    return (0,leased_shell/* underAppLock */.V)(conn, appDir, async () => {
        const lock = await (0,flow_lock/* acquireDeployLock */.zE)(conn, appDir, holder, what.lockTimeoutSeconds, io);
        if (lock.waitedSeconds >= 1)
            io.info(`Took the deploy lock of ${appDir} after ${lock.waitedSeconds.toFixed(1)}s`);
        return lock;
    }, body, attempt/* phaseOf */.hU);
}

;// CONCATENATED MODULE: ./src/actions/backup/run.ts












/** actions/backup: inputs -> plan (everything checked before connecting) -> back up / list / restore -> outputs. */
async function runBackup(io) {
    (0,secrets/* maskSecretInputs */.q)(io);
    maskPostgresPasswords(io, io.input('postgres'));
    const inputs = (0,backup_inputs.readBackupInputs)((n) => io.input(n));
    const plan = planOf(inputs, io.run.repository, io.run.workspace);
    if (plan.mode === 'list')
        return list(plan, io);
    const lockTimeoutSeconds = inputs['lock-timeout'];
    if (plan.mode === 'restore')
        return restore(plan, io, lockTimeoutSeconds);
    const done = [];
    for (const target of plan.targets) {
        done.push(await io.group(`Back up on ${target.host}`, () => (0,connection.withConnection)(target, io, (c) => underBackupLock(c, io, plan.settings.appDir, { action: 'backup', tag: '', lockTimeoutSeconds }, (shell) => backUpHost(shell, plan, io)))));
    }
    await reportBackups(io, done);
    const failed = done.flatMap((h) => h.outcomes.filter((o) => o.error).map((o) => `${h.host}: ${o.source.slug}: ${o.error}`));
    if (failed.length)
        throw new errors/* RemoteError */.Hi(`${failed.length} backup(s) failed:\n  ${failed.join('\n  ')}`, 'backup');
}
async function list(plan, io) {
    const found = [];
    for (const target of plan.targets) {
        const records = await (0,connection.withConnection)(target, io, (c) => listBackups(c, plan.settings.backupDir, plan.settings.app));
        found.push({ host: target.host, records });
    }
    await reportList(io, found, plan.settings.backupDir);
}
async function restore(plan, io, lockTimeoutSeconds) {
    const [target] = plan.targets;
    const req = { ...plan.restore, settings: plan.settings, sources: plan.sources };
    const outcome = await io.group(`Restore ${req.from} on ${target.host}`, () => (0,connection.withConnection)(target, io, (c) => underBackupLock(c, io, plan.settings.appDir, { action: 'restore', tag: req.from, lockTimeoutSeconds }, (shell) => restoreBackup(shell, req, io))));
    await reportRestore(io, target.host, outcome);
    if (outcome.health && !outcome.health.passed) {
        throw new errors/* RemoteError */.Hi(`restored ${req.from}, but the health gate failed: ${outcome.health.reason ?? outcome.health.last.verdict}; ` +
            `what was replaced is in ${outcome.safety?.path ?? '(no safety backup)'}`, 'health');
    }
}
/**
 * Postgres URLs' passwords (and each line holding one) are masked before anything is read or logged, even
 * when the input turns out to be invalid.
 */
function maskPostgresPasswords(io, raw) {
    for (const line of (0,inputs/* splitLines */.uz)(raw)) {
        const passwords = (0,postgres_url/* urlPasswords */.s1)(line);
        for (const p of passwords)
            io.setSecret(p);
        if (passwords.length)
            io.setSecret(line);
    }
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


/***/ }),

/***/ 6525:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   Ig: () => (/* binding */ healthEndpoint),
/* harmony export */   f2: () => (/* binding */ UNIX_SCHEME),
/* harmony export */   ke: () => (/* binding */ HEALTH_URL_TAKES),
/* harmony export */   uw: () => (/* binding */ isHealthUrl)
/* harmony export */ });
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


/***/ }),

/***/ 2923:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   X: () => (/* binding */ describeVerdict),
/* harmony export */   z: () => (/* binding */ gateOnHealth)
/* harmony export */ });
/* harmony import */ var _io_cancel_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(6736);
/* harmony import */ var _verdict_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(415);


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
        const r = await (0,_io_cancel_js__WEBPACK_IMPORTED_MODULE_0__/* .untilAborted */ .Eu)(hooks.probe(budget), signal);
        if (!r)
            return cancelled();
        attempts++;
        // A probe the deadline cut short says nothing about the app: the last real answer stays the verdict.
        const cutByDeadline = budget < opts.requestTimeoutSeconds * 1000 && r.code === undefined && attempts > 1;
        if (!cutByDeadline)
            last = r;
        consecutive = (0,_verdict_js__WEBPACK_IMPORTED_MODULE_1__/* .passes */ .WE)(r.verdict, opts.allowDegraded) ? consecutive + 1 : 0;
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
        await (0,_io_cancel_js__WEBPACK_IMPORTED_MODULE_0__/* .untilAborted */ .Eu)(sleep(wait), signal);
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


/***/ }),

/***/ 1098:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {


// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  He: () => (/* binding */ gateChecks),
  T2: () => (/* binding */ gateUrl),
  Y8: () => (/* binding */ urlCheck)
});

// EXTERNAL MODULE: ./src/health/verdict.ts
var verdict = __webpack_require__(415);
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
    const failing = results.findIndex((r) => !(0,verdict/* passes */.WE)(r.verdict, allowDegraded));
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

// EXTERNAL MODULE: ./src/health/gate.ts
var gate = __webpack_require__(2923);
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
            resolve({ verdict: (0,verdict/* verdictOf */.Vj)(r), latencyMs: elapsed(), ...r });
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
    const result = await (0,gate/* gateOnHealth */.z)(opts, {
        probe: async (timeoutMs) => {
            const results = await Promise.all(checks.map((c) => c.probe(timeoutMs)));
            results.forEach((r, i) => (lasts[i] = { label: checks[i].label, kind: checks[i].kind, last: r }));
            return combineRound(checks, results, opts.allowDegraded);
        },
        onProbe: (r, n, consecutive) => log.info(`  probe ${n}: ${checks.length > 1 ? roundText(lasts) : (0,gate/* describeVerdict */.X)(r)}` +
            `${consecutive ? ` [${consecutive}/${opts.successes}]` : ''}`),
        ...(fatal ? { fatal } : {}),
        ...(signal ? { signal } : {}),
    });
    return checks.length > 1 ? { ...result, checks: [...lasts] } : result;
}


/***/ }),

/***/ 415:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   Vj: () => (/* binding */ verdictOf),
/* harmony export */   WE: () => (/* binding */ passes)
/* harmony export */ });
/* unused harmony export bodyStatus */
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


/***/ }),

/***/ 6309:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   Hx: () => (/* binding */ DETECT_COMPOSE),
/* harmony export */   dy: () => (/* binding */ NO_COMPOSE),
/* harmony export */   g1: () => (/* binding */ COMPOSE_V2),
/* harmony export */   nJ: () => (/* binding */ COMPOSE_V1),
/* harmony export */   qI: () => (/* binding */ byComposeVersion),
/* harmony export */   wn: () => (/* binding */ chooseCompose)
/* harmony export */ });
/* harmony import */ var _quote_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(9038);

const COMPOSE_V2 = ['docker', 'compose'];
const COMPOSE_V1 = ['docker-compose'];
/** What a user reads when the server has no Compose at all, from a deploy or a backup alike. */
const NO_COMPOSE = 'the server has neither `docker compose` (v2) nor `docker-compose` (v1): install Docker Compose';
/** `if <v2 answers>; then <v2>; elif <v1 on PATH>; then <v1>; else <none>; fi`: each branch is our shell text. */
function byComposeVersion(branches) {
    return ((0,_quote_js__WEBPACK_IMPORTED_MODULE_0__.sh) `if ${COMPOSE_V2} version >/dev/null 2>&1; then ${(0,_quote_js__WEBPACK_IMPORTED_MODULE_0__/* .raw */ .lS)(branches.v2)}; ` +
        (0,_quote_js__WEBPACK_IMPORTED_MODULE_0__.sh) `elif command -v ${COMPOSE_V1} >/dev/null 2>&1; then ${(0,_quote_js__WEBPACK_IMPORTED_MODULE_0__/* .raw */ .lS)(branches.v1)}; else ${(0,_quote_js__WEBPACK_IMPORTED_MODULE_0__/* .raw */ .lS)(branches.none)}; fi`);
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
