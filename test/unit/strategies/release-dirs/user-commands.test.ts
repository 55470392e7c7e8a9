import { describe, expect, it } from 'vitest';
import { runUserCommands } from '../../../../src/strategies/release-dirs/user-commands.js';
import type { ExecResult, RemoteShell } from '../../../../src/ssh/remote-shell.js';

/** A shell that answers each command by the user's line inside it, and records what ran. */
function scriptedShell(exits: Record<string, Partial<ExecResult>>) {
  const ran: string[] = [];
  const shell = {
    exec: async (command: string): Promise<ExecResult> => {
      // The longest key found wins: `restart sum` is inside `restart sum-celery`.
      const keys = Object.keys(exits).sort((a, b) => b.length - a.length);
      const line = keys.find((l) => command.includes(l)) ?? '';
      ran.push(line);
      return { code: 0, stdout: '', stderr: '', ...exits[line] };
    },
  } as unknown as RemoteShell;
  return { shell, ran };
}
const where = { tag: 'v2', appDir: '/srv/sum', releaseDir: '/srv/sum/releases/v2', cwd: '/srv/sum/current' };
function logged() {
  const lines: string[] = [];
  return {
    lines,
    log: { info: (m: string) => lines.push(m), debug: () => undefined, warning: () => undefined },
  };
}

describe('runUserCommands', () => {
  it('runs every line in order, each reported with its exit', async () => {
    const { shell, ran } = scriptedShell({ 'restart sum': {}, 'restart sum-celery': {} });
    const { lines, log } = logged();
    await runUserCommands(
      shell,
      log,
      'restart-command',
      'sudo systemctl restart sum\nsudo systemctl restart sum-celery',
      'restart',
      where,
    );
    expect(ran).toEqual(['restart sum', 'restart sum-celery']);
    expect(lines).toEqual([
      'Running restart-command in /srv/sum/current (2 lines)',
      'restart-command line 1 "sudo systemctl restart sum"',
      '  restart-command line 1: exit 0',
      'restart-command line 2 "sudo systemctl restart sum-celery"',
      '  restart-command line 2: exit 0',
    ]);
  });

  it('stops at the first failing line and names it, its exit and what did not run', async () => {
    const { shell, ran } = scriptedShell({
      'restart sum-web': {},
      'restart sum-celery': { code: 5, stderr: 'Failed to restart sum-celery.service: Unit not found.\n' },
      'reload caddy': {},
    });
    const { log } = logged();
    const text =
      'sudo systemctl restart sum-web\nsudo systemctl restart sum-celery\nsudo systemctl reload caddy';
    const err = await runUserCommands(shell, log, 'restart-command', text, 'restart', where).catch(
      (e: Error) => e,
    );
    expect(ran).not.toContain('reload caddy');
    expect((err as Error).message).toBe(
      'restart: restart-command line 2 "sudo systemctl restart sum-celery" failed (exit 5) after the switch; ' +
        'the 1 line(s) after it did not run:\nFailed to restart sum-celery.service: Unit not found.',
    );
  });

  it('a one-line command fails as it always did, with the login-shell hint on exit 127', async () => {
    const { shell } = scriptedShell({ 'npm ci': { code: 127, stderr: 'bash: npm: command not found\n' } });
    const err = await runUserCommands(
      shell,
      logged().log,
      'install-command',
      'npm ci',
      'install',
      where,
    ).catch((e: Error) => e);
    expect((err as Error).message).toMatch(
      /^install: install-command failed \(exit 127\) before the switch; current is unchanged:\nbash: npm: command not found\nExit 127 is "command not found"/,
    );
  });
});
