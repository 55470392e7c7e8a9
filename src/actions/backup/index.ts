import { runAction } from '../../io/entry.js';
import { runBackup } from './run.js';

await runAction(runBackup);
