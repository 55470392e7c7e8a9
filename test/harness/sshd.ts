import { spawn, spawnSync } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync, rmSync, mkdirSync, chmodSync, chownSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createConnection } from 'node:net';
import { cmd, ensureTestUser, requireParts, TEST_USER } from './parts.js';
import { freePort } from './ports.js';

export interface SshServer {
  host: string;
  port: number;
  user: string;
  home: string;
  /** Private key the user logs in with (OpenSSH format). */
  clientKey: string;
  /** `SHA256:…` of the server's host key. */
  fingerprint: string;
  /** A known_hosts line for the server. */
  knownHostsLine: string;
  /** A second key pair the server does not use: a man-in-the-middle's fingerprint. */
  otherFingerprint: string;
  dir: string;
  logFile: string;
  /** Kills the sshd children serving live sessions (cuts every connection) but keeps the listener. */
  cutSessions(): void;
  /** Stops the listener and starts a new one on the same port and keys. */
  restart(opts?: { killSessions: boolean }): Promise<void>;
  stop(): Promise<void>;
}

function keygen(path: string, passphrase = '', type = 'ed25519'): void {
  cmd('ssh-keygen', ['-q', '-t', type, '-N', passphrase, '-f', path, '-C', 'vps-deploy-test']);
}

function fingerprint(pubPath: string): string {
  return cmd('ssh-keygen', ['-lf', pubPath]).split(' ')[1]!;
}

export interface SshdOptions {
  password?: boolean;
  /** Host keys of further types (`rsa`, `ecdsa`), after the ed25519 one: `host_key_<type>` in dir. */
  extraHostKeyTypes?: string[];
  /** sshd_config lines added at the end (e.g. `SetEnv …` for every session). */
  extraConfig?: string[];
}

/** Starts a real OpenSSH server on a free loopback port with throwaway host and client keys. */
export async function startSshd(opts: SshdOptions = {}): Promise<SshServer> {
  requireParts('sshd', 'ssh-keygen');
  ensureTestUser();
  const dir = mkdtempSync(join(tmpdir(), 'sshd-'));
  chmodSync(dir, 0o755);
  keygen(join(dir, 'host_key'));
  keygen(join(dir, 'other_host_key'));
  keygen(join(dir, 'client_key'));
  const extraKeys = (opts.extraHostKeyTypes ?? []).map((t) => {
    keygen(join(dir, `host_key_${t}`), '', t);
    return `HostKey ${join(dir, `host_key_${t}`)}`;
  });
  const home = cmd('getent', ['passwd', TEST_USER]).split(':')[5]!;
  const sshDir = join(home, '.ssh');
  mkdirSync(sshDir, { recursive: true, mode: 0o700 });
  const uid = Number(cmd('id', ['-u', TEST_USER]).trim());
  const gid = Number(cmd('id', ['-g', TEST_USER]).trim());
  chownSync(sshDir, uid, gid);
  // Each server appends its key: several suites may run servers over a test run.
  const authorized = join(sshDir, 'authorized_keys');
  writeFileSync(authorized, readFileSync(join(dir, 'client_key.pub')), { flag: 'a', mode: 0o600 });
  chownSync(authorized, uid, gid);
  const port = await freePort();
  const logFile = join(dir, 'sshd.log');
  writeFileSync(
    join(dir, 'sshd_config'),
    [
      `Port ${port}`,
      'ListenAddress 127.0.0.1',
      `HostKey ${join(dir, 'host_key')}`,
      ...extraKeys,
      `PidFile ${join(dir, 'sshd.pid')}`,
      'AuthorizedKeysFile .ssh/authorized_keys',
      `PasswordAuthentication ${opts.password ? 'yes' : 'no'}`,
      'KbdInteractiveAuthentication no',
      'UsePAM no',
      'AllowTcpForwarding yes',
      'MaxSessions 50',
      'MaxStartups 50:30:100',
      'Subsystem sftp internal-sftp',
      // DEBUG1 logs each direct-tcpip channel: how the tests know a probe went through the SSH host.
      'LogLevel DEBUG1',
      'StrictModes no',
      ...(opts.extraConfig ?? []),
      '',
    ].join('\n'),
  );
  mkdirSync('/run/sshd', { recursive: true });
  // -D: stays in the foreground as our child, so it dies with the test run.
  const listen = (): ChildProcess =>
    spawn('/usr/sbin/sshd', ['-D', '-f', join(dir, 'sshd_config'), '-E', logFile], { stdio: 'ignore' });
  let proc = listen();
  await waitForPort(port);
  const descendants = (pid: string): string[] => {
    const r = spawnSync('pgrep', ['-P', pid], { encoding: 'utf8' });
    const kids = r.stdout.trim().split('\n').filter(Boolean);
    return kids.flatMap((k) => [k, ...descendants(k)]);
  };
  const cutSessions = () => {
    // The listener is our child; the per-connection sshd processes are its children.
    for (const k of descendants(String(proc.pid))) {
      try {
        process.kill(Number(k), 'SIGKILL');
      } catch {
        /* already gone */
      }
    }
  };
  const pub = readFileSync(join(dir, 'host_key.pub'), 'utf8').trim().split(' ');
  return {
    host: '127.0.0.1',
    port,
    user: TEST_USER,
    home,
    clientKey: readFileSync(join(dir, 'client_key'), 'utf8'),
    fingerprint: fingerprint(join(dir, 'host_key.pub')),
    knownHostsLine: `[127.0.0.1]:${port} ${pub[0]} ${pub[1]}`,
    otherFingerprint: fingerprint(join(dir, 'other_host_key.pub')),
    dir,
    logFile,
    cutSessions,
    async restart(opts = { killSessions: true }) {
      // Sessions are the listener's children: cut them first (a reboot, an upgrade that stops every sshd) or
      // leave them to outlive it, as `systemctl restart ssh` does.
      if (opts.killSessions) cutSessions();
      const old = proc;
      await new Promise((r) => {
        old.once('exit', r);
        old.kill('SIGTERM');
      });
      proc = listen();
      await waitForPort(port);
    },
    async stop() {
      proc.kill('SIGTERM');
      await new Promise((r) => setTimeout(r, 100));
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

export function waitForPort(port: number, host = '127.0.0.1', timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  return new Promise((resolve, reject) => {
    const attempt = () => {
      const s = createConnection({ port, host }, () => {
        s.destroy();
        resolve();
      });
      s.on('error', () => {
        s.destroy();
        if (Date.now() > deadline)
          reject(new Error(`nothing listens on ${host}:${port} after ${timeoutMs} ms`));
        else setTimeout(attempt, 50);
      });
    };
    attempt();
  });
}
