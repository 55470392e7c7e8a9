import { existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildAppImage, composeApp } from '../../harness/app-image.js';
import type { ComposeApp } from '../../harness/app-image.js';
import { createNodeAppRepo } from '../../harness/node-app.js';
import type { NodeAppRepo } from '../../harness/node-app.js';
import { cmd, requireParts, serverBaseDir, TEST_USER } from '../../harness/parts.js';
import { freePort } from '../../harness/ports.js';
import { runAction, sshInputs } from '../../harness/run-action.js';
import type { ActionRun, RunOptions } from '../../harness/run-action.js';
import { startSshd } from '../../harness/sshd.js';
import type { SshServer } from '../../harness/sshd.js';
import { startSupervisor } from '../../harness/supervisor.js';
import type { Supervisor } from '../../harness/supervisor.js';

/**
 * The deploy lock against real parts (OpenSSH, Docker, docker-compose, supervisord): what a run that was killed,
 * or froze, leaves running on the server (nothing, once the next run holds the lock), backups and restores
 * under the same lock, and two apps on one host that do not wait for each other. The compose app starts slowly
 * (its web service waits for a `warm` service to turn healthy, ~5 s), which makes `up -d` a window to kill in.
 */
let ssh: SshServer;
let app: ComposeApp;
let other: ComposeApp;
const LEASE = { VPS_DEPLOY_LOCK_LEASE_SECONDS: '3' };

beforeAll(async () => {
  requireParts('docker-compose', 'flock', 'supervisord');
  ssh = await startSshd();
  app = await composeApp('lkf');
  other = await composeApp('lkg');
  buildAppImage(app.repo, 'v1', 'ok');
  buildAppImage(app.repo, 'v2', 'ok');
  for (const a of [app, other]) {
    writeFileSync(
      join(a.workspace, a.composeFile),
      [
        'services:',
        '  warm:',
        `    image: ${app.repo}:\${IMAGE_TAG}`,
        `    command: ["sh", "-c", "sleep 5; echo > /tmp/ready; exec sleep 100000"]`,
        '    healthcheck: { test: ["CMD", "sh", "-c", "[ -f /tmp/ready ]"], interval: 1s, retries: 30 }',
        '  web:',
        `    image: ${app.repo}:\${IMAGE_TAG}`,
        '    ports: ["127.0.0.1:${APP_PORT}:8000"]',
        '    env_file: .env',
        '    depends_on: { warm: { condition: service_healthy } }',
        '',
      ].join('\n'),
    );
  }
}, 300_000);
afterAll(async () => {
  app?.down();
  other?.down();
  await ssh?.stop();
});

function deploy(
  a: ComposeApp,
  tag: string,
  extra: Record<string, string | number> = {},
  env: Record<string, string> = {},
  opts: RunOptions = {},
): Promise<ActionRun> {
  return runAction(
    'deploy',
    {
      ...sshInputs(ssh),
      app: a.app,
      'app-dir': a.appDir,
      tag,
      'compose-file': a.composeFile,
      'env-file': a.envFile(),
      'health-url': a.healthUrl,
      'health-interval': '200ms',
      'health-timeout': '30s',
      ...extra,
    },
    { cwd: a.workspace, env, timeoutMs: 120_000, ...opts },
  );
}

const ledgerOf = (a: ComposeApp) =>
  readFileSync(join(a.appDir, '.vps-deploy', 'releases.jsonl'), 'utf8')
    .trim()
    .split('\n')
    .map((l) => JSON.parse(l) as Record<string, string>);
const stateOf = (a: ComposeApp) =>
  JSON.parse(readFileSync(join(a.appDir, '.vps-deploy', 'state.json'), 'utf8')) as Record<string, string>;
const serving = async (a: ComposeApp) =>
  ((await (await fetch(a.healthUrl)).json()) as { version: string }).version;
/** The SSH user's processes whose command line matches `pattern` (pgrep -f), as `pid cmdline` lines. */
const userProcesses = (pattern: string) => {
  try {
    return cmd('pgrep', ['-a', '-u', TEST_USER, '-f', pattern]).trim();
  } catch {
    return ''; // pgrep exits 1 when nothing matches
  }
};
/** The pid of the one `node dist/deploy/index.js` this test process runs now. */
const runningDeploy = () =>
  Number(cmd('pgrep', ['-P', String(process.pid), '-f', 'dist/deploy/index.js']).trim());
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const log = (r: ActionRun) => `${r.stdout}\n${r.stderr}`;

describe('a killed deploy leaves nothing running once the next one holds the lock', () => {
  it('deploys v1 (the baseline)', async () => {
    const r = await deploy(app, 'v1');
    expect(r.code, log(r)).toBe(0);
  });

  it('killed during compose up -d: its up -d is stopped before the next deploy takes the lock; the next deploy goes through', async () => {
    const killed = await deploy(app, 'v2', {}, {}, { killWhen: /::group::Activate v2[\s\S]*warm/ });
    expect(killed.signal).toBe('SIGKILL');
    let atLock: string | undefined;
    const next = await deploy(
      app,
      'v2',
      {},
      {},
      {
        onStdout: (chunk) => {
          if (atLock === undefined && chunk.includes('::group::Prepare v2'))
            atLock = userProcesses('docker-compose.* up');
        },
      },
    );
    expect(next.code, log(next)).toBe(0);
    expect(atLock).toBe('');
    expect(await serving(app)).toBe('v2');
    expect(stateOf(app)).toMatchObject({ current: 'v2', previous: 'v1' });
  });

  it('killed during migrate-command: the migrate is stopped (its marker never appears); the next deploy waits for that, saying so, and goes through', async () => {
    const marker = join(app.appDir, 'migrated-by-killed-run');
    // The log shows the command text too: only its output has `migrate-2-started`, so the kill comes once it runs.
    const migrate = `echo migrate-$((1+1))-started; trap '' TERM; sleep 6; touch ${marker}`;
    const killed = await deploy(
      app,
      'v1',
      { 'migrate-command': migrate },
      {},
      { killWhen: 'migrate-2-started' },
    );
    expect(killed.signal).toBe('SIGKILL');
    const killedAt = Date.now();
    const next = await deploy(app, 'v1');
    expect(next.code, log(next)).toBe(0);
    expect(next.stdout).toMatch(
      /Waiting up to 300s for the deploy lock of .*, held by deploy of v1 by octocat .*; it is stopping the commands it started \(its connection closed\)/,
    );
    await sleep(Math.max(0, killedAt + 9000 - Date.now()));
    expect(existsSync(marker)).toBe(false);
    expect(userProcesses('migrate-started')).toBe('');
    expect(await serving(app)).toBe('v1');
  });

  it('frozen mid-gate (SIGSTOP): the next deploy gets the lock once the lease ran out; resumed, the frozen one fails saying it lost the lock and changes nothing', async () => {
    let frozen = 0;
    const stalled = deploy(app, 'v2', { 'health-successes': 40 }, LEASE, {
      onStdout: (chunk) => {
        if (!frozen && chunk.includes('probe 1:')) {
          frozen = runningDeploy();
          process.kill(frozen, 'SIGSTOP');
        }
      },
    });
    while (!frozen) await sleep(100);
    const t0 = Date.now();
    const next = await deploy(app, 'v1', { 'lock-timeout': '60s' }, LEASE);
    expect(next.code, log(next)).toBe(0);
    expect(next.stdout).toMatch(/Waiting up to 60s for the deploy lock of .*, held by deploy of v2/);
    expect(Date.now() - t0).toBeLessThan(45_000);
    const ledgerAfterNext = ledgerOf(app);
    process.kill(frozen, 'SIGCONT');
    const r = await stalled;
    expect(r.code, log(r)).toBe(1);
    expect(r.stdout).toMatch(
      /::error[^\n]*::[^\n]*lost the lock of .* \(its lease ran out: no renewal reached the server for 3s\)/,
    );
    expect(ledgerOf(app)).toEqual(ledgerAfterNext);
    expect(stateOf(app)).toMatchObject({ current: 'v1' });
    expect(await serving(app)).toBe('v1');
  });
});

describe('two apps on one host', () => {
  it('deploy at once without waiting for each other (one lock per app-dir)', async () => {
    const slow = { 'migrate-command': 'sleep 3' };
    const [a, b] = await Promise.all([deploy(app, 'v2', slow), deploy(other, 'v1', slow)]);
    expect(a.code, log(a)).toBe(0);
    expect(b.code, log(b)).toBe(0);
    expect(a.stdout + b.stdout).not.toContain('Waiting up to');
    // Each one's migrate ran while the other's did: their attempts overlap in time.
    const [sa, ea] = ledgerOf(app)
      .slice(-2)
      .map((l) => Date.parse(l.time!));
    const [sb, eb] = ledgerOf(other)
      .slice(-2)
      .map((l) => Date.parse(l.time!));
    expect(sa! < eb! && sb! < ea!).toBe(true);
  });
});

describe('restores and backups under the deploy lock', () => {
  const backup = (extra: Record<string, string>, env: Record<string, string> = {}) =>
    runAction(
      'backup',
      { ...sshInputs(ssh), app: app.app, 'app-dir': app.appDir, files: 'notes.txt', ...extra },
      { env, timeoutMs: 120_000 },
    );
  const stamp = `date -u +%Y-%m-%dT%H:%M:%S.%3NZ >`;

  it('a restore waits for a deploy in its migrate, naming it, and stops the app only after the deploy ended; a deploy waits for a restore, naming it', async () => {
    cmd('runuser', ['-u', TEST_USER, '--', 'sh', '-c', `echo one > ${join(app.appDir, 'notes.txt')}`]);
    const taken = await backup({});
    expect(taken.code, log(taken)).toBe(0);
    const name = (JSON.parse(taken.outputs.backups!) as { path: string }[])[0]!.path.split('/').pop()!;
    // A marker file, not the process list: a shell execs its last command, so the text leaves the process list.
    const migrating = join(app.appDir, 'restore-test-migrating');
    rmSync(migrating, { force: true });
    const deploying = deploy(app, 'v2', { 'migrate-command': `touch ${migrating}; sleep 5` });
    for (let i = 0; i < 300 && !existsSync(migrating); i++) await sleep(100);
    expect(existsSync(migrating)).toBe(true);
    const restore = await backup({
      mode: 'restore',
      'restore-from': name,
      confirm: 'i-know-this-will-overwrite',
      'stop-command': `${stamp} restore-stopped-at`,
    });
    const d = await deploying;
    expect(restore.code, log(restore)).toBe(0);
    expect(d.code, `${log(d)}\n--- the restore meanwhile:\n${log(restore)}`).toBe(0);
    expect(restore.stdout).toMatch(
      /Waiting up to 300s for the deploy lock of .*, held by deploy of v2 by octocat \(https:\/\/github.com\/acme\/shop\/actions\/runs\/4242\)/,
    );
    const stopped = readFileSync(join(app.appDir, 'restore-stopped-at'), 'utf8').trim();
    expect(stopped > ledgerOf(app).at(-1)!.time!).toBe(true);

    const restoring = backup({
      mode: 'restore',
      'restore-from': name,
      confirm: 'i-know-this-will-overwrite',
      'stop-command': 'sleep 4',
    });
    await sleep(1500);
    const waiting = await deploy(app, 'v1');
    expect((await restoring).code).toBe(0);
    expect(waiting.code, log(waiting)).toBe(0);
    expect(waiting.stdout).toMatch(new RegExp(`held by restore of ${name.replace(/\./g, '\\.')} by octocat`));
  });
});

describe('release strategy: killed during the upload', () => {
  let sup: Supervisor;
  let repo: NodeAppRepo;
  let base: string;
  let appDir: string;
  let port: number;
  beforeAll(async () => {
    base = serverBaseDir('lock-release-');
    appDir = join(base, 'shop');
    repo = createNodeAppRepo(
      [
        ['v1', 'ok'],
        ['v2', 'ok'],
      ],
      { padding: 3000, padBytes: 3000 },
    );
    port = await freePort();
    sup = await startSupervisor(appDir);
  }, 120_000);
  afterAll(async () => {
    await sup?.stop();
    if (base) rmSync(base, { recursive: true, force: true });
    if (repo) rmSync(repo.dir, { recursive: true, force: true });
  });
  const release = (tag: string, opts: RunOptions = {}) =>
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
        'health-timeout': '20s',
      },
      { cwd: repo.dir, timeoutMs: 120_000, ...opts },
    );

  it('the killed upload is stopped before the next deploy takes the lock; the next deploy goes through', async () => {
    expect((await release('v1')).code).toBe(0);
    const killed = await release('v2', { killWhen: 'Uploading' });
    expect(killed.signal).toBe('SIGKILL');
    let atLock: string | undefined;
    const next = await release('v2', {
      onStdout: (chunk) => {
        if (atLock === undefined && chunk.includes('::group::Prepare v2')) atLock = userProcesses('^tar ');
      },
    });
    expect(next.code, log(next)).toBe(0);
    expect(atLock).toBe('');
    expect(readlinkCurrent(appDir)).toBe('releases/v2');
  });
});

function readlinkCurrent(appDir: string): string {
  return cmd('readlink', [join(appDir, 'current')]).trim();
}
