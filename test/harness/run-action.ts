import { spawn } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export const ROOT = new URL('../..', import.meta.url).pathname;
/**
 * The bundles suites run: dist/, or VPS_DEPLOY_TEST_DIST (another commit's dist/ to show a test failed before its
 * fix, or a private build: `DIST_DIR=/tmp/d npm run bundle` then `VPS_DEPLOY_TEST_DIST=/tmp/d`).
 */
export const DIST = process.env.VPS_DEPLOY_TEST_DIST ?? join(ROOT, 'dist');

export interface ActionRun {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
  outputs: Record<string, string>;
  /** What the step saved for its post step (GITHUB_STATE), by name. */
  state: Record<string, string>;
  summary: string;
  /** Everything the step printed or wrote: to check that a secret appears nowhere. */
  everything: string;
}

export interface RunOptions {
  env?: Record<string, string>;
  /** Kill the action (SIGKILL) once its stdout contains this text. */
  killWhen?: string | RegExp;
  timeoutMs?: number;
  cwd?: string;
  onStdout?: (chunk: string) => void;
  /** Run as the action's post step: the runner hands the main step's state over as STATE_<name> variables. */
  state?: Record<string, string>;
  /** Called with the action's process once started (to send it signals: test/harness/cancel-like-runner.ts). */
  onSpawn?: (child: ChildProcess) => void;
}

/**
 * Runs `node dist/<action>/index.js` the way the GitHub runner does: inputs as INPUT_<NAME> (upper case,
 * hyphens kept), GITHUB_OUTPUT / GITHUB_STEP_SUMMARY / GITHUB_STATE files, and the run's GITHUB_* facts.
 */
export function runAction(
  action: string,
  inputs: Record<string, string | number | boolean>,
  opts: RunOptions = {},
): Promise<ActionRun> {
  const dir = mkdtempSync(join(tmpdir(), `run-${action}-`));
  const files = {
    GITHUB_OUTPUT: join(dir, 'output'),
    GITHUB_STEP_SUMMARY: join(dir, 'summary'),
    GITHUB_STATE: join(dir, 'state'),
  };
  for (const f of Object.values(files)) writeFileSync(f, '');
  const env: Record<string, string> = {
    PATH: process.env.PATH ?? '/usr/bin:/bin',
    HOME: process.env.HOME ?? '/root',
    GITHUB_ACTIONS: 'true',
    GITHUB_REPOSITORY: 'acme/shop',
    GITHUB_REF: 'refs/heads/main',
    GITHUB_SHA: '0123456789abcdef0123456789abcdef01234567',
    GITHUB_RUN_ID: '4242',
    GITHUB_ACTOR: 'octocat',
    GITHUB_SERVER_URL: 'https://github.com',
    GITHUB_API_URL: 'http://127.0.0.1:9', // nothing there: suites that need the API pass their recorder
    GITHUB_WORKSPACE: opts.cwd ?? dir,
    RUNNER_TEMP: dir,
    ...files,
    ...opts.env,
  };
  for (const [k, v] of Object.entries(inputs)) env[`INPUT_${k.toUpperCase()}`] = String(v);
  for (const [k, v] of Object.entries(opts.state ?? {})) env[`STATE_${k}`] = v;
  const entry = join(DIST, action, 'index.js');
  if (!existsSync(entry)) throw new Error(`${entry} does not exist: run npm run bundle`);
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [entry], {
      env,
      cwd: opts.cwd ?? dir,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    opts.onSpawn?.(child);
    let stdout = '';
    let stderr = '';
    const timer = setTimeout(() => child.kill('SIGKILL'), opts.timeoutMs ?? 200_000);
    child.stdout.on('data', (d: Buffer) => {
      stdout += d.toString();
      opts.onStdout?.(d.toString());
      if (
        opts.killWhen &&
        (typeof opts.killWhen === 'string' ? stdout.includes(opts.killWhen) : opts.killWhen.test(stdout))
      ) {
        child.kill('SIGKILL');
      }
    });
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      const outputs = parseOutputs(readFileSync(files.GITHUB_OUTPUT, 'utf8'));
      const state = parseOutputs(readFileSync(files.GITHUB_STATE, 'utf8'));
      const summary = readFileSync(files.GITHUB_STEP_SUMMARY, 'utf8');
      resolve({
        code,
        signal,
        stdout,
        stderr,
        outputs,
        state,
        summary,
        everything: [stdout, stderr, summary, JSON.stringify(outputs)].join('\n'),
      });
    });
  });
}

/**
 * Runs an action's post step (action.yml `post:`) after its main step `main`, as the runner does: the same
 * bundle, inputs and environment, with main's GITHUB_STATE entries as STATE_<name> variables.
 */
export function runPostStep(
  action: string,
  inputs: Record<string, string | number | boolean>,
  main: ActionRun,
  opts: RunOptions = {},
): Promise<ActionRun> {
  return runAction(action, inputs, { ...opts, state: main.state });
}

/** Parses the GITHUB_OUTPUT and GITHUB_STATE files (`name<<delimiter` blocks and `name=value` lines). */
export function parseOutputs(text: string): Record<string, string> {
  const out: Record<string, string> = {};
  const lines = text.split('\n');
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!;
    const heredoc = /^([^=<]+)<<(.+)$/.exec(line);
    if (heredoc) {
      const [, name, delim] = heredoc;
      const value: string[] = [];
      while (++i < lines.length && lines[i] !== delim) value.push(lines[i]!);
      out[name!] = value.join('\n');
    } else if (line.includes('=')) {
      out[line.slice(0, line.indexOf('='))] = line.slice(line.indexOf('=') + 1);
    }
  }
  return out;
}

/** SSH inputs for a test server, trusted by fingerprint. */
export function sshInputs(s: {
  host: string;
  port: number;
  user: string;
  clientKey: string;
  fingerprint: string;
}) {
  return {
    host: s.host,
    port: s.port,
    username: s.user,
    key: s.clientKey,
    'host-fingerprint': s.fingerprint,
  };
}
