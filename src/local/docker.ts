import { errText } from '../io/errors.js';
import { runLocal } from './exec.js';

/** Where docker's output goes: an ActionIO, or anything with these two. */
export interface DockerLog {
  info(message: string): void;
  warning(message: string): void;
}

export interface RegistryLogin {
  registry: string;
  username: string;
  password: string;
}

// The runner's docker builds and pushes the app image and nothing else, so its failures are the build's.
const PHASE = 'build';

/** `docker <args>` (build, push), each output line to the log; a failure names the subcommand (`docker push <ref>`). */
export async function docker(log: DockerLog, args: string[], env?: Record<string, string>): Promise<void> {
  await runLocal('docker', args, {
    ...(env ? { env } : {}),
    onLine: (line) => log.info(line),
    label: ['docker', ...args.slice(0, 2).filter((a, i) => i === 0 || !a.startsWith('-'))].join(' '),
    phase: PHASE,
  });
}

/** Logs the runner in to a registry with the password on stdin: never in argv, where `ps` and logs see it. */
export async function dockerLogin(log: DockerLog, login: RegistryLogin): Promise<void> {
  await runLocal('docker', ['login', '--username', login.username, '--password-stdin', login.registry], {
    stdin: login.password,
    onLine: (line) => log.info(line),
    label: `docker login ${login.registry}`,
    phase: PHASE,
  });
}

/**
 * Removes the runner's credentials for a registry (a self-hosted runner keeps ~/.docker/config.json between
 * jobs). Never throws: a logout that fails is a warning, it must not fail a job whose work is done.
 */
export async function dockerLogout(log: DockerLog, registry: string): Promise<void> {
  try {
    await runLocal('docker', ['logout', registry], {
      onLine: (line) => log.info(line),
      label: 'docker logout',
    });
  } catch (e) {
    log.warning(`could not log the runner out of ${registry}: ${errText(e)}`);
  }
}

/** Whether the runner's docker has the buildx plugin (one build that pushes, instead of build then push). */
export async function hasBuildx(): Promise<boolean> {
  const r = await runLocal('docker', ['buildx', 'version'], { allowFailure: true, phase: PHASE });
  return r.exitCode === 0;
}
