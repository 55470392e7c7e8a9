import type { ActionIO } from '../io/action-io.js';

/**
 * The GitHub REST client: @actions/github's Octokit, which goes through the runner's proxy (HTTPS_PROXY /
 * NO_PROXY, via @actions/http-client), plus @octokit/plugin-retry and @octokit/plugin-throttling held to a short
 * leash. GitHub is only told about a deploy, so the API may cost a deploy a few seconds, never stall it.
 */
export const GITHUB_API_PATIENCE = {
  /** Server errors (5xx) and dropped connections: two more tries, after 0.5 s and 2 s. */
  retries: 2,
  retryBaseMs: 500,
  /** A rate limit is waited out once, and only when GitHub asks for no more than this. */
  maxRateLimitWaitSeconds: 5,
  /** One call with all its retries; past it the call is abandoned (and not retried). */
  callBudgetMs: 15_000,
} as const;

/** GitHub's status codes that a retry cannot change; 429 is left to the throttling plugin, which reads Retry-After. */
const DO_NOT_RETRY = [400, 401, 403, 404, 410, 422, 429, 451];

type Log = Pick<ActionIO, 'info' | 'debug'>;

export type GitHubRest = Awaited<ReturnType<typeof openGitHubRest>>;

/**
 * Loaded on first use, not imported at the top: Octokit and undici are most of a bundle's size, and only a deploy
 * with an environment needs them. @actions/github decides on a proxy when it is loaded, for GITHUB_API_URL, which
 * is where `apiUrl` (RunContext) comes from too.
 */
export async function openGitHubRest(apiUrl: string, log: Log) {
  const [{ GitHub, getUserAgentWithOrchestrationId }, { retry }, { throttling }] = await Promise.all([
    import('@actions/github/lib/utils'),
    import('@octokit/plugin-retry'),
    import('@octokit/plugin-throttling'),
  ]);
  const waitOutOnce =
    (kind: string) =>
    (
      retryAfter: number,
      options: { method?: string; url?: string },
      _octokit: unknown,
      retryCount: number,
    ) => {
      const call = `${options.method ?? ''} ${options.url ?? ''}`.trim();
      if (retryCount < 1 && retryAfter <= GITHUB_API_PATIENCE.maxRateLimitWaitSeconds) {
        log.info(`GitHub hit a ${kind} on ${call}: trying once more in ${retryAfter}s`);
        return true;
      }
      log.debug(`GitHub hit a ${kind} on ${call} (retry after ${retryAfter}s): not waiting for it`);
      return false;
    };
  const toDebug = (message: string) => log.debug(message);
  const Rest = GitHub.plugin(retry, throttling);
  return new Rest({
    baseUrl: apiUrl.replace(/\/+$/, ''),
    userAgent: getUserAgentWithOrchestrationId('vps-deploy') ?? 'vps-deploy',
    retry: {
      retries: GITHUB_API_PATIENCE.retries,
      retryAfterBaseValue: GITHUB_API_PATIENCE.retryBaseMs,
      doNotRetry: DO_NOT_RETRY,
    },
    throttle: {
      onRateLimit: waitOutOnce('rate limit'),
      onSecondaryRateLimit: waitOutOnce('secondary rate limit'),
    },
    // Octokit's own notes (deprecations, plugin internals) are for debugging, not for the deploy's log.
    log: { debug: toDebug, info: toDebug, warn: toDebug, error: toDebug },
  });
}

/**
 * Runs one call with its retries inside the time budget. The abort reaches Octokit as an AbortError, which the
 * retry plugin passes on instead of retrying.
 */
export async function withinBudget<T>(call: (signal: AbortSignal) => Promise<T>): Promise<T> {
  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(), GITHUB_API_PATIENCE.callBudgetMs);
  try {
    return await call(controller.signal);
  } finally {
    clearTimeout(timer);
  }
}

/** What a failed call means for the user, in one warning line. */
export function describeFailure(e: unknown, call: string, apiUrl: string): string {
  const { status, response, message, name } = e as {
    status?: number;
    response?: unknown;
    message?: string;
    name?: string;
  };
  const text = String(message ?? e).slice(0, 200);
  const origin = safeOrigin(apiUrl);
  if (name === 'AbortError') {
    return `GitHub API at ${origin} gave no answer to ${call} within ${GITHUB_API_PATIENCE.callBudgetMs / 1000}s; going on without a Deployment`;
  }
  if (!response) return `GitHub API at ${origin} is out of reach (${text}); going on without a Deployment`;
  if (/rate limit/i.test(text)) return `GitHub rate-limited ${call} (${text}); going on without it`;
  if (status === 403 || status === 404) {
    return (
      `GitHub answered ${status} to ${call}: the workflow needs \`permissions: deployments: write\` ` +
      'to record a Deployment; going on without it'
    );
  }
  return `GitHub answered ${status} to ${call} (${text}); going on without it`;
}

function safeOrigin(url: string): string {
  try {
    return new URL(url).origin;
  } catch {
    return url;
  }
}
