import { posix } from 'node:path';
import { raw, sh, userCommand } from '../../ssh/quote.js';
import { CURRENT, RELEASES, REVISION, TREE_RECORD } from './layout.js';
import { RELEASE_ENV } from '../env-release.js';
import type { SharedLink } from './layout.js';

/**
 * Every remote command text of the release strategy, built through the quoting module. Pure: the step files
 * (strategy, upload, shared-links, switch) run these and decide what their output means; the text itself is
 * tested as exact strings and under a real /bin/sh (test/unit/strategies/release-dirs/commands.test.ts).
 */

// Reading the layout.

/** Prints `link<TAB><target>` when <app-dir>/current is a symbolic link, `other` when it is anything else. */
export function readCurrentCommand(appDir: string): string {
  return (
    sh`cd ${appDir} 2>/dev/null || exit 0; if [ -L ${CURRENT} ]; then printf 'link\\t%s\\n' "$(readlink ${CURRENT})"; ` +
    sh`elif [ -e ${CURRENT} ]; then echo other; fi`
  );
}

/** Prints `name<TAB>mtime<TAB>1|0` per dir in releases/: the time of its REVISION (1) or of the dir itself (0). */
export function listReleasesCommand(appDir: string): string {
  return (
    sh`cd ${appDir}/${RELEASES} 2>/dev/null || exit 0; ` +
    sh`for d in * .[!.]*; do [ -d "$d" ] && [ ! -L "$d" ] || continue; ` +
    sh`if [ -f "$d"/${REVISION} ]; then c=1; t=$(stat -c %.9Y "$d"/${REVISION}); else c=0; t=$(stat -c %.9Y "$d"); fi; ` +
    sh`printf '%s\\t%s\\t%s\\n' "$d" "$t" "$c"; done`
  );
}

/** Exits 0 when the release dir is complete (its REVISION was written last, after the upload). */
export function isCompleteCommand(releaseDir: string): string {
  return sh`[ -f ${posix.join(releaseDir, REVISION)} ]`;
}

/** Exits 0 when anything is at `path`. */
export function existsCommand(path: string): string {
  return sh`[ -e ${path} ]`;
}

// Making a release.

/** Unpacks the tar stream on stdin into `dir`; files get the deploy user as owner, whatever the archive says. */
export function unpackCommand(dir: string, gzip: boolean): string {
  return sh`mkdir -p -- ${dir} && tar -x${raw(gzip ? ' -z' : '')} --no-same-owner -f - -C ${dir}`;
}

export interface Revision {
  tag: string;
  commit: string;
  /** How the release was made (`git archive v1`, `directory /path`, `tarball /path`). */
  source: string;
  /** ISO 8601. */
  deployedAt: string;
}

/**
 * Writes <dir>/REVISION, one `key=value` a line: its presence marks the release complete. With `record`, the tree
 * record read from stdin is written first (TREE_RECORD).
 */
export function writeRevisionCommand(dir: string, r: Revision, record = false): string {
  const lines = [`tag=${r.tag}`, `commit=${r.commit}`, `source=${r.source}`, `deployed_at=${r.deployedAt}`];
  const revision = sh`printf '%s\\n' ${lines} > ${posix.join(dir, REVISION)}`;
  return record ? sh`cat > ${posix.join(dir, TREE_RECORD)} && ${raw(revision)}` : revision;
}

/** Creates shared/ and the directories shared links need (shared dirs, parents of shared files). */
export function makeSharedDirsCommand(sharedDir: string, dirs: string[]): string {
  return sh`mkdir -p -- ${[sharedDir, ...dirs]}`;
}

/** Prints the `path` of each shared file missing from shared/, one a line; prints nothing when all are there. */
export function missingSharedFilesCommand(files: SharedLink[]): string {
  return files.map((l) => sh`[ -e ${l.sharedPath} ] || printf '%s\\n' ${l.path};`).join(' ');
}

/** Replaces whatever the release holds at each shared path by a link into shared/. */
export function linkSharedCommand(plan: SharedLink[]): string {
  return plan
    .map(
      (l) =>
        sh`${raw(removeDirCommand(l.linkPath))} && mkdir -p -- ${posix.dirname(l.linkPath)} && ` +
        sh`ln -s -- ${l.linkTarget} ${l.linkPath}`,
    )
    .join(' && ');
}

/**
 * A user's install/migrate/restart command, in a login shell in `cwd`, told where it runs through
 * VPS_DEPLOY_TAG, VPS_DEPLOY_RELEASE_DIR and VPS_DEPLOY_APP_DIR; VPS_DEPLOY_ENV_FILE is the release's own config
 * (before the switch, shared/.env is still the running release's).
 */
export function releaseUserCommand(
  command: string,
  where: { tag: string; appDir: string; releaseDir: string; cwd: string; env?: Record<string, string> },
): string {
  return userCommand(command, {
    cwd: where.cwd,
    env: {
      ...where.env,
      VPS_DEPLOY_TAG: where.tag,
      VPS_DEPLOY_RELEASE_DIR: where.releaseDir,
      VPS_DEPLOY_APP_DIR: where.appDir,
      VPS_DEPLOY_ENV_FILE: posix.join(where.releaseDir, RELEASE_ENV),
    },
  });
}

// Switching, moving and removing.

/**
 * Points <app-dir>/current at `target` (relative to app-dir) in one rename(2): `ln -s` to a temporary name
 * (`.current.tmp-<tmpSuffix>`, unique per call), then `mv -T` over current, so at every instant current
 * resolves to the old or the new release. `ln -sfn` unlinks first, leaving a window with no current.
 */
export function switchCommand(appDir: string, target: string, tmpSuffix: string): string {
  const tmp = `.${CURRENT}.tmp-${tmpSuffix}`;
  return (
    sh`cd ${appDir} && ln -s -- ${target} ${tmp} && ` +
    sh`{ mv -T -- ${tmp} ${CURRENT} || { rc=$?; rm -f -- ${tmp}; exit $rc; }; }`
  );
}

/** Removes a directory even when it holds read-only files (Go module caches, some node_modules). */
export function removeDirCommand(path: string): string {
  return sh`{ rm -rf -- ${path} 2>/dev/null || { chmod -R u+w -- ${path} && rm -rf -- ${path}; }; }`;
}

/** Removes each of `names` from <app-dir>/releases, stopping at the first that cannot be removed. */
export function removeReleasesCommand(appDir: string, names: string[]): string {
  const releases = posix.join(appDir, RELEASES);
  return names.map((n) => removeDirCommand(posix.join(releases, n))).join(' && ');
}

/** Renames a directory; `-T` so that an existing `to` is never entered and `from` moved inside it. */
export function renameDirCommand(from: string, to: string): string {
  return sh`mv -T -- ${from} ${to}`;
}

/** Printed by placeReleaseCommand when it moved an existing release aside. */
export const MOVED_ASIDE = 'VPSD-MOVED-ASIDE';

/**
 * `incoming` becomes `release` (releases/<tag>), one command: whatever was at `release` first moves to `aside`
 * (and MOVED_ASIDE is printed), and back if incoming cannot take its place. Not for the release `current` points
 * at: that one cannot be renamed.
 */
export function placeReleaseCommand(incoming: string, release: string, aside: string): string {
  const place = renameDirCommand(incoming, release);
  return (
    sh`if [ -e ${release} ]; then ${raw(renameDirCommand(release, aside))} || exit; echo ${MOVED_ASIDE}; ` +
    sh`${raw(place)} || { rc=$?; ${raw(renameDirCommand(aside, release))}; exit $rc; }; else ${raw(place)}; fi`
  );
}

/** Printed by completeThenCommand when the release has no REVISION (an unfinished or foreign dir). */
export const NOT_COMPLETE = 'VPSD-NOT-COMPLETE';

/** `command` when `releaseDir` is complete (isCompleteCommand), else NOT_COMPLETE and exit 1, nothing run. */
export function completeThenCommand(releaseDir: string, command: string): string {
  return `{ ${isCompleteCommand(releaseDir)} || { echo ${NOT_COMPLETE}; exit 1; }; } && ${command}`;
}

/** A copy whose files are hard links: instant, no extra space, and the original stays in place. */
export function hardLinkCopyCommand(from: string, to: string): string {
  return sh`cp -al -- ${from} ${to}`;
}

/** `dir` becomes `from`: by rename (`from` is gone after) or by hard-link copy (`from` stays). */
export function replaceDirCommand(dir: string, from: string, how: 'rename' | 'copy'): string {
  const place = how === 'rename' ? renameDirCommand(from, dir) : hardLinkCopyCommand(from, dir);
  return `${removeDirCommand(dir)} && ${place}`;
}

// Reading the app's logs after a failure.

/** The user's logs-command (`journalctl -u app -n 80 --no-pager`) in a login shell in <app-dir>, stderr kept. */
export function appLogsCommand(command: string, appDir: string): string {
  return `${userCommand(command, { cwd: appDir })} 2>&1`;
}

// Guarding data before a prune.

/** How deep below a release dir prune looks for SQLite databases (./app.db, ./data/app.db, ./var/db/app.db). */
export const SQLITE_SEARCH_DEPTH = 4;

/**
 * Prints every SQLite database file (its first 16 bytes are `SQLite format 3\0`) in the given dirs, to a bounded
 * depth, not following links (shared/ is linked in, and is not the release's) and skipping dependency trees.
 */
export function sqliteFilesCommand(dirs: string[]): string {
  const check =
    'for f do [ "$(head -c 16 "$f" | tr "\\000" "@")" = "SQLite format 3@" ] && printf "%s\\n" "$f"; done; exit 0';
  return dirs
    .map(
      (d) =>
        sh`find ${d} -maxdepth ${String(SQLITE_SEARCH_DEPTH)} ${'('} -name node_modules -o -name .git -o -name .venv ${')'} -prune ` +
        sh`-o -type f -size +15c -exec sh -c ${check} sh ${'{}'} +`,
    )
    .join('; ');
}

// Incremental releases (incremental.ts).

/** Prints a release's REVISION (`key=value` lines) and its tree record line, or nothing of what it lacks. */
export function readRevisionCommand(releaseDir: string): string {
  return (
    sh`cat -- ${posix.join(releaseDir, REVISION)} 2>/dev/null; echo; ` +
    sh`cat -- ${posix.join(releaseDir, TREE_RECORD)} 2>/dev/null; exit 0`
  );
}

/**
 * One command for an incremental release, so it costs one channel: reads the list of unchanged paths (`keepBytes`
 * of NUL-separated names, first on stdin; dd reads exactly that much), hard-links them from `from` into a fresh
 * `dir`, then unpacks the tar that follows on stdin (the changed paths: none of them was linked, so each is
 * written as a new file). `then` runs after, its failure not the command's (the tree hash: treeHashThen).
 */
export function linkAndUnpackCommand(
  from: string,
  dir: string,
  keepBytes: number,
  gzip: boolean,
  /** Copies (reflinks where the file system has them) instead of hard links: see ReleaseBuild.copyUnchanged. */
  copy = false,
): string {
  // Inside the new dir, so whatever stops the command half-way leaves nothing outside it (prune removes it).
  const list = posix.join(dir, '.vps-deploy-keep');
  const readList = keepBytes
    ? sh`dd bs=${String(keepBytes)} count=1 iflag=fullblock of=${list} 2>/dev/null`
    : sh`: > ${list}`;
  return (
    sh`${raw(removeDirCommand(dir))} && mkdir -p -- ${dir} && ${raw(readList)} && ` +
    sh`(cd ${from} && xargs -0 -r cp ${copy ? '-a' : '-al'}${raw(copy ? ' --reflink=auto' : '')} --parents -t ${dir} -- < ${list}) && ` +
    sh`rm -f -- ${list} && ` +
    sh`tar -x${raw(gzip ? ' -z' : '')} --no-same-owner -f - -C ${dir}`
  );
}
