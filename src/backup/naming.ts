/**
 * Backup file names on the server: `<app>_<source>_<UTC yyyymmddThhmmssZ>.<ext>` (docs/server-layout.md, "Backups"),
 * with `<name>.sha256` (sha256sum format) and `<name>.json` (what was backed up, for list and restore) beside.
 * A source slug never holds `_`, so a name splits back into app, source and time without ambiguity.
 */
import { createHash } from 'node:crypto';

export interface BackupName {
  app: string;
  source: string;
  time: Date;
  ext: string;
}

const STAMP = /^(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})Z$/;

/** `2025-01-14T02:30:00.123Z` -> `20250114T023000Z` (seconds precision, UTC). */
export function stampOf(time: Date): string {
  return time
    .toISOString()
    .replace(/\.\d{3}Z$/, 'Z')
    .replace(/[-:]/g, '');
}

export function parseStamp(stamp: string): Date | undefined {
  const m = STAMP.exec(stamp);
  if (!m) return undefined;
  const [y, mo, d, h, mi, s] = m.slice(1).map(Number) as [number, number, number, number, number, number];
  const t = new Date(Date.UTC(y, mo - 1, d, h, mi, s));
  // Date.UTC rolls 20250231 over into March: such a stamp is not one we wrote.
  return stampOf(t) === stamp ? t : undefined;
}

const MAX_SLUG = 64;

/** A source slug: letters, digits and `-` only (no `_`, the separator), at most 64 characters. */
export function slugify(s: string): string {
  return trimTo(plainSlug(s), MAX_SLUG) || 'x';
}

/**
 * `<kind>-<slug of name>` within the 64 characters a slug may have. A longer one is cut and ends in 8 hex digits
 * of the name's sha256, so two long names that share their beginning still get two slugs (and two retentions).
 */
export function sourceSlug(kind: string, name: string): string {
  const whole = `${kind}-${plainSlug(name) || 'x'}`;
  if (whole.length <= MAX_SLUG) return whole;
  const hash = createHash('sha256').update(name).digest('hex').slice(0, 8);
  return `${trimTo(whole, MAX_SLUG - hash.length - 1)}-${hash}`;
}

function plainSlug(s: string): string {
  return s
    .replace(/[^A-Za-z0-9-]+/g, '-')
    .replace(/-+/g, '-')
    .replace(/^-|-$/g, '');
}

function trimTo(slug: string, max: number): string {
  return slug.slice(0, max).replace(/-$/, '');
}

export function isSlug(s: string): boolean {
  return /^[A-Za-z0-9][A-Za-z0-9-]{0,63}$/.test(s);
}

export function backupFileName(app: string, source: string, time: Date, ext: string): string {
  if (!isSlug(source)) throw new Error(`not a source slug: ${source}`);
  return `${app}_${source}_${stampOf(time)}.${ext}`;
}

/** Splits a file name this tool wrote for `app`; anything else (sidecars, temp files, other apps) is undefined. */
export function parseBackupFileName(app: string, fileName: string): BackupName | undefined {
  if (!fileName.startsWith(`${app}_`)) return undefined;
  const m = /^([A-Za-z0-9][A-Za-z0-9-]{0,63})_(\d{8}T\d{6}Z)\.([A-Za-z0-9.]+)$/.exec(
    fileName.slice(app.length + 1),
  );
  if (!m) return undefined;
  const ext = m[3]!;
  if (ext.endsWith('.sha256') || ext.endsWith('.json') || ext === 'sha256' || ext === 'json')
    return undefined;
  const time = parseStamp(m[2]!);
  return time ? { app, source: m[1]!, time, ext } : undefined;
}
