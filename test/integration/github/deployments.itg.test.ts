import { createServer } from 'node:net';
import type { Socket } from 'node:net';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { GitHubDeployment } from '../../../src/github/deployments.js';
import { GITHUB_API_PATIENCE } from '../../../src/github/rest-client.js';
import { runContextFromEnv } from '../../../src/io/action-io.js';
import { startGitHubRecorder } from '../../harness/github-recorder.js';
import type { GitHubRecorder } from '../../harness/github-recorder.js';
import { freePort } from '../../harness/ports.js';

/**
 * GitHub Deployments through Octokit against the recording server, in process: fields and headers, retries of
 * 5xx and short rate limits, refusals, and an API out of reach. The runner's proxy is tested through the deploy
 * bundle (deployments-proxy.itg.test.ts), since @actions/github reads it once per process.
 */
const PROXY_VARS = ['HTTPS_PROXY', 'https_proxy', 'HTTP_PROXY', 'http_proxy', 'NO_PROXY', 'no_proxy'];
const request = {
  token: 'ghs_recorded_token_2',
  environment: 'production',
  environmentUrl: 'https://shop.example.com',
  ref: '0123456789abcdef0123456789abcdef01234567',
  tag: 'v7',
  description: 'vps-deploy v7 to vps.example.com',
};

function recordingIo(apiUrl: string) {
  const warnings: string[] = [];
  const infos: string[] = [];
  const io = {
    warning: (m: string) => warnings.push(m),
    info: (m: string) => infos.push(m),
    debug: () => {},
    run: {
      ...runContextFromEnv({}),
      repository: 'acme/shop',
      apiUrl,
      runUrl: 'https://github.com/acme/shop/actions/runs/77',
    },
  };
  return { io, warnings, infos };
}

async function timed<T>(fn: () => Promise<T>): Promise<{ value: T; seconds: number }> {
  const t0 = performance.now();
  const value = await fn();
  return { value, seconds: (performance.now() - t0) / 1000 };
}

describe('GitHub Deployments in process', () => {
  let github: GitHubRecorder;
  const savedProxyEnv = Object.fromEntries(PROXY_VARS.map((k) => [k, process.env[k]]));
  beforeAll(async () => {
    // A proxy set on this machine must not decide these tests: the recorder is on loopback, reached directly.
    for (const k of PROXY_VARS) delete process.env[k];
    github = await startGitHubRecorder();
  });
  afterEach(() => github.requests.splice(0));
  afterAll(async () => {
    await github?.close();
    for (const [k, v] of Object.entries(savedProxyEnv)) if (v !== undefined) process.env[k] = v;
  });

  it('records the deployment and its statuses through Octokit, with the fields and headers GitHub expects', async () => {
    const { io, warnings, infos } = recordingIo(github.url);
    const d = await GitHubDeployment.start(io, request);
    await d?.status('success', 'v7: deployed');
    expect(warnings).toEqual([]);
    expect(infos).toEqual([`GitHub Deployment ${d?.id} for environment production`]);
    const [create, ...statuses] = github.requests;
    expect(create).toMatchObject({
      method: 'POST',
      path: '/repos/acme/shop/deployments',
      authorization: 'Bearer ghs_recorded_token_2',
      apiVersion: '2022-11-28',
      answer: 201,
      body: {
        ref: request.ref,
        environment: 'production',
        description: request.description,
        auto_merge: false,
        required_contexts: [],
        transient_environment: false,
        production_environment: true,
        payload: { tag: 'v7' },
      },
    });
    expect(create!.userAgent).toMatch(/^vps-deploy octokit-core\.js\//);
    expect(statuses.map((s) => [s.path, s.body.state, s.answer])).toEqual([
      [`/repos/acme/shop/deployments/${d?.id}/statuses`, 'in_progress', 201],
      [`/repos/acme/shop/deployments/${d?.id}/statuses`, 'success', 201],
    ]);
    expect(statuses[1]!.body).toMatchObject({
      description: 'v7: deployed',
      auto_inactive: true,
      log_url: 'https://github.com/acme/shop/actions/runs/77',
      environment_url: 'https://shop.example.com',
    });
  });

  it('retries a 502 and records the deployment', async () => {
    const { io, warnings } = recordingIo(github.url);
    github.failNext({ status: 502, message: 'Server Error' });
    const d = await GitHubDeployment.start(io, request);
    expect(d?.id).toEqual(expect.any(Number));
    expect(warnings).toEqual([]);
    expect(github.requests.map((r) => [r.path, r.answer])).toEqual([
      ['/repos/acme/shop/deployments', 502],
      ['/repos/acme/shop/deployments', 201],
      [`/repos/acme/shop/deployments/${d?.id}/statuses`, 201],
    ]);
  });

  it('gives up after the bounded retries of a lasting 5xx, warns and goes on', async () => {
    const { io, warnings } = recordingIo(github.url);
    github.failNext({ status: 503, message: 'Service Unavailable' }, 1 + GITHUB_API_PATIENCE.retries);
    const { value: d, seconds } = await timed(() => GitHubDeployment.start(io, request));
    expect(d).toBeUndefined();
    expect(github.requests.map((r) => r.answer)).toEqual([503, 503, 503]);
    expect(warnings).toEqual([
      expect.stringMatching(
        /^GitHub answered 503 to POST \/repos\/acme\/shop\/deployments \(Service Unavailable/,
      ),
    ]);
    expect(seconds).toBeLessThan(10);
  });

  it('waits out a short secondary rate limit once (Retry-After: 1)', async () => {
    const { io, warnings, infos } = recordingIo(github.url);
    github.failNext({
      status: 403,
      message: 'You have exceeded a secondary rate limit. Please wait a few minutes before you try again.',
      headers: { 'retry-after': '1' },
    });
    const d = await GitHubDeployment.start(io, request);
    expect(d?.id).toEqual(expect.any(Number));
    expect(warnings).toEqual([]);
    expect(infos[0]).toMatch(/^GitHub hit a secondary rate limit on POST \S+: trying once more in 1s$/);
    expect(github.requests.map((r) => r.answer)).toEqual([403, 201, 201]);
  });

  it('does not hold the deploy for a long secondary rate limit (Retry-After: 60)', async () => {
    const { io, warnings } = recordingIo(github.url);
    github.failNext({
      status: 403,
      message: 'You have exceeded a secondary rate limit. Please wait a few minutes before you try again.',
      headers: { 'retry-after': '60' },
    });
    const { value: d, seconds } = await timed(() => GitHubDeployment.start(io, request));
    expect(d).toBeUndefined();
    expect(github.requests.map((r) => r.answer)).toEqual([403]);
    expect(warnings).toEqual([
      expect.stringMatching(/^GitHub rate-limited POST \/repos\/acme\/shop\/deployments/),
    ]);
    expect(seconds).toBeLessThan(10);
  });

  it('a 403 (no deployments: write) warns once, is not retried, and the deploy goes on', async () => {
    const { io, warnings } = recordingIo(github.url);
    github.forbid();
    const d = await GitHubDeployment.start(io, request).finally(() => github.forbid(false));
    expect(d).toBeUndefined();
    expect(warnings).toEqual([
      'GitHub answered 403 to POST /repos/acme/shop/deployments: the workflow needs `permissions: deployments: write` ' +
        'to record a Deployment; going on without it',
    ]);
    expect(github.requests.map((r) => r.answer)).toEqual([403]);
  });

  it('an API that refuses connections warns within a bounded time', async () => {
    const port = await freePort();
    const { io, warnings } = recordingIo(`http://127.0.0.1:${port}`);
    const { value: d, seconds } = await timed(() => GitHubDeployment.start(io, request));
    expect(d).toBeUndefined();
    expect(warnings).toEqual([
      `GitHub API at http://127.0.0.1:${port} is out of reach (connect ECONNREFUSED 127.0.0.1:${port}); going on without a Deployment`,
    ]);
    expect(seconds).toBeLessThan(10);
  });

  it('an API that never answers is abandoned after the call budget, without retries', async () => {
    const held = new Set<Socket>();
    const requestLines: string[] = [];
    const silent = createServer((s) => {
      held.add(s);
      s.on('data', (d: Buffer) => requestLines.push(d.toString('latin1').split('\r\n')[0]!));
    });
    await new Promise<void>((r) => silent.listen(0, '127.0.0.1', r));
    const url = `http://127.0.0.1:${(silent.address() as { port: number }).port}`;
    try {
      const { io, warnings } = recordingIo(url);
      const { value: d, seconds } = await timed(() => GitHubDeployment.start(io, request));
      expect(d).toBeUndefined();
      expect(warnings).toEqual([
        `GitHub API at ${url} gave no answer to POST /repos/acme/shop/deployments within ${GITHUB_API_PATIENCE.callBudgetMs / 1000}s; going on without a Deployment`,
      ]);
      // Only requests count: on the abort undici may open a fresh idle connection, which sends nothing.
      expect(requestLines).toEqual(['POST /repos/acme/shop/deployments HTTP/1.1']);
      expect(seconds).toBeLessThan(GITHUB_API_PATIENCE.callBudgetMs / 1000 + 5);
    } finally {
      for (const s of held) s.destroy();
      await new Promise((r) => silent.close(r));
    }
  });
});
