import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import {
  backupFileName,
  parseBackupFileName,
  parseStamp,
  slugify,
  stampOf,
} from '../../../src/backup/naming.js';

describe('backup file names', () => {
  it.each([
    ['2025-01-14T02:30:00.123Z', '20250114T023000Z'],
    ['1999-12-31T23:59:59.999Z', '19991231T235959Z'],
    ['2024-02-29T00:00:00.000Z', '20240229T000000Z'],
  ])('stamps %s as %s', (iso, stamp) => {
    expect(stampOf(new Date(iso))).toBe(stamp);
    expect(parseStamp(stamp)?.toISOString()).toBe(iso.replace(/\.\d{3}Z$/, '.000Z'));
  });

  it.each(['20250231T000000Z', '20250114T246000Z', '20250114T0230Z', '2025-01-14T023000Z', ''])(
    'refuses the stamp %j',
    (s) => expect(parseStamp(s)).toBeUndefined(),
  );

  it.each([
    ['shop', 'sqlite-app', 'sqlite.gz', 'shop_sqlite-app_20250114T023000Z.sqlite.gz'],
    ['my_app', 'postgres-shop', 'dump', 'my_app_postgres-shop_20250114T023000Z.dump'],
    ['a-b', 'files', 'tar.gz', 'a-b_files_20250114T023000Z.tar.gz'],
  ])('names app %s source %s', (app, source, ext, name) => {
    const t = new Date('2025-01-14T02:30:00Z');
    expect(backupFileName(app, source, t, ext)).toBe(name);
    expect(parseBackupFileName(app, name)).toEqual({ app, source, time: t, ext });
  });

  it.each([
    ['shop', 'shop_sqlite-app_20250114T023000Z.sqlite.gz.sha256'],
    ['shop', 'shop_sqlite-app_20250114T023000Z.sqlite.gz.json'],
    ['shop', '.shop_sqlite-app_20250114T023000Z.sqlite.gz.partial-ab12'],
    ['shop', 'shopx_sqlite-app_20250114T023000Z.sqlite.gz'],
    ['shop', 'shop_x_files_20250114T023000Z.tar.gz'],
    ['shop', 'shop_files_20250231T023000Z.tar.gz'],
    ['shop', 'shop_files_20250114T023000Z'],
    ['shop', 'decidero-2025-01-14-023000.db'],
  ])('for app %s, %s is not a backup', (app, name) => expect(parseBackupFileName(app, name)).toBeUndefined());

  it.each([
    ['app.db', 'app-db'],
    ['my_data.sqlite3', 'my-data-sqlite3'],
    ['../..', 'x'],
    ['é', 'x'],
    ['a'.repeat(80), 'a'.repeat(64)],
  ])('slugifies %j as %j', (s, slug) => expect(slugify(s)).toBe(slug));

  it('round-trips every slug and time', () => {
    fc.assert(
      fc.property(
        fc.string({ minLength: 1, maxLength: 70 }),
        fc.date({ min: new Date('1971-01-01'), max: new Date('2999-01-01'), noInvalidDate: true }),
        (s, t) => {
          const source = slugify(s);
          const name = backupFileName('app_1', source, t, 'tar.gz');
          const parsed = parseBackupFileName('app_1', name);
          expect(parsed?.source).toBe(source);
          expect(parsed?.time.getTime()).toBe(Math.floor(t.getTime() / 1000) * 1000);
        },
      ),
    );
  });
});
