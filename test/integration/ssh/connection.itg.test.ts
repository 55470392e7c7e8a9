import { createHash, generateKeyPairSync, randomBytes } from 'node:crypto';
import { statSync, readFileSync } from 'node:fs';
import { createServer } from 'node:net';
import type { Server } from 'node:net';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ConfigurationError, RemoteError } from '../../../src/io/errors.js';
import { SshConnection } from '../../../src/ssh/connection.js';
import type { SshTarget } from '../../../src/ssh/target.js';
import { sh } from '../../../src/ssh/quote.js';
import { serverBaseDir } from '../../harness/parts.js';
import { startSshd } from '../../harness/sshd.js';
import type { SshServer } from '../../harness/sshd.js';
import { freePort } from '../../harness/ports.js';

/**
 * The SSH layer itself against a real OpenSSH server: exit codes, stdin, output bounds, late listeners, atomic
 * uploads, tunnels, refused logins and a cut connection.
 */
let ssh: SshServer;
let conn: SshConnection;
const quiet = { info: () => undefined, debug: () => undefined, warning: () => undefined };

function target(over: Partial<SshTarget> = {}): SshTarget {
  return {
    host: ssh.host,
    port: ssh.port,
    username: ssh.user,
    privateKey: ssh.clientKey,
    knownHosts: '',
    hostFingerprint: ssh.fingerprint,
    insecureIgnoreHostKey: false,
    connectTimeoutSeconds: 5,
    connectRetries: 1,
    ...over,
  };
}

beforeAll(async () => {
  ssh = await startSshd();
  conn = await SshConnection.open(target(), quiet);
});
afterAll(async () => {
  conn?.dispose();
  await ssh?.stop();
});

describe('SshConnection', () => {
  it('decides by exit code, never by stderr', async () => {
    expect(await conn.exec('echo warning >&2; exit 0', { log: false })).toMatchObject({
      code: 0,
      stderr: 'warning\n',
    });
    expect(await conn.exec('echo out; exit 7', { log: false })).toMatchObject({ code: 7, stdout: 'out\n' });
    await expect(conn.run('echo why >&2; exit 3', 'the step', { log: false })).rejects.toThrow(
      /the step failed \(exit 3\):\nwhy/,
    );
  });

  it('passes secrets on stdin, not on the command line', async () => {
    expect((await conn.exec('cat', { stdin: 's3cret value\n', log: false })).stdout).toBe('s3cret value\n');
  });

  it("a raw channel's exit status is known even when read after the command has long ended", async () => {
    for (let i = 0; i < 20; i++) {
      const ch = await conn.channel(i % 2 ? 'exit 5' : 'printf x');
      ch.resume();
      await new Promise((r) => setTimeout(r, 20));
      expect((await ch.exitStatus).code).toBe(i % 2 ? 5 : 0);
    }
  });

  it('uploads atomically with the mode asked, to a path with spaces and quotes', async () => {
    const dir = join(serverBaseDir('ssh-itg-'), "it's a dir");
    await conn.run(sh`mkdir -p ${dir}`, 'mkdir', { log: false });
    const path = join(dir, '.env');
    await conn.upload('TOKEN=abc\n', path, 0o600);
    expect(readFileSync(path, 'utf8')).toBe('TOKEN=abc\n');
    expect(statSync(path).mode & 0o777).toBe(0o600);
    expect((await conn.exec(sh`ls -A ${dir}`, { log: false })).stdout).toBe('.env\n');
  });
});

describe('SshConnection commands', () => {
  it('returns output as the command wrote it, untrimmed, and logs it line by line', async () => {
    const lines: string[] = [];
    const logged = await SshConnection.open(target(), { ...quiet, info: (l) => lines.push(l) });
    try {
      const r = await logged.exec("printf '  padded  \\n\\n'; printf 'err line\\n' >&2; printf 'no newline'");
      expect(r).toMatchObject({ code: 0, stdout: '  padded  \n\nno newline', stderr: 'err line\n' });
      expect(lines).toEqual(expect.arrayContaining(['  padded  ', 'err line', 'no newline']));
    } finally {
      logged.dispose();
    }
  });

  it('keeps at most maxStdout bytes of a long output', async () => {
    const r = await conn.exec("head -c 200000 /dev/zero | tr '\\0' x", { log: false, maxStdout: 1000 });
    expect(r.code).toBe(0);
    expect(r.stdout).toBe('x'.repeat(1000));
  });

  it('takes stdin as bytes or as a stream, byte for byte', async () => {
    const bytes = randomBytes(70_000);
    const hex = (b: Buffer) => createHash('sha256').update(b).digest('hex');
    const fromBuffer = await conn.exec('sha256sum', { stdin: bytes, log: false });
    expect(fromBuffer.stdout.split(' ')[0]).toBe(hex(bytes));
    const chunks = [randomBytes(300_000), randomBytes(1), randomBytes(500_000)];
    const fromStream = await conn.exec('sha256sum', { stdin: Readable.from(chunks), log: false });
    expect(fromStream.stdout.split(' ')[0]).toBe(hex(Buffer.concat(chunks)));
  });

  it('a command killed by a signal ends with that signal, and run() names it', async () => {
    expect(await conn.exec('kill -KILL $$', { log: false })).toMatchObject({ code: 128, signal: 'SIGKILL' });
    await expect(conn.run('kill -TERM $$', 'the step', { log: false })).rejects.toThrow(
      /the step failed \(exit SIGTERM\)/,
    );
  });

  it('uploads a stream, and a failed upload leaves no temp file behind', async () => {
    const dir = serverBaseDir('ssh-itg-');
    const path = join(dir, 'from-stream');
    await conn.upload(Readable.from([Buffer.from('a'), Buffer.from('b'.repeat(100_000))]), path, 0o640);
    expect(readFileSync(path, 'utf8')).toBe('a' + 'b'.repeat(100_000));
    expect(statSync(path).mode & 0o777).toBe(0o640);
    await conn.run(sh`mkdir -p ${dir}/ro && chmod 500 ${dir}/ro`, 'mkdir', { log: false });
    await expect(conn.upload('x', join(dir, 'ro', 'f'))).rejects.toThrow(/upload to .*\/ro\/f failed/);
    await expect(conn.upload('x', join(dir, 'missing', 'f'))).rejects.toBeInstanceOf(RemoteError);
    expect((await conn.exec(sh`ls -A ${dir} ${dir}/ro`, { log: false })).stdout).not.toMatch(/tmp-/);
  });

  it("tunnels to a port on the server's loopback", async () => {
    const server: Server = createServer((s) => s.on('data', (d) => s.end(`echo:${d.toString()}`)));
    const port = await freePort();
    await new Promise<void>((r) => server.listen(port, '127.0.0.1', r));
    try {
      const stream = await conn.tunnel('127.0.0.1', port);
      stream.end('ping');
      const got: Buffer[] = [];
      for await (const d of stream) got.push(d as Buffer);
      expect(Buffer.concat(got).toString()).toBe('echo:ping');
      const closed = await freePort();
      await expect(conn.tunnel('127.0.0.1', closed)).rejects.toThrow(
        /could not open a tunnel to 127.0.0.1:\d+/,
      );
    } finally {
      server.close();
    }
  });
});

describe('SshConnection.open', () => {
  it('refuses a key the server does not know, saying what to check, without retrying', async () => {
    const stranger = generateKeyPairSync('rsa', {
      modulusLength: 2048,
      publicKeyEncoding: { type: 'pkcs1', format: 'pem' },
      privateKeyEncoding: { type: 'pkcs1', format: 'pem' },
    }).privateKey;
    const tries: string[] = [];
    const e = await SshConnection.open(target({ privateKey: stranger, connectRetries: 3 }), {
      ...quiet,
      info: (l) => tries.push(l),
    }).catch((x: unknown) => x);
    expect(e).toBeInstanceOf(ConfigurationError);
    expect((e as Error).message).toMatch(
      new RegExp(
        `authentication failed for ${ssh.user}@127.0.0.1:${ssh.port}: tried publickey; .*authorized_keys`,
      ),
    );
    expect(tries).toEqual([]);
  });

  it('refuses a host whose key is not the one given, naming both fingerprints', async () => {
    const e = await SshConnection.open(target({ hostFingerprint: ssh.otherFingerprint }), quiet).catch(
      (x: unknown) => x,
    );
    expect(e).toBeInstanceOf(ConfigurationError);
    expect((e as Error).message).toContain(ssh.otherFingerprint);
    expect((e as Error).message).toContain(ssh.fingerprint);
  });

  it('retries a port nothing listens on, then says how often it tried', async () => {
    const tries: string[] = [];
    const e = await SshConnection.open(target({ port: await freePort(), connectRetries: 2 }), {
      ...quiet,
      info: (l) => tries.push(l),
    }).catch((x: unknown) => x);
    expect(e).toBeInstanceOf(RemoteError);
    expect((e as Error).message).toMatch(
      /could not connect to 127.0.0.1:\d+ after 2 attempt\(s\).*ECONNREFUSED/,
    );
    expect(tries).toEqual([expect.stringMatching(/attempt 1 .* failed .*retrying in 1s/)]);
  });
});

describe('a cut connection', () => {
  it('fails the command in flight and every later one as lost, at once', async () => {
    const c = await SshConnection.open(target(), quiet);
    try {
      const started = Date.now();
      const running = c.exec('sleep 30', { log: false }).catch((x: unknown) => x);
      await new Promise((r) => setTimeout(r, 300));
      ssh.cutSessions();
      const e = await running;
      expect(e).toBeInstanceOf(RemoteError);
      expect((e as Error).message).toMatch(/SSH connection to 127.0.0.1.* was lost/);
      expect(Date.now() - started).toBeLessThan(20_000);
      expect(c.isOpen).toBe(false);
      await expect(c.exec('true')).rejects.toThrow(/was lost/);
      await expect(c.channel('true')).rejects.toThrow(/was lost/);
      await expect(c.upload('x', '/tmp/never')).rejects.toThrow(/was lost/);
    } finally {
      c.dispose();
    }
  });
});
