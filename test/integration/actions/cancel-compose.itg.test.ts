import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildAppImage, composeApp } from '../../harness/app-image.js';
import type { ComposeApp } from '../../harness/app-image.js';
import { runAndCancel, SIGTERM_AFTER_MS } from '../../harness/cancel-like-runner.js';
import type { CancelLadder } from '../../harness/cancel-like-runner.js';
import { requireParts } from '../../harness/parts.js';
import { runAction, sshInputs } from '../../harness/run-action.js';
import type { ActionRun } from '../../harness/run-action.js';
import { startSshd } from '../../harness/sshd.js';
import type { SshServer } from '../../harness/sshd.js';

/**
 * Cancelling a compose deploy as GitHub does (SIGINT, then SIGTERM 7.5 s later: real signals to
 * `node dist/deploy/index.js`) against OpenSSH, Docker and docker-compose: before the switch nothing changes;
 * during the gate the release that ran is brought back with `up -d` and gated within the grace. cancel.itg.test.ts
 * shows the same for the release strategy; the flow is shared, the way back is the strategy's.
 */
let ssh: SshServer;
let app: ComposeApp;

beforeAll(async () => {
  requireParts('docker-compose', 'flock');
  ssh = await startSshd();
  app = await composeApp('cnc');
  buildAppImage(app.repo, 'v1', 'ok');
  buildAppImage(app.repo, 'v2', 'ok');
  buildAppImage(app.repo, 'bad503', 'unhealthy');
}, 300_000);
afterAll(async () => {
  app?.down();
  await ssh?.stop();
});

const inputs = (tag: string, extra: Record<string, string | number> = {}) => ({
  ...sshInputs(ssh),
  app: app.app,
  'app-dir': app.appDir,
  tag,
  'compose-file': app.composeFile,
  'env-file': app.envFile(),
  'health-url': app.healthUrl,
  'health-interval': '200ms',
  'health-timeout': '60s',
  ...extra,
});
const deploy = (tag: string) => runAction('deploy', inputs(tag), { cwd: app.workspace, timeoutMs: 120_000 });
const cancelDeploy = (tag: string, when: string | RegExp, extra: Record<string, string | number> = {}) =>
  runAndCancel('deploy', inputs(tag, extra), when, { cwd: app.workspace, timeoutMs: 120_000 });

const logOf = (r: { stdout: string }) => r.stdout.replace(/^::add-mask::.*$/gm, '');
const state = () =>
  JSON.parse(readFileSync(join(app.appDir, '.vps-deploy', 'state.json'), 'utf8')) as Record<string, unknown>;
const lastLedger = () =>
  JSON.parse(
    readFileSync(join(app.appDir, '.vps-deploy', 'releases.jsonl'), 'utf8')
      .trim()
      .split('\n')
      .at(-1)!,
  ) as Record<string, unknown>;
const serving = async () => ((await (await fetch(app.healthUrl)).json()) as { version: string }).version;

function endedWithinGrace(r: ActionRun & { ladder?: CancelLadder }, error: RegExp): void {
  expect(
    r.ladder?.sent.map((s) => s.signal),
    logOf(r),
  ).toEqual(['SIGINT']);
  expect(r.ladder!.exitedAfterMs).toBeLessThan(SIGTERM_AFTER_MS);
  expect(r.code).toBe(1);
  expect(r.stdout).toMatch(error);
  expect(r.outputs.status).toBe('failed');
}

describe('a compose deploy cancelled as the runner cancels a step', () => {
  it('v1 deploys (the release the cancels fall back to)', async () => {
    const r = await deploy('v1');
    expect(r.code, logOf(r)).toBe(0);
  });

  it('during migrate: it stops before the switch; nothing changed, recorded cancelled', async () => {
    const r = await cancelDeploy('v2', 'Migrate for v2', { 'migrate-command': 'sleep 3' });
    endedWithinGrace(r, /cancelled \(SIGINT\) during migrate, before the switch: nothing changed/);
    expect(lastLedger()).toMatchObject({ tag: 'v2', outcome: 'cancelled', phase: 'migrate' });
    expect(state()).toMatchObject({ current: 'v1' });
    expect(state()).not.toHaveProperty('interrupted');
    expect(await serving()).toBe('v1');
  });

  it.each([
    { what: 'a release answering 503', tag: 'bad503', extra: {} },
    { what: 'a healthy release still gating', tag: 'v2', extra: { 'health-successes': 20 } },
  ])(
    'during the gate of $what: v1 comes back (up -d) and passes its gate within the grace',
    async ({ tag, extra }) => {
      const r = await cancelDeploy(tag, new RegExp(`Health gate of ${tag}[\\s\\S]*probe 1:`), extra);
      endedWithinGrace(
        r,
        new RegExp(
          `cancelled \\(SIGINT\\) during the gate of ${tag}: v1 was brought back and passed its gate`,
        ),
      );
      expect(lastLedger()).toMatchObject({
        tag,
        outcome: 'cancelled',
        phase: 'gate',
        restore: { tag: 'v1', passed: true },
      });
      expect(state()).toMatchObject({ current: 'v1' });
      expect(state()).not.toHaveProperty('interrupted');
      expect(await serving()).toBe('v1');
    },
  );

  it('the next deploy goes through without waiting for a lock', async () => {
    const r = await deploy('v2');
    expect(r.code, logOf(r)).toBe(0);
    expect(r.stdout).not.toMatch(/Waiting up to .* for the deploy lock/);
    expect(state()).toMatchObject({ current: 'v2', previous: 'v1' });
    expect(await serving()).toBe('v2');
  });
});
