import { createHash } from 'node:crypto';
import { raw, sh } from '../../ssh/quote.js';

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
export const NO_HASH_TOOLS = 'VPSD-NO-HASH-TOOLS';

/** A `find -path` pattern matching exactly `./<path>` (glob characters escaped). */
function findPathPattern(path: string): string {
  return `./${path.replace(/[\\*?[\]]/g, '\\$&')}`;
}

/** find's test that skips each excluded path and all under it (or nothing). */
function pruneClause(exclude: string[]): string {
  if (!exclude.length) return '';
  const tests = exclude.flatMap((p, i) => [...(i ? ['-o'] : []), '-path', findPathPattern(p)]);
  return sh`${raw('\\(')} ${tests} ${raw('\\)')} -prune -o `;
}

/** `hash` over the first $h paths of "$t" into "$t.a" and the rest into "$t.b", at once; fails if either does. */
function inHalves(hash: string): string {
  return (
    `{ head -z -n "$h" "$t" | xargs -0 -r ${hash} > "$t.a" & ` +
    `tail -z -n "+$((h + 1))" "$t" | xargs -0 -r ${hash} > "$t.b"; r=$?; wait $! && [ $r -eq 0 ]; }`
  );
}

/**
 * Prints `sha256sum -z` lines (`<hex>  <path>` NUL), in order, for the $n NUL-separated paths in the file "$t".
 * OpenSSL's sha256 uses the CPU's SHA instructions (about 1 GB/s where coreutils' sha256sum does 170 MB/s on one
 * core), so it is used when present and no path holds a newline: its `-r` lines are then one per file, and the
 * first 64 characters after any leading backslash are the hash. Else sha256sum -z. Either way the list's two
 * halves are hashed at once and printed in order: the same bytes, in about half the time on a server with two
 * cores (a 200 MB release: 273 -> 179 ms here).
 */
const hashListed =
  `h=$(((n + 1) / 2)); ` +
  `if command -v openssl >/dev/null 2>&1 && [ "$(tr -cd '\\n' < "$t" | wc -c)" -eq 0 ] && ` +
  `${inHalves('openssl dgst -sha256 -r 2>/dev/null')} && ` +
  `cat -- "$t.a" "$t.b" > "$t.o" && [ "$(wc -l < "$t.o")" -eq "$n" ]; then ` +
  `sed 's/^\\\\//' "$t.o" | cut -c1-64 | sed 's/$/  /' | tr '\\n' '\\000' | paste -z -d '\\0' - "$t"; ` +
  `else ${inHalves('sha256sum -z --')}; cat -- "$t.a" "$t.b"; fi`;

/** `find <test> -print0` into "$t" (sorted when asked), then its files' sha256sum -z lines (hashListed). */
const hashFound = (find: string) => `${find} > "$t"; n=$(tr -cd '\\000' < "$t" | wc -c); ${hashListed}`;

/** A temp file "$t" (and its "$t.*" siblings) removed on exit. */
const TEMP = `t=$(mktemp) || exit 1; trap 'rm -f -- "$t" "$t.a" "$t.b" "$t.o"' EXIT; `;

/**
 * Prints the tree hash of `dir` (64 hex digits), leaving out `exclude` (paths relative to it: shared links and
 * what lies under them). Prints NO_HASH_TOOLS and exits 3 when the server cannot compute it.
 */
export function treeHashCommand(dir: string, exclude: string[]): string {
  const prune = pruneClause(exclude);
  const find = (test: string) => `find . -mindepth 1 ${prune}${test} -print0 | sort -z`;
  const files = (perm: string) => `{ ${hashFound(find(`-type f ${perm} -perm -u=x`))}; } | sha256sum`;
  const check =
    `{ printf x | sha256sum -z && readlink -z -f . && find . -maxdepth 0 -printf ''; } >/dev/null 2>&1 ` +
    `|| { echo ${NO_HASH_TOOLS}; exit 3; }`;
  return (
    sh`cd ${dir} && export LC_ALL=C && ` +
    `${check}; ${TEMP}` +
    `{ ${find('-type d')} | sha256sum; ${files('!')}; ${files('')}; ` +
    `${find('-type l')} | sha256sum; ${find('-type l')} | xargs -0 -r readlink -z -- | sha256sum; } ` +
    `| sha256sum | cut -c1-64`
  );
}

/** One entry of a tree, as the runner sees it in a tar stream. Paths and targets are byte strings (latin1). */
export type TreeEntry =
  | { path: string; kind: 'dir' }
  | { path: string; kind: 'file'; executable: boolean; sha256: string }
  | { path: string; kind: 'link'; target: string };

/** Whether `path` is one of `exclude` or lies under one. */
export function isExcluded(path: string, exclude: string[]): boolean {
  return exclude.some((e) => path === e || path.startsWith(`${e}/`));
}

const hex = (data: Buffer | string) => createHash('sha256').update(data).digest('hex');

/** A UTF-8 path (an input) as the byte string tree entries use. */
export function bytePath(path: string): string {
  return Buffer.from(path, 'utf8').toString('latin1');
}

/** The tree hash (see above) of a list of entries; `exclude` (UTF-8 paths) as for treeHashCommand. Pure. */
export function treeHash(entries: Iterable<TreeEntry>, exclude: string[] = []): string {
  const ex = exclude.map(bytePath);
  const kept = [...entries].filter((e) => e.path !== '' && !isExcluded(e.path, ex));
  const sorted = (kind: TreeEntry['kind'], pick: (e: TreeEntry) => boolean = () => true) =>
    kept
      .filter((e) => e.kind === kind && pick(e))
      .map((e) => ({ e, key: Buffer.from(`./${e.path}`, 'latin1') }))
      .sort((a, b) => Buffer.compare(a.key, b.key));
  const nul = (parts: Buffer[]) => Buffer.concat(parts.flatMap((p) => [p, Buffer.from([0])]));
  const fileList = (exec: boolean) =>
    nul(
      sorted('file', (e) => e.kind === 'file' && e.executable === exec).map(({ e, key }) =>
        Buffer.concat([Buffer.from(`${(e as { sha256: string }).sha256}  `), key]),
      ),
    );
  const links = sorted('link');
  const sections = [
    nul(sorted('dir').map(({ key }) => key)),
    fileList(false),
    fileList(true),
    nul(links.map(({ key }) => key)),
    nul(links.map(({ e }) => Buffer.from((e as { target: string }).target, 'latin1'))),
  ];
  return hex(sections.map((s) => `${hex(s)}  -\n`).join(''));
}

/** A path as a tar names it, as the tree names it: `./a/b/` and `a/b` are `a/b`; the root is ''. */
export function treePath(name: string): string {
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
export function treeManifestCommand(dir: string, exclude: string[]): string {
  const prune = pruneClause(exclude);
  const files = (perm: string) => hashFound(`find . -mindepth 1 ${prune}-type f ${perm} -perm -u=x -print0`);
  return (
    sh`cd ${dir} && export LC_ALL=C && ` +
    `{ printf x | sha256sum -z && find . -maxdepth 0 -printf ''; } >/dev/null 2>&1 || { echo ${NO_HASH_TOOLS}; exit 3; }; ` +
    `${TEMP}printf 'F\\000'; ${files('!')}; printf 'X\\000'; ${files('')}; ` +
    `printf 'L\\000'; find . -mindepth 1 ${prune}-type l -printf '%p\\0%l\\0'`
  );
}

/** Parses treeManifestCommand's output (a byte string) into entries. */
export function parseTreeManifest(out: string): TreeEntry[] {
  const fields = out.split('\0');
  const entries: TreeEntry[] = [];
  let section = '';
  for (let i = 0; i < fields.length; i++) {
    const f = fields[i]!;
    if (f === 'F' || f === 'X' || f === 'L') section = f;
    else if (f === '') continue;
    else if (section === 'L') entries.push({ kind: 'link', path: treePath(f), target: fields[++i] ?? '' });
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
export function treeHashThen(command: string, dir: string, exclude: string[]): string {
  return `${command} && { ( ${treeHashCommand(dir, exclude)} ) || :; }`;
}

/** The tree hash a command ending in treeHashThen printed: the hash, undefined without the tools, else null. */
export function printedTreeHash(stdout: string): string | undefined | null {
  const last = stdout.trim().split('\n').pop() ?? '';
  if (last === NO_HASH_TOOLS) return undefined;
  return /^[0-9a-f]{64}$/.test(last) ? last : null;
}
