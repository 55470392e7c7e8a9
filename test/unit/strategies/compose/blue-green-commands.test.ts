import { execFileSync } from 'node:child_process';
import {
  chmodSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  realpathSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { ConfigurationError } from '../../../../src/io/errors.js';
import { containersCommand } from '../../../../src/strategies/compose/commands.js';
import {
  blueGreenPlan,
  composeWith,
  instanceAt,
  instanceLogsCommand,
  instancesCommand,
  instanceVars,
  liveEnvCommand,
  PROBE_PORT,
  readInstances,
  recordInstanceCommand,
  recoverEnvCommand,
  removeInstanceCommand,
  restoreEnvCommand,
  saveEnvCommand,
  scaleUpArgs,
} from '../../../../src/strategies/compose/blue-green-commands.js';
import { COMPOSE_V1, COMPOSE_V2 } from '../../../../src/ssh/compose-cli.js';

const HOSTILE = "/srv/it's my $app";

describe('compose blue-green commands, exact text', () => {
  it('composeWith sets the tag and port for one command, the app dir quoted', () => {
    expect(composeWith(COMPOSE_V2, HOSTILE, ['config'], instanceVars('IMAGE_TAG', 'v2', 8002))).toBe(
      `cd '/srv/it'\\''s my $app' && env IMAGE_TAG=v2 APP_PORT=8002 docker compose config`,
    );
    expect(composeWith(COMPOSE_V1, '/srv/shop', ['config'], instanceVars('TAG', 'v2', 0))).toBe(
      `cd /srv/shop && env TAG=v2 APP_PORT= docker-compose config`,
    );
  });

  it.each([
    {
      case: 'one more web beside the serving one, dependencies left alone',
      scales: [{ service: 'web', count: 2 }],
      first: false,
      args: 'up -d --no-recreate --no-deps --scale web=2 web',
    },
    {
      case: 'a first start lets Compose start the database (never recreating it)',
      scales: [{ service: 'web', count: 1 }],
      first: true,
      args: 'up -d --no-recreate --scale web=1 web',
    },
    {
      case: 'web and worker each get one more',
      scales: [
        { service: 'web', count: 2 },
        { service: 'worker', count: 2 },
      ],
      first: false,
      args: 'up -d --no-recreate --no-deps --scale web=2 --scale worker=2 web worker',
    },
  ])('scaleUpArgs: $case', ({ scales, first, args }) => {
    expect(scaleUpArgs(scales, first).join(' ')).toBe(args);
  });

  it('removes an instance: stop (grace period), rm, forget its record; nothing to stop only forgets', () => {
    expect(removeInstanceCommand(HOSTILE, 8001, ['abc123', 'def456'])).toBe(
      `docker stop abc123 def456 >/dev/null; docker rm -f abc123 def456 >/dev/null && rm -f -- '/srv/it'\\''s my $app/.vps-deploy/compose-instances/8001'`,
    );
    expect(removeInstanceCommand('/srv/shop', 8001, [])).toBe(
      'rm -f -- /srv/shop/.vps-deploy/compose-instances/8001',
    );
  });

  it('logs of an instance: each container headed by its name', () => {
    expect(instanceLogsCommand([{ id: 'abc', name: 'shop_web_2' }], 80)).toBe(
      `echo '== shop_web_2' && docker logs --tail 80 abc 2>&1`,
    );
  });
});

const V1_CONFIG = `services:
  db:
    image: postgres:15
    volumes:
    - data:/var/lib/postgresql/data:rw
  web:
    depends_on:
      db:
        condition: service_started
    environment: {}
    image: 127.0.0.1:5000/shop:v2
    ports:
    - 127.0.0.1:8002:8000/tcp
  worker:
    image: 127.0.0.1:5000/shop:v2
version: '3.9'
`;
const V2_CONFIG = `name: shop
services:
  db:
    image: postgres:15
  web:
    image: 127.0.0.1:5000/shop:v2
    ports:
      - mode: ingress
        host_ip: 127.0.0.1
        target: 8000
        published: "8002"
        protocol: tcp
  worker:
    image: 127.0.0.1:5000/shop:v2
`;
const V2_EPHEMERAL = `services:
  web:
    image: shop:v2
    ports:
      - mode: ingress
        host_ip: 127.0.0.1
        target: 8000
        protocol: tcp
`;
const config = (web: string, more = '') => `services:\n  web:\n    image: shop:v2\n${web}${more}`;

describe('blueGreenPlan: which service gets the port, checked before anything changes', () => {
  it.each([
    { case: 'v1 output', out: V1_CONFIG, services: ['web', 'worker'], port: 8002 },
    { case: 'v2 output', out: V2_CONFIG, services: ['web', 'worker'], port: 8002 },
    {
      case: 'v1, ephemeral',
      out: config('    ports:\n    - 127.0.0.1::8000/tcp\n'),
      services: ['web'],
      port: 0,
    },
    { case: 'v2, ephemeral', out: V2_EPHEMERAL, services: ['web'], port: 0 },
    {
      case: 'an extra ephemeral port is fine',
      out: config('    ports:\n    - 127.0.0.1:8002:8000/tcp\n    - 127.0.0.1::9000/tcp\n'),
      services: ['web'],
      port: 8002,
    },
  ])('$case', ({ out, services, port }) => {
    expect(blueGreenPlan(out, services, port)).toEqual({ web: 'web', containerPort: '8000/tcp' });
  });

  it.each([
    { case: '${APP_PORT}', web: '    ports:\n    - 127.0.0.1:65535:8000/tcp\n', ok: true },
    { case: 'ephemeral', web: '    ports:\n    - 127.0.0.1::8000/tcp\n', ok: true },
    { case: 'a fixed port', web: '    ports:\n    - 127.0.0.1:8000:8000/tcp\n', ok: false },
  ])("prepare's probe (port not known yet) takes $case: $ok", ({ web, ok }) => {
    const check = () => blueGreenPlan(config(web), ['web'], PROBE_PORT, { probe: true });
    if (ok) expect(check()).toEqual({ web: 'web', containerPort: '8000/tcp' });
    else expect(check).toThrow(/or 127\.0\.0\.1::<container port>: ephemeral/);
  });

  it.each([
    { case: 'no services', out: V1_CONFIG, services: [], port: 8002, msg: /needs `services`/ },
    {
      case: 'unknown service',
      out: V1_CONFIG,
      services: ['api'],
      port: 8002,
      msg: /api, which the compose file/,
    },
    {
      case: 'container_name',
      out: config('    container_name: shop\n    ports: ["127.0.0.1:8002:8000"]\n'),
      services: ['web'],
      port: 8002,
      msg: /sets container_name/,
    },
    {
      case: 'no service publishes',
      out: V1_CONFIG,
      services: ['worker'],
      port: 8002,
      msg: /none of services \(worker\) publishes a port for the proxy: publish it on 127\.0\.0\.1:\$\{APP_PORT\}/,
    },
    {
      case: 'two services publish',
      out: config('    ports: ["8002:8000"]\n', '  admin:\n    image: a\n    ports: ["9000:9000"]\n'),
      services: ['web', 'admin'],
      port: 8002,
      msg: /exactly one service that publishes ports.*web and admin do/,
    },
    {
      case: 'a fixed host port',
      out: config('    ports:\n    - 127.0.0.1:8000:8000/tcp\n'),
      services: ['web'],
      port: 8002,
      msg: /publishes 8000:8000\/tcp; two instances cannot share a fixed host port/,
    },
    {
      case: 'fixed port where an ephemeral one is wanted',
      out: V2_CONFIG,
      services: ['web'],
      port: 0,
      msg: /ephemeral host port, 127\.0\.0\.1::<container port>/,
    },
  ])('refuses: $case', ({ out, services, port, msg }) => {
    let err: unknown;
    try {
      blueGreenPlan(out, services, port);
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(ConfigurationError);
    expect((err as Error).message).toMatch(msg);
  });
});

const ID1 = 'a'.repeat(64);
const ID2 = 'b'.repeat(64);
const ID3 = 'c'.repeat(64);
const DB = 'd'.repeat(64);
const line = (id: string, service: string, name: string, configured: string, actual: string) =>
  [id, '/srv/shop', service, '', `/${name}`, 'running', '0', '0', 'null', configured, actual].join('\t');
const INSPECTED = [
  line(
    ID1,
    'web',
    'shop_web_1',
    '{"8000/tcp":[{"HostIp":"127.0.0.1","HostPort":"8001"}]}',
    '{"8000/tcp":[{"HostIp":"127.0.0.1","HostPort":"8001"}]}',
  ),
  line(
    ID2,
    'web',
    'shop_web_2',
    '{"8000/tcp":[{"HostIp":"127.0.0.1","HostPort":""}]}',
    '{"8000/tcp":[{"HostIp":"127.0.0.1","HostPort":"49153"}]}',
  ),
  line(ID3, 'worker', 'shop_worker_2', '{}', '{}'),
  line(DB, 'db', 'shop_db_1', '{"5432/tcp":[{"HostIp":"127.0.0.1","HostPort":"5432"}]}', 'null'),
];

describe('readInstances / instanceAt', () => {
  const view = readInstances(
    ['/srv/shop', `49153:${ID2}`, `49153:${ID3}`, ...INSPECTED].join('\n'),
    '/srv/shop',
    ['web', 'worker'],
  );
  it('reads the app services only (never the database), with configured and actual host ports', () => {
    expect(view.containers.map((c) => [c.name, c.hostPorts])).toEqual([
      ['shop_web_1', [8001]],
      ['shop_web_2', [49153]],
      ['shop_worker_2', []],
    ]);
    expect(view.containers[1]!.actual.get('8000/tcp')).toBe(49153);
    expect(view.recorded).toEqual(new Map([[49153, [ID2, ID3]]]));
  });
  it.each([
    { port: 8001, names: ['shop_web_1'], why: 'published, no record (started before any)' },
    { port: 49153, names: ['shop_web_2', 'shop_worker_2'], why: 'recorded, the worker with its web' },
    { port: 5432, names: [], why: 'the database is never an instance' },
    { port: 0, names: [], why: 'no port' },
  ])('port $port: $why', ({ port, names }) => {
    expect(instanceAt(view, port).map((c) => c.name)).toEqual(names);
  });
});

describe('under /bin/sh, in an app dir with a quote, a space and a $', () => {
  let base = '';
  afterEach(() => rmSync(base, { recursive: true, force: true }));
  const setup = () => {
    base = mkdtempSync(join(tmpdir(), 'bg-compose-'));
    const appDir = join(base, "it's my $app");
    mkdirSync(join(appDir, '.vps-deploy', 'env'), { recursive: true });
    return appDir;
  };
  const run = (command: string, env: NodeJS.ProcessEnv = {}) =>
    execFileSync('/bin/sh', ['-c', command], { encoding: 'utf8', env: { PATH: '/usr/bin:/bin', ...env } });

  it('liveEnvCommand: the record without its own tag and port lines, then ours; mode 0600', () => {
    const appDir = setup();
    const record = join(appDir, '.vps-deploy', 'env', 'v2.env');
    writeFileSync(record, 'SECRET=x\nAPP_PORT=8000\n  export IMAGE_TAG=v0\nAPP_PORTS=keep\n');
    writeFileSync(join(appDir, '.env'), 'OLD=1\n');
    const out = run(liveEnvCommand(appDir, record, instanceVars('IMAGE_TAG', 'v2', 8002), 'abcd'));
    expect(out).toBe('');
    expect(readFileSync(join(appDir, '.env'), 'utf8')).toBe(
      'SECRET=x\nAPP_PORTS=keep\nIMAGE_TAG=v2\nAPP_PORT=8002\n',
    );
    expect(statSync(join(appDir, '.env')).mode & 0o777).toBe(0o600);
  });

  it('liveEnvCommand: no record keeps the live .env (says none); no .env at all gives just our lines', () => {
    const appDir = setup();
    const record = join(appDir, '.vps-deploy', 'env', 'v9.env');
    expect(run(liveEnvCommand(appDir, record, instanceVars('IMAGE_TAG', 'v9', 0), 'x'))).toBe('none\n');
    expect(readFileSync(join(appDir, '.env'), 'utf8')).toBe('IMAGE_TAG=v9\nAPP_PORT=\n');
    writeFileSync(join(appDir, '.env'), 'A=1\nAPP_PORT=1\n');
    run(liveEnvCommand(appDir, record, instanceVars('IMAGE_TAG', 'v9', 8001), 'x'));
    expect(readFileSync(join(appDir, '.env'), 'utf8')).toBe('A=1\nIMAGE_TAG=v9\nAPP_PORT=8001\n');
  });

  it('saveEnvCommand + restoreEnvCommand put back the serving .env, or remove one there was not', () => {
    const appDir = setup();
    const live = join(appDir, '.env');
    writeFileSync(live, 'SERVING=1\n', { mode: 0o600 });
    run(saveEnvCommand(appDir));
    writeFileSync(live, 'NEW=1\n');
    run(restoreEnvCommand(appDir));
    expect(readFileSync(live, 'utf8')).toBe('SERVING=1\n');
    expect(statSync(live).mode & 0o777).toBe(0o600);
    rmSync(live);
    run(saveEnvCommand(appDir));
    writeFileSync(live, 'NEW=1\n');
    run(restoreEnvCommand(appDir));
    expect(existsSync(live)).toBe(false);
  });

  it('recoverEnvCommand puts back what a killed run kept aside, and does nothing when nothing was', () => {
    const appDir = setup();
    const live = join(appDir, '.env');
    writeFileSync(live, 'SERVING=1\n');
    run(saveEnvCommand(appDir));
    writeFileSync(live, 'KILLED_RUNS=1\n');
    expect(run(recoverEnvCommand(appDir))).toBe('recovered\n');
    expect(readFileSync(live, 'utf8')).toBe('SERVING=1\n');
    expect(run(recoverEnvCommand(appDir))).toBe('');
    expect(readFileSync(live, 'utf8')).toBe('SERVING=1\n');
  });

  it('recordInstanceCommand, then instancesCommand reads the record back beside what docker inspect says', () => {
    const appDir = setup();
    run(recordInstanceCommand(appDir, 49153, [ID2, ID3]));
    const bin = join(base, 'bin');
    mkdirSync(bin);
    const inspected = join(base, 'inspected');
    writeFileSync(inspected, INSPECTED.map((l) => l.replace(/\/srv\/shop/, appDir)).join('\n') + '\n');
    writeFileSync(
      join(bin, 'docker'),
      `#!/bin/sh\ncase "$1" in ps) echo ${ID1}; echo ${ID2} ;; inspect) cat '${inspected}' ;; esac\n`,
    );
    chmodSync(join(bin, 'docker'), 0o755);
    const out = run(instancesCommand(appDir), { PATH: `${bin}:/usr/bin:/bin` });
    const view = readInstances(out, appDir, ['web', 'worker']);
    expect(view.recorded).toEqual(new Map([[49153, [ID2, ID3]]]));
    expect(instanceAt(view, 49153).map((c) => c.name)).toEqual(['shop_web_2', 'shop_worker_2']);
    expect(instanceAt(view, 8001).map((c) => c.name)).toEqual(['shop_web_1']);
  });
  // Seen in a suite run beside others: a container of another project removed between `docker ps` and `docker
  // inspect` failed the deploy with "Error: No such object". Only the app's own containers are listed now, and one
  // that vanishes in between (a one-off `run --rm`) is skipped.
  it.each([
    ['instancesCommand', (d: string) => instancesCommand(d)],
    ['containersCommand', (d: string) => containersCommand(d)],
  ])('%s lists this app dir’s containers only and skips one removed meanwhile', (_name, command) => {
    const appDir = setup();
    const bin = join(base, 'bin');
    mkdirSync(bin);
    const inspected = join(base, 'inspected');
    writeFileSync(inspected, INSPECTED.map((l) => l.replace(/\/srv\/shop/, appDir)).join('\n') + '\n');
    // ps answers ID1 and a vanished id for this app's working dir, ID9 (another project) for no filter at all;
    // inspect prints what it has and "No such object" for the vanished one, exit 1, as docker does.
    writeFileSync(
      join(bin, 'docker'),
      [
        '#!/bin/sh',
        'case "$1" in',
        `ps) printf '%s\\n' "$*" >>'${join(base, 'ps-args')}'; case "$*" in *working_dir=*) echo ${ID1}; echo deadbeef0000 ;; *) echo ${'9'.repeat(64)} ;; esac ;;`,
        `inspect) for a; do case "$a" in deadbeef0000) echo "Error: No such object: $a" >&2; bad=1 ;; ${'9'.repeat(64)}) echo 'other project' ;; esac; done; cat '${inspected}'; exit \${bad:-0} ;;`,
        'esac',
      ].join('\n') + '\n',
    );
    chmodSync(join(bin, 'docker'), 0o755);
    const out = run(command(appDir), { PATH: `${bin}:/usr/bin:/bin` });
    expect(out).not.toContain('other project');
    expect(out.split('\n')[0]).toBe(realpathSync(appDir));
    expect(out).toContain('shop_web_1');
    // Both names compose may have recorded: the app dir as given and its physical path (the same here).
    expect(readFileSync(join(base, 'ps-args'), 'utf8')).toContain(`working_dir=${appDir}`);
  });

  it('any other inspect error still fails the command, with its message', () => {
    const appDir = setup();
    const bin = join(base, 'bin');
    mkdirSync(bin);
    writeFileSync(
      join(bin, 'docker'),
      `#!/bin/sh\ncase "$1" in ps) echo ${ID1} ;; inspect) echo 'permission denied while trying to connect' >&2; exit 1 ;; esac\n`,
    );
    chmodSync(join(bin, 'docker'), 0o755);
    expect(() => run(instancesCommand(appDir), { PATH: `${bin}:/usr/bin:/bin` })).toThrow(
      /permission denied/,
    );
  });
});
