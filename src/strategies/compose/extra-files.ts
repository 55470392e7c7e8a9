import { readdirSync, readFileSync, statSync } from 'node:fs';
import { isAbsolute, join, posix } from 'node:path';
import { ConfigurationError } from '../../io/errors.js';
import { sh } from '../../ssh/quote.js';

/**
 * `extra-files`: files shipped beside the compose file with each release (a Caddyfile, an nginx.conf, a frontend
 * bundle). Each deploy uploads them to <app-dir>/.vps-deploy/files/<tag>/ (MANIFEST + root/<path>); activating a
 * tag copies its recorded files into place, so a rollback brings back the files of the release it returns to.
 */
export interface ExtraFile {
  /** Absolute path on the runner (a file or a directory). */
  local: string;
  /** Path relative to the app dir. */
  remote: string;
}

export const FILES_DIR = '.vps-deploy/files';
/** Names in the app dir the actions own: an extra file may not replace them. */
const RESERVED = ['.vps-deploy', '.env'];

const badSegment = (p: string) => p.split('/').some((s) => s === '..');

/** Why one `local[:remote]` line cannot be used, or undefined (checks that need no file system). */
export function extraFileProblem(line: string): string | undefined {
  const [local = '', remote] = splitLine(line);
  if (!local) return 'names no local path';
  if (/[\0\n\r]/.test(line)) return 'holds a control character';
  if (badSegment(local)) return 'has a ".." segment in its local path';
  if (remote !== undefined && !remote) return 'has an empty remote path after ":"';
  if (remote !== undefined && badSegment(remote)) return 'has a ".." segment in its remote path';
  return undefined;
}

function splitLine(line: string): [string, string | undefined] {
  const i = line.indexOf(':');
  return i < 0 ? [line.trim(), undefined] : [line.slice(0, i).trim(), line.slice(i + 1).trim()];
}

/**
 * The `extra-files` lines resolved: local paths from the workspace (they must exist), remote paths inside the
 * app dir (an absolute one only when it is under app-dir), never onto `.vps-deploy` or `.env`.
 */
export function planExtraFiles(lines: string[], workspace: string, appDir: string): ExtraFile[] {
  const refuse = (line: string, why: string) =>
    new ConfigurationError(`input "extra-files" got ${JSON.stringify(line)}: ${why}`);
  const seen = new Set<string>();
  return lines.map((line) => {
    const problem = extraFileProblem(line);
    if (problem) throw refuse(line, problem);
    const [local, given] = splitLine(line) as [string, string | undefined];
    const full = isAbsolute(local) ? local : join(workspace, local);
    try {
      statSync(full);
    } catch {
      throw refuse(line, `there is no ${full} on the runner`);
    }
    let remote = given ?? (isAbsolute(local) ? posix.basename(local) : local);
    if (posix.isAbsolute(remote)) {
      const rel = posix.relative(posix.normalize(appDir), posix.normalize(remote));
      if (!rel || rel.startsWith('..') || posix.isAbsolute(rel))
        throw refuse(
          line,
          `the remote path ${remote} is outside app-dir (${appDir}); give it relative to app-dir`,
        );
      remote = rel;
    }
    remote = posix
      .normalize(remote)
      .replace(/^\.\/+/, '')
      .replace(/\/+$/, '');
    if (!remote || remote === '.') throw refuse(line, 'the remote path is app-dir itself');
    if (RESERVED.includes(remote.split('/')[0]!))
      throw refuse(line, `${remote} belongs to vps-deploy (.vps-deploy/, .env): choose another remote path`);
    if (seen.has(remote)) throw refuse(line, `${remote} is given twice`);
    seen.add(remote);
    return { local: full, remote };
  });
}

/** Every file to upload: (runner path, path under root/), directories walked; the file mode kept. */
export function filesToUpload(files: ExtraFile[]): { local: string; remote: string; mode: number }[] {
  const out: { local: string; remote: string; mode: number }[] = [];
  const walk = (local: string, remote: string) => {
    const st = statSync(local);
    if (st.isDirectory()) {
      for (const name of readdirSync(local).sort()) walk(join(local, name), posix.join(remote, name));
    } else if (st.isFile()) {
      out.push({ local, remote, mode: st.mode & 0o777 });
    }
  };
  for (const f of files) walk(f.local, f.remote);
  return out;
}

export function readLocal(path: string): Buffer {
  return readFileSync(path);
}

/** The staging dir of a tag's files, then the directories its files need (made before the uploads). */
export function stagingCommand(appDir: string, staging: string, dirs: string[]): string {
  const root = posix.join(appDir, FILES_DIR, staging, 'root');
  return sh`mkdir -p -- ${[root, ...dirs.map((d) => posix.join(root, d))]}`;
}

/** Puts the staged files in place as the tag's record (replacing an earlier record of the same tag). */
export function recordCommand(appDir: string, staging: string, tag: string, remotes: string[]): string {
  const dir = posix.join(appDir, FILES_DIR);
  return (
    sh`cd ${dir} && printf '%s\\n' ${remotes} > ${posix.join(staging, 'MANIFEST')} && ` +
    sh`rm -rf -- ${tag} && mv -T -- ${staging} ${tag}`
  );
}

/**
 * Copies a tag's recorded files into the app dir: each path by a copy beside it and a rename (a file is
 * replaced in one rename; a directory is swapped by two). Prints `none` when files are recorded for other
 * tags but not this one (deployed before it used extra-files): what is in place then stays.
 */
export function applyCommand(appDir: string, tag: string): string {
  const src = posix.join(FILES_DIR, tag);
  return (
    sh`cd ${appDir} && [ -d ${FILES_DIR} ] || exit 0; s=${src}; [ -f "$s/MANIFEST" ] || { echo none; exit 0; }; ` +
    `while IFS= read -r p; do [ -n "$p" ] || continue; ` +
    `rm -rf -- "$p.vpsd-new" "$p.vpsd-old" && mkdir -p -- "$(dirname -- "$p")" && cp -a -- "$s/root/$p" "$p.vpsd-new" && ` +
    `if [ -d "$p" ] && [ ! -L "$p" ]; then mv -T -- "$p" "$p.vpsd-old" && mv -T -- "$p.vpsd-new" "$p" && rm -rf -- "$p.vpsd-old"; ` +
    `else mv -T -- "$p.vpsd-new" "$p"; fi || exit 1; echo "$p"; done < "$s/MANIFEST"`
  );
}

/** Removes the records of pruned tags. */
export function forgetCommand(appDir: string, tags: string[]): string {
  return sh`cd ${appDir} && rm -rf -- ${tags.map((t) => posix.join(FILES_DIR, t))}`;
}
