import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { runLocal, streamLocal } from './exec.js';
import type { LocalStream } from './exec.js';

/**
 * What an incremental release needs from the runner's git: whether the previous release's commit is known and an
 * ancestor, which paths changed since, the paths of a commit's tree, and a tar of only some paths. Paths are
 * byte strings (latin1, one character per byte, as git prints them with -z), so any name survives exactly.
 */

/**
 * `yes` / `no`, or `unknown` when the checkout does not have `older` (a shallow clone, another repository) or
 * git fails otherwise: each answer but `yes` means a full upload.
 */
export async function isAncestor(
  workspace: string,
  older: string,
  newer: string,
): Promise<'yes' | 'no' | 'unknown'> {
  // One process: exit 1 is "not an ancestor", 128 a name that is not a commit of this checkout.
  const r = await runLocal('git', ['-C', workspace, 'merge-base', '--is-ancestor', older, newer], {
    allowFailure: true,
  });
  return r.exitCode === 0 ? 'yes' : r.exitCode === 1 ? 'no' : 'unknown';
}

export interface ChangedPath {
  /** git's status letter without rename detection: A, M, D or T (type changed). */
  status: string;
  path: string;
}

/** `git diff --name-status --no-renames -z from to`: a rename is its old path deleted and its new one added. */
export async function changedPaths(workspace: string, from: string, to: string): Promise<ChangedPath[]> {
  const out = await gitBytes(workspace, [
    'diff',
    '--name-status',
    '--no-renames',
    '--no-ext-diff',
    '-z',
    from,
    to,
    '--',
  ]);
  const fields = splitNul(out);
  const changes: ChangedPath[] = [];
  for (let i = 0; i + 1 < fields.length; i += 2) changes.push({ status: fields[i]!, path: fields[i + 1]! });
  return changes;
}

/** Every path of a commit's tree that is not a directory (files, links, submodules), as `git ls-tree -r`. */
export async function treePaths(workspace: string, commit: string): Promise<string[]> {
  const out = await gitBytes(workspace, ['ls-tree', '-r', '-z', '--full-tree', '--name-only', commit]);
  return splitNul(out);
}

/**
 * What decides how `git archive` writes an unchanged blob, as one sha256: the commit's .gitattributes files (path
 * and blob), the repository's info/attributes, the user's and the system's attributes files, the git config that
 * converts text (core.autocrlf, core.eol, ...) and git's version. Two commits with the same fingerprint write the
 * same bytes for the same blob at the same path, so a blob `git diff` calls unchanged archives as it did before.
 * Undefined when no fingerprint can say that: an `export-subst` (its text changes with every commit, e.g.
 * setuptools-scm's .git_archival.txt) or a `filter` (its output depends on more than the blob: Git LFS) named in
 * any of those files, or a file or command that fails.
 */
export async function archiveFingerprint(workspace: string, commit: string): Promise<string | undefined> {
  const parts: string[] = [];
  const rewrites = (text: Buffer) => text.includes('export-subst') || text.includes('filter');
  try {
    // Four independent git processes, at once: each costs a process start on the runner.
    const [listing, infoAttributes, config, version] = await Promise.all([
      gitBytes(workspace, ['ls-tree', '-r', '-z', '--full-tree', commit]).then(splitNul),
      gitBytes(workspace, ['rev-parse', '--path-format=absolute', '--git-path', 'info/attributes']).then(
        (b) => b.toString('utf8').trim(),
      ),
      runLocal(
        'git',
        [
          '-C',
          workspace,
          'config',
          '--get-regexp',
          '^(core\\.(autocrlf|eol|safecrlf|attributesfile)|filter\\.|tar\\.)',
        ],
        { allowFailure: true },
      ),
      runLocal('git', ['--version']),
    ]);
    for (const line of listing) {
      const tab = line.indexOf('\t');
      const path = line.slice(tab + 1);
      if (path !== '.gitattributes' && !path.endsWith('/.gitattributes')) continue;
      const blob = line.slice(0, tab).split(' ')[2] ?? '';
      if (rewrites(await gitBytes(workspace, ['cat-file', 'blob', blob]))) return undefined;
      parts.push(`tree ${path} ${blob}`);
    }
    const attributesFile = /^core\.attributesfile (.*)$/im.exec(config.stdout)?.[1]?.trim();
    const home = process.env.HOME ?? '';
    const files = [
      infoAttributes,
      attributesFile ? attributesFile.replace(/^~(?=\/)/, home) : '',
      join(process.env.XDG_CONFIG_HOME || join(home, '.config'), 'git', 'attributes'),
      '/etc/gitattributes',
    ].filter(Boolean);
    for (const f of files) {
      const text = existsSync(f) ? readFileSync(f) : undefined;
      if (text && rewrites(text)) return undefined;
      parts.push(`file ${f} ${text ? createHash('sha256').update(text).digest('hex') : 'absent'}`);
    }
    parts.push(`config ${config.stdout.trim()}`);
    parts.push(`git ${version.stdout.trim()}`);
    return createHash('sha256').update(parts.join('\n')).digest('hex');
  } catch {
    return undefined;
  }
}

/** A tar of only `paths` of the commit (literal pathspecs: no glob or magic in a name is interpreted). */
export function gitArchivePaths(workspace: string, commit: string, paths: string[]): LocalStream {
  const specs = paths.map((p) => `:(literal)${Buffer.from(p, 'latin1').toString('utf8')}`);
  return streamLocal('git', ['-C', workspace, 'archive', '--format=tar', commit, '--', ...specs]);
}

function splitNul(out: Buffer): string[] {
  const text = out.toString('latin1');
  const fields = text.split('\0');
  if (fields[fields.length - 1] === '') fields.pop();
  return fields;
}

/** A git command's whole stdout as bytes (runLocal decodes UTF-8, which would change some names). */
async function gitBytes(workspace: string, args: string[]): Promise<Buffer> {
  const p = streamLocal('git', ['-C', workspace, ...args]);
  const chunks: Buffer[] = [];
  p.stream.on('data', (d: Buffer) => chunks.push(d));
  await p.finished;
  return Buffer.concat(chunks);
}
