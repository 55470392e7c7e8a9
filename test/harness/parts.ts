import { execFileSync, spawnSync } from 'node:child_process';
import { chmodSync, chownSync, existsSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/**
 * The real parts the integration suites need. A missing one fails the run naming the Debian package
 * (`.ci/run` installs them; see ../shared/TESTING.md): never a silent skip.
 */
export const PARTS: Record<string, { binary: string; pkg: string }> = {
  sshd: { binary: '/usr/sbin/sshd', pkg: 'openssh-server' },
  'ssh-keygen': { binary: '/usr/bin/ssh-keygen', pkg: 'openssh-client' },
  'ssh-agent': { binary: '/usr/bin/ssh-agent', pkg: 'openssh-client' },
  'ssh-add': { binary: '/usr/bin/ssh-add', pkg: 'openssh-client' },
  dockerd: { binary: '/usr/sbin/dockerd', pkg: 'docker.io' },
  'docker-compose': { binary: '/usr/bin/docker-compose', pkg: 'docker-compose' },
  'docker-registry': { binary: '/usr/bin/docker-registry', pkg: 'docker-registry' },
  busybox: { binary: '/bin/busybox', pkg: 'busybox-static' },
  sqlite3: { binary: '/usr/bin/sqlite3', pkg: 'sqlite3' },
  supervisord: { binary: '/usr/bin/supervisord', pkg: 'supervisor' },
  pg_ctl: { binary: '/usr/lib/postgresql/15/bin/pg_ctl', pkg: 'postgresql' },
  flock: { binary: '/usr/bin/flock', pkg: 'util-linux' },
  // The library an sshd session preloads to run with its clock off (the clock-skew fault test).
  faketime: { binary: '/usr/lib/x86_64-linux-gnu/faketime/libfaketime.so.1', pkg: 'faketime' },
};

export function requireParts(...names: (keyof typeof PARTS)[]): void {
  const missing = names.filter((n) => !existsSync(PARTS[n]!.binary));
  if (missing.length) {
    throw new Error(
      `integration tests need ${missing.join(', ')}: apt-get install -y ${missing.map((m) => PARTS[m]!.pkg).join(' ')}`,
    );
  }
}

/** Runs a local command (as root, in the test process) and returns stdout; throws with stderr on failure. */
export function cmd(
  file: string,
  args: string[],
  opts: { input?: string; env?: NodeJS.ProcessEnv; cwd?: string } = {},
): string {
  return execFileSync(file, args, {
    encoding: 'utf8',
    input: opts.input,
    env: opts.env ?? process.env,
    cwd: opts.cwd,
    stdio: ['pipe', 'pipe', 'pipe'],
  });
}

/** git in `dir` as a test author (fixture repositories: a commit needs a name, whatever the machine's config). */
export function git(dir: string, ...args: string[]): string {
  return cmd('git', ['-C', dir, ...args], {
    env: {
      ...process.env,
      GIT_AUTHOR_NAME: 'Test',
      GIT_AUTHOR_EMAIL: 'test@example.com',
      GIT_COMMITTER_NAME: 'Test',
      GIT_COMMITTER_EMAIL: 'test@example.com',
    },
  }).trim();
}

/** Like cmd, through /bin/sh -c (for test fixtures only: the product never does this). */
export function shell(script: string, opts: { env?: NodeJS.ProcessEnv; cwd?: string } = {}): string {
  const r = spawnSync('/bin/sh', ['-c', script], {
    encoding: 'utf8',
    env: opts.env ?? process.env,
    cwd: opts.cwd,
  });
  if (r.status !== 0) throw new Error(`sh -c failed (${r.status}): ${script}\n${r.stderr}${r.stdout}`);
  return r.stdout;
}

export const TEST_USER = 'vpsdeploy';

/** The SSH login user of the test server: a real account, in the docker group when docker exists. */
export function ensureTestUser(): void {
  const exists = spawnSync('id', [TEST_USER]).status === 0;
  if (!exists) cmd('useradd', ['-m', '-s', '/bin/bash', TEST_USER]);
  // Without a password hash of '*', sshd refuses the account as locked.
  cmd('usermod', ['-p', '*', TEST_USER]);
  if (spawnSync('getent', ['group', 'docker']).status === 0) cmd('usermod', ['-aG', 'docker', TEST_USER]);
}

/** uid and gid of the SSH test user. */
export function testUserIds(): { uid: number; gid: number } {
  return {
    uid: Number(cmd('id', ['-u', TEST_USER]).trim()),
    gid: Number(cmd('id', ['-g', TEST_USER]).trim()),
  };
}

/** A fresh temp directory the SSH test user owns and others can traverse: the "server's" /srv for a suite. */
export function serverBaseDir(prefix: string): string {
  ensureTestUser();
  const dir = mkdtempSync(join(tmpdir(), prefix));
  chmodSync(dir, 0o755);
  const { uid, gid } = testUserIds();
  chownSync(dir, uid, gid);
  return dir;
}
