import { ConfigurationError } from './errors.js';
import type { InputSpec } from './inputs.js';
import { ALL_INPUT_NAMES } from './config-keys.js';
import { closestName } from './closest-name.js';
import { HEADER_INPUT_NAMES, SECRET_INPUT_NAMES } from './secrets.js';

/** The file read when the `config` input / `--config` flag does not name one: at the repository root. */
export const DEFAULT_CONFIG_FILE = 'vps-deploy.yml';

/** Input values as a workflow passes them: text (lists one item a line). */
export type ConfigValues = Record<string, string>;

/** A parsed `vps-deploy.yml`: top-level inputs and `environments: { <name>: { … } }`. */
export interface ConfigFile {
  path: string;
  top: ConfigValues;
  environments: Record<string, ConfigValues>;
}

/** Where an input's value came from, for `vps-deploy config` and the log line. */
export type Origin = 'input' | 'environment' | 'top' | 'default';

/** The secret a workflow usually holds each secret input in: named in the refusal. */
const SECRET_NAMES: Record<string, string> = {
  key: 'DEPLOY_SSH_KEY',
  passphrase: 'DEPLOY_SSH_PASSPHRASE',
  password: 'DEPLOY_SSH_PASSWORD',
  'jump-key': 'JUMP_SSH_KEY',
  'jump-passphrase': 'JUMP_SSH_PASSPHRASE',
  'env-file': 'APP_ENV_FILE',
  'registry-password': 'REGISTRY_PASSWORD',
  'github-token': 'GITHUB_TOKEN',
  'health-headers': 'HEALTH_HEADERS',
  headers: 'HEALTH_HEADERS',
};

/** Inputs that are never read from the file: it is committed with the code. */
export const CONFIG_REFUSED_NAMES: readonly string[] = [
  ...new Set([...SECRET_INPUT_NAMES, ...HEADER_INPUT_NAMES, ...Object.keys(SECRET_NAMES)]),
];

/** Chosen by whoever runs the action, never by the file it chooses from. */
const SELECTORS: Record<string, string> = {
  config: 'the `config` input or --config names the file itself',
  environment: 'the `environment` input or --env chooses the section',
};

/** A URL with a password in it (postgres://app:s3cret@db/app): a secret even under a harmless key. */
const URL_WITH_PASSWORD = /[a-z][a-z0-9+.-]*:\/\/[^/\s:@]+:[^/\s@]+@/i;

/** `VPS_DEPLOY_ENV_FILE` for `env-file`: the CLI's variable for an input (src/cli/args.ts envName). */
function cliVariable(name: string): string {
  return `VPS_DEPLOY_${name.toUpperCase().replace(/-/g, '_')}`;
}

/** The refusal of a secret at `where` (`vps-deploy.yml: environments.production.`): what to use instead, in a workflow and in a terminal. */
export function secretRefusal(where: string, name: string): string {
  const secret = SECRET_NAMES[name] ?? name.toUpperCase().replace(/-/g, '_');
  const terminal =
    name === 'key'
      ? 'ssh-agent, ~/.ssh/id_ed25519 (or --key-file PATH, VPS_DEPLOY_KEY)'
      : `--${name}-file PATH or ${cliVariable(name)}`;
  return (
    `${where}${name} is a secret and is never read from the config file (it is committed with the code): ` +
    `give it as a secret, \`${name}: \${{ secrets.${secret} }}\` in the workflow; in a terminal, ${terminal}`
  );
}

/**
 * Parses the file's text. Every problem is reported at once, each naming its place (`environments.production.port`):
 * a secret, an unknown key (with the closest known name), a value that is not text or a list of texts.
 * Every scalar is read as text (YAML's failsafe schema), as a workflow's `with:` passes it: `tag: 1.10` stays
 * "1.10", not the number 1.1. `known` are the input names (every action's, so one file serves them all).
 */
export function parseConfigFile(
  text: string,
  path: string,
  parse: (text: string) => unknown,
  known: Iterable<string> = ALL_INPUT_NAMES,
): ConfigFile {
  const names = new Set([...ALL_INPUT_NAMES, ...known]);
  const problems: string[] = [];
  let doc: unknown;
  try {
    doc = parse(text) ?? {};
  } catch (e) {
    throw new ConfigurationError(`${path} is not valid YAML: ${(e as Error).message.split('\n')[0]}`);
  }
  if (!isMapping(doc)) throw new ConfigurationError(`${path}: takes a mapping of input names to values`);
  const section = (raw: Record<string, unknown>, where: string): ConfigValues => {
    const out: ConfigValues = {};
    for (const [name, value] of Object.entries(raw)) {
      const at = `${path}: ${where}${name}`;
      if (CONFIG_REFUSED_NAMES.includes(name)) problems.push(secretRefusal(`${path}: ${where}`, name));
      else if (SELECTORS[name]) problems.push(`${at} cannot be set in the file: ${SELECTORS[name]}`);
      else if (!names.has(name)) {
        const near = closestName(name, [...names, ...(where ? [] : ['environments'])]);
        problems.push(`${at} is not an input${near ? `: did you mean "${near}"?` : ''}`);
      } else {
        const text = asText(value);
        if (text === undefined) problems.push(`${at} takes a text, a number, true/false or a list of them`);
        else if (URL_WITH_PASSWORD.test(text))
          problems.push(
            `${at} holds a URL with a password: secrets are never read from the config file; give "${name}" ` +
              `from a secret in the workflow (or ${cliVariable(name)} in a terminal)`,
          );
        else out[name] = text;
      }
    }
    return out;
  };
  const { environments: rawEnvs, ...rawTop } = doc;
  const top = section(rawTop, '');
  const environments: Record<string, ConfigValues> = {};
  if (rawEnvs !== undefined && rawEnvs !== '') {
    if (!isMapping(rawEnvs))
      problems.push(`${path}: environments takes a mapping of names to sections ({ production: {…} })`);
    else
      for (const [env, body] of Object.entries(rawEnvs)) {
        if (body === '' || body === null) environments[env] = {};
        else if (!isMapping(body)) problems.push(`${path}: environments.${env} takes a mapping of inputs`);
        else if ('environments' in body)
          problems.push(`${path}: environments.${env}.environments: sections do not nest`);
        else environments[env] = section(body, `environments.${env}.`);
      }
  }
  if (problems.length) throw new ConfigurationError(`Invalid config file\n  ${problems.join('\n  ')}`);
  return { path, top, environments };
}

function isMapping(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** A scalar as text, a list as one item a line (as a workflow writes a list input); else undefined. */
function asText(v: unknown): string | undefined {
  if (v === null || v === undefined) return '';
  if (typeof v === 'string') return v;
  if (typeof v === 'number' || typeof v === 'boolean') return String(v);
  if (Array.isArray(v) && v.every((i) => typeof i === 'string' || typeof i === 'number'))
    return v.map(String).join('\n');
  return undefined;
}

/** A file's values for one environment: the section over the top level. */
export interface Layered {
  value(name: string): { value: string; origin: 'environment' | 'top' } | undefined;
  /** The section used ('' when none). */
  environment: string;
}

/**
 * The file's layers for `environment`. A name the file has no section for is an error naming those it has,
 * unless the file has no `environments` at all (deploy's `environment` also names a GitHub environment,
 * which needs no section).
 */
export function layersFor(file: ConfigFile, environment: string, strict = false): Layered {
  const sections = Object.keys(file.environments);
  let env = '';
  if (environment && (sections.length || strict)) {
    if (!file.environments[environment])
      throw new ConfigurationError(
        `${file.path} has no environments.${environment} (it has ${sections.join(', ') || 'none'})`,
      );
    env = environment;
  }
  const section = env ? file.environments[env]! : {};
  return {
    environment: env,
    value(name) {
      if (name in section && section[name] !== '') return { value: section[name]!, origin: 'environment' };
      if (name in file.top && file.top[name] !== '') return { value: file.top[name]!, origin: 'top' };
      return undefined;
    },
  };
}

/**
 * Checks the file's values against an action's own input schemas (the same zod fields as its inputs): every
 * section, so a typo in staging fails a production run too. Names the action does not read are left to the
 * actions that do.
 */
export function checkConfigValues(file: ConfigFile, spec: InputSpec): void {
  const problems: string[] = [];
  const sections: [string, ConfigValues][] = [
    ['', file.top],
    ...Object.entries(file.environments).map(([n, s]): [string, ConfigValues] => [`environments.${n}.`, s]),
  ];
  for (const [where, values] of sections)
    for (const [name, value] of Object.entries(values)) {
      const schema = spec[name];
      if (!schema || value === '') continue;
      const parsed = schema.safeParse(value.trim());
      if (!parsed.success)
        problems.push(
          `${file.path}: ${where}${name} got ${JSON.stringify(value.length > 80 ? `${value.slice(0, 80)}…` : value)}: ` +
            parsed.error.issues.map((i) => i.message).join('; '),
        );
    }
  if (problems.length) throw new ConfigurationError(`Invalid config file\n  ${problems.join('\n  ')}`);
}
