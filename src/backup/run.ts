import { resolve } from 'node:path';
import type { ActionIO } from '../common/io.js';
import { ConfigurationError, RemoteError } from '../common/errors.js';
import { maskSecretInputs } from '../common/secrets.js';
import { appLocation, sshTargets } from '../ssh/target.js';
import type { SshTarget } from '../ssh/target.js';
import { withConnection } from '../ssh/connection.js';
import { CONFIRM_WORD, readBackupInputs } from './inputs.js';
import type { BackupInputs } from './inputs.js';
import { urlPasswords } from './postgres-url.js';
import { splitLines } from '../common/inputs.js';
import { parseBackupFileName } from './naming.js';
import { sourcesOf } from './source.js';
import type { BackupSource } from './source.js';
import type { RetentionPolicy } from './retention.js';
import type { BackupSettings } from './take-backup.js';
import { backUpHost } from './back-up-host.js';
import type { HostBackup } from './back-up-host.js';
import { listBackups } from './inventory.js';
import type { BackupRecord } from './inventory.js';
import { restoreBackup } from './restore.js';
import type { RestoreRequest } from './restore.js';
import { reportBackups, reportList, reportRestore } from './report.js';

export interface BackupPlan {
  mode: BackupInputs['mode'];
  targets: SshTarget[];
  settings: BackupSettings;
  sources: BackupSource[];
  policy: RetentionPolicy;
  download?: string;
  restore?: Omit<RestoreRequest, 'settings' | 'sources'>;
}

/** actions/backup: inputs -> plan (everything checked before connecting) -> back up / list / restore -> outputs. */
export async function runBackup(io: ActionIO): Promise<void> {
  maskSecretInputs(io);
  maskPostgresPasswords(io, io.input('postgres'));
  const inputs = readBackupInputs((n) => io.input(n));
  const plan = planOf(inputs, io.run.repository, io.run.workspace);
  if (plan.mode === 'list') return list(plan, io);
  if (plan.mode === 'restore') return restore(plan, io);
  const done: HostBackup[] = [];
  for (const target of plan.targets) {
    done.push(
      await io.group(`Back up on ${target.host}`, () =>
        withConnection(target, io, (c) => backUpHost(c, plan, io)),
      ),
    );
  }
  await reportBackups(io, done);
  const failed = done.flatMap((h) =>
    h.outcomes.filter((o) => o.error).map((o) => `${h.host}: ${o.source.slug}: ${o.error}`),
  );
  if (failed.length)
    throw new RemoteError(`${failed.length} backup(s) failed:\n  ${failed.join('\n  ')}`, 'backup');
}

async function list(plan: BackupPlan, io: ActionIO): Promise<void> {
  const found: { host: string; records: BackupRecord[] }[] = [];
  for (const target of plan.targets) {
    const records = await withConnection(target, io, (c) =>
      listBackups(c, plan.settings.backupDir, plan.settings.app),
    );
    found.push({ host: target.host, records });
  }
  await reportList(io, found, plan.settings.backupDir);
}

async function restore(plan: BackupPlan, io: ActionIO): Promise<void> {
  const [target] = plan.targets;
  const req = { ...plan.restore!, settings: plan.settings, sources: plan.sources };
  const outcome = await io.group(`Restore ${req.from} on ${target!.host}`, () =>
    withConnection(target!, io, (c) => restoreBackup(c, req, io)),
  );
  await reportRestore(io, target!.host, outcome);
  if (outcome.health && !outcome.health.passed) {
    throw new RemoteError(
      `restored ${req.from}, but the health gate failed: ${outcome.health.reason ?? outcome.health.last.verdict}; ` +
        `what was replaced is in ${outcome.safety?.path ?? '(no safety backup)'}`,
      'health',
    );
  }
}

export function planOf(i: BackupInputs, repository: string, workspace: string): BackupPlan {
  const { app, appDir } = appLocation(i, repository);
  const targets = sshTargets(i);
  const sources = sourcesOf(
    { sqlite: i.sqlite, postgres: i.postgres, volumes: i.volumes, files: i.files },
    appDir,
  );
  const settings: BackupSettings = {
    app,
    appDir,
    backupDir: (i['backup-dir'] || `${appDir}/backups`).replace(/(.)\/+$/, '$1'),
    helperImage: i['helper-image'],
    verify: i.verify,
  };
  const policy = {
    last: i['keep-last'],
    daily: i['keep-daily'],
    weekly: i['keep-weekly'],
    monthly: i['keep-monthly'],
  };
  const plan: BackupPlan = { mode: i.mode, targets, settings, sources, policy };
  if (i.download) plan.download = resolve(workspace, i.download);
  if (i.mode === 'backup' && !sources.length) {
    throw new ConfigurationError(
      'nothing to back up: give at least one of the inputs sqlite, postgres, volumes, files',
    );
  }
  if (i.mode === 'restore') {
    if (!i['restore-from'])
      throw new ConfigurationError('input "restore-from" is required with mode: restore (see mode: list)');
    if (i.confirm !== CONFIRM_WORD) {
      throw new ConfigurationError(
        `restore refused: it overwrites ${i['restore-from']}'s target; set input "confirm" to ${CONFIRM_WORD} ` +
          `(got ${i.confirm ? JSON.stringify(i.confirm) : 'nothing'})`,
      );
    }
    if (!parseBackupFileName(app, i['restore-from'])) {
      throw new ConfigurationError(
        `input "restore-from" got ${JSON.stringify(i['restore-from'])}: takes a backup file name of app ${app}, like ` +
          `${app}_sqlite-app_20250114T023000Z.sqlite.gz (see mode: list)`,
      );
    }
    if (targets.length > 1) throw new ConfigurationError('input "host" takes one host with mode: restore');
    plan.restore = {
      from: i['restore-from'],
      stopCommand: i['stop-command'],
      startCommand: i['start-command'],
      ...(i['health-url']
        ? {
            health: {
              url: i['health-url'],
              options: {
                timeoutSeconds: i['health-timeout'],
                intervalSeconds: i['health-interval'],
                successes: i['health-successes'],
                allowDegraded: i['allow-degraded'],
                requestTimeoutSeconds: Math.min(5, i['health-timeout']),
              },
            },
          }
        : {}),
    };
  }
  return plan;
}

/**
 * Postgres URLs' passwords (and each line holding one) are masked before anything is read or logged, even
 * when the input turns out to be invalid.
 */
function maskPostgresPasswords(io: ActionIO, raw: string): void {
  for (const line of splitLines(raw)) {
    const passwords = urlPasswords(line);
    for (const p of passwords) io.setSecret(p);
    if (passwords.length) io.setSecret(line);
  }
}
