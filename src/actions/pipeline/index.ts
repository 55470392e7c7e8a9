import { runAction } from '../../io/entry.js';
import { runPipeline } from './run.js';

await runAction(runPipeline);
