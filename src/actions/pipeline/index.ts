import { runActionWithPost } from '../../io/entry.js';

// One bundle for both steps of action.yml (main and post): each loads only the code it runs.
await runActionWithPost(
  async (io, signal) => (await import('./run.js')).runPipeline(io, signal),
  async (io) => (await import('./post.js')).runPipelinePost(io),
);
