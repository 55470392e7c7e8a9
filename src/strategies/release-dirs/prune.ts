import { selectPrunable } from '../../flow/prune-rule.js';
import { TAG_PATTERN } from '../../flow/tag.js';
import { INCOMING_PREFIX, REPLACED_PREFIX } from './layout.js';

/** One entry of <app-dir>/releases as the server lists it. */
export interface ReleaseEntry {
  name: string;
  /** When the release was made (seconds; its REVISION file's mtime). */
  time: number;
  /** Has a REVISION file: the upload finished. */
  complete: boolean;
}

export interface PruneChoice {
  /** Release tags kept, newest first. */
  keep: string[];
  /** Release tags removed. */
  remove: string[];
  /** Work-in-progress dirs of killed runs (.incoming-*, .replaced-*), removed too. */
  leftovers: string[];
}

/**
 * Which release dirs to remove. `current` and everything in `protect` (the flow passes current and previous)
 * are always kept. The rest are kept newest first until `keep` good releases are on the server, counting the
 * protected ones. A release in `failed` (its gate failed) never takes one of those places: it is removed unless
 * protected, so it can never push out the last good release (Capistrano's cleanup counts every dir, and has
 * deleted users' last working release that way). Dirs that are not ours (no REVISION, not a tag name) are
 * never touched.
 */
export function choosePrune(
  entries: ReleaseEntry[],
  opts: { keep: number; protect: string[]; failed: string[]; current?: string },
): PruneChoice {
  const protect = [...opts.protect, ...(opts.current ? [opts.current] : [])].filter(Boolean);
  const leftovers = entries
    .filter((e) => e.name.startsWith(INCOMING_PREFIX) || e.name.startsWith(REPLACED_PREFIX))
    .filter((e) => !protect.includes(e.name))
    .map((e) => e.name);
  const releases = releasesNewestFirst(entries);
  // The rule itself is the flow's, shared with the compose strategy's image pruning.
  const remove = new Set(
    selectPrunable(
      releases.map((r) => ({ tag: r.name, time: r.time })),
      opts.keep,
      protect,
      opts.failed,
    ),
  );
  return {
    keep: releases.map((r) => r.name).filter((n) => !remove.has(n)),
    remove: releases.map((r) => r.name).filter((n) => remove.has(n)),
    leftovers,
  };
}

/** Complete releases (a REVISION file, a tag name), newest first. */
export function releasesNewestFirst(entries: ReleaseEntry[]): ReleaseEntry[] {
  return entries
    .filter((e) => e.complete && TAG_PATTERN.test(e.name))
    .sort((a, b) => b.time - a.time || (a.name < b.name ? 1 : -1));
}

/** Parses the listing script's output: `name<TAB>mtime<TAB>0|1` per line. */
export function parseReleaseListing(text: string): ReleaseEntry[] {
  return text
    .split('\n')
    .filter(Boolean)
    .map((line) => {
      const [name = '', time = '0', complete = '0'] = line.split('\t');
      return { name, time: Number(time) || 0, complete: complete === '1' };
    })
    .filter((e) => e.name !== '');
}
