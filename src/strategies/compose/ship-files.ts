import { randomBytes } from 'node:crypto';
import { statSync } from 'node:fs';
import { posix } from 'node:path';
import type { Log, RemoteShell } from '../../ssh/remote-shell.js';
import { inPhase } from '../../io/errors.js';
import { sh } from '../../ssh/quote.js';
import {
  applyCommand,
  FILES_DIR,
  filesToUpload,
  readLocal,
  recordCommand,
  stagingCommand,
} from './extra-files.js';
import type { ExtraFile } from './extra-files.js';

/** Uploads at once at most this many files (SFTP requests share the one connection). */
const PARALLEL = 8;

/**
 * Uploads a tag's extra files to <app-dir>/.vps-deploy/files/<tag> (staged under a temp name, renamed when
 * complete), before anything running changes: a failure leaves the files in place untouched.
 */
export async function shipExtraFiles(
  conn: RemoteShell,
  appDir: string,
  tag: string,
  files: ExtraFile[],
  log: Log,
): Promise<void> {
  const staging = `.incoming-${tag}-${randomBytes(4).toString('hex')}`;
  const uploads = filesToUpload(files);
  const dirs = [...new Set(uploads.map((u) => posix.dirname(u.remote)).filter((d) => d !== '.'))];
  const root = posix.join(appDir, FILES_DIR, staging, 'root');
  try {
    await conn.run(stagingCommand(appDir, staging, dirs), 'staging the extra files', { log: false });
    const progress = conn.progress?.(`upload of the extra files for ${tag}`, totalBytes(uploads));
    for (let i = 0; i < uploads.length; i += PARALLEL) {
      await Promise.all(
        uploads.slice(i, i + PARALLEL).map(async (u) => {
          await conn.upload(readLocal(u.local), posix.join(root, u.remote), u.mode);
          progress?.add(sizeOf(u.local));
        }),
      );
    }
    progress?.done();
    await conn.run(
      recordCommand(
        appDir,
        staging,
        tag,
        files.map((f) => f.remote),
      ),
      'recording the extra files',
      { log: false },
    );
  } catch (e) {
    await conn
      .exec(sh`rm -rf -- ${posix.join(appDir, FILES_DIR, staging)}`, { log: false })
      .catch(() => undefined);
    throw inPhase('upload', e);
  }
  log.info(`Uploaded ${uploads.length} extra file(s) for ${tag}: ${files.map((f) => f.remote).join(', ')}`);
}

/** Copies the files recorded with `tag` into the app dir (before `up`), saying what it did. */
export async function applyExtraFiles(
  conn: RemoteShell,
  appDir: string,
  tag: string,
  log: Log,
): Promise<void> {
  const r = await conn.run(applyCommand(appDir, tag), `putting the extra files of ${tag} in place`, {
    log: false,
  });
  const out = r.stdout.trim();
  if (out === 'none')
    log.info(`No extra files were recorded with ${tag}: the files in place stay as they are`);
  else if (out) log.info(`Extra files of ${tag} in place: ${out.split('\n').join(', ')}`);
}

/** A file's size on the runner, for the progress line (0 when it cannot be read: the upload says why). */
function sizeOf(path: string): number {
  try {
    return statSync(path).size;
  } catch {
    return 0;
  }
}

function totalBytes(uploads: { local: string }[]): number {
  return uploads.reduce((n, u) => n + sizeOf(u.local), 0);
}
