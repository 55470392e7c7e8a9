import type { RemoteShell } from '../../ssh/remote-shell.js';
import { tailOf } from '../../io/errors.js';
import { tarPaths } from '../../local/tar-paths.js';
import { linkUnchangedCommand } from './commands.js';
import type { TarTree } from './tar-tree.js';
import {
  bytePath,
  isExcluded,
  NO_HASH_TOOLS,
  parseTreeManifest,
  treeHash,
  treeManifestCommand,
} from './tree-hash.js';
import type { TreeEntry } from './tree-hash.js';
import { uploadRelease } from './upload.js';

/**
 * The plan of an incremental release from a `source` directory, which has no history to diff: a content-hash
 * list of the previous release (read on the server) against the tree the directory makes (read on the runner).
 * A path whose kind, owner-executable bit and content (or link target) are the same is linked from the previous
 * release; everything else is sent, directories too (they are tiny, and an empty one has no file to bring it).
 */
export interface ContentPlan {
  keep: string[];
  send: string[];
  /** The tree hash the new release must have. */
  expected: string;
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
  return { keep, send, expected: treeHash(tree.entries.values(), exclude) };
}

function same(a: TreeEntry | undefined, b: TreeEntry): boolean {
  if (!a || a.kind !== b.kind) return false;
  if (a.kind === 'file' && b.kind === 'file') return a.executable === b.executable && a.sha256 === b.sha256;
  return a.kind === 'link' && b.kind === 'link' && a.target === b.target;
}

/** Links `keep` from the previous release, then sends `send` from the directory; a reason when it fails. */
export async function applyContentPlan(
  conn: RemoteShell,
  plan: ContentPlan,
  dir: string,
  prevDir: string,
  incoming: string,
): Promise<{ bytes: number } | string> {
  const linked = await conn.exec(linkUnchangedCommand(prevDir, incoming), {
    stdin: Buffer.from(plan.keep.join('\0'), 'latin1'),
    log: false,
  });
  if (linked.code !== 0)
    return `linking the unchanged files failed (exit ${linked.code})${tailOf(linked.stderr)}`;
  if (!plan.send.length) return { bytes: 0 };
  const source = {
    kind: 'directory' as const,
    describe: `directory ${dir} (${plan.send.length} changed paths)`,
    open: () => tarPaths(dir, plan.send),
  };
  return { bytes: (await uploadRelease(conn, source, incoming)).bytes };
}
