import http from 'node:http';
import type { Duplex } from 'node:stream';
import { healthEndpoint } from './endpoint.js';
import { verdictOf } from './verdict.js';
import type { Verdict } from './verdict.js';

/** One HTTP GET and what it told us. */
export interface ProbeResult {
  verdict: Verdict;
  code?: number;
  latencyMs: number;
  /** The first bytes of the body (bounded), for the log and the summary. */
  body: string;
  /** Why no response counted (refused, timeout, redirect not followed, …). */
  error?: string;
  location?: string;
}

/** Opens the TCP stream for a probe: direct from the runner, or through the SSH host's tunnel. */
export type Dialer = (host: string, port: number) => Promise<Duplex>;

/** Opens a stream to a Unix socket for an http+unix probe: the server's (direct-streamlocal) or the runner's. */
export type SocketDialer = (socketPath: string) => Promise<Duplex>;

export interface ProbeOptions {
  timeoutMs: number;
  headers?: Record<string, string>;
  /** Bytes of body to read at most; the rest is discarded unread. */
  maxBody?: number;
  followRedirects?: number;
  dialer?: Dialer;
  /** For http+unix URLs; without it the socket is opened on the runner. */
  socketDialer?: SocketDialer;
}

export const BODY_LIMIT = 64 * 1024;

/** Probes url once. Never throws: every failure is a verdict. */
export async function probe(url: string, opts: ProbeOptions): Promise<ProbeResult> {
  const started = performance.now();
  let target = new URL(url);
  for (let hop = 0; ; hop++) {
    const r = await once(target, opts, started);
    if (r.code && r.code >= 300 && r.code < 400 && r.location && hop < (opts.followRedirects ?? 0)) {
      target = new URL(r.location, target);
      continue;
    }
    if (r.code && r.code >= 300 && r.code < 400) {
      r.error = `redirect to ${r.location ?? '(no Location)'} not followed: point the health URL at the final address`;
    }
    return r;
  }
}

async function once(target: URL, opts: ProbeOptions, started: number): Promise<ProbeResult> {
  const endpoint = healthEndpoint(target);
  if (endpoint?.kind === 'unix') {
    const socketDialer = opts.socketDialer ?? dialLocalSocket;
    // A socket has no host name: `localhost` (not node's `localhost:80`) unless health-headers names one.
    const headers = { host: 'localhost', ...opts.headers };
    return once(endpoint.url, { ...opts, headers, dialer: () => socketDialer(endpoint.socketPath) }, started);
  }
  const url = target;
  // TLS is loaded only for https URLs: most health URLs are plain HTTP on loopback, and loading it costs
  // a noticeable part of the action's start-up.
  const isHttps = url.protocol === 'https:';
  const lib = isHttps ? await import('node:https') : http;
  const tls = isHttps ? await import('node:tls') : undefined;
  const maxBody = opts.maxBody ?? BODY_LIMIT;
  const elapsed = () => Math.round(performance.now() - started);
  return new Promise((resolve) => {
    let finished = false;
    const finish = (r: Omit<ProbeResult, 'latencyMs' | 'verdict'> & { code?: number }) => {
      if (finished) return;
      finished = true;
      clearTimeout(timer);
      req.destroy();
      resolve({ verdict: verdictOf(r), latencyMs: elapsed(), ...r });
    };
    const port = Number(url.port || (isHttps ? 443 : 80));
    const hostname = url.hostname.replace(/^\[(.*)\]$/, '$1');
    const req = lib.request(
      url,
      {
        method: 'GET',
        // A fresh connection per probe. With a dialer there must be no agent at all: an agent would ignore
        // createConnection and connect directly from the runner.
        ...(opts.dialer ? {} : { agent: false }),
        headers: {
          'user-agent': 'vps-deploy-healthcheck',
          accept: 'application/health+json, application/json, */*',
          connection: 'close',
          ...opts.headers,
        },
        ...(opts.dialer
          ? {
              createConnection: (_o: unknown, cb: (e: Error | null, s?: Duplex) => void) => {
                opts.dialer!(hostname, port).then(
                  (s) => cb(null, tls ? tls.connect({ socket: s, servername: hostname }) : s),
                  (e: Error) => cb(e),
                );
                return undefined;
              },
            }
          : {}),
      } as http.RequestOptions,
      (res) => {
        const chunks: Buffer[] = [];
        let size = 0;
        res.on('data', (d: Buffer) => {
          if (size < maxBody) chunks.push(d.subarray(0, maxBody - size));
          size += d.length;
          if (size >= maxBody) done();
        });
        const done = () =>
          finish({
            code: res.statusCode ?? 0,
            body: Buffer.concat(chunks).toString('utf8'),
            ...(res.headers.location ? { location: res.headers.location } : {}),
          });
        res.on('end', done);
        res.on('error', (e) => finish({ body: '', error: describe(e) }));
      },
    );
    const timer = setTimeout(
      () => finish({ body: '', error: `no response within ${opts.timeoutMs} ms` }),
      opts.timeoutMs,
    );
    req.on('error', (e) => finish({ body: '', error: describe(e) }));
    req.end();
  });
}

function describe(e: Error & { code?: string }): string {
  if (e.code === 'ECONNREFUSED') return 'connection refused';
  if (e.code === 'ECONNRESET') return 'connection reset';
  if (/open a tunnel|open a stream|Connection refused/i.test(e.message))
    return `connection refused (${e.message})`;
  return e.code ? `${e.code}: ${e.message}` : e.message;
}

async function dialLocalSocket(socketPath: string): Promise<Duplex> {
  const net = await import('node:net');
  return new Promise((resolve, reject) => {
    const s = net.connect({ path: socketPath });
    s.once('connect', () => resolve(s));
    s.once('error', reject);
  });
}
