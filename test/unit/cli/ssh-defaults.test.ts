import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { execFileSync } from 'node:child_process';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { ActionIO } from '../../../src/io/action-io.js';
import { withSshDefaults } from '../../../src/cli/ssh-defaults.js';
import { sshHostSettings } from '../../../src/ssh/ssh-config.js';
import { hostMatches } from '../../../src/ssh/host-key.js';

/** A home with ~/.ssh holding `files` (keys made by the real ssh-keygen). */
function home(files: { config?: string; keys?: [name: string, passphrase: string][]; knownHosts?: string }) {
  const dir = mkdtempSync(join(tmpdir(), 'vpsd-home-'));
  mkdirSync(join(dir, '.ssh'));
  if (files.config) writeFileSync(join(dir, '.ssh', 'config'), files.config);
  if (files.knownHosts) writeFileSync(join(dir, '.ssh', 'known_hosts'), files.knownHosts);
  for (const [name, pass] of files.keys ?? [])
    execFileSync('ssh-keygen', [
      '-q',
      '-t',
      name.includes('rsa') ? 'rsa' : name.includes('ecdsa') ? 'ecdsa' : 'ed25519',
      '-N',
      pass,
      '-C',
      name,
      '-f',
      join(dir, '.ssh', name),
    ]);
  return dir;
}

const io = (inputs: Record<string, string>): ActionIO => ({ input: (n) => inputs[n] ?? '' }) as ActionIO;

async function defaults(dir: string, inputs: Record<string, string>) {
  const notes: string[] = [];
  const sources: Record<string, string> = {};
  const out = await withSshDefaults(
    io(inputs),
    { home: dir, localUser: 'me', agentSocket: '', systemKnownHosts: join(dir, 'no-system-file') },
    (m) => void notes.push(m),
    sources,
  );
  const names = ['host', 'port', 'username', 'jump-host', 'key', 'known-hosts'];
  return { values: Object.fromEntries(names.map((n) => [n, out.input(n)])), notes, sources };
}

const CONFIG = `
Host prod
  HostName 10.0.0.5
  User deploy
  Port 2222
  ProxyJump bastion@jump.example.com:22,second

Host web-*
  HostName %h.internal
  IdentityFile ~/.ssh/web_key

Host *
  User fallback
`;

describe('~/.ssh/config Host aliases', () => {
  it.each([
    [
      { host: 'prod' },
      { host: '10.0.0.5', port: '2222', username: 'deploy', 'jump-host': 'bastion@jump.example.com:22' },
    ],
    // A flag or vps-deploy.yml value wins over ~/.ssh/config.
    [
      { host: 'prod', port: '22', username: 'ops' },
      { host: '10.0.0.5', port: '22', username: 'ops' },
    ],
    [{ host: 'web-1' }, { host: 'web-1.internal', username: 'fallback', port: '' }],
    [{ host: 'other.example.com' }, { host: 'other.example.com', username: 'fallback' }],
    // Several hosts: no alias applies (one Host's port and user cannot speak for all).
    [{ host: 'prod,web-1' }, { host: 'prod,web-1', username: '' }],
  ])('%j', async (inputs, expected) => {
    const { values } = await defaults(home({ config: CONFIG }), inputs);
    expect(values).toMatchObject(expected);
  });

  it('only the first hop of a ProxyJump chain, said so', async () => {
    const { notes } = await defaults(home({ config: CONFIG }), { host: 'prod' });
    expect(notes).toContain(
      '~/.ssh/config: ProxyJump bastion@jump.example.com:22,second: only the first hop (bastion@jump.example.com:22) is used',
    );
  });

  it('Match exec is never run', () => {
    const marker = join(mkdtempSync(join(tmpdir(), 'vpsd-')), 'ran');
    const s = sshHostSettings(`Match exec "touch ${marker}"\n  User x\n`, 'h', '/home/me', 'me');
    expect(s.user).toBeUndefined();
    expect(() => execFileSync('test', ['-e', marker])).toThrow();
  });
});

describe('keys as ssh picks them', () => {
  it('the first usable of id_ed25519, id_ecdsa, id_rsa; an encrypted one without passphrase is skipped with a note', async () => {
    const dir = home({
      keys: [
        ['id_ed25519', 'secret-pass'],
        ['id_rsa', ''],
      ],
    });
    const { values, notes, sources } = await defaults(dir, { host: 'h' });
    expect(values.key).toContain('BEGIN OPENSSH PRIVATE KEY');
    expect(sources.key).toBe('~/.ssh/id_rsa');
    expect(notes[0]).toMatch(
      /skipped .*id_ed25519: it is encrypted and no passphrase was given \(add it to your agent: ssh-add/,
    );
  });

  it('with the passphrase given, the encrypted key is used', async () => {
    const dir = home({
      keys: [
        ['id_ed25519', 'secret-pass'],
        ['id_rsa', ''],
      ],
    });
    const { sources } = await defaults(dir, { host: 'h', passphrase: 'secret-pass' });
    expect(sources.key).toBe('~/.ssh/id_ed25519');
  });

  it("the Host's IdentityFile before the defaults", async () => {
    const dir = home({
      config: CONFIG,
      keys: [
        ['web_key', ''],
        ['id_ed25519', ''],
      ],
    });
    expect((await defaults(dir, { host: 'web-1' })).sources.key).toBe('~/.ssh/web_key');
  });

  it('a key or password given: nothing is read', async () => {
    const dir = home({ keys: [['id_ed25519', '']] });
    expect((await defaults(dir, { host: 'h', key: 'K' })).values.key).toBe('K');
    expect((await defaults(dir, { host: 'h', password: 'p' })).values.key).toBe('');
  });
});

describe('known hosts', () => {
  const line = '|1|c2FsdHNhbHRzYWx0c2FsdA==|x ssh-ed25519 AAAA';
  it('~/.ssh/known_hosts when neither known-hosts nor host-fingerprint is given', async () => {
    const dir = home({ knownHosts: `${line}\n` });
    expect((await defaults(dir, { host: 'h' })).values['known-hosts']).toBe(`${line}\n`);
    expect((await defaults(dir, { host: 'h', 'host-fingerprint': 'SHA256:x' })).values['known-hosts']).toBe(
      '',
    );
  });

  it('hashed entries match as ssh wrote them (ssh-keygen -H)', () => {
    const dir = home({});
    const file = join(dir, 'kh');
    writeFileSync(file, '[127.0.0.1]:2222 ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIB2\n');
    execFileSync('ssh-keygen', ['-q', '-H', '-f', file]);
    const hashed = execFileSync('cat', [file]).toString().trim().split(/\s+/)[0]!;
    expect(hashed.startsWith('|1|')).toBe(true);
    expect(hostMatches(hashed, '127.0.0.1', 2222)).toBe(true);
    expect(hostMatches(hashed, '127.0.0.1', 22)).toBe(false);
  });
});
