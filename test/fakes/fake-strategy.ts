import { ConfigurationError } from '../../src/io/errors.js';
import type { BlueGreenStrategy, DeployStrategy, Readiness, StrategyName } from '../../src/flow/strategy.js';
import { sh } from '../../src/ssh/quote.js';
import type { RemoteShell } from '../../src/ssh/remote-shell.js';
import type { Health, HealthApp } from './health-app.js';

/**
 * A build of a release, as the test scripts it: how it answers /health once running, or where it breaks.
 * `crashes` answers 503 and fatal() reports its container exited, so the gate fails at once.
 */
export type Build = Health | 'crashes' | 'fails-to-start' | 'fails-to-prepare' | 'fails-to-migrate';

export interface FakeStrategyOptions {
  name: StrategyName;
  /** As the real strategy of that name: release directories keep the replaced build of a tag, compose cannot. */
  restoresRedeploy?: boolean;
  /** Releases already on the server, and their builds. */
  onServer?: Record<string, Build>;
  /** What prepare(tag) makes of each tag this run deploys. */
  builds?: Record<string, Build>;
}

export const CRASH_REASON = 'container shop-app-1 exited (code 1)';

/**
 * A DeployStrategy that records its calls (`calls`, in order, consecutive fatal() checks as one) and runs
 * scripted builds: activate(tag) writes the tag to `<app-dir>/serving` over the shell (so a lost connection
 * hits it as it would a real switch) and sets what the HealthApp answers.
 */
export class FakeStrategy implements DeployStrategy {
  readonly name: StrategyName;
  readonly restoresRedeploy: boolean;
  readonly calls: string[] = [];
  /** Set by a blue-green test (test/fakes/fake-blue-green.ts). */
  blueGreen?: BlueGreenStrategy;
  private readonly present: Map<string, Build>;
  /** The build a re-deploy replaced, per tag, while the strategy can still bring it back. */
  private readonly replaced = new Map<string, Build>();
  private readonly activated = new Set<string>();
  private running?: Build;

  constructor(
    private readonly ctx: { conn: RemoteShell; appDir: string },
    private readonly app: HealthApp,
    private readonly opts: FakeStrategyOptions,
  ) {
    this.name = opts.name;
    this.restoresRedeploy = opts.restoresRedeploy ?? opts.name === 'release';
    this.present = new Map(Object.entries(opts.onServer ?? {}));
  }

  async prepare(tag: string): Promise<void> {
    this.calls.push(`prepare ${tag}`);
    const build = this.opts.builds?.[tag];
    if (!build) throw new Error(`test bug: no build scripted for ${tag}`);
    if (build === 'fails-to-prepare') throw new Error(`pulling ${tag} failed: manifest unknown`);
    const old = this.present.get(tag);
    if (old && this.restoresRedeploy) this.replaced.set(tag, old);
    this.present.set(tag, build);
  }

  async migrate(tag: string): Promise<void> {
    this.calls.push(`migrate ${tag}`);
    if (this.present.get(tag) === 'fails-to-migrate') throw new Error('migrate-command failed (exit 1)');
  }

  async activate(tag: string): Promise<void> {
    this.calls.push(`activate ${tag}`);
    const replaced = this.replaced.get(tag);
    if (replaced && this.activated.has(tag)) {
      this.present.set(tag, replaced);
      this.replaced.delete(tag);
    }
    const build = this.present.get(tag);
    if (!build) throw new ConfigurationError(`release ${tag} is not on the server`);
    this.activated.add(tag);
    await this.ctx.conn.run(sh`printf '%s\\n' ${tag} > ${`${this.ctx.appDir}/serving`}`, 'switching');
    this.running = build;
    if (build === 'fails-to-start') {
      this.app.serve('unreachable');
      throw new Error('restart-command failed (exit 1) after the switch');
    }
    this.app.serve(build === 'crashes' ? 'unhealthy' : isHealth(build) ? build : 'unreachable');
  }

  async fatal(): Promise<string | undefined> {
    if (this.calls.at(-1) !== 'fatal') this.calls.push('fatal');
    return this.running === 'crashes' ? CRASH_REASON : undefined;
  }

  /** What readiness() says after the URL passed: `starting` for this many checks, then `then`. */
  startingChecks = 0;
  afterStarting: Readiness = { state: 'ready' };

  async readiness(): Promise<Readiness> {
    if (this.startingChecks-- > 0)
      return { state: 'waiting', reason: 'Docker healthcheck of shop-app-1 (service app) still starting' };
    return this.afterStarting;
  }

  /** What logs() returns: the app's own output as the test scripts it. Reads are counted apart from `calls`. */
  appLogs = '';
  logsRead = 0;

  async logs(): Promise<string> {
    this.logsRead++;
    return this.appLogs;
  }

  /** The build of a release on the server (prepared in this run or there before). */
  buildOf(tag: string): Build | undefined {
    return this.present.get(tag);
  }

  async available(): Promise<string[]> {
    return [...this.present.keys()];
  }

  async prune(keep: number, protect: string[], failed: string[]): Promise<string[]> {
    this.calls.push(`prune keep=${keep} protect=${protect.join(',')} failed=${failed.join(',')}`);
    return [];
  }
}

function isHealth(b: Build): b is Health {
  return b === 'ok' || b === 'degraded' || b === 'unhealthy' || b === 'unreachable';
}
