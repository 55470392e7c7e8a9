import { spawn } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import {
  chownSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  readlinkSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createNodeAppRepo } from '../../harness/node-app.js';
import type { NodeAppRepo } from '../../harness/node-app.js';
import { cmd, PARTS, requireParts, serverBaseDir, TEST_USER, testUserIds } from '../../harness/parts.js';
import { freePort } from '../../harness/ports.js';
import { runAction, sshInputs } from '../../harness/run-action.js';
import type { ActionRun, RunOptions } from '../../harness/run-action.js';
import { startSshd } from '../../harness/sshd.js';
import type { SshServer } from '../../harness/sshd.js';
import { startSupervisor } from '../../harness/supervisor.js';
import type { Supervisor } from '../../harness/supervisor.js';

/**
 * The SSH connection failing under a deploy (`strategy: release`, supervisord), run as the committed bundle
 * against real OpenSSH: cut in each phase, the server's sshd restarted, the server's clock an hour off. Each
 * case states what holds afterwards: the step fails naming the phase, nothing half-made serves, no lock is
 * left (the next deploy does not wait) and the next deploy goes through.
 */
let ssh: SshServer;
let sup: Supervisor;
let repo: NodeAppRepo;
let base: string;
let appDir: string;
let port: number;
const TAGS = Array.from({ length: 30 }, (_, i) => `v${i + 1}`);

beforeAll(async () => {
  requireParts('supervisord', 'flock');
  base = serverBaseDir('ssh-faults-');
  // A tar that takes a second to start: the upload lasts long enough for a cut to land inside it.
  const bin = join(base, 'slow-bin');
  mkdirSync(bin, { mode: 0o755 });
  writeFileSync(join(bin, 'tar'), '#!/bin/sh\nsleep 1\nexec /bin/tar "$@"\n', { mode: 0o755 });
  ssh = await startSshd({ extraConfig: [`SetEnv PATH=${bin}:/usr/local/bin:/usr/bin:/bin`] });
  appDir = join(base, 'app');
  repo = createNodeAppRepo(TAGS.map((t) => [t, 'ok']));
  port = await freePort();
  sup = await startSupervisor(appDir);
});

afterAll(async () => {
  await sup?.stop();
  await ssh?.stop();
  if (base) rmSync(base, { recursive: true, force: true });
  if (repo) rmSync(repo.dir, { recursive: true, force: true });
});

function deploy(
  tag: string,
  server: SshServer = ssh,
  extra: Record<string, string | number> = {},
  opts: RunOptions = {},
): Promise<ActionRun> {
  return runAction(
    'deploy',
    {
      ...sshInputs(server),
      app: 'shop',
      'app-dir': appDir,
      strategy: 'release',
      tag,
      'env-file': `PORT=${port}\n`,
      'restart-command': sup.restartCommand,
      // Slow enough that a cut lands while it runs.
      'migrate-command': 'sleep 1',
      'health-url': `http://127.0.0.1:${port}/health`,
      'health-interval': '200ms',
      'health-timeout': '8s',
      'health-successes': 2,
      'connect-retries': 1,
      'lock-timeout': '5s',
      ...extra,
    },
    { cwd: repo.dir, ...opts },
  );
}

const current = () => readlinkSync(join(appDir, 'current'));
const leftovers = () => readdirSync(join(appDir, 'releases')).filter((d) => d.startsWith('.'));
const ledger = () =>
  readFileSync(join(appDir, '.vps-deploy', 'releases.jsonl'), 'utf8')
    .trim()
    .split('\n')
    .map((l) => JSON.parse(l) as Record<string, unknown>);
const serving = async () =>
  ((await (await fetch(`http://127.0.0.1:${port}/health`)).json()) as { version: string }).version;
const log = (r: ActionRun) => r.stdout.replace(/^::add-mask::.*$/gm, '');

/** The next deploy after a fault: it must neither wait for a lock nor trip on what the fault left. */
async function recovers(tag: string): Promise<void> {
  const next = await deploy(tag);
  expect(next.code, log(next)).toBe(0);
  expect(next.stdout).not.toContain('Waiting up to');
  expect(await serving()).toBe(tag);
  expect(current()).toBe(`releases/${tag}`);
  expect(leftovers()).toEqual([]);
}

let tagIndex = 0;
const nextTag = () => TAGS[tagIndex++]!;

describe('the SSH connection cut in each phase of a deploy', () => {
  beforeAll(async () => {
    const first = nextTag();
    const r = await deploy(first);
    expect(r.code, log(r)).toBe(0);
  });

  // The cut lands as the step's log shows the phase starting: its next remote operation finds the connection gone.
  it.each([
    ['upload', /^Uploading /m, /upload|prepare/, 'old'],
    ['migrate', /^::group::Migrate for /m, /migrate/, 'old'],
    ['activate', /^::group::Activate /m, /activate|gate/, 'either'],
    ['gate', /^::group::Health gate of /m, /gate/, 'either'],
  ] as const)(
    'cut during %s: the step fails naming the phase; the next deploy goes through',
    async (_what, when, phase, serves) => {
      const before = current();
      const tag = nextTag();
      const r = await cutWhen(tag, when);
      expect(r.code, log(r)).toBe(1);
      expect(r.stdout).toMatch(
        new RegExp(`^::error title=Failed in phase%3A (${phase.source})::.*lost`, 'm'),
      );
      expect(r.outputs.status).toBe('failed');
      if (serves === 'old') {
        expect(current()).toBe(before);
        expect(await serving()).toBe(before.replace('releases/', ''));
      } else {
        expect([before, `releases/${tag}`]).toContain(current());
      }
      // The attempt stays visible as started: the ledger could not be written once the connection was gone.
      expect(ledger().at(-1)).toMatchObject({ tag, outcome: 'started' });
      await recovers(nextTag());
    },
  );

  it('cut as the gate passes (while state and ledger are recorded): the new release serves; the next deploy goes through', async () => {
    const tag = nextTag();
    const r = await cutWhen(tag, /\[2\/2\]/);
    // Where the cut lands in the record is a race: if it fails, it says where; either way the new release serves.
    if (r.code !== 0) expect(r.stdout).toMatch(/^::error title=Failed in phase%3A \w+::.*lost/m);
    expect(current()).toBe(`releases/${tag}`);
    expect(await serving()).toBe(tag);
    await recovers(nextTag());
  });

  it('cut while waiting for the lock: the step fails naming the lock; nothing is recorded; the holder keeps it', async () => {
    const before = current();
    const lines = ledger().length;
    const holder = holdLock();
    try {
      const r = await cutWhen(nextTag(), /Waiting up to \d+s for the deploy lock/, { 'lock-timeout': '60s' });
      expect(r.code, log(r)).toBe(1);
      expect(r.stdout).toMatch(/^::error title=Failed in phase%3A lock::/m);
      expect(ledger()).toHaveLength(lines);
      expect(current()).toBe(before);
      expect(holder.exitCode).toBe(null);
    } finally {
      process.kill(-holder.pid!, 'SIGKILL');
    }
    await recovers(nextTag());
  });
});

describe('sshd restarted mid-deploy', () => {
  it('a restart that keeps sessions (systemctl restart ssh): the deploy goes on and succeeds', async () => {
    const tag = nextTag();
    const restarting = { done: undefined as Promise<void> | undefined };
    const r = await deploy(
      tag,
      ssh,
      {},
      {
        onStdout: (chunk) => {
          if (!restarting.done && chunk.includes('::group::Migrate for'))
            restarting.done = ssh.restart({ killSessions: false });
        },
      },
    );
    await restarting.done;
    expect(restarting.done).toBeDefined();
    expect(r.code, log(r)).toBe(0);
    expect(await serving()).toBe(tag);
  });

  it('a restart that ends every session (reboot, upgrade): the step fails naming the phase; the next deploy connects anew', async () => {
    const before = current();
    const tag = nextTag();
    const restarting = { done: undefined as Promise<void> | undefined };
    const r = await deploy(
      tag,
      ssh,
      {},
      {
        onStdout: (chunk) => {
          if (!restarting.done && chunk.includes('::group::Migrate for'))
            restarting.done = ssh.restart({ killSessions: true });
        },
      },
    );
    await restarting.done;
    expect(r.code, log(r)).toBe(1);
    expect(r.stdout).toMatch(/^::error title=Failed in phase%3A migrate::.*lost/m);
    expect(current()).toBe(before);
    await recovers(nextTag());
  });
});

describe('the server clock an hour ahead (libfaketime in every session)', () => {
  let skewed: SshServer;
  let shared: FaketimeShared;
  beforeAll(async () => {
    requireParts('faketime');
    shared = await startFaketimeShared('+1h');
    skewed = await startSshd({
      extraConfig: [`SetEnv LD_PRELOAD=${FAKETIME_LIB} FAKETIME=+1h FAKETIME_SHARED="${shared.value}"`],
    });
  });
  afterAll(async () => {
    await skewed?.stop();
    shared?.stop();
  });

  it('deploys; ledger and lock holder times are the runner’s; a waiting deploy reads a sane holder age', async () => {
    // The fake is real: the server's date in a session is an hour ahead of ours.
    const serverNow = Number(cmd('ssh', sshArgs(skewed, 'date +%s')).trim());
    expect(serverNow - Date.now() / 1000).toBeGreaterThan(3500);

    const first = nextTag();
    const second = nextTag();
    const t0 = Date.now();
    const slow = deploy(first, skewed, { 'migrate-command': 'sleep 4' });
    await waitFor(() => readLockFile().includes(first));
    const waiting = await deploy(second, skewed, { 'lock-timeout': '60s' });
    const held = await slow;
    expect(held.code, log(held)).toBe(0);
    expect(waiting.code, log(waiting)).toBe(0);
    const age = /Waiting up to 60s for the deploy lock of .* \((\d+)s ago\)/.exec(waiting.stdout);
    expect(age, log(waiting)).not.toBeNull();
    expect(Number(age![1])).toBeLessThan(30);
    for (const line of ledger().slice(-4)) {
      const t = Date.parse(String(line.time));
      expect(Math.abs(t - t0)).toBeLessThan(120_000);
    }
    expect(await serving()).toBe(second);
  });
});

/** Runs a deploy and cuts every SSH session the moment its log matches `when`. */
async function cutWhen(tag: string, when: RegExp, extra: Record<string, string> = {}): Promise<ActionRun> {
  let seen = '';
  let cut = false;
  const r = await deploy(tag, ssh, extra, {
    onStdout: (chunk) => {
      seen += chunk;
      if (!cut && when.test(seen)) {
        cut = true;
        ssh.cutSessions();
      }
    },
  });
  expect(cut, `never saw ${when.source}:\n${log(r)}`).toBe(true);
  return r;
}

/** Another deploy's hold on the lock, as the test user on the server, with its holder line. */
function holdLock(): ChildProcess {
  const lock = join(appDir, '.vps-deploy', 'lock');
  writeFileSync(
    lock,
    JSON.stringify({
      runUrl: 'https://github.com/acme/shop/actions/runs/1',
      actor: 'hubot',
      tag: 'v0',
      action: 'deploy',
      since: new Date().toISOString(),
    }) + '\n',
  );
  const { uid, gid } = testUserIds();
  chownSync(lock, uid, gid);
  // Its own process group: flock's child keeps the lock too, so both are killed together.
  return spawn('runuser', ['-u', TEST_USER, '--', 'flock', lock, 'sleep', '120'], {
    stdio: 'ignore',
    detached: true,
  });
}

const readLockFile = () => {
  try {
    return readFileSync(join(appDir, '.vps-deploy', 'lock'), 'utf8');
  } catch {
    return '';
  }
};

async function waitFor(check: () => boolean, ms = 30_000): Promise<void> {
  const end = Date.now() + ms;
  while (!check()) {
    if (Date.now() > end) throw new Error('timed out waiting');
    await new Promise((r) => setTimeout(r, 50));
  }
}

const FAKETIME_LIB = PARTS.faketime!.binary;

interface FaketimeShared {
  /** FAKETIME_SHARED's value: the semaphore's and the shared memory's names. */
  value: string;
  stop(): void;
}

/**
 * libfaketime shares its start time through a semaphore and shared memory that the first preloaded process of
 * a tree creates and unlinks when it exits; a process whose creator has gone fails in ft_shm_init (`sem_open
 * failed ... No such file or directory`, libfaketime #199/#411), which failed CI once. So one keeper process,
 * as the test user (the objects are 0600), creates them for every session and this fixture unlinks them.
 */
async function startFaketimeShared(offset: string): Promise<FaketimeShared> {
  const keeper = spawn(
    'runuser',
    [
      '-u',
      TEST_USER,
      '--',
      'env',
      `LD_PRELOAD=${FAKETIME_LIB}`,
      `FAKETIME=${offset}`,
      'sh',
      '-c',
      'printf "%s\\n" "$FAKETIME_SHARED"; exec sleep 86400',
    ],
    // Its own process group: runuser waits on sh (then sleep) as a child, and both must go.
    { stdio: ['ignore', 'pipe', 'inherit'], detached: true },
  );
  const kill = () => {
    try {
      process.kill(-keeper.pid!, 'SIGKILL');
    } catch {
      // already gone
    }
  };
  let out = '';
  keeper.stdout!.on('data', (d: Buffer) => (out += d.toString()));
  await waitFor(() => out.includes('\n'), 10_000);
  const value = out.trim();
  const names = value.split(' ');
  if (names.length !== 2 || !names.every((n) => n.startsWith('/faketime_'))) {
    kill();
    throw new Error(`libfaketime gave no FAKETIME_SHARED (got ${JSON.stringify(value)})`);
  }
  return {
    value,
    stop() {
      kill();
      // The keeper exec'd sleep, so no process is left to unlink them: /dev/shm holds both.
      const [sem, shm] = names as [string, string];
      rmSync(`/dev/shm/sem.${sem.slice(1)}`, { force: true });
      rmSync(`/dev/shm/${shm.slice(1)}`, { force: true });
    },
  };
}

function sshArgs(server: SshServer, command: string): string[] {
  const key = join(server.dir, 'client_key');
  return [
    '-i',
    key,
    '-p',
    String(server.port),
    '-o',
    'StrictHostKeyChecking=no',
    '-o',
    'UserKnownHostsFile=/dev/null',
    '-o',
    'LogLevel=ERROR',
    `${server.user}@${server.host}`,
    command,
  ];
}
