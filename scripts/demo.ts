/**
 * npm run demo — two of our users' apps (../shared/seeds) deployed on throwaway servers on this machine by the
 * example workflows they would copy, with the bundled actions run as GitHub runs them:
 *  1. Decidero's shape (systemd + Caddy + SQLite): workflows-examples/fastapi-sqlite-caddy/ (scripts/demo/decidero.ts)
 *  2. Deita's shape (Docker Compose + nginx + Postgres): workflows-examples/compose-two-images-postgres/
 *     (scripts/demo/deita.ts)
 * Each: init on a fresh server, v1, v2 blue-green while requests flow through the proxy, a broken v3 that never
 * gets traffic, a verified backup, `vps-deploy status`. On a fresh Debian machine, run as root, it first installs
 * what it needs (OpenSSH, Caddy, nginx, Docker + Compose + a registry, Python's FastAPI stack, PostgreSQL). Everything
 * it started is stopped and removed at the end, also on failure or Ctrl-C.
 */
import { spawnSync } from 'node:child_process';
import { cmd } from '../test/harness/parts.js';
import { cleanups, say, banner } from './demo/common.js';
import { decideroDemo } from './demo/decidero.js';
import { deitaDemo } from './demo/deita.js';

/** Binary (or Python module) → Debian package: the parts both seeds' servers and apps are made of. */
const NEEDED: Record<string, string> = {
  '/usr/sbin/sshd': 'openssh-server',
  '/usr/bin/ssh-keygen': 'openssh-client',
  '/usr/sbin/visudo': 'sudo',
  '/usr/bin/sqlite3': 'sqlite3',
  '/usr/bin/git': 'git',
  '/usr/bin/flock': 'util-linux',
  '/usr/bin/curl': 'curl',
  '/usr/bin/caddy': 'caddy',
  '/usr/sbin/nginx': 'nginx',
  '/usr/sbin/dockerd': 'docker.io',
  '/usr/bin/docker-compose': 'docker-compose',
  '/usr/bin/docker-registry': 'docker-registry',
  '/bin/busybox': 'busybox-static',
  '/usr/bin/pg_dump': 'postgresql',
  '/usr/bin/python3': 'python3',
  'python:fastapi': 'python3-fastapi',
  'python:uvicorn': 'python3-uvicorn',
  'python:sqlalchemy': 'python3-sqlalchemy',
  'python:alembic': 'python3-alembic',
  'python:psycopg2': 'python3-psycopg2',
};

function present(part: string): boolean {
  if (part.startsWith('python:')) {
    return spawnSync('/usr/bin/python3', ['-c', `import ${part.slice(7)}`], { stdio: 'ignore' }).status === 0;
  }
  return spawnSync('test', ['-x', part]).status === 0;
}

function ensureParts(): void {
  const pkgs = [
    ...new Set(
      Object.entries(NEEDED)
        .filter(([p]) => !present(p))
        .map(([, pkg]) => pkg),
    ),
  ];
  if (!pkgs.length) return;
  if (process.getuid?.() !== 0)
    throw new Error(`the demo needs (as root): apt-get install -y ${pkgs.join(' ')}`);
  say(`installing ${pkgs.join(' ')} …`);
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  cmd('apt-get', ['update', '-q'], { env });
  cmd('apt-get', ['install', '-y', '-q', ...pkgs], { env });
}

async function main(): Promise<void> {
  if (process.getuid?.() !== 0)
    throw new Error('run the demo as root: it makes users, sudoers lines and services');
  ensureParts();
  // Leave the machine as it was: a Docker engine or registry the demo had to start is stopped at the end.
  const running = (pattern: string) => spawnSync('pgrep', ['-f', pattern], { stdio: 'ignore' }).status === 0;
  const hadDockerd = running('^dockerd');
  const hadRegistry = running('docker-registry serve');
  cleanups.push(() => {
    if (!hadRegistry) spawnSync('pkill', ['-f', 'docker-registry serve']);
    if (!hadDockerd) spawnSync('pkill', ['-x', 'dockerd']);
  });
  say(
    'vps-deploy demo: throwaway servers on loopback, the example workflows’ steps run as GitHub runs them.',
  );
  await decideroDemo();
  await deitaDemo();
  banner('done');
  say(
    'Every step above ran `node dist/<action>/index.js` with the inputs its example workflow gives, as the runner does.',
  );
}

async function cleanup(): Promise<void> {
  for (const c of cleanups.reverse()) {
    try {
      await c();
    } catch (e) {
      // Go on with the rest, but say what may be left behind.
      say(`cleanup: ${e instanceof Error ? e.message : String(e)}`);
    }
  }
  cleanups.length = 0;
}

process.on('SIGINT', () => void cleanup().then(() => process.exit(130)));
try {
  await main();
} catch (e) {
  process.exitCode = 1;
  say(`demo failed: ${e instanceof Error ? e.message : String(e)}`);
} finally {
  await cleanup();
  // A part that could not be stopped (its cleanup failed, as said above) must not keep the demo running.
  process.exit();
}
