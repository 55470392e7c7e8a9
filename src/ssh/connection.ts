import { randomBytes } from 'node:crypto';
import { Readable } from 'node:stream';
import type { Duplex } from 'node:stream';
import type { NodeSSH } from 'node-ssh';
import type { Client, SFTPWrapper } from 'ssh2';
import type { RemoteOutput } from '../io/action-io.js';
import type { Progress } from '../io/progress.js';
import { commandFailed, errText, RemoteError } from '../io/errors.js';
import { CommandOutput } from './command-output.js';
import { execFailure, isConnectionLoss } from './connection-loss.js';
import { connectToTarget, forwardThrough } from './connect.js';
import type { Session } from './connect.js';
import { sh } from './quote.js';
import type { SshTarget } from './target.js';
import type { ExecOptions, ExecResult, ExitStatus, Log, RemoteChannel, RemoteShell } from './remote-shell.js';

export type { ExecOptions, ExecResult, ExitStatus, Log, RemoteChannel, RemoteShell };

/**
 * The log a connection writes to: an ActionIO in every run, whose remoteOutput() shows server output without
 * letting it act as workflow commands. A plain Log (tests, benchmarks) gets the lines as info().
 */
export type ConnectionLog = Log & {
  remoteOutput?: () => RemoteOutput;
  progress?: (label: string, total?: number) => Progress;
};

/**
 * One SSH connection to one host for the whole run: exec with exit codes, SFTP uploads, loopback tunnels.
 * Built on node-ssh (connect, execCommand, SFTP, forwardOut); raw exec channels use its ssh2 Client (see
 * channel()). Always dispose() it (in a finally): an open connection keeps node alive.
 */
export class SshConnection implements RemoteShell {
  private sftpSession?: Promise<SFTPWrapper> | undefined;
  private closed = false;
  private readonly closeWaiters = new Set<(e: Error) => void>();
  private readonly ssh: NodeSSH;
  private readonly client: Client;

  private constructor(
    session: Session,
    private readonly jump: Session | undefined,
    readonly target: SshTarget,
    private readonly log: ConnectionLog,
  ) {
    this.ssh = session.ssh;
    this.client = session.client;
    this.client.on('close', () => this.markLost());
    // After login node-ssh listens for no errors: an unheard 'error' would crash the process.
    this.client.on('error', (e) => {
      log.debug(`ssh: ${e.message}`);
      // A socket error (ECONNRESET, EPIPE, ...) is the transport gone. ssh2's 'close' can come a moment after a
      // command has already failed on it: the connection counts as lost from now, so nothing tries it again
      // (a rollback attempted on a dead connection hid which phase the cut landed in).
      if (isConnectionLoss(e)) this.markLost();
    });
  }

  private markLost(): void {
    if (this.closed) return;
    this.closed = true;
    const e = new RemoteError(`SSH connection to ${this.target.host}:${this.target.port} was lost`);
    for (const w of this.closeWaiters) w(e);
  }

  get label(): string {
    return `${this.target.username}@${this.target.host}:${this.target.port}`;
  }

  get host(): string {
    return this.target.host;
  }

  /** Connects with retries and backoff; host key and authentication failures are not retried. */
  static async open(target: SshTarget, log: ConnectionLog): Promise<SshConnection> {
    const { session, jump } = await connectToTarget(target, log);
    return new SshConnection(session, jump, target, log);
  }

  /** Runs a command; resolves with its exit code whatever stderr says. Rejects only if the connection fails. */
  async exec(command: string, opts: ExecOptions = {}): Promise<ExecResult> {
    const output = new CommandOutput(
      opts.maxStdout ?? 16 * 1024 * 1024,
      opts.log === false ? undefined : remoteOutputOf(this.log),
    );
    const { stdin } = opts;
    // execCommand never throws on a non-zero exit (the decision is ours, by code) and resolves code and signal
    // null when the channel closed without an exit status: the connection went. It also keeps the whole output
    // until the end; what we keep and return is bounded by CommandOutput, large transfers use channel().
    const r = await this.whileOpen(
      () =>
        this.ssh.execCommand(command, {
          noTrim: true,
          onStdout: (d) => output.stdout(d),
          onStderr: (d) => output.stderr(d),
          ...(stdin === undefined ? {} : { stdin: Buffer.isBuffer(stdin) ? Readable.from([stdin]) : stdin }),
        }),
      'while a command ran',
    ).catch((e: unknown) => {
      output.finish();
      throw execFailure(this.target.host, this.label, e, this.closed);
    });
    const { stdout, stderr } = output.finish();
    if (r.code === null && r.signal === null) {
      throw new RemoteError(`SSH connection to ${this.target.host} was lost while a command ran`);
    }
    return { code: r.code ?? 128, ...(r.signal ? { signal: r.signal } : {}), stdout, stderr };
  }

  /** Runs a command and throws a RemoteError naming `what` with the tail of its output on a non-zero exit. */
  async run(command: string, what: string, opts: ExecOptions = {}): Promise<ExecResult> {
    const r = await this.exec(command, opts);
    if (r.code !== 0) {
      throw commandFailed(what, r);
    }
    return r;
  }

  /**
   * Opens a raw exec channel (for long-lived processes like the deploy lock, or streamed transfers). Its exit
   * status and close are recorded from the start (`exitStatus`): a short command's output, exit status and close can arrive
   * in the same TCP read as the exec reply, before the caller could attach a listener.
   * node-ssh has no API for this: execCommand buffers the whole output and settles only at the end, so this
   * uses its ssh2 Client directly.
   */
  channel(command: string): Promise<RemoteChannel> {
    return this.whileOpen(
      () =>
        new Promise<RemoteChannel>((resolve, reject) => {
          this.client.exec(command, (e, ch) => {
            if (e) return reject(new RemoteError(`the server refused a command channel: ${e.message}`));
            let status: ExitStatus = { code: null };
            ch.once('exit', (code: number | null, signal?: string) => {
              status = { code, ...(signal ? { signal } : {}) };
            });
            const exitStatus = new Promise<ExitStatus>((done) => ch.once('close', () => done(status)));
            resolve(Object.assign(ch, { exitStatus }));
          });
        }),
      'while a command started',
    );
  }

  /** Writes content to remotePath atomically (temp name, chmod, rename), over SFTP. */
  progress(label: string, total?: number): Progress {
    return this.log.progress?.(label, total) ?? { add: () => undefined, done: () => undefined };
  }

  async upload(content: string | Buffer | Readable, remotePath: string, mode = 0o644): Promise<void> {
    const tmp = `${remotePath}.tmp-${randomBytes(6).toString('hex')}`;
    try {
      await this.whileOpen(async () => {
        const sftp = await this.sftp();
        await new Promise<void>((resolve, reject) => {
          const ws = sftp.createWriteStream(tmp, { mode });
          ws.on('error', reject);
          ws.on('close', () => resolve());
          if (typeof content === 'string' || Buffer.isBuffer(content)) ws.end(content);
          else content.on('error', reject).pipe(ws);
        });
        // The server's umask applies to the open(2) mode: chmod makes it exact.
        await new Promise<void>((resolve, reject) =>
          sftp.chmod(tmp, mode, (e) => (e ? reject(e) : resolve())),
        );
        await new Promise<void>((resolve, reject) =>
          sftp.ext_openssh_rename(tmp, remotePath, (e) => (e ? reject(e) : resolve())),
        );
      }, 'during an upload');
    } catch (e) {
      if (this.isOpen) await this.exec(sh`rm -f ${tmp}`, { log: false }).catch(() => undefined);
      throw new RemoteError(`upload to ${remotePath} failed: ${errText(e)}`);
    }
  }

  /** A TCP stream to host:port as seen from the server (direct-tcpip), e.g. the app on its loopback. */
  async tunnel(host: string, port: number): Promise<Duplex> {
    const stream = await this.whileOpen(
      () => forwardThrough(this.ssh, host, port, this.target.connectTimeoutSeconds * 1000),
      'while a tunnel opened',
    );
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

  /**
   * A stream to a Unix socket on the server (direct-streamlocal@openssh.com; node-ssh has no API for it, so its
   * ssh2 Client is used), with the same deadline and loss handling as tunnel().
   */
  async unixSocket(socketPath: string): Promise<Duplex> {
    const timeoutMs = this.target.connectTimeoutSeconds * 1000;
    const stream = await this.whileOpen(
      () =>
        new Promise<Duplex>((resolve, reject) => {
          let late = false;
          const timer = setTimeout(() => {
            late = true;
            reject(new Error(`no answer after ${timeoutMs / 1000}s`));
          }, timeoutMs);
          this.client.openssh_forwardOutStreamLocal(socketPath, (e, ch) => {
            clearTimeout(timer);
            if (late) {
              ch?.destroy();
              return;
            }
            if (e) reject(e);
            else resolve(ch);
          });
        }),
      'while a socket stream opened',
    ).catch((e: unknown) => {
      throw new RemoteError(
        `the server could not open a stream to the Unix socket ${socketPath}: ${errText(e)}`,
      );
    });
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
    this.ssh.dispose();
    this.jump?.ssh.dispose();
    // dispose() ends politely and waits for the server's reply; a hung server must not keep node alive.
    const t = setTimeout(() => {
      this.client.destroy();
      this.jump?.client.destroy();
    }, 2000);
    t.unref();
  }

  private sftp(): Promise<SFTPWrapper> {
    this.sftpSession ??= this.ssh.requestSFTP().catch((e: unknown) => {
      this.sftpSession = undefined;
      throw e;
    });
    return this.sftpSession;
  }

  /** Runs work, rejecting as soon as the connection is lost (ssh2 may settle a pending request only later). */
  private whileOpen<T>(work: () => Promise<T>, during: string): Promise<T> {
    if (this.closed) {
      return Promise.reject(new RemoteError(`SSH connection to ${this.target.host} was lost ${during}`));
    }
    return new Promise<T>((resolve, reject) => {
      this.closeWaiters.add(reject);
      Promise.resolve()
        .then(work)
        .then(resolve, reject)
        .finally(() => this.closeWaiters.delete(reject));
    });
  }
}

function remoteOutputOf(log: ConnectionLog): RemoteOutput {
  return log.remoteOutput?.() ?? { line: (l) => log.info(l), end: () => undefined };
}

/** Opens a connection, runs fn, and always disposes it. */
export async function withConnection<T>(
  target: SshTarget,
  log: ConnectionLog,
  fn: (c: SshConnection) => Promise<T>,
): Promise<T> {
  const c = await SshConnection.open(target, log);
  try {
    return await fn(c);
  } finally {
    c.dispose();
  }
}
