import type { GateOptions, GateResult } from '../health/gate.js';
import type { Log } from '../ssh/remote-shell.js';
import type { DeployStrategy } from './strategy.js';

/**
 * After the health URL passed: the server's own view must agree. While the strategy says `waiting` (a Docker
 * healthcheck still `starting`) the gate waits, every health-interval, within what is left of health-timeout;
 * `failed` (a Docker healthcheck `unhealthy`) fails the gate at once with that reason.
 */
export async function untilReady(
  strategy: Pick<DeployStrategy, 'readiness'>,
  gate: GateResult,
  opts: Pick<GateOptions, 'timeoutSeconds' | 'intervalSeconds'>,
  log: Log,
  clock: { now: () => number; sleep: (ms: number) => Promise<void> } = {
    now: () => performance.now(),
    sleep: (ms) => new Promise<void>((r) => setTimeout(r, ms)),
  },
): Promise<GateResult> {
  if (!gate.passed) return gate;
  const start = clock.now() - gate.elapsedMs;
  const deadline = start + opts.timeoutSeconds * 1000;
  let said = '';
  for (;;) {
    const r = await strategy.readiness();
    const elapsedMs = clock.now() - start;
    if (r.state === 'ready') return { ...gate, elapsedMs };
    if (r.state === 'failed') return { ...gate, passed: false, elapsedMs, reason: r.reason };
    if (r.reason !== said) log.info(`  ${r.reason}: waiting`);
    said = r.reason;
    const wait = opts.intervalSeconds * 1000;
    if (clock.now() + wait >= deadline) {
      return {
        ...gate,
        passed: false,
        elapsedMs,
        reason: `health-timeout (${opts.timeoutSeconds}s) ran out: ${r.reason}`,
      };
    }
    await clock.sleep(wait);
  }
}
