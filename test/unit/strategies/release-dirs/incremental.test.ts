import { execFileSync, spawnSync } from 'node:child_process';
import {
  chmodSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  rmSync,
  statSync,
  symlinkSync,
  unlinkSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  linkAndUnpackCommand,
  readRevisionCommand,
} from '../../../../src/strategies/release-dirs/commands.js';
import { buildRelease, parseRevision } from '../../../../src/strategies/release-dirs/incremental.js';
import type { ReleaseBuild } from '../../../../src/strategies/release-dirs/incremental.js';
import { resolveSource } from '../../../../src/strategies/release-dirs/source.js';
import { treeHashCommand } from '../../../../src/strategies/release-dirs/tree-hash.js';
import { decodeTreeRecord, encodeTreeRecord } from '../../../../src/strategies/release-dirs/tree-record.js';
import { LocalShell } from '../../../fakes/local-shell.js';
import { RecordingLog } from '../../../fakes/recording-log.js';

let base: string;
let repo: string;
let releases: string;
const git = (...args: string[]) =>
  execFileSync('git', ['-C', repo, '-c', 'user.name=t', '-c', 'user.email=t@example.com', ...args], {
    encoding: 'utf8',
  }).trim();
const commits: Record<string, string> = {};

function commit(tag: string, change: () => void): void {
  change();
  git('add', '-A');
  git('commit', '-q', '-m', tag);
  git('tag', tag);
  commits[tag] = git('rev-parse', 'HEAD');
}

beforeAll(() => {
  base = mkdtempSync(join(tmpdir(), 'vps-incr-'));
  repo = join(base, 'repo');
  releases = join(base, 'app dir', 'releases');
  mkdirSync(releases, { recursive: true });
  mkdirSync(join(repo, 'data'), { recursive: true });
  execFileSync('git', ['init', '-q', repo]);
  commit('v1', () => {
    writeFileSync(join(repo, 'app.js'), 'v1\n');
    writeFileSync(join(repo, 'stays.txt'), 'same in every release\n');
    writeFileSync(join(repo, 'gone.txt'), 'deleted in v2\n');
    writeFileSync(join(repo, 'old name.txt'), 'renamed in v2\n');
    writeFileSync(join(repo, '-dash'), 'a leading dash\n');
    writeFileSync(join(repo, 'was a file'), 'becomes a link\n');
    writeFileSync(join(repo, 'run.sh'), '#!/bin/sh\n');
    writeFileSync(join(repo, 'data', 'seed.json'), '{}\n');
    mkdirSync(join(repo, 'lib'));
    writeFileSync(join(repo, 'lib', 'only.js'), 'the dir goes with it\n');
  });
  commit('v2', () => {
    writeFileSync(join(repo, 'app.js'), 'v2\n');
    unlinkSync(join(repo, 'gone.txt'));
    execFileSync('git', ['-C', repo, 'mv', 'old name.txt', 'new\nname.txt']);
    writeFileSync(join(repo, '-dash'), 'changed, still dashing\n');
    unlinkSync(join(repo, 'was a file'));
    symlinkSync('stays.txt', join(repo, 'was a file'));
    chmodSync(join(repo, 'run.sh'), 0o755);
    rmSync(join(repo, 'lib'), { recursive: true });
    writeFileSync(join(repo, 'added with space.txt'), 'new in v2\n');
  });
});
afterAll(() => rmSync(base, { recursive: true, force: true }));

async function build(
  tag: string,
  dir: string,
  previous?: string,
  log = new RecordingLog(),
  copyUnchanged = false,
) {
  const conn = new LocalShell();
  const b: ReleaseBuild = {
    source: await resolveSource(repo, '', tag),
    workspace: repo,
    tag,
    incoming: join(releases, dir),
    shared: ['data'],
    log,
    copyUnchanged,
    ...(previous ? { previous: { tag: previous, dir: join(releases, previous) } } : {}),
  };
  const built = await buildRelease(conn, b);
  // As the strategy does: the tree record, then REVISION.
  writeFileSync(join(releases, dir, '.vps-deploy-tree'), built.record);
  writeFileSync(
    join(releases, dir, 'REVISION'),
    `tag=${tag}\ncommit=${commits[tag]}\nsource=git archive ${tag}\n`,
  );
  return { built, log };
}

const hashOf = (dir: string) =>
  execFileSync('/bin/sh', ['-c', treeHashCommand(dir, ['data', 'REVISION', '.vps-deploy-tree'])], {
    encoding: 'utf8',
  }).trim();

describe('buildRelease (a LocalShell: every command runs under /bin/sh in a temp app dir)', () => {
  it('makes v2 from v1 incrementally, byte-identical to a full upload, leaving v1 as it was', async () => {
    expect((await build('v1', 'v1')).built.how).toBe('full');
    const v1Hash = hashOf(join(releases, 'v1'));
    const v1Stays = statSync(join(releases, 'v1', 'stays.txt'));

    const { built, log } = await build('v2', 'v2', 'v1');
    expect(built.how).toBe('incremental');
    expect(log.lines.join('\n')).toMatch(/incremental from releases\/v1: 6 changed, 3 deleted, \d+ linked/);
    expect((await build('v2', 'v2-full')).built.how).toBe('full');

    expect(hashOf(join(releases, 'v2'))).toBe(hashOf(join(releases, 'v2-full')));
    const diff = spawnSync(
      'diff',
      [
        '-r',
        '--no-dereference',
        '-x',
        'data',
        '-x',
        'REVISION',
        '-x',
        '.vps-deploy-tree',
        join(releases, 'v2'),
        join(releases, 'v2-full'),
      ],
      {
        encoding: 'utf8',
      },
    );
    expect(diff.stdout + diff.stderr).toBe('');
    expect(diff.status).toBe(0);
    // Sent: the changed files only, far less than the whole tree.
    expect(built.bytes).toBeLessThan(20 * 1024);
    expect(existsSync(join(releases, 'v2', 'gone.txt'))).toBe(false);
    expect(existsSync(join(releases, 'v2', 'old name.txt'))).toBe(false);
    expect(existsSync(join(releases, 'v2', 'lib'))).toBe(false);
    expect(readFileSync(join(releases, 'v2', 'new\nname.txt'), 'utf8')).toBe('renamed in v2\n');
    expect(statSync(join(releases, 'v2', 'run.sh')).mode & 0o100).toBe(0o100);
    // The unchanged file is the same inode (linked), the changed ones are not, and v1 is intact.
    expect(statSync(join(releases, 'v2', 'stays.txt')).ino).toBe(v1Stays.ino);
    expect(statSync(join(releases, 'v2', 'app.js')).ino).not.toBe(
      statSync(join(releases, 'v1', 'app.js')).ino,
    );
    expect(hashOf(join(releases, 'v1'))).toBe(v1Hash);
    expect(readFileSync(join(releases, 'v1', 'app.js'), 'utf8')).toBe('v1\n');
  });

  it('takes the unchanged files from the tree record of the previous release; without one, reads the whole commit', async () => {
    await build('v1', 'v1r');
    const withRecord = await build('v2', 'v2r', 'v1r');
    expect(withRecord.built.how).toBe('incremental');
    expect(withRecord.log.lines.join('\n')).toMatch(
      /verified \(the tree record of releases\/v1r and the files sent\)/,
    );
    rmSync(join(releases, 'v1r', '.vps-deploy-tree'));
    const without = await build('v2', 'v2r2', 'v1r');
    expect(without.built.how).toBe('incremental');
    expect(without.log.lines.join('\n')).toMatch(/verified \(git archive of the whole commit\)/);
    // Either way the same release, and the same record kept with it.
    expect(hashOf(join(releases, 'v2r'))).toBe(hashOf(join(releases, 'v2r2')));
    expect(withRecord.built.treeHash).toBe(without.built.treeHash);
    expect(decodeTreeRecord(withRecord.built.record)).toEqual(decodeTreeRecord(without.built.record));
  });

  it('a tree record that lies loses to the server: the whole commit is read, the release still verified', async () => {
    await build('v1', 'v1l');
    const stored = decodeTreeRecord(readFileSync(join(releases, 'v1l', '.vps-deploy-tree'), 'utf8'))!;
    const record = stored.entries;
    const stays = record.get('stays.txt');
    expect(stays?.kind).toBe('file');
    record.set('stays.txt', {
      ...(stays as { kind: 'file'; path: string; executable: boolean; sha256: string }),
      sha256: 'f'.repeat(64),
    });
    writeFileSync(
      join(releases, 'v1l', '.vps-deploy-tree'),
      encodeTreeRecord(record.values(), stored.fingerprint),
    );
    const { built, log } = await build('v2', 'v2l', 'v1l');
    expect(built.how).toBe('incremental');
    expect(log.lines.join('\n')).toMatch(/verified \(git archive of the whole commit\)/);
    expect(hashOf(join(releases, 'v2l'))).toBe(hashOf(join(releases, 'v2-full')));
    // A record that is no record (another version, cut short) is read as none.
    writeFileSync(join(releases, 'v1l', '.vps-deploy-tree'), 'vps-deploy-tree/2 - bm90IGd6aXA=');
    expect((await build('v2', 'v2l2', 'v1l')).log.lines.join('\n')).toMatch(
      /verified \(git archive of the whole commit\)/,
    );
  });

  it('copies instead of linking when an install-command will run in the release: an in-place write stays there', async () => {
    await build('v1', 'v1c');
    const { built, log } = await build('v2', 'v2c', 'v1c', new RecordingLog(), true);
    expect(built.how).toBe('incremental');
    expect(log.lines.join('\n')).toMatch(/6 changed, 3 deleted, \d+ copied; tree hash/);
    expect(statSync(join(releases, 'v2c', 'stays.txt')).ino).not.toBe(
      statSync(join(releases, 'v1c', 'stays.txt')).ino,
    );
    writeFileSync(join(releases, 'v2c', 'stays.txt'), 'written in place by an install-command\n');
    expect(readFileSync(join(releases, 'v1c', 'stays.txt'), 'utf8')).toBe('same in every release\n');
  });

  it('does not trust a previous release changed by hand: the hash differs, the whole release is sent', async () => {
    await build('v1', 'v1b');
    writeFileSync(join(releases, 'v1b', 'stays.txt'), 'edited in place on the server\n');
    const { built, log } = await build('v2', 'v2b', 'v1b');
    expect(built.how).toBe('full');
    expect(log.warnings.join('\n')).toMatch(
      /Uploading the whole release: the tree hash of the incremental release \(\w{12}\) is not that of git archive v2 \(\w{12}\): releases\/v1b differs from its commit \(changed on the server by hand\?\) and is not trusted/,
    );
    expect(hashOf(join(releases, 'v2b'))).toBe(hashOf(join(releases, 'v2-full')));
  });

  it.each([
    [
      'a previous release with no REVISION',
      'none',
      '',
      /releases\/none was not made by git archive of a known commit/,
    ],
    [
      'a commit the checkout lacks',
      'alien',
      `commit=${'ab'.repeat(20)}\nsource=git archive x\n`,
      /is not in the checkout/,
    ],
    ['a commit that is not an ancestor', 'later', '', /is not an ancestor of v1/],
  ])('uploads whole, saying why, from %s', async (_, prev, revision, why) => {
    mkdirSync(join(releases, prev), { recursive: true });
    if (revision) writeFileSync(join(releases, prev, 'REVISION'), revision);
    if (prev === 'later')
      writeFileSync(join(releases, prev, 'REVISION'), `commit=${commits.v2}\nsource=git archive v2\n`);
    const { built, log } = await build('v1', `from-${prev}`, prev);
    expect(built.how).toBe('full');
    expect(log.lines.join('\n')).toMatch(why);
  });
});

describe('buildRelease when what git archive writes changes without git diff saying so', () => {
  // A blob git diff calls unchanged can archive to other bytes: export-subst text changes with every commit
  // (setuptools-scm's .git_archival.txt), and attributes or text config changed between the tags convert it
  // differently. The tree record must not vouch for such a file: the release is always what git archive writes.
  it.each([
    [
      'an export-subst file',
      '.git_archival.txt export-subst\n',
      '.git_archival.txt export-subst\n',
      undefined,
    ],
    ['an export-subst attribute removed', '.git_archival.txt export-subst\n', '# none\n', undefined],
    ['an export-ignore attribute added', '# none\n', 'notes.txt export-ignore\n', undefined],
    ['an eol=crlf attribute added', '# none\n', '*.txt text eol=crlf\n', undefined],
    ['core.autocrlf set on the runner', '# none\n', '# none\n', 'true'],
  ])('%s: the release is git archive of the new tag', async (name, before, after, autocrlf) => {
    const sub = join(base, `attrs ${name}`);
    mkdirSync(sub);
    const g = (...args: string[]) =>
      execFileSync('git', ['-C', sub, '-c', 'user.name=t', '-c', 'user.email=t@example.com', ...args], {
        encoding: 'utf8',
      }).trim();
    g('init', '-q');
    writeFileSync(join(sub, '.gitattributes'), before);
    writeFileSync(join(sub, '.git_archival.txt'), 'node: $Format:%H$\n');
    writeFileSync(join(sub, 'notes.txt'), 'line one\nline two\n');
    writeFileSync(join(sub, 'app.py'), 'v1\n');
    g('add', '-A');
    g('commit', '-q', '-m', 's1');
    g('tag', 's1');
    writeFileSync(join(sub, 'app.py'), 'v2\n');
    writeFileSync(join(sub, '.gitattributes'), after);
    g('commit', '-qam', 's2');
    g('tag', 's2');
    const make = async (tag: string, dir: string, previous?: string) => {
      const log = new RecordingLog();
      const built = await buildRelease(new LocalShell(), {
        source: await resolveSource(sub, '', tag),
        workspace: sub,
        tag,
        incoming: join(releases, dir),
        shared: [],
        log,
        ...(previous ? { previous: { tag: previous, dir: join(releases, previous) } } : {}),
      });
      writeFileSync(join(releases, dir, '.vps-deploy-tree'), built.record);
      writeFileSync(
        join(releases, dir, 'REVISION'),
        `commit=${g('rev-parse', tag)}\nsource=git archive ${tag}\n`,
      );
      return { built, log };
    };
    const at = (tag: string) => `${name} ${tag}`;
    await make('s1', at('s1'));
    if (autocrlf) g('config', 'core.autocrlf', autocrlf);
    const { log } = await make('s2', at('s2'), at('s1'));
    const reference = join(base, `reference ${name}`);
    mkdirSync(reference);
    execFileSync('tar', ['-x', '-f', '-', '-C', reference], {
      input: execFileSync('git', ['-C', sub, 'archive', '--format=tar', 's2']),
    });
    const diff = spawnSync(
      'diff',
      [
        '-r',
        '--no-dereference',
        '-x',
        'REVISION',
        '-x',
        '.vps-deploy-tree',
        join(releases, at('s2')),
        reference,
      ],
      { encoding: 'utf8' },
    );
    expect(diff.stdout + diff.stderr).toBe('');
    expect(log.lines.join('\n')).not.toMatch(/the tree record of/);
  });
});

describe('buildRelease from a source directory (a content-hash list of the previous release)', () => {
  it('links what has the same content, sends the rest, and matches a full upload', async () => {
    const src = join(base, 'source dir');
    mkdirSync(join(src, 'sub dir'), { recursive: true });
    writeFileSync(join(src, 'same.txt'), 'unchanged\n');
    writeFileSync(join(src, 'changes.txt'), 'one\n');
    writeFileSync(join(src, 'goes.txt'), 'deleted next\n');
    writeFileSync(join(src, 'sub dir', '-dash\nnl'), 'hostile\n');
    writeFileSync(join(src, 'mode.sh'), '#!/bin/sh\n');
    const make = async (dir: string, previous?: string) => {
      const log = new RecordingLog();
      const b: ReleaseBuild = {
        source: await resolveSource(repo, src, 'd1'),
        workspace: repo,
        tag: 'd1',
        incoming: join(releases, dir),
        shared: [],
        log,
        ...(previous ? { previous: { tag: previous, dir: join(releases, previous) } } : {}),
      };
      return { built: await buildRelease(new LocalShell(), b), log };
    };
    expect((await make('d1')).built.how).toBe('full');
    writeFileSync(join(src, 'changes.txt'), 'two\n');
    rmSync(join(src, 'goes.txt'));
    chmodSync(join(src, 'mode.sh'), 0o755);
    mkdirSync(join(src, 'empty dir'));
    const { built, log } = await make('d2', 'd1');
    expect(built.how).toBe('incremental');
    expect(log.lines.join('\n')).toMatch(
      /incremental from releases\/d1: \d+ sent, 2 linked \(same content\)/,
    );
    expect((await make('d2-full')).built.how).toBe('full');
    expect(hashOf(join(releases, 'd2'))).toBe(hashOf(join(releases, 'd2-full')));
    expect(existsSync(join(releases, 'd2', 'goes.txt'))).toBe(false);
    expect(existsSync(join(releases, 'd2', 'empty dir'))).toBe(true);
    expect(statSync(join(releases, 'd2', 'same.txt')).ino).toBe(
      statSync(join(releases, 'd1', 'same.txt')).ino,
    );
    expect(readFileSync(join(releases, 'd1', 'changes.txt'), 'utf8')).toBe('one\n');
  });
});

describe('parseRevision', () => {
  it('reads key=value lines, a value may hold =', () => {
    expect(parseRevision('tag=v1\ncommit=abc\nsource=directory /a=b\n')).toEqual({
      tag: 'v1',
      commit: 'abc',
      source: 'directory /a=b',
    });
  });
});

describe('incremental command text, exactly', () => {
  it('quotes the dirs; the path list travels on stdin, never on the command line', () => {
    expect(readRevisionCommand("/srv/a b/releases/v'1")).toBe(
      `cat -- '/srv/a b/releases/v'\\''1/REVISION' 2>/dev/null; echo; ` +
        `cat -- '/srv/a b/releases/v'\\''1/.vps-deploy-tree' 2>/dev/null; exit 0`,
    );
    const rm = (p: string) =>
      `{ rm -rf -- ${p} 2>/dev/null || { chmod -R u+w -- ${p} && rm -rf -- ${p}; }; }`;
    const dir = `'/srv/app/releases/.incoming-v2 x'`;
    expect(linkAndUnpackCommand('/srv/app/releases/v1', '/srv/app/releases/.incoming-v2 x', 42, false)).toBe(
      `${rm(dir)} && mkdir -p -- ${dir} && ` +
        `dd bs=42 count=1 iflag=fullblock of='/srv/app/releases/.incoming-v2 x/.vps-deploy-keep' 2>/dev/null && ` +
        `(cd /srv/app/releases/v1 && xargs -0 -r cp -al --parents -t ${dir} -- < '/srv/app/releases/.incoming-v2 x/.vps-deploy-keep') && ` +
        `rm -f -- '/srv/app/releases/.incoming-v2 x/.vps-deploy-keep' && tar -x --no-same-owner -f - -C ${dir}`,
    );
    expect(linkAndUnpackCommand('/a', '/b', 0, true)).toContain(`: > /b/.vps-deploy-keep && `);
    expect(linkAndUnpackCommand('/a', '/b', 0, true)).toContain(`tar -x -z --no-same-owner`);
  });

  it('links the listed hostile names and unpacks the tar after them, under /bin/sh; nothing else is taken', () => {
    const from = join(base, 'hostile from');
    const to = join(base, 'hostile to');
    const names = ['-rf', 'a b/c\nd', "q'uote/$(x)", '*'];
    for (const n of names) {
      mkdirSync(join(from, n, '..'), { recursive: true });
      writeFileSync(join(from, n), n);
    }
    writeFileSync(join(from, 'not listed'), 'x');
    const src = join(base, 'hostile new');
    mkdirSync(join(src, 'a b'), { recursive: true });
    writeFileSync(join(src, 'a b', '-new\nfile'), 'sent');
    const tar = execFileSync('tar', ['-c', '-f', '-', '-C', src, 'a b/-new\nfile']);
    const list = Buffer.from(names.map((n) => `${n}\0`).join(''));
    const r = spawnSync('/bin/sh', ['-c', linkAndUnpackCommand(from, to, list.length, false)], {
      input: Buffer.concat([list, tar]),
    });
    expect(r.stderr.toString()).toBe('');
    expect(r.status).toBe(0);
    for (const n of names) {
      expect(readFileSync(join(to, n), 'utf8')).toBe(n);
      expect(statSync(join(to, n)).ino).toBe(statSync(join(from, n)).ino);
    }
    expect(readFileSync(join(to, 'a b', '-new\nfile'), 'utf8')).toBe('sent');
    expect(existsSync(join(to, 'not listed'))).toBe(false);
    expect(existsSync(join(to, '.vps-deploy-keep'))).toBe(false);
  });
});
