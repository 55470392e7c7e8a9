import { isAbsolute, join } from 'node:path';
import { ConfigurationError } from '../../io/errors.js';
import type { ActionIO } from '../../io/action-io.js';
import { docker, dockerLogin, hasBuildx } from '../../local/docker.js';
import type { RegistryLogin } from '../../local/docker.js';

/** One image built on the runner: what to build, tag and push. Pure data, from the inputs. */
export interface BuildPlan {
  /** Full references to push: `<image>:<tag>` and `<image>:sha-<short>`. */
  refs: string[];
  context: string;
  dockerfile: string;
  /** `NAME=value` lines: the names go on docker's command line, the values through its environment. */
  buildArgs: string[];
  /** The Dockerfile stage to build (`--target`); absent = the last stage. */
  target?: string;
  login?: RegistryLogin;
}

export interface BuildInputs {
  image: string;
  context: string;
  dockerfile: string;
  'build-args': string[];
  registry: string;
  'registry-username': string;
  'registry-password': string;
  /** `<image> <context> [<dockerfile>]` lines (the root action's `images`). */
  images?: string[];
  target?: string;
}

export const IMAGE_NAME = /^[a-z0-9.-]+(:\d{1,5})?(\/[a-z0-9._-]+)*$/;

/** Why an `images` line cannot be used, or undefined. */
export function imagesLineProblem(line: string): string | undefined {
  const words = line.trim().split(/\s+/);
  if (words.length < 2 || words.length > 3) return 'is not "<image> <context> [<dockerfile>]"';
  if (!IMAGE_NAME.test(words[0]!)) return `names ${JSON.stringify(words[0])}, not an image name without tag`;
  if (words.slice(1).some((w) => w.split(/[\\/]/).includes('..'))) return 'has a ".." segment in a path';
  return undefined;
}

/** The image(s) to build: every `images` line, or the single `image` / `context` / `dockerfile`. */
export function buildPlans(i: BuildInputs, tag: string, sha: string, workspace: string): BuildPlan[] {
  const lines = i.images ?? [];
  if (!lines.length) return [buildPlan(i, tag, sha, workspace)];
  if (i.image)
    throw new ConfigurationError(
      'inputs "image" and "images" were both given: list every image in "images" (one "<image> <context> [<dockerfile>]" a line) and leave "image" empty',
    );
  const seen = new Set<string>();
  return lines.map((line) => {
    const problem = imagesLineProblem(line);
    if (problem) throw new ConfigurationError(`input "images" got ${JSON.stringify(line)}: it ${problem}`);
    const [image, context, dockerfile = ''] = line.trim().split(/\s+/) as [string, string, string?];
    if (seen.has(image)) throw new ConfigurationError(`input "images" lists ${image} twice`);
    seen.add(image);
    return buildPlan({ ...i, image, context, dockerfile }, tag, sha, workspace);
  });
}

export function buildPlan(i: BuildInputs, tag: string, sha: string, workspace: string): BuildPlan {
  if (!i.image)
    throw new ConfigurationError(
      'input "image" is required with build: true: takes an image name without tag, like ghcr.io/acme/shop (or list several in "images")',
    );
  // Values reach docker through its environment: a name docker itself reads there would change docker.
  const clash = i['build-args'].map((a) => splitArg(a)[0]).find((n) => /^(PATH|HOME|DOCKER_.*)$/.test(n));
  if (clash)
    throw new ConfigurationError(
      `input "build-args" names ${clash}: build args are passed to docker through its environment, where ${clash} is docker's own; rename it`,
    );
  const short = sha.slice(0, 7);
  const refs = [`${i.image}:${tag}`, ...(short && tag !== `sha-${short}` ? [`${i.image}:sha-${short}`] : [])];
  const inWorkspace = (p: string) => (isAbsolute(p) ? p : join(workspace, p));
  return {
    refs,
    context: inWorkspace(i.context || '.'),
    dockerfile: i.dockerfile ? inWorkspace(i.dockerfile) : '',
    buildArgs: i['build-args'],
    ...(i.target ? { target: i.target } : {}),
    ...(i['registry-username'] && i['registry-password']
      ? {
          login: { registry: i.registry, username: i['registry-username'], password: i['registry-password'] },
        }
      : {}),
  };
}

/** `NAME=value` -> [NAME, value]. */
function splitArg(a: string): [string, string] {
  const at = a.indexOf('=');
  return [a.slice(0, at), a.slice(at + 1)];
}

/** The build args' values, as docker's environment: `--build-arg NAME` alone reads NAME from there. */
export function buildArgEnv(plan: Pick<BuildPlan, 'buildArgs'>): Record<string, string> {
  return Object.fromEntries(plan.buildArgs.map(splitArg));
}

/** The values worth masking in the log (shorter ones would mask every such text: see src/io/secrets.ts). */
export function buildArgSecrets(buildArgs: string[]): string[] {
  return buildArgs.map((a) => splitArg(a)[1]).filter((v) => v.trim().length >= 4);
}

/**
 * docker argument arrays: one `buildx build --push` when buildx exists, else `build` then one `push` per tag.
 * A build arg is passed by name only, so its value is never in docker's argv (where `ps` sees it).
 */
export function buildCommands(plan: BuildPlan, buildx: boolean): string[][] {
  const common = [
    ...plan.refs.flatMap((r) => ['-t', r]),
    ...(plan.dockerfile ? ['-f', plan.dockerfile] : []),
    ...(plan.target ? ['--target', plan.target] : []),
    ...plan.buildArgs.flatMap((a) => ['--build-arg', splitArg(a)[0]]),
    plan.context,
  ];
  if (buildx) return [['buildx', 'build', '--push', ...common]];
  return [['build', ...common], ...plan.refs.map((r) => ['push', r])];
}

/** Logs in once (password on stdin), then builds and pushes each image in a log group of its own. */
export async function buildAndPush(io: ActionIO, plans: BuildPlan[]): Promise<void> {
  const login = plans.find((p) => p.login)?.login;
  if (login) await dockerLogin(io, login);
  const buildx = await hasBuildx();
  io.info(
    buildx
      ? 'Building with docker buildx (build and push in one step)'
      : 'docker buildx is not installed: docker build, then docker push',
  );
  for (const plan of plans) {
    await io.group(`Build and push ${plan.refs.join(', ')}`, async () => {
      const env = buildArgEnv(plan);
      for (const args of buildCommands(plan, buildx)) await docker(io, args, env);
      io.info(`Pushed ${plan.refs.join(', ')}`);
    });
  }
}
