import type { ClientChannel } from 'ssh2';
import type { Duplex, Readable } from 'node:stream';
import type { Progress } from '../io/progress.js';

export interface Log {
  info(message: string): void;
  debug(message: string): void;
  warning(message: string): void;
}

export interface ExecOptions {
  /** Bytes for the command's stdin (secrets go here, never on the command line), or a stream piped into it. */
  stdin?: string | Buffer | Readable;
  /** Stream each output line to the log (default true). */
  log?: boolean;
  /** Keep at most this many bytes of stdout (default 16 MiB); stderr keeps its last 64 KiB. */
  maxStdout?: number;
}

/** How a remote command ended: code null when the channel closed without an exit status (connection lost). */
export interface ExitStatus {
  code: number | null;
  signal?: string;
}

/** An exec channel whose end is known however soon it came: `exitStatus` resolves when it closes. */
export type RemoteChannel = ClientChannel & { exitStatus: Promise<ExitStatus> };

export interface ExecResult {
  code: number;
  signal?: string;
  stdout: string;
  stderr: string;
}

/**
 * A shell on the server, as the deploy flow, the strategies and backups use it. SshConnection is the real
 * one; tests plug in fakes of this interface (test/fakes), never mocks of the SSH library.
 */
export interface RemoteShell {
  /** user@host:port, for logs and the ledger. */
  readonly label: string;
  /** The host as the user named it (for reports). */
  readonly host: string;
  /** False once the connection is lost: nothing more can be done on the server. */
  readonly isOpen: boolean;
  /** Runs a command; resolves with its exit code whatever stderr says. Rejects only if the connection fails. */
  exec(command: string, opts?: ExecOptions): Promise<ExecResult>;
  /** Runs a command and throws a RemoteError naming `what` with the tail of its output on a non-zero exit. */
  run(command: string, what: string, opts?: ExecOptions): Promise<ExecResult>;
  /** A raw exec channel (long-lived lock holder, streamed transfers) whose exit status is recorded from the start. */
  channel(command: string): Promise<RemoteChannel>;
  /** Writes content to remotePath atomically (temp name, chmod, rename). */
  upload(content: string | Buffer | Readable, remotePath: string, mode?: number): Promise<void>;
  /** Bytes and rate of a long transfer, shown by the run's log (ActionIO.progress); absent in fakes. */
  progress?(label: string, total?: number): Progress;
  /** A TCP stream to host:port as seen from the server (the app on its loopback). */
  tunnel(host: string, port: number): Promise<Duplex>;
  /** A stream to a Unix socket on the server (OpenSSH's direct-streamlocal), e.g. gunicorn's socket. */
  unixSocket(socketPath: string): Promise<Duplex>;
}

/** What every layer says when the server can no longer be reached through `shell` (`during`: where it happened). */
export function connectionLost(shell: Pick<RemoteShell, 'label'>, during = ''): string {
  return `the SSH connection to ${shell.label} was lost${during ? ` ${during}` : ''}`;
}
