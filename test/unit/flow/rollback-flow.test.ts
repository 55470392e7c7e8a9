import { describe, expect, it } from 'vitest';
import type { FlowStatus } from '../../../src/flow/attempt.js';
import type { LedgerRecord } from '../../../src/flow/ledger.js';
import { rollbackRelease } from '../../../src/flow/rollback-flow.js';
import type { DeployState } from '../../../src/flow/state.js';
import type { StrategyName } from '../../../src/flow/strategy.js';
import { ConfigurationError } from '../../../src/io/errors.js';
import { CRASH_REASON } from '../../fakes/fake-strategy.js';
import type { Build } from '../../fakes/fake-strategy.js';
import { RUN, withFakeServer } from '../../fakes/fake-server.js';
import { gateText, ledgerOutcome, restoreText } from '../../fakes/flow-outcome.js';

/**
 * Every branch of the manual rollback, against a fake server (see deploy-flow.test.ts): to previous or a named
 * tag, gated, with the release that ran brought back when the target fails its gate; refused before anything
 * is recorded when there is nothing to return to.
 */

const SERVING_V2: DeployState = { current: 'v2', previous: 'v1', strategy: 'release' };
const ALL_OK: Record<string, Build> = { v0: 'ok', v1: 'ok', v2: 'ok' };

interface RollbackRow {
  name: string;
  to: string;
  /** The strategy state.json records (default release): the rollback must use it. */
  strategy?: StrategyName;
  onServer?: Record<string, Build>;
  want: {
    status: FlowStatus;
    attempted: string;
    current: string;
    gate: string | undefined;
    restore?: string;
    calls: string[];
    phases: string;
    state: { current: string; previous: string | null };
    ledger: Record<string, string>;
    serving: string;
    warning?: RegExp | string;
  };
}

const rows: RollbackRow[] = [
  {
    name: 'to previous',
    to: 'previous',
    want: {
      status: 'rolled-back',
      attempted: 'v1',
      current: 'v1',
      gate: 'pass ok',
      calls: ['activate v1'],
      phases: 'lock activate gate',
      state: { current: 'v1', previous: 'v2' },
      ledger: { outcome: 'rolled-back', health: 'pass ok' },
      serving: 'v1',
    },
  },
  {
    name: 'to previous, with the compose strategy state.json records',
    to: 'previous',
    strategy: 'compose',
    want: {
      status: 'rolled-back',
      attempted: 'v1',
      current: 'v1',
      gate: 'pass ok',
      calls: ['activate v1'],
      phases: 'lock activate gate',
      state: { current: 'v1', previous: 'v2' },
      ledger: { outcome: 'rolled-back', health: 'pass ok' },
      serving: 'v1',
    },
  },
  {
    name: 'to a named tag',
    to: 'v0',
    want: {
      status: 'rolled-back',
      attempted: 'v0',
      current: 'v0',
      gate: 'pass ok',
      calls: ['activate v0'],
      phases: 'lock activate gate',
      state: { current: 'v0', previous: 'v2' },
      ledger: { outcome: 'rolled-back', health: 'pass ok' },
      serving: 'v0',
    },
  },
  {
    name: 'to the current tag (a restart of it): previous stays',
    to: 'v2',
    want: {
      status: 'rolled-back',
      attempted: 'v2',
      current: 'v2',
      gate: 'pass ok',
      calls: ['activate v2'],
      phases: 'lock activate gate',
      state: { current: 'v2', previous: 'v1' },
      ledger: { outcome: 'rolled-back', health: 'pass ok' },
      serving: 'v2',
    },
  },
  {
    name: 'target fails its gate -> the release that ran is brought back',
    to: 'previous',
    onServer: { ...ALL_OK, v1: 'unhealthy' },
    want: {
      status: 'failed',
      attempted: 'v1',
      current: 'v2',
      gate: 'fail unhealthy',
      restore: 'v2 pass ok',
      calls: ['activate v1', 'fatal', 'activate v2'],
      phases: 'lock activate gate rollback',
      state: { current: 'v2', previous: 'v1' },
      ledger: { outcome: 'failed', phase: 'gate', health: 'fail unhealthy', restore: 'v2 pass ok' },
      serving: 'v2',
      warning: /the health gate of v1 failed: health-timeout .*; bringing back v2/,
    },
  },
  {
    name: 'target crashes (fails at once) -> the release that ran is brought back',
    to: 'v0',
    onServer: { ...ALL_OK, v0: 'crashes' },
    want: {
      status: 'failed',
      attempted: 'v0',
      current: 'v2',
      gate: 'fail unhealthy',
      restore: 'v2 pass ok',
      calls: ['activate v0', 'fatal', 'activate v2'],
      phases: 'lock activate gate rollback',
      state: { current: 'v2', previous: 'v1' },
      ledger: { outcome: 'failed', phase: 'gate', health: 'fail unhealthy', restore: 'v2 pass ok' },
      serving: 'v2',
      warning: `the health gate of v0 failed: ${CRASH_REASON}; bringing back v2`,
    },
  },
  {
    name: 'target fails its gate -> bringing back the release that ran fails too',
    to: 'previous',
    onServer: { v0: 'ok', v1: 'unreachable', v2: 'unhealthy' },
    want: {
      status: 'failed',
      attempted: 'v1',
      current: 'v2',
      gate: 'fail unreachable',
      restore: 'v2 fail unhealthy',
      calls: ['activate v1', 'fatal', 'activate v2', 'fatal'],
      phases: 'lock activate gate rollback',
      state: { current: 'v2', previous: 'v1' },
      ledger: { outcome: 'failed', phase: 'gate', health: 'fail unreachable', restore: 'v2 fail unhealthy' },
      // v2 is back (unhealthy): it runs and state.json names it, so it is what the run reports as current.
      serving: 'v2',
      warning: /bringing back v2/,
    },
  },
  {
    name: 'activating the target fails (restart-command) -> the release that ran is brought back',
    to: 'previous',
    onServer: { ...ALL_OK, v1: 'fails-to-start' },
    want: {
      status: 'failed',
      attempted: 'v1',
      current: 'v2',
      gate: undefined,
      restore: 'v2 pass ok',
      calls: ['activate v1', 'activate v2'],
      phases: 'lock activate rollback',
      state: { current: 'v2', previous: 'v1' },
      ledger: { outcome: 'failed', phase: 'activate', restore: 'v2 pass ok' },
      serving: 'v2',
      warning: /activate: restart-command failed \(exit 1\) after the switch; bringing back v2/,
    },
  },
];

describe('rollbackRelease', () => {
  it.concurrent.for(rows)('$name', (row, { expect }) =>
    withFakeServer(async (server) => {
      const strategy = row.strategy ?? 'release';
      await server.seedState({ ...SERVING_V2, strategy });
      const run = server.connect({ strategy: { name: strategy, onServer: row.onServer ?? ALL_OK } });

      const result = await rollbackRelease(run.ctx, row.to);

      const { want } = row;
      expect(run.asked).toEqual([strategy]);
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
        attempted: want.attempted,
        current: want.current,
        before: 'v2',
        gate: want.gate,
        restore: want.restore,
        phases: want.phases,
      });
      expect(run.strategy.calls).toEqual(want.calls);
      expect(await server.state()).toEqual({ ...want.state, strategy });
      expect(await server.serving()).toBe(want.serving);

      const ledger = await server.ledger();
      expect(ledger).toHaveLength(2);
      const [started, final] = ledger as [LedgerRecord, LedgerRecord];
      expect(started).toMatchObject({
        action: 'rollback',
        outcome: 'started',
        tag: want.attempted,
        previous: 'v2',
        strategy,
        host: run.shell.label,
        ...RUN,
      });
      expect(final.id).toBe(started.id);
      expect(ledgerOutcome(final)).toEqual(want.ledger);

      if (want.warning) expect(run.log.warnings.join('\n')).toMatch(want.warning);
      else expect(run.log.warnings).toEqual([]);
      expect(await server.lockFile()).toBe('');
    }),
  );
});

describe('rollbackRelease refuses before anything changes or is recorded', () => {
  it.each([
    {
      name: 'a tag that is not on the server: lists what is there',
      state: SERVING_V2,
      to: 'v7',
      message: 'input "to" got "v7": it is not on the server any more; tags on the server: v0, v1, v2',
    },
    {
      name: 'nothing deployed yet: nothing to roll back to',
      state: null,
      to: 'previous',
      message: 'nothing has been deployed here yet: there is nothing to roll back',
    },
    {
      name: 'no previous release recorded',
      state: { current: 'v2', previous: null, strategy: 'release' } as DeployState,
      to: 'previous',
      message:
        'there is no previous release recorded (current is v2); name a tag in "to": tags on the server: v0, v1, v2',
    },
  ])('$name', ({ state, to, message }) =>
    withFakeServer(async (server) => {
      await server.seedState(state);
      // With no state.json to name one, the flow falls back to the compose strategy.
      const run = server.connect({ strategy: { name: state?.strategy ?? 'compose', onServer: ALL_OK } });
      const error = await rollbackRelease(run.ctx, to).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(ConfigurationError);
      expect((error as Error).message).toBe(message);
      expect(run.strategy.calls).toEqual([]);
      expect(await server.ledger()).toEqual([]);
      expect(await server.state()).toEqual(state);
      expect(await server.lockFile()).toBe('');
    }),
  );
});
