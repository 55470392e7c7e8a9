import { posix } from 'node:path';
import { sh } from '../ssh/quote.js';
import type { InitSettings, UnitSettings } from './settings.js';
import { ensureFileText } from './script.js';

/**
 * The systemd unit of the app: a single `<unit>.service` whose WorkingDirectory is `<app-dir>/current`, or for
 * blue-green the template `<unit>@.service` whose instance is the slot's port (`shop@8001` runs
 * `<app-dir>/slots/8001` with APP_PORT=8001). Either reads `<app-dir>/shared/.env`. Pure text builders.
 */
export function unitFileName(u: UnitSettings): string {
  return u.blueGreen ? `${u.name}@.service` : `${u.name}.service`;
}

export function unitPath(u: UnitSettings): string {
  return posix.join(u.dir, unitFileName(u));
}

/** The names deploys give systemctl: `shop`, or one per slot (`shop@8001`, `shop@8002`). */
export function unitInstances(u: UnitSettings): string[] {
  return u.blueGreen ? u.ports.map((p) => `${u.name}@${p}`) : [u.name];
}

/** systemd reads `%` as a specifier: a literal one in a path is `%%`. */
function unitPathValue(path: string): string {
  return path.replace(/%/g, '%%');
}

export function unitContent(s: InitSettings, u: UnitSettings & { execStart: string }): string {
  const runAs = s.appUser || s.deployUser;
  const group = s.appGroup || '';
  const workDir = `${unitPathValue(s.appDir)}/${u.blueGreen ? 'slots/%i' : 'current'}`;
  return [
    `# Written by vps-deploy init for ${s.app}: a later init run rewrites it (give unit-file to keep your own).`,
    '[Unit]',
    u.blueGreen ? `Description=${s.app} slot %i (vps-deploy)` : `Description=${s.app} (vps-deploy)`,
    'After=network.target',
    '',
    '[Service]',
    'Type=simple',
    `User=${runAs}`,
    ...(group ? [`Group=${group}`] : []),
    // shared/ dirs are setgid to the group and the deploy user replaces files in them (a backup restore keeps
    // the replaced file's mode): what the app creates there must stay group-writable, not systemd's 0644.
    ...(group ? ['UMask=0002'] : []),
    `WorkingDirectory=${workDir}`,
    // `-`: a missing file is not an error, so the unit loads before the first deploy wrote shared/.env.
    `EnvironmentFile=-${unitPathValue(s.appDir)}/shared/.env`,
    `Environment=APP_PORT=${u.blueGreen ? '%i' : String(u.ports[0])}`,
    `ExecStart=${u.execStart}`,
    'Restart=always',
    'RestartSec=2',
    '',
    '[Install]',
    'WantedBy=multi-user.target',
    '',
  ].join('\n');
}

/**
 * The step body installing the unit (content on stdin); when it changed, systemd re-reads its units and a single
 * unit is enabled (started at boot; the first deploy's restart starts it now).
 */
export function unitStepText(u: UnitSettings, systemctl: string): string {
  const after = [
    sh`${systemctl} daemon-reload`,
    ...(u.blueGreen ? [] : [sh`${systemctl} enable --quiet ${u.name}`]),
  ].join(' && ');
  return ensureFileText({ path: unitPath(u), mode: 0o644, owner: 'root', group: 'root' }, { after });
}
