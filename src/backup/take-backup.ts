import { randomBytes } from 'node:crypto';
import { posix } from 'node:path';
import type { RemoteShell } from '../ssh/remote-shell.js';
import { errText, tailOf } from '../io/errors.js';
import { backupFileName } from './naming.js';
import { atomicBackupScript, parseDone } from './remote-script.js';
import { EXTENSIONS } from './source.js';
import type { BackupSource } from './source.js';
import { sqliteBackup } from './sources/sqlite.js';
import { composePostgresBackup, postgresStdin, postgresUrlBackup } from './sources/postgres.js';
import { volumeBackup } from './sources/volume.js';
import { filesBackup } from './sources/files.js';

export interface BackupSettings {
  app: string;
  appDir: string;
  backupDir: string;
  helperImage: string;
  verify: boolean;
}

/** What one source's backup came to. A failed one has `error` and left nothing under a final name. */
export interface BackupOutcome {
  source: BackupSource;
  name?: string;
  path?: string;
  bytes?: number;
  sha256?: string;
  verified: boolean;
  durationMs: number;
  error?: string;
  /** Where the download put it on the runner. */
  downloaded?: string;
}

/** What is recorded beside each backup (`<name>.json`): enough to list and restore it later. */
export interface BackupRecordMeta {
  app: string;
  source: string;
  kind: BackupSource['kind'];
  target: string;
  /**
   * A files backup's paths, one entry each: `target` joins them with `, ` for people, which a path holding `, `
   * would split wrongly on restore. Records written before this field read `target` instead.
   */
  paths?: string[];
  created: string;
  verified: boolean;
  reason?: string;
  host?: string;
}

/** The record written beside a backup of `source` taken at `time`. */
export function backupRecordMeta(
  app: string,
  source: BackupSource,
  time: Date,
  verified: boolean,
  reason?: string,
): BackupRecordMeta {
  return {
    app,
    source: source.slug,
    kind: source.kind,
    target: source.target,
    ...(source.kind === 'files' ? { paths: source.paths } : {}),
    created: time.toISOString(),
    verified,
    ...(reason ? { reason } : {}),
  };
}

/** Backs up one source on the server: one remote script, one SSH exec. Never throws for a remote fault. */
export async function takeBackup(
  conn: RemoteShell,
  source: BackupSource,
  s: BackupSettings,
  time: Date,
  reason?: string,
): Promise<BackupOutcome> {
  const started = performance.now();
  const name = backupFileName(s.app, source.slug, time, EXTENSIONS[source.kind]);
  const tmp = posix.join(s.backupDir, `.${name}.partial-${randomBytes(4).toString('hex')}`);
  const meta = backupRecordMeta(s.app, source, time, s.verify, reason);
  const parts = scriptParts(source, s, tmp);
  const script = atomicBackupScript({
    dir: s.backupDir,
    name,
    tmp,
    meta: JSON.stringify(meta),
    produce: parts.produce,
    ...(s.verify ? { verify: parts.verify } : {}),
  });
  const stdin =
    source.kind === 'postgres' && 'postgres' in source ? postgresStdin(source.postgres) : undefined;
  const outcome = { source, verified: false };
  try {
    const r = await conn.exec(script, { log: false, ...(stdin ? { stdin } : {}) });
    const done = r.code === 0 ? parseDone(r.stdout) : undefined;
    const durationMs = performance.now() - started;
    if (!done) {
      const why =
        reasonOf(r.stderr) ?? `the backup script ended with exit ${r.signal ?? r.code}${tailOf(r.stderr)}`;
      return { ...outcome, durationMs, error: why };
    }
    return {
      ...outcome,
      name,
      path: posix.join(s.backupDir, name),
      bytes: done.bytes,
      sha256: done.sha256,
      verified: s.verify,
      durationMs,
    };
  } catch (e) {
    return { ...outcome, durationMs: performance.now() - started, error: errText(e) };
  }
}

function scriptParts(
  source: BackupSource,
  s: BackupSettings,
  tmp: string,
): { produce: string; verify: string } {
  switch (source.kind) {
    case 'sqlite':
      return sqliteBackup(source.path, tmp, s.verify);
    case 'postgres':
      return 'service' in source
        ? composePostgresBackup(s.appDir, source.service)
        : postgresUrlBackup(source.postgres);
    case 'volume':
      return volumeBackup(source.volume, s.helperImage);
    case 'files':
      return filesBackup(source.appDir, source.paths);
  }
}

/** The script's own reason (`vps-deploy: …`) with the tool output before it, short enough for a table cell. */
export function reasonOf(stderr: string): string | undefined {
  const lines = stderr.trimEnd().split('\n');
  const i = lines.findLastIndex((l) => l.startsWith('vps-deploy: ') && !l.startsWith('vps-deploy: warning'));
  if (i < 0) return undefined;
  const context = lines
    .slice(Math.max(0, i - 3), i)
    .map((l) => l.trim())
    .filter(Boolean);
  return [lines[i]!.slice('vps-deploy: '.length), ...context].join(' | ');
}
