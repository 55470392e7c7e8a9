import type { ActionIO } from '../io/action-io.js';
import type { RemoteShell } from '../ssh/remote-shell.js';
import { errText } from '../io/errors.js';
import { downloadBackup } from './download.js';
import { listBackups } from './inventory.js';
import { isEmptyPolicy } from './retention.js';
import { planPrune, prune } from './prune.js';
import { runTimeAfter } from './run-time.js';
import { takeBackup } from './take-backup.js';
import type { BackupOutcome } from './take-backup.js';
import type { BackupPlan } from './plan.js';

export interface HostBackup {
  host: string;
  outcomes: BackupOutcome[];
  pruned: string[];
}

/**
 * One host: every source in turn (a failed one does not stop the others), then retention for each source whose
 * backup this run verified, then the downloads.
 */
export async function backUpHost(conn: RemoteShell, plan: BackupPlan, io: ActionIO): Promise<HostBackup> {
  const s = plan.settings;
  const time = runTimeAfter(await listBackups(conn, s.backupDir, s.app), new Date());
  const outcomes: BackupOutcome[] = [];
  for (const source of plan.sources) {
    io.info(`${source.slug}: backing up ${source.target}`);
    const o = await takeBackup(conn, source, s, time);
    io.info(
      o.error
        ? `${source.slug}: FAILED after ${seconds(o.durationMs)}: ${o.error}`
        : `${source.slug}: ${o.path} (${o.bytes} bytes, sha256 ${o.sha256}${o.verified ? ', verified' : ''}) in ${seconds(o.durationMs)}`,
    );
    outcomes.push(o);
  }

  const pruned: string[] = [];
  const good = outcomes.filter((o) => !o.error);
  if (good.length && !isEmptyPolicy(plan.policy)) {
    const records = await listBackups(conn, s.backupDir, s.app);
    for (const o of good) {
      const p = planPrune(records, o.source.slug, plan.policy, o.name);
      if (!p.remove.length) continue;
      pruned.push(...(await prune(conn, s.backupDir, p)));
      io.info(`${o.source.slug}: pruned ${p.remove.length} old backup(s), ${p.keep} kept`);
    }
  }

  if (plan.download) {
    for (const o of good) {
      try {
        const d = await downloadBackup(conn, o.path!, plan.download, o.sha256!);
        o.downloaded = d.path;
        io.info(`${o.source.slug}: downloaded to ${d.path} (sha256 matches)`);
      } catch (e) {
        o.error = `backed up on the server, but ${errText(e)}`;
      }
    }
  }
  return { host: conn.host, outcomes, pruned };
}

function seconds(ms: number): string {
  return `${(ms / 1000).toFixed(1)}s`;
}
