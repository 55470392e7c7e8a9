import { redact } from './ledger.js';
import type { FlowLog } from './attempt.js';
import type { DeployStrategy } from './strategy.js';

/** At most this much of the app's logs is shown (the step log and the summary), from the end. */
export const APP_LOG_LINES = 200;
const APP_LOG_BYTES = 32 * 1024;

/** A log that may show server text fenced, so the server cannot issue workflow commands (ActionIO has it). */
type ServerTextLog = FlowLog & { remoteOutput?: () => { line(text: string): void; end(): void } };

/**
 * After a failed gate or phase: the app's own last log lines (compose `logs --tail`, or the user's
 * logs-command), with the secret inputs redacted, shown in a log group and returned for the summary.
 * Never throws: a failure to read logs must not hide the failure being reported.
 */
export async function showAppLogs(
  ctx: { log: FlowLog; secrets: string[] },
  strategy: Pick<DeployStrategy, 'logs'>,
  what: string,
): Promise<string> {
  let text = '';
  try {
    text = boundedTail(redact(await strategy.logs(), ctx.secrets));
    if (!text) return '';
    await ctx.log.group(`App logs after ${what} (last lines)`, async () => printServerText(ctx.log, text));
  } catch (e) {
    ctx.log.debug(`showing the app's logs failed: ${e instanceof Error ? e.message : String(e)}`);
  }
  return text;
}

/**
 * The one place app logs reach the step log: through ActionIO's fence for server output when the log has one,
 * else (a plain Log in tests) line by line. Server text is never printed through info() where a fence exists.
 */
export function printServerText(log: ServerTextLog, text: string): void {
  if (log.remoteOutput) {
    const out = log.remoteOutput();
    try {
      for (const line of text.split('\n')) out.line(line);
    } finally {
      out.end();
    }
    return;
  }
  for (const line of text.split('\n')) log.info(line);
}

/** The last APP_LOG_LINES lines, and no more than APP_LOG_BYTES of them. */
export function boundedTail(text: string): string {
  let lines = text.trimEnd().split('\n').slice(-APP_LOG_LINES);
  while (lines.length > 1 && Buffer.byteLength(lines.join('\n')) > APP_LOG_BYTES) lines = lines.slice(1);
  return lines.join('\n').slice(-APP_LOG_BYTES);
}

/** Logs shown for a failure that is thrown rather than returned (a failed install/migrate): kept for the report. */
const thrownWithLogs = new WeakMap<object, string>();

export function attachAppLogs(error: unknown, logs: string): void {
  if (logs && typeof error === 'object' && error !== null) thrownWithLogs.set(error, logs);
}

/** `{ logs }` for a host report when a thrown failure carried the app's logs, else nothing. */
export function appLogsOf(error: unknown): { logs?: string } {
  const logs = typeof error === 'object' && error !== null ? thrownWithLogs.get(error) : undefined;
  return logs ? { logs } : {};
}
