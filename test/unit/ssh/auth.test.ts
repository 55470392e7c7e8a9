import { describe, expect, it } from 'vitest';
import type { AuthenticationType } from 'ssh2';
import { AuthAttempts, authHint } from '../../../src/ssh/auth.js';
import type { Credentials } from '../../../src/ssh/auth.js';

const KEY = '-----BEGIN OPENSSH PRIVATE KEY-----\nsecret-key-body\n-----END OPENSSH PRIVATE KEY-----\n';

/** Plays ssh2's side: the handler is asked first with no list, then after each refusal with what is left. */
function login(credentials: Credentials, serverOffers: AuthenticationType[]) {
  const auth = new AuthAttempts(credentials);
  const asked: unknown[] = [];
  let methodsLeft: AuthenticationType[] | null = null;
  for (let round = 0; round < 10; round++) {
    let answer: unknown;
    auth.next(methodsLeft, false, (m) => (answer = m));
    asked.push(answer);
    if (answer === false) break;
    methodsLeft = serverOffers; // every method is refused
  }
  return { asked, refusal: auth.refusal('vps.example.com', 2222) };
}

describe('AuthAttempts', () => {
  it('asks none, then the key, then the password, and stops', () => {
    const { asked, refusal } = login(
      { username: 'deploy', privateKey: KEY, passphrase: 'pp', password: 'pw' },
      ['publickey', 'password'],
    );
    expect(asked).toEqual([
      { type: 'none', username: 'deploy' },
      { type: 'publickey', username: 'deploy', key: KEY, passphrase: 'pp' },
      { type: 'password', username: 'deploy', password: 'pw' },
      false,
    ]);
    expect(refusal).toBe(
      'authentication failed for deploy@vps.example.com:2222: tried publickey, password; the server offers ' +
        'publickey, password (check that the public key is in ~deploy/.ssh/authorized_keys on the server, ' +
        'and the password)',
    );
  });

  it('skips what the server does not offer and says which credential to give', () => {
    const { asked, refusal } = login({ username: 'deploy', privateKey: KEY }, ['password']);
    expect(asked).toEqual([{ type: 'none', username: 'deploy' }, false]);
    expect(refusal).toBe(
      'authentication failed for deploy@vps.example.com:2222: tried nothing; the server offers password ' +
        '(none of the given credentials is a method it offers: give "password")',
    );
  });

  it('a password login that is refused says to check the password, and repeats no secret', () => {
    const { asked, refusal } = login({ username: 'app', password: 'hunter2' }, ['publickey', 'password']);
    expect(asked.map((a) => (a as { type?: string }).type ?? a)).toEqual(['none', 'password', false]);
    expect(refusal).toMatch(/tried password; .*\(check the password\)$/);
    expect(refusal).not.toContain('hunter2');
  });

  it('gives an empty passphrase for an unencrypted key', () => {
    const { asked } = login({ username: 'deploy', privateKey: KEY }, ['publickey']);
    expect(asked[1]).toMatchObject({ type: 'publickey', passphrase: '' });
    expect(JSON.stringify(login({ username: 'd', privateKey: KEY }, ['publickey']).refusal)).not.toContain(
      'secret-key-body',
    );
  });
});

describe('authHint', () => {
  it.each([
    [['password'], ['publickey'], ' (none of the given credentials is a method it offers: give "password")'],
    [['publickey'], ['password'], ' (none of the given credentials is a method it offers: give "key")'],
    [
      ['publickey'],
      ['publickey'],
      ' (check that the public key is in ~deploy/.ssh/authorized_keys on the server)',
    ],
    [['publickey', 'password'], ['password'], ' (check the password)'],
    [null, ['publickey'], ' (check that the public key is in ~deploy/.ssh/authorized_keys on the server)'],
    [null, [], ''],
  ])('offered %j, tried %j', (offered, tried, hint) => {
    expect(authHint(offered, tried, 'deploy')).toBe(hint);
  });
});
