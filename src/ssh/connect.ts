import { connect as tcpConnect } from 'node:net';
import type { Duplex } from 'node:stream';
import { NodeSSH } from 'node-ssh';
import type { Config } from 'node-ssh';
import type { Client } from 'ssh2';
import { ConfigurationError, errText, RemoteError } from '../io/errors.js';
import { AuthAttempts } from './auth.js';
import type { Credentials } from './auth.js';
import { checkHostKey, hostKeyAlgorithmsFor, hostTrustFrom } from './host-key.js';
import type { HostTrust } from './host-key.js';
import { checkPrivateKey } from './private-key.js';
import type { Log } from './remote-shell.js';
import type { SshTarget } from './target.js';
import { batchWrites } from './write-batching.js';

/** A logged-in session: node-ssh for what it covers, and its ssh2 Client for the rest (see connection.ts). */
export interface Session {
  ssh: NodeSSH;
  client: Client;
}

/** The session on the target, and the bastion's when it was reached through a jump host. */
export interface Connected {
  session: Session;
  jump?: Session;
}

/**
 * Connects to the target (through its jump host, if any) with retries and backoff. Host key and
 * authentication failures are the user's to fix and are not retried.
 */
export async function connectToTarget(target: SshTarget, log: Log): Promise<Connected> {
  if (target.privateKey) checkPrivateKey(target.privateKey, target.passphrase);
  const j = target.jump;
  // The bastion's own key too: a wrong jump-passphrase is named as such, not retried as a refused login.
  if (j?.privateKey && j.keyInput === 'jump-key')
    checkPrivateKey(j.privateKey, j.passphrase, j.keyInput, j.passphraseInput);
  const trust = hostTrustFrom({
    knownHosts: target.knownHosts,
    hostFingerprint: target.hostFingerprint,
    insecure: target.insecureIgnoreHostKey,
  });
  if (trust.kind === 'insecure')
    log.warning(`Host key of ${target.host} is not verified (insecure-ignore-host-key).`);
  let lastError: unknown;
  for (let attempt = 1; attempt <= target.connectRetries; attempt++) {
    let jump: Session | undefined;
    try {
      let sock: Duplex | undefined;
      if (j) {
        jump = await connectOnce(j, jumpTrust(trust), target.connectTimeoutSeconds);
        sock = await forwardThrough(jump.ssh, target.host, target.port, target.connectTimeoutSeconds * 1000);
      }
      const session = await connectOnce({ ...target, sock }, trust, target.connectTimeoutSeconds);
      log.debug(`ssh: connected to ${target.host}:${target.port} on attempt ${attempt}`);
      return jump ? { session, jump } : { session };
    } catch (e) {
      jump?.client.destroy();
      if (e instanceof ConfigurationError) throw e;
      lastError = e;
      if (attempt < target.connectRetries) {
        const wait = Math.min(1000 * 2 ** (attempt - 1), 10_000);
        log.info(
          `ssh: attempt ${attempt} to ${target.host}:${target.port} failed (${errText(e)}); retrying in ${wait / 1000}s`,
        );
        await sleep(wait);
      }
    }
  }
  throw new RemoteError(
    `could not connect to ${target.host}:${target.port} after ${target.connectRetries} attempt(s) ` +
      `(connect-timeout ${target.connectTimeoutSeconds}s each): ${errText(lastError)}`,
    'connect',
  );
}

/**
 * A direct-tcpip stream to host:port as the session's server sees it. The server answers the channel request
 * only once its own TCP connect ends, which behind a dropping firewall is minutes: so it has a deadline, and a
 * channel granted after it is closed at once.
 */
export async function forwardThrough(
  ssh: NodeSSH,
  host: string,
  port: number,
  timeoutMs: number,
): Promise<Duplex> {
  const opening = ssh.forwardOut('127.0.0.1', 0, host, port);
  try {
    return await within(opening, timeoutMs, `no answer after ${timeoutMs / 1000}s`);
  } catch (e) {
    opening.then((late) => late.destroy()).catch(() => undefined);
    throw new RemoteError(`the server could not open a tunnel to ${host}:${port}: ${errText(e)}`);
  }
}

/** The promise's outcome, or a rejection with `why` once `ms` have passed without one. */
function within<T>(promise: Promise<T>, ms: number, why: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const deadline = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(why)), ms);
  });
  return Promise.race([promise, deadline]).finally(() => clearTimeout(timer));
}

interface Login extends Credentials {
  host: string;
  port: number;
  /** An open stream to the server (through a jump host); otherwise a TCP connection is made. */
  sock?: Duplex | undefined;
}

/** One attempt: TCP (or the given stream), host key check, login. */
async function connectOnce(login: Login, trust: HostTrust, timeoutSeconds: number): Promise<Session> {
  const { host, port } = login;
  const auth = new AuthAttempts(login);
  let hostKeyProblem: string | undefined;
  // ssh2 leaves Nagle on: a small packet sent while another is unacknowledged (exec request, then EOF) waits
  // for the server's delayed ACK, ~40 ms a step: ~90 ms per command and ~450 ms per SFTP upload instead of a
  // few ms on a near server. node-ssh creates the ssh2 Client inside connect(), so the socket is made here,
  // with Nagle off from the TCP connect on (the handshake gains too); ssh2's readyTimeout still covers it.
  const sock = login.sock ?? tcpConnect({ host, port, noDelay: true });
  batchWrites(sock);
  const serverHostKey = hostKeyAlgorithmsFor(trust, host, port);
  const config: Config = {
    host,
    port,
    username: login.username,
    sock,
    readyTimeout: timeoutSeconds * 1000,
    keepaliveInterval: 5000,
    keepaliveCountMax: 3,
    ...(serverHostKey ? { algorithms: { serverHostKey } } : {}),
    ...(login.privateKey ? { privateKey: login.privateKey } : {}),
    ...(login.passphrase ? { passphrase: login.passphrase } : {}),
    ...(login.password ? { password: login.password } : {}),
    hostVerifier: (key: Buffer) => {
      const d = checkHostKey(trust, host, port, key);
      if (!d.ok) hostKeyProblem = d.message;
      return d.ok;
    },
    authHandler: auth.next,
  };
  const ssh = new NodeSSH();
  // ssh2's readyTimeout is cleared on any socket 'end'/'close', and node-ssh settles only on 'ready', 'error'
  // or 'close': a stream that ends without closing (a half-open tunnel) would leave connect() pending for
  // ever, and node exits 13 on such a promise. So the attempt has a deadline of its own, just after ssh2's.
  const deadlineMs = timeoutSeconds * 1000 + 1000;
  try {
    await within(ssh.connect(config), deadlineMs, `no SSH handshake within ${timeoutSeconds}s`);
  } catch (e) {
    sock.destroy();
    ssh.connection?.destroy();
    if (hostKeyProblem) throw new ConfigurationError(hostKeyProblem);
    if ((e as { level?: string }).level === 'client-authentication')
      throw new ConfigurationError(auth.refusal(host, port));
    throw e;
  }
  // node-ssh forgets its Client once it ends: keep it, to reach ssh2 and to destroy it on dispose.
  const client = ssh.connection;
  if (!client) throw new RemoteError(`the SSH connection to ${host}:${port} closed as soon as it opened`);
  return { ssh, client };
}

function jumpTrust(trust: HostTrust): HostTrust {
  // known-hosts may hold the bastion's line too; a fingerprint names the target only.
  return trust.kind === 'fingerprint' ? { kind: 'none' } : trust;
}

export function sleep(ms: number): Promise<void> {
  return new Promise((r) => setTimeout(r, ms));
}
