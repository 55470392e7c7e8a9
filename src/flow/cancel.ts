import { Cancelled, cancelRequest, raceAbort, ROLLBACK_GRACE_MS } from '../io/cancel.js';
import type { CancelRequest } from '../io/cancel.js';
import { errText } from '../io/errors.js';
import type { GateResult } from '../health/gate.js';
import { Attempt, healthFacts, restoreFacts } from './attempt.js';
import type { FlowContext, FlowResult } from './attempt.js';
import type { LedgerAction } from './ledger.js';
import { writeState } from './state.js';
import type { DeployState, InterruptedMark } from './state.js';

/**
 * What a cancel (SIGINT/SIGTERM, src/io/cancel.ts) does to one attempt, by where it finds it (docs/faults.md,
 * "Cancellation"): before the switch the attempt stops at its next step with nothing changed; after it, the
 * release that ran is brought back and gated within the grace, or state.json and the ledger say `interrupted`.
 */
export class CancelWatch {
  private phase = 'connect';
  private arrivedIn?: string;

  constructor(readonly signal: AbortSignal | undefined) {
    if (signal?.aborted) this.arrivedIn = 'connect';
    else signal?.addEventListener('abort', () => (this.arrivedIn ??= this.phase), { once: true });
  }

  get request(): CancelRequest | undefined {
    return cancelRequest(this.signal);
  }

  enter(phase: string): void {
    this.phase = phase;
  }

  /** A step before the switch: not started when a cancel came first. */
  async step<T>(attempt: Attempt, name: string, title: string, fn: () => Promise<T>): Promise<T> {
    await this.stopIfCancelled(attempt);
    this.enter(name);
    return attempt.phase(name, title, fn);
  }

  /** Before the switch: records `cancelled` with the phase the cancel found, and stops the attempt. */
  async stopIfCancelled(attempt: Attempt): Promise<void> {
    const req = this.request;
    if (!req) return;
    const phase = this.arrivedIn ?? this.phase;
    const error = `cancelled (${req.signal}) during ${phase}, before the switch: nothing changed on ${attempt.ctx.conn.label}`;
    await attempt.finish({ outcome: 'cancelled', phase, error });
    throw new Cancelled(error, phase);
  }

  /** A cancel that came before the lock was taken: no ledger line (the ledger is written under the lock only). */
  beforeLock(label: string): Cancelled {
    const phase = this.arrivedIn ?? this.phase;
    return new Cancelled(
      `cancelled (${this.request?.signal ?? 'signal'}) during ${phase}, before the deploy lock was taken: nothing changed on ${label}`,
      phase,
    );
  }
}

/**
 * Attempt.underLock, except that a cancel while waiting for another deploy's lock stops the wait: the flow
 * ends at once, and the lock request dies with the connection.
 */
export function underLockUnlessCancelled<T>(
  ctx: FlowContext,
  watch: CancelWatch,
  holder: { tag: string; action: LedgerAction },
  body: (attempt: Attempt) => Promise<T>,
): Promise<T> {
  const { signal } = ctx;
  if (watch.request) return Promise.reject(watch.beforeLock(ctx.conn.label));
  watch.enter('lock');
  let inside = false;
  let abandoned = false;
  const run = Attempt.underLock(ctx, holder, (attempt) => {
    if (abandoned) return Promise.reject(watch.beforeLock(ctx.conn.label));
    inside = true;
    return body(attempt);
  });
  if (!signal) return run;
  return raceAbort(run, signal, (_resolve, reject) => {
    if (inside) return;
    abandoned = true;
    reject(watch.beforeLock(ctx.conn.label));
  });
}

export interface AfterSwitch {
  state: DeployState;
  /** The release this attempt activated. */
  attempted: string;
  /** What to bring back (null: nothing can be, e.g. a first deploy or rollback-on-failure off). */
  back: string | null;
  gate?: GateResult;
  bringBack: (tag: string, deadlineAt: number) => Promise<NonNullable<FlowResult['restore']>>;
}

/**
 * A cancel after the switch: `attempted` may be serving while state.json names `state.current`. First both
 * state.json and the ledger say `interrupted` (a SIGKILL may come at any moment), then what ran is brought back
 * and gated within the grace; once it passes, state.json is as it was and the ledger says `cancelled`.
 */
export async function cancelAfterSwitch(
  attempt: Attempt,
  req: CancelRequest,
  s: AfterSwitch,
): Promise<FlowResult> {
  const { ctx } = attempt;
  const phase = s.gate ? 'gate' : 'activate';
  const what = `cancelled (${req.signal}) during the ${phase} of ${s.attempted}`;
  const mark: InterruptedMark = {
    tag: s.attempted,
    restoring: s.back,
    phase,
    since: new Date().toISOString(),
    runUrl: ctx.run.runUrl,
  };
  ctx.log.warning(
    s.back
      ? `${what}: bringing back ${s.back} within ${Math.max(0, Math.round(req.graceLeftMs() / 100) / 10)}s`
      : `${what}: there is nothing to bring back; state.json marks ${s.attempted} as interrupted`,
  );
  await writeMark(ctx, { ...s.state, interrupted: mark });
  // The new release's last answer before the cancel, when it gave one.
  const health = s.gate && s.gate.attempts > 0 ? { health: healthFacts(s.gate) } : {};
  await attempt.finish({ outcome: 'interrupted', phase, error: what, ...health });

  const restore = s.back ? await s.bringBack(s.back, req.at + ROLLBACK_GRACE_MS) : undefined;
  const restored = restore?.gate?.passed === true;
  if (restored) await writeMark(ctx, withoutMark(s.state));
  const failure = restored
    ? `${what}: ${s.back} was brought back and passed its gate`
    : s.back
      ? `${what}: ${s.back} could not be brought back within the grace (${restore?.error ?? restore?.gate?.reason ?? ''}); state.json marks the deploy interrupted`
      : `${what}; state.json marks it interrupted`;
  await attempt.finish({
    outcome: restored ? 'cancelled' : 'interrupted',
    phase,
    error: failure,
    ...health,
    ...(restore ? { restore: restoreFacts(restore.tag, restore.gate) } : {}),
  });
  return {
    status: 'failed',
    attempted: s.attempted,
    current: restore?.gate ? s.back : s.attempted,
    before: s.state.current,
    ...(s.gate ? { gate: s.gate } : {}),
    ...(restore ? { restore } : {}),
    phases: attempt.phases,
    failure,
    pruned: [],
  };
}

/** state.json without an interrupted mark: what it said before the attempt. */
export function withoutMark(state: DeployState): DeployState {
  return { current: state.current, previous: state.previous, strategy: state.strategy };
}

async function writeMark(ctx: FlowContext, state: DeployState): Promise<void> {
  try {
    await writeState(ctx.conn, ctx.appDir, state);
  } catch (e) {
    ctx.log.warning(`could not write state.json (${errText(e)})`);
  }
}

/** What a reader is told when the last attempt left state.json interrupted. Pure. */
export function interruptedText(state: DeployState): string | undefined {
  const m = state.interrupted;
  if (!m) return undefined;
  return (
    `the last attempt was interrupted during the ${m.phase} of ${m.tag} (${m.runUrl || 'outside GitHub Actions'}, ${m.since}): ` +
    `${m.tag}${m.restoring ? ` or ${m.restoring}` : ''} may be what serves; state.json's current (${state.current ?? 'none'}) ` +
    'is trusted only once it passes a gate again'
  );
}

/** The flow's context with the run's cancel, when there is one. */
export function withSignal(ctx: FlowContext, signal: AbortSignal | undefined): FlowContext {
  return signal ? { ...ctx, signal } : ctx;
}
