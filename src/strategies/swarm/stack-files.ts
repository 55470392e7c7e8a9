import { randomBytes } from 'node:crypto';
import { posix } from 'node:path';
import { parse } from 'yaml';
import { ConfigurationError, inPhase } from '../../io/errors.js';
import { sh } from '../../ssh/quote.js';
import type { Log, RemoteShell } from '../../ssh/remote-shell.js';
import {
  applyEnv,
  COMPOSE_ENV_DIR,
  composeEnvRecord,
  composeEnvStaged,
  installFirstEnv,
  keepStagedEnv,
  recordEnv,
} from '../env-release.js';
import {
  COMPOSE_NAMES,
  findComposeFileCommand,
  placeFileCommand,
  STACK_FILES_DIR,
  stackFileRecord,
} from './commands.js';

/**
 * The files a stack release is made of, kept per tag so a rollback deploys what that tag ran with: the compose
 * file (`.vps-deploy/stack/<tag>.yml`) and the env-file (`.vps-deploy/env/<tag>.env`, as the compose strategy
 * keeps it, src/strategies/env-release.ts). Each is staged by prepare and becomes the tag's record, and the
 * live `<app-dir>/<compose name>` and `<app-dir>/.env` (what `env_file: .env` reads), at activate.
 */
export class StackFiles {
  /** The compose file's name in the app dir: from compose-file, else the one found there. */
  private name: string | undefined;
  /** The tag prepare() staged: activating it records its files; activating any other brings back its own. */
  private prepared: string | undefined;

  constructor(
    private readonly conn: RemoteShell,
    private readonly appDir: string,
    private readonly log: Log,
    private readonly opts: { composeFile?: { name: string; content: string }; envFile: string },
  ) {}

  private staged(tag: string): string {
    return posix.join(this.appDir, STACK_FILES_DIR, `.next-${tag}.yml`);
  }

  /** Stages `tag`'s compose file and env-file; returns the compose file's text (for the services check). */
  async stage(tag: string): Promise<string> {
    const { conn, appDir, log, opts } = this;
    this.prepared = undefined;
    await conn.run(
      sh`mkdir -p ${[appDir, posix.join(appDir, STACK_FILES_DIR), posix.join(appDir, COMPOSE_ENV_DIR)]}`,
      'creating the app directory',
      { log: false },
    );
    const live = posix.join(appDir, '.env');
    const [content] = await Promise.all([
      this.stageComposeFile(tag),
      opts.envFile &&
        recordEnv(conn, opts.envFile, live, composeEnvStaged(appDir, tag))
          .then(() => installFirstEnv(conn, opts.envFile, live, log, '.env'))
          .then(() =>
            log.info(`Uploaded the env-file for ${tag} (mode 0600); .env changes at the stack deploy`),
          ),
    ]);
    this.prepared = tag;
    return content;
  }

  private async stageComposeFile(tag: string): Promise<string> {
    const { conn, appDir, log, opts } = this;
    try {
      if (opts.composeFile) {
        this.name = opts.composeFile.name;
        await conn.upload(opts.composeFile.content, this.staged(tag), 0o644);
        log.info(`Uploaded ${opts.composeFile.name} for ${tag}`);
        return opts.composeFile.content;
      }
    } catch (e) {
      throw inPhase('upload', e);
    }
    const name = await this.liveName();
    if (!name)
      throw new ConfigurationError(
        `no compose file: give "compose-file", or put one of ${COMPOSE_NAMES.join(', ')} in ${appDir} on the server`,
      );
    const live = posix.join(appDir, name);
    await conn.run(placeFileCommand(live, this.staged(tag), suffix()), `recording ${name} for ${tag}`, {
      log: false,
    });
    return (await conn.run(sh`cat -- ${live}`, `reading ${name}`, { log: false })).stdout;
  }

  /** The name of the compose file in the app dir ('' when there is none). */
  private async liveName(): Promise<string> {
    if (this.name) return this.name;
    const r = await this.conn.run(findComposeFileCommand(this.appDir), 'looking for the compose file', {
      log: false,
    });
    return (this.name = r.stdout.trim().split('\n').pop() ?? '');
  }

  /** Puts `tag`'s compose file and config in place; returns the compose file's name in the app dir. */
  async apply(tag: string): Promise<string> {
    const { conn, appDir, log } = this;
    const staged = tag === this.prepared;
    this.prepared = undefined;
    const record = stackFileRecord(appDir, tag);
    if (staged)
      await conn.run(sh`mv -f -- ${this.staged(tag)} ${record}`, `recording the compose file of ${tag}`, {
        log: false,
      });
    const name = (await this.liveName()) || 'docker-compose.yml';
    const r = await conn.exec(placeFileCommand(record, posix.join(appDir, name), suffix()), { log: false });
    if (r.code !== 0)
      log.warning(
        `${tag} has no recorded compose file (not deployed by the swarm strategy): ${name} left as it is`,
      );
    await this.applyEnvOf(tag, staged);
    return name;
  }

  private async applyEnvOf(tag: string, staged: boolean): Promise<void> {
    const { conn, appDir, log, opts } = this;
    const record = composeEnvRecord(appDir, tag);
    const live = posix.join(appDir, '.env');
    // No env-file: the release runs with the .env in place, and that is what a rollback to it brings back.
    if (staged && !opts.envFile) return recordEnv(conn, '', live, record);
    if (staged) await keepStagedEnv(conn, appDir, tag);
    await applyEnv(conn, log, tag, record, live, '.env');
  }
}

const suffix = () => randomBytes(4).toString('hex');

/** The service names of a compose file's text (empty when it is not YAML with a `services` map). */
export function composeServiceNames(text: string): string[] {
  try {
    const doc = parse(text) as { services?: Record<string, unknown> } | null;
    return doc?.services && typeof doc.services === 'object' ? Object.keys(doc.services) : [];
  } catch {
    return [];
  }
}

/** A `services` name the compose file does not define is the user's mistake: say so before anything changes. */
export function checkServiceNames(services: string[], text: string, stack: string): void {
  const defined = composeServiceNames(text);
  if (!defined.length) return;
  const missing = services.filter((s) => !defined.includes(s));
  if (missing.length)
    throw new ConfigurationError(
      `input "services" names ${missing.join(', ')}, not a service of stack ${stack}'s compose file ` +
        `(it has ${defined.join(', ')}): name services as the compose file does, without the stack prefix`,
    );
}
