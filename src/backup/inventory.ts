import { sh } from '../ssh/quote.js';
import type { RemoteShell } from '../ssh/remote-shell.js';
import { parseBackupFileName } from './naming.js';
import { kindOfSlug } from './source.js';
import type { SourceKind } from './source.js';
import type { BackupRecordMeta } from './take-backup.js';

/** One backup on the server, as `mode: list` reports it and retention and restore read it. */
export interface BackupRecord {
  source: string;
  kind: SourceKind | 'unknown';
  target: string;
  name: string;
  path: string;
  bytes: number;
  sha256: string;
  verified: boolean;
  created: string;
  time: Date;
  meta?: BackupRecordMeta;
}

/**
 * Lists the app's backups in a few processes whatever their number: `wc -c` for every size, then each
 * `.sha256` and `.json` sidecar as `name:content` lines (grep -H), in sections the parser tells apart.
 */
export function inventoryScript(backupDir: string, app: string): string {
  return [
    sh`dir=${backupDir}; app=${app}`,
    '[ -d "$dir" ] || exit 0',
    'cd "$dir" || exit 1',
    'echo "#sizes"',
    'set -- "$app"_*; [ -e "$1" ] && wc -c -- "$@"',
    'echo "#sums"',
    'set -- "$app"_*.sha256; [ -e "$1" ] && grep -H "" -- "$@"',
    'echo "#records"',
    'set -- "$app"_*.json; [ -e "$1" ] && grep -H "" -- "$@"',
    'exit 0',
  ].join('\n');
}

/** Parses inventoryScript's output into records (newest first); lines that are not ours are ignored. */
export function parseInventory(output: string, app: string, backupDir: string): BackupRecord[] {
  const byName = new Map<string, { bytes: number; sha256?: string; meta?: BackupRecordMeta }>();
  let section = '';
  for (const line of output.split('\n')) {
    if (line.startsWith('#')) {
      section = line;
      continue;
    }
    if (section === '#sizes') {
      const m = /^\s*(\d+)\s+(.+)$/.exec(line);
      if (m && parseBackupFileName(app, m[2]!)) byName.set(m[2]!, { bytes: Number(m[1]) });
      continue;
    }
    // Our names hold no `:`; the first one ends the sidecar's name.
    const colon = line.indexOf(':');
    if (colon < 0) continue;
    const sidecar = line.slice(0, colon);
    const value = line.slice(colon + 1);
    if (section === '#sums' && sidecar.endsWith('.sha256')) {
      const entry = byName.get(sidecar.slice(0, -'.sha256'.length));
      const m = /^([0-9a-f]{64}) [ *](.+)$/.exec(value.trim());
      if (entry && m?.[1] && `${sidecar.slice(0, -'.sha256'.length)}` === m[2]) entry.sha256 = m[1];
    }
    if (section === '#records' && sidecar.endsWith('.json')) {
      const entry = byName.get(sidecar.slice(0, -'.json'.length));
      const meta = parseMeta(value);
      if (entry && meta) entry.meta = meta;
    }
  }
  const records: BackupRecord[] = [];
  for (const [name, e] of byName) {
    const parsed = parseBackupFileName(app, name)!;
    records.push({
      source: parsed.source,
      kind: e.meta?.kind ?? kindOfSlug(parsed.source) ?? 'unknown',
      target: e.meta?.target ?? '',
      name,
      path: `${backupDir}/${name}`,
      bytes: e.bytes,
      sha256: e.sha256 ?? '',
      // Only a backup with its checksum and a record saying it passed verification counts as verified.
      verified: Boolean(e.sha256 && e.meta?.verified),
      created: parsed.time.toISOString(),
      time: parsed.time,
      ...(e.meta ? { meta: e.meta } : {}),
    });
  }
  return records.sort((a, b) => b.time.getTime() - a.time.getTime() || (a.name < b.name ? 1 : -1));
}

function parseMeta(text: string): BackupRecordMeta | undefined {
  try {
    const v = JSON.parse(text) as Partial<BackupRecordMeta>;
    if (typeof v !== 'object' || v === null || typeof v.source !== 'string' || typeof v.kind !== 'string')
      return undefined;
    return v as BackupRecordMeta;
  } catch {
    return undefined;
  }
}

export async function listBackups(
  conn: RemoteShell,
  backupDir: string,
  app: string,
): Promise<BackupRecord[]> {
  const r = await conn.run(inventoryScript(backupDir, app), `listing ${backupDir}`, { log: false });
  return parseInventory(r.stdout, app, backupDir);
}
