import { ConfigurationError } from '../io/errors.js';
import { Attempt, healthFacts, phaseOf, restoreFacts } from './attempt.js';
import type { FlowContext, FlowResult } from './attempt.js';
import { activateAndGate, bringBack } from './deploy-flow.js';
import { Cancelled, cancelRequest } from '../io/cancel.js';
import { cancelAfterSwitch, CancelWatch, interruptedText } from './cancel.js';
import { promoted, writeState } from './state.js';
import type { DeployState } from './state.js';
import { blueGreenSwitch } from './blue-green-flow.js';
import type { BlueGreenPlan } from './blue-green-flow.js';
import { blueGreenOf } from './deploy-flow.js';
import { errText } from '../io/errors.js';

/** `previous` or a tag; a tag must still be on the server. Pure, so the error a user sees is tested as a table. */
export function rollbackTarget(to: string, state: DeployState, available: string[]): string {
  if (!state.current)
    throw new ConfigurationError('nothing has been deployed here yet: there is nothing to roll back');
  const target = to === 'previous' ? state.previous : to;
  if (!target) {
    throw new ConfigurationError(
      `there is no previous release recorded (current is ${state.current}); name a tag in "to"` +
        (available.length ? `: tags on the server: ${available.join(', ')}` : ''),
    );
  }
  if (!available.includes(target)) {
    throw new ConfigurationError(
      `input "to" got ${JSON.stringify(target)}: it is not on the server any more; ` +
        (available.length
          ? `tags on the server: ${available.join(', ')}`
          : 'no release is left on the server to return to'),
    );
  }
  return target;
}

/**
 * Manual rollback (actions/rollback): under the lock, to `previous` or a tag still on the server, with the
 * strategy recorded in state.json; gated; when the target fails to start or fails its gate, the release that ran
 * is brought back.
 */
export function rollbackRelease(
  ctx: FlowContext,
  to: string,
  blueGreen?: BlueGreenPlan,
): Promise<FlowResult> {
  return Attempt.underLock(ctx, { tag: to, action: 'rollback' }, async (attempt) => {
    // The locked context: its shell runs every command under the lock's lease (see deploy-flow).
    const ctx = attempt.ctx;
    const state = await attempt.readState('compose');
    const strategy = await ctx.strategyFor(state.strategy);
    const target = rollbackTarget(to, state, state.current ? await strategy.available() : []);
    const before = state.current;
    ctx.log.info(`Rolling back ${ctx.conn.label} from ${before} to ${target} (${strategy.name})`);
    const interrupted = interruptedText(state);
    if (interrupted) ctx.log.warning(interrupted);
    const bg = blueGreen && blueGreenOf(strategy);
    await attempt.begin({ action: 'rollback', tag: target, previous: before, strategy: strategy.name });
    // A cancel that came while connecting or waiting for the lock: nothing has changed yet.
    const watch = new CancelWatch(ctx.signal);
    await watch.stopIfCancelled(attempt);
    if (bg && blueGreen) {
      // The same sequence as a deploy, towards a release already on the server: zero-downtime too.
      const proxy = blueGreen.proxyFor(ctx.conn, ctx.log);
      try {
        await watch.step(attempt, 'proxy-config', 'Check the proxy config', () => proxy.checkConfig());
      } catch (e) {
        if (e instanceof Cancelled) throw e;
        await attempt.finish({ outcome: 'failed', phase: phaseOf(e) ?? 'proxy-config', error: errText(e) });
        throw e;
      }
      const r = { strategy, bg, proxy, plan: blueGreen, state, tag: target, action: 'rollback' as const };
      return blueGreenSwitch(attempt, watch, r);
    }
    const { gate, failure, logs } = await activateAndGate(attempt, strategy, target);
    const cancel = cancelRequest(ctx.signal);
    if (cancel) {
      return cancelAfterSwitch(attempt, cancel, {
        state,
        attempted: target,
        back: before && before !== target ? before : null,
        ...(gate ? { gate } : {}),
        bringBack: (t, deadlineAt) => bringBack(attempt, strategy, t, deadlineAt),
      });
    }
    if (gate?.passed) {
      await writeState(ctx.conn, ctx.appDir, promoted(state, target, strategy.name));
      await attempt.finish({ outcome: 'rolled-back', health: healthFacts(gate) });
      return {
        status: 'rolled-back',
        attempted: target,
        current: target,
        before,
        gate,
        phases: attempt.phases,
        pruned: [],
      };
    }
    ctx.log.warning(`${failure}; bringing back ${before}`);
    const restore = before && before !== target ? await bringBack(attempt, strategy, before) : undefined;
    await attempt.finish({
      outcome: 'failed',
      phase: gate ? 'gate' : 'activate',
      error: failure,
      ...(gate ? { health: healthFacts(gate) } : {}),
      ...(restore ? { restore: restoreFacts(restore.tag, restore.gate) } : {}),
    });
    return {
      status: 'failed',
      attempted: target,
      // Once the release that ran was activated again it is what runs and what state.json names.
      current: restore?.gate ? before : target,
      before,
      ...(gate ? { gate } : {}),
      ...(restore ? { restore } : {}),
      phases: attempt.phases,
      failure,
      ...(logs ? { logs } : {}),
      pruned: [],
    };
  });
}
