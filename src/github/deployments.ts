import type { ActionIO } from '../io/action-io.js';
import { describeFailure, openGitHubRest, withinBudget } from './rest-client.js';
import type { GitHubRest } from './rest-client.js';

/**
 * A GitHub Deployment for an environment, with its statuses (in_progress -> success/failure). It only reports:
 * when the token may not create deployments (403: the workflow lacks `permissions: deployments: write`) or the
 * API is out of reach, the deploy warns and goes on.
 */
export interface DeploymentRequest {
  token: string;
  environment: string;
  environmentUrl: string;
  /** What GitHub shows as deployed: the commit SHA of the run (or the tag outside a workflow). */
  ref: string;
  tag: string;
  description: string;
}

type Io = Pick<ActionIO, 'warning' | 'info' | 'debug' | 'run'>;

export type DeploymentState = 'in_progress' | 'success' | 'failure' | 'error';

const API_VERSION = '2022-11-28';

export class GitHubDeployment {
  private constructor(
    private readonly io: Io,
    private readonly api: GitHubCalls,
    readonly id: number,
    private readonly environmentUrl: string,
  ) {}

  /** Creates the deployment and marks it in_progress; undefined when GitHub refused or could not be reached. */
  static async start(io: Io, req: DeploymentRequest): Promise<GitHubDeployment | undefined> {
    const [owner, repo] = io.run.repository.split('/');
    if (!owner || !repo) {
      io.warning(
        'environment is set but the run has no repository (GITHUB_REPOSITORY): no GitHub Deployment is recorded',
      );
      return undefined;
    }
    if (!req.token) {
      io.warning('environment is set but github-token is empty: no GitHub Deployment is recorded');
      return undefined;
    }
    const api = new GitHubCalls(io, await openGitHubRest(io.run.apiUrl, io), req.token, owner, repo);
    const created = await api.call(`POST /repos/${owner}/${repo}/deployments`, (rest, extra) =>
      rest.rest.repos.createDeployment({
        owner,
        repo,
        ref: req.ref,
        environment: req.environment,
        description: req.description,
        auto_merge: false,
        required_contexts: [],
        transient_environment: false,
        production_environment: /^prod(uction)?$/i.test(req.environment),
        payload: { tag: req.tag },
        ...extra,
      }),
    );
    // 202 (a merge of the default branch instead of a deployment) cannot happen with auto_merge off.
    const id = created && 'id' in created ? created.id : undefined;
    if (typeof id !== 'number') return undefined;
    const d = new GitHubDeployment(io, api, id, req.environmentUrl);
    await d.status('in_progress', `deploying ${req.tag}`);
    io.info(`GitHub Deployment ${id} for environment ${req.environment}`);
    return d;
  }

  async status(state: DeploymentState, description: string): Promise<void> {
    const { owner, repo } = this.api;
    await this.api.call(`POST /repos/${owner}/${repo}/deployments/${this.id}/statuses`, (rest, extra) =>
      rest.rest.repos.createDeploymentStatus({
        owner,
        repo,
        deployment_id: this.id,
        state,
        description: description.slice(0, 140),
        auto_inactive: true,
        ...(this.io.run.runUrl ? { log_url: this.io.run.runUrl } : {}),
        ...(this.environmentUrl ? { environment_url: this.environmentUrl } : {}),
        ...extra,
      }),
    );
  }
}

/** Per-call parts every request carries: the token, the API version, and the time budget's signal. */
interface CallExtras {
  headers: Record<string, string>;
  request: { signal: AbortSignal };
}

class GitHubCalls {
  constructor(
    private readonly io: Io,
    private readonly rest: GitHubRest,
    private readonly token: string,
    readonly owner: string,
    readonly repo: string,
  ) {}

  /** The response data, or undefined after a warning: a Deployment is never worth failing the deploy for. */
  async call<R extends { data: unknown }>(
    label: string,
    send: (rest: GitHubRest, extra: CallExtras) => Promise<R>,
  ): Promise<R['data'] | undefined> {
    try {
      const res = await withinBudget((signal) =>
        send(this.rest, {
          // Bearer, as GitHub documents it; Octokit's token auth would send `token <value>`.
          headers: { authorization: `Bearer ${this.token}`, 'x-github-api-version': API_VERSION },
          request: { signal },
        }),
      );
      return res.data;
    } catch (e) {
      this.io.warning(describeFailure(e, label, this.io.run.apiUrl));
      return undefined;
    }
  }
}
