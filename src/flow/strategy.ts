import type { RemoteShell, Log } from '../ssh/remote-shell.js';

/**
 * How a release is applied and reverted on the server. The deploy flow (lock -> ledger -> prepare -> migrate ->
 * activate -> gate -> rollback on failure -> prune) is one piece of code in src/flow; `compose` (images) and
 * `release` (release directories + restart command, for systemd apps) are its two strategies.
 */
export type StrategyName = 'compose' | 'release' | 'swarm';

export type Readiness = { state: 'ready' } | { state: 'waiting' | 'failed'; reason: string };

export interface StrategyContext {
  conn: RemoteShell;
  app: string;
  /** Absolute path of the app on the server (may contain spaces and quotes: always quoteForShell it). */
  appDir: string;
  log: Log;
}

export interface DeployStrategy {
  readonly name: StrategyName;
  /**
   * Whether activate(tag), after a failed re-deploy of the tag that was serving, brings back the build that
   * served before (release directories keep it aside). Compose cannot: the tag now names the new image.
   */
  readonly restoresRedeploy: boolean;
  /**
   * Everything that can be done before anything running changes: upload files, link shared files, install,
   * pull images. A failure here leaves the server serving what it served.
   */
  prepare(tag: string): Promise<void>;
  /** The user's migrate-command, before the switch; a failure aborts with nothing switched. */
  migrate(tag: string): Promise<void>;
  /** Makes `tag` the running release (compose: `up -d`; release: atomic switch, then restart-command). */
  activate(tag: string): Promise<void>;
  /**
   * Checked during the gate: a reason when the app cannot become healthy any more (a container exited or
   * restart-loops), so the gate fails at once.
   */
  fatal(): Promise<string | undefined>;
  /**
   * Asked once the health URL passes: whether the server's own view agrees (Compose services with a Docker
   * healthcheck: `starting` waits within health-timeout, `unhealthy` fails the gate). `ready` when it has none.
   */
  readiness(): Promise<Readiness>;
  /**
   * The last lines of the app's own logs (compose: `logs --tail` of the deployed services; release directories:
   * the user's logs-command), shown when a gate or phase fails; '' when there is nothing to show. Never throws:
   * logs are a help for the reader of a failure, not a step that can fail.
   */
  logs(): Promise<string>;
  /** Releases present on the server that a rollback could return to. */
  available(): Promise<string[]>;
  /** Removes releases beyond `keep`, never those in `protect`. Returns what it removed. */
  prune(keep: number, protect: string[], failed: string[]): Promise<string[]>;
  /** Present only with `switch: blue-green`: the two-instance operations the blue-green flow uses. */
  readonly blueGreen?: BlueGreenStrategy;
}

/** A strategy that can run two instances of the app side by side on loopback ports (switch: blue-green). */
export interface BlueGreenStrategy {
  /**
   * Starts `tag` listening on 127.0.0.1:<port> beside whatever serves now; the serving instance is not
   * touched. Returns the port it listens on (compose with no `ports`: the ephemeral port read back).
   */
  startBeside(tag: string, port: number): Promise<number>;
  /** Like DeployStrategy.fatal(), for the instance on `port` (exited, restart loop). */
  fatalAt(port: number): Promise<string | undefined>;
  /** Like DeployStrategy.logs(), for the instance on `port`. Never throws. */
  logsAt(port: number): Promise<string>;
  /** After traffic moved to `port`: whatever the strategy keeps as "current" (release dirs: the `current` link). */
  promote(tag: string, port: number): Promise<void>;
  /** Stops and removes the instance on `port` (any release); no-op when there is none. */
  stopAt(port: number): Promise<void>;
}

/** Options of the `release` strategy (release directories + restart command), from the deploy/rollback inputs. */
export interface ReleaseStrategyOptions {
  /** Runner directory of the checked-out repository, where `git archive <tag>` runs. */
  workspace: string;
  /** '' = `git archive` of the tag from the workspace; else a directory or a tarball (.tar/.tar.gz/.tgz) on the runner. */
  source: string;
  /** Paths linked from <app-dir>/shared/ into each release (default ['.env']). */
  sharedFiles: string[];
  sharedDirs: string[];
  /** Contents for shared/.env (mode 0600); '' = leave it as it is. */
  envFile: string;
  installCommand: string;
  migrateCommand: string;
  restartCommand: string;
  /** Prints the app's recent logs on the server (e.g. `journalctl -u app -n 80 --no-pager`); '' = none. */
  logsCommand?: string;
  /**
   * switch: blue-green: the two slot ports, and the start-command / stop-command lines (run with APP_PORT and
   * RELEASE_DIR set) that replace restart-command.
   */
  blueGreen?: { ports: number[]; startCommand: string; stopCommand: string };
}
