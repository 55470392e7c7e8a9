import { existsSync, readFileSync, readdirSync, rmSync, statSync } from 'node:fs';
import { randomBytes } from 'node:crypto';
import { spawnSync } from 'node:child_process';
import { basename, join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cmd, serverBaseDir } from '../../harness/parts.js';
import { freePort } from '../../harness/ports.js';
import { startLoad } from '../../harness/load.js';
import type { LoadReport } from '../../harness/load.js';
import { startPostgres } from '../../harness/postgres.js';
import type { PostgresServer } from '../../harness/postgres.js';
import { runAction } from '../../harness/run-action.js';
import type { ActionRun } from '../../harness/run-action.js';
import { ourStep } from '../../harness/workflow-steps.js';
import type { ExprContext } from '../../harness/workflow-steps.js';
import { startInitTarget } from '../actions/init-target.js';
import type { InitTarget } from '../actions/init-target.js';
import { createSumRepo, getWithHost, runAs, startRedis } from './sum-site.js';
import type { Redis } from './sum-site.js';

/**
 * SUM (seed 001: Django + gunicorn + celery + Redis + Postgres behind Caddy), end to end as
 * workflows-examples/django-gunicorn-celery-postgres/ deploys it: every action runs with the inputs of the
 * example's own step (ourStep), on a fresh init target (init-target.ts: real sshd, Caddy, sudo; a systemctl
 * stand-in running the units init wrote), with a real PostgreSQL, a real Redis, gunicorn and a celery worker
 * from Debian's packages. setup.yml's two init steps; deploy.yml by tag (migrate + collectstatic, web and worker
 * blue-green, the worker gated by a celery ping to its own node name) under a load through Caddy; a 503 release
 * refused; rollback.yml; backup.yml's nightly dump and its restore rehearsal into a scratch database.
 */
const EXAMPLES = 'workflows-examples/django-gunicorn-celery-postgres';
const id = randomBytes(3).toString('hex');
const deployUser = `sumd${id}`;
const DOMAIN = 'acme-kitchens.example.com';
const APP = 'sum-acme-kitchens';
const SUDOERS = [`/etc/sudoers.d/vps-deploy-${APP}`, `/etc/sudoers.d/vps-deploy-${APP}-celery`];

let target: InitTarget;
let pg: PostgresServer;
let redis: Redis;
let repo: string;
let base: string;
let appDir: string;
let ports: [number, number];
/** init's upstream file names the first port as serving, so the first deploy starts on the second (docs/blue-green.md). */
let slotA: number;
let slotB: number;
let ctx: ExprContext;
let machine: Record<string, string>;
const dbPassword = `pw${randomBytes(8).toString('hex')}`;

beforeAll(async () => {
  target = await startInitTarget();
  [pg, redis] = [await startPostgres(), await startRedis()];
  pg.sql('postgres', `CREATE ROLE sum_site_user LOGIN PASSWORD '${dbPassword}'`);
  pg.sql('postgres', 'CREATE DATABASE sum_site_db OWNER sum_site_user');
  pg.sql('postgres', 'CREATE DATABASE sum_site_rehearsal OWNER sum_site_user');
  repo = createSumRepo([
    ['v1', 'ok'],
    ['v2', 'degraded'],
    ['v3', 'unhealthy'],
  ]);
  base = serverBaseDir('sum-seed-');
  appDir = join(base, 'acme-kitchens');
  ports = [await freePort(), await freePort()];
  [slotA, slotB] = [ports[1], ports[0]];
  cmd('ssh-keygen', ['-q', '-t', 'ed25519', '-N', '', '-f', join(target.dir, 'deploy_key'), '-C', 'ci']);
  const dbUrl = (db: string) => `postgresql://sum_site_user:${dbPassword}@127.0.0.1:${pg.port}/${db}`;
  const hostKey = readFileSync(join(target.dir, 'host_key.pub'), 'utf8').split(' ').slice(0, 2).join(' ');
  // What a user puts in Settings -> Secrets and variables (the runbook's .env as SUM_ENV_FILE).
  ctx = {
    secrets: {
      ROOT_SSH_KEY: target.rootKey,
      DEPLOY_SSH_KEY: readFileSync(join(target.dir, 'deploy_key'), 'utf8'),
      SUM_ENV_FILE: [
        'DJANGO_SETTINGS_MODULE=acme_kitchens.settings',
        `DJANGO_SECRET_KEY=${randomBytes(16).toString('hex')}`,
        `ALLOWED_HOSTS=${DOMAIN}`,
        'DJANGO_DB_NAME=sum_site_db',
        'DJANGO_DB_USER=sum_site_user',
        `DJANGO_DB_PASSWORD=${dbPassword}`,
        'DJANGO_DB_HOST=127.0.0.1',
        `DJANGO_DB_PORT=${pg.port}`,
        `DJANGO_STATIC_ROOT=${appDir}/shared/static`,
        `DJANGO_MEDIA_ROOT=${appDir}/shared/media`,
        `REDIS_URL=${redis.url}`,
        `CELERY_BROKER_URL=${redis.url}`,
        `CELERY_RESULT_BACKEND=${redis.url}`,
        '',
      ].join('\n'),
      SUM_DATABASE_URL: dbUrl('sum_site_db'),
      SUM_REHEARSAL_DATABASE_URL: dbUrl('sum_site_rehearsal'),
    },
    vars: {
      DEPLOY_HOST: target.host,
      DEPLOY_KNOWN_HOSTS: `[${target.host}]:${target.port} ${hostKey}`,
      DEPLOY_PUBLIC_KEY: readFileSync(join(target.dir, 'deploy_key.pub'), 'utf8').trim(),
    },
    env: { APP_DIR: appDir },
    github: { ref_name: 'v1' },
    inputs: { to: 'previous', 'rehearse-from': '' },
  };
  // Everything that differs from the example's own inputs, and why: only what a shared test machine forces.
  machine = {
    port: String(target.port), // sshd on a free loopback port, not 22
    'deploy-user': deployUser, // users are machine-wide: a name of this run's own (also the deploy steps' username)
    'unit-dir': target.unitDir, // the systemctl stand-in reads units here, not /etc/systemd/system
    'proxy-site': join(target.caddySites, `${APP}.caddy`), // the target's own Caddy, not /etc/caddy
    'proxy-config': target.caddyConfig,
    'site-address': `:${target.proxyPort}`, // a free loopback port, no certificate
    'app-port': `${ports[0]}, ${ports[1]}`, // free loopback ports: another suite may hold 8001/8002
    ports: `${ports[0]},${ports[1]}`,
    // No network or pip here: the venv sees Debian's python3-django, gunicorn, celery, redis, psycopg2.
    'install-command': '/usr/bin/python3 -m venv --system-site-packages --without-pip .venv',
    // A 503 release waits out the whole timeout; the fixture starts in ~3 s.
    'health-timeout': '25s',
  };
});

afterAll(async () => {
  await target?.stop();
  await redis?.stop();
  pg?.stop();
  for (const f of SUDOERS) rmSync(f, { force: true });
  spawnSync('userdel', ['-f', '-r', deployUser], { stdio: 'ignore' });
  if (base) rmSync(base, { recursive: true, force: true });
  if (repo) rmSync(repo, { recursive: true, force: true });
});

/** The example's step, with this machine's differences (machine) and the stand-in's systemctl for /usr/bin's. */
function inputsOf(file: string, action: string, stepId: string, extraCtx: ExprContext = {}) {
  const step = ourStep(`${EXAMPLES}/${file}`, action, stepId);
  const given = step.inputs({ ...ctx, ...extraCtx });
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(given)) {
    out[k] =
      machine[k] ??
      v
        .replaceAll('/usr/bin/systemctl', target.systemctl)
        // The gunicorn socket's URL-encoded path (health-url) under this run's app-dir, as APP_DIR is for the rest.
        .replaceAll(encodeURIComponent('/srv/sum/acme-kitchens'), encodeURIComponent(appDir));
  }
  out.port = machine.port!;
  // init's defaults (/etc/systemd/system, /etc/caddy) are the real machine's: the target's own dirs instead.
  if (action === 'init') out['unit-dir'] = machine['unit-dir']!;
  if (action === 'init' && given.proxy === 'caddy')
    Object.assign(out, { 'proxy-site': machine['proxy-site'], 'proxy-config': machine['proxy-config'] });
  if (out.username === 'deploy') out.username = deployUser;
  return out;
}

const log = (r: ActionRun) => `${r.stdout.replace(/^::add-mask::.*$/gm, '')}\n${r.stderr}`;
const ok = (r: ActionRun) => expect(r.code, log(r)).toBe(0);
const state = () =>
  JSON.parse(readFileSync(join(appDir, '.vps-deploy', 'state.json'), 'utf8')) as Record<string, unknown>;
const lastLedger = () =>
  JSON.parse(
    readFileSync(join(appDir, '.vps-deploy', 'releases.jsonl'), 'utf8')
      .trim()
      .split('\n')
      .at(-1)!,
  ) as Record<string, unknown>;
const viaCaddy = async (path = '/health/') => {
  const r = await getWithHost(`http://127.0.0.1:${target.proxyPort}${path}`, DOMAIN);
  return {
    status: r.status,
    body: JSON.parse(r.text) as { status: string; version: string; notes?: number },
  };
};
/** The version the worker of a slot runs, by a task round trip through Redis (its reply names its release). */
const workerVersion = (port: number) =>
  runAs(
    deployUser,
    join(appDir, 'slots', String(port)),
    `.venv/bin/python -c 'from acme_kitchens.celery import version; print(version.delay().get(timeout=20))'`,
  );
const running = (unit: string) => spawnSync(target.systemctl, ['is-active', '--quiet', unit]).status === 0;
const deploy = (tag: string) =>
  runAction('deploy', inputsOf('deploy.yml', 'deploy', 'deploy', { github: { ref_name: tag } }), {
    cwd: repo,
    timeoutMs: 180_000,
  });
async function underLoad<T>(run: () => Promise<T>): Promise<[T, LoadReport]> {
  const load = startLoad({
    url: `http://127.0.0.1:${target.proxyPort}/`,
    rps: 100,
    maxSeconds: 120,
    headers: { Host: DOMAIN },
  });
  const r = await run();
  const report = await load.stop();
  return [r, report];
}
const web = (p: number) => `${APP}-gunicorn@${p}`;
const worker = (p: number) => `${APP}-celery@${p}`;

describe('SUM: Django + gunicorn + celery + Redis + Postgres behind Caddy, as the example deploys it', () => {
  it("setup.yml: init writes both template units and drop-ins allowing exactly the deploys' commands", async () => {
    for (const stepId of ['web', 'worker']) {
      const r = await runAction('init', inputsOf('setup.yml', 'init', stepId), { timeoutMs: 120_000 });
      ok(r);
      expect(r.outputs.changed).toBe('true');
    }
    const webUnit = readFileSync(join(target.unitDir, `${APP}-gunicorn@.service`), 'utf8');
    expect(webUnit).toContain(`WorkingDirectory=${appDir}/slots/%i\n`);
    expect(webUnit).toContain('--bind 127.0.0.1:${APP_PORT}');
    expect(readFileSync(join(target.unitDir, `${APP}-celery@.service`), 'utf8')).toContain('-n worker%i@%%h');
    const allowed = SUDOERS.flatMap((f) =>
      readFileSync(f, 'utf8')
        .split('\n')
        .filter((l) => l.startsWith(deployUser))
        .map((l) => l.replace(`${deployUser} ALL=(root) NOPASSWD: ${target.systemctl} `, '')),
    );
    const slots = ports.flatMap((p) =>
      ['restart', 'start', 'stop'].flatMap((v) => [`${v} ${web(p)}`, `${v} ${worker(p)}`]),
    );
    expect(allowed.sort()).toEqual([...slots, 'reload caddy'].sort());
    expect(readFileSync(join(appDir, 'proxy', 'upstream.caddy'), 'utf8')).toBe(
      `reverse_proxy 127.0.0.1:${ports[0]}\n`,
    );
  });

  it('deploy.yml v1: migrate + collectstatic, web and worker started on the first slot and gated, served through Caddy', async () => {
    const r = await deploy('v1');
    ok(r);
    expect(r.outputs).toMatchObject({ status: 'deployed', tag: 'v1', health: 'ok' });
    expect(state()).toMatchObject({ current: 'v1', port: slotA });
    expect(await viaCaddy()).toEqual({
      status: 200,
      body: { status: 'ok', version: 'v1', checks: { database: 'ok', cache: 'ok' }, notes: 1 },
    });
    // migrate ran against the real Postgres (0001 also seeds one row), collectstatic into shared/static.
    expect(pg.sql('sum_site_db', "SELECT name FROM django_migrations WHERE app = 'core'").trim()).toBe(
      '0001_initial',
    );
    expect(existsSync(join(appDir, 'shared', 'static', 'core', 'site.css'))).toBe(true);
    // The worker of the slot runs v1's code.
    expect(running(worker(slotA))).toBe(true);
    expect(workerVersion(slotA).out.trim()).toBe('v1');
    // Django answers only to ALLOWED_HOSTS: without the example's health-headers the gate could never pass.
    expect((await fetch(`http://127.0.0.1:${slotA}/health/`)).status).toBe(400);
    // The gate also went through the slot's own gunicorn socket (the runbook's), with the Host header.
    const socket = join(appDir, 'shared', 'run', `gunicorn-${slotA}.sock`);
    expect(statSync(socket).isSocket()).toBe(true);
    expect(decodeURIComponent(`${r.summary}\n${r.stdout}`)).toContain(`${socket}/health/`);
  });

  it('deploy.yml v2 (200 degraded) under load through Caddy: new web + worker on the other slot, 0 failed requests', async () => {
    const [r, load] = await underLoad(() => deploy('v2'));
    console.log(`SUM load during deploy v1 -> v2: ${JSON.stringify(load)}`);
    ok(r);
    expect(r.outputs).toMatchObject({ status: 'deployed', tag: 'v2', health: 'degraded' });
    expect(state()).toMatchObject({ current: 'v2', previous: 'v1', port: slotB });
    expect(lastLedger()).toMatchObject({ tag: 'v2', outcome: 'deployed', port: slotB });
    expect(load.failed).toBe(0);
    expect(load.ok).toBeGreaterThan(100);
    expect(Object.keys(load.bodies).sort()).toEqual(['v1\n', 'v2\n']);
    expect(await viaCaddy()).toMatchObject({ status: 200, body: { status: 'degraded', version: 'v2' } });
    // The worker was replaced with the web: v2's answers, v1's pair was stopped after the drain.
    expect(workerVersion(slotB).out.trim()).toBe('v2');
    expect([running(web(slotA)), running(worker(slotA))]).toEqual([false, false]);
    expect(target.calls()).toEqual(
      expect.arrayContaining([`stop ${worker(slotA)}`, `start ${worker(slotB)}`]),
    );
  });

  it('deploy.yml v3 (503 unhealthy) is refused on its own slot: web and worker stopped, v2 keeps serving', async () => {
    const [r, load] = await underLoad(() => deploy('v3'));
    console.log(`SUM load during the refused deploy of v3: ${JSON.stringify(load)}`);
    expect(r.code).not.toBe(0);
    expect(r.outputs.status).toBe('rolled-back');
    expect(lastLedger()).toMatchObject({ tag: 'v3', outcome: 'rolled-back', phase: 'gate', port: slotA });
    expect(state()).toMatchObject({ current: 'v2', port: slotB });
    expect(load.failed).toBe(0);
    expect(Object.keys(load.bodies)).toEqual(['v2\n']);
    expect([running(web(slotA)), running(worker(slotA))]).toEqual([false, false]);
    expect(await viaCaddy()).toMatchObject({ status: 200, body: { version: 'v2' } });
  });

  it('rollback.yml to previous under load: v1 comes back blue-green, web and worker, 0 failed requests', async () => {
    const [r, load] = await underLoad(() =>
      runAction('rollback', inputsOf('rollback.yml', 'rollback', 'rollback'), { timeoutMs: 180_000 }),
    );
    console.log(`SUM load during rollback v2 -> v1: ${JSON.stringify(load)}`);
    ok(r);
    expect(r.outputs).toMatchObject({ status: 'rolled-back', tag: 'v1' });
    expect(state()).toMatchObject({ current: 'v1', port: slotA });
    expect(load.failed).toBe(0);
    expect(await viaCaddy()).toMatchObject({ status: 200, body: { status: 'ok', version: 'v1' } });
    expect(workerVersion(slotA).out.trim()).toBe('v1');
    expect([running(web(slotB)), running(worker(slotB))]).toEqual([false, false]);
  });

  it('backup.yml: the nightly pg_dump is verified and kept; the rehearsal restores it into the scratch DB, never the live one', async () => {
    pg.sql(
      'sum_site_db',
      "INSERT INTO core_note (text, created) VALUES ('written before the backup', now())",
    );
    const b = await runAction('backup', inputsOf('backup.yml', 'backup', 'backup'), { cwd: repo });
    ok(b);
    const made = JSON.parse(b.outputs.backups!) as { path: string; verified: boolean; kind: string }[];
    expect(made).toHaveLength(1);
    expect(made[0]).toMatchObject({ kind: 'postgres', verified: true });
    expect(readdirSync(join(appDir, 'backups'))).toContain(basename(made[0]!.path));
    expect(b.everything.replace(/^::add-mask::.*$/gm, '')).not.toContain(dbPassword);

    // A row after the backup: the rehearsal must show the backup's content, and the live DB must keep this row.
    pg.sql('sum_site_db', "INSERT INTO core_note (text, created) VALUES ('written after the backup', now())");
    const r = await runAction(
      'backup',
      inputsOf('backup.yml', 'backup', 'rehearse', { inputs: { 'rehearse-from': basename(made[0]!.path) } }),
    );
    ok(r);
    expect(r.outputs.restored).toBe(made[0]!.path);
    const notes = (db: string) => pg.sql(db, 'SELECT text FROM core_note ORDER BY id').trim().split('\n');
    expect(notes('sum_site_rehearsal')).toEqual(['created by migration 0001', 'written before the backup']);
    expect(notes('sum_site_db')).toEqual([
      'created by migration 0001',
      'written before the backup',
      'written after the backup',
    ]);
    // The site kept serving from the live database throughout.
    expect(await viaCaddy()).toMatchObject({ status: 200, body: { version: 'v1', notes: 3 } });
  });
});
