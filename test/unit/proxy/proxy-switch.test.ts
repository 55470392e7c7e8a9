import {
  mkdirSync,
  mkdtempSync,
  readFileSync,
  readdirSync,
  rmSync,
  writeFileSync,
  existsSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { proxySwitch } from '../../../src/proxy/proxy-switch.js';
import type { ProxyOptions } from '../../../src/proxy/proxy-switch.js';
import { quoteForShell as q } from '../../../src/ssh/quote.js';
import { LocalShell } from '../../fakes/local-shell.js';
import { RecordingLog } from '../../fakes/recording-log.js';

/**
 * The switch's order of work over a shell that runs every command for real (LocalShell, /bin/sh here), with a
 * reload command that records what the upstream file said when it ran, and fails on a chosen port. Real Caddy
 * and nginx behind SSH: test/integration/proxy/proxy-switch.itg.test.ts.
 */
const base = mkdtempSync(join(tmpdir(), "proxy switch's-"));
afterAll(() => rmSync(base, { recursive: true, force: true }));

function setup(opts: { failOn?: number; config?: string } = {}) {
  const dir = mkdtempSync(join(base, 'app-'));
  mkdirSync(join(dir, 'proxy'));
  const upstreamFile = join(dir, 'proxy', 'upstream.caddy');
  const reloads = join(dir, 'reloads');
  // Each reload appends "<APP_PORT> <upstream file line>"; it exits 1 for the failing port.
  const reloadCommand =
    `printf '%s %s\\n' "$APP_PORT" "$(cat ${q(upstreamFile)} 2>/dev/null)" >>${q(reloads)}` +
    (opts.failOn
      ? ` && [ "$APP_PORT" != ${opts.failOn} ] || { echo "reload refused on $APP_PORT" >&2; exit 1; }`
      : '');
  const configPath = join(dir, 'proxy', 'site.caddy');
  const o: ProxyOptions = {
    kind: 'caddy',
    upstreamFile,
    reloadCommand,
    ...(opts.config !== undefined ? { config: { content: opts.config, path: configPath } } : {}),
  };
  const log = new RecordingLog();
  const read = (p: string) => (existsSync(p) ? readFileSync(p, 'utf8') : undefined);
  return {
    dir,
    upstreamFile,
    configPath,
    log,
    sw: proxySwitch(new LocalShell(), o, log),
    reloads: () => (read(reloads) ?? '').trim().split('\n').filter(Boolean),
    read,
  };
}

describe('ProxySwitch over a real shell', () => {
  it('servingPort: the port of our one line; undefined for no file or a line of someone else', async () => {
    const t = setup();
    expect(await t.sw.servingPort()).toBeUndefined();
    writeFileSync(t.upstreamFile, 'reverse_proxy 127.0.0.1:8002\n');
    expect(await t.sw.servingPort()).toBe(8002);
    writeFileSync(t.upstreamFile, 'reverse_proxy backend:80\n');
    expect(await t.sw.servingPort()).toBeUndefined();
  });

  it('switchTo writes the line, then reloads with APP_PORT: the reload sees the new file', async () => {
    const t = setup();
    await t.sw.switchTo(8001);
    await t.sw.switchTo(8002);
    expect(t.read(t.upstreamFile)).toBe('reverse_proxy 127.0.0.1:8002\n');
    expect(t.reloads()).toEqual(['8001 reverse_proxy 127.0.0.1:8001', '8002 reverse_proxy 127.0.0.1:8002']);
    expect(readdirSync(join(t.dir, 'proxy'))).toEqual(['upstream.caddy']);
    expect(await t.sw.servingPort()).toBe(8002);
  });

  it('a reload that fails puts the previous file back, reloads it, and throws with the reload output', async () => {
    const t = setup({ failOn: 8002 });
    writeFileSync(t.upstreamFile, 'reverse_proxy 127.0.0.1:8001\n');
    await expect(t.sw.switchTo(8002)).rejects.toThrow(
      /the caddy reload failed \(exit 1\):\nreload refused on 8002; the previous upstream file was put back and the proxy reloaded/,
    );
    expect(t.read(t.upstreamFile)).toBe('reverse_proxy 127.0.0.1:8001\n');
    expect(t.reloads()).toEqual(['8002 reverse_proxy 127.0.0.1:8002', '8001 reverse_proxy 127.0.0.1:8001']);
  });

  it('a failed first switch removes the upstream file it created', async () => {
    const t = setup({ failOn: 8001 });
    await expect(t.sw.switchTo(8001)).rejects.toThrow(/reload refused on 8001/);
    expect(t.read(t.upstreamFile)).toBeUndefined();
  });

  it('a user file that was not ours comes back byte for byte', async () => {
    const t = setup({ failOn: 8002 });
    const theirs = "reverse_proxy 10.0.0.5:80 {\n\theader_up X-It's $(kept)\n}\n";
    writeFileSync(t.upstreamFile, theirs);
    await expect(t.sw.switchTo(8002)).rejects.toThrow(/reload refused/);
    expect(t.read(t.upstreamFile)).toBe(theirs);
  });

  describe('proxy-config, with a stand-in caddy on PATH that refuses any file saying "bad"', () => {
    const bin = mkdtempSync(join(base, 'bin-'));
    writeFileSync(
      join(bin, 'caddy'),
      '#!/bin/sh\n[ "$1" = validate ] || exit 2\nif grep -q bad "$3"; then echo "Error: adapting config using caddyfile: bad directive"; exit 1; fi\necho "Valid configuration"\n',
      { mode: 0o755 },
    );
    const path = process.env.PATH;
    beforeAll(() => {
      process.env.PATH = `${bin}:${path}`;
    });
    afterAll(() => {
      process.env.PATH = path;
    });

    it('a config the validator refuses: thrown with its output, nothing changed, no candidate left', async () => {
      const t = setup({ config: 'bad site\n' });
      writeFileSync(t.configPath, 'old site\n');
      await expect(t.sw.checkConfig()).rejects.toThrow(
        /caddy refused the proxy-config for .*site\.caddy \(nothing was changed or reloaded\):\nError: adapting config using caddyfile: bad directive/,
      );
      expect(t.read(t.configPath)).toBe('old site\n');
      expect(readdirSync(join(t.dir, 'proxy'))).toEqual(['site.caddy']);
      expect(t.reloads()).toEqual([]);
      await expect(t.sw.switchTo(8001)).rejects.toThrow(/checkConfig\(\) must pass/);
      expect(t.read(t.configPath)).toBe('old site\n');
    });

    it('checked, installed on the first switch only; restoreConfig puts the old one back and reloads', async () => {
      const t = setup({ config: 'new site\n' });
      writeFileSync(t.configPath, 'old site\n');
      await t.sw.checkConfig();
      expect(t.read(t.configPath)).toBe('old site\n');
      expect(readdirSync(join(t.dir, 'proxy'))).toEqual(['site.caddy']);
      await t.sw.switchTo(8001);
      expect(t.read(t.configPath)).toBe('new site\n');
      writeFileSync(t.configPath, 'edited by hand meanwhile\n');
      await t.sw.switchTo(8002);
      expect(t.read(t.configPath)).toBe('edited by hand meanwhile\n');
      await t.sw.restoreConfig();
      expect(t.read(t.configPath)).toBe('old site\n');
      expect(t.reloads()).toEqual([
        '8001 reverse_proxy 127.0.0.1:8001',
        '8002 reverse_proxy 127.0.0.1:8002',
        '8002 reverse_proxy 127.0.0.1:8002',
      ]);
      // Once put back, a second restore has nothing to do.
      await t.sw.restoreConfig();
      expect(t.reloads()).toHaveLength(3);
    });

    it('a reload that fails after installing the config puts both files back (a config that was not there is removed)', async () => {
      const t = setup({ config: 'new site\n', failOn: 8002 });
      writeFileSync(t.upstreamFile, 'reverse_proxy 127.0.0.1:8001\n');
      await t.sw.checkConfig();
      await expect(t.sw.switchTo(8002)).rejects.toThrow(
        /reload refused on 8002; the previous upstream file was put back/,
      );
      expect(t.read(t.configPath)).toBeUndefined();
      expect(t.read(t.upstreamFile)).toBe('reverse_proxy 127.0.0.1:8001\n');
      expect(t.reloads()).toEqual(['8002 reverse_proxy 127.0.0.1:8002', '8001 reverse_proxy 127.0.0.1:8001']);
    });

    it('restoreConfig never throws: a failure is a warning', async () => {
      const t = setup({ config: 'new site\n', failOn: 8001 });
      await t.sw.checkConfig();
      await expect(t.sw.switchTo(8001)).rejects.toThrow(/reload refused/);
      await t.sw.restoreConfig(); // nothing installed any more: a no-op
      const u = setup({ config: 'new site\n', failOn: 9 });
      writeFileSync(u.configPath, 'old site\n');
      await u.sw.checkConfig();
      await u.sw.switchTo(8001);
      rmSync(join(u.dir, 'proxy'), { recursive: true });
      await u.sw.restoreConfig();
      expect(u.log.warnings.join('\n')).toMatch(
        /putting back the previous proxy-config .*site\.caddy failed: putting back the proxy-config .* failed \(exit 1\):\nthe directory of .* does not exist/,
      );
    });
  });

  it('kind command: only the reload command runs, with APP_PORT; no file is written', async () => {
    const dir = mkdtempSync(join(base, 'cmd-'));
    const out = join(dir, 'switched');
    const sw = proxySwitch(
      new LocalShell(),
      { kind: 'command', upstreamFile: '', reloadCommand: `printf '%s' "$APP_PORT" >${q(out)}` },
      new RecordingLog(),
    );
    expect(await sw.servingPort()).toBeUndefined();
    await sw.checkConfig();
    await sw.switchTo(8002);
    expect(readFileSync(out, 'utf8')).toBe('8002');
    expect(readdirSync(dir)).toEqual(['switched']);
  });
});
