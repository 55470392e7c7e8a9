import { randomBytes } from 'node:crypto';
import { ConfigurationError, inPhase } from '../../io/errors.js';
import type { RemoteShell } from '../../ssh/remote-shell.js';
import { raw, sh } from '../../ssh/quote.js';
import type { ShellFragment } from '../../ssh/quote.js';
import { CURRENT, RELEASES, REVISION } from './layout.js';
import { parseReleaseListing } from './prune.js';
import type { ReleaseEntry } from './prune.js';

/**
 * The remote side of the release layout: read `current`, switch it atomically, list and remove release dirs.
 * The switch is `ln -s` to a temporary name, then one rename(2) over `current` (`mv -T`): at every instant
 * `current` resolves to the old or the new release. `ln -sfn` is two system calls (unlink, then symlink), with
 * a window in which `current` does not exist.
 */

/** What `current` is on the server: a link (its target), nothing yet, or something we must not replace. */
export type CurrentState = { kind: 'link'; target: string } | { kind: 'none' } | { kind: 'other' };

export async function readCurrent(conn: RemoteShell, appDir: string): Promise<CurrentState> {
  const r = await conn.run(
    sh`cd ${appDir} 2>/dev/null || exit 0; if [ -L ${CURRENT} ]; then printf 'link\\t%s\\n' "$(readlink ${CURRENT})"; ` +
      sh`elif [ -e ${CURRENT} ]; then echo other; fi`,
    'reading <app-dir>/current',
    { log: false },
  );
  const out = r.stdout.trim();
  if (out.startsWith('link\t')) return { kind: 'link', target: out.slice(5) };
  return out === 'other' ? { kind: 'other' } : { kind: 'none' };
}

/** Fails, before anything changes, when <app-dir>/current is a real file or directory (say, an old checkout). */
export function assertCurrentReplaceable(appDir: string, state: CurrentState): void {
  if (state.kind !== 'other') return;
  throw new ConfigurationError(
    `${appDir}/current exists and is not a symbolic link: the release strategy makes current a link to ` +
      `releases/<tag>. Move it away first (for example mv current current.old) and deploy again`,
  );
}

/** Shell text that points <app-dir>/current at `target` (relative to app-dir) in one rename. */
export function switchCommand(appDir: string, target: string): string {
  const tmp = `.${CURRENT}.tmp-${randomBytes(6).toString('hex')}`;
  return (
    sh`cd ${appDir} && ln -s -- ${target} ${tmp} && ` +
    sh`{ mv -T -- ${tmp} ${CURRENT} || { rc=$?; rm -f -- ${tmp}; exit $rc; }; }`
  );
}

export async function switchCurrent(conn: RemoteShell, appDir: string, target: string): Promise<void> {
  try {
    await conn.run(switchCommand(appDir, target), `switching current to ${target}`, { log: false });
  } catch (e) {
    throw inPhase('switch', e);
  }
}

/** Removes a directory even when it holds read-only files (Go module caches, some node_modules). */
export function removeDir(path: string): ShellFragment {
  return raw(sh`{ rm -rf -- ${path} 2>/dev/null || { chmod -R u+w -- ${path} && rm -rf -- ${path}; }; }`);
}

/** Every entry of releases/ with the time it was made and whether it is complete. */
export async function listReleases(conn: RemoteShell, appDir: string): Promise<ReleaseEntry[]> {
  const script =
    sh`cd ${appDir}/${RELEASES} 2>/dev/null || exit 0; ` +
    sh`for d in * .[!.]*; do [ -d "$d" ] && [ ! -L "$d" ] || continue; ` +
    sh`if [ -f "$d"/${REVISION} ]; then c=1; t=$(stat -c %.9Y "$d"/${REVISION}); else c=0; t=$(stat -c %.9Y "$d"); fi; ` +
    sh`printf '%s\\t%s\\t%s\\n' "$d" "$t" "$c"; done`;
  const r = await conn.run(script, 'listing releases', { log: false });
  return parseReleaseListing(r.stdout);
}
