/**
 * Which backups to keep: restic's `forget` semantics (grandfather-father-son). Newest first, each rule keeps
 * the newest backup of each of its next N buckets (last: every backup is its own bucket; daily: a UTC day;
 * weekly: an ISO week; monthly: a calendar month); a backup is kept when any rule keeps it. An empty policy
 * (all zero) keeps everything, and the newest verified backup is always kept whatever the policy says.
 */

export interface RetentionPolicy {
  last: number;
  daily: number;
  weekly: number;
  monthly: number;
}

export interface RetainedItem {
  name: string;
  time: Date;
  verified?: boolean;
}

export interface RetentionDecision {
  /** Kept names with the rules that kept each (`last`, `daily`, …, `newest verified`, `no policy`). */
  keep: Map<string, string[]>;
  /** Names to delete, newest first. */
  remove: string[];
}

type Rule = keyof RetentionPolicy;

const BUCKET: Record<Rule, (t: Date, name: string) => string> = {
  last: (_t, name) => name,
  daily: (t) => t.toISOString().slice(0, 10),
  weekly: (t) => isoWeek(t),
  monthly: (t) => t.toISOString().slice(0, 7),
};

export function isEmptyPolicy(p: RetentionPolicy): boolean {
  return p.last + p.daily + p.weekly + p.monthly === 0;
}

export function decideRetention(items: readonly RetainedItem[], policy: RetentionPolicy): RetentionDecision {
  const sorted = [...items].sort(newestFirst);
  const keep = new Map<string, string[]>();
  const mark = (name: string, why: string) => keep.set(name, [...(keep.get(name) ?? []), why]);
  if (isEmptyPolicy(policy)) {
    for (const i of sorted) mark(i.name, 'no policy');
    return { keep, remove: [] };
  }
  for (const rule of ['last', 'daily', 'weekly', 'monthly'] as const) {
    let left = policy[rule];
    let lastBucket: string | undefined;
    for (const i of sorted) {
      if (left <= 0) break;
      const bucket = BUCKET[rule](i.time, i.name);
      if (bucket === lastBucket) continue;
      lastBucket = bucket;
      left--;
      mark(i.name, rule);
    }
  }
  const newestVerified = sorted.find((i) => i.verified);
  if (newestVerified) mark(newestVerified.name, 'newest verified');
  return { keep, remove: sorted.filter((i) => !keep.has(i.name)).map((i) => i.name) };
}

function newestFirst(a: RetainedItem, b: RetainedItem): number {
  return b.time.getTime() - a.time.getTime() || (a.name < b.name ? 1 : a.name > b.name ? -1 : 0);
}

/** ISO 8601 week of a UTC time, as `2025-W03` (the week-year may differ from the calendar year near new year). */
export function isoWeek(t: Date): string {
  const d = new Date(Date.UTC(t.getUTCFullYear(), t.getUTCMonth(), t.getUTCDate()));
  const day = d.getUTCDay() || 7; // Monday 1 … Sunday 7
  d.setUTCDate(d.getUTCDate() + 4 - day); // the Thursday of this week decides its year
  const yearStart = Date.UTC(d.getUTCFullYear(), 0, 1);
  const week = Math.ceil(((d.getTime() - yearStart) / 86_400_000 + 1) / 7);
  return `${d.getUTCFullYear()}-W${String(week).padStart(2, '0')}`;
}
