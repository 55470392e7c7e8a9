import { appendFileSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { ReleaseLedger, attemptsOf, ledgerRecord } from '../../../src/flow/ledger.js';
import type { AttemptFacts } from '../../../src/flow/ledger.js';
import { LocalShell } from '../../fakes/local-shell.js';
import { RecordingLog } from '../../fakes/recording-log.js';

/**
 * A ledger whose last line was torn (a full disk, a killed writer: a partial line without its newline). The next
 * append must start on a line of its own, or the new record is glued to the torn one and lost to every reader.
 * Run under the local /bin/sh with the command text the ledger sends to the server.
 */
const dirs: string[] = [];
afterAll(() => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })));

const facts: AttemptFacts = {
  id: 'a2',
  action: 'deploy',
  host: 'deploy@srv:22',
  tag: 'v2',
  previous: 'v1',
  actor: 'octocat',
  runUrl: 'https://github.com/acme/shop/actions/runs/2',
  strategy: 'release',
};

describe('a torn last ledger line', () => {
  it('does not swallow the next record, and readers skip it with a warning', async () => {
    const appDir = mkdtempSync(join(tmpdir(), 'ledger-torn-'));
    dirs.push(appDir);
    const log = new RecordingLog();
    const ledger = new ReleaseLedger(new LocalShell(), appDir, log);
    await ledger.append(ledgerRecord({ ...facts, id: 'a1', tag: 'v1' }, { outcome: 'deployed' }));
    const file = join(appDir, '.vps-deploy', 'releases.jsonl');
    appendFileSync(file, '{"id":"a9","tag":"v9","outc'); // the writer died here

    await ledger.append(ledgerRecord(facts, { outcome: 'started' }));
    await ledger.append(ledgerRecord(facts, { outcome: 'deployed' }));

    const text = readFileSync(file, 'utf8');
    expect(text.split('\n')).toContain('{"id":"a9","tag":"v9","outc');
    const records = await ledger.read();
    expect(records.map((r) => [r.tag, r.outcome])).toEqual([
      ['v1', 'deployed'],
      ['v2', 'deployed'],
    ]);
    expect(log.warnings.join('\n')).toMatch(/releases\.jsonl.*1 line.*not.*JSON/);
  });

  it('a ledger that ends with its newline gets no blank line', async () => {
    const appDir = mkdtempSync(join(tmpdir(), 'ledger-whole-'));
    dirs.push(appDir);
    const ledger = new ReleaseLedger(new LocalShell(), appDir);
    await ledger.append(ledgerRecord(facts, { outcome: 'started' }));
    await ledger.append(ledgerRecord(facts, { outcome: 'deployed' }));
    const text = readFileSync(join(appDir, '.vps-deploy', 'releases.jsonl'), 'utf8');
    expect(text.split('\n')).toHaveLength(3);
    expect(text.endsWith('}\n')).toBe(true);
  });

  it('attemptsOf reports the lines it skipped', () => {
    const skipped: string[] = [];
    const records = attemptsOf('{"id":"a","tag":"v1","outcome":"started"}\n{"id":"b","ta\n', (l) =>
      skipped.push(l),
    );
    expect(records.map((r) => r.id)).toEqual(['a']);
    expect(skipped).toEqual(['{"id":"b","ta']);
  });
});
