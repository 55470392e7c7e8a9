import type { Log } from '../ssh/remote-shell.js';
import { gateOnHealth, describeVerdict } from './gate.js';
import type { GateOptions, GateResult } from './gate.js';
import { probe } from './probe.js';
import type { Dialer, ProbeResult } from './probe.js';

export interface HealthTarget {
  url: string;
  headers?: Record<string, string>;
  followRedirects?: number;
  /** Set to probe through the SSH host (direct-tcpip), so the app need not be public. */
  dialer?: Dialer;
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
  log.info(
    `Gating on ${target.url}${via}: ${opts.successes} passing probe(s) in a row within ${opts.timeoutSeconds}s, ` +
      `every ${opts.intervalSeconds}s${opts.allowDegraded ? '' : ' (degraded does not pass)'}`,
  );
  return gateOnHealth(opts, {
    probe: (timeoutMs) =>
      probe(target.url, {
        timeoutMs,
        ...(target.headers ? { headers: target.headers } : {}),
        ...(target.followRedirects ? { followRedirects: target.followRedirects } : {}),
        ...(target.dialer ? { dialer: target.dialer } : {}),
      }),
    onProbe: (r, n, consecutive) =>
      log.info(
        `  probe ${n}: ${describeVerdict(r)}${consecutive ? ` [${consecutive}/${opts.successes}]` : ''}`,
      ),
    ...(fatal ? { fatal } : {}),
    ...(signal ? { signal } : {}),
  });
}
