import type { ActionIO } from '../../io/action-io.js';
import { table } from '../../io/summary.js';
import type { HostBackup } from '../../backup/back-up-host.js';
import type { BackupRecord } from '../../backup/inventory.js';
import type { RestoreOutcome } from '../../backup/restore.js';
import type { BackupOutcome } from '../../backup/take-backup.js';

/** One entry of the `backups` output. */
export interface BackupEntry {
  source: string;
  kind: string;
  target: string;
  host: string;
  path: string;
  bytes: number;
  sha256: string;
  verified: boolean;
  duration_ms?: number;
  created?: string;
  downloaded?: string;
}

export function entryOf(host: string, o: BackupOutcome): BackupEntry {
  return {
    source: o.source.slug,
    kind: o.source.kind,
    target: o.source.target,
    host,
    path: o.path!,
    bytes: o.bytes!,
    sha256: o.sha256!,
    verified: o.verified,
    duration_ms: Math.round(o.durationMs),
    ...(o.downloaded ? { downloaded: o.downloaded } : {}),
  };
}

export async function reportBackups(io: ActionIO, hosts: HostBackup[]): Promise<void> {
  const made = hosts.flatMap((h) => h.outcomes.filter((o) => o.path).map((o) => entryOf(h.host, o)));
  const failed = hosts.flatMap((h) =>
    h.outcomes.filter((o) => o.error).map((o) => ({ source: o.source.slug, host: h.host, error: o.error! })),
  );
  const pruned = hosts.flatMap((h) => h.pruned);
  io.setOutput('backups', JSON.stringify(made));
  io.setOutput('failed', JSON.stringify(failed));
  io.setOutput('pruned', JSON.stringify(pruned));
  io.setOutput(
    'bytes',
    made.reduce((n, b) => n + b.bytes, 0),
  );
  const rows = hosts.flatMap((h) =>
    h.outcomes.map((o) => [
      o.error ? '❌' : '✅',
      o.source.slug,
      o.source.target,
      o.path ?? '—',
      o.bytes !== undefined ? size(o.bytes) : '—',
      o.sha256 ? `\`${o.sha256.slice(0, 16)}…\`` : '—',
      o.error ? `failed: ${o.error}` : o.verified ? 'yes' : 'no (verify: false)',
      `${(o.durationMs / 1000).toFixed(1)} s`,
      o.downloaded ?? '—',
    ]),
  );
  const lines = [
    `### ${failed.length ? '❌' : '✅'} Backups${hosts.length > 1 ? ` on ${hosts.map((h) => h.host).join(', ')}` : ''}`,
    '',
    table(['', 'source', 'of', 'file', 'size', 'sha256', 'verified', 'duration', 'downloaded'], rows),
    '',
    pruned.length
      ? `<details><summary>Pruned ${pruned.length} old backup(s)</summary>\n\n${pruned.map((p) => `- \`${p}\``).join('\n')}\n\n</details>`
      : 'Nothing pruned.',
    '',
  ];
  await io.summary(lines.join('\n'));
}

export async function reportList(
  io: ActionIO,
  hosts: { host: string; records: BackupRecord[] }[],
  dir: string,
): Promise<void> {
  const entries = hosts.flatMap((h) =>
    h.records.map((r) => ({
      source: r.source,
      kind: r.kind,
      target: r.target,
      host: h.host,
      path: r.path,
      bytes: r.bytes,
      sha256: r.sha256,
      verified: r.verified,
      created: r.created,
    })),
  );
  io.setOutput('backups', JSON.stringify(entries));
  io.setOutput('pruned', '[]');
  io.setOutput(
    'bytes',
    entries.reduce((n, b) => n + b.bytes, 0),
  );
  for (const e of entries) io.info(`${e.host}: ${e.path} ${e.bytes} bytes${e.verified ? ' verified' : ''}`);
  const rows = entries.map((e) => [
    e.source,
    e.created,
    e.path.slice(e.path.lastIndexOf('/') + 1),
    size(e.bytes),
    e.verified ? 'yes' : 'no',
  ]);
  await io.summary(
    [
      `### Backups in ${dir} (${entries.length})`,
      '',
      table(['source', 'created (UTC)', 'file', 'size', 'verified'], rows),
      '',
    ].join('\n'),
  );
}

export async function reportRestore(io: ActionIO, host: string, o: RestoreOutcome): Promise<void> {
  io.setOutput('restored', o.restored.path);
  io.setOutput('safety-backup', o.safety?.path ?? '');
  io.setOutput('health', o.health?.last.verdict ?? '');
  const made = o.safety?.path ? [entryOf(host, o.safety)] : [];
  io.setOutput('backups', JSON.stringify(made));
  io.setOutput('pruned', '[]');
  io.setOutput(
    'bytes',
    made.reduce((n, b) => n + b.bytes, 0),
  );
  const passed = !o.health || o.health.passed;
  const rows = [
    ['restored', o.restored.path],
    ['into', `${o.target.kind} ${o.target.target}`],
    ['safety backup of what was replaced', o.safety?.path ?? '— (nothing there before)'],
    [
      'health',
      o.health
        ? `${o.health.last.verdict}${o.health.last.code ? ` (HTTP ${o.health.last.code})` : ''}`
        : '— (no health-url)',
    ],
  ];
  await io.summary(
    [`### ${passed ? '✅' : '❌'} Restore on ${host}`, '', table(['', ''], rows), ''].join('\n'),
  );
}

function size(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  const units = ['KiB', 'MiB', 'GiB', 'TiB'];
  let v = bytes / 1024;
  let u = 0;
  while (v >= 1024 && u < units.length - 1) {
    v /= 1024;
    u++;
  }
  return `${v.toFixed(1)} ${units[u]}`;
}
