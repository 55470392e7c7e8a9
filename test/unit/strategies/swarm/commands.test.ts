import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, writeFileSync, mkdirSync, utimesSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  findComposeFileCommand,
  forgetTagsCommand,
  loginCommand,
  placeFileCommand,
  readStackNameCommand,
  recordedTagsCommand,
  serviceLogsCommand,
  stackDeployCommand,
  stackFileRecord,
  stackViewCommand,
  SWARM_ROLE,
} from '../../../../src/strategies/swarm/commands.js';

describe('swarm commands, exact text', () => {
  it.each([
    [
      'stack deploy: the tag variable for that command only, registry auth to the nodes, never --prune',
      stackDeployCommand('/srv/shop', ['compose.yaml'], 'shop', 'IMAGE_TAG', 'v2'),
      'cd /srv/shop && env IMAGE_TAG=v2 docker stack deploy --with-registry-auth -c compose.yaml shop',
    ],
    [
      'several files, hostile app dir and tag quoted',
      stackDeployCommand("/srv/my app's", ['a.yml', 'b c.yml'], 'shop', 'TAG', 'v1;rm -rf /'),
      `cd '/srv/my app'\\''s' && env 'TAG=v1;rm -rf /' docker stack deploy --with-registry-auth -c a.yml -c 'b c.yml' shop`,
    ],
    [
      'the Swarm role',
      SWARM_ROLE,
      "docker info --format '{{.Swarm.LocalNodeState}} {{.Swarm.ControlAvailable}}'",
    ],
    [
      'the stack view: inspect, then each service’s task history as JSON lines',
      stackViewCommand('shop'),
      'ids=$(docker service ls -q --filter label=com.docker.stack.namespace=shop) || exit $?; [ -n "$ids" ] || exit 0; ' +
        'docker service inspect $ids || exit $?; ' +
        'for id in $ids; do echo \'--- tasks\' "$id"; docker service ps --no-trunc --format \'{{json .}}\' "$id" || exit $?; done',
    ],
    [
      'service logs of the named services',
      serviceLogsCommand(['shop_web', 'shop_worker']),
      'for s in shop_web shop_worker; do echo "== $s"; docker service logs --tail 80 "$s" 2>&1; done',
    ],
    [
      'registry login: the password is stdin',
      loginCommand('127.0.0.1:5000', 'ci bot'),
      "docker login --username 'ci bot' --password-stdin 127.0.0.1:5000",
    ],
    [
      'forget pruned tags',
      forgetTagsCommand('/srv/shop', ['v1', 'v2']),
      'rm -f -- /srv/shop/.vps-deploy/stack/v1.yml /srv/shop/.vps-deploy/stack/v2.yml',
    ],
  ])('%s', (_what, actual, expected) => {
    expect(actual).toBe(expected);
  });

  it('keeps each tag’s compose file under .vps-deploy/stack', () => {
    expect(stackFileRecord('/srv/shop', 'v1.2.3')).toBe('/srv/shop/.vps-deploy/stack/v1.2.3.yml');
  });
});

/** Runs command text under the real /bin/sh (dash on Debian), as the server's login shell would. */
function run(command: string): { code: number; stdout: string } {
  const r = spawnSync('/bin/sh', ['-c', command], { encoding: 'utf8' });
  return { code: r.status ?? -1, stdout: r.stdout };
}

describe('swarm file commands under a real /bin/sh, with a hostile app dir', () => {
  const appDir = join(mkdtempSync(join(tmpdir(), 'swarm-cmd-')), `it's a "dir" $(touch pwned) ;`);
  mkdirSync(appDir);

  it('places a file by rename, creating the directory; fails on a missing source', () => {
    writeFileSync(join(appDir, 'src.yml'), 'services: {}\n');
    const to = join(appDir, 'sub dir', 'compose.yaml');
    expect(run(placeFileCommand(join(appDir, 'src.yml'), to, 'ab12')).code).toBe(0);
    expect(readFileSync(to, 'utf8')).toBe('services: {}\n');
    expect(run(placeFileCommand(join(appDir, 'missing.yml'), to, 'ab12')).code).not.toBe(0);
    expect(readFileSync(to, 'utf8')).toBe('services: {}\n');
  });

  it('finds the first standard compose file name, or prints nothing', () => {
    expect(run(findComposeFileCommand(appDir)).stdout).toBe('');
    writeFileSync(join(appDir, 'docker-compose.yml'), '');
    writeFileSync(join(appDir, 'compose.yml'), '');
    expect(run(findComposeFileCommand(appDir)).stdout).toBe('compose.yml\n');
  });

  it('lists recorded tags with their times, not the staged ones; nothing before the first deploy', () => {
    expect(run(recordedTagsCommand(appDir))).toEqual({ code: 0, stdout: '' });
    const dir = join(appDir, '.vps-deploy', 'stack');
    mkdirSync(dir, { recursive: true });
    for (const [tag, t] of [
      ['v1', 1000],
      ['v2', 2000],
    ] as const) {
      writeFileSync(join(dir, `${tag}.yml`), '');
      utimesSync(join(dir, `${tag}.yml`), t, t);
    }
    writeFileSync(join(dir, '.next-v3.yml'), '');
    writeFileSync(join(dir, 'stack-name'), 'shop\n');
    expect(run(recordedTagsCommand(appDir)).stdout.split('\n').sort()).toEqual([
      '',
      '1000 v1.yml',
      '2000 v2.yml',
    ]);
    expect(run(readStackNameCommand(appDir)).stdout).toBe('shop\n');
    expect(run(forgetTagsCommand(appDir, ['v1'])).code).toBe(0);
    expect(run(recordedTagsCommand(appDir)).stdout).toBe('2000 v2.yml\n');
  });

  it('reads no stack name where none was recorded, without failing', () => {
    expect(run(readStackNameCommand(join(appDir, 'nowhere')))).toEqual({ code: 0, stdout: '' });
  });

  it('ran none of the app dir name as shell code', () => {
    expect(existsSync('pwned')).toBe(false);
  });
});
