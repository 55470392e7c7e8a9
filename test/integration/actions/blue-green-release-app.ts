import { spawn } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { chmodSync, chownSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { git, requireParts, testUserIds } from '../../harness/parts.js';
import { quoteForShell as q } from '../../../src/ssh/quote.js';

/**
 * The release app of the blue-green suite, and the service manager that runs one instance per port.
 *
 * The app is a Node http server in a git repository (one tag per behaviour) that listens on APP_PORT, as a
 * template unit `app@.service` gives it (`Environment=APP_PORT=%i`), answers `/health` by its behaviour, `/` with
 * its version, `/slow` after 3 seconds, and logs every request with its version (so a test can show that a
 * refused release never received one).
 *
 * The service manager is a private supervisord with one program per port, `app<port>`, whose directory is the
 * slot link `<app-dir>/slots/<port>` and whose environment has APP_PORT: what systemd does with init's template
 * unit. start-command / stop-command are what a user writes for systemd, with supervisorctl in its place.
 */
export type Behaviour = 'ok' | '503' | 'crash';

const SERVER = `'use strict';
const fs = require('node:fs');
const http = require('node:http');
const version = fs.readFileSync('version', 'utf8').trim();
const behaviour = fs.readFileSync('behaviour', 'utf8').trim();
const port = Number(process.env.APP_PORT);
if (behaviour === 'crash') {
  console.error('crash: exiting at start on purpose');
  process.exit(3);
}
const server = http.createServer((req, res) => {
  console.log(version, req.method, req.url);
  if (req.url === '/health') {
    const code = behaviour === '503' ? 503 : 200;
    res.writeHead(code, { 'content-type': 'application/json' });
    return res.end(JSON.stringify({ status: behaviour === '503' ? 'unhealthy' : 'ok', version, port }));
  }
  if (req.url === '/slow') return setTimeout(() => res.end(version + ' slow\\n'), 3000);
  res.end(version + '\\n');
});
server.keepAliveTimeout = 65000;
server.listen(port, '127.0.0.1', () => console.log('listening on', port, 'version', version));
// As a unit stopped by systemd: finish what is in flight (idle keep-alive connections close at once), then exit.
process.on('SIGTERM', () => server.close(() => process.exit(0)));
`;

export function createSlotAppRepo(tags: [string, Behaviour][]): string {
  const dir = mkdtempSync(join(tmpdir(), 'bg-app-'));
  chmodSync(dir, 0o755);
  git(dir, 'init', '-q', '-b', 'main');
  writeFileSync(join(dir, 'server.cjs'), SERVER);
  for (const [tag, behaviour] of tags) {
    writeFileSync(join(dir, 'behaviour'), `${behaviour}\n`);
    writeFileSync(join(dir, 'version'), `${tag}\n`);
    git(dir, 'add', '-A');
    git(dir, 'commit', '-q', '-m', `release ${tag}`);
    git(dir, 'tag', tag);
  }
  return dir;
}

export interface SlotSupervisor {
  startCommand: string;
  stopCommand: string;
  /** What the instance of `port` printed (every request, with the version that answered it). */
  log(port: number): string;
  stop(): Promise<void>;
}

export async function startSlotSupervisor(appDir: string, ports: number[]): Promise<SlotSupervisor> {
  requireParts('supervisord');
  const { uid, gid } = testUserIds();
  const dir = mkdtempSync(join(tmpdir(), 'slot-supervisor-'));
  chmodSync(dir, 0o755);
  chownSync(dir, uid, gid);
  const conf = join(dir, 'supervisord.conf');
  const sock = join(dir, 'supervisor.sock');
  const program = (port: number) => [
    `[program:app${port}]`,
    'command=/usr/bin/node server.cjs',
    `directory=${appDir.replace(/%/g, '%%')}/slots/${port}`,
    `environment=APP_PORT="${port}"`,
    'autostart=false',
    'startsecs=0',
    'autorestart=true',
    'stopwaitsecs=10',
    'stopasgroup=true',
    `stdout_logfile=${join(dir, `app${port}.log`)}`,
    'redirect_stderr=true',
  ];
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
      ...ports.flatMap(program),
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
    if (Date.now() > deadline || proc.exitCode !== null) throw new Error('supervisord did not start');
    await new Promise((r) => setTimeout(r, 50));
  }
  const ctl = `supervisorctl -c ${q(conf)}`;
  return {
    startCommand: `${ctl} start "app$APP_PORT"`,
    // Stopping an instance that is not running (a crashed release supervisord gave up on) is not an error,
    // as `systemctl stop` of an inactive unit is not.
    stopCommand: `${ctl} stop "app$APP_PORT" || ! ${ctl} status "app$APP_PORT" | grep -Eq 'RUNNING|STARTING'`,
    log: (port) => {
      const f = join(dir, `app${port}.log`);
      return existsSync(f) ? readFileSync(f, 'utf8') : '';
    },
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
