import { generateKeyPairSync } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { ConfigurationError } from '../../../src/io/errors.js';
import { checkPrivateKey } from '../../../src/ssh/private-key.js';

function rsaKey(passphrase?: string): string {
  return generateKeyPairSync('rsa', {
    modulusLength: 1024,
    publicKeyEncoding: { type: 'pkcs1', format: 'pem' },
    privateKeyEncoding: {
      type: 'pkcs1',
      format: 'pem',
      ...(passphrase ? { cipher: 'aes-128-cbc', passphrase } : {}),
    },
  }).privateKey;
}

const plain = rsaKey();
const encrypted = rsaKey('open sesame');
// A key in a format ssh2 does not read (PKCS#8): a well-formed secret that still cannot log in.
const pkcs8 = generateKeyPairSync('ed25519', {
  publicKeyEncoding: { type: 'spki', format: 'pem' },
  privateKeyEncoding: { type: 'pkcs8', format: 'pem' },
}).privateKey;

describe('checkPrivateKey', () => {
  it('accepts a key it can use, with or without a needed passphrase', () => {
    expect(() => checkPrivateKey(plain, undefined)).not.toThrow();
    expect(() => checkPrivateKey(encrypted, 'open sesame')).not.toThrow();
  });

  it.each([
    [
      'an encrypted key without passphrase',
      encrypted,
      undefined,
      /"key" is an encrypted private key: set "passphrase"/,
    ],
    [
      'a wrong passphrase',
      encrypted,
      'guess',
      /input "passphrase" does not decrypt the private key in "key"/,
    ],
    ['half a key', plain.slice(0, 200), undefined, /"key" is not a private key ssh can use .*BEGIN/s],
    ['a format ssh cannot use', pkcs8, undefined, /"key" is not a private key ssh can use/],
    ['not a key at all', 'ghp_0123456789abcdef', undefined, /"key" is not a private key ssh can use/],
  ])('refuses %s as a configuration error that names the input', (_, key, passphrase, message) => {
    let error: unknown;
    try {
      checkPrivateKey(key, passphrase);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ConfigurationError);
    expect((error as Error).message).toMatch(message);
  });

  it('never repeats the key or the passphrase in its message', () => {
    const secretLines = plain.split('\n').filter((l) => l && !l.startsWith('-----'));
    for (const [key, passphrase] of [
      [plain.slice(0, 300), undefined],
      [encrypted, 'guess'],
      ['ghp_0123456789abcdef', undefined],
    ] as const) {
      let message = '';
      try {
        checkPrivateKey(key, passphrase);
      } catch (e) {
        message = (e as Error).message;
      }
      expect(message).not.toBe('');
      for (const l of secretLines) expect(message).not.toContain(l);
      expect(message).not.toContain('ghp_0123456789abcdef');
      expect(message).not.toContain('guess');
    }
  });

  it('names the input it was given', () => {
    expect(() => checkPrivateKey('nope', undefined, 'jump-key')).toThrow(/input "jump-key"/);
  });

  it('names the jump key and its jump-passphrase', () => {
    expect(() => checkPrivateKey(encrypted, undefined, 'jump-key')).toThrow(
      'input "jump-key" is an encrypted private key: set "jump-passphrase" too',
    );
    expect(() => checkPrivateKey(encrypted, 'guess', 'jump-key')).toThrow(
      'input "jump-passphrase" does not decrypt the private key in "jump-key"',
    );
    expect(() => checkPrivateKey(encrypted, 'guess', 'jump-key', 'passphrase')).toThrow(
      'input "passphrase" does not decrypt the private key in "jump-key"',
    );
  });
});
