import { bool, list, matching, oneOf, readInputs, splitLines, text } from '../../io/inputs.js';
import { configInputSpec, environmentInputSpec } from '../../io/configured-io.js';
import type { InputsOf, RawInputs } from '../../io/inputs.js';
import { refined, kind, refuse } from '../../io/inputs.js';
import { remoteInputSpec } from '../../ssh/target.js';

/** A public key as authorized_keys holds it (no options prefix): type, base64, optional comment. */
const PUBLIC_KEY =
  /^(ssh-ed25519|ssh-rsa|ecdsa-sha2-nistp(256|384|521)|sk-ssh-ed25519@openssh\.com|sk-ecdsa-sha2-nistp256@openssh\.com) [A-Za-z0-9+/]+={0,3}( [^\r\n]*)?$/;
const USER = /^[a-z_][a-z0-9_-]{0,31}$/;
const UNIT = /^[A-Za-z0-9][A-Za-z0-9_.-]{0,63}$/;
const ABSOLUTE = /^\/[^\0\n]*$/;

function publicKeys() {
  return kind((v) => {
    const keys = splitLines(v);
    const bad = keys.find((k) => !PUBLIC_KEY.test(k));
    if (bad !== undefined)
      return refuse(
        `takes public keys, one a line, like "ssh-ed25519 AAAA… you@laptop" (the .pub file); ${JSON.stringify(bad.slice(0, 40))} is not one`,
      );
    return keys;
  });
}

const path = (takes: string, fallback = '') => matching(ABSOLUTE, takes, { fallback });

/** actions/init inputs (actions/init/README.md) plus the shared remote inputs (`username`: root or a sudo user). */
export const initInputSpec = {
  'deploy-user': matching(USER, 'a user name like deploy', { fallback: 'deploy' }),
  'deploy-key': publicKeys(),
  'app-user': matching(USER, 'a user name like shop'),
  'app-group': matching(USER, 'a group name like shop'),
  strategy: oneOf(['release', 'compose'] as const, 'release'),
  'exec-start': refined(text(), (v) => !/[\r\n]/.test(v), 'takes one command line'),
  'unit-file': text(),
  unit: matching(UNIT, 'a unit name like shop (without .service)'),
  'unit-dir': path('an absolute path like /etc/systemd/system', '/etc/systemd/system'),
  'app-port': list({
    test: (p) => /^\d{1,5}$/.test(p) && Number(p) > 0 && Number(p) < 65536,
    takes: 'a port',
  }),
  'blue-green': bool(false),
  'shared-dirs': list({
    test: (d) =>
      !d.startsWith('/') &&
      !d.split('/').some((x) => x === '..' || x === '.' || x === '') &&
      !d.includes('\0'),
    takes: 'a directory relative to shared/, like data or media',
  }),
  'sudo-commands': list(
    {
      test: (c) => c.startsWith('/'),
      takes: 'a command with its full path, like /usr/bin/systemctl restart worker',
    },
    { lines: true },
  ),
  'sudoers-file': path('an absolute path like /etc/sudoers.d/vps-deploy-shop'),
  proxy: oneOf(['none', 'caddy', 'nginx'] as const, 'none'),
  'site-address': matching(
    /^(?:https?:\/\/)?[A-Za-z0-9.*-]*(?::\d{1,5})?$/,
    'a site address like shop.example.com or :8080',
  ),
  'proxy-site': path('an absolute path like /etc/caddy/sites/shop.caddy'),
  'proxy-config': path('an absolute path like /etc/caddy/Caddyfile'),
  'proxy-service': matching(UNIT, 'a service name like caddy'),
  'upstream-file': path('an absolute path under app-dir'),
  backups: list({
    test: (k) => ['sqlite', 'postgres', 'volumes', 'files'].includes(k),
    takes: 'one of sqlite, postgres, volumes, files',
  }),
  install: bool(false),
  'dry-run': bool(false),
  ...remoteInputSpec,
  ...configInputSpec,
  ...environmentInputSpec,
};

export type InitInputs = InputsOf<typeof initInputSpec>;

export function readInitInputs(raw: RawInputs): InitInputs {
  return readInputs(initInputSpec, raw);
}
