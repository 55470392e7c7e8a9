import { describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { atomicBackupScript, restorePrelude } from '../../../src/backup/remote-script.js';
import { parsePostgresUrl } from '../../../src/backup/postgres-url.js';
import {
  postgresStdin,
  postgresUrlBackup,
  postgresUrlRestore,
} from '../../../src/backup/sources/postgres.js';

/**
 * The URL's secrets reach pg_dump/pg_restore but never their command line: stand-ins for both record their
 * argv, PGPASSWORD and the libpq service file they were given, under the real /bin/sh.
 */
function scratch() {
  const dir = mkdtempSync(join(tmpdir(), 'bk-pgsecrets-'));
  const bin = join(dir, 'bin');
  mkdirSync(bin);
  const seen = join(dir, 'seen');
  for (const tool of ['pg_dump', 'pg_restore']) {
    writeFileSync(
      join(bin, tool),
      [
        '#!/bin/sh',
        `{ echo "argv: $*"; echo "PGPASSWORD=\${PGPASSWORD:-}"; echo "PGSERVICE=\${PGSERVICE:-}"; ` +
          `[ -n "\${PGSERVICEFILE:-}" ] && stat -c 'mode %a' "$PGSERVICEFILE" && cat "$PGSERVICEFILE"; } >> ${seen}`,
        '[ "$(basename "$0")" = pg_dump ] && echo PGDMP-fake',
        'exit 0',
      ].join('\n'),
      { mode: 0o755 },
    );
  }
  const run = (script: string, stdin: string, env: Record<string, string> = {}) =>
    spawnSync('/bin/sh', ['-c', script], {
      encoding: 'utf8',
      input: stdin,
      env: { ...process.env, PATH: `${bin}:${process.env.PATH}`, ...env },
    });
  return { dir, seen, run };
}

const pg = parsePostgresUrl('postgresql://app:pw%20one@db/shop?sslmode=verify-full&sslpassword=key%20pass')!;

describe('postgres URL secrets', () => {
  it('backup: password as PGPASSWORD, sslpassword in a private service file, neither in argv; nothing left', () => {
    const { dir, seen, run } = scratch();
    const out = join(dir, 'out');
    const r = run(
      atomicBackupScript({
        dir: out,
        name: 'shop_postgres-shop_20250101T000000Z.dump',
        tmp: join(out, '.x.partial-1'),
        meta: '{}',
        ...postgresUrlBackup(pg),
        verify: ':',
      }),
      postgresStdin(pg)!,
    );
    expect(r.status, r.stderr).toBe(0);
    const log = readFileSync(seen, 'utf8');
    expect(log).toContain(
      'argv: --format=custom --no-password --dbname=postgresql://app@db/shop?sslmode=verify-full',
    );
    expect(log).toContain(
      'PGPASSWORD=pw one\nPGSERVICE=vps-deploy\nmode 600\n[vps-deploy]\nsslpassword=key pass\n',
    );
    expect(log.split('\n').find((l) => l.startsWith('argv:'))).not.toMatch(/pw|key|sslpassword/);
    expect(readdirSync(out).sort()).toEqual([
      'shop_postgres-shop_20250101T000000Z.dump',
      'shop_postgres-shop_20250101T000000Z.dump.json',
      'shop_postgres-shop_20250101T000000Z.dump.sha256',
    ]);
  });

  it('restore: the same, and its service file is removed when the script ends', () => {
    const { dir, seen, run } = scratch();
    const src = join(dir, 'b.dump');
    writeFileSync(src, 'PGDMP');
    const tmp = join(dir, 'tmp');
    mkdirSync(tmp);
    const r = run([restorePrelude(src), postgresUrlRestore(pg)].join('\n'), postgresStdin(pg)!, {
      TMPDIR: tmp,
    });
    expect(r.status, r.stderr).toBe(0);
    expect(readFileSync(seen, 'utf8')).toContain(
      'PGPASSWORD=pw one\nPGSERVICE=vps-deploy\nmode 600\n[vps-deploy]\nsslpassword=key pass\n',
    );
    expect(readdirSync(tmp)).toEqual([]);
  });

  it('stdin holds one line per secret given, in order', () => {
    expect(postgresStdin(parsePostgresUrl('postgresql://db/x')!)).toBeUndefined();
    expect(postgresStdin(parsePostgresUrl('postgresql://db/x?sslpassword=k')!)).toBe('k\n');
    expect(postgresStdin(pg)).toBe('pw one\nkey pass\n');
  });
});
