import type { ActionIO } from '../common/io.js';
import { integer, readInputs } from '../common/inputs.js';
import { maskSecretInputs } from '../common/secrets.js';
import { table } from '../common/summary.js';
import { sh } from '../ssh/quote.js';
import { appLocation, remoteInputSpec, sshTargets } from '../ssh/target.js';

export const statusInputSpec = { ...remoteInputSpec, entries: integer(10, 1, 1000) };

/** `vps-deploy status`: what each host runs now (state.json) and the last ledger entries. */
export async function runStatus(io: ActionIO): Promise<void> {
  maskSecretInputs(io);
  const inputs = readInputs(statusInputSpec, (n) => io.input(n));
  const { app, appDir } = appLocation(inputs, io.run.repository);
  const { withConnection } = await import('../ssh/connection.js');
  const hosts: Record<string, unknown> = {};
  for (const target of sshTargets(inputs)) {
    const found = await withConnection(target, io, async (conn) => {
      const dir = `${appDir}/.vps-deploy`;
      const r = await conn.exec(
        sh`cat ${`${dir}/state.json`} 2>/dev/null || echo '{}'; echo; tail -n ${inputs.entries} ${`${dir}/releases.jsonl`} 2>/dev/null || true`,
        { log: false },
      );
      const [stateLine = '{}', ...ledgerLines] = r.stdout.split('\n').filter((l) => l.trim());
      return {
        state: parseJson(stateLine) ?? {},
        ledger: ledgerLines.map(parseJson).filter(Boolean) as Record<string, unknown>[],
      };
    });
    hosts[target.host] = found;
    const s = found.state as Record<string, unknown>;
    io.setOutput('current', String(s.current ?? ''));
    io.setOutput('previous', String(s.previous ?? ''));
    io.setOutput('strategy', String(s.strategy ?? ''));
    await io.summary(
      [
        `### ${app} on ${target.host} (${appDir})`,
        '',
        table(
          ['current', 'previous', 'strategy'],
          [[String(s.current ?? '—'), String(s.previous ?? '—'), String(s.strategy ?? '—')]],
        ),
        '',
        found.ledger.length
          ? table(
              ['time', 'kind', 'tag', 'previous', 'outcome', 'actor'],
              found.ledger.map((e) =>
                [e.time, e.kind ?? e.action ?? 'deploy', e.tag, e.previous ?? '', e.outcome, e.actor].map(
                  (v) => String(v ?? ''),
                ),
              ),
            )
          : '_no deploys recorded yet_',
        '',
      ].join('\n'),
    );
  }
  io.setOutput('hosts', JSON.stringify(hosts));
}

function parseJson(line: string): Record<string, unknown> | undefined {
  try {
    const v: unknown = JSON.parse(line);
    return v && typeof v === 'object' ? (v as Record<string, unknown>) : undefined;
  } catch {
    return undefined;
  }
}
