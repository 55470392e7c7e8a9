import { runAction } from '../../io/entry.js';
import { withConfigFile } from '../../io/configured-io.js';
import { deployInputSpec } from './inputs.js';
import { deployAction, runDeploy } from './run.js';

// vps-deploy.yml (or the `config` input) under the inputs: README, "One config for workflows and terminal".
await runAction(async (io, signal) =>
  runDeploy(await withConfigFile(io, deployInputSpec), deployAction, signal),
);
