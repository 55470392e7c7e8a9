import { RequestError } from '@octokit/request-error';
import { describe, expect, it } from 'vitest';
import { describeFailure, GITHUB_API_PATIENCE, withinBudget } from '../../../src/github/rest-client.js';

const API = 'https://api.github.test/api/v3';
const CALL = 'POST /repos/acme/shop/deployments';
const request = { method: 'POST' as const, url: `${API}/repos/acme/shop/deployments`, headers: {} };
const answered = (status: number, message: string) =>
  new RequestError(message, status, {
    request,
    response: { status, url: request.url, headers: {}, data: { message } },
  });
const noAnswer = (message: string) => new RequestError(message, 500, { request });

describe('describeFailure: one warning line per way a GitHub call fails', () => {
  it.each([
    [
      'an abort at the end of the budget',
      new DOMException('This operation was aborted', 'AbortError'),
      `GitHub API at https://api.github.test gave no answer to ${CALL} within ${GITHUB_API_PATIENCE.callBudgetMs / 1000}s; going on without a Deployment`,
    ],
    [
      'a refused connection (no response)',
      noAnswer('connect ECONNREFUSED 127.0.0.1:443'),
      'GitHub API at https://api.github.test is out of reach (connect ECONNREFUSED 127.0.0.1:443); going on without a Deployment',
    ],
    [
      'a name that does not resolve',
      noAnswer('getaddrinfo ENOTFOUND api.github.test'),
      'GitHub API at https://api.github.test is out of reach (getaddrinfo ENOTFOUND api.github.test); going on without a Deployment',
    ],
    [
      'a token without deployments: write (403)',
      answered(403, 'Resource not accessible by integration'),
      `GitHub answered 403 to ${CALL}: the workflow needs \`permissions: deployments: write\` to record a Deployment; going on without it`,
    ],
    [
      'a repository the token cannot see (404)',
      answered(404, 'Not Found'),
      `GitHub answered 404 to ${CALL}: the workflow needs \`permissions: deployments: write\` to record a Deployment; going on without it`,
    ],
    [
      'a secondary rate limit not waited out (403)',
      answered(403, 'You have exceeded a secondary rate limit'),
      `GitHub rate-limited ${CALL} (You have exceeded a secondary rate limit); going on without it`,
    ],
    [
      'a rejected body (422)',
      answered(422, 'Validation Failed: ref not found'),
      `GitHub answered 422 to ${CALL} (Validation Failed: ref not found); going on without it`,
    ],
    [
      'a lasting server error (502)',
      answered(502, 'Server Error'),
      `GitHub answered 502 to ${CALL} (Server Error); going on without it`,
    ],
    [
      'something that is not an Error',
      'socket hang up',
      'GitHub API at https://api.github.test is out of reach (socket hang up); going on without a Deployment',
    ],
  ])('%s', (_case, error, warning) => {
    expect(describeFailure(error, CALL, API)).toBe(warning);
  });

  it('keeps a long answer to 200 characters', () => {
    const line = describeFailure(answered(500, 'x'.repeat(5000)), CALL, API);
    expect(line).toBe(`GitHub answered 500 to ${CALL} (${'x'.repeat(200)}); going on without it`);
  });
});

describe('withinBudget', () => {
  it('hands the call a live signal and returns its value', async () => {
    let seen: AbortSignal | undefined;
    await expect(
      withinBudget(async (signal) => {
        seen = signal;
        return 42;
      }),
    ).resolves.toBe(42);
    expect(seen?.aborted).toBe(false);
  });

  it('passes the call’s failure on unchanged', async () => {
    const failure = new Error('boom');
    await expect(withinBudget(() => Promise.reject(failure))).rejects.toBe(failure);
  });
});
