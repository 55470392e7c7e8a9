import { createHash } from 'node:crypto';
import { createWriteStream } from 'node:fs';
import { mkdir, rename, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { RemoteError } from '../io/errors.js';
import { sh } from '../ssh/quote.js';
import type { RemoteShell } from '../ssh/remote-shell.js';
import { errText } from '../io/errors.js';

/**
 * Streams one backup from the server into a runner directory and checks it against its sha256 on the way:
 * the SSH channel's flow control and the pipeline's backpressure keep memory flat whatever the file's size.
 * The file appears under its name only once its checksum matched; a `.sha256` is written beside it.
 */
export async function downloadBackup(
  conn: RemoteShell,
  remotePath: string,
  localDir: string,
  expectedSha256: string,
): Promise<{ path: string; bytes: number }> {
  await mkdir(localDir, { recursive: true });
  const name = remotePath.slice(remotePath.lastIndexOf('/') + 1);
  const final = join(localDir, name);
  const partial = `${final}.partial`;
  const hash = createHash('sha256');
  let bytes = 0;
  const progress = conn.progress?.(`download of ${name}`);
  const counter = new Transform({
    transform(chunk: Buffer, _enc, done) {
      hash.update(chunk);
      bytes += chunk.length;
      progress?.add(chunk.length);
      done(null, chunk);
    },
  });
  const channel = await conn.channel(sh`cat -- ${remotePath}`);
  let stderr = '';
  channel.stderr.on('data', (d: Buffer) => (stderr = (stderr + d.toString()).slice(-2000)));
  try {
    await pipeline(channel, counter, createWriteStream(partial, { mode: 0o600 }));
    const { code } = await channel.exitStatus;
    if (code !== 0)
      throw new RemoteError(`reading ${remotePath} failed (exit ${code ?? 'unknown'}): ${stderr.trim()}`);
    const sha256 = hash.digest('hex');
    if (sha256 !== expectedSha256) {
      throw new RemoteError(
        `download of ${name} does not match its sha256 (got ${sha256}, expected ${expectedSha256})`,
      );
    }
    await writeFile(`${final}.sha256`, `${sha256}  ${name}\n`);
    await rename(partial, final);
    progress?.done();
    return { path: final, bytes };
  } catch (e) {
    progress?.done();
    await rm(partial, { force: true });
    throw e instanceof RemoteError ? e : new RemoteError(`download of ${name} failed: ${errText(e)}`);
  }
}
