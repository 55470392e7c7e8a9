import { createHash, createHmac, randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import {
  checkHostKey,
  fingerprintOf,
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
});
