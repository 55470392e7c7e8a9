import { spawn } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { chmodSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { cmd, requireParts } from '../../harness/parts.js';
import { freePort } from '../../harness/ports.js';
import { waitForPort } from '../../harness/sshd.js';

/**
 * A fresh target for `init`: a real OpenSSH server that lets root in with a throwaway key (kept in its temp dir,
 * never in /root/.ssh) and every other user by their own authorized_keys, a real Caddy with its admin API on
 * loopback, and — there is no systemd here — a `systemctl` stand-in first on the sessions' PATH (sshd's SetEnv).
 *
 * The stand-in does what systemd does with the unit init wrote, so a wrong unit fails the deploy's gate:
 * `restart|start <unit>` reads <unit-dir>/<unit>.service and runs its ExecStart as its User, in its
 * WorkingDirectory, with its EnvironmentFile (read as root, as systemd does) and Environment=, in a new session;
 * a template instance `<app>@<port>` runs `<app>@.service` with %i replaced, and ${VAR} in ExecStart is
 * expanded from the unit's environment as systemd does, under its UMask=; `stop` ends that session; `daemon-reload` and `enable` are recorded only; `is-active caddy` / `reload caddy`
 * ask the Caddy this target runs (`caddy reload` with its admin address); `is-active nginx` / `reload nginx` the
 * nginx it runs on loopback with its own prefix, pid and config dir (`nginx -s reload`), which includes
 * <dir>/nginx/conf.d/*.conf as Debian's does. Every call is logged in calls.log.
 */
export interface InitTarget {
  host: string;
  port: number;
  fingerprint: string;
  rootKey: string;
  dir: string;
  unitDir: string;
  systemctl: string;
  caddyConfig: string;
  caddySites: string;
  nginxConfig: string;
  nginxSites: string;
  proxyPort: number;
  /** A second free port for the nginx site. */
  nginxPort: number;
  calls(): string[];
  /** Output of the service the stand-in runs for `unit`. */
  serviceLog(unit: string): string;
  stop(): Promise<void>;
}

const STAND_IN = (state: string, units: string, caddyConf: string, admin: string, nginx: string) => `#!/bin/sh
set -eu
state='${state}'; units='${units}'
echo "$*" >>"$state/calls.log"
verb=$1; shift
[ "\${1:-}" != --quiet ] || shift
stop_unit() {
  pid=$(cat "$state/$1.pid" 2>/dev/null) || return 0
  kill -TERM "-$pid" 2>/dev/null || true
  n=0; while kill -0 "$pid" 2>/dev/null && [ $n -lt 50 ]; do sleep 0.1; n=$((n + 1)); done
  # As systemd after TimeoutStopSec: what ignored SIGTERM (node waits for keep-alive connections) is killed.
  kill -KILL "-$pid" 2>/dev/null || true
  rm -f "$state/$1.pid"
}
case "$verb" in
  daemon-reload|enable) exit 0 ;;
  is-active)
    if [ "$1" = caddy ]; then exec curl -fsS -o /dev/null "http://${admin}/config/"; fi
    if [ "$1" = nginx ]; then exec kill -0 "$(cat '${nginx}/nginx.pid')"; fi
    pid=$(cat "$state/$1.pid" 2>/dev/null) && kill -0 "$pid" 2>/dev/null ;;
  reload)
    if [ "$1" = nginx ]; then exec nginx -p '${nginx}' -e '${nginx}/error.log' -c '${nginx}/nginx.conf' -s reload; fi
    [ "$1" = caddy ] || { echo "stand-in: cannot reload $1" >&2; exit 1; }
    exec caddy reload --config '${caddyConf}' --adapter caddyfile --address '${admin}' ;;
  stop) stop_unit "$1" ;;
  start|restart)
    unit=$1; f="$units/$unit.service"; inst=
    # A template instance (app@8001) runs app@.service with %i = 8001, as systemd does.
    case "$unit" in *@*) [ -f "$f" ] || { inst=\${unit#*@}; f="$units/\${unit%%@*}@.service"; } ;; esac
    [ -f "$f" ] || { echo "Unit $unit.service not found." >&2; exit 5; }
    get() { sed -n "s/^$1=//p" "$f" | head -n 1 | sed "s/%%/\\x01/g; s/%i/$inst/g; s/\\x01/%/g"; }
    stop_unit "$unit"
    user=$(get User); wd=$(get WorkingDirectory); envf=$(get EnvironmentFile); cmdline=$(get ExecStart)
    envf=\${envf#-}
    if [ -f "$envf" ]; then set -a; . "$envf"; set +a; fi
    for kv in $(get Environment); do export "$kv"; done
    um=$(get UMask) # systemd's default is 0022
    # eval: systemd expands \${VAR} in ExecStart from the unit's environment (APP_PORT=%i of a template).
    setsid runuser -u "$user" -- sh -c 'umask "$3"; cd "$1" && eval "exec $2"' sh "$wd" "$cmdline" "\${um:-0022}" \\
      >>"$state/$unit.log" 2>&1 </dev/null &
    echo $! >"$state/$unit.pid" ;;
  *) echo "stand-in: $verb not supported" >&2; exit 1 ;;
esac
`;

export async function startInitTarget(): Promise<InitTarget> {
  requireParts('sshd', 'ssh-keygen', 'flock');
  if (!existsSync('/usr/bin/caddy')) throw new Error('the init suite needs caddy: apt-get install -y caddy');
  if (!existsSync('/usr/sbin/visudo'))
    throw new Error('the init suite needs visudo: apt-get install -y sudo');
  const dir = mkdtempSync(join(tmpdir(), 'init-target-'));
  chmodSync(dir, 0o755);
  const bin = join(dir, 'bin');
  const state = join(dir, 'state');
  const unitDir = join(dir, 'units');
  const caddySites = join(dir, 'caddy', 'sites');
  const nginxDir = join(dir, 'nginx');
  const nginxSites = join(nginxDir, 'conf.d');
  for (const d of [bin, state, unitDir, caddySites, nginxSites]) mkdirSync(d, { recursive: true });
  for (const k of ['host_key', 'root_key'])
    cmd('ssh-keygen', ['-q', '-t', 'ed25519', '-N', '', '-f', join(dir, k), '-C', 'vps-deploy-init-test']);
  writeFileSync(join(dir, 'authorized_keys.root'), readFileSync(join(dir, 'root_key.pub')));
  const [port, adminPort, proxyPort, nginxPort] = [
    await freePort(),
    await freePort(),
    await freePort(),
    await freePort(),
  ];
  const admin = `127.0.0.1:${adminPort}`;
  const caddyConfig = join(dir, 'caddy', 'Caddyfile');
  writeFileSync(caddyConfig, `{\n\tadmin ${admin}\n\tauto_https off\n}\n`);
  const systemctl = join(bin, 'systemctl');
  writeFileSync(systemctl, STAND_IN(state, unitDir, caddyConfig, admin, nginxDir), { mode: 0o755 });
  // Everything nginx writes stays in its dir; with no site yet it listens on nothing.
  const nginxConfig = join(nginxDir, 'nginx.conf');
  const temp = ['client_body', 'proxy', 'fastcgi', 'uwsgi', 'scgi'].map(
    (t) => `  ${t}_temp_path ${join(nginxDir, t)};`,
  );
  writeFileSync(
    nginxConfig,
    [
      `pid ${join(nginxDir, 'nginx.pid')};`,
      `error_log ${join(nginxDir, 'error.log')};`,
      'worker_processes 1;',
      'events {}',
      'http {',
      '  access_log off;',
      ...temp,
      `  include ${nginxSites}/*.conf;`,
      '}',
      '',
    ].join('\n'),
  );
  const nginxArgs = ['-p', nginxDir, '-e', join(nginxDir, 'error.log'), '-c', nginxConfig];
  const hasNginx = existsSync('/usr/sbin/nginx');
  if (hasNginx) cmd('nginx', nginxArgs);
  writeFileSync(
    join(dir, 'sshd_config'),
    [
      `Port ${port}`,
      'ListenAddress 127.0.0.1',
      `HostKey ${join(dir, 'host_key')}`,
      `PidFile ${join(dir, 'sshd.pid')}`,
      `AuthorizedKeysFile ${join(dir, 'authorized_keys.%u')} .ssh/authorized_keys`,
      'PasswordAuthentication no',
      'KbdInteractiveAuthentication no',
      'UsePAM no',
      'StrictModes no',
      'AllowTcpForwarding yes',
      'Subsystem sftp internal-sftp',
      `SetEnv PATH=${bin}:/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin`,
      '',
    ].join('\n'),
  );
  mkdirSync('/run/sshd', { recursive: true });
  const sshd: ChildProcess = spawn(
    '/usr/sbin/sshd',
    ['-D', '-f', join(dir, 'sshd_config'), '-E', join(dir, 'sshd.log')],
    { stdio: 'ignore' },
  );
  const caddy: ChildProcess = spawn('caddy', ['run', '--config', caddyConfig, '--adapter', 'caddyfile'], {
    stdio: 'ignore',
    env: { ...process.env, HOME: dir, XDG_DATA_HOME: join(dir, 'xdg'), XDG_CONFIG_HOME: join(dir, 'xdg') },
  });
  await waitForPort(port);
  await waitForPort(adminPort);
  const stopped = (p: ChildProcess) =>
    new Promise<void>((r) => {
      if (p.exitCode !== null || p.signalCode !== null) return r();
      p.once('exit', () => r());
      p.kill('SIGTERM');
    });
  return {
    host: '127.0.0.1',
    port,
    fingerprint: cmd('ssh-keygen', ['-lf', join(dir, 'host_key.pub')]).split(' ')[1]!,
    rootKey: readFileSync(join(dir, 'root_key'), 'utf8'),
    dir,
    unitDir,
    systemctl,
    caddyConfig,
    caddySites,
    nginxConfig,
    nginxSites,
    proxyPort,
    nginxPort,
    calls: () =>
      existsSync(join(state, 'calls.log'))
        ? readFileSync(join(state, 'calls.log'), 'utf8').trim().split('\n')
        : [],
    serviceLog: (unit) =>
      existsSync(join(state, `${unit}.log`)) ? readFileSync(join(state, `${unit}.log`), 'utf8') : '',
    async stop() {
      for (const f of existsSync(state) ? cmd('ls', [state]).split('\n') : [])
        if (f.endsWith('.pid')) cmd(systemctl, ['stop', f.slice(0, -4)]);
      if (hasNginx && existsSync(join(nginxDir, 'nginx.pid'))) cmd('nginx', [...nginxArgs, '-s', 'stop']);
      await Promise.all([stopped(sshd), stopped(caddy)]);
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
