import { runAction } from '../../io/entry.js';
import { runInit } from './run.js';

await runAction(runInit);
