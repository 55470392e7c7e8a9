import { describe, expect, it } from 'vitest';
import { gateOnHealth } from '../../../src/health/gate.js';
import type { ProbeResult } from '../../../src/health/probe.js';

const OPTS = {
  timeoutSeconds: 60,
  intervalSeconds: 5,
  successes: 3,
  allowDegraded: true,
  requestTimeoutSeconds: 5,
};
const UNHEALTHY: ProbeResult = { verdict: 'unhealthy', code: 503, latencyMs: 1, body: '' };

/** The gate's wait loop and a probe in flight both end on the run's cancel, on a real clock. */
describe('gateOnHealth with a cancel', () => {
  it.each([
    { where: 'while waiting between probes', probe: () => Promise.resolve(UNHEALTHY), attempts: 1 },
    {
      where: 'while a probe hangs',
      probe: () => new Promise<ProbeResult>((r) => setTimeout(() => r(UNHEALTHY), 5000)),
      attempts: 0,
    },
  ])('ends at once $where, as a cancelled failure', async ({ probe, attempts }) => {
    const controller = new AbortController();
    setTimeout(() => controller.abort(), 100);
    const t0 = performance.now();
    const r = await gateOnHealth(OPTS, { probe, signal: controller.signal });
    expect(performance.now() - t0).toBeLessThan(1000);
    expect(r).toMatchObject({ passed: false, cancelled: true, attempts });
    expect(r.reason).toBe(`cancelled after ${attempts} probe(s)`);
  });

  it('an already aborted signal gates nothing', async () => {
    let probes = 0;
    const r = await gateOnHealth(OPTS, {
      probe: () => (probes++, Promise.resolve(UNHEALTHY)),
      signal: AbortSignal.abort(),
    });
    expect(probes).toBe(0);
    expect(r.cancelled).toBe(true);
  });
});
