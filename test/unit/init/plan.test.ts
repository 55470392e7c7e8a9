import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import YAML from 'yaml';
import { initInputSpec, readInitInputs } from '../../../src/actions/init/inputs.js';
import { planOf } from '../../../src/actions/init/plan.js';

const action = YAML.parse(
  readFileSync(new URL('../../../actions/init/action.yml', import.meta.url), 'utf8'),
) as {
  inputs: Record<string, { description: string; default?: string; required?: boolean }>;
  runs: { using: string; main: string };
};

const KEY = 'ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIB2 ci@github';
const given = (extra: Record<string, string>) => (n: string) =>
  ({ host: 'vps.example.com', username: 'root', key: 'k', 'deploy-key': KEY, app: 'shop', ...extra })[n] ??
  '';
const plan = (extra: Record<string, string> = {}) =>
  planOf(readInitInputs(given(extra)), 'acme/shop', '/work', (p) => {
    if (p === '/work/deploy/shop.service') return '[Service]\nExecStart=/bin/true\n';
    throw new Error('ENOENT');
  });

describe('actions/init/action.yml', () => {
  it('declares exactly the inputs init reads, with the defaults the code applies', () => {
    expect(Object.keys(action.inputs).sort()).toEqual(Object.keys(initInputSpec).sort());
    const fromYml = readInitInputs((n) =>
      action.inputs[n]?.required ? given({})(n) : (action.inputs[n]?.default ?? ''),
    );
    const fromEmpty = readInitInputs((n) => (action.inputs[n]?.required ? given({})(n) : ''));
    expect(fromYml).toEqual(fromEmpty);
    expect(action.runs).toEqual({ using: 'node24', main: '../../dist/init/index.js' });
  });
});

describe('the plan of init', () => {
  it('defaults: deploy user, /srv/<app>, no unit, no proxy, the drop-in named after the app', () => {
    const s = plan().settings;
    expect([s.deployUser, s.appDir, s.unit, s.proxy, s.sudoersPath]).toEqual([
      'deploy',
      '/srv/shop',
      undefined,
      undefined,
      '/etc/sudoers.d/vps-deploy-shop',
    ]);
  });

  it('a unit from exec-start, the app group defaulting to the app user, Caddy defaults', () => {
    const s = plan({
      'exec-start': '/usr/bin/node server.cjs',
      'app-user': 'shopapp',
      'app-port': '8123',
      proxy: 'caddy',
      'site-address': 'shop.example.com',
    }).settings;
    expect(s.appGroup).toBe('shopapp');
    expect(s.unit).toMatchObject({
      name: 'shop',
      dir: '/etc/systemd/system',
      ports: [8123],
      blueGreen: false,
    });
    expect(s.proxy).toMatchObject({
      sitePath: '/etc/caddy/sites/shop.caddy',
      configPath: '/etc/caddy/Caddyfile',
      upstreamPath: '/srv/shop/proxy/upstream.caddy',
      port: 8123,
    });
  });

  it('reads your own unit file from the workspace', () => {
    expect(plan({ 'unit-file': 'deploy/shop.service' }).settings.unit?.ownFile).toContain(
      'ExecStart=/bin/true',
    );
  });

  it.each([
    [{ 'deploy-key': '' }, 'input "deploy-key" is required'],
    [{ 'deploy-key': 'AAAAC3Nz not-a-key' }, 'takes public keys, one a line'],
    [{ 'exec-start': '/x', 'unit-file': 'u' }, 'exclude each other'],
    [{ 'unit-file': 'missing.service' }, 'cannot read /work/missing.service'],
    [{ 'exec-start': '/x', 'blue-green': 'true', 'app-port': '8001' }, 'needs two ports'],
    [{ 'exec-start': '/x', 'app-port': '8001,8002' }, 'takes one port unless "blue-green"'],
    [{ 'exec-start': '/x', strategy: 'compose' }, 'with compose, Docker runs the app'],
    [{ proxy: 'nginx' }, 'input "site-address" is required with proxy: nginx'],
    [
      { proxy: 'caddy', 'site-address': ':80', 'upstream-file': '/etc/up.caddy' },
      'takes a path under app-dir',
    ],
    [{ 'sudoers-file': '/etc/sudoers.d/shop.conf' }, 'sudo skips files in sudoers.d whose name holds a dot'],
    [{ 'deploy-user': 'root' }, 'take a user other than root'],
    [{ 'sudo-commands': 'systemctl restart shop' }, 'a command with its full path'],
  ])('%j is refused before connecting: %s', (extra, message) => {
    expect(() => plan(extra)).toThrow(message);
  });
});
