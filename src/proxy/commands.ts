import { sh, userCommand } from '../ssh/quote.js';
import type { UpstreamKind } from './upstream.js';

/**
 * The remote command text of the proxy switch, built through the quoting module. Pure: tested as exact strings
 * and under /bin/sh against hostile paths (test/unit/proxy/commands.test.ts).
 */

/**
 * The graceful reload when proxy-reload-command is empty. Caddy's reload goes through its admin API, which must
 * listen on loopback (Caddy's default, localhost:2019); nginx needs the sudoers line of docs/blue-green.md.
 */
export const DEFAULT_RELOAD: Record<UpstreamKind, string> = {
  caddy: 'caddy reload --config /etc/caddy/Caddyfile --adapter caddyfile',
  nginx: 'sudo nginx -t && sudo nginx -s reload',
};

/** The user's (or the default) reload command, run by a login shell with APP_PORT set to the port now served. */
export function reloadCommand(kind: UpstreamKind | 'command', command: string, port: number): string {
  const text = command || (kind === 'command' ? '' : DEFAULT_RELOAD[kind]);
  if (!text) throw new Error('proxy: command needs a proxy-reload-command');
  return userCommand(text, { env: { APP_PORT: String(port) } });
}

/** Marks a file that exists: what follows the marker line is its content (absent file: no output at all). */
export const PRESENT = 'vps-deploy:present';

/** Prints PRESENT and the file's content, or nothing when there is no such file. */
export function readFileCommand(path: string): string {
  return sh`if [ -e ${path} ]; then printf '%s\\n' ${PRESENT} && cat -- ${path}; fi`;
}

/** The content readFileCommand printed: undefined for no file. */
export function parseReadFile(stdout: string): string | undefined {
  if (!stdout.startsWith(`${PRESENT}\n`)) return undefined;
  return stdout.slice(PRESENT.length + 1);
}

/**
 * Writes `content` to `path` atomically: a temp file beside it, then mv (rename(2) in one directory), so the
 * proxy reads the old or the new line, never half of one. The directory must exist: a path the proxy config
 * does not include would make the switch a silent no-op.
 */
export function writeFileCommand(path: string, content: string): string {
  return (
    sh`f=${path}; d=$(dirname -- "$f"; echo .); d=\${d%??}; ` +
    sh`[ -d "$d" ] || { printf 'the directory of %s does not exist: create it, and include the file in the proxy config\\n' "$f" >&2; exit 1; }; ` +
    sh`[ ! -d "$f" ] || { printf '%s is a directory, not an upstream file\\n' "$f" >&2; exit 1; }; ` +
    sh`tmp="$f.vps-deploy-$$"; ` +
    sh`if printf '%s' ${content} >"$tmp" && chmod 644 "$tmp" && mv -f -- "$tmp" "$f"; then :; else rm -f -- "$tmp"; exit 1; fi`
  );
}

/** Removes a file this deploy created (putting back "no file"). */
export function removeFileCommand(path: string): string {
  return sh`rm -f -- ${path}`;
}

/** Where a proxy-config is uploaded to be checked: beside its target (relative imports resolve the same), hidden. */
export function candidatePath(path: string): string {
  const slash = path.lastIndexOf('/');
  return `${path.slice(0, slash + 1)}.${path.slice(slash + 1)}.vps-deploy-check`;
}

/** Paths in nginx config text: double-quoted with `"`, `\` and `$` escaped. */
function nginxString(path: string): string {
  return `"${path.replace(/["\\$]/g, '\\$&')}"`;
}

/**
 * The nginx main config that checks a server block on its own: temp paths and pid under the prefix (a temp dir),
 * no access log of nginx's own, the candidate included in `http`. Its `upstream` blocks must be in it.
 */
export function nginxCheckConfig(candidate: string): string {
  return [
    'pid nginx.pid;',
    'events {}',
    'http {',
    '  access_log off;',
    ...['client_body', 'proxy', 'fastcgi', 'uwsgi', 'scgi'].map((t) => `  ${t}_temp_path ${t}_temp;`),
    `  include ${nginxString(candidate)};`,
    '}',
    '',
  ].join('\n');
}

/**
 * Validates an uploaded proxy-config without touching the live one, printing the validator's output:
 * Caddy: `caddy validate` of the file as a Caddyfile; nginx: `nginx -t` of a throwaway main config that
 * includes it (through `sudo -n` when the deploy user may run nginx so, as the documented sudoers line allows).
 */
export function validateConfigCommand(kind: UpstreamKind, candidate: string): string {
  if (kind === 'caddy') return sh`caddy validate --config ${candidate} --adapter caddyfile 2>&1`;
  return (
    `w=$(mktemp -d) || exit 1; trap 'rm -rf -- "$w"' EXIT; ` +
    sh`printf '%s' ${nginxCheckConfig(candidate)} >"$w/nginx.conf" || exit 1; ` +
    // /usr/sbin is not on a non-root SSH session's PATH (sudo has its own secure_path).
    `if [ "$(id -u)" != 0 ] && sudo -n -l nginx -t >/dev/null 2>&1; then n='sudo -n nginx'; ` +
    `else n=$(command -v nginx || echo /usr/sbin/nginx); fi; ` +
    `$n -t -q -e stderr -p "$w/" -c "$w/nginx.conf" 2>&1`
  );
}
