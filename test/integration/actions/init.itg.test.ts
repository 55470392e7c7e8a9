import { existsSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { randomBytes } from 'node:crypto';
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createNodeAppRepo } from '../../harness/node-app.js';
import type { NodeAppRepo } from '../../harness/node-app.js';
import { cmd, serverBaseDir } from '../../harness/parts.js';
import { freePort } from '../../harness/ports.js';
import { DIST, runAction } from '../../harness/run-action.js';
import type { ActionRun } from '../../harness/run-action.js';
import { startInitTarget } from './init-target.js';
import type { InitTarget } from './init-target.js';

/**
 * actions/init, run as the committed bundle over SSH as root against a fresh target (init-target.ts: OpenSSH,
 * Caddy, a systemctl stand-in that runs the unit init wrote), then a release-strategy deploy as the deploy user
 * init created, with no other step: the deploy uses init's restart-command (allowed by init's sudoers drop-in),
 * and the app answers through the Caddy site init wrote. Users, groups and the drop-in are real, in /etc, with
 * names unique to this run, and removed afterwards.
 */
let target: InitTarget;
let repo: NodeAppRepo;
let base: string;
let appPort: number;
const id = randomBytes(3).toString('hex');
const app = `in${id}`;
const deployUser = `ind${id}`;
const group = `ing${id}`;
const dryApp = `dry${id}`;
const nginxApp = `nx${id}`;
const nginxUser = `nxd${id}`;
const sudoers = (a: string) => `/etc/sudoers.d/vps-deploy-${a}`;
let deployKey: { priv: string; pub: string };
let restartCommand = '';

beforeAll(async () => {
  target = await startInitTarget();
  base = serverBaseDir('init-e2e-');
  repo = createNodeAppRepo([['v1', 'ok']]);
  appPort = await freePort();
  cmd('ssh-keygen', [
    '-q',
    '-t',
    'ed25519',
    '-N',
    '',
    '-f',
    join(target.dir, 'deploy_key'),
    '-C',
    'ci@example',
  ]);
  deployKey = {
    priv: readFileSync(join(target.dir, 'deploy_key'), 'utf8'),
    pub: readFileSync(join(target.dir, 'deploy_key.pub'), 'utf8').trim(),
  };
});

afterAll(async () => {
  await target?.stop();
  for (const a of [app, dryApp, nginxApp]) rmSync(sudoers(a), { force: true });
  for (const u of [deployUser, `drd${id}`, nginxUser])
    spawnSync('userdel', ['-f', '-r', u], { stdio: 'ignore' });
  spawnSync('groupdel', [group], { stdio: 'ignore' });
  if (base) rmSync(base, { recursive: true, force: true });
  if (repo) rmSync(repo.dir, { recursive: true, force: true });
});

const appDir = (a = app) => join(base, `${a} dir`);

const initInputs = (extra: Record<string, string> = {}) => ({
  host: target.host,
  port: target.port,
  username: 'root',
  key: target.rootKey,
  'host-fingerprint': target.fingerprint,
  app,
  'app-dir': appDir(),
  'deploy-user': deployUser,
  'deploy-key': deployKey.pub,
  'app-group': group,
  'shared-dirs': 'data',
  'exec-start': '/usr/bin/node server.cjs',
  'app-port': String(appPort),
  'unit-dir': target.unitDir,
  proxy: 'caddy',
  'site-address': `:${target.proxyPort}`,
  'proxy-site': join(target.caddySites, `${app}.caddy`),
  'proxy-config': target.caddyConfig,
  backups: 'sqlite',
  ...extra,
});

const init = (extra: Record<string, string> = {}) =>
  runAction('init', initInputs(extra), { timeoutMs: 120_000 });
const logOf = (r: ActionRun) => `${r.stdout.replace(/^::add-mask::.*$/gm, '')}\n${r.stderr}`;
const steps = (r: ActionRun) => JSON.parse(r.outputs.steps ?? '[]') as { step: string; status: string }[];
const modeOf = (p: string) => (statSync(p).mode & 0o7777).toString(8);
const ownerOf = (p: string) => cmd('stat', ['-c', '%U:%G', p]).trim();

describe('init on a fresh target, then a deploy as the deploy user', () => {
  it('sets everything up and prints its plan first', async () => {
    const r = await init();
    expect(r.code, logOf(r)).toBe(0);
    expect(r.stdout.indexOf('Plan for')).toBeLessThan(r.stdout.indexOf('Set up 127.0.0.1'));
    expect(r.outputs.changed).toBe('true');
    expect(steps(r).map((s) => s.status)).toEqual(Array(7).fill('created'));
    expect(r.outputs['restart-command']).toBe(`sudo ${target.systemctl} restart ${app}`);
    restartCommand = r.outputs['restart-command']!;
    expect(readFileSync(join(appDir(), 'proxy', 'upstream.caddy'), 'utf8')).toBe(
      `reverse_proxy 127.0.0.1:${appPort}\n`,
    );
    expect(ownerOf(appDir())).toBe(`${deployUser}:${group}`);
    expect(modeOf(join(appDir(), 'shared', 'data'))).toBe('2775');
    expect(modeOf(join(appDir(), 'backups'))).toBe('750');
    expect([modeOf(sudoers(app)), ownerOf(sudoers(app))]).toEqual(['440', 'root:root']);
    expect(readFileSync(join(target.unitDir, `${app}.service`), 'utf8')).toContain(
      `WorkingDirectory=${appDir()}/current\n`,
    );
    expect(target.calls()).toEqual(
      expect.arrayContaining(['daemon-reload', `enable --quiet ${app}`, 'reload caddy']),
    );
  });

  it('a release deploy as the new deploy user succeeds with no other step, served through the Caddy site', async () => {
    const r = await runAction(
      'deploy',
      {
        host: target.host,
        port: target.port,
        username: deployUser,
        key: deployKey.priv,
        'host-fingerprint': target.fingerprint,
        app,
        'app-dir': appDir(),
        strategy: 'release',
        tag: 'v1',
        'env-file': `PORT=${appPort}\n`,
        'shared-dirs': 'data',
        'restart-command': restartCommand,
        'health-url': `http://127.0.0.1:${appPort}/health`,
        'health-interval': '200ms',
        'health-timeout': '10s',
      },
      { cwd: repo.dir },
    );
    expect(r.code, `${logOf(r)}\n${target.serviceLog(app)}`).toBe(0);
    expect(r.outputs).toMatchObject({ status: 'deployed', tag: 'v1', health: 'ok' });
    const viaCaddy = (await (await fetch(`http://127.0.0.1:${target.proxyPort}/health`)).json()) as {
      version: string;
      cwd: string;
    };
    expect(viaCaddy.version).toBe('v1');
    expect(viaCaddy.cwd).toBe(join(appDir(), 'releases', 'v1'));
    // The app runs as the unit's User, the deploy user, as systemd would run it.
    const pid = readFileSync(join(target.dir, 'state', `${app}.pid`), 'utf8').trim();
    const uid = cmd('id', ['-u', deployUser]).trim();
    expect(cmd('ps', ['-o', 'uid=,comm=', '-s', pid])).toMatch(new RegExp(`^\\s*${uid}\\s+node$`, 'm'));
    // shared/ is setgid to the app group: the config is 0640 in that group, so an app running as another
    // user of the group reads .env itself (here: nobody with the app group).
    const env = join(appDir(), 'shared', '.env');
    expect([modeOf(env), ownerOf(env)]).toEqual(['640', `${deployUser}:${group}`]);
    expect(cmd('runuser', ['-u', 'nobody', '-g', group, '--', 'cat', env])).toBe(`PORT=${appPort}\n`);
  });

  it('the drop-in lets the deploy user run the stop-command init printed, and it stops the app', async () => {
    const stop = (await init({ 'dry-run': 'true' })).outputs['stop-command']!;
    expect(stop).toBe(`sudo ${target.systemctl} stop ${app}`);
    const r = spawnSync('runuser', ['-u', deployUser, '--', 'sh', '-c', stop.replace(/^sudo /, 'sudo -n ')], {
      encoding: 'utf8',
    });
    expect(r.status, r.stderr).toBe(0);
    await expect(fetch(`http://127.0.0.1:${appPort}/health`)).rejects.toThrow();
    // Anything beyond the drop-in is refused.
    const other = spawnSync('runuser', [
      '-u',
      deployUser,
      '--',
      'sudo',
      '-n',
      target.systemctl,
      'stop',
      'caddy',
    ]);
    expect(other.status).not.toBe(0);
  });

  it('a second run changes nothing and says so', async () => {
    const before = readFileSync(sudoers(app), 'utf8');
    const r = await init();
    expect(r.code, logOf(r)).toBe(0);
    expect(r.outputs.changed).toBe('false');
    expect(
      steps(r).every((s) => s.status === 'unchanged'),
      r.outputs.steps,
    ).toBe(true);
    expect(r.stdout).toContain('already set up: nothing changed');
    expect(r.summary).toContain('already set up: nothing changed');
    expect(readFileSync(sudoers(app), 'utf8')).toBe(before);
  });

  it('a sudoers line that would not parse is never installed, and the error says why', async () => {
    const before = readFileSync(sudoers(app), 'utf8');
    const r = await init({ 'sudo-commands': '/usr/bin/systemctl restart worker, worker2' });
    expect(r.code).toBe(1);
    expect(logOf(r)).toContain('visudo -cf refused the new sudoers drop-in');
    expect(logOf(r)).toContain('expected a fully-qualified path name');
    expect(readFileSync(sudoers(app), 'utf8')).toBe(before);
    expect(readdirSync('/etc/sudoers.d').filter((f) => f.includes(app))).toEqual([`vps-deploy-${app}`]);
    // sudo still parses its whole configuration.
    expect(spawnSync('visudo', ['-c']).status).toBe(0);
  });
});

describe('init with an nginx proxy', () => {
  it('writes the site and its upstream file, checks them with nginx -t and reloads; a deploy serves through nginx; a second run changes nothing', async () => {
    const port = await freePort();
    const dir = appDir(nginxApp);
    const site = join(target.nginxSites, `${nginxApp}.conf`);
    const inputs = {
      app: nginxApp,
      'app-dir': dir,
      'deploy-user': nginxUser,
      'app-port': String(port),
      proxy: 'nginx',
      'site-address': `127.0.0.1:${target.nginxPort}`,
      'proxy-site': site,
      'proxy-config': target.nginxConfig,
    };
    const r = await init(inputs);
    expect(r.code, logOf(r)).toBe(0);
    expect(readFileSync(join(dir, 'proxy', 'upstream.conf'), 'utf8')).toBe(`server 127.0.0.1:${port};\n`);
    // The app-dir holds a space: nginx gets the path quoted, and nginx -t accepted it.
    expect(readFileSync(site, 'utf8')).toContain(
      `upstream ${nginxApp} {\n    include "${dir}/proxy/upstream.conf";\n}\n`,
    );
    expect(readFileSync(site, 'utf8')).toContain(`listen 127.0.0.1:${target.nginxPort};`);
    expect(target.calls()).toContain('reload nginx');

    const key = readFileSync(join(target.dir, 'deploy_key'), 'utf8');
    const deploy = await runAction(
      'deploy',
      {
        host: target.host,
        port: target.port,
        username: nginxUser,
        key,
        'host-fingerprint': target.fingerprint,
        app: nginxApp,
        'app-dir': dir,
        strategy: 'release',
        tag: 'v1',
        'env-file': `PORT=${port}\n`,
        'shared-dirs': 'data',
        'restart-command': r.outputs['restart-command']!,
        'health-url': `http://127.0.0.1:${port}/health`,
        'health-interval': '200ms',
        'health-timeout': '10s',
      },
      { cwd: repo.dir },
    );
    expect(deploy.code, `${logOf(deploy)}\n${target.serviceLog(nginxApp)}`).toBe(0);
    const viaNginx = await fetch(`http://127.0.0.1:${target.nginxPort}/health`);
    expect(viaNginx.status).toBe(200);
    expect(((await viaNginx.json()) as { version: string }).version).toBe('v1');

    const again = await init(inputs);
    expect(again.code, logOf(again)).toBe(0);
    expect(again.outputs.changed, again.outputs.steps).toBe('false');
  });
});

describe('dry run', () => {
  it('on a fresh app prints the plan and what would be made, and changes nothing (through the CLI)', async () => {
    const env = { ...process.env, VPS_DEPLOY_KEY: target.rootKey };
    const flags = Object.entries({
      ...initInputs(),
      app: dryApp,
      'app-dir': appDir(dryApp),
      'deploy-user': `drd${id}`,
      'proxy-site': join(target.caddySites, `${dryApp}.caddy`),
      key: '',
    }).flatMap(([k, v]) => (v === '' ? [] : [`--${k}`, String(v)]));
    const r = spawnSync(
      process.execPath,
      [join(DIST, 'cli', 'index.js'), 'init', ...flags, '--dry-run', '--json'],
      {
        env,
        encoding: 'utf8',
      },
    );
    expect(r.status, r.stderr).toBe(0);
    const out = JSON.parse(r.stdout) as { outputs: Record<string, string> };
    expect(out.outputs.changed).toBe('true');
    expect((JSON.parse(out.outputs.steps!) as { status: string }[]).map((s) => s.status)).toContain(
      'created',
    );
    expect(existsSync(appDir(dryApp))).toBe(false);
    expect(existsSync(sudoers(dryApp))).toBe(false);
    expect(existsSync(join(target.unitDir, `${dryApp}.service`))).toBe(false);
    expect(existsSync(join(target.caddySites, `${dryApp}.caddy`))).toBe(false);
    expect(spawnSync('id', [`drd${id}`]).status).not.toBe(0);
    expect(readFileSync(target.caddyConfig, 'utf8')).not.toContain(dryApp);
  });

  it('on the set-up app reports that nothing would change', async () => {
    const r = await init({ 'dry-run': 'true' });
    expect(r.code, logOf(r)).toBe(0);
    expect(r.outputs.changed).toBe('false');
    expect(r.summary).toContain('dry run: the server is already set up, nothing would change');
  });
});
