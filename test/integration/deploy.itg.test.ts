import { readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSshd } from '../harness/sshd.js';
import type { SshServer } from '../harness/sshd.js';
import { runAction, sshInputs } from '../harness/run-action.js';
import type { ActionRun } from '../harness/run-action.js';
import { buildAppImage, composeApp } from '../harness/app-image.js';
import type { ComposeApp } from '../harness/app-image.js';
import { requireParts } from '../harness/parts.js';

/**
 * actions/deploy (compose) and actions/rollback against real parts: OpenSSH, the Docker engine, a registry on
 * loopback and docker-compose, with the test app (test/fixtures/app) in four versions: v1 ok, v2 degraded,
 * v3 answers 503, v4 exits at once.
 */
let ssh: SshServer;
let app: ComposeApp;
const SECRET = 'vpsd-s3cret-9f1c2e7a';

beforeAll(async () => {
  requireParts('docker-compose', 'flock');
  ssh = await startSshd();
  app = await composeApp('dpl');
  buildAppImage(app.repo, 'v1', 'ok');
  buildAppImage(app.repo, 'v2', 'degraded');
  buildAppImage(app.repo, 'v3', 'unhealthy');
  buildAppImage(app.repo, 'v4', 'crash');
});
afterAll(async () => {
  app?.down();
  await ssh?.stop();
});

function deploy(tag: string, extra: Record<string, string | number> = {}, env: Record<string, string> = {}): Promise<ActionRun> {
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
    { cwd: app.workspace, env },
  );
}

const ledger = () =>
  readFileSync(join(app.appDir, '.vps-deploy', 'releases.jsonl'), 'utf8')
    .trim()
    .split('\n')
    .map((l) => JSON.parse(l) as Record<string, unknown>);
const state = () => JSON.parse(readFileSync(join(app.appDir, '.vps-deploy', 'state.json'), 'utf8')) as Record<string, unknown>;
const serving = async () => (await (await fetch(app.healthUrl)).json()) as { status: string; version: string };
const everything: string[] = [];
const withoutMaskCommands = (text: string) => text.replace(/^::add-mask::.*$/gm, '');

describe('actions/deploy with the compose strategy', () => {
  it('deploys v1: uploads compose file and .env (0600), pulls, starts, gates', async () => {
    const r = await deploy('v1');
    everything.push(r.everything);
    expect(r.code, r.everything).toBe(0);
    expect(r.outputs).toMatchObject({ status: 'deployed', tag: 'v1', 'previous-tag': '', health: 'ok' });
    expect(Number(r.outputs['duration-seconds'])).toBeGreaterThan(0);
    expect(await serving()).toMatchObject({ version: 'v1' });
    expect(statSync(join(app.appDir, '.env')).mode & 0o777).toBe(0o600);
    expect(state()).toMatchObject({ current: 'v1', previous: null, strategy: 'compose' });
    expect(ledger().map((l) => l.outcome)).toEqual(['started', 'deployed']);
    expect(r.summary).toMatch(/\| 127\.0\.0\.1 \| v1 \| — \| ok \(HTTP 200/);
  });

  it('deploys v2, whose health is degraded: it passes with a warning', async () => {
    const r = await deploy('v2');
    everything.push(r.everything);
    expect(r.code, r.everything).toBe(0);
    expect(r.outputs).toMatchObject({ status: 'deployed', tag: 'v2', 'previous-tag': 'v1', health: 'degraded' });
    expect(await serving()).toMatchObject({ version: 'v2', status: 'degraded' });
    expect(state()).toMatchObject({ current: 'v2', previous: 'v1' });
  });

  it('v3 answers 503: the gate fails, v2 comes back, the step fails with status rolled-back', async () => {
    const r = await deploy('v3', { 'health-timeout': '3s' });
    everything.push(r.everything);
    expect(r.code).toBe(1);
    expect(r.outputs).toMatchObject({ status: 'rolled-back', tag: 'v2', 'previous-tag': 'v2', health: 'unhealthy' });
    expect(await serving()).toMatchObject({ version: 'v2' });
    expect(state()).toMatchObject({ current: 'v2', previous: 'v1' });
    const last = ledger().at(-1)!;
    expect(last).toMatchObject({ tag: 'v3', outcome: 'rolled-back', health: { passed: false, verdict: 'unhealthy', code: 503 } });
    expect(last.restore).toMatchObject({ tag: 'v2', passed: true, verdict: 'degraded' });
    expect(r.summary).toMatch(/unhealthy \(HTTP 503/);
    expect(r.summary).toMatch(/to v2: degraded/);
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

  it('keeps the secret out of every log, output, summary and ledger line', () => {
    const ledgerText = readFileSync(join(app.appDir, '.vps-deploy', 'releases.jsonl'), 'utf8');
    expect(ledgerText).not.toContain(SECRET);
    // `::add-mask::` lines are the runner's masking commands: it consumes them, they never reach the log.
    for (const e of everything) expect(withoutMaskCommands(e)).not.toContain(SECRET);
    // it did reach the server, where it belongs
    expect(readFileSync(join(app.appDir, '.env'), 'utf8')).toContain(SECRET);
  });
});
