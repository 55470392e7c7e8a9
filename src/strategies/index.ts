import type { ComposeStrategyOptions } from './compose/strategy.js';
import { redact } from '../flow/ledger.js';
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
  /** strategy: swarm: the stack's name (input `stack`; '' or absent = the app name). */
  stack?: string;
}

/**
 * The strategies behind one switch: everything else in the flow is the same for each. Each is loaded when first
 * asked for, so a release deploy never loads Compose's or Swarm's code (and yaml with them) at start-up.
 */
export function strategyChooser(
  ctx: StrategyContext,
  opts: {
    compose: ComposeStrategyOptions;
    release: ReleaseStrategyOptions;
    stack?: string;
    health?: HealthPlan;
    summary?: (markdown: string) => Promise<void>;
  },
): (name: StrategyName) => Promise<DeployStrategy> {
  return async (name) => {
    if (name === 'release')
      return (await import('./release-dirs/strategy.js')).releaseStrategy(ctx, opts.release);
    if (name !== 'swarm') return (await import('./compose/strategy.js')).composeStrategy(ctx, opts.compose);
    // A swarm stack takes the compose strategy's files and registry; converging is bounded by health-timeout.
    const { swarmStrategy } = await import('./swarm/strategy.js');
    return swarmStrategy(ctx, {
      ...opts.compose,
      stack: opts.stack ?? '',
      timeoutSeconds: opts.health?.gate.timeoutSeconds ?? 60,
      intervalSeconds: opts.health?.gate.intervalSeconds ?? 1,
      ...(opts.summary ? { summary: opts.summary } : {}),
    });
  };
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
      strategyChooser(over ? { ...strategyCtx, conn: over } : strategyCtx, {
        ...plan,
        summary: (markdown) => io.summary(redact(markdown, secrets)),
      })(name),
  };
}
