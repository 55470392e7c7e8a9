import type { ActionIO } from '../io/action-io.js';
import { integer, readInputs } from '../io/inputs.js';
import { configInputSpec, environmentInputSpec } from '../io/configured-io.js';
import { maskSecretInputs } from '../io/secrets.js';
import { table } from '../io/summary.js';
import { ReleaseLedger } from '../flow/ledger.js';
import type { LedgerRecord } from '../flow/ledger.js';
import { readState } from '../flow/state.js';
import { interruptedText } from '../flow/cancel.js';
import { appLocation, remoteInputSpec, sshTargets } from '../ssh/target.js';

export const statusInputSpec = {
  ...remoteInputSpec,
  entries: integer(10, 1, 1000),
  ...configInputSpec,
  ...environmentInputSpec,
};

/** `vps-deploy status`: what each host runs now (state.json) and its last attempts from the ledger. */
export async function runStatus(io: ActionIO): Promise<void> {
  maskSecretInputs(io);
  const inputs = readInputs(statusInputSpec, (n) => io.input(n));
  const { app, appDir } = appLocation(inputs, io.run.repository);
  const { withConnection } = await import('../ssh/connection.js');
  const hosts: Record<string, unknown> = {};
  for (const target of sshTargets(inputs)) {
    const { state, attempts } = await withConnection(target, io, async (conn) => ({
      state: await readState(conn, appDir, 'compose'),
      attempts: (await new ReleaseLedger(conn, appDir).read()).slice(-inputs.entries),
    }));
    hosts[target.host] = { ...state, attempts };
    io.setOutput('current', state.current ?? '');
    io.setOutput('previous', state.previous ?? '');
    io.setOutput('strategy', state.strategy);
    await io.summary(
      [
        `### ${app} on ${target.host} (${appDir})`,
        '',
        table(
          ['current', 'previous', 'strategy'],
          [[state.current ?? '—', state.previous ?? '—', state.strategy]],
        ),
        '',
        ...(state.interrupted ? [`**interrupted**: ${interruptedText(state)}`, ''] : []),
        attempts.length
          ? table(['time', 'action', 'tag', 'from', 'outcome', 'health', 'actor'], attempts.map(row))
          : '_no deploys recorded yet_',
        '',
      ].join('\n'),
    );
  }
  io.setOutput('hosts', JSON.stringify(hosts));
}

function row(a: LedgerRecord): string[] {
  const health = a.health ? `${a.health.verdict}${a.health.code ? ` (${a.health.code})` : ''}` : '';
  const outcome = a.outcome === 'started' ? 'unfinished (runner killed or connection lost)' : a.outcome;
  return [
    a.time.replace('T', ' ').replace(/\.\d+Z$/, 'Z'),
    a.action,
    a.tag,
    a.previous ?? '',
    outcome,
    health,
    a.actor,
  ];
}
