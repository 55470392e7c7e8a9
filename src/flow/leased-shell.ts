import { randomBytes } from 'node:crypto';
import type { Readable } from 'node:stream';
import type { Duplex } from 'node:stream';
import { commandFailed, RemoteError } from '../io/errors.js';
import type { ExecOptions, ExecResult, RemoteChannel, RemoteShell } from '../ssh/remote-shell.js';
import { sh } from '../ssh/quote.js';
import type { DeployLock } from './lock.js';
import { leasedCommand, MARK, MAX_PUT_BYTES, putLine } from './lock-script.js';

/**
 * The shell of a run that holds the app lock: every remote command goes through leasedCommand (its own process
 * group, registered with the lock's holder), so the lock covers every process the run started: when the run
 * dies, is cut off or stalls past its lease, the holder stops them before anyone else gets the lock. Once the
 * lock is lost nothing more is sent, and the server refuses a command that was sent before we knew.
 */
export class LeasedShell implements RemoteShell {
  constructor(
    private readonly inner: RemoteShell,
    private readonly lock: Pick<DeployLock, 'registry' | 'lost'> & Partial<Pick<DeployLock, 'write'>>,
    private readonly appDir: string,
  ) {}

  get label(): string {
    return this.inner.label;
  }

  get host(): string {
    return this.inner.host;
  }

  /** False once the connection or the lock is lost: the flow then records nothing more and stops. */
  get isOpen(): boolean {
    return this.inner.isOpen && !this.lock.lost;
  }

  /** The error a run gets when its lock went away under it, or undefined while it holds it. */
  lostError(phase?: string): RemoteError | undefined {
    const why = this.lock.lost;
    if (!why || !this.inner.isOpen) return undefined;
    return new RemoteError(
      `lost the lock of ${this.appDir} (${why}): another run may hold it now, so this one stops here ` +
        'and changes nothing more; the commands it had started on the server were stopped',
      phase,
    );
  }

  async exec(command: string, opts: ExecOptions = {}): Promise<ExecResult> {
    this.check();
    const r = await this.inner.exec(leasedCommand(this.lock.registry, command), opts);
    this.check();
    if (r.code === 125 && r.stderr.includes(MARK.leaseGone)) throw this.gone();
    return r;
  }

  async run(command: string, what: string, opts: ExecOptions = {}): Promise<ExecResult> {
    const r = await this.exec(command, opts);
    if (r.code !== 0) {
      throw commandFailed(what, r);
    }
    return r;
  }

  async channel(command: string): Promise<RemoteChannel> {
    this.check();
    const ch = await this.inner.channel(leasedCommand(this.lock.registry, command));
    this.check();
    return ch;
  }

  /** To a temp name, then renamed by a leased command: a stale run's upload never lands under its real name. */
  async upload(content: string | Buffer | Readable, remotePath: string, mode?: number): Promise<void> {
    this.check();
    // A small file (state.json, a recorded env-file) is written by the lock's holder: no SFTP session, no exec.
    if (typeof content === 'string') content = Buffer.from(content);
    if (this.lock.write && Buffer.isBuffer(content) && content.length <= MAX_PUT_BYTES) {
      const put = putLine(remotePath, content, mode ?? 0o644);
      // A server without base64 (or any other refusal) gets the SFTP way below, which names its own error.
      const written = await this.lock.write(put, `writing ${remotePath}`).then(
        () => true,
        () => false,
      );
      if (written) return;
      this.check();
    }
    const tmp = `${remotePath}.leased-${randomBytes(6).toString('hex')}`;
    await this.inner.upload(content, tmp, mode);
    try {
      await this.run(sh`mv -f ${tmp} ${remotePath}`, `moving the upload into ${remotePath}`, { log: false });
    } catch (e) {
      if (this.inner.isOpen) await this.inner.exec(sh`rm -f ${tmp}`, { log: false }).catch(() => undefined);
      throw e;
    }
  }

  async tunnel(host: string, port: number): Promise<Duplex> {
    this.check();
    return this.checked(await this.inner.tunnel(host, port));
  }

  async unixSocket(socketPath: string): Promise<Duplex> {
    this.check();
    return this.checked(await this.inner.unixSocket(socketPath));
  }

  private checked(stream: Duplex): Duplex {
    if (this.lock.lost) {
      stream.destroy();
      this.check();
    }
    return stream;
  }

  private check(): void {
    const e = this.lostError();
    if (e) throw e;
  }

  private gone(): RemoteError {
    return (
      this.lostError() ??
      new RemoteError(`the lock of ${this.appDir} was given up on the server: this run stops here`)
    );
  }
}

/**
 * Runs body under the lock that take() acquires, with a LeasedShell, and always releases the lock. An error
 * raised because the lock went away under the run (its commands refused, its probes cut) is reported as that,
 * with the phase phaseOf finds in the original error.
 */
export async function underAppLock<T>(
  conn: RemoteShell,
  appDir: string,
  take: () => Promise<DeployLock>,
  body: (shell: LeasedShell) => Promise<T>,
  phaseOf: (e: unknown) => string | undefined = () => undefined,
): Promise<T> {
  const lock = await take();
  const shell = new LeasedShell(conn, lock, appDir);
  try {
    return await body(shell);
  } catch (e) {
    throw shell.lostError(phaseOf(e)) ?? e;
  } finally {
    if (conn.isOpen) await lock.release();
  }
}
