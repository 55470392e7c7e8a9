import { healthEndpoint, UNIX_SCHEME } from '../health/endpoint.js';
import type { HealthPlan } from './gate-release.js';

const PORT_PLACEHOLDER = '${APP_PORT}';

/**
 * Which port serves and which one the next release starts on, and the health plan aimed at one instance. Pure:
 * the blue-green flow (blue-green-flow.ts) decides with these, and their tables are in
 * test/unit/flow/blue-green-ports.test.ts.
 */

/**
 * The port that serves now: what the proxy's upstream file names (the truth of where traffic goes, even after a
 * run killed between the switch and state.json), else what state.json recorded (proxy: command has no file).
 */
export function servingPortOf(
  fromProxy: number | undefined,
  fromState: number | undefined,
): number | undefined {
  return fromProxy ?? fromState;
}

/**
 * The port the new release starts on: the one of `ports` that does not serve (the first when neither does);
 * 0 when no ports are given (compose: an ephemeral port the strategy reads back).
 */
export function nextPort(ports: number[], serving: number | undefined): number {
  if (!ports.length) return 0;
  return serving === ports[0] ? ports[1]! : ports[0]!;
}

/**
 * A health URL aimed at the instance on `port`. A Unix socket URL names no port: one whose socket path holds
 * `${APP_PORT}` (one socket per instance, as `gunicorn --bind unix:/run/app-${APP_PORT}.sock` makes) gets the
 * instance's; any other is left as it is.
 */
export function urlAtPort(url: string, port: number): string {
  const e = healthEndpoint(url);
  if (e?.kind === 'unix') {
    if (!e.socketPath.includes(PORT_PLACEHOLDER)) return url;
    const socket = encodeURIComponent(e.socketPath.split(PORT_PLACEHOLDER).join(String(port)));
    return `${UNIX_SCHEME}//${socket}${e.url.pathname}${e.url.search}`;
  }
  if (!e || e.kind !== 'tcp') return url;
  const u = new URL(url);
  u.port = String(port);
  return u.toString();
}

/** A health-command line told which instance to check: APP_PORT in its environment. */
export function commandAtPort(command: string, port: number): string {
  return `export APP_PORT=${port}; ${command}`;
}

/** The gate's plan for the instance on `port`: URLs at that port, commands with APP_PORT set. */
export function healthAtPort(plan: HealthPlan, port: number): HealthPlan {
  return {
    ...plan,
    urls: plan.urls.map((u) => urlAtPort(u, port)),
    commands: plan.commands.map((c) => commandAtPort(c, port)),
  };
}

/** The plan for public-health-url: one URL through the proxy, with the gate's headers, place and timings. */
export function publicCheckPlan(plan: HealthPlan, url: string): HealthPlan {
  return { ...plan, urls: [url], commands: [] };
}
