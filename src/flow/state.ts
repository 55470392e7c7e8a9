import type { RemoteShell } from '../ssh/remote-shell.js';
import { sh } from '../ssh/quote.js';
import type { StrategyName } from './strategy.js';

/**
 * `<app-dir>/.vps-deploy/state.json`: what runs now and what a rollback returns to. `previous` is the most
 * recent release that passed its gate and is not `current` (docs/server-layout.md, "state.json"); `current` only ever names a release that
 * passed its gate, so a failed deploy leaves the state as it was.
 */
export interface DeployState {
  current: string | null;
  previous: string | null;
  strategy: StrategyName;
  updatedAt?: string;
  /** Set by a cancelled attempt that could not bring back `current` in its grace (docs/faults.md, Cancellation). */
  interrupted?: InterruptedMark;
}

/** What may be serving instead of `current`: `tag` was activated, `restoring` was being brought back. */
export interface InterruptedMark {
  tag: string;
  restoring: string | null;
  phase: string;
  since: string;
  runUrl: string;
}

export const STATE_DIR = '.vps-deploy';

export function stateDir(appDir: string): string {
  return `${appDir}/${STATE_DIR}`;
}

export function emptyState(strategy: StrategyName): DeployState {
  return { current: null, previous: null, strategy };
}

/** Parses state.json; absent or unreadable content is "nothing deployed yet". */
export function parseState(text: string, fallback: StrategyName): DeployState {
  try {
    const v = JSON.parse(text) as Partial<DeployState>;
    const str = (x: unknown) => (typeof x === 'string' && x ? x : null);
    const strategy = v.strategy === 'release' || v.strategy === 'compose' ? v.strategy : fallback;
    const mark = v.interrupted && typeof v.interrupted.tag === 'string' ? { interrupted: v.interrupted } : {};
    return { current: str(v.current), previous: str(v.previous), strategy, ...mark };
  } catch {
    return emptyState(fallback);
  }
}

/** `tag` passed its gate and is now current: the old current becomes previous (unless it is the same tag). */
export function promoted(
  state: DeployState,
  tag: string,
  strategy: StrategyName = state.strategy,
): DeployState {
  const previous =
    state.current && state.current !== tag ? state.current : state.previous !== tag ? state.previous : null;
  return { current: tag, previous, strategy };
}

export async function readState(
  conn: RemoteShell,
  appDir: string,
  fallback: StrategyName,
): Promise<DeployState> {
  const r = await conn.exec(sh`cat ${`${stateDir(appDir)}/state.json`} 2>/dev/null || true`, { log: false });
  return parseState(r.stdout, fallback);
}

/** Written atomically: SFTP to a temp name, then rename over state.json. */
export async function writeState(conn: RemoteShell, appDir: string, state: DeployState): Promise<void> {
  const body = JSON.stringify({ ...state, updatedAt: new Date().toISOString() }, null, 2) + '\n';
  await conn.upload(body, `${stateDir(appDir)}/state.json`, 0o644);
}
