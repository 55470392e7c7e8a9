import { afterEach, describe, expect, it, vi } from 'vitest';
import { reportUnhandledRejection, runAction } from '../../../src/io/entry.js';

/**
 * The unhandled-rejection handler runAction installs, on the real @actions/core: what reaches stdout is what the
 * runner reads. The handler is called directly for the report; that runAction installed it is read from node.
 */
function captureStdout(): string[] {
  const written: string[] = [];
  vi.spyOn(process.stdout, 'write').mockImplementation((s) => {
    written.push(String(s));
    return true;
  });
  return written;
}

afterEach(() => {
  vi.restoreAllMocks();
  process.removeListener('unhandledRejection', reportUnhandledRejection);
  process.exitCode = undefined;
});

describe('unhandled rejections in an action', () => {
  it('runAction installs the report once, however many times it runs', async () => {
    captureStdout();
    await runAction(async () => undefined);
    await runAction(async () => undefined);
    const installed = process.listeners('unhandledRejection').filter((l) => l === reportUnhandledRejection);
    expect(installed).toHaveLength(1);
  });

  it('reports a rejection as a bug with its stack in an error annotation, and fails the step', () => {
    const written = captureStdout();
    reportUnhandledRejection(new Error('git archive failed on the runner'));
    const out = written.join('');
    expect(out).toMatch(
      /^::error::unexpected error \(please report it\): .*git archive failed on the runner/m,
    );
    expect(out).toContain('entry.test.ts');
    expect(process.exitCode).toBe(1);
  });

  it('reports a rejection with a value that is no Error', () => {
    const written = captureStdout();
    reportUnhandledRejection('a bare string');
    expect(written.join('')).toMatch(/^::error::unexpected error \(please report it\): .*a bare string/m);
    expect(process.exitCode).toBe(1);
  });
});
