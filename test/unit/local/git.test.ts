import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { commitOf, gitArchive } from '../../../src/local/git.js';
import { tarListing } from './read-tar.js';

let base: string;
let repo: string;
let v1: string;
const git = (...args: string[]) =>
  execFileSync('git', ['-C', repo, '-c', 'user.name=t', '-c', 'user.email=t@example.com', ...args], {
    encoding: 'utf8',
  }).trim();

beforeAll(() => {
  base = mkdtempSync(join(tmpdir(), 'vps-git-'));
  repo = join(base, 'repo');
  mkdirSync(join(repo, 'app'), { recursive: true });
  execFileSync('git', ['init', '-q', repo]);
  writeFileSync(join(repo, 'app', 'main.py'), 'print("v1")\n');
  writeFileSync(join(repo, 'README'), 'shop\n');
  git('add', '.');
  git('commit', '-q', '-m', 'v1');
  git('tag', '-a', 'v1', '-m', 'release v1'); // annotated: rev-parse must peel it to the commit
  v1 = git('rev-parse', 'HEAD');
  writeFileSync(join(repo, 'README'), 'shop v2\n');
  git('commit', '-q', '-am', 'v2');
  git('tag', 'v2');
  writeFileSync(join(repo, 'untracked.txt'), 'not in any commit\n');
});
afterAll(() => rmSync(base, { recursive: true, force: true }));

describe('commitOf', () => {
  it('is the commit a tag names, an annotated tag peeled', async () => {
    expect(await commitOf(repo, 'v1')).toBe(v1);
    expect(await commitOf(repo, 'v2')).toBe(git('rev-parse', 'HEAD'));
  });

  it.each([
    ['a tag the checkout lacks', () => repo, 'v9'],
    ['a directory that is no git repository', () => base, 'v1'],
    ['a workspace that does not exist', () => join(base, 'gone'), 'v1'],
  ])('is undefined for %s', async (_, workspace, tag) => {
    expect(await commitOf(workspace(), tag)).toBeUndefined();
  });
});

describe('gitArchive', () => {
  it('streams the tree of the commit: its files as they were, nothing untracked, no .git', async () => {
    expect(await tarListing(gitArchive(repo, v1))).toEqual(['README', 'app/', 'app/main.py']);
  });

  it('an unknown commit rejects finished with git’s own message', async () => {
    const p = gitArchive(repo, 'deadbeef');
    p.stream.resume();
    await expect(p.finished).rejects.toThrow(
      /^git -C .* archive --format=tar deadbeef failed on the runner \(exit 128\): fatal/,
    );
  });
});
