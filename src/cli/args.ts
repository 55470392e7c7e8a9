import { closestName } from '../io/closest-name.js';
import { ConfigurationError } from '../io/errors.js';

/** A parsed command line: `vps-deploy <command> --input value … [--json]`. */
export interface CliArgs {
  command: string;
  /** Input values by input name (`health-url`), from flags. */
  flags: Map<string, string>;
  /** Input names whose value is to be read from a file (`--key-file ~/.ssh/id_ed25519`). */
  files: Map<string, string>;
  json: boolean;
  help: boolean;
  /** `--env NAME`: the section of the config file (vps-deploy.yml `environments.NAME`). */
  env?: string;
}

/** Flags of the CLI itself, not inputs. */
const OWN_FLAGS = ['json', 'help', 'env'];

/**
 * Flags mirror the action inputs: `--health-url http://…`, `--health-url=http://…`; booleans may be given bare
 * (`--allow-degraded`, `--no-allow-degraded`); `--<input>-file PATH` reads a secret or a long value from a file
 * so it never sits in shell history or `ps`.
 */
export function parseArgs(
  argv: string[],
  known: (name: string) => 'boolean' | 'value' | undefined,
  names: Iterable<string> = [],
): CliArgs {
  const out: CliArgs = { command: '', flags: new Map(), files: new Map(), json: false, help: false };
  const rest = [...argv];
  while (rest.length) {
    const arg = rest.shift()!;
    if (arg === '--json') out.json = true;
    else if (arg === '-h' || arg === '--help') out.help = true;
    else if (arg === '--env' || arg.startsWith('--env=')) {
      const value = arg.startsWith('--env=') ? arg.slice(6) : rest.shift();
      if (!value || value.startsWith('--'))
        throw new ConfigurationError(
          'option --env needs a value: a section of environments in vps-deploy.yml',
        );
      out.env = value;
    } else if (arg.startsWith('--')) {
      const eq = arg.indexOf('=');
      let name = eq > 0 ? arg.slice(2, eq) : arg.slice(2);
      let value: string | undefined = eq > 0 ? arg.slice(eq + 1) : undefined;
      if (name.startsWith('no-') && known(name.slice(3)) === 'boolean' && value === undefined) {
        out.flags.set(name.slice(3), 'false');
        continue;
      }
      const fromFile =
        known(name) === undefined && name.endsWith('-file') && known(name.slice(0, -5)) !== undefined;
      if (fromFile) name = name.slice(0, -5);
      const kind = known(name);
      if (!kind) {
        const near = closestName(name, [...names, ...OWN_FLAGS]);
        throw new ConfigurationError(
          `unknown option --${name}${out.command ? ` for "${out.command}"` : ''}` +
            (near ? `: did you mean --${near}?` : `: see vps-deploy ${out.command || '<command>'} --help`),
        );
      }
      if (value === undefined) {
        if (kind === 'boolean' && !fromFile && (rest[0] === undefined || rest[0].startsWith('--')))
          value = 'true';
        else if (rest[0] === undefined) throw new ConfigurationError(`option --${name} needs a value`);
        else value = rest.shift()!;
      }
      (fromFile ? out.files : out.flags).set(name, value);
    } else if (!out.command) out.command = arg;
    else throw new ConfigurationError(`unexpected argument ${JSON.stringify(arg)}: options are --name value`);
  }
  return out;
}

/** `VPS_DEPLOY_HEALTH_URL` for the input `health-url`: the CLI's environment variables. */
export function envName(input: string): string {
  return `VPS_DEPLOY_${input.toUpperCase().replace(/-/g, '_')}`;
}
