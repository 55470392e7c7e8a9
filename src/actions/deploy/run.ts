import type { ActionIO, RunContext } from '../../io/action-io.js';
import { RemoteError } from '../../io/errors.js';
import type { RawInputs } from '../../io/inputs.js';
import { maskSecretInputs, SECRET_INPUT_NAMES } from '../../io/secrets.js';
import { GitHubDeployment } from '../../github/deployments.js';
import { deployRelease } from '../../flow/deploy-flow.js';
import { withSignal } from '../../flow/cancel.js';
import { flowContext } from '../../strategies/index.js';
import type { DeployInputs } from './inputs.js';
import { readDeployInputs } from './inputs.js';
import { deployPlan } from './plan.js';
import type { DeployPlan } from './plan.js';
import { planText } from './plan-text.js';
import { setOutputs, stepStatus, summaryMarkdown } from '../../flow/report.js';
import { eachHost } from '../../flow/hosts.js';
import { blueGreenPlan } from '../../strategies/switch-plan.js';

/**
 * What differs between actions/deploy and the root action, passed in as one object: the inputs it reads, a tag
 * when none is given, and work on the runner before any host is touched (the root action builds and pushes).
 */
export interface DeployVariant<I extends DeployInputs = DeployInputs> {
  title: string;
  readInputs(raw: RawInputs): I;
  fallbackTag?(inputs: I, run: RunContext): string | undefined;
  beforeDeploy?(io: ActionIO, inputs: I, plan: DeployPlan): Promise<void>;
}

export const deployAction: DeployVariant = { title: 'Deploy', readInputs: readDeployInputs };

/** actions/deploy: inputs -> plan -> (variant's runner work) -> each host in turn -> outputs, summary. */
export async function runDeploy<I extends DeployInputs>(
  io: ActionIO,
  variant: DeployVariant<I>,
  signal?: AbortSignal,
): Promise<void> {
  const started = performance.now();
  maskSecretInputs(io);
  const inputs = variant.readInputs((n) => io.input(n));
  const plan = await deployPlan(inputs, io.run, variant.fallbackTag?.(inputs, io.run));
  io.info(planText(plan));
  const secrets = SECRET_INPUT_NAMES.map((n) => io.input(n)).filter(Boolean);
  await variant.beforeDeploy?.(io, inputs, plan);

  const github = inputs.environment
    ? await GitHubDeployment.start(io, {
        token: inputs['github-token'],
        environment: inputs.environment,
        environmentUrl: inputs['environment-url'],
        ref: io.run.sha || plan.tag,
        tag: plan.tag,
        description: `vps-deploy ${plan.tag} to ${plan.targets.map((t) => t.host).join(', ')}`,
      })
    : undefined;

  const { reports, fault } = await eachHost(plan.targets, io, 'deployed', (conn) =>
    deployRelease(withSignal(flowContext(conn, io, plan, secrets), signal), {
      tag: plan.tag,
      strategy: plan.strategy,
      keepReleases: plan.keepReleases,
      rollbackOnFailure: plan.rollbackOnFailure,
      ...(plan.switch ? { blueGreen: blueGreenPlan(plan.switch) } : {}),
    }),
  );
  const status = stepStatus(reports, 'deployed');
  setOutputs(io, status, reports, started, { previous: 'previous-tag' });
  await io.summary(summaryMarkdown(`${variant.title} ${plan.tag}`, status, reports, secrets));
  await github?.status(status === 'deployed' ? 'success' : 'failure', `${plan.tag}: ${status}`);

  if (fault) throw fault;
  if (status !== 'deployed') {
    const failed = reports.find((r) => r.result?.status !== 'deployed');
    const message = `${status}: ${failed?.result?.failure ?? 'the deploy did not complete'}`;
    throw status === 'rolled-back' ? new RemoteError(message, 'gate') : new RemoteError(message);
  }
  if (plan.targets.length > 1) io.info(`Deployed ${plan.tag} to ${plan.targets.length} hosts`);
}
