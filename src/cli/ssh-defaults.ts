import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { ActionIO } from '../io/action-io.js';
import { splitList } from '../io/inputs.js';
import { agentKeyCount } from '../ssh/agent.js';
import { keyUse } from '../ssh/local-keys.js';
import { sshHostSettings } from '../ssh/ssh-config.js';

/** Where the CLI looks, as `ssh` does (ssh(1) FILES). */
export interface SshHome {
  home: string;
  localUser: string;
  agentSocket: string;
  /** System-wide known hosts, after the user's. */
  systemKnownHosts: string;
}

export const DEFAULT_KEY_FILES = ['id_ed25519', 'id_ecdsa', 'id_rsa'];

/**
 * The terminal's SSH defaults, under every flag and vps-deploy.yml value (the actions trust nothing in the
 * runner's home and never call this):
 * - `host` a `Host` alias of ~/.ssh/config: its HostName, and its User, Port, ProxyJump, IdentityFile where
 *   nothing else set username, port, jump-host, key;
 * - no key and no password: IdentityFile, else the ssh-agent when it holds keys (SSH_AUTH_SOCK; sshTargets
 *   offers it), else the first of ~/.ssh/id_ed25519, id_ecdsa, id_rsa usable without a prompt (an encrypted one
 *   with no `passphrase` is skipped with a note);
 * - neither known-hosts nor host-fingerprint: ~/.ssh/known_hosts and /etc/ssh/ssh_known_hosts (hashed lines too).
 */
export async function withSshDefaults<T extends ActionIO>(
  io: T,
  where: SshHome,
  note: (message: string) => void,
  /** Filled with where each value set here came from (for `vps-deploy config`). */
  sources: Record<string, string> = {},
): Promise<T> {
  const read = (path: string) => (existsSync(path) ? readFileSync(path, 'utf8') : '');
  const set: Record<string, string> = {};
  const value = (name: string) => set[name] ?? io.input(name).trim();

  const hosts = splitList(io.input('host'));
  const configText = read(join(where.home, '.ssh', 'config'));
  let identityFiles: string[] = [];
  if (hosts.length === 1 && configText) {
    const alias = hosts[0]!;
    const s = sshHostSettings(configText, alias, where.home, where.localUser);
    if (s.hostName && s.hostName !== alias) set.host = s.hostName;
    if (s.user && !value('username')) set.username = s.user;
    if (s.port && !value('port')) set.port = String(s.port);
    if (s.proxyJump && !value('jump-host')) {
      const [first, ...more] = s.proxyJump.split(',');
      set['jump-host'] = first!;
      if (more.length) note(`~/.ssh/config: ProxyJump ${s.proxyJump}: only the first hop (${first}) is used`);
    }
    identityFiles = s.identityFiles;
    for (const name of Object.keys(set)) sources[name] = `~/.ssh/config (Host ${alias})`;
    if (Object.keys(set).length)
      note(
        `~/.ssh/config: Host ${alias} → ${Object.entries(set)
          .map(([k, v]) => `${k} ${v}`)
          .join(', ')}`,
      );
  }

  if (!value('key') && !value('password')) {
    const key = await defaultKey(io, where, identityFiles, read, note, sources);
    if (key) [set.key, sources.key] = [key.text, key.path];
  }

  if (!value('known-hosts') && !value('host-fingerprint')) {
    const files = [join(where.home, '.ssh', 'known_hosts'), where.systemKnownHosts];
    const found = files.filter((f) => read(f));
    if (found.length) {
      set['known-hosts'] = found.map(read).join('\n');
      sources['known-hosts'] = found.join(', ').replace(where.home, '~');
    }
  }

  if (!Object.keys(set).length) return io;
  return { ...io, input: (name) => (name in set ? set[name]! : io.input(name)) };
}

/** The key to log in with when none was given: see withSshDefaults. */
async function defaultKey(
  io: ActionIO,
  where: SshHome,
  identityFiles: string[],
  read: (path: string) => string,
  note: (message: string) => void,
  sources: Record<string, string>,
): Promise<{ text: string; path: string } | undefined> {
  const passphrase = io.input('passphrase');
  const usable = (path: string) => {
    const text = read(path);
    if (!text) return undefined;
    const use = keyUse(text, passphrase || undefined);
    if (use === 'usable') {
      note(`key: ${path}`);
      return { text, path: path.replace(where.home, '~') };
    }
    note(
      use === 'needs-passphrase'
        ? `key: skipped ${path}: it is encrypted and no passphrase was given (add it to your agent: ssh-add ${path})`
        : use === 'wrong-passphrase'
          ? `key: skipped ${path}: the passphrase does not decrypt it`
          : `key: skipped ${path}: not a private key ssh can use`,
    );
    return undefined;
  };
  // An IdentityFile of the host is what the user chose for it: as ssh, it is tried before the defaults.
  for (const path of identityFiles) {
    const key = usable(path);
    if (key) return key;
  }
  if (where.agentSocket && (await agentKeyCount(where.agentSocket)) > 0) {
    note(`key: the ssh-agent at ${where.agentSocket}`);
    sources.agent = where.agentSocket;
    return undefined;
  }
  for (const name of DEFAULT_KEY_FILES) {
    const key = usable(join(where.home, '.ssh', name));
    if (key) return key;
  }
  return undefined;
}
