import { runAction } from '../../io/entry.js';
import { deployAction, runDeploy } from './run.js';

await runAction((io, signal) => runDeploy(io, deployAction, signal));
