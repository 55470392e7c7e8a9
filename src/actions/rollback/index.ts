import { runAction } from '../../io/entry.js';
import { withConfigFile } from '../../io/configured-io.js';
import { rollbackInputSpec } from './inputs.js';
import { runRollback } from './run.js';

// vps-deploy.yml (or the `config` input) under the inputs: README, "One config for workflows and terminal".
await runAction(async (io, signal) => runRollback(await withConfigFile(io, rollbackInputSpec), signal));
