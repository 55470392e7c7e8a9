import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { decideRetention, isEmptyPolicy, isoWeek } from '../../../src/backup/retention.js';
import type { RetainedItem, RetentionPolicy } from '../../../src/backup/retention.js';

const at = (iso: string, verified = true): RetainedItem => ({ name: iso, time: new Date(iso), verified });
const none: RetentionPolicy = { last: 0, daily: 0, weekly: 0, monthly: 0 };
const kept = (items: RetainedItem[], p: Partial<RetentionPolicy>) =>
  [...decideRetention(items, { ...none, ...p }).keep.keys()].sort();

describe('ISO weeks', () => {
  it.each([
    ['2025-01-01T12:00:00Z', '2025-W01'],
    ['2024-12-30T00:00:00Z', '2025-W01'], // Monday of the week holding 2 January 2025
    ['2024-12-29T23:59:59Z', '2024-W52'], // Sunday
    ['2021-01-03T00:00:00Z', '2020-W53'],
    ['2026-12-31T00:00:00Z', '2026-W53'],
    ['2027-01-01T00:00:00Z', '2026-W53'],
    ['2025-06-16T00:00:00Z', '2025-W25'],
  ])('%s is in %s', (iso, week) => expect(isoWeek(new Date(iso))).toBe(week));
});

describe('retention table', () => {
  const days = [
    at('2025-03-10T23:00:00Z'),
    at('2025-03-10T09:00:00Z'),
    at('2025-03-09T09:00:00Z'), // Sunday: week 10 (the 10th is Monday, week 11)
    at('2025-03-03T09:00:00Z'), // Monday: week 10
    at('2025-03-02T09:00:00Z'), // Sunday: week 9
    at('2025-02-28T09:00:00Z'),
    at('2025-01-31T09:00:00Z'),
    at('2024-12-31T09:00:00Z'),
  ];
  it.each<[string, Partial<RetentionPolicy>, string[]]>([
    ['empty policy keeps all', {}, days.map((d) => d.name)],
    ['last 2', { last: 2 }, ['2025-03-10T23:00:00Z', '2025-03-10T09:00:00Z']],
    [
      'daily 3: newest of each of the 3 newest days',
      { daily: 3 },
      ['2025-03-10T23:00:00Z', '2025-03-09T09:00:00Z', '2025-03-03T09:00:00Z'],
    ],
    ['weekly 3', { weekly: 3 }, ['2025-03-10T23:00:00Z', '2025-03-09T09:00:00Z', '2025-03-02T09:00:00Z']],
    ['monthly 3', { monthly: 3 }, ['2025-03-10T23:00:00Z', '2025-02-28T09:00:00Z', '2025-01-31T09:00:00Z']],
    [
      'monthly 99 keeps one per month',
      { monthly: 99 },
      ['2025-03-10T23:00:00Z', '2025-02-28T09:00:00Z', '2025-01-31T09:00:00Z', '2024-12-31T09:00:00Z'],
    ],
    ['rules are ORed', { last: 1, monthly: 2 }, ['2025-03-10T23:00:00Z', '2025-02-28T09:00:00Z']],
    ['last 1 + daily 2', { last: 1, daily: 2 }, ['2025-03-10T23:00:00Z', '2025-03-09T09:00:00Z']],
  ])('%s', (_what, policy, expected) => expect(kept(days, policy)).toEqual([...expected].sort()));

  it('never removes the newest verified backup, even when newer unverified ones fill keep-last', () => {
    const items = [
      at('2025-03-10T03:00:00Z', false),
      at('2025-03-09T03:00:00Z', false),
      at('2025-03-08T03:00:00Z', true),
    ];
    const d = decideRetention(items, { ...none, last: 1 });
    expect(d.keep.get('2025-03-08T03:00:00Z')).toEqual(['newest verified']);
    expect(d.remove).toEqual(['2025-03-09T03:00:00Z']);
  });

  it('says why each backup is kept', () => {
    const d = decideRetention(days, { last: 1, daily: 1, weekly: 1, monthly: 1 });
    expect(d.keep.get('2025-03-10T23:00:00Z')).toEqual([
      'last',
      'daily',
      'weekly',
      'monthly',
      'newest verified',
    ]);
  });
});

const items = fc
  .array(
    fc.record({
      time: fc.date({ min: new Date('2023-01-01'), max: new Date('2026-01-01'), noInvalidDate: true }),
      verified: fc.boolean(),
    }),
    { maxLength: 60 },
  )
  .map((xs) => xs.map((x, i) => ({ name: `b${i}`, ...x })));
const policy = fc.record({
  last: fc.nat(6),
  daily: fc.nat(10),
  weekly: fc.nat(6),
  monthly: fc.nat(14),
});

describe('retention properties', () => {
  it('partitions: every backup is kept or removed, never both', () => {
    fc.assert(
      fc.property(items, policy, (xs, p) => {
        const d = decideRetention(xs, p);
        expect(d.keep.size + d.remove.length).toBe(xs.length);
        for (const r of d.remove) expect(d.keep.has(r)).toBe(false);
      }),
    );
  });

  it('an empty policy deletes nothing', () => {
    fc.assert(
      fc.property(items, (xs) => {
        expect(decideRetention(xs, none).remove).toEqual([]);
      }),
    );
  });

  it('the newest verified backup is always kept', () => {
    fc.assert(
      fc.property(items, policy, (xs, p) => {
        const newest = [...xs]
          .filter((x) => x.verified)
          .sort((a, b) => b.time.getTime() - a.time.getTime())[0];
        if (newest) {
          const d = decideRetention(xs, p);
          const sameTime = xs.filter((x) => x.verified && x.time.getTime() === newest.time.getTime());
          expect(sameTime.some((x) => d.keep.has(x.name))).toBe(true);
        }
      }),
    );
  });

  it('keeps at most one per rule slot (plus the newest verified)', () => {
    fc.assert(
      fc.property(items, policy, (xs, p) => {
        const d = decideRetention(xs, p);
        if (p.last + p.daily + p.weekly + p.monthly > 0) {
          expect(d.keep.size).toBeLessThanOrEqual(p.last + p.daily + p.weekly + p.monthly + 1);
        }
      }),
    );
  });

  it('keep-last N keeps the N newest', () => {
    fc.assert(
      fc.property(items, fc.nat(8), (xs, n) => {
        const d = decideRetention(xs, { ...none, last: n });
        const newest = [...xs].sort(
          (a, b) => b.time.getTime() - a.time.getTime() || (a.name < b.name ? 1 : -1),
        );
        for (const x of newest.slice(0, n)) expect(d.keep.has(x.name)).toBe(true);
      }),
    );
  });

  it('keep-daily N keeps the newest backup of each of the N newest days, and nothing else', () => {
    fc.assert(
      fc.property(items, fc.integer({ min: 1, max: 10 }), (xs, n) => {
        const plain = xs.map((x) => ({ ...x, verified: false }));
        const d = decideRetention(plain, { ...none, daily: n });
        const byDay = new Map<string, (typeof plain)[number]>();
        for (const x of [...plain].sort(
          (a, b) => b.time.getTime() - a.time.getTime() || (a.name < b.name ? 1 : -1),
        )) {
          const day = x.time.toISOString().slice(0, 10);
          if (!byDay.has(day)) byDay.set(day, x);
        }
        const expected = [...byDay.values()].slice(0, n).map((x) => x.name);
        expect([...d.keep.keys()].sort()).toEqual(expected.sort());
      }),
    );
  });

  it('raising any keep-* never deletes a backup that was kept', () => {
    fc.assert(
      fc.property(items, policy, fc.constantFrom('last', 'daily', 'weekly', 'monthly'), (xs, p, rule) => {
        // An all-zero policy keeps everything (no policy given), so raising one rule from there prunes: by design.
        fc.pre(!isEmptyPolicy(p));
        const before = decideRetention(xs, p);
        const after = decideRetention(xs, { ...p, [rule]: p[rule as keyof RetentionPolicy] + 1 });
        for (const name of before.keep.keys()) expect(after.keep.has(name)).toBe(true);
      }),
    );
  });

  it('is stable: applying the policy again to what it kept deletes nothing more', () => {
    fc.assert(
      fc.property(items, policy, (xs, p) => {
        const first = decideRetention(xs, p);
        const rest = xs.filter((x) => first.keep.has(x.name));
        expect(decideRetention(rest, p).remove).toEqual([]);
      }),
    );
  });
});
