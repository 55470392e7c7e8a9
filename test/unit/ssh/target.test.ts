import { describe, expect, it } from 'vitest';
import { readInputs } from '../../../src/io/inputs.js';
import { sshInputSpec, sshTargets } from '../../../src/ssh/target.js';

const targetOf = (values: Record<string, string>) =>
  sshTargets(readInputs(sshInputSpec, (n) => values[n] ?? ''))[0]!;
const base = { host: 'vps.example.com', username: 'deploy', key: 'KEY', 'jump-host': 'ops@bastion:2200' };

describe('the jump host login', () => {
  it.each([
    [
      'no jump-key: the target key and passphrase',
      { passphrase: 'pw' },
      { privateKey: 'KEY\n', passphrase: 'pw', keyInput: 'key', passphraseInput: 'passphrase' },
    ],
    [
      'jump-key with its own jump-passphrase',
      { passphrase: 'pw', 'jump-key': 'JKEY', 'jump-passphrase': 'jpw' },
      { privateKey: 'JKEY\n', passphrase: 'jpw', keyInput: 'jump-key', passphraseInput: 'jump-passphrase' },
    ],
    [
      'jump-key without jump-passphrase: passphrase, as before jump-passphrase existed',
      { passphrase: 'pw', 'jump-key': 'JKEY' },
      { privateKey: 'JKEY\n', passphrase: 'pw', keyInput: 'jump-key', passphraseInput: 'passphrase' },
    ],
    [
      'jump-key and no passphrase at all',
      { 'jump-key': 'JKEY' },
      { privateKey: 'JKEY\n', keyInput: 'jump-key', passphraseInput: 'jump-passphrase' },
    ],
  ])('%s', (_what, extra, expected) => {
    const t = targetOf({ ...base, ...extra });
    expect(t.jump).toEqual({ host: 'bastion', port: 2200, username: 'ops', ...expected });
    // The target's own login is not changed by the bastion's.
    expect(t.passphrase).toBe('passphrase' in extra ? extra.passphrase : undefined);
  });

  it('jump-passphrase without jump-key is refused', () => {
    expect(() => targetOf({ ...base, 'jump-passphrase': 'jpw' })).toThrow(
      'input "jump-passphrase" was given without "jump-key"',
    );
  });
});
