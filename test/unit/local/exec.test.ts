import { createHash } from 'node:crypto';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { ConfigurationError } from '../../../src/io/errors.js';
import { LocalCommandError, MissingToolError, runLocal, streamLocal } from '../../../src/local/exec.js';

const node = process.execPath;
const script = (code: string) => [node, ['-e', code]] as const;

/** Everything this process writes to its own stdout/stderr while fn runs (@actions/exec's echo would land there). */
async function ownOutput<T>(fn: () => Promise<T>): Promise<{ value: T; written: string }> {
  let written = '';
  const capture = (chunk: unknown) => ((written += String(chunk)), true);
  const out = vi.spyOn(process.stdout, 'write').mockImplementation(capture);
  const err = vi.spyOn(process.stderr, 'write').mockImplementation(capture);
  try {
    return { value: await fn(), written };
  } finally {
    out.mockRestore();
    err.mockRestore();
  }
}

afterEach(() => vi.restoreAllMocks());

describe('runLocal', () => {
  it('returns the exit code and stdout, and hands each non-empty line of both streams to onLine', async () => {
    const lines: string[] = [];
    const [file, args] = script(
      "process.stdout.write('one\\n\\n'); setTimeout(() => { process.stderr.write('two\\n'); " +
        "setTimeout(() => process.stdout.write('three'), 30); }, 30);",
    );
    const r = await runLocal(file, [...args], { onLine: (l) => lines.push(l) });
    expect(r.exitCode).toBe(0);
    expect(r.stdout).toBe('one\n\nthree');
    expect(lines).toEqual(['one', 'two', 'three']);
    expect(r.tail).toBe('one\n\ntwo\nthree\n');
  });

  it('keeps a character whose bytes arrive in two chunks whole', async () => {
    const lines: string[] = [];
    const [file, args] = script(
      'process.stdout.write(Buffer.from([0xc3])); setTimeout(() => process.stdout.write(Buffer.from([0xa9, 0x0a])), 50);',
    );
    await runLocal(file, [...args], { onLine: (l) => lines.push(l) });
    expect(lines).toEqual(['é']);
  });

  it('a failure names the command (or its label) and ends with the last lines of its output', async () => {
    const [file, args] = script("for (let i = 1; i <= 20; i++) console.error('line ' + i); process.exit(3);");
    const e = await runLocal(file, [...args], { label: 'the step', phase: 'build' }).catch((x: unknown) => x);
    expect(e).toBeInstanceOf(LocalCommandError);
    const err = e as LocalCommandError;
    expect(err.exitCode).toBe(3);
    expect(err.phase).toBe('build');
    expect(err.message.split('\n')[0]).toBe('the step failed (exit 3):');
    expect(err.message).toContain('line 20');
    expect(err.message).not.toContain('line 5\n');

    const unnamed = await runLocal('sh', ['-c', 'echo nope; exit 4']).catch((x: unknown) => x);
    expect((unnamed as Error).message).toBe('sh -c echo nope; exit 4 failed (exit 4):\nnope');
  });

  it('allowFailure returns a non-zero exit; a process killed by a signal still throws', async () => {
    expect((await runLocal('sh', ['-c', 'exit 5'], { allowFailure: true })).exitCode).toBe(5);
    await expect(runLocal('sh', ['-c', 'kill -9 $$'], { allowFailure: true })).rejects.toThrow(
      'sh -c kill -9 $$ failed (killed by a signal)',
    );
  });

  it('a program that is not installed is a MissingToolError, the user’s to fix', async () => {
    const e = await runLocal('vps-deploy-no-such-tool', ['x']).catch((x: unknown) => x);
    expect(e).toBeInstanceOf(MissingToolError);
    expect(e).toBeInstanceOf(ConfigurationError);
    expect((e as Error).message).toBe(
      'vps-deploy-no-such-tool is not available on the runner: it is not installed or not on PATH',
    );
  });

  it('stdin reaches the process; the secret is in no argument, no log line and nothing this process prints', async () => {
    const secret = 'hunter2-$(reboot)-"quoted"';
    const lines: string[] = [];
    const [file, args] = script(
      "let d = ''; process.stdin.on('data', (c) => (d += c)).on('end', () => { " +
        "console.log('sha256 ' + require('crypto').createHash('sha256').update(d).digest('hex')); " +
        "console.log('argv ' + JSON.stringify(process.argv)); });",
    );
    const { value, written } = await ownOutput(() =>
      runLocal(file, [...args], { stdin: secret, onLine: (l) => lines.push(l) }),
    );
    const digest = createHash('sha256').update(secret).digest('hex');
    expect(value.stdout).toContain(`sha256 ${digest}`);
    expect(lines.join('\n')).not.toContain(secret);
    expect(lines.find((l) => l.startsWith('argv '))).not.toContain('hunter2');
    // Not silent, @actions/exec would have printed "[command]<node> -e ..." and the output here.
    expect(written).not.toContain('[command]');
    expect(written).not.toContain(secret);
    expect(written).not.toContain(digest);
  });
});

describe('streamLocal', () => {
  it('streams stdout and resolves finished on exit 0', async () => {
    const p = streamLocal('sh', ['-c', 'printf abc']);
    let text = '';
    for await (const chunk of p.stream) text += String(chunk);
    await p.finished;
    expect(text).toBe('abc');
  });

  it('rejects finished with the command and its stderr on failure', async () => {
    const p = streamLocal('sh', ['-c', 'echo broken >&2; exit 2']);
    p.stream.resume();
    await expect(p.finished).rejects.toThrow(
      'sh -c echo broken >&2; exit 2 failed on the runner (exit 2): broken',
    );
  });

  it('stop() ends a producer nobody reads any more; that end is not its failure', async () => {
    const p = streamLocal('sh', ['-c', 'while :; do echo data; done']);
    p.stream.once('data', () => p.stop());
    p.stream.resume();
    await expect(p.finished).resolves.toBeUndefined();
  });

  it('a producer killed by a SIGTERM stop() did not send has failed', async () => {
    const p = streamLocal('sh', ['-c', 'echo half; kill -TERM $$']);
    p.stream.resume();
    await expect(p.finished).rejects.toThrow('failed on the runner (SIGTERM)');
  });

  it('a program that is not installed is a MissingToolError', async () => {
    const p = streamLocal('vps-deploy-no-such-tool', []);
    p.stream.resume();
    await expect(p.finished).rejects.toBeInstanceOf(MissingToolError);
    await expect(p.finished).rejects.toThrow('could not run vps-deploy-no-such-tool on the runner');
  });
});
