import { posix } from 'node:path';
import { sh } from '../../ssh/quote.js';
import { RELEASES } from './layout.js';

/**
 * The remote command text of release directories under `switch: blue-green` (docs/blue-green.md): one slot link
 * per port, `<app-dir>/slots/<port>` -> `../releases/<tag>`, the working directory of the template unit
 * `<app>@<port>` that init writes. Pure, through the quoting module; tested as exact strings and under /bin/sh
 * with hostile app dirs (test/unit/strategies/release-dirs/blue-green-commands.test.ts).
 */
export const SLOTS = 'slots';

/** Absolute path of the slot link of `port`. */
export function slotPath(appDir: string, port: number): string {
  return posix.join(appDir, SLOTS, String(port));
}

/** What a slot link holds for `tag`: relative, so the layout survives a move of app-dir. */
export function slotTarget(tag: string): string {
  return `../${RELEASES}/${tag}`;
}

/**
 * Points slots/<port> at releases/<tag> in one rename(2) (a temporary link, then `mv -T` over the slot), as
 * `current` is switched: the unit's working directory is never missing.
 */
export function linkSlotCommand(appDir: string, port: number, tag: string, tmpSuffix: string): string {
  const tmp = `.${port}.tmp-${tmpSuffix}`;
  return (
    sh`cd ${appDir} && mkdir -p -- ${SLOTS} && cd ${SLOTS} && ln -s -- ${slotTarget(tag)} ${tmp} && ` +
    sh`{ mv -T -- ${tmp} ${String(port)} || { rc=$?; rm -f -- ${tmp}; exit $rc; }; }`
  );
}

/** Prints `<port><TAB><target>` for each slot link (nothing when there is no slots/ dir). */
export function listSlotsCommand(appDir: string): string {
  return (
    sh`cd ${posix.join(appDir, SLOTS)} 2>/dev/null || exit 0; ` +
    `for l in *; do [ -L "$l" ] || continue; printf '%s\\t%s\\n' "$l" "$(readlink -- "$l")"; done`
  );
}

/** Removes the slot link of `port` (not what it points at). */
export function unlinkSlotCommand(appDir: string, port: number): string {
  return sh`rm -f -- ${slotPath(appDir, port)}`;
}

/** The slot links as listed by listSlotsCommand: port -> release tag (links that name no release are skipped). */
export function parseSlots(text: string): Map<number, string> {
  const out = new Map<number, string>();
  for (const line of text.split('\n')) {
    const [port, target] = line.split('\t');
    const tag = /^(?:\.\.\/)?releases\/([^/]+)\/?$/.exec(target ?? '')?.[1];
    if (port && /^\d+$/.test(port) && tag) out.set(Number(port), tag);
  }
  return out;
}

/** The environment start-command and stop-command lines get: the slot's port and its release. */
export function slotEnv(port: number, releaseDir: string): Record<string, string> {
  return { APP_PORT: String(port), RELEASE_DIR: releaseDir };
}
