import { describe, expect, it } from 'vitest';
import { ConfigurationError } from '../../../src/io/errors.js';
import { parsePostgresUrl, redactUrlPasswords, urlPasswords } from '../../../src/backup/postgres-url.js';
import { sourcesOf } from '../../../src/backup/source.js';
import { backupFileName, parseBackupFileName } from '../../../src/backup/naming.js';
import { restoreTargetOf } from '../../../src/backup/restore-target.js';
import { parseInventory } from '../../../src/backup/inventory.js';
import { readBackupInputs } from '../../../src/actions/backup/inputs.js';
import { planOf } from '../../../src/actions/backup/plan.js';

describe('postgres URLs', () => {
  it.each([
    [
      'postgresql://app:s3cret@db:5432/shop',
      { url: 'postgresql://app@db:5432/shop', password: 's3cret', database: 'shop' },
    ],
    [
      'postgres://app:p%40ss%3Aw@127.0.0.1/shop?sslmode=require',
      { url: 'postgres://app@127.0.0.1/shop?sslmode=require', password: 'p@ss:w', database: 'shop' },
    ],
    [
      'postgresql://app@db/shop?password=qq&sslmode=disable',
      { url: 'postgresql://app@db/shop?sslmode=disable', password: 'qq', database: 'shop' },
    ],
    ['postgresql://app@db', { url: 'postgresql://app@db', database: 'app' }],
    [
      'postgresql:///shop?host=/run/postgresql',
      { url: 'postgresql:///shop?host=/run/postgresql', database: 'shop' },
    ],
  ])('%s', (input, expected) => expect(parsePostgresUrl(input)).toEqual(expected));

  // libpq decodes only %XX in a URI's query (`+` stays `+`), and the query left for pg_dump keeps its text.
  it.each([
    [
      'postgresql://app@db/shop?password=a+b',
      { url: 'postgresql://app@db/shop', password: 'a+b', database: 'shop' },
    ],
    [
      'postgresql://app@db/shop?options=-c%20search_path%3Dx&password=p%2Bq&application_name=a+b',
      {
        url: 'postgresql://app@db/shop?options=-c%20search_path%3Dx&application_name=a+b',
        password: 'p+q',
        database: 'shop',
      },
    ],
    [
      'postgresql://app:pw@db/shop?sslmode=verify-full&sslpassword=k%20ey&sslkey=/k',
      {
        url: 'postgresql://app@db/shop?sslmode=verify-full&sslkey=/k',
        password: 'pw',
        sslPassword: 'k ey',
        database: 'shop',
      },
    ],
  ])('keeps libpq query meaning: %s', (input, expected) => expect(parsePostgresUrl(input)).toEqual(expected));

  it.each(['mysql://a:b@c/d', 'compose:db', 'postgres:/x', 'not a url'])('%s is not one', (v) =>
    expect(parsePostgresUrl(v)).toBeUndefined(),
  );

  it.each([
    ['postgresql://app:s3cret@db/shop', 'postgresql://app:***@db/shop', ['s3cret']],
    ['mysql://root:a@b@db/x and x?password=zz', 'mysql://root:***@db/x and x?password=***', ['a@b', 'zz']],
    ['postgresql://app:p%40ss@db/x', 'postgresql://app:***@db/x', ['p%40ss', 'p@ss']],
    ['postgresql://app@db/shop', 'postgresql://app@db/shop', []],
    [
      'postgresql://app@db/shop?sslpassword=keypw&sslmode=require',
      'postgresql://app@db/shop?sslpassword=***&sslmode=require',
      ['keypw'],
    ],
    ['postgresql://db/shop?password=a+b', 'postgresql://db/shop?password=***', ['a+b']],
  ])('redacts %s', (text, shown, passwords) => {
    expect(redactUrlPasswords(text)).toBe(shown);
    expect(urlPasswords(text)).toEqual(passwords);
  });
});

describe('sources from inputs', () => {
  const none = { sqlite: [], postgres: [], volumes: [], files: [] };
  it.each([
    [{ ...none, sqlite: ['data/app.db'] }, [['sqlite', 'sqlite-app', '/srv/shop/data/app.db']]],
    [
      { ...none, sqlite: ['/var/lib/x/my_db.sqlite3'] },
      [['sqlite', 'sqlite-my-db', '/var/lib/x/my_db.sqlite3']],
    ],
    [
      { ...none, sqlite: ['a/app.db', 'b/app.db'] },
      [
        ['sqlite', 'sqlite-srv-shop-a-app-db', '/srv/shop/a/app.db'],
        ['sqlite', 'sqlite-srv-shop-b-app-db', '/srv/shop/b/app.db'],
      ],
    ],
    [
      { ...none, postgres: ['postgresql://u:pw@h/shop_db', 'compose:db'] },
      [
        ['postgres', 'postgres-shop-db', 'postgresql://u@h/shop_db'],
        ['postgres', 'postgres-db', 'compose:db'],
      ],
    ],
    [
      { ...none, volumes: ['pg_data'], files: ['.env', 'media'] },
      [
        ['volume', 'volume-pg-data', 'pg_data'],
        ['files', 'files', '.env, media'],
      ],
    ],
  ])('%j', (inputs, expected) => {
    expect(sourcesOf(inputs, '/srv/shop').map((s) => [s.kind, s.slug, s.target])).toEqual(expected);
  });

  it('a long SQLite, volume or database name still makes a file name, unique and parseable', () => {
    const long = 'a'.repeat(70);
    const sources = sourcesOf(
      {
        sqlite: [`data/${long}1.db`, `data/${long}2.db`],
        postgres: [`postgresql://h/${long}`],
        volumes: [long],
        files: [],
      },
      '/srv/shop',
    );
    const t = new Date('2025-01-14T02:30:00Z');
    const slugs = sources.map((s) => s.slug);
    expect(new Set(slugs).size).toBe(4);
    for (const s of sources) {
      const name = backupFileName('shop', s.slug, t, 'gz');
      expect(parseBackupFileName('shop', name)?.source).toBe(s.slug);
      expect(s.slug).toMatch(new RegExp(`^${s.kind}-a+-[0-9a-f]{8}$`));
    }
  });

  it('refuses two sources that would share a name', () => {
    expect(() =>
      sourcesOf({ ...none, postgres: ['postgresql://h/shop', 'postgresql://other/shop'] }, '/srv/x'),
    ).toThrow(/two sources would share the backup name "postgres-shop"/);
  });
});

describe('restore target', () => {
  const record = (name: string, meta?: object) =>
    parseInventory(
      `#sizes\n1 ${name}\n#records\n${meta ? `${name}.json:${JSON.stringify(meta)}` : ''}`,
      'shop',
      '/b',
    )[0]!;
  const inputs = sourcesOf(
    { sqlite: ['data/app.db'], postgres: ['compose:db'], volumes: [], files: [] },
    '/srv/shop',
  );
  const sq = record('shop_sqlite-old_20250101T000000Z.sqlite.gz', {
    source: 'sqlite-old',
    kind: 'sqlite',
    target: '/old/old.db',
  });

  it('is the input of the same kind when there is one', () => {
    expect(restoreTargetOf(sq, inputs, '/srv/shop')).toMatchObject({
      kind: 'sqlite',
      path: '/srv/shop/data/app.db',
    });
  });
  it('is the recorded source when no input of that kind is given', () => {
    expect(restoreTargetOf(sq, [], '/srv/shop')).toMatchObject({
      kind: 'sqlite',
      path: '/old/old.db',
      slug: 'sqlite-old',
    });
  });
  it('is the one with the same name among several', () => {
    const two = sourcesOf(
      { sqlite: ['data/app.db', 'data/old.db'], postgres: [], volumes: [], files: [] },
      '/srv/shop',
    );
    expect(restoreTargetOf(sq, two, '/srv/shop')).toMatchObject({ path: '/srv/shop/data/old.db' });
  });
  it('asks which one when several are given and none matches', () => {
    const two = sourcesOf(
      { sqlite: ['data/a.db', 'data/b.db'], postgres: [], volumes: [], files: [] },
      '/srv/shop',
    );
    expect(() => restoreTargetOf(sq, two, '/srv/shop')).toThrow(ConfigurationError);
  });
  it('a recorded URL restores there (its password, never recorded, must come from the input or ~/.pgpass)', () => {
    const pg = record('shop_postgres-shop_20250101T000000Z.dump', {
      source: 'postgres-shop',
      kind: 'postgres',
      target: 'postgresql://app@db/shop',
    });
    expect(restoreTargetOf(pg, [], '/srv/shop')).toMatchObject({
      kind: 'postgres',
      postgres: { url: 'postgresql://app@db/shop' },
    });
  });
  it('without a record and no input, says what to give', () => {
    expect(() => restoreTargetOf(record('shop_volume-v_20250101T000000Z.tar.gz'), [], '/srv/shop')).toThrow(
      /input "volumes"/,
    );
  });
});

describe('inputs and plan', () => {
  const base = { host: 'example.com', username: 'deploy', key: 'k', app: 'shop' };
  const read = (over: Record<string, string>) =>
    readBackupInputs((n) => ({ ...base, ...over })[n as keyof typeof base] ?? '');

  it.each<[Record<string, string>, RegExp]>([
    [{ files: '../etc/passwd' }, /input "files"/],
    [{ files: '/etc/passwd' }, /input "files"/],
    [{ files: '.' }, /input "files"/],
    [{ files: './/' }, /input "files"/],
    [{ files: './.' }, /input "files"/],
    [{ files: 'a/./' }, /input "files"/],
    [{ files: 'media/./x' }, /input "files"/],
    [{ files: '.env\n.//' }, /input "files"/],
    [{ volumes: 'bad name' }, /input "volumes"/],
    [{ 'keep-last': 'many' }, /input "keep-last"/],
    [{ mode: 'delete' }, /input "mode" got "delete": takes one of backup, list, restore/],
    [{ 'backup-dir': 'backups' }, /input "backup-dir"/],
    [
      { postgres: 'postgresql://u:topsecret@h/db\nredis://x' },
      /input "postgres" got "postgresql:\/\/u:\*\*\*@h\/db/,
    ],
    [{ 'restore-from': 'a/b' }, /input "restore-from"/],
  ])('%j is refused', (over, message) => {
    expect(() => read(over)).toThrow(message);
    try {
      read(over);
    } catch (e) {
      expect(String(e)).not.toContain('topsecret');
    }
  });

  it.each<[Record<string, string>, RegExp]>([
    [{}, /nothing to back up/],
    [
      { mode: 'restore', 'restore-from': 'shop_files_20250101T000000Z.tar.gz' },
      /restore refused.*confirm.*i-know-this-will-overwrite/,
    ],
    [
      { mode: 'restore', 'restore-from': 'shop_files_20250101T000000Z.tar.gz', confirm: 'yes' },
      /restore refused/,
    ],
    [{ mode: 'restore', confirm: 'i-know-this-will-overwrite' }, /"restore-from" is required/],
    [
      {
        mode: 'restore',
        'restore-from': 'other_files_20250101T000000Z.tar.gz',
        confirm: 'i-know-this-will-overwrite',
      },
      /takes a backup file name of app shop/,
    ],
  ])('plan refuses %j', (over, message) => {
    expect(() => planOf(read(over), 'acme/shop', '/w')).toThrow(message);
  });

  it('defaults: backup-dir under app-dir, restic-like policy, download resolved in the workspace', () => {
    const plan = planOf(read({ files: '.env', download: 'out' }), 'acme/shop', '/w');
    expect(plan.settings).toMatchObject({
      app: 'shop',
      appDir: '/srv/shop',
      backupDir: '/srv/shop/backups',
      helperImage: 'busybox:stable',
      verify: true,
    });
    expect(plan.policy).toEqual({ last: 3, daily: 7, weekly: 4, monthly: 12 });
    expect(plan.download).toBe('/w/out');
  });
});
