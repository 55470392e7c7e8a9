import { describe, expect, it } from 'vitest';
import type { TreeEntry } from '../../../../src/strategies/release-dirs/tree-hash.js';
import {
  composeTree,
  decodeTreeRecord,
  encodeTreeRecord,
} from '../../../../src/strategies/release-dirs/tree-record.js';

const sha = (c: string) => c.repeat(64);
const file = (path: string, s = 'a', executable = false): TreeEntry => ({
  kind: 'file',
  path,
  executable,
  sha256: sha(s),
});
// Byte strings (latin1): a newline, a NUL-free non-UTF-8 byte, UTF-8 bytes, spaces.
const HOSTILE: TreeEntry[] = [
  { kind: 'dir', path: 'dir with space' },
  file('dir with space/line\nbreak', 'b'),
  file('run.sh', 'c', true),
  file('\xff-not-utf8', 'd'),
  file(Buffer.from('ünï', 'utf8').toString('latin1'), 'e'),
  { kind: 'link', path: 'link', target: '../shared/x y' },
];

describe('tree record', () => {
  it('reads back what it wrote, names of any bytes included', () => {
    const text = encodeTreeRecord(HOSTILE, 'ab'.repeat(32));
    expect(text).toMatch(/^vps-deploy-tree\/2 (ab){32} [A-Za-z0-9+/=]+$/);
    const back = decodeTreeRecord(text)!;
    expect([...back.entries.values()]).toEqual(HOSTILE);
    expect(back.fingerprint).toBe('ab'.repeat(32));
    expect(decodeTreeRecord(encodeTreeRecord(HOSTILE))!.fingerprint).toBe('');
  });

  it.each([
    ['nothing', ''],
    ['another format', 'vps-deploy-tree/1 abc'],
    ['not gzip', 'vps-deploy-tree/2 - bm90IGd6aXA='],
    ['a bad hash', encodeTreeRecord([file('x', 'z')])],
  ])('is none when it is %s', (_, text) => {
    expect(decodeTreeRecord(text)).toBeUndefined();
  });

  it('composes the new tree: changed paths from what was sent, the rest from the record, every dir above', () => {
    const previous = new Map(
      [file('a/b/kept.js'), file('a/old.js'), file('gone.js'), { kind: 'dir', path: 'a' } as TreeEntry].map(
        (e) => [e.path, e],
      ),
    );
    const sent = new Map([file('a/old.js', 'n'), file('new/deep/x.js', 'x')].map((e) => [e.path, e]));
    const paths = ['a/b/kept.js', 'a/old.js', 'new/deep/x.js', 'data/shared.db'];
    const changed = new Set(['a/old.js', 'new/deep/x.js', 'data/shared.db']);
    const tree = composeTree(paths, changed, previous, sent, (p) => p.startsWith('data'));
    const byPath = (l: TreeEntry[]) => [...l].sort((x, y) => (x.path < y.path ? -1 : 1));
    expect(byPath(tree!)).toEqual(
      byPath([
        file('a/b/kept.js'),
        { kind: 'dir', path: 'a/b' },
        { kind: 'dir', path: 'a' },
        file('a/old.js', 'n'),
        file('new/deep/x.js', 'x'),
        { kind: 'dir', path: 'new/deep' },
        { kind: 'dir', path: 'new' },
        // data/shared.db is excluded and was not sent: left out, but its dir is the commit's.
        { kind: 'dir', path: 'data' },
      ]),
    );
    expect(new Set(tree!.map((e) => e.path))).toEqual(
      new Set(['a/b/kept.js', 'a/b', 'a', 'a/old.js', 'new/deep/x.js', 'new/deep', 'new', 'data']),
    );
    // A path that counts and is in neither: no tree (the caller reads the whole commit).
    expect(composeTree([...paths, 'lost.js'], changed, previous, sent, () => false)).toBeUndefined();
  });
});
