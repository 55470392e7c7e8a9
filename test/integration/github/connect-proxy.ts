import { createServer } from 'node:http';
import { connect } from 'node:net';
import type { Socket } from 'node:net';

/**
 * A tiny HTTP CONNECT proxy on loopback, as a corporate proxy in front of a self-hosted runner: it records every
 * CONNECT and tunnels only to the host names it was given (each mapped to 127.0.0.1, so a name that resolves
 * nowhere else is reachable only through it). Anything else gets 403; plain proxied requests get 405.
 */
export interface ConnectProxy {
  url: string;
  /** The `host:port` of every CONNECT, in order, including refused ones. */
  connects: string[];
  /** Plain (non-CONNECT) requests, which this proxy refuses: the client should never send them for https. */
  plain: string[];
  close(): Promise<void>;
}

export async function startConnectProxy(tunnelsTo: string[]): Promise<ConnectProxy> {
  const connects: string[] = [];
  const plain: string[] = [];
  const sockets = new Set<Socket>();
  const track = (s: Socket) => {
    sockets.add(s);
    s.on('close', () => sockets.delete(s));
  };
  const server = createServer((req, res) => {
    plain.push(`${req.method} ${req.url}`);
    res.writeHead(405).end();
  });
  server.on('connect', (req, client: Socket, head: Buffer) => {
    track(client);
    const target = req.url ?? '';
    connects.push(target);
    const m = /^([^:]+):(\d+)$/.exec(target);
    if (!m || !tunnelsTo.includes(m[1]!)) {
      client.end('HTTP/1.1 403 Forbidden\r\n\r\n');
      return;
    }
    const upstream = connect(Number(m[2]), '127.0.0.1', () => {
      client.write('HTTP/1.1 200 Connection Established\r\n\r\n');
      if (head.length) upstream.write(head);
      upstream.pipe(client);
      client.pipe(upstream);
    });
    track(upstream);
    upstream.on('error', () => client.destroy());
    client.on('error', () => upstream.destroy());
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const port = (server.address() as { port: number }).port;
  return {
    url: `http://127.0.0.1:${port}`,
    connects,
    plain,
    close: () =>
      new Promise((r) => {
        for (const s of sockets) s.destroy();
        server.close(() => r());
      }),
  };
}
