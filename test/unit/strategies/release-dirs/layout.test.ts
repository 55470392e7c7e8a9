import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { ConfigurationError } from '../../../../src/io/errors.js';
import {
  normalizeSharedPath,
  planSharedLinks,
  releasePaths,
  sharedPathProblem,
  tagOfCurrentTarget,
} from '../../../../src/strategies/release-dirs/layout.js';
import { posix } from 'node:path';

describe('releasePaths', () => {
  it('puts releases, shared and current under app-dir, current pointing relatively', () => {
    expect(releasePaths("/srv/my app's", 'v1.2.3')).toEqual({
      appDir: "/srv/my app's",
      releases: "/srv/my app's/releases",
      shared: "/srv/my app's/shared",
      current: "/srv/my app's/current",
      release: "/srv/my app's/releases/v1.2.3",
      currentTarget: 'releases/v1.2.3',
    });
  });
  it.each(['', '../x', '-rf', 'a/b', 'v1;rm', '.hidden', 'x'.repeat(129)])('refuses the tag %j', (tag) => {
    expect(() => releasePaths('/srv/app', tag)).toThrow(ConfigurationError);
  });
});

describe('tagOfCurrentTarget', () => {
  it.each([
    ['releases/v1', 'v1'],
    ['releases/v1/', 'v1'],
    ['/srv/app/releases/2024-01-02', '2024-01-02'],
    ['releases/.replaced-v1-abc', '.replaced-v1-abc'],
    ['/srv/app/app', undefined],
    ['releases', undefined],
  ])('%s -> %s', (target, tag) => expect(tagOfCurrentTarget(target)).toBe(tag));
});

describe('shared paths', () => {
  it.each([
    ['.env', undefined],
    ['config/settings.local.py', undefined],
    ['media/', undefined],
    ['./storage', undefined],
    ['', 'is empty'],
    ['/etc/passwd', 'is absolute'],
    ['../secrets', 'climbs out'],
    ['a/../../b', 'climbs out'],
    ['.', 'names the release itself'],
    ['./', 'names the release itself'],
    ['REVISION', 'REVISION'],
  ])('%j: %s', (path, problem) => {
    const p = sharedPathProblem(path);
    if (problem === undefined) expect(p).toBeUndefined();
    else expect(p).toContain(problem);
  });

  it.each([
    ['./config//app.env', 'config/app.env'],
    ['media/', 'media'],
    ['.env', '.env'],
  ])('normalizes %j to %j', (raw, norm) => expect(normalizeSharedPath(raw)).toBe(norm));
});

describe('planSharedLinks', () => {
  it('links each file and dir from shared/ with a target relative to the link', () => {
    const plan = planSharedLinks('/srv/a b', 'v2', ['.env', 'config/local.py'], ['media/']);
    expect(plan).toEqual([
      {
        kind: 'file',
        path: '.env',
        sharedPath: '/srv/a b/shared/.env',
        linkPath: '/srv/a b/releases/v2/.env',
        linkTarget: '../../shared/.env',
      },
      {
        kind: 'file',
        path: 'config/local.py',
        sharedPath: '/srv/a b/shared/config/local.py',
        linkPath: '/srv/a b/releases/v2/config/local.py',
        linkTarget: '../../../shared/config/local.py',
      },
      {
        kind: 'dir',
        path: 'media',
        sharedPath: '/srv/a b/shared/media',
        linkPath: '/srv/a b/releases/v2/media',
        linkTarget: '../../shared/media',
      },
    ]);
  });

  it.each([
    [['.env', '.env'], [], /"\.env".*listed once/],
    [['media/x.txt'], ['media'], /overlaps "media\/x.txt"/],
    [[], ['data', 'data/sub'], /overlaps "data"/],
    [['/etc/shadow'], [], /input "shared-files" got "\/etc\/shadow": the path is absolute/],
    [[], ['../up'], /input "shared-dirs" got "..\/up"/],
  ])('refuses files %j dirs %j', (files, dirs, message) => {
    expect(() => planSharedLinks('/srv/app', 'v1', files, dirs)).toThrow(message);
  });

  it('every link target resolves to its shared path (property)', () => {
    const segment = fc.stringMatching(/^[A-Za-z0-9._ '-]{1,8}$/).filter((s) => s !== '.' && s !== '..');
    fc.assert(
      fc.property(
        fc.array(segment, { minLength: 1, maxLength: 4 }),
        fc.array(segment, { minLength: 1, maxLength: 3 }),
        (dirParts, relParts) => {
          const appDir = `/${dirParts.join('/')}`;
          const [link] = planSharedLinks(appDir, 'v1', [relParts.join('/')], []);
          expect(posix.resolve(posix.dirname(link!.linkPath), link!.linkTarget)).toBe(
            posix.normalize(link!.sharedPath),
          );
        },
      ),
    );
  });
});
