import { spawnSync } from 'node:child_process';
import { chownSync, chmodSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { cmd, ensureTestUser, requireParts, TEST_USER } from './parts.js';
import { freePort } from './ports.js';

const BIN = '/usr/lib/postgresql/15/bin';

export interface PostgresServer {
  port: number;
  /** The socket directory (local connections trust everyone; TCP on 127.0.0.1 takes a password). */
  socketDir: string;
  superuser: string;
  password: string;
  /** A URL with the password, over TCP on 127.0.0.1. */
  url(database: string, user?: string, password?: string): string;
  /** Runs SQL through the socket as the superuser; returns psql's unaligned output. */
  sql(database: string, query: string): string;
  createDatabase(name: string): void;
  /** Runs a PostgreSQL client binary (pg_restore, …) against the socket. */
  client(binary: string, args: string[]): string;
  stop(): void;
}

/**
 * A throwaway PostgreSQL 15 cluster owned by the test user (TESTING.md): initdb + pg_ctl on a free port,
 * listening on 127.0.0.1 (scram-sha-256, so URLs need their password) and on a socket in a temp dir.
 */
export async function startPostgres(): Promise<PostgresServer> {
  requireParts('pg_ctl');
  ensureTestUser();
  const dir = mkdtempSync(join(tmpdir(), 'pg-'));
  chmodSync(dir, 0o755);
  const uid = Number(cmd('id', ['-u', TEST_USER]).trim());
  const gid = Number(cmd('id', ['-g', TEST_USER]).trim());
  chownSync(dir, uid, gid);
  const password = 'pg-s3cr#t/pass';
  const pwfile = join(dir, 'pw');
  writeFileSync(pwfile, `${password}\n`, { mode: 0o600 });
  chownSync(pwfile, uid, gid);
  const data = join(dir, 'data');
  const asUser = (args: string[]) => {
    const r = spawnSync('runuser', ['-u', TEST_USER, '--', ...args], { encoding: 'utf8' });
    if (r.status !== 0) throw new Error(`${args.join(' ')} failed: ${r.stderr}${r.stdout}`);
    return r.stdout;
  };
  asUser([
    `${BIN}/initdb`,
    '-D',
    data,
    '-U',
    'postgres',
    `--pwfile=${pwfile}`,
    '--auth-local=trust',
    '--auth-host=scram-sha-256',
    '-E',
    'UTF8',
    '--locale=C',
  ]);
  const port = await freePort();
  asUser([
    `${BIN}/pg_ctl`,
    '-D',
    data,
    '-l',
    join(dir, 'log'),
    '-w',
    '-o',
    `-p ${port} -k ${dir} -c listen_addresses=127.0.0.1 -c fsync=off`,
    'start',
  ]);
  const client = (binary: string, args: string[]) =>
    cmd(`${BIN}/${binary}`, ['-h', dir, '-p', String(port), '-U', 'postgres', ...args]);
  return {
    port,
    socketDir: dir,
    superuser: 'postgres',
    password,
    url: (db, user = 'postgres', pw = password) =>
      `postgresql://${user}:${encodeURIComponent(pw)}@127.0.0.1:${port}/${db}`,
    sql: (db, query) => client('psql', ['-d', db, '-X', '-q', '-At', '-v', 'ON_ERROR_STOP=1', '-c', query]),
    createDatabase: (name) => void client('createdb', [name]),
    client,
    stop() {
      spawnSync('runuser', ['-u', TEST_USER, '--', `${BIN}/pg_ctl`, '-D', data, '-m', 'immediate', 'stop'], {
        stdio: 'ignore',
      });
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/**
 * An image with PostgreSQL's client tools (pg_dump, pg_restore, psql) and busybox, built from this machine's
 * binaries and their shared libraries (no image can be pulled here). With the cluster's socket directory
 * mounted and PGHOST pointing at it, a compose service of this image is "the database container" whose
 * pg_dump the `compose:<service>` source runs.
 */
export function ensurePostgresClientImage(tag = 'local/pg-client:15'): string {
  if (spawnSync('docker', ['image', 'inspect', tag], { stdio: 'ignore' }).status === 0) return tag;
  const root = mkdtempSync(join(tmpdir(), 'pg-rootfs-'));
  const tools = ['pg_dump', 'pg_restore', 'psql'].map((t) => `${BIN}/${t}`);
  const libs = new Set<string>();
  for (const t of tools) {
    for (const line of cmd('ldd', [t]).split('\n')) {
      const m = /(\/\S+) \(0x/.exec(line);
      if (m) libs.add(m[1]!);
    }
  }
  const files = [...tools, ...libs];
  cmd('sh', [
    '-c',
    [
      `mkdir -p ${root}/bin ${root}/tmp ${root}/etc ${root}/usr/local/bin`,
      `cp /bin/busybox ${root}/bin/busybox`,
      ...['sh', 'sleep', 'cat', 'ls', 'tar'].map((c) => `ln -s busybox ${root}/bin/${c}`),
      // cp -L: libraries are often symlinks; the image needs the files at the names ldd printed.
      ...files.map((f) => `mkdir -p ${root}$(dirname ${f}) && cp -L ${f} ${root}${f}`),
      ...tools.map((t) => `ln -s ${t} ${root}/usr/local/bin/$(basename ${t})`),
      `printf 'root:x:0:0:root:/root:/bin/sh\\n' > ${root}/etc/passwd`,
      `tar -C ${root} -c . | docker import -c 'ENV PATH=/usr/local/bin:/bin' - ${tag}`,
    ].join(' && '),
  ]);
  rmSync(root, { recursive: true, force: true });
  return tag;
}
