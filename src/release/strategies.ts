import { composeStrategy } from './compose.js';
import type { ComposeStrategyOptions } from './compose.js';
import { releaseStrategy } from './directories.js';
import type { DeployStrategy, ReleaseStrategyOptions, StrategyContext, StrategyName } from './strategy.js';

/** The two strategies behind one switch: everything else in the flow is the same for both. */
export function strategyChooser(
  ctx: StrategyContext,
  opts: { compose: ComposeStrategyOptions; release: ReleaseStrategyOptions },
): (name: StrategyName) => DeployStrategy {
  return (name) =>
    name === 'release' ? releaseStrategy(ctx, opts.release) : composeStrategy(ctx, opts.compose);
}
