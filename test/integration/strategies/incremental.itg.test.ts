import { execFileSync, spawnSync } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import {
  existsSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  readlinkSync,
  renameSync,
  rmSync,
  unlinkSync,
  writeFileSync,
} from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { treeHashCommand } from '../../../src/strategies/release-dirs/tree-hash.js';
import { createNodeAppRepo } from '../../harness/node-app.js';
import type { NodeAppRepo } from '../../harness/node-app.js';
import { cmd, requireParts, serverBaseDir } from '../../harness/parts.js';
import { freePort } from '../../harness/ports.js';
import { runAction, sshInputs } from '../../harness/run-action.js';
import type { ActionRun, RunOptions } from '../../harness/run-action.js';
import { startSshd } from '../../harness/sshd.js';
import type { SshServer } from '../../harness/sshd.js';
import { startSupervisor } from '../../harness/supervisor.js';
import type { Supervisor } from '../../harness/supervisor.js';

/**
 * Incremental release uploads, through `node dist/deploy/index.js` and `dist/rollback` as a workflow runs them,
 * against a real OpenSSH server and supervisord: a release made from the previous one (hard links + the changed
 * paths) is byte-identical to a full upload of the same tag, deleted files are gone, a previous release edited by
 * hand is not trusted, a kill mid-upload leaves the previous release as it was, and a rollback serves it unchanged.
 */
let ssh: SshServer;
let sup: Supervisor;
let repo: NodeAppRepo;
let base: string;
let appDir: string;
let port: number;
/** What the deploy replaces or writes in every release: left out of every comparison. */
const NOT_COMPARED = ['.env', 'storage', 'REVISION', '.vps-deploy-tree', '.vps-deploy.env'];

const git = (...args: string[]) =>
  cmd('git', ['-C', repo.dir, '-c', 'user.name=t', '-c', 'user.email=t@example.com', ...args]).trim();

function commit(tag: string, change: () => void): void {
  change();
  git('add', '-A');
  git('commit', '-q', '-m', tag);
  git('tag', tag);
}

beforeAll(async () => {
  requireParts('supervisord', 'flock');
  ssh = await startSshd();
  base = serverBaseDir('incremental-');
  appDir = join(base, "incr app's dir");
  repo = createNodeAppRepo(
    [
      ['v1', 'ok'],
      ['v2', 'ok'],
    ],
    { padding: 400, padBytes: 1500 },
  );
  const f = (...p: string[]) => join(repo.dir, ...p);
  commit('v3', () => {
    writeFileSync(f('version'), 'v3\n');
    unlinkSync(f('README.md'));
    renameSync(f('lib', 'm0', 'f1.js'), f('lib', 'm0', 'renamed f1.js'));
    mkdirSync(f('new dir'));
    writeFileSync(f('new dir', 'line\nbreak.txt'), 'a newline in the name\n');
    writeFileSync(f('-dash.txt'), 'a leading dash\n');
  });
  commit('v4', () => writeFileSync(f('version'), 'v4\n'));
  commit('big', () => {
    writeFileSync(f('version'), 'big\n');
    writeFileSync(f('blob.bin'), randomBytes(48 * 1024 * 1024));
  });
  port = await freePort();
  sup = await startSupervisor(appDir);
}, 120_000);

afterAll(async () => {
  await sup?.stop();
  await ssh?.stop();
  if (base) rmSync(base, { recursive: true, force: true });
  if (repo) rmSync(repo.dir, { recursive: true, force: true });
});

const inputs = (dir: string) => ({
  ...sshInputs(ssh),
  app: 'shop',
  'app-dir': dir,
  strategy: 'release',
  'env-file': `PORT=${port}\n`,
  'shared-dirs': 'storage',
  'health-url': `http://127.0.0.1:${port}/health`,
  'health-interval': '200ms',
  'health-timeout': '20s',
});

function deploy(tag: string, opts: RunOptions = {}, dir = appDir): Promise<ActionRun> {
  const restart = dir === appDir ? { 'restart-command': sup.restartCommand } : {};
  return runAction(
    'deploy',
    { ...inputs(dir), ...restart, tag },
    { cwd: repo.dir, timeoutMs: 120_000, ...opts },
  );
}

const logOf = (r: ActionRun) => r.stdout.replace(/^::add-mask::.*$/gm, '');
const rel = (tag: string, dir = appDir) => join(dir, 'releases', tag);
const current = () => readlinkSync(join(appDir, 'current'));
const serving = async () =>
  ((await (await fetch(`http://127.0.0.1:${port}/health`)).json()) as { version: string }).version;

/** The tree hash (tree-hash.ts) of a dir on this machine, which is the server too. */
function treeHashOf(dir: string): string {
  return execFileSync('/bin/sh', ['-c', treeHashCommand(dir, NOT_COMPARED)], { encoding: 'utf8' }).trim();
}

/** What a full upload of `tag` unpacks to: git archive of the tag through tar -x. */
function reference(tag: string): string {
  const dir = join(base, `reference-${tag}`);
  if (!existsSync(dir)) {
    mkdirSync(dir);
    const tar = execFileSync('git', ['-C', repo.dir, 'archive', '--format=tar', tag], { maxBuffer: 1 << 28 });
    execFileSync('tar', ['-x', '-f', '-', '-C', dir], { input: tar });
  }
  return dir;
}

function expectSameTree(a: string, b: string): void {
  expect(treeHashOf(a)).toBe(treeHashOf(b));
  const excludes = NOT_COMPARED.flatMap((x) => ['-x', x]);
  const d = spawnSync('diff', ['-r', '--no-dereference', ...excludes, a, b], { encoding: 'utf8' });
  expect(d.stdout + d.stderr).toBe('');
  expect(d.status).toBe(0);
}

describe('incremental release uploads through actions/deploy', () => {
  it('a first deploy uploads whole; the next is incremental and byte-identical to a full upload of the same tag', async () => {
    const first = await deploy('v1');
    expect(first.code, logOf(first)).toBe(0);
    expect(logOf(first)).toMatch(/sent \(full upload\)/);

    const second = await deploy('v2');
    expect(second.code, logOf(second)).toBe(0);
    expect(logOf(second)).toMatch(
      /incremental from releases\/v1: 1 changed, 0 deleted, \d+ linked; tree hash \w{12} verified \(the tree record of releases\/v1 and the files sent\)/,
    );
    expect(logOf(second)).toMatch(/sent \(incremental upload\)/);
    expect(await serving()).toBe('v2');

    // The same tag uploaded whole into another app dir (its first deploy), gated on the app that serves.
    const fullDir = join(base, 'full-upload');
    const full = await deploy('v2', {}, fullDir);
    expect(full.code, logOf(full)).toBe(0);
    expect(logOf(full)).toMatch(/sent \(full upload\)/);
    expectSameTree(rel('v2'), rel('v2', fullDir));
    expectSameTree(rel('v2'), reference('v2'));
  });

  it('renames, deletions and hostile new names: deleted files are gone, the tree is the tag', async () => {
    const r = await deploy('v3');
    expect(r.code, logOf(r)).toBe(0);
    expect(logOf(r)).toMatch(/incremental from releases\/v2: 4 changed, 2 deleted/);
    // v2's record was itself composed from v1's: it holds across deploys, hostile names included.
    expect(logOf(r)).toMatch(/verified \(the tree record of releases\/v2 and the files sent\)/);
    expect(existsSync(join(rel('v3'), 'README.md'))).toBe(false);
    expect(existsSync(join(rel('v3'), 'lib', 'm0', 'f1.js'))).toBe(false);
    expect(readFileSync(join(rel('v3'), 'new dir', 'line\nbreak.txt'), 'utf8')).toBe(
      'a newline in the name\n',
    );
    expectSameTree(rel('v3'), reference('v3'));
    // The previous release keeps its files.
    expectSameTree(rel('v2'), reference('v2'));
  });

  it('a file of the previous release changed in place by hand is not trusted: the whole release is uploaded', async () => {
    // Hard links: the edit shows in every release sharing the file (v2 too), as any in-place edit would.
    writeFileSync(join(rel('v3'), 'lib', 'm2', 'f100.js'), 'edited on the server\n', { flag: 'r+' });
    const r = await deploy('v4');
    expect(r.code, logOf(r)).toBe(0);
    expect(logOf(r)).toMatch(
      /::warning::Uploading the whole release: the tree hash of the incremental release \(\w{12}\) is not that of git archive v4 \(\w{12}\): releases\/v3 differs from its commit \(changed on the server by hand\?\) and is not trusted/,
    );
    expect(logOf(r)).toMatch(/sent \(full upload\)/);
    expectSameTree(rel('v4'), reference('v4'));
  });

  it('a deploy killed (SIGKILL) mid upload leaves the previous release intact; the next one goes through', async () => {
    const before = treeHashOf(rel('v4'));
    let child: ChildProcess | undefined;
    let poll: NodeJS.Timeout | undefined;
    // Killed once tar on the server has started writing the 48 MB file: in the middle of the upload.
    const blobStarted = () =>
      readdirSync(join(appDir, 'releases')).some(
        (d) => d.startsWith('.incoming-big-') && existsSync(join(appDir, 'releases', d, 'blob.bin')),
      );
    const killed = await deploy('big', {
      onSpawn: (c) => (child = c),
      onStdout: (chunk) => {
        if (!poll && chunk.includes('Uploading git archive big'))
          poll = setInterval(() => blobStarted() && child?.kill('SIGKILL'), 5);
      },
    });
    clearInterval(poll);
    expect(killed.signal).toBe('SIGKILL');
    expect(readdirSync(join(appDir, 'releases')).some((d) => d.startsWith('.incoming-big-'))).toBe(true);
    expect(existsSync(rel('big'))).toBe(false);
    expect(current()).toBe('releases/v4');
    expect(treeHashOf(rel('v4'))).toBe(before);
    expectSameTree(rel('v4'), reference('v4'));
    expect(await serving()).toBe('v4');

    const next = await deploy('big');
    expect(next.code, logOf(next)).toBe(0);
    expect(logOf(next)).toMatch(/incremental from releases\/v4: 2 changed, 0 deleted/);
    expectSameTree(rel('big'), reference('big'));
    expect(await serving()).toBe('big');
  });

  it('a rollback after an incremental deploy serves the previous files unchanged', async () => {
    const r = await runAction(
      'rollback',
      { ...inputs(appDir), 'restart-command': sup.restartCommand },
      { cwd: repo.dir },
    );
    expect(r.code, logOf(r)).toBe(0);
    expect(current()).toBe('releases/v4');
    expect(await serving()).toBe('v4');
    expectSameTree(rel('v4'), reference('v4'));
  });
});
