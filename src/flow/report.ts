import type { ActionIO } from '../io/action-io.js';
import { codeBlock, table } from '../io/summary.js';
import type { GateResult } from '../health/gate.js';
import { describeVerdict } from '../health/gate.js';
import { bodyExcerpt } from '../health/excerpt.js';
import { redact } from './ledger.js';
import type { FlowResult } from './attempt.js';

/** What happened on one host: a flow result, or the fault that stopped it (with its phase). */
export interface HostReport {
  host: string;
  result?: FlowResult;
  error?: string;
  /** The app's last log lines shown for a failure that stopped the run (a failed install or migrate). */
  logs?: string;
}

export type StepStatus = 'deployed' | 'rolled-back' | 'failed';

/** The status of the whole step: the first host that did not end as `ok` decides. */
export function stepStatus(reports: HostReport[], ok: StepStatus): StepStatus {
  for (const r of reports) {
    if (!r.result) return 'failed';
    if (r.result.status !== ok) return r.result.status;
  }
  return reports.length ? ok : 'failed';
}

export function verdictText(g: GateResult | undefined): string {
  if (!g) return '—';
  const code =
    g.last.code !== undefined
      ? ` (HTTP ${g.last.code}, ${g.last.latencyMs} ms)`
      : g.last.error
        ? ` (${g.last.error})`
        : '';
  return `${g.last.verdict}${code}`;
}

export function phasesText(phases: Record<string, number>): string {
  return Object.entries(phases)
    .map(([k, v]) => `${k} ${(v / 1000).toFixed(1)}s`)
    .join(', ');
}

/** The job summary: one row per host, then the health body excerpt of each gate. Secrets are redacted. */
export function summaryMarkdown(
  title: string,
  status: StepStatus,
  reports: HostReport[],
  secrets: string[],
): string {
  const icon =
    status === 'deployed' || (title.startsWith('Rollback') && status === 'rolled-back')
      ? '✅'
      : status === 'rolled-back'
        ? '↩️'
        : '❌';
  const rows = reports.map((r) => {
    const f = r.result;
    const rollback = f?.restore
      ? `to ${f.restore.tag}: ${f.restore.gate ? verdictText(f.restore.gate) : `failed (${f.restore.error ?? ''})`}`
      : '—';
    return [
      r.host,
      f?.attempted ?? '—',
      f?.before ?? '—',
      verdictText(f?.gate),
      rollback,
      f ? phasesText(f.phases) : '—',
      f ? f.status : `failed: ${r.error ?? ''}`,
    ];
  });
  const bodies = reports.flatMap((r) => {
    const g = r.result?.gate;
    const body = g ? bodyExcerpt(g.last.body, 2000) : '';
    return body
      ? [
          `<details><summary>${r.host}: last health body of ${r.result!.attempted}</summary>`,
          '',
          codeBlock(body),
          '',
          '</details>',
          '',
        ]
      : [];
  });
  const logs = reports.flatMap((r) => {
    const text = r.result?.logs ?? r.logs;
    const of = r.result?.attempted ? ` of ${r.result.attempted}` : '';
    return text
      ? [
          `<details><summary>${r.host}: app logs${of} (last lines)</summary>`,
          '',
          codeBlock(text),
          '',
          '</details>',
          '',
        ]
      : [];
  });
  const checks = reports.flatMap((r) => checksTable(r));
  const failures = reports.flatMap((r) =>
    (r.error ?? r.result?.failure) ? [`- ${r.host}: ${r.error ?? r.result?.failure}`] : [],
  );
  const traffic = reports.flatMap((r) =>
    r.result?.traffic ? [`- ${r.host}: ${trafficText(r.result)}`] : [],
  );
  const text = [
    `### ${icon} ${title}: ${status}`,
    '',
    table(['host', 'tag', 'previous', 'verdict', 'rollback', 'time per phase', 'outcome'], rows),
    '',
    ...(traffic.length ? [...traffic, ''] : []),
    ...(failures.length ? [...failures, ''] : []),
    ...checks,
    ...bodies,
    ...logs,
  ].join('\n');
  return redact(text, secrets);
}

/** switch: blue-green: which port serves after the run, and whether traffic moved to the attempted release. */
export function trafficText(f: FlowResult): string {
  const t = f.traffic;
  if (!t) return '';
  if (t.moved) return `traffic moved to port ${t.port}: ${f.attempted} serves`;
  const kept =
    t.serving !== null
      ? `${f.current ?? 'what served before'} kept serving on port ${t.serving}`
      : 'nothing of ours serves';
  return `traffic never moved: ${kept}; ${f.attempted} (port ${t.port}) was stopped`;
}

/** Each health check's last verdict, when a gate waited for several (health-url and health-command lines). */
function checksTable(r: HostReport): string[] {
  const gates = [
    [r.result?.attempted, r.result?.gate],
    [r.result?.restore?.tag, r.result?.restore?.gate],
  ] as const;
  return gates.flatMap(([tag, g]) =>
    g?.checks?.length
      ? [
          `${r.host}: health checks of ${tag ?? ''}`,
          '',
          table(
            ['check', 'last verdict'],
            g.checks.map((c) => [c.label, describeVerdict(c.last)]),
          ),
          '',
        ]
      : [],
  );
}

/** Sets the outputs (actions/deploy/README.md, actions/rollback/README.md) from the last host that ran. */
export function setOutputs(
  io: ActionIO,
  status: StepStatus,
  reports: HostReport[],
  startedMs: number,
  names: { previous: string },
): void {
  const last = [...reports].reverse().find((r) => r.result)?.result;
  io.setOutput('status', status);
  io.setOutput('tag', last?.current ?? '');
  io.setOutput(names.previous, last?.before ?? '');
  io.setOutput('health', last?.gate?.last.verdict ?? '');
  io.setOutput('duration-seconds', Math.round((performance.now() - startedMs) / 100) / 10);
}
