import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { actionsIO, failAction, isPostStep } from '../../../src/io/github-io.js';
import { runActionWithPost } from '../../../src/io/entry.js';
import { RemoteError } from '../../../src/io/errors.js';
import { parseOutputs } from '../../harness/run-action.js';
import { readAsRunner } from '../../harness/runner-commands.js';
import { WITHHELD_LINE } from '../../../src/io/secrets.js';

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

describe('server output on the runner', () => {
  const SPOOFS = [
    '::error title=x::spoofed',
    '::add-mask::foo',
    '::set-output name=status::ok',
    '::stop-commands::x',
    '::x::',
    '  ::warning::indented',
    'text ##[error]v1 syntax anywhere in a line',
    'carriage\r::notice::after a bare CR',
  ];

  it('is shown as text inside a stop-commands fence: no command of the server is honoured, ours after it are', () => {
    const { io, written } = setup();
    const out = io.remoteOutput();
    for (const l of SPOOFS) out.line(l);
    io.warning('ours, after the server spoke');
    out.line('more server output');
    out.end();
    io.notice('ours, at the end');
    const view = readAsRunner(written.join(''));
    expect(view.commands).toEqual([
      { name: 'warning', properties: {}, data: 'ours, after the server spoke' },
      { name: 'notice', properties: {}, data: 'ours, at the end' },
    ]);
    expect(view.masks).toEqual([]);
    expect(view.shown).toEqual(expect.arrayContaining([...SPOOFS.slice(0, 7), 'more server output']));
    // A new random token for each fence, never one the server printed.
    expect(view.fences).toHaveLength(2);
    for (const t of view.fences) expect(t).toMatch(/^[0-9a-f]{32}$/);
    expect(new Set(view.fences).size).toBe(2);
  });

  it('a line of ours that could read as a command is fenced too; plain text is written as is', () => {
    const { io, written } = setup();
    io.info('Waiting for the lock, held by\n::error::from-a-lock-file');
    io.info('plain');
    io.debug('ours');
    const view = readAsRunner(written.join(''));
    expect(view.commands).toEqual([{ name: 'debug', properties: {}, data: 'ours' }]);
    expect(view.shown).toContain('::error::from-a-lock-file');
    expect(view.shown).toContain('plain');
  });

  it('a failure closes an open fence, so its error annotation is honoured', () => {
    const { io, written } = setup();
    io.remoteOutput().line('::stop-commands::guess');
    failAction('migrate failed');
    expect(readAsRunner(written.join('')).commands).toEqual([
      { name: 'error', properties: {}, data: 'migrate failed' },
    ]);
  });
});

describe('env-file values and short secrets', () => {
  it("masks each KEY=value's value, quoted and unquoted, not only the lines", () => {
    const { io, written } = setup();
    io.setSecret('PORT=8000\nDATABASE_URL=postgres://app:S3cret@db/app\nAPI_KEY="k3y-quoted"\nDEBUG=1\n');
    const out = io.remoteOutput();
    out.line('connecting to postgres://app:S3cret@db/app');
    out.line('key k3y-quoted');
    out.end();
    const view = readAsRunner(written.join(''));
    expect(view.shown).toContain('connecting to ***');
    expect(view.shown).toContain('key ***');
    expect(view.masks).not.toContain('1');
  });

  // Last in this file: the short secret stays registered for the rest of the process, as the runner's masks do.
  it('never shows a secret under 4 characters: the runner cannot mask it, so its line is withheld', () => {
    const { io, written } = setup();
    io.setSecret('Zq7');
    const out = io.remoteOutput();
    out.line('ssh password is Zq7');
    out.line('an innocent line');
    out.end();
    io.info('info Zq7');
    io.warning('warning Zq7');
    failAction('error with Zq7 in its tail');
    const all = written.join('');
    expect(all).not.toContain('Zq7');
    const view = readAsRunner(all);
    expect(view.masks).toEqual([]);
    expect(view.shown).toContain('an innocent line');
    expect(view.shown.filter((l) => l === WITHHELD_LINE)).toHaveLength(2);
    expect(view.commands.map((c) => c.data)).toEqual([WITHHELD_LINE, WITHHELD_LINE]);
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
