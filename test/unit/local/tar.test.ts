import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { tarDirectory } from '../../../src/local/tar.js';
import { tarListing } from './read-tar.js';

let dir: string;

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'vps-tar-'));
  mkdirSync(join(dir, '.git'));
  writeFileSync(join(dir, '.git', 'HEAD'), 'ref: refs/heads/main\n');
  mkdirSync(join(dir, 'static'));
  writeFileSync(join(dir, 'static', 'app.js'), 'x');
  writeFileSync(join(dir, '.env.example'), 'A=1\n');
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('tarDirectory', () => {
  it('streams the directory’s contents relative to it, leaving .git out', async () => {
    expect(await tarListing(tarDirectory(dir))).toEqual([
      './',
      './.env.example',
      './static/',
      './static/app.js',
    ]);
  });

  it('a directory that is gone rejects finished with tar’s message', async () => {
    const p = tarDirectory(join(dir, 'gone'));
    p.stream.resume();
    await expect(p.finished).rejects.toThrow(
      /^tar -c -f - -C .*gone --exclude=\.\/\.git \. failed on the runner \(exit 2\): tar: /,
    );
  });
});
