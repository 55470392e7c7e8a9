import { randomBytes } from 'node:crypto';
import { posix } from 'node:path';
import { inPhase } from '../io/errors.js';
import type { Log, RemoteShell } from '../ssh/remote-shell.js';
import { sh, userCommand } from '../ssh/quote.js';

/**
 * `env-file` is part of a release: each deploy records the config it ran with beside the release (release
 * directories: releases/<tag>/.vps-deploy.env; compose: .vps-deploy/env/<tag>.env), and activating a tag
 * puts its recorded config in place (shared/.env, the compose .env) by a copy and one rename. So a deploy that
 * stops before the switch leaves the live config alone, and a rollback brings back the config with the code.
 * Both strategies use this; docs/server-layout.md describes the files.
 */

/** Name of the recorded config inside a release directory. */
export const RELEASE_ENV = '.vps-deploy.env';
/** Where the compose strategy keeps each tag's recorded .env, relative to the app dir. */
export const COMPOSE_ENV_DIR = '.vps-deploy/env';

/** env-file contents as written on the server: LF line endings (CRLF from a Windows editor or secret), a final newline. */
export function envFileText(content: string): string {
  const lf = content.replace(/\r\n?/g, '\n');
  return lf.endsWith('\n') ? lf : `${lf}\n`;
}

/**
 * The mode a config file gets in `dir`: 0600, or 0640 when `dir` is setgid (init's `app-group` on shared/), so
 * an app running as its own user in that group can read `.env` itself (python-dotenv, pydantic settings); the
 * file takes the directory's group by the setgid bit. Sets `$mode` for the commands after it.
 */
function envModeFor(dir: string): string {
  return sh`mode=600; if [ -g ${dir} ]; then mode=640; fi; `;
}

/**
 * Copies `from` to `to` by a temp file (no access for others from the start) renamed over `to`, so a reader
 * sees the old file or the new one; mode 0600, or 0640 in a setgid dir (envModeFor). Prints `none` when `from`
 * does not exist (and changes nothing).
 */
export function copyEnvCommand(from: string, to: string, tmpSuffix: string): string {
  const tmp = `${to}.tmp-${tmpSuffix}`;
  return (
    sh`if [ ! -f ${from} ]; then echo none; exit 0; fi; mkdir -p -- ${posix.dirname(to)} && ` +
    envModeFor(posix.dirname(to)) +
    sh`(umask 077 && cp -- ${from} ${tmp}) && chmod "$mode" -- ${tmp} && ` +
    sh`{ mv -f -- ${tmp} ${to} || { rc=$?; rm -f -- ${tmp}; exit $rc; }; }`
  );
}

/** Gives an uploaded config (mode 0600) the mode copyEnvCommand would: 0640 in a setgid dir. */
export function envModeCommand(path: string): string {
  return envModeFor(posix.dirname(path)) + sh`chmod "$mode" -- ${path}`;
}

/** Exits 0 when a file is at `path`. */
export function fileExistsCommand(path: string): string {
  return sh`[ -f ${path} ]`;
}

/** Removes the recorded configs of pruned compose tags (and a staged one a killed run left). */
export function forgetComposeEnvCommand(appDir: string, tags: string[]): string {
  const dir = posix.join(appDir, COMPOSE_ENV_DIR);
  return sh`rm -f -- ${tags.flatMap((t) => [posix.join(dir, `${t}.env`), posix.join(dir, `.next-${t}.env`)])}`;
}

export function composeEnvRecord(appDir: string, tag: string): string {
  return posix.join(appDir, COMPOSE_ENV_DIR, `${tag}.env`);
}

export function composeEnvStaged(appDir: string, tag: string): string {
  return posix.join(appDir, COMPOSE_ENV_DIR, `.next-${tag}.env`);
}

/** The env-file this run staged for `tag` becomes that tag's record (compose and swarm, at the switch). */
export async function keepStagedEnv(conn: RemoteShell, appDir: string, tag: string): Promise<void> {
  await conn.run(
    sh`mv -f -- ${composeEnvStaged(appDir, tag)} ${composeEnvRecord(appDir, tag)}`,
    'recording the env-file',
    { log: false },
  );
}

/**
 * An image release's migrate-command (compose and swarm): in the app dir with the tag variable set; the live
 * .env is still the running release's, so a staged env-file is named by VPS_DEPLOY_ENV_FILE.
 */
export function imageMigrateCommand(
  command: string,
  appDir: string,
  tagVariable: string,
  tag: string,
  envFileStaged: boolean,
): string {
  return userCommand(command, {
    cwd: appDir,
    env: {
      [tagVariable]: tag,
      ...(envFileStaged ? { VPS_DEPLOY_ENV_FILE: composeEnvStaged(appDir, tag) } : {}),
    },
  });
}

const suffix = () => randomBytes(4).toString('hex');

/**
 * Records the config a release runs with: the env-file when given (over SFTP, never a command line), else a copy
 * of the live config (the deploy runs with it unchanged). Nothing when neither exists.
 */
export async function recordEnv(
  conn: RemoteShell,
  envFile: string,
  live: string,
  record: string,
): Promise<void> {
  try {
    if (envFile) await conn.upload(envFileText(envFile), record, 0o600);
    else await conn.run(copyEnvCommand(live, record, suffix()), 'recording the config', { log: false });
  } catch (e) {
    throw inPhase('upload', e);
  }
}

/**
 * When no live config exists yet (a first deploy), the new one is put in place before the switch: nothing ran
 * with a config here, and install, migrate and `compose config` need the file.
 */
export async function installFirstEnv(
  conn: RemoteShell,
  envFile: string,
  live: string,
  log: Log,
  liveName: string,
): Promise<void> {
  if (!envFile || (await conn.exec(fileExistsCommand(live), { log: false })).code === 0) return;
  try {
    await conn.upload(envFileText(envFile), live, 0o600);
    await conn.run(envModeCommand(live), `setting the mode of ${liveName}`, { log: false });
  } catch (e) {
    throw inPhase('upload', e);
  }
  log.info(`Wrote ${liveName}: there was none yet`);
}

/**
 * Puts `tag`'s recorded config in place at the switch. A release with no record (deployed before vps-deploy
 * kept one per release) leaves the live config as it is, and says so.
 */
export async function applyEnv(
  conn: RemoteShell,
  log: Log,
  tag: string,
  record: string,
  live: string,
  liveName: string,
): Promise<void> {
  const r = await conn.run(copyEnvCommand(record, live, suffix()), `putting the config of ${tag} in place`, {
    log: false,
  });
  if (r.stdout.trim() === 'none')
    log.warning(
      `${tag} has no recorded env (deployed before vps-deploy kept one per release, or without any): ` +
        `${liveName} left as it is`,
    );
  else log.info(`${liveName} is the config recorded with ${tag}`);
}
