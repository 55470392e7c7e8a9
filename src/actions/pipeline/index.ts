import { runActionWithPost } from '../../io/entry.js';
import { withConfigFile } from '../../io/configured-io.js';

// One bundle for both steps of action.yml (main and post): each loads only the code it runs.
await runActionWithPost(
  async (io, signal) => {
    // vps-deploy.yml (or the `config` input) under the inputs: README, "One config for workflows and terminal".
    const { pipelineInputSpec } = await import('./inputs.js');
    return (await import('./run.js')).runPipeline(await withConfigFile(io, pipelineInputSpec), signal);
  },
  async (io) => (await import('./post.js')).runPipelinePost(io),
);
