import { spawn, spawnSync } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import {
  chmodSync,
  chownSync,
  closeSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  openSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { quoteForShell as q } from '../../src/ssh/quote.js';
import { ensureTestUser, testUserIds, TEST_USER } from './parts.js';
import { freePort } from './ports.js';
import { waitForPort } from './sshd.js';

/**
 * A real Caddy or nginx from Debian on free loopback ports, in front of an upstream file the way a user's proxy
 * includes it (docs/blue-green.md). The proxy runs as the SSH test user, so the deploy user can reload it without
 * root: `reloadCommand` is what a suite passes as `proxy-reload-command` (and what root may run locally too).
 * Each instance has its own admin port, pid file and logs in a temp dir.
 */
export interface RunningProxy {
  kind: 'caddy' | 'nginx';
  /** http://127.0.0.1:<port>/ : the site, through the proxy. */
  url: string;
  port: number;
  /** Reloads this instance (graceful); exits non-zero when the proxy refuses its config. */
  reloadCommand: string;
  /** The main config (Caddyfile / nginx.conf). */
  configFile: string;
  dir: string;
  /** The proxy's own log (errors, reloads). */
  log(): string;
  stop(): Promise<void>;
}

export interface ProxyHarnessOptions {
  /** Absolute path of the one-line upstream file the site includes. */
  upstreamFile: string;
  /** Writes the upstream file naming 127.0.0.1:<port> (owned by the test user) before the proxy starts. */
  port?: number;
  /**
   * A file the main config also reads at top level, where a proxy-config is installed (proxy-config-path): Caddy
   * `import`s it beside the harness site (it holds site blocks), nginx `include`s it in `http` (server blocks).
   * Created holding SITE_PLACEHOLDER when missing (Caddy 2.6 refuses to import an empty file).
   */
  siteImport?: string;
}

/** What a missing siteImport file is created with: a comment, as Caddy 2.6 cannot import an empty file. */
export const SITE_PLACEHOLDER = '# the proxy-config (proxy-config-path) goes here\n';

const BINARIES = { caddy: '/usr/bin/caddy', nginx: '/usr/sbin/nginx' } as const;

/** The proxy binary, installed from Debian when missing and we are root (as .ci/run does). */
function ensureInstalled(kind: 'caddy' | 'nginx'): void {
  if (existsSync(BINARIES[kind])) return;
  if (process.getuid?.() === 0 && existsSync('/usr/bin/apt-get')) {
    const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
    spawnSync('apt-get', ['update', '-q'], { stdio: 'inherit', env });
    spawnSync('apt-get', ['install', '-y', '-q', '--no-install-recommends', kind], { stdio: 'inherit', env });
  }
  if (!existsSync(BINARIES[kind])) throw new Error(`proxy tests need ${kind}: apt-get install -y ${kind}`);
}

/** A temp dir the test user owns (the proxy writes its pid, logs and temp files there). */
function ownedDir(prefix: string): string {
  ensureTestUser();
  const dir = mkdtempSync(join(tmpdir(), prefix));
  chmodSync(dir, 0o755);
  const { uid, gid } = testUserIds();
  chownSync(dir, uid, gid);
  return dir;
}

function prepareFiles(opts: ProxyHarnessOptions, line: (port: number) => string): void {
  const { uid, gid } = testUserIds();
  if (opts.port !== undefined) {
    const dir = dirname(opts.upstreamFile);
    if (!existsSync(dir)) {
      mkdirSync(dir, { recursive: true, mode: 0o755 });
      chownSync(dir, uid, gid);
    }
    writeFileSync(opts.upstreamFile, line(opts.port) + '\n', { mode: 0o644 });
    chownSync(opts.upstreamFile, uid, gid);
  }
  if (!existsSync(opts.upstreamFile))
    throw new Error(`proxy harness: ${opts.upstreamFile} does not exist (pass port to write it)`);
  if (opts.siteImport && !existsSync(opts.siteImport)) {
    writeFileSync(opts.siteImport, SITE_PLACEHOLDER, { mode: 0o644 });
    chownSync(opts.siteImport, uid, gid);
  }
}

function spawnAsTestUser(file: string, args: string[], dir: string, logFile: string): ChildProcess {
  const { uid, gid } = testUserIds();
  const out = openLog(logFile);
  const proc = spawn(file, args, {
    uid,
    gid,
    cwd: dir,
    env: { PATH: '/usr/sbin:/usr/bin:/sbin:/bin', HOME: dir, XDG_DATA_HOME: dir, XDG_CONFIG_HOME: dir },
    stdio: ['ignore', out, out],
  });
  closeSync(out);
  return proc;
}

function openLog(path: string): number {
  writeFileSync(path, '');
  const { uid, gid } = testUserIds();
  chownSync(path, uid, gid);
  // A descriptor the child writes to directly, so its log does not depend on our event loop.
  return openSync(path, 'a');
}

async function running(
  kind: 'caddy' | 'nginx',
  proc: ChildProcess,
  port: number,
  dir: string,
  logFile: string,
  reloadCommand: string,
  configFile: string,
): Promise<RunningProxy> {
  const exited = new Promise<never>((_, reject) =>
    proc.once('exit', (code) =>
      reject(new Error(`${kind} exited (${code}) at start:\n${readFileSync(logFile, 'utf8').slice(-2000)}`)),
    ),
  );
  await Promise.race([waitForPort(port, '127.0.0.1', 15_000), exited]);
  return {
    kind,
    url: `http://127.0.0.1:${port}/`,
    port,
    reloadCommand,
    configFile,
    dir,
    log: () => readFileSync(logFile, 'utf8'),
    async stop() {
      if (proc.exitCode === null && proc.signalCode === null) {
        const gone = new Promise((r) => proc.once('exit', r));
        proc.kill('SIGTERM');
        await Promise.race([gone, new Promise((r) => setTimeout(r, 5000))]);
        if (proc.exitCode === null && proc.signalCode === null) proc.kill('SIGKILL');
      }
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

export async function startCaddy(opts: ProxyHarnessOptions): Promise<RunningProxy> {
  ensureInstalled('caddy');
  prepareFiles(opts, (p) => `reverse_proxy 127.0.0.1:${p}`);
  const dir = ownedDir('caddy-');
  const [port, admin] = [await freePort(), await freePort()];
  const configFile = join(dir, 'Caddyfile');
  const quoted = (p: string) => `"${p.replace(/["\\]/g, '\\$&')}"`;
  writeFileSync(
    configFile,
    [
      '{',
      `\tadmin 127.0.0.1:${admin}`,
      '\tauto_https off',
      '}',
      `:${port} {`,
      '\tbind 127.0.0.1',
      `\timport ${quoted(opts.upstreamFile)}`,
      '}',
      ...(opts.siteImport ? [`import ${quoted(opts.siteImport)}`] : []),
      '',
    ].join('\n'),
    { mode: 0o644 },
  );
  const logFile = join(dir, 'caddy.log');
  const proc = spawnAsTestUser(
    BINARIES.caddy,
    ['run', '--config', configFile, '--adapter', 'caddyfile'],
    dir,
    logFile,
  );
  const reloadCommand = `${BINARIES.caddy} reload --config ${q(configFile)} --adapter caddyfile --address 127.0.0.1:${admin}`;
  const p = await running('caddy', proc, port, dir, logFile, reloadCommand, configFile);
  await waitForPort(admin);
  return p;
}

export async function startNginx(opts: ProxyHarnessOptions): Promise<RunningProxy> {
  ensureInstalled('nginx');
  prepareFiles(opts, (p) => `server 127.0.0.1:${p};`);
  const dir = ownedDir('nginx-');
  const port = await freePort();
  const configFile = join(dir, 'nginx.conf');
  const quoted = (p: string) => `"${p.replace(/["\\$]/g, '\\$&')}"`;
  const temp = ['client_body', 'proxy', 'fastcgi', 'uwsgi', 'scgi'].map(
    (t) => `\t${t}_temp_path ${join(dir, `${t}_temp`)};`,
  );
  writeFileSync(
    configFile,
    [
      'daemon off;',
      'worker_processes 1;',
      `pid ${join(dir, 'nginx.pid')};`,
      `error_log ${join(dir, 'error.log')} notice;`,
      'events { worker_connections 1024; }',
      'http {',
      '\taccess_log off;',
      ...temp,
      `\tupstream app { include ${quoted(opts.upstreamFile)}; }`,
      '\tserver {',
      `\t\tlisten 127.0.0.1:${port};`,
      '\t\tlocation / {',
      '\t\t\tproxy_pass http://app;',
      '\t\t\tproxy_http_version 1.1;',
      '\t\t\tproxy_set_header Host $host;',
      '\t\t}',
      '\t}',
      ...(opts.siteImport ? [`\tinclude ${quoted(opts.siteImport)};`] : []),
      '}',
      '',
    ].join('\n'),
    { mode: 0o644 },
  );
  const logFile = join(dir, 'nginx.out');
  // -e: the startup error log before the config is read (the compiled-in one is root's).
  const base = ['-p', dir, '-e', join(dir, 'error.log'), '-c', configFile];
  const proc = spawnAsTestUser(BINARIES.nginx, base, dir, logFile);
  // Absolute: /usr/sbin is not on a non-root login's PATH.
  const nginx = `${BINARIES.nginx} ${base.map(q).join(' ')}`;
  // -s reload alone exits 0 even when the master then refuses the new config: test it first, as users do.
  const reloadCommand = `${nginx} -t -q && ${nginx} -s reload`;
  const p = await running('nginx', proc, port, dir, logFile, reloadCommand, configFile);
  return { ...p, log: () => readFileSync(logFile, 'utf8') + safeRead(join(dir, 'error.log')) };
}

function safeRead(path: string): string {
  try {
    return readFileSync(path, 'utf8');
  } catch {
    return '';
  }
}

/** Runs a reload command (or any proxy command) as the test user, as a deploy over SSH would. */
export function runAsTestUser(command: string): { code: number; output: string } {
  const r = spawnSync('runuser', ['-u', TEST_USER, '--', '/bin/sh', '-c', command], { encoding: 'utf8' });
  return { code: r.status ?? -1, output: `${r.stdout}${r.stderr}` };
}
