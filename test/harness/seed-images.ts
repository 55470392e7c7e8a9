import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { cmd, requireParts, shell } from './parts.js';

/**
 * Base images for the seed apps' compose stacks (issue 13), made from this machine's own files: nothing can be
 * pulled here (TESTING.md), and Debian already carries the seeds' stacks. Each image is built once per machine and
 * found again by its tag; remove the tag (`docker rmi`) to rebuild it after the host's packages change.
 */

const PG_VERSION = '15';
const PG_BIN = `/usr/lib/postgresql/${PG_VERSION}/bin`;
// prettier-ignore
const BUSYBOX_TOOLS = [
  'sh', 'cat', 'echo', 'sleep', 'mkdir', 'ls', 'tar', 'gzip', 'wget', 'rm', 'cp', 'mv', 'env', 'true', 'false',
  'test', 'kill', 'id', 'printf', 'head', 'grep', 'sed', 'chmod', 'chown', 'mktemp', 'su', 'nc', 'ps', 'touch',
  'date', 'find', 'ln', 'wc', 'sha256sum', 'dirname', 'basename', 'xargs', 'cut', 'tr', 'sort', 'seq', 'timeout',
];

function imageExists(tag: string): boolean {
  return spawnSync('docker', ['image', 'inspect', tag], { stdio: 'ignore' }).status === 0;
}

/** The shared libraries the given ELF files load (ldd), so a copied binary runs in an image of its own. */
function sharedLibraries(files: string[]): string[] {
  const libs = new Set<string>();
  // ldd exits non-zero for a file that is not dynamic (a script, a static binary): its output is still read.
  const out = spawnSync('ldd', files, { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 }).stdout;
  for (const line of out.split('\n')) {
    const m = /(\/\S+) \(0x/.exec(line);
    if (m) libs.add(m[1]!);
  }
  return [...libs];
}

/** Every shared object under these directories (Python extension modules, PostgreSQL's own libraries). */
function sharedObjectsUnder(dirs: string[]): string[] {
  return shell(`find ${dirs.join(' ')} -name '*.so*' -type f`)
    .split('\n')
    .filter(Boolean);
}

interface Rootfs {
  /** Single files, copied at the same path with symlinks followed (ldd prints libraries by their link names). */
  files: string[];
  /** ELF files already inside `dirs` whose shared libraries the image needs too. */
  loads?: string[];
  /** Whole directories, copied as they are (their inner symlinks kept). */
  dirs?: string[];
  /** tar --exclude patterns for the directories. */
  exclude?: string[];
  /** Extra files written into the image: path -> [content, mode]. */
  write?: Record<string, [string, number]>;
  /** `docker import -c` instructions (ENV, ENTRYPOINT, CMD, WORKDIR). */
  changes: string[];
}

/** Builds `tag` by `docker import` of a root filesystem: busybox for sh and the usual tools, plus what `spec` names. */
function importRootfs(tag: string, spec: Rootfs): string {
  requireParts('busybox');
  const root = mkdtempSync(join(tmpdir(), 'seed-rootfs-'));
  try {
    const files = [...new Set([...spec.files, ...sharedLibraries([...spec.files, ...(spec.loads ?? [])])])];
    // A script file, not `sh -c`: one argument may not exceed 128 KiB, and the copy list can be longer.
    const script = `${root}.sh`;
    writeFileSync(
      script,
      [
        `mkdir -p ${root}/bin ${root}/etc ${root}/usr/local/bin ${root}/tmp && chmod 1777 ${root}/tmp`,
        `cp /bin/busybox ${root}/bin/busybox`,
        ...BUSYBOX_TOOLS.map((c) => `ln -s busybox ${root}/bin/${c}`),
        ...files.map((f) => `mkdir -p ${root}$(dirname ${f}) && cp -L ${f} ${root}${f}`),
        ...(spec.dirs?.length
          ? [
              `tar -C / -cf - ${(spec.exclude ?? []).map((e) => `--exclude='${e}'`).join(' ')} ${spec.dirs
                .map((d) => d.replace(/^\//, ''))
                .join(' ')} | tar -C ${root} -xf -`,
            ]
          : []),
      ].join(' &&\n'),
    );
    shell(`sh -e ${script}`);
    const write: Record<string, [string, number]> = {
      '/etc/passwd': ['root:x:0:0:root:/root:/bin/sh\nnobody:x:65534:65534:nobody:/:/bin/false\n', 0o644],
      '/etc/group': ['root:x:0:\nnogroup:x:65534:\n', 0o644],
      ...spec.write,
    };
    for (const [path, [content, mode]] of Object.entries(write)) {
      shell(`mkdir -p ${root}$(dirname ${path})`);
      writeFileSync(join(root, path), content, { mode });
    }
    cmd('sh', [
      '-c',
      `tar -C ${root} -c . | docker import ${spec.changes.map((c) => `-c '${c}'`).join(' ')} - ${tag}`,
    ]);
  } finally {
    rmSync(root, { recursive: true, force: true });
    rmSync(`${root}.sh`, { force: true });
  }
  return tag;
}

/**
 * `local/seed-python:3`: the host's /usr/bin/python3 with its standard library and Debian's dist-packages
 * (fastapi, uvicorn, starlette, pydantic, sqlalchemy, alembic, psycopg2, django, gunicorn, celery, redis, …) and
 * every shared library their extension modules load. A fixture's Dockerfile is `FROM local/seed-python:3` + COPY.
 */
export function ensureSeedPythonImage(tag = 'local/seed-python:3'): string {
  if (imageExists(tag)) return tag;
  const version = shell(`/usr/bin/python3 -c 'import sys; print("%d.%d" % sys.version_info[:2])'`).trim();
  const dirs = [`/usr/lib/python${version}`, '/usr/lib/python3/dist-packages'];
  const scripts = ['gunicorn', 'uvicorn', 'alembic', 'celery', 'django-admin']
    .map((s) => `/usr/bin/${s}`)
    .filter((p) => spawnSync('test', ['-f', p]).status === 0);
  return importRootfs(tag, {
    files: [`/usr/bin/python${version}`, ...scripts],
    loads: sharedObjectsUnder(dirs),
    dirs,
    // The host's own hooks (a sitecustomize linked into /etc, machine-specific .pth files) are not the stack's.
    exclude: ['*/sitecustomize.py', '*/_sandboxing*', '*/__pycache__', `usr/lib/python${version}/test`],
    write: {
      '/usr/bin/python3': [`#!/bin/sh\nexec /usr/bin/python${version} "$@"\n`, 0o755],
      '/usr/bin/python': [`#!/bin/sh\nexec /usr/bin/python${version} "$@"\n`, 0o755],
      '/etc/passwd': [
        'root:x:0:0:root:/root:/bin/sh\napp:x:1000:1000:app:/app:/bin/sh\nnobody:x:65534:65534:nobody:/:/bin/false\n',
        0o644,
      ],
      '/etc/group': ['root:x:0:\napp:x:1000:\nnogroup:x:65534:\n', 0o644],
    },
    changes: [
      'ENV PATH=/usr/local/bin:/usr/bin:/bin',
      'ENV PYTHONUNBUFFERED=1',
      'ENV PYTHONDONTWRITEBYTECODE=1',
      'WORKDIR /app',
    ],
  });
}

/**
 * The entrypoint of `local/seed-postgres:15`, doing what the official image's does for an empty data directory:
 * initdb as the postgres user with POSTGRES_USER / POSTGRES_PASSWORD / POSTGRES_DB, local connections trusted
 * (so `docker exec … pg_dump -U $POSTGRES_USER` works, as the backup's compose:postgres source runs it), TCP with
 * a password from anywhere on the compose network. Then the server runs as PID 1 in the foreground.
 */
const POSTGRES_ENTRYPOINT = `#!/bin/sh
set -eu
PGDATA=\${PGDATA:-/var/lib/postgresql/data}
export PGDATA
# busybox su as root asks no password; -p keeps PGDATA; after --, su leaves the command's own options alone.
as_postgres() { su -p -s /bin/sh -c 'exec "$0" "$@"' postgres -- "$@"; }
mkdir -p "$PGDATA" /var/run/postgresql
chown 999:999 "$PGDATA" /var/run/postgresql
chmod 700 "$PGDATA"
if [ ! -s "$PGDATA/PG_VERSION" ]; then
  if [ -z "\${POSTGRES_PASSWORD:-}" ]; then
    echo "seed-postgres: POSTGRES_PASSWORD must be set for a new database" >&2
    exit 1
  fi
  user=\${POSTGRES_USER:-postgres}
  db=\${POSTGRES_DB:-$user}
  pwfile=$(mktemp)
  printf '%s\\n' "$POSTGRES_PASSWORD" >"$pwfile"
  chown 999:999 "$pwfile"
  as_postgres initdb -D "$PGDATA" -U "$user" --pwfile="$pwfile" --auth-local=trust --auth-host=scram-sha-256 \\
    -E UTF8 --locale=C >/dev/null
  rm -f "$pwfile"
  echo "listen_addresses = '*'" >>"$PGDATA/postgresql.conf"
  echo "host all all all scram-sha-256" >>"$PGDATA/pg_hba.conf"
  if [ "$db" != postgres ]; then
    as_postgres pg_ctl -D "$PGDATA" -w -o "-c listen_addresses=''" start >/dev/null
    # psql substitutes :"db" (quoted as an identifier) only in what it reads, not in -c.
    echo 'CREATE DATABASE :"db"' | as_postgres psql -X -q -v ON_ERROR_STOP=1 -U "$user" -d postgres -v db="$db"
    as_postgres pg_ctl -D "$PGDATA" -w -m fast stop >/dev/null
  fi
  echo "seed-postgres: initialised $PGDATA for $user/$db"
fi
exec su -p -s /bin/sh -c 'exec "$0" "$@"' postgres -- postgres -D "$PGDATA" "$@"
`;

/**
 * `local/seed-postgres:15`: a real PostgreSQL server from the host's /usr/lib/postgresql/15 and
 * /usr/share/postgresql/15 (plus zoneinfo, which Debian's build reads from the system), with pg_dump, pg_restore,
 * psql and pg_isready on PATH and an entrypoint that behaves like the official image's for a new data directory.
 * Stop it with SIGINT (fast shutdown) when it matters: `docker import` cannot set STOPSIGNAL, so a compose file
 * says `stop_signal: SIGINT` as the official image's Dockerfile does.
 */
export function ensureSeedPostgresImage(tag = 'local/seed-postgres:15'): string {
  if (imageExists(tag)) return tag;
  requireParts('pg_ctl');
  const libDir = `/usr/lib/postgresql/${PG_VERSION}`;
  const binaries = shell(`find ${PG_BIN} -type f`).split('\n').filter(Boolean);
  return importRootfs(tag, {
    files: [],
    // LLVM's JIT (llvmjit.so and libLLVM, ~100 MB) is left out: without it the server simply runs without JIT.
    loads: [...binaries, ...sharedObjectsUnder([`${libDir}/lib`]).filter((f) => !f.includes('llvmjit'))],
    exclude: ['*/llvmjit*', '*/bitcode'],
    dirs: [libDir, `/usr/share/postgresql/${PG_VERSION}`, '/usr/share/zoneinfo'],
    write: {
      '/usr/local/bin/docker-entrypoint.sh': [POSTGRES_ENTRYPOINT, 0o755],
      '/etc/passwd': [
        'root:x:0:0:root:/root:/bin/sh\npostgres:x:999:999:postgres:/var/lib/postgresql:/bin/sh\n',
        0o644,
      ],
      '/etc/group': ['root:x:0:\npostgres:x:999:\n', 0o644],
    },
    changes: [
      `ENV PATH=/usr/local/bin:${PG_BIN}:/bin`,
      'ENV PGDATA=/var/lib/postgresql/data',
      'ENTRYPOINT ["/usr/local/bin/docker-entrypoint.sh"]',
      'EXPOSE 5432',
    ],
  });
}

/**
 * `local/seed-caddy:2`: the host's /usr/bin/caddy (and the libraries it loads) on busybox, laid out like the
 * official image: config in /etc/caddy/Caddyfile, state in /data and /config, the admin API on localhost:2019
 * inside the container (so `docker compose exec caddy caddy reload --config /etc/caddy/Caddyfile` works).
 * Mount the Caddyfile's directory, not the file: a file written anew (a rename) on the host is a new inode that a
 * single-file bind mount never shows, and the reload then reports "config is unchanged".
 */
export function ensureSeedCaddyImage(tag = 'local/seed-caddy:2'): string {
  if (imageExists(tag)) return tag;
  return importRootfs(tag, {
    files: ['/usr/bin/caddy'],
    write: {
      '/etc/caddy/Caddyfile': [
        ':80 {\n\trespond "seed-caddy: mount your Caddyfile at /etc/caddy/Caddyfile"\n}\n',
        0o644,
      ],
    },
    changes: [
      'ENV PATH=/usr/local/bin:/usr/bin:/bin',
      'ENV XDG_CONFIG_HOME=/config',
      'ENV XDG_DATA_HOME=/data',
      'WORKDIR /srv',
      'CMD ["caddy", "run", "--config", "/etc/caddy/Caddyfile", "--adapter", "caddyfile"]',
    ],
  });
}
