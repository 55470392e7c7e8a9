import { isAbsolute, join } from 'node:path';
import { ConfigurationError } from '../../io/errors.js';
import type { ActionIO } from '../../io/action-io.js';
import { docker, dockerLogin, hasBuildx } from '../../local/docker.js';
import type { RegistryLogin } from '../../local/docker.js';

/** The image build on the runner: what to build, tag and push. Pure data, from the inputs. */
export interface BuildPlan {
  /** Full references to push: `<image>:<tag>` and `<image>:sha-<short>`. */
  refs: string[];
  context: string;
  dockerfile: string;
  buildArgs: string[];
  login?: RegistryLogin;
}

export function buildPlan(
  i: {
    image: string;
    context: string;
    dockerfile: string;
    'build-args': string[];
    registry: string;
    'registry-username': string;
    'registry-password': string;
  },
  tag: string,
  sha: string,
  workspace: string,
): BuildPlan {
  if (!i.image)
    throw new ConfigurationError(
      'input "image" is required with build: true: takes an image name without tag, like ghcr.io/acme/shop',
    );
  const short = sha.slice(0, 7);
  const refs = [`${i.image}:${tag}`, ...(short && tag !== `sha-${short}` ? [`${i.image}:sha-${short}`] : [])];
  const inWorkspace = (p: string) => (isAbsolute(p) ? p : join(workspace, p));
  return {
    refs,
    context: inWorkspace(i.context || '.'),
    dockerfile: i.dockerfile ? inWorkspace(i.dockerfile) : '',
    buildArgs: i['build-args'],
    ...(i['registry-username'] && i['registry-password']
      ? {
          login: { registry: i.registry, username: i['registry-username'], password: i['registry-password'] },
        }
      : {}),
  };
}

/** docker argument arrays: one `buildx build --push` when buildx exists, else `build` then one `push` per tag. */
export function buildCommands(plan: BuildPlan, buildx: boolean): string[][] {
  const common = [
    ...plan.refs.flatMap((r) => ['-t', r]),
    ...(plan.dockerfile ? ['-f', plan.dockerfile] : []),
    ...plan.buildArgs.flatMap((a) => ['--build-arg', a]),
    plan.context,
  ];
  if (buildx) return [['buildx', 'build', '--push', ...common]];
  return [['build', ...common], ...plan.refs.map((r) => ['push', r])];
}

/** Logs in (password on stdin), builds and pushes. */
export async function buildAndPush(io: ActionIO, plan: BuildPlan): Promise<void> {
  if (plan.login) await dockerLogin(io, plan.login);
  const buildx = await hasBuildx();
  io.info(
    buildx
      ? 'Building with docker buildx (build and push in one step)'
      : 'docker buildx is not installed: docker build, then docker push',
  );
  for (const args of buildCommands(plan, buildx)) await docker(io, args);
  io.info(`Pushed ${plan.refs.join(', ')}`);
}
