import { describe, expect, it } from 'vitest';
import { parseInventory } from '../../../src/backup/inventory.js';
import { planPrune } from '../../../src/backup/prune.js';
import { runTimeAfter } from '../../../src/backup/run-time.js';
import { parseDone } from '../../../src/backup/remote-script.js';
import { reasonOf } from '../../../src/backup/take-backup.js';

const SUM_A = 'a'.repeat(64);
const SUM_B = 'b'.repeat(64);
const output = [
  '#sizes',
  '  1200 shop_files_20250101T000000Z.tar.gz',
  '    90 shop_files_20250101T000000Z.tar.gz.json',
  '   101 shop_files_20250101T000000Z.tar.gz.sha256',
  '  3400 shop_sqlite-app_20250102T030000Z.sqlite.gz',
  '   101 shop_sqlite-app_20250102T030000Z.sqlite.gz.sha256',
  '     7 shop_postgres-x_20250103T000000Z.dump',
  '     5 shop_notes.txt',
  '     9 shopping_files_20250101T000000Z.tar.gz',
  '  4800 total',
  '#sums',
  `shop_files_20250101T000000Z.tar.gz.sha256:${SUM_A}  shop_files_20250101T000000Z.tar.gz`,
  `shop_sqlite-app_20250102T030000Z.sqlite.gz.sha256:${SUM_B}  shop_sqlite-app_20250102T030000Z.sqlite.gz`,
  `shop_postgres-x_20250103T000000Z.dump.sha256:${SUM_B}  some_other_name.dump`,
  '#records',
  'shop_files_20250101T000000Z.tar.gz.json:{"app":"shop","source":"files","kind":"files","target":".env, media","created":"2025-01-01T00:00:00.000Z","verified":true}',
  'shop_sqlite-app_20250102T030000Z.sqlite.gz.json:{not json',
].join('\n');

describe('parsing the list output', () => {
  const records = parseInventory(output, 'shop', '/srv/shop/backups');

  it('finds only this app’s backups, newest first, sidecars and strangers left out', () => {
    expect(records.map((r) => r.name)).toEqual([
      'shop_postgres-x_20250103T000000Z.dump',
      'shop_sqlite-app_20250102T030000Z.sqlite.gz',
      'shop_files_20250101T000000Z.tar.gz',
    ]);
  });

  it.each([
    [
      'shop_files_20250101T000000Z.tar.gz',
      { source: 'files', kind: 'files', bytes: 1200, sha256: SUM_A, verified: true, target: '.env, media' },
    ],
    // A checksum but an unreadable record: not counted as verified; the kind comes from the name.
    [
      'shop_sqlite-app_20250102T030000Z.sqlite.gz',
      { source: 'sqlite-app', kind: 'sqlite', bytes: 3400, sha256: SUM_B, verified: false },
    ],
    // A .sha256 naming another file does not vouch for this one.
    [
      'shop_postgres-x_20250103T000000Z.dump',
      { source: 'postgres-x', kind: 'postgres', bytes: 7, sha256: '', verified: false },
    ],
  ])('%s', (name, expected) => {
    const r = records.find((x) => x.name === name)!;
    expect(r).toMatchObject({ ...expected, path: `/srv/shop/backups/${name}` });
  });

  it('an empty or missing directory lists nothing', () => {
    expect(parseInventory('', 'shop', '/x')).toEqual([]);
    expect(parseInventory('#sizes\n#sums\n#records\n', 'shop', '/x')).toEqual([]);
  });
});

describe('pruning plan', () => {
  const day = (d: number) => `shop_files_202501${String(d).padStart(2, '0')}T000000Z.tar.gz`;
  const lines = ['#sizes', ...[1, 2, 3, 4, 5].map((d) => `10 ${day(d)}`), '#sums', '#records'];
  const records = parseInventory(lines.join('\n'), 'shop', '/b');

  it('keeps this run’s backup whatever the policy', () => {
    const p = planPrune(records, 'files', { last: 1, daily: 0, weekly: 0, monthly: 0 }, day(3));
    expect(p.remove.map((r) => r.name)).toEqual([day(4), day(2), day(1)]);
    expect(p.keep).toBe(2);
  });

  it('leaves other sources alone', () => {
    expect(planPrune(records, 'sqlite-app', { last: 1, daily: 0, weekly: 0, monthly: 0 }).remove).toEqual([]);
  });
});

describe('run time', () => {
  const at = (iso: string) => parseInventory(`#sizes\n1 shop_files_${iso}.tar.gz`, 'shop', '/b');
  it.each([
    ['no backups: now, to the second', [], '2025-01-01T10:00:00.700Z', '2025-01-01T10:00:00.000Z'],
    [
      'one this second: the next second',
      at('20250101T100000Z'),
      '2025-01-01T10:00:00.700Z',
      '2025-01-01T10:00:01.000Z',
    ],
    ['an older one: now', at('20250101T090000Z'), '2025-01-01T10:00:00.000Z', '2025-01-01T10:00:00.000Z'],
    [
      'one far in the future is ignored',
      at('20300101T000000Z'),
      '2025-01-01T10:00:00.000Z',
      '2025-01-01T10:00:00.000Z',
    ],
  ])('%s', (_what, records, now, expected) => {
    expect(runTimeAfter(records, new Date(now)).toISOString()).toBe(expected);
  });
});

describe('script results', () => {
  it.each([
    [`noise\nvps-deploy-backup-done ${SUM_A} 1234\n`, { sha256: SUM_A, bytes: 1234 }],
    [`vps-deploy-backup-done ${SUM_A}     99\n`, { sha256: SUM_A, bytes: 99 }],
    ['vps-deploy-backup-done nothex 1\n', undefined],
    ['', undefined],
  ])('parseDone(%j)', (out, expected) => expect(parseDone(out)).toEqual(expected));

  it.each([
    [
      'pg_dump: error: connection failed\nvps-deploy: pg_dump of x failed\n',
      'pg_dump of x failed | pg_dump: error: connection failed',
    ],
    ['vps-deploy: warning: owner\n', undefined],
    [
      'gzip: stdout: No space left on device\nvps-deploy: compressing failed (disk full?)',
      'compressing failed (disk full?) | gzip: stdout: No space left on device',
    ],
    ['just noise', undefined],
  ])('reasonOf(%j)', (err, expected) => expect(reasonOf(err)).toBe(expected));
});
