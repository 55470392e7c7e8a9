import { LeasedShell } from '../../src/flow/leased-shell.js';
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { FlowContext } from '../../src/flow/attempt.js';
import type { HealthPlan } from '../../src/flow/gate-release.js';
import type { LedgerRecord } from '../../src/flow/ledger.js';
import { stateDir } from '../../src/flow/state.js';
import type { DeployState } from '../../src/flow/state.js';
import type { GateOptions } from '../../src/health/gate.js';
import { FakeStrategy } from './fake-strategy.js';
import type { FakeStrategyOptions } from './fake-strategy.js';
import { HealthApp } from './health-app.js';
import { LocalShell } from './local-shell.js';
import { RecordingLog } from './recording-log.js';

export const RUN = { actor: 'octocat', runUrl: 'https://github.com/acme/shop/actions/runs/7' };

/** Gate timings short enough that a failing gate costs a second, long enough for a loaded machine. */
export const BRISK_GATE: GateOptions = {
  timeoutSeconds: 1,
  intervalSeconds: 0.05,
  successes: 2,
  allowDegraded: true,
  requestTimeoutSeconds: 0.5,
};

export interface FlowSetup {
  strategy: FakeStrategyOptions;
  health?: { from?: HealthPlan['from']; gate?: Partial<GateOptions> };
  lockTimeoutSeconds?: number;
  loseWhen?: (what: string) => boolean;
}

/** Runs fn against a fresh fake server and always removes it (tests using it can run concurrently). */
export async function withFakeServer<T>(fn: (server: FakeServer) => Promise<T>): Promise<T> {
  const server = await FakeServer.start();
  try {
    return await fn(server);
  } finally {
    await server.close();
  }
}

/** One run's view of the server: its shell, strategy, log, and the FlowContext the flow gets. */
export interface FlowRun {
  ctx: FlowContext;
  shell: LocalShell;
  strategy: FakeStrategy;
  log: RecordingLog;
  /** The strategy names the flow asked for (rollback reads it from state.json), each over the locked shell. */
  asked: string[];
}

/**
 * One app on a fake server: a temp app-dir (its name has a space and a quote, as every path may) and the app's
 * health endpoint. What the flow leaves there (state.json, the ledger, the lock, `serving`) is read back raw.
 */
export class FakeServer {
  private constructor(
    private readonly root: string,
    readonly appDir: string,
    readonly app: HealthApp,
  ) {}

  static async start(): Promise<FakeServer> {
    const root = await mkdtemp(join(tmpdir(), 'vpsd-flow-'));
    const appDir = join(root, "it's my app");
    await mkdir(appDir);
    return new FakeServer(root, appDir, await HealthApp.start());
  }

  /** A run against this server, as the action builds one for a connection. */
  connect(setup: FlowSetup): FlowRun {
    const log = new RecordingLog();
    const shell = new LocalShell({ log, ...(setup.loseWhen ? { loseWhen: setup.loseWhen } : {}) });
    const strategy = new FakeStrategy({ conn: shell, appDir: this.appDir }, this.app, setup.strategy);
    const asked: string[] = [];
    const ctx: FlowContext = {
      conn: shell,
      appDir: this.appDir,
      log,
      run: RUN,
      secrets: [],
      lockTimeoutSeconds: setup.lockTimeoutSeconds ?? 5,
      health: {
        urls: [this.app.url],
        commands: [],
        headers: {},
        from: setup.health?.from ?? 'server',
        gate: { ...BRISK_GATE, ...setup.health?.gate },
      },
      // A strategy made over anything but the locked shell would run its commands outside the lock's lease.
      strategyFor: async (name, over) => {
        asked.push(over instanceof LeasedShell ? name : `${name} over an unlocked connection`);
        if (name !== strategy.name) throw new Error(`test bug: the flow asked for ${name}`);
        return strategy;
      },
    };
    return { ctx, shell, strategy, log, asked };
  }

  /** Writes state.json as an earlier deploy left it (null: nothing deployed yet). */
  async seedState(state: DeployState | null): Promise<void> {
    if (!state) return;
    await mkdir(stateDir(this.appDir), { recursive: true });
    await writeFile(join(stateDir(this.appDir), 'state.json'), JSON.stringify(state));
  }

  async state(): Promise<DeployState | null> {
    const text = await this.read(join(stateDir(this.appDir), 'state.json'));
    if (text === null) return null;
    const { current, previous, strategy } = JSON.parse(text) as DeployState;
    return { current, previous, strategy };
  }

  /** Every ledger line, in order (not folded into attempts). */
  async ledger(): Promise<LedgerRecord[]> {
    const text = (await this.read(join(stateDir(this.appDir), 'releases.jsonl'))) ?? '';
    return text
      .split('\n')
      .filter(Boolean)
      .map((l) => JSON.parse(l) as LedgerRecord);
  }

  /** What the strategy last switched to (null: never). */
  async serving(): Promise<string | null> {
    return (await this.read(join(this.appDir, 'serving')))?.trim() ?? null;
  }

  /** The lock file: the holder's line while held, empty once released. */
  async lockFile(): Promise<string | null> {
    return this.read(join(stateDir(this.appDir), 'lock'));
  }

  async close(): Promise<void> {
    await this.app.close();
    // A lock script whose channel just closed may still be removing its process entry under .vps-deploy when
    // the test ends (ENOTEMPTY); rm's own retries wait for it.
    await rm(this.root, { recursive: true, force: true, maxRetries: 10, retryDelay: 50 });
  }

  private async read(path: string): Promise<string | null> {
    try {
      return await readFile(path, 'utf8');
    } catch {
      return null;
    }
  }
}
