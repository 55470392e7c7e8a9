import { createServer } from 'node:http';
import { createServer as createTlsServer } from 'node:https';
import type { IncomingMessage, ServerResponse } from 'node:http';

/**
 * A local stand-in for the GitHub REST API (the one part that cannot be real here): records every request
 * (method, path, body, auth, what it answered) and answers the Deployments endpoints with the API's real
 * response shapes. `forbid()` makes it answer 403 as GitHub does when the token lacks `deployments: write`;
 * `failNext()` answers the next requests with an error first (a 502, a secondary rate limit).
 */
export interface RecordedRequest {
  method: string;
  path: string;
  body: Record<string, unknown>;
  authorization: string;
  apiVersion: string;
  userAgent: string;
  /** The status code the recorder answered with. */
  answer: number;
}

export interface RecorderOptions {
  /** Serve HTTPS with this key and certificate (PEM), as api.github.com does; plain HTTP without. */
  tls?: { key: string; cert: string };
  /** The host name in `url` and in the URLs the answers carry. The recorder itself listens on 127.0.0.1 only,
   *  so another name reaches it only through something that maps it there (a proxy). */
  hostname?: string;
}

/** An error answer: GitHub's JSON body (`message`) and headers such as Retry-After. */
export interface FailureAnswer {
  status: number;
  message: string;
  headers?: Record<string, string>;
}

export interface GitHubRecorder {
  url: string;
  port: number;
  requests: RecordedRequest[];
  forbid(on?: boolean): void;
  /** Answers the next `times` requests with `answer`; normal service resumes after them. */
  failNext(answer: FailureAnswer, times?: number): void;
  close(): Promise<void>;
}

export async function startGitHubRecorder(options: RecorderOptions = {}): Promise<GitHubRecorder> {
  const requests: RecordedRequest[] = [];
  let forbidden = false;
  const failures: FailureAnswer[] = [];
  let nextId = 1000;
  let nextStatusId = 5000;
  const handle = (req: IncomingMessage, res: ServerResponse) => {
    let raw = '';
    req.on('data', (d: Buffer) => (raw += d.toString('utf8')));
    req.on('end', () => {
      const path = (req.url ?? '/').split('?')[0]!;
      let body: Record<string, unknown> = {};
      try {
        body = raw ? (JSON.parse(raw) as Record<string, unknown>) : {};
      } catch {
        body = { unparsable: raw };
      }
      const recorded: RecordedRequest = {
        method: req.method ?? '',
        path,
        body,
        authorization: String(req.headers.authorization ?? ''),
        apiVersion: String(req.headers['x-github-api-version'] ?? ''),
        userAgent: String(req.headers['user-agent'] ?? ''),
        answer: 0,
      };
      requests.push(recorded);
      const send = (code: number, payload: unknown, headers: Record<string, string> = {}) => {
        recorded.answer = code;
        res.writeHead(code, { 'content-type': 'application/json; charset=utf-8', ...headers });
        res.end(JSON.stringify(payload));
      };
      const failure = failures.shift();
      if (failure) {
        return send(
          failure.status,
          {
            message: failure.message,
            documentation_url: 'https://docs.github.com/rest',
            status: String(failure.status),
          },
          failure.headers,
        );
      }
      if (forbidden) {
        return send(403, {
          message: 'Resource not accessible by integration',
          documentation_url: 'https://docs.github.com/rest/deployments/deployments#create-a-deployment',
          status: '403',
        });
      }
      const deployments = /^\/repos\/([^/]+)\/([^/]+)\/deployments$/.exec(path);
      if (req.method === 'POST' && deployments) {
        const id = nextId++;
        const [, owner, repo] = deployments;
        return send(201, {
          url: `${baseUrl()}/repos/${owner}/${repo}/deployments/${id}`,
          id,
          node_id: `DE_${id}`,
          sha: body.ref,
          ref: body.ref,
          task: 'deploy',
          payload: body.payload ?? {},
          original_environment: body.environment,
          environment: body.environment,
          description: body.description ?? null,
          creator: { login: 'github-actions[bot]', id: 41898282, type: 'Bot' },
          created_at: new Date().toISOString(),
          updated_at: new Date().toISOString(),
          statuses_url: `${baseUrl()}/repos/${owner}/${repo}/deployments/${id}/statuses`,
          repository_url: `${baseUrl()}/repos/${owner}/${repo}`,
          transient_environment: body.transient_environment ?? false,
          production_environment: body.production_environment ?? false,
        });
      }
      const statuses = /^\/repos\/([^/]+)\/([^/]+)\/deployments\/(\d+)\/statuses$/.exec(path);
      if (req.method === 'POST' && statuses) {
        const id = nextStatusId++;
        return send(201, {
          url: `${baseUrl()}${path}/${id}`,
          id,
          node_id: `DES_${id}`,
          state: body.state,
          creator: { login: 'github-actions[bot]', id: 41898282, type: 'Bot' },
          description: body.description ?? '',
          environment: 'production',
          target_url: body.log_url ?? '',
          log_url: body.log_url ?? '',
          environment_url: body.environment_url ?? '',
          created_at: new Date().toISOString(),
          updated_at: new Date().toISOString(),
          deployment_url: `${baseUrl()}/repos/${statuses[1]}/${statuses[2]}/deployments/${statuses[3]}`,
          repository_url: `${baseUrl()}/repos/${statuses[1]}/${statuses[2]}`,
        });
      }
      return send(404, {
        message: 'Not Found',
        documentation_url: 'https://docs.github.com/rest',
        status: '404',
      });
    });
  };
  const server = options.tls ? createTlsServer(options.tls, handle) : createServer(handle);
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const port = (server.address() as { port: number }).port;
  const baseUrl = () => `${options.tls ? 'https' : 'http'}://${options.hostname ?? '127.0.0.1'}:${port}`;
  return {
    url: baseUrl(),
    port,
    requests,
    forbid: (on = true) => (forbidden = on),
    failNext: (answer, times = 1) => failures.push(...Array.from({ length: times }, () => answer)),
    close: () =>
      new Promise((r) => {
        server.close(() => r());
        server.closeAllConnections();
      }),
  };
}
