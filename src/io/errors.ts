/**
 * Two kinds of failure reach a user. A ConfigurationError is theirs to fix (bad input, wrong host key, a
 * missing shared file): its message says what to change and is shown as is. Anything else is a fault of the
 * server, the network or this tool, shown with its phase so the user knows where it stopped.
 */
export class ConfigurationError extends Error {
  override name = 'ConfigurationError';
}

/** A failure on the far side (a remote command, the server, the network), tagged with the phase it hit. */
export class RemoteError extends Error {
  override name = 'RemoteError';
  constructor(
    message: string,
    readonly phase?: string,
  ) {
    super(message);
  }
}

/** Tags any error with the phase it happened in, once (the innermost phase wins). */
export function inPhase(phase: string, error: unknown): Error {
  if (error instanceof ConfigurationError) return error;
  if (error instanceof RemoteError && error.phase) return error;
  const message = error instanceof Error ? error.message : String(error);
  const tagged = new RemoteError(`${phase}: ${message}`, phase);
  if (error instanceof Error && error.stack) tagged.stack = error.stack;
  return tagged;
}

/** What the user sees: their error as written, ours with a hint that it is not their input. */
export function describeFailure(error: unknown): string {
  if (error instanceof ConfigurationError || error instanceof RemoteError) return error.message;
  if (error instanceof Error) return `unexpected error (please report it): ${error.stack ?? error.message}`;
  return `unexpected error (please report it): ${String(error)}`;
}

/** An error's message, whatever was thrown. */
export function errText(e: unknown): string {
  return e instanceof Error ? e.message : String(e);
}

/** The last lines of a command's output, for error messages (empty when there is none). */
export function tailOf(text: string, lines = 15): string {
  const t = text.trimEnd().split('\n').slice(-lines).join('\n');
  return t ? `:\n${t}` : '';
}

/** The error of a remote command that exited non-zero: what it was doing, its exit, the tail of its output. */
export function commandFailed(
  what: string,
  r: { code: number; signal?: string; stdout: string; stderr: string },
): RemoteError {
  return new RemoteError(`${what} failed (exit ${r.signal ?? r.code})${tailOf(r.stderr || r.stdout)}`);
}

/** The annotation's heading for a failure: where it stopped, when that is known. */
export function failureAnnotation(error: unknown): { title?: string } {
  return error instanceof RemoteError && error.phase ? { title: `Failed in phase: ${error.phase}` } : {};
}
