import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import {
  DEFAULT_RELOAD,
  candidatePath,
  nginxCheckConfig,
  parseReadFile,
  readFileCommand,
  reloadCommand,
  removeFileCommand,
  validateConfigCommand,
  writeFileCommand,
} from '../../../src/proxy/commands.js';
import { upstreamLine, upstreamPort } from '../../../src/proxy/upstream.js';

const base = mkdtempSync(join(tmpdir(), 'proxy-commands-'));
afterAll(() => rmSync(base, { recursive: true, force: true }));

function run(
  command: string,
  env: NodeJS.ProcessEnv = process.env,
): { code: number; out: string; err: string } {
  const r = spawnSync('/bin/sh', ['-c', command], { encoding: 'utf8', env });
  return { code: r.status ?? -1, out: r.stdout, err: r.stderr };
}

/** Directory names a user might have, and some nobody should: each must stay one inert path. */
const HOSTILE = [
  'plain',
  'with space',
  "it's",
  '$(touch pwned)',
  '`touch pwned`',
  '-leading-dash',
  'semi;colon',
  'new\nline',
  'trailing-newline\n',
  '*glob?',
  'back\\slash',
];

describe('upstream line', () => {
  it.each([
    ['caddy', 8001, 'reverse_proxy 127.0.0.1:8001'],
    ['nginx', 8002, 'server 127.0.0.1:8002;'],
  ] as const)('%s %i: %s, and read back', (kind, port, line) => {
    expect(upstreamLine(kind, port)).toBe(line);
    expect(upstreamPort(kind, `${line}\n`)).toBe(port);
  });

  it.each([
    ['caddy', 'reverse_proxy 10.0.0.1:80'],
    ['caddy', 'reverse_proxy 127.0.0.1:8001 127.0.0.1:8002'],
    ['caddy', 'server 127.0.0.1:8001;'],
    ['nginx', 'reverse_proxy 127.0.0.1:8001'],
    ['nginx', 'server 127.0.0.1:8001;\nserver 127.0.0.1:8002;'],
    ['nginx', 'server 127.0.0.1:70000;'],
    ['nginx', ''],
  ] as const)('%s: %j is not one line of ours', (kind, text) => {
    expect(upstreamPort(kind, text)).toBeUndefined();
  });
});

describe('proxy command text, exactly', () => {
  it.each([
    [
      reloadCommand('caddy', '', 8001),
      `env APP_PORT=8001 "$(command -v bash || echo sh)" -lc 'caddy reload --config /etc/caddy/Caddyfile --adapter caddyfile'`,
    ],
    [
      reloadCommand('nginx', '', 8002),
      `env APP_PORT=8002 "$(command -v bash || echo sh)" -lc 'sudo nginx -t && sudo nginx -s reload'`,
    ],
    [
      reloadCommand('command', `switch-to "$APP_PORT"`, 8003),
      `env APP_PORT=8003 "$(command -v bash || echo sh)" -lc 'switch-to "$APP_PORT"'`,
    ],
    [
      readFileCommand("/srv/a b/it's.caddy"),
      `if [ -e '/srv/a b/it'\\''s.caddy' ]; then printf '%s\\n' vps-deploy:present && cat -- '/srv/a b/it'\\''s.caddy'; fi`,
    ],
    [removeFileCommand('/srv/app/proxy/upstream.conf'), 'rm -f -- /srv/app/proxy/upstream.conf'],
    [candidatePath('/etc/caddy/sites/shop.caddy'), '/etc/caddy/sites/.shop.caddy.vps-deploy-check'],
    [
      writeFileCommand('/srv/app/proxy/upstream.caddy', 'reverse_proxy 127.0.0.1:8001\n'),
      `f=/srv/app/proxy/upstream.caddy; d=$(dirname -- "$f"; echo .); d=\${d%??}; ` +
        `[ -d "$d" ] || { printf 'the directory of %s does not exist: create it, and include the file in the proxy config\\n' "$f" >&2; exit 1; }; ` +
        `[ ! -d "$f" ] || { printf '%s is a directory, not an upstream file\\n' "$f" >&2; exit 1; }; ` +
        `tmp="$f.vps-deploy-$$"; ` +
        `if printf '%s' 'reverse_proxy 127.0.0.1:8001\n' >"$tmp" && chmod 644 "$tmp" && mv -f -- "$tmp" "$f"; then :; else rm -f -- "$tmp"; exit 1; fi`,
    ],
    [
      validateConfigCommand('caddy', '/etc/caddy/.shop.caddy.vps-deploy-check'),
      'caddy validate --config /etc/caddy/.shop.caddy.vps-deploy-check --adapter caddyfile 2>&1',
    ],
  ])('%s', (actual, expected) => {
    expect(actual).toBe(expected);
  });

  it('defaults: a graceful reload per proxy; command has none', () => {
    expect(DEFAULT_RELOAD).toEqual({
      caddy: 'caddy reload --config /etc/caddy/Caddyfile --adapter caddyfile',
      nginx: 'sudo nginx -t && sudo nginx -s reload',
    });
    expect(() => reloadCommand('command', '', 8001)).toThrow(/proxy-reload-command/);
  });

  it('the nginx check config includes the candidate, quoted, with every temp path under the prefix', () => {
    expect(nginxCheckConfig('/etc/nginx/x "$y".conf')).toBe(
      [
        'pid nginx.pid;',
        'events {}',
        'http {',
        '  access_log off;',
        '  client_body_temp_path client_body_temp;',
        '  proxy_temp_path proxy_temp;',
        '  fastcgi_temp_path fastcgi_temp;',
        '  uwsgi_temp_path uwsgi_temp;',
        '  scgi_temp_path scgi_temp;',
        '  include "/etc/nginx/x \\"\\$y\\".conf";',
        '}',
        '',
      ].join('\n'),
    );
  });
});

describe('under /bin/sh, with hostile paths', () => {
  it.each(HOSTILE)('write, read, remove %j: one file, exact content, no temp left, nothing run', (name) => {
    const dir = mkdtempSync(join(base, 'd-'));
    const sub = join(dir, name);
    mkdirSync(sub);
    const file = join(sub, `${name}.caddy`);
    for (const content of ['reverse_proxy 127.0.0.1:8001\n', "it's $(not run)\n`nor this`\n"]) {
      const w = run(writeFileCommand(file, content), { ...process.env, PWD: dir });
      expect(w.code, w.err).toBe(0);
      expect(readFileSync(file, 'utf8')).toBe(content);
      const r = run(readFileCommand(file));
      expect(parseReadFile(r.out)).toBe(content);
    }
    expect(readdirSync(sub)).toEqual([`${name}.caddy`]);
    expect(run(removeFileCommand(file)).code).toBe(0);
    expect(existsSync(file)).toBe(false);
    expect(parseReadFile(run(readFileCommand(file)).out)).toBeUndefined();
    expect(existsSync(join(process.cwd(), 'pwned'))).toBe(false);
    expect(readdirSync(dir)).toEqual([name]);
  });

  it('refuses a directory that does not exist (a path the proxy cannot include), naming it', () => {
    const file = join(base, 'no-such-dir', 'upstream.conf');
    const r = run(writeFileCommand(file, 'server 127.0.0.1:8001;\n'));
    expect(r.code).toBe(1);
    expect(r.err).toContain(`the directory of ${file} does not exist`);
    expect(existsSync(join(base, 'no-such-dir'))).toBe(false);
  });

  it('a directory where the upstream file should be is refused, nothing written into it', () => {
    const dir = mkdtempSync(join(base, 'mv-'));
    const file = join(dir, 'upstream.conf');
    mkdirSync(join(file, 'blocker'), { recursive: true });
    const r = run(writeFileCommand(file, 'server 127.0.0.1:8002;\n'));
    expect(r.code).toBe(1);
    expect(r.err).toContain('is a directory, not an upstream file');
    expect(readdirSync(dir)).toEqual(['upstream.conf']);
    expect(readdirSync(file)).toEqual(['blocker']);
  });

  it('reload: the user command runs with APP_PORT, and its value stays data', () => {
    const out = run(reloadCommand('command', 'printf "%s" "$APP_PORT"', 8001));
    expect(out).toMatchObject({ code: 0, out: '8001' });
  });
});
