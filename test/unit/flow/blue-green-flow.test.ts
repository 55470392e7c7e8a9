import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { deployRelease } from '../../../src/flow/deploy-flow.js';
import { rollbackRelease } from '../../../src/flow/rollback-flow.js';
import type { FlowResult, FlowStatus } from '../../../src/flow/attempt.js';
import { stateDir } from '../../../src/flow/state.js';
import type { DeployState } from '../../../src/flow/state.js';
import { CancelRequest, Cancelled } from '../../../src/io/cancel.js';
import { RemoteError } from '../../../src/io/errors.js';
import { CRASH_REASON } from '../../fakes/fake-strategy.js';
import type { Build } from '../../fakes/fake-strategy.js';
import { withFakeServer } from '../../fakes/fake-server.js';
import type { FakeServer, FlowRun } from '../../fakes/fake-server.js';
import { FakeBlueGreen, FakeProxy, FakeSlots, fakePlan } from '../../fakes/fake-blue-green.js';
import type { FakeProxyScript } from '../../fakes/fake-blue-green.js';
import { ledgerOutcome } from '../../fakes/flow-outcome.js';

/**
 * Every branch of the blue-green sequence (src/flow/blue-green-flow.ts) on the fake server: lock, ledger and
 * state.json are real files, each slot is a real loopback HTTP server the gate probes on its own port, the proxy
 * is a variable (test/fakes/fake-blue-green.ts). Slots are named `a` and `b` (ports[0], ports[1]).
 */

interface Setup {
  state?: DeployState | null;
  /** Which slot runs the current release before the run (and what the upstream file names). */
  servingOn?: 'a' | 'b';
  /** The proxy has no upstream file (proxy: command): state.json's port is all there is. */
  noUpstream?: boolean;
  /** The upstream file names this slot whatever state.json says (a run killed after the switch). */
  upstreamOn?: 'a' | 'b';
  onServer?: Record<string, Build>;
  builds?: Record<string, Build>;
  proxy?: Omit<FakeProxyScript, 'upstream'>;
  publicCheck?: boolean;
  /** What public-health-url answers (default ok). */
  publicAnswers?: 'ok' | 'unhealthy';
  drainSeconds?: number;
}

interface BlueGreenWorld {
  server: FakeServer;
  slots: FakeSlots;
  run: FlowRun;
  bg: FakeBlueGreen;
  proxy: FakeProxy;
}

async function withBlueGreen<T>(setup: Setup, fn: (w: BlueGreenWorld) => Promise<T>): Promise<T> {
  return withFakeServer(async (server) => {
    const slots = await FakeSlots.start();
    try {
      const slot = (s: 'a' | 'b') => slots.ports[s === 'a' ? 0 : 1]!;
      const state = setup.state === undefined ? servingV1(slot(setup.servingOn ?? 'a')) : setup.state;
      await server.seedState(state);
      const run = server.connect({
        strategy: {
          name: 'release',
          onServer: setup.onServer ?? { v0: 'ok', v1: 'ok' },
          builds: setup.builds ?? {},
        },
      });
      const bg = new FakeBlueGreen(slots, run.strategy, (t) => run.strategy.buildOf(t));
      run.strategy.blueGreen = bg;
      if (state?.current && setup.servingOn !== undefined) {
        bg.running.set(setup.servingOn, { tag: state.current, build: 'ok' });
        slots.app(slot(setup.servingOn)).serve('ok');
      }
      const upstreamSlot = setup.upstreamOn ?? (setup.noUpstream ? undefined : setup.servingOn);
      const proxy = new FakeProxy(slots, run.strategy, {
        ...setup.proxy,
        ...(upstreamSlot ? { upstream: slot(upstreamSlot) } : {}),
      });
      slots.publicApp.serve(setup.publicAnswers ?? 'ok');
      return await fn({ server, slots, run, bg, proxy });
    } finally {
      await slots.close();
    }
  });
}

const servingV1 = (port: number): DeployState => ({
  current: 'v1',
  previous: 'v0',
  strategy: 'release',
  port,
});

function deploy(w: BlueGreenWorld, tag: string, setup: Setup): Promise<FlowResult> {
  const plan = fakePlan(w.slots, w.proxy, {
    drainSeconds: setup.drainSeconds ?? 0,
    ...(setup.publicCheck ? { publicCheck: true } : {}),
  });
  return deployRelease(w.run.ctx, {
    tag,
    strategy: 'release',
    keepReleases: 3,
    rollbackOnFailure: true,
    blueGreen: plan,
  });
}

/** state.json as written (FakeServer.state() keeps only current, previous and strategy). */
async function rawState(server: FakeServer): Promise<DeployState | null> {
  try {
    return JSON.parse(await readFile(join(stateDir(server.appDir), 'state.json'), 'utf8')) as DeployState;
  } catch {
    return null;
  }
}

/** What a row checks: slots by name, so the table needs no port numbers. */
async function outcome(w: BlueGreenWorld, r: FlowResult) {
  const state = await rawState(w.server);
  const last = (await w.server.ledger()).at(-1)!;
  const name = (p: number | null | undefined) => (p ? w.slots.name(p) : 'none');
  const t = r.traffic;
  return {
    status: r.status,
    current: r.current,
    traffic: t && `${name(t.port)} ${t.moved ? 'moved' : 'never moved'}, ${name(t.serving)} serves`,
    calls: w.run.strategy.calls,
    state: state && { current: state.current, previous: state.previous, port: name(state.port) },
    ledger: { ...ledgerOutcome(last), port: name(last.port) },
    upstream: name(w.proxy.upstream),
    running: [...w.bg.running.entries()].map(([slot, i]) => `${i.tag} on ${slot}`).sort(),
  };
}

interface Row {
  name: string;
  setup: Setup;
  tag: string;
  want: {
    status: FlowStatus;
    current: string | null;
    traffic: string;
    calls: string[];
    state: { current: string | null; previous: string | null; port: string } | null;
    ledger: Record<string, string>;
    upstream: string;
    running: string[];
    failure?: RegExp;
  };
}

const PRUNE = 'prune keep=3 protect=v2,v1 failed=';

const rows: Row[] = [
  {
    name: 'v1 on a -> v2 passes on b: traffic moves, a is stopped',
    setup: { servingOn: 'a', builds: { v2: 'ok' } },
    tag: 'v2',
    want: {
      status: 'deployed',
      current: 'v2',
      traffic: 'b moved, b serves',
      calls: ['prepare v2', 'migrate v2', 'start v2 on b', 'switch to b', 'promote v2 on b', 'stop a', PRUNE],
      state: { current: 'v2', previous: 'v1', port: 'b' },
      ledger: { outcome: 'deployed', health: 'pass ok', port: 'b' },
      upstream: 'b',
      running: ['v2 on b'],
    },
  },
  {
    name: 'v1 on b -> v2 starts on a (the ports alternate)',
    setup: { servingOn: 'b', builds: { v2: 'ok' } },
    tag: 'v2',
    want: {
      status: 'deployed',
      current: 'v2',
      traffic: 'a moved, a serves',
      calls: ['prepare v2', 'migrate v2', 'start v2 on a', 'switch to a', 'promote v2 on a', 'stop b', PRUNE],
      state: { current: 'v2', previous: 'v1', port: 'a' },
      ledger: { outcome: 'deployed', health: 'pass ok', port: 'a' },
      upstream: 'a',
      running: ['v2 on a'],
    },
  },
  {
    name: 'a 503 release is refused: it never gets traffic, v1 never stops',
    setup: { servingOn: 'a', builds: { v2: 'unhealthy' } },
    tag: 'v2',
    want: {
      status: 'rolled-back',
      current: 'v1',
      traffic: 'b never moved, a serves',
      calls: ['prepare v2', 'migrate v2', 'start v2 on b', 'stop b'],
      state: { current: 'v1', previous: 'v0', port: 'a' },
      ledger: { outcome: 'rolled-back', phase: 'gate', health: 'fail unhealthy', port: 'b' },
      upstream: 'a',
      running: ['v1 on a'],
      failure: /^the health gate of v2 on port \d+ failed: .*; traffic never moved$/,
    },
  },
  {
    name: 'a crashing release fails its gate at once (fatalAt)',
    setup: { servingOn: 'a', builds: { v2: 'crashes' } },
    tag: 'v2',
    want: {
      status: 'rolled-back',
      current: 'v1',
      traffic: 'b never moved, a serves',
      calls: ['prepare v2', 'migrate v2', 'start v2 on b', 'stop b'],
      state: { current: 'v1', previous: 'v0', port: 'a' },
      ledger: { outcome: 'rolled-back', phase: 'gate', health: 'fail unhealthy', port: 'b' },
      upstream: 'a',
      running: ['v1 on a'],
      failure: new RegExp(`failed: ${CRASH_REASON.replace(/[()]/g, '\\$&')}; traffic never moved$`),
    },
  },
  {
    name: 'a start-command that fails: stopped, v1 serves',
    setup: { servingOn: 'a', builds: { v2: 'fails-to-start' } },
    tag: 'v2',
    want: {
      status: 'rolled-back',
      current: 'v1',
      traffic: 'b never moved, a serves',
      calls: ['prepare v2', 'migrate v2', 'start v2 on b', 'stop b'],
      state: { current: 'v1', previous: 'v0', port: 'a' },
      ledger: { outcome: 'rolled-back', phase: 'start', port: 'b' },
      upstream: 'a',
      running: ['v1 on a'],
      failure: /^v2 failed to start on port \d+: start-command failed \(exit 1\); traffic never moved$/,
    },
  },
  {
    name: 'the proxy reload fails: the new instance stops, v1 serves',
    setup: { servingOn: 'a', builds: { v2: 'ok' }, proxy: { switchFailsOn: [1] } },
    tag: 'v2',
    want: {
      status: 'rolled-back',
      current: 'v1',
      traffic: 'b never moved, a serves',
      calls: ['prepare v2', 'migrate v2', 'start v2 on b', 'switch to b', 'stop b'],
      state: { current: 'v1', previous: 'v0', port: 'a' },
      ledger: { outcome: 'rolled-back', phase: 'switch', health: 'pass ok', port: 'b' },
      upstream: 'a',
      running: ['v1 on a'],
      failure: /^switching the proxy to v2 on port \d+ failed: proxy reload failed/,
    },
  },
  {
    name: 'the public check fails: traffic goes back at once, the config is restored',
    setup: {
      servingOn: 'a',
      builds: { v2: 'ok' },
      publicCheck: true,
      publicAnswers: 'unhealthy',
      proxy: { config: true },
    },
    tag: 'v2',
    want: {
      status: 'rolled-back',
      current: 'v1',
      traffic: 'b never moved, a serves',
      calls: [
        'check proxy-config',
        'prepare v2',
        'migrate v2',
        'start v2 on b',
        'switch to b',
        'switch to a',
        'restore proxy-config',
        'stop b',
      ],
      state: { current: 'v1', previous: 'v0', port: 'a' },
      ledger: { outcome: 'rolled-back', phase: 'public-check', health: 'pass ok', port: 'b' },
      upstream: 'a',
      running: ['v1 on a'],
      failure: /^the public check of v2 \(.*\) failed: .*; traffic was switched back to port \d+$/,
    },
  },
  {
    name: 'first deploy: nothing serves, v1 starts on a',
    setup: { state: null, onServer: {}, builds: { v1: 'ok' } },
    tag: 'v1',
    want: {
      status: 'deployed',
      current: 'v1',
      traffic: 'a moved, a serves',
      calls: [
        'prepare v1',
        'migrate v1',
        'start v1 on a',
        'switch to a',
        'promote v1 on a',
        'prune keep=3 protect=v1 failed=',
      ],
      state: { current: 'v1', previous: null, port: 'a' },
      ledger: { outcome: 'deployed', health: 'pass ok', port: 'a' },
      upstream: 'a',
      running: ['v1 on a'],
    },
  },
  {
    name: 'first deploy that fails: failed, nothing to keep serving',
    setup: { state: null, onServer: {}, builds: { v1: 'unhealthy' } },
    tag: 'v1',
    want: {
      status: 'failed',
      current: null,
      traffic: 'a never moved, none serves',
      calls: ['prepare v1', 'migrate v1', 'start v1 on a', 'stop a'],
      state: null,
      ledger: { outcome: 'failed', phase: 'gate', health: 'fail unhealthy', port: 'a' },
      upstream: 'none',
      running: [],
      failure: /^the health gate of v1 on port \d+ failed: health-timeout .*; traffic never moved$/,
    },
  },
  {
    name: 'proxy: command (no upstream file): state.json says which port serves',
    setup: { servingOn: 'b', noUpstream: true, builds: { v2: 'ok' } },
    tag: 'v2',
    want: {
      status: 'deployed',
      current: 'v2',
      traffic: 'a moved, a serves',
      calls: ['prepare v2', 'migrate v2', 'start v2 on a', 'switch to a', 'promote v2 on a', 'stop b', PRUNE],
      state: { current: 'v2', previous: 'v1', port: 'a' },
      ledger: { outcome: 'deployed', health: 'pass ok', port: 'a' },
      upstream: 'a',
      running: ['v2 on a'],
    },
  },
  {
    name: 'the upstream file names b although state.json says a (a run killed after its switch): b is left alone',
    setup: { servingOn: 'a', upstreamOn: 'b', builds: { v2: 'ok' } },
    tag: 'v2',
    want: {
      status: 'deployed',
      current: 'v2',
      traffic: 'a moved, a serves',
      calls: ['prepare v2', 'migrate v2', 'start v2 on a', 'switch to a', 'promote v2 on a', 'stop b', PRUNE],
      state: { current: 'v2', previous: 'v1', port: 'a' },
      ledger: { outcome: 'deployed', health: 'pass ok', port: 'a' },
      upstream: 'a',
      running: ['v2 on a'],
    },
  },
];

describe('the blue-green deploy sequence', () => {
  it.each(rows)('$name', ({ setup, tag, want }) =>
    withBlueGreen(setup, async (w) => {
      const r = await deploy(w, tag, setup);
      const got = await outcome(w, r);
      const { failure, ...rest } = want;
      expect(got).toEqual(rest);
      if (failure) expect(r.failure).toMatch(failure);
      else expect(r.failure).toBeUndefined();
      // Whatever happened, a run that ended leaves no interrupted mark behind.
      expect((await rawState(w.server))?.interrupted).toBeUndefined();
      expect(await w.server.lockFile()).toBe('');
    }),
  );
});

describe('the blue-green sequence: faults, cancels, rollback', () => {
  it('a proxy-config the proxy refuses stops the deploy before anything changed, migrations included', () =>
    withBlueGreen({ servingOn: 'a', builds: { v2: 'ok' }, proxy: { badConfig: true } }, async (w) => {
      const error = await deploy(w, 'v2', {}).then(
        () => new Error('expected a fault'),
        (e: unknown) => e,
      );
      expect(error).toBeInstanceOf(RemoteError);
      expect((error as RemoteError).phase).toBe('proxy-config');
      expect((error as RemoteError).message).toMatch(/caddy validate: Error: adapting config/);
      expect(w.run.strategy.calls).toEqual(['check proxy-config']);
      expect((await w.server.ledger()).map((r) => [r.outcome, r.phase])).toEqual([
        ['started', undefined],
        ['aborted', 'proxy-config'],
      ]);
      expect((await rawState(w.server))?.port).toBe(w.slots.ports[0]);
      expect(w.proxy.upstream).toBe(w.slots.ports[0]);
      expect(await w.server.lockFile()).toBe('');
    }));

  it('stopping the old instance fails: the deploy stands, a warning names it', () =>
    withBlueGreen({ servingOn: 'a', builds: { v2: 'ok' } }, async (w) => {
      w.bg.stopFails = true;
      const r = await deploy(w, 'v2', {});
      expect(r.status).toBe('deployed');
      expect(w.proxy.upstream).toBe(w.slots.ports[1]);
      expect(w.run.log.warnings.join('\n')).toMatch(
        /stopping v1 on port \d+ failed: stop-command failed \(exit 1\) \(the proxy sends it no traffic/,
      );
    }));

  it('drain-timeout: the old instance keeps answering until the drain is over', () =>
    withBlueGreen({ servingOn: 'a', builds: { v2: 'ok' } }, async (w) => {
      const stop = w.bg.stopAt.bind(w.bg);
      let drained = 0;
      const t0 = performance.now();
      w.bg.stopAt = async (port) => {
        drained = performance.now() - t0;
        return stop(port);
      };
      const r = await deploy(w, 'v2', { drainSeconds: 0.4 });
      expect(r.status).toBe('deployed');
      expect(drained).toBeGreaterThanOrEqual(400);
      expect(r.phases.drain).toBeGreaterThanOrEqual(390);
    }));

  it('cancelled during the gate (before the switch): the new instance stops, nothing else changed', () =>
    withBlueGreen({ servingOn: 'a', builds: { v2: 'unhealthy' } }, async (w) => {
      const controller = new AbortController();
      w.run.ctx.signal = controller.signal;
      w.run.ctx.health.gate = { ...w.run.ctx.health.gate, timeoutSeconds: 30 };
      setTimeout(() => controller.abort(new CancelRequest('SIGINT', performance.now())), 300);
      const error = await deploy(w, 'v2', {}).then(
        () => new Error('expected a cancel'),
        (e: unknown) => e,
      );
      expect(error).toBeInstanceOf(Cancelled);
      expect((error as Cancelled).message).toMatch(/^cancelled \(SIGINT\) during gate, before the switch/);
      expect(w.run.strategy.calls).toEqual(['prepare v2', 'migrate v2', 'start v2 on b', 'stop b']);
      expect((await w.server.ledger()).at(-1)).toMatchObject({ outcome: 'cancelled', phase: 'gate' });
      expect(w.proxy.upstream).toBe(w.slots.ports[0]);
      expect([...w.bg.running.keys()]).toEqual(['a']);
      expect(await w.server.lockFile()).toBe('');
    }));

  it('cancelled after the switch: the new release stays (it passed), the old stops without draining', () =>
    withBlueGreen({ servingOn: 'a', builds: { v2: 'ok' } }, async (w) => {
      const controller = new AbortController();
      w.run.ctx.signal = controller.signal;
      const sw = w.proxy.switchTo.bind(w.proxy);
      w.proxy.switchTo = async (port) => {
        await sw(port);
        controller.abort(new CancelRequest('SIGINT', performance.now()));
      };
      const t0 = performance.now();
      const r = await deploy(w, 'v2', { drainSeconds: 30 });
      expect(performance.now() - t0).toBeLessThan(10_000);
      expect(r.status).toBe('deployed');
      expect(w.run.strategy.calls).toEqual([
        'prepare v2',
        'migrate v2',
        'start v2 on b',
        'switch to b',
        'promote v2 on b',
        'stop a',
      ]);
      expect((await rawState(w.server))?.port).toBe(w.slots.ports[1]);
      expect(w.run.log.warnings.join('\n')).toMatch(/cancelled \(SIGINT\) after the switch: v2 stays/);
    }));

  it('a manual rollback is the same sequence towards the previous release', () =>
    withBlueGreen(
      {
        state: { current: 'v2', previous: 'v1', strategy: 'release' },
        servingOn: 'b',
        onServer: { v1: 'ok', v2: 'ok' },
      },
      async (w) => {
        const r = await rollbackRelease(w.run.ctx, 'previous', fakePlan(w.slots, w.proxy));
        expect(r).toMatchObject({ status: 'rolled-back', attempted: 'v1', current: 'v1', before: 'v2' });
        expect(w.run.strategy.calls).toEqual(['start v1 on a', 'switch to a', 'promote v1 on a', 'stop b']);
        expect(await rawState(w.server)).toMatchObject({
          current: 'v1',
          previous: 'v2',
          port: w.slots.ports[0],
        });
        expect((await w.server.ledger()).at(-1)).toMatchObject({
          action: 'rollback',
          outcome: 'rolled-back',
          port: w.slots.ports[0],
        });
      },
    ));

  it('a rollback whose target fails its gate: failed, what served keeps serving', () =>
    withBlueGreen(
      {
        state: { current: 'v2', previous: 'v1', strategy: 'release' },
        servingOn: 'b',
        onServer: { v1: 'unhealthy', v2: 'ok' },
      },
      async (w) => {
        const r = await rollbackRelease(w.run.ctx, 'previous', fakePlan(w.slots, w.proxy));
        expect(r).toMatchObject({ status: 'failed', current: 'v2', traffic: { moved: false } });
        expect(w.run.strategy.calls).toEqual(['start v1 on a', 'stop a']);
        expect(w.proxy.upstream).toBe(w.slots.ports[1]);
        expect((await w.server.ledger()).at(-1)).toMatchObject({ outcome: 'failed', phase: 'gate' });
      },
    ));

  it('the connection lost after the switch: state.json says the new release may be what serves', () =>
    withBlueGreen({ servingOn: 'a', builds: { v2: 'ok' } }, async (w) => {
      const sw = w.proxy.switchTo.bind(w.proxy);
      w.proxy.switchTo = async (port) => {
        await sw(port);
        w.run.shell.lose();
      };
      const error = await deploy(w, 'v2', {}).then(
        () => new Error('expected a fault'),
        (e: unknown) => e,
      );
      expect(error).toBeInstanceOf(RemoteError);
      expect(await rawState(w.server)).toMatchObject({
        current: 'v1',
        port: w.slots.ports[0],
        interrupted: { tag: 'v2', restoring: 'v1', phase: 'switch' },
      });
      expect(w.proxy.upstream).toBe(w.slots.ports[1]);
    }));
});
