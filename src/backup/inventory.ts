import { sh } from '../ssh/quote.js';
import type { SshConnection } from '../ssh/connection.js';
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

/** Prints `F name bytes`, `S name sha256` and `M name json` lines (tab-separated) for the app's backups. */
export function inventoryScript(backupDir: string, app: string): string {
  return [
    sh`dir=${backupDir}; app=${app}`,
    '[ -d "$dir" ] || exit 0',
    'cd "$dir" || exit 1',
    'for f in "$app"_*; do',
    '  [ -f "$f" ] || continue',
    '  case "$f" in *.sha256|*.json) continue;; esac',
    `  printf 'F\\t%s\\t%s\\n' "$f" "$(wc -c <"$f" | tr -d ' ')"`,
    `  [ -f "$f.sha256" ] && printf 'S\\t%s\\t%s\\n' "$f" "$(head -c 100 "$f.sha256" | cut -d ' ' -f 1)"`,
    `  [ -f "$f.json" ] && printf 'M\\t%s\\t%s\\n' "$f" "$(head -c 8000 "$f.json" | tr -d '\\n\\t')"`,
    'done',
    'exit 0',
  ].join('\n');
}

/** Parses inventoryScript's output into records (newest first); lines that are not ours are ignored. */
export function parseInventory(output: string, app: string, backupDir: string): BackupRecord[] {
  const byName = new Map<string, { bytes: number; sha256?: string; meta?: BackupRecordMeta }>();
  for (const line of output.split('\n')) {
    const [tag, name, value] = line.split('\t');
    if (!tag || !name || value === undefined) continue;
    if (tag === 'F' && /^\d+$/.test(value)) byName.set(name, { bytes: Number(value) });
    const entry = byName.get(name);
    if (!entry) continue;
    if (tag === 'S' && /^[0-9a-f]{64}$/.test(value)) entry.sha256 = value;
    if (tag === 'M') {
      const meta = parseMeta(value);
      if (meta) entry.meta = meta;
    }
  }
  const records: BackupRecord[] = [];
  for (const [name, e] of byName) {
    const parsed = parseBackupFileName(app, name);
    if (!parsed) continue;
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
  conn: SshConnection,
  backupDir: string,
  app: string,
): Promise<BackupRecord[]> {
  const r = await conn.run(inventoryScript(backupDir, app), `listing ${backupDir}`, { log: false });
  return parseInventory(r.stdout, app, backupDir);
}
