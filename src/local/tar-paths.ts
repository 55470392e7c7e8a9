import { randomBytes } from 'node:crypto';
import { rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { streamLocal } from './exec.js';
import type { LocalStream } from './exec.js';

/**
 * A tar of only `paths` of a directory (byte strings, latin1: any name), for an incremental release from a
 * `source` directory. The list goes to tar in a file, NUL-separated and read verbatim (a name starting with a
 * dash is a name, not an option); directories are not recursed into (only what is listed is sent).
 */
export function tarPaths(dir: string, paths: string[]): LocalStream {
  const list = join(tmpdir(), `vps-deploy-paths-${randomBytes(6).toString('hex')}`);
  writeFileSync(list, Buffer.from(paths.map((p) => `${p}\0`).join(''), 'latin1'), { mode: 0o600 });
  const tar = streamLocal('tar', [
    '-c',
    '-f',
    '-',
    '-C',
    dir,
    '--null',
    '--verbatim-files-from',
    '--no-recursion',
    '-T',
    list,
  ]);
  const finished = tar.finished.finally(() => rmSync(list, { force: true }));
  finished.catch(() => undefined);
  return { ...tar, finished };
}
