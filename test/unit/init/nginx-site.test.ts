import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { siteStepText } from '../../../src/init/proxy.js';
import { stepScript } from '../../../src/init/script.js';
import type { ProxySettings } from '../../../src/init/settings.js';

/** The nginx site step under /bin/sh with the real nginx binary checking a config of its own in a temp dir. */
const base = mkdtempSync(join(tmpdir(), 'init-nginx-'));
afterAll(() => rmSync(base, { recursive: true, force: true }));
const hasNginx = spawnSync('sh', ['-c', 'command -v nginx'], { encoding: 'utf8' }).status === 0;

function setup(name: string, include: string) {
  const dir = join(base, name);
  mkdirSync(join(dir, 'conf.d'), { recursive: true });
  const configPath = join(dir, 'nginx.conf');
  writeFileSync(
    configPath,
    `pid ${dir}/nginx.pid;\nerror_log ${dir}/error.log;\nevents {}\nhttp {\n  access_log off;\n  ${include}\n}\n`,
  );
  writeFileSync(join(dir, 'upstream.conf'), 'server 127.0.0.1:18080;\n');
  const p: ProxySettings = {
    kind: 'nginx',
    siteAddress: '127.0.0.1:18081',
    sitePath: join(dir, 'conf.d', 'shop.conf'),
    configPath,
    upstreamPath: join(dir, 'upstream.conf'),
    service: 'nginx',
    port: 18080,
  };
  // A systemctl that reports nginx stopped: the step then has nothing to reload.
  const systemctl = join(dir, 'systemctl');
  writeFileSync(systemctl, '#!/bin/sh\nexit 3\n', { mode: 0o755 });
  return { dir, p, systemctl };
}

function run(body: string) {
  const r = spawnSync('/bin/sh', ['-c', stepScript(body, false)], { encoding: 'utf8' });
  return { code: r.status, stderr: r.stderr };
}

describe('nginx site step', () => {
  // A missing nginx fails here, naming the package: never a silent skip.
  beforeAll(() => {
    if (!hasNginx)
      throw new Error('nginx is not installed: apt-get install -y --no-install-recommends nginx');
  });

  it('a main config that includes conf.d/*.conf takes the site', () => {
    const { dir, p, systemctl } = setup('included', `include ${join(base, 'included')}/conf.d/*.conf;`);
    expect(run(siteStepText(p, systemctl)).code).toBe(0);
    expect(existsSync(join(dir, 'conf.d', 'shop.conf'))).toBe(true);
  });

  it('a main config that does not include the site refuses it and takes it back out', () => {
    const { dir, p, systemctl } = setup('not-included', '');
    const r = run(siteStepText(p, systemctl));
    expect(r.code).not.toBe(0);
    expect(r.stderr).toContain('nginx does not read the site');
    expect(existsSync(join(dir, 'conf.d', 'shop.conf'))).toBe(false);
  });
});
