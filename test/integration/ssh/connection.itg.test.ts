import { statSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SshConnection } from '../../../src/ssh/connection.js';
import { sh } from '../../../src/ssh/quote.js';
import { serverBaseDir } from '../../harness/parts.js';
import { startSshd } from '../../harness/sshd.js';
import type { SshServer } from '../../harness/sshd.js';

/** The SSH layer itself against a real OpenSSH server: exit codes, stdin, late listeners, atomic uploads. */
let ssh: SshServer;
let conn: SshConnection;
const quiet = { info: () => undefined, debug: () => undefined, warning: () => undefined };

beforeAll(async () => {
  ssh = await startSshd();
  conn = await SshConnection.open(
    {
      host: ssh.host,
      port: ssh.port,
      username: ssh.user,
      privateKey: ssh.clientKey,
      knownHosts: '',
      hostFingerprint: ssh.fingerprint,
      insecureIgnoreHostKey: false,
      connectTimeoutSeconds: 5,
      connectRetries: 1,
    },
    quiet,
  );
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
