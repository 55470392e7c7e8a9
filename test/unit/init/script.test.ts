import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync, existsSync } from 'node:fs';
import { tmpdir, userInfo } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { ensureDirsText, ensureFileText, stepScript } from '../../../src/init/script.js';

/** The step scripts under a real /bin/sh, as the current user, in a temp dir whose names are hostile. */
const base = mkdtempSync(join(tmpdir(), 'init-script-'));
const me = userInfo().username;
afterAll(() => rmSync(base, { recursive: true, force: true }));

function run(body: string, dry: boolean, stdin = '') {
  const r = spawnSync('/bin/sh', ['-c', stepScript(body, dry)], { input: stdin, encoding: 'utf8' });
  const status = /^@@status (\w+)$/m.exec(r.stdout)?.[1];
  return { code: r.status, status, stdout: r.stdout, stderr: r.stderr };
}

const hostile = join(base, `it's $(touch pwned) "dir"`);
const group = spawnSync('id', ['-gn'], { encoding: 'utf8' }).stdout.trim();

describe('ensureDirsText', () => {
  const dirs = [
    { path: hostile, mode: 0o755, owner: me, group: '' },
    { path: join(hostile, 'shared'), mode: 0o2775, owner: me, group: '' },
  ];

  it('a dry run changes nothing, then the dirs are created, then nothing changes', () => {
    expect(run(ensureDirsText(dirs), true)).toMatchObject({ code: 0, status: 'created' });
    expect(existsSync(hostile)).toBe(false);
    expect(run(ensureDirsText(dirs), false)).toMatchObject({ code: 0, status: 'created' });
    expect((statSync(join(hostile, 'shared')).mode & 0o7777).toString(8)).toBe('2775');
    expect(run(ensureDirsText(dirs), false)).toMatchObject({ code: 0, status: 'unchanged' });
    expect(existsSync(join(base, 'pwned'))).toBe(false);
  });

  it('a wrong mode is updated, the setgid bit cleared when it should not be there', () => {
    const r = run(ensureDirsText([{ ...dirs[1]!, mode: 0o755 }]), false);
    expect(r).toMatchObject({ code: 0, status: 'updated' });
    expect((statSync(join(hostile, 'shared')).mode & 0o7777).toString(8)).toBe('755');
  });

  it('a file where a directory belongs stops the step', () => {
    writeFileSync(join(base, 'file'), 'x');
    const r = run(ensureDirsText([{ path: join(base, 'file'), mode: 0o755, owner: me, group }]), false);
    expect(r.code).toBe(3);
    expect(r.stderr).toContain('exists and is not a directory');
  });
});

describe('ensureFileText', () => {
  const f = join(base, 'conf $x.txt');
  const spec = { path: f, mode: 0o640, owner: me, group };

  it('installs content when missing or different, reports unchanged otherwise', () => {
    expect(run(ensureFileText(spec), true, 'one\n')).toMatchObject({ status: 'created' });
    expect(existsSync(f)).toBe(false);
    expect(run(ensureFileText(spec), false, 'one\n')).toMatchObject({ status: 'created' });
    expect(readFileSync(f, 'utf8')).toBe('one\n');
    expect(run(ensureFileText(spec), false, 'one\n')).toMatchObject({ status: 'unchanged' });
    expect(run(ensureFileText(spec), false, 'two\n')).toMatchObject({ status: 'updated' });
    expect(readFileSync(f, 'utf8')).toBe('two\n');
    expect((statSync(f).mode & 0o777).toString(8)).toBe('640');
  });

  it('a failing validation installs nothing, in a dry run too', () => {
    const validate = 'grep -q good "$tmp" || fail "refused"';
    for (const dry of [true, false]) {
      const r = run(ensureFileText(spec, { validate }), dry, 'bad\n');
      expect(r.code).toBe(3);
      expect(r.stderr).toContain('refused');
      expect(readFileSync(f, 'utf8')).toBe('two\n');
    }
  });

  it('keepContent + keepMeta leave an existing file alone', () => {
    expect(
      run(ensureFileText({ ...spec, mode: 0o600 }, { keepContent: true, keepMeta: true }), false, ''),
    ).toMatchObject({
      status: 'unchanged',
    });
    expect(readFileSync(f, 'utf8')).toBe('two\n');
  });
});
