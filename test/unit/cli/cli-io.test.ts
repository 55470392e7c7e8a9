import { afterEach, describe, expect, it, vi } from 'vitest';
import { parseArgs } from '../../../src/cli/args.js';
import { cliIO } from '../../../src/cli/cli-io.js';
import { WITHHELD_LINE } from '../../../src/io/secrets.js';

/** The terminal's ActionIO: what it prints to stderr is read back; no workflow commands exist here. */
function setup(json = false) {
  const written: string[] = [];
  vi.spyOn(process.stderr, 'write').mockImplementation((s) => {
    written.push(String(s));
    return true;
  });
  const args = parseArgs(['deploy', ...(json ? ['--json'] : [])], () => 'value');
  return { io: cliIO(args, {}), written };
}

afterEach(() => vi.restoreAllMocks());

describe('the terminal ActionIO and secrets', () => {
  it("masks an env-file's values in server output, and withholds a line with a short secret", () => {
    const { io, written } = setup();
    io.setSecret('DATABASE_URL="postgres://app:S3cret@db/app"\nDEBUG=1\n');
    io.setSecret('Zq7');
    const out = io.remoteOutput();
    out.line('::error::server text, printed as is: postgres://app:S3cret@db/app');
    out.line('password Zq7');
    out.end();
    io.info('info line with 1 in it');
    expect(written).toEqual([
      '::error::server text, printed as is: ***\n',
      `${WITHHELD_LINE}\n`,
      'info line with 1 in it\n',
    ]);
    expect(io.redact('error tail: postgres://app:S3cret@db/app\nZq7')).toBe(
      `error tail: ***\n${WITHHELD_LINE}`,
    );
  });

  it('--json keeps server output off the terminal, as it does info', () => {
    const { io, written } = setup(true);
    io.remoteOutput().line('server line');
    expect(written).toEqual([]);
  });
});
