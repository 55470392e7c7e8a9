import { describe, expect, it } from 'vitest';
import { attemptsOf, failedTags, ledgerRecord, redact } from '../../../src/flow/ledger.js';
import { WITHHELD_LINE } from '../../../src/io/secrets.js';
import type { AttemptFacts, LedgerRecord } from '../../../src/flow/ledger.js';
import { parseState, promoted } from '../../../src/flow/state.js';
import type { DeployState } from '../../../src/flow/state.js';
import { holderMessage } from '../../../src/flow/lock.js';
import { rollbackTarget } from '../../../src/flow/rollback-flow.js';

const facts: AttemptFacts = {
  id: 'a1',
  action: 'deploy',
  host: 'deploy@srv:22',
  tag: 'v2',
  previous: 'v1',
  actor: 'octocat',
  runUrl: 'https://github.com/acme/shop/actions/runs/1',
  strategy: 'compose',
};

describe('ledger record shaping', () => {
  it('carries the attempt facts, the outcome, rounded durations and an ISO time', () => {
    const r = ledgerRecord(
      facts,
      { outcome: 'deployed', durations: { prepare: 1234.56, gate: 10.4 } },
      [],
      new Date('2025-01-02T03:04:05Z'),
    );
    expect(r).toEqual({
      ...facts,
      time: '2025-01-02T03:04:05.000Z',
      outcome: 'deployed',
      durations: { prepare: 1235, gate: 10 },
    });
  });

  it.each([
    ['secret in error', 'pull failed: token=hunter2hunter2', ['hunter2hunter2'], 'pull failed: token=***'],
    ['multi-line secret, each line', 'A=line-one-x B=line-two-y', ['line-one-x\nline-two-y'], 'A=*** B=***'],
    [
      'a short secret withholds its line (too short to mask)',
      'ok\nlogin abc',
      ['abc'],
      `ok\n${WITHHELD_LINE}`,
    ],
    [
      'an env-file value shown alone',
      'db postgres://a:S3cret@db/a down',
      ['DATABASE_URL=postgres://a:S3cret@db/a\n'],
      'db *** down',
    ],
    ['no secret', 'exit 1', [], 'exit 1'],
  ])('redacts: %s', (_name, error, secrets, expected) => {
    expect(ledgerRecord(facts, { outcome: 'failed', error }, secrets).error).toBe(expected);
    expect(redact(error, secrets)).toBe(expected);
  });

  it('bounds the error text', () => {
    expect(ledgerRecord(facts, { outcome: 'failed', error: 'x'.repeat(10_000) }).error).toHaveLength(2000);
  });
});

describe('folding the ledger into attempts', () => {
  const line = (r: Partial<LedgerRecord>) =>
    JSON.stringify({ ...facts, time: 't', outcome: 'started', ...r });
  it('merges the started and final lines of an attempt; an unfinished attempt stays started; torn lines are skipped', () => {
    const text = [
      line({ id: 'a', tag: 'v1' }),
      line({ id: 'a', tag: 'v1', outcome: 'deployed' }),
      line({ id: 'b', tag: 'v2' }),
      '{"id":"c","tag":"v3","outc',
      '',
    ].join('\n');
    expect(attemptsOf(text).map((r) => [r.id, r.outcome])).toEqual([
      ['a', 'deployed'],
      ['b', 'started'],
    ]);
  });

  it.each([
    ['a gate failure never followed by success', [['deploy', 'v3', 'rolled-back']], ['v3']],
    [
      'failed, later deployed: not failed',
      [
        ['deploy', 'v3', 'failed'],
        ['deploy', 'v3', 'deployed'],
      ],
      [],
    ],
    [
      'rolled back to by hand counts as passing',
      [
        ['deploy', 'v3', 'failed'],
        ['rollback', 'v3', 'rolled-back'],
      ],
      [],
    ],
    ['aborted before the switch never passed', [['deploy', 'v5', 'aborted']], ['v5']],
    ['unfinished attempts are not judged', [['deploy', 'v6', 'started']], []],
  ])('failed tags: %s', (_n, rows, expected) => {
    const records = rows.map(
      ([action, tag, outcome], i) =>
        ({ ...facts, id: String(i), time: 't', action, tag, outcome }) as LedgerRecord,
    );
    expect(failedTags(records)).toEqual(expected);
  });
});

describe('state transitions: what `previous` is', () => {
  const s = (current: string | null, previous: string | null): DeployState => ({
    current,
    previous,
    strategy: 'compose',
  });
  it.each([
    ['first deploy', s(null, null), 'v1', s('v1', null)],
    ['next deploy', s('v1', null), 'v2', s('v2', 'v1')],
    ['redeploy of current keeps previous', s('v2', 'v1'), 'v2', s('v2', 'v1')],
    ['deploying previous swaps them', s('v2', 'v1'), 'v1', s('v1', 'v2')],
    ['an older tag', s('v3', 'v2'), 'v1', s('v1', 'v3')],
    ['redeploy of current when previous is empty', s('v1', null), 'v1', s('v1', null)],
  ])('%s', (_n, before, tag, after) => {
    expect(promoted(before, tag)).toEqual(after);
  });

  it.each([
    [
      '{"current":"v2","previous":"v1","strategy":"release"}',
      { current: 'v2', previous: 'v1', strategy: 'release' },
    ],
    ['{"current":"","previous":null}', s(null, null)],
    ['{"current":"v2","strategy":"nonsense"}', s('v2', null)],
  ])('parses %j', (text, expected) => {
    expect(parseState(text, 'compose')).toEqual(expected);
  });
});

describe('lock holder message', () => {
  const now = new Date('2025-01-01T00:01:30Z');
  it.each([
    [
      JSON.stringify({
        runUrl: 'https://github.com/a/b/actions/runs/7',
        actor: 'alice',
        tag: 'v2',
        action: 'deploy',
        since: '2025-01-01T00:00:00Z',
      }),
      'deploy of v2 by alice (https://github.com/a/b/actions/runs/7) since 2025-01-01T00:00:00Z (90s ago)',
    ],
    [
      JSON.stringify({ runUrl: '', actor: 'bob', tag: 'v1', action: 'rollback', since: 'garbage' }),
      'rollback of v1 by bob (outside GitHub Actions)',
    ],
    ['', 'another deploy (it has not written its name yet)'],
    ['held by hand', 'an unknown holder (held by hand)'],
  ])('%s', (text, expected) => {
    expect(holderMessage(text, now)).toBe(expected);
  });

  it.each(['', 'not json', '[]', '{"current":1}'])('refuses %j with a way to repair it', (text) => {
    expect(() => parseState(text, 'compose')).toThrow(/cannot be read.*Repair it/);
  });
});

describe('rollback target', () => {
  const state = (current: string | null, previous: string | null): DeployState => ({
    current,
    previous,
    strategy: 'compose',
  });
  it.each([
    ['previous', state('v2', 'v1'), ['v2', 'v1'], 'v1'],
    ['v0', state('v2', 'v1'), ['v2', 'v1', 'v0'], 'v0'],
  ])('to %s', (to, st, available, expected) => {
    expect(rollbackTarget(to, st, available)).toBe(expected);
  });
  it.each([
    ['previous', state(null, null), [], /nothing has been deployed/],
    ['previous', state('v1', null), ['v1'], /no previous release recorded \(current is v1\)/],
    [
      'v9',
      state('v2', 'v1'),
      ['v2', 'v1'],
      /input "to" got "v9": it is not on the server any more; tags on the server: v2, v1/,
    ],
    ['previous', state('v2', 'v1'), ['v2'], /"v1": it is not on the server any more; tags on the server: v2/],
  ])('to %s fails clearly', (to, st, available, message) => {
    expect(() => rollbackTarget(to, st, available)).toThrow(message);
  });
});
