import { posix } from 'node:path';
import { ConfigurationError } from '../../io/errors.js';
import { TAG_PATTERN } from '../../flow/tag.js';

/**
 * Where things live under <app-dir> for the release strategy (docs/server-layout.md), and the plan of links
 * from shared/ into a release. Pure: no I/O, so every rule here has a table test (test/unit/strategies/release-dirs/layout.test.ts).
 */
export const RELEASES = 'releases';
export const SHARED = 'shared';
export const CURRENT = 'current';
/** Written into every release: tag, commit, source, time. Its presence marks a release as complete. */
export const REVISION = 'REVISION';
/** Beside REVISION: the tree the release was verified against (tree-record.ts). */
export const TREE_RECORD = '.vps-deploy-tree';
/** Work-in-progress names inside releases/: never a release, removed by prune when a run was killed. */
export const INCOMING_PREFIX = '.incoming-';
export const REPLACED_PREFIX = '.replaced-';

export interface ReleasePaths {
  appDir: string;
  releases: string;
  shared: string;
  current: string;
  /** Absolute path of releases/<tag>. */
  release: string;
  /** What `current` points at for this tag: relative, so the layout survives a move of app-dir. */
  currentTarget: string;
}

export function releasePaths(appDir: string, tag: string): ReleasePaths {
  if (!TAG_PATTERN.test(tag))
    throw new ConfigurationError(`tag ${JSON.stringify(tag)} is not a release name: takes ${TAG_PATTERN}`);
  return {
    appDir,
    releases: posix.join(appDir, RELEASES),
    shared: posix.join(appDir, SHARED),
    current: posix.join(appDir, CURRENT),
    release: posix.join(appDir, RELEASES, tag),
    currentTarget: `${RELEASES}/${tag}`,
  };
}

/** The tag a `current` link target names (`releases/v1` -> `v1`), or undefined for anything else. */
export function tagOfCurrentTarget(target: string): string | undefined {
  const m = /^(?:.*\/)?releases\/([^/]+)\/?$/.exec(target.trim());
  return m ? m[1] : undefined;
}

/**
 * Why a shared-files / shared-dirs entry cannot be used, or undefined when it is fine. Entries are paths
 * relative to the release (and to shared/): `.env`, `config/settings.local.py`, `media`.
 */
export function sharedPathProblem(path: string): string | undefined {
  if (path === '') return 'is empty';
  if (path.includes('\0')) return 'contains a NUL byte';
  if (path.startsWith('/')) return 'is absolute: give a path relative to the release, like .env or media';
  const parts = path.replace(/\/+$/, '').split('/');
  if (parts.some((p) => p === '..')) return 'climbs out with ..: give a path inside the release';
  if (parts.every((p) => p === '.' || p === '')) return 'names the release itself';
  if (parts[0] === REVISION && parts.length === 1) return 'is the REVISION file the deploy writes';
  return undefined;
}

/** `./config//app.env/` -> `config/app.env`. */
export function normalizeSharedPath(path: string): string {
  return posix
    .normalize(path)
    .replace(/^(\.\/)+/, '')
    .replace(/\/+$/, '');
}

export interface SharedLink {
  kind: 'file' | 'dir';
  /** As the user named it (normalized), relative to the release and to shared/. */
  path: string;
  /** Absolute path in shared/ (what must exist, or be created for a dir). */
  sharedPath: string;
  /** Absolute path of the link inside the release. */
  linkPath: string;
  /** What the link holds: relative to the link's own directory. */
  linkTarget: string;
}

/** The links that make shared/ visible inside releases/<tag>; throws when two entries collide. */
export function planSharedLinks(appDir: string, tag: string, files: string[], dirs: string[]): SharedLink[] {
  const p = releasePaths(appDir, tag);
  const seen = new Map<string, string>();
  const plan: SharedLink[] = [];
  const add = (kind: 'file' | 'dir', input: string, raw: string) => {
    const problem = sharedPathProblem(raw);
    if (problem)
      throw new ConfigurationError(`input "${input}" got ${JSON.stringify(raw)}: the path ${problem}`);
    const path = normalizeSharedPath(raw);
    for (const [other, otherInput] of seen) {
      if (other === path || other.startsWith(`${path}/`) || path.startsWith(`${other}/`)) {
        throw new ConfigurationError(
          `input "${input}" got ${JSON.stringify(raw)}: it overlaps ${JSON.stringify(other)} from "${otherInput}"; ` +
            'a shared path may be listed once and may not lie inside another',
        );
      }
    }
    seen.set(path, input);
    const linkPath = posix.join(p.release, path);
    const sharedPath = posix.join(p.shared, path);
    plan.push({
      kind,
      path,
      sharedPath,
      linkPath,
      linkTarget: posix.relative(posix.dirname(linkPath), sharedPath),
    });
  };
  for (const f of files) add('file', 'shared-files', f);
  for (const d of dirs) add('dir', 'shared-dirs', d);
  return plan;
}
