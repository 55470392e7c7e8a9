import { connectionLost } from '../../ssh/remote-shell.js';
import { RemoteError } from '../../io/errors.js';
import type { RemoteShell } from '../../ssh/remote-shell.js';
import { errText, tailOf } from '../../io/errors.js';
import { unpackCommand } from './commands.js';
import type { ReleaseSource } from './source.js';

export interface UploadResult {
  bytes: number;
  ms: number;
  /** What the server's command printed (its last 64 KiB): a command that verifies prints the tree hash. */
  stdout: string;
}

export interface UploadOptions {
  /** Sees every chunk sent, in order (the runner's tree hash reads the upload's own bytes). */
  onData?: (chunk: Buffer) => void;
  /** The server's command reading the stream (default: unpackCommand into `dir`). */
  command?: string;
  /** Bytes sent before the tar stream (a list the command reads first, with dd). */
  prefix?: Buffer;
}

/**
 * Streams the release's tar over one exec channel into `tar -x` on the server. One channel and one remote
 * process instead of a round trip per file over SFTP: 500 small files cost what one 1 MB file costs.
 * The stream is never written to disk on the runner (a git archive goes straight from git to the server).
 */
export async function uploadRelease(
  conn: RemoteShell,
  source: Pick<ReleaseSource, 'kind' | 'describe' | 'open'>,
  dir: string,
  opts: UploadOptions = {},
): Promise<UploadResult> {
  const { onData } = opts;
  const started = performance.now();
  const channel = await conn.channel(opts.command ?? unpackCommand(dir, source.kind === 'tar.gz'));
  if (opts.prefix?.length) channel.write(opts.prefix);
  const producer = source.open();
  // Listened to from the start: the producer can fail (git archive on a missing object) while the upload still
  // waits for the server, and a rejection nobody listens to by then ends the process.
  const produced = producer.finished.then(
    () => undefined,
    (e: unknown) => e,
  );
  let bytes = 0;
  let stderr = '';
  let code: number | undefined;
  let signal: string | undefined;
  let localError: unknown;
  let ended = false;
  const progress = conn.progress?.(`upload of the release (${source.describe})`);
  producer.stream.on('data', (d: Buffer) => {
    bytes += d.length;
    progress?.add(d.length);
    onData?.(d);
  });
  producer.stream.on('end', () => (ended = true));
  channel.stderr.on('data', (d: Buffer) => (stderr = (stderr + d.toString('utf8')).slice(-16_000)));
  let stdout = '';
  channel.on('data', (d: Buffer) => (stdout = (stdout + d.toString('utf8')).slice(-64 * 1024)));
  const closed = channel.exitStatus.then((status) => {
    code = status.code ?? undefined;
    signal = status.signal;
  });
  producer.stream.on('error', (e) => {
    localError = e;
    channel.end();
  });
  producer.stream.pipe(channel);
  try {
    await closed;
  } finally {
    // The server stopped reading before the end (tar failed, connection lost): stop the producer, or it would
    // block on a full pipe for ever. After the end it is exiting on its own (killing it then is a race that
    // turns a good upload into a failure): let it report. A producer stopped here does not count as failed.
    if (!ended) producer.stop();
    progress?.done();
  }
  const local = localError ?? (await produced);
  // First: a producer that failed cut the stream short, whatever the server made of it (a tar cut at a block
  // boundary can unpack with exit 0), and it is the cause of a remote tar's "Unexpected EOF".
  if (local) {
    throw new RemoteError(
      `the release could not be read on the runner (${source.describe}): ${errText(local)}`,
      'upload',
    );
  }
  if (code === undefined && signal === undefined) {
    throw new RemoteError(connectionLost(conn, 'while the release was uploaded'), 'upload');
  }
  if (code !== 0) {
    throw new RemoteError(
      `unpacking the release on the server failed (tar exit ${signal ?? code}; ${bytes} bytes sent)${tailOf(stderr)}`,
      'upload',
    );
  }
  return { bytes, ms: performance.now() - started, stdout };
}
