import { describe, expect, it } from 'vitest';
import { deployRelease } from '../../../src/flow/deploy-flow.js';
import { acquireDeployLock } from '../../../src/flow/lock.js';
import type { DeployState } from '../../../src/flow/state.js';
import { withFakeServer } from '../../fakes/fake-server.js';
import type { FakeServer, FlowRun } from '../../fakes/fake-server.js';
import { flowFault } from '../../fakes/flow-outcome.js';
import { LocalShell } from '../../fakes/local-shell.js';
import { RecordingLog } from '../../fakes/recording-log.js';

/**
 * The deploy flow's faults, against a fake server (see deploy-flow.test.ts): a failed prepare or migrate, a
 * connection lost midway, a lock held by another deploy. Each is thrown tagged with its phase, and the server
 * is left as the ledger says: nothing switched, no lock left behind.
 */

const SERVING_V1: DeployState = { current: 'v1', previous: 'v0', strategy: 'compose' };

const deploy = (run: FlowRun, tag: string) =>
  deployRelease(run.ctx, { tag, strategy: 'compose', keepReleases: 3, rollbackOnFailure: true });
const deployFault = (run: FlowRun, tag: string) => flowFault(deploy(run, tag));

describe('prepare or migrate fails', () => {
  it.each([
    {
      build: 'fails-to-prepare',
      phase: 'prepare',
      message: /^prepare: pulling v2 failed/,
      calls: ['prepare v2'],
    },
    {
      build: 'fails-to-migrate',
      phase: 'migrate',
      message: /^migrate: migrate-command failed/,
      calls: ['prepare v2', 'migrate v2'],
    },
  ] as const)('$phase fails: aborted, the old release keeps serving', ({ build, phase, message, calls }) =>
    withFakeServer(async (server) => {
      await server.seedState(SERVING_V1);
      const run = server.connect({
        strategy: { name: 'compose', onServer: { v1: 'ok' }, builds: { v2: build } },
      });
      const error = await deployFault(run, 'v2');
      expect(error.phase).toBe(phase);
      expect(error.message).toMatch(message);
      expect(run.strategy.calls).toEqual(calls);
      expect((await server.ledger()).map((r) => [r.outcome, r.phase])).toEqual([
        ['started', undefined],
        ['aborted', phase],
      ]);
      expect(await server.state()).toEqual(SERVING_V1);
      expect(await server.serving()).toBeNull(); // never switched
      expect(await server.lockFile()).toBe('');
    }),
  );
});

describe('the connection is lost', () => {
  it.each([
    { at: 'activate', loseWhen: (what: string) => what.includes('/serving') },
    { at: 'gate', loseWhen: (what: string) => what.startsWith('tunnel ') },
  ])('connection lost in $at: the attempt stays "started", no lock is left behind', ({ at, loseWhen }) =>
    withFakeServer(async (server) => {
      await server.seedState(SERVING_V1);
      const strategy = {
        name: 'compose' as const,
        onServer: { v1: 'ok' as const },
        builds: { v2: 'ok' as const },
      };
      const run = server.connect({ strategy, loseWhen });
      const error = await deployFault(run, 'v2');
      expect(error.phase).toBe(at);
      expect(error.message).toMatch(/SSH connection .* lost/);
      expect(run.strategy.calls).toEqual(['prepare v2', 'migrate v2', 'activate v2']);
      expect((await server.ledger()).map((r) => r.outcome)).toEqual(['started']);
      expect(run.log.warnings.join('\n')).toMatch(/could not write the ledger's final line/);
      expect(await server.state()).toEqual(SERVING_V1);

      // The lost session took its lock holder with it: the next run gets the lock without waiting.
      const next = server.connect({ strategy, lockTimeoutSeconds: 0 });
      expect((await deploy(next, 'v2')).status).toBe('deployed');
    }),
  );
});

describe('the deploy lock', () => {
  const holder = {
    runUrl: 'https://github.com/acme/shop/actions/runs/6',
    actor: 'alice',
    tag: 'v9',
    action: 'deploy',
    since: new Date().toISOString(),
  };
  const holdLock = (server: FakeServer) =>
    acquireDeployLock(new LocalShell(), server.appDir, holder, 5, new RecordingLog());

  it('gives up after lock-timeout, naming the holder, with nothing done', () =>
    withFakeServer(async (server) => {
      await server.seedState(SERVING_V1);
      const other = await holdLock(server);
      try {
        const run = server.connect({
          strategy: { name: 'compose', onServer: { v1: 'ok' }, builds: { v2: 'ok' } },
          lockTimeoutSeconds: 1,
        });
        const t0 = performance.now();
        const error = await deployFault(run, 'v2');
        expect(performance.now() - t0).toBeLessThan(3000);
        expect(error.phase).toBe('lock');
        expect(error.message).toMatch(
          /another deploy holds the lock of .*: deploy of v9 by alice \(https:\/\/github\.com\/acme\/shop\/actions\/runs\/6\) since .*; gave up after lock-timeout \(1s\)/,
        );
        expect(run.log.lines.join('\n')).toMatch(
          /Waiting up to 1s for the deploy lock of .*, held by deploy of v9 by alice/,
        );
        expect(run.strategy.calls).toEqual([]);
        expect(await server.ledger()).toEqual([]);
        expect(await server.state()).toEqual(SERVING_V1);
        expect(JSON.parse((await server.lockFile())!)).toEqual(holder); // the holder's line is untouched
      } finally {
        await other.release();
      }
      expect(await server.lockFile()).toBe('');
    }));

  it('waits for a holder that finishes within lock-timeout, then deploys', () =>
    withFakeServer(async (server) => {
      await server.seedState(SERVING_V1);
      const other = await holdLock(server);
      const released = new Promise((r) => setTimeout(r, 300)).then(() => other.release());
      const run = server.connect({
        strategy: { name: 'compose', onServer: { v1: 'ok' }, builds: { v2: 'ok' } },
        lockTimeoutSeconds: 5,
      });
      const result = await deploy(run, 'v2');
      await released;
      expect(result.status).toBe('deployed');
      expect(result.phases['lock']).toBeGreaterThanOrEqual(250);
      expect(run.log.lines.join('\n')).toMatch(/Waiting up to 5s for the deploy lock/);
    }));
});
