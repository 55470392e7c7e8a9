import { execFileSync } from 'node:child_process';
import {
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import {
  applyEnv,
  copyEnvCommand,
  envFileText,
  envModeCommand,
} from '../../../src/strategies/env-release.js';
import { sqliteFilesCommand } from '../../../src/strategies/release-dirs/commands.js';
import { LocalShell } from '../../fakes/local-shell.js';
import { RecordingLog } from '../../fakes/recording-log.js';

/** The config-per-release commands, run as written under the local /bin/sh, in dirs with hostile names. */
const roots: string[] = [];
afterAll(() => roots.forEach((d) => rmSync(d, { recursive: true, force: true })));
const root = () => {
  const d = join(mkdtempSync(join(tmpdir(), 'env-release-')), `it's a "dir" $HOME`);
  mkdirSync(d);
  roots.push(d);
  return d;
};
const sh = (command: string) => execFileSync('/bin/sh', ['-c', command], { encoding: 'utf8' });

describe('env-file text', () => {
  it.each([
    ['A=1\r\nB=2\r\n', 'A=1\nB=2\n'],
    ['A=1\r\nB=2', 'A=1\nB=2\n'],
    ['A=1\rB=2\n', 'A=1\nB=2\n'],
    ['A=1\nB=2\n', 'A=1\nB=2\n'],
    ['A=x y\n', 'A=x y\n'],
  ])('%j is written as %j', (given, written) => {
    expect(envFileText(given)).toBe(written);
  });
});

describe('copyEnvCommand', () => {
  it('copies by a temp file renamed over the target, mode 0600, and leaves no temp', () => {
    const d = root();
    writeFileSync(join(d, 'rec.env'), 'A=1\n', { mode: 0o644 });
    writeFileSync(join(d, '.env'), 'OLD=1\n', { mode: 0o644 });
    expect(sh(copyEnvCommand(join(d, 'rec.env'), join(d, '.env'), 'abc'))).toBe('');
    expect(readFileSync(join(d, '.env'), 'utf8')).toBe('A=1\n');
    expect(statSync(join(d, '.env')).mode & 0o777).toBe(0o600);
    expect(readdirSync(d).sort()).toEqual(['.env', 'rec.env']);
  });

  it('in a setgid dir (init app-group on shared/) gives the config mode 0640 and the dir group', () => {
    const d = root();
    const shared = join(d, 'shared');
    mkdirSync(shared);
    const gid = Number(sh('id -g').trim());
    sh(`chmod 2770 '${shared.replace(/'/g, `'\\''`)}'`);
    writeFileSync(join(d, 'rec.env'), 'A=1\n', { mode: 0o600 });
    expect(sh(copyEnvCommand(join(d, 'rec.env'), join(shared, '.env'), 'abc'))).toBe('');
    const st = statSync(join(shared, '.env'));
    expect(st.mode & 0o777).toBe(0o640);
    expect(st.gid).toBe(gid);
    writeFileSync(join(shared, 'up.env'), 'B=2\n', { mode: 0o600 });
    sh(envModeCommand(join(shared, 'up.env')));
    expect(statSync(join(shared, 'up.env')).mode & 0o777).toBe(0o640);
    writeFileSync(join(d, 'plain.env'), 'C=3\n', { mode: 0o600 });
    sh(envModeCommand(join(d, 'plain.env')));
    expect(statSync(join(d, 'plain.env')).mode & 0o777).toBe(0o600);
  });

  it('prints none and changes nothing when there is no record', () => {
    const d = root();
    writeFileSync(join(d, '.env'), 'LIVE=1\n');
    expect(sh(copyEnvCommand(join(d, 'missing.env'), join(d, '.env'), 'abc')).trim()).toBe('none');
    expect(readFileSync(join(d, '.env'), 'utf8')).toBe('LIVE=1\n');
  });

  it('applyEnv warns when a release has no recorded config, and keeps the live one', async () => {
    const d = root();
    writeFileSync(join(d, '.env'), 'LIVE=1\n');
    const log = new RecordingLog();
    await applyEnv(new LocalShell(), log, 'v1', join(d, 'nope.env'), join(d, '.env'), 'shared/.env');
    expect(log.warnings).toEqual([
      expect.stringMatching(/^v1 has no recorded env.*shared\/\.env left as it is$/),
    ]);
    expect(readFileSync(join(d, '.env'), 'utf8')).toBe('LIVE=1\n');
  });
});

describe('sqliteFilesCommand', () => {
  it('finds SQLite databases by their header, not by name, without following links or entering node_modules', () => {
    const d = root();
    const rel = (...p: string[]) => join(d, ...p);
    mkdirSync(rel('v1', 'data'), { recursive: true });
    mkdirSync(rel('v1', 'node_modules', 'pkg'), { recursive: true });
    mkdirSync(rel('v2', 'a', 'b', 'c', 'd', 'e'), { recursive: true });
    const header = Buffer.concat([Buffer.from('SQLite format 3\0'), Buffer.alloc(100)]);
    writeFileSync(rel('v1', 'data', 'app.sqlite3'), header);
    writeFileSync(rel('v1', 'notes.db'), 'SQLite format 3 but text, no NUL after it\n');
    writeFileSync(rel('v1', 'node_modules', 'pkg', 'fixture.db'), header);
    writeFileSync(rel('v2', 'a', 'b', 'c', 'd', 'e', 'too-deep.db'), header);
    symlinkSync(rel('v1', 'data', 'app.sqlite3'), rel('v2', 'linked.db'));
    expect(
      sh(sqliteFilesCommand([rel('v1'), rel('v2')]))
        .split('\n')
        .filter(Boolean),
    ).toEqual([rel('v1', 'data', 'app.sqlite3')]);
  });
});
