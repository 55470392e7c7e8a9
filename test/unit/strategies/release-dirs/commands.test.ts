import { spawnSync } from 'node:child_process';
import {
  chmodSync,
  existsSync,
  lstatSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  readlinkSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import {
  completeThenCommand,
  existsCommand,
  hardLinkCopyCommand,
  isCompleteCommand,
  linkSharedCommand,
  listReleasesCommand,
  makeSharedDirsCommand,
  missingSharedFilesCommand,
  MOVED_ASIDE,
  NOT_COMPLETE,
  placeReleaseCommand,
  readCurrentCommand,
  releaseUserCommand,
  removeDirCommand,
  removeReleasesCommand,
  renameDirCommand,
  replaceDirCommand,
  switchCommand,
  unpackCommand,
  writeRevisionCommand,
} from '../../../../src/strategies/release-dirs/commands.js';
import { planSharedLinks } from '../../../../src/strategies/release-dirs/layout.js';
import { parseReleaseListing } from '../../../../src/strategies/release-dirs/prune.js';

const RM_V1 =
  '{ rm -rf -- /srv/shop/releases/v1 2>/dev/null || { chmod -R u+w -- /srv/shop/releases/v1 && rm -rf -- /srv/shop/releases/v1; }; }';
const REVISION = {
  tag: 'v1',
  commit: '0123abc',
  source: 'git archive v1',
  deployedAt: '2025-01-02T03:04:05.000Z',
};

describe('release-dirs command text, exactly', () => {
  it.each([
    [
      readCurrentCommand('/srv/shop'),
      `cd /srv/shop 2>/dev/null || exit 0; if [ -L current ]; then printf 'link\\t%s\\n' "$(readlink current)"; elif [ -e current ]; then echo other; fi`,
    ],
    [
      readCurrentCommand("/srv/my app's"),
      `cd '/srv/my app'\\''s' 2>/dev/null || exit 0; if [ -L current ]; then printf 'link\\t%s\\n' "$(readlink current)"; elif [ -e current ]; then echo other; fi`,
    ],
    [
      listReleasesCommand('/srv/a b'),
      `cd '/srv/a b'/releases 2>/dev/null || exit 0; for d in * .[!.]*; do [ -d "$d" ] && [ ! -L "$d" ] || continue; ` +
        `if [ -f "$d"/REVISION ]; then c=1; t=$(stat -c %.9Y "$d"/REVISION); else c=0; t=$(stat -c %.9Y "$d"); fi; ` +
        `printf '%s\\t%s\\t%s\\n' "$d" "$t" "$c"; done`,
    ],
    [isCompleteCommand('/srv/shop/releases/v1'), '[ -f /srv/shop/releases/v1/REVISION ]'],
    [existsCommand('/srv/x $(id)/releases/v1'), `[ -e '/srv/x $(id)/releases/v1' ]`],
    [
      placeReleaseCommand(
        '/srv/s/releases/.incoming-v1-x',
        '/srv/s/releases/v1',
        '/srv/s/releases/.replaced-v1-x',
      ),
      'if [ -e /srv/s/releases/v1 ]; then mv -T -- /srv/s/releases/v1 /srv/s/releases/.replaced-v1-x || exit; ' +
        'echo VPSD-MOVED-ASIDE; mv -T -- /srv/s/releases/.incoming-v1-x /srv/s/releases/v1 || ' +
        '{ rc=$?; mv -T -- /srv/s/releases/.replaced-v1-x /srv/s/releases/v1; exit $rc; }; ' +
        'else mv -T -- /srv/s/releases/.incoming-v1-x /srv/s/releases/v1; fi',
    ],
    [
      completeThenCommand('/srv/s/releases/v1', 'echo go'),
      '{ [ -f /srv/s/releases/v1/REVISION ] || { echo VPSD-NOT-COMPLETE; exit 1; }; } && echo go',
    ],
    [
      unpackCommand('/srv/shop/releases/.incoming-v1-x', false),
      'mkdir -p -- /srv/shop/releases/.incoming-v1-x && tar -x --no-same-owner -f - -C /srv/shop/releases/.incoming-v1-x',
    ],
    [
      unpackCommand("/srv/it's/releases/.incoming-v1-x", true),
      `mkdir -p -- '/srv/it'\\''s/releases/.incoming-v1-x' && tar -x -z --no-same-owner -f - -C '/srv/it'\\''s/releases/.incoming-v1-x'`,
    ],
    [
      writeRevisionCommand('/srv/shop/releases/.incoming-v1-x', REVISION),
      `printf '%s\\n' tag=v1 commit=0123abc 'source=git archive v1' deployed_at=2025-01-02T03:04:05.000Z > /srv/shop/releases/.incoming-v1-x/REVISION`,
    ],
    [
      writeRevisionCommand('/srv/a\nb', {
        ...REVISION,
        commit: 'unknown',
        source: `directory /w/$(touch x) 'q'`,
      }),
      `printf '%s\\n' tag=v1 commit=unknown 'source=directory /w/$(touch x) '\\''q'\\''' deployed_at=2025-01-02T03:04:05.000Z > '/srv/a\nb/REVISION'`,
    ],
    [makeSharedDirsCommand('/srv/shop/shared', []), 'mkdir -p -- /srv/shop/shared'],
    [
      makeSharedDirsCommand('/srv/shop/shared', ['/srv/shop/shared/media', '/srv/shop/shared/my dir']),
      `mkdir -p -- /srv/shop/shared /srv/shop/shared/media '/srv/shop/shared/my dir'`,
    ],
    [
      missingSharedFilesCommand(planSharedLinks('/srv/shop', 'v1', ['.env', 'config/local settings.py'], [])),
      `[ -e /srv/shop/shared/.env ] || printf '%s\\n' .env; ` +
        `[ -e '/srv/shop/shared/config/local settings.py' ] || printf '%s\\n' 'config/local settings.py';`,
    ],
    [
      linkSharedCommand(planSharedLinks('/srv/shop', 'v1', ['.env'], ['media'])),
      '{ rm -rf -- /srv/shop/releases/v1/.env 2>/dev/null || { chmod -R u+w -- /srv/shop/releases/v1/.env && rm -rf -- /srv/shop/releases/v1/.env; }; } ' +
        '&& mkdir -p -- /srv/shop/releases/v1 && ln -s -- ../../shared/.env /srv/shop/releases/v1/.env && ' +
        '{ rm -rf -- /srv/shop/releases/v1/media 2>/dev/null || { chmod -R u+w -- /srv/shop/releases/v1/media && rm -rf -- /srv/shop/releases/v1/media; }; } ' +
        '&& mkdir -p -- /srv/shop/releases/v1 && ln -s -- ../../shared/media /srv/shop/releases/v1/media',
    ],
    [
      releaseUserCommand('.venv/bin/pip install -r requirements.txt', {
        tag: 'v1',
        appDir: '/srv/shop',
        releaseDir: '/srv/shop/releases/v1',
        cwd: '/srv/shop/releases/v1',
      }),
      'env VPS_DEPLOY_TAG=v1 VPS_DEPLOY_RELEASE_DIR=/srv/shop/releases/v1 VPS_DEPLOY_APP_DIR=/srv/shop ' +
        'VPS_DEPLOY_ENV_FILE=/srv/shop/releases/v1/.vps-deploy.env ' +
        `"$(command -v bash || echo sh)" -lc 'cd /srv/shop/releases/v1 && .venv/bin/pip install -r requirements.txt'`,
    ],
    [
      releaseUserCommand(`echo "$VPS_DEPLOY_TAG" 'x'`, {
        tag: 'v1',
        appDir: '/srv/my app',
        releaseDir: '/srv/my app/releases/v1',
        cwd: '/srv/my app/current',
      }),
      `env VPS_DEPLOY_TAG=v1 VPS_DEPLOY_RELEASE_DIR='/srv/my app/releases/v1' VPS_DEPLOY_APP_DIR='/srv/my app' ` +
        `VPS_DEPLOY_ENV_FILE='/srv/my app/releases/v1/.vps-deploy.env' ` +
        `"$(command -v bash || echo sh)" -lc 'cd '\\''/srv/my app/current'\\'' && echo "$VPS_DEPLOY_TAG" '\\''x'\\'''`,
    ],
    [
      switchCommand('/srv/shop', 'releases/v1', '0a1b2c'),
      'cd /srv/shop && ln -s -- releases/v1 .current.tmp-0a1b2c && ' +
        '{ mv -T -- .current.tmp-0a1b2c current || { rc=$?; rm -f -- .current.tmp-0a1b2c; exit $rc; }; }',
    ],
    [
      switchCommand("/srv/o'neil", 'releases/v1.2', 'ff'),
      `cd '/srv/o'\\''neil' && ln -s -- releases/v1.2 .current.tmp-ff && ` +
        '{ mv -T -- .current.tmp-ff current || { rc=$?; rm -f -- .current.tmp-ff; exit $rc; }; }',
    ],
    [removeDirCommand('/srv/shop/releases/v1'), RM_V1],
    [
      removeDirCommand('/srv/$(id)/releases/v1'),
      `{ rm -rf -- '/srv/$(id)/releases/v1' 2>/dev/null || { chmod -R u+w -- '/srv/$(id)/releases/v1' && rm -rf -- '/srv/$(id)/releases/v1'; }; }`,
    ],
    [
      removeReleasesCommand('/srv/shop', ['v1', '.incoming-v2-x']),
      `${RM_V1} && { rm -rf -- /srv/shop/releases/.incoming-v2-x 2>/dev/null || ` +
        '{ chmod -R u+w -- /srv/shop/releases/.incoming-v2-x && rm -rf -- /srv/shop/releases/.incoming-v2-x; }; }',
    ],
    [
      renameDirCommand('/srv/shop/releases/v1', '/srv/shop/releases/.replaced-v1-x'),
      'mv -T -- /srv/shop/releases/v1 /srv/shop/releases/.replaced-v1-x',
    ],
    [
      hardLinkCopyCommand('/srv/a b/releases/v1', '/srv/a b/releases/.replaced-v1-x'),
      `cp -al -- '/srv/a b/releases/v1' '/srv/a b/releases/.replaced-v1-x'`,
    ],
    [
      replaceDirCommand('/srv/shop/releases/v1', '/srv/shop/releases/.replaced-v1-x', 'rename'),
      `${RM_V1} && mv -T -- /srv/shop/releases/.replaced-v1-x /srv/shop/releases/v1`,
    ],
    [
      replaceDirCommand('/srv/shop/releases/v1', '/srv/shop/releases/.replaced-v1-x', 'copy'),
      `${RM_V1} && cp -al -- /srv/shop/releases/.replaced-v1-x /srv/shop/releases/v1`,
    ],
  ])('%#: %s', (built, expected) => expect(built).toBe(expected));
});

const root = mkdtempSync(join(tmpdir(), 'release-cmds-'));

/** Runs command text under the real /bin/sh (dash on Debian), as the server's login shell would, in `root`. */
function sh(command: string, opts: { stdin?: Buffer; env?: Record<string, string> } = {}) {
  const r = spawnSync('/bin/sh', ['-c', command], {
    cwd: root,
    input: opts.stdin,
    env: { ...process.env, ...opts.env },
  });
  return { code: r.status, stdout: r.stdout.toString('utf8'), stderr: r.stderr.toString('utf8') };
}

/** Whether a hostile value ran as a command: it would have touched PWNED where the shell stood. */
const pwned = (...dirs: string[]) => [root, ...dirs].some((d) => existsSync(join(d, 'PWNED')));
afterAll(() => {
  spawnSync('chmod', ['-R', 'u+w', root]);
  rmSync(root, { recursive: true, force: true });
});
let n = 0;
/** A fresh app dir whose last component is `name`, under a parent that is safe to remove. */
function appDirNamed(name: string): string {
  const dir = join(root, String(n++), name);
  mkdirSync(dir, { recursive: true });
  return dir;
}

/** Directory names a user could give as (part of) app-dir: every byte but `/` and NUL, and no `.`/`..`. */
const hostileName = fc.oneof(
  fc
    .string({ unit: 'grapheme', minLength: 1, maxLength: 40 })
    .filter((s) => !s.includes('/') && !s.includes('\0') && s !== '.' && s !== '..'),
  fc.constantFrom(
    `a b'c"d$(touch PWNED)\`touch PWNED\`;e`,
    "it's",
    'line\nbreak',
    '-rf',
    '$HOME',
    '*',
    ' lead and trail ',
    '\\',
    'tab\there',
  ),
);

describe('release-dirs commands under a real /bin/sh, with hostile app dirs', () => {
  it('switch, read current and list releases: every app dir arrives intact', () => {
    fc.assert(
      fc.property(hostileName, (name) => {
        const appDir = appDirNamed(name);
        mkdirSync(join(appDir, 'releases', 'v1'), { recursive: true });
        writeFileSync(join(appDir, 'releases', 'v1', 'REVISION'), 'tag=v1\n');
        mkdirSync(join(appDir, 'releases', '.incoming-v2-x'));
        expect(sh(readCurrentCommand(appDir)).stdout).toBe('');
        const sw = sh(switchCommand(appDir, 'releases/v1', 'abc123'));
        expect(sw.code, sw.stderr).toBe(0);
        expect(readlinkSync(join(appDir, 'current'))).toBe('releases/v1');
        expect(existsSync(join(appDir, '.current.tmp-abc123'))).toBe(false);
        expect(sh(readCurrentCommand(appDir)).stdout).toBe('link\treleases/v1\n');
        const listed = parseReleaseListing(sh(listReleasesCommand(appDir)).stdout);
        expect(listed.map((e) => [e.name, e.complete]).sort()).toEqual([
          ['.incoming-v2-x', false],
          ['v1', true],
        ]);
        expect(listed.every((e) => e.time > 0)).toBe(true);
        expect(pwned(appDir)).toBe(false);
      }),
      { numRuns: 60 },
    );
  });

  it('a failed rename leaves current as it was and no temporary link behind', () => {
    const appDir = appDirNamed(`x $(touch PWNED)`);
    mkdirSync(join(appDir, 'current'));
    writeFileSync(join(appDir, 'current', 'keep'), '');
    const r = sh(switchCommand(appDir, 'releases/v1', 'ff'));
    expect(r.code).not.toBe(0);
    expect(lstatSync(join(appDir, 'current')).isDirectory()).toBe(true);
    expect(existsSync(join(appDir, '.current.tmp-ff'))).toBe(false);
    expect(sh(readCurrentCommand(appDir)).stdout).toBe('other\n');
    expect(pwned(appDir)).toBe(false);
  });

  it('unpacks a tar stream and writes REVISION with hostile values as they are', () => {
    const src = appDirNamed('src');
    writeFileSync(join(src, 'app.txt'), 'hello\n');
    const tar = spawnSync('tar', ['-c', '-z', '-f', '-', '-C', src, '.']).stdout;
    const dir = join(appDirNamed(`a b'c"$(touch PWNED)`), 'releases', '.incoming-v1-x');
    const up = sh(unpackCommand(dir, true), { stdin: tar });
    expect(up.code, up.stderr).toBe(0);
    expect(readFileSync(join(dir, 'app.txt'), 'utf8')).toBe('hello\n');
    const source = `directory /w/$(touch PWNED) 'q' \`id\`\nsecond line`;
    const w = sh(writeRevisionCommand(dir, { ...REVISION, source }));
    expect(w.code, w.stderr).toBe(0);
    expect(readFileSync(join(dir, 'REVISION'), 'utf8')).toBe(
      `tag=v1\ncommit=0123abc\nsource=${source}\ndeployed_at=2025-01-02T03:04:05.000Z\n`,
    );
    expect(sh(isCompleteCommand(dir)).code).toBe(0);
    expect(sh(isCompleteCommand(join(dir, 'nope'))).code).toBe(1);
    expect(pwned(dir)).toBe(false);
  });

  it('shared files: names the missing ones, then links them all into the release', () => {
    const appDir = appDirNamed(`my app's $(x)`);
    const plan = planSharedLinks(appDir, 'v1', ['.env', `config/it's "local".py`], ['media dir']);
    const files = plan.filter((l) => l.kind === 'file');
    mkdirSync(join(appDir, 'releases', 'v1', 'media dir'), { recursive: true });
    const mk = sh(
      makeSharedDirsCommand(join(appDir, 'shared'), [join(appDir, 'shared', 'config'), plan[2]!.sharedPath]),
    );
    expect(mk.code, mk.stderr).toBe(0);
    writeFileSync(join(appDir, 'shared', '.env'), 'A=1\n');
    expect(sh(missingSharedFilesCommand(files)).stdout).toBe(`config/it's "local".py\n`);
    writeFileSync(files[1]!.sharedPath, 'x = 1\n');
    expect(sh(missingSharedFilesCommand(files)).stdout).toBe('');
    const link = sh(linkSharedCommand(plan));
    expect(link.code, link.stderr).toBe(0);
    expect(readFileSync(join(appDir, 'releases', 'v1', `config/it's "local".py`), 'utf8')).toBe('x = 1\n');
    expect(lstatSync(join(appDir, 'releases', 'v1', 'media dir')).isSymbolicLink()).toBe(true);
    expect(pwned(appDir)).toBe(false);
  });

  it('removes dirs holding read-only files; moves, copies and replaces them', () => {
    const appDir = appDirNamed(`rm -rf $(touch PWNED) *`);
    const rel = (t: string) => join(appDir, 'releases', t);
    mkdirSync(join(rel('v1'), 'ro'), { recursive: true });
    writeFileSync(join(rel('v1'), 'ro', 'f'), 'v1');
    chmodSync(join(rel('v1'), 'ro'), 0o555);
    mkdirSync(rel('v2'));
    expect(sh(hardLinkCopyCommand(rel('v1'), rel('.replaced-v1-x'))).code).toBe(0);
    expect(readFileSync(join(rel('.replaced-v1-x'), 'ro', 'f'), 'utf8')).toBe('v1');
    expect(sh(renameDirCommand(rel('v2'), rel('.replaced-v2-x'))).code).toBe(0);
    expect(existsSync(rel('v2'))).toBe(false);
    writeFileSync(join(rel('.replaced-v2-x'), 'mark'), 'aside');
    expect(sh(replaceDirCommand(rel('v1'), rel('.replaced-v2-x'), 'copy')).code).toBe(0);
    expect(readFileSync(join(rel('v1'), 'mark'), 'utf8')).toBe('aside');
    expect(existsSync(rel('.replaced-v2-x'))).toBe(true);
    const rm = sh(removeReleasesCommand(appDir, ['.replaced-v1-x', '.replaced-v2-x']));
    expect(rm.code, rm.stderr).toBe(0);
    expect(existsSync(rel('.replaced-v1-x')) || existsSync(rel('.replaced-v2-x'))).toBe(false);
    expect(sh(existsCommand(rel('v1'))).code).toBe(0);
    expect(sh(removeDirCommand(rel('v1'))).code).toBe(0);
    expect(sh(existsCommand(rel('v1'))).code).toBe(1);
    expect(existsSync(appDir)).toBe(true);
    expect(pwned(appDir)).toBe(false);
  });

  it('places a release in one command, moving what held its name aside first, and switches only to a complete one', () => {
    const appDir = appDirNamed(`x $(touch PWNED) 'y'`);
    const rel = (t: string) => join(appDir, 'releases', t);
    mkdirSync(rel('.incoming-v1-a'), { recursive: true });
    writeFileSync(join(rel('.incoming-v1-a'), 'f'), 'first');
    const first = sh(placeReleaseCommand(rel('.incoming-v1-a'), rel('v1'), rel('.replaced-v1-a')));
    expect(first.code, first.stderr).toBe(0);
    expect(first.stdout).not.toContain(MOVED_ASIDE);
    expect(existsSync(rel('.replaced-v1-a'))).toBe(false);
    mkdirSync(rel('.incoming-v1-b'));
    writeFileSync(join(rel('.incoming-v1-b'), 'f'), 'second');
    const again = sh(placeReleaseCommand(rel('.incoming-v1-b'), rel('v1'), rel('.replaced-v1-b')));
    expect(again.code, again.stderr).toBe(0);
    expect(again.stdout).toBe(`${MOVED_ASIDE}\n`);
    expect(readFileSync(join(rel('v1'), 'f'), 'utf8')).toBe('second');
    expect(readFileSync(join(rel('.replaced-v1-b'), 'f'), 'utf8')).toBe('first');
    expect(existsSync(rel('.incoming-v1-b'))).toBe(false);
    // The aside name taken: nothing moves, incoming stays for the caller to remove.
    mkdirSync(rel('.incoming-v1-c'));
    mkdirSync(join(rel('.replaced-v1-c'), 'occupied'), { recursive: true });
    const blocked = sh(placeReleaseCommand(rel('.incoming-v1-c'), rel('v1'), rel('.replaced-v1-c')));
    expect(blocked.code).not.toBe(0);
    expect(blocked.stdout).not.toContain(MOVED_ASIDE);
    expect(readFileSync(join(rel('v1'), 'f'), 'utf8')).toBe('second');
    expect(existsSync(rel('.incoming-v1-c'))).toBe(true);
    // Incoming cannot take the name (gone here): what was there is moved back, not left aside.
    const lost = sh(placeReleaseCommand(rel('.incoming-v1-gone'), rel('v1'), rel('.replaced-v1-d')));
    expect(lost.code).not.toBe(0);
    expect(readFileSync(join(rel('v1'), 'f'), 'utf8')).toBe('second');
    expect(existsSync(rel('.replaced-v1-d'))).toBe(false);

    const toV1 = completeThenCommand(rel('v1'), switchCommand(appDir, 'releases/v1', 'aa'));
    const refused = sh(toV1);
    expect([refused.code, refused.stdout]).toEqual([1, `${NOT_COMPLETE}\n`]);
    expect(existsSync(join(appDir, 'current'))).toBe(false);
    writeFileSync(join(rel('v1'), 'REVISION'), 'tag=v1\n');
    const switched = sh(toV1);
    expect(switched.code, switched.stderr).toBe(0);
    expect(readlinkSync(join(appDir, 'current'))).toBe('releases/v1');
    expect(pwned(appDir)).toBe(false);
  });

  it("a user's command runs in its dir with the tag, release dir and app dir as they are", () => {
    const appDir = appDirNamed(`a'b "c" $(touch PWNED)\nd`);
    const releaseDir = join(appDir, 'releases', 'v1');
    mkdirSync(releaseDir, { recursive: true });
    const command = releaseUserCommand(
      `printf '%s\\0' "$PWD" "$VPS_DEPLOY_TAG" "$VPS_DEPLOY_RELEASE_DIR" "$VPS_DEPLOY_APP_DIR"`,
      { tag: 'v1', appDir, releaseDir, cwd: releaseDir },
    );
    // A home without profile files: the login shell must not read the developer's own.
    const r = sh(command, { env: { HOME: appDirNamed('home') } });
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout.split('\0').slice(0, -1)).toEqual([releaseDir, 'v1', releaseDir, appDir]);
    expect(pwned(appDir, releaseDir)).toBe(false);
  });
});
