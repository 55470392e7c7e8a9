import { readFileSync, existsSync } from 'node:fs';
import { basename, isAbsolute, join } from 'node:path';
import { ConfigurationError } from '../../io/errors.js';
import type { RunContext } from '../../io/action-io.js';
import type { ComposeStrategyOptions } from '../../strategies/compose/strategy.js';
import type { HealthPlan } from '../../flow/gate-release.js';
import type { ReleaseStrategyOptions } from '../../flow/strategy.js';
import { checkReleaseTag } from '../../strategies/release-dirs/strategy.js';
import { appLocation, sshTargets } from '../../ssh/target.js';
import type { AppLocation, SshTarget } from '../../ssh/target.js';
import type { DeployInputs } from './inputs.js';
import { TAG_PATTERN, TAG_TAKES } from '../../flow/tag.js';
import { healthPlan } from '../../flow/inputs.js';
import { planExtraFiles } from '../../strategies/compose/extra-files.js';
import { switchPlan } from '../../strategies/switch-plan.js';
import type { SwitchPlan } from '../../strategies/switch-plan.js';

/** Everything a deploy needs, resolved and checked on the runner before any connection. */
export interface DeployPlan {
  tag: string;
  targets: SshTarget[];
  location: AppLocation;
  strategy: 'compose' | 'release' | 'swarm';
  /** strategy: swarm: the stack's name ('' = the app name). */
  stack: string;
  compose: ComposeStrategyOptions;
  release: ReleaseStrategyOptions;
  health: HealthPlan;
  lockTimeoutSeconds: number;
  keepReleases: number;
  rollbackOnFailure: boolean;
  /** switch: blue-green (docs/blue-green.md); absent: restart in place. */
  switch?: SwitchPlan;
}

const COMPOSE_NAMES = ['compose.yaml', 'compose.yml', 'docker-compose.yml', 'docker-compose.yaml'];

/** The tag: the input, else the pushed git tag, else what the variant offers (root action: sha-<short>). */
export function resolveTag(input: string, run: RunContext, fallback?: string): string {
  const fromRef = /^refs\/tags\/(.+)$/.exec(run.ref)?.[1];
  const tag = input || fromRef || fallback || '';
  if (!tag) {
    throw new ConfigurationError(
      'input "tag" is required when the workflow was not started by a tag push: takes ' + TAG_TAKES,
    );
  }
  if (!TAG_PATTERN.test(tag))
    throw new ConfigurationError(
      `the pushed git tag ${JSON.stringify(tag)} cannot be a release tag: set "tag", ${TAG_TAKES}`,
    );
  return tag;
}

export async function deployPlan(
  i: DeployInputs,
  run: RunContext,
  fallbackTag?: string,
): Promise<DeployPlan> {
  const tag = resolveTag(i.tag, run, fallbackTag);
  const targets = sshTargets(i);
  const location = appLocation(i, run.repository);
  const registryGiven = [i.registry, i['registry-username'], i['registry-password']].filter(Boolean).length;
  if (registryGiven && registryGiven < 3 && i['registry-password']) {
    throw new ConfigurationError(
      'inputs "registry", "registry-username" and "registry-password" go together: give all three (or only "registry" to push without login)',
    );
  }
  if (i.strategy === 'swarm' && i.switch !== 'restart')
    throw new ConfigurationError(
      'input "switch" blue-green is for strategy: compose or release; with strategy: swarm, Swarm replaces tasks ' +
        'itself: set deploy.update_config.order: start-first in the compose file (README, "Scaling out")',
    );
  const sw = switchPlan(i, location.appDir, run.workspace, i.strategy === 'swarm' ? undefined : i.strategy);
  if (sw && i.strategy === 'release' && i['restart-command'])
    throw new ConfigurationError(
      'input "restart-command" is not used with switch: blue-green: start-command and stop-command start and stop ' +
        'the instance on each port (APP_PORT); leave restart-command empty',
    );
  const release: ReleaseStrategyOptions = {
    workspace: run.workspace,
    source: i.source,
    sharedFiles: i['shared-files'].length ? i['shared-files'] : ['.env'],
    sharedDirs: i['shared-dirs'],
    envFile: i['env-file'],
    installCommand: i['install-command'],
    migrateCommand: i['migrate-command'],
    restartCommand: i['restart-command'],
    logsCommand: i['logs-command'],
    ...(sw
      ? { blueGreen: { ports: sw.ports, startCommand: sw.startCommand, stopCommand: sw.stopCommand } }
      : {}),
  };
  if (i.strategy === 'release' && i['extra-files'].length)
    throw new ConfigurationError(
      'input "extra-files" is for strategy: compose. A release directory is already the repository tree ' +
        '(git archive of the tag, or source): commit the file, or put it in source',
    );
  // A tag missing from the checkout, or an unusable source, is the user's to fix: say so before connecting.
  if (i.strategy === 'release') await checkReleaseTag(release, tag);
  return {
    tag,
    targets,
    location,
    strategy: i.strategy,
    stack: i.stack,
    compose: {
      ...(i['compose-file'] ? { composeFile: readComposeFile(i['compose-file'], run.workspace) } : {}),
      envFile: i['env-file'],
      tagVariable: i['tag-variable'],
      services: i.services,
      ...(registryGiven === 3
        ? {
            registry: {
              host: i.registry,
              username: i['registry-username'],
              password: i['registry-password'],
            },
          }
        : {}),
      migrateCommand: i['migrate-command'],
      extraFiles: planExtraFiles(i['extra-files'], run.workspace, location.appDir),
      ...(sw ? { blueGreen: true } : {}),
    },
    release,
    health: healthPlan(i),
    lockTimeoutSeconds: i['lock-timeout'],
    keepReleases: i['keep-releases'],
    rollbackOnFailure: i['rollback-on-failure'],
    ...(sw ? { switch: sw } : {}),
  };
}

/** Reads the compose file from the checked-out repository; it keeps a standard name on the server. */
function readComposeFile(path: string, workspace: string): { name: string; content: string } {
  const full = isAbsolute(path) ? path : join(workspace, path);
  if (!existsSync(full))
    throw new ConfigurationError(
      `input "compose-file" got ${JSON.stringify(path)}: there is no such file in ${workspace}`,
    );
  const name = COMPOSE_NAMES.includes(basename(full)) ? basename(full) : 'docker-compose.yml';
  return { name, content: readFileSync(full, 'utf8') };
}
