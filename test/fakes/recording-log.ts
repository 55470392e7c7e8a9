import type { FlowLog } from '../../src/flow/attempt.js';

/** A FlowLog that keeps what it was told, so a test can assert the warnings a user would read. */
export class RecordingLog implements FlowLog {
  readonly lines: string[] = [];
  readonly warnings: string[] = [];

  info(message: string): void {
    this.lines.push(message);
  }

  debug(): void {}

  warning(message: string): void {
    this.lines.push(`warning: ${message}`);
    this.warnings.push(message);
  }

  group<T>(title: string, fn: () => Promise<T>): Promise<T> {
    this.lines.push(`## ${title}`);
    return fn();
  }
}
