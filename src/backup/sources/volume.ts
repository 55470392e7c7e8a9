import { sh } from '../../ssh/quote.js';
import { COMPRESS, piped } from '../remote-script.js';

/**
 * Docker volumes: archived through a throwaway container of `helper-image` that mounts the volume read-only
 * and has no network; compressed on the host (the helper needs nothing but tar).
 */
export function volumeBackup(volume: string, image: string): { produce: string; verify: string } {
  const tar = sh`docker run --rm --network none -v ${`${volume}:/volume:ro`} ${image} tar -cf - -C /volume .`;
  return {
    produce: [
      sh`docker volume inspect ${volume} >/dev/null 2>&1 || fail ${`no Docker volume ${volume} on the server`}`,
      `${piped(tar, `${COMPRESS} >"$tmp"`)} || fail ${sh`${`archiving volume ${volume} failed`}`}`,
    ].join('\n'),
    verify: READS_BACK,
  };
}

export const READS_BACK = `${piped('gzip -dc "$tmp"', 'tar -tf - >/dev/null')} || fail "the archive does not read back"`;

/** Empties the volume (created when missing) and unpacks the archive into it. */
export function volumeRestore(volume: string, image: string): string {
  const unpack = sh`docker run --rm -i --network none -v ${`${volume}:/volume`} ${image} sh -c ${'cd /volume && rm -rf ./* ./.[!.]* ./..?* && tar -xf -'}`;
  return [
    sh`docker volume inspect ${volume} >/dev/null 2>&1 || docker volume create ${volume} >/dev/null || fail ${`cannot create volume ${volume}`}`,
    `${piped('gzip -dc "$src"', unpack)} || fail ${sh`${`unpacking into volume ${volume} failed`}`}`,
    sh`echo ${`restored volume ${volume}`}`,
  ].join('\n');
}
