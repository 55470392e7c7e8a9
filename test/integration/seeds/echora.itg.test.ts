import { randomBytes } from 'node:crypto';
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ensureDocker, ensureRegistry, REGISTRY } from '../../harness/docker.js';
import { startLoad } from '../../harness/load.js';
import type { LoadReport, LoadRun } from '../../harness/load.js';
import { cmd, requireParts, serverBaseDir } from '../../harness/parts.js';
import { freePort } from '../../harness/ports.js';
import { ROOT, runAction } from '../../harness/run-action.js';
import type { ActionRun } from '../../harness/run-action.js';
import {
  ensureSeedCaddyImage,
  ensureSeedPostgresImage,
  ensureSeedPythonImage,
} from '../../harness/seed-images.js';
import { ourStep } from '../../harness/workflow-steps.js';
import type { ExprContext } from '../../harness/workflow-steps.js';
import { startInitTarget } from '../actions/init-target.js';
import type { InitTarget } from '../actions/init-target.js';
import {
  deployKeyPair,
  knownHostsOf,
  ledgerOf,
  logOf,
  relocator,
  removeAccounts,
  stateOf,
} from './fastapi-seed.js';
import { cleanUpStack, containersOf, psql, restoreToText } from './echora-stack.js';

/**
 * Echora (seed 002: Docker Compose with a backend image, PostgreSQL and Caddy, the Caddyfile shipped with each
 * release) end to end, running the steps of workflows-examples/compose-postgres-caddy/ as the committed bundles
 * against a fresh target (init-target.ts: real OpenSSH letting root in) on this machine's Docker engine, Compose
 * v1 and loopback registry: setup.yml's init; deploy.yml's root action building and pushing the backend image
 * (test/fixtures/seeds/echora: FastAPI + psycopg2 standing in for the Rust backend) and deploying v1 and v2 with
 * their migrations, blue-green behind the stack's own Caddy under a steady load (not one request may fail); a
 * release whose migration fails and one answering 503, both refused with v2 serving on; rollback.yml back to v1;
 * backup.yml's pg_dump inside the `postgres` service.
 */
const EXAMPLE = 'workflows-examples/compose-postgres-caddy';
const FIXTURE = join(ROOT, 'test', 'fixtures', 'seeds', 'echora');
const id = randomBytes(3).toString('hex');
const deployUser = `ech${id}`;
let target: InitTarget;
let base: string;
let appDir: string;
let workspace: string;
let dockerConfig: string;
let key: { priv: string; pub: string };
let backendRepo: string;
let caddyPort: number;
let adminPort: number;
let load: LoadRun | undefined;
let loadReport: LoadReport | undefined;
const pgPassword = `pg-${randomBytes(12).toString('hex')}`;
const jwtSecret = randomBytes(32).toString('hex');

/**
 * What differs from the example on this shared test machine, and only that. `onThisMachine` replaces text in every
 * input of every step and in the repository's compose file (one pass); `overrides` are whole inputs.
 */
let onThisMachine: (inputs: Record<string, string>) => Record<string, string>;
let overrides: Record<string, string>;

beforeAll(async () => {
  requireParts('docker-compose', 'flock');
  await ensureDocker();
  await ensureRegistry();
  ensureSeedPythonImage();
  ensureSeedPostgresImage();
  ensureSeedCaddyImage();
  target = await startInitTarget();
  base = serverBaseDir('echora-');
  // A name of this run: Compose names the project (containers, volumes, network) after app-dir's last part.
  appDir = join(base, `echora${id}`);
  const ports = [await freePort(), await freePort()];
  caddyPort = await freePort();
  adminPort = await freePort();
  key = deployKeyPair(target.dir);
  backendRepo = `${REGISTRY}/vpsd-itg/echora${id}/backend`;
  dockerConfig = mkdtempSync(join(tmpdir(), 'echora-docker-config-'));
  onThisMachine = relocator({
    // app-dir under a temp root, not the real /opt.
    '/opt/echora': appDir,
    // Loopback ports free now (another suite may run beside this one).
    '3001,3002': `${ports[0]},${ports[1]}`,
    '127.0.0.1:3001/': `127.0.0.1:${ports[0]}/`,
    // This machine has Compose v1 only (Debian 12's docker-compose); the example's users have v2.
    'docker compose': 'docker-compose',
    // No ghcr.io here: the loopback registry, and images this machine built from its own files (no pulls).
    'ghcr.io/acme/echora/backend': backendRepo,
    'ghcr.io': REGISTRY,
    'image: postgres:17': 'image: local/seed-postgres:15',
    'image: caddy:2': 'image: local/seed-caddy:2',
  });
  overrides = {
    port: String(target.port), // the target's sshd listens on a free port, not 22
    // A user in the real /etc/passwd: a name of this run, removed afterwards.
    'deploy-user': deployUser,
  };
  // The repository as actions/checkout leaves it, with the frontend built (deploy.yml's run step).
  workspace = mkdtempSync(join(tmpdir(), 'echora-ws-'));
  cpSync(FIXTURE, workspace, { recursive: true });
  const compose = join(workspace, 'deploy', 'compose.yaml');
  writeFileSync(compose, onThisMachine({ f: readFileSync(compose, 'utf8') }).f!);
}, 180_000);

afterAll(async () => {
  await load?.stop();
  if (appDir) cleanUpStack(appDir, backendRepo);
  await target?.stop();
  removeAccounts([deployUser], ['echora']);
  for (const d of [base, workspace, dockerConfig]) if (d) rmSync(d, { recursive: true, force: true });
});

const ctx = (tag = ''): ExprContext => ({
  vars: {
    DEPLOY_HOST: target.host,
    DEPLOY_KNOWN_HOSTS: knownHostsOf(target),
    DEPLOY_SSH_PUBLIC_KEY: key.pub,
  },
  secrets: {
    ROOT_SSH_KEY: target.rootKey,
    DEPLOY_SSH_KEY: key.priv,
    GITHUB_TOKEN: 'ghs_echora-test-token-0000',
    ECHORA_ENV: [
      `POSTGRES_PASSWORD=${pgPassword}`,
      `JWT_SECRET=${jwtSecret}`,
      // No DNS name here: Caddy serves plain HTTP on a free loopback port, and its admin API on another (another
      // Caddy of this machine may hold Caddy's default localhost:2019).
      `DOMAIN=:${caddyPort}`,
      `CADDY_ADMIN=127.0.0.1:${adminPort}`,
      '',
    ].join('\n'),
  },
  github: { ref_name: tag, actor: 'octocat' },
  inputs: { to: '' },
  runner: { temp: join(base, 'runner-temp') },
});

/** One step of the example, run as the bundle with its own inputs, moved onto this machine. */
async function run(file: string, action: string, tag = ''): Promise<ActionRun> {
  const step = ourStep(`${EXAMPLE}/${file}`, action);
  const inputs = { ...onThisMachine(step.inputs(ctx(tag))), ...overrides };
  if (action !== 'init') delete inputs['deploy-user'];
  // The examples' `username: deploy` is the deploy user init made, named for this run.
  if (inputs.username === 'deploy') inputs.username = deployUser;
  return runAction(action, inputs, {
    cwd: workspace,
    timeoutMs: 200_000,
    // The runner's registry login goes to a config of this run, not root's.
    env: { DOCKER_CONFIG: dockerConfig },
  });
}

/** The repository at a tag: what changes between Echora's releases here. */
function release(changes: { migration?: [string, string]; healthMode?: string; frontend?: string }): void {
  const backend = join(workspace, 'backend');
  if (changes.migration)
    writeFileSync(join(backend, 'migrations', changes.migration[0]), changes.migration[1]);
  rmSync(join(backend, 'health_mode'), { force: true });
  if (changes.healthMode) writeFileSync(join(backend, 'health_mode'), `${changes.healthMode}\n`);
  if (changes.frontend) writeFileSync(join(workspace, 'frontend', 'build', 'index.html'), changes.frontend);
}

const ok = (r: ActionRun) => expect(r.code, logOf(r)).toBe(0);
const viaCaddy = (path: string, init?: RequestInit) => fetch(`http://127.0.0.1:${caddyPort}${path}`, init);
const served = async () => (await (await viaCaddy('/api/version')).text()).trim();
const migrations = () => psql(appDir, 'SELECT name FROM schema_migrations ORDER BY name').split('\n');
const messages = () => psql(appDir, "SELECT body || '@' || version FROM messages ORDER BY id").split('\n');
const post = async (body: string) => {
  const res = await viaCaddy(`/api/messages?body=${encodeURIComponent(body)}`, { method: 'POST' });
  expect(res.status, await res.clone().text()).toBe(200);
};

describe('Echora (compose: backend + Postgres + Caddy) through workflows-examples/compose-postgres-caddy', () => {
  let postgresId: string;
  let caddyId: string;

  it('setup.yml: init makes the deploy user (docker group) and lays out app-dir', async () => {
    const r = await run('setup.yml', 'init');
    ok(r);
    expect(r.outputs.missing).toBe('');
    expect(cmd('id', ['-nG', deployUser])).toMatch(/\bdocker\b/);
    expect(cmd('stat', ['-c', '%U', join(appDir, '.vps-deploy')]).trim()).toBe(deployUser);
  });

  it('deploy.yml v1: the root action builds and pushes the backend, migrates, starts the stack; Caddy serves it', async () => {
    const r = await run('deploy.yml', 'pipeline', 'v1');
    ok(r);
    expect(r.outputs).toMatchObject({ status: 'deployed', tag: 'v1', health: 'ok' });
    const tags = (await (
      await fetch(`http://${REGISTRY}/v2/${backendRepo.slice(REGISTRY.length + 1)}/tags/list`)
    ).json()) as { tags: string[] };
    expect(tags.tags.sort()).toEqual(['sha-0123456', 'v1']);
    // The .env's secrets reached the server (the app connects with them) and never the log or the summary.
    for (const secret of [pgPassword, jwtSecret]) expect(logOf(r) + r.summary).not.toContain(secret);
    expect(await served()).toBe('v1');
    // The frontend and the Caddyfile came with the release (extra-files).
    expect(await (await viaCaddy('/')).text()).toContain('Echora frontend');
    expect(readFileSync(join(appDir, 'proxy', 'Caddyfile'), 'utf8')).toContain(
      'import /etc/caddy/upstream.caddy',
    );
    expect(migrations()).toEqual(['0001_messages']);
    await post('hello from v1');
    const c = containersOf(appDir);
    expect([c.backend?.length, c.postgres?.length, c.caddy?.length]).toEqual([1, 1, 1]);
    postgresId = c.postgres![0]!;
    caddyId = c.caddy![0]!;
  });

  it('deploy.yml v2 under load through Caddy: its migration runs, the new backend takes over, not one request fails', async () => {
    release({
      migration: [
        '0002_channels.sql',
        "ALTER TABLE messages ADD COLUMN channel text NOT NULL DEFAULT 'general';\n",
      ],
      frontend: '<!doctype html><title>Echora</title><p>Echora frontend v2</p>\n',
    });
    load = startLoad({ url: `http://127.0.0.1:${caddyPort}/api/version`, rps: 100, maxSeconds: 150 });
    const r = await run('deploy.yml', 'pipeline', 'v2');
    ok(r);
    expect(r.outputs).toMatchObject({ status: 'deployed', tag: 'v2', 'previous-tag': 'v1' });
    expect(stateOf(appDir)).toMatchObject({ current: 'v2', previous: 'v1' });
    expect(await served()).toBe('v2');
    expect(await (await viaCaddy('/')).text()).toContain('Echora frontend v2');
    expect(migrations()).toEqual(['0001_messages', '0002_channels']);
    await post('hello from v2');
    expect(messages()).toEqual(['hello from v1@v1', 'hello from v2@v2']);
    const c = containersOf(appDir);
    expect(c.backend).toHaveLength(1);
    // The database and Caddy were never recreated: Caddy reloaded its upstream.
    expect([c.postgres, c.caddy]).toEqual([[postgresId], [caddyId]]);
  });

  it('v3, whose migration fails: the deploy stops before the new backend starts; v2 serves on, the schema as it was', async () => {
    release({ migration: ['0003_broken.sql', 'ALTER TABLE no_such_table ADD COLUMN x int;\n'] });
    const r = await run('deploy.yml', 'pipeline', 'v3');
    expect(r.code).not.toBe(0);
    expect(r.outputs.status).toBe('failed');
    expect(logOf(r)).toContain('0003_broken.sql failed');
    expect(ledgerOf(appDir).at(-1)).toMatchObject({ tag: 'v3', outcome: 'aborted', phase: 'migrate' });
    expect(stateOf(appDir)).toMatchObject({ current: 'v2', previous: 'v1' });
    expect(migrations()).toEqual(['0001_messages', '0002_channels']);
    expect(await served()).toBe('v2');
    expect(containersOf(appDir).backend).toHaveLength(1);
    rmSync(join(workspace, 'backend', 'migrations', '0003_broken.sql'));
  });

  it('v4, answering 503: refused on its own port, rolled back; it never got a request, v2 serves on', async () => {
    release({ healthMode: 'broken on purpose' });
    const before = containersOf(appDir);
    const r = await run('deploy.yml', 'pipeline', 'v4');
    expect(r.code).not.toBe(0);
    expect(r.outputs.status).toBe('rolled-back');
    expect(ledgerOf(appDir).at(-1)).toMatchObject({ tag: 'v4', outcome: 'rolled-back' });
    expect(stateOf(appDir)).toMatchObject({ current: 'v2', previous: 'v1' });
    expect(containersOf(appDir)).toEqual(before);
    expect(await served()).toBe('v2');
    release({});
    loadReport = await load!.stop();
    load = undefined;
    console.log(`echora load through Caddy during v2, v3, v4: ${JSON.stringify(loadReport)}`);
    expect(loadReport.sent).toBeGreaterThan(500);
    expect(loadReport.failed, loadReport.failures.join('\n')).toBe(0);
    // Answers came from v1, then v2; v4 never answered a request through Caddy.
    expect(loadReport.bodies.v2).toBeGreaterThan(0);
    expect(Object.keys(loadReport.bodies).filter((b) => b !== 'v1' && b !== 'v2')).toEqual([]);
  });

  it('rollback.yml: back to v1 with no downtime, its frontend with it; the data and the applied migrations stay', async () => {
    const r = await run('rollback.yml', 'rollback');
    ok(r);
    expect(r.outputs.status).toBe('rolled-back');
    expect(stateOf(appDir)).toMatchObject({ current: 'v1', previous: 'v2' });
    expect(await served()).toBe('v1');
    expect(await (await viaCaddy('/')).text()).not.toContain('v2');
    expect(messages()).toEqual(['hello from v1@v1', 'hello from v2@v2']);
    const c = containersOf(appDir);
    expect([c.backend?.length, c.postgres, c.caddy]).toEqual([1, [postgresId], [caddyId]]);
  });

  it('backup.yml: pg_dump inside the postgres service, verified, holding every message', async () => {
    const r = await run('backup.yml', 'backup');
    ok(r);
    const made = JSON.parse(r.outputs.backups!) as { kind: string; path: string; verified: boolean }[];
    expect(made).toHaveLength(1);
    expect(made[0]).toMatchObject({ kind: 'postgres', verified: true });
    expect(made[0]!.path.startsWith(join(appDir, 'backups') + '/')).toBe(true);
    // Read back by the server's own pg_restore: the rows are in the dump.
    const sql = restoreToText(appDir, made[0]!.path);
    expect(sql).toContain('hello from v1');
    expect(sql).toContain('hello from v2');
    expect(sql).toContain('0002_channels');
    expect(r.everything).not.toContain(pgPassword);
  });
});
