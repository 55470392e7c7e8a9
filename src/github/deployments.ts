import type { ActionIO } from '../io/action-io.js';

/**
 * A GitHub Deployment for an environment, with its statuses (in_progress -> success/failure), through the REST
 * API with plain fetch (no Octokit on the deploy's cold path). It only reports: when the token may not create
 * deployments (403: the workflow lacks `permissions: deployments: write`) or the API is out of reach, the
 * deploy warns and goes on.
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

type Io = Pick<ActionIO, 'warning' | 'info' | 'run'>;

export type DeploymentState = 'in_progress' | 'success' | 'failure' | 'error';

export class GitHubDeployment {
  private constructor(
    private readonly io: Io,
    private readonly base: string,
    private readonly token: string,
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
    const base = `${io.run.apiUrl.replace(/\/+$/, '')}/repos/${encodeURIComponent(owner)}/${encodeURIComponent(repo)}/deployments`;
    const created = await call(io, req.token, 'POST', base, {
      ref: req.ref,
      environment: req.environment,
      description: req.description,
      auto_merge: false,
      required_contexts: [],
      transient_environment: false,
      production_environment: /^prod(uction)?$/i.test(req.environment),
      payload: { tag: req.tag },
    });
    const id = (created as { id?: unknown } | undefined)?.id;
    if (typeof id !== 'number') return undefined;
    const d = new GitHubDeployment(io, base, req.token, id, req.environmentUrl);
    await d.status('in_progress', `deploying ${req.tag}`);
    io.info(`GitHub Deployment ${id} for environment ${req.environment}`);
    return d;
  }

  async status(state: DeploymentState, description: string): Promise<void> {
    await call(this.io, this.token, 'POST', `${this.base}/${this.id}/statuses`, {
      state,
      description: description.slice(0, 140),
      auto_inactive: true,
      ...(this.io.run.runUrl ? { log_url: this.io.run.runUrl } : {}),
      ...(this.environmentUrl ? { environment_url: this.environmentUrl } : {}),
    });
  }
}

async function call(io: Io, token: string, method: string, url: string, body: unknown): Promise<unknown> {
  try {
    const res = await fetch(url, {
      method,
      headers: {
        accept: 'application/vnd.github+json',
        authorization: `Bearer ${token}`,
        'content-type': 'application/json',
        'user-agent': 'vps-deploy',
        'x-github-api-version': '2022-11-28',
      },
      body: JSON.stringify(body),
      signal: AbortSignal.timeout(15_000),
    });
    const text = await res.text();
    if (res.status === 403 || res.status === 404) {
      io.warning(
        `GitHub answered ${res.status} to ${method} ${new URL(url).pathname}: the workflow needs \`permissions: deployments: write\` ` +
          'to record a Deployment; going on without it',
      );
      return undefined;
    }
    if (!res.ok) {
      io.warning(
        `GitHub answered ${res.status} to ${method} ${new URL(url).pathname} (${text.slice(0, 200)}); going on without it`,
      );
      return undefined;
    }
    return text ? (JSON.parse(text) as unknown) : {};
  } catch (e) {
    io.warning(
      `GitHub API at ${new URL(url).origin} is out of reach (${e instanceof Error ? e.message : String(e)}); going on without a Deployment`,
    );
    return undefined;
  }
}
