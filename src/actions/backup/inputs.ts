import { z } from 'zod';
import { configInputSpec, environmentInputSpec } from '../../io/configured-io.js';
import {
  bool,
  duration,
  httpUrl,
  integer,
  list,
  matching,
  oneOf,
  readInputs,
  splitLines,
  text,
} from '../../io/inputs.js';
import type { InputsOf, RawInputs } from '../../io/inputs.js';
import { remoteInputSpec } from '../../ssh/target.js';
import { isPostgresUrl, redactUrlPasswords } from '../../backup/postgres-url.js';

export const CONFIRM_WORD = 'i-know-this-will-overwrite';

/** A postgres line: a URL (its password is never shown back, even in an error) or `compose:<service>`. */
function postgresLines() {
  return z.string().transform((v, ctx) => {
    const items = splitLines(v);
    const bad = items.findIndex((i) => !isPostgresUrl(i) && !/^compose:[A-Za-z0-9][A-Za-z0-9_.-]*$/.test(i));
    if (bad >= 0) {
      ctx.addIssue({
        code: 'custom',
        message: `line ${bad + 1} is not a postgres:// or postgresql:// URL or compose:<service>`,
      });
      return z.NEVER;
    }
    return items;
  });
}

/**
 * A path under app-dir, written one way only: `.`, `..` and empty segments are refused (`.//`, `./.` and `a/./`
 * name app-dir itself or hide what is archived); a leading `./` and a trailing `/` are allowed.
 */
function isRelativePath(p: string): boolean {
  if (p.startsWith('/') || p.startsWith('-') || p.includes('\0')) return false;
  const inner = p.replace(/^\.\//, '').replace(/\/$/, '');
  return inner !== '' && inner.split('/').every((seg) => seg !== '' && seg !== '.' && seg !== '..');
}

const keep = (fallback: number) => integer(fallback, 0, 100_000);

/** actions/backup inputs (actions/backup/README.md) plus the shared remote inputs. */
export const backupInputSpec = {
  sqlite: list({ test: (p) => !p.includes('\0'), takes: 'a database path on the server' }, { lines: true }),
  postgres: postgresLines(),
  volumes: list({ test: (v) => /^[A-Za-z0-9][A-Za-z0-9_.-]*$/.test(v), takes: 'a Docker volume name' }),
  files: list(
    {
      test: isRelativePath,
      takes:
        'a path relative to app-dir without `.`, `..` or `//` segments (name the files and directories, not `.`)',
    },
    { lines: true },
  ),
  'helper-image': matching(/^[A-Za-z0-9][A-Za-z0-9._/:@-]*$/, 'an image reference like busybox:stable', {
    fallback: 'busybox:stable',
  }),
  'backup-dir': matching(/^\/[^\0]*$/, 'an absolute path like /srv/myapp/backups'),
  'keep-last': keep(3),
  'keep-daily': keep(7),
  'keep-weekly': keep(4),
  'keep-monthly': keep(12),
  verify: bool(true),
  download: text(),
  mode: oneOf(['backup', 'list', 'restore'] as const, 'backup'),
  'restore-from': matching(/^[^/\0\s]+$/, 'a backup file name as `mode: list` shows it'),
  confirm: text(),
  'stop-command': text(),
  'start-command': text(),
  'health-url': httpUrl(),
  'health-timeout': duration(60, { max: 3600 }),
  'health-interval': duration(1, { max: 600 }),
  'health-successes': integer(2, 1, 100),
  'allow-degraded': bool(true),
  'lock-timeout': duration(300, { allowZero: true, max: 86_400 }),
  ...remoteInputSpec,
  ...configInputSpec,
  ...environmentInputSpec,
};

export type BackupInputs = InputsOf<typeof backupInputSpec>;

export function readBackupInputs(raw: RawInputs): BackupInputs {
  return readInputs(backupInputSpec, raw, { shown: { postgres: redactUrlPasswords } });
}
