import type { ActionIO } from '../../io/action-io.js';
import { RemoteError } from '../../io/errors.js';
import { maskSecretInputs } from '../../io/secrets.js';
import { withConnection } from '../../ssh/connection.js';
import { readBackupInputs } from './inputs.js';
import { urlPasswords } from '../../backup/postgres-url.js';
import { splitLines } from '../../io/inputs.js';
import { backUpHost } from '../../backup/back-up-host.js';
import type { HostBackup } from '../../backup/back-up-host.js';
import { listBackups } from '../../backup/inventory.js';
import type { BackupRecord } from '../../backup/inventory.js';
import { restoreBackup } from '../../backup/restore.js';
import { reportBackups, reportList, reportRestore } from './report.js';
import { planOf } from './plan.js';
import { underBackupLock } from './app-lock.js';
import type { BackupPlan } from '../../backup/plan.js';

/** actions/backup: inputs -> plan (everything checked before connecting) -> back up / list / restore -> outputs. */
export async function runBackup(io: ActionIO): Promise<void> {
  maskSecretInputs(io);
  maskPostgresPasswords(io, io.input('postgres'));
  const inputs = readBackupInputs((n) => io.input(n));
  const plan = planOf(inputs, io.run.repository, io.run.workspace);
  if (plan.mode === 'list') return list(plan, io);
  const lockTimeoutSeconds = inputs['lock-timeout'];
  if (plan.mode === 'restore') return restore(plan, io, lockTimeoutSeconds);
  const done: HostBackup[] = [];
  for (const target of plan.targets) {
    done.push(
      await io.group(`Back up on ${target.host}`, () =>
        withConnection(target, io, (c) =>
          underBackupLock(
            c,
            io,
            plan.settings.appDir,
            { action: 'backup', tag: '', lockTimeoutSeconds },
            (shell) => backUpHost(shell, plan, io),
          ),
        ),
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

async function restore(plan: BackupPlan, io: ActionIO, lockTimeoutSeconds: number): Promise<void> {
  const [target] = plan.targets;
  const req = { ...plan.restore!, settings: plan.settings, sources: plan.sources };
  const outcome = await io.group(`Restore ${req.from} on ${target!.host}`, () =>
    withConnection(target!, io, (c) =>
      underBackupLock(
        c,
        io,
        plan.settings.appDir,
        { action: 'restore', tag: req.from, lockTimeoutSeconds },
        (shell) => restoreBackup(shell, req, io),
      ),
    ),
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
