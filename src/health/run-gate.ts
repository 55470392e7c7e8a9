import type { Log } from '../ssh/remote-shell.js';
import type { CheckResult, HealthCheck } from './checks.js';
import { combineRound, roundText } from './checks.js';
import { gateOnHealth, describeVerdict } from './gate.js';
import type { GateOptions, GateResult } from './gate.js';
import { probe } from './probe.js';
import type { Dialer, ProbeResult, SocketDialer } from './probe.js';

export interface HealthTarget {
  url: string;
  headers?: Record<string, string>;
  followRedirects?: number;
  /** Set to probe through the SSH host (direct-tcpip), so the app need not be public. */
  dialer?: Dialer;
  /** Set to open http+unix sockets on the SSH host (direct-streamlocal) instead of the runner. */
  socketDialer?: SocketDialer;
}

/**
 * A health URL as a gate check. Header values are sent, never logged: an app that echoes one back (a debug
 * endpoint showing its request) has it replaced by *** in the body kept for outputs and the summary.
 */
export function urlCheck(target: HealthTarget): HealthCheck {
  const secrets = Object.values(target.headers ?? {}).filter((v) => v.trim().length >= 4);
  const scrub = (text: string) => secrets.reduce((t, s) => t.split(s).join('***'), text);
  return {
    label: target.url,
    kind: 'url',
    probe: async (timeoutMs) => {
      const r = await probe(target.url, {
        timeoutMs,
        ...(target.headers ? { headers: target.headers } : {}),
        ...(target.followRedirects ? { followRedirects: target.followRedirects } : {}),
        ...(target.dialer ? { dialer: target.dialer } : {}),
        ...(target.socketDialer ? { socketDialer: target.socketDialer } : {}),
      });
      return secrets.length ? { ...r, body: scrub(r.body) } : r;
    },
  };
}

/** Runs the gate against a URL, logging every probe. */
export function gateUrl(
  target: HealthTarget,
  opts: GateOptions,
  log: Log,
  fatal?: (last: ProbeResult) => Promise<string | undefined>,
  signal?: AbortSignal,
): Promise<GateResult> {
  const via = target.dialer ? ' through the SSH host' : '';
  return gateChecks([urlCheck(target)], opts, log, fatal, via, signal);
}

/**
 * Runs the gate over every check at once: each round probes all of them in parallel, and a round passes when
 * every check passes. The result carries each check's last probe (`checks`) when there are several.
 */
export async function gateChecks(
  checks: HealthCheck[],
  opts: GateOptions,
  log: Log,
  fatal?: (last: ProbeResult) => Promise<string | undefined>,
  via = '',
  signal?: AbortSignal,
): Promise<GateResult> {
  const what =
    checks.length === 1
      ? checks[0]!.label
      : `${checks.length} checks (${checks.map((c) => c.label).join(', ')})`;
  log.info(
    `Gating on ${what}${via}: ${opts.successes} passing probe(s) in a row within ${opts.timeoutSeconds}s, ` +
      `every ${opts.intervalSeconds}s${opts.allowDegraded ? '' : ' (degraded does not pass)'}`,
  );
  const lasts: CheckResult[] = [];
  const result = await gateOnHealth(opts, {
    probe: async (timeoutMs) => {
      const results = await Promise.all(checks.map((c) => c.probe(timeoutMs)));
      results.forEach((r, i) => (lasts[i] = { label: checks[i]!.label, kind: checks[i]!.kind, last: r }));
      return combineRound(checks, results, opts.allowDegraded);
    },
    onProbe: (r, n, consecutive) =>
      log.info(
        `  probe ${n}: ${checks.length > 1 ? roundText(lasts) : describeVerdict(r)}` +
          `${consecutive ? ` [${consecutive}/${opts.successes}]` : ''}`,
      ),
    ...(fatal ? { fatal } : {}),
    ...(signal ? { signal } : {}),
  });
  return checks.length > 1 ? { ...result, checks: [...lasts] } : result;
}
