import { describe, expect, it } from 'vitest';
import { gateOnHealth } from '../../../src/health/gate.js';
import type { ProbeResult } from '../../../src/health/probe.js';
import type { Verdict } from '../../../src/health/verdict.js';

/** A gate on a fake clock: probes take `cost` ms, sleeps advance time exactly. */
function run(verdicts: Verdict[], opts: Partial<Parameters<typeof gateOnHealth>[0]> = {}, fatalAt?: number) {
  let t = 0;
  let i = 0;
  const timeouts: number[] = [];
  return gateOnHealth(
    {
      timeoutSeconds: 10,
      intervalSeconds: 1,
      successes: 2,
      allowDegraded: true,
      requestTimeoutSeconds: 5,
      ...opts,
    },
    {
      now: () => t,
      sleep: async (ms) => {
        t += ms;
      },
      probe: async (timeoutMs): Promise<ProbeResult> => {
        timeouts.push(timeoutMs);
        t += 10;
        const verdict = verdicts[Math.min(i++, verdicts.length - 1)]!;
        return { verdict, code: verdict === 'unhealthy' ? 503 : 200, latencyMs: 10, body: '' };
      },
      fatal: async () => (fatalAt !== undefined && i >= fatalAt ? 'container exited (code 1)' : undefined),
    },
  ).then((r) => ({ ...r, timeouts }));
}

describe('gateOnHealth', () => {
  it('passes after the required consecutive successes', async () => {
    const r = await run(['unreachable', 'ok', 'ok']);
    expect(r.passed).toBe(true);
    expect(r.attempts).toBe(3);
  });

  it('a failure resets the count', async () => {
    const r = await run(['ok', 'unhealthy', 'ok', 'ok']);
    expect(r.passed).toBe(true);
    expect(r.attempts).toBe(4);
  });

  it('degraded passes unless allowDegraded is false', async () => {
    expect((await run(['degraded'])).passed).toBe(true);
    const strict = await run(['degraded'], { allowDegraded: false, timeoutSeconds: 3 });
    expect(strict.passed).toBe(false);
    expect(strict.last.verdict).toBe('degraded');
  });

  it('fails when the deadline runs out, with the last verdict in the reason', async () => {
    const r = await run(['unhealthy'], { timeoutSeconds: 5 });
    expect(r.passed).toBe(false);
    expect(r.reason).toMatch(
      /health-timeout \(5s\) ran out after \d+ probe\(s\); last verdict unhealthy \(HTTP 503/,
    );
    expect(r.elapsedMs).toBeLessThanOrEqual(5000);
  });

  it('fails at once when the app died', async () => {
    const r = await run(['unreachable'], { timeoutSeconds: 60 }, 2);
    expect(r.passed).toBe(false);
    expect(r.reason).toBe('container exited (code 1)');
    expect(r.attempts).toBe(2);
  });

  it('never gives a probe more time than is left', async () => {
    const r = await run(['unreachable'], { timeoutSeconds: 2.5, requestTimeoutSeconds: 5 });
    expect(Math.max(...r.timeouts)).toBeLessThanOrEqual(2500);
  });

  it('successes: 1 passes on the first good probe', async () => {
    const r = await run(['ok'], { successes: 1 });
    expect(r.attempts).toBe(1);
  });
});

describe('gateOnHealth at its deadline', () => {
  it('a last probe cut short by the deadline does not replace the last real verdict', async () => {
    let t = 0;
    const r = await gateOnHealth(
      {
        timeoutSeconds: 1,
        intervalSeconds: 0.1,
        successes: 2,
        allowDegraded: true,
        requestTimeoutSeconds: 5,
      },
      {
        now: () => t,
        sleep: async (ms) => {
          t += ms;
        },
        probe: async (timeoutMs) => {
          // Each answer takes 90 ms; a probe given less time than that times out.
          if (timeoutMs < 90) {
            t += timeoutMs;
            return {
              verdict: 'unreachable',
              latencyMs: timeoutMs,
              body: '',
              error: `no response within ${timeoutMs} ms`,
            };
          }
          t += 90;
          return { verdict: 'unhealthy', code: 503, latencyMs: 90, body: '' };
        },
      },
    );
    expect(r.passed).toBe(false);
    expect(r.last).toMatchObject({ verdict: 'unhealthy', code: 503 });
  });
});
