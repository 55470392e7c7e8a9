import { runAction } from '../common/entry.js';
import { runRollback } from './run.js';

await runAction(runRollback);
