import { readFileSync } from 'node:fs';
import { basename } from 'node:path';
import { homedir } from 'node:os';
import type { ActionIO, Annotation, RunContext } from '../io/action-io.js';
import { runContextFromEnv } from '../io/action-io.js';
import { SecretFilter } from '../io/secrets.js';
import { createProgress } from '../io/progress.js';
import { envName } from './args.js';
import type { CliArgs } from './args.js';

export interface CliIO extends ActionIO {
  outputs: Record<string, string>;
  summaries: string[];
  /** Text without the secrets registered so far (the final error message goes through it). */
  redact(text: string): string;
}

/**
 * The terminal's ActionIO: inputs from flags, then `--<input>-file`, then VPS_DEPLOY_<INPUT> / INPUT_<INPUT>
 * variables; progress on stderr with elapsed time per phase; secrets masked in every line it prints (a line
 * with a secret too short to mask is withheld); outputs collected for --json. A terminal acts on no workflow
 * commands, so server output needs no fence here.
 */
export function cliIO(args: CliArgs, env: NodeJS.ProcessEnv = process.env): CliIO {
  const secrets = new SecretFilter();
  const err = (line: string) => process.stderr.write(secrets.redact(line) + '\n');
  const quiet = args.json;
  const outputs: Record<string, string> = {};
  const summaries: string[] = [];
  // One process is both steps here: what a post step would read back stays in memory.
  const state = new Map<string, string>();
  const titled = (m: string, a?: Annotation) => (a?.title ? `${a.title}: ${m}` : m);
  return {
    outputs,
    summaries,
    redact: (text) => secrets.redact(text),
    // A terminal knows what was set: a flag or a variable wins over vps-deploy.yml even when it equals the default.
    given: (name) =>
      args.flags.has(name) ||
      args.files.has(name) ||
      Boolean(env[envName(name)] ?? env[`INPUT_${name.toUpperCase()}`]),
    input(name) {
      if (args.flags.has(name)) return args.flags.get(name)!;
      if (args.files.has(name))
        return readFileSync(args.files.get(name)!.replace(/^~(?=\/)/, homedir()), 'utf8');
      return env[envName(name)] ?? env[`INPUT_${name.toUpperCase()}`] ?? '';
    },
    setOutput(name, value) {
      outputs[name] = String(value);
    },
    setSecret: (value) => void secrets.add(value),
    info: (m) => (quiet ? undefined : err(m)),
    // Bytes and rate on a terminal as one updating line; plain lines when stderr is a file or a pipe.
    progress: (label, total) =>
      createProgress({
        label,
        total,
        tty: Boolean(process.stderr.isTTY) && !quiet,
        write: (text) => (quiet ? undefined : process.stderr.write(secrets.redact(text))),
      }),
    remoteOutput: () => ({ line: (text) => (quiet ? undefined : err(text)), end: () => undefined }),
    warning: (m, a) => err(`warning: ${titled(m, a)}`),
    notice: (m, a) => (quiet ? undefined : err(titled(m, a))),
    debug: (m) => (env.VPS_DEPLOY_DEBUG ? err(`debug: ${m}`) : undefined),
    async group(title, fn) {
      const t0 = Date.now();
      if (!quiet) err(`▸ ${title}`);
      try {
        return await fn();
      } finally {
        if (!quiet) err(`  (${((Date.now() - t0) / 1000).toFixed(1)}s)`);
      }
    },
    async summary(markdown) {
      summaries.push(secrets.redact(markdown));
    },
    saveState: (name, value) => void state.set(name, value),
    getState: (name) => state.get(name) ?? '',
    run: cliRunContext(env),
  };
}

function cliRunContext(env: NodeJS.ProcessEnv): RunContext {
  const base = runContextFromEnv(env);
  if (base.repository) return base;
  // Outside GitHub: the app slug defaults to the current directory's name, as to a repository's.
  return { ...base, repository: `local/${basename(process.cwd())}`, actor: env.USER ?? 'cli' };
}
