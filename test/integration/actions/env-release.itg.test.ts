import { existsSync, mkdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildAppImage, composeApp } from '../../harness/app-image.js';
import type { ComposeApp } from '../../harness/app-image.js';
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
 * `env-file` is part of the release (issue 16, defect 6): each deploy records the config it ran with beside its
 * code, the switch applies it, and a rollback (automatic or manual) brings back the previous release's config
 * with its code; a deploy that stops before the switch leaves the live config alone. Run as the committed
 * bundles against a real OpenSSH server, supervisord (release directories) and Docker Compose.
 */
let ssh: SshServer;

beforeAll(async () => {
  requireParts('flock');
  ssh = await startSshd();
});
afterAll(async () => {
  await ssh?.stop();
});

const modeOf = (path: string) => statSync(path).mode & 0o777;
const logOf = (r: ActionRun) => r.stdout.replace(/^::add-mask::.*$/gm, '');

describe('release directories: the config travels with the release', () => {
  let sup: Supervisor;
  let repo: NodeAppRepo;
  let base: string;
  let appDir: string;
  let port: number;
  const env = (name: string, eol = '\n') => `PORT=${port}${eol}CONFIG=${name}${eol}`;

  beforeAll(async () => {
    requireParts('supervisord');
    base = serverBaseDir('env-release-');
    appDir = join(base, 'app dir');
    repo = createNodeAppRepo([
      ['v1', 'ok'],
      ['v2', 'ok'],
      ['bad503', '503'],
      ['v3', 'ok'],
      ['v4', 'ok'],
      ['v5', 'ok'],
    ]);
    port = await freePort();
    sup = await startSupervisor(appDir);
  });
  afterAll(async () => {
    await sup?.stop();
    if (base) rmSync(base, { recursive: true, force: true });
    if (repo) rmSync(repo.dir, { recursive: true, force: true });
  });

  const common = () => ({
    ...sshInputs(ssh),
    app: 'envapp',
    'app-dir': appDir,
    'restart-command': sup.restartCommand,
    'health-url': `http://127.0.0.1:${port}/health`,
    'health-interval': '200ms',
    'health-timeout': '5s',
  });
  const deploy = (tag: string, envFile: string, extra: Record<string, string | number> = {}) =>
    runAction(
      'deploy',
      { ...common(), strategy: 'release', tag, 'env-file': envFile, 'keep-releases': 5, ...extra },
      { cwd: repo.dir },
    );
  const rollback = () => runAction('rollback', common(), { cwd: repo.dir });
  const liveEnv = () => readFileSync(join(appDir, 'shared', '.env'), 'utf8');
  const recorded = (tag: string) => join(appDir, 'releases', tag, '.vps-deploy.env');

  it('records the config of each release beside its code (mode 0600) and applies it at the switch', async () => {
    const r = await deploy('v1', env('a'));
    expect(r.code, logOf(r)).toBe(0);
    expect(liveEnv()).toBe(env('a'));
    expect(readFileSync(recorded('v1'), 'utf8')).toBe(env('a'));
    expect(modeOf(recorded('v1'))).toBe(0o600);
    expect(modeOf(join(appDir, 'shared', '.env'))).toBe(0o600);
  });

  it('a deploy stopped before the switch (a shared file missing) leaves the live config as it was', async () => {
    const r = await deploy('v2', env('b'), { 'shared-files': '.env\nconfig/local.yml' });
    expect(r.code).toBe(1);
    expect(logOf(r)).toMatch(/shared file missing on the server: .*config\/local\.yml/);
    expect(liveEnv()).toBe(env('a'));
  });

  it('a failed gate brings back the previous config with the previous code', async () => {
    const r = await deploy('bad503', env('c'));
    expect(r.outputs.status, logOf(r)).toBe('rolled-back');
    expect(liveEnv()).toBe(env('a'));
    expect(readFileSync(recorded('bad503'), 'utf8')).toBe(env('c'));
  });

  it('a manual rollback brings back the config of the release it returns to', async () => {
    const d = await deploy('v2', env('b'));
    expect(d.outputs.status, logOf(d)).toBe('deployed');
    expect(liveEnv()).toBe(env('b'));
    const r = await rollback();
    expect(r.outputs.status, logOf(r)).toBe('rolled-back');
    expect(r.outputs.tag).toBe('v1');
    expect(liveEnv()).toBe(env('a'));
  });

  it('a release deployed before configs were recorded keeps the live config, and says so', async () => {
    const d = await deploy('v3', env('d'));
    expect(d.outputs.status, logOf(d)).toBe('deployed');
    rmSync(recorded('v1'));
    const r = await rollback();
    expect(r.outputs.status, logOf(r)).toBe('rolled-back');
    expect(r.outputs.tag).toBe('v1');
    expect(logOf(r)).toMatch(/v1 has no recorded env.*shared\/\.env left as it is/);
    expect(liveEnv()).toBe(env('d'));
  });

  it('an env-file with CRLF line endings is written with LF', async () => {
    const r = await deploy('v4', env('e', '\r\n'));
    expect(r.outputs.status, logOf(r)).toBe('deployed');
    expect(liveEnv()).toBe(env('e'));
    expect(readFileSync(recorded('v4'), 'utf8')).toBe(env('e'));
  });

  it('pruning keeps a release that holds a SQLite database outside shared/, naming the file', async () => {
    // v1 keeps its data in ./data/app.db inside the release, as apps that open a relative path do.
    const db = join(appDir, 'releases', 'v1', 'data', 'app.db');
    mkdirSync(join(appDir, 'releases', 'v1', 'data'), { recursive: true });
    cmd('sqlite3', [db, 'create table t(x); insert into t values (1);']);
    cmd('chown', ['-R', `${statSync(appDir).uid}`, join(appDir, 'releases', 'v1', 'data')]);
    const r = await deploy('v5', env('f'), { 'keep-releases': 2 });
    expect(r.outputs.status, logOf(r)).toBe('deployed');
    expect(existsSync(db)).toBe(true);
    expect(logOf(r)).toMatch(/::warning::.*releases\/v1\/data\/app\.db.*SQLite/);
    // The others beyond keep-releases went, with their recorded configs.
    expect(existsSync(join(appDir, 'releases', 'v3'))).toBe(false);
    expect(existsSync(join(appDir, 'releases', 'bad503'))).toBe(false);
  });
});

describe('compose: the .env travels with the release', () => {
  let app: ComposeApp;
  const envOf = (name: string) => app.envFile(`CONFIG=${name}\n`);

  beforeAll(async () => {
    requireParts('docker-compose');
    app = await composeApp('envc');
    buildAppImage(app.repo, 'v1', 'ok');
    buildAppImage(app.repo, 'v2', 'ok');
    buildAppImage(app.repo, 'v3', 'unhealthy');
  });
  afterAll(() => {
    app?.down();
  });

  const common = () => ({
    ...sshInputs(ssh),
    app: app.app,
    'app-dir': app.appDir,
    'health-url': app.healthUrl,
    'health-interval': '200ms',
    'health-timeout': '10s',
  });
  const deploy = (tag: string, envFile: string, extra: Record<string, string | number> = {}) =>
    runAction(
      'deploy',
      { ...common(), tag, 'compose-file': app.composeFile, 'env-file': envFile, ...extra },
      { cwd: app.workspace },
    );
  const liveEnv = () => readFileSync(join(app.appDir, '.env'), 'utf8');
  const recorded = (tag: string) => join(app.appDir, '.vps-deploy', 'env', `${tag}.env`);

  it('records the .env of each release (mode 0600) and applies it with up -d', async () => {
    const r = await deploy('v1', envOf('a'));
    expect(r.outputs.status, logOf(r)).toBe('deployed');
    expect(liveEnv()).toBe(envOf('a'));
    expect(readFileSync(recorded('v1'), 'utf8')).toBe(envOf('a'));
    expect(modeOf(recorded('v1'))).toBe(0o600);
  });

  it('a deploy that stops before up -d (migrate fails) leaves the live .env as it was', async () => {
    const r = await deploy('v2', envOf('b'), { 'migrate-command': 'exit 4' });
    expect(r.code).toBe(1);
    expect(liveEnv()).toBe(envOf('a'));
  });

  it('a failed gate brings back the previous .env with the previous images', async () => {
    const r = await deploy('v3', envOf('c'));
    expect(r.outputs.status, logOf(r)).toBe('rolled-back');
    expect(liveEnv()).toBe(envOf('a'));
  });

  it('a manual rollback brings back the previous .env; pruning removes the recorded .env of pruned tags', async () => {
    const d = await deploy('v2', envOf('b'), { 'keep-releases': 2 });
    expect(d.outputs.status, logOf(d)).toBe('deployed');
    expect(liveEnv()).toBe(envOf('b'));
    // v3 failed its gate: pruned, its image and its recorded .env with it.
    expect(existsSync(recorded('v3'))).toBe(false);
    const r = await runAction('rollback', common(), { cwd: app.workspace });
    expect(r.outputs.status, logOf(r)).toBe('rolled-back');
    expect(liveEnv()).toBe(envOf('a'));
  });
});
