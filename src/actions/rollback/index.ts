import { runAction } from '../../io/entry.js';
import { runRollback } from './run.js';

await runAction(runRollback);
