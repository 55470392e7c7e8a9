import { sh } from '../ssh/quote.js';
import type { RemoteShell } from '../ssh/remote-shell.js';
import type { BackupRecord } from './inventory.js';
import { decideRetention } from './retention.js';
import type { RetentionPolicy } from './retention.js';

export interface PrunePlan {
  source: string;
  remove: BackupRecord[];
  keep: number;
}

/**
 * What retention removes for one source. `mustKeep` (this run's new backup) is kept whatever the policy says:
 * pruning never deletes what it is about to report as the newest backup.
 */
export function planPrune(
  records: BackupRecord[],
  source: string,
  policy: RetentionPolicy,
  mustKeep?: string,
): PrunePlan {
  const mine = records.filter((r) => r.source === source);
  const decision = decideRetention(
    mine.map((r) => ({ name: r.name, time: r.time, verified: r.verified })),
    policy,
  );
  const remove = mine.filter((r) => decision.remove.includes(r.name) && r.name !== mustKeep);
  return { source, remove, keep: mine.length - remove.length };
}

/** Deletes the planned backups with their .sha256 and .json, in batches (a long list stays under ARG_MAX). */
export async function prune(conn: RemoteShell, backupDir: string, plan: PrunePlan): Promise<string[]> {
  const names = plan.remove.map((r) => r.name);
  for (let i = 0; i < names.length; i += 100) {
    const batch = names.slice(i, i + 100).flatMap((n) => [n, `${n}.sha256`, `${n}.json`]);
    await conn.run(sh`cd ${backupDir} && rm -f -- ${batch}`, `pruning old ${plan.source} backups`, {
      log: false,
    });
  }
  return plan.remove.map((r) => r.path);
}
