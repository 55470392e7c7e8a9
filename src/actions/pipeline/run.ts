import type { ActionIO } from '../../io/action-io.js';
import { ConfigurationError, inPhase } from '../../io/errors.js';
import { runDeploy } from '../deploy/run.js';
import type { DeployVariant } from '../deploy/run.js';
import { buildAndPush, buildArgSecrets, buildPlans } from './build.js';
import { readPipelineInputs } from './inputs.js';
import { LOGIN_STATE } from './post.js';
import type { PipelineInputs } from './inputs.js';

/** The root action: actions/deploy plus, with `build: true`, the image built and pushed on the runner first. */
export const pipelineAction: DeployVariant<PipelineInputs> = {
  title: 'Build and deploy',
  readInputs: readPipelineInputs,
  fallbackTag: (i, run) => (i.build && run.sha ? `sha-${run.sha.slice(0, 7)}` : undefined),
  async beforeDeploy(io, i, plan) {
    if (!i.build && (i.images.length || i.target))
      throw new ConfigurationError(
        `input "${i.images.length ? 'images' : 'target'}" is for the image build: set build: true, or leave it empty`,
      );
    if (!i.build) return;
    const builds = buildPlans(i, plan.tag, io.run.sha, io.run.workspace);
    for (const value of buildArgSecrets(i['build-args'])) io.setSecret(value);
    // Saved before the login, so that a job cancelled or failed from here on still gets the post step's logout.
    const login = builds.find((b) => b.login)?.login;
    if (login) io.saveState(LOGIN_STATE, login.registry);
    await buildAndPush(io, builds).catch((e: unknown) => {
      throw inPhase('build', e);
    });
  },
};

export function runPipeline(io: ActionIO, signal?: AbortSignal): Promise<void> {
  return runDeploy(io, pipelineAction, signal);
}
