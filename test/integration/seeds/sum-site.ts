import { spawn, spawnSync } from 'node:child_process';
import { request } from 'node:http';
import type { ChildProcess } from 'node:child_process';
import { cpSync, mkdtempSync, writeFileSync, chmodSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { git } from '../../harness/parts.js';
import { freePort } from '../../harness/ports.js';
import { ROOT } from '../../harness/run-action.js';
import { waitForPort } from '../../harness/sshd.js';

/**
 * What the SUM seed suite (sum.itg.test.ts) runs beside the init target: the client repository (the fixture
 * Django site, one commit and tag per release with its VERSION and HEALTH), and a Redis of its own on a free
 * loopback port (the runbook's Redis listens on localhost only).
 */
export type Health = 'ok' | 'degraded' | 'unhealthy';

export function createSumRepo(tags: [string, Health][]): string {
  const dir = mkdtempSync(join(tmpdir(), 'sum-repo-'));
  chmodSync(dir, 0o755);
  cpSync(join(ROOT, 'test', 'fixtures', 'seeds', 'sum'), dir, { recursive: true });
  git(dir, 'init', '-q', '-b', 'main');
  for (const [tag, health] of tags) {
    writeFileSync(join(dir, 'VERSION'), `${tag}\n`);
    writeFileSync(join(dir, 'HEALTH'), `${health}\n`);
    git(dir, 'add', '-A');
    git(dir, 'commit', '-q', '-m', `release ${tag}`);
    git(dir, 'tag', tag);
  }
  return dir;
}

export interface Redis {
  port: number;
  url: string;
  stop(): Promise<void>;
}

export async function startRedis(): Promise<Redis> {
  const port = await freePort();
  const child: ChildProcess = spawn(
    'redis-server',
    ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'],
    { stdio: 'ignore' },
  );
  await waitForPort(port);
  return {
    port,
    url: `redis://127.0.0.1:${port}/0`,
    stop: () =>
      new Promise<void>((r) => {
        if (child.exitCode !== null || child.signalCode !== null) return r();
        child.once('exit', () => r());
        child.kill('SIGTERM');
      }),
  };
}

/** Runs a line as `user` in `cwd` (the deploy user in a slot: what the worker answers, what psql sees). */
export function runAs(user: string, cwd: string, line: string): { code: number | null; out: string } {
  const r = spawnSync('runuser', ['-u', user, '--', 'sh', '-c', `cd "$1" && ${line}`, 'sh', cwd], {
    encoding: 'utf8',
    timeout: 60_000,
  });
  return { code: r.status, out: `${r.stdout}${r.stderr}` };
}

/** GET with a Host header (fetch drops Host, a forbidden header): what Caddy passes on to Django's ALLOWED_HOSTS. */
export function getWithHost(url: string, host: string): Promise<{ status: number; text: string }> {
  return new Promise((resolve, reject) => {
    const req = request(url, { headers: { Host: host }, agent: false }, (res) => {
      let text = '';
      res.setEncoding('utf8');
      res.on('data', (c: string) => (text += c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, text }));
    });
    req.setTimeout(10_000, () => req.destroy(new Error(`GET ${url}: no answer in 10 s`)));
    req.on('error', reject);
    req.end();
  });
}
