import { readFileSync, readlinkSync, rmSync, writeFileSync, chownSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runAndCancel, runCliAndCancel, SIGTERM_AFTER_MS } from '../../harness/cancel-like-runner.js';
import type { CancelLadder } from '../../harness/cancel-like-runner.js';
import { createNodeAppRepo } from '../../harness/node-app.js';
import type { NodeAppRepo } from '../../harness/node-app.js';
import { requireParts, serverBaseDir, testUserIds } from '../../harness/parts.js';
import { freePort } from '../../harness/ports.js';
import { DIST, runAction, sshInputs } from '../../harness/run-action.js';
import type { ActionRun } from '../../harness/run-action.js';
import { startSshd } from '../../harness/sshd.js';
import type { SshServer } from '../../harness/sshd.js';
import { startSupervisor } from '../../harness/supervisor.js';
import type { Supervisor } from '../../harness/supervisor.js';
import { spawnSync } from 'node:child_process';

/**
 * Cancelling a deploy as GitHub does (SIGINT, SIGTERM 7.5 s later, SIGKILL 2.5 s after that: real signals to
 * `node dist/deploy/index.js`), in each phase, with the release strategy against a real OpenSSH server and a
 * real service manager (supervisord). After each: state.json, the ledger, what serves, and that the next deploy
 * works. The restart-command sleeps while a file says so, to hold a deploy in its activation or its rollback.
 */
let ssh: SshServer;
let sup: Supervisor;
let repo: NodeAppRepo;
let base: string;
let appDir: string;
let port: number;
let slowFile: string;
let keyFile: string;

beforeAll(async () => {
  requireParts('supervisord', 'flock');
  ssh = await startSshd();
  base = serverBaseDir('cancel-e2e-');
  appDir = join(base, 'shop');
  slowFile = join(base, 'slow-restart');
  keyFile = join(base, 'client_key');
  writeFileSync(keyFile, ssh.clientKey, { mode: 0o600 });
  repo = createNodeAppRepo([
    ['v1', 'ok'],
    ['v2', 'ok'],
    ['bad503', '503'],
    ['v3', 'ok'],
    ['v4', 'ok'],
    ['v5', 'ok'],
    ['v6', 'ok'],
  ]);
  port = await freePort();
  sup = await startSupervisor(appDir);
});

afterAll(async () => {
  await sup?.stop();
  await ssh?.stop();
  if (base) rmSync(base, { recursive: true, force: true });
  if (repo) rmSync(repo.dir, { recursive: true, force: true });
});

/** The restart-command sleeps `seconds` first while the file exists (the test user must read it). */
function slowRestarts(seconds: number | null): void {
  if (seconds === null) return rmSync(slowFile, { force: true });
  writeFileSync(slowFile, `${seconds}\n`);
  const { uid, gid } = testUserIds();
  chownSync(slowFile, uid, gid);
}

const inputs = (tag: string, extra: Record<string, string | number> = {}) => ({
  ...sshInputs(ssh),
  app: 'shop',
  'app-dir': appDir,
  strategy: 'release',
  tag,
  'env-file': `PORT=${port}\n`,
  'restart-command': `if test -e ${slowFile}; then sleep "$(cat ${slowFile})"; fi; ${sup.restartCommand}`,
  'health-url': `http://127.0.0.1:${port}/health`,
  'health-interval': '200ms',
  'health-timeout': '60s',
  ...extra,
});

const deploy = (tag: string, extra: Record<string, string | number> = {}) =>
  runAction('deploy', inputs(tag, extra), { cwd: repo.dir });
const cancelDeploy = (
  tag: string,
  when: string | RegExp,
  extra: Record<string, string | number> = {},
  beforeCancel?: () => void,
) =>
  runAndCancel('deploy', inputs(tag, extra), when, {
    cwd: repo.dir,
    ...(beforeCancel ? { beforeCancel } : {}),
  });

const logOf = (r: { stdout: string }) => r.stdout.replace(/^::add-mask::.*$/gm, '');
const current = () => readlinkSync(join(appDir, 'current'));
const state = () =>
  JSON.parse(readFileSync(join(appDir, '.vps-deploy', 'state.json'), 'utf8')) as Record<string, unknown>;
const lastLedger = () =>
  JSON.parse(
    readFileSync(join(appDir, '.vps-deploy', 'releases.jsonl'), 'utf8')
      .trim()
      .split('\n')
      .at(-1)!,
  ) as Record<string, unknown>;
const serving = async () =>
  ((await (await fetch(`http://127.0.0.1:${port}/health`)).json()) as { version: string }).version;
const signals = (l: CancelLadder | undefined) => l?.sent.map((s) => s.signal);

/** The run ended by itself after SIGINT, before the runner's SIGTERM, exit 1 with the cancel as its error. */
function endedWithinGrace(r: ActionRun & { ladder?: CancelLadder }, error: RegExp): void {
  expect(signals(r.ladder), logOf(r)).toEqual(['SIGINT']);
  expect(r.ladder!.exitedAfterMs).toBeLessThan(SIGTERM_AFTER_MS);
  expect(r.signal).toBeNull();
  expect(r.code).toBe(1);
  expect(r.stdout).toMatch(/::warning::SIGINT received \(the run was cancelled\)/);
  expect(r.stdout).toMatch(error);
  expect(r.outputs.status).toBe('failed');
  expect(r.summary).toMatch(/cancelled \(SIGINT\)/);
}

describe('a deploy cancelled as the runner cancels a step', () => {
  it('v1 and v2 deploy (the releases the cancels fall back to)', async () => {
    for (const tag of ['v1', 'v2']) {
      const r = await deploy(tag);
      expect(r.code, logOf(r)).toBe(0);
    }
    expect(state()).toMatchObject({ current: 'v2', previous: 'v1' });
  });

  it('during migrate: it stops before the switch, nothing changed, recorded cancelled; the next deploy works', async () => {
    const r = await cancelDeploy('v3', 'Migrate for v3', { 'migrate-command': 'sleep 2' });
    endedWithinGrace(r, /::error.*cancelled \(SIGINT\) during migrate, before the switch: nothing changed/);
    expect(lastLedger()).toMatchObject({ tag: 'v3', outcome: 'cancelled', phase: 'migrate' });
    expect(state()).toMatchObject({ current: 'v2', previous: 'v1' });
    expect(state()).not.toHaveProperty('interrupted');
    expect(current()).toBe('releases/v2');
    expect(await serving()).toBe('v2');
  });

  it.each([
    { what: 'a release answering 503', tag: 'bad503', extra: {} },
    { what: 'a healthy release still gating', tag: 'v3', extra: { 'health-successes': 30 } },
  ])(
    'during the gate of $what: v2 comes back within the grace, state.json as before',
    async ({ tag, extra }) => {
      const r = await cancelDeploy(tag, new RegExp(`Health gate of ${tag}[\\s\\S]*probe 1:`), extra);
      endedWithinGrace(
        r,
        new RegExp(
          `cancelled \\(SIGINT\\) during the gate of ${tag}: v2 was brought back and passed its gate`,
        ),
      );
      expect(lastLedger()).toMatchObject({
        tag,
        outcome: 'cancelled',
        phase: 'gate',
        restore: { tag: 'v2', passed: true },
      });
      expect(state()).toMatchObject({ current: 'v2', previous: 'v1' });
      expect(state()).not.toHaveProperty('interrupted');
      expect(current()).toBe('releases/v2');
      expect(await serving()).toBe('v2');
      expect(r.outputs.tag).toBe('v2');
    },
  );

  it('after the switch, while restart-command runs: v2 comes back; the next deploy works', async () => {
    slowRestarts(2);
    try {
      const r = await cancelDeploy('v3', 'Activate v3');
      endedWithinGrace(
        r,
        /cancelled \(SIGINT\) during the activate of v3: v2 was brought back and passed its gate/,
      );
      expect(lastLedger()).toMatchObject({ tag: 'v3', outcome: 'cancelled', phase: 'activate' });
      expect(state()).toMatchObject({ current: 'v2', previous: 'v1' });
      expect(current()).toBe('releases/v2');
      expect(await serving()).toBe('v2');
    } finally {
      slowRestarts(null);
    }
    const next = await deploy('v3');
    expect(next.code, logOf(next)).toBe(0);
    expect(next.stdout).not.toMatch(/Waiting up to .* for the deploy lock/);
    expect(state()).toMatchObject({ current: 'v3', previous: 'v2' });
  });

  it('a rollback that cannot finish before SIGKILL leaves state.json and the ledger saying interrupted; status and the next deploy show it', async () => {
    // v3 serves. v4 is switched to and gating when the restarts turn slow: bringing v3 back outlasts the ladder.
    const r = await cancelDeploy('v4', /Health gate of v4[\s\S]*probe 1:/, { 'health-successes': 30 }, () =>
      slowRestarts(20),
    );
    slowRestarts(null);
    expect(signals(r.ladder), logOf(r)).toEqual(['SIGINT', 'SIGTERM', 'SIGKILL']);
    expect(r.signal).toBe('SIGKILL');
    expect(r.stdout).toMatch(
      /::warning::SIGTERM received: still finishing the cancel \(a rollback is not cut midway\)/,
    );
    const s = state();
    expect(s).toMatchObject({
      current: 'v3',
      previous: 'v2',
      interrupted: {
        tag: 'v4',
        restoring: 'v3',
        phase: 'gate',
        runUrl: 'https://github.com/acme/shop/actions/runs/4242',
      },
    });
    expect(lastLedger()).toMatchObject({ tag: 'v4', outcome: 'interrupted', phase: 'gate' });
    // What serves is one of the two state.json names, never another.
    expect(['v3', 'v4']).toContain(await serving());

    const status = spawnSync(
      process.execPath,
      [
        join(DIST, 'cli', 'index.js'),
        'status',
        ...['--host', ssh.host, '--port', String(ssh.port), '--username', ssh.user, '--key-file', keyFile],
        ...['--host-fingerprint', ssh.fingerprint, '--app', 'shop', '--app-dir', appDir],
      ],
      { encoding: 'utf8', env: { PATH: process.env.PATH ?? '/usr/bin:/bin', HOME: base } },
    );
    expect(status.status, status.stderr).toBe(0);
    expect(status.stdout).toMatch(/interrupted.*during the gate of v4 .*: v4 or v3 may be what serves/);

    const next = await deploy('v5');
    expect(next.code, logOf(next)).toBe(0);
    expect(next.stdout).toMatch(/::warning::the last attempt was interrupted during the gate of v4/);
    expect(state()).toMatchObject({ current: 'v5', previous: 'v3' });
    expect(state()).not.toHaveProperty('interrupted');
    expect(await serving()).toBe('v5');
  });

  it('the CLI on Ctrl-C during a gate: v5 comes back, exit status 1 naming the cancel', async () => {
    const envFile = join(base, 'env');
    writeFileSync(envFile, `PORT=${port}\n`);
    const i = inputs('v6', { 'health-successes': 30 });
    const flags = Object.entries({
      ...i,
      key: undefined,
      'env-file': undefined,
      'key-file': keyFile,
      'env-file-file': envFile,
    })
      .filter(([, v]) => v !== undefined)
      .flatMap(([k, v]) => [`--${k}`, String(v)]);
    const r = await runCliAndCancel(['deploy', ...flags], /Health gate of v6[\s\S]*probe 1:/, {
      cwd: repo.dir,
      env: { PATH: process.env.PATH ?? '/usr/bin:/bin', HOME: base, USER: 'alice' },
    });
    expect(signals(r.ladder), r.stdout + r.stderr).toEqual(['SIGINT']);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/SIGINT received \(the run was cancelled\)/);
    expect(r.stderr).toMatch(
      /error: .*cancelled \(SIGINT\) during the gate of v6: v5 was brought back and passed its gate/,
    );
    expect(state()).toMatchObject({ current: 'v5', previous: 'v3' });
    expect(current()).toBe('releases/v5');
    expect(await serving()).toBe('v5');
  });
});
