import http from 'node:http';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { probe } from '../../../src/health/probe.js';

/** A real HTTP server on a Unix socket that, like Django behind ALLOWED_HOSTS, answers 400 to an unknown Host. */
let dir: string;
let socket: string;
let server: http.Server;
let seen: http.IncomingHttpHeaders[] = [];

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'probe-unix-'));
  socket = join(dir, 'app b.sock');
  server = http.createServer((req, res) => {
    seen.push(req.headers);
    if (req.headers.host !== 'sum.example.com') {
      res.writeHead(400).end('Bad Request (400)');
      return;
    }
    res.writeHead(200, { 'content-type': 'application/json' }).end(`{"status":"ok","path":"${req.url}"}`);
  });
  await new Promise<void>((r) => server.listen(socket, r));
});

afterAll(async () => {
  await new Promise((r) => server.close(r));
  rmSync(dir, { recursive: true, force: true });
});

const url = () => `http+unix://${encodeURIComponent(socket)}/health/?deep=1`;

describe('probe of an http+unix URL (opened on the runner when no socket dialer is given)', () => {
  it('asks the path and query over the socket with the given headers', async () => {
    seen = [];
    const r = await probe(url(), {
      timeoutMs: 2000,
      headers: { Host: 'sum.example.com', 'X-Token': 't0k3n' },
    });
    expect(r).toMatchObject({ verdict: 'ok', code: 200, body: '{"status":"ok","path":"/health/?deep=1"}' });
    expect(seen[0]).toMatchObject({ host: 'sum.example.com', 'x-token': 't0k3n' });
  });

  it('without the Host header the app refuses: unreachable (HTTP 400)', async () => {
    const r = await probe(url(), { timeoutMs: 2000 });
    expect(r).toMatchObject({ verdict: 'unreachable', code: 400 });
  });

  it('uses the socket dialer when given (the SSH host in production)', async () => {
    const asked: string[] = [];
    const net = await import('node:net');
    const r = await probe(url(), {
      timeoutMs: 2000,
      headers: { Host: 'sum.example.com' },
      socketDialer: (path) => {
        asked.push(path);
        return Promise.resolve(net.connect({ path }));
      },
    });
    expect(asked).toEqual([socket]);
    expect(r.verdict).toBe('ok');
  });

  it('a socket nobody listens on is unreachable', async () => {
    const r = await probe(`http+unix://${encodeURIComponent(join(dir, 'none.sock'))}/health`, {
      timeoutMs: 2000,
    });
    expect(r.verdict).toBe('unreachable');
    expect(r.error).toMatch(/ENOENT/);
  });
});

describe('urlCheck', () => {
  it('a header value the app echoes back is replaced by *** in the body it keeps', async () => {
    const echo = http.createServer((req, res) =>
      res.end(JSON.stringify({ status: 'ok', seen: req.headers['x-token'] })),
    );
    const path = join(dir, 'echo.sock');
    await new Promise<void>((r) => echo.listen(path, r));
    const { urlCheck } = await import('../../../src/health/run-gate.js');
    const check = urlCheck({
      url: `http+unix://${encodeURIComponent(path)}/h`,
      headers: { 'X-Token': 'cf-s3cret-9d' },
    });
    const r = await check.probe(2000);
    await new Promise((done) => echo.close(done));
    expect(r.verdict).toBe('ok');
    expect(r.body).toBe('{"status":"ok","seen":"***"}');
  });
});
