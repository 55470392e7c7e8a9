import { RemoteError } from '../../io/errors.js';
import { sh } from '../../ssh/quote.js';
import {
  IMAGE_LIST,
  TAG_SENTINEL,
  DETECT_COMPOSE,
  NO_COMPOSE,
  appContainers,
  chooseCompose,
  composeCommand,
  containersCommand,
  crashedReason,
  imageTemplates,
  imagesOfTag,
  loginCommand,
  logsArgs,
  dockerReadiness,
  presentTags,
  pullArgs,
  upArgs,
} from './commands.js';
import type { ComposeCli } from './commands.js';
import { shipExtraFiles, applyExtraFiles } from './ship-files.js';
import { forgetCommand } from './extra-files.js';
import { describeRecovery, recoverInterruptedRecreateCommand } from './interrupted-recreate.js';
import type { ExtraFile } from './extra-files.js';
import { composeBlueGreen } from './blue-green.js';
import {
  applyEnv,
  COMPOSE_ENV_DIR,
  composeEnvRecord,
  composeEnvStaged,
  forgetComposeEnvCommand,
  imageMigrateCommand,
  installFirstEnv,
  keepStagedEnv,
  recordEnv,
} from '../env-release.js';
import { selectPrunable } from '../../flow/prune-rule.js';
import type { DeployStrategy, StrategyContext } from '../../flow/strategy.js';

/** Options of the `compose` strategy, from the deploy/rollback inputs. */
export interface ComposeStrategyOptions {
  /** The compose file to upload (name on the server, contents), or undefined to use the server's own. */
  composeFile?: { name: string; content: string };
  /** Contents of the server's .env (mode 0600), recorded per tag and put in place at `up`; '' = keep the one there. */
  envFile: string;
  tagVariable: string;
  /** Services to pull and recreate; [] = all. */
  services: string[];
  registry?: { host: string; username: string; password: string };
  migrateCommand: string;
  /** Files shipped with each release beside the compose file (extra-files.ts); [] or absent = none. */
  extraFiles?: ExtraFile[];
  /** switch: blue-green: the app's services run twice side by side while the proxy moves (blue-green.ts). */
  blueGreen?: boolean;
}

/**
 * The `compose` strategy: images pinned by tag, `pull` before anything changes, `up -d` with the tag variable
 * set for that command. Old images stay on the server, so a rollback needs no registry; prune removes the
 * images of tags beyond keep-releases.
 */
export function composeStrategy(ctx: StrategyContext, opts: ComposeStrategyOptions): DeployStrategy {
  const { conn, appDir, log } = ctx;
  let cli: ComposeCli | undefined;
  /** Restart counts read by prepare for the next activate, and those the gate compares against. */
  let snapshot: Map<string, number> | undefined;
  let baseline = new Map<string, number>();
  /** The tag last activated, so the compose file interpolates as it did for `up` when the logs are read. */
  let activeTag: string | undefined;
  /** The tag prepare() made ready: activating it records its config; activating any other brings back its own. */
  let preparedTag: string | undefined;
  const liveEnv = `${appDir}/.env`;
  const restartCounts = (cs: { id: string; restarts: number }[]) =>
    new Map(cs.map((c) => [c.id, c.restarts]));
  const login = async ({
    host,
    username,
    password,
  }: {
    host: string;
    username: string;
    password: string;
  }) => {
    await conn.run(loginCommand(host, username), `docker login ${host} on the server`, {
      stdin: password,
      log: false,
    });
    log.info(`Logged in to ${host} on the server as ${username}`);
  };

  const compose = async (): Promise<ComposeCli> => {
    if (cli) return cli;
    const found = chooseCompose(
      (await conn.run(DETECT_COMPOSE, 'looking for Docker Compose', { log: false })).stdout,
    );
    if (!found) throw new RemoteError(NO_COMPOSE);
    log.info(`Using ${found.join(' ')}`);
    return (cli = found);
  };
  const run = async (args: string[], what: string, tag?: string) =>
    conn.run(composeCommand(await compose(), appDir, args, opts.tagVariable, tag), what);
  const containers = async () =>
    appContainers(
      (await conn.run(containersCommand(appDir), 'listing containers', { log: false })).stdout,
      appDir,
      opts.services,
    );
  const templates = async () => {
    const r = await conn.run(
      composeCommand(await compose(), appDir, ['config'], opts.tagVariable, TAG_SENTINEL),
      'reading the compose file',
      {
        log: false,
      },
    );
    return imageTemplates(r.stdout);
  };
  const present = async () => {
    const t = await templates();
    return {
      templates: t,
      tags: presentTags(t, (await conn.run(IMAGE_LIST, 'listing images', { log: false })).stdout),
    };
  };

  /** A container an interrupted `up -d` left under a temporary name would make this `up -d` fail: put it back. */
  const recoverInterruptedRecreate = async () => {
    const r = await conn.run(
      recoverInterruptedRecreateCommand(appDir),
      'checking for an interrupted recreate',
      {
        log: false,
      },
    );
    for (const line of describeRecovery(r.stdout)) log.warning(line);
  };

  /** The config of `tag` becomes .env: the one this run staged, or (a rollback) the one recorded with it. */
  const switchEnv = async (tag: string) => {
    const record = composeEnvRecord(appDir, tag);
    const staged = tag === preparedTag;
    preparedTag = undefined;
    if (staged && !opts.envFile) {
      // No env-file: the release runs with the .env in place, and that is what a rollback to it brings back.
      await recordEnv(conn, '', liveEnv, record);
      return;
    }
    if (staged) await keepStagedEnv(conn, appDir, tag);
    await applyEnv(conn, log, tag, record, liveEnv, '.env');
  };

  const blueGreen = opts.blueGreen
    ? composeBlueGreen(ctx, {
        services: opts.services,
        tagVariable: opts.tagVariable,
        envFile: opts.envFile,
        compose,
        takePrepared: (tag) => {
          const staged = tag === preparedTag;
          preparedTag = undefined;
          return staged;
        },
        beforeUp: recoverInterruptedRecreate,
      })
    : undefined;

  return {
    name: 'compose',
    restoresRedeploy: false,
    ...(blueGreen ? { blueGreen } : {}),
    async prepare(tag) {
      preparedTag = undefined;
      await conn.run(sh`mkdir -p ${appDir} ${`${appDir}/${COMPOSE_ENV_DIR}`}`, 'creating the app directory', {
        log: false,
      });
      // Independent steps share the connection's channels: files, compose detection, registry login.
      await Promise.all([
        opts.composeFile &&
          conn
            .upload(opts.composeFile.content, `${appDir}/${opts.composeFile.name}`, 0o644)
            .then(() => log.info(`Uploaded ${opts.composeFile!.name}`)),
        // The live .env changes only at `up` (activate): staged here, beside the other tags' records.
        opts.envFile &&
          recordEnv(conn, opts.envFile, liveEnv, composeEnvStaged(appDir, tag))
            .then(() => installFirstEnv(conn, opts.envFile, liveEnv, log, '.env'))
            .then(() => log.info(`Uploaded the env-file for ${tag} (mode 0600); .env changes at up -d`)),
        compose(),
        opts.registry && login(opts.registry),
        opts.extraFiles?.length && shipExtraFiles(conn, appDir, tag, opts.extraFiles, log),
      ]);
      // switch: blue-green: refused before the pull and migrate when the services cannot run twice.
      await blueGreen?.checkFile(tag);
      // The restart counts before `up` are read while the images pull (nothing restarts containers in between).
      const [, before] = await Promise.all([
        run(pullArgs(opts.services), `pulling ${opts.tagVariable}=${tag}`, tag),
        containers(),
      ]);
      snapshot = restartCounts(before);
      preparedTag = tag;
    },
    async migrate(tag) {
      if (!opts.migrateCommand) return;
      await conn.run(
        imageMigrateCommand(opts.migrateCommand, appDir, opts.tagVariable, tag, Boolean(opts.envFile)),
        'migrate-command',
      );
    },
    async activate(tag) {
      // A rollback activates without prepare: it reads the restart counts itself.
      baseline = snapshot ?? restartCounts(await containers());
      snapshot = undefined;
      activeTag = tag;
      await applyExtraFiles(conn, appDir, tag, log);
      await switchEnv(tag);
      await recoverInterruptedRecreate();
      await run(upArgs(opts.services), `docker compose up -d with ${opts.tagVariable}=${tag}`, tag);
    },
    async fatal() {
      return crashedReason(await containers(), baseline);
    },
    async readiness() {
      return dockerReadiness(await containers());
    },
    async logs() {
      try {
        const command = composeCommand(
          await compose(),
          appDir,
          logsArgs(opts.services),
          opts.tagVariable,
          activeTag,
        );
        const r = await conn.exec(`${command} 2>&1`, { log: false, maxStdout: 256 * 1024 });
        return r.stdout.trimEnd();
      } catch (e) {
        log.debug(`reading the compose logs failed: ${e instanceof Error ? e.message : String(e)}`);
        return '';
      }
    },
    async available() {
      const { tags } = await present();
      return tags.sort((a, b) => b.time - a.time).map((t) => t.tag);
    },
    async prune(keep, protect, failed) {
      const { templates: t, tags } = await present();
      const doomed = selectPrunable(tags, keep, protect, failed);
      if (!doomed.length) return [];
      const images = doomed.flatMap((tag) => imagesOfTag(t, tag));
      // An image still used by a stopped container stays; that is not worth failing a deploy for.
      await conn.exec(
        sh`for i in ${images}; do docker image rm "$i" >/dev/null 2>&1 || echo "kept $i (in use)"; done`,
      );
      await conn.exec(forgetCommand(appDir, doomed), { log: false });
      await conn.exec(forgetComposeEnvCommand(appDir, doomed), { log: false });
      return doomed;
    },
  };
}
