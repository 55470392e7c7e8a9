import SSHConfig from 'ssh-config';

/** What `~/.ssh/config` says about one `Host` (the parts the CLI uses). */
export interface SshHostSettings {
  hostName?: string;
  user?: string;
  port?: number;
  identityFiles: string[];
  proxyJump?: string;
}

/**
 * The settings ssh would apply to `alias`, by the `ssh-config` package's `compute` (first value wins, as in
 * ssh_config(5)). `Match exec` is never run: reading a config must not run its commands. Tokens: `%h` (the
 * alias), `%d` and a leading `~` (home), `%u`/`%r` (the user), `%%`.
 */
export function sshHostSettings(
  configText: string,
  alias: string,
  home: string,
  localUser: string,
): SshHostSettings {
  const computed = SSHConfig.parse(configText).compute(alias, { ignoreCase: true, matchExec: false });
  const one = (k: string) => {
    const v = computed[k];
    return Array.isArray(v) ? v[0] : v;
  };
  const user = one('user');
  const expand = (v: string) =>
    v
      .replace(/^~(?=\/|$)/, home)
      .replace(/%(.)/g, (m, c: string) =>
        c === 'h'
          ? alias
          : c === 'd'
            ? home
            : c === 'u'
              ? localUser
              : c === 'r'
                ? (user ?? localUser)
                : c === '%'
                  ? '%'
                  : m,
      );
  const files = computed.identityfile;
  const port = one('port');
  const hostName = one('hostname');
  const proxyJump = one('proxyjump');
  return {
    ...(hostName ? { hostName: expand(hostName) } : {}),
    ...(user ? { user } : {}),
    ...(port && /^\d+$/.test(port) ? { port: Number(port) } : {}),
    identityFiles: (Array.isArray(files) ? files : files ? [files] : []).map(expand),
    ...(proxyJump && proxyJump.toLowerCase() !== 'none' ? { proxyJump } : {}),
  };
}
