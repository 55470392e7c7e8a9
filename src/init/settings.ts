/**
 * What one `init` run sets up on a server, resolved from the inputs (src/actions/init/plan.ts) and checked
 * before anything connects. Pure data: the builders in this folder turn it into file contents and step scripts.
 */
export type ProxyKind = 'caddy' | 'nginx';

export interface UnitSettings {
  /** `shop` -> shop.service, or the template shop@.service with blueGreen. */
  name: string;
  dir: string;
  /** ExecStart= as the user wrote it (systemd syntax: ${APP_PORT} and %i expand). */
  execStart?: string;
  /** The user's own unit file, installed as it is. */
  ownFile?: string;
  blueGreen: boolean;
  /** One port, or the slot ports of a blue-green app. */
  ports: number[];
}

export interface ProxySettings {
  kind: ProxyKind;
  /** Caddy site address (`shop.example.com`, `:8080`); for nginx, host and port of its server block. */
  siteAddress: string;
  /** The site file init owns. */
  sitePath: string;
  /** The proxy's main config: validated with the site in place (Caddy's also imports the site). */
  configPath: string;
  /** The one-line file a blue-green switch rewrites (`reverse_proxy …` / `server …;`). */
  upstreamPath: string;
  /** The service `systemctl reload` reloads. */
  service: string;
  port: number;
}

export interface InitSettings {
  app: string;
  appDir: string;
  strategy: 'release' | 'compose';
  deployUser: string;
  /** authorized_keys lines for the deploy user. */
  deployKeys: string[];
  /** The user the service runs as, when it is not the deploy user; '' otherwise. */
  appUser: string;
  /** The group shared dirs are setgid to ('' = none: everything belongs to the deploy user). */
  appGroup: string;
  sharedDirs: string[];
  unit?: UnitSettings;
  sudoersPath: string;
  /** Further commands (absolute path + arguments) the deploy user may run with sudo. */
  sudoCommands: string[];
  proxy?: ProxySettings;
  /** Backup kinds whose tools are checked: sqlite, postgres, volumes, files. */
  backups: string[];
  install: boolean;
  dryRun: boolean;
}
