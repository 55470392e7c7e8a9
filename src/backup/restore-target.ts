import { ConfigurationError } from '../io/errors.js';
import type { BackupRecord } from './inventory.js';
import { filesSource, postgresSource, sqliteSource, volumeSource } from './source.js';
import type { BackupSource } from './source.js';

/**
 * Where a backup is restored to: the source input of the same kind (the one with the same name when several
 * are given), or else the source recorded beside the backup.
 */
export function restoreTargetOf(record: BackupRecord, inputs: BackupSource[], appDir: string): BackupSource {
  if (record.kind === 'unknown') {
    throw new ConfigurationError(
      `cannot tell what kind of backup ${record.name} is: it has no record beside it`,
    );
  }
  const sameKind = inputs.filter((s) => s.kind === record.kind);
  const sameName = sameKind.filter((s) => s.slug === record.source);
  if (sameKind.length === 1) return sameKind[0]!;
  if (sameName.length === 1) return sameName[0]!;
  if (sameKind.length > 1) {
    throw new ConfigurationError(
      `input "${inputName(record.kind)}" lists several ${record.kind} sources and none is the one ${record.name} ` +
        `was taken of (${record.source}): give only the one to restore into`,
    );
  }
  const recorded = record.meta?.target;
  if (!recorded) {
    throw new ConfigurationError(
      `${record.name} does not record what it was taken of: give the target as input "${inputName(record.kind)}"`,
    );
  }
  switch (record.kind) {
    case 'sqlite':
      return sqliteSource(recorded, record.source);
    case 'postgres':
      return { ...postgresSource(recorded), slug: record.source };
    case 'volume':
      return { ...volumeSource(recorded), slug: record.source };
    case 'files':
      return filesSource(appDir, recordedPaths(record.meta, recorded));
  }
}

function inputName(kind: BackupSource['kind']): string {
  return kind === 'volume' ? 'volumes' : kind;
}

/** A files backup's paths: the list in its record, or (records from before that list) its `, `-joined target. */
function recordedPaths(meta: BackupRecord['meta'], target: string): string[] {
  const paths = meta?.paths;
  return Array.isArray(paths) && paths.length && paths.every((p) => typeof p === 'string')
    ? paths
    : target.split(', ');
}
