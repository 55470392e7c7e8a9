import { describe, expect, it } from 'vitest';
import { layoutDirs } from '../../../src/init/layout.js';
import {
  aptLine,
  missingPackages,
  parseProbe,
  prerequisitesOf,
  probeText,
} from '../../../src/init/prerequisites.js';
import { nginxListen, siteContent, upstreamLine, upstreamPort } from '../../../src/init/proxy.js';
import type { InitSettings, ProxySettings } from '../../../src/init/settings.js';
import { deployCommands, sudoersArg, sudoersContent } from '../../../src/init/sudoers.js';
import { unitContent, unitInstances, unitPath } from '../../../src/init/unit.js';
import { planTitles } from '../../../src/init/steps.js';

const base: InitSettings = {
  app: 'shop',
  appDir: '/srv/shop',
  strategy: 'release',
  deployUser: 'deploy',
  deployKeys: ['ssh-ed25519 AAAAC3Nz ci'],
  appUser: '',
  appGroup: '',
  sharedDirs: [],
  sudoersPath: '/etc/sudoers.d/vps-deploy-shop',
  sudoCommands: [],
  backups: [],
  install: false,
  dryRun: false,
};
const single = { name: 'shop', dir: '/etc/systemd/system', blueGreen: false, ports: [8000] };
const template = { name: 'shop', dir: '/etc/systemd/system', blueGreen: true, ports: [8001, 8002] };
const caddy: ProxySettings = {
  kind: 'caddy',
  siteAddress: 'shop.example.com',
  sitePath: '/etc/caddy/sites/shop.caddy',
  configPath: '/etc/caddy/Caddyfile',
  upstreamPath: '/srv/shop/proxy/upstream.caddy',
  service: 'caddy',
  port: 8000,
};

describe('the systemd unit', () => {
  it('a single unit runs current/ as the app user with shared/.env and APP_PORT', () => {
    const text = unitContent(
      { ...base, appUser: 'shop', appGroup: 'shop' },
      { ...single, execStart: '/srv/shop/current/.venv/bin/uvicorn app:app --port ${APP_PORT}' },
    );
    expect(text.split('\n').slice(1, 19)).toEqual([
      '[Unit]',
      'Description=shop (vps-deploy)',
      'After=network.target',
      '',
      '[Service]',
      'Type=simple',
      'User=shop',
      'Group=shop',
      'UMask=0002',
      'WorkingDirectory=/srv/shop/current',
      'EnvironmentFile=-/srv/shop/shared/.env',
      'Environment=APP_PORT=8000',
      'ExecStart=/srv/shop/current/.venv/bin/uvicorn app:app --port ${APP_PORT}',
      'Restart=always',
      'RestartSec=2',
      '',
      '[Install]',
      'WantedBy=multi-user.target',
    ]);
    expect(unitPath(single)).toBe('/etc/systemd/system/shop.service');
  });

  it('blue-green is a template whose instance is the slot port; a % in app-dir is escaped', () => {
    const text = unitContent({ ...base, appDir: '/srv/100%' }, { ...template, execStart: '/x' });
    expect(text).toContain('\nUser=deploy\nWorkingDirectory=/srv/100%%/slots/%i\n');
    expect(text).toContain('\nEnvironment=APP_PORT=%i\n');
    expect(text).not.toContain('Group=');
    // Without an app group nobody else writes shared/: systemd's default umask (0022) stays.
    expect(text).not.toContain('UMask=');
    expect(unitPath(template)).toBe('/etc/systemd/system/shop@.service');
    expect(unitInstances(template)).toEqual(['shop@8001', 'shop@8002']);
  });
});

describe('files the app creates in shared/', () => {
  // The deploy user replaces them (a backup restore moves a file it owns into place, keeping the mode of the one
  // it replaces): with systemd's default umask 0022 the app would create shared/data/app.db 0644 and could not
  // write the restored copy, which belongs to the deploy user and the app group.
  it.each([
    ['app-user', { appUser: 'shop', appGroup: 'shop' }],
    ['app-group only', { appGroup: 'web' }],
  ])('with an app group (%s) the unit sets UMask=0002', (_name, who) => {
    expect(unitContent({ ...base, ...who }, { ...single, execStart: '/x' })).toContain('\nUMask=0002\n');
    expect(unitContent({ ...base, ...who }, { ...template, execStart: '/x' })).toContain('\nUMask=0002\n');
  });
});

describe('the sudoers drop-in', () => {
  it.each([
    ['restart', 'restart'],
    ['a,b:c=d\\e', 'a\\,b\\:c\\=d\\\\e'],
  ])('escapes sudoers syntax in arguments: %s', (arg, want) => expect(sudoersArg(arg)).toBe(want));

  it('allows exactly restart/start/stop of each unit instance and the proxy reload, plus sudo-commands', () => {
    const s = {
      ...base,
      unit: template,
      proxy: caddy,
      sudoCommands: ['/usr/bin/supervisorctl restart worker'],
    };
    const lines = sudoersContent(s, '/usr/bin/systemctl')!
      .split('\n')
      .filter((l) => !l.startsWith('#'));
    expect(lines).toEqual([
      'deploy ALL=(root) NOPASSWD: /usr/bin/systemctl restart shop@8001',
      'deploy ALL=(root) NOPASSWD: /usr/bin/systemctl start shop@8001',
      'deploy ALL=(root) NOPASSWD: /usr/bin/systemctl stop shop@8001',
      'deploy ALL=(root) NOPASSWD: /usr/bin/systemctl restart shop@8002',
      'deploy ALL=(root) NOPASSWD: /usr/bin/systemctl start shop@8002',
      'deploy ALL=(root) NOPASSWD: /usr/bin/systemctl stop shop@8002',
      'deploy ALL=(root) NOPASSWD: /usr/bin/systemctl reload caddy',
      'deploy ALL=(root) NOPASSWD: /usr/bin/supervisorctl restart worker',
      '',
    ]);
    expect(deployCommands({ ...base, unit: single }, '/bin/systemctl').map((c) => c.command)).toEqual([
      '/bin/systemctl restart shop',
      '/bin/systemctl start shop',
      '/bin/systemctl stop shop',
    ]);
  });

  it('is not written when there is nothing to allow (compose, no proxy)', () => {
    expect(sudoersContent(base, '/usr/bin/systemctl')).toBeUndefined();
  });
});

describe('the proxy site', () => {
  it.each([
    ['caddy', 8001, 'reverse_proxy 127.0.0.1:8001'],
    ['nginx', 8002, 'server 127.0.0.1:8002;'],
  ] as const)('%s upstream line for %i reads back', (kind, port, line) => {
    expect(upstreamLine(kind, port)).toBe(line);
    expect(upstreamPort(kind, `${line}\n`)).toBe(port);
    expect(upstreamPort(kind, 'reverse_proxy 10.0.0.1:80')).toBeUndefined();
  });

  it('Caddy imports the upstream file (quoted when the path has a space)', () => {
    expect(siteContent('shop', caddy).split('\n').slice(1)).toEqual([
      'shop.example.com {',
      '\timport /srv/shop/proxy/upstream.caddy',
      '}',
      '',
    ]);
    expect(siteContent('shop', { ...caddy, upstreamPath: '/srv/my shop/proxy/upstream.caddy' })).toContain(
      '\timport "/srv/my shop/proxy/upstream.caddy"\n',
    );
  });

  it('nginx includes it inside upstream <app> and proxies to that upstream', () => {
    const text = siteContent('shop', {
      ...caddy,
      kind: 'nginx',
      upstreamPath: '/srv/shop/proxy/upstream.conf',
    });
    expect(text).toContain('upstream shop {\n    include /srv/shop/proxy/upstream.conf;\n}\n');
    expect(text).toContain('    listen 80;\n    server_name shop.example.com;\n');
    expect(siteContent('shop', { ...caddy, kind: 'nginx', siteAddress: '127.0.0.1:8081' })).toContain(
      '    listen 127.0.0.1:8081;\n',
    );
    expect(text).toContain('        proxy_pass http://shop;\n');
  });

  it('nginx asks the app to upgrade the connection only when the client did (websockets), not on every request', () => {
    // `Connection: upgrade` without an Upgrade header makes uvicorn (h11, Debian 12's 0.17) answer 400
    // "Unsupported upgrade request." to every request through the site.
    const text = siteContent('my-shop', { ...caddy, kind: 'nginx' });
    expect(text).toContain(
      "map $http_upgrade $vps_deploy_connection_my_shop {\n    default upgrade;\n    '' close;\n}\n",
    );
    expect(text).toContain('        proxy_set_header Upgrade $http_upgrade;\n');
    expect(text).toContain('        proxy_set_header Connection $vps_deploy_connection_my_shop;\n');
    expect(text).not.toContain('Connection "upgrade"');
  });

  it.each([
    ['shop.example.com', 80, 'shop.example.com'],
    [':8080', 8080, '_'],
    ['https://shop.example.com', 443, 'shop.example.com'],
    ['http://shop.example.com:81', 81, 'shop.example.com'],
  ])('nginx listens for %s on %i as %s', (address, port, serverName) =>
    expect(nginxListen(address)).toEqual({ port, serverName }),
  );
});

describe('the app-dir layout', () => {
  it('belongs to the deploy user; without an app group nothing is setgid', () => {
    expect(layoutDirs(base).map((d) => [d.path, d.mode.toString(8), d.owner, d.group])).toEqual([
      ['/srv/shop', '755', 'deploy', ''],
      ['/srv/shop/.vps-deploy', '755', 'deploy', ''],
      ['/srv/shop/releases', '755', 'deploy', ''],
      ['/srv/shop/shared', '755', 'deploy', ''],
      ['/srv/shop/backups', '750', 'deploy', ''],
    ]);
  });

  it('with an app group, shared/ and its dirs are setgid and group-writable; slots/ and proxy/ when needed', () => {
    const dirs = layoutDirs({
      ...base,
      appGroup: 'shop',
      sharedDirs: ['data'],
      unit: template,
      proxy: caddy,
    });
    expect(dirs.map((d) => [d.path, d.mode.toString(8), d.group])).toEqual([
      ['/srv/shop', '755', 'shop'],
      ['/srv/shop/.vps-deploy', '755', 'shop'],
      ['/srv/shop/releases', '755', 'shop'],
      ['/srv/shop/shared', '2775', 'shop'],
      ['/srv/shop/shared/data', '2775', 'shop'],
      ['/srv/shop/backups', '750', 'shop'],
      ['/srv/shop/slots', '755', 'shop'],
      ['/srv/shop/proxy', '755', 'shop'],
    ]);
  });
});

describe('prerequisites', () => {
  it.each([
    [{ ...base }, ['flock', 'tar']],
    [{ ...base, strategy: 'compose' as const }, ['flock', 'docker', 'docker compose']],
    [{ ...base, backups: ['sqlite', 'postgres', 'files'] }, ['flock', 'tar', 'sqlite3', 'pg_dump', 'gzip']],
    [{ ...base, unit: single, proxy: caddy }, ['flock', 'tar', 'systemctl', 'visudo', 'caddy']],
  ])('%#: checks %j', (s, names) => expect(prerequisitesOf(s).map((p) => p.name)).toEqual(names));

  it('reads the probe and names each missing package once', () => {
    const prereqs = prerequisitesOf({ ...base, backups: ['files', 'volumes'] });
    expect(probeText(prereqs)).toContain('command -v flock');
    const states = parseProbe(prereqs, '@@have 0 yes\n@@have 1 no\n@@have 2 no\n');
    expect(states.map((s) => [s.name, s.present])).toEqual([
      ['flock', true],
      ['tar', false],
      ['gzip', false],
      ['docker', false],
    ]);
    expect(aptLine(missingPackages(states))).toBe('apt-get install -y tar gzip docker.io');
  });
});

it('the plan names every step before anything connects', () => {
  expect(planTitles({ ...base, unit: single, proxy: caddy })).toEqual([
    'deploy user deploy',
    'authorized_keys of deploy (1 key(s))',
    'layout of /srv/shop',
    'systemd unit /etc/systemd/system/shop.service',
    'sudoers drop-in /etc/sudoers.d/vps-deploy-shop',
    'upstream file /srv/shop/proxy/upstream.caddy',
    'caddy site /etc/caddy/sites/shop.caddy',
  ]);
});
