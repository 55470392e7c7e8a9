import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { parseState, readState } from '../../../src/flow/state.js';
import { ConfigurationError } from '../../../src/io/errors.js';
import { LocalShell } from '../../fakes/local-shell.js';

/**
 * A state.json that is there but cannot be read must stop the deploy with a way out: read as "nothing deployed"
 * it would make the next deploy think there is no previous release, and turn off the automatic rollback.
 */
const dirs: string[] = [];
afterAll(() => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })));

function appDirWithState(content?: string): string {
  const appDir = mkdtempSync(join(tmpdir(), 'state-corrupt-'));
  dirs.push(appDir);
  if (content !== undefined) {
    mkdirSync(join(appDir, '.vps-deploy'));
    writeFileSync(join(appDir, '.vps-deploy', 'state.json'), content);
  }
  return appDir;
}

describe('reading state.json', () => {
  it('a missing file is "nothing deployed yet"', async () => {
    expect(await readState(new LocalShell(), appDirWithState(), 'release')).toEqual({
      current: null,
      previous: null,
      strategy: 'release',
    });
  });

  it.each([
    ['torn JSON', '{"current":"v3","prev'],
    ['an empty file', ''],
    ['not an object', '"v3"'],
    ['current of the wrong type', '{"current":3,"previous":null,"strategy":"compose"}'],
  ])('%s is an error that names the file and says what to write', async (_name, content) => {
    const appDir = appDirWithState(content);
    const read = readState(new LocalShell(), appDir, 'compose');
    await expect(read).rejects.toBeInstanceOf(ConfigurationError);
    await expect(read).rejects.toThrow(`${appDir}/.vps-deploy/state.json`);
    await expect(read).rejects.toThrow(/"current":"<tag>","previous":"<tag>".*"strategy":"compose"/);
    await expect(read).rejects.toThrow(/releases\.jsonl/);
  });

  it('parseState keeps reading good files as before', () => {
    expect(parseState('{"current":"v2","previous":"v1","strategy":"release"}', 'compose')).toEqual({
      current: 'v2',
      previous: 'v1',
      strategy: 'release',
    });
    expect(parseState('{"current":null,"previous":null,"strategy":"x"}', 'compose')).toEqual({
      current: null,
      previous: null,
      strategy: 'compose',
    });
  });
});
