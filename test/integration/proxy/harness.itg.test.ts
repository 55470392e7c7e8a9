import { createServer } from 'node:http';
import type { Server } from 'node:http';
import type { Socket } from 'node:net';
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startLoad } from '../../harness/load.js';
import { runAsTestUser, startCaddy, startNginx } from '../../harness/proxy.js';
import type { RunningProxy } from '../../harness/proxy.js';
import { serverBaseDir } from '../../harness/parts.js';
import { quoteForShell as q } from '../../../src/ssh/quote.js';

/**
 * The self-check of the load generator and the proxy harness the blue-green suites stand on: the load counts
 * what it should (non-2xx, refused connections, retries on reused sockets apart), and six upstream switches
 * through a real Caddy and a real nginx under 200 req/s fail no request.
 */
interface Upstream {
  port: number;
  close(): Promise<void>;
}

/** A loopback HTTP server; `behave` may answer, or cut the socket, per request. */
async function upstream(
  behave: (n: number, perSocket: number, res: import('node:http').ServerResponse, socket: Socket) => void,
): Promise<Upstream> {
  let n = 0;
  const perSocket = new WeakMap<Socket, number>();
  const sockets = new Set<Socket>();
  const server: Server = createServer((req, res) => {
    const s = req.socket;
    const k = (perSocket.get(s) ?? 0) + 1;
    perSocket.set(s, k);
    behave(++n, k, res, s);
  });
  server.on('connection', (s) => {
    sockets.add(s);
    s.on('close', () => sockets.delete(s));
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  return {
    port: (server.address() as { port: number }).port,
    close: () =>
      new Promise((r) => {
        for (const s of sockets) s.destroy();
        server.close(() => r());
      }),
  };
}

const answer = (body: string) => (_n: number, _k: number, res: import('node:http').ServerResponse) =>
  res.end(body);

describe('load generator', () => {
  it('refuses anything but an http loopback URL', () => {
    expect(() => startLoad({ url: 'http://example.com/' })).toThrow(/not an http loopback URL/);
    expect(() => startLoad({ url: 'https://127.0.0.1/' })).toThrow(/not an http loopback URL/);
  });

  it('counts non-2xx answers and refused connections as failed, and stops at maxRequests', async () => {
    const up = await upstream((n, _k, res) => {
      res.statusCode = n % 2 ? 200 : 503;
      res.end('x');
    });
    const all = await (async () => {
      const run = startLoad({ url: `http://127.0.0.1:${up.port}/`, rps: 200, maxRequests: 40 });
      await new Promise((res) => setTimeout(res, 600));
      return run.stop();
    })();
    expect(all.sent).toBe(40);
    expect(all.ok + all.failed).toBe(40);
    expect(all.failed).toBe(20);
    expect(all.failures[0]).toMatch(/HTTP 503/);
    await up.close();
    const refused = startLoad({ url: `http://127.0.0.1:${up.port}/`, rps: 100, maxRequests: 10 });
    await new Promise((res) => setTimeout(res, 300));
    const r2 = await refused.stop();
    expect(r2.failed).toBe(10);
    expect(r2.failures[0]).toMatch(/ECONNREFUSED/);
  });

  it('retries once on a fresh connection a request cut on a reused socket before any byte, and counts it apart', async () => {
    // Every connection's second request is cut unanswered: what a proxy reload does to an idle keep-alive one.
    const up = await upstream((_n, k, res, socket) => (k >= 2 ? socket.destroy() : res.end('ok')));
    const run = startLoad({ url: `http://127.0.0.1:${up.port}/`, rps: 200, maxRequests: 100 });
    await new Promise((res) => setTimeout(res, 900));
    const r = await run.stop();
    await up.close();
    expect(r.sent).toBe(100);
    expect(r.failed).toBe(0);
    expect(r.retriedReused).toBeGreaterThan(0);
    // A cut on a fresh connection is not retried: the first request of each connection fails here.
    const up2 = await upstream((_n, _k, _res, socket) => socket.destroy());
    const r2 = startLoad({ url: `http://127.0.0.1:${up2.port}/`, rps: 100, maxRequests: 10 });
    await new Promise((res) => setTimeout(res, 300));
    const rep2 = await r2.stop();
    await up2.close();
    expect(rep2.failed).toBe(10);
  });
});

for (const kind of ['caddy', 'nginx'] as const) {
  describe(`proxy harness: real ${kind}`, () => {
    let a: Upstream, b: Upstream, proxy: RunningProxy, base: string;
    const line = (port: number) =>
      kind === 'caddy' ? `reverse_proxy 127.0.0.1:${port}` : `server 127.0.0.1:${port};`;
    beforeAll(async () => {
      a = await upstream(answer('a'));
      b = await upstream(answer('b'));
      base = serverBaseDir('proxy-harness-');
      const upstreamFile = join(base, 'proxy', kind === 'caddy' ? 'upstream.caddy' : 'upstream.conf');
      proxy = await (kind === 'caddy' ? startCaddy : startNginx)({ upstreamFile, port: a.port });
    });
    afterAll(async () => {
      await proxy?.stop();
      await a?.close();
      await b?.close();
      rmSync(base, { recursive: true, force: true });
    });

    it('six upstream switches (atomic rewrite + reload by the test user) under 200 req/s: 0 failed', async () => {
      const file = join(base, 'proxy', kind === 'caddy' ? 'upstream.caddy' : 'upstream.conf');
      const run = startLoad({ url: proxy.url, rps: 200, maxSeconds: 30 });
      run.phase('steady');
      await new Promise((r) => setTimeout(r, 1000));
      run.phase('switch');
      for (let i = 1; i <= 6; i++) {
        const port = i % 2 ? b.port : a.port;
        const r = runAsTestUser(
          `printf '%s\\n' ${q(line(port))} >${q(file + '.tmp')} && mv -f ${q(file + '.tmp')} ${q(file)} && ${proxy.reloadCommand}`,
        );
        expect(r.code, r.output).toBe(0);
        await new Promise((res) => setTimeout(res, 500));
      }
      const rep = await run.stop();
      console.log(`${kind}: ${JSON.stringify({ ...rep, failures: rep.failures.slice(0, 5) })}`);
      expect(rep.failures).toEqual([]);
      expect(rep.failed).toBe(0);
      expect(rep.sent).toBeGreaterThan(700);
      expect(rep.bodies.a).toBeGreaterThan(100);
      expect(rep.bodies.b).toBeGreaterThan(100);
    });

    it('a reload the proxy refuses exits non-zero and the proxy keeps serving', async () => {
      const file = join(base, 'proxy', kind === 'caddy' ? 'upstream.caddy' : 'upstream.conf');
      const r = runAsTestUser(`printf 'not a directive {\\n' >${q(file)} && ${proxy.reloadCommand}`);
      expect(r.code).not.toBe(0);
      const res = await fetch(proxy.url);
      expect(res.status).toBe(200);
      runAsTestUser(`printf '%s\\n' ${q(line(a.port))} >${q(file)} && ${proxy.reloadCommand}`);
    });
  });
}
