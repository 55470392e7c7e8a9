import { randomBytes } from 'node:crypto';
import { existsSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { serverBaseDir } from '../../harness/parts.js';
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
  createFastapiRepo,
  deployKeyPair,
  knownHostsOf,
  ledgerOf,
  logOf,
  notes,
  releasesOf,
  decideroOnThisMachine,
  removeAccounts,
  served,
  stateOf,
} from './fastapi-seed.js';

/**
 * Decidero (seed 000: FastAPI under uvicorn, SQLite, Caddy, systemd) end to end, running the steps of
 * workflows-examples/fastapi-sqlite-caddy/ as the committed bundles against a fresh target (init-target.ts: real
 * OpenSSH letting root in, a real Caddy, a systemctl stand-in that runs the units init wrote): setup.yml's init,
 * deploy.yml for v1, v2, a 503 release and v3..v6 under a steady load through Caddy (blue-green: not one request
 * may fail), the rows written through the app between deploys surviving them and the pruning, backup.yml's
 * nightly SQLite backup with its retention, and restore.yml refusing a wrong or missing confirm word and
 * restoring with the right one.
 */
const EXAMPLE = 'workflows-examples/fastapi-sqlite-caddy';
const id = randomBytes(3).toString('hex');
let target: InitTarget;
let base: string;
let repo: string;
let appDir: string;
let ports: [number, number];
let key: { priv: string; pub: string };
let load: LoadRun | undefined;
let proxy: string;
const deployUser = `dcd${id}`;
const appUser = `dca${id}`;

/**
 * What differs from the example on this shared test machine, and only that. `onThisMachine` replaces text in every
 * input of every step (one pass); `overrides` are whole inputs, the last five for setup.yml's init only.
 */
let onThisMachine: (inputs: Record<string, string>) => Record<string, string>;
let overrides: Record<string, string>;
const INIT_ONLY = ['deploy-user', 'app-user', 'unit-dir', 'proxy-site', 'proxy-config'];

beforeAll(async () => {
  target = await startInitTarget();
  base = serverBaseDir('decidero-');
  appDir = join(base, 'decidero');
  ports = [await freePort(), await freePort()];
  proxy = `http://127.0.0.1:${target.proxyPort}`;
  key = deployKeyPair(target.dir);
  repo = createFastapiRepo([
    ['v1', 'ok'],
    ['v2', 'ok'],
    ['bad503', '503'],
    ['v3', 'ok'],
    ['v4', 'ok'],
    ['v5', 'ok'],
    ['v6', 'ok'],
  ]);
  onThisMachine = decideroOnThisMachine(target, appDir, ports);
  overrides = {
    port: String(target.port), // the target's sshd listens on a free port, not 22
    // Users in the real /etc/passwd: names of this run, removed afterwards (deploys log in as that deploy user).
    username: deployUser,
    'deploy-user': deployUser,
    'app-user': appUser,
    // The stand-in's unit dir and Caddy files, not /etc/systemd/system and /etc/caddy.
    'unit-dir': target.unitDir,
    'proxy-site': join(target.caddySites, 'decidero.caddy'),
    'proxy-config': target.caddyConfig,
  };
}, 60_000);

// A failed test shows what the app printed (uvicorn's tracebacks), which the target's removal takes away.
afterEach((t) => {
  if (t.task.result?.state === 'fail')
    for (const p of ports)
      console.log(`decidero@${p} log:\n${target.serviceLog(`decidero@${p}`).slice(-3000)}`);
});

afterAll(async () => {
  await load?.stop();
  await target?.stop();
  removeAccounts([deployUser, appUser], ['decidero']);
  if (base) rmSync(base, { recursive: true, force: true });
  if (repo) rmSync(repo, { recursive: true, force: true });
});

const ctx = (extra: ExprContext = {}): ExprContext => ({
  vars: {
    DEPLOY_HOST: target.host,
    DEPLOY_KNOWN_HOSTS: knownHostsOf(target),
    DEPLOY_PUBLIC_KEY: key.pub,
  },
  secrets: {
    ROOT_SSH_KEY: target.rootKey,
    DEPLOY_SSH_KEY: key.priv,
    DECIDERO_ENV_FILE: [
      'DECIDERO_ENV=production',
      `DECIDERO_JWT_SECRET_KEY=${randomBytes(48).toString('hex')}`,
      'DECIDERO_SECURE_COOKIES=true',
      'DATABASE_URL=sqlite:////opt/decidero/shared/data/decidero.db',
      '',
    ].join('\n'),
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
const INSTALL = { 'install-command': '/usr/bin/python3 -m venv --system-site-packages .venv' };
const deploy = (tag: string) => run('deploy.yml', 'deploy', ctx({ github: { ref_name: tag } }), INSTALL);
const servingPort = () => Number(stateOf(appDir).port);
const unitLog = (port: number) => target.serviceLog(`decidero@${port}`);

describe('Decidero: workflows-examples/fastapi-sqlite-caddy on a server made by init', () => {
  it('setup.yml: init makes the deploy user, the app user, the template unit, the sudoers drop-in and the Caddy site', async () => {
    const r = await run('setup.yml', 'init', ctx({ inputs: { 'dry-run': 'false' } }));
    expect(r.code, logOf(r)).toBe(0);
    const unit = readFileSync(join(target.unitDir, 'decidero@.service'), 'utf8');
    expect(unit).toContain(`\nUser=${appUser}\n`);
    expect(unit).toContain(`\nWorkingDirectory=${appDir}/slots/%i\n`);
    expect(unit).toContain('\nUMask=0002\n');
    expect(readFileSync('/etc/sudoers.d/vps-deploy-decidero', 'utf8')).toContain(
      `${deployUser} ALL=(root) NOPASSWD: ${target.systemctl} start decidero@${ports[0]}`,
    );
    expect(readdirSync(join(appDir, 'shared'))).toEqual(expect.arrayContaining(['data', 'logs']));
  });

  it('deploy.yml v1: blue-green from the first deploy, served through Caddy, rows written into shared/data', async () => {
    const r = await deploy('v1');
    expect(r.code, `${logOf(r)}\n${unitLog(ports[0])}${unitLog(ports[1])}`).toBe(0);
    expect(r.outputs).toMatchObject({ status: 'deployed', tag: 'v1' });
    expect(await served(proxy)).toBe('v1');
    await addNote(proxy, 'written under v1');
    // The app (its own user) created the database in shared/data, group-writable for the deploy user's restores.
    const db = join(appDir, 'shared', 'data', 'decidero.db');
    expect(existsSync(db)).toBe(true);
    load = startLoad({ url: `${proxy}/`, rps: 100, maxSeconds: 300 });
  });

  it('deploy.yml v2 under load: traffic moves to the other port', async () => {
    const before = servingPort();
    const r = await deploy('v2');
    expect(r.code, logOf(r)).toBe(0);
    expect(stateOf(appDir)).toMatchObject({ current: 'v2', previous: 'v1' });
    expect(servingPort()).not.toBe(before);
    expect(await served(proxy)).toBe('v2');
    await addNote(proxy, 'written under v2');
  });

  it('deploy.yml bad503: refused on its own port, never served a request; v2 keeps serving', async () => {
    const serving = servingPort();
    const other = ports.find((p) => p !== serving)!;
    const logBefore = unitLog(other).length;
    const r = await deploy('bad503');
    expect(r.code).not.toBe(0);
    expect(r.outputs.status).toBe('rolled-back');
    expect(stateOf(appDir)).toMatchObject({ current: 'v2', port: serving });
    expect(ledgerOf(appDir).at(-1)).toMatchObject({ tag: 'bad503', outcome: 'rolled-back', phase: 'gate' });
    expect(await served(proxy)).toBe('v2');
    const requests = unitLog(other)
      .slice(logBefore)
      .split('\n')
      .filter((l) => /"(GET|POST) /.test(l));
    expect(requests.length).toBeGreaterThan(0);
    expect(requests.filter((l) => !l.includes('"GET /health '))).toEqual([]);
  });

  it('v3..v6: the rows survive six deploys and the pruning to keep-releases 3', async () => {
    for (const tag of ['v3', 'v4', 'v5', 'v6']) {
      const r = await deploy(tag);
      expect(r.code, `${tag}\n${logOf(r)}`).toBe(0);
      expect(await served(proxy)).toBe(tag);
      await addNote(proxy, `written under ${tag}`);
    }
    const report = await load!.stop();
    load = undefined;
    console.log(`decidero load through Caddy during v2..v6 and bad503: ${JSON.stringify(report)}`);
    expect(report.failed, report.failures.join('\n')).toBe(0);
    expect(report.sent).toBeGreaterThan(1000);
    expect(Object.keys(report.bodies)).toEqual(expect.arrayContaining(['v2\n', 'v6\n']));

    console.log(`decidero releases after v6: ${releasesOf(appDir).join(' ')}`);
    expect(releasesOf(appDir)).toEqual(['v4', 'v5', 'v6']);
    expect(stateOf(appDir)).toMatchObject({ current: 'v6', previous: 'v5' });
    const rows = await notes(proxy);
    expect(rows.map((n) => n.version)).toEqual(['v1', 'v2', 'v3', 'v4', 'v5', 'v6']);
  });

  let backupName = '';
  it('backup.yml: the nightly SQLite backup, verified; retention keeps the last 3 of one night', async () => {
    const made: string[] = [];
    for (let i = 0; i < 4; i++) {
      const r = await run('backup.yml', 'backup', ctx());
      expect(r.code, logOf(r)).toBe(0);
      const list = JSON.parse(r.outputs.backups!) as { path: string; verified: boolean; kind: string }[];
      expect(list).toHaveLength(1);
      expect(list[0]).toMatchObject({ kind: 'sqlite', verified: true });
      made.push(list[0]!.path.split('/').at(-1)!);
      await new Promise((res) => setTimeout(res, 1100)); // one backup a second: names carry the second
    }
    backupName = made[made.length - 1]!; // taken with the six rows
    const kept = readdirSync(join(appDir, 'backups')).filter((f) => !/\.(sha256|json)$/.test(f));
    expect(kept.sort()).toEqual(made.slice(1).sort());
  });

  it('restore.yml: a wrong or missing confirm word changes nothing; the right one restores the rows', async () => {
    await addNote(proxy, 'written after the backup');
    const c = (confirm: string) => ctx({ inputs: { backup: backupName, confirm } });
    const callsBefore = target.calls().length;

    const wrong = await run('restore.yml', 'backup', c('yes'));
    expect(wrong.code).not.toBe(0);
    expect(logOf(wrong)).toMatch(/confirm/);
    const missing = await run('restore.yml', 'backup', c('unused'), { confirm: '' });
    expect(missing.code).not.toBe(0);
    expect(logOf(missing)).toMatch(/confirm/);
    expect(
      target
        .calls()
        .slice(callsBefore)
        .filter((l) => l.startsWith('stop')),
    ).toEqual([]);
    expect((await notes(proxy)).map((n) => n.body)).toContain('written after the backup');

    const serving = servingPort();
    const r = await run('restore.yml', 'backup', c('i-know-this-will-overwrite'));
    expect(r.code, logOf(r)).toBe(0);
    expect(r.outputs.restored).toContain(backupName);
    expect(r.outputs['safety-backup']).not.toBe('');
    // The runbook's order: the app stopped (both slots), the file replaced, the serving slot started again.
    expect(target.calls().slice(callsBefore)).toEqual([
      `stop decidero@${ports[0]}`,
      `stop decidero@${ports[1]}`,
      `start decidero@${serving}`,
    ]);
    const rows = await notes(proxy);
    expect(rows.map((n) => n.version)).toEqual(['v1', 'v2', 'v3', 'v4', 'v5', 'v6']);
    // The restored file belongs to the deploy user; the app still writes it (group decidero, mode 0664).
    await addNote(proxy, 'written after the restore');
    expect((await notes(proxy)).at(-1)!.body).toBe('written after the restore');
  });
});
