import type { RemoteShell } from '../ssh/remote-shell.js';
import { userCommand } from '../ssh/quote.js';
import type { HealthCheck } from './checks.js';
import type { ProbeResult } from './probe.js';

/** Exit status of coreutils `timeout` when the command ran out of time. */
const TIMED_OUT = 124;
/** What a probe waits beyond its own limit for the server to report the command's end before giving up on it. */
const GRACE_MS = 2000;

/**
 * A health-command line as a probe: run on the server in a login shell (as restart-command runs), exit 0 passes
 * (`ok`), any other exit is `unhealthy`. The request timeout applies through `timeout(1)` on the server where it
 * exists, so a hung check (`celery inspect ping` with no broker) is killed rather than left running.
 */
export function commandProbeText(command: string, timeoutMs: number, cwd?: string): string {
  const inner = userCommand(command, cwd ? { cwd } : {});
  const seconds = (Math.max(timeoutMs, 100) / 1000).toFixed(3);
  return `if command -v timeout >/dev/null 2>&1; then timeout -k 2 ${seconds} ${inner}; else ${inner}; fi`;
}

/** The verdict of one run of a health command. Pure. */
export function commandVerdict(
  r: { code: number; signal?: string; stdout: string; stderr: string },
  timeoutMs: number,
  latencyMs: number,
): ProbeResult {
  const body = (r.stdout + (r.stderr ? `\n${r.stderr}` : '')).trim().slice(0, 2048);
  if (r.code === 0 && !r.signal) return { verdict: 'ok', latencyMs, body };
  const last = lastLine(r.stderr) || lastLine(r.stdout);
  if (r.code === TIMED_OUT) {
    return { verdict: 'unreachable', latencyMs, body, error: `no exit within ${timeoutMs} ms` };
  }
  return {
    verdict: 'unhealthy',
    latencyMs,
    body,
    error: `exit ${r.signal ?? r.code}${last ? `: ${last}` : ''}`,
  };
}

/** Runs one health-command line on the server. Never throws for the command's sake; a lost connection does. */
export async function probeCommand(
  conn: Pick<RemoteShell, 'exec'>,
  command: string,
  timeoutMs: number,
  cwd?: string,
): Promise<ProbeResult> {
  const started = performance.now();
  const elapsed = () => Math.round(performance.now() - started);
  let timer: NodeJS.Timeout | undefined;
  const hung = new Promise<ProbeResult>((resolve) => {
    timer = setTimeout(
      () =>
        resolve({
          verdict: 'unreachable',
          latencyMs: elapsed(),
          body: '',
          error: `no exit within ${timeoutMs} ms (the server has no timeout command to stop it)`,
        }),
      timeoutMs + GRACE_MS,
    );
  });
  const ran = conn
    .exec(commandProbeText(command, timeoutMs, cwd), { log: false, maxStdout: 64 * 1024 })
    .then((r) => commandVerdict(r, timeoutMs, elapsed()));
  try {
    return await Promise.race([ran, hung]);
  } finally {
    clearTimeout(timer);
  }
}

function lastLine(text: string): string {
  return text.trimEnd().split('\n').pop()?.trim().slice(0, 300) ?? '';
}

/** A health-command line as a gate check, run over `conn` in the login shell's directory (the user's home). */
export function commandCheck(conn: Pick<RemoteShell, 'exec'>, command: string): HealthCheck {
  return { label: command, kind: 'command', probe: (timeoutMs) => probeCommand(conn, command, timeoutMs) };
}
