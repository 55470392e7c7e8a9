import { createServer } from 'node:http';
import type { Server, IncomingMessage, ServerResponse } from 'node:http';
import type { Socket } from 'node:net';

/**
 * Real HTTP endpoints with every behaviour a health check meets: /ok, /degraded, /503, /fail-body,
 * /plain, /redirect, /garbage, /hang, /flap, /recover/<n> (fails n times, then ok), /big (a 5 MiB body),
 * /health-json (application/health+json "warn"), /drop (closes the socket mid-response).
 */
export interface HealthServer {
  port: number;
  url(path: string): string;
  hits(path: string): number;
  close(): Promise<void>;
}

export async function startHealthServer(): Promise<HealthServer> {
  const hits = new Map<string, number>();
  const sockets = new Set<Socket>();
  const server: Server = createServer((req: IncomingMessage, res: ServerResponse) => {
    const path = (req.url ?? '/').split('?')[0]!;
    const n = (hits.get(path) ?? 0) + 1;
    hits.set(path, n);
    const json = (code: number, body: unknown, type = 'application/json') => {
      res.writeHead(code, { 'content-type': type });
      res.end(JSON.stringify(body));
    };
    if (path === '/ok') return json(200, { status: 'ok', version: 'v1' });
    if (path === '/degraded') return json(200, { status: 'degraded', checks: { cache: 'slow' } });
    if (path === '/503') return json(503, { status: 'ok' });
    if (path === '/fail-body') return json(200, { status: 'fail' });
    if (path === '/health-json') return json(200, { status: 'warn' }, 'application/health+json');
    if (path === '/plain') {
      res.writeHead(200, { 'content-type': 'text/plain' });
      return res.end('OK');
    }
    if (path === '/redirect') {
      res.writeHead(302, { location: '/ok' });
      return res.end();
    }
    if (path === '/garbage') {
      res.writeHead(200, { 'content-type': 'application/json' });
      return res.end('{"status": "ok", "trunc');
    }
    if (path === '/500') return json(500, { status: 'ok' });
    if (path === '/hang') return; // never answers
    if (path === '/flap') return n % 2 ? json(200, { status: 'ok' }) : json(503, { status: 'unhealthy' });
    const recover = /^\/recover\/(\d+)$/.exec(path);
    if (recover)
      return n > Number(recover[1]) ? json(200, { status: 'ok' }) : json(503, { status: 'starting' });
    if (path === '/big') {
      res.writeHead(200, { 'content-type': 'text/plain' });
      const chunk = Buffer.alloc(64 * 1024, 'x');
      for (let i = 0; i < 80; i++) res.write(chunk);
      return res.end();
    }
    if (path === '/drop') {
      res.socket?.destroy();
      return;
    }
    return json(404, { error: 'no such fixture' });
  });
  server.on('connection', (s) => {
    sockets.add(s);
    s.on('close', () => sockets.delete(s));
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const port = (server.address() as { port: number }).port;
  return {
    port,
    url: (p) => `http://127.0.0.1:${port}${p}`,
    hits: (p) => hits.get(p) ?? 0,
    close: () =>
      new Promise((r) => {
        for (const s of sockets) s.destroy();
        server.close(() => r());
      }),
  };
}
