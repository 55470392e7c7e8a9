import { bool, duration, integer, list, matching, refined, text } from '../io/inputs.js';
import type { InputsOf } from '../io/inputs.js';
import { ConfigurationError } from '../io/errors.js';
import { isFingerprint } from './host-key.js';

/** How to reach the server (docs/contract.md, "Inputs shared by every remote action"). */
export const sshInputSpec = {
  host: list({
    test: isHostName,
    takes: 'a host name or IP address (several: one per line or comma-separated)',
  }),
  port: integer(22, 1, 65535),
  username: matching(/^[A-Za-z0-9._][A-Za-z0-9._-]{0,63}$/, 'a user name like deploy'),
  key: text(),
  passphrase: text(),
  password: text(),
  'known-hosts': text(),
  'host-fingerprint': refined(
    text(),
    (v) => v === '' || isFingerprint(v),
    'takes SHA256:<43 base64 characters>, as printed by `ssh-keygen -lf`',
  ),
  'insecure-ignore-host-key': bool(false),
  'jump-host': matching(
    /^(?:[A-Za-z0-9._-]+@)?[A-Za-z0-9.:[\]_-]+(?::\d{1,5})?$/,
    'user@host:port (user and port optional)',
  ),
  'jump-key': text(),
  'jump-passphrase': text(),
  'connect-timeout': duration(20, { max: 600 }),
  'connect-retries': integer(3, 1, 20),
};

/** Which app on the server: every remote action but healthcheck. */
export const appInputSpec = {
  app: matching(/^[A-Za-z0-9][A-Za-z0-9_-]{0,63}$/, 'an app slug of letters, digits, - and _'),
  'app-dir': matching(/^\/[^\0]*$/, 'an absolute path like /srv/myapp'),
};

export const remoteInputSpec = { ...sshInputSpec, ...appInputSpec };

export type SshInputs = InputsOf<typeof sshInputSpec>;
export type RemoteInputs = InputsOf<typeof remoteInputSpec>;

export function isHostName(v: string): boolean {
  return /^[A-Za-z0-9]([A-Za-z0-9.-]*[A-Za-z0-9])?$/.test(v) || /^\[?[0-9A-Fa-f:.]+\]?$/.test(v);
}

/** Where one run connects: resolved from the inputs, one per host. */
export interface SshTarget {
  host: string;
  port: number;
  username: string;
  privateKey?: string;
  passphrase?: string;
  password?: string;
  /** An ssh-agent's socket (SSH_AUTH_SOCK), offered when no key or password is given. */
  agent?: string;
  knownHosts: string;
  hostFingerprint: string;
  insecureIgnoreHostKey: boolean;
  jump?: JumpHost;
  connectTimeoutSeconds: number;
  connectRetries: number;
}

/** The bastion a target is reached through, and the login it takes there. */
export interface JumpHost {
  host: string;
  port: number;
  username: string;
  privateKey?: string;
  passphrase?: string;
  agent?: string;
  /** The inputs its key and passphrase came from, for the message when they cannot be used (default: key, passphrase). */
  keyInput?: 'key' | 'jump-key';
  passphraseInput?: 'passphrase' | 'jump-passphrase';
}

export interface AppLocation {
  app: string;
  appDir: string;
}

/** The app slug defaults to the repository's name; app-dir to /srv/<app>. */
export function appLocation(i: InputsOf<typeof appInputSpec>, repository: string): AppLocation {
  const fromRepo = (repository.split('/')[1] ?? '').replace(/[^A-Za-z0-9_-]/g, '-').replace(/^[-_]+/, '');
  const app = i.app || fromRepo;
  if (!app)
    throw new ConfigurationError('input "app" is required outside a GitHub repository: takes an app slug');
  return { app, appDir: (i['app-dir'] || `/srv/${app}`).replace(/(.)\/+$/, '$1') };
}

/**
 * One SshTarget per host in `host`, validating the credential combination before anything connects. With no
 * `key` and no `password`, an ssh-agent (`SSH_AUTH_SOCK`: one the workflow started, or the terminal's) logs in.
 */
export function sshTargets(i: SshInputs, agentSocket = process.env.SSH_AUTH_SOCK ?? ''): SshTarget[] {
  if (!i.host.length)
    throw new ConfigurationError('input "host" is required: takes a host name or IP address');
  if (!i.username)
    throw new ConfigurationError('input "username" is required: takes the SSH user, like deploy');
  const agent = !i.key && !i.password ? agentSocket : '';
  if (!i.key && !i.password && !agent) {
    throw new ConfigurationError(
      'input "key" or "password" is required: give a private key (from a secret) or a password, ' +
        'or start an ssh-agent (SSH_AUTH_SOCK) holding the key',
    );
  }
  if (i.passphrase && !i.key) throw new ConfigurationError('input "passphrase" was given without "key"');
  if (i['jump-passphrase'] && !i['jump-key'])
    throw new ConfigurationError('input "jump-passphrase" was given without "jump-key"');
  const jump = i['jump-host'] ? parseJump(i['jump-host'], i.username, jumpLogin(i), agent) : undefined;
  return i.host.map((host) => ({
    host: host.replace(/^\[(.*)\]$/, '$1'),
    port: i.port,
    username: i.username,
    ...(i.key ? { privateKey: normaliseKey(i.key) } : {}),
    ...(i.passphrase ? { passphrase: i.passphrase } : {}),
    ...(i.password ? { password: i.password } : {}),
    ...(agent ? { agent } : {}),
    knownHosts: i['known-hosts'],
    hostFingerprint: i['host-fingerprint'],
    insecureIgnoreHostKey: i['insecure-ignore-host-key'],
    ...(jump ? { jump } : {}),
    connectTimeoutSeconds: i['connect-timeout'],
    connectRetries: i['connect-retries'],
  }));
}

/**
 * The bastion's key and passphrase: `jump-key` with `jump-passphrase`, or else the target's `key` and
 * `passphrase`. A `jump-key` without `jump-passphrase` still tries `passphrase` (what it used before
 * `jump-passphrase` existed; an unencrypted key ignores it).
 */
function jumpLogin(
  i: SshInputs,
): Required<Pick<JumpHost, 'keyInput' | 'passphraseInput'>> & { key: string; passphrase: string } {
  if (!i['jump-key'])
    return { key: i.key, passphrase: i.passphrase, keyInput: 'key', passphraseInput: 'passphrase' };
  const own = i['jump-passphrase'];
  return {
    key: i['jump-key'],
    passphrase: own || i.passphrase,
    keyInput: 'jump-key',
    passphraseInput: own || !i.passphrase ? 'jump-passphrase' : 'passphrase',
  };
}

function parseJump(
  spec: string,
  defaultUser: string,
  login: ReturnType<typeof jumpLogin>,
  agent: string,
): JumpHost {
  const m = /^(?:([^@]+)@)?(\[[^\]]+\]|[^:]+)(?::(\d+))?$/.exec(spec);
  if (!m) throw new ConfigurationError(`input "jump-host" got ${JSON.stringify(spec)}: takes user@host:port`);
  return {
    host: m[2]!.replace(/^\[(.*)\]$/, '$1'),
    port: m[3] ? Number(m[3]) : 22,
    username: m[1] ?? defaultUser,
    ...(login.key ? { privateKey: normaliseKey(login.key) } : {}),
    ...(login.passphrase ? { passphrase: login.passphrase } : {}),
    ...(!login.key && agent ? { agent } : {}),
    keyInput: login.keyInput,
    passphraseInput: login.passphraseInput,
  };
}

/** Secrets pasted into GitHub often lose their final newline or gain \r: OpenSSH keys need neither fixed by hand. */
function normaliseKey(key: string): string {
  return key.replace(/\r\n/g, '\n').trim() + '\n';
}
