import { runAction } from '../../io/entry.js';
import { withConfigFile } from '../../io/configured-io.js';
import { healthcheckInputSpec } from './inputs.js';
import { runHealthcheck } from './run.js';

// vps-deploy.yml (or the `config` input) under the inputs: README, "One config for workflows and terminal".
await runAction(async (io) => runHealthcheck(await withConfigFile(io, healthcheckInputSpec)));
