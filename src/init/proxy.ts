import { sh } from '../ssh/quote.js';
import type { ProxySettings } from './settings.js';
import { ensureFileText } from './script.js';
import { upstreamLine } from '../proxy/upstream.js';

export { upstreamLine, upstreamPort } from '../proxy/upstream.js';

/**
 * The proxy site in front of the app. The site includes a one-line upstream file under `<app-dir>/proxy/` that
 * the deploy user owns, so a blue-green switch rewrites that line and reloads the proxy without root:
 *   Caddy: the site `import`s it, and it holds `reverse_proxy 127.0.0.1:<port>`;
 *   nginx: `upstream <app> { include …; }`, and it holds `server 127.0.0.1:<port>;`.
 * The site is validated (`caddy validate`, `nginx -t`) with the site in place before the proxy reloads; a site
 * the proxy refuses is taken back out. Pure text builders; the upstream line itself is src/proxy/upstream.ts.
 */
/** nginx's listen port and server_name from a Caddy-style site address (`shop.example.com`, `:8080`). */
export function nginxListen(address: string): { port: number; serverName: string } {
  const m = /^(?:(https?):\/\/)?([^:/]*)(?::(\d+))?$/.exec(address)!;
  return {
    port: m[3] ? Number(m[3]) : m[1] === 'https' ? 443 : 80,
    serverName: m[2] || '_',
  };
}

export function siteContent(app: string, p: ProxySettings): string {
  const head = `# Written by vps-deploy init for ${app}: a later init run rewrites it.`;
  if (p.kind === 'caddy') {
    return [head, `${p.siteAddress} {`, `\timport ${caddyPath(p.upstreamPath)}`, '}', ''].join('\n');
  }
  const { port, serverName } = nginxListen(p.siteAddress);
  // `Connection: upgrade` only when the client asked for one (a websocket): sent on every request, uvicorn's h11
  // answers 400 "Unsupported upgrade request.". The site sits in nginx's http block, where a map may go; its
  // variable is the app's, so two apps' sites do not define the same one.
  const connection = `$vps_deploy_connection_${app.replace(/-/g, '_')}`;
  return [
    head,
    `map $http_upgrade ${connection} {`,
    '    default upgrade;',
    "    '' close;",
    '}',
    `upstream ${app} {`,
    `    include ${nginxPath(p.upstreamPath)};`,
    '}',
    'server {',
    // An IP address (127.0.0.1:8080) is where the site listens; a host name only selects the server block.
    `    listen ${/^\d{1,3}(\.\d{1,3}){3}$/.test(serverName) ? `${serverName}:${port}` : port};`,
    `    server_name ${serverName};`,
    '    location / {',
    `        proxy_pass http://${app};`,
    '        proxy_http_version 1.1;',
    '        proxy_set_header Host $host;',
    '        proxy_set_header X-Real-IP $remote_addr;',
    '        proxy_set_header X-Forwarded-For $proxy_add_x_forwarded_for;',
    '        proxy_set_header X-Forwarded-Proto $scheme;',
    '        proxy_set_header Upgrade $http_upgrade;',
    `        proxy_set_header Connection ${connection};`,
    '    }',
    '}',
    '',
  ].join('\n');
}

/** Paths in a Caddyfile or nginx.conf: quoted when they hold a space or a quote. */
function caddyPath(path: string): string {
  return /^[^\s"'{}#]+$/.test(path) ? path : `"${path.replace(/["\\]/g, '\\$&')}"`;
}
function nginxPath(path: string): string {
  return /^[^\s"';{}#$]+$/.test(path) ? path : `"${path.replace(/["\\$]/g, '\\$&')}"`;
}

/** Caddy reads the site only when its main config imports it: this line, added once. */
export function caddyImportLine(p: ProxySettings): string {
  return `import ${caddyPath(p.sitePath)}`;
}

/** The command that checks the whole proxy config with the site in place. */
export function validateCommand(p: ProxySettings): string {
  return p.kind === 'caddy'
    ? sh`caddy validate --config ${p.configPath} --adapter caddyfile`
    : sh`nginx -t -q -c ${p.configPath}`;
}

/**
 * nginx has no import line of ours: the site counts only when the main config already includes it (conf.d/*.conf,
 * sites-enabled/*). `nginx -T` prints every file it read under `# configuration file <path>:`, so a site nginx
 * would silently ignore is refused here instead of leaving the proxy serving without it.
 */
function includedCheck(p: ProxySettings): string {
  if (p.kind !== 'nginx') return '';
  const marker = `# configuration file ${p.sitePath}:`;
  const message =
    `nginx does not read the site ${p.sitePath}: ${p.configPath} includes no file of that name ` +
    '(add an include of its directory to its http block), so the site was taken back out';
  return `  if ! ${sh`nginx -T -q -c ${p.configPath}`} 2>/dev/null | grep -qxF ${sh`${marker}`}; then
    put_back
    fail ${sh`${message}`}
  fi`;
}

/**
 * The upstream file: created (owned by the deploy user, who rewrites it on a switch) with the first port when
 * missing; left as it is when it already names one of the app's ports (a switch may have moved it).
 */
export function upstreamStepText(
  p: ProxySettings,
  deployUser: string,
  group: string,
  ports: number[],
): string {
  const known = ports.map((port) => upstreamLine(p.kind, port));
  const keep = `{ [ -f "$f" ] && grep -qxF -e ${sh`${known.join('\n')}`} "$f"; }`;
  return ensureFileText(
    { path: p.upstreamPath, mode: 0o644, owner: deployUser, group },
    // A switched upstream keeps its content; anything else is rewritten with the first port.
    { keepContent: false, validate: `if ${keep}; then cp -p -- "$f" "$tmp"; fi` },
  );
}

/**
 * The site step: the site file (and for Caddy the import line in the main config) installed when different, the
 * whole config validated, and the proxy reloaded; on a refused config both are put back as they were.
 */
export function siteStepText(p: ProxySettings, systemctl: string): string {
  const importLine = caddyImportLine(p);
  const site = ensureFileText(
    { path: p.sitePath, mode: 0o644, owner: 'root', group: 'root' },
    { validate: '[ -z "$st" ] || [ ! -e "$f" ] || [ "$DRY" = 1 ] || cp -p -- "$f" "$f.vps-deploy-old"' },
  );
  const addImport =
    p.kind === 'caddy'
      ? `conf=${sh`${p.configPath}`}
if [ -f "$conf" ] && grep -qxF ${sh`${importLine}`} "$conf"; then mark unchanged "$conf"
else
  if [ "$DRY" = 0 ]; then
    [ ! -e "$conf" ] || cp -p -- "$conf" "$conf.vps-deploy-old"
    mkdir -p -- "$(dirname -- "$conf")"
    printf '\\n# Added by vps-deploy init: the site of %s\\n%s\\n' ${sh`${p.sitePath} ${importLine}`} >>"$conf"
  fi
  import_changed=1; mark updated "$conf"
fi`
      : 'conf=';
  return `command -v ${p.kind} >/dev/null 2>&1 || fail "${p.kind} not found: install it (apt-get install -y ${p.kind}) or run init with install: true"
import_changed=
${site}
site_changed=$st
${addImport}
put_back() {
  if [ -e "$f.vps-deploy-old" ]; then mv -f -- "$f.vps-deploy-old" "$f"; elif [ "$site_changed" = created ]; then rm -f -- "$f"; fi
  if [ -n "$conf" ] && [ -e "$conf.vps-deploy-old" ]; then mv -f -- "$conf.vps-deploy-old" "$conf"; fi
}
if [ "$DRY" = 0 ] && [ -n "$site_changed$import_changed" ]; then
  if ! out=$(${validateCommand(p)} 2>&1); then
    printf '%s\\n' "$out" >&2
    put_back
    fail "${p.kind} refused its config with the new site $f (above): the site was taken back out and ${p.kind} not reloaded"
  fi
${includedCheck(p)}
  rm -f -- "$f.vps-deploy-old" \${conf:+"$conf.vps-deploy-old"}
  if ${sh`${systemctl} is-active --quiet ${p.service}`}; then
    ${sh`${systemctl} reload ${p.service}`} || fail "${p.kind} accepted the site but systemctl reload ${p.service} failed"
    mark updated "${p.service} (reloaded)"
  else
    mark unchanged "${p.service} is not running: start it (systemctl start ${p.service})"
  fi
fi`;
}
