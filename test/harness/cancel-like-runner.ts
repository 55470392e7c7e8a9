import { spawn } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import { DIST, runAction } from './run-action.js';
import type { ActionRun, RunOptions } from './run-action.js';

/**
 * Cancels a process the way the GitHub runner cancels a step (actions/runner, ProcessInvoker.cs,
 * CancelAndKillProcessTree): SIGINT, then SIGTERM 7.5 s later if it still runs, then SIGKILL 2.5 s after that.
 * `sent` lists the signals that were sent, with the milliseconds from the first: a process that ended on its
 * own after SIGINT shows only that one.
 */
export interface CancelLadder {
  sent: { signal: NodeJS.Signals; afterMs: number }[];
  /** Milliseconds from SIGINT to the process's exit (undefined while it runs). */
  exitedAfterMs?: number;
}

export const SIGTERM_AFTER_MS = 7_500;
export const SIGKILL_AFTER_MS = 10_000;

export function cancelLikeRunner(child: ChildProcess): CancelLadder {
  const t0 = performance.now();
  const ladder: CancelLadder = { sent: [] };
  const running = () => child.exitCode === null && child.signalCode === null;
  const send = (signal: NodeJS.Signals) => {
    if (!running()) return;
    child.kill(signal);
    ladder.sent.push({ signal, afterMs: Math.round(performance.now() - t0) });
  };
  const term = setTimeout(() => send('SIGTERM'), SIGTERM_AFTER_MS);
  const kill = setTimeout(() => send('SIGKILL'), SIGKILL_AFTER_MS);
  child.once('exit', () => {
    clearTimeout(term);
    clearTimeout(kill);
    ladder.exitedAfterMs = Math.round(performance.now() - t0);
  });
  send('SIGINT');
  return ladder;
}

/** Fires once, the first time the text seen so far matches. */
function watchFor(when: string | RegExp, then: () => void): (chunk: string) => void {
  let seen = '';
  let fired = false;
  return (chunk) => {
    if (fired) return;
    seen += chunk;
    if (typeof when === 'string' ? seen.includes(when) : when.test(seen)) {
      fired = true;
      then();
    }
  };
}

/**
 * Runs `node dist/<action>/index.js` (as run-action.ts does) and cancels it like the runner once its stdout
 * matches `when`; `beforeCancel` runs just before the SIGINT (to change the world at that moment).
 */
export async function runAndCancel(
  action: string,
  inputs: Record<string, string | number | boolean>,
  when: string | RegExp,
  opts: RunOptions & { beforeCancel?: () => void } = {},
): Promise<ActionRun & { ladder?: CancelLadder }> {
  let child: ChildProcess | undefined;
  let ladder: CancelLadder | undefined;
  const { beforeCancel, ...runOpts } = opts;
  const onMatch = watchFor(when, () => {
    beforeCancel?.();
    ladder = cancelLikeRunner(child!);
  });
  const run = await runAction(action, inputs, {
    ...runOpts,
    onSpawn: (c) => (child = c),
    onStdout: (chunk) => {
      runOpts.onStdout?.(chunk);
      onMatch(chunk);
    },
  });
  return { ...run, ...(ladder ? { ladder } : {}) };
}

export interface CliCancelRun {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
  ladder?: CancelLadder;
}

/** Runs the CLI (`node dist/cli/index.js …`) and presses Ctrl-C (the runner's ladder) once stdout+stderr match. */
export function runCliAndCancel(
  args: string[],
  when: string | RegExp,
  opts: { cwd: string; env: Record<string, string> },
): Promise<CliCancelRun> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [join(DIST, 'cli', 'index.js'), ...args], {
      cwd: opts.cwd,
      env: opts.env,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    let ladder: CancelLadder | undefined;
    const onMatch = watchFor(when, () => (ladder = cancelLikeRunner(child)));
    child.stdout.on('data', (d: Buffer) => {
      stdout += d.toString();
      onMatch(d.toString());
    });
    child.stderr.on('data', (d: Buffer) => {
      stderr += d.toString();
      onMatch(d.toString());
    });
    child.on('close', (code, signal) =>
      resolve({ code, signal, stdout, stderr, ...(ladder ? { ladder } : {}) }),
    );
  });
}
