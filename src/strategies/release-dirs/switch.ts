import { randomBytes } from 'node:crypto';
import { commandFailed, ConfigurationError } from '../../io/errors.js';
import type { RemoteShell } from '../../ssh/remote-shell.js';
import {
  completeThenCommand,
  listReleasesCommand,
  NOT_COMPLETE,
  readCurrentCommand,
  switchCommand,
} from './commands.js';
import { parseReleaseListing } from './prune.js';
import type { ReleaseEntry } from './prune.js';

/**
 * The remote side of the release layout: read `current`, switch it atomically (see switchCommand), list the
 * release dirs. The command text is commands.ts's; what its output means is decided here.
 */

/** What `current` is on the server: a link (its target), nothing yet, or something we must not replace. */
export type CurrentState = { kind: 'link'; target: string } | { kind: 'none' } | { kind: 'other' };

export async function readCurrent(conn: RemoteShell, appDir: string): Promise<CurrentState> {
  const r = await conn.run(readCurrentCommand(appDir), 'reading <app-dir>/current', { log: false });
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

/** switchCommand with a fresh temporary name: a link a killed run left behind never makes `ln -s` fail. */
function freshSwitchCommand(appDir: string, target: string): string {
  return switchCommand(appDir, target, randomBytes(6).toString('hex'));
}

export async function switchCurrent(conn: RemoteShell, appDir: string, target: string): Promise<void> {
  const command = freshSwitchCommand(appDir, target);
  // Not tagged with a phase of its own: the caller's phase (activate, rollback, upload's aside copy) names it.
  await conn.run(command, `switching current to ${target}`, { log: false });
}

/**
 * switchCurrent to `target` (relative to appDir) only when `releaseDir` is complete, in one command: false,
 * with nothing changed, when it is not.
 */
export async function switchCurrentIfComplete(
  conn: RemoteShell,
  appDir: string,
  releaseDir: string,
  target: string,
): Promise<boolean> {
  const r = await conn.exec(completeThenCommand(releaseDir, freshSwitchCommand(appDir, target)), {
    log: false,
  });
  if (r.code === 0) return true;
  if (r.stdout.includes(NOT_COMPLETE)) return false;
  throw commandFailed(`switching current to ${target}`, r);
}

/** Every entry of releases/ with the time it was made and whether it is complete. */
export async function listReleases(conn: RemoteShell, appDir: string): Promise<ReleaseEntry[]> {
  const r = await conn.run(listReleasesCommand(appDir), 'listing releases', { log: false });
  return parseReleaseListing(r.stdout);
}
