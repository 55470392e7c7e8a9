import type { ActionIO } from '../../io/action-io.js';
import { RemoteError } from '../../io/errors.js';
import { maskSecretInputs, SECRET_INPUT_NAMES } from '../../io/secrets.js';
import { flowContext } from '../../strategies/index.js';
import { healthPlan } from '../../flow/inputs.js';
import { setOutputs, stepStatus, summaryMarkdown } from '../../flow/report.js';
import { eachHost } from '../../flow/hosts.js';
import { rollbackRelease } from '../../flow/rollback-flow.js';
import { withSignal } from '../../flow/cancel.js';
import { appLocation, sshTargets } from '../../ssh/target.js';
import { readRollbackInputs } from './inputs.js';
import { blueGreenPlan, switchPlan } from '../../strategies/switch-plan.js';

/** actions/rollback: inputs -> each host in turn (to `previous` or a tag still there, gated) -> outputs. */
export async function runRollback(io: ActionIO, signal?: AbortSignal): Promise<void> {
  const started = performance.now();
  maskSecretInputs(io);
  const i = readRollbackInputs((n) => io.input(n));
  const targets = sshTargets(i);
  const location = appLocation(i, io.run.repository);
  // The strategy is read from state.json on the server: each strategy checks what it needs of the switch.
  const sw = switchPlan(i, location.appDir, io.run.workspace);
  const plan = {
    location,
    health: healthPlan(i),
    lockTimeoutSeconds: i['lock-timeout'],
    stack: i.stack,
    compose: {
      envFile: '',
      tagVariable: i['tag-variable'],
      services: i.services,
      migrateCommand: '',
      ...(sw ? { blueGreen: true } : {}),
    },
    release: {
      workspace: io.run.workspace,
      source: '',
      sharedFiles: ['.env'],
      sharedDirs: [],
      envFile: '',
      installCommand: '',
      migrateCommand: '',
      restartCommand: i['restart-command'],
      logsCommand: i['logs-command'],
      ...(sw
        ? { blueGreen: { ports: sw.ports, startCommand: sw.startCommand, stopCommand: sw.stopCommand } }
        : {}),
    },
  };
  const secrets = SECRET_INPUT_NAMES.map((n) => io.input(n)).filter(Boolean);
  const { reports, fault } = await eachHost(targets, io, 'rolled-back', (conn) =>
    rollbackRelease(withSignal(flowContext(conn, io, plan, secrets), signal), i.to, sw && blueGreenPlan(sw)),
  );
  const status = stepStatus(reports, 'rolled-back');
  setOutputs(io, status, reports, started, { previous: 'from-tag' });
  await io.summary(summaryMarkdown(`Rollback to ${i.to}`, status, reports, secrets));
  if (fault) throw fault;
  if (status !== 'rolled-back') {
    throw new RemoteError(
      `rollback failed: ${reports.find((r) => r.result?.status !== 'rolled-back')?.result?.failure ?? ''}`,
    );
  }
}
