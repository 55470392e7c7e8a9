import { homedir, userInfo } from 'node:os';
import { describeFailure, ConfigurationError } from '../io/errors.js';
import { cancelOnSignals } from '../io/cancel.js';
import type { ActionIO } from '../io/action-io.js';
import { configureInputs } from '../io/configured-io.js';
import type { InputSpec } from '../io/inputs.js';
import { parseArgs } from './args.js';
import type { CliArgs } from './args.js';
import { cliIO } from './cli-io.js';
import { COMMANDS } from './commands.js';
import { helpText, inputDocs } from './help.js';
import { renderSummary } from './render-summary.js';

const USAGE = `usage: vps-deploy <command> [--input value …] [--json]

Commands:
${Object.entries(COMMANDS)
  .map(([n, c]) => `  ${n.padEnd(12)} ${c.describe}`)
  .join('\n')}

Flags mirror the action inputs (--health-url, --host, --key …). A value may come from a file with
--<input>-file PATH (e.g. --key-file ~/.ssh/id_ed25519) or from the environment as VPS_DEPLOY_<INPUT>
(e.g. VPS_DEPLOY_KEY), or from vps-deploy.yml (--config FILE; --env NAME picks environments.NAME).
As ssh does, the CLI reads ~/.ssh/config (Host aliases), your ssh-agent, ~/.ssh/id_* and known_hosts.
--json prints the outputs as JSON on stdout. Exit status: 0 success, 1 failure, 2 usage.
\`vps-deploy <command> --help\` explains a command's options; \`vps-deploy config --env NAME\` shows the settings.`;

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
    const args = parseArgs(argv, (input) => kindOf(spec, input), Object.keys(spec));
    json = args.json;
    if (args.help) {
      process.stdout.write(helpText(name!, command.describe, spec, await inputDocs(name!)));
      return 0;
    }
    const configured = await configureInputs(
      cliIO(args),
      spec,
      args.env ? { environment: args.env, strict: true } : {},
    );
    const sources: Record<string, string> = {};
    const io = await terminalDefaults(configured.io, spec, args, sources);
    if (name === 'config') {
      const { configText } = await import('./show-config.js');
      process.stdout.write(configText(configured, io, spec, sources));
      return 0;
    }
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

/** ssh's own defaults (~/.ssh/config, agent, keys, known_hosts) under flags and vps-deploy.yml: src/cli/ssh-defaults.ts. */
async function terminalDefaults<T extends ActionIO>(
  io: T,
  spec: InputSpec,
  args: CliArgs,
  sources: Record<string, string>,
): Promise<T> {
  if (!('host' in spec)) return io;
  // ssh2 (the agent, key checks) only for a command that connects.
  const { withSshDefaults } = await import('./ssh-defaults.js');
  const note = (m: string) => (args.json ? undefined : process.stderr.write(`${m}\n`));
  return withSshDefaults(
    io,
    {
      home: process.env.HOME || homedir(),
      localUser: process.env.USER || userInfo().username,
      agentSocket: process.env.SSH_AUTH_SOCK ?? '',
      systemKnownHosts: '/etc/ssh/ssh_known_hosts',
    },
    note,
    sources,
  );
}
