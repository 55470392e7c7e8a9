import type { AuthenticationType, NextAuthHandler } from 'ssh2';

/** The credentials one login may offer. */
export interface Credentials {
  username: string;
  privateKey?: string | undefined;
  passphrase?: string | undefined;
  password?: string | undefined;
  /** An ssh-agent's socket: each of its keys is offered in turn (ssh2 walks them). */
  agent?: string | undefined;
}

/**
 * One login's authentication: offers `none` (to learn what the server accepts), then the key, then the
 * password, skipping what the server does not offer, and remembers what was tried so a refusal can say
 * what to check.
 */
export class AuthAttempts {
  private readonly pending: AuthenticationType[] = ['none'];
  private offered: AuthenticationType[] | null = null;
  private readonly tried: AuthenticationType[] = [];

  constructor(private readonly credentials: Credentials) {
    if (credentials.agent) this.pending.push('agent');
    if (credentials.privateKey) this.pending.push('publickey');
    if (credentials.password) this.pending.push('password');
  }

  /** ssh2's authHandler: called first with no list, then after each refusal with the methods left. */
  readonly next = (methodsLeft: AuthenticationType[] | null, _partial: unknown, next: NextAuthHandler) => {
    if (methodsLeft) this.offered = methodsLeft;
    const { username, privateKey, passphrase, password, agent } = this.credentials;
    let m: AuthenticationType | undefined;
    while ((m = this.pending.shift())) {
      // The agent's keys go to the server as publickey, the only name it offers them under.
      if (this.offered && !this.offered.includes(m === 'agent' ? 'publickey' : m)) continue;
      if (m !== 'none') this.tried.push(m);
      if (m === 'none') return next({ type: 'none', username });
      if (m === 'agent') return next({ type: 'agent', username, agent: agent! });
      if (m === 'publickey')
        return next({ type: 'publickey', username, key: privateKey!, passphrase: passphrase ?? '' });
      if (m === 'password') return next({ type: 'password', username, password: password! });
    }
    // false ends authentication; @types/ssh2 does not list it.
    return next(false as never);
  };

  /** The message for a refused login at user@host:port. */
  refusal(host: string, port: number): string {
    const { username } = this.credentials;
    return (
      `authentication failed for ${username}@${host}:${port}: tried ${this.tried.join(', ') || 'nothing'}; ` +
      `the server offers ${this.offered?.join(', ') || 'no method'}` +
      authHint(this.offered, this.tried, username)
    );
  }
}

/** What to check after a refused login, by what was tried and what the server offers. */
export function authHint(offered: readonly string[] | null, tried: readonly string[], user: string): string {
  if (offered && !offered.some((o) => tried.includes(o))) {
    // The agent's keys are public keys to the server.
    if (!(tried.includes('agent') && offered.includes('publickey')))
      return ` (none of the given credentials is a method it offers: ${offered.includes('publickey') ? 'give "key"' : 'give "password"'})`;
  }
  const hints = [];
  if (tried.includes('publickey'))
    hints.push(`that the public key is in ~${user}/.ssh/authorized_keys on the server`);
  if (tried.includes('agent'))
    hints.push(
      `that one of the ssh-agent's keys (ssh-add -l) is in ~${user}/.ssh/authorized_keys on the server`,
    );
  if (tried.includes('password')) hints.push('the password');
  return hints.length ? ` (check ${hints.join(', and ')})` : '';
}
