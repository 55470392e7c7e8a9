import { byComposeVersion, COMPOSE_V1, COMPOSE_V2, NO_COMPOSE } from '../ssh/compose-cli.js';
import { sh } from '../ssh/quote.js';

/**
 * Shell text shared by every script the backup action runs on the server (POSIX sh: no bash needed). Values
 * are quoted by src/ssh/quote.ts; the fixed text here is ours.
 */

/** `fail "why"` ends the script with the reason on stderr, tagged so the runner can show it. */
export const PRELUDE = [
  'set -u',
  'fail() { echo "vps-deploy: $*" >&2; exit 1; }',
  // `a | b` with pipefail semantics (POSIX sh has no pipefail): the left side's status goes through a file.
  'piped() { _rc=$(mktemp) || fail "mktemp failed"; { eval "$1"; echo $? >"$_rc"; } | eval "$2"; ' +
    '_r=$?; _l=$(cat "$_rc"); rm -f "$_rc"; [ "$_r" = 0 ] && [ "$_l" = 0 ]; }',
  // The SQLite shell, or Python's sqlite3 module where the sqlite3 CLI is not installed.
  'sq() { if command -v sqlite3 >/dev/null 2>&1; then sqlite3 -bail -cmd ".timeout 60000" "$1" "$2"; ' +
    'elif command -v python3 >/dev/null 2>&1; then python3 -c "$SQ_PY" "$1" "$2"; ' +
    'else fail "neither sqlite3 nor python3 is installed on the server (apt-get install sqlite3)"; fi; }',
  `SQ_PY=${sh`${[
    'import sqlite3, sys',
    'c = sqlite3.connect(sys.argv[1], timeout=60, isolation_level=None)',
    'for row in c.execute(sys.argv[2]): print("|".join(str(x) for x in row))',
  ].join('\n')}`}`,
  // Docker Compose v2 when the server has it, v1 otherwise: the same test and words as the compose strategy.
  `dc() { ${byComposeVersion({
    v2: sh`${COMPOSE_V2} "$@"`,
    v1: sh`${COMPOSE_V1} "$@"`,
    none: sh`fail ${NO_COMPOSE}`,
  })}; }`,
].join('\n');

/** The line a successful backup script prints last: sha256 and size of the file under its final name. */
export const DONE_MARK = 'vps-deploy-backup-done';

export interface AtomicBackup {
  dir: string;
  /** The final file name (in dir). */
  name: string;
  /** Temp path in dir, hidden (leading dot) so no listing ever mistakes it for a backup. */
  tmp: string;
  /** The `.json` recorded beside the backup. */
  meta: string;
  /** Shell that writes the backup to "$tmp" (and may use "$tmp".* for scratch files). */
  produce: string;
  /** Shell that checks "$tmp" when `verify` is on. */
  verify?: string;
}

/**
 * Writes a backup under a temp name, verifies it, writes its .sha256 and .json, and renames it into place
 * last: a failure at any step (a full disk included) removes everything this run wrote, so no partial file
 * is ever left under a final name.
 */
export function atomicBackupScript(b: AtomicBackup): string {
  return [
    'umask 077',
    PRELUDE,
    sh`dir=${b.dir}; name=${b.name}; tmp=${b.tmp}`,
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
    sh`printf '%s\n' ${b.meta} >"$tmp.json" || fail "cannot write the backup record (disk full?)"`,
    'sync "$tmp" "$tmp.sha256" "$tmp.json" 2>/dev/null',
    'mv -f "$tmp.sha256" "$dir/$name.sha256" && mv -f "$tmp.json" "$dir/$name.json" && mv -f "$tmp" "$dir/$name" ' +
      '|| fail "cannot rename the finished backup into place"',
    'bytes=$(wc -c <"$dir/$name") || fail "cannot read the size of $dir/$name"',
    `echo "${DONE_MARK} $sum $bytes"`,
  ].join('\n');
}

/** Parses the DONE_MARK line of a backup script's output. */
export function parseDone(stdout: string): { sha256: string; bytes: number } | undefined {
  const m = new RegExp(`^${DONE_MARK} ([0-9a-f]{64}) +(\\d+)\\s*$`, 'm').exec(stdout);
  return m ? { sha256: m[1]!, bytes: Number(m[2]) } : undefined;
}

/** An SQL string literal. */
export function sqlString(s: string): string {
  return `'${s.replace(/'/g, "''")}'`;
}

/** `piped 'left' 'right'`: both sides are our shell text, quoted once more to pass as eval arguments. */
export function piped(left: string, right: string): string {
  return sh`piped ${left} ${right}`;
}

/** Compression for archives and SQLite copies: level 1 is several times faster than gzip's default for a
 * few percent more bytes, and every server has gzip (zstd often is not installed). */
export const COMPRESS = 'gzip -1 -c';

/** The start of every restore script: the backup file to read is "$src". */
export function restorePrelude(backupPath: string): string {
  return [
    'umask 077',
    PRELUDE,
    sh`src=${backupPath}`,
    '[ -s "$src" ] || fail "$src does not exist or is empty"',
  ].join('\n');
}
