import { resolve } from 'node:path';
import { ConfigurationError } from '../../io/errors.js';
import { appLocation, sshTargets } from '../../ssh/target.js';
import { parseBackupFileName } from '../../backup/naming.js';
import type { BackupPlan } from '../../backup/plan.js';
import { sourcesOf } from '../../backup/source.js';
import type { BackupSettings } from '../../backup/take-backup.js';
import { CONFIRM_WORD } from './inputs.js';
import type { BackupInputs } from './inputs.js';

/** Everything a backup, list or restore needs, checked before connecting: a ConfigurationError otherwise. */
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
