import type { BackupRecord } from './inventory.js';

/**
 * The time a run stamps its backups with: now, or one second after the newest backup already there, so two
 * runs within one second (or a clock that went back) never collide on a name and order stays by name.
 */
export function runTimeAfter(records: BackupRecord[], now: Date): Date {
  const seconds = Math.floor(now.getTime() / 1000) * 1000;
  // A stamp far in the future (a clock once wrong) must not drag every later name with it.
  const newest = records.reduce(
    (t, r) => (r.time.getTime() < seconds + 3_600_000 ? Math.max(t, r.time.getTime()) : t),
    0,
  );
  return new Date(Math.max(seconds, newest + 1000));
}
