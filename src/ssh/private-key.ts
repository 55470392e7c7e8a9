import ssh2 from 'ssh2';
import { ConfigurationError } from '../io/errors.js';

/**
 * Checks a private key (and its passphrase) before connecting, so a bad secret is named as the input to fix
 * instead of surfacing as a failed login after every retry. The error never includes the key.
 */
export function checkPrivateKey(
  key: string,
  passphrase: string | undefined,
  inputName = 'key',
  passphraseInput = inputName === 'jump-key' ? 'jump-passphrase' : 'passphrase',
): void {
  // node-ssh has no key parser of its own: ssh2's is the one it will use when connecting.
  const parsed = ssh2.utils.parseKey(key, passphrase);
  if (!(parsed instanceof Error)) return;
  const m = parsed.message;
  if (/no passphrase given/i.test(m)) {
    throw new ConfigurationError(
      `input "${inputName}" is an encrypted private key: set "${passphraseInput}" too`,
    );
  }
  if (/decrypt|bad decrypt|passphrase/i.test(m) && passphrase) {
    // A jump-key without jump-passphrase is tried with the target's passphrase: say which one to set.
    const hint =
      inputName === 'jump-key' && passphraseInput === 'passphrase' ? ': set "jump-passphrase"' : '';
    throw new ConfigurationError(
      `input "${passphraseInput}" does not decrypt the private key in "${inputName}"${hint}`,
    );
  }
  throw new ConfigurationError(
    `input "${inputName}" is not a private key ssh can use (${m}): paste the whole key, from ` +
      '-----BEGIN ... PRIVATE KEY----- to the END line (OpenSSH or PEM format)',
  );
}
