/**
 * npm run demo — a local deploy on a throwaway target, with the bundled actions run as GitHub runs them.
 *
 * It starts an OpenSSH server on loopback and deploys two apps shaped like our users' (../shared/seeds):
 *  1. "decidero-like": a Python app with SQLite beside it under a service manager (supervisord standing in for
 *     systemd), deployed with the release strategy: v1, v2, a broken v3 that is rolled back, a SQLite backup.
 *  2. "deita-like" (when a Docker engine is available): a Compose app whose image comes from a registry:
 *     v1, v2, a v3 answering 503 that is rolled back, a Docker volume backup.
 * Then `vps-deploy status` for each. Job summaries are printed as a terminal renders them. Everything it
 * started is stopped and removed at the end, also on failure or Ctrl-C.
 */
import { spawnSync } from 'node:child_process';
import { chownSync, cpSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { renderSummary } from '../src/cli/render-summary.js';
import { startSshd } from '../test/harness/sshd.js';
import type { SshServer } from '../test/harness/sshd.js';
import { runAction, sshInputs, ROOT } from '../test/harness/run-action.js';
import type { ActionRun } from '../test/harness/run-action.js';
import { cmd, serverBaseDir, testUserIds } from '../test/harness/parts.js';
import { freePort } from '../test/harness/ports.js';
import { startSupervisor } from '../test/harness/supervisor.js';
import type { Supervisor } from '../test/harness/supervisor.js';

const cleanups: (() => void | Promise<void>)[] = [];
const bold = (s: string) => (process.stdout.isTTY ? `\x1b[1m${s}\x1b[0m` : s);

function say(line: string): void {
  process.stdout.write(`${line}\n`);
}

function banner(title: string): void {
  say(`\n${bold(`━━ ${title} ${'━'.repeat(Math.max(0, 76 - title.length))}`)}`);
}

function ensureParts(): void {
  const needed: Record<string, string> = {
    '/usr/sbin/sshd': 'openssh-server',
    '/usr/bin/ssh-keygen': 'openssh-client',
    '/usr/bin/supervisord': 'supervisor',
    '/usr/bin/sqlite3': 'sqlite3',
    '/usr/bin/python3': 'python3',
    '/usr/bin/git': 'git',
    '/usr/bin/flock': 'util-linux',
  };
  const missing = Object.entries(needed).filter(([bin]) => spawnSync('test', ['-x', bin]).status !== 0);
  if (!missing.length) return;
  const pkgs = missing.map(([, p]) => p);
  if (process.getuid?.() !== 0) throw new Error(`the demo needs: apt-get install -y ${pkgs.join(' ')}`);
  say(`installing ${pkgs.join(' ')} …`);
  cmd('apt-get', ['update', '-q']);
  cmd('apt-get', ['install', '-y', '-q', ...pkgs], {
    env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' },
  });
}

function show(step: string, r: ActionRun): void {
  const status = r.outputs.status ?? (r.code === 0 ? 'ok' : 'failed');
  say(`\n${bold(`▶ ${step}`)}  →  exit ${r.code}, status ${status}`);
  if (r.summary.trim()) say(renderSummary(r.summary).replace(/^/gm, '  '));
  else
    say(
      r.stdout
        .split('\n')
        .filter((l) => l.startsWith('::error::'))
        .join('\n'),
    );
}

function git(dir: string, ...args: string[]): void {
  cmd('git', ['-C', dir, ...args], {
    env: {
      ...process.env,
      GIT_AUTHOR_NAME: 'demo',
      GIT_AUTHOR_EMAIL: 'demo@example.com',
      GIT_COMMITTER_NAME: 'demo',
      GIT_COMMITTER_EMAIL: 'demo@example.com',
    },
  });
}

/** A throwaway "server" directory the SSH user owns, like /srv/<app> on a VPS. */
function serverDir(name: string): string {
  const base = serverBaseDir('vps-deploy-demo-');
  cleanups.push(() => rmSync(base, { recursive: true, force: true }));
  const dir = join(base, 'srv', name);
  mkdirSync(dir, { recursive: true });
  const { uid, gid } = testUserIds();
  chownSync(join(base, 'srv'), uid, gid);
  chownSync(dir, uid, gid);
  return dir;
}

async function releaseStrategyDemo(ssh: SshServer): Promise<void> {
  banner('1. decidero-like: Python + SQLite under a service manager, release strategy');
  // The repository as a developer has it: tags v1, v2, and a v3 whose health is broken.
  const repo = mkdtempSync(join(tmpdir(), 'decidero-like-repo-'));
  cleanups.push(() => rmSync(repo, { recursive: true, force: true }));
  cpSync(join(ROOT, 'scripts', 'demo', 'decidero-like'), repo, { recursive: true });
  git(repo, 'init', '-q', '-b', 'main');
  for (const tag of ['v1', 'v2', 'v3']) {
    writeFileSync(join(repo, 'VERSION'), `${tag}\n`);
    if (tag === 'v3') writeFileSync(join(repo, 'BROKEN'), 'this release fails its health check\n');
    git(repo, 'add', '-A');
    git(repo, 'commit', '-q', '-m', `release ${tag}`);
    git(repo, 'tag', tag);
  }
  const appDir = serverDir('decidero');
  const port = await freePort();
  const supervisor: Supervisor = await startSupervisor(appDir, { command: '/usr/bin/python3 app.py' });
  cleanups.push(() => supervisor.stop());
  const common = {
    ...sshInputs(ssh),
    app: 'decidero',
    'app-dir': appDir,
    strategy: 'release',
    'env-file': `PORT=${port}\nDATABASE_PATH=data/decidero.db\nDECIDERO_JWT_SECRET_KEY=demo-secret-not-for-production\n`,
    'shared-files': '.env',
    'shared-dirs': 'data',
    'install-command': 'python3 -m venv --without-pip .venv',
    'migrate-command': 'python3 migrate.py',
    'restart-command': supervisor.restartCommand,
    'health-url': `http://127.0.0.1:${port}/health`,
    'health-interval': '500ms',
    'health-timeout': '8s',
  };
  for (const tag of ['v1', 'v2', 'v3']) {
    show(
      `deploy ${tag}${tag === 'v3' ? ' (broken: its /health answers 503)' : ''}`,
      await runAction('deploy', { ...common, tag }, { cwd: repo }),
    );
  }
  show(
    'backup the SQLite database while the app runs',
    await runAction('backup', {
      ...sshInputs(ssh),
      app: 'decidero',
      'app-dir': appDir,
      sqlite: `${appDir}/shared/data/decidero.db`,
      files: 'shared/.env',
    }),
  );
  status(ssh, 'decidero', appDir);
}

async function composeDemo(ssh: SshServer): Promise<void> {
  banner('2. deita-like: a Compose app from a registry, compose strategy');
  const { composeApp, buildAppImage } = await import('../test/harness/app-image.js');
  const app = await composeApp('demo');
  cleanups.push(() => app.down());
  buildAppImage(app.repo, 'v1', 'ok');
  buildAppImage(app.repo, 'v2', 'degraded');
  buildAppImage(app.repo, 'v3', 'unhealthy');
  const common = {
    ...sshInputs(ssh),
    app: app.app,
    'app-dir': app.appDir,
    'compose-file': app.composeFile,
    'env-file': app.envFile('DATABASE_URL=postgres://deita:demo@db:5432/deita\n'),
    'health-url': app.healthUrl,
    'health-interval': '500ms',
    'health-timeout': '8s',
  };
  for (const tag of ['v1', 'v2', 'v3']) {
    const note = tag === 'v2' ? ' (degraded: passes, with a warning)' : tag === 'v3' ? ' (answers 503)' : '';
    show(`deploy ${tag}${note}`, await runAction('deploy', { ...common, tag }, { cwd: app.workspace }));
  }
  status(ssh, app.app, app.appDir);
}

function status(ssh: SshServer, app: string, appDir: string): void {
  const r = spawnSync(
    process.execPath,
    [
      join(ROOT, 'dist', 'cli', 'index.js'),
      'status',
      '--host',
      ssh.host,
      '--port',
      String(ssh.port),
      '--username',
      ssh.user,
      '--app',
      app,
      '--app-dir',
      appDir,
      '--host-fingerprint',
      ssh.fingerprint,
      '--entries',
      '6',
    ],
    { encoding: 'utf8', env: { ...process.env, VPS_DEPLOY_KEY: ssh.clientKey } },
  );
  say(`\n${bold('▶ npx vps-deploy status')}  →  exit ${r.status}`);
  say(r.stdout.replace(/^/gm, '  '));
  if (r.status !== 0) say(r.stderr);
}

async function main(): Promise<void> {
  ensureParts();
  // Leave the machine as it was: a Docker engine or registry the demo had to start is stopped at the end.
  const running = (pattern: string) => spawnSync('pgrep', ['-f', pattern], { stdio: 'ignore' }).status === 0;
  const hadDockerd = running('^dockerd');
  const hadRegistry = running('docker-registry serve');
  cleanups.push(() => {
    if (!hadRegistry) spawnSync('pkill', ['-f', 'docker-registry serve']);
    if (!hadDockerd) spawnSync('pkill', ['-x', 'dockerd']);
  });
  say('vps-deploy demo: a throwaway target on loopback, the bundled actions run as GitHub runs them.');
  const ssh = await startSshd();
  cleanups.push(() => ssh.stop());
  say(`OpenSSH server on 127.0.0.1:${ssh.port}, user ${ssh.user}, host key ${ssh.fingerprint}`);
  await releaseStrategyDemo(ssh);
  const docker =
    spawnSync('docker', ['info'], { stdio: 'ignore' }).status === 0 ||
    spawnSync('test', ['-x', '/usr/sbin/dockerd']).status === 0;
  if (docker) await composeDemo(ssh);
  else
    say(
      '\n(no Docker engine here: the Compose part of the demo is skipped; apt-get install docker.io docker-compose to see it)',
    );
  banner('done');
  say(
    'Every deploy above ran `node dist/deploy/index.js` with INPUT_* variables, as the GitHub runner does.',
  );
}

async function cleanup(): Promise<void> {
  for (const c of cleanups.reverse()) {
    try {
      await c();
    } catch {
      /* best effort */
    }
  }
  cleanups.length = 0;
}

process.on('SIGINT', () => void cleanup().then(() => process.exit(130)));
try {
  await main();
} catch (e) {
  process.exitCode = 1;
  say(`demo failed: ${e instanceof Error ? e.message : String(e)}`);
} finally {
  await cleanup();
}
