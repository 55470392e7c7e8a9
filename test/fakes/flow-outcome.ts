import type { FlowResult } from '../../src/flow/attempt.js';
import { RemoteError } from '../../src/io/errors.js';
import type { LedgerRecord } from '../../src/flow/ledger.js';
import type { GateResult } from '../../src/health/gate.js';

/**
 * How a flow ended, as short strings a table row can hold: a gate is `pass ok` / `fail unhealthy`, a restore
 * `v1 pass ok` / `v1 error: …`. Absent parts stay absent, so a row's toEqual also checks what must not be there.
 */
export function verdictText(h: { passed: boolean; verdict: string } | undefined): string | undefined {
  return h && `${h.passed ? 'pass' : 'fail'} ${h.verdict}`;
}

export function gateText(g: GateResult | undefined): string | undefined {
  return g && verdictText({ passed: g.passed, verdict: g.last.verdict });
}

export function restoreText(r: FlowResult['restore']): string | undefined {
  return r && `${r.tag} ${r.gate ? gateText(r.gate) : `error: ${r.error}`}`;
}

/** The outcome fields of a ledger line (its ids, times and durations are checked apart). */
export function ledgerOutcome(r: LedgerRecord): Record<string, string> {
  const fields = {
    outcome: r.outcome,
    phase: r.phase,
    health: verdictText(r.health),
    restore: r.restore && `${r.restore.tag} ${verdictText(r.restore)}`,
  };
  return Object.fromEntries(Object.entries(fields).filter(([, v]) => v !== undefined)) as Record<
    string,
    string
  >;
}

/** The RemoteError a flow threw (its phase and message are what a user sees); anything else fails the test. */
export async function flowFault(flow: Promise<FlowResult>): Promise<RemoteError> {
  const error = await flow.then(
    (r) => new Error(`expected a fault, the flow ended ${r.status}`),
    (e: unknown) => e,
  );
  if (!(error instanceof RemoteError)) throw error;
  return error;
}
