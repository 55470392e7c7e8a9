import { randomBytes } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, readlinkSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createNodeAppRepo } from '../../harness/node-app.js';
import type { NodeAppRepo } from '../../harness/node-app.js';
import { cmd, requireParts, serverBaseDir, shell, TEST_USER, testUserIds } from '../../harness/parts.js';
import { freePort } from '../../harness/ports.js';
import { runAction, sshInputs } from '../../harness/run-action.js';
import type { ActionRun } from '../../harness/run-action.js';
import { startSshd } from '../../harness/sshd.js';
import type { SshServer } from '../../harness/sshd.js';
import { startSupervisor } from '../../harness/supervisor.js';
import type { Supervisor } from '../../harness/supervisor.js';

/**
 * A full disk on the server, made real: a small tmpfs mounted (as root) as the app-dir of a release deploy, and
 * as the backup-dir of a backup. What must hold: the failing step names the full disk, leaves no
 * partial file behind (no `.incoming-*` release, no backup under its final name), the release before keeps
 * serving, the lock is free for the next run, and good backups are never pruned by a run that failed.
 */
let ssh: SshServer;
let base: string;
const mounts: string[] = [];

const logOf = (r: ActionRun) => r.stdout.replace(/^::add-mask::.*$/gm, '');

/** Mounts a tmpfs of `size` at dir, owned by the SSH test user. */
function smallDisk(dir: string, size: string): void {
  const { uid, gid } = testUserIds();
  shell(`mkdir -p ${dir} && mount -t tmpfs -o size=${size},uid=${uid},gid=${gid},mode=0755 tmpfs ${dir}`);
  mounts.push(dir);
}

beforeAll(async () => {
  requireParts('supervisord', 'flock', 'sqlite3');
  ssh = await startSshd();
  base = serverBaseDir('disk-full-');
});

afterAll(async () => {
  await ssh?.stop();
  for (const m of mounts.reverse()) shell(`umount ${m} || umount -l ${m}`);
  if (base) rmSync(base, { recursive: true, force: true });
});

describe('the release upload fills the disk', () => {
  let sup: Supervisor;
  let repo: NodeAppRepo;
  let appDir: string;
  let port: number;

  beforeAll(async () => {
    appDir = join(base, 'shop');
    smallDisk(appDir, '3m');
    repo = createNodeAppRepo([['v1', 'ok']]);
    const git = (...args: string[]) =>
      cmd('git', ['-C', repo.dir, ...args], {
        env: {
          ...process.env,
          GIT_AUTHOR_NAME: 'T',
          GIT_AUTHOR_EMAIL: 't@e',
          GIT_COMMITTER_NAME: 'T',
          GIT_COMMITTER_EMAIL: 't@e',
        },
      });
    // 4 MB that do not compress: the tar unpacks past the 3 MB disk.
    writeFileSync(join(repo.dir, 'big.txt'), randomBytes(3_000_000).toString('base64'));
    git('add', 'big.txt');
    git('commit', '-q', '-m', 'big');
    git('tag', 'big');
    git('rm', '-q', 'big.txt');
    writeFileSync(join(repo.dir, 'version'), 'v2\n');
    git('commit', '-q', '-am', 'v2');
    git('tag', 'v2');
    port = await freePort();
    sup = await startSupervisor(appDir);
  });

  afterAll(async () => {
    await sup?.stop();
    if (repo) rmSync(repo.dir, { recursive: true, force: true });
  });

  const deploy = (tag: string) =>
    runAction(
      'deploy',
      {
        ...sshInputs(ssh),
        app: 'shop',
        'app-dir': appDir,
        strategy: 'release',
        tag,
        'env-file': `PORT=${port}\n`,
        'restart-command': sup.restartCommand,
        'health-url': `http://127.0.0.1:${port}/health`,
        'health-interval': '200ms',
        'health-timeout': '10s',
      },
      { cwd: repo.dir },
    );
  const serving = async () =>
    ((await (await fetch(`http://127.0.0.1:${port}/health`)).json()) as { version: string }).version;

  it('fails naming "No space left on device", removes .incoming-*, v1 serves, the lock is free', async () => {
    const v1 = await deploy('v1');
    expect(v1.code, logOf(v1)).toBe(0);

    const r = await deploy('big');
    expect(r.code, logOf(r)).toBe(1);
    expect(r.stdout).toMatch(/::error.*upload.*No space left on device/);
    expect(r.outputs.status).toBe('failed');
    expect(readdirSync(join(appDir, 'releases')).filter((d) => d.startsWith('.'))).toEqual([]);
    expect(existsSync(join(appDir, 'releases', 'big'))).toBe(false);
    expect(readlinkSync(join(appDir, 'current'))).toBe('releases/v1');
    expect(await serving()).toBe('v1');
    const ledger = readFileSync(join(appDir, '.vps-deploy', 'releases.jsonl'), 'utf8')
      .trim()
      .split('\n');
    expect(JSON.parse(ledger.at(-1)!)).toMatchObject({ tag: 'big', outcome: 'aborted' });

    // The space is back and the lock free: the next deploy goes through at once.
    const v2 = await deploy('v2');
    expect(v2.code, logOf(v2)).toBe(0);
    expect(v2.stdout).not.toMatch(/Waiting up to .* for the deploy lock/);
    expect(await serving()).toBe('v2');
  });
});

describe('a backup fills the disk', () => {
  let appDir: string;
  let backupDir: string;
  const asUser = (script: string) => cmd('runuser', ['-u', TEST_USER, '--', 'sh', '-c', script]);

  beforeAll(() => {
    appDir = join(base, 'bk-app');
    backupDir = join(base, 'backups');
    shell(`mkdir -p ${appDir}/data && chown -R ${TEST_USER} ${appDir}`);
    smallDisk(backupDir, '1m');
    asUser(
      `sqlite3 ${appDir}/data/app.db "CREATE TABLE t(x BLOB); WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i+1 FROM n WHERE i < 100) INSERT INTO t SELECT randomblob(500) FROM n;"`,
    );
  });

  const backup = (keep: Record<string, number>) =>
    runAction('backup', {
      ...sshInputs(ssh),
      app: 'shop',
      'app-dir': appDir,
      sqlite: 'data/app.db',
      'backup-dir': backupDir,
      ...keep,
    });
  const files = () => readdirSync(backupDir).sort();

  it('fails naming the full disk, leaves no partial backup, and prunes no good one', async () => {
    for (let i = 0; i < 2; i++) {
      const r = await backup({ 'keep-last': 5 });
      expect(r.code, logOf(r)).toBe(0);
      await new Promise((res) => setTimeout(res, 1100)); // backup names carry the second they were taken
    }
    const good = files();
    expect(good.filter((f) => f.endsWith('.sha256'))).toHaveLength(2);

    // 3 MB of random rows: neither the copy nor its archive fits in what is left of 1 MB.
    asUser(
      `sqlite3 ${appDir}/data/app.db "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i+1 FROM n WHERE i < 750) INSERT INTO t SELECT randomblob(4096) FROM n;"`,
    );
    // A policy that would keep only one: a run that failed must not apply it.
    const r = await backup({ 'keep-last': 1, 'keep-daily': 0, 'keep-weekly': 0, 'keep-monthly': 0 });
    expect(r.code, logOf(r)).toBe(1);
    // SQLite's copy is what hits the wall: it says so in its own words (SQLITE_FULL).
    expect(logOf(r)).toMatch(/No space left on device|database or disk is full/);
    expect(files()).toEqual(good);
    for (const sum of good.filter((f) => f.endsWith('.sha256')))
      shell(`cd ${backupDir} && sha256sum -c ${sum}`);

    const list = await runAction('backup', {
      ...sshInputs(ssh),
      app: 'shop',
      'backup-dir': backupDir,
      mode: 'list',
    });
    expect(list.code, logOf(list)).toBe(0);
    expect(JSON.parse(list.outputs.backups ?? '[]')).toHaveLength(2);
  });
});
