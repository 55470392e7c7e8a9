import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { actionsIO, failAction, isPostStep } from '../../../src/io/github-io.js';
import { runActionWithPost } from '../../../src/io/entry.js';
import { RemoteError } from '../../../src/io/errors.js';
import { parseOutputs } from '../../harness/run-action.js';

/**
 * The adapter on the real @actions/core: what it writes to the files the runner names and to stdout is read
 * back here as the runner would read it. Only stdout is captured, nothing is mocked.
 */
function setup(extra: Record<string, string> = {}) {
  const dir = mkdtempSync(join(tmpdir(), 'io-'));
  const files = {
    GITHUB_OUTPUT: join(dir, 'out'),
    GITHUB_STATE: join(dir, 'state'),
    GITHUB_STEP_SUMMARY: join(dir, 'sum'),
  };
  for (const f of Object.values(files)) writeFileSync(f, '');
  const env: Record<string, string> = {
    ...files,
    'INPUT_HEALTH-URL': 'http://x',
    INPUT_APP: 'shop',
    INPUT_KEY: '  -----BEGIN KEY-----\nabc\n-----END KEY-----\n',
    ...extra,
  };
  for (const [k, v] of Object.entries(env)) vi.stubEnv(k, v);
  const written: string[] = [];
  vi.spyOn(process.stdout, 'write').mockImplementation((s) => {
    written.push(String(s));
    return true;
  });
  const read = (f: keyof typeof files) => readFileSync(files[f], 'utf8');
  return { io: actionsIO(), read, written };
}

afterEach(() => {
  vi.restoreAllMocks();
  vi.unstubAllEnvs();
  process.exitCode = undefined;
});

describe('ActionIO on @actions/core', () => {
  it('reads INPUT_<NAME> with hyphens kept, untrimmed (a key keeps its last newline)', () => {
    const { io } = setup();
    expect(io.input('health-url')).toBe('http://x');
    expect(io.input('app')).toBe('shop');
    expect(io.input('key')).toBe('  -----BEGIN KEY-----\nabc\n-----END KEY-----\n');
    expect(io.input('missing')).toBe('');
  });

  it('writes outputs to GITHUB_OUTPUT as the runner parses them, multi-line values and numbers included', () => {
    const { io, read, written } = setup();
    io.setOutput('status', 'deployed');
    io.setOutput('body', 'line 1\nline 2\nEOF');
    io.setOutput('attempts', 3);
    io.setOutput('passed', false);
    expect(parseOutputs(read('GITHUB_OUTPUT'))).toEqual({
      status: 'deployed',
      body: 'line 1\nline 2\nEOF',
      attempts: '3',
      passed: 'false',
    });
    expect(written.join('')).not.toContain('set-output');
  });

  it('masks a multi-line secret whole and line by line, but not its short lines', () => {
    const { io, written } = setup();
    io.setSecret('-----BEGIN KEY-----\nabcdef\n}\n-----END KEY-----');
    const masks = written.filter((w) => w.startsWith('::add-mask::'));
    expect(masks).toEqual([
      '::add-mask::-----BEGIN KEY-----%0Aabcdef%0A}%0A-----END KEY-----\n',
      '::add-mask::-----BEGIN KEY-----\n',
      '::add-mask::abcdef\n',
      '::add-mask::-----END KEY-----\n',
    ]);
  });

  it('annotations carry a title, and their text is escaped', () => {
    const { io, written } = setup();
    io.warning('100% sure\nsecond line', { title: 'Host key: ignored' });
    io.notice('deployed v2');
    io.info('plain line');
    expect(written).toEqual([
      '::warning title=Host key%3A ignored::100%25 sure%0Asecond line\n',
      '::notice::deployed v2\n',
      'plain line\n',
    ]);
  });

  it('appends to the job summary, and without a summary file does nothing', async () => {
    const { io, read } = setup();
    await io.summary('### one');
    await io.summary('### two');
    expect(read('GITHUB_STEP_SUMMARY')).toBe('### one\n### two\n');
    vi.stubEnv('GITHUB_STEP_SUMMARY', '');
    await expect(io.summary('### three')).resolves.toBeUndefined();
  });

  it('state saved in the main step reaches the post step as STATE_<name>, unlogged', () => {
    const { io, read, written } = setup();
    io.saveState('registry-logout', '127.0.0.1:5000');
    expect(written).toEqual([]);
    const saved = parseOutputs(read('GITHUB_STATE'));
    expect(saved).toEqual({ 'registry-logout': '127.0.0.1:5000' });
    expect(io.getState('registry-logout')).toBe('');
    vi.stubEnv('STATE_registry-logout', saved['registry-logout']!);
    expect(io.getState('registry-logout')).toBe('127.0.0.1:5000');
  });

  it('groups close even when the work throws', async () => {
    const { io, written } = setup();
    await expect(io.group('phase', async () => Promise.reject(new Error('boom')))).rejects.toThrow('boom');
    expect(written).toEqual(['::group::phase\n', '::endgroup::\n']);
  });

  it('a failure is an error annotation and exit code 1, without stopping node', () => {
    const { written } = setup();
    failAction('gate failed: 503', { title: 'Failed in phase: gate' });
    expect(written).toEqual(['::error title=Failed in phase%3A gate::gate failed: 503\n']);
    expect(process.exitCode).toBe(1);
  });
});

describe('one bundle, two steps', () => {
  it('the main step marks its state; the runner hands it to the post step, which runs the post part', async () => {
    const { read } = setup();
    const ran: string[] = [];
    const steps = [async () => void ran.push('main'), async () => void ran.push('post')] as const;
    expect(isPostStep()).toBe(false);
    await runActionWithPost(...steps);
    for (const [name, value] of Object.entries(parseOutputs(read('GITHUB_STATE'))))
      vi.stubEnv(`STATE_${name}`, value);
    expect(isPostStep()).toBe(true);
    await runActionWithPost(...steps);
    expect(ran).toEqual(['main', 'post']);
  });

  it('an error in either step is caught once and shown with its phase', async () => {
    const { written } = setup({ STATE_isPost: 'true' });
    await runActionWithPost(
      async () => undefined,
      async () => {
        throw new RemoteError('docker logout failed', 'post');
      },
    );
    expect(written).toEqual(['::error title=Failed in phase%3A post::docker logout failed\n']);
    expect(process.exitCode).toBe(1);
  });
});
