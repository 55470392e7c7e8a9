import type { ActionIO } from '../io/action-io.js';
import { describeFailure } from '../io/errors.js';
import type { FlowResult, FlowStatus } from './attempt.js';
import { withConnection } from '../ssh/connection.js';
import type { RemoteShell } from '../ssh/remote-shell.js';
import type { SshTarget } from '../ssh/target.js';
import type { HostReport } from './report.js';
import { appLogsOf } from './app-logs.js';

/**
 * Several hosts are deployed (or rolled back) one after another, stopping at the first that does not end as
 * `ok`. A fault stops the run too; it is returned with the reports so outputs and summary are written first.
 */
export async function eachHost(
  targets: SshTarget[],
  io: ActionIO,
  ok: FlowStatus,
  work: (conn: RemoteShell) => Promise<FlowResult>,
): Promise<{ reports: HostReport[]; fault?: unknown }> {
  const reports: HostReport[] = [];
  for (const target of targets) {
    const host = targets.length > 1 ? `${target.host}:${target.port}` : target.host;
    try {
      const result = await withConnection(target, io, work);
      reports.push({ host, result });
      if (result.status !== ok) break;
    } catch (e) {
      reports.push({ host, error: describeFailure(e), ...appLogsOf(e) });
      return { reports, fault: e };
    }
  }
  return { reports };
}
