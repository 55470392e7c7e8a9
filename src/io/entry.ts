import type { ActionIO } from './action-io.js';
import { actionsIO, failAction, isPostStep } from './github-io.js';
import { cancelOnSignals } from './cancel.js';
import { describeFailure, failureAnnotation } from './errors.js';

/** One run of an action; `signal` aborts when the runner cancels it (SIGINT, then SIGTERM: src/io/cancel.ts). */
type ActionRun = (io: ActionIO, signal: AbortSignal) => Promise<unknown>;

/**
 * A promise that rejected with nobody listening is a bug in vps-deploy (every failure is meant to reach the catch
 * below): node would end the process with a bare stack trace, in the middle of a deploy, with its lock, ledger and
 * summary left as they were. Shown instead as a bug, and the step fails (exit code 1) while the run goes on to
 * clean up: the rejected promise is one nobody waits for, so the flow itself is not stopped by it.
 */
export function reportUnhandledRejection(reason: unknown): void {
  const what = reason instanceof Error ? (reason.stack ?? reason.message) : String(reason);
  failAction(`unexpected error (please report it): a promise was rejected with nobody listening: ${what}`);
}

/** The one place an action's error is caught: shown once, exit code 1. */
export async function runAction(run: ActionRun): Promise<void> {
  if (!process.listeners('unhandledRejection').includes(reportUnhandledRejection))
    process.on('unhandledRejection', reportUnhandledRejection);
  const io = actionsIO();
  const cancel = cancelOnSignals(io);
  try {
    await run(io, cancel.signal);
  } catch (e) {
    failAction(describeFailure(e), failureAnnotation(e));
  } finally {
    cancel.dispose();
  }
}

/**
 * An action with a `post:` step that runs the same bundle (as actions/checkout does): the main step leaves a
 * mark in its state, and the runner hands that state back only to the post step.
 */
export async function runActionWithPost(main: ActionRun, post: ActionRun): Promise<void> {
  if (isPostStep()) return runAction(post);
  actionsIO().saveState('isPost', 'true');
  return runAction(main);
}
