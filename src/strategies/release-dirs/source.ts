import { closeSync, createReadStream, openSync, readSync, statSync } from 'node:fs';
import { isAbsolute, resolve } from 'node:path';
import { ConfigurationError } from '../../io/errors.js';
import { MissingToolError } from '../../local/exec.js';
import type { LocalStream } from '../../local/exec.js';
import { commitOf, gitArchive } from '../../local/git.js';
import { tarDirectory } from '../../local/tar.js';

/**
 * What becomes releases/<tag>, on the runner: `git archive` of the tag from the workspace (the default: the
 * server needs no git credentials or deploy key), a directory, or a tarball. Each is turned into one tar stream
 * that the upload pipes into `tar -x` on the server.
 */
export type SourceKind = 'git' | 'directory' | 'tar' | 'tar.gz';

export interface SourceFacts {
  exists: boolean;
  isDirectory: boolean;
  /** The first 512 bytes of a file (enough for the gzip and ustar magic numbers). */
  head?: Buffer;
}

const TAKES =
  'takes a directory or a .tar / .tar.gz / .tgz file on the runner (empty: git archive of the tag)';

/** Decides the kind of a `source` from its name and its first bytes; throws a ConfigurationError otherwise. */
export function sourceKind(source: string, facts: SourceFacts): SourceKind {
  if (source === '') return 'git';
  const got = `input "source" got ${JSON.stringify(source)}`;
  if (!facts.exists)
    throw new ConfigurationError(`${got}: there is nothing at that path on the runner; ${TAKES}`);
  if (facts.isDirectory) return 'directory';
  const head = facts.head ?? Buffer.alloc(0);
  const gzip = head.length >= 2 && head[0] === 0x1f && head[1] === 0x8b;
  const ustar = head.length >= 262 && head.subarray(257, 262).toString('latin1') === 'ustar';
  if (/\.(tar\.gz|tgz)$/i.test(source)) {
    if (!gzip)
      throw new ConfigurationError(
        `${got}: the name says gzip but the file is not gzip-compressed; ${TAKES}`,
      );
    return 'tar.gz';
  }
  if (/\.tar$/i.test(source)) {
    if (!ustar)
      throw new ConfigurationError(`${got}: the name says tar but the file is not a tar archive; ${TAKES}`);
    return 'tar';
  }
  if (gzip) return 'tar.gz';
  if (ustar) return 'tar';
  throw new ConfigurationError(`${got}: the file is neither a tar archive nor gzip-compressed; ${TAKES}`);
}

/** A relative `source` is relative to the workspace (the checked-out repository). */
export function sourcePath(workspace: string, source: string): string {
  return source === '' || isAbsolute(source) ? source : resolve(workspace, source);
}

/** Looks at the runner's file system for sourceKind. */
export function sourceFacts(path: string): SourceFacts {
  let st;
  try {
    st = statSync(path);
  } catch {
    return { exists: false, isDirectory: false };
  }
  if (st.isDirectory()) return { exists: true, isDirectory: true };
  const head = Buffer.alloc(512);
  const fd = openSync(path, 'r');
  try {
    const n = readSync(fd, head, 0, 512, 0);
    return { exists: true, isDirectory: false, head: head.subarray(0, n) };
  } finally {
    closeSync(fd);
  }
}

export interface ReleaseSource {
  kind: SourceKind;
  /** Human description for REVISION and the log. */
  describe: string;
  commit: string;
  /** The directory or tarball on the runner (not for git archive). */
  path?: string;
  /** Starts producing the tar stream. `finished` rejects when the local producer (git, tar) fails. */
  open(): LocalStream;
}

/** Resolves the release's source on the runner. Throws a ConfigurationError a user can act on. */
export async function resolveSource(workspace: string, source: string, tag: string): Promise<ReleaseSource> {
  const path = sourcePath(workspace, source);
  const kind = sourceKind(path, path ? sourceFacts(path) : { exists: true, isDirectory: false });
  // Another source needs no git: the commit is only recorded in REVISION, so a runner without git says unknown.
  const commit = await commitOf(workspace, tag).catch((e: unknown) => {
    if (kind !== 'git' && e instanceof MissingToolError) return undefined;
    throw e;
  });
  if (kind === 'git') {
    if (!commit) {
      throw new ConfigurationError(
        `tag ${JSON.stringify(tag)} is not in the git repository at ${workspace}: the release is made with ` +
          '`git archive` of the tag, so check it out with its tags (actions/checkout with fetch-depth: 0, or ' +
          'fetch-tags: true), or give "source" (a directory or tarball)',
      );
    }
    return {
      kind,
      describe: `git archive ${tag}`,
      commit,
      open: () => gitArchive(workspace, commit),
    };
  }
  if (kind === 'directory') {
    return {
      kind,
      describe: `directory ${path}`,
      commit: commit ?? 'unknown',
      path,
      open: () => tarDirectory(path),
    };
  }
  return {
    kind,
    describe: `tarball ${path}`,
    commit: commit ?? 'unknown',
    path,
    open: () => {
      const stream = createReadStream(path, { highWaterMark: 1024 * 1024 });
      const finished = new Promise<void>((res, rej) => {
        stream.on('end', res);
        stream.on('close', res);
        stream.on('error', rej);
      });
      return { stream, finished, stop: () => stream.destroy() };
    },
  };
}
