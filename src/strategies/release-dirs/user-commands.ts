import { inPhase } from '../../io/errors.js';
import { splitCommandLines } from '../../io/inputs.js';
import type { Log, RemoteShell } from '../../ssh/remote-shell.js';
import { releaseUserCommand } from './commands.js';

/** Where a user's command runs, and what it is told through VPS_DEPLOY_* variables. */
export interface UserCommandPlace {
  tag: string;
  appDir: string;
  releaseDir: string;
  cwd: string;
  /** More variables (blue-green: APP_PORT and RELEASE_DIR for start-command and stop-command). */
  env?: Record<string, string>;
}

/**
 * A user's install-command, migrate-command or restart-command: each line on its own, in order, in a login shell
 * in `where.cwd` (a `cd` or a variable does not carry to the next line; a line ending in `\` continues). Each line
 * and its exit is logged; the first that fails stops the rest and fails the phase naming it, with the tail of
 * its output. A one-line command reads as it always did (`restart-command failed (exit 4) after the switch`).
 */
export async function runUserCommands(
  conn: RemoteShell,
  log: Log,
  input: string,
  text: string,
  phase: string,
  where: UserCommandPlace,
): Promise<void> {
  const lines = splitCommandLines(text);
  log.info(`Running ${input} in ${where.cwd}${lines.length > 1 ? ` (${lines.length} lines)` : ''}`);
  for (const [i, line] of lines.entries()) {
    const name = lines.length > 1 ? `line ${i + 1} ${JSON.stringify(line)}` : '';
    if (name) log.info(`${input} ${name}`);
    const r = await conn.exec(releaseUserCommand(line, where));
    if (name) log.info(`  ${input} line ${i + 1}: exit ${r.signal ?? r.code}`);
    if (r.code === 0) continue;
    throw inPhase(phase, new Error(failureText(input, name, r, phase, lines.length - i - 1)));
  }
}

/** Why a line failed: its exit, where the deploy stands, the tail of its output and, for exit 127, the PATH hint. */
export function failureText(
  input: string,
  name: string,
  r: { code: number; signal?: string; stdout: string; stderr: string },
  phase: string,
  notRun: number,
): string {
  const tail = (r.stderr.trim() ? r.stderr : r.stdout).trimEnd().split('\n').slice(-20).join('\n');
  const hint =
    r.code === 127
      ? '\nExit 127 is "command not found". User commands run in a non-interactive login shell (bash -lc): it ' +
        'reads ~/.profile or ~/.bash_profile but not ~/.bashrc, where nvm, pyenv and similar installers put ' +
        'their PATH lines. Use full paths (.venv/bin/pip, ~/.nvm/versions/node/<v>/bin/npm) or move the PATH ' +
        'lines into ~/.profile.'
      : '';
  const where = phase === 'restart' ? 'after the switch' : `before the switch; current is unchanged`;
  const skipped = notRun ? `; the ${notRun} line(s) after it did not run` : '';
  const what = name ? `${input} ${name}` : input;
  return `${what} failed (exit ${r.signal ?? r.code}) ${where}${skipped}${tail ? `:\n${tail}` : ''}${hint}`;
}
