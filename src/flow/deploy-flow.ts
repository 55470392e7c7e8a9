import type { GateOptions, GateResult } from '../health/gate.js';
import { Cancelled, cancelRequest } from '../io/cancel.js';
import { describeVerdict } from '../health/gate.js';
import { errText, inPhase } from '../io/errors.js';
import { Attempt, healthFacts, phaseField, phaseOf, restoreFacts } from './attempt.js';
import type { FlowContext, FlowResult } from './attempt.js';
import {
  cancelAfterSwitch,
  CancelWatch,
  interruptedText,
  underLockUnlessCancelled,
  withoutMark,
} from './cancel.js';
import { failedTags } from './ledger.js';
import { gateRelease } from './gate-release.js';
import { attachAppLogs, showAppLogs } from './app-logs.js';
import { promoted, writeState } from './state.js';
import type { BlueGreenStrategy, DeployStrategy, StrategyName } from './strategy.js';
import { blueGreenSwitch } from './blue-green-flow.js';
import type { BlueGreenPlan } from './blue-green-flow.js';
import { ConfigurationError } from '../io/errors.js';

export interface DeployOptions {
  tag: string;
  strategy: StrategyName;
  keepReleases: number;
  rollbackOnFailure: boolean;
  /** switch: blue-green (docs/blue-green.md); absent: restart in place. */
  blueGreen?: BlueGreenPlan;
}

/**
 * Deploys one tag to one host, whatever the strategy: lock -> state -> ledger -> prepare -> migrate -> activate
 * -> gate -> (passed) state + ledger + prune, or (failed) bring back the release that ran before, gate it, and
 * record both verdicts. Faults are thrown tagged with their phase; a failed gate is a result, not a throw.
 */
export function deployRelease(ctx: FlowContext, opts: DeployOptions): Promise<FlowResult> {
  const { tag } = opts;
  const watch = new CancelWatch(ctx.signal);
  return underLockUnlessCancelled(ctx, watch, { tag, action: 'deploy' }, async (attempt) => {
    // The locked context: its shell runs every command under the lock's lease, so a killed run's commands are
    // stopped before anyone else gets the lock. The outer ctx's connection would bypass that.
    const ctx = attempt.ctx;
    const strategy = await ctx.strategyFor(opts.strategy);
    const state = await attempt.readState(opts.strategy);
    const before = state.current;
    ctx.log.info(
      `Deploying ${tag} to ${ctx.conn.label} (${strategy.name}); current: ${before ?? 'none'}, previous: ${state.previous ?? 'none'}`,
    );
    const interrupted = interruptedText(state);
    if (interrupted) ctx.log.warning(interrupted);
    const bg = opts.blueGreen && blueGreenOf(strategy);
    const proxy = opts.blueGreen?.proxyFor(ctx.conn, ctx.log);
    await attempt.begin({ action: 'deploy', tag, previous: before, strategy: strategy.name });
    try {
      // A proxy-config the proxy refuses stops the deploy before anything changed, migrations included.
      if (proxy)
        await watch.step(attempt, 'proxy-config', 'Check the proxy config', () => proxy.checkConfig());
      await watch.step(attempt, 'prepare', `Prepare ${tag}`, () => strategy.prepare(tag));
      await watch.step(attempt, 'migrate', `Migrate for ${tag}`, () => strategy.migrate(tag));
      await watch.stopIfCancelled(attempt);
    } catch (e) {
      if (e instanceof Cancelled) throw e;
      await attempt.finish({ outcome: 'aborted', phase: phaseOf(e) ?? 'prepare', error: errText(e) });
      if (ctx.conn.isOpen)
        attachAppLogs(e, await showAppLogs(ctx, strategy, `the failed ${phaseOf(e) ?? 'prepare'}`));
      throw e;
    }
    if (bg && proxy && opts.blueGreen)
      return blueGreenSwitch(attempt, watch, {
        strategy,
        bg,
        proxy,
        plan: opts.blueGreen,
        state,
        tag,
        action: 'deploy',
        prune: (protect) => prune(attempt, strategy, opts.keepReleases, protect),
      });

    const { gate, failure, logs } = await activateAndGate(attempt, strategy, tag);
    const cancel = cancelRequest(ctx.signal);
    if (cancel) {
      const back =
        opts.rollbackOnFailure && before && (before !== tag || strategy.restoresRedeploy) ? before : null;
      return cancelAfterSwitch(attempt, cancel, {
        state,
        attempted: tag,
        back,
        ...(gate ? { gate } : {}),
        bringBack: (t, deadlineAt) => bringBack(attempt, strategy, t, deadlineAt),
      });
    }

    if (gate?.passed) {
      const next = promoted(state, tag, strategy.name);
      // Not a log group of its own, but a lost connection here still names where the deploy stopped.
      await writeState(attempt.ctx.conn, ctx.appDir, next).catch((e: unknown) => {
        throw inPhase('record', e);
      });
      await attempt.finish({ outcome: 'deployed', health: healthFacts(gate) });
      // Cancelled once state.json names the new release: the deploy stands, only the pruning is left out.
      const pruned = ctx.signal?.aborted
        ? []
        : await prune(attempt, strategy, opts.keepReleases, [next.current, next.previous]);
      return {
        status: 'deployed',
        attempted: tag,
        current: tag,
        before,
        gate,
        phases: attempt.phases,
        pruned,
      };
    }

    const health = gate ? { health: healthFacts(gate) } : {};
    const prev = state.current;
    if (!opts.rollbackOnFailure || !prev || (prev === tag && !strategy.restoresRedeploy)) {
      const why = !opts.rollbackOnFailure
        ? 'rollback-on-failure is off'
        : prev === tag
          ? `${tag} was re-deployed over itself and its previous build is not kept by the ${strategy.name} strategy`
          : 'there is no previous release to return to';
      ctx.log.warning(`${failure}; ${why}: ${tag} stays in place`);
      await attempt.finish({
        outcome: 'failed',
        phase: gate ? 'gate' : 'activate',
        error: failure,
        ...health,
      });
      return {
        status: 'failed',
        attempted: tag,
        current: tag,
        before,
        ...(gate ? { gate } : {}),
        phases: attempt.phases,
        failure,
        ...(logs ? { logs } : {}),
        pruned: [],
      };
    }

    ctx.log.warning(`${failure}; rolling back to ${prev}`);
    const restore = await bringBack(attempt, strategy, prev);
    const restored = restore.gate?.passed === true;
    // What state.json names serves again, gated: an earlier attempt's interrupted mark no longer holds.
    if (restored && state.interrupted) await writeState(ctx.conn, ctx.appDir, withoutMark(state));
    await attempt.finish({
      outcome: restored ? 'rolled-back' : 'failed',
      phase: gate ? 'gate' : 'activate',
      error: failure,
      ...health,
      restore: restoreFacts(prev, restore.gate),
    });
    return {
      status: restored ? 'rolled-back' : 'failed',
      attempted: tag,
      // Once the previous release was activated it is what runs (healthy or not) and what state.json names.
      current: restore.gate ? prev : tag,
      before,
      ...(gate ? { gate } : {}),
      restore,
      phases: attempt.phases,
      failure: restored
        ? failure
        : `${failure}; the rollback to ${prev} failed too: ${restore.error ?? restore.gate?.reason ?? ''}`,
      ...(logs ? { logs } : {}),
      pruned: [],
    };
  });
}

/**
 * Activates `tag` and gates it. A failed gate, or a failed activate (a failed `up`, a restart-command after the
 * switch), comes back as `failure`: the caller can still bring back what ran. A lost connection can do nothing
 * more: the attempt is recorded as failed and the error thrown.
 */
export async function activateAndGate(
  attempt: Attempt,
  strategy: DeployStrategy,
  tag: string,
): Promise<{ gate?: GateResult; failure: string; logs?: string }> {
  const { ctx } = attempt;
  try {
    await attempt.phase('activate', `Activate ${tag}`, () => strategy.activate(tag));
    // Cancelled while activating: no gate to start, the caller brings back what ran.
    if (ctx.signal?.aborted) return { failure: `cancelled while activating ${tag}` };
    const gate = await attempt.phase('gate', `Health gate of ${tag}`, () =>
      gateRelease(ctx.conn, strategy, ctx.health, ctx.log, ctx.signal),
    );
    // Read before anything is rolled back: the logs of the release that failed (not when cancelled: no time).
    const logs =
      gate.passed || ctx.signal?.aborted ? '' : await showAppLogs(ctx, strategy, `the failed gate of ${tag}`);
    return {
      gate,
      failure: `the health gate of ${tag} failed: ${gate.reason ?? describeVerdict(gate.last)}`,
      ...(logs ? { logs } : {}),
    };
  } catch (e) {
    if (!ctx.conn.isOpen) {
      await attempt.finish({ outcome: 'failed', ...phaseField(e), error: errText(e) });
      throw e;
    }
    const logs = await showAppLogs(ctx, strategy, `the failed activation of ${tag}`);
    return { failure: errText(e), ...(logs ? { logs } : {}) };
  }
}

/**
 * Activates a release already on the server (no prepare: its images or directory are kept) and gates it. After
 * a cancel the gate ends by `deadlineAt` (performance.now() time) instead of health-timeout, and is not itself
 * cancelled: the second signal must not cut it midway.
 */
export async function bringBack(
  attempt: Attempt,
  strategy: DeployStrategy,
  tag: string,
  deadlineAt?: number,
): Promise<{ tag: string; gate?: GateResult; error?: string }> {
  const { health } = attempt.ctx;
  try {
    const gate = await attempt.phase('rollback', `Roll back to ${tag}`, async () => {
      await strategy.activate(tag);
      const plan = deadlineAt === undefined ? health : { ...health, gate: within(health.gate, deadlineAt) };
      return gateRelease(attempt.ctx.conn, strategy, plan, attempt.ctx.log);
    });
    return { tag, gate };
  } catch (e) {
    attempt.ctx.log.warning(`rolling back to ${tag} failed: ${errText(e)}`);
    return { tag, error: errText(e) };
  }
}

/** The strategy's blue-green side; a strategy without one cannot run `switch: blue-green`. */
export function blueGreenOf(strategy: DeployStrategy): BlueGreenStrategy {
  if (strategy.blueGreen) return strategy.blueGreen;
  throw new ConfigurationError(
    `input "switch" got "blue-green": the ${strategy.name} strategy here cannot run two instances side by side`,
  );
}

/** The gate options cut to end by deadlineAt (at least one second: one probe). */
function within(gate: GateOptions, deadlineAt: number): GateOptions {
  const left = Math.max(1, (deadlineAt - performance.now()) / 1000);
  return {
    ...gate,
    timeoutSeconds: Math.min(gate.timeoutSeconds, left),
    requestTimeoutSeconds: Math.min(gate.requestTimeoutSeconds, left),
  };
}

/** Prunes after a passed gate; a failure to prune is a warning, never a failed deploy. */
async function prune(
  attempt: Attempt,
  strategy: DeployStrategy,
  keep: number,
  protect: (string | null)[],
): Promise<string[]> {
  try {
    return await attempt.phase('prune', `Prune beyond keep-releases (${keep})`, async () => {
      const failed = failedTags(await attempt.ledger.read());
      const removed = await strategy.prune(
        keep,
        protect.filter((t): t is string => !!t),
        failed,
      );
      attempt.ctx.log.info(removed.length ? `Removed ${removed.join(', ')}` : 'Nothing to prune');
      return removed;
    });
  } catch (e) {
    attempt.ctx.log.warning(`pruning old releases failed: ${errText(e)}`);
    return [];
  }
}
