/** Edit distance (insertions, deletions, substitutions) between two names. */
export function editDistance(a: string, b: string): number {
  let prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const cur = [i];
    for (let j = 1; j <= b.length; j++)
      cur[j] = Math.min(prev[j]! + 1, cur[j - 1]! + 1, prev[j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1));
    prev = cur;
  }
  return prev[b.length]!;
}

/**
 * The known name a mistyped one most likely meant (`helth-url` → `health-url`), or undefined when none is
 * close: within a third of the name's length (at least 2 edits), or a name that contains it or is contained.
 */
export function closestName(name: string, known: Iterable<string>): string | undefined {
  let best: string | undefined;
  let bestDistance = Infinity;
  for (const k of known) {
    const d = editDistance(name, k);
    if (d < bestDistance) [best, bestDistance] = [k, d];
  }
  if (best === undefined) return undefined;
  if (bestDistance <= Math.max(2, Math.floor(name.length / 3))) return best;
  const containing = [...known].find((k) => name.length >= 3 && (k.includes(name) || name.includes(k)));
  return containing;
}
