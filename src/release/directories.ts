import { ConfigurationError } from '../common/errors.js';
import type { DeployStrategy, ReleaseStrategyOptions, StrategyContext } from './strategy.js';

/** The `release` strategy: release directories, shared files, atomic switch, restart command. */
export function releaseStrategy(_ctx: StrategyContext, _opts: ReleaseStrategyOptions): DeployStrategy {
  throw new ConfigurationError('strategy "release" is not available in this build yet');
}
