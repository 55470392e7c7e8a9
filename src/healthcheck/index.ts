import { runAction } from '../common/entry.js';
import { runHealthcheck } from './run.js';

await runAction(runHealthcheck);
