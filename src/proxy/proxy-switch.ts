import { RemoteError, errText, tailOf } from '../io/errors.js';
import type { Log, RemoteShell } from '../ssh/remote-shell.js';
import {
  candidatePath,
  parseReadFile,
  readFileCommand,
  reloadCommand,
  removeFileCommand,
  validateConfigCommand,
  writeFileCommand,
} from './commands.js';
import { upstreamLine, upstreamPort } from './upstream.js';

export type ProxyKind = 'caddy' | 'nginx' | 'command';

export interface ProxyOptions {
  kind: ProxyKind;
  /** Absolute path on the server ('' with kind: command). */
  upstreamFile: string;
  /** '' = the default for kind (commands.ts DEFAULT_RELOAD). */
  reloadCommand: string;
  /** proxy-config, read on the runner by the action: its content and where it is installed on the server. */
  config?: { content: string; path: string };
}

/** The user's proxy, moved between the two instances of a blue-green deploy (docs/blue-green.md). */
export interface ProxySwitch {
  /** Port the upstream file names now (undefined: no file, not one line of ours, or kind: command). */
  servingPort(): Promise<number | undefined>;
  /** proxy-config given: upload beside its target and validate WITHOUT reloading. Throws with the validator's
   *  output; nothing on the server changed. No-op without config. */
  checkConfig(): Promise<void>;
  /** Writes the upstream file atomically to name 127.0.0.1:<port>, installs the checked config (first call
   *  only), reloads gracefully. On reload failure puts back the previous file(s), reloads, throws. */
  switchTo(port: number): Promise<void>;
  /** Puts back the proxy-config this deploy replaced (if any) and reloads. Never throws (logs a warning). */
  restoreConfig(): Promise<void>;
}

/** A file as it was before this deploy: its content, or undefined for none. */
interface Before {
  content: string | undefined;
}

export function proxySwitch(conn: RemoteShell, opts: ProxyOptions, log: Log): ProxySwitch {
  const { kind } = opts;
  const name = kind === 'command' ? 'the proxy-reload-command' : kind;
  let configChecked = false;
  /** The proxy-config this deploy replaced, once installed. */
  let configBefore: Before | undefined;
  /** The port the proxy was last switched to by this deploy (what a restoreConfig reload keeps serving). */
  let lastPort: number | undefined;

  const read = async (path: string, what: string): Promise<Before> => {
    const r = await conn.run(readFileCommand(path), `reading ${what} ${path}`, { log: false });
    return { content: parseReadFile(r.stdout) };
  };

  const putBack = async (path: string, before: Before, what: string): Promise<void> => {
    const command =
      before.content === undefined ? removeFileCommand(path) : writeFileCommand(path, before.content);
    await conn.run(command, `putting back ${what} ${path}`, { log: false });
  };

  /** Runs the reload; its output is the server's, shown through the connection's log and carried in the error. */
  const reload = async (port: number): Promise<void> => {
    const r = await conn.exec(reloadCommand(kind, opts.reloadCommand, port));
    if (r.code !== 0)
      throw new RemoteError(
        `${kind === 'command' ? 'the proxy-reload-command' : `the ${kind} reload`} failed (exit ${r.signal ?? r.code})${tailOf(r.stderr || r.stdout)}`,
      );
  };

  return {
    async servingPort() {
      if (kind === 'command') return undefined;
      const { content } = await read(opts.upstreamFile, 'the upstream file');
      return content === undefined ? undefined : upstreamPort(kind, content);
    },

    async checkConfig() {
      if (!opts.config || kind === 'command') return;
      const candidate = candidatePath(opts.config.path);
      await conn.upload(opts.config.content, candidate, 0o644);
      try {
        const r = await conn.exec(validateConfigCommand(kind, candidate), { log: false });
        if (r.code !== 0)
          throw new RemoteError(
            `${kind} refused the proxy-config for ${opts.config.path} (nothing was changed or reloaded)${tailOf(r.stdout + r.stderr, 30)}`,
          );
      } finally {
        await conn.exec(removeFileCommand(candidate), { log: false }).catch(() => undefined);
      }
      configChecked = true;
      log.info(`${kind} accepts the proxy-config for ${opts.config.path}`);
    },

    async switchTo(port) {
      if (kind === 'command') {
        await reload(port);
        lastPort = port;
        log.info(`${name} switched traffic to port ${port}`);
        return;
      }
      const upstreamBefore = await read(opts.upstreamFile, 'the upstream file');
      const installConfig = opts.config && !configBefore;
      if (installConfig && !configChecked)
        throw new Error('proxy switch: checkConfig() must pass before the proxy-config is installed');
      let configNow: Before | undefined;
      if (opts.config && installConfig) {
        configNow = await read(opts.config.path, 'the proxy-config');
        await conn.upload(opts.config.content, opts.config.path, 0o644);
        configBefore = configNow;
      }
      try {
        await conn.run(
          writeFileCommand(opts.upstreamFile, `${upstreamLine(kind, port)}\n`),
          `writing the upstream file ${opts.upstreamFile}`,
          { log: false },
        );
        await reload(port);
      } catch (e) {
        // Back to what served: the upstream file (and a config this call installed) as they were, reloaded.
        const undo: string[] = [];
        try {
          await putBack(opts.upstreamFile, upstreamBefore, 'the upstream file');
          if (opts.config && configNow) {
            await putBack(opts.config.path, configNow, 'the proxy-config');
            configBefore = undefined;
          }
          const was = upstreamBefore.content && upstreamPort(kind, upstreamBefore.content);
          await reload(was || port);
        } catch (u) {
          undo.push(errText(u));
        }
        const after = undo.length
          ? `; putting the previous files back failed too: ${undo.join('; ')}`
          : '; the previous upstream file was put back and the proxy reloaded';
        throw new RemoteError(`${errText(e)}${after}`);
      }
      lastPort = port;
      log.info(`${name} now sends traffic to 127.0.0.1:${port}`);
    },

    async restoreConfig() {
      if (!opts.config || !configBefore) return;
      try {
        await putBack(opts.config.path, configBefore, 'the proxy-config');
        configBefore = undefined;
        await reload(lastPort ?? 0);
        log.info(`the previous proxy-config of ${opts.config.path} is back and ${name} reloaded`);
      } catch (e) {
        log.warning(`putting back the previous proxy-config ${opts.config.path} failed: ${errText(e)}`);
      }
    },
  };
}
