import type { RemoteShell } from '../../ssh/remote-shell.js';
import { tailOf } from '../../io/errors.js';
import type { TarTree } from './tar-tree.js';
import { bytePath, isExcluded, NO_HASH_TOOLS, parseTreeManifest, treeManifestCommand } from './tree-hash.js';
import type { TreeEntry } from './tree-hash.js';

/**
 * The plan of an incremental release from a `source` directory, which has no history to diff: a content-hash
 * list of the previous release (read on the server) against the tree the directory makes (read on the runner).
 * A path whose kind, owner-executable bit and content (or link target) are the same is linked from the previous
 * release; everything else is sent, directories too (they are tiny, and an empty one has no file to bring it).
 */
export interface ContentPlan {
  keep: string[];
  send: string[];
  /** The tree the new release must have (its tree hash, its tree record). */
  entries: TreeEntry[];
}

/** The plan, or why there is none; `localTree` reads the source as a full upload would send it. */
export async function planFromContent(
  conn: RemoteShell,
  prevDir: string,
  exclude: string[],
  localTree: () => Promise<TarTree>,
): Promise<ContentPlan | string> {
  const [listing, tree] = await Promise.all([
    conn.exec(treeManifestCommand(prevDir, exclude), { log: false, maxStdout: 512 * 1024 * 1024 }),
    localTree(),
  ]);
  if (listing.stdout.includes(NO_HASH_TOOLS))
    return 'the server cannot list the previous release by content (it needs GNU find and coreutils sha256sum -z)';
  if (listing.code !== 0)
    return `listing the previous release failed (exit ${listing.code})${tailOf(listing.stderr)}`;
  const have = new Map(parseTreeManifest(bytePath(listing.stdout)).map((e) => [e.path, e]));
  const ex = exclude.map(bytePath);
  const keep: string[] = [];
  const send: string[] = [];
  for (const e of tree.entries.values()) {
    if (isExcluded(e.path, ex)) continue;
    if (e.kind !== 'dir' && same(have.get(e.path), e)) keep.push(e.path);
    else send.push(e.path);
  }
  return { keep, send, entries: [...tree.entries.values()] };
}

function same(a: TreeEntry | undefined, b: TreeEntry): boolean {
  if (!a || a.kind !== b.kind) return false;
  if (a.kind === 'file' && b.kind === 'file') return a.executable === b.executable && a.sha256 === b.sha256;
  return a.kind === 'link' && b.kind === 'link' && a.target === b.target;
}
