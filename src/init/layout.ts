import { posix } from 'node:path';
import type { InitSettings } from './settings.js';
import { ensureDirsText, ensureFileText } from './script.js';
import type { DirSpec } from './script.js';

/**
 * `<app-dir>` as deploys expect it (docs/server-layout.md): releases/, shared/ (+ shared-dirs), backups/,
 * .vps-deploy/, and for a proxy or blue-green the proxy/ and slots/ directories, all owned by the deploy user.
 * With an app group, shared/ and its dirs are setgid to it and group-writable, so the app (running as its own
 * user) writes `shared/data` and what it writes stays in the group the deploy user backs up and restores.
 */
export function layoutDirs(s: InitSettings): DirSpec[] {
  const own = (path: string, mode: number): DirSpec => ({
    path,
    mode,
    owner: s.deployUser,
    group: s.appGroup,
  });
  const shared = s.appGroup ? 0o2775 : 0o755;
  const at = (...p: string[]) => posix.join(s.appDir, ...p);
  const dirs = [
    own(s.appDir, 0o755),
    own(at('.vps-deploy'), 0o755),
    own(at('releases'), 0o755),
    own(at('shared'), shared),
    ...s.sharedDirs.map((d) => own(at('shared', d), shared)),
    own(at('backups'), 0o750),
  ];
  if (s.unit?.blueGreen) dirs.push(own(at('slots'), 0o755));
  if (s.proxy) {
    const upstreamDir = posix.dirname(s.proxy.upstreamPath);
    if (upstreamDir !== s.appDir) dirs.push(own(upstreamDir, 0o755));
  }
  return dirs;
}

/** `shared/.env` as an empty file when missing (the unit and shared-files expect it); an existing one is left as it is. */
export function envFilePath(s: InitSettings): string {
  return posix.join(s.appDir, 'shared', '.env');
}

/** The layout step (stdin: empty, the content of a new shared/.env). */
export function layoutStepText(s: InitSettings): string {
  const envFile = ensureFileText(
    { path: envFilePath(s), mode: 0o600, owner: s.deployUser, group: s.appGroup },
    { keepContent: true, keepMeta: true },
  );
  return `${ensureDirsText(layoutDirs(s))}\n${envFile}`;
}
