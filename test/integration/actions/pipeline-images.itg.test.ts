import { cpSync, mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSshd } from '../../harness/sshd.js';
import type { SshServer } from '../../harness/sshd.js';
import { runAction, sshInputs } from '../../harness/run-action.js';
import { APP_FIXTURE, composeApp } from '../../harness/app-image.js';
import type { ComposeApp } from '../../harness/app-image.js';
import { REGISTRY } from '../../harness/docker.js';
import { freePort } from '../../harness/ports.js';
import { requireParts } from '../../harness/parts.js';

/**
 * The root action with `images`: a backend and a frontend image, each from its own context and Dockerfile, built
 * on the runner (docker build + push: no buildx here) with shared build args and `target`, pushed to the loopback
 * registry as <tag> and sha-<short>, and deployed together by one compose file.
 */
let ssh: SshServer;
let app: ComposeApp;
let frontPort: number;
const PASSWORD = 'registry-pw-images-4e1d';
const NPM_TOKEN = 'npm-token-secret-77a1';
const dockerConfig = mkdtempSync(join(tmpdir(), 'docker-config-'));
const backend = () => `${app.repo}-backend`;
const frontend = () => `${app.repo}-frontend`;

beforeAll(async () => {
  requireParts('docker-compose', 'flock');
  ssh = await startSshd();
  app = await composeApp('pimg');
  frontPort = await freePort();
  const ws = app.workspace;
  // The backend: the test app, with a later `debug` stage that `target: prod` must leave out.
  cpSync(APP_FIXTURE, join(ws, 'backend'), { recursive: true });
  writeFileSync(
    join(ws, 'backend', 'Dockerfile'),
    [
      'FROM local/busybox:1 AS prod',
      'ARG MODE=ok',
      'ARG VERSION=v1',
      'RUN mkdir -p /www/cgi-bin && echo "$MODE" > /mode && echo "$VERSION" > /version',
      'COPY health.cgi /www/cgi-bin/health',
      'COPY start.sh /start.sh',
      'RUN chmod 755 /www/cgi-bin/health /start.sh',
      'CMD ["/start.sh"]',
      'FROM prod AS debug',
      'RUN echo debug > /version',
      '',
    ].join('\n'),
  );
  // The frontend: a static bundle served by httpd, its Dockerfile outside its context's default name.
  mkdirSync(join(ws, 'frontend'));
  writeFileSync(
    join(ws, 'frontend', 'Dockerfile.web'),
    [
      'FROM local/busybox:1 AS prod',
      'ARG VERSION=v1',
      'ARG NPM_TOKEN',
      // The build arg reaches the build (a private registry token would be used here), its value never argv.
      'RUN mkdir -p /www && echo "frontend $VERSION" > /www/index.html && [ -n "$NPM_TOKEN" ] && echo token-seen > /www/token',
      'CMD ["httpd", "-f", "-p", "8080", "-h", "/www"]',
      'FROM prod AS debug',
      'RUN echo "frontend debug" > /www/index.html',
      '',
    ].join('\n'),
  );
  writeFileSync(
    join(ws, app.composeFile),
    [
      'services:',
      '  web:',
      `    image: ${backend()}:\${IMAGE_TAG}`,
      '    ports: ["127.0.0.1:${APP_PORT}:8000"]',
      '    env_file: .env',
      '  frontend:',
      `    image: ${frontend()}:\${IMAGE_TAG}`,
      '    ports: ["127.0.0.1:${FRONT_PORT}:8080"]',
      '',
    ].join('\n'),
  );
});
afterAll(async () => {
  app?.down();
  await ssh?.stop();
});

const inputs = (extra: Record<string, string>) => ({
  ...sshInputs(ssh),
  app: app.app,
  'app-dir': app.appDir,
  'compose-file': app.composeFile,
  'env-file': app.envFile(`FRONT_PORT=${frontPort}\n`),
  'health-url': app.healthUrl,
  'health-interval': '200ms',
  'health-timeout': '20s',
  build: 'true',
  registry: REGISTRY,
  'registry-username': 'ci',
  'registry-password': PASSWORD,
  ...extra,
});
const registryTags = async (image: string) => {
  const name = image.slice(REGISTRY.length + 1);
  return (
    (await (await fetch(`http://${REGISTRY}/v2/${name}/tags/list`)).json()) as { tags: string[] }
  ).tags.sort();
};

describe('root action: several images', () => {
  it('builds and pushes a backend and a frontend (<tag> and sha-<short>), then deploys both with one compose file', async () => {
    const r = await runAction(
      'pipeline',
      inputs({
        images: `${backend()} backend\n${frontend()} frontend frontend/Dockerfile.web`,
        'build-args': `VERSION=p1\nMODE=ok\nNPM_TOKEN=${NPM_TOKEN}`,
        target: 'prod',
        tag: 'p1',
      }),
      { cwd: app.workspace, env: { DOCKER_CONFIG: dockerConfig } },
    );
    expect(r.code, r.everything).toBe(0);
    expect(r.outputs).toMatchObject({ status: 'deployed', tag: 'p1', health: 'ok' });
    // One log group per image, one login for both.
    expect(r.stdout).toContain(`::group::Build and push ${backend()}:p1, ${backend()}:sha-0123456`);
    expect(r.stdout).toContain(`::group::Build and push ${frontend()}:p1, ${frontend()}:sha-0123456`);
    expect(await registryTags(backend())).toEqual(['p1', 'sha-0123456']);
    expect(await registryTags(frontend())).toEqual(['p1', 'sha-0123456']);
    // Both run, from the `prod` stage (not the later `debug` one), with the shared build args.
    expect(((await (await fetch(app.healthUrl)).json()) as { version: string }).version).toBe('p1');
    expect((await (await fetch(`http://127.0.0.1:${frontPort}/index.html`)).text()).trim()).toBe(
      'frontend p1',
    );
    expect((await (await fetch(`http://127.0.0.1:${frontPort}/token`)).text()).trim()).toBe('token-seen');
    // The secret build arg is masked, and was never printed by us.
    expect(r.stdout).toContain(`::add-mask::${NPM_TOKEN}`);
    expect(r.everything.replace(/^::add-mask::.*$/gm, '')).not.toContain(NPM_TOKEN);
    expect(r.everything.replace(/^::add-mask::.*$/gm, '')).not.toContain(PASSWORD);
  });

  it.each([
    [{ images: 'x/api backend', image: 'x/shop' }, /inputs "image" and "images" were both given/],
    [{ images: 'NotAnImage backend' }, /input "images" got "NotAnImage backend"/],
    [{ images: 'x/api backend', build: 'false' }, /input "images" is for the image build: set build: true/],
  ])('%j fails before anything is built or connected', async (extra, message) => {
    const r = await runAction('pipeline', inputs({ tag: 'p2', ...extra }), {
      cwd: app.workspace,
      env: { DOCKER_CONFIG: dockerConfig },
    });
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(message);
    expect(r.stdout).not.toContain('::group::Build and push');
    expect(r.stdout).not.toContain('ssh: connected');
  });
});
