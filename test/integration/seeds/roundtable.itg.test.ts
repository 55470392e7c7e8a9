import { randomBytes } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { cmd, serverBaseDir } from '../../harness/parts.js';
import { freePort } from '../../harness/ports.js';
import { startLoad } from '../../harness/load.js';
import type { LoadRun } from '../../harness/load.js';
import { runAction } from '../../harness/run-action.js';
import { ourStep } from '../../harness/workflow-steps.js';
import type { ExprContext } from '../../harness/workflow-steps.js';
import { startInitTarget } from '../actions/init-target.js';
import type { InitTarget } from '../actions/init-target.js';
import {
  addNote,
  checkoutTag,
  createFastapiRepo,
  deployKeyPair,
  knownHostsOf,
  ledgerOf,
  logOf,
  notes,
  relocator,
  removeAccounts,
  served,
  stateOf,
} from './fastapi-seed.js';

/**
 * Roundtable (seed 004: a FastAPI backend in the repository's backend/ folder, SQLite, nginx, systemd) end to end,
 * running the steps of workflows-examples/fastapi-subfolder-nginx/ as the committed bundles against a fresh target
 * (init-target.ts: real OpenSSH, a real nginx on loopback, a systemctl stand-in that runs the units init wrote):
 * setup.yml's init, deploy.yml (`source: backend`) for v1, v2, v3 under a steady load through nginx (blue-green:
 * not one request may fail), rollback.yml to the previous release and to a tag, and backup.yml's SQLite backup;
 * rows written through the app stay through all of it.
 */
const EXAMPLE = 'workflows-examples/fastapi-subfolder-nginx';
const id = randomBytes(3).toString('hex');
let target: InitTarget;
let base: string;
let repo: string;
let appDir: string;
let ports: [number, number];
let key: { priv: string; pub: string };
let load: LoadRun | undefined;
let proxy: string;
const deployUser = `rtd${id}`;

/**
 * What differs from the example on this shared test machine, and only that. `onThisMachine` replaces text in every
 * input of every step (one pass); `overrides` are whole inputs, the last four for setup.yml's init only.
 */
let onThisMachine: (inputs: Record<string, string>) => Record<string, string>;
let overrides: Record<string, string>;
const INIT_ONLY = ['deploy-user', 'unit-dir', 'proxy-site', 'proxy-config'];

beforeAll(async () => {
  target = await startInitTarget();
  base = serverBaseDir('roundtable-');
  appDir = join(base, 'roundtable');
  ports = [await freePort(), await freePort()];
  proxy = `http://127.0.0.1:${target.nginxPort}`;
  key = deployKeyPair(target.dir);
  repo = createFastapiRepo(
    [
      ['v1', 'ok'],
      ['v2', 'ok'],
      ['v3', 'ok'],
    ],
    'backend',
  );
  onThisMachine = relocator({
    // app-dir under a temp root, not the real /srv (the example leaves app-dir to its default, /srv/roundtable).
    '/srv/roundtable': appDir,
    // Loopback ports free now (another suite may run beside this one).
    '8001': String(ports[0]),
    '8002': String(ports[1]),
    // There is no systemd here: the stand-in at its own path, which init found first on PATH and named in the
    // sudoers drop-in.
    systemctl: target.systemctl,
    // The target's nginx listens on a loopback port (no DNS name here).
    'your-domain.com': `127.0.0.1:${target.nginxPort}`,
  });
  overrides = {
    port: String(target.port), // the target's sshd listens on a free port, not 22
    'app-dir': appDir, // the example relies on the default /srv/roundtable
    // A user in the real /etc/passwd: a name of this run, removed afterwards (deploys log in as it).
    username: deployUser,
    'deploy-user': deployUser,
    // The stand-in's unit dir and nginx files, not /etc/systemd/system and /etc/nginx.
    'unit-dir': target.unitDir,
    'proxy-site': join(target.nginxSites, 'roundtable.conf'),
    'proxy-config': target.nginxConfig,
  };
}, 60_000);

// A failed test shows what the app printed (uvicorn's tracebacks), which the target's removal takes away.
afterEach((t) => {
  if (t.task.result?.state === 'fail') console.log(`roundtable logs:\n${unitLogs().slice(-3000)}`);
});

afterAll(async () => {
  await load?.stop();
  await target?.stop();
  removeAccounts([deployUser], ['roundtable']);
  if (base) rmSync(base, { recursive: true, force: true });
  if (repo) rmSync(repo, { recursive: true, force: true });
});

const ctx = (extra: ExprContext = {}): ExprContext => ({
  vars: { DEPLOY_HOST: target.host, DEPLOY_KNOWN_HOSTS: knownHostsOf(target), DEPLOY_PUBLIC_KEY: key.pub },
  secrets: {
    ROOT_SSH_KEY: target.rootKey,
    DEPLOY_SSH_KEY: key.priv,
    ROUNDTABLE_ENV_FILE:
      'DATABASE_URL=sqlite:////srv/roundtable/shared/data/roundtable.db\nADMIN_USERS=admin@example.com\n',
  },
  ...extra,
});

/** One step of the example, run as the bundle with its own inputs, moved onto this machine. */
async function run(file: string, action: string, c: ExprContext, extra: Record<string, string> = {}) {
  const step = ourStep(`${EXAMPLE}/${file}`, action);
  const mine = Object.entries(overrides).filter(([k]) =>
    action === 'init' ? k !== 'username' : !INIT_ONLY.includes(k),
  );
  const inputs = { ...onThisMachine(step.inputs(c)), ...Object.fromEntries(mine), ...extra };
  return runAction(action, inputs, { cwd: repo, timeoutMs: 180_000 });
}

// The fixture's Python stack comes from Debian (no pip download here): a venv that sees the system's FastAPI and
// uvicorn replaces the example's `pip install -r requirements.txt`.
const INSTALL = { 'install-command': '/usr/bin/python3 -m venv --system-site-packages venv' };
async function deploy(tag: string) {
  checkoutTag(repo, tag); // actions/checkout of the pushed tag: backend/ is that tag's
  return run('deploy.yml', 'deploy', ctx({ github: { ref_name: tag } }), INSTALL);
}
const rollback = (to: string) => run('rollback.yml', 'rollback', ctx({ inputs: { to } }));
const unitLogs = () => ports.map((p) => target.serviceLog(`roundtable@${p}`)).join('');

describe('Roundtable: workflows-examples/fastapi-subfolder-nginx on a server made by init', () => {
  it('setup.yml: init makes the deploy user, the template unit, the sudoers drop-in and the nginx site', async () => {
    const r = await run('setup.yml', 'init', ctx({ inputs: { 'dry-run': 'false' } }));
    expect(r.code, logOf(r)).toBe(0);
    const unit = readFileSync(join(target.unitDir, 'roundtable@.service'), 'utf8');
    expect(unit).toContain(`\nUser=${deployUser}\n`);
    expect(unit).toContain(`\nWorkingDirectory=${appDir}/slots/%i\n`);
    expect(readFileSync(join(target.nginxSites, 'roundtable.conf'), 'utf8')).toContain(
      `listen 127.0.0.1:${target.nginxPort};`,
    );
  });

  it('deploy.yml v1 with source: backend: the release is the backend folder, served through nginx', async () => {
    const r = await deploy('v1');
    expect(r.code, `${logOf(r)}\n${unitLogs()}`).toBe(0);
    expect(r.outputs).toMatchObject({ status: 'deployed', tag: 'v1' });
    const release = join(appDir, 'releases', 'v1');
    expect(existsSync(join(release, 'app', 'main.py'))).toBe(true);
    expect(existsSync(join(release, 'backend'))).toBe(false);
    expect(await served(proxy)).toBe('v1');
    await addNote(proxy, 'written under v1');
    expect(existsSync(join(appDir, 'shared', 'data', 'roundtable.db'))).toBe(true);
    load = startLoad({ url: `${proxy}/`, rps: 100, maxSeconds: 240 });
  });

  it('deploy.yml v2, v3 under load through nginx: each moves traffic to the other port', async () => {
    for (const tag of ['v2', 'v3']) {
      const before = Number(stateOf(appDir).port);
      const r = await deploy(tag);
      expect(r.code, `${tag}\n${logOf(r)}`).toBe(0);
      expect(Number(stateOf(appDir).port)).not.toBe(before);
      expect(await served(proxy)).toBe(tag);
      await addNote(proxy, `written under ${tag}`);
    }
    expect(stateOf(appDir)).toMatchObject({ current: 'v3', previous: 'v2' });
  });

  it('rollback.yml to the previous release, then to a tag: gated, zero-downtime, the rows stay', async () => {
    const back = await rollback('');
    expect(back.code, logOf(back)).toBe(0);
    expect(back.outputs).toMatchObject({ status: 'rolled-back', tag: 'v2' });
    expect(stateOf(appDir)).toMatchObject({ current: 'v2', previous: 'v3' });
    expect(await served(proxy)).toBe('v2');

    const toTag = await rollback('v1');
    expect(toTag.code, logOf(toTag)).toBe(0);
    expect(toTag.outputs).toMatchObject({ status: 'rolled-back', tag: 'v1' });
    expect(ledgerOf(appDir).at(-1)).toMatchObject({ action: 'rollback', tag: 'v1', outcome: 'rolled-back' });
    expect(await served(proxy)).toBe('v1');
    await addNote(proxy, 'written after the rollbacks');

    const report = await load!.stop();
    load = undefined;
    console.log(`roundtable load through nginx during v2, v3 and two rollbacks: ${JSON.stringify(report)}`);
    expect(report.failed, report.failures.join('\n')).toBe(0);
    expect(report.sent).toBeGreaterThan(500);
    expect(Object.keys(report.bodies)).toEqual(expect.arrayContaining(['v1\n', 'v2\n', 'v3\n']));
    expect((await notes(proxy)).map((n) => n.version)).toEqual(['v1', 'v2', 'v3', 'v1']);
  });

  it('backup.yml: the SQLite backup, verified, holds the rows', async () => {
    const r = await run('backup.yml', 'backup', ctx());
    expect(r.code, logOf(r)).toBe(0);
    const list = JSON.parse(r.outputs.backups!) as { path: string; verified: boolean; kind: string }[];
    expect(list).toHaveLength(1);
    expect(list[0]).toMatchObject({ kind: 'sqlite', verified: true });
    const name = list[0]!.path.split('/').at(-1)!;
    expect(readdirSync(join(appDir, 'backups'))).toEqual(expect.arrayContaining([name, `${name}.sha256`]));
    // What is in it: the four rows, read back from the unpacked copy.
    const copy = join(base, 'check.db');
    cmd('sh', ['-c', 'gzip -dc "$1" >"$2"', 'sh', list[0]!.path, copy]);
    expect(cmd('sqlite3', [copy, 'SELECT count(*) FROM notes']).trim()).toBe('4');
  });
});
