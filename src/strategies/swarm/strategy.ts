import { ConfigurationError, RemoteError } from '../../io/errors.js';
import { sh } from '../../ssh/quote.js';
import { STACK_NAME } from './inputs.js';
import { table } from '../../io/summary.js';
import { selectPrunable } from '../../flow/prune-rule.js';
import { TAG_PATTERN } from '../../flow/tag.js';
import { forgetComposeEnvCommand, imageMigrateCommand } from '../env-release.js';
import type { DeployStrategy, StrategyContext } from '../../flow/strategy.js';
import {
  forgetTagsCommand,
  loginCommand,
  readStackNameCommand,
  stackNameFile,
  recordedTagsCommand,
  serviceLogsCommand,
  stackDeployCommand,
  stackViewCommand,
  SWARM_ROLE,
} from './commands.js';
import { convergence, parseStackView, replicaRows, snapshotOf, watchedServices } from './converge.js';
import type { StackSnapshot, StackView } from './converge.js';
import { checkServiceNames, StackFiles } from './stack-files.js';

/** Options of the `swarm` strategy, from the deploy/rollback inputs. */
export interface SwarmStrategyOptions {
  /** The stack's name (input `stack`); '' = the one the last deploy recorded, else the app name. */
  stack: string;
  /** The compose file to upload (name on the server, contents), or undefined to use the server's own. */
  composeFile?: { name: string; content: string };
  envFile: string;
  tagVariable: string;
  /** Compose service names whose convergence the deploy waits for; [] = every service of the stack. */
  services: string[];
  registry?: { host: string; username: string; password: string };
  migrateCommand: string;
  /** How long the stack may take to converge after `docker stack deploy` (health-timeout), and how often to look. */
  timeoutSeconds: number;
  intervalSeconds: number;
  /** Appends markdown to the job summary (the replicas per service and their nodes). */
  summary?: (markdown: string) => Promise<void>;
}

/** What `docker info` said when the host cannot deploy a stack; undefined on a manager. */
export function notAManager(roleOutput: string): string | undefined {
  const [state, control] = roleOutput.trim().split('\n').pop()!.trim().split(/\s+/);
  if (state === 'active' && control === 'true') return undefined;
  if (state === 'active')
    return 'this host is a Swarm worker, not a manager: point "host" at a manager (`docker node ls` on one lists them)';
  return (
    `this host's Docker engine is not in a swarm (Swarm state: ${state || 'unknown'}). Make it a manager once: ` +
    '`docker swarm init --advertise-addr <its address>` (or join it to your swarm as a manager), then deploy again'
  );
}

/**
 * The `swarm` strategy: `docker stack deploy --with-registry-auth` of the compose file on a manager with the tag
 * variable set, then a wait until every watched service runs its new spec (fail fast when Swarm pauses or rolls
 * back the update, when the nodes cannot pull the image, or when the new tasks crash in a loop). A rollback is a
 * stack deploy of the earlier tag's recorded compose file and env (README, "Scaling out": why not
 * `docker service rollback`).
 */
export function swarmStrategy(ctx: StrategyContext, opts: SwarmStrategyOptions): DeployStrategy {
  const { conn, appDir, log } = ctx;
  const files = new StackFiles(conn, appDir, log, opts);
  let setupDone: Promise<void> | undefined;
  let stack = opts.stack;
  /** The stack as it was just before the last `docker stack deploy`: tells this deploy's tasks from older ones. */
  let before: StackSnapshot = { versions: new Map(), taskIds: new Set() };

  /** Once per run: the host must be a manager, and the stack's name is settled (input, recorded, app name). */
  const setup = () =>
    (setupDone ??= Promise.all([
      conn.run(SWARM_ROLE, 'asking Docker for its Swarm role', { log: false }).then((r) => {
        const problem = notAManager(r.stdout);
        if (problem) throw new ConfigurationError(problem);
      }),
      stack
        ? undefined
        : conn.run(readStackNameCommand(appDir), 'reading the stack name', { log: false }).then((r) => {
            stack = STACK_NAME.test(r.stdout.trim()) ? r.stdout.trim() : ctx.app;
          }),
    ]).then(() => undefined));
  const observe = async (): Promise<StackView> =>
    parseStackView(
      (await conn.run(stackViewCommand(stack), 'reading the stack', { log: false, maxStdout: 4 << 20 }))
        .stdout,
      stack,
    );
  const watched = (view: StackView) => {
    const w = watchedServices(view, opts.services, stack);
    if (w.missing) throw new ConfigurationError(w.missing);
    return w.watched;
  };
  const report = async (view: StackView, title: string) => {
    const rows = replicaRows(view, watched(view));
    for (const [service, image, replicas, nodes] of rows)
      log.info(`  ${service}: ${image}, replicas (desired/running) ${replicas}, on ${nodes}`);
    await opts.summary?.(
      [
        `#### ${title}`,
        '',
        table(['service', 'image', 'replicas (desired/running)', 'nodes'], rows),
        '',
      ].join('\n'),
    );
  };

  /** Waits for the watched services to run their new spec, within health-timeout; throws why not. */
  const converge = async (tag: string) => {
    const deadline = performance.now() + opts.timeoutSeconds * 1000;
    let said = '';
    for (;;) {
      const view = await observe();
      const c = convergence(view, watched(view), before);
      if (c.state === 'converged') {
        log.info(`Stack ${stack} converged on ${tag}`);
        return report(view, `Swarm stack ${stack} with ${tag}`);
      }
      if (c.state === 'failed') throw new RemoteError(c.reason, 'activate');
      if (performance.now() + opts.intervalSeconds * 1000 > deadline)
        throw new RemoteError(
          `stack ${stack} did not converge on ${tag} within health-timeout (${opts.timeoutSeconds}s): ${c.reason}`,
          'activate',
        );
      if (c.reason !== said) log.info(`  waiting: ${c.reason}`);
      said = c.reason;
      await new Promise((r) => setTimeout(r, opts.intervalSeconds * 1000));
    }
  };

  const recorded = async () => {
    const r = await conn.run(recordedTagsCommand(appDir), 'listing recorded releases', { log: false });
    return r.stdout
      .split('\n')
      .map((l) => /^(\d+) (.+)\.yml$/.exec(l.trim()))
      .filter((m): m is RegExpExecArray => !!m && TAG_PATTERN.test(m[2]!))
      .map((m) => ({ tag: m[2]!, time: Number(m[1]) }));
  };

  return {
    name: 'swarm',
    // The tag names the image in the registry: a re-deploy over itself has no earlier build to return to.
    restoresRedeploy: false,
    async prepare(tag) {
      const [, content] = await Promise.all([
        setup(),
        files.stage(tag),
        opts.registry &&
          conn
            .run(
              loginCommand(opts.registry.host, opts.registry.username),
              `docker login ${opts.registry.host}`,
              {
                stdin: opts.registry.password,
                log: false,
              },
            )
            .then(() =>
              log.info(`Logged in to ${opts.registry!.host} on the manager as ${opts.registry!.username}`),
            ),
      ]);
      checkServiceNames(opts.services, content, stack);
    },
    async migrate(tag) {
      if (!opts.migrateCommand) return;
      await conn.run(
        imageMigrateCommand(opts.migrateCommand, appDir, opts.tagVariable, tag, Boolean(opts.envFile)),
        'migrate-command',
      );
    },
    async activate(tag) {
      await setup();
      const name = await files.apply(tag);
      await conn.run(sh`printf '%s\n' ${stack} > ${stackNameFile(appDir)}`, 'recording the stack name', {
        log: false,
      });
      before = snapshotOf(await observe());
      await conn.run(
        stackDeployCommand(appDir, [name], stack, opts.tagVariable, tag),
        `docker stack deploy ${stack} with ${opts.tagVariable}=${tag}`,
      );
      await converge(tag);
    },
    async fatal() {
      await setup();
      const view = await observe();
      const c = convergence(view, watched(view), before);
      return c.state === 'failed' ? c.reason : undefined;
    },
    async readiness() {
      await setup();
      const view = await observe();
      const c = convergence(view, watched(view), before);
      return c.state === 'converged' ? { state: 'ready' } : c;
    },
    async logs() {
      try {
        await setup();
        // Only services the stack has: a misspelt name in `services` gets its own error, not a log of one.
        const names = watchedServices(await observe(), opts.services, stack).watched.map((s) => s.name);
        if (!names.length) return '';
        const r = await conn.exec(serviceLogsCommand(names), { log: false, maxStdout: 256 * 1024 });
        return r.stdout.trimEnd();
      } catch (e) {
        log.debug(`reading the service logs failed: ${e instanceof Error ? e.message : String(e)}`);
        return '';
      }
    },
    async available() {
      return (await recorded()).sort((a, b) => b.time - a.time).map((t) => t.tag);
    },
    async prune(keep, protect, failed) {
      const doomed = selectPrunable(await recorded(), keep, protect, failed);
      if (!doomed.length) return [];
      // Images stay on the nodes (Docker's own `docker image prune` per node): the registry still has them.
      await conn.exec(forgetTagsCommand(appDir, doomed), { log: false });
      await conn.exec(forgetComposeEnvCommand(appDir, doomed), { log: false });
      return doomed;
    },
  };
}
