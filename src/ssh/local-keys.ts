import ssh2 from 'ssh2';

/** What a private key file on this machine is good for, without a prompt: the CLI skips what it cannot use. */
export type KeyUse = 'usable' | 'needs-passphrase' | 'wrong-passphrase' | 'not-a-key';

export function keyUse(text: string, passphrase?: string): KeyUse {
  const parsed = ssh2.utils.parseKey(text, passphrase);
  if (!(parsed instanceof Error)) return 'usable';
  if (/no passphrase given/i.test(parsed.message)) return 'needs-passphrase';
  if (/decrypt|passphrase/i.test(parsed.message)) return 'wrong-passphrase';
  return 'not-a-key';
}
