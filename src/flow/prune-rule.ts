/**
 * Which releases (compose: image tags; release strategy: release directories) to remove after a deploy. Pure.
 * The `keep` newest releases that passed their gate stay; a release that never passed its gate does not count
 * toward `keep` and goes; anything in `protect` (current, previous) stays whatever its age or verdict.
 */
export interface PresentRelease {
  tag: string;
  /** When it was made (ms since epoch, or any increasing number): newer is larger. */
  time: number;
}

export function selectPrunable(
  present: PresentRelease[],
  keep: number,
  protect: string[],
  failed: string[],
): string[] {
  const guarded = new Set(protect.filter(Boolean));
  const bad = new Set(failed);
  const newestFirst = [...present].sort((a, b) => b.time - a.time || (a.tag < b.tag ? 1 : -1));
  const out: string[] = [];
  // Current and previous use up the budget first: keep-releases counts every release left on the server.
  let kept = newestFirst.filter((r) => guarded.has(r.tag) && !bad.has(r.tag)).length;
  for (const r of newestFirst) {
    if (guarded.has(r.tag)) continue;
    if (bad.has(r.tag)) out.push(r.tag);
    else if (kept < keep) kept++;
    else out.push(r.tag);
  }
  return out;
}
