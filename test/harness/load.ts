import { Agent, request } from 'node:http';
import type { ClientRequest, IncomingMessage } from 'node:http';

/**
 * A steady HTTP load through a proxy, counted as a browser counts it. A request that fails on a reused
 * keep-alive connection before any response byte is retried once on a fresh connection (RFC 9112 §9.3.1:
 * the server may close an idle connection at any time, and a proxy reload does exactly that); such retries are
 * reported apart in `retriedReused`. Every non-2xx answer and every other error is `failed`.
 * Bounded in time and count, and loopback only: it is a test tool, never pointed at someone else's server.
 */
export interface LoadOptions {
  url: string;
  /** Requests started per second (default 200). */
  rps?: number;
  /** Stops sending after this many seconds (default 180). */
  maxSeconds?: number;
  /** Stops sending after this many requests (default rps × maxSeconds). */
  maxRequests?: number;
  headers?: Record<string, string>;
}

export interface PhaseReport {
  sent: number;
  ok: number;
  failed: number;
  p50Ms: number;
  p99Ms: number;
}

export interface LoadReport {
  sent: number;
  ok: number;
  failed: number;
  retriedReused: number;
  /** The first 20 failures: `<ms since start> <what>`. */
  failures: string[];
  p50Ms: number;
  p99Ms: number;
  /** p99 of the requests started in the phase named `steady` (see LoadRun.phase), when there was one. */
  steadyP99Ms?: number | undefined;
  /** Per phase (requests counted in the phase they started in); the first phase is `start`. */
  phases: Record<string, PhaseReport>;
  /** Bodies of the 2xx answers by count (first 200 characters): which versions answered. */
  bodies: Record<string, number>;
}

export interface LoadRun {
  /** Requests started from now on belong to phase `name` (e.g. `steady`, `switch`). */
  phase(name: string): void;
  /** The counts so far, without stopping. */
  snapshot(): LoadReport;
  /** Stops sending, waits (up to 30 s) for requests in flight, and reports. */
  stop(): Promise<LoadReport>;
}

interface Done {
  phase: string;
  ms: number;
  ok: boolean;
}

/** 127.0.0.0/8, ::1 or localhost: anything else is refused. */
export function isLoopbackUrl(url: string): boolean {
  let u: URL;
  try {
    u = new URL(url);
  } catch {
    return false;
  }
  if (u.protocol !== 'http:') return false;
  const h = u.hostname.replace(/^\[|\]$/g, '');
  return h === 'localhost' || h === '::1' || /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(h);
}

function percentile(sorted: number[], p: number): number {
  if (!sorted.length) return 0;
  const i = Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1);
  return Math.round(sorted[Math.max(0, i)]! * 10) / 10;
}

export function startLoad(opts: LoadOptions): LoadRun {
  if (!isLoopbackUrl(opts.url)) throw new Error(`load generator: ${opts.url} is not an http loopback URL`);
  const rps = opts.rps ?? 200;
  const maxSeconds = opts.maxSeconds ?? 180;
  const maxRequests = opts.maxRequests ?? Math.ceil(rps * maxSeconds);
  if (!(rps > 0 && rps <= 2000)) throw new Error(`load generator: rps ${rps} is not in 1..2000`);
  const agent = new Agent({ keepAlive: true, maxSockets: 256 });
  const fresh = new Agent({ keepAlive: false });
  const t0 = performance.now();
  const done: Done[] = [];
  const failures: string[] = [];
  const bodies: Record<string, number> = {};
  const inFlight = new Set<Promise<void>>();
  let sent = 0;
  let retriedReused = 0;
  let phase = 'start';
  let stopped = false;

  const elapsed = () => Math.round(performance.now() - t0);
  const fail = (what: string) => {
    if (failures.length < 20) failures.push(`${elapsed()}ms ${what}`);
  };

  /** One attempt: resolves with the answer, or rejects with the error and whether any response byte came. */
  const attempt = (viaFresh: boolean) =>
    new Promise<{ status: number; body: string }>((resolve, reject) => {
      let responded = false;
      const req: ClientRequest = request(
        opts.url,
        { agent: viaFresh ? fresh : agent, headers: opts.headers },
        (res: IncomingMessage) => {
          responded = true;
          const chunks: Buffer[] = [];
          res.on('data', (c: Buffer) => chunks.push(c));
          res.on('end', () =>
            resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks).toString('utf8') }),
          );
          res.on('error', (e) => reject(Object.assign(e, { responded: true, reused: req.reusedSocket })));
        },
      );
      req.setTimeout(30_000, () => req.destroy(new Error('no answer within 30 s')));
      req.on('error', (e) => reject(Object.assign(e, { responded, reused: req.reusedSocket })));
      req.end();
    });

  const one = async () => {
    const start = performance.now();
    const myPhase = phase;
    let ok = false;
    try {
      let answer;
      try {
        answer = await attempt(false);
      } catch (e) {
        const err = e as Error & { responded: boolean; reused: boolean };
        if (!err.reused || err.responded) throw err;
        retriedReused++;
        answer = await attempt(true);
      }
      ok = answer.status >= 200 && answer.status < 300;
      if (ok) {
        const key = answer.body.slice(0, 200);
        bodies[key] = (bodies[key] ?? 0) + 1;
      } else fail(`HTTP ${answer.status} ${answer.body.slice(0, 120)}`);
    } catch (e) {
      const err = e as NodeJS.ErrnoException;
      fail(`${err.code ?? 'error'} ${err.message}`);
    }
    done.push({ phase: myPhase, ms: performance.now() - start, ok });
  };

  // Start as many requests as the elapsed time calls for: a slow answer never slows the rate down.
  const timer = setInterval(() => {
    const due = Math.min(maxRequests, Math.floor(((performance.now() - t0) / 1000) * rps));
    if (stopped || sent >= maxRequests || performance.now() - t0 > maxSeconds * 1000) {
      stopped = true;
      clearInterval(timer);
      return;
    }
    while (sent < due) {
      sent++;
      const p = one();
      inFlight.add(p);
      void p.finally(() => inFlight.delete(p));
    }
  }, 5);

  const report = (): LoadReport => {
    const byPhase: Record<string, Done[]> = {};
    for (const d of done) (byPhase[d.phase] ??= []).push(d);
    const summary = (ds: Done[]): PhaseReport => {
      const ms = ds.map((d) => d.ms).sort((a, b) => a - b);
      const ok = ds.filter((d) => d.ok).length;
      return {
        sent: ds.length,
        ok,
        failed: ds.length - ok,
        p50Ms: percentile(ms, 50),
        p99Ms: percentile(ms, 99),
      };
    };
    const all = summary(done);
    const phases = Object.fromEntries(Object.entries(byPhase).map(([k, v]) => [k, summary(v)]));
    // Requests sent but not answered yet count as sent, neither ok nor failed (snapshot), or failed (stop).
    return {
      ...all,
      sent,
      retriedReused,
      failures: [...failures],
      steadyP99Ms: phases.steady?.p99Ms,
      phases,
      bodies: { ...bodies },
    };
  };

  return {
    phase(name) {
      phase = name;
    },
    snapshot: report,
    async stop() {
      stopped = true;
      clearInterval(timer);
      const pending = [...inFlight];
      const settled = await Promise.race([
        Promise.allSettled(pending).then(() => true),
        new Promise<boolean>((r) => setTimeout(() => r(false), 30_000)),
      ]);
      agent.destroy();
      fresh.destroy();
      const r = report();
      if (!settled) {
        const left = r.sent - r.ok - r.failed;
        r.failed += left;
        fail(`${left} requests still unanswered 30 s after stop`);
        r.failures = [...failures];
      }
      return r;
    },
  };
}
