import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { choosePrune, parseReleaseListing } from '../../../../src/strategies/release-dirs/prune.js';
import type { ReleaseEntry } from '../../../../src/strategies/release-dirs/prune.js';

/** Entries named in order oldest -> newest. */
const made = (...names: string[]): ReleaseEntry[] =>
  names.map((name, i) => ({ name, time: 1000 + i, complete: true }));

describe('choosePrune', () => {
  it.each([
    {
      what: 'keeps the newest up to keep, counting current and previous',
      entries: made('v1', 'v2', 'v3', 'v4', 'v5', 'v6'),
      keep: 3,
      protect: ['v6', 'v5'],
      failed: [] as string[],
      kept: ['v6', 'v5', 'v4'],
      removed: ['v3', 'v2', 'v1'],
    },
    {
      what: 'never removes current or previous, even when keep is smaller',
      entries: made('v1', 'v2', 'v3'),
      keep: 1,
      protect: ['v3', 'v1'],
      failed: [],
      kept: ['v3', 'v1'],
      removed: ['v2'],
    },
    {
      what: 'failed releases do not count: three failures after v2 cannot push v1 and v2 out',
      entries: made('v1', 'v2', 'bad1', 'bad2', 'bad3'),
      keep: 2,
      protect: ['v2', 'v1'],
      failed: ['bad1', 'bad2', 'bad3'],
      kept: ['v2', 'v1'],
      removed: ['bad3', 'bad2', 'bad1'],
    },
    {
      what: 'failed releases do not count: the older good ones fill the places',
      entries: made('v1', 'v2', 'v3', 'bad1', 'v4', 'bad2'),
      keep: 3,
      protect: ['v4', 'v3'],
      failed: ['bad1', 'bad2'],
      kept: ['v4', 'v3', 'v2'],
      removed: ['bad2', 'bad1', 'v1'],
    },
    {
      what: 'a failed release that is protected stays but takes no place',
      entries: made('v1', 'v2', 'bad'),
      keep: 2,
      protect: ['v2', 'bad'],
      failed: ['bad'],
      kept: ['bad', 'v2', 'v1'],
      removed: [],
    },
    {
      what: 'nothing to do under the limit',
      entries: made('v1', 'v2'),
      keep: 5,
      protect: ['v2', 'v1'],
      failed: [],
      kept: ['v2', 'v1'],
      removed: [],
    },
  ])('$what', ({ entries, keep, protect, failed, kept, removed }) => {
    const c = choosePrune(entries, { keep, protect, failed });
    expect(c.keep).toEqual(kept);
    expect(c.remove).toEqual(removed);
  });

  it('protects what current points at even when the caller forgot it', () => {
    const c = choosePrune(made('v1', 'v2', 'v3'), { keep: 1, protect: [], failed: ['v1'], current: 'v1' });
    expect(c.keep).toContain('v1');
    expect(c.remove).not.toContain('v1');
  });

  it('removes leftovers of killed runs but never the one current points at, and never touches foreign dirs', () => {
    const entries: ReleaseEntry[] = [
      ...made('v1', 'v2'),
      { name: '.incoming-v3-abc', time: 5, complete: false },
      { name: '.replaced-v2-def', time: 6, complete: true },
      { name: '.replaced-v1-ghi', time: 7, complete: true },
      { name: 'notes', time: 1, complete: false },
      { name: 'lost+found', time: 1, complete: true },
    ];
    const c = choosePrune(entries, { keep: 1, protect: [], failed: [], current: '.replaced-v1-ghi' });
    expect(c.leftovers.sort()).toEqual(['.incoming-v3-abc', '.replaced-v2-def']);
    expect([...c.keep, ...c.remove]).not.toContain('notes');
    expect([...c.keep, ...c.remove]).not.toContain('lost+found');
  });

  it('properties: protected never removed; good kept = max(keep, good protected) when enough exist; failed never kept unless protected', () => {
    const tag = fc.constantFrom<string>('v1', 'v2', 'v3', 'v4', 'v5', 'v6', 'v7', 'v8');
    fc.assert(
      fc.property(
        fc.uniqueArray(tag, { minLength: 0, maxLength: 8 }),
        fc.integer({ min: 1, max: 6 }),
        fc.array(tag, { maxLength: 2 }),
        fc.array(tag, { maxLength: 4 }),
        (names, keep, protect, failed) => {
          const c = choosePrune(made(...names), { keep, protect, failed });
          const removed = new Set(c.remove);
          for (const p of protect) expect(removed.has(p)).toBe(false);
          expect([...c.keep, ...c.remove].sort()).toEqual([...names].sort());
          const good = c.keep.filter((k) => !failed.includes(k));
          const goodAvailable = names.filter((n) => !failed.includes(n)).length;
          const goodProtected = names.filter((n) => protect.includes(n) && !failed.includes(n)).length;
          expect(good.length).toBe(Math.min(goodAvailable, Math.max(keep, goodProtected)));
          for (const k of c.keep) if (failed.includes(k)) expect(protect).toContain(k);
        },
      ),
    );
  });
});

describe('parseReleaseListing', () => {
  it('reads name, time and completeness per line', () => {
    expect(parseReleaseListing('v1\t1700000000.123\t1\n.incoming-v2-x\t1700000001\t0\n\n')).toEqual([
      { name: 'v1', time: 1700000000.123, complete: true },
      { name: '.incoming-v2-x', time: 1700000001, complete: false },
    ]);
  });
});
