import { readFileSync } from 'node:fs';
import { basename } from 'node:path';
import { homedir } from 'node:os';
import type { ActionIO, Annotation, RunContext } from '../io/action-io.js';
import { runContextFromEnv } from '../io/action-io.js';
import { envName } from './args.js';
import type { CliArgs } from './args.js';

export interface CliIO extends ActionIO {
  outputs: Record<string, string>;
  summaries: string[];
}

/**
 * The terminal's ActionIO: inputs from flags, then `--<input>-file`, then VPS_DEPLOY_<INPUT> / INPUT_<INPUT>
 * variables; progress on stderr with elapsed time per phase; secrets masked in every line it prints;
 * outputs collected for --json.
 */
export function cliIO(args: CliArgs, env: NodeJS.ProcessEnv = process.env): CliIO {
  const secrets: string[] = [];
  const mask = (s: string) => secrets.reduce((acc, x) => acc.split(x).join('***'), s);
  const err = (line: string) => process.stderr.write(mask(line) + '\n');
  const quiet = args.json;
  const outputs: Record<string, string> = {};
  const summaries: string[] = [];
  // One process is both steps here: what a post step would read back stays in memory.
  const state = new Map<string, string>();
  const titled = (m: string, a?: Annotation) => (a?.title ? `${a.title}: ${m}` : m);
  return {
    outputs,
    summaries,
    input(name) {
      if (args.flags.has(name)) return args.flags.get(name)!;
      if (args.files.has(name))
        return readFileSync(args.files.get(name)!.replace(/^~(?=\/)/, homedir()), 'utf8');
      return env[envName(name)] ?? env[`INPUT_${name.toUpperCase()}`] ?? '';
    },
    setOutput(name, value) {
      outputs[name] = String(value);
    },
    setSecret(value) {
      for (const part of new Set([value, ...value.split(/\r?\n/)]))
        if (part.trim().length >= 4) secrets.push(part);
      secrets.sort((a, b) => b.length - a.length);
    },
    info: (m) => (quiet ? undefined : err(m)),
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
      summaries.push(mask(markdown));
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
