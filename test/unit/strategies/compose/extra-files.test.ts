import { spawnSync } from 'node:child_process';
import {
  chmodSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  applyCommand,
  extraFileProblem,
  filesToUpload,
  forgetCommand,
  planExtraFiles,
  recordCommand,
  stagingCommand,
} from '../../../../src/strategies/compose/extra-files.js';

const ws = mkdtempSync(join(tmpdir(), 'extra-ws-'));
mkdirSync(join(ws, 'deploy', 'dist', 'assets'), { recursive: true });
writeFileSync(join(ws, 'deploy', 'Caddyfile'), ':80 {\n  respond "v1"\n}\n');
writeFileSync(join(ws, 'deploy', 'dist', 'index.html'), '<h1>v1</h1>');
writeFileSync(join(ws, 'deploy', 'dist', 'assets', 'app.js'), 'console.log(1)');
chmodSync(join(ws, 'deploy', 'dist', 'assets', 'app.js'), 0o755);

describe('extra-files lines', () => {
  it.each([
    ['deploy/Caddyfile', undefined],
    ['deploy/Caddyfile:proxy/Caddyfile', undefined],
    ['', /no local path/],
    ['../secrets:x', /"\.\." segment in its local path/],
    ['deploy/Caddyfile:../../etc/cron.d/x', /"\.\." segment in its remote path/],
    ['deploy/Caddyfile:', /empty remote path/],
  ])('%j', (line, expected) => {
    const problem = extraFileProblem(line);
    if (expected) expect(problem).toMatch(expected);
    else expect(problem).toBeUndefined();
  });

  it('resolves local paths from the workspace and remote paths inside app-dir', () => {
    expect(
      planExtraFiles(
        ['deploy/Caddyfile', 'deploy/dist:web/', '/srv/shop/conf/nginx.conf:/srv/shop/conf/nginx.conf'].slice(
          0,
          2,
        ),
        ws,
        '/srv/shop',
      ),
    ).toEqual([
      { local: join(ws, 'deploy/Caddyfile'), remote: 'deploy/Caddyfile' },
      { local: join(ws, 'deploy/dist'), remote: 'web' },
    ]);
    expect(planExtraFiles([`${ws}/deploy/Caddyfile:/srv/shop/proxy/Caddyfile`], ws, '/srv/shop/')).toEqual([
      { local: join(ws, 'deploy/Caddyfile'), remote: 'proxy/Caddyfile' },
    ]);
  });

  it.each([
    ['deploy/nope', /there is no .*deploy\/nope on the runner/],
    ['deploy/Caddyfile:/etc/caddy/Caddyfile', /outside app-dir \(\/srv\/shop\)/],
    ['deploy/Caddyfile:/srv/shop', /outside app-dir/],
    ['deploy/Caddyfile:/srv/shopping/Caddyfile', /outside app-dir/],
    ['deploy/Caddyfile:.env', /belongs to vps-deploy/],
    ['deploy/Caddyfile:.vps-deploy/state.json', /belongs to vps-deploy/],
    ['deploy/Caddyfile:.', /app-dir itself/],
  ])('refuses %j before connecting', (line, message) => {
    expect(() => planExtraFiles([line], ws, '/srv/shop')).toThrow(message);
    expect(() => planExtraFiles([line], ws, '/srv/shop')).toThrow(/^input "extra-files" got/);
  });

  it('refuses the same remote path twice', () => {
    expect(() => planExtraFiles(['deploy/Caddyfile:c', 'deploy/dist/index.html:c'], ws, '/a')).toThrow(
      /c is given twice/,
    );
  });

  it('walks directories, keeping file modes', () => {
    const up = filesToUpload(planExtraFiles(['deploy/dist:web'], ws, '/a'));
    expect(up.map((u) => [u.remote, u.mode.toString(8)])).toEqual([
      ['web/assets/app.js', '755'],
      ['web/index.html', expect.stringMatching(/^6[0-4][0-4]$/)],
    ]);
  });
});

/** Runs command text under the real /bin/sh, as the server's login shell would. */
function sh(command: string): { code: number; stdout: string; stderr: string } {
  const r = spawnSync('/bin/sh', ['-c', command], { encoding: 'utf8' });
  return { code: r.status ?? -1, stdout: r.stdout, stderr: r.stderr };
}

/** What ship-files.ts does over SFTP, done locally: stage, copy each file, record. */
function record(appDir: string, tag: string, files: Record<string, string>): void {
  const staging = `.incoming-${tag}-test`;
  const dirs = [
    ...new Set(
      Object.keys(files)
        .map((f) => f.split('/').slice(0, -1).join('/'))
        .filter(Boolean),
    ),
  ];
  expect(sh(stagingCommand(appDir, staging, dirs)).code).toBe(0);
  for (const [path, content] of Object.entries(files))
    writeFileSync(join(appDir, '.vps-deploy/files', staging, 'root', path), content);
  const remotes = [...new Set(Object.keys(files).map((f) => (f.startsWith('web/') ? 'web' : f)))];
  const r = sh(recordCommand(appDir, staging, tag, remotes));
  expect(r.code, r.stderr).toBe(0);
}

describe('extra files on the server, under a real /bin/sh with a hostile app dir', () => {
  const appDir = join(mkdtempSync(join(tmpdir(), 'extra-app-')), `it's $(id) "a" dir`);
  mkdirSync(appDir);
  const read = (p: string) => readFileSync(join(appDir, p), 'utf8');

  it('an app dir that never used extra-files: applying does nothing and says nothing', () => {
    const r = sh(applyCommand(appDir, 'v1'));
    expect(r).toMatchObject({ code: 0, stdout: '' });
  });

  it('a tag deployed before extra-files existed: "none", what is in place stays', () => {
    record(appDir, 'v1', { Caddyfile: 'v1 caddy', 'web/index.html': 'v1 page' });
    writeFileSync(join(appDir, 'hand-made'), 'x');
    expect(sh(applyCommand(appDir, 'v0')).stdout.trim()).toBe('none');
  });

  it('activating a tag puts its recorded files in place; another tag brings back its own', () => {
    let r = sh(applyCommand(appDir, 'v1'));
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout.trim().split('\n')).toEqual(['Caddyfile', 'web']);
    expect(read('Caddyfile')).toBe('v1 caddy');
    expect(read('web/index.html')).toBe('v1 page');

    record(appDir, 'v2', { Caddyfile: 'v2 caddy', 'web/app.js': 'v2 js' });
    r = sh(applyCommand(appDir, 'v2'));
    expect(r.code, r.stderr).toBe(0);
    expect(read('Caddyfile')).toBe('v2 caddy');
    // A directory is replaced whole: v1's page is not left beside v2's bundle.
    expect(existsSync(join(appDir, 'web/index.html'))).toBe(false);
    expect(read('web/app.js')).toBe('v2 js');

    // The rollback: v1's files come back.
    expect(sh(applyCommand(appDir, 'v1')).code).toBe(0);
    expect(read('Caddyfile')).toBe('v1 caddy');
    expect(read('web/index.html')).toBe('v1 page');
    expect(statSync(join(appDir, 'web')).isDirectory()).toBe(true);
    expect(sh(`ls -A ${JSON.stringify(appDir)}`).stdout).not.toMatch(/vpsd-(new|old)/);
  });

  it('a re-deploy of a tag replaces its record; pruning forgets it', () => {
    record(appDir, 'v2', { Caddyfile: 'v2 caddy, again' });
    expect(sh(applyCommand(appDir, 'v2')).code).toBe(0);
    expect(read('Caddyfile')).toBe('v2 caddy, again');
    expect(sh(forgetCommand(appDir, ['v1', 'v2'])).code).toBe(0);
    expect(existsSync(join(appDir, '.vps-deploy/files/v1'))).toBe(false);
    expect(existsSync(join(appDir, '.vps-deploy/files/v2'))).toBe(false);
    expect(read('Caddyfile')).toBe('v2 caddy, again');
  });
});
