import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { startGitHubRecorder } from '../../harness/github-recorder.js';
import type { GitHubRecorder } from '../../harness/github-recorder.js';
import { freePort } from '../../harness/ports.js';
import { runAction } from '../../harness/run-action.js';
import { startConnectProxy } from './connect-proxy.js';
import type { ConnectProxy } from './connect-proxy.js';

/**
 * The GitHub Deployment of the deploy bundle behind a runner's proxy: each run is a fresh process, as on a runner,
 * because @actions/github reads HTTPS_PROXY / NO_PROXY once, when it is loaded. The API is https with a throwaway
 * certificate, at a name only the proxy resolves (@actions/http-client never proxies loopback names).
 */
describe('GitHub Deployments from the deploy bundle, behind a proxy', () => {
  const API_HOST = 'api.github.test'; // resolves nowhere: only the proxy knows where it is
  let dir: string;
  let github: GitHubRecorder;
  let proxy: ConnectProxy;
  let clientKey: string;
  let unusedSshPort: number;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'gh-proxy-'));
    execFileSync(
      'openssl',
      [
        ...['req', '-x509', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1', '-nodes'],
        ...['-keyout', join(dir, 'key.pem'), '-out', join(dir, 'cert.pem'), '-days', '1'],
        ...['-subj', `/CN=${API_HOST}`, '-addext', `subjectAltName=DNS:${API_HOST}`],
      ],
      { stdio: 'ignore' },
    );
    execFileSync('ssh-keygen', ['-q', '-t', 'ed25519', '-N', '', '-f', join(dir, 'client_key')]);
    clientKey = readFileSync(join(dir, 'client_key'), 'utf8');
    github = await startGitHubRecorder({
      tls: {
        key: readFileSync(join(dir, 'key.pem'), 'utf8'),
        cert: readFileSync(join(dir, 'cert.pem'), 'utf8'),
      },
      hostname: API_HOST,
    });
    proxy = await startConnectProxy([API_HOST]);
    unusedSshPort = await freePort();
  });
  afterEach(() => {
    github.requests.splice(0);
    proxy.connects.splice(0);
  });
  afterAll(async () => {
    await github?.close();
    await proxy?.close();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  // The deploy itself fails at once (nothing listens for SSH): what matters is what reached GitHub, and how.
  const deployWith = (env: Record<string, string>) =>
    runAction(
      'deploy',
      {
        host: '127.0.0.1',
        port: unusedSshPort,
        username: 'deploy',
        key: clientKey,
        'host-fingerprint': `SHA256:${'A'.repeat(43)}`,
        'connect-retries': 1,
        app: 'shop',
        tag: 'v1',
        environment: 'production',
        'github-token': 'ghs_recorded_token_3',
      },
      {
        env: { GITHUB_API_URL: github.url, NODE_EXTRA_CA_CERTS: join(dir, 'cert.pem'), ...env },
        timeoutMs: 60_000,
      },
    );

  it.each(['HTTPS_PROXY', 'https_proxy'])(
    '%s: the Deployment goes through the proxy (CONNECT)',
    async (name) => {
      const r = await deployWith({ [name]: proxy.url });
      expect(r.code, r.everything).toBe(1);
      expect(r.stdout).toMatch(/::error title=Failed in phase%3A connect::/);
      expect(r.stdout).not.toMatch(/::warning::GitHub/);
      const id = /GitHub Deployment (\d+) for environment production/.exec(r.stdout)?.[1];
      expect(id).toBeDefined();
      expect(github.requests.map((x) => [x.path, x.body.state, x.answer, x.authorization])).toEqual([
        ['/repos/acme/shop/deployments', undefined, 201, 'Bearer ghs_recorded_token_3'],
        [`/repos/acme/shop/deployments/${id}/statuses`, 'in_progress', 201, 'Bearer ghs_recorded_token_3'],
        [`/repos/acme/shop/deployments/${id}/statuses`, 'failure', 201, 'Bearer ghs_recorded_token_3'],
      ]);
      expect(proxy.connects.length).toBeGreaterThan(0);
      expect(new Set(proxy.connects)).toEqual(new Set([`${API_HOST}:${github.port}`]));
      expect(proxy.plain).toEqual([]);
    },
  );

  it.each([
    ['NO_PROXY', API_HOST],
    ['no_proxy', `.github.test`],
  ])('%s=%s: the runner goes direct, and the proxy sees nothing', async (name, value) => {
    const r = await deployWith({ HTTPS_PROXY: proxy.url, [name]: value });
    expect(r.code, r.everything).toBe(1);
    // Direct means this process resolves the name itself, and nothing here knows it.
    expect(r.stdout).toContain(
      `::warning::GitHub API at ${github.url} is out of reach (getaddrinfo ENOTFOUND ${API_HOST}); going on without a Deployment`,
    );
    expect(proxy.connects).toEqual([]);
    expect(github.requests).toEqual([]);
  });
});
