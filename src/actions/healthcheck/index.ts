import { runAction } from '../../io/entry.js';
import { runHealthcheck } from './run.js';

await runAction(runHealthcheck);
