/**
 * The demo's Compose seed: Deita's shape (a backend and a frontend image, PostgreSQL, an analytics volume, alembic,
 * nginx in front), deployed by the jobs of workflows-examples/compose-two-images-postgres/ exactly as its suite runs
 * them (test/integration/seeds/deita.itg.test.ts): a fresh server with a real nginx, setup.yml's init, deploy.yml
 * for v1 and v2 (the root action builds and pushes both images to a loopback registry, alembic migrates, blue-green
 * behind nginx) while requests flow, a v3 whose backend answers 503 (both services stay on v2), backup.yml's
 * nightly Postgres and volume backups, then status.
 */
import { spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { chmodSync, cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ensureDocker, ensureRegistry, REGISTRY } from '../../test/harness/docker.js';
import { startLoad } from '../../test/harness/load.js';
import { cmd } from '../../test/harness/parts.js';
import { freePort } from '../../test/harness/ports.js';
import { ROOT } from '../../test/harness/run-action.js';
import { ensureSeedPostgresImage, ensureSeedPythonImage } from '../../test/harness/seed-images.js';
import type { ExprContext } from '../../test/harness/workflow-steps.js';
import { startInitTarget } from '../../test/integration/actions/init-target.js';
import { runJob } from '../../test/integration/seeds/deita-job.js';
import type { JobOverrides, StepResult } from '../../test/integration/seeds/deita-job.js';
import { projectOf, removeStack } from '../../test/integration/seeds/deita-stack.js';
import { banner, cleanups, say, show, status } from './common.js';

const EXAMPLES = 'workflows-examples/compose-two-images-postgres';
const FIXTURE = join(ROOT, 'test', 'fixtures', 'seeds', 'deita');

export async function deitaDemo(): Promise<void> {
  banner(
    '2. Deita-shaped: Docker Compose, two images, Postgres, a volume, nginx (compose-two-images-postgres/)',
  );
  await ensureDocker();
  await ensureRegistry();
  say(
    'Building the base images from this machine’s files (no registry pulls): Python with FastAPI, PostgreSQL …',
  );
  ensureSeedPythonImage();
  ensureSeedPostgresImage();
  const id = randomBytes(3).toString('hex');
  const prefix = `${REGISTRY}/deita${id}`;
  const target = await startInitTarget();
  const base = mkdtempSync(join(tmpdir(), 'demo-deita-srv-'));
  chmodSync(base, 0o755);
  const appDir = join(base, `deita${id}`);
  const deployUser = `dta${id}`;
  const workspace = mkdtempSync(join(tmpdir(), 'demo-deita-ws-'));
  cleanups.push(() => {
    removeStack(appDir);
    spawnSync('sh', ['-c', `docker images -q '${prefix}/*' | sort -u | xargs -r docker rmi -f`], {
      stdio: 'ignore',
    });
    rmSync('/etc/sudoers.d/vps-deploy-deita', { force: true });
    spawnSync('userdel', ['-f', '-r', deployUser], { stdio: 'ignore' });
    for (const d of [base, workspace]) rmSync(d, { recursive: true, force: true });
  });
  // Stopped before the app dir goes (cleanups run last first): nginx reads its config, which includes the app's
  // upstream file, even to stop.
  cleanups.push(() => target.stop());
  cpSync(FIXTURE, workspace, { recursive: true });
  const keyFile = join(target.dir, 'deploy_key');
  cmd('ssh-keygen', ['-q', '-t', 'ed25519', '-N', '', '-f', keyFile, '-C', 'ci@deita']);
  const hostKey = readFileSync(join(target.dir, 'host_key.pub'), 'utf8').split(' ').slice(0, 2).join(' ');
  const [blue, green] = [await freePort(), await freePort()];
  say(`A fresh server: OpenSSH on 127.0.0.1:${target.port} (root by key), nginx on :${target.nginxPort}.`);

  const ctx: ExprContext = {
    secrets: {
      ROOT_SSH_KEY: target.rootKey,
      DEPLOY_SSH_KEY: readFileSync(keyFile, 'utf8'),
      GITHUB_TOKEN: 'registry-token-demo',
      DEITA_ENV: `POSTGRES_PASSWORD=pg-demo-${id}\nSECRET_KEY=demo-${id}\nIMAGE_PREFIX=${prefix}\nPOSTGRES_IMAGE=local/seed-postgres:15\n`,
    },
    vars: {
      DEPLOY_HOST: target.host,
      DEPLOY_PORT: String(target.port),
      DEPLOY_KNOWN_HOSTS: `[${target.host}]:${target.port} ${hostKey}`,
      DEPLOY_SSH_PUBLIC_KEY: readFileSync(`${keyFile}.pub`, 'utf8').trim(),
    },
    github: { actor: 'octocat', ref_name: 'v1' },
    inputs: {},
  };
  // What differs from the examples on this machine (the suite's list): a temp app-dir and a deploy user of this
  // run, free loopback ports, the target's nginx dirs, the loopback registry, Compose v1's `docker-compose`.
  const connection = { 'app-dir': appDir, username: deployUser };
  const overrides: JobOverrides = {
    inputs: {
      init: {
        'app-dir': appDir,
        'deploy-user': deployUser,
        'app-port': `${blue}, ${green}`,
        'site-address': `127.0.0.1:${target.nginxPort}`,
        'proxy-site': join(target.nginxSites, 'deita.conf'),
        'proxy-config': target.nginxConfig,
      },
      pipeline: {
        ...connection,
        ports: `${blue},${green}`,
        registry: REGISTRY,
        images: `${prefix}/backend backend\n${prefix}/frontend frontend`,
        'proxy-reload-command': `sudo ${target.systemctl} reload nginx`,
        'migrate-command': 'docker-compose run --rm backend python3 -m alembic upgrade head',
      },
      backup: { ...connection, volumes: `${projectOf(appDir)}_duckdb_data` },
    },
    env: { DEPLOY_USER: deployUser, DUCKDB_VOLUME: `${projectOf(appDir)}_duckdb_data` },
  };
  const job = (file: string, name: string, env: Record<string, string> = {}) =>
    runJob(`${EXAMPLES}/${file}`, name, ctx, overrides, { workspace, env, timeoutMs: 300_000 });
  const showJob = (title: string, results: StepResult[]) => {
    for (const r of results) if (r.action) show(`${title} — step ${r.label}`, r.action);
  };
  const deploy = async (tag: string, note: string) => {
    (ctx.github as Record<string, string>).ref_name = tag;
    showJob(
      `deploy.yml: ${tag}${note}`,
      await job('deploy.yml', 'deploy', { DOCKER_CONFIG: join(workspace, '.docker') }),
    );
  };
  const nginx = `http://127.0.0.1:${target.nginxPort}`;

  showJob('setup.yml: init, once, as root', await job('setup.yml', 'setup'));
  await deploy('v1', ' (both images built and pushed, alembic migrates)');
  const load = startLoad({ url: `${nginx}/v1/health`, rps: 40, maxSeconds: 240 });
  cleanups.push(async () => void (await load.stop()));
  cpSync(
    join(FIXTURE, 'extra', '0002_workspace_owner.py'),
    join(workspace, 'backend', 'migrations', 'versions', '0002_workspace_owner.py'),
  );
  await deploy('v2', ', a new migration, blue-green behind nginx while requests flow');
  writeFileSync(join(workspace, 'backend', 'app', 'fault'), 'a bad release\n');
  await deploy('v3', ' whose backend answers 503: neither service moves');
  rmSync(join(workspace, 'backend', 'app', 'fault'));
  const report = await load.stop();
  say(`\n  ${report.sent} requests through nginx during the deploys: ${report.failed} failed`);
  showJob('backup.yml: Postgres and the analytics volume, verified', await job('backup.yml', 'backup'));
  status(
    {
      host: target.host,
      port: target.port,
      username: deployUser,
      fingerprint: target.fingerprint,
      key: readFileSync(keyFile, 'utf8'),
    },
    'deita',
    appDir,
  );
}
