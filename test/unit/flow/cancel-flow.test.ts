import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { deployRelease } from '../../../src/flow/deploy-flow.js';
import { acquireDeployLock } from '../../../src/flow/lock.js';
import { rollbackRelease } from '../../../src/flow/rollback-flow.js';
import { stateDir } from '../../../src/flow/state.js';
import type { DeployState } from '../../../src/flow/state.js';
import { CancelRequest, Cancelled } from '../../../src/io/cancel.js';
import type { Build } from '../../fakes/fake-strategy.js';
import { withFakeServer } from '../../fakes/fake-server.js';
import type { FakeServer, FlowRun } from '../../fakes/fake-server.js';
import { ledgerOutcome, restoreText } from '../../fakes/flow-outcome.js';
import { LocalShell } from '../../fakes/local-shell.js';
import { RecordingLog } from '../../fakes/recording-log.js';

/**
 * What a cancel (the runner's SIGINT, src/io/cancel.ts) does to the deploy and rollback flows, by the phase it
 * finds them in, against the fake server of deploy-flow.test.ts. The signal is aborted from inside the step it
 * targets, so each row is deterministic; the real signals are sent in test/integration/actions/cancel.itg.test.ts.
 */

const SERVING_V1: DeployState = { current: 'v1', previous: 'v0', strategy: 'compose' };
/** A gate that would take 30 s to fail and 10 passes to pass: whatever ends it sooner is the cancel. */
const SLOW_GATE = { timeoutSeconds: 30, successes: 10, intervalSeconds: 0.1 };

function cancellable(run: FlowRun, at = performance.now()): () => void {
  const controller = new AbortController();
  run.ctx.signal = controller.signal;
  return () => controller.abort(new CancelRequest('SIGINT', at));
}

const deploy = (run: FlowRun, tag: string) =>
  deployRelease(run.ctx, { tag, strategy: 'compose', keepReleases: 3, rollbackOnFailure: true });

async function rawState(server: FakeServer): Promise<Record<string, unknown>> {
  return JSON.parse(await readFile(join(stateDir(server.appDir), 'state.json'), 'utf8')) as Record<
    string,
    unknown
  >;
}

async function cancelledFault(flow: Promise<unknown>): Promise<Cancelled> {
  const e = await flow.then(
    () => new Error('expected the flow to stop cancelled'),
    (x: unknown) => x,
  );
  if (!(e instanceof Cancelled)) throw e;
  return e;
}

describe('a cancel before the switch: nothing changes', () => {
  it.each(['prepare', 'migrate'] as const)('cancelled during %s: stops after it, recorded', (phase) =>
    withFakeServer(async (server) => {
      await server.seedState(SERVING_V1);
      const run = server.connect({
        strategy: { name: 'compose', onServer: { v1: 'ok' }, builds: { v2: 'ok' } },
      });
      const cancel = cancellable(run);
      const step = run.strategy[phase].bind(run.strategy);
      run.strategy[phase] = async (tag: string) => {
        cancel();
        return step(tag);
      };
      const error = await cancelledFault(deploy(run, 'v2'));
      expect(error.phase).toBe(phase);
      expect(error.message).toMatch(
        new RegExp(`^cancelled \\(SIGINT\\) during ${phase}, before the switch: nothing changed`),
      );
      expect(run.strategy.calls).toEqual(phase === 'prepare' ? ['prepare v2'] : ['prepare v2', 'migrate v2']);
      expect((await server.ledger()).map((r) => [r.outcome, r.phase])).toEqual([
        ['started', undefined],
        ['cancelled', phase],
      ]);
      expect(await rawState(server)).toEqual(SERVING_V1);
      expect(await server.serving()).toBeNull();
      expect(await server.lockFile()).toBe('');
    }),
  );

  it('cancelled before the flow started (while connecting): no lock taken, no ledger line', () =>
    withFakeServer(async (server) => {
      await server.seedState(SERVING_V1);
      const run = server.connect({ strategy: { name: 'compose', builds: { v2: 'ok' } } });
      cancellable(run)();
      const error = await cancelledFault(deploy(run, 'v2'));
      expect(error.phase).toBe('connect');
      expect(error.message).toMatch(/before the deploy lock was taken: nothing changed/);
      expect(run.strategy.calls).toEqual([]);
      expect(await server.ledger()).toEqual([]);
      expect(await server.lockFile()).toBeNull();
    }));

  it('cancelled while waiting for another deploy’s lock: the wait ends at once', () =>
    withFakeServer(async (server) => {
      await server.seedState(SERVING_V1);
      const holder = {
        runUrl: '',
        actor: 'alice',
        tag: 'v9',
        action: 'deploy',
        since: new Date().toISOString(),
      };
      const other = await acquireDeployLock(new LocalShell(), server.appDir, holder, 5, new RecordingLog());
      try {
        const run = server.connect({
          strategy: { name: 'compose', builds: { v2: 'ok' } },
          lockTimeoutSeconds: 30,
        });
        const cancel = cancellable(run);
        setTimeout(cancel, 300);
        const t0 = performance.now();
        const error = await cancelledFault(deploy(run, 'v2'));
        expect(performance.now() - t0).toBeLessThan(3000);
        expect(error.phase).toBe('lock');
        expect(run.strategy.calls).toEqual([]);
        expect(await server.ledger()).toEqual([]);
      } finally {
        await other.release();
      }
    }));
});

describe('a cancel after the switch: what ran comes back within the grace', () => {
  it.each<{ build: Build; why: string }>([
    { build: 'unhealthy', why: 'a release answering 503' },
    { build: 'ok', why: 'a healthy release still gating' },
  ])('cancelled during the gate of $why: v1 comes back, state.json as before', ({ build }) =>
    withFakeServer(async (server) => {
      await server.seedState(SERVING_V1);
      const run = server.connect({
        strategy: { name: 'compose', onServer: { v1: 'ok' }, builds: { v2: build } },
        health: { gate: SLOW_GATE },
      });
      const cancel = cancellable(run);
      const activate = run.strategy.activate.bind(run.strategy);
      run.strategy.activate = async (tag: string) => {
        await activate(tag);
        if (tag === 'v2') setTimeout(cancel, 300);
      };
      const t0 = performance.now();
      const result = await deploy(run, 'v2');
      expect(performance.now() - t0).toBeLessThan(8000);
      expect(result.status).toBe('failed');
      expect(result.current).toBe('v1');
      expect(result.failure).toMatch(/^cancelled \(SIGINT\) during the gate of v2: v1 was brought back/);
      expect(restoreText(result.restore)).toBe('v1 pass ok');
      expect(run.strategy.calls).toEqual([
        'prepare v2',
        'migrate v2',
        'activate v2',
        ...(build === 'ok' ? [] : ['fatal']),
        'activate v1',
      ]);
      const ledger = await server.ledger();
      // The new release's last answer is kept: passing (not enough times yet) or not.
      const health = build === 'ok' ? 'fail ok' : 'fail unhealthy';
      expect(ledger.map(ledgerOutcome).slice(1)).toEqual([
        { outcome: 'interrupted', phase: 'gate', health },
        { outcome: 'cancelled', phase: 'gate', health, restore: 'v1 pass ok' },
      ]);
      expect(await rawState(server)).toMatchObject(SERVING_V1);
      expect(await rawState(server)).not.toHaveProperty('interrupted');
      expect(await server.serving()).toBe('v1');
      expect(await server.lockFile()).toBe('');
    }),
  );

  it('cancelled while activating: no gate of v2 starts, v1 comes back', () =>
    withFakeServer(async (server) => {
      await server.seedState(SERVING_V1);
      const run = server.connect({
        strategy: { name: 'compose', onServer: { v1: 'ok' }, builds: { v2: 'ok' } },
        health: { gate: SLOW_GATE },
      });
      const cancel = cancellable(run);
      const activate = run.strategy.activate.bind(run.strategy);
      run.strategy.activate = async (tag: string) => {
        if (tag === 'v2') cancel();
        return activate(tag);
      };
      const result = await deploy(run, 'v2');
      expect(result.gate).toBeUndefined();
      expect(result.failure).toMatch(/^cancelled \(SIGINT\) during the activate of v2: v1 was brought back/);
      expect(ledgerOutcome((await server.ledger()).at(-1)!)).toEqual({
        outcome: 'cancelled',
        phase: 'activate',
        restore: 'v1 pass ok',
      });
      expect(await rawState(server)).toMatchObject(SERVING_V1);
      expect(await server.serving()).toBe('v1');
    }));

  it('a rollback that cannot pass within the grace leaves state.json and the ledger saying interrupted', () =>
    withFakeServer(async (server) => {
      await server.seedState(SERVING_V1);
      const strategy = {
        name: 'compose' as const,
        onServer: { v1: 'unhealthy' as const },
        builds: { v2: 'ok' as const },
      };
      const run = server.connect({ strategy, health: { gate: SLOW_GATE } });
      // The first signal came 8 s ago: about one second of grace is left for the rollback's gate.
      const cancel = cancellable(run, performance.now() - 8000);
      const activate = run.strategy.activate.bind(run.strategy);
      run.strategy.activate = async (tag: string) => {
        await activate(tag);
        if (tag === 'v2') setTimeout(cancel, 200);
      };
      const t0 = performance.now();
      const result = await deploy(run, 'v2');
      expect(performance.now() - t0).toBeLessThan(4000);
      expect(result.failure).toMatch(
        /v1 could not be brought back within the grace .*state\.json marks the deploy interrupted/,
      );
      expect(restoreText(result.restore)).toBe('v1 fail unhealthy');
      expect(ledgerOutcome((await server.ledger()).at(-1)!)).toMatchObject({
        outcome: 'interrupted',
        phase: 'gate',
        restore: 'v1 fail unhealthy',
      });
      const state = await rawState(server);
      expect(state).toMatchObject({
        ...SERVING_V1,
        interrupted: { tag: 'v2', restoring: 'v1', phase: 'gate', runUrl: run.ctx.run.runUrl },
      });
      expect(await server.lockFile()).toBe('');

      // The next deploy says so, and one that passes its gate leaves state.json trusted again.
      server.app.serve('ok');
      const next = server.connect({
        strategy: { name: 'compose', onServer: { v1: 'ok' }, builds: { v3: 'ok' } },
      });
      expect((await deploy(next, 'v3')).status).toBe('deployed');
      expect(next.log.warnings.join('\n')).toMatch(
        /the last attempt was interrupted during the gate of v2 .*: v2 or v1 may be what serves; state\.json's current \(v1\) is trusted only once it passes a gate again/,
      );
      expect(await rawState(server)).toMatchObject({ current: 'v3', previous: 'v1' });
      expect(await rawState(server)).not.toHaveProperty('interrupted');
    }));

  it('a manual rollback cancelled during its gate brings back the release that ran', () =>
    withFakeServer(async (server) => {
      await server.seedState({ current: 'v2', previous: 'v1', strategy: 'release' });
      const run = server.connect({
        strategy: { name: 'release', onServer: { v1: 'ok', v2: 'ok' } },
        health: { gate: SLOW_GATE },
      });
      const cancel = cancellable(run);
      const activate = run.strategy.activate.bind(run.strategy);
      run.strategy.activate = async (tag: string) => {
        await activate(tag);
        if (tag === 'v1') setTimeout(cancel, 300);
      };
      const result = await rollbackRelease(run.ctx, 'previous');
      expect(result.status).toBe('failed');
      expect(result.current).toBe('v2');
      expect(restoreText(result.restore)).toBe('v2 pass ok');
      expect(ledgerOutcome((await server.ledger()).at(-1)!)).toMatchObject({
        outcome: 'cancelled',
        restore: 'v2 pass ok',
      });
      expect(await rawState(server)).toMatchObject({ current: 'v2', previous: 'v1' });
      expect(await rawState(server)).not.toHaveProperty('interrupted');
      expect(await server.serving()).toBe('v2');
    }));
});
