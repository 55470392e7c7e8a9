import { connectionLost } from '../ssh/remote-shell.js';
import { RemoteError } from '../io/errors.js';
import type { GateOptions, GateResult } from '../health/gate.js';
import type { HealthCheck } from '../health/checks.js';
import { commandCheck } from '../health/command-probe.js';
import { gateChecks, urlCheck } from '../health/run-gate.js';
import { passes } from '../health/verdict.js';
import type { Log, RemoteShell } from '../ssh/remote-shell.js';
import type { DeployStrategy } from './strategy.js';
import { untilReady } from './await-ready.js';

/** Where and how a release is gated (the deploy's health-* inputs). */
export interface HealthPlan {
  /** health-url lines (http, https, http+unix): each must pass. Empty when health-command lines gate alone. */
  urls: string[];
  /** health-command lines, run on the server: exit 0 passes. */
  commands: string[];
  /** health-headers, sent with every URL probe (values may be secrets: masked, never logged). */
  headers: Record<string, string>;
  /**
   * `server`: through the SSH connection (direct-tcpip to the server's loopback, direct-streamlocal to a Unix
   * socket); `runner`: direct. Commands always run on the server.
   */
  from: 'server' | 'runner';
  gate: GateOptions;
}

/** The plan's checks over one connection: every URL, then every command. */
export function healthChecks(conn: RemoteShell, plan: HealthPlan): HealthCheck[] {
  const via =
    plan.from === 'server'
      ? {
          dialer: (h: string, p: number) => conn.tunnel(h, p),
          socketDialer: (path: string) => conn.unixSocket(path),
        }
      : {};
  const headers = Object.keys(plan.headers).length ? { headers: plan.headers } : {};
  return [
    ...plan.urls.map((url) => urlCheck({ url, ...headers, ...via })),
    ...plan.commands.map((command) => commandCheck(conn, command)),
  ];
}

/**
 * Gates the release the strategy just activated. While probes fail, the strategy is asked whether the app can
 * still come up (a crashed or restart-looping container fails the gate at once); a lost SSH connection ends the
 * gate with an error rather than a verdict about the app.
 */
export async function gateRelease(
  conn: RemoteShell,
  strategy: Pick<DeployStrategy, 'fatal' | 'readiness'>,
  plan: HealthPlan,
  log: Log,
  signal?: AbortSignal,
): Promise<GateResult> {
  const via = plan.from === 'server' && plan.urls.length ? ' through the SSH host' : '';
  const gate = await gateChecks(
    healthChecks(conn, plan),
    plan.gate,
    log,
    async (last) => {
      if (!conn.isOpen) throw new RemoteError(connectionLost(conn));
      if (passes(last.verdict, plan.gate.allowDegraded)) return undefined;
      return strategy.fatal();
    },
    via,
    signal,
  );
  // The URL passed: a Docker healthcheck still `starting` waits, `unhealthy` fails (src/flow/await-ready.ts).
  return untilReady(strategy, gate, plan.gate, log);
}
