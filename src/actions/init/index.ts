import { runAction } from '../../io/entry.js';
import { withConfigFile } from '../../io/configured-io.js';
import { initInputSpec } from './inputs.js';
import { runInit } from './run.js';

// vps-deploy.yml (or the `config` input) under the inputs: README, "One config for workflows and terminal".
await runAction(async (io) => runInit(await withConfigFile(io, initInputSpec)));
