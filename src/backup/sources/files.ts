import { sh } from '../../ssh/quote.js';
import { COMPRESS, piped } from '../remote-script.js';
import { READS_BACK } from './volume.js';

/** Files and directories under app-dir (`.env`, `media`), in one archive with paths relative to app-dir. */
export function filesBackup(appDir: string, paths: string[]): { produce: string; verify: string } {
  return {
    produce: [
      sh`appdir=${appDir}; cd "$appdir" || fail "app-dir $appdir does not exist"`,
      sh`for p in ${paths}; do [ -e "$p" ] || [ -L "$p" ] || fail "$p does not exist in $appdir"; done`,
      `${piped(sh`tar -cf - ${paths}`, `${COMPRESS} >"$tmp"`)} || fail "archiving files failed"`,
    ].join('\n'),
    verify: READS_BACK,
  };
}

/**
 * Prints each of the paths that exists under app-dir, NUL-terminated (a dangling link counts: the backup keeps
 * it). Nothing when app-dir itself does not exist.
 */
export function filesPresent(appDir: string, paths: string[]): string {
  return [
    sh`[ -d ${appDir} ] || exit 0`,
    sh`cd ${appDir} || exit 1`,
    sh`for p in ${paths}; do if [ -e "$p" ] || [ -L "$p" ]; then printf '%s\\0' "$p"; fi; done`,
  ].join('\n');
}

/** Unpacks the archive into app-dir, overwriting the files it holds (other files are left alone). */
export function filesRestore(appDir: string): string {
  return [
    sh`mkdir -p ${appDir} || fail ${`cannot create ${appDir}`}`,
    `${piped('gzip -dc "$src"', sh`tar -xf - -C ${appDir}`)} || fail "unpacking the files failed"`,
    sh`echo ${`restored files into ${appDir}`}`,
  ].join('\n');
}
