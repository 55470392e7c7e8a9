import { cpSync, existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSshd } from '../../harness/sshd.js';
import type { SshServer } from '../../harness/sshd.js';
import { runAction, runPostStep, sshInputs } from '../../harness/run-action.js';
import { APP_FIXTURE, composeApp } from '../../harness/app-image.js';
import type { ComposeApp } from '../../harness/app-image.js';
import { REGISTRY } from '../../harness/docker.js';
import { requireParts } from '../../harness/parts.js';

/**
 * The root action (`uses: org/vps-deploy@v1`): builds the app image on the runner (no buildx here: docker build +
 * docker push), pushes <tag> and sha-<short> to the loopback registry, then deploys it like actions/deploy.
 * Also: several hosts, one after another, stopping at the first failure.
 */
let ssh: SshServer;
let app: ComposeApp;
const PASSWORD = 'registry-pw-7d41c0e2';
const dockerConfig = mkdtempSync(join(tmpdir(), 'docker-config-'));

beforeAll(async () => {
  requireParts('docker-compose', 'flock');
  ssh = await startSshd();
  app = await composeApp('pipe');
  cpSync(APP_FIXTURE, join(app.workspace, 'app'), { recursive: true });
});
afterAll(async () => {
  app?.down();
  await ssh?.stop();
});

const base = () => ({
  ...sshInputs(ssh),
  app: app.app,
  'app-dir': app.appDir,
  'compose-file': app.composeFile,
  'env-file': app.envFile(),
  'health-url': app.healthUrl,
  'health-interval': '200ms',
  'health-timeout': '20s',
});
const serving = async () =>
  (await (await fetch(app.healthUrl)).json()) as { status: string; version: string };
const registryTags = async () => {
  const name = app.repo.slice(REGISTRY.length + 1);
  return (
    (await (await fetch(`http://${REGISTRY}/v2/${name}/tags/list`)).json()) as { tags: string[] }
  ).tags.sort();
};

describe('root action', () => {
  it('builds, pushes <tag> and sha-<short> (login with the password on stdin), then deploys', async () => {
    const r = await runAction(
      'pipeline',
      {
        ...base(),
        build: 'true',
        image: app.repo,
        context: 'app',
        'build-args': 'MODE=ok\nVERSION=b1',
        tag: 'b1',
        registry: REGISTRY,
        'registry-username': 'ci',
        'registry-password': PASSWORD,
      },
      { cwd: app.workspace, env: { DOCKER_CONFIG: dockerConfig } },
    );
    expect(r.code, r.everything).toBe(0);
    expect(r.stdout).toContain('docker buildx is not installed: docker build, then docker push');
    expect(r.stdout).toContain('::group::Build and push');
    expect(r.outputs).toMatchObject({ status: 'deployed', tag: 'b1', health: 'ok' });
    expect(await registryTags()).toEqual(['b1', 'sha-0123456']);
    expect(await serving()).toMatchObject({ version: 'b1' });
    // Logged in on the runner (this step's docker config) with the password from stdin, never echoed.
    expect(readFileSync(join(dockerConfig, 'config.json'), 'utf8')).toContain(REGISTRY);
    expect(r.everything.replace(/^::add-mask::.*$/gm, '')).not.toContain(PASSWORD);
    expect(r.stdout).toContain(`Logged in to ${REGISTRY} on the server as ci`);
  });

  it('without a tag on a branch push, deploys sha-<short>', async () => {
    const r = await runAction(
      'pipeline',
      { ...base(), build: 'true', image: app.repo, context: 'app', 'build-args': 'VERSION=b2' },
      { cwd: app.workspace, env: { DOCKER_CONFIG: dockerConfig } },
    );
    expect(r.code, r.everything).toBe(0);
    expect(r.outputs).toMatchObject({ status: 'deployed', tag: 'sha-0123456', 'previous-tag': 'b1' });
    expect(await serving()).toMatchObject({ version: 'b2' });
  });

  it('build: true without image fails before anything is built or connected', async () => {
    const r = await runAction('pipeline', { ...base(), build: 'true', tag: 'b3' }, { cwd: app.workspace });
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(/::error::input "image" is required with build: true/);
    expect(r.stdout).not.toContain('ssh: connected');
  });
});

describe('several hosts', () => {
  const ledgerLines = () =>
    readFileSync(join(app.appDir, '.vps-deploy', 'releases.jsonl'), 'utf8')
      .trim()
      .split('\n').length;

  it('deploy one after another and stop at the first failure', async () => {
    const r = await runAction(
      'deploy',
      { ...base(), host: '127.0.0.1\n127.0.0.9', tag: 'b1', 'connect-retries': 1 },
      { cwd: app.workspace },
    );
    expect(r.code).toBe(1);
    expect(r.outputs.status).toBe('failed');
    expect(r.summary).toMatch(/\| 127\.0\.0\.1:\d+ \| b1 \| sha-0123456 \| ok/);
    expect(r.summary).toMatch(/\| 127\.0\.0\.9:\d+ \| — .*failed: could not connect/);
    expect(await serving()).toMatchObject({ version: 'b1' });
  });

  it('a failing first host leaves the next one untouched', async () => {
    const before = ledgerLines();
    const r = await runAction(
      'deploy',
      { ...base(), host: '127.0.0.9, 127.0.0.1', tag: 'sha-0123456', 'connect-retries': 1 },
      { cwd: app.workspace },
    );
    expect(r.code).toBe(1);
    expect(r.summary).not.toMatch(/\| 127\.0\.0\.1:/);
    expect(ledgerLines()).toBe(before);
    expect(await serving()).toMatchObject({ version: 'b1' });
  });
});

describe("the root action's post step", () => {
  // A self-hosted runner keeps ~/.docker/config.json between jobs: main's login must not outlive the job.
  const runnerHome = () => mkdtempSync(join(tmpdir(), 'runner-home-'));
  const loggedIn = (home: string) => {
    const config = JSON.parse(readFileSync(join(home, '.docker', 'config.json'), 'utf8')) as {
      auths?: Record<string, unknown>;
    };
    return Object.keys(config.auths ?? {});
  };
  const withLogin = (tag: string) => ({
    ...base(),
    build: 'true',
    image: app.repo,
    context: 'app',
    'build-args': `VERSION=${tag}`,
    tag,
    registry: REGISTRY,
    'registry-username': 'ci',
    'registry-password': PASSWORD,
  });

  it('logs the runner out of the registry main logged in to', async () => {
    const env = { HOME: runnerHome() }; // and no DOCKER_CONFIG: docker uses $HOME/.docker
    const inputs = withLogin('b4');
    const main = await runAction('pipeline', inputs, { cwd: app.workspace, env });
    expect(main.code, main.everything).toBe(0);
    expect(await serving()).toMatchObject({ version: 'b4' });
    expect(loggedIn(env.HOME)).toContain(REGISTRY);

    const post = await runPostStep('pipeline', inputs, main, { cwd: app.workspace, env });
    expect(post.code, post.everything).toBe(0);
    expect(loggedIn(env.HOME)).not.toContain(REGISTRY);
    expect(post.stdout).toContain(`Removing login credentials for ${REGISTRY}`);
    expect(post.outputs).toEqual({}); // the post step deploys nothing
    expect(post.everything.replace(/^::add-mask::.*$/gm, '')).not.toContain(PASSWORD);
  });

  it('logs out after a main step that failed once logged in (post-if: always())', async () => {
    const env = { HOME: runnerHome() };
    const inputs = { ...withLogin('b5'), host: '127.0.0.9', 'connect-retries': 1 };
    const main = await runAction('pipeline', inputs, { cwd: app.workspace, env });
    expect(main.code).toBe(1);
    expect(loggedIn(env.HOME)).toContain(REGISTRY);

    const post = await runPostStep('pipeline', inputs, main, { cwd: app.workspace, env });
    expect(post.code, post.everything).toBe(0);
    expect(loggedIn(env.HOME)).not.toContain(REGISTRY);
  });

  it('does nothing when main logged in nowhere', async () => {
    const env = { HOME: runnerHome() };
    const inputs = { ...withLogin('b6'), image: '' };
    const main = await runAction('pipeline', inputs, { cwd: app.workspace, env });
    expect(main.code).toBe(1);
    expect(main.state).toEqual({ isPost: 'true' });

    const post = await runPostStep('pipeline', inputs, main, { cwd: app.workspace, env });
    expect(post.code, post.everything).toBe(0);
    expect(post.stdout).not.toContain('docker');
    expect(existsSync(join(env.HOME, '.docker'))).toBe(false);
  });
});
