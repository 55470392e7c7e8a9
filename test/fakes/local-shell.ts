import { spawn } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { createWriteStream } from 'node:fs';
import { chmod, rename, rm } from 'node:fs/promises';
import { connect } from 'node:net';
import type { Socket } from 'node:net';
import { Duplex } from 'node:stream';
import type { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { commandFailed, RemoteError, errText } from '../../src/io/errors.js';
import type {
  ExecOptions,
  ExecResult,
  ExitStatus,
  Log,
  RemoteChannel,
  RemoteShell,
} from '../../src/ssh/remote-shell.js';

/**
 * A RemoteShell whose "server" is this machine: every command the flow builds runs as written under the local
 * /bin/sh, so the lock (flock in a long-lived channel), the ledger and state.json really happen in a temp
 * app-dir. `tunnel()` is a plain loopback TCP connection, `upload()` writes atomically like the SFTP one.
 *
 * `loseWhen` makes the connection drop at a chosen point, as a cut SSH connection does: the call that matched
 * and every later one reject, commands in flight are killed (with their process groups, so a lock holder's
 * `cat` goes too and the flock is freed, as when sshd closes the session), channels end without an exit
 * status and open tunnels error.
 */
export class LocalShell implements RemoteShell {
  readonly label = 'deploy@fake-server:22';
  readonly host = 'fake-server';
  /** Tunnels opened so far: shows whether a gate probed through the server or from the runner. */
  tunnels = 0;
  private lost = false;
  private readonly children = new Set<ChildProcess>();
  private readonly sockets = new Set<Socket>();

  constructor(
    private readonly opts: {
      /** Drops the connection when a command starts that this matches: its text, `upload <path>`, `tunnel <host>:<port>`. */
      loseWhen?: (what: string) => boolean;
      log?: Log;
    } = {},
  ) {}

  get isOpen(): boolean {
    return !this.lost;
  }

  /** Cuts the connection now. */
  lose(): void {
    if (this.lost) return;
    this.lost = true;
    for (const child of this.children) killGroup(child);
    const e = new RemoteError(`SSH connection to ${this.host} was lost`);
    for (const s of this.sockets) s.destroy(s.listenerCount('error') > 0 ? e : undefined);
  }

  async exec(command: string, opts: ExecOptions = {}): Promise<ExecResult> {
    const child = this.spawn(command);
    const maxStdout = opts.maxStdout ?? 16 * 1024 * 1024;
    let stdout = '';
    let stderr = '';
    child.stdout!.on('data', (d: Buffer) => {
      if (stdout.length < maxStdout) stdout += d.toString('utf8');
    });
    child.stderr!.on('data', (d: Buffer) => (stderr += d.toString('utf8')));
    child.stdin!.on('error', () => undefined); // a command that does not read its stdin
    if (opts.stdin === undefined) child.stdin!.end();
    else if (typeof opts.stdin === 'string' || Buffer.isBuffer(opts.stdin)) child.stdin!.end(opts.stdin);
    else opts.stdin.pipe(child.stdin!);
    return new Promise((resolve, reject) => {
      child.on('error', reject);
      child.on('close', (code, signal) => {
        if (this.lost)
          return reject(new RemoteError(`SSH connection to ${this.host} was lost while a command ran`));
        if (opts.log !== false) for (const l of (stdout + stderr).split('\n')) if (l) this.opts.log?.info(l);
        resolve({ code: code ?? 128, ...(signal ? { signal } : {}), stdout, stderr });
      });
    });
  }

  async run(command: string, what: string, opts: ExecOptions = {}): Promise<ExecResult> {
    const r = await this.exec(command, opts);
    if (r.code !== 0) {
      throw commandFailed(what, r);
    }
    return r;
  }

  async channel(command: string): Promise<RemoteChannel> {
    const child = this.spawn(command);
    const exitStatus = new Promise<ExitStatus>((done) =>
      child.on('close', (code, signal) =>
        done(this.lost ? { code: null } : { code, ...(signal ? { signal } : {}) }),
      ),
    );
    // The flow uses a channel as a duplex with `stderr` and `exitStatus`; the rest of ssh2's ClientChannel
    // (window sizes, signals) it never touches.
    return Object.assign(new ChildChannel(child), {
      stderr: child.stderr!,
      exitStatus,
    }) as unknown as RemoteChannel;
  }

  async upload(content: string | Buffer | Readable, remotePath: string, mode = 0o644): Promise<void> {
    this.check(`upload ${remotePath}`);
    const tmp = `${remotePath}.tmp-${randomBytes(6).toString('hex')}`;
    try {
      const ws = createWriteStream(tmp, { mode });
      if (typeof content === 'string' || Buffer.isBuffer(content)) {
        await new Promise<void>((resolve, reject) => ws.on('error', reject).end(content, resolve));
      } else {
        await pipeline(content, ws);
      }
      await chmod(tmp, mode);
      await rename(tmp, remotePath);
    } catch (e) {
      await rm(tmp, { force: true });
      throw new RemoteError(`upload to ${remotePath} failed: ${errText(e)}`);
    }
  }

  unixSocket(socketPath: string): Promise<Duplex> {
    this.check(`socket ${socketPath}`);
    return new Promise((resolve, reject) => {
      const s = connect({ path: socketPath });
      s.once('connect', () => resolve(s));
      s.once('error', (e) =>
        reject(
          new RemoteError(
            `the server could not open a stream to the Unix socket ${socketPath}: ${e.message}`,
          ),
        ),
      );
    });
  }

  tunnel(host: string, port: number): Promise<Duplex> {
    this.check(`tunnel ${host}:${port}`);
    this.tunnels++;
    return new Promise((resolve, reject) => {
      const s = connect({ host, port });
      s.once('connect', () => {
        this.sockets.add(s);
        s.once('close', () => this.sockets.delete(s));
        resolve(s);
      });
      s.once('error', (e) =>
        reject(new RemoteError(`the server could not open a tunnel to ${host}:${port}: ${e.message}`)),
      );
    });
  }

  private check(what: string): void {
    if (!this.lost && this.opts.loseWhen?.(what)) this.lose();
    if (this.lost) throw new RemoteError(`SSH connection to ${this.host} was lost`);
  }

  private spawn(command: string): ChildProcess {
    this.check(command);
    // Its own process group, so losing the connection ends everything the command started.
    const child = spawn('/bin/sh', ['-c', command], { detached: true, stdio: 'pipe' });
    this.children.add(child);
    child.on('close', () => this.children.delete(child));
    return child;
  }
}

function killGroup(child: ChildProcess): void {
  child.stdin?.destroy();
  try {
    if (child.pid) process.kill(-child.pid, 'SIGKILL');
  } catch {
    // already gone
  }
}

/** A child process as a duplex: writes go to its stdin, reads come from its stdout. */
class ChildChannel extends Duplex {
  constructor(private readonly child: ChildProcess) {
    super();
    child.stdout!.on('data', (d: Buffer) => this.push(d));
    child.stdout!.on('end', () => this.push(null));
    child.stdin!.on('error', () => undefined); // writing to a holder that already exited, as over SSH, is dropped
  }

  override _read(): void {}

  override _write(chunk: Buffer, _enc: BufferEncoding, done: (e?: Error | null) => void): void {
    if (this.child.stdin!.writable) this.child.stdin!.write(chunk, () => done());
    else done();
  }

  override _final(done: (e?: Error | null) => void): void {
    this.child.stdin!.end(() => done());
  }
}
