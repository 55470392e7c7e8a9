import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startHealthServer } from '../../harness/health-server.js';
import type { HealthServer } from '../../harness/health-server.js';
import { startSshd } from '../../harness/sshd.js';
import type { SshServer } from '../../harness/sshd.js';
import { runAction, sshInputs } from '../../harness/run-action.js';
import { spawnSync } from 'node:child_process';
import { cmd } from '../../harness/parts.js';

let web: HealthServer;
let ssh: SshServer;

beforeAll(async () => {
  web = await startHealthServer();
  ssh = await startSshd();
});
afterAll(async () => {
  await web?.close();
  await ssh?.stop();
});

const fast = { interval: '100ms', successes: 1, 'request-timeout': '2s' };

describe('actions/healthcheck from the runner', () => {
  it.each([
    ['/ok', 0, 'ok', '200'],
    ['/degraded', 0, 'degraded', '200'],
    ['/plain', 0, 'ok', '200'],
    ['/health-json', 0, 'degraded', '200'],
    ['/garbage', 0, 'ok', '200'],
    ['/503', 1, 'unhealthy', '503'],
    ['/fail-body', 1, 'unhealthy', '200'],
    ['/500', 1, 'unreachable', '500'],
    ['/redirect', 1, 'unreachable', '302'],
  ])('%s exits %i with verdict %s', async (path, exit, verdict, code) => {
    const r = await runAction('healthcheck', { url: web.url(path), timeout: '1s', ...fast });
    expect(r.code, r.everything).toBe(exit);
    expect(r.outputs.status).toBe(verdict);
    expect(r.outputs['http-code']).toBe(code);
    expect(Number(r.outputs['latency-ms'])).toBeGreaterThanOrEqual(0);
    expect(r.summary).toContain(verdict);
  });

  it('degraded fails when allow-degraded is false', async () => {
    const r = await runAction('healthcheck', {
      url: web.url('/degraded'),
      timeout: '1s',
      'allow-degraded': 'false',
      ...fast,
    });
    expect(r.code).toBe(1);
    expect(r.outputs.status).toBe('degraded');
  });

  it('follows a redirect only when asked', async () => {
    const r = await runAction('healthcheck', {
      url: web.url('/redirect'),
      timeout: '2s',
      'follow-redirects': 1,
      ...fast,
    });
    expect(r.code, r.everything).toBe(0);
    expect(r.outputs.body).toContain('"ok"');
  });

  it('recovers: passes once the endpoint has answered 503 three times and then 200 twice', async () => {
    const r = await runAction('healthcheck', {
      url: web.url('/recover/3'),
      timeout: '10s',
      interval: '100ms',
      successes: 2,
    });
    expect(r.code, r.everything).toBe(0);
    expect(r.outputs.attempts).toBe('5');
  });

  it('a flapping endpoint never gets two passes in a row', async () => {
    const r = await runAction('healthcheck', {
      url: web.url('/flap'),
      timeout: '1500ms',
      interval: '100ms',
      successes: 2,
    });
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(/health-timeout \(1\.5s\) ran out/);
  });

  it('a hanging endpoint is cut by request-timeout and the gate ends by its deadline', async () => {
    const t0 = Date.now();
    const r = await runAction('healthcheck', {
      url: web.url('/hang'),
      timeout: '2s',
      interval: '100ms',
      'request-timeout': '500ms',
    });
    expect(r.code).toBe(1);
    expect(r.outputs.status).toBe('unreachable');
    expect(r.stdout).toContain('no response within');
    expect(Date.now() - t0).toBeLessThan(8000);
  });

  it('reads a very large body only up to its bound', async () => {
    const r = await runAction('healthcheck', { url: web.url('/big'), timeout: '2s', ...fast });
    expect(r.code).toBe(0);
    expect(r.outputs.body?.length).toBeLessThan(2000);
  });

  it('a connection dropped mid-response is unreachable', async () => {
    const r = await runAction('healthcheck', { url: web.url('/drop'), timeout: '1s', ...fast });
    expect(r.code).toBe(1);
    expect(r.outputs.status).toBe('unreachable');
  });

  it('refused connection is unreachable', async () => {
    const r = await runAction('healthcheck', { url: 'http://127.0.0.1:9/health', timeout: '1s', ...fast });
    expect(r.code).toBe(1);
    expect(r.stdout).toContain('connection refused');
  });
});

describe('bad input is refused before anything runs', () => {
  it.each([
    [
      { url: 'ftp://example.com/health' },
      'input "url" got "ftp://example.com/health": takes an http:// or https:// URL',
    ],
    [{ url: '' }, 'input "url" got "": is required'],
    [{ url: 'http://x/h', timeout: '-5' }, 'input "timeout" got "-5": takes a duration > 0'],
    [{ url: 'http://x/h', timeout: '0' }, 'input "timeout" got "0": takes a duration > 0'],
    [
      { url: 'http://x/h', successes: 'two' },
      'input "successes" got "two": takes a whole number from 1 to 100',
    ],
    [
      { url: 'http://x/h', 'allow-degraded': 'maybe' },
      'input "allow-degraded" got "maybe": takes true or false',
    ],
  ])('%o', async (inputs, message) => {
    const r = await runAction('healthcheck', inputs);
    expect(r.code).toBe(1);
    expect(r.stdout).toContain('::error::');
    expect(r.stdout).toContain(message);
  });
});

describe('actions/healthcheck through the SSH host', () => {
  it('probes the server loopback through a direct-tcpip tunnel', async () => {
    const r = await runAction('healthcheck', {
      url: web.url('/ok'),
      timeout: '5s',
      ...fast,
      ...sshInputs(ssh),
    });
    expect(r.code, r.everything).toBe(0);
    expect(r.outputs.status).toBe('ok');
    expect(r.summary).toContain('SSH host 127.0.0.1');
    expect(cmd('cat', [ssh.logFile])).toMatch(/Accepted publickey for vpsdeploy/);
    expect(cmd('cat', [ssh.logFile])).toContain(
      `server_request_direct_tcpip: originator 127.0.0.1 port 0, target 127.0.0.1 port ${web.port}`,
    );
  });

  it('accepts a known-hosts line', async () => {
    const { 'host-fingerprint': _f, ...rest } = sshInputs(ssh);
    const r = await runAction('healthcheck', {
      url: web.url('/ok'),
      ...fast,
      ...rest,
      'known-hosts': ssh.knownHostsLine,
    });
    expect(r.code, r.everything).toBe(0);
  });

  it('refuses a wrong host key, showing both fingerprints', async () => {
    const r = await runAction('healthcheck', {
      url: web.url('/ok'),
      ...fast,
      ...sshInputs(ssh),
      'host-fingerprint': ssh.otherFingerprint,
    });
    expect(r.code).toBe(1);
    expect(r.stdout).toContain('HOST KEY MISMATCH');
    expect(r.stdout).toContain(ssh.otherFingerprint);
    expect(r.stdout).toContain(ssh.fingerprint);
    expect(web.hits('/ok')).toBeGreaterThan(0); // earlier tests only
  });

  it('without any host key input, fails printing the fingerprint and the line to add', async () => {
    const { 'host-fingerprint': _f, ...rest } = sshInputs(ssh);
    const r = await runAction('healthcheck', { url: web.url('/ok'), ...fast, ...rest });
    expect(r.code).toBe(1);
    expect(r.stdout).toContain(ssh.fingerprint);
    expect(r.stdout).toContain(`[127.0.0.1]:${ssh.port} ssh-ed25519 `);
  });

  it('insecure-ignore-host-key connects with a warning', async () => {
    const { 'host-fingerprint': _f, ...rest } = sshInputs(ssh);
    const r = await runAction('healthcheck', {
      url: web.url('/ok'),
      ...fast,
      ...rest,
      'insecure-ignore-host-key': 'true',
    });
    expect(r.code, r.everything).toBe(0);
    expect(r.stdout).toContain('::warning::Host key of 127.0.0.1 is not verified');
  });

  it('a key that is not a key is refused without printing it', async () => {
    const bogus = 'this-is-not-a-private-key-but-a-secret-value';
    const r = await runAction('healthcheck', { url: web.url('/ok'), ...fast, ...sshInputs(ssh), key: bogus });
    expect(r.code).toBe(1);
    expect(r.stdout).toContain('input "key" is not a private key');
    expect(r.stdout.replace(/::add-mask::.*\n/g, '')).not.toContain(bogus);
  });

  it('a passphrase-protected key without passphrase says so; with it, connects', async () => {
    const dir = ssh.dir;
    cmd('ssh-keygen', ['-q', '-t', 'ed25519', '-N', 'correct horse', '-f', `${dir}/locked`]);
    cmd('sh', ['-c', `cat ${dir}/locked.pub >> ${ssh.home}/.ssh/authorized_keys`]);
    const key = cmd('cat', [`${dir}/locked`]);
    const without = await runAction('healthcheck', { url: web.url('/ok'), ...fast, ...sshInputs(ssh), key });
    expect(without.code).toBe(1);
    expect(without.stdout).toContain('encrypted private key: set "passphrase"');
    const withIt = await runAction('healthcheck', {
      url: web.url('/ok'),
      ...fast,
      ...sshInputs(ssh),
      key,
      passphrase: 'correct horse',
    });
    expect(withIt.code, withIt.everything).toBe(0);
  });

  it('an authentication failure says which methods the server offers', async () => {
    cmd('ssh-keygen', ['-q', '-t', 'ed25519', '-N', '', '-f', `${ssh.dir}/stranger`]);
    const r = await runAction('healthcheck', {
      url: web.url('/ok'),
      ...fast,
      ...sshInputs(ssh),
      key: cmd('cat', [`${ssh.dir}/stranger`]),
    });
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(
      /authentication failed for vpsdeploy@127\.0\.0\.1.*tried publickey; the server offers publickey/,
    );
  });

  it('an unreachable host fails within connect-timeout x retries, naming it', async () => {
    const t0 = Date.now();
    const r = await runAction('healthcheck', {
      url: web.url('/ok'),
      ...fast,
      ...sshInputs(ssh),
      port: 9,
      'connect-timeout': '1s',
      'connect-retries': 2,
    });
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(/could not connect to 127\.0\.0\.1:9 after 2 attempt/);
    expect(Date.now() - t0).toBeLessThan(10_000);
  });

  it('the server dropping the connection mid-gate fails the step cleanly', async () => {
    const r = await runAction(
      'healthcheck',
      {
        url: web.url('/hang'),
        timeout: '20s',
        interval: '100ms',
        'request-timeout': '10s',
        ...sshInputs(ssh),
      },
      { onStdout: (s) => s.includes('Gating on') && setTimeout(() => ssh.cutSessions(), 300) },
    );
    expect(r.code).toBe(1);
    expect(r.outputs.status).toBe('unreachable');
    expect(r.stdout).toMatch(/lost|refused|closed|reset/i);
  });

  it('reaches the host through a jump host (bastion), verifying both host keys', async () => {
    const target = await startSshd();
    try {
      const r = await runAction('healthcheck', {
        url: web.url('/ok'),
        ...fast,
        host: target.host,
        port: target.port,
        username: target.user,
        key: target.clientKey,
        'known-hosts': `${ssh.knownHostsLine}\n${target.knownHostsLine}`,
        'jump-host': `${ssh.user}@${ssh.host}:${ssh.port}`,
      });
      expect(r.code, r.everything).toBe(0);
      // The bastion opened a channel to the target's SSH port; the target opened one to the app.
      expect(cmd('cat', [ssh.logFile])).toContain(`target 127.0.0.1 port ${target.port}`);
      expect(cmd('cat', [target.logFile])).toContain(`target 127.0.0.1 port ${web.port}`);
    } finally {
      await target.stop();
    }
  });
});

describe('password authentication', () => {
  it('logs in with a password when no key is given, and never prints it', async () => {
    const user = 'vpsdeploy-pw';
    const password = 'pw-Zq81-not-on-any-command-line';
    if (spawnSync('id', [user]).status !== 0) cmd('useradd', ['-m', '-s', '/bin/bash', user]);
    cmd('chpasswd', [], { input: `${user}:${password}\n` });
    const server = await startSshd({ password: true });
    try {
      const r = await runAction('healthcheck', {
        url: web.url('/ok'),
        ...fast,
        host: server.host,
        port: server.port,
        username: user,
        password,
        'host-fingerprint': server.fingerprint,
      });
      expect(r.code, r.everything).toBe(0);
      expect(cmd('cat', [server.logFile])).toMatch(new RegExp(`Accepted password for ${user}`));
      expect(r.everything.replace(/^::add-mask::.*$/gm, '')).not.toContain(password);
      const wrong = await runAction('healthcheck', {
        url: web.url('/ok'),
        ...fast,
        host: server.host,
        port: server.port,
        username: user,
        password: 'wrong-password',
        'host-fingerprint': server.fingerprint,
      });
      expect(wrong.code).toBe(1);
      expect(wrong.stdout).toMatch(
        /authentication failed for vpsdeploy-pw@127\.0\.0\.1.*tried password; the server offers publickey, password \(check the password\)/,
      );
    } finally {
      await server.stop();
    }
  });
});
