import { spawnSync } from 'node:child_process';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { quoteForShell, raw, sh, userCommand } from '../../../src/ssh/quote.js';

/** Runs a command under a real /bin/sh and returns what printf saw as its arguments (NUL-separated). */
function argsSeenBySh(command: string): string[] {
  const r = spawnSync('/bin/sh', ['-c', command], { encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`sh failed: ${r.stderr}`);
  return r.stdout.split('\0').slice(0, -1);
}

const hostile = fc.oneof(
  fc.string({ unit: 'binary' }).filter((s) => !s.includes('\0')),
  fc.constantFrom(
    "'",
    '"',
    '$(touch /tmp/pwned)',
    '`id`',
    '; rm -rf /',
    '\n',
    '*',
    '~',
    '$HOME',
    'a\'b"c',
    '-n',
    '--',
    '\\',
    '!',
    '&',
    '|',
    '>x',
    ' ',
  ),
);

describe('quoteForShell under a real /bin/sh', () => {
  it('any value arrives as exactly one argument, byte for byte', () => {
    fc.assert(
      fc.property(fc.array(hostile, { minLength: 1, maxLength: 4 }), (values) => {
        const out = argsSeenBySh(sh`printf '%s\\0' ${values}`);
        expect(out).toEqual(values);
      }),
      { numRuns: 300 },
    );
  });

  it('hostile values stay inert (no command runs)', () => {
    const marker = `/tmp/vps-deploy-quote-${process.pid}`;
    const values = [
      `$(touch ${marker})`,
      `\`touch ${marker}\``,
      `; touch ${marker}`,
      `' ; touch ${marker}; '`,
      `\n touch ${marker}`,
    ];
    for (const v of values) argsSeenBySh(sh`printf '%s\\0' ${v}`);
    expect(spawnSync('test', ['-e', marker]).status).toBe(1);
  });

  it('leaves plain words unquoted and refuses NUL', () => {
    expect(quoteForShell('v1.2.3')).toBe('v1.2.3');
    expect(quoteForShell('/srv/my app')).toBe("'/srv/my app'");
    expect(quoteForShell('')).toBe("''");
    expect(() => quoteForShell('a\0b')).toThrow(/NUL/);
  });

  it('raw fragments are inserted as written', () => {
    expect(sh`a ${raw('&&')} ${'b c'}`).toBe("a && 'b c'");
  });

  it('userCommand runs the user command in a login shell, in a directory with hostile characters', () => {
    const dir = `/tmp/vps deploy 'q' ${process.pid}`;
    spawnSync('mkdir', ['-p', dir]);
    const r = spawnSync(
      '/bin/sh',
      ['-c', userCommand('pwd; echo "$GREETING"', { cwd: dir, env: { GREETING: "it's $(id)" } })],
      {
        encoding: 'utf8',
      },
    );
    expect(r.stdout).toBe(`${dir}\nit's $(id)\n`);
    spawnSync('rm', ['-rf', dir]);
  });

  it('userCommand keeps the exit code', () => {
    expect(spawnSync('/bin/sh', ['-c', userCommand('exit 7')]).status).toBe(7);
  });
});
