import { describe, expect, it } from 'vitest';
import { CommandOutput, LineSplitter } from '../../../src/ssh/command-output.js';

describe('CommandOutput', () => {
  it('keeps the first maxStdout bytes of stdout, exactly', () => {
    const o = new CommandOutput(10);
    o.stdout(Buffer.from('0123456'));
    o.stdout(Buffer.from('789abcdef'));
    o.stdout(Buffer.from('more'));
    expect(o.finish().stdout).toBe('0123456789');
  });

  it('keeps the last 64 KiB of stderr', () => {
    const o = new CommandOutput(10);
    o.stderr(Buffer.alloc(70 * 1024, 'a'));
    o.stderr(Buffer.from('the end'));
    const { stderr } = o.finish();
    expect(stderr.length).toBe(64 * 1024);
    expect(stderr.endsWith('aaathe end')).toBe(true);
  });

  it('logs each line of both streams as it completes, and the unfinished rest at the end', () => {
    const lines: string[] = [];
    const o = new CommandOutput(1024, { line: (l) => lines.push(l), end: () => lines.push('(end)') });
    o.stdout(Buffer.from('one\r\ntw'));
    expect(lines).toEqual(['one']);
    o.stderr(Buffer.from('warn\n'));
    o.stdout(Buffer.from('o\nthree'));
    expect(lines).toEqual(['one', 'warn', 'two']);
    expect(o.finish()).toEqual({ stdout: 'one\r\ntwo\nthree', stderr: 'warn\n' });
    expect(lines).toEqual(['one', 'warn', 'two', 'three', '(end)']);
  });

  it('logs every line even past the stdout bound, and nothing when not asked', () => {
    const lines: string[] = [];
    const o = new CommandOutput(3, { line: (l) => lines.push(l), end: () => undefined });
    o.stdout(Buffer.from('abcdef\nghi\n'));
    expect(o.finish().stdout).toBe('abc');
    expect(lines).toEqual(['abcdef', 'ghi']);
    const quiet = new CommandOutput(3);
    quiet.stdout(Buffer.from('x\n'));
    expect(quiet.finish().stdout).toBe('x\n');
  });
});

describe('LineSplitter', () => {
  it('keeps a character split across chunks whole', () => {
    const lines: string[] = [];
    const s = new LineSplitter((l) => lines.push(l));
    const text = Buffer.from('héllo wörld ✓\n');
    for (let i = 0; i < text.length; i++) s.push(text.subarray(i, i + 1));
    s.flush();
    expect(lines).toEqual(['héllo wörld ✓']);
  });
});
