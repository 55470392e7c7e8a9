import { cpSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { cmd } from '../../harness/parts.js';

/** The nightly backups of the Deita suite: the nights it runs backup.yml on, and the year before them. */

/** Nightly runs on five days across three months, the last day twice (the earlier one then goes). */
export const RUNS = [
  '2025-11-03T02:00:00Z',
  '2025-12-01T02:00:00Z',
  '2026-01-05T02:00:00Z',
  '2026-01-06T02:00:00Z',
  '2026-01-07T02:00:00Z',
  '2026-01-07T14:00:00Z',
];

export const stamp = (t: Date) =>
  t
    .toISOString()
    .replace(/\.\d{3}Z$/, 'Z')
    .replace(/[-:]/g, '');
export const timeOf = (name: string) =>
  new Date(name.replace(/^.*_(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})Z.*$/, '$1-$2-$3T$4:$5:$6Z'));

/**
 * Writes 15 monthly backups before a real one, beside it, as the runs of the year before would have left them:
 * the file (a copy of the real one), its .sha256 and .json, owned by the deploy user.
 */
export function seedMonthly(dir: string, real: string, owner: string): string[] {
  const first = timeOf(real);
  const names: string[] = [];
  const meta = JSON.parse(readFileSync(join(dir, `${real}.json`), 'utf8')) as Record<string, unknown>;
  const sum = readFileSync(join(dir, `${real}.sha256`), 'utf8').split(' ')[0]!;
  for (let m = 1; m <= 15; m++) {
    const t = new Date(Date.UTC(first.getUTCFullYear(), first.getUTCMonth() - m, 15, 2));
    const name = real.replace(stamp(first), stamp(t));
    cpSync(join(dir, real), join(dir, name));
    writeFileSync(join(dir, `${name}.sha256`), `${sum}  ${name}\n`);
    writeFileSync(join(dir, `${name}.json`), JSON.stringify({ ...meta, created: t.toISOString() }));
    for (const f of [name, `${name}.sha256`, `${name}.json`]) cmd('chown', [`${owner}:`, join(dir, f)]);
    names.push(name);
  }
  return names;
}

/**
 * The newest downloaded backups, read by this machine's own tools: the Postgres dump's table of contents
 * (`pg_restore -l`), and of the analytics volume's archive, its file's integrity_check, its workspace events and
 * whether it holds page views (`ok`, count, 1).
 */
export function readNewestDownloads(dir: string): { dumpToc: string; analytics: string } {
  const files = readdirSync(dir)
    .filter((f) => !/\.(sha256|json)$/.test(f))
    .sort();
  const dump = files.filter((f) => f.includes('_postgres')).at(-1);
  const volume = files.filter((f) => f.includes('duckdb') && f.endsWith('.tar.gz')).at(-1);
  if (!dump || !volume) throw new Error(`no dump or volume archive among the downloads: ${files.join(', ')}`);
  const out = mkdtempSync(join(tmpdir(), 'deita-duckdb-'));
  try {
    cmd('tar', ['-xzf', join(dir, volume), '-C', out]);
    const analytics = cmd('sqlite3', [
      join(out, 'deita.duckdb'),
      "PRAGMA integrity_check; SELECT count(*) FROM events WHERE kind = 'workspace'; " +
        "SELECT count(*) > 0 FROM events WHERE kind = 'view';",
    ]).trim();
    return { dumpToc: cmd('pg_restore', ['-l', join(dir, dump)]), analytics };
  } finally {
    rmSync(out, { recursive: true, force: true });
  }
}
