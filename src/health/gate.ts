import type { CheckResult } from './checks.js';
import { untilAborted } from '../io/cancel.js';
import type { ProbeResult } from './probe.js';
import { passes } from './verdict.js';
import type { Verdict } from './verdict.js';

export interface GateOptions {
  timeoutSeconds: number;
  intervalSeconds: number;
  successes: number;
  allowDegraded: boolean;
  requestTimeoutSeconds: number;
}

export interface GateResult {
  passed: boolean;
  /** The last probe (or a synthetic one when a liveness check failed first). */
  last: ProbeResult;
  attempts: number;
  elapsedMs: number;
  /** Why the gate failed: timeout, the app died, or the run was cancelled. */
  reason?: string;
  /** The run was cancelled while gating: the verdict says nothing of the app. */
  cancelled?: true;
  /** Each check's last probe, when the gate waited for several (health-url lines, health-command lines). */
  checks?: CheckResult[];
}

export interface GateHooks {
  /** One probe with the given per-request timeout. */
  probe: (timeoutMs: number) => Promise<ProbeResult>;
  /** Called after each probe (for the log). */
  onProbe?: (r: ProbeResult, attempt: number, consecutive: number) => void;
  /**
   * Checked between probes: returns a reason when the app can no longer become healthy (its container exited or
   * restart-loops), so the gate fails at once instead of waiting out the timeout. Given the last probe, so a
   * caller can skip the check while the app answers well.
   */
  fatal?: (last: ProbeResult) => Promise<string | undefined>;
  now?: () => number;
  sleep?: (ms: number) => Promise<void>;
  /** The run's cancel: the wait between probes and a probe in flight end at once, and the gate fails. */
  signal?: AbortSignal;
}

/**
 * Polls until `successes` consecutive passing probes (degraded passes unless allowDegraded is false), or the
 * deadline. The last probe never outlives the deadline: its timeout is cut to the time left.
 */
export async function gateOnHealth(opts: GateOptions, hooks: GateHooks): Promise<GateResult> {
  const now = hooks.now ?? (() => performance.now());
  const sleep = hooks.sleep ?? ((ms: number) => new Promise<void>((r) => setTimeout(r, ms)));
  const start = now();
  const deadline = start + opts.timeoutSeconds * 1000;
  let consecutive = 0;
  let attempts = 0;
  let last: ProbeResult = { verdict: 'unreachable', latencyMs: 0, body: '', error: 'not probed yet' };
  const { signal } = hooks;
  const cancelled = (): GateResult => ({
    passed: false,
    last,
    attempts,
    elapsedMs: now() - start,
    reason: `cancelled after ${attempts} probe(s)`,
    cancelled: true,
  });
  for (;;) {
    const left = deadline - now();
    if (left <= 0) break;
    if (signal?.aborted) return cancelled();
    const budget = Math.max(1, Math.round(Math.min(opts.requestTimeoutSeconds * 1000, left)));
    const r = await untilAborted(hooks.probe(budget), signal);
    if (!r) return cancelled();
    attempts++;
    // A probe the deadline cut short says nothing about the app: the last real answer stays the verdict.
    const cutByDeadline = budget < opts.requestTimeoutSeconds * 1000 && r.code === undefined && attempts > 1;
    if (!cutByDeadline) last = r;
    consecutive = passes(r.verdict, opts.allowDegraded) ? consecutive + 1 : 0;
    hooks.onProbe?.(r, attempts, consecutive);
    if (consecutive >= opts.successes) return { passed: true, last, attempts, elapsedMs: now() - start };
    const reason = await hooks.fatal?.(r);
    if (reason) return { passed: false, last, attempts, elapsedMs: now() - start, reason };
    // No probe starts that the deadline would cut to nothing: its verdict would say nothing of the app.
    const wait = opts.intervalSeconds * 1000;
    if (now() + wait >= deadline) break;
    await untilAborted(sleep(wait), signal);
  }
  return {
    passed: false,
    last,
    attempts,
    elapsedMs: now() - start,
    reason: `health-timeout (${opts.timeoutSeconds}s) ran out after ${attempts} probe(s); last verdict ${describeVerdict(last)}`,
  };
}

export function describeVerdict(r: ProbeResult): string {
  const code = r.code !== undefined ? ` (HTTP ${r.code}, ${r.latencyMs} ms)` : '';
  return `${r.verdict}${code}${r.error ? ` — ${r.error}` : ''}`;
}

export type { Verdict };
