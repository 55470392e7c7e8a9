import { randomUUID } from 'node:crypto';
import { inPhase, RemoteError } from '../io/errors.js';
import type { GateResult } from '../health/gate.js';
import type { Log, RemoteShell } from '../ssh/remote-shell.js';
import { errText } from '../io/errors.js';
import { ReleaseLedger, ledgerRecord } from './ledger.js';
import type { AttemptFacts, HealthFacts, LedgerAction, LedgerRecord } from './ledger.js';
import { underAppLock } from './leased-shell.js';
import { acquireDeployLock } from './lock.js';
import type { DeployLock } from './lock.js';
import type { HealthPlan } from './gate-release.js';
import { emptyState, parseState, readState, stateDir } from './state.js';
import type { DeployState } from './state.js';
import type { DeployStrategy, StrategyName } from './strategy.js';

/** A log that can fold lines into a collapsible group (ActionIO is one). */
export interface FlowLog extends Log {
  group<T>(title: string, fn: () => Promise<T>): Promise<T>;
}

/** What the deploy and rollback flows need for one host, whatever the strategy. */
export interface FlowContext {
  conn: RemoteShell;
  appDir: string;
  log: FlowLog;
  run: { actor: string; runUrl: string };
  /** Values never to write into the ledger (the secret inputs). */
  secrets: string[];
  lockTimeoutSeconds: number;
  health: HealthPlan;
  /**
   * The strategy of that name (rollback reads the name from state.json), over `conn` when given (the locked
   * shell), else over this context's connection.
   */
  strategyFor: (name: StrategyName, conn?: RemoteShell) => Promise<DeployStrategy>;
  /** The run's cancel (SIGINT/SIGTERM, src/io/cancel.ts): checked between steps and by the gate. */
  signal?: AbortSignal;
}

export type FlowStatus = 'deployed' | 'rolled-back' | 'failed';

export interface FlowResult {
  status: FlowStatus;
  /** The tag this run tried to make current. */
  attempted: string;
  /** What is current now, and what was before this run. */
  current: string | null;
  before: string | null;
  gate?: GateResult;
  /** The return to the release that ran before, when the attempted one failed. */
  restore?: { tag: string; gate?: GateResult; error?: string };
  /** Milliseconds per phase. */
  phases: Record<string, number>;
  failure?: string;
  /** The app's last log lines, read when the attempted release failed (redacted). */
  logs?: string;
  pruned: string[];
  /**
   * switch: blue-green: the port the attempted release ran on, the port that serves after the run (null: none
   * of ours), and whether traffic moved to the attempted release.
   */
  traffic?: { port: number; serving: number | null; moved: boolean };
}

export function healthFacts(g: GateResult): HealthFacts {
  return {
    passed: g.passed,
    verdict: g.last.verdict,
    ...(g.last.code !== undefined ? { code: g.last.code } : {}),
    latencyMs: g.last.latencyMs,
  };
}

/** The ledger's `restore` field for a release brought back: its gate, or unreachable when it never got one. */
export function restoreFacts(tag: string, gate: GateResult | undefined): { tag: string } & HealthFacts {
  return { tag, ...(gate ? healthFacts(gate) : { passed: false, verdict: 'unreachable' }) };
}

/**
 * One attempt on one host, under the deploy lock: times each phase in its own log group and tags its errors
 * with the phase, and writes the attempt's ledger lines.
 */
export class Attempt {
  readonly phases: Record<string, number> = {};
  private facts?: AttemptFacts;

  private constructor(
    readonly ctx: FlowContext,
    readonly ledger: ReleaseLedger,
  ) {}

  /**
   * Takes the lock, runs body with every remote command under it (a LeasedShell: the strategies are made
   * again over it), and always releases the lock.
   */
  static async underLock<T>(
    ctx: FlowContext,
    holder: { tag: string; action: LedgerAction },
    body: (attempt: Attempt) => Promise<T>,
  ): Promise<T> {
    const locking = new Attempt(ctx, new ReleaseLedger(ctx.conn, ctx.appDir, ctx.log));
    let lock: DeployLock | undefined;
    const take = () =>
      locking.phase('lock', `Deploy lock of ${ctx.appDir}`, async () => {
        lock = await acquireDeployLock(
          ctx.conn,
          ctx.appDir,
          { ...ctx.run, ...holder, since: new Date().toISOString() },
          ctx.lockTimeoutSeconds,
          ctx.log,
        );
        return lock;
      });
    return underAppLock(
      ctx.conn,
      ctx.appDir,
      take,
      (shell) => {
        const locked: FlowContext = {
          ...ctx,
          conn: shell,
          strategyFor: (name) => ctx.strategyFor(name, shell),
        };
        // The ledger's lines and the first state read go over the lock's own channel: no exec each.
        const attempt = new Attempt(locked, new ReleaseLedger(shell, ctx.appDir, ctx.log, lock));
        attempt.heldState = lock?.stateText;
        Object.assign(attempt.phases, locking.phases);
        return body(attempt);
      },
      phaseOf,
    );
  }

  /** state.json as the lock's holder read it on taking the lock (see DeployLock.stateText); used once. */
  private heldState: string | null | undefined;

  readState(fallback: StrategyName): Promise<DeployState> {
    if (!this.ctx.conn.isOpen) return Promise.reject(new RemoteError('connection lost'));
    const held = this.heldState;
    this.heldState = undefined;
    if (held === null) return Promise.resolve(emptyState(fallback));
    if (held !== undefined) {
      const path = `${stateDir(this.ctx.appDir)}/state.json`;
      return Promise.resolve().then(() => parseState(held, fallback, path));
    }
    return readState(this.ctx.conn, this.ctx.appDir, fallback);
  }

  /** Runs fn as a named phase: a log group, a duration, and errors tagged with the phase. */
  async phase<T>(name: string, title: string, fn: () => Promise<T>): Promise<T> {
    const t0 = performance.now();
    try {
      return await this.ctx.log.group(title, fn);
    } catch (e) {
      throw inPhase(name, e);
    } finally {
      this.phases[name] = (this.phases[name] ?? 0) + performance.now() - t0;
    }
  }

  /** The first ledger line: from here on an unfinished attempt is visible. */
  async begin(facts: Omit<AttemptFacts, 'id' | 'host' | 'actor' | 'runUrl'>): Promise<void> {
    this.facts = { id: randomUUID(), host: this.ctx.conn.label, ...this.ctx.run, ...facts };
    await this.ledger.append(ledgerRecord(this.facts, { outcome: 'started' }, this.ctx.secrets));
  }

  /** The final ledger line. Failing to write it (the connection is gone) is logged, not thrown over the real error. */
  async finish(end: Partial<LedgerRecord> & Pick<LedgerRecord, 'outcome'>): Promise<void> {
    if (!this.facts) return;
    const record = ledgerRecord(this.facts, { ...end, durations: { ...this.phases } }, this.ctx.secrets);
    try {
      await this.ledger.append(record);
    } catch (e) {
      this.ctx.log.warning(
        `could not write the ledger's final line (${errText(e)}): the attempt stays recorded as started`,
      );
    }
  }
}

/** The phase a tagged error happened in. */
export function phaseOf(e: unknown): string | undefined {
  return e instanceof RemoteError ? e.phase : undefined;
}

/** `{ phase }` for a ledger line when the error names one, else nothing (no `phase: undefined` key). */
export function phaseField(e: unknown): { phase?: string } {
  const phase = phaseOf(e);
  return phase ? { phase } : {};
}
