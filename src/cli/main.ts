import { describeFailure, ConfigurationError } from '../io/errors.js';
import { cancelOnSignals } from '../io/cancel.js';
import type { InputSpec } from '../io/inputs.js';
import { parseArgs, envName } from './args.js';
import { cliIO } from './cli-io.js';
import { COMMANDS } from './commands.js';
import { renderSummary } from './render-summary.js';

const USAGE = `usage: vps-deploy <command> [--input value …] [--json]

Commands:
${Object.entries(COMMANDS)
  .map(([n, c]) => `  ${n.padEnd(12)} ${c.describe}`)
  .join('\n')}

Flags mirror the action inputs (--health-url, --host, --key …). A value may come from a file with
--<input>-file PATH (e.g. --key-file ~/.ssh/id_ed25519) or from the environment as VPS_DEPLOY_<INPUT>
(e.g. VPS_DEPLOY_KEY). --json prints the outputs as JSON on stdout. Exit status: 0 success, 1 failure, 2 usage.
\`vps-deploy <command> --help\` lists a command's inputs.`;

/** The CLI: the actions' run() functions with a terminal ActionIO. Returns the exit status. */
export async function main(argv: string[]): Promise<number> {
  const name = argv.find((a) => !a.startsWith('-'));
  const command = name ? COMMANDS[name] : undefined;
  if (!command) {
    process.stderr.write(`${name ? `unknown command "${name}"\n\n` : ''}${USAGE}\n`);
    return name || !argv.some((a) => a === '--help' || a === '-h') ? 2 : 0;
  }
  let json = argv.includes('--json');
  try {
    const spec = await command.spec();
    const args = parseArgs(argv, (input) => kindOf(spec, input));
    json = args.json;
    if (args.help) {
      process.stdout.write(helpFor(name!, spec));
      return 0;
    }
    const io = cliIO(args);
    let ok = true;
    let failure = '';
    // Ctrl-C cancels as the runner does (src/io/cancel.ts): a deploy stops at its next step or rolls back.
    const cancel = cancelOnSignals(io);
    try {
      await (
        await command.run()
      )(io, cancel.signal);
    } catch (e) {
      ok = false;
      // An error may quote server output (a command's tail): it is shown as every other line, without secrets.
      failure = io.redact(describeFailure(e));
    } finally {
      cancel.dispose();
    }
    if (json)
      process.stdout.write(
        JSON.stringify({ ok, ...(failure ? { error: failure } : {}), outputs: io.outputs }, null, 2) + '\n',
      );
    else {
      for (const s of io.summaries) process.stdout.write(renderSummary(s) + '\n');
      if (failure) process.stderr.write(`error: ${failure}\n`);
    }
    return ok ? 0 : 1;
  } catch (e) {
    const message = describeFailure(e);
    if (json) process.stdout.write(JSON.stringify({ ok: false, error: message }) + '\n');
    else process.stderr.write(`error: ${message}\n`);
    return e instanceof ConfigurationError ? 2 : 1;
  }
}

function kindOf(spec: InputSpec, input: string): 'boolean' | 'value' | undefined {
  const schema = spec[input];
  if (!schema) return undefined;
  const t = schema.safeParse('true');
  const f = schema.safeParse('false');
  return t.success && f.success && t.data === true && f.data === false ? 'boolean' : 'value';
}

function helpFor(name: string, spec: InputSpec): string {
  const lines = Object.keys(spec).map((k) => `  --${k.padEnd(26)} env ${envName(k)}`);
  return `usage: vps-deploy ${name} [options] [--json]\n\nOptions (the inputs of actions/${name}; see its README):\n${lines.join('\n')}\n`;
}
