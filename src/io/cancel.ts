import { RemoteError } from './errors.js';

/**
 * Cancellation as the GitHub runner does it (actions/runner, ProcessInvoker.cs): SIGINT, then SIGTERM 7.5 s
 * later, then SIGKILL 2.5 s after that. A terminal's Ctrl-C is the same SIGINT. The first signal aborts the
 * run's AbortSignal: the flow stops at its next step, and a release already switched to is rolled back within
 * the grace below. The second must not cut that rollback midway, so it is only acknowledged; a third (a user
 * pressing Ctrl-C again) leaves at once, and SIGKILL is what it is.
 */
export const RUNNER_SIGTERM_AFTER_MS = 7_500;
export const RUNNER_SIGKILL_AFTER_MS = 10_000;
/**
 * How long after the first signal a rollback may still be gating: what is left before SIGKILL (1.5 s) writes
 * state.json and the ledger, frees the lock and closes the connection.
 */
export const ROLLBACK_GRACE_MS = 8_500;

/** The reason of an aborted run signal: which signal came first, and when (performance.now()). */
export class CancelRequest {
  constructor(
    readonly signal: string,
    readonly at: number,
  ) {}

  /** Milliseconds left of the rollback grace. */
  graceLeftMs(now: number = performance.now()): number {
    return this.at + ROLLBACK_GRACE_MS - now;
  }
}

/** A run stopped by a cancel before it changed anything; the phase says where the cancel found it. */
export class Cancelled extends RemoteError {
  override name = 'Cancelled';
}

/** The cancel request behind an aborted signal (undefined while the run goes on). */
export function cancelRequest(signal: AbortSignal | undefined): CancelRequest | undefined {
  return signal?.aborted && signal.reason instanceof CancelRequest ? signal.reason : undefined;
}

export interface CancelHandle {
  signal: AbortSignal;
  /** Removes the signal handlers (node's defaults come back). */
  dispose(): void;
}

/**
 * Turns SIGINT/SIGTERM into an AbortSignal for one run. `exit` is how a third signal leaves (tests pass their
 * own).
 */
export function cancelOnSignals(
  log: { warning(message: string): void },
  exit: (code: number) => void = (code) => process.exit(code),
): CancelHandle {
  const controller = new AbortController();
  let received = 0;
  const onSignal = (name: NodeJS.Signals) => {
    received++;
    if (received === 1) {
      log.warning(
        `${name} received (the run was cancelled): stopping at the next step; a release already switched to is ` +
          `rolled back to the one before within ${ROLLBACK_GRACE_MS / 1000}s, or marked interrupted in state.json`,
      );
      controller.abort(new CancelRequest(name, performance.now()));
    } else if (received === 2) {
      log.warning(`${name} received: still finishing the cancel (a rollback is not cut midway)`);
    } else {
      log.warning(
        `${name} received a third time: leaving now; state.json and the ledger may say interrupted`,
      );
      exit(130);
    }
  };
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);
  return {
    signal: controller.signal,
    dispose: () => {
      process.off('SIGINT', onSignal);
      process.off('SIGTERM', onSignal);
    },
  };
}

/**
 * Settles as `work` does, unless the signal aborts first and `onAbort` settles it (it may call neither, and the
 * work goes on deciding). The work's own rejection is always listened to. An abort before the call is not seen.
 */
export function raceAbort<T>(
  work: Promise<T>,
  signal: AbortSignal,
  onAbort: (resolve: (v: T) => void, reject: (e: Error) => void) => void,
): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const aborted = () => onAbort(resolve, reject);
    signal.addEventListener('abort', aborted, { once: true });
    work.then(
      (v) => {
        signal.removeEventListener('abort', aborted);
        resolve(v);
      },
      (e: unknown) => {
        signal.removeEventListener('abort', aborted);
        reject(e instanceof Error ? e : new Error(String(e)));
      },
    );
  });
}

/**
 * `work`, or undefined as soon as the signal aborts (the work is left to settle on its own, its rejection
 * listened to). Without a signal, just `work`.
 */
export function untilAborted<T>(work: Promise<T>, signal: AbortSignal | undefined): Promise<T | undefined> {
  if (!signal) return work;
  work.catch(() => undefined);
  if (signal.aborted) return Promise.resolve(undefined);
  return raceAbort<T | undefined>(work, signal, (resolve) => resolve(undefined));
}
