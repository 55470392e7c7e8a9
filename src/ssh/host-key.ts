import { createHash, createHmac } from 'node:crypto';
import type { ServerHostKeyAlgorithm } from 'ssh2';
import { ConfigurationError } from '../io/errors.js';

/**
 * Host key trust: `known-hosts` lines or a `host-fingerprint`, checked against the key the server presents.
 * Pure functions on the raw key blob ssh2 hands to its hostVerifier.
 */
export type HostTrust =
  | { kind: 'known-hosts'; lines: string[] }
  | { kind: 'fingerprint'; fingerprint: string }
  | { kind: 'insecure' }
  | { kind: 'none' };

/** `SHA256:<base64 without padding>`, as `ssh-keygen -lf` prints it. */
export function fingerprintOf(keyBlob: Buffer): string {
  return `SHA256:${createHash('sha256').update(keyBlob).digest('base64').replace(/=+$/, '')}`;
}

/** The key type named inside an SSH public key blob (`ssh-ed25519`, `ecdsa-sha2-nistp256`, …). */
export function keyTypeOf(keyBlob: Buffer): string {
  if (keyBlob.length < 4) return 'unknown';
  const len = keyBlob.readUInt32BE(0);
  return keyBlob.subarray(4, 4 + len).toString('ascii');
}

/** The host field of a known_hosts line for this host and port: `host`, or `[host]:port` off port 22. */
export function knownHostsName(host: string, port: number): string {
  return port === 22 ? host : `[${host}]:${port}`;
}

/** The exact line a user adds to `known-hosts` to trust this key. */
export function knownHostsLine(host: string, port: number, keyBlob: Buffer): string {
  return `${knownHostsName(host, port)} ${keyTypeOf(keyBlob)} ${keyBlob.toString('base64')}`;
}

export function isFingerprint(v: string): boolean {
  return /^SHA256:[A-Za-z0-9+/]{43}=?$/.test(v);
}

export interface KnownHostEntry {
  patterns: string;
  keyType: string;
  key: Buffer;
  marker?: string;
}

/** Parses known_hosts text; comments, blank lines and malformed lines are skipped. */
export function parseKnownHosts(lines: string[]): KnownHostEntry[] {
  const out: KnownHostEntry[] = [];
  for (const line of lines) {
    const t = line.trim();
    if (!t || t.startsWith('#')) continue;
    let fields = t.split(/\s+/);
    let marker: string | undefined;
    if (fields[0]!.startsWith('@')) {
      marker = fields[0];
      fields = fields.slice(1);
    }
    if (fields.length < 3) continue;
    const key = Buffer.from(fields[2]!, 'base64');
    if (!key.length) continue;
    out.push({ patterns: fields[0]!, keyType: fields[1]!, key, ...(marker ? { marker } : {}) });
  }
  return out;
}

/** Whether a known_hosts host field matches host:port (plain, `[host]:port`, hashed `|1|`, `*`/`?`, `!`). */
export function hostMatches(patterns: string, host: string, port: number): boolean {
  if (patterns.startsWith('|1|')) {
    const [, , salt, hash] = patterns.split('|');
    if (!salt || !hash) return false;
    // ssh lowercases the host before hashing it (ssh.c), so `ssh VPS.example.com` wrote the lowercase name.
    const lowered = knownHostsName(host.toLowerCase(), port);
    const digest = createHmac('sha1', Buffer.from(salt, 'base64')).update(lowered).digest('base64');
    return digest === hash;
  }
  const name = knownHostsName(host, port);
  let matched = false;
  for (const p of patterns.split(',')) {
    const negated = p.startsWith('!');
    const pattern = negated ? p.slice(1) : p;
    if (globMatch(pattern, name)) {
      if (negated) return false;
      matched = true;
    }
  }
  return matched;
}

function globMatch(pattern: string, value: string): boolean {
  const re = new RegExp(
    '^' +
      pattern
        .split('')
        .map((c) => (c === '*' ? '.*' : c === '?' ? '.' : c.replace(/[.+^${}()|[\]\\]/g, '\\$&')))
        .join('') +
      '$',
    'i',
  );
  return re.test(value);
}

/**
 * ssh2's host key algorithms per key type a known_hosts line names, in ssh2's own order of preference. An RSA
 * key is offered under its SHA-2 signature names first (OpenSSH 8.8+ refuses plain ssh-rsa signatures).
 */
const ALGORITHMS_BY_KEY_TYPE: [keyType: string, algorithms: ServerHostKeyAlgorithm[]][] = [
  ['ssh-ed25519', ['ssh-ed25519']],
  ['ecdsa-sha2-nistp256', ['ecdsa-sha2-nistp256']],
  ['ecdsa-sha2-nistp384', ['ecdsa-sha2-nistp384']],
  ['ecdsa-sha2-nistp521', ['ecdsa-sha2-nistp521']],
  ['ssh-rsa', ['rsa-sha2-512', 'rsa-sha2-256', 'ssh-rsa']],
  ['ssh-dss', ['ssh-dss']],
];

/**
 * The host key algorithms to offer the server: those of the key types pinned for this host in `known-hosts`,
 * as OpenSSH does. Otherwise a server with an ed25519 and an rsa key presents the ed25519 one (ssh2 prefers
 * it), and an rsa-only pin would be refused as a man-in-the-middle. Undefined (ssh2's defaults) when nothing
 * usable is pinned: a fingerprint does not say its key type, and the refusal then says what to add.
 */
export function hostKeyAlgorithmsFor(
  trust: HostTrust,
  host: string,
  port: number,
): ServerHostKeyAlgorithm[] | undefined {
  if (trust.kind !== 'known-hosts') return undefined;
  const pinned = new Set(
    parseKnownHosts(trust.lines)
      .filter((e) => !e.marker && hostMatches(e.patterns, host, port))
      .map((e) => e.keyType),
  );
  const algorithms = ALGORITHMS_BY_KEY_TYPE.filter(([type]) => pinned.has(type)).flatMap(([, a]) => a);
  return algorithms.length ? algorithms : undefined;
}

export type HostKeyDecision = { ok: true } | { ok: false; message: string };

/** Decides whether the presented key is trusted, with the message a user needs when it is not. */
export function checkHostKey(trust: HostTrust, host: string, port: number, keyBlob: Buffer): HostKeyDecision {
  const presented = fingerprintOf(keyBlob);
  const addLine = knownHostsLine(host, port, keyBlob);
  switch (trust.kind) {
    case 'insecure':
      return { ok: true };
    case 'none':
      return {
        ok: false,
        message:
          `The host key of ${host}:${port} cannot be verified: set \`known-hosts\` or \`host-fingerprint\` ` +
          `(or \`insecure-ignore-host-key: true\`, not recommended).\n` +
          `  The server presented ${keyTypeOf(keyBlob)} ${presented}\n` +
          `  host-fingerprint: ${presented}\n` +
          `  known-hosts line: ${addLine}\n` +
          `  Check it out of band first: on the server, \`ssh-keygen -lf /etc/ssh/ssh_host_${keyTypeOf(keyBlob).replace(/^ssh-|-.*$/g, '')}_key.pub\`.`,
      };
    case 'fingerprint':
      if (normaliseFingerprint(trust.fingerprint) === presented) return { ok: true };
      return {
        ok: false,
        message:
          `HOST KEY MISMATCH for ${host}:${port}: refusing to connect (a man-in-the-middle, or the server was rebuilt).\n` +
          `  expected (host-fingerprint): ${trust.fingerprint}\n` +
          `  presented by the server:     ${presented} (${keyTypeOf(keyBlob)})`,
      };
    case 'known-hosts': {
      const entries = parseKnownHosts(trust.lines).filter((e) => hostMatches(e.patterns, host, port));
      if (entries.some((e) => e.marker === '@revoked' && e.key.equals(keyBlob))) {
        return {
          ok: false,
          message: `The host key of ${host}:${port} (${presented}) is marked @revoked in known-hosts.`,
        };
      }
      const usable = entries.filter((e) => !e.marker);
      if (usable.some((e) => e.key.equals(keyBlob))) return { ok: true };
      if (!usable.length) {
        return {
          ok: false,
          message:
            `known-hosts has no line for ${knownHostsName(host, port)} (lines for port ${port} must start with ` +
            `\`${knownHostsName(host, port)}\`).\n  The server presented ${presented}; to trust it add:\n  ${addLine}`,
        };
      }
      return {
        ok: false,
        message:
          `HOST KEY MISMATCH for ${host}:${port}: refusing to connect (a man-in-the-middle, or the server was rebuilt).\n` +
          `  expected (known-hosts): ${usable.map((e) => `${fingerprintOf(e.key)} (${e.keyType})`).join(', ')}\n` +
          `  presented by the server: ${presented} (${keyTypeOf(keyBlob)})`,
      };
    }
  }
}

function normaliseFingerprint(f: string): string {
  return f.trim().replace(/=+$/, '');
}

/** Builds the trust from the shared inputs; with neither and not insecure, the connection will fail helpfully. */
export function hostTrustFrom(i: {
  knownHosts: string;
  hostFingerprint: string;
  insecure: boolean;
}): HostTrust {
  if (i.knownHosts) return { kind: 'known-hosts', lines: i.knownHosts.split('\n') };
  if (i.hostFingerprint) {
    if (!isFingerprint(i.hostFingerprint)) {
      throw new ConfigurationError(
        `input "host-fingerprint" got ${JSON.stringify(i.hostFingerprint)}: takes SHA256:<43 base64 characters>, as printed by ssh-keygen -lf`,
      );
    }
    return { kind: 'fingerprint', fingerprint: i.hostFingerprint };
  }
  return i.insecure ? { kind: 'insecure' } : { kind: 'none' };
}
