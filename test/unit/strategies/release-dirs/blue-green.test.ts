import { mkdir, mkdtemp, readFile, readlink, rm, utimes, writeFile } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { releaseStrategy } from '../../../../src/strategies/release-dirs/strategy.js';
import type { ReleaseStrategyOptions } from '../../../../src/flow/strategy.js';
import { LocalShell } from '../../../fakes/local-shell.js';
import { RecordingLog } from '../../../fakes/recording-log.js';

/**
 * Release directories under switch: blue-green over a LocalShell (the commands run under /bin/sh in a temp
 * app-dir whose name has a space and a quote): slot links, start/stop commands with APP_PORT and RELEASE_DIR,
 * promote, and prune never removing a release a slot names.
 */
const roots: string[] = [];
afterEach(async () => {
  for (const r of roots.splice(0)) await rm(r, { recursive: true, force: true });
});

async function server(tags: string[]) {
  const root = await mkdtemp(join(tmpdir(), 'vpsd-bg-'));
  roots.push(root);
  const appDir = join(root, "my 'app");
  for (const [i, t] of tags.entries()) {
    await mkdir(join(appDir, 'releases', t), { recursive: true });
    await writeFile(join(appDir, 'releases', t, 'REVISION'), `tag=${t}\n`);
    const when = new Date(Date.now() - (tags.length - i) * 60_000);
    await utimes(join(appDir, 'releases', t, 'REVISION'), when, when);
  }
  const log = new RecordingLog();
  const opts: ReleaseStrategyOptions = {
    workspace: root,
    source: '',
    sharedFiles: [],
    sharedDirs: [],
    envFile: '',
    installCommand: '',
    migrateCommand: '',
    restartCommand: '',
    logsCommand: 'echo "logs of $APP_PORT"',
    blueGreen: {
      ports: [8001, 8002],
      startCommand: `echo "start $APP_PORT $RELEASE_DIR $(basename "$(pwd -P)")" >> ${JSON.stringify(join(root, 'journal'))}`,
      stopCommand: `echo "stop $APP_PORT $(basename "$RELEASE_DIR")" >> ${JSON.stringify(join(root, 'journal'))}`,
    },
  };
  const strategy = releaseStrategy({ conn: new LocalShell({ log }), app: 'app', appDir, log }, opts);
  const journal = async () =>
    (await readFile(join(root, 'journal'), 'utf8').catch(() => '')).trim().split('\n');
  return { root, appDir, strategy, bg: strategy.blueGreen!, journal, log };
}

describe('release directories, blue-green', () => {
  it('starts a release on a slot, promotes it, stops the other', async () => {
    const s = await server(['v1', 'v2']);
    expect(await s.bg.startBeside('v1', 8001)).toBe(8001);
    await s.bg.promote('v1', 8001);
    expect(await s.bg.startBeside('v2', 8002)).toBe(8002);
    expect(await readlink(join(s.appDir, 'slots', '8002'))).toBe('../releases/v2');
    expect(await readlink(join(s.appDir, 'current'))).toBe('releases/v1');
    await s.bg.promote('v2', 8002);
    await s.bg.stopAt(8001);
    expect(await s.journal()).toEqual([
      `start 8001 ${join(s.appDir, 'releases', 'v1')} v1`,
      `start 8002 ${join(s.appDir, 'releases', 'v2')} v2`,
      'stop 8001 v1',
    ]);
    expect(existsSync(join(s.appDir, 'slots', '8001'))).toBe(false);
    expect(await readlink(join(s.appDir, 'current'))).toBe('releases/v2');
    expect(await s.bg.logsAt(8002)).toBe('logs of 8002');
  });

  it('stopAt a port without a slot is a no-op; a stale instance on the port is stopped before a start', async () => {
    const s = await server(['v1', 'v2']);
    await s.bg.stopAt(8002);
    await s.bg.startBeside('v1', 8002);
    await s.bg.startBeside('v2', 8002);
    expect(await s.journal()).toEqual([
      `start 8002 ${join(s.appDir, 'releases', 'v1')} v1`,
      'stop 8002 v1',
      `start 8002 ${join(s.appDir, 'releases', 'v2')} v2`,
    ]);
  });

  it('a tag that is not on the server is a clear error, nothing started', async () => {
    const s = await server(['v1']);
    await expect(s.bg.startBeside('v9', 8001)).rejects.toThrow(
      /^release "v9" is not on the server \(.*\/releases\); releases there: v1$/,
    );
    expect(await s.journal()).toEqual(['']);
  });

  it('a failing start-command fails the start, naming it', async () => {
    const s = await server(['v1']);
    const bad = releaseStrategy(
      { conn: new LocalShell(), app: 'app', appDir: s.appDir, log: s.log },
      {
        workspace: s.root,
        source: '',
        sharedFiles: [],
        sharedDirs: [],
        envFile: '',
        installCommand: '',
        migrateCommand: '',
        restartCommand: '',
        blueGreen: { ports: [8001, 8002], startCommand: 'echo port busy >&2; exit 3', stopCommand: 'true' },
      },
    );
    await expect(bad.blueGreen!.startBeside('v1', 8001)).rejects.toThrow(
      /start-command failed \(exit 3\) before the switch; current is unchanged:\nport busy/,
    );
  });

  it('prune never removes a release a slot names, however old', async () => {
    const s = await server(['v1', 'v2', 'v3', 'v4']);
    await s.bg.startBeside('v1', 8001);
    await s.bg.startBeside('v4', 8002);
    await s.bg.promote('v4', 8002);
    const removed = await s.strategy.prune(1, ['v4'], []);
    expect(removed.sort()).toEqual(['v2', 'v3']);
    expect(existsSync(join(s.appDir, 'releases', 'v1'))).toBe(true);
  });

  it('options without ports or a stop-command are refused naming the input', () => {
    const base = {
      workspace: '/tmp',
      source: '',
      sharedFiles: [],
      sharedDirs: [],
      envFile: '',
      installCommand: '',
      migrateCommand: '',
      restartCommand: '',
    };
    const make = (blueGreen: ReleaseStrategyOptions['blueGreen']) => () =>
      releaseStrategy(
        { conn: new LocalShell(), app: 'a', appDir: '/tmp/x', log: new RecordingLog() },
        { ...base, ...(blueGreen ? { blueGreen } : {}) },
      );
    expect(make({ ports: [], startCommand: 'a', stopCommand: 'b' })).toThrow(/^input "ports" is required/);
    expect(make({ ports: [1, 2], startCommand: 'a', stopCommand: '' })).toThrow(
      /^input "stop-command" is required/,
    );
  });
});
