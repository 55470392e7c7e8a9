import { spawnSync } from 'node:child_process';
import {
  chmodSync,
  cpSync,
  existsSync,
  mkdtempSync,
  readFileSync,
  readdirSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { cmd, git } from '../../harness/parts.js';
import { ROOT } from '../../harness/run-action.js';
import type { ActionRun } from '../../harness/run-action.js';
import type { InitTarget } from '../actions/init-target.js';

/**
 * What the two FastAPI + SQLite seeds' suites (Decidero, Roundtable) share: the app's repository with one tag per
 * release, the text changes that move an example's server paths and ports onto this shared test machine, and
 * readers of the server's state.
 */
export type Behaviour = 'ok' | '503';

const FIXTURE = join(ROOT, 'test', 'fixtures', 'seeds', 'fastapi-sqlite');

/**
 * A git repository of the fixture app, in `subdir` (Roundtable keeps it in backend/), one commit and tag per
 * release: `version` holds the tag and `behaviour` whether its /health answers 200 or 503.
 */
export function createFastapiRepo(tags: [string, Behaviour][], subdir = ''): string {
  const dir = mkdtempSync(join(tmpdir(), 'fastapi-seed-'));
  chmodSync(dir, 0o755);
  const app = join(dir, subdir);
  cpSync(FIXTURE, app, { recursive: true });
  // The runner never byte-compiles the checkout; a stale cache would not be shipped by git archive either.
  writeFileSync(join(dir, '.gitignore'), '__pycache__/\n');
  git(dir, 'init', '-q', '-b', 'main');
  for (const [tag, behaviour] of tags) {
    writeFileSync(join(app, 'version'), `${tag}\n`);
    writeFileSync(join(app, 'behaviour'), `${behaviour}\n`);
    git(dir, 'add', '-A');
    git(dir, 'commit', '-q', '-m', `release ${tag}`);
    git(dir, 'tag', tag);
  }
  return dir;
}

/** As actions/checkout of the pushed tag leaves the workspace (a `source:` directory is read from it). */
export function checkoutTag(repo: string, tag: string): void {
  git(repo, 'checkout', '-q', tag);
}

/**
 * The example's text with its server paths, ports and names replaced by this machine's, each occurrence at once
 * (one pass: a replacement is never replaced again). Secrets (`key`) are passed as they are.
 */
export function relocator(
  table: Record<string, string>,
): (inputs: Record<string, string>) => Record<string, string> {
  const keys = Object.keys(table).sort((a, b) => b.length - a.length);
  const re = new RegExp(keys.map((k) => k.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')).join('|'), 'g');
  return (inputs) =>
    Object.fromEntries(
      Object.entries(inputs).map(([k, v]) => [k, k === 'key' ? v : v.replace(re, (m) => table[m]!)]),
    );
}

/**
 * Decidero's example (workflows-examples/fastapi-sqlite-caddy) moved onto this machine, for its suite and the demo:
 * each text the example names that must differ on a shared test machine.
 */
export function decideroOnThisMachine(
  target: InitTarget,
  appDir: string,
  ports: number[],
): (inputs: Record<string, string>) => Record<string, string> {
  return relocator({
    // app-dir under a temp root, not the real /opt.
    '/opt/decidero': appDir,
    // Loopback ports free now (another suite may run beside this one).
    '8001': String(ports[0]),
    '8002': String(ports[1]),
    // There is no systemd here: the stand-in at its own path, which init found first on PATH and named in the
    // sudoers drop-in.
    systemctl: target.systemctl,
    // The Caddy of the target serves plain HTTP on a loopback port (no DNS name, no certificate here).
    'https://decidero.example.com': `http://127.0.0.1:${target.proxyPort}`,
    'decidero.example.com': `:${target.proxyPort}`,
  });
}

/** A key pair for the deploy user init creates. */
export function deployKeyPair(dir: string): { priv: string; pub: string } {
  const f = join(dir, 'deploy_key');
  cmd('ssh-keygen', ['-q', '-t', 'ed25519', '-N', '', '-f', f, '-C', 'ci@example']);
  return { priv: readFileSync(f, 'utf8'), pub: readFileSync(`${f}.pub`, 'utf8').trim() };
}

/** The known_hosts line of the target, as `ssh-keyscan -p <port>` prints it (what DEPLOY_KNOWN_HOSTS holds). */
export function knownHostsOf(target: InitTarget): string {
  const [type, blob] = readFileSync(join(target.dir, 'host_key.pub'), 'utf8').trim().split(' ');
  return `[${target.host}]:${target.port} ${type} ${blob}`;
}

export function removeAccounts(users: string[], sudoersApps: string[]): void {
  for (const a of sudoersApps) rmSync(`/etc/sudoers.d/vps-deploy-${a}`, { force: true });
  for (const u of users) spawnSync('userdel', ['-f', '-r', u], { stdio: 'ignore' });
  for (const u of users) spawnSync('groupdel', [u], { stdio: 'ignore' });
}

export const logOf = (r: ActionRun) => `${r.stdout.replace(/^::add-mask::.*$/gm, '')}\n${r.stderr}`;

export function stateOf(appDir: string): Record<string, unknown> {
  return JSON.parse(readFileSync(join(appDir, '.vps-deploy', 'state.json'), 'utf8')) as Record<
    string,
    unknown
  >;
}

export function ledgerOf(appDir: string): Record<string, unknown>[] {
  return readFileSync(join(appDir, '.vps-deploy', 'releases.jsonl'), 'utf8')
    .trim()
    .split('\n')
    .map((l) => JSON.parse(l) as Record<string, unknown>);
}

export function releasesOf(appDir: string): string[] {
  const d = join(appDir, 'releases');
  return existsSync(d)
    ? readdirSync(d)
        .filter((n) => !n.startsWith('.'))
        .sort()
    : [];
}

export interface Note {
  body: string;
  version: string;
}

/** Writes a row through the proxy (the app writes it into shared/data as its own user). */
export async function addNote(base: string, body: string): Promise<void> {
  const res = await fetch(`${base}/notes?body=${encodeURIComponent(body)}`, { method: 'POST' });
  if (res.status !== 200) throw new Error(`POST /notes answered ${res.status}: ${await res.text()}`);
}

export async function notes(base: string): Promise<Note[]> {
  return (await (await fetch(`${base}/notes`)).json()) as Note[];
}

export async function served(base: string): Promise<string> {
  return (await (await fetch(`${base}/`)).text()).trim();
}
