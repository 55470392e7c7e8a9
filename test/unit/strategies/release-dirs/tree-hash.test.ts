import { execFileSync, spawnSync } from 'node:child_process';
import { chmodSync, existsSync, mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readTarTree } from '../../../../src/strategies/release-dirs/tar-tree.js';
import {
  NO_HASH_TOOLS,
  treeHash,
  treeHashCommand,
} from '../../../../src/strategies/release-dirs/tree-hash.js';

let base: string;
let repo: string;
const git = (...args: string[]) =>
  execFileSync('git', ['-C', repo, '-c', 'user.name=t', '-c', 'user.email=t@example.com', ...args]);

/** Names a careless script would break on: spaces, a newline, a leading dash, quotes, globs, non-ASCII, long. */
const HOSTILE = [
  'plain.txt',
  'with space/file name.txt',
  'line\nbreak.txt',
  '-leading-dash',
  'quo\'te"s $(x) `y`.txt',
  'glob*[a]?.txt',
  'ünï/cödé.txt',
  `${'deep/'.repeat(30)}${'l'.repeat(120)}.txt`,
  'empty',
];

function serverHash(dir: string, exclude: string[] = []): string {
  const r = spawnSync('/bin/sh', ['-c', treeHashCommand(dir, exclude)], { encoding: 'utf8' });
  expect(r.stderr).toBe('');
  expect(r.status).toBe(0);
  return r.stdout.trim();
}

async function runnerHash(tar: Buffer, exclude: string[] = [], gzip = false): Promise<string> {
  const tree = await readTarTree(Readable.from([tar]), gzip);
  return treeHash(tree.entries.values(), exclude);
}

function unpack(tar: Buffer, dir: string): void {
  mkdirSync(dir, { recursive: true });
  execFileSync('tar', ['-x', '--no-same-owner', '-f', '-', '-C', dir], { input: tar });
}

beforeAll(() => {
  base = mkdtempSync(join(tmpdir(), 'vps-tree-'));
  repo = join(base, 'repo');
  mkdirSync(repo);
  execFileSync('git', ['init', '-q', repo]);
  for (const [i, name] of HOSTILE.entries()) {
    mkdirSync(join(repo, name, '..'), { recursive: true });
    writeFileSync(join(repo, name), name === 'empty' ? '' : `content ${i}\n`.repeat(i * 300));
  }
  writeFileSync(join(repo, 'run.sh'), '#!/bin/sh\necho hi\n');
  chmodSync(join(repo, 'run.sh'), 0o755);
  symlinkSync('with space/file name.txt', join(repo, 'link to file'));
  symlinkSync('../outside dir', join(repo, 'link-out'));
  mkdirSync(join(repo, 'data'));
  writeFileSync(join(repo, 'data', 'seed.json'), '{}\n');
  git('add', '.');
  git('commit', '-q', '-m', 'v1');
});
afterAll(() => rmSync(base, { recursive: true, force: true }));

describe('tree hash: the server (find, sort, sha256sum under /bin/sh) and the runner (the tar stream) agree', () => {
  it('on a git archive with hostile names, symlinks and an executable, and differs when anything does', async () => {
    const tar = execFileSync('git', ['-C', repo, 'archive', '--format=tar', 'HEAD'], { maxBuffer: 1 << 26 });
    const dir = join(base, 'release one');
    unpack(tar, dir);
    const expected = await runnerHash(tar);
    expect(expected).toMatch(/^[0-9a-f]{64}$/);
    expect(serverHash(dir)).toBe(expected);

    writeFileSync(join(dir, '-leading-dash'), 'changed by hand\n');
    expect(serverHash(dir)).not.toBe(expected);
    unpack(tar, dir);
    expect(serverHash(dir)).toBe(expected);

    chmodSync(join(dir, 'plain.txt'), 0o755);
    expect(serverHash(dir)).not.toBe(expected);
    chmodSync(join(dir, 'plain.txt'), 0o644);
    writeFileSync(join(dir, 'line\nbreak2.txt'), 'extra\n');
    expect(serverHash(dir)).not.toBe(expected);
    rmSync(join(dir, 'line\nbreak2.txt'));
    mkdirSync(join(dir, 'empty dir'));
    expect(serverHash(dir)).not.toBe(expected);
    rmSync(join(dir, 'empty dir'), { recursive: true });
    rmSync(join(dir, 'link-out'));
    symlinkSync('../elsewhere', join(dir, 'link-out'));
    expect(serverHash(dir)).not.toBe(expected);
  });

  it('leaves out excluded paths and all under them, on both sides', async () => {
    const tar = execFileSync('git', ['-C', repo, 'archive', '--format=tar', 'HEAD']);
    const dir = join(base, 'release two');
    unpack(tar, dir);
    const exclude = ['data', 'glob*[a]?.txt'];
    const expected = await runnerHash(tar, exclude);
    expect(expected).not.toBe(await runnerHash(tar));
    rmSync(join(dir, 'data'), { recursive: true });
    symlinkSync('../../shared/data', join(dir, 'data'));
    writeFileSync(join(dir, 'glob*[a]?.txt'), 'a shared file now\n');
    expect(serverHash(dir, exclude)).toBe(expected);
    // The escaped pattern matches that one name only, not what the glob would.
    writeFileSync(join(dir, 'globX[a]?.txt'), 'not excluded\n');
    expect(serverHash(dir, exclude)).not.toBe(expected);
  });

  it('on a directory tarred by GNU tar (./ names, GNU long names, hard links) and gzip', async () => {
    const src = join(base, 'release two');
    rmSync(join(src, 'globX[a]?.txt'), { force: true });
    writeFileSync(join(base, 'hard'), 'x');
    const tar = execFileSync('tar', ['-c', '-f', '-', '-C', src, '.'], { maxBuffer: 1 << 26 });
    const gz = execFileSync('tar', ['-c', '-z', '-f', '-', '-C', src, '.'], { maxBuffer: 1 << 26 });
    const expected = serverHash(src);
    expect(await runnerHash(tar)).toBe(expected);
    expect(await runnerHash(gz, [], true)).toBe(expected);
    execFileSync('ln', [join(src, 'plain.txt'), join(src, 'hard link')]);
    const linked = execFileSync('tar', ['-c', '-f', '-', '-C', src, '.']);
    expect(await runnerHash(linked)).toBe(serverHash(src));
  });

  it('is read the same in chunks of any size', async () => {
    const tar = execFileSync('git', ['-C', repo, 'archive', '--format=tar', 'HEAD']);
    const whole = await runnerHash(tar);
    for (const size of [1, 7, 511, 513, 4096]) {
      const parts: Buffer[] = [];
      for (let i = 0; i < tar.length; i += size) parts.push(tar.subarray(i, i + size));
      const tree = await readTarTree(Readable.from(parts));
      expect(treeHash(tree.entries.values())).toBe(whole);
    }
  });

  it('is the same whether openssl or sha256sum hashes the files (openssl only when no path holds a newline)', async () => {
    const plain = join(base, 'plain repo');
    mkdirSync(plain);
    execFileSync('git', ['init', '-q', plain]);
    for (const [i, name] of [
      ...HOSTILE.filter((n) => !n.includes('\n')),
      'back\\slash.txt',
      'x.sh',
    ].entries()) {
      mkdirSync(join(plain, name, '..'), { recursive: true });
      writeFileSync(join(plain, name), `content ${i}\n`.repeat(i * 300));
    }
    chmodSync(join(plain, 'x.sh'), 0o755);
    execFileSync('git', ['-C', plain, 'add', '.']);
    execFileSync('git', [
      '-C',
      plain,
      '-c',
      'user.name=t',
      '-c',
      'user.email=t@example.com',
      'commit',
      '-q',
      '-m',
      'p',
    ]);
    const tar = execFileSync('git', ['-C', plain, 'archive', '--format=tar', 'HEAD']);
    const dir = join(base, 'plain release');
    unpack(tar, dir);
    const expected = await runnerHash(tar);
    // openssl on PATH first: a wrapper that says it ran, one that fails (the sha256sum halves then hash).
    const bin = (name: string, script: string) => {
      const d = join(base, name);
      mkdirSync(d);
      writeFileSync(join(d, 'openssl'), `#!/bin/sh\n${script}\n`, { mode: 0o755 });
      return `${d}:${process.env.PATH}`;
    };
    const used = join(base, 'openssl used');
    const hashWith = (path: string, of = dir) => {
      const r = spawnSync('/bin/sh', ['-c', treeHashCommand(of, [])], {
        encoding: 'utf8',
        env: { PATH: path },
      });
      expect(r.stderr).toBe('');
      return r.stdout.trim();
    };
    expect(
      hashWith(
        bin(
          'logging',
          `echo "$@" >> '${used}'; exec ${execFileSync('sh', ['-c', 'command -v openssl']).toString().trim()} "$@"`,
        ),
      ),
    ).toBe(expected);
    expect(execFileSync('cat', [used]).toString()).toContain('dgst -sha256 -r');
    expect(hashWith(bin('failing', 'exit 1'))).toBe(expected);
    // The list is hashed in two halves at once: one half failing is the whole hash's fallback too.
    const real = execFileSync('sh', ['-c', 'command -v openssl']).toString().trim();
    for (const [i, file] of ['back\\slash.txt', 'x.sh'].entries())
      expect(
        hashWith(bin(`half failing ${i}`, `case "$*" in *${file}*) exit 1 ;; esac; exec ${real} "$@"`)),
      ).toBe(expected);
    rmSync(used);
    // A name with a newline: that list goes to sha256sum, whatever openssl is there.
    const hostile = execFileSync('git', ['-C', repo, 'archive', '--format=tar', 'HEAD'], {
      maxBuffer: 1 << 26,
    });
    unpack(hostile, join(base, 'hostile release'));
    expect(hashWith(bin('logging2', `echo "$@" >> '${used}'; exit 1`), join(base, 'hostile release'))).toBe(
      await runnerHash(hostile),
    );
    expect(existsSync(used) ? execFileSync('cat', [used]).toString() : '').not.toContain('break.txt');
  });

  it('says so when the server lacks the tools', () => {
    const r = spawnSync('/bin/sh', ['-c', treeHashCommand(base, [])], {
      encoding: 'utf8',
      env: { PATH: '/nonexistent' },
    });
    expect(r.status).toBe(3);
    expect(r.stdout.trim()).toBe(NO_HASH_TOOLS);
  });
});

describe('treeHashCommand, exactly', () => {
  it('quotes the dir and escapes the excluded paths as find patterns', () => {
    const c = treeHashCommand("/srv/a b's/releases/.incoming-v2", ['data', "we'ird*"]);
    expect(c.startsWith(`cd '/srv/a b'\\''s/releases/.incoming-v2' && export LC_ALL=C && `)).toBe(true);
    expect(c).toContain(
      `find . -mindepth 1 \\( -path ./data -o -path './we'\\''ird\\*' \\) -prune -o -type d -print0 | sort -z | sha256sum;`,
    );
    expect(c.endsWith('| sha256sum | cut -c1-64')).toBe(true);
  });
});
