import {
  existsSync,
  lstatSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  readlinkSync,
  readdirSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ConfigurationError } from '../../../src/io/errors.js';
import { gateUrl } from '../../../src/health/run-gate.js';
import { SshConnection } from '../../../src/ssh/connection.js';
import type { Log } from '../../../src/ssh/connection.js';
import { releaseStrategy } from '../../../src/strategies/release-dirs/strategy.js';
import type { DeployStrategy, ReleaseStrategyOptions } from '../../../src/flow/strategy.js';
import { pollCurrent } from '../../harness/current-poller.js';
import { createNodeAppRepo } from '../../harness/node-app.js';
import type { NodeAppRepo } from '../../harness/node-app.js';
import { cmd, serverBaseDir } from '../../harness/parts.js';
import { freePort } from '../../harness/ports.js';
import { startSshd } from '../../harness/sshd.js';
import type { SshServer } from '../../harness/sshd.js';
import { startSupervisor } from '../../harness/supervisor.js';
import type { Supervisor } from '../../harness/supervisor.js';

// The strategy driven directly (prepare/migrate/activate/prune/available) against a real OpenSSH server and a
// real supervisord, with a deploy sequence written out here the way the deploy flow runs it. The app-dir holds a
// space and a quote throughout: every remote command must quote it.

let ssh: SshServer;
let sup: Supervisor;
let conn: SshConnection;
let repo: NodeAppRepo;
let base: string;
let appDir: string;
let port: number;
const lines: string[] = [];
const log: Log = {
  info: (m) => lines.push(m),
  debug: () => undefined,
  warning: (m) => lines.push(`warning: ${m}`),
};
const state = { current: '', previous: '' };

beforeAll(async () => {
  ssh = await startSshd();
  base = serverBaseDir('release-itg-');
  appDir = join(base, "shop's app dir");
  repo = createNodeAppRepo([
    ['v1', 'ok'],
    ['v2', 'ok'],
    ['degraded', 'degraded'],
    ['bad503', '503'],
    ['crash', 'crash'],
    ['v3', 'ok'],
    ['v4', 'ok'],
    ['v5', 'ok'],
  ]);
  port = await freePort();
  sup = await startSupervisor(appDir);
  conn = await SshConnection.open(
    {
      host: ssh.host,
      port: ssh.port,
      username: ssh.user,
      privateKey: ssh.clientKey,
      knownHosts: '',
      hostFingerprint: ssh.fingerprint,
      insecureIgnoreHostKey: false,
      connectTimeoutSeconds: 10,
      connectRetries: 1,
    },
    log,
  );
});

afterAll(async () => {
  conn?.dispose();
  await sup?.stop();
  await ssh?.stop();
  if (base) rmSync(base, { recursive: true, force: true });
  if (repo) rmSync(repo.dir, { recursive: true, force: true });
});

function options(over: Partial<ReleaseStrategyOptions> = {}): ReleaseStrategyOptions {
  return {
    workspace: repo.dir,
    source: '',
    sharedFiles: ['.env'],
    sharedDirs: ['storage'],
    envFile: `PORT=${port}\nAPP_SECRET=hunter2\n`,
    installCommand: '',
    migrateCommand: '',
    restartCommand: sup.restartCommand,
    ...over,
  };
}

function strategy(over: Partial<ReleaseStrategyOptions> = {}): DeployStrategy {
  return releaseStrategy({ conn, app: 'shop', appDir, log }, options(over));
}

function gate() {
  return gateUrl(
    { url: `http://127.0.0.1:${port}/health`, dialer: (h, p) => conn.tunnel(h, p) },
    { timeoutSeconds: 6, intervalSeconds: 0.2, successes: 2, allowDegraded: true, requestTimeoutSeconds: 2 },
    log,
  );
}

/** The deploy flow's sequence (prepare -> migrate -> activate -> gate -> roll back on failure). */
async function deploy(tag: string, s = strategy()): Promise<'deployed' | 'rolled-back'> {
  await s.prepare(tag);
  await s.migrate(tag);
  let passed = false;
  try {
    await s.activate(tag);
    passed = (await gate()).passed;
  } catch {
    passed = false;
  }
  if (passed) {
    if (state.current !== tag) state.previous = state.current;
    state.current = tag;
    return 'deployed';
  }
  await s.activate(state.current);
  expect((await gate()).passed).toBe(true);
  return 'rolled-back';
}

async function serving(): Promise<{ status: string; version: string; cwd: string }> {
  const r = await gate();
  return JSON.parse(r.last.body) as { status: string; version: string; cwd: string };
}

const rel = (...p: string[]) => join(appDir, 'releases', ...p);
const currentTarget = () => readlinkSync(join(appDir, 'current'));

describe('release strategy against OpenSSH and supervisord', () => {
  it('deploys a tag: git archive into releases/<tag>, REVISION, shared .env linked with 0600, current, restart', async () => {
    expect(await deploy('v1')).toBe('deployed');
    expect(currentTarget()).toBe('releases/v1');
    const revision = readFileSync(rel('v1', 'REVISION'), 'utf8');
    expect(revision).toContain('tag=v1\n');
    expect(revision).toContain(`commit=${repo.commits.v1}\n`);
    // The repository's placeholder .env was replaced by a link into shared/.
    expect(lstatSync(rel('v1', '.env')).isSymbolicLink()).toBe(true);
    expect(readlinkSync(rel('v1', '.env'))).toBe('../../shared/.env');
    expect(readFileSync(rel('v1', '.env'), 'utf8')).toContain(`PORT=${port}`);
    expect(statSync(join(appDir, 'shared', '.env')).mode & 0o777).toBe(0o600);
    expect(lstatSync(rel('v1', 'storage')).isSymbolicLink()).toBe(true);
    expect(statSync(join(appDir, 'shared', 'storage')).isDirectory()).toBe(true);
    const s = await serving();
    expect(s.version).toBe('v1');
    expect(s.cwd).toBe(rel('v1'));
    expect(sup.status()).toMatch(/RUNNING/);
    // The secret went over SFTP, not a command line: it appears in no log line.
    expect(lines.join('\n')).not.toContain('hunter2');
  });

  it('keeps current resolvable at every instant of a switch (and the poller does see a non-atomic one)', async () => {
    const control = mkdtempSync(join(tmpdir(), 'poll-control-'));
    mkdirSync(join(control, 'a'));
    writeFileSync(join(control, 'a', 'REVISION'), 'x');
    cmd('ln', ['-s', 'a', join(control, 'current')]);
    const p0 = pollCurrent(control);
    await new Promise((r) => setTimeout(r, 100));
    for (let i = 0; i < 5; i++)
      cmd('sh', ['-c', `rm -f "$0/current"; sleep 0.03; ln -s a "$0/current"`, control]);
    const seen = await p0.stop();
    rmSync(control, { recursive: true, force: true });
    expect(seen.miss).toBeGreaterThan(0);

    const poller = pollCurrent(appDir);
    expect(await deploy('v2')).toBe('deployed');
    const s = strategy();
    for (let i = 0; i < 4; i++) {
      await s.activate('v1');
      await s.activate('v2');
    }
    const r = await poller.stop();
    expect(r.n).toBeGreaterThan(10_000);
    expect(r.miss).toBe(0);
    expect(currentTarget()).toBe('releases/v2');
    expect((await serving()).version).toBe('v2');
  });

  it('passes a degraded release (and warns through the verdict)', async () => {
    expect(await deploy('degraded')).toBe('deployed');
    expect((await serving()).status).toBe('degraded');
    expect(await deploy('v2')).toBe('deployed');
  });

  it('rolls back a release answering 503: switch back, restart, previous serves', async () => {
    expect(await deploy('bad503')).toBe('rolled-back');
    expect(currentTarget()).toBe('releases/v2');
    expect((await serving()).version).toBe('v2');
  });

  it('rolls back a release that exits at once', async () => {
    expect(await deploy('crash')).toBe('rolled-back');
    expect(currentTarget()).toBe('releases/v2');
    expect((await serving()).version).toBe('v2');
    expect(sup.appLog()).toContain('crash: exiting at start on purpose');
  });

  it('stops before the switch when a shared file is missing, naming it, and never creates it', async () => {
    const before = readdirSync(rel()).sort();
    const err = await strategy({ sharedFiles: ['.env', 'config/secret.json'] })
      .prepare('v3')
      .catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ConfigurationError);
    expect(String((err as Error).message)).toContain(join(appDir, 'shared', 'config/secret.json'));
    expect(String((err as Error).message)).not.toContain('.env,');
    expect(existsSync(join(appDir, 'shared', 'config', 'secret.json'))).toBe(false);
    expect(readdirSync(rel()).sort()).toEqual(before);
    expect(currentTarget()).toBe('releases/v2');
  });

  it('an install-command failure leaves current untouched and names the command with the tail of its output', async () => {
    const before = readdirSync(rel()).sort();
    const err = (await strategy({
      installCommand: 'echo compiling; echo "npm ERR! missing script: build" >&2; exit 7',
    })
      .prepare('v3')
      .catch((e: unknown) => e)) as Error;
    expect(err.message).toContain('install-command failed (exit 7)');
    expect(err.message).toContain('npm ERR! missing script: build');
    expect(err.message).toContain('current is unchanged');
    expect(readdirSync(rel()).sort()).toEqual(before);
    expect(currentTarget()).toBe('releases/v2');

    const notFound = (await strategy({ installCommand: 'no-such-tool install' })
      .prepare('v3')
      .catch((e: unknown) => e)) as Error;
    expect(notFound.message).toContain('exit 127');
    expect(notFound.message).toContain('~/.bashrc');
  });

  it('runs install and migrate inside the new release, in a login shell, with the release on $VPS_DEPLOY_*', async () => {
    const s = strategy({
      installCommand: 'pwd > installed-in && test -L .env && echo "$VPS_DEPLOY_TAG" > installed-tag',
      migrateCommand: 'echo "migrated $VPS_DEPLOY_TAG" >> storage/migrations.log',
    });
    expect(await deploy('v3', s)).toBe('deployed');
    expect(readFileSync(rel('v3', 'installed-in'), 'utf8').trim()).toBe(rel('v3'));
    expect(readFileSync(rel('v3', 'installed-tag'), 'utf8').trim()).toBe('v3');
    expect(readFileSync(join(appDir, 'shared', 'storage', 'migrations.log'), 'utf8')).toBe('migrated v3\n');
  });

  it('a failed restart-command fails activate after the switch, with its output', async () => {
    const err = (await strategy({
      restartCommand: 'echo "Failed to restart shop.service: Access denied" >&2; exit 4',
    })
      .activate('v3')
      .catch((e: unknown) => e)) as Error;
    expect(err.message).toContain('restart-command failed (exit 4) after the switch');
    expect(err.message).toContain('Access denied');
    await strategy().activate('v3');
  });

  it('rolls back by hand to the previous release and to a named tag; an unknown tag lists what is there', async () => {
    const s = strategy();
    expect(await s.available()).toEqual(expect.arrayContaining(['v1', 'v2', 'v3', 'degraded']));
    await s.activate('v2');
    expect((await serving()).version).toBe('v2');
    await s.activate('v1');
    expect((await serving()).version).toBe('v1');
    const err = (await s.activate('v9').catch((e: unknown) => e)) as Error;
    expect(err).toBeInstanceOf(ConfigurationError);
    expect(err.message).toContain('"v9" is not on the server');
    expect(err.message).toMatch(/releases there: v3, .*v2, .*v1$/);
    await s.activate('v3');
    expect((await serving()).version).toBe('v3');
  });

  it('re-deploying the serving tag replaces it cleanly; a failed re-deploy restores the copy that served', async () => {
    const poller = pollCurrent(appDir);
    expect(await deploy('v3', strategy({ installCommand: 'echo second > build-marker' }))).toBe('deployed');
    expect(readFileSync(rel('v3', 'build-marker'), 'utf8')).toBe('second\n');
    expect(readFileSync(rel('v3', 'REVISION'), 'utf8')).toContain('tag=v3\n');

    // An install that fails: the serving copy comes back under its name.
    await expect(strategy({ installCommand: 'rm -f build-marker; exit 1' }).prepare('v3')).rejects.toThrow(
      /install-command failed/,
    );
    expect(readFileSync(rel('v3', 'build-marker'), 'utf8')).toBe('second\n');

    // A build that fails its gate: the rollback to the same tag restores the copy that served before.
    const bad = strategy({ installCommand: 'echo 503 > behaviour; echo third > build-marker' });
    expect(await deploy('v3', bad)).toBe('rolled-back');
    expect(readFileSync(rel('v3', 'build-marker'), 'utf8')).toBe('second\n');
    expect((await serving()).status).toBe('ok');

    const r = await poller.stop();
    expect(r.miss).toBe(0);
    expect(currentTarget()).toBe('releases/v3');
  });

  it('prunes to keep-releases: never current or previous, failed releases never count', async () => {
    expect(await deploy('v4')).toBe('deployed');
    expect(await deploy('v5')).toBe('deployed');
    await strategy().activate('v4'); // a manual rollback: current v4, previous v5
    state.current = 'v4';
    state.previous = 'v5';
    const s = strategy();
    // Failed releases exist on the server and are newer than v1/v2 (bad503 and crash were deployed after v2).
    expect(readdirSync(rel())).toEqual(expect.arrayContaining(['bad503', 'crash']));
    const removed = await s.prune(3, [state.current, state.previous], ['bad503', 'crash']);
    const left = readdirSync(rel()).sort();
    expect(left).toEqual(['v3', 'v4', 'v5']);
    expect(removed.sort()).toEqual(['bad503', 'crash', 'degraded', 'v1', 'v2']);
    expect(currentTarget()).toBe('releases/v4');
    expect((await serving()).version).toBe('v4');

    // keep 1 still keeps current and previous.
    expect(await s.prune(1, ['v4', 'v5'], [])).toEqual(['v3']);
    expect(readdirSync(rel()).sort()).toEqual(['v4', 'v5']);
  });

  it('deploys from a source directory and from a tarball on the runner', async () => {
    const work = mkdtempSync(join(tmpdir(), 'release-src-'));
    const dirSource = join(work, 'build output');
    mkdirSync(dirSource);
    cmd('sh', ['-c', 'git -C "$0" archive v1 | tar -x -C "$1"', repo.dir, dirSource]);
    writeFileSync(join(dirSource, 'version'), 'from-dir\n');
    expect(await deploy('v6', strategy({ source: dirSource }))).toBe('deployed');
    expect((await serving()).version).toBe('from-dir');
    expect(readFileSync(rel('v6', 'REVISION'), 'utf8')).toContain(`source=directory ${dirSource}`);

    const tarball = join(work, 'app.tar.gz');
    cmd('git', ['-C', repo.dir, 'archive', '--format=tar.gz', '-o', tarball, 'v2']);
    expect(await deploy('v7', strategy({ source: tarball }))).toBe('deployed');
    expect((await serving()).version).toBe('v2');
    expect(readFileSync(rel('v7', 'REVISION'), 'utf8')).toContain('commit=unknown');
    rmSync(work, { recursive: true, force: true });
  });

  it('refuses a tag the workspace does not have, before touching the server', async () => {
    const before = readdirSync(rel()).sort();
    await expect(strategy().prepare('v99')).rejects.toThrow(/not in the git repository.*fetch-depth: 0/s);
    expect(readdirSync(rel()).sort()).toEqual(before);
  });
});
