import { describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { atomicBackupScript, parseDone, PRELUDE, restorePrelude } from '../../../src/backup/remote-script.js';
import { sqliteBackup, sqliteRestore } from '../../../src/backup/sources/sqlite.js';
import { filesBackup, filesPresent } from '../../../src/backup/sources/files.js';
import { symlinkSync } from 'node:fs';
import { composePostgresBackup, composePostgresRestore } from '../../../src/backup/sources/postgres.js';

/** The scripts run under the real /bin/sh (dash here) with hostile names: what the server would run. */
function run(script: string, env: Record<string, string> = {}, stdin = '') {
  return spawnSync('/bin/sh', ['-c', script], {
    encoding: 'utf8',
    input: stdin,
    env: { ...process.env, ...env },
  });
}

const HOSTILE = `a b'c"d$(touch PWNED)\`touch PWNED\`;e`;

function scratch(): string {
  const d = mkdtempSync(join(tmpdir(), 'bk-unit-'));
  mkdirSync(join(d, HOSTILE), { recursive: true });
  return join(d, HOSTILE);
}

function backup(
  dir: string,
  produce: { produce: string; verify: string },
  tmp: string,
  name = 'x_files_20250101T000000Z.tar.gz',
) {
  return run(
    atomicBackupScript({ dir, name, tmp, meta: JSON.stringify({ it: HOSTILE }), ...produce }),
    {},
    '',
  );
}

describe('remote scripts under a real /bin/sh, with hostile names', () => {
  it('SQLite: a consistent copy, checked, compressed, checksummed, renamed into place', () => {
    const dir = scratch();
    const db = join(dir, `${HOSTILE}.db`);
    expect(
      run(`sqlite3 "$DB" "CREATE TABLE t(x); INSERT INTO t VALUES (1),(2),(3);"`, { DB: db }).status,
    ).toBe(0);
    const out = join(dir, 'out');
    const name = 'x_sqlite-a_20250101T000000Z.sqlite.gz';
    const tmp = join(out, `.${name}.partial-1234`);
    const r = backup(out, sqliteBackup(db, tmp, true), tmp, name);
    expect(r.status, r.stderr).toBe(0);
    const done = parseDone(r.stdout)!;
    expect(readdirSync(out).sort()).toEqual([name, `${name}.json`, `${name}.sha256`]);
    expect(readFileSync(join(out, `${name}.sha256`), 'utf8')).toBe(`${done.sha256}  ${name}\n`);
    expect(JSON.parse(readFileSync(join(out, `${name}.json`), 'utf8'))).toEqual({ it: HOSTILE });
    const copy = join(dir, 'copy.db');
    expect(
      run(`gzip -dc "$F" > "$C" && sqlite3 "$C" "SELECT count(*) FROM t"`, { F: join(out, name), C: copy })
        .stdout,
    ).toBe('3\n');
    expect(existsSync('PWNED') || existsSync(join(dir, 'PWNED'))).toBe(false);
  });

  it('SQLite restore: atomic replace, the stale WAL removed, mode kept', () => {
    const dir = scratch();
    const db = join(dir, 'live.db');
    run(
      `sqlite3 "$DB" "CREATE TABLE t(x); INSERT INTO t VALUES ('old');" && chmod 640 "$DB" && echo junk > "$DB-wal"`,
      { DB: db },
    );
    const src = join(dir, `${HOSTILE}.sqlite.gz`);
    run(`sqlite3 "$D2" "CREATE TABLE t(x); INSERT INTO t VALUES ('backup');" && gzip -c "$D2" > "$S"`, {
      D2: join(dir, 'b.db'),
      S: src,
    });
    const r = run([restorePrelude(src), sqliteRestore(db, 'abcd')].join('\n'));
    expect(r.status, r.stderr).toBe(0);
    expect(run(`sqlite3 "$DB" "SELECT x FROM t"`, { DB: db }).stdout).toBe('backup\n');
    expect(existsSync(`${db}-wal`)).toBe(false);
    expect(run(`stat -c %a "$DB"`, { DB: db }).stdout).toBe('640\n');
    expect(readdirSync(dir).filter((f) => f.includes('restore-'))).toEqual([]);
  });

  it('SQLite restore by a user who cannot chown: in the group of the old file, the group keeps the rights of its owner', () => {
    // As a deploy user restoring the database an app user created in a setgid shared dir (init's layout): the
    // restored file is the deploy user's, and the app, in the group, must still write it.
    const dir = mkdtempSync(join(tmpdir(), 'bk-unit-'));
    run(`chgrp nogroup "$D" && chmod 2777 "$D"`, { D: dir });
    const db = join(dir, 'app.db');
    run(
      `sqlite3 "$DB" "CREATE TABLE t(x); INSERT INTO t VALUES ('old');" && chgrp nogroup "$DB" && chmod 644 "$DB"`,
      {
        DB: db,
      },
    );
    const src = join(dir, 'b.sqlite.gz');
    run(
      `sqlite3 "$D2" "CREATE TABLE t(x); INSERT INTO t VALUES ('backup');" && gzip -c "$D2" > "$S" && chmod 644 "$S"`,
      {
        D2: join(dir, 'b.db'),
        S: src,
      },
    );
    const script = [restorePrelude(src), sqliteRestore(db, 'abcd')].join('\n');
    const r = spawnSync('runuser', ['-u', 'nobody', '--', '/bin/sh', '-c', script], { encoding: 'utf8' });
    expect(r.status, r.stderr).toBe(0);
    expect(run(`stat -c '%U:%G %a' "$DB"`, { DB: db }).stdout).toBe('nobody:nogroup 664\n');
    expect(run(`sqlite3 "$DB" "SELECT x FROM t"`, { DB: db }).stdout).toBe('backup\n');
  });

  it('a missing database fails with its reason and leaves nothing', () => {
    const dir = scratch();
    const out = join(dir, 'out');
    const tmp = join(out, '.n.partial-1');
    const r = backup(out, sqliteBackup(join(dir, 'nope.db'), tmp, true), tmp);
    expect(r.status).toBe(1);
    expect(r.stderr).toContain('vps-deploy: no SQLite database at');
    expect(readdirSync(out)).toEqual([]);
  });

  it('files: hostile names archived as they are; a failing tar (pipefail) leaves nothing', () => {
    const dir = scratch();
    writeFileSync(join(dir, HOSTILE), 'x');
    writeFileSync(join(dir, '.env'), 'A=1');
    const out = join(dir, 'out');
    const tmp = join(out, '.t.partial-1');
    const r = backup(out, filesBackup(dir, [HOSTILE, '.env']), tmp);
    expect(r.status, r.stderr).toBe(0);
    const listed = run(`tar -tzf "$F"`, { F: join(out, 'x_files_20250101T000000Z.tar.gz') }).stdout;
    expect(listed.split('\n')).toEqual(expect.arrayContaining([HOSTILE, '.env']));
    // A tar that writes half an archive and fails: gzip succeeds, so without pipefail that would be a backup.
    const bin = join(dir, 'bin');
    mkdirSync(bin);
    writeFileSync(join(bin, 'tar'), '#!/bin/sh\necho half an archive\nexit 2\n', { mode: 0o755 });
    const tmp2 = join(out, '.u.partial-1');
    const script = atomicBackupScript({
      dir: out,
      name: 'x_files_20250101T000001Z.tar.gz',
      tmp: tmp2,
      meta: '{}',
      ...filesBackup(dir, ['.env']),
    });
    const bad = run(script, { PATH: `${bin}:${process.env.PATH}` });
    expect(bad.status).toBe(1);
    expect(bad.stderr).toContain('archiving files failed');
    expect(readdirSync(out).filter((f) => f.includes('000001Z') || f.startsWith('.'))).toEqual([]);
  });

  it('files: lists the paths that exist (a dangling link too), whatever their names', () => {
    const dir = scratch();
    writeFileSync(join(dir, '.env'), 'x');
    mkdirSync(join(dir, HOSTILE));
    symlinkSync(join(dir, 'gone'), join(dir, 'link'));
    const paths = ['.env', 'media', HOSTILE, 'link', 'missing'];
    const r = run(filesPresent(dir, paths));
    expect(r.status, r.stderr).toBe(0);
    expect(r.stdout.split('\0')).toEqual(['.env', HOSTILE, 'link', '']);
    expect(run(filesPresent(join(dir, 'no-such-dir'), paths)).stdout).toBe('');
    expect(existsSync(join(dir, 'PWNED'))).toBe(false);
  });

  it('compose postgres: pg_dump runs inside the service container with the image’s user and database', () => {
    const dir = scratch();
    const bin = join(dir, 'bin');
    mkdirSync(bin);
    const log = join(dir, 'docker.log');
    // A stand-in docker CLI that records its argv, so the command built for a compose service can be read back.
    writeFileSync(
      join(bin, 'docker'),
      [
        '#!/bin/sh',
        `for a in "$@"; do printf '%s\\0' "$a"; done >> "$DOCKER_LOG"; printf '\\n' >> "$DOCKER_LOG"`,
        'case "$1 $2" in',
        '  "compose version") exit 0;;',
        '  "compose ps") echo cid42;;',
        '  "exec cid42") POSTGRES_USER=app POSTGRES_DB=shop PATH="$FAKE_PG:$PATH"; export POSTGRES_USER POSTGRES_DB PATH; shift 2; exec "$@";;',
        '  "exec -i") shift 3; PATH="$FAKE_PG:$PATH" exec "$@";;',
        'esac',
      ].join('\n'),
      { mode: 0o755 },
    );
    const fakePg = join(dir, 'pg');
    mkdirSync(fakePg);
    const pgLog = join(dir, 'pg.log');
    for (const tool of ['pg_dump', 'pg_restore']) {
      writeFileSync(
        join(fakePg, tool),
        `#!/bin/sh\necho ${tool} "$@" >> "$PG_LOG"\n[ ${tool} = pg_dump ] && echo PGDMP-fake\ncat >/dev/null\nexit 0\n`,
        {
          mode: 0o755,
        },
      );
    }
    const env = { PATH: `${bin}:${process.env.PATH}`, DOCKER_LOG: log, FAKE_PG: fakePg, PG_LOG: pgLog };
    const out = join(dir, 'out');
    const tmp = join(out, '.d.partial-1');
    const r = spawnSync(
      '/bin/sh',
      [
        '-c',
        atomicBackupScript({
          dir: out,
          name: 'x_postgres-db_20250101T000000Z.dump',
          tmp,
          meta: '{}',
          ...composePostgresBackup(dir, 'db'),
        }),
      ],
      {
        encoding: 'utf8',
        env: { ...process.env, ...env },
        input: '',
      },
    );
    expect(r.status, r.stderr).toBe(0);
    const calls = readFileSync(log, 'utf8')
      .trim()
      .split('\n')
      .map((l) => l.split('\0').filter(Boolean));
    expect(calls).toContainEqual(['compose', 'ps', '-q', 'db']);
    expect(calls).toContainEqual([
      'exec',
      'cid42',
      'sh',
      '-c',
      'exec pg_dump --format=custom --no-password -U "${POSTGRES_USER:-postgres}" "${POSTGRES_DB:-${POSTGRES_USER:-postgres}}"',
    ]);
    expect(calls).toContainEqual(['exec', '-i', 'cid42', 'pg_restore', '--file=/dev/null']);
    expect(readFileSync(pgLog, 'utf8')).toContain('pg_dump --format=custom --no-password -U app shop');
    expect(readFileSync(join(out, 'x_postgres-db_20250101T000000Z.dump'), 'utf8')).toBe('PGDMP-fake\n');

    const restore = run(
      [
        restorePrelude(join(out, 'x_postgres-db_20250101T000000Z.dump')),
        composePostgresRestore(dir, 'db'),
      ].join('\n'),
      env,
    );
    expect(restore.status, restore.stderr).toBe(0);
    expect(readFileSync(log, 'utf8')).toContain(
      'exec pg_restore --clean --if-exists --exit-on-error --single-transaction --no-password -U "${POSTGRES_USER:-postgres}" --dbname="${POSTGRES_DB:-${POSTGRES_USER:-postgres}}"',
    );
  });

  it('piped() fails when either side fails', () => {
    const cases: [string, string, number][] = [
      ['echo hi', 'cat >/dev/null', 0],
      ['false', 'cat >/dev/null', 1],
      ['echo hi', 'false', 1],
    ];
    for (const [l, r, code] of cases) {
      const s = `${PRELUDE}\npiped '${l}' '${r}'; echo "rc=$?"`;
      expect(run(s).stdout).toContain(`rc=${code}`);
    }
  });
});
