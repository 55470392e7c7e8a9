import { raw, sh } from './quote.js';

/**
 * Which Docker Compose a server has, as shell text: v2 (the docker plugin) is preferred, v1 (`docker-compose`)
 * is the fallback. The compose strategy asks once and runs the answer; backup scripts carry a `dc` function.
 * Both build on this one test, so they can never disagree on the order or the words.
 */
export type ComposeCli = readonly string[];

export const COMPOSE_V2: ComposeCli = ['docker', 'compose'];
export const COMPOSE_V1: ComposeCli = ['docker-compose'];

/** What a user reads when the server has no Compose at all, from a deploy or a backup alike. */
export const NO_COMPOSE =
  'the server has neither `docker compose` (v2) nor `docker-compose` (v1): install Docker Compose';

/** `if <v2 answers>; then <v2>; elif <v1 on PATH>; then <v1>; else <none>; fi`: each branch is our shell text. */
export function byComposeVersion(branches: { v2: string; v1: string; none: string }): string {
  return (
    sh`if ${COMPOSE_V2} version >/dev/null 2>&1; then ${raw(branches.v2)}; ` +
    sh`elif command -v ${COMPOSE_V1} >/dev/null 2>&1; then ${raw(branches.v1)}; else ${raw(branches.none)}; fi`
  );
}

/** Prints `v2`, `v1` or `none`; chooseCompose reads the answer. */
export const DETECT_COMPOSE = byComposeVersion({ v2: 'echo v2', v1: 'echo v1', none: 'echo none' });

/** The Compose CLI named by DETECT_COMPOSE's output (its last line: a login banner may come first). */
export function chooseCompose(detected: string): ComposeCli | undefined {
  const word = detected.trim().split('\n').pop();
  if (word === 'v2') return COMPOSE_V2;
  if (word === 'v1') return COMPOSE_V1;
  return undefined;
}
