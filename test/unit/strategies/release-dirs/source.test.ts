import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { ConfigurationError } from '../../../../src/io/errors.js';
import { MissingToolError } from '../../../../src/local/exec.js';
import { resolveSource, sourceKind, sourcePath } from '../../../../src/strategies/release-dirs/source.js';

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

describe('resolveSource', () => {
  const path = process.env.PATH;
  let dir = '';
  afterEach(() => {
    process.env.PATH = path;
    if (dir) rmSync(dir, { recursive: true, force: true });
  });
  const workspace = () => (dir = mkdtempSync(join(tmpdir(), 'vps-source-')));

  it('refuses a tag the checkout lacks, saying how to check it out', async () => {
    const e = await resolveSource(workspace(), '', 'v1').catch((x: unknown) => x);
    expect(e).toBeInstanceOf(ConfigurationError);
    expect((e as Error).message).toMatch(/^tag "v1" is not in the git repository at .*fetch-depth: 0/);
  });

  it('a directory needs no git on the runner (its commit is unknown); a git archive does', async () => {
    const ws = workspace();
    writeFileSync(join(ws, 'app.py'), 'x');
    process.env.PATH = join(ws, 'no-bin');
    const source = await resolveSource(ws, '.', 'v1');
    expect(source).toMatchObject({ kind: 'directory', commit: 'unknown', describe: `directory ${ws}` });
    await expect(resolveSource(ws, '', 'v1')).rejects.toThrow(MissingToolError);
    await expect(resolveSource(ws, '', 'v1')).rejects.toThrow('git is not available on the runner');
  });
});
