import { randomBytes } from 'node:crypto';
import { ConfigurationError, errText } from '../../io/errors.js';
import { connectionLost } from '../../ssh/remote-shell.js';
import type { RemoteShell } from '../../ssh/remote-shell.js';
import type { BlueGreenStrategy, StrategyContext } from '../../flow/strategy.js';
import { appLogsCommand, isCompleteCommand } from './commands.js';
import { releasePaths } from './layout.js';
import { switchCurrent } from './switch.js';
import { runUserCommands } from './user-commands.js';
import {
  linkSlotCommand,
  listSlotsCommand,
  parseSlots,
  slotEnv,
  slotPath,
  unlinkSlotCommand,
} from './blue-green-commands.js';

/** Release directories under `switch: blue-green` (ReleaseStrategyOptions.blueGreen). */
export interface ReleaseSlotOptions {
  /** The two loopback ports the app alternates between. */
  ports: number[];
  /** Starts the instance of `$APP_PORT` (e.g. `sudo systemctl start app@${APP_PORT}`); lines as restart-command. */
  startCommand: string;
  stopCommand: string;
}

/** What the release strategy lends its blue-green side: the live config and the logs-command. */
export interface SlotHooks {
  /** Puts the config recorded with `tag` in place as shared/.env (as activate does). */
  applyEnv(tag: string): Promise<void>;
  logsCommand: string;
  /** Tags available on the server, for the error about a missing one. */
  available(): Promise<string[]>;
}

/** Refuses options a blue-green release strategy cannot run with (a rollback learns the strategy late). */
export function checkSlotOptions(o: ReleaseSlotOptions): void {
  const missing = !o.ports.length
    ? 'ports'
    : !o.startCommand
      ? 'start-command'
      : !o.stopCommand
        ? 'stop-command'
        : undefined;
  if (missing)
    throw new ConfigurationError(
      `input "${missing}" is required for strategy: release with switch: blue-green ` +
        '(ports like 8001,8002; start-command and stop-command read APP_PORT, like sudo systemctl start app@${APP_PORT})',
    );
}

/**
 * Two instances side by side: the instance on a port runs from the slot link `<app-dir>/slots/<port>` ->
 * `releases/<tag>`, started and stopped by the user's start-command / stop-command with APP_PORT and
 * RELEASE_DIR set (init's template unit `<app>@.service` uses the slot as its working directory). `current`
 * still names the serving release: promote() moves it after the proxy did.
 */
export class ReleaseSlots implements BlueGreenStrategy {
  /** Ports whose instance this run started and has not promoted: stopping one puts back the serving config. */
  private readonly started = new Map<number, string>();

  constructor(
    private readonly ctx: StrategyContext,
    private readonly opts: ReleaseSlotOptions,
    private readonly hooks: SlotHooks,
  ) {
    checkSlotOptions(opts);
  }

  private get conn(): RemoteShell {
    return this.ctx.conn;
  }

  async startBeside(tag: string, port: number): Promise<number> {
    const { appDir, log } = this.ctx;
    const p = releasePaths(appDir, tag);
    if ((await this.conn.exec(isCompleteCommand(p.release), { log: false })).code !== 0) {
      const onServer = await this.hooks.available();
      throw new ConfigurationError(
        `release ${JSON.stringify(tag)} is not on the server (${p.releases}); releases there: ` +
          (onServer.length ? onServer.join(', ') : 'none'),
      );
    }
    // Whatever a killed run left on this port goes first: it does not serve (the proxy names the other port).
    await this.stopAt(port);
    await this.conn.run(linkSlotCommand(appDir, port, tag, suffix()), `linking slots/${port}`, {
      log: false,
    });
    log.info(`slots/${port} -> releases/${tag}`);
    this.started.set(port, tag);
    await this.hooks.applyEnv(tag);
    await this.run('start-command', this.opts.startCommand, tag, port, 'start');
    return port;
  }

  async fatalAt(): Promise<string | undefined> {
    // The service manager is the user's: the gate on the instance's own port is the only judge.
    return this.conn.isOpen ? undefined : connectionLost(this.conn);
  }

  async logsAt(port: number): Promise<string> {
    if (!this.hooks.logsCommand || !this.conn.isOpen) return '';
    try {
      const env = `export APP_PORT=${port}; `;
      const r = await this.conn.exec(appLogsCommand(env + this.hooks.logsCommand, this.ctx.appDir), {
        log: false,
        maxStdout: 256 * 1024,
      });
      return r.stdout.trimEnd();
    } catch (e) {
      this.ctx.log.debug(`logs-command failed: ${errText(e)}`);
      return '';
    }
  }

  async promote(tag: string, port: number): Promise<void> {
    const p = releasePaths(this.ctx.appDir, tag);
    await switchCurrent(this.conn, this.ctx.appDir, p.currentTarget);
    this.started.delete(port);
    this.ctx.log.info(`current -> ${p.currentTarget} (serving on port ${port})`);
  }

  async stopAt(port: number): Promise<void> {
    const { appDir, log } = this.ctx;
    const tag = (await this.slots()).get(port);
    if (!tag) return;
    await this.run('stop-command', this.opts.stopCommand, tag, port, 'stop');
    await this.conn.run(unlinkSlotCommand(appDir, port), `removing slots/${port}`, { log: false });
    log.info(`Stopped releases/${tag} on port ${port}`);
    if (this.started.delete(port)) await this.putBackServingEnv();
  }

  /** Port -> tag of every slot link: prune keeps these releases whatever their age. */
  async slots(): Promise<Map<number, string>> {
    const r = await this.conn.run(listSlotsCommand(this.ctx.appDir), 'listing slots', { log: false });
    return parseSlots(r.stdout);
  }

  /** A new instance that never served was stopped: shared/.env is again the config of what `current` names. */
  private async putBackServingEnv(): Promise<void> {
    const serving = (await this.slots()).values().next().value;
    if (serving) await this.hooks.applyEnv(serving);
  }

  private run(input: string, command: string, tag: string, port: number, phase: string): Promise<void> {
    const { appDir, log } = this.ctx;
    const p = releasePaths(appDir, tag);
    const where = {
      tag,
      appDir,
      releaseDir: p.release,
      cwd: slotPath(appDir, port),
      env: slotEnv(port, p.release),
    };
    return runUserCommands(this.conn, log, input, command, phase, where);
  }
}

function suffix(): string {
  return randomBytes(6).toString('hex');
}
