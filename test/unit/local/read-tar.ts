import { spawnSync } from 'node:child_process';
import type { LocalStream } from '../../../src/local/exec.js';

/** Reads a local stream to its end and lists the tar it carried (as `tar -t` does), with how it finished. */
export async function tarListing(producer: LocalStream): Promise<string[]> {
  const chunks: Buffer[] = [];
  for await (const chunk of producer.stream) chunks.push(chunk as Buffer);
  await producer.finished;
  const r = spawnSync('tar', ['-t', '-f', '-'], { input: Buffer.concat(chunks), encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`not a tar: ${r.stderr}`);
  return r.stdout.split('\n').filter(Boolean).sort();
}
