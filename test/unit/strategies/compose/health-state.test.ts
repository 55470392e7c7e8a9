import { describe, expect, it } from 'vitest';
import {
  appContainers,
  composeCommand,
  crashedReason,
  dockerReadiness,
  healthState,
  logsArgs,
} from '../../../../src/strategies/compose/commands.js';
import type { ContainerFacts } from '../../../../src/strategies/compose/commands.js';

/** `{{json .State.Health}}` as Docker 20.10 prints it. */
const health = (status: string, output = '') =>
  JSON.stringify({
    Status: status,
    FailingStreak: status === 'unhealthy' ? 3 : 0,
    Log: output ? [{ Start: 't', End: 't', ExitCode: 1, Output: output }] : [],
  });

describe("Docker's health state of compose services", () => {
  it('reads the status and the last line of the last check, and no healthcheck as none', () => {
    expect(healthState('null')).toEqual({ health: '', healthLog: '' });
    expect(healthState(health('starting'))).toEqual({ health: 'starting', healthLog: '' });
    expect(healthState(health('unhealthy', 'connecting to db\n\tdb:5432 refused\n'))).toEqual({
      health: 'unhealthy',
      healthLog: 'db:5432 refused',
    });
    expect(healthState('garbage{')).toEqual({ health: '', healthLog: '' });
  });

  it('comes from the inspect line (tabs and newlines in the check output stay inside the JSON)', () => {
    const line = (id: string, service: string, h: string) =>
      [id, '/srv/shop', service, 'False', `/shop-${service}-1`, 'running', '0', '0', h].join('\t');
    const out = [
      '/srv/shop',
      line('a', 'web', health('unhealthy', 'curl: (7)\tfailed')),
      line('b', 'db', 'null'),
    ];
    const cs = appContainers(out.join('\n'), '/srv/shop', []);
    expect(cs.map((c) => [c.service, c.health, c.healthLog])).toEqual([
      ['web', 'unhealthy', 'curl: (7)\tfailed'],
      ['db', '', ''],
    ]);
  });

  const c = (name: string, h: string, healthLog = ''): ContainerFacts => ({
    id: name,
    service: name,
    name: `shop-${name}-1`,
    status: 'running',
    restarts: 0,
    exitCode: 0,
    health: h,
    healthLog,
  });
  it.each([
    ['no healthcheck anywhere: as before', [c('web', ''), c('worker', '')], { state: 'ready' }],
    ['healthy', [c('web', 'healthy'), c('worker', '')], { state: 'ready' }],
    [
      'starting waits',
      [c('web', 'healthy'), c('worker', 'starting')],
      { state: 'waiting', reason: 'Docker healthcheck of shop-worker-1 (service worker) still starting' },
    ],
    [
      'unhealthy fails, even while another starts, naming the check output',
      [c('web', 'starting'), c('db', 'unhealthy', 'pg_isready: no response')],
      {
        state: 'failed',
        reason:
          'Docker healthcheck: shop-db-1 (service db) unhealthy; last check said: pg_isready: no response',
      },
    ],
  ])('%s', (_n, cs, expected) => expect(dockerReadiness(cs)).toEqual(expected));

  it('an unhealthy container also fails the gate at once while probes fail (fatal)', () => {
    expect(crashedReason([c('web', 'unhealthy', 'exit 1')], new Map())).toBe(
      'container shop-web-1 (service web) is unhealthy by its Docker healthcheck; last check said: exit 1',
    );
    expect(crashedReason([c('web', 'starting')], new Map())).toBeUndefined();
  });
});

describe('compose logs for a failure', () => {
  it('the last lines of the deployed services, with the tag set as for up', () => {
    expect(
      composeCommand(['docker', 'compose'], "/srv/it's", logsArgs(['web', 'worker']), 'IMAGE_TAG', 'v2'),
    ).toBe("cd '/srv/it'\\''s' && env IMAGE_TAG=v2 docker compose logs --no-color --tail 80 web worker");
    expect(logsArgs([], 5)).toEqual(['logs', '--no-color', '--tail', '5']);
  });
});
