import { existsSync, lstatSync, readFileSync, readdirSync, readlinkSync, rmSync, statSync } from 'node:fs';
import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { pollCurrent } from '../../harness/current-poller.js';
import { createNodeAppRepo } from '../../harness/node-app.js';
import type { NodeAppRepo } from '../../harness/node-app.js';
import { cmd, requireParts, serverBaseDir } from '../../harness/parts.js';
import { freePort } from '../../harness/ports.js';
import { runAction, sshInputs } from '../../harness/run-action.js';
import type { ActionRun } from '../../harness/run-action.js';
import { startSshd } from '../../harness/sshd.js';
import type { SshServer } from '../../harness/sshd.js';
import { startSupervisor } from '../../harness/supervisor.js';
import type { Supervisor } from '../../harness/supervisor.js';

/**
 * actions/deploy and actions/rollback with `strategy: release`, run as the committed bundles, against a real
 * OpenSSH server and a real service manager (a private supervisord running the app from <app-dir>/current).
 * The app is a plain Node http server in a git repository with one tag per behaviour; the workspace is that
 * repository, so each release is `git archive` of its tag. The app-dir holds a space and a quote.
 */
let ssh: SshServer;
let sup: Supervisor;
let repo: NodeAppRepo;
let base: string;
let appDir: string;
let port: number;
const SECRET = 'vpsd-release-s3cret-41d9';
const everything: string[] = [];

beforeAll(async () => {
  requireParts('supervisord', 'flock');
  ssh = await startSshd();
  base = serverBaseDir('release-e2e-');
  appDir = join(base, "shop's app dir");
  repo = createNodeAppRepo([
    ['v1', 'ok'],
    ['v2', 'ok'],
    ['bad503', '503'],
    ['crash', 'crash'],
    ['v3', 'ok'],
    ['v4', 'ok'],
  ]);
  port = await freePort();
  sup = await startSupervisor(appDir);
});

afterAll(async () => {
  await sup?.stop();
  await ssh?.stop();
  if (base) rmSync(base, { recursive: true, force: true });
  if (repo) rmSync(repo.dir, { recursive: true, force: true });
});

const common = () => ({
  ...sshInputs(ssh),
  app: 'shop',
  'app-dir': appDir,
  'restart-command': sup.restartCommand,
  'health-url': `http://127.0.0.1:${port}/health`,
  'health-interval': '200ms',
  'health-timeout': '6s',
});

async function deploy(tag: string, extra: Record<string, string | number> = {}): Promise<ActionRun> {
  const r = await runAction(
    'deploy',
    {
      ...common(),
      strategy: 'release',
      tag,
      'env-file': `PORT=${port}\nSECRET_TOKEN=${SECRET}\n`,
      'shared-dirs': 'storage',
      'keep-releases': 3,
      ...extra,
    },
    { cwd: repo.dir },
  );
  everything.push(r.everything);
  return r;
}

/** The step's log without the ::add-mask:: lines (long keys), for assertion messages. */
const logOf = (r: ActionRun) => r.stdout.replace(/^::add-mask::.*$/gm, '');

async function rollback(extra: Record<string, string> = {}): Promise<ActionRun> {
  const r = await runAction('rollback', { ...common(), ...extra }, { cwd: repo.dir });
  everything.push(r.everything);
  return r;
}

const rel = (...p: string[]) => join(appDir, 'releases', ...p);
const current = () => readlinkSync(join(appDir, 'current'));
const releases = () => readdirSync(rel()).sort();
const state = () =>
  JSON.parse(readFileSync(join(appDir, '.vps-deploy', 'state.json'), 'utf8')) as Record<string, unknown>;
const ledger = () =>
  readFileSync(join(appDir, '.vps-deploy', 'releases.jsonl'), 'utf8')
    .trim()
    .split('\n')
    .map((l) => JSON.parse(l) as Record<string, unknown>);
const serving = async () =>
  (await (await fetch(`http://127.0.0.1:${port}/health`)).json()) as {
    status: string;
    version: string;
    cwd: string;
  };

/**
 * Tags a commit on top of `base` whose tree has a large file and, sorted after it, a file whose blob is then
 * deleted from .git/objects: `git archive` of the tag writes the large file and fails on the missing one, so the
 * upload sees a stream that starts well and breaks. Made with plumbing, so the checkout's branch is untouched.
 */
function tornTag(dir: string, base: string): string {
  const env = {
    ...process.env,
    GIT_INDEX_FILE: join(dir, '.git', 'torn-index'),
    GIT_AUTHOR_NAME: 'Test',
    GIT_AUTHOR_EMAIL: 'test@example.com',
    GIT_COMMITTER_NAME: 'Test',
    GIT_COMMITTER_EMAIL: 'test@example.com',
  };
  const git = (args: string[], input = '') => cmd('git', ['-C', dir, ...args], { env, input }).trim();
  git(['read-tree', base]);
  const big = git(['hash-object', '-w', '--stdin'], randomBytes(600_000).toString('base64'));
  const lost = git(['hash-object', '-w', '--stdin'], `lost ${randomBytes(8).toString('hex')}\n`);
  git(['update-index', '--add', '--cacheinfo', `100644,${big},aa-big.txt`]);
  git(['update-index', '--add', '--cacheinfo', `100644,${lost},zz-lost.txt`]);
  const commit = git(['commit-tree', '-p', base, '-m', 'torn', git(['write-tree'])]);
  git(['tag', 'torn', commit]);
  rmSync(join(dir, '.git', 'objects', lost.slice(0, 2), lost.slice(2)));
  rmSync(env.GIT_INDEX_FILE);
  return 'torn';
}

describe('actions/deploy and actions/rollback with strategy: release', () => {
  it('deploys v1 from its git tag: releases/v1, REVISION, shared .env (0600) linked, current, restart, gate', async () => {
    const r = await deploy('v1');
    expect(r.code, logOf(r)).toBe(0);
    expect(r.outputs).toMatchObject({ status: 'deployed', tag: 'v1', 'previous-tag': '', health: 'ok' });
    expect(current()).toBe('releases/v1');
    expect(readFileSync(rel('v1', 'REVISION'), 'utf8')).toContain(`commit=${repo.commits.v1}`);
    expect(readlinkSync(rel('v1', '.env'))).toBe('../../shared/.env');
    expect(statSync(join(appDir, 'shared', '.env')).mode & 0o777).toBe(0o600);
    expect(lstatSync(rel('v1', 'storage')).isSymbolicLink()).toBe(true);
    expect(await serving()).toMatchObject({ status: 'ok', version: 'v1', cwd: rel('v1') });
    expect(state()).toMatchObject({ current: 'v1', previous: null, strategy: 'release' });
    expect(ledger().map((l) => l.outcome)).toEqual(['started', 'deployed']);
  });

  it('deploys v2 while another process stats current/REVISION in a tight loop: it never misses', async () => {
    const poller = pollCurrent(appDir);
    const r = await deploy('v2');
    const seen = await poller.stop();
    expect(r.code, logOf(r)).toBe(0);
    expect(r.outputs).toMatchObject({ status: 'deployed', tag: 'v2', 'previous-tag': 'v1' });
    expect(seen.n).toBeGreaterThan(10_000);
    expect(seen.miss).toBe(0);
    expect(current()).toBe('releases/v2');
    expect((await serving()).version).toBe('v2');
  });

  it.each([
    ['bad503', 'unhealthy'],
    ['crash', 'unreachable'],
  ])(
    'rolls back %s (health %s): switches back, restarts, v2 serves, the step fails',
    async (tag, verdict) => {
      const r = await deploy(tag);
      expect(r.code, logOf(r)).toBe(1);
      expect(r.outputs).toMatchObject({ status: 'rolled-back', tag: 'v2', health: verdict });
      expect(current()).toBe('releases/v2');
      expect((await serving()).version).toBe('v2');
      expect(state()).toMatchObject({ current: 'v2', previous: 'v1', strategy: 'release' });
      expect(ledger().at(-1)).toMatchObject({ tag, outcome: 'rolled-back' });
    },
  );

  it('a missing shared file stops the deploy before the switch, naming it; it is never created', async () => {
    const before = releases();
    const r = await deploy('v3', { 'shared-files': '.env\nconfig/secret.json' });
    expect(r.code).toBe(1);
    expect(r.stdout + r.stderr).toContain(join(appDir, 'shared', 'config/secret.json'));
    expect(existsSync(join(appDir, 'shared', 'config', 'secret.json'))).toBe(false);
    expect(releases()).toEqual(before);
    expect(current()).toBe('releases/v2');
    expect(ledger().at(-1)).toMatchObject({ tag: 'v3', outcome: 'aborted' });
  });

  it('an install-command failure leaves current untouched and shows the command and its output', async () => {
    const r = await deploy('v3', {
      'install-command': 'echo "pip: no matching distribution for fastapi==99" >&2; exit 9',
    });
    expect(r.code).toBe(1);
    expect(r.stdout + r.stderr).toContain('install-command failed (exit 9)');
    expect(r.stdout + r.stderr).toContain('no matching distribution for fastapi==99');
    expect(current()).toBe('releases/v2');
    expect(existsSync(rel('v3'))).toBe(false);
  });

  it('prunes to keep-releases 3: current and previous kept, failed releases take no place', async () => {
    // bad503 and crash are newer than v1; counting them (as Capistrano does) would delete v1 here.
    const r = await deploy('v3', { 'install-command': 'test -L .env && echo built > build-marker' });
    expect(r.code, logOf(r)).toBe(0);
    expect(readFileSync(rel('v3', 'build-marker'), 'utf8')).toBe('built\n');
    expect(releases()).toEqual(['v1', 'v2', 'v3']);
    const r4 = await deploy('v4');
    expect(r4.code, logOf(r4)).toBe(0);
    expect(releases()).toEqual(['v2', 'v3', 'v4']);
    expect(state()).toMatchObject({ current: 'v4', previous: 'v3' });
  });

  it('re-deploying the serving tag replaces it cleanly, current resolvable throughout', async () => {
    const poller = pollCurrent(appDir);
    const r = await deploy('v4', { 'install-command': 'echo again > build-marker' });
    const seen = await poller.stop();
    expect(r.code, logOf(r)).toBe(0);
    expect(seen.miss).toBe(0);
    expect(readFileSync(rel('v4', 'build-marker'), 'utf8')).toBe('again\n');
    expect(readdirSync(rel()).filter((d) => d.startsWith('.'))).toEqual([]);
    expect((await serving()).version).toBe('v4');
  });

  it('a tag missing from the checkout is refused before connecting: no lock, no ledger line', async () => {
    const before = ledger().length;
    const r = await deploy('v99');
    expect(r.code).toBe(1);
    expect(r.stdout).toContain('tag "v99" is not in the git repository');
    expect(r.stdout).not.toContain('Deploying v99');
    expect(ledger().length).toBe(before);
  });

  it('a failed re-deploy of the serving tag brings back the build that served', async () => {
    // The new build of v4 answers 503 (its install step rewrites the behaviour file the app reads).
    const r = await deploy('v4', { 'install-command': 'echo 503 > behaviour', 'health-timeout': '3s' });
    expect(r.code, logOf(r)).toBe(1);
    expect(r.outputs).toMatchObject({ status: 'rolled-back', tag: 'v4', health: 'unhealthy' });
    expect(await serving()).toMatchObject({ status: 'ok', version: 'v4' });
    expect(readFileSync(rel('v4', 'behaviour'), 'utf8')).toBe('ok\n');
    expect(readdirSync(rel()).filter((d) => d.startsWith('.'))).toEqual([]);
    expect(state()).toMatchObject({ current: 'v4', previous: 'v3' });
  });

  it('rolls back by hand to the previous release (strategy read from state.json)', async () => {
    const r = await rollback();
    expect(r.code, logOf(r)).toBe(0);
    expect(r.outputs).toMatchObject({ status: 'rolled-back', tag: 'v3', 'from-tag': 'v4', health: 'ok' });
    expect(current()).toBe('releases/v3');
    expect((await serving()).version).toBe('v3');
    expect(state()).toMatchObject({ current: 'v3', previous: 'v4', strategy: 'release' });
    expect(ledger().at(-1)).toMatchObject({ action: 'rollback', tag: 'v3', outcome: 'rolled-back' });
  });

  it('rolls back by hand to a named tag; a pruned tag is a clear error listing those on the server', async () => {
    const r = await rollback({ to: 'v2' });
    expect(r.code, logOf(r)).toBe(0);
    expect(r.outputs).toMatchObject({ status: 'rolled-back', tag: 'v2', 'from-tag': 'v3' });
    expect((await serving()).version).toBe('v2');
    const gone = await rollback({ to: 'v1' });
    expect(gone.code).toBe(1);
    expect(gone.stdout + gone.stderr).toMatch(
      /"v1".*not on the server.*v2.*v3.*v4|"v1".*not on the server.*v4.*v3.*v2/s,
    );
    expect(current()).toBe('releases/v2');
  });

  it('a tag whose tree lost a blob fails the upload cleanly: git archive named, aborted, no leftovers, v2 serves', async () => {
    const torn = tornTag(repo.dir, 'v2');
    const before = ledger().length;
    const r = await deploy(torn);
    expect(r.code, logOf(r)).toBe(1);
    expect(r.stdout).toMatch(/^::error[^\n]*::[^\n]*git archive torn/m);
    expect(r.stdout + r.stderr).not.toContain('unexpected error');
    expect(r.stdout + r.stderr).not.toMatch(/^\s+at /m);
    const lines = ledger().slice(before);
    expect(lines.map((l) => l.outcome)).toEqual(['started', 'aborted']);
    expect(lines.at(-1)).toMatchObject({ tag: torn, outcome: 'aborted', phase: 'upload' });
    expect(readdirSync(rel()).filter((d) => d.startsWith('.'))).toEqual([]);
    expect(existsSync(rel(torn))).toBe(false);
    expect(current()).toBe('releases/v2');
    expect((await serving()).version).toBe('v2');
  });

  it('a runner killed mid-upload leaves current on a whole release; the next deploy goes through and clears the leftovers', async () => {
    const killed = await runAction(
      'deploy',
      { ...common(), strategy: 'release', tag: 'v3', 'env-file': `PORT=${port}\n`, 'keep-releases': 3 },
      { cwd: repo.dir, killWhen: 'Uploading' },
    );
    expect(killed.signal).toBe('SIGKILL');
    expect(['releases/v2', 'releases/v3']).toContain(current());
    expect(existsSync(join(appDir, 'current', 'REVISION'))).toBe(true);
    expect((await serving()).status).toBe('ok');
    const r = await deploy('v3');
    expect(r.code, logOf(r)).toBe(0);
    expect(current()).toBe('releases/v3');
    expect(readdirSync(rel()).filter((d) => d.startsWith('.'))).toEqual([]);
  });

  it('never printed the env-file secret', () => {
    const text = everything.join('\n').replace(/^::add-mask::.*$/gm, '');
    expect(text).not.toContain(SECRET);
  });
});
