import { RemoteError } from '../io/errors.js';
import type { Log, RemoteChannel, RemoteShell } from '../ssh/remote-shell.js';
import { sh } from '../ssh/quote.js';
import { stateDir } from './state.js';

/**
 * The deploy lock: `flock` on `<app-dir>/.vps-deploy/lock`, held by a shell inside a long-lived exec channel of
 * this run's SSH connection. The shell holds the lock until its stdin closes, which happens when we release it,
 * when the runner dies (its TCP connection closes) or when the connection is cut: no stale lock is ever left.
 * While held, the lock file names its holder (run URL, actor, tag, since when) for whoever waits.
 */
export interface LockHolder {
  runUrl: string;
  actor: string;
  tag: string;
  action: string;
  since: string;
}

export interface DeployLock {
  /** Seconds spent waiting for another deploy. */
  waitedSeconds: number;
  release(): Promise<void>;
}

const HELD = 'VPSD-LOCK-HELD';
const BUSY = 'VPSD-LOCK-BUSY';
const TIMEOUT = 'VPSD-LOCK-TIMEOUT';
const NO_FLOCK = 'VPSD-LOCK-NO-FLOCK';

/** The shell that takes and holds the lock. The holder line arrives on stdin. */
export function lockScript(dir: string, timeoutSeconds: number): string {
  return sh`mkdir -p ${dir} && cd ${dir} || exit 1
command -v flock >/dev/null 2>&1 || { echo ${NO_FLOCK}; exit 2; }
exec 9<>lock
if ! flock -n 9; then
  echo "${BUSY} $(head -c 2000 lock | tr -d '\\n')"
  flock -w ${String(timeoutSeconds)} 9 || { echo "${TIMEOUT} $(head -c 2000 lock | tr -d '\\n')"; exit 3; }
fi
IFS= read -r holder || exit 4
printf '%s\\n' "$holder" > lock
echo ${HELD}
cat > /dev/null
: > lock`;
}

/** What a waiting deploy tells the user about the holder. Pure. */
export function holderMessage(text: string, now: Date = new Date()): string {
  let h: Partial<LockHolder> = {};
  try {
    h = JSON.parse(text) as Partial<LockHolder>;
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
  return `${who}${h.runUrl ? ` (${h.runUrl})` : ' (outside GitHub Actions)'}${age}`;
}

/** Takes the deploy lock of appDir, waiting up to timeoutSeconds for another deploy to finish. */
export async function acquireDeployLock(
  conn: RemoteShell,
  appDir: string,
  holder: LockHolder,
  timeoutSeconds: number,
  log: Log,
): Promise<DeployLock> {
  const started = performance.now();
  const channel = await conn.channel(lockScript(stateDir(appDir), timeoutSeconds));
  channel.write(JSON.stringify(holder) + '\n');
  await new Promise<void>((resolve, reject) => {
    let out = '';
    let stderr = '';
    const onData = (d: Buffer) => {
      out += d.toString('utf8');
      let nl: number;
      while ((nl = out.indexOf('\n')) >= 0) {
        const line = out.slice(0, nl);
        out = out.slice(nl + 1);
        if (line === HELD) {
          cleanup();
          return resolve();
        }
        if (line.startsWith(BUSY)) {
          log.info(
            `Waiting up to ${timeoutSeconds}s for the deploy lock of ${appDir}, held by ${holderMessage(line.slice(BUSY.length + 1))}`,
          );
        } else if (line.startsWith(TIMEOUT)) {
          cleanup();
          return reject(
            new RemoteError(
              `another deploy holds the lock of ${appDir}: ${holderMessage(line.slice(TIMEOUT.length + 1))}; ` +
                `gave up after lock-timeout (${timeoutSeconds}s). Wait for it to finish, or raise lock-timeout.`,
              'lock',
            ),
          );
        } else if (line === NO_FLOCK) {
          cleanup();
          return reject(
            new RemoteError('the server has no `flock` (package util-linux): install it to deploy', 'lock'),
          );
        }
      }
    };
    const onStderr = (d: Buffer) => (stderr += d.toString('utf8'));
    let settled = false;
    const onClose = () => {
      if (settled) return;
      cleanup();
      reject(
        new RemoteError(
          `could not take the deploy lock in ${stateDir(appDir)}${stderr.trim() ? `: ${stderr.trim().slice(-500)}` : ''}`,
          'lock',
        ),
      );
    };
    const cleanup = () => {
      settled = true;
      channel.off('data', onData);
      channel.stderr.off('data', onStderr);
    };
    channel.on('data', onData);
    channel.stderr.on('data', onStderr);
    // exitStatus, not a 'close' listener: a script that fails at once may close before one could be attached.
    void channel.exitStatus.then(onClose);
  });
  const waitedSeconds = (performance.now() - started) / 1000;
  return { waitedSeconds, release: () => releaseChannel(channel) };
}

/** Closes the holder's stdin; the shell empties the lock file and exits, which frees the flock. */
function releaseChannel(channel: RemoteChannel): Promise<void> {
  return new Promise((resolve) => {
    const t = setTimeout(resolve, 5000);
    void channel.exitStatus.then(() => {
      clearTimeout(t);
      resolve();
    });
    channel.end();
  });
}
