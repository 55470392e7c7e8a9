import { describe, expect, it } from 'vitest';
import { createProgress, size } from '../../../src/io/progress.js';

const MiB = 1024 * 1024;

/** A progress with a clock the test moves: `at(ms, bytes)` adds bytes at that time. */
function run(tty: boolean, total?: number) {
  let t = 0;
  const out: string[] = [];
  const p = createProgress({
    label: 'upload of v1',
    total,
    tty,
    write: (s) => void out.push(s),
    now: () => t,
  });
  return {
    out,
    at(ms: number, bytes: number) {
      t = ms;
      p.add(bytes);
    },
    done(ms: number) {
      t = ms;
      p.done();
    },
  };
}

describe('progress of a transfer', () => {
  it('a terminal: one line rewritten in place, at most 5 times a second, then the total', () => {
    const r = run(true, 4 * MiB);
    r.at(100, MiB); // too soon after the start
    r.at(250, MiB);
    r.at(300, MiB); // too soon after the last
    r.at(1000, MiB);
    r.done(2000);
    expect(r.out).toEqual([
      '\r\x1b[2Kupload of v1: at 2.0 MiB of 4.0 MiB (50%), 8.0 MiB/s',
      '\r\x1b[2Kupload of v1: at 4.0 MiB of 4.0 MiB (100%), 4.0 MiB/s',
      '\r\x1b[2Kupload of v1: done 4.0 MiB of 4.0 MiB (100%), 2.0 MiB/s\n',
    ]);
  });

  it('a CI log: plain lines at each quarter of a known total, none on every chunk', () => {
    const r = run(false, 100 * MiB);
    for (let i = 1; i <= 100; i++) r.at(i * 50, MiB);
    r.done(5000);
    expect(r.out).toEqual([
      'upload of v1: at 25.0 MiB of 100.0 MiB (25%), 20.0 MiB/s\n',
      'upload of v1: at 50.0 MiB of 100.0 MiB (50%), 20.0 MiB/s\n',
      'upload of v1: at 75.0 MiB of 100.0 MiB (75%), 20.0 MiB/s\n',
      'upload of v1: done 100.0 MiB of 100.0 MiB (100%), 20.0 MiB/s\n',
    ]);
  });

  it('a CI log without a total: a line every 10 s', () => {
    const r = run(false);
    for (let s = 1; s <= 25; s++) r.at(s * 1000, MiB);
    r.done(25_000);
    expect(r.out).toEqual([
      'upload of v1: at 10.0 MiB, 1.0 MiB/s\n',
      'upload of v1: at 20.0 MiB, 1.0 MiB/s\n',
      'upload of v1: done 25.0 MiB, 1.0 MiB/s\n',
    ]);
  });

  it('a small quick transfer shows nothing; done is said once', () => {
    const r = run(false);
    r.at(10, 1000);
    r.done(20);
    r.done(30);
    expect(r.out).toEqual([]);
  });

  it.each([
    [0, '0 B'],
    [1536, '1.5 KiB'],
    [5 * MiB, '5.0 MiB'],
    [3 * 1024 * MiB, '3.0 GiB'],
  ])('size(%d) = %s', (n, text) => expect(size(n)).toBe(text));
});
