import type { RemoteShell } from '../ssh/remote-shell.js';
import { sh } from '../ssh/quote.js';
import { ConfigurationError, RemoteError } from '../io/errors.js';
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
  /** switch: blue-green: the loopback port `current` serves on (the proxy's upstream file names it too). */
  port?: number;
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

/**
 * Parses state.json's content. Content that is not a state (torn, empty, wrong types) is an error saying how to
 * repair it: read as "nothing deployed" it would leave the next deploy without a previous release to roll back
 * to. An unknown `strategy` reads as `fallback`.
 */
export function parseState(
  text: string,
  fallback: StrategyName,
  path = `${STATE_DIR}/state.json`,
): DeployState {
  let v: Partial<DeployState>;
  try {
    v = JSON.parse(text) as Partial<DeployState>;
  } catch (e) {
    throw corruptState(path, fallback, text.trim() ? `not JSON: ${(e as Error).message}` : 'empty');
  }
  if (!v || typeof v !== 'object' || Array.isArray(v))
    throw corruptState(path, fallback, 'not a JSON object');
  for (const key of ['current', 'previous'] as const) {
    if (v[key] !== undefined && v[key] !== null && typeof v[key] !== 'string')
      throw corruptState(path, fallback, `"${key}" is ${JSON.stringify(v[key])}, not a tag or null`);
  }
  const str = (x: unknown) => (typeof x === 'string' && x ? x : null);
  const strategy =
    v.strategy === 'release' || v.strategy === 'compose' || v.strategy === 'swarm' ? v.strategy : fallback;
  const mark = v.interrupted && typeof v.interrupted.tag === 'string' ? { interrupted: v.interrupted } : {};
  const port = Number.isInteger(v.port) && v.port! > 0 && v.port! < 65536 ? { port: v.port! } : {};
  return { current: str(v.current), previous: str(v.previous), strategy, ...port, ...mark };
}

function corruptState(path: string, strategy: StrategyName, why: string): ConfigurationError {
  const ledger = path.replace(/state\.json$/, 'releases.jsonl');
  return new ConfigurationError(
    `${path} cannot be read (${why}). It says which release is current and which one a rollback returns to, ` +
      `so nothing was changed rather than guess. Repair it on the server: write ` +
      `{"current":"<tag>","previous":"<tag>","strategy":"${strategy}"} (null where there is none; the last ` +
      `lines of ${ledger} with outcome "deployed" or "rolled-back" name the tags), or remove it to start over ` +
      `as if nothing had been deployed (the next deploy then has no previous release to roll back to)`,
  );
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
  const path = `${stateDir(appDir)}/state.json`;
  // Exit 3: no file, nothing deployed yet. Any other failure to read it is not that.
  const r = await conn.exec(sh`if [ -e ${path} ]; then cat -- ${path}; else exit 3; fi`, { log: false });
  if (r.code === 3) return emptyState(fallback);
  if (r.code !== 0)
    throw new RemoteError(`reading ${path} failed (exit ${r.code}): ${r.stderr.trim() || 'no message'}`);
  return parseState(r.stdout, fallback, path);
}

/** Written atomically: SFTP to a temp name, then rename over state.json. */
export async function writeState(conn: RemoteShell, appDir: string, state: DeployState): Promise<void> {
  const body = JSON.stringify({ ...state, updatedAt: new Date().toISOString() }, null, 2) + '\n';
  await conn.upload(body, `${stateDir(appDir)}/state.json`, 0o644);
}
