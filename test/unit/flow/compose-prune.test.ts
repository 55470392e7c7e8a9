import { spawnSync } from 'node:child_process';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  COMPOSE_V1,
  COMPOSE_V2,
  TAG_SENTINEL,
  appContainers,
  chooseCompose,
  composeCommand,
  crashedReason,
  imageTemplates,
  loginCommand,
  parseDockerTime,
  presentTags,
  pullArgs,
  upArgs,
} from '../../../src/strategies/compose/commands.js';
import { selectPrunable } from '../../../src/flow/prune-rule.js';

describe('compose v1/v2 choice', () => {
  it.each([
    ['v2\n', COMPOSE_V2],
    ['v1\n', COMPOSE_V1],
    ['none\n', undefined],
    ['motd line\nv1', COMPOSE_V1],
    ['', undefined],
  ])('%j', (out, cli) => expect(chooseCompose(out)).toEqual(cli));
});

describe('compose command building', () => {
  it.each([
    [
      COMPOSE_V2,
      '/srv/shop',
      pullArgs([]),
      'IMAGE_TAG',
      'v1',
      'cd /srv/shop && env IMAGE_TAG=v1 docker compose pull --quiet',
    ],
    [
      COMPOSE_V1,
      '/srv/shop',
      upArgs(['web', 'worker']),
      'IMAGE_TAG',
      'v1.2',
      'cd /srv/shop && env IMAGE_TAG=v1.2 docker-compose up -d web worker',
    ],
    [
      COMPOSE_V1,
      "/srv/my app's",
      upArgs([]),
      'TAG',
      'v1',
      `cd '/srv/my app'\\''s' && env TAG=v1 docker-compose up -d`,
    ],
    [COMPOSE_V2, '/srv/shop', ['config'], undefined, undefined, 'cd /srv/shop && docker compose config'],
  ])('%j in %s', (cli, dir, args, variable, tag, expected) => {
    expect(composeCommand(cli, dir, args, variable, tag)).toBe(expected);
  });

  it('keeps hostile directory names and tags inert under a real /bin/sh', () => {
    fc.assert(
      fc.property(
        fc.string({ unit: 'grapheme', minLength: 1 }).filter((s) => !s.includes('\0')),
        (tag) => {
          // A shell stands in for compose: it prints the variable it was given, then its argument.
          const command = composeCommand(['sh', '-c', 'printf "%s\\n" "$T" "$0"'], '/', ['x'], 'T', tag);
          const r = spawnSync('/bin/sh', ['-c', command], { encoding: 'utf8' });
          expect(r.stdout).toBe(`${tag}\nx\n`);
        },
      ),
      { numRuns: 200 },
    );
  });

  it('logs in with the password on stdin only', () => {
    expect(loginCommand('ghcr.io', 'bot')).toBe('docker login --username bot --password-stdin ghcr.io');
  });
});

describe('containers that fail the gate at once', () => {
  const out = (lines: string[]) => ['/real/srv/shop', ...lines].join('\n');
  const row = (
    id: string,
    dir: string,
    service: string,
    oneoff: string,
    status: string,
    restarts: number,
    code: number,
  ) => [id, dir, service, oneoff, `/shop-${service}-1`, status, restarts, code].join('\t');

  it('picks this app dir (logical or physical path), its services, no one-off containers', () => {
    const text = out([
      row('a', '/srv/shop', 'web', 'False', 'running', 0, 0),
      row('b', '/real/srv/shop', 'worker', 'False', 'running', 0, 0),
      row('c', '/srv/other', 'web', 'False', 'exited', 0, 1),
      row('d', '/srv/shop', 'web', 'True', 'exited', 0, 1),
    ]);
    expect(appContainers(text, '/srv/shop', []).map((c) => c.id)).toEqual(['a', 'b']);
    expect(appContainers(text, '/srv/shop', ['worker']).map((c) => c.id)).toEqual(['b']);
  });

  it.each([
    ['running, no restarts', 'running', 0, 0, new Map(), undefined],
    ['exited with an error', 'exited', 0, 1, new Map(), /exited with code 1/],
    ['exited cleanly (a one-shot service)', 'exited', 0, 0, new Map(), undefined],
    ['restarting', 'restarting', 1, 1, new Map(), /restart-looping/],
    ['running but restarted since activation', 'running', 3, 1, new Map([['a', 1]]), /restarted 3 time/],
    ['restart count unchanged since before up', 'running', 2, 0, new Map([['a', 2]]), undefined],
    ['dead', 'dead', 0, 137, new Map(), /dead with code 137/],
  ])('%s', (_n, status, restarts, code, before, expected) => {
    const c = [{ id: 'a', service: 'web', name: 'shop-web-1', status, restarts, exitCode: code }];
    const reason = crashedReason(c, before);
    if (expected) expect(reason).toMatch(expected);
    else expect(reason).toBeUndefined();
  });
});

describe('images on the server per tag', () => {
  it('finds the tagged images in `compose config` output (quoted or not), not the fixed ones', () => {
    const config = `services:\n  db:\n    image: postgres:17\n  web:\n    image: ghcr.io/acme/shop:${TAG_SENTINEL}\n  worker:\n    image: "ghcr.io/acme/worker:${TAG_SENTINEL}"\n`;
    expect(imageTemplates(config)).toEqual([
      `ghcr.io/acme/shop:${TAG_SENTINEL}`,
      `ghcr.io/acme/worker:${TAG_SENTINEL}`,
    ]);
  });

  it('a tag is present when every templated image is', () => {
    const templates = [`ghcr.io/acme/shop:${TAG_SENTINEL}`, `ghcr.io/acme/worker:${TAG_SENTINEL}`];
    const images = [
      'ghcr.io/acme/shop:v1\t2025-01-01 10:00:00 +0000 UTC',
      'ghcr.io/acme/worker:v1\t2025-01-01 10:00:00 +0000 UTC',
      'ghcr.io/acme/shop:v2\t2025-01-02 10:00:00 +0200 CEST',
      'ghcr.io/acme/shop:<none>\t2025-01-02 10:00:00 +0000 UTC',
      'postgres:17\t2024-01-01 00:00:00 +0000 UTC',
    ].join('\n');
    expect(presentTags(templates, images)).toEqual([{ tag: 'v1', time: Date.parse('2025-01-01T10:00:00Z') }]);
    expect(presentTags([templates[0]!], images).map((t) => t.tag)).toEqual(['v1', 'v2']);
  });

  it.each([
    ['2025-01-02 10:00:00 +0200 CEST', Date.parse('2025-01-02T08:00:00Z')],
    ['2025-01-02 10:00:00 +0000 UTC', Date.parse('2025-01-02T10:00:00Z')],
    ['yesterday', 0],
  ])('docker time %s', (s, t) => expect(parseDockerTime(s)).toBe(t));
});

describe('prune selection', () => {
  const present = (...tags: string[]) => tags.map((tag, i) => ({ tag, time: i }));
  it.each([
    ['keeps the newest', present('v1', 'v2', 'v3', 'v4'), 2, ['v4', 'v3'], [], ['v2', 'v1']],
    ['current and previous count toward keep', present('v1', 'v2', 'v3', 'v4'), 3, ['v4', 'v3'], [], ['v1']],
    ['never an old current or previous', present('v1', 'v2', 'v3', 'v4'), 1, ['v1', 'v2'], [], ['v4', 'v3']],
    [
      'failed releases go and do not count',
      present('v1', 'v2', 'v3', 'v4'),
      2,
      ['v2', 'v1'],
      ['v3', 'v4'],
      ['v4', 'v3'],
    ],
    ['a failed current stays', present('v1', 'v2'), 1, ['v2', 'v1'], ['v2'], []],
    ['nothing to do', present('v1'), 5, ['v1'], [], []],
  ])('%s', (_n, p, keep, protect, failed, expected) => {
    expect(selectPrunable(p, keep, protect, failed)).toEqual(expected);
  });

  it('never removes a protected release, and keeps at least `keep` releases that passed', () => {
    const tag = fc.constantFrom('v1', 'v2', 'v3', 'v4', 'v5', 'v6', 'v7');
    fc.assert(
      fc.property(
        fc.uniqueArray(fc.record({ tag, time: fc.nat(100) }), { selector: (r) => r.tag }),
        fc.integer({ min: 1, max: 6 }),
        fc.array(tag, { maxLength: 2 }),
        fc.array(tag, { maxLength: 3 }),
        (present, keep, protect, failed) => {
          const removed = selectPrunable(present, keep, protect, failed);
          for (const p of protect) expect(removed).not.toContain(p);
          const good = present.filter((r) => !failed.includes(r.tag));
          const left = good.filter((r) => !removed.includes(r.tag));
          expect(left.length).toBeGreaterThanOrEqual(Math.min(keep, good.length));
        },
      ),
    );
  });
});
