import { StringDecoder } from 'node:string_decoder';
import type { RemoteOutput } from '../io/action-io.js';

const STDERR_TAIL = 64 * 1024;

/**
 * What exec keeps of a command's output: the first `maxStdout` bytes of stdout and the last 64 KiB of stderr
 * (a chatty or endless command cannot fill the runner's memory through us), each line shown as it arrives
 * through `shown` (ActionIO.remoteOutput: server text, never a workflow command), which finish() ends.
 */
export class CommandOutput {
  private readonly out: Buffer[] = [];
  private outBytes = 0;
  private err = Buffer.alloc(0);
  private readonly outLines?: LineSplitter;
  private readonly errLines?: LineSplitter;

  constructor(
    private readonly maxStdout: number,
    private readonly shown?: RemoteOutput,
  ) {
    if (shown) {
      this.outLines = new LineSplitter((l) => shown.line(l));
      this.errLines = new LineSplitter((l) => shown.line(l));
    }
  }

  stdout(d: Buffer): void {
    if (this.outBytes < this.maxStdout) {
      const kept = d.subarray(0, this.maxStdout - this.outBytes);
      this.out.push(kept);
      this.outBytes += kept.length;
    }
    this.outLines?.push(d);
  }

  stderr(d: Buffer): void {
    this.err = Buffer.concat([this.err, d]);
    if (this.err.length > STDERR_TAIL) this.err = this.err.subarray(this.err.length - STDERR_TAIL);
    this.errLines?.push(d);
  }

  /** Logs what is left of an unfinished line, and returns what was kept. */
  finish(): { stdout: string; stderr: string } {
    this.outLines?.flush();
    this.errLines?.flush();
    this.shown?.end();
    return { stdout: Buffer.concat(this.out).toString('utf8'), stderr: this.err.toString('utf8') };
  }
}

/** Cuts a byte stream into lines (without \n or \r\n); a character split across chunks stays whole. */
export class LineSplitter {
  private readonly decoder = new StringDecoder('utf8');
  private pending = '';

  constructor(private readonly emit: (line: string) => void) {}

  push(d: Buffer): void {
    this.pending += this.decoder.write(d);
    const lines = this.pending.split('\n');
    this.pending = lines.pop()!;
    for (const l of lines) this.emit(l.replace(/\r$/, ''));
  }

  flush(): void {
    this.pending += this.decoder.end();
    if (this.pending) this.emit(this.pending);
    this.pending = '';
  }
}
