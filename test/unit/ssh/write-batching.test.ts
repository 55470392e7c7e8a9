import { Writable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { batchWrites } from '../../../src/ssh/write-batching.js';

/** A socket stand-in that records each call it gets: one entry per _write, one per _writev. */
function recordingSocket() {
  const calls: string[][] = [];
  const sock = new Writable({
    write(chunk: Buffer, _enc, done) {
      calls.push([chunk.toString()]);
      done();
    },
    writev(chunks, done) {
      calls.push(chunks.map((c) => (c.chunk as Buffer).toString()));
      done();
    },
  });
  return { sock, calls };
}

const tick = () => new Promise<void>((resolve) => setImmediate(resolve));

describe('batchWrites sends the writes of one tick with one call', () => {
  it('without it, each of the three pieces of a packet is its own call (the cost it removes)', async () => {
    const { sock, calls } = recordingSocket();
    for (const piece of ['len', 'cipher', 'tag']) sock.write(Buffer.from(piece));
    await tick();
    expect(calls).toEqual([['len'], ['cipher'], ['tag']]);
  });

  it('with it, the pieces go out together, in order', async () => {
    const { sock, calls } = recordingSocket();
    batchWrites(sock);
    for (const piece of ['len', 'cipher', 'tag']) sock.write(Buffer.from(piece));
    expect(calls).toEqual([]);
    await tick();
    expect(calls).toEqual([['len', 'cipher', 'tag']]);
  });

  it('writes of the next tick are a batch of their own: nothing waits past its tick', async () => {
    const { sock, calls } = recordingSocket();
    batchWrites(sock);
    sock.write(Buffer.from('a'));
    sock.write(Buffer.from('b'));
    await tick();
    sock.write(Buffer.from('c'));
    await tick();
    expect(calls).toEqual([['a', 'b'], ['c']]);
  });

  it("write's callback and its backpressure answer still reach the caller", async () => {
    const sock = new Writable({ highWaterMark: 4, writev: (_c, done) => setImmediate(done) });
    batchWrites(sock);
    const written: string[] = [];
    expect(sock.write(Buffer.from('ab'), () => written.push('ab'))).toBe(true);
    expect(sock.write(Buffer.from('cdef'), () => written.push('cdef'))).toBe(false);
    await tick();
    await tick();
    expect(written).toEqual(['ab', 'cdef']);
  });
});
