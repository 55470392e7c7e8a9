import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ConfigurationError } from '../../../src/io/errors.js';
import { SshConnection } from '../../../src/ssh/connection.js';
import type { Log } from '../../../src/ssh/connection.js';
import { composeStrategy } from '../../../src/strategies/compose/strategy.js';
import type { ComposeStrategyOptions } from '../../../src/strategies/compose/strategy.js';
import type { BlueGreenStrategy, DeployStrategy } from '../../../src/flow/strategy.js';
import { buildAppImage, composeApp } from '../../harness/app-image.js';
import type { ComposeApp } from '../../harness/app-image.js';
import { cmd, requireParts } from '../../harness/parts.js';
import { freePort } from '../../harness/ports.js';
import { startSshd } from '../../harness/sshd.js';
import type { SshServer } from '../../harness/sshd.js';

// Compose's BlueGreenStrategy driven directly over a real OpenSSH connection against the Docker engine and
// docker-compose v1 (what this machine has): the flow's sequence written out here (start beside, check, promote,
// stop the old), with a database-like service in the file that must never be recreated or duplicated.

let ssh: SshServer;
let app: ComposeApp;
let conn: SshConnection;
let portA: number;
let portB: number;
const lines: string[] = [];
const log: Log = {
  info: (m) => lines.push(m),
  debug: () => undefined,
  warning: (m) => lines.push(`warning: ${m}`),
};

const COMPOSE = (repo: string) =>
  [
    'services:',
    '  web:',
    `    image: ${repo}:\${IMAGE_TAG}`,
    '    ports: ["127.0.0.1:${APP_PORT}:8000"]',
    '    env_file: .env',
    '    restart: unless-stopped',
    '    depends_on: [db]',
    '  worker:',
    `    image: ${repo}:\${IMAGE_TAG}`,
    '    command: ["sh", "-c", "trap \'exit 0\' TERM; while :; do sleep 1; done"]',
    '  db:',
    '    image: local/busybox:1',
    '    command: ["sh", "-c", "trap \'exit 0\' TERM; while :; do sleep 1; done"]',
    '    volumes: ["data:/data"]',
    'volumes:',
    '  data: {}',
    '',
  ].join('\n');

beforeAll(async () => {
  requireParts('docker-compose');
  ssh = await startSshd();
  app = await composeApp('dpl');
  buildAppImage(app.repo, 'v1', 'ok');
  buildAppImage(app.repo, 'v2', 'ok');
  buildAppImage(app.repo, 'v3', 'unhealthy');
  buildAppImage(app.repo, 'v4', 'crash');
  [portA, portB] = [await freePort(), await freePort()];
  conn = await SshConnection.open(
    {
      host: ssh.host,
      port: ssh.port,
      username: ssh.user,
      privateKey: ssh.clientKey,
      knownHosts: '',
      hostFingerprint: ssh.fingerprint,
      insecureIgnoreHostKey: false,
      connectTimeoutSeconds: 10,
      connectRetries: 1,
    },
    log,
  );
});

afterAll(async () => {
  conn?.dispose();
  app?.down();
  await ssh?.stop();
});

function strategy(over: Partial<ComposeStrategyOptions> = {}): DeployStrategy & {
  blueGreen: BlueGreenStrategy;
} {
  const s = composeStrategy(
    { conn, app: app.app, appDir: app.appDir, log },
    {
      composeFile: { name: 'docker-compose.yml', content: COMPOSE(app.repo) },
      envFile: 'SECRET_TOKEN=t0k3n\nAPP_PORT=1\n',
      tagVariable: 'IMAGE_TAG',
      services: ['web', 'worker'],
      migrateCommand: '',
      blueGreen: true,
      ...over,
    },
  );
  if (!s.blueGreen) throw new Error('no blueGreen with blueGreen: true');
  return s as DeployStrategy & { blueGreen: BlueGreenStrategy };
}

/** service -> container ids of the project, from docker itself. */
function containers(): Record<string, string[]> {
  const out = cmd('docker', [
    'ps',
    '-a',
    '--filter',
    `label=com.docker.compose.project.working_dir=${app.appDir}`,
    '--format',
    '{{.ID}} {{.Label "com.docker.compose.service"}}',
  ]).trim();
  const by: Record<string, string[]> = {};
  for (const l of out ? out.split('\n') : []) {
    const [id, service] = l.split(' ');
    (by[service!] ??= []).push(id!);
  }
  return by;
}
const version = async (port: number) =>
  ((await (await fetch(`http://127.0.0.1:${port}/cgi-bin/health`)).json()) as { version: string }).version;
const statusAt = async (port: number) => (await fetch(`http://127.0.0.1:${port}/cgi-bin/health`)).status;
const liveEnv = () => readFileSync(join(app.appDir, '.env'), 'utf8');

async function fatalWithin(bg: BlueGreenStrategy, port: number, ms: number): Promise<string | undefined> {
  const end = Date.now() + ms;
  for (;;) {
    const why = await bg.fatalAt(port);
    if (why || Date.now() > end) return why;
    await new Promise((r) => setTimeout(r, 300));
  }
}

describe('compose blue-green over SSH (docker-compose v1)', () => {
  let db = '';

  it('a first start brings up web, worker and the database; v1 serves on its port', async () => {
    const s = strategy();
    await s.prepare('v1');
    expect(await s.blueGreen.startBeside('v1', portA)).toBe(portA);
    expect(await version(portA)).toBe('v1');
    expect(await s.blueGreen.fatalAt(portA)).toBeUndefined();
    await s.blueGreen.promote('v1', portA);
    const c = containers();
    expect([c.web?.length, c.worker?.length, c.db?.length]).toEqual([1, 1, 1]);
    db = c.db![0]!;
    expect(liveEnv()).toBe(`SECRET_TOKEN=t0k3n\nIMAGE_TAG=v1\nAPP_PORT=${portA}\n`);
  });

  it('v2 starts beside v1 (both answer), is promoted, v1 stops; the database is untouched', async () => {
    const s = strategy();
    await s.prepare('v2');
    const before = containers();
    expect(await s.blueGreen.startBeside('v2', portB)).toBe(portB);
    expect([await version(portA), await version(portB)]).toEqual(['v1', 'v2']);
    expect(containers().web).toHaveLength(2);
    expect(containers().worker).toHaveLength(2);
    await s.blueGreen.promote('v2', portB);
    await s.blueGreen.stopAt(portA);
    const after = containers();
    expect(after.web).toHaveLength(1);
    expect(after.worker).toHaveLength(1);
    expect(after.web).not.toEqual(before.web);
    expect(after.worker).not.toEqual(before.worker);
    expect(after.db).toEqual([db]);
    await expect(fetch(`http://127.0.0.1:${portA}/cgi-bin/health`)).rejects.toThrow();
    expect(await version(portB)).toBe('v2');
    expect(liveEnv()).toBe(`SECRET_TOKEN=t0k3n\nIMAGE_TAG=v2\nAPP_PORT=${portB}\n`);
  });

  it('a plain up -d afterwards (a restart switch, a backup start-command) recreates nothing', () => {
    const before = containers();
    cmd('sh', ['-c', `cd '${app.appDir}' && docker-compose up -d 2>&1`]);
    expect(containers()).toEqual(before);
  });

  it('v3 answers 503 on its own port: stopped unpromoted, .env goes back, v2 never stopped', async () => {
    const s = strategy();
    await s.prepare('v3');
    const before = containers();
    expect(await s.blueGreen.startBeside('v3', portA)).toBe(portA);
    expect(await statusAt(portA)).toBe(503);
    expect(liveEnv()).toContain('IMAGE_TAG=v3');
    await s.blueGreen.stopAt(portA);
    expect(containers()).toEqual(before);
    expect(liveEnv()).toBe(`SECRET_TOKEN=t0k3n\nIMAGE_TAG=v2\nAPP_PORT=${portB}\n`);
    expect(await version(portB)).toBe('v2');
  });

  it('v4 exits at once: fatalAt says so, logsAt shows why, stopAt leaves v2 as it was', async () => {
    const s = strategy();
    await s.prepare('v4');
    const before = containers();
    await s.blueGreen.startBeside('v4', portA);
    expect(await fatalWithin(s.blueGreen, portA, 10_000)).toMatch(/restart-looping|exited with code 1/);
    expect(await s.blueGreen.logsAt(portA)).toContain('version v4 refuses to start');
    await s.blueGreen.stopAt(portA);
    expect(containers()).toEqual(before);
    expect(await version(portB)).toBe('v2');
  });

  it('port 0: an ephemeral host port read back; stopped unpromoted', async () => {
    const s = strategy();
    const before = containers();
    const port = await s.blueGreen.startBeside('v1', 0);
    expect(port).toBeGreaterThan(0);
    expect(port).not.toBe(portB);
    expect(await version(port)).toBe('v1');
    await s.blueGreen.stopAt(port);
    expect(containers()).toEqual(before);
    expect(liveEnv()).toContain(`APP_PORT=${portB}`);
  });

  it('a run killed after starting its instance: the next start removes it and .env is the serving one again', async () => {
    const before = containers();
    await strategy().blueGreen.startBeside('v3', portA); // then "killed": no stopAt, no promote
    expect(liveEnv()).toContain('IMAGE_TAG=v3');
    const s = strategy();
    await s.blueGreen.startBeside('v1', portA);
    expect(lines.some((l) => /removing .* left on port \d+ by an earlier run/.test(l))).toBe(true);
    expect(await version(portA)).toBe('v1');
    await s.blueGreen.stopAt(portA);
    expect(containers()).toEqual(before);
    expect(liveEnv()).toBe(`SECRET_TOKEN=t0k3n\nIMAGE_TAG=v2\nAPP_PORT=${portB}\n`);
  });

  it('services naming the database is refused before anything changes', async () => {
    const before = containers();
    const env = liveEnv();
    await expect(strategy({ services: ['db'] }).blueGreen.startBeside('v1', portA)).rejects.toThrow(
      ConfigurationError,
    );
    await expect(strategy({ services: [] }).blueGreen.startBeside('v1', portA)).rejects.toThrow(
      /needs `services`/,
    );
    expect(containers()).toEqual(before);
    expect(liveEnv()).toBe(env);
  });
});
