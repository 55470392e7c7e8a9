import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readlinkSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import {
  linkSlotCommand,
  listSlotsCommand,
  parseSlots,
  slotEnv,
  slotPath,
  unlinkSlotCommand,
} from '../../../../src/strategies/release-dirs/blue-green-commands.js';
import { releaseUserCommand } from '../../../../src/strategies/release-dirs/commands.js';

describe('blue-green slot commands, exactly', () => {
  it.each([
    [
      linkSlotCommand('/srv/shop', 8001, 'v2', 'abc'),
      'cd /srv/shop && mkdir -p -- slots && cd slots && ln -s -- ../releases/v2 .8001.tmp-abc && ' +
        '{ mv -T -- .8001.tmp-abc 8001 || { rc=$?; rm -f -- .8001.tmp-abc; exit $rc; }; }',
    ],
    [
      listSlotsCommand('/srv/my shop'),
      "cd '/srv/my shop/slots' 2>/dev/null || exit 0; " +
        'for l in *; do [ -L "$l" ] || continue; printf \'%s\\t%s\\n\' "$l" "$(readlink -- "$l")"; done',
    ],
    [unlinkSlotCommand('/srv/shop', 8002), 'rm -f -- /srv/shop/slots/8002'],
    [slotPath('/srv/shop', 8002), '/srv/shop/slots/8002'],
  ])('%s', (got, want) => expect(got).toBe(want));

  it('parses slot links, skipping what names no release', () =>
    expect([
      ...parseSlots('8001\t../releases/v1\n8002\t../releases/v2/\nnotes\t../releases/v3\n9000\t/tmp/x\n\n'),
    ]).toEqual([
      [8001, 'v1'],
      [8002, 'v2'],
    ]));
});

const root = mkdtempSync(join(tmpdir(), 'vpsd-slots-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));
let n = 0;
function appDirNamed(name: string): string {
  const dir = join(root, String(n++), name);
  mkdirSync(dir, { recursive: true });
  return dir;
}
function sh(command: string): { code: number | null; stdout: string; stderr: string } {
  const r = spawnSync('/bin/sh', ['-c', command], { cwd: root });
  return { code: r.status, stdout: r.stdout.toString(), stderr: r.stderr.toString() };
}
const pwned = (...dirs: string[]) => [root, ...dirs].some((d) => existsSync(join(d, 'PWNED')));

const hostileName = fc.oneof(
  fc
    .string({ unit: 'grapheme', minLength: 1, maxLength: 40 })
    .filter((s) => !s.includes('/') && !s.includes('\0') && s !== '.' && s !== '..'),
  fc.constantFrom(`a b'c"d$(touch PWNED)\`touch PWNED\`;e`, "it's", 'line\nbreak', '-rf', '$HOME', '*', '\\'),
);

describe('blue-green slot commands under a real /bin/sh, with hostile app dirs', () => {
  it('link, relink atomically, list and unlink: every app dir arrives intact', () => {
    fc.assert(
      fc.property(hostileName, (name) => {
        const appDir = appDirNamed(name);
        for (const t of ['v1', 'v2']) mkdirSync(join(appDir, 'releases', t), { recursive: true });
        expect(sh(listSlotsCommand(appDir)).stdout).toBe('');
        const a = sh(linkSlotCommand(appDir, 8001, 'v1', 't1'));
        expect(a.code, a.stderr).toBe(0);
        expect(sh(linkSlotCommand(appDir, 8002, 'v1', 't2')).code).toBe(0);
        expect(sh(linkSlotCommand(appDir, 8002, 'v2', 't3')).code).toBe(0);
        expect(readlinkSync(slotPath(appDir, 8002))).toBe('../releases/v2');
        expect(existsSync(join(appDir, 'slots', '.8002.tmp-t3'))).toBe(false);
        expect([...parseSlots(sh(listSlotsCommand(appDir)).stdout)].sort()).toEqual([
          [8001, 'v1'],
          [8002, 'v2'],
        ]);
        expect(sh(unlinkSlotCommand(appDir, 8001)).code).toBe(0);
        expect(existsSync(join(appDir, 'releases', 'v1'))).toBe(true);
        expect([...parseSlots(sh(listSlotsCommand(appDir)).stdout)]).toEqual([[8002, 'v2']]);
        expect(pwned(appDir)).toBe(false);
      }),
      { numRuns: 40 },
    );
  });

  it('start-command lines see APP_PORT and RELEASE_DIR as they are, in the slot', () => {
    const appDir = appDirNamed(`x $(touch PWNED) 'q'`);
    mkdirSync(join(appDir, 'releases', 'v1'), { recursive: true });
    writeFileSync(join(appDir, 'releases', 'v1', 'marker'), 'v1 here');
    expect(sh(linkSlotCommand(appDir, 8001, 'v1', 'a')).code).toBe(0);
    const releaseDir = join(appDir, 'releases', 'v1');
    const command = releaseUserCommand('echo "$APP_PORT|$RELEASE_DIR"; cat marker', {
      tag: 'v1',
      appDir,
      releaseDir,
      cwd: slotPath(appDir, 8001),
      env: slotEnv(8001, releaseDir),
    });
    const r = sh(command);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toBe(`8001|${releaseDir}\nv1 here`);
    expect(pwned(appDir)).toBe(false);
  });
});
