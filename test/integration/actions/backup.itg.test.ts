import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { spawn } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { createHash, randomBytes } from 'node:crypto';
import {
  chownSync,
  existsSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startSshd } from '../../harness/sshd.js';
import type { SshServer } from '../../harness/sshd.js';
import { startPostgres } from '../../harness/postgres.js';
import type { PostgresServer } from '../../harness/postgres.js';
import { ensureDocker } from '../../harness/docker.js';
import { runAction, sshInputs } from '../../harness/run-action.js';
import { startHealthServer } from '../../harness/health-server.js';
import type { HealthServer } from '../../harness/health-server.js';
import { cmd, requireParts, shell, TEST_USER } from '../../harness/parts.js';

let ssh: SshServer;
let pg: PostgresServer;
let appDir: string;
let db: string;
const suffix = randomBytes(3).toString('hex');
const volume = `bk-itg-${suffix}`;
const app = 'shop';

/** Runs a shell script as the SSH user (what the app would do on the server). */
const asUser = (script: string) => cmd('runuser', ['-u', TEST_USER, '--', 'sh', '-c', script]);
const sha256 = (path: string) => createHash('sha256').update(readFileSync(path)).digest('hex');
const sqlite = (file: string, sql: string) => cmd('sqlite3', [file, sql]).trim();
const backupsIn = (dir: string) => (existsSync(dir) ? readdirSync(dir).sort() : []);

interface Entry {
  source: string;
  kind: string;
  target: string;
  path: string;
  bytes: number;
  sha256: string;
  verified: boolean;
  downloaded?: string;
}

/** What a log reader sees: the runner swallows ::add-mask:: commands. */
const visible = (text: string) =>
  text
    .split('\n')
    .filter((l) => !l.startsWith('::add-mask::'))
    .join('\n');

function base() {
  return { ...sshInputs(ssh), app, 'app-dir': appDir };
}

beforeAll(async () => {
  requireParts('sqlite3', 'sshd');
  ssh = await startSshd();
  pg = await startPostgres();
  await ensureDocker();
  appDir = mkdtempSync(join(tmpdir(), 'bk-app-'));
  db = join(appDir, 'data', 'app.db');
  shell(`mkdir -p ${appDir}/data ${appDir}/media/photos && chown -R ${TEST_USER} ${appDir}`);
  asUser(
    `sqlite3 ${db} "PRAGMA journal_mode=WAL; CREATE TABLE items(id INTEGER PRIMARY KEY, name TEXT, body BLOB);
     WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i+1 FROM n WHERE i < 2000)
     INSERT INTO items(name, body) SELECT 'item ' || i, randomblob(200) FROM n;"`,
  );
  asUser(`printf 'SECRET_KEY=abc\\n' > ${appDir}/.env && printf 'jpeg' > ${appDir}/media/photos/1.jpg`);
  pg.createDatabase('shop');
  pg.sql('shop', "CREATE ROLE app LOGIN PASSWORD 'app pa:ss@word'; ALTER DATABASE shop OWNER TO app;");
  pg.sql(
    'shop',
    'SET ROLE app; CREATE TABLE orders(id serial PRIMARY KEY, total numeric); INSERT INTO orders(total) SELECT g * 1.5 FROM generate_series(1, 5000) g;',
  );
  cmd('docker', ['volume', 'create', volume]);
  cmd('docker', [
    'run',
    '--rm',
    '-v',
    `${volume}:/d`,
    'local/busybox:1',
    'sh',
    '-c',
    'echo one > /d/a.txt && mkdir /d/sub && echo two > /d/sub/b.txt',
  ]);
});

afterAll(async () => {
  await ssh?.stop();
  pg?.stop();
  spawn('docker', ['volume', 'rm', '-f', volume], { stdio: 'ignore' });
  if (appDir) rmSync(appDir, { recursive: true, force: true });
});

const pgUrl = () => pg.url('shop', 'app', 'app pa:ss@word');

describe('actions/backup: all four kinds', () => {
  let writer: ChildProcess | undefined;
  // The writer runs in its own process group: runuser does not pass SIGKILL on to the loop it started.
  const stopWriter = () => {
    if (writer?.pid && writer.exitCode === null) process.kill(-writer.pid, 'SIGKILL');
  };
  afterAll(stopWriter);

  it('backs up SQLite under writes, PostgreSQL, a volume and files; verified, checksummed and downloaded', async () => {
    // A writer keeps inserting while the backup runs: the copy must still be consistent.
    writer = spawn(
      'runuser',
      [
        '-u',
        TEST_USER,
        '--',
        'sh',
        '-c',
        `while :; do sqlite3 -cmd '.timeout 5000' ${db} "INSERT INTO items(name, body) VALUES ('live', randomblob(500));" || exit 1; done`,
      ],
      { stdio: 'ignore', detached: true },
    );
    const download = mkdtempSync(join(tmpdir(), 'bk-dl-'));
    const r = await runAction('backup', {
      ...base(),
      sqlite: 'data/app.db',
      postgres: pgUrl(),
      volumes: volume,
      files: '.env\nmedia',
      download,
    });
    stopWriter();
    expect(r.code, r.everything).toBe(0);
    // The password is registered as a mask (the runner hides it) and appears nowhere else.
    const shown = visible(r.everything);
    expect(r.everything).toContain('::add-mask::app pa:ss@word');
    expect(shown).not.toContain('pa:ss@word');
    expect(shown).not.toContain(encodeURIComponent('app pa:ss@word'));
    const backups = JSON.parse(r.outputs.backups!) as Entry[];
    expect(backups.map((b) => b.source).sort()).toEqual(
      ['files', 'postgres-shop', 'sqlite-app', `volume-${volume}`].sort(),
    );
    const dir = join(appDir, 'backups');
    for (const b of backups) {
      expect(b.verified).toBe(true);
      expect(b.path.startsWith(`${dir}/${app}_${b.source}_`)).toBe(true);
      expect(b.path).toMatch(/_\d{8}T\d{6}Z\./);
      expect(sha256(b.path)).toBe(b.sha256);
      expect(readFileSync(`${b.path}.sha256`, 'utf8')).toBe(`${b.sha256}  ${b.path.split('/').pop()}\n`);
      shell(`cd ${dir} && sha256sum -c ${b.path.split('/').pop()}.sha256`);
      expect(b.bytes).toBe(readFileSync(b.path).length);
      // downloaded to the runner, matching
      expect(b.downloaded).toBe(join(download, b.path.split('/').pop()!));
      expect(sha256(b.downloaded!)).toBe(b.sha256);
    }
    expect(Number(r.outputs.bytes)).toBe(backups.reduce((n, b) => n + b.bytes, 0));
    expect(backupsIn(dir).filter((f) => f.startsWith('.'))).toEqual([]);
    expect(r.summary).toContain('sqlite-app');
    expect(r.summary).toContain('postgres-shop');

    // SQLite: a real database that passes integrity_check and holds the rows.
    const sq = backups.find((b) => b.kind === 'sqlite')!;
    const copy = join(mkdtempSync(join(tmpdir(), 'bk-check-')), 'copy.db');
    shell(`gzip -dc ${sq.path} > ${copy}`);
    expect(sqlite(copy, 'PRAGMA integrity_check')).toBe('ok');
    expect(Number(sqlite(copy, "SELECT count(*) FROM items WHERE name LIKE 'item %'"))).toBe(2000);
    expect(Number(sqlite(copy, "SELECT count(*) FROM items WHERE name = 'live'"))).toBeGreaterThan(0);

    // PostgreSQL: the dump restores into a new database with every row.
    const dump = backups.find((b) => b.kind === 'postgres')!;
    pg.createDatabase('shop_restored');
    pg.client('pg_restore', ['--no-owner', '-d', 'shop_restored', dump.path]);
    expect(pg.sql('shop_restored', 'SELECT count(*), sum(total) FROM orders').trim()).toBe('5000|18753750.0');

    // The volume and the files, as archives.
    const vol = backups.find((b) => b.kind === 'volume')!;
    expect(cmd('tar', ['-tzf', vol.path]).split('\n')).toEqual(
      expect.arrayContaining(['./a.txt', './sub/b.txt']),
    );
    expect(cmd('tar', ['-xzOf', vol.path, './sub/b.txt'])).toBe('two\n');
    const files = backups.find((b) => b.kind === 'files')!;
    expect(cmd('tar', ['-tzf', files.path]).split('\n')).toEqual(
      expect.arrayContaining(['.env', 'media/photos/1.jpg']),
    );
    expect(cmd('tar', ['-xzOf', files.path, '.env'])).toBe('SECRET_KEY=abc\n');
  });
});

/** Writes a backup as an earlier run would have: file, .sha256 and .json, owned by the SSH user. */
function seed(dir: string, source: string, kind: string, time: Date, ext: string): string {
  const stamp = time
    .toISOString()
    .replace(/\.\d{3}Z$/, 'Z')
    .replace(/[-:]/g, '');
  const name = `${app}_${source}_${stamp}.${ext}`;
  const body = `old backup ${name}`;
  writeFileSync(join(dir, name), body);
  writeFileSync(join(dir, `${name}.sha256`), `${createHash('sha256').update(body).digest('hex')}  ${name}\n`);
  const meta = { app, source, kind, target: 'x', created: time.toISOString(), verified: true };
  writeFileSync(join(dir, `${name}.json`), JSON.stringify(meta));
  for (const f of [name, `${name}.sha256`, `${name}.json`])
    chownSync(join(dir, f), Number(cmd('id', ['-u', TEST_USER])), 0);
  return name;
}

describe('actions/backup: retention', () => {
  it('prunes 300 older backups per policy, per source, and only after this run verified', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'bk-keep-'));
    shell(`chown ${TEST_USER} ${dir}`);
    const now = Date.now();
    const seeded: string[] = [];
    // 300 backups of `files`, every 6 hours over 75 days, and 5 of another source that must be left alone.
    for (let i = 1; i <= 300; i++)
      seeded.push(seed(dir, 'files', 'files', new Date(now - i * 6 * 3600_000), 'tar.gz'));
    const other = [1, 2, 3, 4, 5].map((d) =>
      seed(dir, 'sqlite-other', 'sqlite', new Date(now - d * 86_400_000), 'sqlite.gz'),
    );
    const r = await runAction('backup', {
      ...base(),
      files: '.env',
      'backup-dir': dir,
      'keep-last': 2,
      'keep-daily': 5,
      'keep-weekly': 3,
      'keep-monthly': 2,
    });
    expect(r.code, r.everything).toBe(0);
    const made = (JSON.parse(r.outputs.backups!) as Entry[])[0]!;
    const left = backupsIn(dir).filter((f) => !f.endsWith('.sha256') && !f.endsWith('.json'));
    const keptSeeded = left.filter((f) => f.includes('_files_') && f !== made.path.split('/').pop());
    // The new backup (newest: last, daily, weekly, monthly) + 1 more for last; 4 more days; 2 more weeks;
    // 1 more month (at most: the new one's month may already hold them).
    expect(left).toContain(made.path.split('/').pop());
    expect(keptSeeded.length).toBeGreaterThanOrEqual(1 + 4);
    expect(keptSeeded.length).toBeLessThanOrEqual(1 + 4 + 2 + 1);
    // The seeded backups of each kept day are the newest of that day (they are 6 hours apart, newest first).
    const { decideRetention } = await import('../../../src/backup/retention.js');
    const all = [...seeded, made.path.split('/').pop()!].map((name) => ({
      name,
      time: new Date(
        name.replace(/^.*_(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})Z.*$/, '$1-$2-$3T$4:$5:$6Z'),
      ),
      verified: true,
    }));
    const expected = decideRetention(all, { last: 2, daily: 5, weekly: 3, monthly: 2 });
    expect(left.filter((f) => f.includes('_files_')).sort()).toEqual([...expected.keep.keys()].sort());
    const pruned = JSON.parse(r.outputs.pruned!) as string[];
    expect(pruned.length).toBe(301 - left.filter((f) => f.includes('_files_')).length);
    for (const p of pruned) {
      expect(existsSync(p)).toBe(false);
      expect(existsSync(`${p}.sha256`)).toBe(false);
      expect(existsSync(`${p}.json`)).toBe(false);
    }
    for (const o of other) expect(existsSync(join(dir, o))).toBe(true);
    // Every file kept still has its checksum beside it.
    for (const f of left) expect(existsSync(join(dir, `${f}.sha256`))).toBe(true);
  });

  it('an empty policy deletes nothing', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'bk-keep0-'));
    shell(`chown ${TEST_USER} ${dir}`);
    for (let i = 1; i <= 20; i++)
      seed(dir, 'files', 'files', new Date(Date.now() - i * 86_400_000), 'tar.gz');
    const r = await runAction('backup', {
      ...base(),
      files: '.env',
      'backup-dir': dir,
      'keep-last': 0,
      'keep-daily': 0,
      'keep-weekly': 0,
      'keep-monthly': 0,
    });
    expect(r.code, r.everything).toBe(0);
    expect(r.outputs.pruned).toBe('[]');
    expect(backupsIn(dir).filter((f) => f.endsWith('.tar.gz')).length).toBe(21);
  });
});

describe('actions/backup: faults', () => {
  it('a failing source fails the step; the others still run, are reported, and are pruned', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'bk-fail-'));
    shell(`chown ${TEST_USER} ${dir}`);
    const old = [1, 2, 3, 4].map((d) =>
      seed(dir, 'sqlite-missing', 'sqlite', new Date(Date.now() - d * 3600_000), 'sqlite.gz'),
    );
    const r = await runAction('backup', {
      ...base(),
      sqlite: 'data/missing.db',
      postgres: pg.url('no_such_db', 'app', 'app pa:ss@word'),
      files: '.env',
      'backup-dir': dir,
      'keep-last': 1,
      'keep-daily': 0,
      'keep-weekly': 0,
      'keep-monthly': 0,
    });
    expect(r.code).toBe(1);
    const backups = JSON.parse(r.outputs.backups!) as Entry[];
    expect(backups.map((b) => b.source)).toEqual(['files']);
    const failed = JSON.parse(r.outputs.failed!) as { source: string; error: string }[];
    expect(failed.map((f) => f.source)).toEqual(['sqlite-missing', 'postgres-no-such-db']);
    expect(failed[0]!.error).toContain('no SQLite database at');
    expect(failed[1]!.error).toContain('pg_dump');
    expect(r.stdout).toContain('2 backup(s) failed');
    expect(visible(r.everything)).not.toContain('pa:ss@word');
    // Nothing of the failed sources under a final name, no temp files, and their old backups untouched.
    const left = backupsIn(dir);
    expect(left.filter((f) => f.startsWith('.'))).toEqual([]);
    expect(left.filter((f) => f.includes('postgres'))).toEqual([]);
    for (const o of old) expect(left).toContain(o);
    expect(r.summary).toContain('❌');
  });

  it('a full disk leaves nothing behind and fails the step', async () => {
    const mnt = mkdtempSync(join(tmpdir(), 'bk-full-'));
    shell(`mount -t tmpfs -o size=1m,uid=$(id -u ${TEST_USER}) tmpfs ${mnt}`);
    try {
      // 4 MiB of incompressible rows: neither the copy nor the archive fits in 1 MiB.
      asUser(
        `sqlite3 ${appDir}/data/big.db "CREATE TABLE IF NOT EXISTS b(x BLOB); WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i+1 FROM n WHERE i < 1000) INSERT INTO b SELECT randomblob(4096) FROM n;"`,
      );
      asUser(`head -c 3000000 /dev/urandom > ${appDir}/media/big.bin`);
      const r = await runAction('backup', {
        ...base(),
        sqlite: 'data/big.db',
        postgres: pgUrl(),
        files: 'media',
        'backup-dir': mnt,
      });
      expect(r.code).toBe(1);
      const failed = JSON.parse(r.outputs.failed!) as { source: string; error: string }[];
      expect(failed.map((f) => f.source).sort()).toEqual(['files', 'sqlite-big']);
      // The small dump fits: it is the only thing there, complete, with its checksum.
      const left = readdirSync(mnt).sort();
      expect(left.every((f) => f.includes('_postgres-shop_'))).toBe(true);
      const dump = left.find((f) => f.endsWith('.dump'))!;
      shell(`cd ${mnt} && sha256sum -c ${dump}.sha256`);
    } finally {
      shell(`umount ${mnt}; rm -f ${appDir}/data/big.db ${appDir}/media/big.bin`);
    }
  });

  it('bad inputs fail before connecting, without showing a password', async () => {
    const r = await runAction('backup', {
      host: '127.0.0.1',
      port: 1,
      username: 'nobody',
      key: ssh.clientKey,
      app,
      postgres: 'postgresql://app:hunter2hunter2@db/x\nmysql://root:hunter2hunter2@db/x',
      'keep-daily': '-1',
      mode: 'backup',
    });
    expect(r.code).toBe(1);
    expect(r.stdout).toContain('input "postgres"');
    expect(r.stdout).toContain('input "keep-daily"');
    expect(visible(r.everything)).not.toContain('hunter2hunter2');
    expect(r.stdout).not.toContain('connect');
  });
});

describe('actions/backup: list and restore', () => {
  let web: HealthServer;
  let dir: string;
  beforeAll(async () => {
    web = await startHealthServer();
    dir = mkdtempSync(join(tmpdir(), 'bk-restore-'));
    shell(`chown ${TEST_USER} ${dir}`);
  });
  afterAll(async () => web?.close());

  const take = async (inputs: Record<string, string>) => {
    const r = await runAction('backup', { ...base(), 'backup-dir': dir, ...inputs });
    expect(r.code, r.everything).toBe(0);
    return (JSON.parse(r.outputs.backups!) as Entry[])[0]!;
  };
  const restore = (from: string, inputs: Record<string, string>) =>
    runAction('backup', { ...base(), 'backup-dir': dir, mode: 'restore', 'restore-from': from, ...inputs });

  it('lists what is on the server as JSON', async () => {
    const made = await take({ files: '.env' });
    const r = await runAction('backup', { ...base(), 'backup-dir': dir, mode: 'list' });
    expect(r.code, r.everything).toBe(0);
    const listed = JSON.parse(r.outputs.backups!) as (Entry & { created: string })[];
    const mine = listed.find((b) => b.path === made.path)!;
    expect(mine).toMatchObject({
      source: 'files',
      kind: 'files',
      bytes: made.bytes,
      sha256: made.sha256,
      verified: true,
    });
    expect(Date.parse(mine.created)).toBeGreaterThan(Date.now() - 600_000);
    expect(r.summary).toContain(made.path.split('/').pop());
  });

  it('SQLite: refused without the confirm word; done with it: stop, safety backup, atomic replace, start, health gate', async () => {
    const made = await take({ sqlite: 'data/app.db' });
    const before = Number(sqlite(db, 'SELECT count(*) FROM items'));
    asUser(`sqlite3 ${db} "DELETE FROM items WHERE id % 2 = 0"`);
    const damaged = Number(sqlite(db, 'SELECT count(*) FROM items'));
    expect(damaged).toBeLessThan(before);
    const from = made.path.split('/').pop()!;
    const commands = {
      sqlite: 'data/app.db',
      'stop-command': `echo stopped >> ${appDir}/app.log`,
      'start-command': `echo started >> ${appDir}/app.log`,
      'health-url': web.url('/ok'),
      'health-interval': '100ms',
    };

    for (const confirm of ['', 'yes']) {
      const refused = await restore(from, { ...commands, confirm });
      expect(refused.code).toBe(1);
      expect(refused.stdout).toContain('restore refused');
      expect(Number(sqlite(db, 'SELECT count(*) FROM items'))).toBe(damaged);
      expect(existsSync(`${appDir}/app.log`)).toBe(false);
    }

    const r = await restore(from, { ...commands, confirm: 'i-know-this-will-overwrite' });
    expect(r.code, r.everything).toBe(0);
    expect(Number(sqlite(db, 'SELECT count(*) FROM items'))).toBe(before);
    expect(sqlite(db, 'PRAGMA integrity_check')).toBe('ok');
    expect(readFileSync(`${appDir}/app.log`, 'utf8')).toBe('stopped\nstarted\n');
    expect(cmd('stat', ['-c', '%U', db]).trim()).toBe(TEST_USER);
    expect(r.outputs.health).toBe('ok');
    // The safety backup holds what was replaced.
    const safety = r.outputs['safety-backup']!;
    expect(safety).not.toBe(made.path);
    const copy = join(mkdtempSync(join(tmpdir(), 'bk-safety-')), 'x.db');
    shell(`gzip -dc ${safety} > ${copy}`);
    expect(Number(sqlite(copy, 'SELECT count(*) FROM items'))).toBe(damaged);
    expect(r.summary).toContain('Restore on');
    rmSync(`${appDir}/app.log`);
  });

  it('a restore whose health gate fails fails the step, naming the safety backup', async () => {
    const made = await take({ files: '.env' });
    const r = await restore(made.path.split('/').pop()!, {
      files: '.env',
      confirm: 'i-know-this-will-overwrite',
      'health-url': web.url('/503'),
      'health-timeout': '1s',
      'health-interval': '100ms',
    });
    expect(r.code).toBe(1);
    expect(r.outputs.health, r.stdout).toBe('unhealthy');
    expect(r.stdout).toContain('health gate failed');
    expect(r.stdout).toContain(r.outputs['safety-backup']!);
  });

  it('PostgreSQL: pg_restore --clean in one transaction brings every row back', async () => {
    const made = await take({ postgres: pgUrl() });
    pg.sql('shop', 'SET ROLE app; DELETE FROM orders WHERE id > 10; CREATE TABLE stray(x int);');
    const r = await restore(made.path.split('/').pop()!, {
      postgres: pgUrl(),
      confirm: 'i-know-this-will-overwrite',
    });
    expect(r.code, r.everything).toBe(0);
    expect(pg.sql('shop', 'SELECT count(*) FROM orders').trim()).toBe('5000');
    expect(visible(r.everything)).not.toContain('pa:ss@word');
    // The safety dump holds the damaged state.
    pg.createDatabase('shop_safety');
    pg.client('pg_restore', ['--no-owner', '-d', 'shop_safety', r.outputs['safety-backup']!]);
    expect(pg.sql('shop_safety', 'SELECT count(*) FROM orders').trim()).toBe('10');
  });

  it('a safety backup that fails restores nothing and starts the app again', async () => {
    const made = await take({ postgres: pgUrl() });
    // A table the app's role may not read: its pg_dump (the safety backup) fails.
    pg.sql('shop', 'CREATE TABLE admin_only(x int)');
    pg.sql('shop', 'SET ROLE app; DELETE FROM orders WHERE id > 20');
    try {
      const r = await restore(made.path.split('/').pop()!, {
        postgres: pgUrl(),
        confirm: 'i-know-this-will-overwrite',
        'stop-command': `echo stopped >> ${appDir}/app.log`,
        'start-command': `echo started >> ${appDir}/app.log`,
      });
      expect(r.code).toBe(1);
      expect(r.stdout).toContain('the safety backup');
      expect(r.stdout).toContain('nothing was restored');
      expect(pg.sql('shop', 'SELECT count(*) FROM orders').trim()).toBe('20');
      expect(readFileSync(`${appDir}/app.log`, 'utf8')).toBe('stopped\nstarted\n');
    } finally {
      pg.sql('shop', 'DROP TABLE admin_only');
      rmSync(`${appDir}/app.log`, { force: true });
    }
  });

  it('files: one listed path missing still keeps a safety backup of the ones there', async () => {
    const made = await take({ files: '.env\nmedia' });
    asUser(`printf 'SECRET_KEY=changed\\n' > ${appDir}/.env && rm -rf ${appDir}/media`);
    const r = await restore(made.path.split('/').pop()!, {
      files: '.env\nmedia',
      confirm: 'i-know-this-will-overwrite',
    });
    expect(r.code, r.everything).toBe(0);
    expect(readFileSync(`${appDir}/.env`, 'utf8')).toBe('SECRET_KEY=abc\n');
    expect(readFileSync(`${appDir}/media/photos/1.jpg`, 'utf8')).toBe('jpeg');
    // The safety backup holds the .env that was overwritten, and only what existed.
    const safety = r.outputs['safety-backup']!;
    expect(safety, r.stdout).not.toBe('');
    expect(cmd('tar', ['-tzf', safety]).split('\n').filter(Boolean)).toEqual(['.env']);
    expect(cmd('tar', ['-xzOf', safety, '.env'])).toBe('SECRET_KEY=changed\n');
  });

  it('a Docker volume: emptied and unpacked from the archive', async () => {
    const made = await take({ volumes: volume });
    cmd('docker', [
      'run',
      '--rm',
      '-v',
      `${volume}:/d`,
      'local/busybox:1',
      'sh',
      '-c',
      'rm -rf /d/sub && echo changed > /d/a.txt && echo new > /d/c.txt',
    ]);
    const r = await restore(made.path.split('/').pop()!, {
      volumes: volume,
      confirm: 'i-know-this-will-overwrite',
    });
    expect(r.code, r.everything).toBe(0);
    const now = cmd('docker', [
      'run',
      '--rm',
      '-v',
      `${volume}:/d:ro`,
      'local/busybox:1',
      'sh',
      '-c',
      'cd /d && find . -type f | sort && cat a.txt',
    ]);
    expect(now).toBe('./a.txt\n./sub/b.txt\none\n');
  });
});
