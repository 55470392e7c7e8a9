import { readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSshd } from '../../harness/sshd.js';
import type { SshServer } from '../../harness/sshd.js';
import { runAction, sshInputs } from '../../harness/run-action.js';
import type { ActionRun, RunOptions } from '../../harness/run-action.js';
import { buildAppImage, composeApp } from '../../harness/app-image.js';
import type { ComposeApp } from '../../harness/app-image.js';
import { cmd, requireParts } from '../../harness/parts.js';
import { startGitHubRecorder } from '../../harness/github-recorder.js';
import type { GitHubRecorder } from '../../harness/github-recorder.js';

/**
 * actions/deploy (compose) and actions/rollback against real parts: OpenSSH, the Docker engine, a registry on
 * loopback and docker-compose, with the test app (test/fixtures/app) in four versions: v1 ok, v2 degraded,
 * v3 answers 503, v4 exits at once.
 */
let ssh: SshServer;
let app: ComposeApp;
let github: GitHubRecorder;
const SECRET = 'vpsd-s3cret-9f1c2e7a';

beforeAll(async () => {
  requireParts('docker-compose', 'flock');
  ssh = await startSshd();
  github = await startGitHubRecorder();
  app = await composeApp('dpl');
  buildAppImage(app.repo, 'v1', 'ok');
  buildAppImage(app.repo, 'v2', 'degraded');
  buildAppImage(app.repo, 'v3', 'unhealthy');
  buildAppImage(app.repo, 'v4', 'crash');
});
afterAll(async () => {
  app?.down();
  await github?.close();
  await ssh?.stop();
});

function deploy(
  tag: string,
  extra: Record<string, string | number> = {},
  env: Record<string, string> = {},
  opts: RunOptions = {},
): Promise<ActionRun> {
  return runAction(
    'deploy',
    {
      ...sshInputs(ssh),
      app: app.app,
      'app-dir': app.appDir,
      tag,
      'compose-file': app.composeFile,
      'env-file': app.envFile(`SECRET_TOKEN=${SECRET}\n`),
      'health-url': app.healthUrl,
      'health-interval': '200ms',
      'health-timeout': '20s',
      ...extra,
    },
    { cwd: app.workspace, env, ...opts },
  );
}

const githubInputs = {
  environment: 'production',
  'environment-url': 'https://shop.example.com',
  'github-token': 'ghs_recorded_token_1',
};

const ledger = () =>
  readFileSync(join(app.appDir, '.vps-deploy', 'releases.jsonl'), 'utf8')
    .trim()
    .split('\n')
    .map((l) => JSON.parse(l) as Record<string, unknown>);
const state = () =>
  JSON.parse(readFileSync(join(app.appDir, '.vps-deploy', 'state.json'), 'utf8')) as Record<string, unknown>;
const serving = async () =>
  (await (await fetch(app.healthUrl)).json()) as { status: string; version: string };
const everything: string[] = [];
const withoutMaskCommands = (text: string) => text.replace(/^::add-mask::.*$/gm, '');

describe('actions/deploy with the compose strategy', () => {
  it('deploys v1: uploads compose file and .env (0600), pulls, starts, gates; records a GitHub Deployment', async () => {
    const r = await deploy('v1', githubInputs, { GITHUB_API_URL: github.url });
    everything.push(r.everything);
    expect(r.code, r.everything).toBe(0);
    expect(r.outputs).toMatchObject({ status: 'deployed', tag: 'v1', 'previous-tag': '', health: 'ok' });
    expect(Number(r.outputs['duration-seconds'])).toBeGreaterThan(0);
    expect(await serving()).toMatchObject({ version: 'v1' });
    expect(statSync(join(app.appDir, '.env')).mode & 0o777).toBe(0o600);
    expect(state()).toMatchObject({ current: 'v1', previous: null, strategy: 'compose' });
    expect(ledger().map((l) => l.outcome)).toEqual(['started', 'deployed']);
    expect(r.summary).toMatch(/\| 127\.0\.0\.1 \| v1 \| — \| ok \(HTTP 200/);
    expect(r.summary).toMatch(
      /lock \d+\.\ds, prepare \d+\.\ds, migrate \d+\.\ds, activate \d+\.\ds, gate \d+\.\ds/,
    );
    expect(r.stdout).toContain('::group::Health gate of v1');
    const [create, ...statuses] = github.requests.splice(0);
    expect(create).toMatchObject({
      method: 'POST',
      path: '/repos/acme/shop/deployments',
      authorization: 'Bearer ghs_recorded_token_1',
      apiVersion: '2022-11-28',
      body: {
        ref: '0123456789abcdef0123456789abcdef01234567',
        environment: 'production',
        auto_merge: false,
        required_contexts: [],
        production_environment: true,
        transient_environment: false,
        payload: { tag: 'v1' },
      },
    });
    expect(statuses.map((x) => [x.path, x.body.state])).toEqual([
      ['/repos/acme/shop/deployments/1000/statuses', 'in_progress'],
      ['/repos/acme/shop/deployments/1000/statuses', 'success'],
    ]);
    expect(statuses[1]!.body).toMatchObject({
      log_url: 'https://github.com/acme/shop/actions/runs/4242',
      environment_url: 'https://shop.example.com',
    });
  });

  it('deploys v2, whose health is degraded: it passes; a 403 from GitHub only warns', async () => {
    github.forbid();
    const r = await deploy('v2', githubInputs, { GITHUB_API_URL: github.url });
    github.forbid(false);
    expect(r.stdout).toMatch(/::warning::GitHub answered 403 .*deployments: write/);
    expect(github.requests.splice(0).map((x) => x.path)).toEqual(['/repos/acme/shop/deployments']);
    everything.push(r.everything);
    expect(r.code, r.everything).toBe(0);
    expect(r.outputs).toMatchObject({
      status: 'deployed',
      tag: 'v2',
      'previous-tag': 'v1',
      health: 'degraded',
    });
    expect(await serving()).toMatchObject({ version: 'v2', status: 'degraded' });
    expect(state()).toMatchObject({ current: 'v2', previous: 'v1' });
  });

  it('v3 answers 503: the gate fails, v2 comes back, the step fails with status rolled-back', async () => {
    const r = await deploy('v3', { 'health-timeout': '3s', ...githubInputs }, { GITHUB_API_URL: github.url });
    everything.push(r.everything);
    expect(r.code).toBe(1);
    expect(r.outputs).toMatchObject({
      status: 'rolled-back',
      tag: 'v2',
      'previous-tag': 'v2',
      health: 'unhealthy',
    });
    expect(await serving()).toMatchObject({ version: 'v2' });
    expect(state()).toMatchObject({ current: 'v2', previous: 'v1' });
    const last = ledger().at(-1)!;
    expect(last).toMatchObject({
      tag: 'v3',
      outcome: 'rolled-back',
      health: { passed: false, verdict: 'unhealthy', code: 503 },
    });
    expect(last.restore).toMatchObject({ tag: 'v2', passed: true, verdict: 'degraded' });
    expect(r.summary).toMatch(/unhealthy \(HTTP 503/);
    expect(r.summary).toMatch(/to v2: degraded/);
    expect(r.stdout).toMatch(
      /^::error title=Failed in phase%3A gate::rolled-back: the health gate of v3 failed/m,
    );
    expect(github.requests.splice(0).map((x) => x.body.state)).toEqual([undefined, 'in_progress', 'failure']);
  });

  it('v4 exits at once: the gate fails fast (no waiting out health-timeout) and v2 comes back', async () => {
    const t0 = Date.now();
    const r = await deploy('v4', { 'health-timeout': '120s' });
    everything.push(r.everything);
    expect(r.code).toBe(1);
    expect(Date.now() - t0).toBeLessThan(60_000);
    expect(r.stdout).toMatch(/restart-looping|exited with code/);
    expect(r.outputs).toMatchObject({ status: 'rolled-back', tag: 'v2' });
    expect(await serving()).toMatchObject({ version: 'v2' });
  });

  it('a failing migrate-command aborts before anything changed', async () => {
    const r = await deploy('v1', { 'migrate-command': 'echo migrating; exit 3' });
    everything.push(r.everything);
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(
      /^::error title=Failed in phase%3A migrate::migrate: migrate-command failed \(exit 3\)/m,
    );
    expect(r.outputs).toMatchObject({ status: 'failed', tag: '' });
    expect(ledger().at(-1)).toMatchObject({ tag: 'v1', outcome: 'aborted', phase: 'migrate' });
    expect(await serving()).toMatchObject({ version: 'v2' });
    expect(state()).toMatchObject({ current: 'v2', previous: 'v1' });
  });

  it('keeps the secret out of every log, output, summary and ledger line', () => {
    const ledgerText = readFileSync(join(app.appDir, '.vps-deploy', 'releases.jsonl'), 'utf8');
    expect(ledgerText).not.toContain(SECRET);
    // `::add-mask::` lines are the runner's masking commands: it consumes them, they never reach the log.
    for (const e of everything) expect(withoutMaskCommands(e)).not.toContain(SECRET);
    // it did reach the server, where it belongs
    expect(readFileSync(join(app.appDir, '.env'), 'utf8')).toContain(SECRET);
  });
});

function rollback(extra: Record<string, string | number> = {}): Promise<ActionRun> {
  return runAction('rollback', {
    ...sshInputs(ssh),
    app: app.app,
    'app-dir': app.appDir,
    'health-url': app.healthUrl,
    'health-interval': '200ms',
    'health-timeout': '20s',
    ...extra,
  });
}

describe('actions/rollback', () => {
  it('returns to previous (v1), gated, recorded; v2 becomes previous', async () => {
    const before = ledger().length;
    const r = await rollback();
    everything.push(r.everything);
    expect(r.code, r.everything).toBe(0);
    expect(r.outputs).toMatchObject({ status: 'rolled-back', tag: 'v1', 'from-tag': 'v2', health: 'ok' });
    expect(await serving()).toMatchObject({ version: 'v1' });
    expect(state()).toMatchObject({ current: 'v1', previous: 'v2' });
    expect(ledger().slice(before)).toMatchObject([
      { action: 'rollback', tag: 'v1', previous: 'v2', outcome: 'started' },
      {
        action: 'rollback',
        tag: 'v1',
        previous: 'v2',
        outcome: 'rolled-back',
        health: { passed: true, verdict: 'ok' },
      },
    ]);
    // The images stayed on the server: nothing was pulled.
    expect(r.stdout).not.toMatch(/pull/i);
  });

  it('an unknown tag is a clear error listing the tags that are on the server; nothing changes', async () => {
    const before = ledger().length;
    const r = await rollback({ to: 'v9' });
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(
      /::error::input "to" got "v9": it is not on the server any more; tags on the server: .*v1/,
    );
    expect(r.stdout).toMatch(/tags on the server: .*v2/);
    expect(ledger().length).toBe(before);
    expect(await serving()).toMatchObject({ version: 'v1' });
  });
});

describe('faults', () => {
  it('a hostile tag is rejected before connecting', async () => {
    const before = ledger().length;
    const r = await deploy('v1;touch${IFS}/tmp/vpsd-pwned');
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(
      /::error::Invalid input.*input "tag" got "v1;touch\$\{IFS\}\/tmp\/vpsd-pwned": takes a tag/s,
    );
    expect(r.stdout).not.toContain('ssh: connected');
    expect(ledger().length).toBe(before);
  });

  it('two deploys started at once serialise on the lock; the second names the holder while it waits', async () => {
    const [a, b] = await Promise.all([
      deploy('v2', {}, { GITHUB_RUN_ID: '1001' }),
      new Promise<ActionRun>((r) => setTimeout(() => r(deploy('v1', {}, { GITHUB_RUN_ID: '1002' })), 300)),
    ]);
    expect(a.code, a.everything).toBe(0);
    expect(b.code, b.everything).toBe(0);
    expect(b.stdout).toMatch(
      /Waiting up to 300s for the deploy lock of .* held by deploy of v2 by octocat \(https:\/\/github\.com\/acme\/shop\/actions\/runs\/1001\) since /,
    );
    const last4 = ledger()
      .slice(-4)
      .map((l) => `${l.tag}:${l.outcome}`);
    expect(last4).toEqual(['v2:started', 'v2:deployed', 'v1:started', 'v1:deployed']);
    expect(state()).toMatchObject({ current: 'v1', previous: 'v2' });
  });

  it('a second deploy gives up after lock-timeout, naming the holder', async () => {
    const slow = deploy(
      'v2',
      { 'health-timeout': '30s', 'migrate-command': 'sleep 4' },
      { GITHUB_RUN_ID: '2001' },
    );
    await new Promise((r) => setTimeout(r, 1200));
    const waiting = await deploy('v1', { 'lock-timeout': '1s' }, { GITHUB_RUN_ID: '2002' });
    expect(waiting.code).toBe(1);
    expect(waiting.stdout).toMatch(
      /::error title=Failed in phase%3A lock::another deploy holds the lock of .*: deploy of v2 by octocat \(https:\/\/github\.com\/acme\/shop\/actions\/runs\/2001\) since .*gave up after lock-timeout \(1s\)/,
    );
    expect((await slow).code).toBe(0);
  });

  it('a deploy SIGKILLed mid-gate frees the lock with its connection: the next deploy gets it at once', async () => {
    const killed = await deploy(
      'v3',
      { 'health-timeout': '60s' },
      { GITHUB_RUN_ID: '3001' },
      { killWhen: /probe 1:/ },
    );
    expect(killed.signal).toBe('SIGKILL');
    // The ledger shows the attempt that never finished.
    expect(ledger().at(-1)).toMatchObject({
      tag: 'v3',
      outcome: 'started',
      runUrl: 'https://github.com/acme/shop/actions/runs/3001',
    });
    const next = await deploy('v2', { 'lock-timeout': '5s' }, { GITHUB_RUN_ID: '3002' });
    expect(next.code, next.everything).toBe(0);
    expect(next.stdout).not.toContain('Waiting up to');
    expect(await serving()).toMatchObject({ version: 'v2' });
    expect(readFileSync(join(app.appDir, '.vps-deploy', 'lock'), 'utf8')).toBe('');
  });

  it('an SSH connection cut mid-deploy fails cleanly naming the phase; the next deploy starts from what runs', async () => {
    let cut = false;
    const r = await deploy(
      'v1',
      {},
      { GITHUB_RUN_ID: '4001' },
      {
        onStdout: (chunk) => {
          if (!cut && chunk.includes('::group::Activate v1')) {
            cut = true;
            ssh.cutSessions();
          }
        },
      },
    );
    expect(cut).toBe(true);
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(
      /^::error title=Failed in phase%3A (activate|gate)::(activate|gate): .*(SSH connection|connection) .*lost/m,
    );
    expect(ledger().at(-1)).toMatchObject({
      tag: 'v1',
      outcome: 'started',
      runUrl: 'https://github.com/acme/shop/actions/runs/4001',
    });
    expect(r.outputs.status).toBe('failed');
    const next = await deploy('v2', { 'lock-timeout': '5s' }, { GITHUB_RUN_ID: '4002' });
    expect(next.code, next.everything).toBe(0);
    expect(next.stdout).not.toContain('Waiting up to');
    expect(await serving()).toMatchObject({ version: 'v2' });
  });

  it('keeps at most keep-releases images, never the current or previous', async () => {
    const images = () =>
      cmd('docker', ['image', 'ls', '--format', '{{.Tag}}', app.repo]).trim().split('\n').sort();
    // v3 and v4 failed their gates (earlier tests) and were pruned since; bring their images back.
    for (const v of ['v3', 'v4']) cmd('docker', ['pull', '-q', `${app.repo}:${v}`]);
    expect(images()).toEqual(['v1', 'v2', 'v3', 'v4']);
    const r = await deploy('v1', { 'keep-releases': 1 });
    expect(r.code, r.everything).toBe(0);
    // current v1, previous v2; v3 and v4 never passed a gate.
    expect(images()).toEqual(['v1', 'v2']);
    expect(r.stdout).toMatch(/Removed (v3, v4|v4, v3)/);
  });
});
