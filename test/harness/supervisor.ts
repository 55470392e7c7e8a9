import { spawn } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { chownSync, existsSync, mkdtempSync, chmodSync, rmSync, writeFileSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { cmd, ensureTestUser, requireParts, TEST_USER } from './parts.js';
import { quoteForShell } from '../../src/ssh/quote.js';

/**
 * A private supervisord (Debian `supervisor`), the real service manager of the release-strategy suites. It runs
 * as the SSH test user, with its own config and socket in a temp dir, and runs one program `app` from
 * <app-dir>/current, the way a systemd unit's WorkingDirectory=/srv/app/current does. startsecs=0 and
 * autorestart mirror a systemd Type=simple unit with Restart=always: the restart command returns once the
 * process is spawned, and a crashing app loops.
 */
export interface Supervisor {
  dir: string;
  conf: string;
  /** What the tests pass as restart-command. */
  restartCommand: string;
  /** supervisorctl status line of the app. */
  status(): string;
  appLog(): string;
  stop(): Promise<void>;
}

export async function startSupervisor(appDir: string, opts: { command?: string } = {}): Promise<Supervisor> {
  requireParts('supervisord');
  ensureTestUser();
  const uid = Number(cmd('id', ['-u', TEST_USER]).trim());
  const gid = Number(cmd('id', ['-g', TEST_USER]).trim());
  const dir = mkdtempSync(join(tmpdir(), 'supervisor-'));
  chmodSync(dir, 0o755);
  chownSync(dir, uid, gid);
  const conf = join(dir, 'supervisord.conf');
  const sock = join(dir, 'supervisor.sock');
  writeFileSync(
    conf,
    [
      '[unix_http_server]',
      `file=${sock}`,
      'chmod=0700',
      '[supervisord]',
      'nodaemon=true',
      `logfile=${join(dir, 'supervisord.log')}`,
      `pidfile=${join(dir, 'supervisord.pid')}`,
      `childlogdir=${dir}`,
      '[rpcinterface:supervisor]',
      'supervisor.rpcinterface_factory = supervisor.rpcinterface:make_main_rpcinterface',
      '[supervisorctl]',
      `serverurl=unix://${sock}`,
      '[program:app]',
      `command=${opts.command ?? '/usr/bin/node server.cjs'}`,
      `directory=${appDir}/current`,
      'autostart=false',
      'startsecs=0',
      'autorestart=true',
      'stopwaitsecs=5',
      'stopasgroup=true',
      `stdout_logfile=${join(dir, 'app.log')}`,
      'redirect_stderr=true',
      '',
    ].join('\n'),
  );
  chownSync(conf, uid, gid);
  const proc: ChildProcess = spawn('/usr/bin/supervisord', ['-c', conf], {
    uid,
    gid,
    cwd: dir,
    env: { PATH: '/usr/bin:/bin', HOME: dir },
    stdio: 'ignore',
  });
  const deadline = Date.now() + 10_000;
  while (!existsSync(sock)) {
    if (Date.now() > deadline || proc.exitCode !== null) {
      const log = existsSync(join(dir, 'supervisord.log'))
        ? readFileSync(join(dir, 'supervisord.log'), 'utf8')
        : '';
      throw new Error(`supervisord did not start: ${log}`);
    }
    await new Promise((r) => setTimeout(r, 50));
  }
  const ctl = (...args: string[]) => {
    try {
      return cmd('/usr/bin/supervisorctl', ['-c', conf, ...args]);
    } catch (e) {
      return String((e as { stdout?: string }).stdout ?? e);
    }
  };
  return {
    dir,
    conf,
    restartCommand: `supervisorctl -c ${quoteForShell(conf)} restart app`,
    status: () => ctl('status', 'app').trim(),
    appLog: () => (existsSync(join(dir, 'app.log')) ? readFileSync(join(dir, 'app.log'), 'utf8') : ''),
    async stop() {
      proc.kill('SIGTERM');
      await new Promise<void>((r) => {
        if (proc.exitCode !== null) return r();
        const t = setTimeout(() => {
          proc.kill('SIGKILL');
          r();
        }, 8000);
        proc.on('exit', () => {
          clearTimeout(t);
          r();
        });
      });
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
