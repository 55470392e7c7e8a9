import { posix } from 'node:path';
import { RemoteError, errText } from '../../io/errors.js';
import type { Log, RemoteShell } from '../../ssh/remote-shell.js';
import {
  changedPaths,
  gitArchivePaths,
  isAncestor,
  archiveFingerprint,
  treePaths,
} from '../../local/git-diff.js';
import { gitArchive } from '../../local/git.js';
import { linkAndUnpackCommand, readRevisionCommand, removeDirCommand, unpackCommand } from './commands.js';
import { RELEASES, REVISION, TREE_RECORD, tagOfCurrentTarget } from './layout.js';
import { RELEASE_ENV } from '../env-release.js';
import type { ReleaseSource } from './source.js';
import { readTarTree, tarObserver } from './tar-tree.js';
import { planFromContent } from './incremental-content.js';
import { tarPaths } from '../../local/tar-paths.js';
import type { LocalStream } from '../../local/exec.js';
import { Readable } from 'node:stream';
import { bytePath, isExcluded, printedTreeHash, treeHash, treeHashThen } from './tree-hash.js';
import type { TreeEntry } from './tree-hash.js';
import { composeTree, decodeTreeRecord, encodeTreeRecord, isTreeRecordLine } from './tree-record.js';
import { uploadRelease } from './upload.js';

/**
 * Makes releases/.incoming-* for a tag, incrementally when it can: when the release `current` points at was
 * made by git archive of a commit the checkout has, as an ancestor of the tag, the new dir is hard links to its
 * unchanged files plus the changed ones sent as a tar of only those paths (`git diff --name-status` between the
 * commits; a deleted file is simply not linked). No file of the previous release is written: changed paths are
 * not linked, so they arrive as new files, and the previous release stays intact for a rollback. Either way the
 * result is verified by its tree hash (tree-hash.ts) computed on the server against the same hash of what a full
 * upload sends; an incremental result that does not match is thrown away for a full upload, and a full upload
 * that does not match fails.
 */
export interface ReleaseBuild {
  source: ReleaseSource;
  workspace: string;
  tag: string;
  incoming: string;
  /** The release `current` points at, when there is one. */
  previous?: { tag: string; dir: string };
  /** The shared paths: replaced by links after the upload, so neither linked, sent nor hashed. */
  shared: string[];
  /**
   * Copy the unchanged files instead of hard-linking them: an install-command or migrate-command runs inside the
   * new release before the switch and may write a file in place (`echo 503 > behaviour`), which through a hard
   * link would change the release that serves, and the one a rollback returns to. Reflinks where the file
   * system has them (btrfs, XFS), else copies on the server: the upload stays as small.
   */
  copyUnchanged?: boolean;
  log: Log;
}

export interface BuiltRelease {
  how: 'incremental' | 'full';
  bytes: number;
  ms: number;
  /** The verified tree hash, undefined when the server could not compute one. */
  treeHash?: string;
  /** The release's tree record (tree-record.ts), to be kept with it. */
  record: string;
}

/** The release `current` points at, as buildRelease takes it (nothing when current is no release link). */
export function previousRelease(
  appDir: string,
  current: { kind: string; target?: string },
): Pick<ReleaseBuild, 'previous'> {
  const tag = current.kind === 'link' && current.target ? tagOfCurrentTarget(current.target) : undefined;
  return tag ? { previous: { tag, dir: posix.join(appDir, RELEASES, tag) } } : {};
}

/** Most changed paths one `git archive` command line takes: beyond, the whole release is sent. */
const MAX_PATHSPEC_BYTES = 256 * 1024;

export async function buildRelease(conn: RemoteShell, b: ReleaseBuild): Promise<BuiltRelease> {
  const started = performance.now();
  // What the deploy writes into every release itself: never taken from the previous one, never compared.
  const exclude = [...b.shared, REVISION, TREE_RECORD, RELEASE_ENV];
  if (b.previous) {
    const tried = await incremental(conn, b, b.previous, exclude, started);
    if (typeof tried !== 'string') return tried;
    if (!conn.isOpen) throw new RemoteError(tried, 'upload');
    (tried.startsWith('the tree hash') ? b.log.warning : b.log.info).call(
      b.log,
      `Uploading the whole release: ${tried}`,
    );
    await conn.run(removeDirCommand(b.incoming), 'removing the incremental attempt', { log: false });
  }
  // One channel: tar -x, then the tree hash of what it unpacked, while the runner hashes the bytes it sends.
  const observer = tarObserver(b.source.kind === 'tar.gz');
  const fingerprint = b.source.kind === 'git' ? archiveFingerprint(b.workspace, b.source.commit) : undefined;
  const up = await uploadRelease(conn, b.source, b.incoming, {
    onData: (c) => observer.write(c),
    command: treeHashThen(unpackCommand(b.incoming, b.source.kind === 'tar.gz'), b.incoming, exclude),
  });
  const sent = (await observer.tree()).entries;
  const expected = treeHash(sent.values(), exclude);
  const got = serverHash(up.stdout, b.incoming);
  if (got === undefined) {
    b.log.info(`  ${noToolsNote}: the release is not verified`);
  } else if (got !== expected) {
    throw new RemoteError(
      `the release unpacked on the server is not what was sent: its tree hash is ${short(got)}, the upload's ` +
        `${short(expected)} (a full disk or another writer in ${b.incoming}?)`,
      'upload',
    );
  }
  return {
    how: 'full',
    bytes: up.bytes,
    ms: performance.now() - started,
    record: encodeTreeRecord(sent.values(), await fingerprint),
    ...(got ? { treeHash: got } : {}),
  };
}

const noToolsNote =
  'the server cannot compute the tree hash (it needs GNU find, sort, and coreutils sha256sum -z and readlink -z)';

/** The built release, or why it could not be made incrementally (the caller uploads it whole). */
async function incremental(
  conn: RemoteShell,
  b: ReleaseBuild,
  prev: { tag: string; dir: string },
  exclude: string[],
  started: number,
): Promise<BuiltRelease | string> {
  if (b.source.kind === 'directory' && b.source.path)
    return fromDirectory(conn, b, b.source.path, prev, exclude, started);
  if (b.source.kind !== 'git')
    return `incremental uploads are made from git archive or a directory, not a ${b.source.kind}`;
  try {
    return await fromGit(conn, b, prev, exclude, started);
  } catch (e) {
    // A failure on the runner (git) is a reason for the full upload, which then fails on its own if it must.
    if (!conn.isOpen) throw e;
    return `the incremental release could not be made: ${errText(e)}`;
  }
}

/**
 * A release from git archive: hard links for what `git diff` says is unchanged, a tar of the rest. The hash it
 * must have comes from the previous release's tree record and the changed files as they are sent; without a
 * record, or when the server's hash differs from that, from reading the whole commit with git archive.
 */
async function fromGit(
  conn: RemoteShell,
  b: ReleaseBuild,
  prev: { tag: string; dir: string },
  exclude: string[],
  started: number,
): Promise<BuiltRelease | string> {
  const from = `releases/${prev.tag}`;
  // What the runner's git says of the new commit alone, read while the server answers.
  const ofCommit = Promise.all([
    treePaths(b.workspace, b.source.commit),
    archiveFingerprint(b.workspace, b.source.commit),
  ]);
  ofCommit.catch(() => undefined);
  const stored = (
    await conn.run(readRevisionCommand(prev.dir), `reading ${from}/REVISION`, { log: false })
  ).stdout.split('\n');
  const revision = parseRevision(stored.filter((l) => !isTreeRecordLine(l)).join('\n'));
  const record = decodeTreeRecord(stored.find(isTreeRecordLine) ?? '');
  if (!revision.commit || !revision.source?.startsWith('git archive'))
    return `${from} was not made by git archive of a known commit (its REVISION says ${revision.source ?? 'nothing'})`;
  const ancestry = await isAncestor(b.workspace, revision.commit, b.source.commit);
  if (ancestry === 'unknown')
    return `the commit of ${from} (${revision.commit.slice(0, 12)}) is not in the checkout (actions/checkout with fetch-depth: 0 has it)`;
  if (ancestry === 'no')
    return `the commit of ${from} (${revision.commit.slice(0, 12)}) is not an ancestor of ${b.tag}`;

  // What a full upload would send, read from git: at once without a record (while the server links and
  // unpacks), else only if the record's answer is not the server's.
  let whole: { entries: Promise<TreeEntry[]>; stop: () => void } | undefined;
  const readWhole = () => {
    if (!whole) {
      const archive = gitArchive(b.workspace, b.source.commit);
      const entries = Promise.all([readTarTree(archive.stream), archive.finished]).then(([t]) => [
        ...t.entries.values(),
      ]);
      entries.catch(() => undefined);
      whole = { entries, stop: archive.stop };
    }
    return whole.entries;
  };
  if (!record) void readWhole();
  const give = (why: string) => {
    whole?.stop();
    return why;
  };
  // An unchanged blob archives as it did only if what converts it did not change (attributes, text config).
  const [changes, [paths, fingerprint]] = await Promise.all([
    changedPaths(b.workspace, revision.commit, b.source.commit),
    ofCommit,
  ]);
  const usable = fingerprint && record?.fingerprint === fingerprint ? record.entries : undefined;
  if (record && !usable) void readWhole();
  const ex = exclude.map(bytePath);
  const changed = new Set(changes.filter((c) => c.status !== 'D').map((c) => c.path));
  const deleted = changes.filter((c) => c.status === 'D').length;
  const keep = paths.filter((p) => !changed.has(p) && !isExcluded(p, ex));
  const send = [...changed].filter((p) => !isExcluded(p, ex));
  if (send.some((p) => !isUtf8(p)))
    return give('a changed path is not UTF-8 (git archive takes the changed paths as arguments)');
  if (send.reduce((n, p) => n + p.length + 12, 0) > MAX_PATHSPEC_BYTES)
    return give(`${send.length} changed paths are more than one git archive command line takes`);
  const observer = tarObserver(false);
  const made = await linkAndSend(conn, b, prev.dir, keep, exclude, () => {
    const s = send.length ? gitArchivePaths(b.workspace, b.source.commit, send) : emptyTar();
    s.stream.on('data', (c: Buffer) => observer.write(c));
    return s;
  });
  if (typeof made === 'string') return give(made);
  let entries =
    usable && composeTree(paths, changed, usable, (await observer.tree()).entries, (p) => isExcluded(p, ex));
  let basis = `the tree record of ${from} and the files sent`;
  if (!entries || treeHash(entries, exclude) !== made.hash) {
    entries = await readWhole();
    basis = 'git archive of the whole commit';
  }
  return verified(b, from, entries, exclude, made, started, {
    summary: `${send.length} changed, ${deleted} deleted, ${keep.length} ${b.copyUnchanged ? 'copied' : 'linked'}`,
    madeOf: 'its commit',
    basis,
    fingerprint,
  });
}

/** A release from a `source` directory: linked where the previous release has the same content. */
async function fromDirectory(
  conn: RemoteShell,
  b: ReleaseBuild,
  dir: string,
  prev: { tag: string; dir: string },
  exclude: string[],
  started: number,
): Promise<BuiltRelease | string> {
  const localTree = async () => {
    const p = b.source.open();
    return (await Promise.all([readTarTree(p.stream), p.finished]))[0];
  };
  const plan = await planFromContent(conn, prev.dir, exclude, localTree);
  if (typeof plan === 'string') return plan;
  const made = await linkAndSend(conn, b, prev.dir, plan.keep, exclude, () =>
    plan.send.length ? tarPaths(dir, plan.send) : emptyTar(),
  );
  if (typeof made === 'string') return made;
  return verified(b, `releases/${prev.tag}`, plan.entries, exclude, made, started, {
    summary: `${plan.send.length} sent, ${plan.keep.length} ${b.copyUnchanged ? 'copied' : 'linked'} (same content)`,
    madeOf: 'the content it was listed with',
    basis: 'read from the source directory',
  });
}

/** One channel: the unchanged paths linked from `prevDir`, the changed ones unpacked, the tree hash printed. */
async function linkAndSend(
  conn: RemoteShell,
  b: ReleaseBuild,
  prevDir: string,
  keep: string[],
  exclude: string[],
  open: () => LocalStream,
): Promise<{ bytes: number; hash: string | undefined } | string> {
  const list = Buffer.from(keep.map((p) => `${p}\0`).join(''), 'latin1');
  const command = treeHashThen(
    linkAndUnpackCommand(prevDir, b.incoming, list.length, false, b.copyUnchanged),
    b.incoming,
    exclude,
  );
  try {
    const source = { kind: b.source.kind, describe: `the changed paths of ${b.source.describe}`, open };
    const up = await uploadRelease(conn, source, b.incoming, { command, prefix: list });
    return { bytes: up.bytes, hash: serverHash(up.stdout, b.incoming) };
  } catch (e) {
    if (!conn.isOpen) throw e;
    return `linking the unchanged files or sending the changed ones failed: ${errText(e)}`;
  }
}

/** A tar with no member: what an incremental release sends when only deletions changed. */
function emptyTar(): LocalStream {
  return { stream: Readable.from([Buffer.alloc(10240)]), finished: Promise.resolve(), stop: () => undefined };
}

/** The incremental release once its tree hash is that of `entries` (what a full upload sends), or why it is not trusted. */
function verified(
  b: ReleaseBuild,
  from: string,
  entries: TreeEntry[],
  exclude: string[],
  made: { bytes: number; hash: string | undefined },
  started: number,
  what: { summary: string; madeOf: string; basis: string; fingerprint?: string | undefined },
): BuiltRelease | string {
  const got = made.hash;
  if (got === undefined) return `${noToolsNote}, so an incremental release cannot be verified`;
  const want = treeHash(entries, exclude);
  if (got !== want)
    return (
      `the tree hash of the incremental release (${short(got)}) is not that of ${b.source.describe} ` +
      `(${short(want)}): ${from} differs from ${what.madeOf} (changed on the server by hand?) and is not trusted`
    );
  b.log.info(`  incremental from ${from}: ${what.summary}; tree hash ${short(got)} verified (${what.basis})`);
  return {
    how: 'incremental',
    bytes: made.bytes,
    ms: performance.now() - started,
    treeHash: got,
    record: encodeTreeRecord(entries, what.fingerprint),
  };
}

/** The tree hash the server printed after unpacking, undefined when it lacks the tools; throws on anything else. */
function serverHash(stdout: string, dir: string): string | undefined {
  const hash = printedTreeHash(stdout);
  if (hash === null)
    throw new RemoteError(
      `computing the tree hash of ${dir} failed: the server printed ${JSON.stringify(stdout.slice(-300))}`,
      'upload',
    );
  return hash;
}

/** REVISION's `key=value` lines. */
export function parseRevision(text: string): { commit?: string; source?: string; tag?: string } {
  const out: Record<string, string> = {};
  for (const line of text.split('\n')) {
    const eq = line.indexOf('=');
    if (eq > 0) out[line.slice(0, eq)] = line.slice(eq + 1);
  }
  return out;
}

function isUtf8(byteString: string): boolean {
  const b = Buffer.from(byteString, 'latin1');
  return Buffer.from(b.toString('utf8'), 'utf8').equals(b);
}

const short = (hash: string) => hash.slice(0, 12);
