import { describe, expect, it } from 'vitest';
import { ConfigurationError } from '../../../../src/io/errors.js';
import { sourceKind, sourcePath } from '../../../../src/strategies/release-dirs/source.js';

const gzip = Buffer.from([0x1f, 0x8b, 8, 0]);
const ustar = (() => {
  const b = Buffer.alloc(512);
  b.write('ustar', 257, 'latin1');
  return b;
})();
const text = Buffer.from('hello, not an archive');

describe('sourceKind', () => {
  it.each([
    ['', { exists: true, isDirectory: false }, 'git'],
    ['/ws/build', { exists: true, isDirectory: true }, 'directory'],
    ['/ws/app.tar.gz', { exists: true, isDirectory: false, head: gzip }, 'tar.gz'],
    ['/ws/app.tgz', { exists: true, isDirectory: false, head: gzip }, 'tar.gz'],
    ['/ws/APP.TAR', { exists: true, isDirectory: false, head: ustar }, 'tar'],
    ['/ws/release.bin', { exists: true, isDirectory: false, head: gzip }, 'tar.gz'],
    ['/ws/release', { exists: true, isDirectory: false, head: ustar }, 'tar'],
  ] as const)('%j is %s', (source, facts, kind) => {
    expect(sourceKind(source, facts)).toBe(kind);
  });

  it.each([
    ['/ws/missing', { exists: false, isDirectory: false }, /nothing at that path/],
    ['/ws/app.tar.gz', { exists: true, isDirectory: false, head: ustar }, /not gzip-compressed/],
    ['/ws/app.tar', { exists: true, isDirectory: false, head: gzip }, /not a tar archive/],
    ['/ws/notes.txt', { exists: true, isDirectory: false, head: text }, /neither a tar archive nor gzip/],
    ['/ws/empty.tar', { exists: true, isDirectory: false, head: Buffer.alloc(0) }, /not a tar archive/],
  ] as const)('%j is refused (%s), naming the input', (source, facts, message) => {
    expect(() => sourceKind(source, facts)).toThrow(ConfigurationError);
    expect(() => sourceKind(source, facts)).toThrow(message);
    expect(() => sourceKind(source, facts)).toThrow(/input "source" got/);
  });
});

describe('sourcePath', () => {
  it.each([
    ['/ws', '', ''],
    ['/ws', 'dist', '/ws/dist'],
    ['/ws', './build/app.tgz', '/ws/build/app.tgz'],
    ['/ws', '/tmp/app.tar', '/tmp/app.tar'],
  ])('%s + %j -> %j', (ws, source, path) => expect(sourcePath(ws, source)).toBe(path));
});
