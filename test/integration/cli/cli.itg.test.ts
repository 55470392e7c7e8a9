import { spawn } from 'node:child_process';
import { rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createNodeAppRepo } from '../../harness/node-app.js';
import type { NodeAppRepo } from '../../harness/node-app.js';
import { requireParts, serverBaseDir } from '../../harness/parts.js';
import { freePort } from '../../harness/ports.js';
import { DIST } from '../../harness/run-action.js';
import { startSshd } from '../../harness/sshd.js';
import type { SshServer } from '../../harness/sshd.js';
import { startSupervisor } from '../../harness/supervisor.js';
import type { Supervisor } from '../../harness/supervisor.js';

/**
 * `vps-deploy` from a terminal: the same run() functions as the actions, with flags mirroring the inputs, the key
 * from a file, a secret from VPS_DEPLOY_* and --json, against a real OpenSSH server and supervisord.
 */
let ssh: SshServer;
let sup: Supervisor;
let repo: NodeAppRepo;
let base: string;
let appDir: string;
let keyFile: string;
let port: number;
const SECRET = 'vpsd-cli-s3cret-77ab';

beforeAll(async () => {
  requireParts('supervisord', 'flock');
  ssh = await startSshd();
  base = serverBaseDir('cli-e2e-');
  appDir = join(base, 'srv', 'shop');
  keyFile = join(base, 'id_ed25519');
  writeFileSync(keyFile, ssh.clientKey, { mode: 0o600 });
  repo = createNodeAppRepo([
    ['v1', 'ok'],
    ['v2', 'ok'],
    ['v3', '503'],
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

interface CliRun {
  code: number | null;
  stdout: string;
  stderr: string;
}

function cli(args: string[], env: Record<string, string> = {}): Promise<CliRun> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [join(DIST, 'cli', 'index.js'), ...args], {
      cwd: repo.dir,
      env: { PATH: process.env.PATH ?? '/usr/bin:/bin', HOME: base, USER: 'alice', ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

const target = () => [
  '--host',
  ssh.host,
  '--port',
  String(ssh.port),
  '--username',
  ssh.user,
  '--key-file',
  keyFile,
  '--host-fingerprint',
  ssh.fingerprint,
  '--app',
  'shop',
  '--app-dir',
  appDir,
];

const deployFlags = (tag: string) => [
  'deploy',
  ...target(),
  '--strategy',
  'release',
  '--tag',
  tag,
  '--restart-command',
  sup.restartCommand,
  '--health-url',
  `http://127.0.0.1:${port}/health`,
  '--health-interval',
  '200ms',
  '--health-timeout',
  '3s',
];

const envFile = () => ({ VPS_DEPLOY_ENV_FILE: `PORT=${port}\nSECRET_TOKEN=${SECRET}\n` });

describe('vps-deploy (CLI)', () => {
  it('deploys v1 and v2 with progress on stderr and a readable summary on stdout', async () => {
    const r1 = await cli(deployFlags('v1'), envFile());
    expect(r1.code, r1.stderr).toBe(0);
    expect(r1.stderr).toMatch(/▸ .*v1/);
    expect(r1.stdout).toContain('Deploy v1: deployed');
    const r2 = await cli(deployFlags('v2'), envFile());
    expect(r2.code, r2.stderr).toBe(0);
    for (const text of [r1.stdout, r1.stderr, r2.stdout, r2.stderr]) expect(text).not.toContain(SECRET);
  });

  it('--json: a broken v3 is rolled back; exit status 1 as in the action; the outputs as JSON', async () => {
    const r = await cli([...deployFlags('v3'), '--json'], envFile());
    expect(r.code).toBe(1);
    const out = JSON.parse(r.stdout) as { ok: boolean; error: string; outputs: Record<string, string> };
    expect(out.ok).toBe(false);
    expect(out.outputs).toMatchObject({
      status: 'rolled-back',
      tag: 'v2',
      'previous-tag': 'v2', // what ran before this attempt
      health: 'unhealthy',
    });
    expect(r.stdout + r.stderr).not.toContain(SECRET);
  });

  it('status shows current, previous and the ledger, with the local user as actor', async () => {
    const r = await cli(['status', ...target(), '--json']);
    expect(r.code, r.stderr).toBe(0);
    const out = JSON.parse(r.stdout) as { outputs: Record<string, string> };
    expect(out.outputs).toMatchObject({ current: 'v2', previous: 'v1', strategy: 'release' });
    const hosts = JSON.parse(out.outputs.hosts!) as Record<
      string,
      { attempts: { tag: string; outcome: string; actor: string }[] }
    >;
    const attempts = hosts['127.0.0.1']!.attempts;
    expect(attempts.map((a) => [a.tag, a.outcome])).toEqual([
      ['v1', 'deployed'],
      ['v2', 'deployed'],
      ['v3', 'rolled-back'],
    ]);
    expect(attempts[0]!.actor).toBe('alice');
    const human = await cli(['status', ...target()]);
    expect(human.stdout).toMatch(/current\s+previous\s+strategy/);
    expect(human.stdout).toMatch(/v2\s+v1\s+release/);
  });

  it('rollback returns to v1 and healthcheck gates it through the SSH host', async () => {
    const r = await cli([
      'rollback',
      ...target(),
      '--restart-command',
      sup.restartCommand,
      '--health-url',
      `http://127.0.0.1:${port}/health`,
      '--json',
    ]);
    expect(r.code, r.stderr).toBe(0);
    expect(JSON.parse(r.stdout).outputs).toMatchObject({
      status: 'rolled-back',
      tag: 'v1',
      'from-tag': 'v2',
    });
    const h = await cli([
      'healthcheck',
      '--url',
      `http://127.0.0.1:${port}/health`,
      ...target().slice(0, 10),
      '--successes',
      '1',
      '--json',
    ]);
    expect(h.code, h.stderr).toBe(0);
    expect(JSON.parse(h.stdout).outputs).toMatchObject({ status: 'ok', 'http-code': '200' });
  });

  it('usage errors exit 2; bad input exits 1 naming the input', async () => {
    expect((await cli(['deploy', '--no-such-flag', 'x'])).code).toBe(2);
    expect((await cli(['launch'])).code).toBe(2);
    const bad = await cli(['deploy', ...target(), '--tag', 'v1;rm -rf /']);
    expect(bad.code).toBe(1);
    expect(bad.stderr).toContain('input "tag" got "v1;rm -rf /"');
  });
});
