import type { ActionIO } from '../../io/action-io.js';
import { inPhase } from '../../io/errors.js';
import { runDeploy } from '../deploy/run.js';
import type { DeployVariant } from '../deploy/run.js';
import { buildAndPush, buildPlan } from './build.js';
import { readPipelineInputs } from './inputs.js';
import { LOGIN_STATE } from './post.js';
import type { PipelineInputs } from './inputs.js';

/** The root action: actions/deploy plus, with `build: true`, the image built and pushed on the runner first. */
export const pipelineAction: DeployVariant<PipelineInputs> = {
  title: 'Build and deploy',
  readInputs: readPipelineInputs,
  fallbackTag: (i, run) => (i.build && run.sha ? `sha-${run.sha.slice(0, 7)}` : undefined),
  async beforeDeploy(io, i, plan) {
    if (!i.build) return;
    const build = buildPlan(i, plan.tag, io.run.sha, io.run.workspace);
    // Saved before the login, so that a job cancelled or failed from here on still gets the post step's logout.
    if (build.login) io.saveState(LOGIN_STATE, build.login.registry);
    await io.group(`Build and push ${build.refs.join(', ')}`, () =>
      buildAndPush(io, build).catch((e: unknown) => {
        throw inPhase('build', e);
      }),
    );
  },
};

export function runPipeline(io: ActionIO): Promise<void> {
  return runDeploy(io, pipelineAction);
}
