import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ConfigurationError } from '../../../src/io/errors.js';
import { SshConnection } from '../../../src/ssh/connection.js';
import type { SshTarget } from '../../../src/ssh/target.js';
import { cmd } from '../../harness/parts.js';
import { startSshd } from '../../harness/sshd.js';
import type { SshServer } from '../../harness/sshd.js';

/**
 * A server with two host keys (ed25519, which ssh2 prefers, and rsa) and a known_hosts that pins one of them:
 * the client must ask for the pinned type, as OpenSSH does, instead of refusing the other as a MITM.
 */
let ssh: SshServer;
const quiet = { info: () => undefined, debug: () => undefined, warning: () => undefined };

function knownHostsLineOf(pubFile: string): string {
  const [type, key] = readFileSync(join(ssh.dir, pubFile), 'utf8').trim().split(' ');
  return `[${ssh.host}]:${ssh.port} ${type} ${key}`;
}

function target(knownHosts: string): SshTarget {
  return {
    host: ssh.host,
    port: ssh.port,
    username: ssh.user,
    privateKey: ssh.clientKey,
    knownHosts,
    hostFingerprint: '',
    insecureIgnoreHostKey: false,
    connectTimeoutSeconds: 5,
    connectRetries: 1,
  };
}

async function whoami(knownHosts: string): Promise<string> {
  const conn = await SshConnection.open(target(knownHosts), quiet);
  try {
    return (await conn.run('whoami', 'whoami', { log: false })).stdout.trim();
  } finally {
    conn.dispose();
  }
}

beforeAll(async () => {
  ssh = await startSshd({ extraHostKeyTypes: ['rsa'] });
});
afterAll(async () => {
  await ssh?.stop();
});

describe('host key types', () => {
  it('known-hosts pinning only the rsa key connects to a server that also has (and prefers) ed25519', async () => {
    expect(await whoami(knownHostsLineOf('host_key_rsa.pub'))).toBe(ssh.user);
  });

  it('known-hosts pinning only the ed25519 key connects too', async () => {
    expect(await whoami(knownHostsLineOf('host_key.pub'))).toBe(ssh.user);
  });

  it('a hashed known_hosts line (ssh-keygen -H) matches the host name in any case', async () => {
    const file = join(ssh.dir, 'known_hosts_hashed');
    const line = knownHostsLineOf('host_key_rsa.pub').replace(ssh.host, 'localhost');
    cmd('sh', ['-c', `printf '%s\\n' "$1" > "$2" && ssh-keygen -q -H -f "$2"`, 'sh', line, file]);
    const hashed = readFileSync(file, 'utf8');
    expect(hashed).toMatch(/^\|1\|/);
    const conn = await SshConnection.open({ ...target(hashed), host: 'LocalHost' }, quiet);
    conn.dispose();
  });

  it('an rsa pin that is not the server rsa key is still refused as a mismatch, naming both', async () => {
    const wrong = cmd('sh', [
      '-c',
      `d=$(mktemp -d) && ssh-keygen -q -t rsa -N '' -f $d/k && cut -d' ' -f1,2 $d/k.pub && rm -r $d`,
    ]).trim();
    const err = await whoami(`[${ssh.host}]:${ssh.port} ${wrong}`).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ConfigurationError);
    expect(String(err)).toMatch(
      /HOST KEY MISMATCH[\s\S]*\(ssh-rsa\)[\s\S]*presented by the server: SHA256:\S+ \(ssh-rsa\)/,
    );
  });
});
