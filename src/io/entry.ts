import type { ActionIO } from './action-io.js';
import { actionsIO, failAction } from './github-io.js';
import { describeFailure } from './errors.js';

/** The one place an action's error is caught: shown once, exit code 1. */
export async function runAction(run: (io: ActionIO) => Promise<unknown>): Promise<void> {
  const io = actionsIO();
  try {
    await run(io);
  } catch (e) {
    failAction(describeFailure(e));
  }
}
