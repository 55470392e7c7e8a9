import { execFile } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { commandProbeText, commandVerdict, probeCommand } from '../../../src/health/command-probe.js';
import type { ExecResult } from '../../../src/ssh/remote-shell.js';

/** Runs remote command text under a real /bin/sh here, as the server's shell would. */
function sh(command: string): Promise<ExecResult> {
  return new Promise((resolve) => {
    execFile('/bin/sh', ['-c', command], (e, stdout, stderr) => {
      const code = e ? (typeof e.code === 'number' ? e.code : 1) : 0;
      resolve({ code, stdout, stderr });
    });
  });
}
const local = { exec: (command: string) => sh(command) };

describe('commandVerdict', () => {
  it.each<[Partial<ExecResult>, string, string | undefined]>([
    [{ code: 0, stdout: 'active\n' }, 'ok', undefined],
    [{ code: 3, stdout: 'inactive\n' }, 'unhealthy', 'exit 3: inactive'],
    [
      { code: 1, stdout: 'x', stderr: 'Error: No nodes replied within time constraint.\n' },
      'unhealthy',
      'exit 1: Error: No nodes replied within time constraint.',
    ],
    [{ code: 124 }, 'unreachable', 'no exit within 500 ms'],
    [{ code: 128, signal: 'KILL' }, 'unhealthy', 'exit KILL'],
  ])('%j -> %s', (r, verdict, error) => {
    const v = commandVerdict({ stdout: '', stderr: '', ...r } as ExecResult, 500, 7);
    expect(v.verdict).toBe(verdict);
    expect(v.error).toBe(error);
  });
});

describe('probeCommand under a real /bin/sh', () => {
  it('exit 0 passes, with its output as the body', async () => {
    const r = await probeCommand(local, 'echo "worker up"; true', 2000);
    expect(r).toMatchObject({ verdict: 'ok', body: 'worker up' });
  });

  it('a failing line is unhealthy with its exit and last line', async () => {
    const r = await probeCommand(local, 'echo "broker unreachable" >&2; exit 3', 2000);
    expect(r).toMatchObject({ verdict: 'unhealthy', error: 'exit 3: broker unreachable' });
  });

  it('a hung command is killed by timeout(1) on the server within the request timeout', async () => {
    const started = Date.now();
    const r = await probeCommand(local, 'sleep 30', 300);
    expect(r.verdict).toBe('unreachable');
    expect(r.error).toBe('no exit within 300 ms');
    expect(Date.now() - started).toBeLessThan(2500);
  });

  it('hostile command text stays one argument of the login shell', async () => {
    const text = commandProbeText('printf \'%s\' "it\'s \\"quoted\\"; $HOME"', 1000);
    expect((await sh(text)).stdout).toBe(`it's "quoted"; ${process.env.HOME}`);
  });
});
