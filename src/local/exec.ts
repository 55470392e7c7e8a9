import { spawn } from 'node:child_process';
import type { Readable } from 'node:stream';
import { StringDecoder } from 'node:string_decoder';
import { exec } from '@actions/exec';
import { ConfigurationError, RemoteError, tailOf } from '../io/errors.js';

/**
 * Every process vps-deploy starts on the runner starts here: docker, git, tar. Always an argument array, never a
 * shell, so no value is ever parsed by one.
 */

/** A program that is not on the runner (or cannot be started there): the user's to install. */
export class MissingToolError extends ConfigurationError {
  override name = 'MissingToolError';
}

/**
 * A runner-side command that ran and failed; the message names it and ends with its output's last lines. A
 * RemoteError (not the user's input, not a bug) so that, like a failed remote command, it carries its phase and
 * is shown as written.
 */
export class LocalCommandError extends RemoteError {
  override name = 'LocalCommandError';
  constructor(
    message: string,
    readonly exitCode: number | null,
    readonly outputTail: string,
    phase?: string,
  ) {
    super(message, phase);
  }
}

export interface LocalRunOptions {
  /**
   * Written to the process's stdin, which is then closed: how a secret reaches a command, never as an argument.
   * Only for a program that reads its stdin (docker login --password-stdin): @actions/exec writes it with no
   * error listener on the pipe, so a program that has already exited makes node throw EPIPE. Without it stdin
   * is a pipe nobody writes to, which the programs run here never read.
   */
  stdin?: string;
  /** Receives each non-empty line of output (stdout and stderr) as it comes; without it nothing is logged. */
  onLine?: (line: string) => void;
  /** Returns a non-zero exit instead of throwing (for probes such as `docker buildx version`). */
  allowFailure?: boolean;
  /** What the command is called in a failure (default: the program and its arguments). */
  label?: string;
  /** The phase a failure is reported in (see inPhase). */
  phase?: string;
  /** Variables added to the runner's environment for this program (a value kept off its argv: build args). */
  env?: Record<string, string>;
}

export interface LocalResult {
  exitCode: number;
  stdout: string;
  /** The last few thousand characters of output, stdout and stderr lines in the order they came. */
  tail: string;
}

const TAIL_CHARS = 4000;

/** Runs one program on the runner to its end. A missing program is a MissingToolError, a failure a LocalCommandError. */
export async function runLocal(
  file: string,
  args: string[],
  opts: LocalRunOptions = {},
): Promise<LocalResult> {
  let stdout = '';
  let tail = '';
  const onLine = (line: string) => {
    tail = `${tail}${line}\n`.slice(-TAIL_CHARS);
    if (opts.onLine && line.trim()) opts.onLine(line);
  };
  const out = lineReader(onLine, (text) => (stdout += text));
  const err = lineReader(onLine);
  let code: number | null;
  try {
    code = await exec(file, args, {
      // Not silent, @actions/exec prints `[command]<file> <args>` and all output to process.stdout itself: we
      // decide what reaches the log (onLine), and nothing else does.
      silent: true,
      ignoreReturnCode: true,
      ...(opts.stdin === undefined ? {} : { input: Buffer.from(opts.stdin, 'utf8') }),
      ...(opts.env ? { env: { ...(process.env as Record<string, string>), ...opts.env } } : {}),
      listeners: { stdout: out.write, stderr: err.write },
    });
  } catch (e) {
    throw notStarted(file, e);
  }
  out.end();
  err.end();
  // A process killed by a signal has no exit code (@actions/exec passes on the null it gets).
  if (code !== 0 && !(opts.allowFailure && code !== null)) {
    const label = opts.label ?? [file, ...args].join(' ');
    const how = code === null ? 'killed by a signal' : `exit ${code}`;
    throw new LocalCommandError(`${label} failed (${how})${tailOf(tail)}`, code, tail, opts.phase);
  }
  return { exitCode: code ?? 1, stdout, tail };
}

/** Splits one output stream into lines; the decoder keeps a character split across chunks whole. */
function lineReader(onLine: (line: string) => void, onText?: (text: string) => void) {
  const decoder = new StringDecoder('utf8');
  let partial = '';
  const take = (text: string, last: boolean) => {
    onText?.(text);
    const lines = (partial + text).split(/\r?\n/);
    partial = lines.pop() ?? '';
    if (last && partial) lines.push(partial);
    for (const line of lines) onLine(line);
  };
  return {
    write: (chunk: Buffer) => take(decoder.write(chunk), false),
    end: () => take(decoder.end(), true),
  };
}

/** @actions/exec looks the program up on PATH first and says "Unable to locate executable file" when it is not. */
function notStarted(file: string, e: unknown): Error {
  const message = e instanceof Error ? e.message : String(e);
  if (/Unable to locate executable file/.test(message))
    return new MissingToolError(`${file} is not available on the runner: it is not installed or not on PATH`);
  if (/failed to start/.test(message))
    return new MissingToolError(`${file} is not available on the runner: ${message}`);
  return e instanceof Error ? e : new Error(message);
}

/** A program's stdout as a stream, with how it ended and a way to stop it early. */
export interface LocalStream {
  stream: Readable;
  /**
   * Resolves when the program exits 0, or dies of the signal stop() sent (the consumer's failure, not its);
   * rejects with its stderr otherwise (or a MissingToolError).
   */
  finished: Promise<void>;
  /** Ends the program (SIGTERM) if it is still running: for a consumer that stopped reading. */
  stop(): void;
}

/**
 * Starts a program whose stdout is piped onward (the release tar into an SSH channel). This one uses node's
 * spawn directly, not @actions/exec: the consumer needs the stdout stream itself, with backpressure (a slow
 * upload pauses git/tar instead of buffering the whole release in memory), and @actions/exec only hands out
 * copies of each chunk through listeners.
 */
export function streamLocal(file: string, args: string[]): LocalStream {
  const child = spawn(file, args, { stdio: ['ignore', 'pipe', 'pipe'] });
  let stopped = false;
  let stderr = '';
  child.stderr.on('data', (d: Buffer) => (stderr = (stderr + d.toString()).slice(-TAIL_CHARS)));
  const finished = new Promise<void>((resolve, reject) => {
    child.on('error', (e) =>
      reject(new MissingToolError(`could not run ${file} on the runner: ${e.message}`)),
    );
    child.on('close', (code, signal) => {
      // A program that exited with its own code failed on its own, even if stop() came just after.
      if (code === 0 || (stopped && signal === 'SIGTERM')) resolve();
      else
        reject(
          new Error(
            `${file} ${args.join(' ')} failed on the runner (${signal ?? `exit ${code}`}): ${stderr.trim()}`,
          ),
        );
    });
  });
  return {
    stream: child.stdout,
    finished,
    stop: () => {
      if (child.exitCode === null && child.signalCode === null) stopped = child.kill('SIGTERM');
    },
  };
}
