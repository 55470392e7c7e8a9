import { existsSync, readFileSync } from 'node:fs';
import { isAbsolute, join, relative } from 'node:path';
import { isDeepStrictEqual } from 'node:util';
import type { ActionIO } from './action-io.js';
import { ConfigurationError } from './errors.js';
import { text } from './inputs.js';
import type { InputSpec } from './inputs.js';
import { checkConfigValues, DEFAULT_CONFIG_FILE, layersFor, parseConfigFile } from './config-file.js';
import type { ConfigFile, Layered, Origin } from './config-file.js';

export interface ConfigChoice {
  /** The section of the file; default: the `environment` input (the CLI passes --env). */
  environment?: string;
  /**
   * The section must exist (the CLI's --env names nothing else): no file, or a file without it, is an error. The
   * `environment` input also names a GitHub environment, which needs no section.
   */
  strict?: boolean;
}

/** The inputs of one run with the config file under them. */
export interface ConfiguredInputs<T extends ActionIO = ActionIO> {
  io: T;
  /** The file read, if any. */
  file?: ConfigFile;
  environment: string;
  /** Where an input's value comes from. */
  origin(name: string): Origin;
}

/**
 * Whether whoever runs the action set an input. The CLI knows (its flags and variables: ActionIO.given). A
 * workflow step cannot be told apart from action.yml's default, which the runner passes as if it were set: so
 * an input whose value means the same as an empty one (what the schema makes of '', i.e. the default) counts as
 * not given, and the config file's value applies. README, "One config for workflows and terminal".
 */
export function inputGiven(io: ActionIO, spec: InputSpec, name: string): boolean {
  if (io.given) return io.given(name);
  const raw = io.input(name).trim();
  if (!raw) return false;
  const schema = spec[name];
  if (!schema) return true;
  const fallback = schema.safeParse('');
  const parsed = schema.safeParse(raw);
  return !(fallback.success && parsed.success && isDeepStrictEqual(fallback.data, parsed.data));
}

/**
 * Reads the config file (the `config` input, or vps-deploy.yml at the workspace root when there is one) and
 * layers it under the inputs: explicit input > environment section > top level > default. Without a file,
 * the inputs are as they were. The yaml parser is loaded only when there is a file to read.
 */
export async function configureInputs<T extends ActionIO>(
  io: T,
  spec: InputSpec,
  choice: ConfigChoice = {},
): Promise<ConfiguredInputs<T>> {
  const named = io.input('config').trim();
  const workspace = io.run.workspace;
  const path = isAbsolute(named || DEFAULT_CONFIG_FILE)
    ? named
    : join(workspace, named || DEFAULT_CONFIG_FILE);
  const environment = (choice.environment ?? io.input('environment')).trim();
  const given = (name: string) => inputGiven(io, spec, name);
  if (!existsSync(path)) {
    if (named)
      throw new ConfigurationError(`input "config" got ${JSON.stringify(named)}: there is no such file`);
    if (choice.strict && environment)
      throw new ConfigurationError(
        `--env ${environment}: there is no ${DEFAULT_CONFIG_FILE} in ${workspace} (or name one with --config FILE)`,
      );
    return { io, environment: '', origin: (n) => (given(n) ? 'input' : 'default') };
  }
  const { parse } = await import('yaml');
  const shown = relative(workspace, path).startsWith('..') ? path : relative(workspace, path);
  const file = parseConfigFile(
    readFileSync(path, 'utf8'),
    shown,
    (text) => parse(text, { schema: 'failsafe' }),
    Object.keys(spec),
  );
  checkConfigValues(file, spec);
  const layers: Layered = layersFor(file, environment, choice.strict);
  const configured: T = {
    ...io,
    input: (name) => (given(name) ? io.input(name) : (layers.value(name)?.value ?? io.input(name))),
    given,
  };
  const fromFile = Object.keys(spec).filter((n) => !given(n) && layers.value(n));
  io.info(
    `Config: ${shown}${layers.environment ? ` (environments.${layers.environment})` : ''}` +
      (fromFile.length ? ` sets ${fromFile.join(', ')}` : ' sets nothing this action reads'),
  );
  return {
    io: configured,
    file,
    environment: layers.environment,
    origin: (n) => (given(n) ? 'input' : (layers.value(n)?.origin ?? 'default')),
  };
}

/** The ActionIO of a run with its config file under its inputs (configureInputs). */
export async function withConfigFile(
  io: ActionIO,
  spec: InputSpec,
  choice: ConfigChoice = {},
): Promise<ActionIO> {
  return (await configureInputs(io, spec, choice)).io;
}

/** The config file's own inputs, on every action: which file, and (where an action has no `environment` yet) which section. */
export const configInputSpec = { config: text() };
export const environmentInputSpec = { environment: text() };
