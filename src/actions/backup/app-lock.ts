import type { ActionIO } from '../../io/action-io.js';
import { phaseOf } from '../../flow/attempt.js';
import { underAppLock } from '../../flow/leased-shell.js';
import { acquireDeployLock } from '../../flow/lock.js';
import { sh } from '../../ssh/quote.js';
import type { RemoteShell } from '../../ssh/remote-shell.js';

/**
 * Backups and restores take the app's deploy lock (docs/server-layout.md, "lock"), exclusively, as a deploy
 * does: a restore (stop, overwrite, start) never runs in the middle of a deploy's migrate or gate, a backup
 * never copies a database halfway through a migration, and a deploy waits for either, naming it. Their remote
 * commands are leased like a deploy's, so a killed backup leaves no dump running. An app-dir that does not
 * exist has had no deploy to wait for: the backup runs without the lock, and says so.
 */
export async function underBackupLock<T>(
  conn: RemoteShell,
  io: ActionIO,
  appDir: string,
  what: { action: 'backup' | 'restore'; tag: string; lockTimeoutSeconds: number },
  body: (shell: RemoteShell) => Promise<T>,
): Promise<T> {
  if (what.action === 'backup' && (await conn.exec(sh`[ -d ${appDir} ]`, { log: false })).code !== 0) {
    io.info(`${appDir} does not exist on ${conn.host}: nothing is deployed there, so no lock is taken`);
    return body(conn);
  }
  const holder = {
    runUrl: io.run.runUrl,
    actor: io.run.actor,
    tag: what.tag,
    action: what.action,
    since: new Date().toISOString(),
  };
  return underAppLock(
    conn,
    appDir,
    async () => {
      const lock = await acquireDeployLock(conn, appDir, holder, what.lockTimeoutSeconds, io);
      if (lock.waitedSeconds >= 1)
        io.info(`Took the deploy lock of ${appDir} after ${lock.waitedSeconds.toFixed(1)}s`);
      return lock;
    },
    body,
    phaseOf,
  );
}
