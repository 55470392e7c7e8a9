import { createHash, createHmac, randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import {
  checkHostKey,
  fingerprintOf,
  hostKeyAlgorithmsFor,
  hostMatches,
  keyTypeOf,
  knownHostsLine,
} from '../../../src/ssh/host-key.js';

function blob(type: string, body = randomBytes(32)): Buffer {
  const t = Buffer.from(type);
  const len = Buffer.alloc(4);
  len.writeUInt32BE(t.length);
  const blen = Buffer.alloc(4);
  blen.writeUInt32BE(body.length);
  return Buffer.concat([len, t, blen, body]);
}

const key = blob('ssh-ed25519');
const other = blob('ssh-ed25519');
const b64 = key.toString('base64');

describe('host keys', () => {
  it('fingerprints like ssh-keygen -lf', () => {
    expect(fingerprintOf(key)).toBe(
      `SHA256:${createHash('sha256').update(key).digest('base64').replace(/=+$/, '')}`,
    );
    expect(keyTypeOf(key)).toBe('ssh-ed25519');
  });

  it.each([
    ['vps.example.com', 'vps.example.com', 22, true],
    ['vps.example.com,1.2.3.4', '1.2.3.4', 22, true],
    ['[vps.example.com]:2222', 'vps.example.com', 2222, true],
    ['vps.example.com', 'vps.example.com', 2222, false],
    ['*.example.com', 'vps.example.com', 22, true],
    ['*.example.com,!vps.example.com', 'vps.example.com', 22, false],
    ['other.example.com', 'vps.example.com', 22, false],
  ])('%s matches %s:%i: %s', (patterns, host, port, expected) => {
    expect(hostMatches(patterns, host, port)).toBe(expected);
  });

  it('matches hashed known_hosts entries', () => {
    const salt = randomBytes(20);
    const hash = createHmac('sha1', salt).update('vps.example.com').digest('base64');
    expect(hostMatches(`|1|${salt.toString('base64')}|${hash}`, 'vps.example.com', 22)).toBe(true);
    expect(hostMatches(`|1|${salt.toString('base64')}|${hash}`, 'evil.example.com', 22)).toBe(false);
  });

  it('known-hosts: accepts the listed key, refuses another showing both fingerprints', () => {
    const trust = {
      kind: 'known-hosts' as const,
      lines: [`# comment`, `vps.example.com ssh-ed25519 ${b64}`],
    };
    expect(checkHostKey(trust, 'vps.example.com', 22, key)).toEqual({ ok: true });
    const bad = checkHostKey(trust, 'vps.example.com', 22, other);
    expect(bad.ok).toBe(false);
    if (!bad.ok) {
      expect(bad.message).toContain('HOST KEY MISMATCH');
      expect(bad.message).toContain(fingerprintOf(key));
      expect(bad.message).toContain(fingerprintOf(other));
    }
  });

  it('known-hosts without a line for the host says which line to add', () => {
    const d = checkHostKey(
      { kind: 'known-hosts', lines: [`a.example.com ssh-ed25519 ${b64}`] },
      'vps.example.com',
      2222,
      key,
    );
    expect(d.ok).toBe(false);
    if (!d.ok) expect(d.message).toContain(knownHostsLine('vps.example.com', 2222, key));
  });

  it('@revoked keys are refused', () => {
    const d = checkHostKey(
      { kind: 'known-hosts', lines: [`@revoked * ssh-ed25519 ${b64}`, `vps ssh-ed25519 ${b64}`] },
      'vps',
      22,
      key,
    );
    expect(d.ok).toBe(false);
  });

  it('fingerprint: exact match only', () => {
    expect(checkHostKey({ kind: 'fingerprint', fingerprint: fingerprintOf(key) }, 'h', 22, key).ok).toBe(
      true,
    );
    expect(checkHostKey({ kind: 'fingerprint', fingerprint: fingerprintOf(other) }, 'h', 22, key).ok).toBe(
      false,
    );
  });

  it('no trust at all: refused, printing the fingerprint and the exact line', () => {
    const d = checkHostKey({ kind: 'none' }, 'vps', 22, key);
    expect(d.ok).toBe(false);
    if (!d.ok) {
      expect(d.message).toContain(`host-fingerprint: ${fingerprintOf(key)}`);
      expect(d.message).toContain(`known-hosts line: vps ssh-ed25519 ${b64}`);
    }
  });

  // Written by `ssh-keygen -H` from `vps.example.com …` and `[vps.example.com]:2222 …`: OpenSSH hashes the host
  // name lowercased (ssh.c lowercases the host it is given), so `ssh VPS.Example.COM` finds these lines.
  const HASHED_22 = '|1|qUZpt7qfcLPt3Dz+1vnjJGSxZXU=|sc2W4a5Vw/WXUkYHzCmhor/z8cg=';
  const HASHED_2222 = '|1|cB7Qcijh3noslfVos10CCEcRWRc=|RTobsqwUQXo7lIpJ/t7Vzwiy5OM=';
  it.each([
    [HASHED_22, 'vps.example.com', 22, true],
    [HASHED_22, 'VPS.Example.COM', 22, true],
    [HASHED_22, 'vps.example.com', 2222, false],
    [HASHED_2222, 'Vps.Example.Com', 2222, true],
    [HASHED_2222, 'vps.example.org', 2222, false],
  ])('hashed %s matches %s:%i case-insensitively: %s', (hashed, host, port, expected) => {
    expect(hostMatches(hashed, host, port)).toBe(expected);
  });

  const rsa = blob('ssh-rsa');
  const ecdsa = blob('ecdsa-sha2-nistp256');
  it.each([
    [
      'an rsa line only',
      [`vps ssh-rsa ${rsa.toString('base64')}`],
      ['rsa-sha2-512', 'rsa-sha2-256', 'ssh-rsa'],
    ],
    [
      'ed25519 and ecdsa lines, in ssh2 preference order',
      [`vps ecdsa-sha2-nistp256 ${ecdsa.toString('base64')}`, `vps ssh-ed25519 ${b64}`],
      ['ssh-ed25519', 'ecdsa-sha2-nistp256'],
    ],
    [
      'only lines for other hosts or revoked',
      [`other ssh-rsa ${rsa.toString('base64')}`, `@revoked vps ssh-ed25519 ${b64}`],
      undefined,
    ],
    ['a key type ssh2 cannot check', [`vps sk-ssh-ed25519@openssh.com ${b64}`], undefined],
  ])(
    'known-hosts with %s: offers only the host key algorithms of the pinned types',
    (_what, lines, expected) => {
      expect(hostKeyAlgorithmsFor({ kind: 'known-hosts', lines }, 'vps', 22)).toEqual(expected);
    },
  );

  it('a fingerprint or no pin leaves the server free to choose', () => {
    expect(hostKeyAlgorithmsFor({ kind: 'fingerprint', fingerprint: fingerprintOf(key) }, 'vps', 22)).toBe(
      undefined,
    );
    expect(hostKeyAlgorithmsFor({ kind: 'none' }, 'vps', 22)).toBe(undefined);
  });
});
