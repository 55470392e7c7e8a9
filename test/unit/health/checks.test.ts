import { describe, expect, it } from 'vitest';
import { combineRound } from '../../../src/health/checks.js';
import type { HealthCheck } from '../../../src/health/checks.js';
import { gateChecks } from '../../../src/health/run-gate.js';
import type { ProbeResult } from '../../../src/health/probe.js';
import type { Verdict } from '../../../src/health/verdict.js';

const r = (verdict: Verdict, extra: Partial<ProbeResult> = {}): ProbeResult => ({
  verdict,
  latencyMs: 10,
  body: '',
  ...(verdict === 'unhealthy' ? { code: 503 } : verdict === 'unreachable' ? {} : { code: 200 }),
  ...extra,
});
const labels = [
  { label: 'http://a/health' },
  { label: 'http+unix://%2Fs.sock/h' },
  { label: 'systemctl is-active w' },
];

describe('combineRound: every check must pass in the same round', () => {
  it.each<[Verdict[], boolean, Verdict, string | undefined]>([
    [['ok', 'ok', 'ok'], true, 'ok', undefined],
    [['ok', 'degraded', 'ok'], true, 'degraded', 'http+unix://%2Fs.sock/h'],
    [['ok', 'degraded', 'ok'], false, 'degraded', 'http+unix://%2Fs.sock/h'],
    [['ok', 'ok', 'unhealthy'], true, 'unhealthy', 'systemctl is-active w'],
    [['unreachable', 'ok', 'unhealthy'], true, 'unreachable', 'http://a/health'],
    [['degraded', 'unhealthy', 'ok'], true, 'unhealthy', 'http+unix://%2Fs.sock/h'],
  ])('%j (allow degraded: %s) -> %s, naming %s', (verdicts, allowDegraded, verdict, named) => {
    const c = combineRound(
      labels,
      verdicts.map((v) => r(v)),
      allowDegraded,
    );
    expect(c.verdict).toBe(verdict);
    if (named) expect(c.error).toMatch(new RegExp(`^${named.replace(/[.+%/]/g, '\\$&')}`));
    else expect(c.error).toBeUndefined();
  });

  it('keeps the failing check own reason after its label, and the slowest latency of the round', () => {
    const c = combineRound(
      labels.slice(0, 2),
      [r('ok', { latencyMs: 40 }), r('unreachable', { error: 'connection refused', latencyMs: 3 })],
      true,
    );
    expect(c.error).toBe('http+unix://%2Fs.sock/h: connection refused');
    expect(c.latencyMs).toBe(40);
  });

  it('a single check is its own result, unchanged', () => {
    const one = r('unreachable', { error: 'no response within 5 ms' });
    expect(combineRound(labels.slice(0, 1), [one], true)).toBe(one);
  });
});

/** A check that answers its verdicts in turn (the last one repeats). */
function scripted(label: string, verdicts: Verdict[]): HealthCheck & { calls: number } {
  const c = {
    label,
    kind: 'url' as const,
    calls: 0,
    probe: async () => r(verdicts[Math.min(c.calls++, verdicts.length - 1)]!),
  };
  return c;
}
const silent = { info: () => undefined, debug: () => undefined, warning: () => undefined };
const fast = {
  timeoutSeconds: 2,
  intervalSeconds: 0.01,
  successes: 2,
  allowDegraded: true,
  requestTimeoutSeconds: 1,
};

describe('gateChecks', () => {
  it('passes only when both checks pass together twice in a row, and reports each', async () => {
    const web = scripted('web', ['ok', 'ok', 'ok', 'ok']);
    const worker = scripted('worker', ['unhealthy', 'ok', 'unhealthy', 'ok', 'ok']);
    const g = await gateChecks([web, worker], fast, silent);
    expect(g.passed).toBe(true);
    expect(g.attempts).toBe(5);
    expect(g.checks?.map((c) => [c.label, c.last.verdict])).toEqual([
      ['web', 'ok'],
      ['worker', 'ok'],
    ]);
  });

  it('fails at the deadline when one check never passes, naming it', async () => {
    const g = await gateChecks(
      [scripted('web', ['ok']), scripted('worker', ['unhealthy'])],
      { ...fast, timeoutSeconds: 0.2 },
      silent,
    );
    expect(g.passed).toBe(false);
    expect(g.reason).toMatch(/last verdict unhealthy \(HTTP 503, \d+ ms\) — worker/);
    expect(g.checks?.[0]?.last.verdict).toBe('ok');
  });

  it('a gate of one check reports no per-check list (as before)', async () => {
    const g = await gateChecks([scripted('web', ['ok'])], fast, silent);
    expect(g.passed).toBe(true);
    expect(g.checks).toBeUndefined();
  });
});
