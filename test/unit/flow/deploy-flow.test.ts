import { describe, expect, it } from 'vitest';
import { deployRelease } from '../../../src/flow/deploy-flow.js';
import type { DeployOptions } from '../../../src/flow/deploy-flow.js';
import type { FlowStatus } from '../../../src/flow/attempt.js';
import type { LedgerRecord } from '../../../src/flow/ledger.js';
import type { DeployState } from '../../../src/flow/state.js';
import type { StrategyName } from '../../../src/flow/strategy.js';
import { CRASH_REASON } from '../../fakes/fake-strategy.js';
import type { Build } from '../../fakes/fake-strategy.js';
import { RUN, withFakeServer } from '../../fakes/fake-server.js';
import { gateText, ledgerOutcome, restoreText } from '../../fakes/flow-outcome.js';
import type { FlowRun } from '../../fakes/fake-server.js';

/**
 * Every branch of the deploy flow, against a fake server: the flow's own commands run under /bin/sh in a temp
 * app-dir (lock, ledger, state.json are real files), the app is a loopback HTTP server, the strategy is scripted
 * (test/fakes). Faults that throw (prepare, migrate, a lost connection, the lock) are in deploy-flow-faults.test.ts.
 */

const SERVING_V1: DeployState = { current: 'v1', previous: 'v0', strategy: 'compose' };

interface DeployRow {
  name: string;
  strategy?: StrategyName;
  /** state.json before the run (default: v1 current, v0 previous); null = nothing deployed yet. */
  state?: DeployState | null;
  /** Releases on the server before the run (default v0 and v1, both healthy). */
  onServer?: Record<string, Build>;
  tag?: string;
  build: Build;
  rollbackOnFailure?: boolean;
  allowDegraded?: boolean;
  want: {
    status: FlowStatus;
    current: string;
    gate?: string;
    restore?: string;
    calls: string[];
    phases: string;
    state: { current: string | null; previous: string | null } | null;
    ledger: Record<string, string>;
    /** What the server actually runs after the run. */
    serving: string;
    /** The warning a user reads (a string matches as a substring). */
    warning?: RegExp | string;
  };
}

/** The prune call after a passed gate: current and previous protected, no failed tags in the ledger yet. */
const pruneAfter = (tag: string, prev: string | null) =>
  `prune keep=3 protect=${[tag, prev].filter(Boolean).join(',')} failed=`;

const rows: DeployRow[] = [
  {
    name: 'gate passes',
    build: 'ok',
    want: {
      status: 'deployed',
      current: 'v2',
      gate: 'pass ok',
      calls: ['prepare v2', 'migrate v2', 'activate v2', pruneAfter('v2', 'v1')],
      phases: 'lock prepare migrate activate gate prune',
      state: { current: 'v2', previous: 'v1' },
      ledger: { outcome: 'deployed', health: 'pass ok' },
      serving: 'v2',
    },
  },
  {
    name: 'gate passes degraded (allow-degraded)',
    build: 'degraded',
    want: {
      status: 'deployed',
      current: 'v2',
      gate: 'pass degraded',
      calls: ['prepare v2', 'migrate v2', 'activate v2', pruneAfter('v2', 'v1')],
      phases: 'lock prepare migrate activate gate prune',
      state: { current: 'v2', previous: 'v1' },
      ledger: { outcome: 'deployed', health: 'pass degraded' },
      serving: 'v2',
    },
  },
  {
    name: 'degraded fails the gate when allow-degraded is off -> rollback passes',
    build: 'degraded',
    allowDegraded: false,
    want: {
      status: 'rolled-back',
      current: 'v1',
      gate: 'fail degraded',
      restore: 'v1 pass ok',
      calls: ['prepare v2', 'migrate v2', 'activate v2', 'fatal', 'activate v1'],
      phases: 'lock prepare migrate activate gate rollback',
      state: { current: 'v1', previous: 'v0' },
      ledger: { outcome: 'rolled-back', phase: 'gate', health: 'fail degraded', restore: 'v1 pass ok' },
      serving: 'v1',
      warning: /the health gate of v2 failed: health-timeout .*; rolling back to v1/,
    },
  },
  {
    name: 'gate fails (503) -> rollback passes',
    build: 'unhealthy',
    want: {
      status: 'rolled-back',
      current: 'v1',
      gate: 'fail unhealthy',
      restore: 'v1 pass ok',
      calls: ['prepare v2', 'migrate v2', 'activate v2', 'fatal', 'activate v1'],
      phases: 'lock prepare migrate activate gate rollback',
      state: { current: 'v1', previous: 'v0' },
      ledger: { outcome: 'rolled-back', phase: 'gate', health: 'fail unhealthy', restore: 'v1 pass ok' },
      serving: 'v1',
      warning:
        /health-timeout \(1s\) ran out after \d+ probe\(s\); last verdict unhealthy \(HTTP 503, .*; rolling back to v1/,
    },
  },
  {
    name: 'gate fails (unreachable) -> rollback fails its gate too',
    build: 'unreachable',
    onServer: { v0: 'ok', v1: 'unhealthy' },
    want: {
      status: 'failed',
      // The previous release is back (unhealthy): it is what runs and what state.json names, so it is current.
      current: 'v1',
      gate: 'fail unreachable',
      restore: 'v1 fail unhealthy',
      calls: ['prepare v2', 'migrate v2', 'activate v2', 'fatal', 'activate v1', 'fatal'],
      phases: 'lock prepare migrate activate gate rollback',
      state: { current: 'v1', previous: 'v0' },
      ledger: { outcome: 'failed', phase: 'gate', health: 'fail unreachable', restore: 'v1 fail unhealthy' },
      serving: 'v1',
      warning: /rolling back to v1/,
    },
  },
  {
    name: 'container crashes: the gate fails at once -> rollback passes',
    build: 'crashes',
    want: {
      status: 'rolled-back',
      current: 'v1',
      gate: 'fail unhealthy',
      restore: 'v1 pass ok',
      calls: ['prepare v2', 'migrate v2', 'activate v2', 'fatal', 'activate v1'],
      phases: 'lock prepare migrate activate gate rollback',
      state: { current: 'v1', previous: 'v0' },
      ledger: { outcome: 'rolled-back', phase: 'gate', health: 'fail unhealthy', restore: 'v1 pass ok' },
      serving: 'v1',
      warning: `the health gate of v2 failed: ${CRASH_REASON}; rolling back to v1`,
    },
  },
  {
    name: 'activate fails (restart-command) -> rollback passes',
    build: 'fails-to-start',
    want: {
      status: 'rolled-back',
      current: 'v1',
      restore: 'v1 pass ok',
      calls: ['prepare v2', 'migrate v2', 'activate v2', 'activate v1'],
      phases: 'lock prepare migrate activate rollback',
      state: { current: 'v1', previous: 'v0' },
      ledger: { outcome: 'rolled-back', phase: 'activate', restore: 'v1 pass ok' },
      serving: 'v1',
      warning: /activate: restart-command failed \(exit 1\) after the switch; rolling back to v1/,
    },
  },
  {
    name: 'activate fails -> activating the previous release fails too',
    build: 'fails-to-start',
    onServer: { v0: 'ok', v1: 'fails-to-start' },
    want: {
      status: 'failed',
      current: 'v2',
      restore: 'v1 error: rollback: restart-command failed (exit 1) after the switch',
      calls: ['prepare v2', 'migrate v2', 'activate v2', 'activate v1'],
      phases: 'lock prepare migrate activate rollback',
      state: { current: 'v1', previous: 'v0' },
      ledger: { outcome: 'failed', phase: 'activate', restore: 'v1 fail unreachable' },
      serving: 'v1',
      warning: /rolling back to v1 failed: rollback: restart-command failed/,
    },
  },
  {
    name: 'rollback-on-failure: false leaves the failed release in place',
    build: 'unhealthy',
    rollbackOnFailure: false,
    want: {
      status: 'failed',
      current: 'v2',
      gate: 'fail unhealthy',
      calls: ['prepare v2', 'migrate v2', 'activate v2', 'fatal'],
      phases: 'lock prepare migrate activate gate',
      state: { current: 'v1', previous: 'v0' },
      ledger: { outcome: 'failed', phase: 'gate', health: 'fail unhealthy' },
      serving: 'v2',
      warning: /rollback-on-failure is off: v2 stays in place/,
    },
  },
  {
    name: 'first deploy passes',
    state: null,
    onServer: {},
    tag: 'v1',
    build: 'ok',
    want: {
      status: 'deployed',
      current: 'v1',
      gate: 'pass ok',
      calls: ['prepare v1', 'migrate v1', 'activate v1', pruneAfter('v1', null)],
      phases: 'lock prepare migrate activate gate prune',
      state: { current: 'v1', previous: null },
      ledger: { outcome: 'deployed', health: 'pass ok' },
      serving: 'v1',
    },
  },
  {
    name: 'first deploy fails: nothing to roll back to',
    state: null,
    onServer: {},
    tag: 'v1',
    build: 'unhealthy',
    want: {
      status: 'failed',
      current: 'v1',
      gate: 'fail unhealthy',
      calls: ['prepare v1', 'migrate v1', 'activate v1', 'fatal'],
      phases: 'lock prepare migrate activate gate',
      state: null,
      ledger: { outcome: 'failed', phase: 'gate', health: 'fail unhealthy' },
      serving: 'v1',
      warning: /there is no previous release to return to: v1 stays in place/,
    },
  },
  {
    name: 'compose: re-deploy of the serving tag passes; previous stays',
    tag: 'v1',
    build: 'ok',
    want: {
      status: 'deployed',
      current: 'v1',
      gate: 'pass ok',
      calls: ['prepare v1', 'migrate v1', 'activate v1', pruneAfter('v1', 'v0')],
      phases: 'lock prepare migrate activate gate prune',
      state: { current: 'v1', previous: 'v0' },
      ledger: { outcome: 'deployed', health: 'pass ok' },
      serving: 'v1',
    },
  },
  {
    name: 'compose: failed re-deploy of the serving tag stays (the tag names the new image)',
    tag: 'v1',
    build: 'unhealthy',
    want: {
      status: 'failed',
      current: 'v1',
      gate: 'fail unhealthy',
      calls: ['prepare v1', 'migrate v1', 'activate v1', 'fatal'],
      phases: 'lock prepare migrate activate gate',
      state: { current: 'v1', previous: 'v0' },
      ledger: { outcome: 'failed', phase: 'gate', health: 'fail unhealthy' },
      serving: 'v1',
      warning: /v1 was re-deployed over itself and its previous build is not kept by the compose strategy/,
    },
  },
  {
    name: 'release: failed re-deploy of the serving tag brings back the build that served',
    strategy: 'release',
    state: { current: 'v1', previous: 'v0', strategy: 'release' },
    tag: 'v1',
    build: 'unhealthy',
    want: {
      status: 'rolled-back',
      current: 'v1',
      gate: 'fail unhealthy',
      restore: 'v1 pass ok',
      calls: ['prepare v1', 'migrate v1', 'activate v1', 'fatal', 'activate v1'],
      phases: 'lock prepare migrate activate gate rollback',
      state: { current: 'v1', previous: 'v0' },
      ledger: { outcome: 'rolled-back', phase: 'gate', health: 'fail unhealthy', restore: 'v1 pass ok' },
      serving: 'v1',
      warning: /rolling back to v1/,
    },
  },
];

const deploy = (run: FlowRun, tag: string, over: Partial<DeployOptions> = {}) =>
  deployRelease(run.ctx, { tag, strategy: 'compose', keepReleases: 3, rollbackOnFailure: true, ...over });

describe('deployRelease', () => {
  it.concurrent.for(rows)('$name', (row, { expect }) =>
    withFakeServer(async (server) => {
      const strategy = row.strategy ?? 'compose';
      const tag = row.tag ?? 'v2';
      const state = row.state === undefined ? SERVING_V1 : row.state;
      await server.seedState(state);
      const run = server.connect({
        strategy: {
          name: strategy,
          onServer: row.onServer ?? { v0: 'ok', v1: 'ok' },
          builds: { [tag]: row.build },
        },
        health: { gate: { allowDegraded: row.allowDegraded ?? true } },
      });

      const result = await deploy(run, tag, { strategy, rollbackOnFailure: row.rollbackOnFailure ?? true });

      const { want } = row;
      expect({
        status: result.status,
        attempted: result.attempted,
        current: result.current,
        before: result.before,
        gate: gateText(result.gate),
        restore: restoreText(result.restore),
        phases: Object.keys(result.phases).join(' '),
      }).toEqual({
        status: want.status,
        attempted: tag,
        current: want.current,
        before: state?.current ?? null,
        gate: want.gate,
        restore: want.restore,
        phases: want.phases,
      });
      expect(result.failure === undefined).toBe(want.status === 'deployed');
      expect(run.asked).toEqual([strategy]);
      expect(run.strategy.calls).toEqual(want.calls);
      expect(await server.state()).toEqual(want.state && { ...want.state, strategy });
      expect(await server.serving()).toBe(want.serving);

      const ledger = await server.ledger();
      expect(ledger).toHaveLength(2);
      const [started, final] = ledger as [LedgerRecord, LedgerRecord];
      expect(started).toMatchObject({
        action: 'deploy',
        outcome: 'started',
        tag,
        previous: state?.current ?? null,
        strategy,
        host: run.shell.label,
        ...RUN,
      });
      expect(final.id).toBe(started.id);
      expect(ledgerOutcome(final)).toEqual(want.ledger);
      // The final line is written before pruning, so its durations stop at the gate or the rollback.
      expect(Object.keys(final.durations ?? {})).toEqual(want.phases.split(' ').filter((p) => p !== 'prune'));

      if (want.warning) expect(run.log.warnings.join('\n')).toMatch(want.warning);
      else expect(run.log.warnings).toEqual([]);
      expect(await server.lockFile()).toBe(''); // released: the holder's line is gone
    }),
  );

  it('fails the gate at once when the strategy says the app died, not after health-timeout', () =>
    withFakeServer(async (server) => {
      await server.seedState(SERVING_V1);
      const run = server.connect({
        strategy: { name: 'compose', onServer: { v1: 'ok' }, builds: { v2: 'crashes' } },
        health: { gate: { timeoutSeconds: 10 } },
      });
      const result = await deploy(run, 'v2', { rollbackOnFailure: false });
      expect(result.gate?.reason).toBe(CRASH_REASON);
      expect(result.gate?.elapsedMs).toBeLessThan(2000);
    }));

  it.each([
    ['server', true],
    ['runner', false],
  ] as const)('health-from %s: probes through the SSH tunnel: %s', (from, tunnelled) =>
    withFakeServer(async (server) => {
      await server.seedState(SERVING_V1);
      const run = server.connect({
        strategy: { name: 'compose', onServer: { v1: 'ok' }, builds: { v2: 'ok' } },
        health: { from },
      });
      expect((await deploy(run, 'v2')).status).toBe('deployed');
      expect(run.shell.tunnels > 0).toBe(tunnelled);
    }),
  );

  it('a later deploy prunes with the tags that never passed their gate, read from the ledger', () =>
    withFakeServer(async (server) => {
      await server.seedState(SERVING_V1);
      const onServer: Record<string, Build> = { v0: 'ok', v1: 'ok' };
      const first = server.connect({ strategy: { name: 'compose', onServer, builds: { v2: 'unhealthy' } } });
      expect((await deploy(first, 'v2', { keepReleases: 2 })).status).toBe('rolled-back');

      const second = server.connect({ strategy: { name: 'compose', onServer, builds: { v3: 'ok' } } });
      expect((await deploy(second, 'v3', { keepReleases: 2 })).status).toBe('deployed');
      expect(second.strategy.calls.at(-1)).toBe('prune keep=2 protect=v3,v1 failed=v2');
      expect(await server.state()).toEqual({ current: 'v3', previous: 'v1', strategy: 'compose' });
      expect((await server.ledger()).map((r) => `${r.tag} ${r.outcome}`)).toEqual([
        'v2 started',
        'v2 rolled-back',
        'v3 started',
        'v3 deployed',
      ]);
    }));
});
