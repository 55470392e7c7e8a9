import type { ProbeResult } from './probe.js';
import { passes } from './verdict.js';

/**
 * One thing the gate waits for: a health URL, or a health-command line run on the server. A release passes
 * when every check passes in the same round, `health-successes` rounds in a row: the app is up when all its
 * processes (web, socket, worker) are up together.
 */
export interface HealthCheck {
  /** The URL or command as the user wrote it, for logs and reports. */
  label: string;
  kind: 'url' | 'command';
  probe(timeoutMs: number): Promise<ProbeResult>;
}

/** A check's last probe, for the report. */
export interface CheckResult {
  label: string;
  kind: 'url' | 'command';
  last: ProbeResult;
}

/**
 * One round's verdict from each check's probe. Pure. A single check is its own result. With several, the first
 * check that does not pass decides (its label in the error); when all pass, a degraded one is reported, else the
 * first check's answer, with the slowest latency of the round.
 */
export function combineRound(
  checks: Pick<HealthCheck, 'label'>[],
  results: ProbeResult[],
  allowDegraded: boolean,
): ProbeResult {
  if (results.length === 1) return results[0]!;
  const latencyMs = Math.max(0, ...results.map((r) => r.latencyMs));
  const failing = results.findIndex((r) => !passes(r.verdict, allowDegraded));
  const degraded = results.findIndex((r) => r.verdict === 'degraded');
  const pick = failing >= 0 ? failing : degraded >= 0 ? degraded : 0;
  const r = results[pick]!;
  const label = checks[pick]!.label;
  if (failing < 0 && degraded < 0) {
    // Every check passed: a check's own note (a redirect followed) is not a reason here.
    const { error: _ignored, ...ok } = r;
    return { ...ok, latencyMs };
  }
  return { ...r, latencyMs, error: `${label}${r.error ? `: ${r.error}` : ''}` };
}

/** A short line for one round in the log: each check's verdict, in order. */
export function roundText(results: CheckResult[]): string {
  return results
    .map((c) => `${c.kind === 'command' ? 'command' : 'url'} ${shorten(c.label)}: ${c.last.verdict}`)
    .join('; ');
}

function shorten(s: string, max = 60): string {
  return s.length > max ? `${s.slice(0, max - 1)}…` : s;
}
