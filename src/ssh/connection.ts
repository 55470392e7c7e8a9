import ssh2 from 'ssh2';
import type { ClientChannel, ConnectConfig, SFTPWrapper } from 'ssh2';
import type { Duplex, Readable } from 'node:stream';
import { randomBytes } from 'node:crypto';
import { ConfigurationError, errText, RemoteError, tailOf } from '../io/errors.js';
import { checkHostKey, hostTrustFrom } from './host-key.js';
import type { HostTrust } from './host-key.js';
import type { SshTarget } from './target.js';
import { sh } from './quote.js';
import type { ExecOptions, ExecResult, ExitStatus, Log, RemoteChannel, RemoteShell } from './remote-shell.js';

export type { ExecOptions, ExecResult, ExitStatus, Log, RemoteChannel, RemoteShell };

const { Client, utils } = ssh2;
type Client = InstanceType<typeof Client>;

const STDERR_TAIL = 64 * 1024;

/** Checks a private key (and its passphrase) before connecting; the error never includes the key. */
export function checkPrivateKey(key: string, passphrase: string | undefined, inputName = 'key'): void {
  const parsed = utils.parseKey(key, passphrase);
  if (!(parsed instanceof Error)) return;
  const m = parsed.message;
  if (/no passphrase given/i.test(m)) {
    throw new ConfigurationError(`input "${inputName}" is an encrypted private key: set "passphrase" too`);
  }
  if (/decrypt|bad decrypt|passphrase/i.test(m) && passphrase) {
    throw new ConfigurationError(`input "passphrase" does not decrypt the private key in "${inputName}"`);
  }
  throw new ConfigurationError(
    `input "${inputName}" is not a private key ssh can use (${m}): paste the whole key, from ` +
      '-----BEGIN ... PRIVATE KEY----- to the END line (OpenSSH or PEM format)',
  );
}

/**
 * One SSH connection to one host for the whole run: exec with exit codes, SFTP uploads, loopback tunnels.
 * Always dispose() it (in a finally): an open connection keeps node alive.
 */
export class SshConnection implements RemoteShell {
  private sftpSession?: Promise<SFTPWrapper>;
  private closed = false;
  private readonly closeWaiters = new Set<(e: Error) => void>();

  private constructor(
    private readonly client: Client,
    private readonly jump: Client | undefined,
    readonly target: SshTarget,
    private readonly log: Log,
  ) {
    client.on('close', () => {
      this.closed = true;
      const e = new RemoteError(`SSH connection to ${target.host}:${target.port} was lost`);
      for (const w of this.closeWaiters) w(e);
    });
    client.on('error', (e) => log.debug(`ssh: ${e.message}`));
  }

  get label(): string {
    return `${this.target.username}@${this.target.host}:${this.target.port}`;
  }

  get host(): string {
    return this.target.host;
  }

  /** Connects with retries and backoff; host key and authentication failures are not retried. */
  static async open(target: SshTarget, log: Log): Promise<SshConnection> {
    if (target.privateKey) checkPrivateKey(target.privateKey, target.passphrase);
    const trust = hostTrustFrom({
      knownHosts: target.knownHosts,
      hostFingerprint: target.hostFingerprint,
      insecure: target.insecureIgnoreHostKey,
    });
    if (trust.kind === 'insecure')
      log.warning(`Host key of ${target.host} is not verified (insecure-ignore-host-key).`);
    let lastError: unknown;
    for (let attempt = 1; attempt <= target.connectRetries; attempt++) {
      let jump: Client | undefined;
      try {
        let sock: Duplex | undefined;
        if (target.jump) {
          const j = target.jump;
          jump = await connectOnce(
            {
              host: j.host,
              port: j.port,
              username: j.username,
              privateKey: j.privateKey,
              passphrase: target.passphrase,
            },
            jumpTrust(trust),
            target.connectTimeoutSeconds,
          );
          sock = await forward(jump, target.host, target.port);
        }
        const client = await connectOnce(
          {
            host: target.host,
            port: target.port,
            username: target.username,
            privateKey: target.privateKey,
            passphrase: target.passphrase,
            password: target.password,
            sock,
          },
          trust,
          target.connectTimeoutSeconds,
        );
        log.debug(`ssh: connected to ${target.host}:${target.port} on attempt ${attempt}`);
        return new SshConnection(client, jump, target, log);
      } catch (e) {
        jump?.end();
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

  /** Runs a command; resolves with its exit code whatever stderr says. Rejects only if the connection fails. */
  exec(command: string, opts: ExecOptions = {}): Promise<ExecResult> {
    const maxStdout = opts.maxStdout ?? 16 * 1024 * 1024;
    const logLines = opts.log !== false;
    return this.withChannel(command, (channel, resolve, reject) => {
      const out: Buffer[] = [];
      let outBytes = 0;
      let err = Buffer.alloc(0);
      const outLines = lineLogger((l) => this.log.info(l));
      const errLines = lineLogger((l) => this.log.info(l));
      channel.on('data', (d: Buffer) => {
        if (outBytes < maxStdout) {
          out.push(d);
          outBytes += d.length;
        }
        if (logLines) outLines.push(d);
      });
      channel.stderr.on('data', (d: Buffer) => {
        err = Buffer.concat([err, d]);
        if (err.length > STDERR_TAIL) err = err.subarray(err.length - STDERR_TAIL);
        if (logLines) errLines.push(d);
      });
      let code: number | undefined;
      let signal: string | undefined;
      channel.on('exit', (c: number | null, s?: string) => {
        code = c ?? undefined;
        signal = s ?? undefined;
      });
      channel.on('close', () => {
        if (logLines) {
          outLines.flush();
          errLines.flush();
        }
        if (code === undefined && signal === undefined) {
          reject(new RemoteError(`SSH connection to ${this.target.host} was lost while a command ran`));
          return;
        }
        resolve({
          code: code ?? 128,
          ...(signal ? { signal } : {}),
          stdout: Buffer.concat(out).toString('utf8'),
          stderr: err.toString('utf8'),
        });
      });
      feedStdin(channel, opts.stdin);
    });
  }

  /** Runs a command and throws a RemoteError naming `what` with the tail of its output on a non-zero exit. */
  async run(command: string, what: string, opts: ExecOptions = {}): Promise<ExecResult> {
    const r = await this.exec(command, opts);
    if (r.code !== 0) {
      throw new RemoteError(`${what} failed (exit ${r.signal ?? r.code})${tailOf(r.stderr || r.stdout)}`);
    }
    return r;
  }

  /**
   * Opens a raw exec channel (for long-lived processes like the deploy lock, or streamed transfers). Its exit
   * status and close are recorded from the start (`exitStatus`): a short command's output, exit status and close can arrive
   * in the same TCP read as the exec reply, before the caller could attach a listener.
   */
  channel(command: string): Promise<RemoteChannel> {
    this.assertOpen();
    return new Promise((resolve, reject) => {
      this.client.exec(command, (e, ch) => {
        if (e) return reject(e);
        let status: ExitStatus = { code: null };
        ch.once('exit', (code: number | null, signal?: string) => {
          status = { code, ...(signal ? { signal } : {}) };
        });
        const exitStatus = new Promise<ExitStatus>((done) => ch.once('close', () => done(status)));
        resolve(Object.assign(ch, { exitStatus }));
      });
    });
  }

  /** Writes content to remotePath atomically (temp name, chmod, rename), over SFTP. */
  async upload(content: string | Buffer | Readable, remotePath: string, mode = 0o644): Promise<void> {
    const sftp = await this.sftp();
    const tmp = `${remotePath}.tmp-${randomBytes(6).toString('hex')}`;
    try {
      await new Promise<void>((resolve, reject) => {
        const ws = sftp.createWriteStream(tmp, { mode });
        ws.on('error', reject);
        ws.on('close', () => resolve());
        if (typeof content === 'string' || Buffer.isBuffer(content)) ws.end(content);
        else content.on('error', reject).pipe(ws);
      });
      await new Promise<void>((resolve, reject) => sftp.chmod(tmp, mode, (e) => (e ? reject(e) : resolve())));
      await new Promise<void>((resolve, reject) =>
        sftp.ext_openssh_rename(tmp, remotePath, (e) => (e ? reject(e) : resolve())),
      );
    } catch (e) {
      await this.exec(sh`rm -f ${tmp}`, { log: false }).catch(() => undefined);
      throw new RemoteError(`upload to ${remotePath} failed: ${errText(e)}`);
    }
  }

  /** A TCP stream to host:port as seen from the server (direct-tcpip), e.g. the app on its loopback. */
  async tunnel(host: string, port: number): Promise<Duplex> {
    this.assertOpen();
    const stream = await forward(this.client, host, port);
    // A request in flight over a tunnel must fail when the connection dies, not wait out its own timeout.
    // ssh2's channel destroy() waits for the server's reply, which a dead connection never sends: so the
    // error is raised on the stream directly, for whoever reads it.
    const onLost = (e: Error) => {
      if (stream.listenerCount('error') > 0) stream.emit('error', e);
    };
    this.closeWaiters.add(onLost);
    stream.once('end', () => this.closeWaiters.delete(onLost));
    return stream;
  }

  get isOpen(): boolean {
    return !this.closed;
  }

  dispose(): void {
    this.client.end();
    this.jump?.end();
    // end() waits for the server's reply; a hung server must not keep node alive.
    const t = setTimeout(() => {
      this.client.destroy();
      this.jump?.destroy();
    }, 2000);
    t.unref();
  }

  private sftp(): Promise<SFTPWrapper> {
    this.assertOpen();
    this.sftpSession ??= new Promise((resolve, reject) =>
      this.client.sftp((e, s) => (e ? reject(e) : resolve(s))),
    );
    return this.sftpSession;
  }

  private assertOpen(): void {
    if (this.closed) throw new RemoteError(`SSH connection to ${this.target.host} was lost`);
  }

  private withChannel<T>(
    command: string,
    body: (ch: ClientChannel, resolve: (v: T) => void, reject: (e: Error) => void) => void,
  ): Promise<T> {
    this.assertOpen();
    return new Promise<T>((resolve, reject) => {
      const onClose = (e: Error) => reject(e);
      this.closeWaiters.add(onClose);
      const done =
        <A>(f: (a: A) => void) =>
        (a: A) => {
          this.closeWaiters.delete(onClose);
          f(a);
        };
      this.client.exec(command, (e, ch) => {
        if (e) return done(reject)(e);
        body(ch, done(resolve), done(reject));
      });
    });
  }
}

interface ConnectParams {
  host: string;
  port: number;
  username: string;
  privateKey?: string | undefined;
  passphrase?: string | undefined;
  password?: string | undefined;
  sock?: Duplex | undefined;
}

function connectOnce(p: ConnectParams, trust: HostTrust, timeoutSeconds: number): Promise<Client> {
  return new Promise((resolve, reject) => {
    const client = new Client();
    let hostKeyProblem: string | undefined;
    let offered: string[] | null = null;
    const tried: string[] = [];
    const methods: string[] = ['none'];
    if (p.privateKey) methods.push('publickey');
    if (p.password) methods.push('password');
    const config: ConnectConfig = {
      host: p.host,
      port: p.port,
      username: p.username,
      readyTimeout: timeoutSeconds * 1000,
      keepaliveInterval: 5000,
      keepaliveCountMax: 3,
      ...(p.sock ? { sock: p.sock } : {}),
      hostVerifier: (key: Buffer) => {
        const d = checkHostKey(trust, p.host, p.port, key);
        if (!d.ok) hostKeyProblem = d.message;
        return d.ok;
      },
      authHandler: (methodsLeft, _partial, next) => {
        if (methodsLeft) offered = methodsLeft;
        let m: string | undefined;
        while ((m = methods.shift())) {
          if (offered && !offered.includes(m)) continue;
          if (m !== 'none') tried.push(m);
          if (m === 'none') return next({ type: 'none', username: p.username });
          if (m === 'publickey')
            return next({
              type: 'publickey',
              username: p.username,
              key: p.privateKey!,
              passphrase: p.passphrase ?? '',
            });
          if (m === 'password')
            return next({ type: 'password', username: p.username, password: p.password! });
        }
        return next(false as never);
      },
    };
    let settled = false;
    // ssh2 leaves Nagle on: a small packet sent while another is unacknowledged (exec request, then EOF) waits
    // for the server's delayed ACK, ~40 ms a step: ~90 ms per command and ~450 ms per SFTP upload instead of a
    // few ms on a near server. Set from the TCP connect on, so the handshake gains too.
    client.once('connect', () => client.setNoDelay(true));
    client.once('ready', () => {
      settled = true;
      resolve(client);
    });
    client.once('error', (e: Error & { level?: string }) => {
      if (settled) return;
      settled = true;
      client.destroy();
      if (hostKeyProblem) return reject(new ConfigurationError(hostKeyProblem));
      if (e.level === 'client-authentication') {
        return reject(
          new ConfigurationError(
            `authentication failed for ${p.username}@${p.host}:${p.port}: tried ${tried.join(', ') || 'nothing'}; ` +
              `the server offers ${offered?.join(', ') || 'no method'}` +
              authHint(offered, tried, p.username),
          ),
        );
      }
      reject(e);
    });
    client.connect(config);
  });
}

/** What to check after a refused login, by what was tried and what the server offers. */
export function authHint(offered: string[] | null, tried: string[], user: string): string {
  if (offered && !offered.some((o) => tried.includes(o))) {
    return ` (none of the given credentials is a method it offers: ${offered.includes('publickey') ? 'give "key"' : 'give "password"'})`;
  }
  const hints = [];
  if (tried.includes('publickey'))
    hints.push(`that the public key is in ~${user}/.ssh/authorized_keys on the server`);
  if (tried.includes('password')) hints.push('the password');
  return hints.length ? ` (check ${hints.join(', and ')})` : '';
}

function jumpTrust(trust: HostTrust): HostTrust {
  // known-hosts may hold the bastion's line too; a fingerprint names the target only.
  return trust.kind === 'fingerprint' ? { kind: 'none' } : trust;
}

function forward(client: Client, host: string, port: number): Promise<Duplex> {
  return new Promise((resolve, reject) =>
    client.forwardOut('127.0.0.1', 0, host, port, (e, ch) =>
      e
        ? reject(new RemoteError(`the server could not open a tunnel to ${host}:${port}: ${e.message}`))
        : resolve(ch),
    ),
  );
}

function feedStdin(channel: ClientChannel, stdin: ExecOptions['stdin']): void {
  if (stdin === undefined) channel.end();
  else if (typeof stdin === 'string' || Buffer.isBuffer(stdin)) channel.end(stdin);
  else stdin.pipe(channel);
}

function lineLogger(emit: (line: string) => void) {
  let pending = '';
  return {
    push(d: Buffer) {
      pending += d.toString('utf8');
      const lines = pending.split('\n');
      pending = lines.pop()!;
      for (const l of lines) emit(l.replace(/\r$/, ''));
    },
    flush() {
      if (pending) emit(pending);
      pending = '';
    },
  };
}

export function sleep(ms: number): Promise<void> {
  return new Promise((r) => setTimeout(r, ms));
}

/** Opens a connection, runs fn, and always disposes it. */
export async function withConnection<T>(
  target: SshTarget,
  log: Log,
  fn: (c: SshConnection) => Promise<T>,
): Promise<T> {
  const c = await SshConnection.open(target, log);
  try {
    return await fn(c);
  } finally {
    c.dispose();
  }
}
