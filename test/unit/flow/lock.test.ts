import { existsSync, readdirSync } from 'node:fs';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { LeasedShell } from '../../../src/flow/leased-shell.js';
import { leasedCommand, lockScript, MARK, registryOf } from '../../../src/flow/lock-script.js';
import { acquireDeployLock, holderMessage, leaseSecondsFrom } from '../../../src/flow/lock.js';
import type { LockHolder } from '../../../src/flow/lock.js';
import { sh } from '../../../src/ssh/quote.js';
import type { RemoteChannel, RemoteShell } from '../../../src/ssh/remote-shell.js';
import { LocalShell } from '../../fakes/local-shell.js';
import { RecordingLog } from '../../fakes/recording-log.js';

/**
 * The app lock's holder shell and leased commands, run for real under bash on this machine (LocalShell): what
 * a runner that vanished, or stalled past its lease, leaves running (nothing), and when the next holder gets in.
 */

const HOLDER: LockHolder = {
  runUrl: 'https://github.com/acme/shop/actions/runs/6',
  actor: 'alice',
  tag: 'v9',
  action: 'deploy',
  since: '2026-05-04T10:11:30.310Z',
};
const NOW = new Date('2026-05-04T10:12:00.310Z');

describe('holderMessage', () => {
  it.each([
    [
      'a deploy',
      JSON.stringify(HOLDER),
      /^deploy of v9 by alice \(https:\/\/github.com\/acme\/shop\/actions\/runs\/6\) since 2026-05-04T10:11:30.310Z \(30s ago\)$/,
    ],
    [
      'a holder stopping what its run started',
      `${JSON.stringify(HOLDER)}\tstopping the commands it started (its connection closed)\t`,
      /\(30s ago\); it is stopping the commands it started \(its connection closed\)$/,
    ],
    [
      'a restore',
      JSON.stringify({ ...HOLDER, action: 'restore', tag: 'shop_db_x.gz' }),
      /^restore of shop_db_x.gz by alice/,
    ],
    [
      'a backup without a tag',
      JSON.stringify({ ...HOLDER, action: 'backup', tag: '' }),
      /^backup by alice \(/,
    ],
    ['no name yet', '', /^another deploy \(it has not written its name yet\)$/],
    ['garbage', 'not json', /^an unknown holder \(not json\)$/],
  ])('%s', (_name, text, want) => {
    expect(holderMessage(text, NOW)).toMatch(want);
  });

  it('the lease is 60 s unless the test knob says otherwise (at least 2 s)', () => {
    expect(leaseSecondsFrom({})).toBe(60);
    expect(leaseSecondsFrom({ VPS_DEPLOY_LOCK_LEASE_SECONDS: '3' })).toBe(3);
    expect(leaseSecondsFrom({ VPS_DEPLOY_LOCK_LEASE_SECONDS: '1' })).toBe(60);
  });
});

/** A shell whose lock channel never renews: a runner frozen while its TCP connection stays up. */
class FrozenRenewals extends LocalShell {
  override async channel(command: string): Promise<RemoteChannel> {
    const ch = await super.channel(command);
    const write = ch.write.bind(ch) as (chunk: string) => boolean;
    ch.write = ((chunk: string) => (chunk === 'renew\n' ? true : write(chunk))) as typeof ch.write;
    return ch;
  }
}

async function withAppDir<T>(fn: (appDir: string) => Promise<T>): Promise<T> {
  const base = await mkdtemp(join(tmpdir(), 'vpsd-lock-'));
  try {
    return await fn(join(base, "it's an app"));
  } finally {
    await rm(base, { recursive: true, force: true, maxRetries: 10, retryDelay: 50 });
  }
}

const lockFile = (appDir: string) => readFile(join(appDir, '.vps-deploy', 'lock'), 'utf8');
const until = async (what: () => boolean, ms = 5000) => {
  const end = Date.now() + ms;
  while (!what()) {
    if (Date.now() > end) throw new Error('timed out waiting');
    await new Promise((r) => setTimeout(r, 50));
  }
};

/** Holds the lock through the raw script, as a runner would, and hands back its channel. */
async function holdRaw(shell: RemoteShell, appDir: string, leaseId: string, leaseSeconds = 30) {
  const ch = await shell.channel(
    lockScript(`${appDir}/.vps-deploy`, leaseId, { timeoutSeconds: 5, leaseSeconds }),
  );
  let out = '';
  ch.on('data', (d: Buffer) => (out += d.toString()));
  ch.write(JSON.stringify(HOLDER) + '\n');
  await until(() => out.includes(MARK.held));
  return { ch, out: () => out };
}

describe('the lock covers what its run started', () => {
  it('a runner gone (stdin closed, no release) has its running commands stopped before the lock is free', () =>
    withAppDir(async (appDir) => {
      const shell = new LocalShell();
      const registry = registryOf(`${appDir}/.vps-deploy`, 'run1');
      const { ch } = await holdRaw(shell, appDir, 'run1');
      const marker = join(appDir, 'migrated');
      // Ignores TERM: only the KILL after the grace stops it.
      const migrate = shell.exec(leasedCommand(registry, sh`trap '' TERM; sleep 8; touch ${marker}`));
      await until(() => existsSync(registry) && readdirSync(registry).length === 1);
      const t0 = Date.now();
      ch.end(); // the runner vanished: no `release` line
      const next = await acquireDeployLock(shell, appDir, { ...HOLDER, tag: 'v10' }, 20, new RecordingLog());
      const waited = Date.now() - t0;
      const r = await migrate;
      expect(r.code).not.toBe(0);
      expect(waited).toBeGreaterThanOrEqual(4000); // TERM was ignored: KILL came after the 5 s grace
      expect(waited).toBeLessThan(9000);
      await next.release();
      await new Promise((res) => setTimeout(res, 1000));
      expect(existsSync(marker)).toBe(false);
      expect(readdirSync(join(appDir, '.vps-deploy', 'processes'))).toEqual([]);
    }));

  it('a registration records the boot and the start time of its group, and a group whose start time differs (a reused pid) is never signalled', () =>
    withAppDir(async (appDir) => {
      const shell = new LocalShell();
      const registry = registryOf(`${appDir}/.vps-deploy`, 'run4');
      const { ch } = await holdRaw(shell, appDir, 'run4');
      const running = shell.exec(leasedCommand(registry, 'sleep 3; echo survived'));
      await until(() => existsSync(registry) && readdirSync(registry).length === 1);
      const pid = readdirSync(registry)[0]!;
      const stat = await readFile(`/proc/${pid}/stat`, 'utf8');
      const startTime = stat.slice(stat.lastIndexOf(') ') + 2).split(' ')[19];
      const boot = (await readFile('/proc/sys/kernel/random/boot_id', 'utf8')).trim();
      expect(await readFile(join(registry, pid), 'utf8')).toBe(`${boot} ${startTime}\n`);
      // As if the group had ended unnoticed and the kernel had given its pid to a newer process.
      await writeFile(join(registry, pid), `${boot} ${Number(startTime) + 1}\n`);
      ch.end();
      const next = await acquireDeployLock(shell, appDir, { ...HOLDER, tag: 'v10' }, 20, new RecordingLog());
      expect((await running).stdout).toBe('survived\n');
      await next.release();
    }));

  it('a waiting run is told the holder is stopping what its run started', () =>
    withAppDir(async (appDir) => {
      const shell = new LocalShell();
      const registry = registryOf(`${appDir}/.vps-deploy`, 'run2');
      const { ch } = await holdRaw(shell, appDir, 'run2');
      void shell.exec(leasedCommand(registry, `trap '' TERM; sleep 8`));
      await until(() => existsSync(registry) && readdirSync(registry).length === 1);
      ch.end();
      await until(() => existsSync(`${registry}.ending`));
      const log = new RecordingLog();
      const next = await acquireDeployLock(shell, appDir, { ...HOLDER, tag: 'v10' }, 20, log);
      expect(log.lines.join('\n')).toMatch(
        /held by deploy of v9 by alice .*; it is stopping the commands it started \(its connection closed\)/,
      );
      await next.release();
      expect(await lockFile(appDir)).toBe('');
    }));

  it('a lease with no renewal runs out: the lock is lost, the next run gets it, and stale commands refuse to start', () =>
    withAppDir(async (appDir) => {
      const frozen = new FrozenRenewals();
      const lock = await acquireDeployLock(frozen, appDir, HOLDER, 5, new RecordingLog(), 2);
      const leased = new LeasedShell(frozen, lock, appDir);
      expect((await leased.exec('echo still-held')).stdout).toBe('still-held\n');
      const sleeper = leased.exec('sleep 20').then(
        () => 'finished',
        (e: Error) => e.message,
      );
      const t0 = Date.now();
      const next = await acquireDeployLock(
        new LocalShell(),
        appDir,
        { ...HOLDER, tag: 'v10' },
        20,
        new RecordingLog(),
        30,
      );
      expect(Date.now() - t0).toBeLessThan(6000);
      expect(await sleeper).toMatch(/lost the lock of .*lease ran out: no renewal reached the server for 2s/);
      expect(lock.lost).toMatch(/lease ran out/);
      expect(leased.isOpen).toBe(false);
      await expect(leased.exec('touch x')).rejects.toThrow(/lost the lock/);
      // Sent before the runner knew: the server refuses it, since the old registry is gone.
      const late = await frozen.exec(leasedCommand(lock.registry, sh`touch ${join(appDir, 'late')}`));
      expect(late.code).toBe(125);
      expect(late.stderr).toContain(MARK.leaseGone);
      expect(existsSync(join(appDir, 'late'))).toBe(false);
      expect(JSON.parse(await lockFile(appDir))).toMatchObject({ tag: 'v10' });
      await next.release();
    }));

  it('a renewed lease is kept past its length, and a released lock leaves no registry behind', () =>
    withAppDir(async (appDir) => {
      const shell = new LocalShell();
      const lock = await acquireDeployLock(shell, appDir, HOLDER, 5, new RecordingLog(), 2);
      const leased = new LeasedShell(shell, lock, appDir);
      const r = await leased.exec('sleep 3; echo done');
      expect(r.stdout).toBe('done\n');
      expect(lock.lost).toBeUndefined();
      await leased.upload('{"a":1}\n', join(appDir, 'up.json'), 0o600);
      expect(await readFile(join(appDir, 'up.json'), 'utf8')).toBe('{"a":1}\n');
      await lock.release();
      expect(readdirSync(join(appDir, '.vps-deploy', 'processes'))).toEqual([]);
      expect(await lockFile(appDir)).toBe('');
    }));
});
