import { posix, resolve } from 'node:path';
import { ConfigurationError } from '../../io/errors.js';
import type { InitSettings, ProxySettings, UnitSettings } from '../../init/settings.js';
import { appLocation, sshTargets } from '../../ssh/target.js';
import type { SshTarget } from '../../ssh/target.js';
import type { InitInputs } from './inputs.js';

export interface InitPlan {
  targets: SshTarget[];
  settings: InitSettings;
}

/** Everything init will do, checked before connecting; a ConfigurationError says what to change. */
export function planOf(
  i: InitInputs,
  repository: string,
  workspace: string,
  readFile: (path: string) => string,
): InitPlan {
  const { app, appDir } = appLocation(i, repository);
  const targets = sshTargets(i);
  if (!i['deploy-key'].length)
    throw new ConfigurationError(
      'input "deploy-key" is required: the public key (the .pub file) the deploy user logs in with',
    );
  const ports = i['app-port'].map(Number);
  const settings: InitSettings = {
    app,
    appDir,
    strategy: i.strategy,
    deployUser: i['deploy-user'],
    deployKeys: i['deploy-key'],
    appUser: i['app-user'],
    appGroup: i['app-group'] || i['app-user'],
    sharedDirs: i['shared-dirs'],
    sudoersPath: i['sudoers-file'] || `/etc/sudoers.d/vps-deploy-${app}`,
    sudoCommands: i['sudo-commands'],
    backups: i.backups,
    install: i.install,
    dryRun: i['dry-run'],
  };
  if (i['deploy-user'] === 'root' || i['app-user'] === 'root')
    throw new ConfigurationError('inputs "deploy-user" and "app-user" take a user other than root');
  const unit = unitOf(i, app, ports, workspace, readFile);
  if (unit) settings.unit = unit;
  const proxy = proxyOf(i, app, appDir, unit?.ports[0] ?? ports[0]);
  if (proxy) settings.proxy = proxy;
  const sudoersName = posix.basename(settings.sudoersPath);
  if (sudoersName.includes('.') || sudoersName.endsWith('~'))
    throw new ConfigurationError(
      `input "sudoers-file" got ${JSON.stringify(settings.sudoersPath)}: sudo skips files in sudoers.d whose ` +
        'name holds a dot or ends with ~, so it would never apply; name it like /etc/sudoers.d/vps-deploy-shop',
    );
  return { targets, settings };
}

function unitOf(
  i: InitInputs,
  app: string,
  ports: number[],
  workspace: string,
  readFile: (path: string) => string,
): UnitSettings | undefined {
  if (i['exec-start'] && i['unit-file'])
    throw new ConfigurationError('inputs "exec-start" and "unit-file" exclude each other: give one');
  if (!i['exec-start'] && !i['unit-file']) {
    if (i['blue-green'])
      throw new ConfigurationError(
        'input "blue-green" needs "exec-start" (or "unit-file"): the template unit',
      );
    return undefined;
  }
  if (i.strategy === 'compose')
    throw new ConfigurationError(
      'inputs "exec-start" and "unit-file" are for the release strategy: with compose, Docker runs the app',
    );
  if (i['blue-green'] && ports.length < 2)
    throw new ConfigurationError(
      'input "blue-green" needs two ports in "app-port" (one per slot, like 8001, 8002)',
    );
  if (!i['blue-green'] && ports.length > 1)
    throw new ConfigurationError('input "app-port" takes one port unless "blue-green" is true');
  const unit: UnitSettings = {
    name: i.unit || app,
    dir: i['unit-dir'],
    blueGreen: i['blue-green'],
    ports: ports.length ? ports : [8000],
  };
  if (i['exec-start']) unit.execStart = i['exec-start'];
  else {
    const file = resolve(workspace, i['unit-file']);
    try {
      unit.ownFile = readFile(file);
    } catch (e) {
      throw new ConfigurationError(
        `input "unit-file" got ${JSON.stringify(i['unit-file'])}: cannot read ${file} (${(e as Error).message})`,
      );
    }
  }
  return unit;
}

function proxyOf(
  i: InitInputs,
  app: string,
  appDir: string,
  port: number | undefined,
): ProxySettings | undefined {
  if (i.proxy === 'none') return undefined;
  const kind = i.proxy;
  if (!i['site-address'])
    throw new ConfigurationError(
      `input "site-address" is required with proxy: ${kind}: the address it serves, like shop.example.com`,
    );
  const upstreamPath =
    i['upstream-file'] || `${appDir}/proxy/upstream.${kind === 'caddy' ? 'caddy' : 'conf'}`;
  if (!upstreamPath.startsWith(`${appDir}/`))
    throw new ConfigurationError(
      `input "upstream-file" got ${JSON.stringify(upstreamPath)}: takes a path under app-dir (${appDir}), ` +
        'since the deploy user rewrites it',
    );
  const caddy = kind === 'caddy';
  return {
    kind,
    siteAddress: i['site-address'],
    sitePath: i['proxy-site'] || (caddy ? `/etc/caddy/sites/${app}.caddy` : `/etc/nginx/conf.d/${app}.conf`),
    configPath: i['proxy-config'] || (caddy ? '/etc/caddy/Caddyfile' : '/etc/nginx/nginx.conf'),
    upstreamPath,
    service: i['proxy-service'] || kind,
    port: port ?? 8000,
  };
}
