import type { BlueGreenPlan, ProxySwitch } from '../../src/flow/blue-green-flow.js';
import type { BlueGreenStrategy } from '../../src/flow/strategy.js';
import { CRASH_REASON } from './fake-strategy.js';
import type { Build, FakeStrategy } from './fake-strategy.js';
import { HealthApp } from './health-app.js';

/**
 * The two sides of `switch: blue-green` on the fake server: two slot apps (loopback HTTP servers, one per port,
 * named `a` and `b` in `calls` so table rows need no port numbers), a BlueGreenStrategy that starts scripted
 * builds in them, and a ProxySwitch whose upstream is a variable. Calls go to the FakeStrategy's `calls`.
 */
export class FakeSlots {
  private constructor(
    readonly a: HealthApp,
    readonly b: HealthApp,
    /** What public-health-url answers (the proxy's view), as the test scripts it. */
    readonly publicApp: HealthApp,
  ) {}

  static async start(): Promise<FakeSlots> {
    const [a, b, p] = await Promise.all([HealthApp.start(), HealthApp.start(), HealthApp.start()]);
    p.serve('ok');
    return new FakeSlots(a, b, p);
  }

  get ports(): number[] {
    return [this.portOf(this.a), this.portOf(this.b)];
  }

  name(port: number): string {
    return port === this.ports[0] ? 'a' : port === this.ports[1] ? 'b' : String(port);
  }

  app(port: number): HealthApp {
    const app = port === this.ports[0] ? this.a : port === this.ports[1] ? this.b : undefined;
    if (!app) throw new Error(`test bug: no slot app on port ${port}`);
    return app;
  }

  close(): Promise<unknown> {
    return Promise.all([this.a.close(), this.b.close(), this.publicApp.close()]);
  }

  private portOf(app: HealthApp): number {
    return Number(new URL(app.url).port);
  }
}

/** What the instances run, per slot: a build and its tag, or nothing. */
export class FakeBlueGreen implements BlueGreenStrategy {
  readonly running = new Map<string, { tag: string; build: Build }>();
  /** Set to make stopAt fail (a stop-command that exits 1). */
  stopFails = false;

  constructor(
    private readonly slots: FakeSlots,
    private readonly strategy: FakeStrategy,
    private readonly buildOf: (tag: string) => Build | undefined,
  ) {}

  async startBeside(tag: string, port: number): Promise<number> {
    const slot = this.slots.name(port);
    this.strategy.calls.push(`start ${tag} on ${slot}`);
    const build = this.buildOf(tag);
    if (!build) throw new Error(`release ${tag} is not on the server`);
    this.running.set(slot, { tag, build });
    const app = this.slots.app(port);
    if (build === 'fails-to-start') {
      app.serve('unreachable');
      throw new Error('start-command failed (exit 1)');
    }
    app.serve(build === 'crashes' ? 'unhealthy' : isServing(build) ? build : 'unreachable');
    return port;
  }

  async fatalAt(port: number): Promise<string | undefined> {
    return this.running.get(this.slots.name(port))?.build === 'crashes' ? CRASH_REASON : undefined;
  }

  async logsAt(port: number): Promise<string> {
    const r = this.running.get(this.slots.name(port));
    return r ? `log of ${r.tag} on ${this.slots.name(port)}` : '';
  }

  async promote(tag: string, port: number): Promise<void> {
    this.strategy.calls.push(`promote ${tag} on ${this.slots.name(port)}`);
  }

  async stopAt(port: number): Promise<void> {
    const slot = this.slots.name(port);
    this.strategy.calls.push(`stop ${slot}`);
    if (this.stopFails) throw new Error('stop-command failed (exit 1)');
    this.running.delete(slot);
    if (port === this.slots.ports[0] || port === this.slots.ports[1])
      this.slots.app(port).serve('unreachable');
  }
}

export interface FakeProxyScript {
  /** The port the upstream file names before the run (undefined: no file). */
  upstream?: number;
  /** A proxy-config is given (checkConfig is a no-op without one, as the real one). */
  config?: boolean;
  /** checkConfig refuses the proxy-config. */
  badConfig?: boolean;
  /** switchTo fails on these calls (1 = the first). */
  switchFailsOn?: number[];
}

/** A ProxySwitch over a variable: what the upstream file names, and every call, into the strategy's `calls`. */
export class FakeProxy implements ProxySwitch {
  upstream: number | undefined;
  private switches = 0;

  constructor(
    private readonly slots: FakeSlots,
    private readonly strategy: FakeStrategy,
    private readonly script: FakeProxyScript,
  ) {
    this.upstream = script.upstream;
  }

  async servingPort(): Promise<number | undefined> {
    return this.upstream;
  }

  async checkConfig(): Promise<void> {
    if (!this.script.config && !this.script.badConfig) return;
    this.strategy.calls.push('check proxy-config');
    if (this.script.badConfig) throw new Error('caddy validate: Error: adapting config: unknown directive');
  }

  async switchTo(port: number): Promise<void> {
    this.switches++;
    this.strategy.calls.push(`switch to ${this.slots.name(port)}`);
    if (this.script.switchFailsOn?.includes(this.switches))
      throw new Error('proxy reload failed (exit 1); the previous upstream file was put back');
    this.upstream = port;
  }

  async restoreConfig(): Promise<void> {
    if (this.script.config) this.strategy.calls.push('restore proxy-config');
  }
}

/** The flow's BlueGreenPlan over these fakes. */
export function fakePlan(
  slots: FakeSlots,
  proxy: FakeProxy,
  opts: { drainSeconds?: number; publicCheck?: boolean } = {},
): BlueGreenPlan {
  return {
    ports: slots.ports,
    drainSeconds: opts.drainSeconds ?? 0,
    publicHealthUrl: opts.publicCheck ? slots.publicApp.url : '',
    proxyFor: () => proxy,
  };
}

function isServing(b: Build): b is 'ok' | 'degraded' | 'unhealthy' | 'unreachable' {
  return b === 'ok' || b === 'degraded' || b === 'unhealthy' || b === 'unreachable';
}
