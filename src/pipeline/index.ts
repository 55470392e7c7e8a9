import { runAction } from '../common/entry.js';
import { runPipeline } from './run.js';

await runAction(runPipeline);
