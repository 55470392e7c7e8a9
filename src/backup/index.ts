import { runAction } from '../common/entry.js';
import { runBackup } from './run.js';

await runAction(runBackup);
