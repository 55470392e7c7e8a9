import { composeStrategy } from './compose/strategy.js';
import type { ComposeStrategyOptions } from './compose/strategy.js';
import { releaseStrategy } from './release-dirs/strategy.js';
import type {
  DeployStrategy,
  ReleaseStrategyOptions,
  StrategyContext,
  StrategyName,
} from '../flow/strategy.js';
import type { FlowContext } from '../flow/attempt.js';
import type { HealthPlan } from '../flow/gate-release.js';
import type { ActionIO } from '../io/action-io.js';
import type { RemoteShell } from '../ssh/remote-shell.js';
import type { AppLocation } from '../ssh/target.js';

/** What the flow needs of a deploy or rollback plan, whichever action made it. */
export interface FlowPlan {
  location: AppLocation;
  health: HealthPlan;
  lockTimeoutSeconds: number;
  compose: ComposeStrategyOptions;
  release: ReleaseStrategyOptions;
}

/** The two strategies behind one switch: everything else in the flow is the same for both. */
export function strategyChooser(
  ctx: StrategyContext,
  opts: { compose: ComposeStrategyOptions; release: ReleaseStrategyOptions },
): (name: StrategyName) => DeployStrategy {
  return (name) =>
    name === 'release' ? releaseStrategy(ctx, opts.release) : composeStrategy(ctx, opts.compose);
}

/** The flow's context for one connection: the run's facts, the plan's gate and lock, and both strategies. */
export function flowContext(conn: RemoteShell, io: ActionIO, plan: FlowPlan, secrets: string[]): FlowContext {
  const strategyCtx = { conn, app: plan.location.app, appDir: plan.location.appDir, log: io };
  return {
    conn,
    appDir: plan.location.appDir,
    log: io,
    run: { actor: io.run.actor, runUrl: io.run.runUrl },
    secrets,
    lockTimeoutSeconds: plan.lockTimeoutSeconds,
    health: plan.health,
    strategyFor: (name, over) =>
      strategyChooser(over ? { ...strategyCtx, conn: over } : strategyCtx, plan)(name),
  };
}
