import { spawnSync } from 'node:child_process';
import { chmodSync, cpSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { randomBytes } from 'node:crypto';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { decideRetention } from '../../../src/backup/retention.js';
import { ensureDocker, ensureRegistry, REGISTRY } from '../../harness/docker.js';
import { startLoad } from '../../harness/load.js';
import type { LoadReport, LoadRun } from '../../harness/load.js';
import { cmd, PARTS, requireParts } from '../../harness/parts.js';
import { freePort } from '../../harness/ports.js';
import { ensureSeedPostgresImage, ensureSeedPythonImage } from '../../harness/seed-images.js';
import type { ExprContext } from '../../harness/workflow-steps.js';
import { startInitTarget } from '../actions/init-target.js';
import type { InitTarget } from '../actions/init-target.js';
import { jobLog, runJob, stepRun } from './deita-job.js';
import type { JobOverrides, StepResult } from './deita-job.js';
import { readNewestDownloads, RUNS, seedMonthly, timeOf } from './deita-backups.js';
import { psql, projectOf, removeStack, stackContainers, tagsByService } from './deita-stack.js';

/**
 * Deita (seed 003: Docker Compose with a backend and a frontend image, PostgreSQL, an analytics file in a Docker
 * volume, alembic, nginx in front) deployed the way workflows-examples/compose-two-images-postgres/ says, by
 * running those workflows' own steps against a fresh target that the example's setup.yml (actions/init) sets up:
 * the root action builds and pushes both images (test/fixtures/seeds/deita), alembic migrates, a blue-green switch
 * behind the host's nginx under load; a release with a bad backend and one with a bad frontend leave BOTH services
 * on the previous tag; a manual rollback brings back both; nightly backups of Postgres and the analytics volume
 * (paused for a crash-consistent copy) on several days, pruned 7 daily / 4 weekly / 12 monthly.
 */
const EXAMPLES = 'workflows-examples/compose-two-images-postgres';
const FIXTURE = new URL('../../fixtures/seeds/deita', import.meta.url).pathname;
const id = randomBytes(3).toString('hex');
const FAKETIME_LIB = PARTS.faketime!.binary;

let target: InitTarget;
let base: string;
let appDir: string;
let workspace: string;
let deployUser: string;
let ctx: ExprContext;
let overrides: JobOverrides;
let load: LoadRun | undefined;
let postgresId: string;
const prefix = `${REGISTRY}/deita${id}`;
const nginx = () => `http://127.0.0.1:${target.nginxPort}`;

beforeAll(async () => {
  requireParts('docker-compose', 'flock', 'faketime');
  await ensureDocker();
  await ensureRegistry();
  ensureSeedPythonImage();
  ensureSeedPostgresImage();
  target = await startInitTarget();
  base = mkdtempSync(join(tmpdir(), 'deita-srv-'));
  chmodSync(base, 0o755);
  appDir = join(base, `deita${id}`);
  deployUser = `dta${id}`;
  workspace = mkdtempSync(join(tmpdir(), 'deita-ws-'));
  cpSync(FIXTURE, workspace, { recursive: true });
  cmd('ssh-keygen', [
    '-q',
    '-t',
    'ed25519',
    '-N',
    '',
    '-f',
    join(target.dir, 'deploy_key'),
    '-C',
    'ci@deita',
  ]);
  const hostKey = readFileSync(join(target.dir, 'host_key.pub'), 'utf8').split(' ').slice(0, 2).join(' ');
  const [blue, green] = [await freePort(), await freePort()];
  ctx = {
    secrets: {
      ROOT_SSH_KEY: target.rootKey,
      DEPLOY_SSH_KEY: readFileSync(join(target.dir, 'deploy_key'), 'utf8'),
      GITHUB_TOKEN: 'registry-token-deita',
      // The app's whole .env, as the DEITA_ENV secret holds it. IMAGE_PREFIX and POSTGRES_IMAGE name this
      // machine's loopback registry and its Postgres image (deploy/compose.yaml defaults to ghcr.io, postgres:15).
      DEITA_ENV: [
        'POSTGRES_PASSWORD=pg-s3cret-deita',
        'SECRET_KEY=deita-secret-key',
        `IMAGE_PREFIX=${prefix}`,
        'POSTGRES_IMAGE=local/seed-postgres:15',
        '',
      ].join('\n'),
    },
    vars: {
      DEPLOY_HOST: target.host,
      DEPLOY_PORT: String(target.port),
      DEPLOY_KNOWN_HOSTS: `[${target.host}]:${target.port} ${hostKey}`,
      DEPLOY_SSH_PUBLIC_KEY: readFileSync(join(target.dir, 'deploy_key.pub'), 'utf8').trim(),
    },
    github: { actor: 'octocat', ref_name: 'v1' },
    inputs: {},
  };
  // What must differ from the examples on a shared test machine, and nothing else:
  const connection = { 'app-dir': appDir, username: deployUser }; // a temp app-dir and a deploy user of this run
  overrides = {
    inputs: {
      init: {
        'app-dir': appDir,
        'deploy-user': deployUser,
        'app-port': `${blue}, ${green}`, // free loopback ports: another suite may run in the other lane
        'site-address': `127.0.0.1:${target.nginxPort}`, // the target's nginx listens on loopback
        'proxy-site': join(target.nginxSites, 'deita.conf'), // the target's nginx dirs, not /etc/nginx
        'proxy-config': target.nginxConfig,
      },
      pipeline: {
        ...connection,
        ports: `${blue},${green}`,
        registry: REGISTRY, // the loopback registry instead of ghcr.io, the same two contexts
        images: `${prefix}/backend backend\n${prefix}/frontend frontend`,
        'proxy-reload-command': '', // set from init's reload-command output: the target's systemctl stand-in
        // This machine has Compose v1 only (`docker-compose`); the example says `docker compose` (v2).
        'migrate-command': 'docker-compose run --rm backend python3 -m alembic upgrade head',
      },
      rollback: { ...connection, ports: `${blue},${green}`, 'proxy-reload-command': '' },
      backup: { ...connection, volumes: `${projectOf(appDir)}_duckdb_data` }, // the project is app-dir's folder
    },
    env: { DEPLOY_USER: deployUser, DUCKDB_VOLUME: `${projectOf(appDir)}_duckdb_data` },
  };
}, 600_000);

afterAll(async () => {
  await load?.stop();
  if (appDir) removeStack(appDir);
  spawnSync('sh', ['-c', `docker images -q '${prefix}/*' | sort -u | xargs -r docker rmi -f`], {
    stdio: 'ignore',
  });
  await target?.stop();
  rmSync('/etc/sudoers.d/vps-deploy-deita', { force: true });
  if (deployUser) spawnSync('userdel', ['-f', '-r', deployUser], { stdio: 'ignore' });
  for (const d of [base, workspace]) if (d) rmSync(d, { recursive: true, force: true });
});

const job = (file: string, name: string, env: Record<string, string> = {}) =>
  runJob(`${EXAMPLES}/${file}`, name, ctx, overrides, { workspace, env, timeoutMs: 300_000 });
const deploy = (tag: string) => {
  (ctx.github as Record<string, string>).ref_name = tag;
  return job('deploy.yml', 'deploy', { DOCKER_CONFIG: join(workspace, '.docker') });
};
const ok = (results: StepResult[]) =>
  expect(
    results.filter((r) => r.code !== null && r.code !== 0),
    jobLog(results),
  ).toEqual([]);
const state = () =>
  JSON.parse(readFileSync(join(appDir, '.vps-deploy', 'state.json'), 'utf8')) as Record<string, unknown>;
const lastLedger = () =>
  JSON.parse(
    readFileSync(join(appDir, '.vps-deploy', 'releases.jsonl'), 'utf8')
      .trim()
      .split('\n')
      .at(-1)!,
  ) as Record<string, unknown>;
const viaNginx = async (path: string) => {
  const r = await fetch(`${nginx()}${path}`);
  return { status: r.status, body: await r.text() };
};
const versionThroughNginx = async () =>
  (JSON.parse((await viaNginx('/v1/health')).body) as { version: string }).version;

describe('Deita: compose, two images, Postgres, an analytics volume, nginx (compose-two-images-postgres)', () => {
  it('setup.yml: init makes the deploy user, app-dir, the nginx site with its upstream file, the sudoers line; a second run changes nothing', async () => {
    const results = await job('setup.yml', 'setup');
    ok(results);
    const init = stepRun(results, 'init');
    expect(readFileSync(join(appDir, 'proxy', 'upstream.conf'), 'utf8')).toMatch(
      /^server 127\.0\.0\.1:\d+;\n$/,
    );
    expect(target.calls()).toContain('reload nginx');
    expect(cmd('id', ['-nG', deployUser])).toContain('docker');
    // The reload the deploys may run is the one init allowed (the target's systemctl stand-in).
    const reload = init.outputs['reload-command']!;
    expect(reload).toBe(`sudo ${target.systemctl} reload nginx`);
    overrides.inputs!.pipeline!['proxy-reload-command'] = reload;
    overrides.inputs!.rollback!['proxy-reload-command'] = reload;
    // Run again (someone re-runs the workflow): nothing changes, and it says so.
    const again = await job('setup.yml', 'setup');
    ok(again);
    expect(stepRun(again, 'init').outputs.changed).toBe('false');
  });

  it('deploy.yml v1: both images built and pushed, alembic migrates, both serve through nginx', async () => {
    const results = await deploy('v1');
    ok(results);
    expect(stepRun(results, 'deploy').outputs).toMatchObject({ status: 'deployed', tag: 'v1' });
    for (const image of ['backend', 'frontend']) {
      const tags = (await (await fetch(`http://${REGISTRY}/v2/deita${id}/${image}/tags/list`)).json()) as {
        tags: string[];
      };
      expect(tags.tags).toContain('v1');
    }
    expect(tagsByService(appDir)).toEqual({ backend: ['v1'], frontend: ['v1'], postgres: ['15'] });
    expect(psql(appDir, 'SELECT version_num FROM alembic_version')).toBe('0001');
    expect((await viaNginx('/')).body).toContain('Deita v1');
    for (const name of ['alpha', 'beta'])
      expect((await fetch(`${nginx()}/v1/workspaces/${name}`, { method: 'POST' })).status).toBe(200);
    expect(await versionThroughNginx()).toBe('v1');
    postgresId = stackContainers(appDir).find((c) => c.service === 'postgres')!.id;
    load = startLoad({ url: `${nginx()}/v1/health`, rps: 40, maxSeconds: 170 });
  });

  it('deploy.yml v2 (adds a migration): a new pair beside the serving one, gated, nginx moves, the old pair goes', async () => {
    cpSync(
      join(FIXTURE, 'extra', '0002_workspace_owner.py'),
      join(workspace, 'backend', 'migrations', 'versions', '0002_workspace_owner.py'),
    );
    load!.phase('v2');
    const results = await deploy('v2');
    ok(results);
    expect(state()).toMatchObject({ current: 'v2', previous: 'v1' });
    expect(psql(appDir, 'SELECT version_num FROM alembic_version')).toBe('0002');
    expect(tagsByService(appDir)).toEqual({ backend: ['v2'], frontend: ['v2'], postgres: ['15'] });
    expect(await versionThroughNginx()).toBe('v2');
    expect((await viaNginx('/')).body).toContain('Deita v2');
    const listed = JSON.parse((await viaNginx('/v1/workspaces')).body) as {
      workspaces: string[];
      events: number;
    };
    expect(listed).toMatchObject({ workspaces: ['alpha', 'beta'], events: 2 });
  });

  it.each([
    ['v3', 'backend', 'app/fault', 'its backend answers 503'],
    ['v4', 'frontend', 'fault', 'its frontend exits at start'],
  ])(
    'deploy.yml %s (%s bad): refused on its own port, BOTH services stay on v2, its pair is gone',
    async (tag, context, file) => {
      const before = stackContainers(appDir);
      writeFileSync(join(workspace, context, file), 'a bad release\n');
      load!.phase(tag);
      try {
        const results = await deploy(tag);
        const run = stepRun(results, 'deploy');
        expect(run.code, jobLog(results)).not.toBe(0);
        expect(run.outputs.status).toBe('rolled-back');
      } finally {
        rmSync(join(workspace, context, file));
      }
      expect(state()).toMatchObject({ current: 'v2' });
      expect(lastLedger()).toMatchObject({ tag, outcome: 'rolled-back' });
      expect(stackContainers(appDir)).toEqual(before);
      expect(tagsByService(appDir)).toEqual({ backend: ['v2'], frontend: ['v2'], postgres: ['15'] });
      expect(await versionThroughNginx()).toBe('v2');
    },
  );

  it('rollback.yml to the previous release: both services back on v1, the data kept, no request failed', async () => {
    load!.phase('rollback');
    const results = await job('rollback.yml', 'rollback');
    ok(results);
    expect(stepRun(results, 'rollback').outputs).toMatchObject({ status: 'rolled-back', tag: 'v1' });
    expect(state()).toMatchObject({ current: 'v1', previous: 'v2' });
    expect(tagsByService(appDir)).toEqual({ backend: ['v1'], frontend: ['v1'], postgres: ['15'] });
    expect(await versionThroughNginx()).toBe('v1');
    // The database was never recreated, and v1 runs on the schema v2 migrated to (migrations are not undone).
    expect(stackContainers(appDir).find((c) => c.service === 'postgres')!.id).toBe(postgresId);
    expect(JSON.parse((await viaNginx('/v1/workspaces')).body)).toMatchObject({
      workspaces: ['alpha', 'beta'],
    });
    const report = await load!.stop();
    load = undefined;
    console.log(`deita load through nginx (deploys v2, v3, v4, rollback): ${JSON.stringify(report)}`);
    expect(report.failures).toEqual([]);
    expect(report.failed).toBe(0);
    expect(
      Object.keys(report.bodies)
        .map((b) => (JSON.parse(b) as { version: string }).version)
        .sort(),
    ).toEqual(['v1', 'v2']);
  });

  it('backup.yml nightly on six days: Postgres dumped in its container, the analytics volume archived paused, both verified; 7/4/12 retention', async () => {
    const dir = join(appDir, 'backups');
    const seeded: string[] = [];
    const made: { name: string; source: string; run: number }[] = [];
    let beacons: LoadReport | undefined;
    for (const [i, at] of RUNS.entries()) {
      // The last night, page views keep writing the analytics file through nginx while it is backed up.
      const views =
        i === RUNS.length - 1
          ? startLoad({ url: `${nginx()}/v1/track`, rps: 20, maxSeconds: 60 })
          : undefined;
      const results = await job('backup.yml', 'backup', {
        LD_PRELOAD: FAKETIME_LIB,
        FAKETIME: `@${at.replace('T', ' ').replace('Z', '')}`,
        TZ: 'UTC',
      });
      beacons = (await views?.stop()) ?? beacons;
      ok(results);
      // `docker pause` prints what it paused: the backend, the one container that mounts the analytics volume.
      const backend = stackContainers(appDir).find((c) => c.service === 'backend')!.id;
      expect(results.find((r) => r.label.startsWith('Pause'))!.output.trim()).toBe(backend);
      for (const step of ['postgres', 'duckdb']) {
        const [b] = JSON.parse(stepRun(results, step).outputs.backups!) as {
          path: string;
          verified: boolean;
          source: string;
        }[];
        expect(b).toMatchObject({ verified: true });
        const name = b!.path.split('/').pop()!;
        // Stamped with the runner's (faked) clock: that night, not today.
        expect(Math.abs(timeOf(name).getTime() - Date.parse(at)), name).toBeLessThan(60_000);
        made.push({ name, source: b!.source, run: i });
        // The long tail an earlier year of nightly runs would have left: one a month before the first run.
        if (i === 0) seeded.push(...seedMonthly(dir, name, deployUser));
      }
      // The writer runs again after each backup, paused only while its volume was archived.
      expect(stackContainers(appDir).filter((c) => c.state !== 'running')).toEqual([]);
    }
    console.log(
      `deita page views through nginx during the last backup (writer paused): ${JSON.stringify(beacons)}`,
    );
    expect(beacons!.failures).toEqual([]);
    expect(beacons!.failed).toBe(0);
    const left = readdirSync(dir).filter((f) => !/\.(sha256|json)$/.test(f));
    for (const source of new Set(made.map((m) => m.source))) {
      const all = [...seeded, ...made.map((m) => m.name)]
        .filter((n) => n.startsWith(`deita_${source}_`))
        .map((name) => ({ name, time: timeOf(name), verified: true }));
      const expected = [
        ...decideRetention(all, { last: 1, daily: 7, weekly: 4, monthly: 12 }).keep.keys(),
      ].sort();
      expect(left.filter((f) => f.startsWith(`deita_${source}_`)).sort()).toEqual(expected);
      // The same day's earlier run goes (keep-last 1, one a day), and the months past the twelfth.
      const sameDay = made.find((m) => m.source === source && m.run === 4)!.name;
      expect(expected).not.toContain(sameDay);
      const old = seeded.filter((n) => n.startsWith(`deita_${source}_`));
      expect(expected).not.toContain(old.at(-1));
      expect(expected.filter((n) => old.includes(n)).length).toBeLessThan(old.length);
    }
    // The newest downloads read back: the dump lists the workspaces table, the analytics file is a whole database
    // holding the workspaces and the page views written until the pause.
    const newest = readNewestDownloads(join(workspace, 'backups'));
    expect(newest.dumpToc).toMatch(/TABLE public workspaces/);
    expect(newest.analytics).toBe('ok\n2\n1');
  });
});
