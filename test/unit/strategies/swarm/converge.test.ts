import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import {
  convergence,
  parseStackView,
  replicaRows,
  sameImage,
  snapshotOf,
  watchedServices,
} from '../../../../src/strategies/swarm/converge.js';
import type { StackView } from '../../../../src/strategies/swarm/converge.js';
import { notAManager } from '../../../../src/strategies/swarm/strategy.js';

const IMG = (tag: string) =>
  `127.0.0.1:5000/shop:${tag}@sha256:${tag === 'v1' ? 'a1' : 'b2'}${'0'.repeat(62)}`;

/** stackViewCommand's output for one service `shop_web` and its tasks. */
function output(
  service: { version?: number; image?: string; replicas?: number; update?: object; health?: string[] },
  tasks: [id: string, image: string, desired: string, current: string, error?: string][],
): string {
  const inspect = [
    {
      ID: 'svc1',
      Version: { Index: service.version ?? 10 },
      Spec: {
        Name: 'shop_web',
        Labels: { 'com.docker.stack.namespace': 'shop' },
        TaskTemplate: {
          ContainerSpec: {
            Image: service.image ?? IMG('v2'),
            ...(service.health ? { Healthcheck: { Test: service.health } } : {}),
          },
        },
        Mode: { Replicated: { Replicas: service.replicas ?? 2 } },
      },
      ...(service.update ? { UpdateStatus: service.update } : {}),
    },
  ];
  const lines = tasks.map(([id, image, desired, current, error]) =>
    JSON.stringify({
      CurrentState: current,
      DesiredState: desired,
      Error: error ?? '',
      ID: id,
      Image: image,
      Name: 'shop_web.1',
      Node: 'node-a',
      Ports: '',
    }),
  );
  return `${JSON.stringify(inspect, null, 4)}\n--- tasks svc1\n${lines.join('\n')}\n`;
}

const before = (view: StackView, version = 9) => ({
  ...snapshotOf(view),
  versions: new Map([['svc1', version]]),
});
const OLD_TASKS: [string, string, string, string][] = [
  ['t1', IMG('v1'), 'Shutdown', 'Shutdown 3 seconds ago'],
  ['t2', IMG('v1'), 'Shutdown', 'Shutdown 2 seconds ago'],
];
const oldView = parseStackView(output({ version: 9, image: IMG('v1') }, OLD_TASKS), 'shop');

describe('parseStackView', () => {
  it('reads the services, their spec and their task history', () => {
    const v = parseStackView(
      output(
        { update: { State: 'updating', StartedAt: '2026-11-23T23:00:00Z', Message: 'update in progress' } },
        [['t3', IMG('v2'), 'Running', 'Running 2 seconds ago']],
      ),
      'shop',
    );
    expect(v.services).toEqual([
      {
        id: 'svc1',
        name: 'shop_web',
        service: 'web',
        image: IMG('v2'),
        replicas: 2,
        version: 10,
        hasHealthcheck: false,
        update: { state: 'updating', startedAt: '2026-11-23T23:00:00Z', message: 'update in progress' },
      },
    ]);
    expect(v.tasks.get('svc1')).toEqual([
      {
        id: 't3',
        name: 'shop_web.1',
        image: IMG('v2'),
        node: 'node-a',
        desired: 'running',
        state: 'running',
        error: '',
      },
    ]);
  });

  it('keys the tasks by the full service ID where `docker service ls -q` printed a short one', () => {
    const v = parseStackView(
      output({}, [['t3', IMG('v2'), 'Running', 'Running 2 seconds ago']]).replace(
        '--- tasks svc1',
        '--- tasks svc',
      ),
      'shop',
    );
    expect(v.tasks.get('svc1')?.map((t) => t.id)).toEqual(['t3']);
  });

  it('reads no service from empty output (no stack yet)', () => {
    expect(parseStackView('\n', 'shop')).toEqual({ services: [], tasks: new Map() });
  });

  it('knows a healthcheck, and that NONE (healthcheck: disable) is none', () => {
    const has = (health: string[]) =>
      parseStackView(output({ health }, []), 'shop').services[0]!.hasHealthcheck;
    expect(has(['CMD', 'true'])).toBe(true);
    expect(has(['NONE'])).toBe(false);
  });
});

describe('convergence after a deploy of v2 over v1 (2 replicas)', () => {
  const v2 = (
    tasks: [string, string, string, string, string?][],
    service: Parameters<typeof output>[0] = {},
  ) => parseStackView(output(service, [...OLD_TASKS, ...tasks]), 'shop');
  const check = (view: StackView, version = 9) => convergence(view, view.services, before(oldView, version));

  it.each([
    [
      'both new tasks running, the update completed',
      v2(
        [
          ['t3', IMG('v2'), 'Running', 'Running 2 seconds ago'],
          ['t4', IMG('v2'), 'Running', 'Running 1 second ago'],
        ],
        { update: { State: 'completed', Message: 'update completed' } },
      ),
      { state: 'converged' },
    ],
    [
      'one of two running',
      v2([
        ['t3', IMG('v2'), 'Running', 'Running 2 seconds ago'],
        ['t4', IMG('v2'), 'Running', 'Starting 1 second ago'],
      ]),
      { state: 'waiting', reason: 'shop_web 1/2 running the new spec' },
    ],
    [
      'both running but Swarm still updating',
      v2(
        [
          ['t3', IMG('v2'), 'Running', 'Running 2 seconds ago'],
          ['t4', IMG('v2'), 'Running', 'Running 1 second ago'],
        ],
        { update: { State: 'updating', Message: 'update in progress' } },
      ),
      { state: 'waiting', reason: 'shop_web 2/2 running the new spec (update updating)' },
    ],
    [
      'Swarm paused the update',
      v2([['t3', IMG('v2'), 'Shutdown', 'Failed 1 second ago', 'task: non-zero exit (1)']], {
        update: { State: 'paused', Message: 'update paused due to failure or early termination of task t3' },
      }),
      {
        state: 'failed',
        reason:
          'Swarm paused the update of shop_web: update paused due to failure or early termination of task t3',
      },
    ],
    [
      'Swarm rolled the update back itself (failure_action: rollback)',
      v2([], {
        image: IMG('v1'),
        update: {
          State: 'rollback_started',
          Message: 'update rolled back due to failure or early termination of task t3',
        },
      }),
      {
        state: 'failed',
        reason:
          'Swarm rolled back the update (rollback_started) of shop_web: update rolled back due to failure or early termination of task t3',
      },
    ],
    [
      'the nodes cannot pull the image',
      v2([['t3', IMG('v2'), 'Shutdown', 'Rejected 1 second ago', 'No such image: 127.0.0.1:5000/shop:v9']]),
      {
        state: 'failed',
        reason: expect.stringMatching(
          /^node node-a cannot pull the image of shop_web \(.*\): No such image: 127\.0\.0\.1:5000\/shop:v9\. Push that tag/,
        ) as unknown,
      },
    ],
    [
      'three new tasks failed: a restart loop',
      v2([
        ['t3', IMG('v2'), 'Shutdown', 'Failed 5 seconds ago', 'task: non-zero exit (1)'],
        ['t4', IMG('v2'), 'Shutdown', 'Failed 3 seconds ago', 'task: non-zero exit (1)'],
        ['t5', IMG('v2'), 'Shutdown', 'Failed 1 second ago', 'task: non-zero exit (1)'],
        ['t6', IMG('v2'), 'Running', 'Starting 1 second ago'],
      ]),
      {
        state: 'failed',
        reason: 'shop_web is restart-looping: 3 new tasks failed (last: task: non-zero exit (1))',
      },
    ],
    [
      'two failed tasks are not a loop yet',
      v2([
        ['t3', IMG('v2'), 'Shutdown', 'Failed 3 seconds ago', 'task: non-zero exit (1)'],
        ['t4', IMG('v2'), 'Shutdown', 'Failed 1 second ago', 'task: non-zero exit (1)'],
        ['t5', IMG('v2'), 'Running', 'Running 1 second ago'],
      ]),
      { state: 'waiting', reason: 'shop_web 1/2 running the new spec' },
    ],
  ])('%s', (_what, view, expected) => {
    expect(check(view)).toEqual(expected);
  });

  it('ignores what an earlier deploy left: its failed tasks and its paused update, when this deploy changed nothing', () => {
    const earlier = parseStackView(
      output({ version: 12, update: { State: 'paused', Message: 'update paused' } }, [
        ['t3', IMG('v2'), 'Shutdown', 'Failed 1 minute ago', 'task: non-zero exit (1)'],
        ['t4', IMG('v2'), 'Shutdown', 'Failed 1 minute ago', 'task: non-zero exit (1)'],
        ['t5', IMG('v2'), 'Shutdown', 'Failed 1 minute ago', 'task: non-zero exit (1)'],
        ['t6', IMG('v2'), 'Running', 'Running 1 minute ago'],
        ['t7', IMG('v2'), 'Running', 'Running 1 minute ago'],
      ]),
      'shop',
    );
    expect(convergence(earlier, earlier.services, snapshotOf(earlier))).toEqual({ state: 'converged' });
  });
});

describe('watchedServices', () => {
  const view = parseStackView(output({}, []), 'shop');
  it('is every service by default, or the named ones', () => {
    expect(watchedServices(view, [], 'shop').watched.map((s) => s.service)).toEqual(['web']);
    expect(watchedServices(view, ['web'], 'shop').watched.map((s) => s.service)).toEqual(['web']);
  });
  it('names a service the stack does not have, and what it has', () => {
    expect(watchedServices(view, ['wbe'], 'shop').missing).toBe(
      'input "services" names wbe, not in stack shop (it has web): name services of the compose file, without the stack prefix',
    );
  });
});

describe('the summary rows and image matching', () => {
  it('shows desired/running replicas of the spec and the nodes they run on', () => {
    const view = parseStackView(
      output({}, [
        ...OLD_TASKS,
        ['t3', IMG('v2'), 'Running', 'Running 2 seconds ago'],
        ['t4', IMG('v2'), 'Running', 'Starting 1 second ago'],
      ]),
      'shop',
    );
    expect(replicaRows(view, view.services)).toEqual([['web', '127.0.0.1:5000/shop:v2', '2/1', 'node-a']]);
  });

  it.each([
    [IMG('v2'), IMG('v2'), true],
    ['127.0.0.1:5000/shop:v2', IMG('v2'), true],
    [IMG('v1'), IMG('v2'), false],
    ['127.0.0.1:5000/shop:v2@sha256:' + 'c'.repeat(64), IMG('v2'), false],
  ])('%s is the spec %s: %s', (task, spec, same) => {
    expect(sameImage(task, spec)).toBe(same);
  });
});

describe('notAManager', () => {
  it.each([
    ['active true\n', undefined],
    [
      'active false\n',
      'this host is a Swarm worker, not a manager: point "host" at a manager (`docker node ls` on one lists them)',
    ],
    [
      'inactive false\n',
      "this host's Docker engine is not in a swarm (Swarm state: inactive). Make it a manager once: `docker swarm init --advertise-addr <its address>` (or join it to your swarm as a manager), then deploy again",
    ],
  ])('%j', (out, expected) => {
    expect(notAManager(out)).toBe(expected);
  });
});

describe('captured from Docker 28 on this machine (test/unit/strategies/swarm/captured/)', () => {
  const captured = (name: string) =>
    parseStackView(readFileSync(new URL(`captured/stack-${name}.txt`, import.meta.url), 'utf8'), 'sx');
  const v1 = captured('v1');
  const v4 = captured('v4');
  const nope = captured('nope');
  const only = (view: StackView, names: string[]) => watchedServices(view, names, 'sx').watched;

  it('v1 deployed: both services converged, with their healthcheck, replicas and node', () => {
    expect(v1.services.map((s) => [s.service, s.replicas, s.hasHealthcheck, s.update])).toEqual([
      ['inner', 2, true, undefined],
      ['web', 1, false, undefined],
    ]);
    expect(convergence(v1, v1.services, { versions: new Map(), taskIds: new Set() })).toEqual({
      state: 'converged',
    });
    expect(replicaRows(v1, v1.services)).toEqual([
      ['inner', '127.0.0.1:5000/swarmexp/app:v1', '2/2', 'vm'],
      ['web', '127.0.0.1:5000/swarmexp/app:v1', '1/1', 'vm'],
    ]);
  });

  it('v4 crashes: stop-first web paused by Swarm, start-first inner rolled back by Swarm itself', () => {
    const before = snapshotOf(v1);
    expect(convergence(v4, only(v4, ['web']), before)).toEqual({
      state: 'failed',
      reason:
        'Swarm paused the update of sx_web: update paused due to failure or early termination of task 6bi1229p5pwtnq6ctoomuso6q',
    });
    expect(convergence(v4, only(v4, ['inner']), before)).toEqual({
      state: 'failed',
      reason: 'Swarm rolled back the update (rollback_completed) of sx_inner: rollback completed',
    });
    expect(v4.tasks.get(v4.services[1]!.id)![1]).toMatchObject({
      state: 'failed',
      desired: 'shutdown',
      error: 'task: non-zero exit (1)',
    });
  });

  it('a tag the registry does not have: the nodes reject the task with No such image', () => {
    expect(convergence(nope, only(nope, ['web']), snapshotOf(v4))).toEqual({
      state: 'failed',
      reason: expect.stringMatching(
        /^node vm cannot pull the image of sx_web \(127\.0\.0\.1:5000\/swarmexp\/app:nope\): No such image: 127\.0\.0\.1:5000\/swarmexp\/app:nope/,
      ) as unknown,
    });
  });
});
