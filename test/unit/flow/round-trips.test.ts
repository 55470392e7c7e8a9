import { mkdir, mkdtemp, readFile, readdir, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Readable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { deployRelease } from '../../../src/flow/deploy-flow.js';
import { LeasedShell } from '../../../src/flow/leased-shell.js';
import { ledgerLine, putLine } from '../../../src/flow/lock-script.js';
import { acquireDeployLock } from '../../../src/flow/lock.js';
import type { ExecOptions, ExecResult, RemoteChannel } from '../../../src/ssh/remote-shell.js';
import { withFakeServer } from '../../fakes/fake-server.js';
import { LocalShell } from '../../fakes/local-shell.js';
import { RecordingLog } from '../../fakes/recording-log.js';

/**
 * Round trips of a deploy: the lock's holder reads state.json as it takes the lock and writes the ledger lines
 * and small files (state.json) for the run over the channel it already holds, so none of them costs an exec
 * channel and a process of its own on the server. The holder's writes run for real under bash here.
 */

const HOLDER = { runUrl: 'https://x/runs/1', actor: 'alice', tag: 'v1', action: 'deploy', since: 'now' };

async function withAppDir<T>(fn: (appDir: string) => Promise<T>): Promise<T> {
  const base = await mkdtemp(join(tmpdir(), 'vpsd-trips-'));
  try {
    return await fn(join(base, "it's an app"));
  } finally {
    await rm(base, { recursive: true, force: true, maxRetries: 10, retryDelay: 50 });
  }
}

describe("the lock holder's reads and writes", () => {
  it('hands over state.json as it takes the lock: its text, null when none, undefined when unreadable', () =>
    withAppDir(async (appDir) => {
      const shell = new LocalShell();
      const log = new RecordingLog();
      const first = await acquireDeployLock(shell, appDir, HOLDER, 5, log, 30);
      expect(first.stateText).toBeNull();
      await first.release();
      await writeFile(
        join(appDir, '.vps-deploy', 'state.json'),
        '{\n  "current": "v1",\n  "previous": null\n}\n',
      );
      const second = await acquireDeployLock(shell, appDir, HOLDER, 5, log, 30);
      expect(JSON.parse(second.stateText!)).toEqual({ current: 'v1', previous: null });
      await second.release();
      await mkdir(join(appDir, '.vps-deploy', 'unreadable'));
      await rm(join(appDir, '.vps-deploy', 'state.json'));
      await mkdir(join(appDir, '.vps-deploy', 'state.json'));
      const third = await acquireDeployLock(shell, appDir, HOLDER, 5, log, 30);
      expect(third.stateText).toBeUndefined();
      await third.release();
    }));

  it('appends ledger lines (ending a torn last line first) and writes files atomically, any path and bytes', () =>
    withAppDir(async (appDir) => {
      const shell = new LocalShell();
      const lock = await acquireDeployLock(shell, appDir, HOLDER, 5, new RecordingLog(), 30);
      const ledger = join(appDir, '.vps-deploy', 'releases.jsonl');
      await writeFile(ledger, '{"torn":');
      await lock.write(ledgerLine('{"id":"a","tag":"v1 $(x) \'q\'"}'), 'writing the ledger');
      await lock.write(ledgerLine('{"id":"b"}'), 'writing the ledger');
      expect(await readFile(ledger, 'utf8')).toBe('{"torn":\n{"id":"a","tag":"v1 $(x) \'q\'"}\n{"id":"b"}\n');

      const hostile = join(appDir, '-a dir', "na me\n'$(x)'*.json\n");
      await mkdir(join(appDir, '-a dir'));
      const bytes = Buffer.from([0, 10, 39, 36, 255, 32, 10]);
      await lock.write(putLine(hostile, bytes, 0o600), 'writing it');
      expect(await readFile(hostile)).toEqual(bytes);
      expect((await stat(hostile)).mode & 0o777).toBe(0o600);
      expect(await readdir(join(appDir, '-a dir'))).toEqual([`na me\n'$(x)'*.json\n`]);

      await expect(
        lock.write(putLine(join(appDir, 'no such dir', 'f'), 'x', 0o644), 'writing f'),
      ).rejects.toThrow(/writing f failed on the server \(exit 1\)/);
      await lock.release();
      await expect(lock.write(ledgerLine('{}'), 'writing the ledger')).rejects.toThrow(/no longer held/);
    }));
});

/** A LocalShell that counts what would be a round trip over SSH: exec channels and SFTP uploads. */
class CountingShell extends LocalShell {
  readonly trips: string[] = [];
  override exec(command: string, opts?: ExecOptions): Promise<ExecResult> {
    this.trips.push(`exec ${command}`);
    return super.exec(command, opts);
  }
  override channel(command: string): Promise<RemoteChannel> {
    this.trips.push(`channel ${command}`);
    return super.channel(command);
  }
  override upload(content: string | Buffer | Readable, path: string, mode?: number) {
    this.trips.push(`upload ${path}`);
    return super.upload(content, path, mode);
  }
}

describe('round trips of a deploy whose gate passes', () => {
  it("are the lock's channel, the strategy's own commands and the prune's ledger read: nothing else", () =>
    withFakeServer(async (server) => {
      await server.seedState({ current: 'v1', previous: 'v0', strategy: 'compose' });
      const run = server.connect({
        strategy: { name: 'compose', onServer: { v0: 'ok', v1: 'ok' }, builds: { v2: 'ok' } },
      });
      const counting = new CountingShell();
      const result = await deployRelease(
        { ...run.ctx, conn: counting },
        { tag: 'v2', strategy: 'compose', keepReleases: 3, rollbackOnFailure: true },
      );
      expect(result.status).toBe('deployed');
      const flowTrips = counting.trips;
      // Before: the lock channel, a state read, the ledger's started line, the state write (SFTP + its rename),
      // the final ledger line and the prune's ledger read: 7. Now the holder reads and writes.
      expect(flowTrips.map((t) => t.split(' ')[0])).toEqual(['channel', 'exec']);
      expect(flowTrips[1]).toContain('tail -n 2000');
      expect(await server.state()).toMatchObject({ current: 'v2', previous: 'v1' });
      expect((await server.ledger()).map((l) => l.outcome)).toEqual(['started', 'deployed']);
    }));
});

describe('a small upload of a locked run', () => {
  it('goes through the holder, and the SFTP way when the holder cannot write it (a server without base64)', () =>
    withAppDir(async (appDir) => {
      await mkdir(appDir, { recursive: true });
      const inner = new CountingShell();
      const lines: string[] = [];
      const lock = (ok: boolean) => ({
        registry: join(appDir, 'registry'),
        lost: undefined,
        write: (line: string) => {
          lines.push(line);
          return ok ? Promise.resolve() : Promise.reject(new Error('exit 127'));
        },
      });
      await mkdir(join(appDir, 'registry'));
      await new LeasedShell(inner, lock(true), appDir).upload('{"a":1}\n', join(appDir, 'state.json'));
      expect(lines).toEqual([putLine(join(appDir, 'state.json'), Buffer.from('{"a":1}\n'), 0o644)]);
      expect(inner.trips).toEqual([]);
      await new LeasedShell(inner, lock(false), appDir).upload(
        '{"b":2}\n',
        join(appDir, 'state.json'),
        0o600,
      );
      expect(await readFile(join(appDir, 'state.json'), 'utf8')).toBe('{"b":2}\n');
      expect((await stat(join(appDir, 'state.json'))).mode & 0o777).toBe(0o600);
      expect(inner.trips.map((t) => t.split(' ')[0])).toEqual(['upload', 'exec']);
    }));
});
