import { describe, expect, it } from 'vitest';
import { redactSecrets, secretParts, WITHHELD_LINE } from '../../../src/io/secrets.js';

const ENV_FILE = [
  'DATABASE_URL=postgres://app:S3cret-pw@db/app',
  'API_KEY="k3y-in-double-quotes"',
  "export SESSION_SECRET='single-quoted-s3cret'",
  'DEBUG=1',
  '# a comment=not-an-assignment',
  '',
].join('\r\n');

describe('what of a secret is masked', () => {
  it('an env-file: the whole, each line, and each KEY=value value as written and unquoted', () => {
    const { masks, short } = secretParts(ENV_FILE);
    expect(masks).toEqual(
      expect.arrayContaining([
        ENV_FILE,
        'DATABASE_URL=postgres://app:S3cret-pw@db/app',
        'postgres://app:S3cret-pw@db/app',
        '"k3y-in-double-quotes"',
        'k3y-in-double-quotes',
        "'single-quoted-s3cret'",
        'single-quoted-s3cret',
      ]),
    );
    // DEBUG=1's value is too short to be a mask (it would hide every 1 in the log), its line is not.
    expect(masks).toContain('DEBUG=1');
    expect(masks).not.toContain('1');
    expect(masks).not.toContain('not-an-assignment');
    expect(short).toBeUndefined();
  });

  it.each([
    ['a short password', 'abc', [], 'abc'],
    ['a short password with a newline', 'Zq7\n', [], 'Zq7'],
    ['a long password', 'hunter2hunter2', ['hunter2hunter2'], undefined],
    [
      'a key with short lines',
      '-----BEGIN-----\n}\n-----END-----',
      ['-----BEGIN-----\n}\n-----END-----', '-----BEGIN-----', '-----END-----'],
      undefined,
    ],
  ])('%s', (_name, secret, masks, short) => {
    const parts = secretParts(secret);
    expect(parts.masks).toEqual(masks);
    expect(parts.short).toBe(short);
  });
});

describe('redactSecrets (summary, ledger, errors)', () => {
  it.each([
    [
      'a value shown alone',
      'migrate: cannot reach postgres://app:S3cret-pw@db/app',
      [ENV_FILE],
      'migrate: cannot reach ***',
    ],
    ['a quoted value shown unquoted', 'token k3y-in-double-quotes refused', [ENV_FILE], 'token *** refused'],
    [
      'a short secret withholds its line only',
      'ok line\nlogin as deploy with abc\nlast',
      ['abc'],
      `ok line\n${WITHHELD_LINE}\nlast`,
    ],
    ['a longer secret holding a short one is masked first', 'pw abcdef', ['abcdef', 'abc'], 'pw ***'],
    ['no secrets', 'exit 1', [], 'exit 1'],
  ])('%s', (_name, text, secrets, expected) => {
    expect(redactSecrets(text, secrets)).toBe(expected);
  });
});
