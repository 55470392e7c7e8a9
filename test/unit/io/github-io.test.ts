import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { actionsIO } from '../../../src/io/github-io.js';
import { parseOutputs } from '../../harness/run-action.js';

function setup() {
  const dir = mkdtempSync(join(tmpdir(), 'io-'));
  const env = {
    GITHUB_OUTPUT: join(dir, 'out'),
    GITHUB_STEP_SUMMARY: join(dir, 'sum'),
    'INPUT_HEALTH-URL': 'http://x',
    INPUT_APP: 'shop',
  };
  writeFileSync(env.GITHUB_OUTPUT, '');
  const written: string[] = [];
  vi.spyOn(process.stdout, 'write').mockImplementation((s) => {
    written.push(String(s));
    return true;
  });
  return { io: actionsIO(env), env, written };
}

afterEach(() => vi.restoreAllMocks());

describe('the runner protocol', () => {
  it('reads INPUT_<NAME> with hyphens kept', () => {
    const { io } = setup();
    expect(io.input('health-url')).toBe('http://x');
    expect(io.input('app')).toBe('shop');
    expect(io.input('missing')).toBe('');
  });

  it('writes outputs as heredocs the runner parses back, multi-line values included', () => {
    const { io, env } = setup();
    io.setOutput('status', 'deployed');
    io.setOutput('body', 'line 1\nline 2\nEOF');
    expect(parseOutputs(readFileSync(env.GITHUB_OUTPUT, 'utf8'))).toEqual({
      status: 'deployed',
      body: 'line 1\nline 2\nEOF',
    });
  });

  it('masks a multi-line secret line by line, and escapes workflow-command data', () => {
    const { io, written } = setup();
    io.setSecret('-----BEGIN KEY-----\nabcdef\n-----END KEY-----');
    const masks = written.filter((w) => w.startsWith('::add-mask::'));
    expect(masks).toContain('::add-mask::abcdef\n');
    expect(masks).toContain('::add-mask::-----BEGIN KEY-----%0Aabcdef%0A-----END KEY-----\n');
    io.warning('100% sure\nsecond line');
    expect(written).toContain('::warning::100%25 sure%0Asecond line\n');
  });

  it('appends the job summary', async () => {
    const { io, env } = setup();
    await io.summary('### one');
    await io.summary('### two');
    expect(readFileSync(env.GITHUB_STEP_SUMMARY, 'utf8')).toBe('### one\n### two\n');
  });

  it('groups close even when the work throws', async () => {
    const { io, written } = setup();
    await expect(io.group('phase', async () => Promise.reject(new Error('boom')))).rejects.toThrow('boom');
    expect(written).toEqual(['::group::phase\n', '::endgroup::\n']);
  });
});
