import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync, appendFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { APP_FIXTURE, composeApp } from '../../harness/app-image.js';
import type { AppMode, ComposeApp } from '../../harness/app-image.js';
import { cmd, requireParts } from '../../harness/parts.js';
import { freePort } from '../../harness/ports.js';
import { startCaddy, startNginx } from '../../harness/proxy.js';
import type { RunningProxy } from '../../harness/proxy.js';
import { startLoad } from '../../harness/load.js';
import type { LoadRun } from '../../harness/load.js';
import { runAction, sshInputs } from '../../harness/run-action.js';
import type { ActionRun, RunOptions } from '../../harness/run-action.js';
import { startSshd } from '../../harness/sshd.js';
import type { SshServer } from '../../harness/sshd.js';

/**
 * `switch: blue-green` with the compose strategy, through the committed bundles (dist/deploy, dist/rollback),
 * against a real OpenSSH server, the Docker engine with docker-compose v1, a loopback registry, and a real Caddy
 * in front (nginx: see below), with a steady load of 200 requests/s through the proxy for the whole sequence:
 * v1 -> v2; a 503 release refused; a crashing release refused; a manual rollback v2 -> v1; a 3-second request in
 * flight at the switch. A database-like service in the file is never recreated. Not one request may fail (a
 * reload's reset of an idle keep-alive connection retried as a browser does is counted apart, and logged).
 */
let ssh: SshServer;
let images: ComposeApp;

/** The test app (test/fixtures/app) plus `/` answering its version (cheap under load) and a 3-second CGI. */
function buildImage(repo: string, version: string, mode: AppMode): void {
  const dir = mkdtempSync(join(tmpdir(), 'bg-app-'));
  try {
    cpSync(APP_FIXTURE, dir, { recursive: true });
    writeFileSync(
      join(dir, 'slow.cgi'),
      '#!/bin/sh\nsleep 3\nprintf \'HTTP/1.0 200 OK\\r\\nContent-Type: text/plain\\r\\n\\r\\n%s slow\\n\' "$(cat /version)"\n',
    );
    appendFileSync(
      join(dir, 'Dockerfile'),
      'COPY slow.cgi /www/cgi-bin/slow\nRUN chmod 755 /www/cgi-bin/slow && cp /version /www/index.html\n',
    );
    const ref = `${repo}:${version}`;
    cmd('docker', [
      'build',
      '-q',
      '-t',
      ref,
      '--build-arg',
      `MODE=${mode}`,
      '--build-arg',
      `VERSION=${version}`,
      dir,
    ]);
    cmd('docker', ['push', '-q', ref]);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

const composeFile = (repo: string) =>
  [
    'services:',
    '  web:',
    `    image: ${repo}:\${IMAGE_TAG}`,
    '    ports: ["127.0.0.1:${APP_PORT}:8000"]',
    '    env_file: .env',
    '    restart: unless-stopped',
    '    depends_on: [db]',
    '  db:',
    '    image: local/busybox:1',
    '    command: ["sh", "-c", "trap \'exit 0\' TERM; while :; do sleep 1; done"]',
    '    volumes: ["data:/data"]',
    'volumes:',
    '  data: {}',
    '',
  ].join('\n');

beforeAll(async () => {
  requireParts('docker-compose', 'flock');
  ssh = await startSshd();
  images = await composeApp('dpl');
  for (const [v, mode] of [
    ['v1', 'ok'],
    ['v2', 'ok'],
    ['v3', 'unhealthy'],
    ['v4', 'crash'],
    ['v5', 'ok'],
  ] as const)
    buildImage(images.repo, v, mode);
});

afterAll(async () => {
  images?.down();
  await ssh?.stop();
});

interface World {
  app: ComposeApp;
  ports: number[];
  proxy: RunningProxy;
  load?: LoadRun | undefined;
  db: string;
}

// nginx was left out after one run in session 3 saw ~4 s of 502s during the in-flight request's deploy (drain 4s),
// on a machine running two suites at once; not reproduced since (see the closing note of issue 12). When requests
// fail, the message carries the proxy's own log of upstream errors and reloads, to say which port it went to.
describe.each(['caddy', 'nginx'] as const)('blue-green compose behind %s', (kind) => {
  const w = {} as World;

  beforeAll(async () => {
    w.app = await composeApp('dpl');
    writeFileSync(join(w.app.workspace, w.app.composeFile), composeFile(images.repo));
    w.ports = [await freePort(), await freePort()];
    const upstreamFile = join(w.app.appDir, 'proxy', `upstream.${kind === 'caddy' ? 'caddy' : 'conf'}`);
    // Before the first deploy the upstream names a port nothing listens on (the second: so v1 takes the first).
    const start = kind === 'caddy' ? startCaddy : startNginx;
    w.proxy = await start({ upstreamFile, port: w.ports[1]! });
  }, 60_000);

  afterAll(async () => {
    await w.load?.stop();
    await w.proxy?.stop();
    w.app?.down();
  });

  const inputs = () => ({
    ...sshInputs(ssh),
    app: w.app.app,
    'app-dir': w.app.appDir,
    services: 'web',
    switch: 'blue-green',
    ports: w.ports.join(','),
    proxy: kind,
    'proxy-reload-command': w.proxy.reloadCommand,
    'drain-timeout': '1s',
    'health-url': 'http://127.0.0.1:8000/cgi-bin/health',
    'health-interval': '200ms',
    'health-timeout': '6s',
  });
  const deploy = (tag: string, extra: Record<string, string> = {}, opts: RunOptions = {}) =>
    runAction(
      'deploy',
      {
        ...inputs(),
        tag,
        'compose-file': w.app.composeFile,
        // APP_PORT here is what a restart-switch app had: the instance's own port replaces it.
        'env-file': 'SECRET_TOKEN=bg-s3cret\nAPP_PORT=8000\n',
        ...extra,
      },
      { cwd: w.app.workspace, ...opts },
    );
  const rollback = () => runAction('rollback', inputs(), { cwd: w.app.workspace });
  const state = () =>
    JSON.parse(readFileSync(join(w.app.appDir, '.vps-deploy', 'state.json'), 'utf8')) as Record<
      string,
      unknown
    >;
  const lastLedger = () =>
    JSON.parse(
      readFileSync(join(w.app.appDir, '.vps-deploy', 'releases.jsonl'), 'utf8')
        .trim()
        .split('\n')
        .at(-1)!,
    ) as Record<string, unknown>;
  const through = async (path = '') => (await (await fetch(`${w.proxy.url}${path}`)).text()).trim();
  const ok = (r: ActionRun) => expect(r.code, `${r.stdout}\n${r.stderr}`).toBe(0);
  /** service -> container ids of this app, from docker itself. */
  const containers = () => {
    const out = cmd('docker', [
      'ps',
      '-a',
      '--filter',
      `label=com.docker.compose.project.working_dir=${w.app.appDir}`,
      '--format',
      '{{.ID}} {{.Label "com.docker.compose.service"}}',
    ]).trim();
    const by: Record<string, string[]> = {};
    for (const l of out ? out.split('\n') : []) {
      const [id, service] = l.split(' ');
      (by[service!] ??= []).push(id!);
    }
    return by;
  };

  it('v1, the first deploy: web and the database start, v1 serves through the proxy', async () => {
    const r = await deploy('v1');
    ok(r);
    expect(r.outputs.status).toBe('deployed');
    expect(state()).toMatchObject({ current: 'v1', port: w.ports[0] });
    expect(await through()).toBe('v1');
    const c = containers();
    expect([c.web?.length, c.db?.length]).toEqual([1, 1]);
    w.db = c.db![0]!;
    w.load = startLoad({ url: w.proxy.url, rps: 200, maxSeconds: 150 });
  });

  it('v1 -> v2: a second web container on the other port, gated there, traffic moves, the old one goes', async () => {
    const r = await deploy('v2');
    ok(r);
    expect(state()).toMatchObject({ current: 'v2', previous: 'v1', port: w.ports[1] });
    expect(lastLedger()).toMatchObject({ tag: 'v2', outcome: 'deployed', port: w.ports[1] });
    expect(await through()).toBe('v2');
    expect(containers().web).toHaveLength(1);
    expect(readFileSync(join(w.app.appDir, '.env'), 'utf8')).toBe(
      `SECRET_TOKEN=bg-s3cret\nIMAGE_TAG=v2\nAPP_PORT=${w.ports[1]}\n`,
    );
  });

  it.each([
    ['v3', 'a 503 release'],
    ['v4', 'a crashing release'],
  ])('%s (%s) is refused on its own port: v2 keeps serving, untouched', async (tag) => {
    const before = containers();
    const r = await deploy(tag);
    expect(r.code).not.toBe(0);
    expect(r.outputs.status).toBe('rolled-back');
    expect(state()).toMatchObject({ current: 'v2', port: w.ports[1] });
    expect(lastLedger()).toMatchObject({ tag, outcome: 'rolled-back', port: w.ports[0] });
    expect(containers()).toEqual(before);
    expect(await through()).toBe('v2');
    if (tag === 'v4') expect(r.stdout).toContain('version v4 refuses to start');
  });

  it('manual rollback v2 -> v1: the same sequence, zero-downtime too', async () => {
    const r = await rollback();
    ok(r);
    expect(r.outputs.status).toBe('rolled-back');
    expect(state()).toMatchObject({ current: 'v1', previous: 'v2', port: w.ports[0] });
    expect(lastLedger()).toMatchObject({
      action: 'rollback',
      tag: 'v1',
      outcome: 'rolled-back',
      port: w.ports[0],
    });
    expect(await through()).toBe('v1');
  });

  it('a 3-second request in flight at the switch completes with 200 from the old release', async () => {
    let slow: Promise<{ status: number; body: string }> | undefined;
    const r = await deploy(
      'v5',
      { 'drain-timeout': '4s' },
      {
        onStdout: (chunk) => {
          if (!slow && chunk.includes('Health gate of v5'))
            slow = fetch(`${w.proxy.url}cgi-bin/slow`).then(async (res) => ({
              status: res.status,
              body: await res.text(),
            }));
        },
      },
    );
    ok(r);
    expect(slow).toBeDefined();
    expect(await slow).toEqual({ status: 200, body: 'v1 slow\n' });
    expect(await through()).toBe('v5');
  });

  it('not one request failed; the database was never recreated; a plain up -d recreates nothing', async () => {
    const report = await w.load!.stop();
    w.load = undefined;
    console.log(
      `compose behind ${kind}: ${report.sent} requests, ${report.failed} failed, ${report.retriedReused} retried on a ` +
        `fresh connection after a reused one was reset (RFC 9112 9.3.1), p50 ${report.p50Ms} ms, p99 ${report.p99Ms} ms; ` +
        `answers: ${JSON.stringify(report.bodies)}`,
    );
    const proxyLog = () =>
      w.proxy
        .log()
        .split('\n')
        .filter((l) => /upstream|reconfigur|gracefully|reload|error/i.test(l))
        .slice(-60)
        .join('\n');
    expect(report.failures, proxyLog()).toEqual([]);
    expect(report.failed).toBe(0);
    expect(report.sent).toBeGreaterThan(1000);
    expect(
      Object.keys(report.bodies)
        .map((b) => b.trim())
        .sort(),
    ).toEqual(['v1', 'v2', 'v5']);
    const c = containers();
    expect(c.db).toEqual([w.db]);
    expect(c.web).toHaveLength(1);
    cmd('sh', ['-c', `cd '${w.app.appDir}' && docker-compose up -d 2>&1`]);
    expect(containers()).toEqual(c);
  });
});
