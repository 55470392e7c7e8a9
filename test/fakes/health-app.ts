import { createServer } from 'node:http';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/** How a build of the app answers its health endpoint once it runs. */
export type Health = 'ok' | 'degraded' | 'unhealthy' | 'unreachable';

/**
 * The app on the fake server: a loopback HTTP server whose /health answers as the build running now (set by
 * FakeStrategy.activate). `unreachable` drops each connection without an answer, as an app that is not up.
 */
export class HealthApp {
  private running: Health = 'unreachable';
  private readonly server = createServer((req, res) => this.answer(req, res));
  url = '';

  static async start(): Promise<HealthApp> {
    const app = new HealthApp();
    await new Promise<void>((resolve) => app.server.listen(0, '127.0.0.1', resolve));
    app.url = `http://127.0.0.1:${(app.server.address() as AddressInfo).port}/health`;
    return app;
  }

  serve(health: Health): void {
    this.running = health;
  }

  close(): Promise<void> {
    this.server.closeAllConnections();
    return new Promise((resolve) => this.server.close(() => resolve()));
  }

  private answer(req: IncomingMessage, res: ServerResponse): void {
    const json = (code: number, status: string) => {
      res.writeHead(code, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ status }));
    };
    if (req.url !== '/health') return json(404, 'not found');
    if (this.running === 'unreachable') return void req.socket.destroy();
    json(this.running === 'unhealthy' ? 503 : 200, this.running);
  }
}
