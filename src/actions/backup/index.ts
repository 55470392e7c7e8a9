import { runAction } from '../../io/entry.js';
import { withConfigFile } from '../../io/configured-io.js';
import { backupInputSpec } from './inputs.js';
import { runBackup } from './run.js';

// vps-deploy.yml (or the `config` input) under the inputs: README, "One config for workflows and terminal".
await runAction(async (io) => runBackup(await withConfigFile(io, backupInputSpec)));
