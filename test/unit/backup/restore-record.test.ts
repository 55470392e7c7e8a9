import { describe, expect, it } from 'vitest';
import { parseInventory } from '../../../src/backup/inventory.js';
import { restoreTargetOf } from '../../../src/backup/restore-target.js';
import { filesSource } from '../../../src/backup/source.js';
import { backupRecordMeta } from '../../../src/backup/take-backup.js';

/**
 * A files backup's record read back for a restore without a `files` input: the paths restored are the paths
 * backed up, whatever characters they hold, and records written before the paths list still read.
 */
const NAME = 'shop_files_20250101T000000Z.tar.gz';
const SUM = 'a'.repeat(64);

/** The list output for one backup whose record (`<name>.json`) is `record`, as inventoryScript prints it. */
function listedWith(record: string): string {
  return [
    '#sizes',
    `  1200 ${NAME}`,
    '#sums',
    `${NAME}.sha256:${SUM}  ${NAME}`,
    '#records',
    `${NAME}.json:${record}`,
  ].join('\n');
}

const restoredPaths = (record: string) => {
  const [backup] = parseInventory(listedWith(record), 'shop', '/srv/shop/backups');
  const target = restoreTargetOf(backup!, [], '/srv/shop');
  return target.kind === 'files' ? target.paths : undefined;
};

describe('the restore record of a files backup', () => {
  it.each([[['.env', 'media']], [['media, 2024', '.env']], [['a, b, c']], [['notes,plain', 'x, ']]])(
    '%j survives the record and comes back as the same paths',
    (paths) => {
      const meta = backupRecordMeta('shop', filesSource('/srv/shop', paths), new Date(0), true);
      expect(restoredPaths(JSON.stringify(meta))).toEqual(paths);
    },
  );

  it('a record written before the paths list still reads, from its target', () => {
    const old = {
      app: 'shop',
      source: 'files',
      kind: 'files',
      target: '.env, media',
      created: '2025-01-01T00:00:00.000Z',
      verified: true,
    };
    expect(restoredPaths(JSON.stringify(old))).toEqual(['.env', 'media']);
  });

  it('the record of other kinds carries no paths', () => {
    const meta = backupRecordMeta(
      'shop',
      { kind: 'volume', slug: 'volume-x', target: 'x', volume: 'x' },
      new Date(0),
      true,
    );
    expect(meta).not.toHaveProperty('paths');
  });
});
