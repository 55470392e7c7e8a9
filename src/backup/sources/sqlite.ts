import { raw, sh } from '../../ssh/quote.js';
import { COMPRESS, sqlString } from '../remote-script.js';

/**
 * SQLite: a consistent copy while the app keeps writing. `VACUUM INTO` reads one snapshot in one read
 * transaction (through the WAL) and, unlike the backup API's step loop, never restarts when a writer commits;
 * a plain file copy would miss the WAL or catch a page mid-write. The copy is checked with
 * `PRAGMA integrity_check` while it is being compressed.
 */
export function sqliteBackup(
  path: string,
  tmp: string,
  verify: boolean,
): { produce: string; verify: string } {
  const copy = `${tmp}.db`;
  return {
    produce: [
      sh`[ -f ${path} ] || fail ${`no SQLite database at ${path}`}`,
      sh`sq ${path} ${`VACUUM INTO ${sqlString(copy)}`} >/dev/null || fail ${`VACUUM INTO (the consistent copy of ${path}) failed`}`,
      sh`${raw(COMPRESS)} ${copy} >"$tmp" & gz=$!`,
      verify
        ? sh`check=$(sq ${copy} 'PRAGMA integrity_check' 2>&1); if [ "$check" != ok ]; then kill $gz 2>/dev/null; wait $gz; fail "PRAGMA integrity_check of the copy says: $check"; fi`
        : ':',
      'wait $gz || fail "compressing the copy failed (disk full?)"',
      sh`rm -f ${copy}`,
    ].join('\n'),
    verify: 'gzip -t "$tmp" || fail "the compressed copy does not read back"',
  };
}

/** Replaces the database file atomically with the backup (unpacked and checked beside it first). */
export function sqliteRestore(path: string, suffix: string): string {
  const fresh = `${path}.restore-${suffix}`;
  return [
    sh`tgt=${path}; new=${fresh}`,
    `trap 'rm -f "$new"' EXIT`,
    'mkdir -p "$(dirname "$tgt")" || fail "cannot create the directory of $tgt"',
    'gzip -dc "$src" >"$new" || fail "cannot unpack $src beside $tgt (disk full?)"',
    'check=$(sq "$new" "PRAGMA integrity_check" 2>&1); [ "$check" = ok ] || fail "PRAGMA integrity_check of the restored copy says: $check"',
    // Not root, the restore cannot give the file back to the app user. In the replaced file's group (a setgid
    // shared dir, as init makes it) the group gets what the owner had, so the app still writes its database.
    'if [ -e "$tgt" ]; then chmod "$(stat -c %a "$tgt")" "$new" || fail "cannot copy the mode of $tgt"; ' +
      'chown "$(stat -c %u:%g "$tgt")" "$new" 2>/dev/null || ' +
      '{ [ "$(stat -c %g "$new")" = "$(stat -c %g "$tgt")" ] && chmod g=u "$new"; } || ' +
      'echo "vps-deploy: warning: could not give the restored file the owner of $tgt" >&2; fi',
    // The WAL and shm of the old file would be replayed into the new one: the safety backup already holds them.
    'rm -f "$tgt-wal" "$tgt-shm" "$tgt-journal"',
    'mv -f "$new" "$tgt" || fail "cannot move the restored database into place"',
    'echo "restored $tgt"',
  ].join('\n');
}
