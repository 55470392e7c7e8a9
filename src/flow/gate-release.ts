import { connectionLost } from '../ssh/remote-shell.js';
import { RemoteError } from '../io/errors.js';
import type { GateOptions, GateResult } from '../health/gate.js';
import { gateUrl } from '../health/run-gate.js';
import { passes } from '../health/verdict.js';
import type { Log, RemoteShell } from '../ssh/remote-shell.js';
import type { DeployStrategy } from './strategy.js';
import { untilReady } from './await-ready.js';

/** Where and how a release is gated (the deploy's health-* inputs). */
export interface HealthPlan {
  url: string;
  /** `server`: through the SSH connection's direct-tcpip tunnel to the server's loopback; `runner`: direct. */
  from: 'server' | 'runner';
  gate: GateOptions;
}

/**
 * Gates the release the strategy just activated. While probes fail, the strategy is asked whether the app can
 * still come up (a crashed or restart-looping container fails the gate at once); a lost SSH connection ends the
 * gate with an error rather than a verdict about the app.
 */
export async function gateRelease(
  conn: RemoteShell,
  strategy: DeployStrategy,
  plan: HealthPlan,
  log: Log,
  signal?: AbortSignal,
): Promise<GateResult> {
  const dialer = plan.from === 'server' ? { dialer: (h: string, p: number) => conn.tunnel(h, p) } : {};
  const gate = await gateUrl({ url: plan.url, ...dialer }, plan.gate, log, async (last) => {
    if (!conn.isOpen) throw new RemoteError(connectionLost(conn));
    if (passes(last.verdict, plan.gate.allowDegraded)) return undefined;
    return strategy.fatal();
  }, signal);
  // The URL passed: a Docker healthcheck still `starting` waits, `unhealthy` fails (src/flow/await-ready.ts).
  return untilReady(strategy, gate, plan.gate, log);
}
