import { connectionLost } from '../ssh/remote-shell.js';
import { randomBytes } from 'node:crypto';
import type { ActionIO } from '../io/action-io.js';
import { ConfigurationError, RemoteError } from '../io/errors.js';
import type { GateOptions, GateResult } from '../health/gate.js';
import { gateUrl } from '../health/run-gate.js';
import { sh, userCommand } from '../ssh/quote.js';
import type { RemoteShell } from '../ssh/remote-shell.js';
import { tailOf } from '../io/errors.js';
import type { BackupRecord } from './inventory.js';
import { listBackups } from './inventory.js';
import { restorePrelude } from './remote-script.js';
import { restoreTargetOf } from './restore-target.js';
import type { BackupSource } from './source.js';
import { reasonOf, takeBackup } from './take-backup.js';
import type { BackupOutcome, BackupSettings } from './take-backup.js';
import { sqliteRestore } from './sources/sqlite.js';
import { composePostgresRestore, postgresStdin, postgresUrlRestore } from './sources/postgres.js';
import { volumeRestore } from './sources/volume.js';
import { filesPresent, filesRestore } from './sources/files.js';
import { runTimeAfter } from './run-time.js';

export interface RestoreRequest {
  from: string;
  sources: BackupSource[];
  settings: BackupSettings;
  stopCommand: string;
  startCommand: string;
  health?: { url: string; options: GateOptions };
}

export interface RestoreOutcome {
  restored: BackupRecord;
  target: BackupSource;
  safety?: BackupOutcome;
  health?: GateResult;
}

/**
 * Restores one backup: checks its sha256, stops the app, keeps a safety backup of what it replaces, restores,
 * starts the app (also when the restore failed: the app should not stay down), then gates on health.
 */
export async function restoreBackup(
  conn: RemoteShell,
  req: RestoreRequest,
  io: ActionIO,
): Promise<RestoreOutcome> {
  const s = req.settings;
  const records = await listBackups(conn, s.backupDir, s.app);
  const record = records.find((r) => r.name === req.from);
  if (!record) {
    const names = records.slice(0, 10).map((r) => `  ${r.name}`);
    throw new ConfigurationError(
      `input "restore-from": ${req.from} is not in ${s.backupDir}` +
        (names.length ? `; the newest backups there:\n${names.join('\n')}` : ' (no backups there)'),
    );
  }
  const target = restoreTargetOf(record, req.sources, s.appDir);
  io.info(`Restoring ${record.name} into ${target.kind} ${target.target}`);
  await conn.run(
    sh`cd ${s.backupDir} && [ -f ${`${record.name}.sha256`} ] && sha256sum -c ${`${record.name}.sha256`}`,
    `checking ${record.name} against its sha256`,
  );

  if (req.stopCommand) await conn.run(userCommand(req.stopCommand, { cwd: s.appDir }), 'stop-command');
  const outcome: RestoreOutcome = { restored: record, target };
  let failure: Error | undefined;
  try {
    const replaced = await safetySourceOf(conn, target);
    if (replaced) {
      const safety = await takeBackup(
        conn,
        replaced,
        s,
        runTimeAfter(records, new Date()),
        `before restoring ${record.name}`,
      );
      outcome.safety = safety;
      if (safety.error)
        throw new RemoteError(
          `the safety backup of ${replaced.target} failed, nothing was restored: ${safety.error}`,
        );
      io.info(`Safety backup of what is replaced: ${safety.path}`);
    } else {
      io.info(`${target.target} does not exist yet: no safety backup needed`);
    }
    const script = [restorePrelude(record.path), restoreScript(target, s)].join('\n');
    const stdin = 'postgres' in target ? postgresStdin(target.postgres) : undefined;
    const r = await conn.exec(script, stdin ? { stdin } : {});
    if (r.code !== 0) {
      throw new RemoteError(
        `restore of ${record.name} failed: ${reasonOf(r.stderr) ?? `exit ${r.code}${tailOf(r.stderr)}`}`,
      );
    }
  } catch (e) {
    failure = e instanceof Error ? e : new Error(String(e));
  }
  if (req.startCommand) {
    const r = await conn.exec(userCommand(req.startCommand, { cwd: s.appDir }));
    if (r.code !== 0) {
      const msg = `start-command failed (exit ${r.code})${tailOf(r.stderr || r.stdout)}`;
      throw new RemoteError(failure ? `${failure.message}; then ${msg}` : msg, 'start');
    }
  }
  if (failure) throw failure;
  if (req.health) {
    outcome.health = await gateUrl(
      { url: req.health.url, dialer: (h, p) => conn.tunnel(h, p) },
      req.health.options,
      io,
      async () => (conn.isOpen ? undefined : connectionLost(conn)),
    );
  }
  return outcome;
}

function restoreScript(target: BackupSource, s: BackupSettings): string {
  switch (target.kind) {
    case 'sqlite':
      return sqliteRestore(target.path, randomBytes(4).toString('hex'));
    case 'postgres':
      return 'service' in target
        ? composePostgresRestore(s.appDir, target.service)
        : postgresUrlRestore(target.postgres);
    case 'volume':
      return volumeRestore(target.volume, s.helperImage);
    case 'files':
      return filesRestore(target.appDir);
  }
}

/**
 * What to keep a safety backup of before the restore overwrites it, or undefined when nothing is there yet (a
 * database is assumed to exist: pg_dump will say). For files, every listed path that exists: one missing path
 * must not leave the others unprotected.
 */
async function safetySourceOf(conn: RemoteShell, target: BackupSource): Promise<BackupSource | undefined> {
  const found = async (check: string) => (await conn.exec(check, { log: false })).code === 0;
  switch (target.kind) {
    case 'sqlite':
      return (await found(sh`[ -f ${target.path} ]`)) ? target : undefined;
    case 'volume':
      return (await found(sh`docker volume inspect ${target.volume} >/dev/null 2>&1`)) ? target : undefined;
    case 'files': {
      const r = await conn.exec(filesPresent(target.appDir, target.paths), { log: false });
      if (r.code !== 0)
        throw new RemoteError(`cannot tell which of ${target.target} exist${tailOf(r.stderr)}`);
      const paths = r.stdout.split('\0').filter((p) => target.paths.includes(p));
      return paths.length ? { ...target, paths, target: paths.join(', ') } : undefined;
    }
    case 'postgres':
      return target;
  }
}
