import { randomBytes } from 'node:crypto';
import { RemoteError, errText } from '../../io/errors.js';
import type { BlueGreenStrategy, StrategyContext } from '../../flow/strategy.js';
import type { ComposeCli } from '../../ssh/compose-cli.js';
import { composeEnvRecord, keepStagedEnv, recordEnv } from '../env-release.js';
import { applyExtraFiles } from './ship-files.js';
import { crashedReason } from './commands.js';
import {
  blueGreenPlan,
  composeWith,
  dropSavedEnvCommand,
  instanceAt,
  instanceLogsCommand,
  instancesCommand,
  instanceVars,
  liveEnvCommand,
  PROBE_PORT,
  readInstances,
  recordInstanceCommand,
  recoverEnvCommand,
  removeInstanceCommand,
  restoreEnvCommand,
  saveEnvCommand,
  scaleUpArgs,
} from './blue-green-commands.js';
import type { InstanceContainer } from './blue-green-commands.js';

/** What the compose strategy lends its blue-green side. */
export interface ComposeBlueGreenDeps {
  services: string[];
  tagVariable: string;
  /** env-file given: prepare() staged it for the tag. */
  envFile: string;
  compose(): Promise<ComposeCli>;
  /** Whether prepare() made `tag` ready in this run (its env-file staged); asking consumes it. */
  takePrepared(tag: string): boolean;
  /** Puts back a container an interrupted restart-switch `up -d` left under a temporary name. */
  beforeUp(): Promise<void>;
}

/**
 * Compose's side of `switch: blue-green` (docs/blue-green.md, Compose): the app's services get one more
 * container each with `up -d --no-recreate --no-deps --scale`, the web one on 127.0.0.1:<port>; the serving
 * containers and the stateful services are never recreated. `.env` names the new tag and port from the start
 * (a later plain `up` then sees nothing to recreate) and goes back to what it was if the new instance is stopped
 * without being promoted.
 */
export function composeBlueGreen(
  ctx: StrategyContext,
  deps: ComposeBlueGreenDeps,
): BlueGreenStrategy & { checkFile(tag: string): Promise<void> } {
  const { conn, appDir, log } = ctx;
  /** The instance startBeside made and promote has not taken yet: stopping it puts the saved .env back. */
  let pending: { port: number } | undefined;

  const view = async () =>
    readInstances(
      (await conn.run(instancesCommand(appDir), 'listing containers', { log: false })).stdout,
      appDir,
      deps.services,
    );
  const names = (cs: InstanceContainer[]) => cs.map((c) => c.name).join(', ');
  const remove = async (port: number, cs: InstanceContainer[]) =>
    conn.run(
      removeInstanceCommand(
        appDir,
        port,
        cs.map((c) => c.id),
      ),
      `stopping ${names(cs) || 'nothing'}`,
      { log: false },
    );

  /** The tag's config becomes .env (as the restart switch's activate does), plus the tag and port lines. */
  const putEnv = async (tag: string, vars: [string, string][]) => {
    const record = composeEnvRecord(appDir, tag);
    if (deps.takePrepared(tag)) {
      if (deps.envFile) await keepStagedEnv(conn, appDir, tag);
      else await recordEnv(conn, '', `${appDir}/.env`, record);
    }
    const r = await conn.run(
      liveEnvCommand(appDir, record, vars, randomBytes(4).toString('hex')),
      `putting the config of ${tag} in place`,
      { log: false },
    );
    const set = vars.map(([k, v]) => `${k}=${v}`).join(' ');
    if (r.stdout.trim() === 'none')
      log.warning(`${tag} has no recorded env: .env kept as it was, with ${set}`);
    else log.info(`.env is the config recorded with ${tag}, with ${set}`);
  };

  const undoStart = async (before: Set<string>, port: number) => {
    try {
      const fresh = (await view()).containers.filter((c) => !before.has(c.id));
      if (fresh.length) await remove(port, fresh);
      await conn.run(restoreEnvCommand(appDir), 'putting back .env', { log: false });
    } catch (e) {
      log.warning(`cleaning up the new instance failed: ${errText(e)}`);
    }
    pending = undefined;
  };

  return {
    /** prepare(): the file's services can run twice (services, container_name, one published port), before migrate. */
    async checkFile(tag) {
      const cli = await deps.compose();
      const config = await conn.run(
        composeWith(cli, appDir, ['config'], instanceVars(deps.tagVariable, tag, PROBE_PORT)),
        'reading the compose file',
        { log: false },
      );
      blueGreenPlan(config.stdout, deps.services, PROBE_PORT, { probe: true });
    },

    async startBeside(tag, port) {
      const cli = await deps.compose();
      const vars = instanceVars(deps.tagVariable, tag, port);
      const config = await conn.run(composeWith(cli, appDir, ['config'], vars), 'reading the compose file', {
        log: false,
      });
      const plan = blueGreenPlan(config.stdout, deps.services, port);
      let now = await view();
      // Containers on the new port are not serving (the proxy names the other one): a run killed before its stopAt.
      const leftover = instanceAt(now, port);
      if (leftover.length) {
        log.warning(`removing ${names(leftover)}, left on port ${port} by an earlier run`);
        await remove(port, leftover);
        const r = await conn.run(recoverEnvCommand(appDir), 'putting back .env', { log: false });
        if (r.stdout.includes('recovered'))
          log.warning('.env is again the serving instance’s, as that run left it');
        now = await view();
      }
      const before = new Set(now.containers.map((c) => c.id));
      const scales = deps.services.map((service) => ({
        service,
        count: now.containers.filter((c) => c.service === service).length + 1,
      }));
      await conn.run(saveEnvCommand(appDir), 'keeping the serving .env aside', { log: false });
      pending = { port };
      try {
        await applyExtraFiles(conn, appDir, tag, log);
        await putEnv(tag, vars);
        await deps.beforeUp();
        await conn.run(
          composeWith(cli, appDir, scaleUpArgs(scales, before.size === 0), vars),
          `starting ${tag} beside the serving instance (${vars.map(([k, v]) => `${k}=${v}`).join(' ')})`,
        );
      } catch (e) {
        await undoStart(before, port);
        throw e;
      }
      const fresh = (await view()).containers.filter((c) => !before.has(c.id));
      const web = fresh.find((c) => c.service === plan.web);
      const actual = port || web?.actual.get(plan.containerPort);
      if (!web || !actual) {
        const why = web ? (crashedReason([web], new Map()) ?? `it is ${web.status}`) : 'Compose started none';
        await undoStart(before, port);
        throw new RemoteError(`the new ${plan.web} container of ${tag} has no host port: ${why}`, 'activate');
      }
      await conn.run(
        recordInstanceCommand(
          appDir,
          actual,
          fresh.map((c) => c.id),
        ),
        'recording the new instance',
        { log: false },
      );
      pending = { port: actual };
      log.info(`${tag} runs beside the serving instance: ${names(fresh)}, on 127.0.0.1:${actual}`);
      return actual;
    },

    async fatalAt(port) {
      const cs = instanceAt(await view(), port);
      if (!cs.length) return `no container of ${deps.services.join(', ')} publishes port ${port}`;
      // Restart counts from zero: these containers were created by this instance's `up`.
      return crashedReason(cs, new Map());
    },

    async logsAt(port) {
      try {
        const cs = instanceAt(await view(), port);
        if (!cs.length) return '';
        const r = await conn.exec(instanceLogsCommand(cs), { log: false, maxStdout: 256 * 1024 });
        return r.stdout.trimEnd();
      } catch (e) {
        log.debug(`reading the instance's logs failed: ${errText(e)}`);
        return '';
      }
    },

    async promote(tag, port) {
      if (pending?.port !== port) return;
      // .env already names this instance (startBeside wrote it): only the copy of the old one goes.
      await conn.run(dropSavedEnvCommand(appDir), 'forgetting the old .env', { log: false });
      pending = undefined;
      log.info(`.env names ${tag} on port ${port}: a later up -d keeps the serving container as it is`);
    },

    async stopAt(port) {
      const cs = instanceAt(await view(), port);
      if (cs.length) {
        await remove(port, cs);
        log.info(`Stopped and removed ${names(cs)} (port ${port})`);
      } else
        await conn.run(removeInstanceCommand(appDir, port, []), 'forgetting the instance', { log: false });
      if (pending?.port === port) {
        await conn.run(restoreEnvCommand(appDir), 'putting back .env', { log: false });
        pending = undefined;
        log.info('.env is again the serving instance’s');
      }
    },
  };
}
