import type { ActionIO } from './action-io.js';
import { actionsIO, failAction, isPostStep } from './github-io.js';
import { describeFailure, failureAnnotation } from './errors.js';

type ActionRun = (io: ActionIO) => Promise<unknown>;

/** The one place an action's error is caught: shown once, exit code 1. */
export async function runAction(run: ActionRun): Promise<void> {
  const io = actionsIO();
  try {
    await run(io);
  } catch (e) {
    failAction(describeFailure(e), failureAnnotation(e));
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
