import { gunzipSync, gzipSync } from 'node:zlib';
import type { TreeEntry } from './tree-hash.js';

/**
 * The tree record kept with each release (TREE_RECORD, written with REVISION once the release is verified): every
 * entry the runner computed the release's tree hash from, as `git archive <tag>` or the source directory made it.
 * The next incremental deploy takes the unchanged paths' entries from it and reads only the changed files, so the
 * runner's side of the tree hash no longer reads the whole app from git. It is a cache of facts about the commit,
 * not about the server's files: the server still hashes every file of the new release, and a record that lies
 * (hand-edited, from an older version) can only make the hashes differ, which the caller then settles by reading
 * the whole commit as before.
 *
 * A blob `git diff` calls unchanged archives to the same bytes only while what converts it is the same
 * (attributes, text config, git's version): the record carries that as a fingerprint (archiveFingerprint in
 * src/local/git-diff.ts), and is used only by a commit with the same one.
 *
 * Format: `vps-deploy-tree/2 <fingerprint or -> ` then base64 of gzip of NUL-separated fields, per entry `D path`,
 * `F sha path`, `X sha path` (owner-executable file) or `L path target`. base64 because the shell returns text
 * (UTF-8), and paths are byte strings.
 */
const MAGIC = 'vps-deploy-tree/2 ';

export interface TreeRecord {
  /** What converted the blobs when the tree was made; '' when unknown (a source directory, export-subst). */
  fingerprint: string;
  entries: Map<string, TreeEntry>;
}

export function encodeTreeRecord(entries: Iterable<TreeEntry>, fingerprint = ''): string {
  const fields: string[] = [];
  for (const e of entries) {
    if (e.kind === 'dir') fields.push('D', e.path);
    else if (e.kind === 'link') fields.push('L', e.path, e.target);
    else fields.push(e.executable ? 'X' : 'F', e.sha256, e.path);
  }
  const body = Buffer.from(fields.map((f) => `${f}\0`).join(''), 'latin1');
  return `${MAGIC}${fingerprint || '-'} ${gzipSync(body, { level: 1 }).toString('base64')}`;
}

/** Whether a line of output is a tree record (of any version): readRevisionCommand prints it after REVISION. */
export function isTreeRecordLine(line: string): boolean {
  return line.startsWith('vps-deploy-tree/');
}

/** The record, or undefined when `text` is no record this version wrote. */
export function decodeTreeRecord(text: string): TreeRecord | undefined {
  const t = text.trim();
  if (!t.startsWith(MAGIC)) return undefined;
  const [fingerprint = '', data = ''] = t.slice(MAGIC.length).split(' ');
  let fields: string[];
  try {
    fields = gunzipSync(Buffer.from(data, 'base64')).toString('latin1').split('\0');
  } catch {
    return undefined;
  }
  const out = new Map<string, TreeEntry>();
  let i = 0;
  const next = () => fields[i++];
  while (i < fields.length - 1) {
    const kind = next();
    if (kind === 'D') {
      const path = next();
      if (path === undefined) return undefined;
      out.set(path, { kind: 'dir', path });
    } else if (kind === 'L') {
      const [path, target] = [next(), next()];
      if (path === undefined || target === undefined) return undefined;
      out.set(path, { kind: 'link', path, target });
    } else if (kind === 'F' || kind === 'X') {
      const [sha256, path] = [next(), next()];
      if (path === undefined || !/^[0-9a-f]{64}$/.test(sha256 ?? '')) return undefined;
      out.set(path, { kind: 'file', path, executable: kind === 'X', sha256: sha256! });
    } else return undefined;
  }
  return { fingerprint: fingerprint === '-' ? '' : fingerprint, entries: out };
}

/**
 * The entries of the new commit's tree: `paths` (its files, links and submodules, as `git ls-tree -r`), each
 * from `sent` (the tar of the changed paths) when it changed, else from the previous release's record; every
 * directory above them, as git archive writes one for each tree. Undefined when a path that counts (not
 * `excluded`) is in neither: the caller reads the whole commit instead.
 */
export function composeTree(
  paths: string[],
  changed: Set<string>,
  previous: Map<string, TreeEntry>,
  sent: Map<string, TreeEntry>,
  excluded: (path: string) => boolean,
): TreeEntry[] | undefined {
  const out: TreeEntry[] = [];
  const dirs = new Set<string>();
  for (const path of paths) {
    const e = changed.has(path) ? sent.get(path) : previous.get(path);
    if (e) out.push(e);
    else if (!excluded(path)) return undefined;
    for (let at = path.lastIndexOf('/'); at > 0; at = path.lastIndexOf('/', at - 1)) {
      const dir = path.slice(0, at);
      if (dirs.has(dir)) break;
      dirs.add(dir);
    }
  }
  for (const path of dirs) out.push({ kind: 'dir', path });
  return out;
}
