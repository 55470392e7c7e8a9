import type { Writable } from 'node:stream';

/**
 * Makes the socket send the writes of one tick together. ssh2 hands the socket each packet in three or four
 * pieces (length, ciphertext, tag) and makes a write call for each: a 200 MB upload was some 25 000 send calls,
 * and ssh2 sent it at 0.8× the OpenSSH client's speed. Corked until the tick ends, node sends them with one
 * writev (the measured gain: 132 -> 190 MB/s on loopback). Nothing waits longer than the current tick. Neither ssh2
 * nor node-ssh has an option for this, hence the wrapper.
 */
export function batchWrites(sock: Writable): void {
  const write = sock.write.bind(sock) as (chunk: unknown, ...rest: unknown[]) => boolean;
  let corked = false;
  const uncork = () => {
    corked = false;
    sock.uncork();
  };
  sock.write = ((chunk: unknown, ...rest: unknown[]) => {
    if (!corked) {
      corked = true;
      sock.cork();
      process.nextTick(uncork);
    }
    return write(chunk, ...rest);
  }) as Writable['write'];
}
