import { posix } from 'node:path';
import { ConfigurationError } from '../io/errors.js';
import { sourceSlug } from './naming.js';
import { parsePostgresUrl } from './postgres-url.js';
import type { PostgresUrl } from './postgres-url.js';

/**
 * What one backup is of. `slug` names it in file names (retention counts per slug); `target` is what a user
 * recognises and what is recorded beside the backup for a later restore (never a password).
 */
export type BackupSource =
  | { kind: 'sqlite'; slug: string; target: string; path: string }
  | { kind: 'postgres'; slug: string; target: string; postgres: PostgresUrl }
  | { kind: 'postgres'; slug: string; target: string; service: string }
  | { kind: 'volume'; slug: string; target: string; volume: string }
  | { kind: 'files'; slug: string; target: string; appDir: string; paths: string[] };

export type SourceKind = BackupSource['kind'];
export const SOURCE_KINDS: readonly SourceKind[] = ['sqlite', 'postgres', 'volume', 'files'];

/** File extension of each kind's backup. Custom-format dumps are compressed by pg_dump itself. */
export const EXTENSIONS: Record<SourceKind, string> = {
  sqlite: 'sqlite.gz',
  postgres: 'dump',
  volume: 'tar.gz',
  files: 'tar.gz',
};

export interface SourceInputs {
  sqlite: string[];
  postgres: string[];
  volumes: string[];
  files: string[];
}

/** The inputs as a list of sources, each with a slug that is unique in this run. */
export function sourcesOf(i: SourceInputs, appDir: string): BackupSource[] {
  const sources: BackupSource[] = [
    ...i.sqlite.map((p) => sqliteSource(posix.resolve(appDir, p))),
    ...i.postgres.map(postgresSource),
    ...i.volumes.map(volumeSource),
    ...(i.files.length ? [filesSource(appDir, i.files)] : []),
  ];
  return withUniqueSlugs(sources);
}

export function sqliteSource(path: string, slug?: string): BackupSource {
  const base = posix.basename(path).replace(/\.(db|sqlite3?|sqlite)$/i, '');
  return { kind: 'sqlite', slug: slug ?? sourceSlug('sqlite', base), target: path, path };
}

export function postgresSource(spec: string): BackupSource {
  const compose = /^compose:(.+)$/.exec(spec);
  if (compose) {
    const service = compose[1]!;
    return { kind: 'postgres', slug: sourceSlug('postgres', service), target: spec, service };
  }
  const postgres = parsePostgresUrl(spec);
  if (!postgres) throw new ConfigurationError('input "postgres" holds a line that is not a postgres:// URL');
  return {
    kind: 'postgres',
    slug: sourceSlug('postgres', postgres.database),
    target: postgres.url,
    postgres,
  };
}

export function volumeSource(volume: string): BackupSource {
  return { kind: 'volume', slug: sourceSlug('volume', volume), target: volume, volume };
}

export function filesSource(appDir: string, paths: string[]): BackupSource {
  return { kind: 'files', slug: 'files', target: paths.join(', '), appDir, paths };
}

/** Two sources with one slug would share their retention: name the clash so the user can tell them apart. */
function withUniqueSlugs(sources: BackupSource[]): BackupSource[] {
  const count = (slug: string, list: BackupSource[]) => list.filter((s) => s.slug === slug).length;
  const out = sources.map((s) =>
    s.kind === 'sqlite' && count(s.slug, sources) > 1
      ? sqliteSource(s.path, sourceSlug('sqlite', s.path))
      : s,
  );
  for (const s of out) {
    if (count(s.slug, out) > 1) {
      throw new ConfigurationError(
        `two sources would share the backup name "${s.slug}" (${out
          .filter((o) => o.slug === s.slug)
          .map((o) => o.target)
          .join(' and ')}): back up each only once`,
      );
    }
  }
  return out;
}

/** The kind a slug belongs to (slugs start with their kind). */
export function kindOfSlug(slug: string): SourceKind | undefined {
  if (slug === 'files') return 'files';
  const k = /^(sqlite|postgres|volume)-/.exec(slug)?.[1];
  return k as SourceKind | undefined;
}
