import { describe, expect, it } from 'vitest';
import {
  commandAtPort,
  healthAtPort,
  nextPort,
  servingPortOf,
  urlAtPort,
} from '../../../src/flow/blue-green-ports.js';
import { readInputs } from '../../../src/io/inputs.js';
import { switchInputSpec, switchSettings } from '../../../src/flow/inputs.js';
import { summaryMarkdown, trafficText } from '../../../src/flow/report.js';

describe('which port serves, which one the new release takes', () => {
  it.each<[string, number | undefined, number | undefined, number | undefined]>([
    ['the upstream file wins over state.json (a run killed after its switch)', 8002, 8001, 8002],
    ['no upstream file (proxy: command): state.json', undefined, 8001, 8001],
    ['neither: nothing of ours serves', undefined, undefined, undefined],
  ])('%s', (_, proxy, state, want) => expect(servingPortOf(proxy, state)).toBe(want));

  it.each<[number[], number | undefined, number]>([
    [[8001, 8002], undefined, 8001],
    [[8001, 8002], 8001, 8002],
    [[8001, 8002], 8002, 8001],
    [[8001, 8002], 8000, 8001],
    [[], 8001, 0],
  ])('ports %j, serving %s -> %s', (ports, serving, want) => expect(nextPort(ports, serving)).toBe(want));
});

describe('the gate aimed at one instance', () => {
  it.each([
    ['http://127.0.0.1:8000/health', 'http://127.0.0.1:8002/health'],
    ['http://localhost/health?x=1,2', 'http://localhost:8002/health?x=1,2'],
    ['https://127.0.0.1:8443/up', 'https://127.0.0.1:8002/up'],
    ['http+unix://%2Frun%2Fapp.sock/health', 'http+unix://%2Frun%2Fapp.sock/health'],
    // One socket per instance (gunicorn --bind unix:/run/sum/gunicorn-${APP_PORT}.sock): the instance's own socket.
    [
      'http+unix://%2Frun%2Fsum%2Fgunicorn-${APP_PORT}.sock/health/?deep=1',
      'http+unix://%2Frun%2Fsum%2Fgunicorn-8002.sock/health/?deep=1',
    ],
    [
      'http+unix://%2Frun%2Fsum%2Fgunicorn-%24%7BAPP_PORT%7D.sock/health/',
      'http+unix://%2Frun%2Fsum%2Fgunicorn-8002.sock/health/',
    ],
  ])('%s -> %s', (url, want) => expect(urlAtPort(url, 8002)).toBe(want));

  it('health-command lines get APP_PORT; the rest of the plan is kept', () => {
    const plan = {
      urls: ['http://127.0.0.1:8000/health'],
      commands: ['curl -fs "http://127.0.0.1:$APP_PORT/ready"'],
      headers: { Host: 'shop.example.com' },
      from: 'server' as const,
      gate: {
        timeoutSeconds: 5,
        intervalSeconds: 1,
        successes: 2,
        allowDegraded: true,
        requestTimeoutSeconds: 1,
      },
    };
    expect(healthAtPort(plan, 8002)).toEqual({
      ...plan,
      urls: ['http://127.0.0.1:8002/health'],
      commands: ['export APP_PORT=8002; curl -fs "http://127.0.0.1:$APP_PORT/ready"'],
    });
  });

  it('a command told APP_PORT sees it under /bin/sh, whatever the line does', async () => {
    const { execFileSync } = await import('node:child_process');
    const out = execFileSync('/bin/sh', [
      '-c',
      commandAtPort('echo "port=$APP_PORT" || true; echo again $APP_PORT', 8001),
    ]);
    expect(out.toString()).toBe('port=8001\nagain 8001\n');
  });
});

const settings = (raw: Record<string, string>, strategy?: 'compose' | 'release') =>
  switchSettings(
    readInputs(switchInputSpec, (n) => raw[n] ?? ''),
    '/srv/shop',
    strategy,
  );
const problem = (raw: Record<string, string>, strategy?: 'compose' | 'release') => {
  try {
    settings(raw, strategy);
    return 'no error';
  } catch (e) {
    return (e as Error).message;
  }
};

describe('the switch inputs', () => {
  it('nothing given: restart, as before', () => expect(settings({}, 'release')).toBeUndefined());

  it('blue-green with release directories: the defaults filled in', () =>
    expect(
      settings(
        {
          switch: 'blue-green',
          ports: '8001, 8002',
          'start-command': 'sudo systemctl start shop@${APP_PORT}',
          'stop-command': 'sudo systemctl stop shop@${APP_PORT}',
        },
        'release',
      ),
    ).toEqual({
      ports: [8001, 8002],
      drainSeconds: 10,
      publicHealthUrl: '',
      proxy: { kind: 'caddy', upstreamFile: '/srv/shop/proxy/upstream.caddy', reloadCommand: '' },
      startCommand: 'sudo systemctl start shop@${APP_PORT}',
      stopCommand: 'sudo systemctl stop shop@${APP_PORT}',
    }));

  it('nginx, a proxy-config, drain in ms, compose with an ephemeral port', () =>
    expect(
      settings(
        {
          switch: 'blue-green',
          proxy: 'nginx',
          'drain-timeout': '500ms',
          'proxy-config': 'deploy/nginx.conf',
          'proxy-config-path': '/etc/nginx/conf.d/shop.conf',
          'public-health-url': 'https://shop.example.com/health',
        },
        'compose',
      ),
    ).toMatchObject({
      ports: [],
      drainSeconds: 0.5,
      publicHealthUrl: 'https://shop.example.com/health',
      proxy: {
        kind: 'nginx',
        upstreamFile: '/srv/shop/proxy/upstream.conf',
        config: { file: 'deploy/nginx.conf', path: '/etc/nginx/conf.d/shop.conf' },
      },
    }));

  it.each<[string, Record<string, string>, 'compose' | 'release' | undefined, RegExp]>([
    [
      'one port',
      { switch: 'blue-green', ports: '8001' },
      'compose',
      /input "ports" got "8001": takes two different ports/,
    ],
    [
      'the same port twice',
      { switch: 'blue-green', ports: '8001,8001' },
      'compose',
      /takes two different ports/,
    ],
    [
      'a port out of range',
      { switch: 'blue-green', ports: '8001,70000' },
      'compose',
      /takes two different ports/,
    ],
    [
      'a switch that does not exist',
      { switch: 'rolling' },
      'compose',
      /input "switch" got "rolling": takes one of restart, blue-green/,
    ],
    [
      'release without ports',
      { switch: 'blue-green' },
      'release',
      /^input "ports" is required .* for strategy: release with switch: blue-green$/,
    ],
    [
      'release without stop-command',
      { switch: 'blue-green', ports: '8001,8002', 'start-command': 'x' },
      'release',
      /^input "stop-command" is required for strategy: release \(it reads APP_PORT, like sudo systemctl stop app@\$\{APP_PORT\}\)/,
    ],
    [
      'start-command with compose',
      { switch: 'blue-green', 'start-command': 'x' },
      'compose',
      /^input "start-command" is for strategy: release/,
    ],
    [
      'proxy: command without its reload command',
      { switch: 'blue-green', proxy: 'command' },
      'compose',
      /^input "proxy-reload-command" is required for proxy: command/,
    ],
    [
      'proxy-config without its path',
      { switch: 'blue-green', 'proxy-config': 'Caddyfile' },
      'compose',
      /^input "proxy-config-path" goes with the other/,
    ],
    [
      'a relative proxy-config-path',
      { switch: 'blue-green', 'proxy-config-path': 'etc/x' },
      'compose',
      /input "proxy-config-path" got "etc\/x": takes an absolute path/,
    ],
    [
      'a blue-green input with restart',
      { ports: '8001,8002' },
      'release',
      /^input "ports" is for switch: blue-green/,
    ],
    [
      'a bad drain-timeout',
      { switch: 'blue-green', 'drain-timeout': 'soon' },
      'compose',
      /input "drain-timeout" got "soon": takes a duration >= 0/,
    ],
  ])('%s', (_, raw, strategy, want) => expect(problem(raw, strategy)).toMatch(want));
});

describe('what the summary says of the traffic', () => {
  const base = { attempted: 'v2', before: 'v1', phases: {}, pruned: [] };
  it.each<[string, Parameters<typeof trafficText>[0], string]>([
    [
      'moved',
      { ...base, status: 'deployed', current: 'v2', traffic: { port: 8002, serving: 8002, moved: true } },
      'traffic moved to port 8002: v2 serves',
    ],
    [
      'refused',
      { ...base, status: 'rolled-back', current: 'v1', traffic: { port: 8002, serving: 8001, moved: false } },
      'traffic never moved: v1 kept serving on port 8001; v2 (port 8002) was stopped',
    ],
    [
      'refused, nothing served',
      { ...base, status: 'failed', current: null, traffic: { port: 8001, serving: null, moved: false } },
      'traffic never moved: nothing of ours serves; v2 (port 8001) was stopped',
    ],
  ])('%s', (_, result, want) => {
    expect(trafficText(result)).toBe(want);
    expect(summaryMarkdown('Deploy v2', result.status, [{ host: 'h', result }], [])).toContain(
      `- h: ${want}`,
    );
  });
});
