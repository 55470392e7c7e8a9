import { spawn } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { connect, createServer } from 'node:net';
import type { Server, Socket } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { RemoteError } from '../../../src/io/errors.js';
import { SshConnection } from '../../../src/ssh/connection.js';
import type { SshTarget } from '../../../src/ssh/target.js';
import { runAction } from '../../harness/run-action.js';
import { startSshd } from '../../harness/sshd.js';
import type { SshServer } from '../../harness/sshd.js';

/**
 * Servers that start an SSH handshake and never finish it: each connect attempt must end within
 * connect-timeout with an error naming the host, be retried, and the action must fail with ::error:: rather
 * than let node exit 13 on a promise nothing will ever settle.
 */
const BANNER = 'SSH-2.0-OpenSSH_9.2\r\n';
type Fault = 'banner-then-close' | 'close-during-kex' | 'silent-after-banner';

let jump: SshServer;
const faults = new Map<Fault, { server: Server; port: number; sockets: Set<Socket> }>();

async function startFault(kind: Fault): Promise<number> {
  const sockets = new Set<Socket>();
  const server = createServer((s) => {
    sockets.add(s);
    s.on('close', () => sockets.delete(s));
    s.on('error', () => undefined);
    s.write(BANNER);
    if (kind === 'banner-then-close') s.end();
    // The client's banner and KEXINIT arrive: a host going down mid-handshake drops the connection here.
    if (kind === 'close-during-kex') s.once('data', () => setTimeout(() => s.destroy(), 50));
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const port = (server.address() as { port: number }).port;
  faults.set(kind, { server, port, sockets });
  return port;
}

beforeAll(async () => {
  jump = await startSshd();
  for (const kind of ['banner-then-close', 'close-during-kex', 'silent-after-banner'] as const)
    await startFault(kind);
});
afterAll(async () => {
  for (const f of faults.values()) {
    for (const s of f.sockets) s.destroy();
    f.server.close();
  }
  await jump?.stop();
});

function target(port: number, over: Partial<SshTarget> = {}): SshTarget {
  return {
    host: '127.0.0.1',
    port,
    username: jump.user,
    privateKey: jump.clientKey,
    knownHosts: '',
    hostFingerprint: '',
    insecureIgnoreHostKey: true,
    connectTimeoutSeconds: 2,
    connectRetries: 2,
    ...over,
  };
}

function collect(): {
  lines: string[];
  log: { info: (l: string) => void; debug: () => void; warning: () => void };
} {
  const lines: string[] = [];
  return { lines, log: { info: (l) => lines.push(l), debug: () => undefined, warning: () => undefined } };
}

/** Fails the test (instead of hanging it) when open() has not settled after `ms`. */
async function openWithin(
  t: SshTarget,
  ms: number,
  log: ReturnType<typeof collect>['log'],
): Promise<unknown> {
  const started = Date.now();
  let timer: NodeJS.Timeout | undefined;
  const settled = SshConnection.open(t, log).then(
    (c) => {
      c.dispose();
      return new Error('connected to a server that never finished the handshake');
    },
    (e: unknown) => e,
  );
  const late = new Promise<Error>((r) => {
    timer = setTimeout(() => r(new Error(`SshConnection.open still pending after ${ms} ms`)), ms);
  });
  const e = await Promise.race([settled, late]);
  clearTimeout(timer);
  return Object.assign(e as object, { elapsed: Date.now() - started });
}

// 2 attempts × 2 s connect-timeout + 1 s backoff, and some slack for a busy machine.
const BOUND_MS = 2 * 2000 + 1000 + 3000;

describe('a connect attempt that the server abandons', () => {
  it.each(['banner-then-close', 'close-during-kex', 'silent-after-banner'] as const)(
    '%s: rejects with a RemoteError naming the host, after retrying, within the bound',
    async (kind) => {
      const port = faults.get(kind)!.port;
      const { lines, log } = collect();
      const e = await openWithin(target(port), BOUND_MS + 5000, log);
      expect(e).toBeInstanceOf(RemoteError);
      expect((e as Error).message).toContain(`127.0.0.1:${port}`);
      expect((e as { elapsed: number }).elapsed).toBeLessThan(BOUND_MS);
      expect(lines.some((l) => /attempt 1 .* failed/.test(l))).toBe(true);
    },
    20_000,
  );

  it.each(['banner-then-close', 'silent-after-banner'] as const)(
    '%s: the healthcheck action exits 1 with an ::error:: line, never 13',
    async (kind) => {
      const port = faults.get(kind)!.port;
      const r = await runAction(
        'healthcheck',
        {
          url: 'http://127.0.0.1:9/health',
          timeout: '1s',
          host: '127.0.0.1',
          port,
          username: jump.user,
          key: jump.clientKey,
          'insecure-ignore-host-key': 'true',
          'connect-timeout': '2s',
          'connect-retries': 2,
        },
        { timeoutMs: 30_000 },
      );
      expect(r.code, r.everything).toBe(1);
      expect(r.code).not.toBe(13);
      expect(r.stdout).toMatch(new RegExp(`^::error[^\\n]*::.*127\\.0\\.0\\.1:${port}`, 'm'));
    },
    40_000,
  );
});

describe('through a jump host', () => {
  it('a target that goes silent after its banner times out like a direct one', async () => {
    const port = faults.get('silent-after-banner')!.port;
    const { log } = collect();
    const e = await openWithin(
      target(port, {
        jump: { host: jump.host, port: jump.port, username: jump.user, privateKey: jump.clientKey },
      }),
      BOUND_MS + 5000,
      log,
    );
    expect(e).toBeInstanceOf(RemoteError);
    expect((e as Error).message).toContain(`127.0.0.1:${port}`);
    expect((e as { elapsed: number }).elapsed).toBeLessThan(BOUND_MS);
  }, 20_000);

  it('a tunnel the bastion never opens (its TCP connect to the target hangs) times out', async () => {
    const { port, stop } = await blackHole();
    try {
      const { log } = collect();
      const e = await openWithin(
        target(port, {
          jump: { host: jump.host, port: jump.port, username: jump.user, privateKey: jump.clientKey },
        }),
        BOUND_MS + 5000,
        log,
      );
      expect(e).toBeInstanceOf(RemoteError);
      expect((e as Error).message).toContain(`127.0.0.1:${port}`);
      expect((e as { elapsed: number }).elapsed).toBeLessThan(BOUND_MS);
    } finally {
      stop();
    }
  }, 20_000);
});

/**
 * A port whose SYNs go unanswered, as behind a dropping firewall: a listener in a stopped process with a full
 * accept queue (Linux drops SYNs then), so the bastion's connect to it waits for minutes.
 */
async function blackHole(): Promise<{ port: number; stop: () => void }> {
  const child: ChildProcess = spawn(
    process.execPath,
    [
      '-e',
      "require('net').createServer().listen({ port: 0, host: '127.0.0.1', backlog: 1 }, function () {" +
        " console.log(this.address().port); process.kill(process.pid, 'SIGSTOP'); })",
    ],
    { stdio: ['ignore', 'pipe', 'inherit'] },
  );
  const port = await new Promise<number>((resolve, reject) => {
    child.stdout!.once('data', (d: Buffer) => resolve(Number(String(d).trim())));
    child.once('exit', (c) => reject(new Error(`black hole exited ${c}`)));
  });
  const fillers: Socket[] = [];
  // Fill the accept queue until a connect no longer completes.
  for (let i = 0; i < 16; i++) {
    const s = connect({ port, host: '127.0.0.1' });
    s.on('error', () => undefined);
    fillers.push(s);
    const done = await new Promise<boolean>((r) => {
      const t = setTimeout(() => r(false), 300);
      s.once('connect', () => (clearTimeout(t), r(true)));
    });
    if (!done) break;
  }
  return {
    port,
    stop: () => {
      for (const s of fillers) s.destroy();
      child.kill('SIGKILL');
    },
  };
}
