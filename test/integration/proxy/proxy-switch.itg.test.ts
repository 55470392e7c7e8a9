import { createServer, get } from 'node:http';
import type { Server } from 'node:http';
import { readFileSync, readdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { proxySwitch } from '../../../src/proxy/proxy-switch.js';
import type { ProxyOptions } from '../../../src/proxy/proxy-switch.js';
import { SshConnection } from '../../../src/ssh/connection.js';
import { startLoad } from '../../harness/load.js';
import type { LoadReport } from '../../harness/load.js';
import { serverBaseDir } from '../../harness/parts.js';
import { freePort } from '../../harness/ports.js';
import { SITE_PLACEHOLDER, startCaddy, startNginx } from '../../harness/proxy.js';
import type { RunningProxy } from '../../harness/proxy.js';
import { startSshd } from '../../harness/sshd.js';
import type { SshServer } from '../../harness/sshd.js';
import { RecordingLog } from '../../fakes/recording-log.js';

/**
 * ProxySwitch through a real SSH connection (as the deploy user) to a real Caddy and a real nginx running as that
 * user, with the load generator counting every request through the proxy: switches under 200 req/s fail none; a
 * proxy-config the validator refuses changes nothing; a reload the whole proxy refuses puts everything back.
 */
let ssh: SshServer;
let conn: SshConnection;
const quiet = { info: () => undefined, debug: () => undefined, warning: () => undefined };

async function app(body: string): Promise<{ port: number; server: Server }> {
  const server = createServer((_req, res) => res.end(body));
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  return { port: (server.address() as { port: number }).port, server };
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

function noFailures(r: LoadReport): void {
  console.log(JSON.stringify({ ...r, failures: r.failures.slice(0, 5) }));
  expect(r.failures).toEqual([]);
  expect(r.failed).toBe(0);
}

/** One request on a fresh connection: `<status> <body>`, or `refused`. */
function answer(url: string): Promise<string> {
  return new Promise((resolve) => {
    const req = get(url, { agent: false }, (res) => {
      let body = '';
      res.on('data', (c: Buffer) => (body += c.toString()));
      res.on('end', () => resolve(`${res.statusCode} ${body}`));
    });
    req.on('error', () => resolve('refused'));
  });
}

/**
 * What the proxy answers once a reload has taken effect. nginx's `-s reload` returns when the master has the
 * signal, and its new workers take over a few milliseconds later (the old ones finish what they hold): so poll,
 * for at most 3 s, until `want` answers, and return the last answer.
 */
async function answers(url: string, want?: string): Promise<string> {
  const deadline = Date.now() + 3000;
  for (;;) {
    const got = await answer(url);
    if (want === undefined || got === want || Date.now() > deadline) return got;
    await sleep(50);
  }
}

beforeAll(async () => {
  ssh = await startSshd();
  conn = await SshConnection.open(
    {
      host: ssh.host,
      port: ssh.port,
      username: ssh.user,
      privateKey: ssh.clientKey,
      knownHosts: '',
      hostFingerprint: ssh.fingerprint,
      insecureIgnoreHostKey: false,
      connectTimeoutSeconds: 5,
      connectRetries: 1,
    },
    quiet,
  );
});
afterAll(async () => {
  conn?.dispose();
  await ssh?.stop();
});

for (const kind of ['caddy', 'nginx'] as const) {
  describe(`ProxySwitch, real ${kind} over SSH`, () => {
    let a: { port: number; server: Server }, b: { port: number; server: Server };
    let proxy: RunningProxy, base: string, upstreamFile: string, sitePath: string, extraPort: number;
    const ext = kind === 'caddy' ? 'caddy' : 'conf';
    /** A second site on its own port: how a test sees which proxy-config is live. */
    const site = (text: string) =>
      kind === 'caddy'
        ? `:${extraPort} {\n\tbind 127.0.0.1\n\trespond "${text}" 200\n}\n`
        : `server {\n\tlisten 127.0.0.1:${extraPort};\n\treturn 200 "${text}";\n}\n`;
    const options = (config?: string): ProxyOptions => ({
      kind,
      upstreamFile,
      reloadCommand: proxy.reloadCommand,
      ...(config !== undefined ? { config: { content: config, path: sitePath } } : {}),
    });

    beforeAll(async () => {
      [a, b] = [await app('a'), await app('b')];
      extraPort = await freePort();
      base = serverBaseDir(`proxy-switch-${kind}-`);
      upstreamFile = join(base, 'proxy', `upstream.${ext}`);
      sitePath = join(base, 'proxy', `site.${ext}`);
      proxy = await (kind === 'caddy' ? startCaddy : startNginx)({
        upstreamFile,
        port: a.port,
        siteImport: sitePath,
      });
    });
    afterAll(async () => {
      await proxy?.stop();
      a?.server.close();
      b?.server.close();
      rmSync(base, { recursive: true, force: true });
    });

    it('switchTo under 200 req/s: 0 failed requests, both instances served, servingPort follows', async () => {
      const sw = proxySwitch(conn, options(), new RecordingLog());
      expect(await sw.servingPort()).toBe(a.port);
      const run = startLoad({ url: proxy.url, rps: 200, maxSeconds: 60 });
      run.phase('steady');
      await sleep(1000);
      run.phase('switch');
      for (const port of [b.port, a.port, b.port, a.port]) {
        await sw.switchTo(port);
        expect(await sw.servingPort()).toBe(port);
        await sleep(500);
      }
      const r = await run.stop();
      noFailures(r);
      expect(r.sent).toBeGreaterThan(500);
      expect(r.bodies.a).toBeGreaterThan(50);
      expect(r.bodies.b).toBeGreaterThan(50);
      expect(readFileSync(upstreamFile, 'utf8')).toBe(
        kind === 'caddy' ? `reverse_proxy 127.0.0.1:${a.port}\n` : `server 127.0.0.1:${a.port};\n`,
      );
    });

    it('a proxy-config that fails validation throws before anything changed; the proxy keeps serving', async () => {
      const upstreamBefore = readFileSync(upstreamFile, 'utf8');
      const siteBefore = readFileSync(sitePath, 'utf8');
      const bad =
        kind === 'caddy'
          ? `:${extraPort} {\n\tbogus_directive on\n}\n`
          : `server {\n\tlisten 127.0.0.1:${extraPort};\n\tbogus_directive on;\n}\n`;
      const sw = proxySwitch(conn, options(bad), new RecordingLog());
      await expect(sw.checkConfig()).rejects.toThrow(
        new RegExp(
          `${kind} refused the proxy-config for .*site\\.${ext} \\(nothing was changed or reloaded\\):[^]*bogus_directive`,
        ),
      );
      await expect(sw.switchTo(b.port)).rejects.toThrow(/checkConfig\(\) must pass/);
      expect(readFileSync(upstreamFile, 'utf8')).toBe(upstreamBefore);
      expect(readFileSync(sitePath, 'utf8')).toBe(siteBefore);
      expect(readdirSync(join(base, 'proxy')).sort()).toEqual([`site.${ext}`, `upstream.${ext}`]);
      expect(await answers(proxy.url, '200 a')).toBe('200 a');
      expect(await answers(`http://127.0.0.1:${extraPort}/`, 'refused')).toBe('refused');
    });

    it('a checked proxy-config goes live with the first switch, and restoreConfig takes it back out', async () => {
      const sw = proxySwitch(conn, options(site('config v2')), new RecordingLog());
      await sw.checkConfig();
      expect(await answers(`http://127.0.0.1:${extraPort}/`, 'refused')).toBe('refused');
      await sw.switchTo(b.port);
      expect(await answers(`http://127.0.0.1:${extraPort}/`, '200 config v2')).toBe('200 config v2');
      expect(await answers(proxy.url, '200 b')).toBe('200 b');
      await sw.switchTo(a.port);
      await sw.restoreConfig();
      expect(readFileSync(sitePath, 'utf8')).toBe(SITE_PLACEHOLDER);
      expect(await answers(`http://127.0.0.1:${extraPort}/`, 'refused')).toBe('refused');
      expect(await answers(proxy.url, '200 a')).toBe('200 a');
    });

    it('a reload the whole proxy refuses (config valid alone, clashing with the live one): everything put back, 0 failed requests', async () => {
      // Alone it validates; beside the live config it clashes (the same site address / a second `upstream app`).
      const clash =
        kind === 'caddy'
          ? `:${proxy.port} {\n\tbind 127.0.0.1\n\trespond "clash" 200\n}\n`
          : `upstream app {\n\tserver 127.0.0.1:${b.port};\n}\n`;
      const upstreamBefore = readFileSync(upstreamFile, 'utf8');
      const log = new RecordingLog();
      const sw = proxySwitch(conn, options(clash), log);
      await sw.checkConfig();
      const run = startLoad({ url: proxy.url, rps: 200, maxSeconds: 30 });
      await sleep(500);
      await expect(sw.switchTo(b.port)).rejects.toThrow(
        new RegExp(
          `the ${kind} reload failed \\(exit \\d+\\)[^]*; the previous upstream file was put back and the proxy reloaded`,
        ),
      );
      await sleep(500);
      const r = await run.stop();
      noFailures(r);
      expect(Object.keys(r.bodies)).toEqual(['a']);
      expect(readFileSync(upstreamFile, 'utf8')).toBe(upstreamBefore);
      expect(readFileSync(sitePath, 'utf8')).toBe(SITE_PLACEHOLDER);
      expect(await sw.servingPort()).toBe(a.port);
      // And the proxy still reloads cleanly: nothing of the refused config is left behind.
      await proxySwitch(conn, options(), log).switchTo(a.port);
      expect(await answers(proxy.url, '200 a')).toBe('200 a');
    });
  });
}
