import { randomBytes } from 'node:crypto';
import { RemoteError } from '../io/errors.js';
import type { Log, RemoteChannel, RemoteShell } from '../ssh/remote-shell.js';
import { lockScript, MARK, registryOf, RELEASE_LINE, RENEW_LINE } from './lock-script.js';
import { stateDir } from './state.js';

/**
 * The app lock: `flock` on `<app-dir>/.vps-deploy/lock`, held by a shell inside a long-lived exec channel of
 * this run's SSH connection (the script and its reasons are in lock-script.ts). It is a lease: the runner
 * renews it every leaseSeconds / 4, and the holder lets go when no renewal came for leaseSeconds, when its
 * stdin closes (the runner died, the connection was cut) or when we release it; each time it first stops the
 * remote commands the run started (see leased-shell.ts). While held, the lock file names its holder (run URL,
 * actor, tag, action, since when) for whoever waits.
 */
export interface LockHolder {
  runUrl: string;
  actor: string;
  tag: string;
  /** deploy, rollback, restore, backup. */
  action: string;
  since: string;
}

export interface DeployLock {
  /** Seconds spent waiting for another holder. */
  waitedSeconds: number;
  /** Where the run's remote commands register (leasedCommand). */
  registry: string;
  /** Why the lock was lost before release() (lease ran out, holder gone), or undefined while it is held. */
  readonly lost: string | undefined;
  /**
   * state.json as the holder read it on taking the lock (one round trip fewer): its text, null when there is
   * none, undefined when it could not be read there (the caller reads it itself, and reports why).
   */
  readonly stateText: string | null | undefined;
  /** Has the holder write a line (ledgerLine, putLine); resolves once written, rejects naming `what`. */
  write(line: string, what: string): Promise<void>;
  release(): Promise<void>;
}

/** The lease in production: a runner that renews nothing for this long has lost the lock. */
export const LEASE_SECONDS = 60;

/**
 * The lease length: LEASE_SECONDS, or VPS_DEPLOY_LOCK_LEASE_SECONDS (a test knob: the fault suites freeze a
 * runner and cannot wait a minute). Values below 2 s are refused: renewals every lease/4 need some slack.
 */
export function leaseSecondsFrom(env: NodeJS.ProcessEnv = process.env): number {
  const v = Number(env.VPS_DEPLOY_LOCK_LEASE_SECONDS);
  return Number.isFinite(v) && v >= 2 ? v : LEASE_SECONDS;
}

/** What a waiting run tells the user about the holder (the lock file: the holder's JSON line, then its state). Pure. */
export function holderMessage(text: string, now: Date = new Date()): string {
  const [line = '', ...rest] = text.split('\t');
  const doing = rest.join(' ').trim();
  const tail = doing ? `; it is ${doing}` : '';
  let h: Partial<LockHolder> = {};
  try {
    h = JSON.parse(line) as Partial<LockHolder>;
  } catch {
    return text.trim()
      ? `an unknown holder (${text.trim().slice(0, 200)})`
      : 'another deploy (it has not written its name yet)';
  }
  const since = h.since ? new Date(h.since) : undefined;
  const age =
    since && !Number.isNaN(since.getTime())
      ? ` since ${h.since} (${Math.max(0, Math.round((now.getTime() - since.getTime()) / 1000))}s ago)`
      : '';
  const who = [h.action ?? 'deploy', h.tag ? `of ${h.tag}` : '', h.actor ? `by ${h.actor}` : '']
    .filter(Boolean)
    .join(' ');
  return `${who}${h.runUrl ? ` (${h.runUrl})` : ' (outside GitHub Actions)'}${age}${tail}`;
}

/** Takes the lock of appDir, waiting up to timeoutSeconds for another holder to finish. */
export async function acquireDeployLock(
  conn: RemoteShell,
  appDir: string,
  holder: LockHolder,
  timeoutSeconds: number,
  log: Log,
  leaseSeconds: number = leaseSecondsFrom(),
): Promise<DeployLock> {
  const started = performance.now();
  const dir = stateDir(appDir);
  const leaseId = `${Date.now().toString(36)}-${randomBytes(6).toString('hex')}`;
  const channel = await conn.channel(lockScript(dir, leaseId, { timeoutSeconds, leaseSeconds }));
  channel.on('error', () => undefined); // a renewal written after the holder exited is dropped, as over SSH
  channel.write(JSON.stringify(holder) + '\n');
  let lostWhy: string | undefined;
  let stateText: string | null | undefined;
  const pending: { what: string; done: (error?: Error) => void }[] = [];
  await new Promise<void>((resolve, reject) => {
    let out = '';
    let stderr = '';
    let settled = false;
    const fail = (message: string) => {
      settled = true;
      reject(new RemoteError(message, 'lock'));
    };
    channel.on('data', (d: Buffer) => {
      out += d.toString('utf8');
      let nl: number;
      while ((nl = out.indexOf('\n')) >= 0) {
        const line = out.slice(0, nl);
        out = out.slice(nl + 1);
        if (line.startsWith(`${MARK.state} `)) {
          // Right after `held`: the lock is ours once state.json has been read under it.
          const text = line.slice(MARK.state.length + 1);
          stateText = text === '-' ? null : text === '?' ? undefined : text;
          settled = true;
          resolve();
        } else if (line.startsWith(`${MARK.wrote} `)) {
          const rc = line.slice(MARK.wrote.length + 1);
          const w = pending.shift();
          w?.done(rc === '0' ? undefined : new RemoteError(`${w.what} failed on the server (exit ${rc})`));
        } else if (line.startsWith(MARK.lost)) {
          lostWhy = line.slice(MARK.lost.length + 1);
        } else if (line.startsWith(MARK.busy)) {
          log.info(
            `Waiting up to ${timeoutSeconds}s for the deploy lock of ${appDir}, held by ${holderMessage(line.slice(MARK.busy.length + 1))}`,
          );
        } else if (line.startsWith(MARK.timeout)) {
          fail(
            `another deploy holds the lock of ${appDir}: ${holderMessage(line.slice(MARK.timeout.length + 1))}; ` +
              `gave up after lock-timeout (${timeoutSeconds}s). Wait for it to finish, or raise lock-timeout.`,
          );
        } else if (line === MARK.noTools) {
          fail('the server has no `flock` or `setsid` (package util-linux): install it to deploy');
        } else if (line === MARK.noReadTimeout) {
          fail('the server has neither bash nor a shell with `read -t` (the lock needs one): install bash');
        }
      }
    });
    channel.stderr.on('data', (d: Buffer) => (stderr += d.toString('utf8')));
    // exitStatus, not a 'close' listener: a script that fails at once may close before one could be attached.
    void channel.exitStatus.then(() => {
      lostWhy ??= conn.isOpen ? 'its holder on the server ended' : 'the SSH connection was lost';
      for (const w of pending.splice(0))
        w.done(new RemoteError(`${w.what} failed: the lock's holder on the server ended (${lostWhy})`));
      if (!settled)
        fail(`could not take the lock in ${dir}${stderr.trim() ? `: ${stderr.trim().slice(-500)}` : ''}`);
    });
  });
  let released = false;
  const renewals = setInterval(() => channel.write(RENEW_LINE), (leaseSeconds * 1000) / 4);
  void channel.exitStatus.then(() => clearInterval(renewals));
  return {
    waitedSeconds: (performance.now() - started) / 1000,
    registry: registryOf(dir, leaseId),
    get lost() {
      return released ? undefined : lostWhy;
    },
    stateText,
    write: (line, what) =>
      new Promise<void>((resolve, reject) => {
        if (lostWhy || released)
          return reject(
            new RemoteError(`${what} failed: the lock is no longer held (${lostWhy ?? 'released'})`),
          );
        pending.push({ what, done: (e) => (e ? reject(e) : resolve()) });
        channel.write(line);
      }),
    release: () => {
      released = true;
      clearInterval(renewals);
      return releaseChannel(channel);
    },
  };
}

/** Says `release` and closes the holder's stdin; it stops leftovers, empties the lock file and exits. */
function releaseChannel(channel: RemoteChannel): Promise<void> {
  return new Promise((resolve) => {
    const t = setTimeout(resolve, 15_000);
    void channel.exitStatus.then(() => {
      clearTimeout(t);
      resolve();
    });
    channel.end(RELEASE_LINE);
  });
}
