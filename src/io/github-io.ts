import { appendFileSync } from 'node:fs';
import { randomUUID } from 'node:crypto';
import { EOL } from 'node:os';
import type { ActionIO } from './action-io.js';
import { runContextFromEnv } from './action-io.js';

/**
 * The GitHub Actions runner protocol: INPUT_* variables, workflow commands on stdout, and the files named by
 * GITHUB_OUTPUT and GITHUB_STEP_SUMMARY. Written against the documented protocol rather than loading
 * @actions/core, whose import alone costs more than node's own start-up (see `npm run bench`).
 */
export function actionsIO(env: NodeJS.ProcessEnv = process.env): ActionIO {
  const command = (name: string, message: string) =>
    process.stdout.write(`::${name}::${escapeData(message)}${EOL}`);
  return {
    input: (name) => env[`INPUT_${name.replace(/ /g, '_').toUpperCase()}`] ?? '',
    setOutput(name, value) {
      const file = env.GITHUB_OUTPUT;
      const v = String(value);
      if (file) {
        const delimiter = `ghadelimiter_${randomUUID()}`;
        appendFileSync(file, `${name}<<${delimiter}${EOL}${v}${EOL}${delimiter}${EOL}`);
      } else {
        process.stdout.write(`${EOL}::set-output name=${name}::${escapeData(v)}${EOL}`);
      }
    },
    setSecret(value) {
      // Mask every line of a multi-line secret too: the runner matches masks per line.
      for (const part of new Set([value, ...value.split(/\r?\n/)])) {
        if (part.trim().length >= 4) command('add-mask', part);
      }
    },
    info: (m) => process.stdout.write(m + EOL),
    warning: (m) => command('warning', m),
    debug: (m) => command('debug', m),
    async group(title, fn) {
      process.stdout.write(`::group::${escapeData(title)}${EOL}`);
      try {
        return await fn();
      } finally {
        process.stdout.write(`::endgroup::${EOL}`);
      }
    },
    async summary(markdown) {
      if (env.GITHUB_STEP_SUMMARY) appendFileSync(env.GITHUB_STEP_SUMMARY, markdown + EOL);
    },
    run: runContextFromEnv(env),
  };
}

function escapeData(s: string): string {
  return s.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
}

/** The one place an action ends: prints the error as an error annotation and sets the exit code. */
export function failAction(message: string): void {
  process.stdout.write(`::error::${escapeData(message)}${EOL}`);
  process.exitCode = 1;
}
