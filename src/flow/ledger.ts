import type { Log, RemoteShell } from '../ssh/remote-shell.js';
import { raw, sh } from '../ssh/quote.js';
import { redactSecrets } from '../io/secrets.js';
import { stateDir } from './state.js';
import { ledgerLine } from './lock-script.js';
import type { DeployLock } from './lock.js';
import type { StrategyName } from './strategy.js';

/**
 * `<app-dir>/.vps-deploy/releases.jsonl`, the append-only ledger. Every attempt appends a `started` line when
 * it begins and a final line with the same `id` when it ends, so an attempt cut short (runner killed, connection
 * lost) stays visible as `started` only. `attemptsOf` folds the lines into one record per attempt.
 */
export type LedgerAction = 'deploy' | 'rollback';
/**
 * deploy: deployed | rolled-back | failed | aborted (stopped before anything changed); rollback: rolled-back |
 * failed; either: cancelled (stopped by a cancel, nothing changed or rolled back to what ran) | interrupted (a
 * cancel that could not bring back what ran within its grace: state.json says so too).
 */
export type LedgerOutcome =
  'started' | 'deployed' | 'rolled-back' | 'failed' | 'aborted' | 'cancelled' | 'interrupted';

export interface HealthFacts {
  passed: boolean;
  verdict: string;
  code?: number;
  latencyMs?: number;
}

export interface LedgerRecord {
  id: string;
  time: string;
  action: LedgerAction;
  host: string;
  tag: string;
  previous: string | null;
  actor: string;
  runUrl: string;
  strategy: StrategyName;
  outcome: LedgerOutcome;
  /** The phase it stopped in, when it did not end as it should. */
  phase?: string;
  error?: string;
  health?: HealthFacts;
  /** The automatic (deploy) or safety (rollback) return to the release that ran before. */
  restore?: { tag: string } & HealthFacts;
  /** Milliseconds per phase. */
  durations?: Record<string, number>;
  /** switch: blue-green: the loopback port the release ran on. */
  port?: number;
}

export interface AttemptFacts {
  id: string;
  action: LedgerAction;
  host: string;
  tag: string;
  previous: string | null;
  strategy: StrategyName;
  actor: string;
  runUrl: string;
}

const MAX_ERROR = 2000;

/** Shapes one ledger line. Secrets are replaced wherever they appear (an error tail may echo anything). */
export function ledgerRecord(
  attempt: AttemptFacts,
  end: Partial<Pick<LedgerRecord, 'phase' | 'error' | 'health' | 'restore' | 'durations' | 'port'>> & {
    outcome: LedgerOutcome;
  },
  secrets: string[] = [],
  now: Date = new Date(),
): LedgerRecord {
  const record: LedgerRecord = { ...attempt, time: now.toISOString(), ...end };
  if (record.error) record.error = redact(record.error, secrets).slice(0, MAX_ERROR);
  if (record.durations) {
    record.durations = Object.fromEntries(
      Object.entries(record.durations).map(([k, v]) => [k, Math.round(v)]),
    );
  }
  return record;
}

/**
 * Replaces every secret with *** (each line of a multi-line one, each KEY=value's value too), and withholds a
 * line that holds a secret too short to mask: the one rule of src/io/secrets.ts, as the log follows it.
 */
export function redact(text: string, secrets: string[]): string {
  return redactSecrets(text, secrets);
}

/** One record per attempt (its last line wins), oldest first. Malformed lines are skipped, each told to `skipped`. */
export function attemptsOf(lines: string, skipped: (line: string) => void = () => {}): LedgerRecord[] {
  const byId = new Map<string, LedgerRecord>();
  for (const line of lines.split('\n')) {
    if (!line.trim()) continue;
    try {
      const r = JSON.parse(line) as LedgerRecord;
      if (r && typeof r.id === 'string' && typeof r.tag === 'string') {
        byId.set(r.id, { ...byId.get(r.id), ...r });
      } else skipped(line);
    } catch {
      // a torn line (disk full, a killed writer) must not hide the rest
      skipped(line);
    }
  }
  return [...byId.values()];
}

/** Whether an attempt left `tag` running after a passed gate. */
export function landed(r: LedgerRecord): boolean {
  return (
    (r.action === 'deploy' && r.outcome === 'deployed') ||
    (r.action === 'rollback' && r.outcome === 'rolled-back')
  );
}

/** Tags that were tried and never passed a gate: they do not count toward keep-releases. */
export function failedTags(records: LedgerRecord[]): string[] {
  const good = new Set(records.filter(landed).map((r) => r.tag));
  const tried = records.filter((r) => r.action === 'deploy' && r.outcome !== 'started').map((r) => r.tag);
  return [...new Set(tried)].filter((t) => !good.has(t));
}

/** The ledger of one app on one server. */
export class ReleaseLedger {
  constructor(
    private readonly conn: RemoteShell,
    private readonly appDir: string,
    /** Told about lines that are not records (a torn write), which readers skip. */
    private readonly log?: Log,
    /** The lock's holder, which appends a line without an exec of its own (lock-script.ts, ledgerLine). */
    private readonly holder?: Pick<DeployLock, 'write'>,
  ) {}

  private get file(): string {
    return `${stateDir(this.appDir)}/releases.jsonl`;
  }

  /**
   * Appends one line; the record travels on stdin, never on the command line. A last line torn by an earlier
   * write (no newline at its end) is ended first, so it cannot swallow this record.
   */
  async append(record: LedgerRecord): Promise<void> {
    if (this.holder) return this.holder.write(ledgerLine(JSON.stringify(record)), 'writing the ledger');
    const f = this.file;
    const endTorn = sh`if [ -s ${f} ] && [ -n "$(tail -c 1 ${f})" ]; then echo >> ${f}; fi`;
    await this.conn.run(
      sh`mkdir -p ${stateDir(this.appDir)} && ${raw(endTorn)} && cat >> ${f}`,
      'writing the ledger',
      {
        stdin: JSON.stringify(record) + '\n',
        log: false,
      },
    );
  }

  async read(lastLines = 2000): Promise<LedgerRecord[]> {
    const r = await this.conn.exec(sh`tail -n ${lastLines} ${this.file} 2>/dev/null || true`, { log: false });
    let torn = 0;
    const records = attemptsOf(r.stdout, () => torn++);
    if (torn)
      this.log?.warning(
        `${this.file}: ${torn} line(s) skipped, not a JSON record (a write cut short by a full disk or a killed run)`,
      );
    return records;
  }
}
