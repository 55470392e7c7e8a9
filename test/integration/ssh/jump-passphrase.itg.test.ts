import { appendFileSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ConfigurationError } from '../../../src/io/errors.js';
import { readInputs } from '../../../src/io/inputs.js';
import { SshConnection } from '../../../src/ssh/connection.js';
import { sshInputSpec, sshTargets } from '../../../src/ssh/target.js';
import { cmd } from '../../harness/parts.js';
import { startSshd } from '../../harness/sshd.js';
import type { SshServer } from '../../harness/sshd.js';

/**
 * A bastion whose key is encrypted with a passphrase of its own (`jump-key` + `jump-passphrase`), the target
 * logged in to with a plain `key`: both through real OpenSSH servers, the inputs read as an action reads them.
 */
let bastion: SshServer;
let target: SshServer;
let jumpKey: string;
let keyDir: string;
const JUMP_PASSPHRASE = 'bastion-only 5ecret';
const quiet = { info: () => undefined, debug: () => undefined, warning: () => undefined };

beforeAll(async () => {
  bastion = await startSshd();
  target = await startSshd();
  keyDir = mkdtempSync(join(tmpdir(), 'jump-key-'));
  cmd('ssh-keygen', ['-q', '-t', 'ed25519', '-N', JUMP_PASSPHRASE, '-f', join(keyDir, 'k'), '-C', 'jump']);
  jumpKey = readFileSync(join(keyDir, 'k'), 'utf8');
  // Both servers read the one test user's authorized_keys.
  appendFileSync(join(bastion.home, '.ssh', 'authorized_keys'), readFileSync(join(keyDir, 'k.pub')));
});
afterAll(async () => {
  await bastion?.stop();
  await target?.stop();
  if (keyDir) rmSync(keyDir, { recursive: true, force: true });
});

function targetFrom(inputs: Record<string, string>) {
  const values: Record<string, string> = {
    host: target.host,
    port: String(target.port),
    username: target.user,
    key: target.clientKey,
    // The bastion's line and the target's: a host-fingerprint would name the target only.
    'known-hosts': `${bastion.knownHostsLine}\n${target.knownHostsLine}`,
    'jump-host': `${bastion.user}@${bastion.host}:${bastion.port}`,
    'jump-key': jumpKey,
    'connect-timeout': '5',
    'connect-retries': '2',
    ...inputs,
  };
  return sshTargets(readInputs(sshInputSpec, (n) => values[n] ?? ''))[0]!;
}

describe('jump-passphrase', () => {
  it('decrypts the bastion key; the target is reached through the bastion', async () => {
    const conn = await SshConnection.open(targetFrom({ 'jump-passphrase': JUMP_PASSPHRASE }), quiet);
    try {
      expect((await conn.run('echo "$SSH_CONNECTION"', 'who', { log: false })).stdout).toMatch(
        new RegExp(` ${target.port}\\n$`),
      );
    } finally {
      conn.dispose();
    }
    // The bastion logged the tunnel to the target: the session did go through it.
    expect(readFileSync(bastion.logFile, 'utf8')).toContain(`port ${target.port}`);
  });

  it.each([
    [
      'a wrong jump-passphrase',
      { 'jump-passphrase': 'guess' },
      /input "jump-passphrase" does not decrypt the private key in "jump-key"/,
    ],
    ['no jump-passphrase', {}, /input "jump-key" is an encrypted private key: set "jump-passphrase" too/],
  ])('%s is named before anything connects, never as a retried login', async (_what, inputs, message) => {
    const before = readFileSync(bastion.logFile, 'utf8').length;
    const t0 = performance.now();
    const e = await SshConnection.open(targetFrom(inputs), quiet).catch((x: unknown) => x);
    expect(e).toBeInstanceOf(ConfigurationError);
    expect((e as Error).message).toMatch(message);
    expect((e as Error).message).not.toContain('guess');
    expect(performance.now() - t0).toBeLessThan(1000);
    expect(readFileSync(bastion.logFile, 'utf8').slice(before)).not.toMatch(/Connection from/);
  });
});
