import { chownSync, existsSync, mkdirSync, readFileSync, readlinkSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { serverBaseDir, testUserIds } from '../../harness/parts.js';
import { freePort } from '../../harness/ports.js';
import { startCaddy, startNginx } from '../../harness/proxy.js';
import type { RunningProxy } from '../../harness/proxy.js';
import { startLoad } from '../../harness/load.js';
import type { LoadRun } from '../../harness/load.js';
import { runAction, sshInputs } from '../../harness/run-action.js';
import type { ActionRun, RunOptions } from '../../harness/run-action.js';
import { startSshd } from '../../harness/sshd.js';
import type { SshServer } from '../../harness/sshd.js';
import { createSlotAppRepo, startSlotSupervisor } from './blue-green-release-app.js';
import type { SlotSupervisor } from './blue-green-release-app.js';

/**
 * `switch: blue-green` with release directories, through the committed bundles (dist/deploy, dist/rollback),
 * against a real OpenSSH server, a real service manager running one instance per port from the slot links
 * (blue-green-release-app.ts), and a real Caddy and a real nginx in front, with a steady load of 200 requests/s
 * through the proxy for the whole sequence: v1 -> v2; a 503 release refused; a crashing release refused; a
 * manual rollback v2 -> v1; a 3-second request in flight at the switch; a proxy-config the proxy refuses. Not
 * one request may fail (a reload's reset of an idle keep-alive connection retried as a browser does is counted
 * apart, and logged).
 */
let ssh: SshServer;
let repo: string;

beforeAll(async () => {
  ssh = await startSshd();
  repo = createSlotAppRepo([
    ['v1', 'ok'],
    ['v2', 'ok'],
    ['bad503', '503'],
    ['crash', 'crash'],
    ['v3', 'ok'],
  ]);
  writeFileSync(join(repo, 'broken-site.conf'), 'this is not a directive {\n');
});

afterAll(async () => {
  await ssh?.stop();
  if (repo) rmSync(repo, { recursive: true, force: true });
});

interface World {
  appDir: string;
  ports: number[];
  proxy: RunningProxy;
  sup: SlotSupervisor;
  load?: LoadRun | undefined;
  base: string;
}

describe.each(['caddy', 'nginx'] as const)('blue-green release directories behind %s', (kind) => {
  const w = {} as World;

  beforeAll(async () => {
    w.base = serverBaseDir(`bg-${kind}-`);
    w.appDir = join(w.base, "shop's app");
    // The deploy user's app dir (as init makes it): the proxy harness creates only proxy/ inside it.
    mkdirSync(w.appDir);
    const { uid, gid } = testUserIds();
    chownSync(w.appDir, uid, gid);
    w.ports = [await freePort(), await freePort()];
    w.sup = await startSlotSupervisor(w.appDir, w.ports);
    const upstreamFile = join(w.appDir, 'proxy', `upstream.${kind === 'caddy' ? 'caddy' : 'conf'}`);
    // Before the first deploy the upstream names a port nothing listens on (the second: so v1 takes the first).
    const start = kind === 'caddy' ? startCaddy : startNginx;
    w.proxy = await start({ upstreamFile, port: w.ports[1]! });
  }, 60_000);

  afterAll(async () => {
    await w.load?.stop();
    await w.sup?.stop();
    await w.proxy?.stop();
    if (w.base) rmSync(w.base, { recursive: true, force: true });
  });

  const inputs = () => ({
    ...sshInputs(ssh),
    app: 'shop',
    'app-dir': w.appDir,
    switch: 'blue-green',
    ports: w.ports.join(','),
    proxy: kind,
    'proxy-reload-command': w.proxy.reloadCommand,
    'start-command': w.sup.startCommand,
    'stop-command': w.sup.stopCommand,
    'drain-timeout': '1s',
    'health-url': 'http://127.0.0.1:8000/health',
    'health-interval': '200ms',
    'health-timeout': '5s',
  });

  async function deploy(tag: string, extra: Record<string, string> = {}, opts: RunOptions = {}) {
    return runAction(
      'deploy',
      { ...inputs(), strategy: 'release', tag, 'env-file': 'GREETING=hello\n', ...extra },
      { cwd: repo, ...opts },
    );
  }
  const rollback = () => runAction('rollback', inputs(), { cwd: repo });
  const state = () =>
    JSON.parse(readFileSync(join(w.appDir, '.vps-deploy', 'state.json'), 'utf8')) as Record<string, unknown>;
  const lastLedger = () =>
    JSON.parse(
      readFileSync(join(w.appDir, '.vps-deploy', 'releases.jsonl'), 'utf8')
        .trim()
        .split('\n')
        .at(-1)!,
    ) as Record<string, unknown>;
  const through = async (path = '') => (await (await fetch(`${w.proxy.url}${path}`)).text()).trim();
  const ok = (r: ActionRun) => expect(r.code, `${r.stdout}\n${r.stderr}`).toBe(0);

  it('v1, the first deploy: starts on the first port and the proxy serves it', async () => {
    const r = await deploy('v1');
    ok(r);
    expect(r.outputs.status).toBe('deployed');
    expect(state()).toMatchObject({ current: 'v1', port: w.ports[0] });
    expect(readlinkSync(join(w.appDir, 'current'))).toBe('releases/v1');
    expect(readlinkSync(join(w.appDir, 'slots', String(w.ports[0])))).toBe('../releases/v1');
    expect(await through()).toBe('v1');
    // From here on the load runs through the proxy until the last test.
    w.load = startLoad({ url: w.proxy.url, rps: 200, maxSeconds: 150 });
  });

  it('v1 -> v2: v2 starts on the other port, is gated there, traffic moves, v1 stops', async () => {
    const r = await deploy('v2');
    ok(r);
    expect(state()).toMatchObject({ current: 'v2', previous: 'v1', port: w.ports[1] });
    expect(lastLedger()).toMatchObject({ tag: 'v2', outcome: 'deployed', port: w.ports[1] });
    expect(r.summary).toContain(`traffic moved to port ${w.ports[1]}: v2 serves`);
    expect(await through()).toBe('v2');
    expect(() => readlinkSync(join(w.appDir, 'slots', String(w.ports[0])))).toThrow();
  });

  it.each([
    ['bad503', 'a 503 release'],
    ['crash', 'a crashing release'],
  ])('%s (%s) is refused: it never receives a request, v2 keeps serving', async (tag) => {
    const r = await deploy(tag);
    expect(r.code).not.toBe(0);
    expect(r.outputs.status).toBe('rolled-back');
    expect(r.summary).toContain(`traffic never moved: v2 kept serving on port ${w.ports[1]}`);
    expect(state()).toMatchObject({ current: 'v2', port: w.ports[1] });
    expect(lastLedger()).toMatchObject({ tag, outcome: 'rolled-back', phase: 'gate', port: w.ports[0] });
    expect(await through()).toBe('v2');
    // The refused release answered only its gate's probes, never a request through the proxy.
    const served = w.sup
      .log(w.ports[0]!)
      .split('\n')
      .filter((l) => l.startsWith(`${tag} `));
    expect(served.filter((l) => !l.endsWith(' /health'))).toEqual([]);
  });

  it('a proxy-config the proxy refuses stops the deploy before anything changed', async () => {
    const r = await deploy('v3', {
      'proxy-config': 'broken-site.conf',
      'proxy-config-path': join(w.base, 'site.conf'),
    });
    expect(r.code).not.toBe(0);
    expect(r.stdout + r.stderr).toMatch(/proxy-config/);
    expect(lastLedger()).toMatchObject({ tag: 'v3', outcome: 'aborted', phase: 'proxy-config' });
    expect(state()).toMatchObject({ current: 'v2', port: w.ports[1] });
    expect(existsSync(join(w.base, 'site.conf'))).toBe(false);
    expect(await through()).toBe('v2');
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
      'v3',
      { 'drain-timeout': '4s' },
      {
        onStdout: (chunk) => {
          if (!slow && chunk.includes('Health gate of v3'))
            slow = fetch(`${w.proxy.url}slow`).then(async (res) => ({
              status: res.status,
              body: await res.text(),
            }));
        },
      },
    );
    ok(r);
    expect(slow).toBeDefined();
    expect(await slow).toEqual({ status: 200, body: 'v1 slow\n' });
    expect(await through()).toBe('v3');
  });

  it('not one request through the proxy failed during the whole sequence', async () => {
    const report = await w.load!.stop();
    w.load = undefined;
    console.log(
      `${kind}: ${report.sent} requests, ${report.failed} failed, ${report.retriedReused} retried on a fresh ` +
        `connection after a reused one was reset (RFC 9112 9.3.1), p50 ${report.p50Ms} ms, p99 ${report.p99Ms} ms; ` +
        `answers: ${JSON.stringify(report.bodies)}`,
    );
    expect(report.failures).toEqual([]);
    expect(report.failed).toBe(0);
    expect(report.sent).toBeGreaterThan(1000);
    expect(
      Object.keys(report.bodies)
        .map((b) => b.trim())
        .sort(),
    ).toEqual(['v1', 'v2', 'v3']);
  });
});
