import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createNodeAppRepo } from '../../harness/node-app.js';
import type { NodeAppRepo } from '../../harness/node-app.js';
import { requireParts, serverBaseDir } from '../../harness/parts.js';
import { freePort } from '../../harness/ports.js';
import { runAction, sshInputs } from '../../harness/run-action.js';
import type { ActionRun } from '../../harness/run-action.js';
import { readAsRunner } from '../../harness/runner-commands.js';
import type { RunnerView } from '../../harness/runner-commands.js';
import { startSshd } from '../../harness/sshd.js';
import type { SshServer } from '../../harness/sshd.js';
import { startSupervisor } from '../../harness/supervisor.js';
import type { Supervisor } from '../../harness/supervisor.js';
import { WITHHELD_LINE } from '../../../src/io/secrets.js';

/**
 * What the runner does with what the server prints: `node dist/deploy/index.js` (release strategy, real OpenSSH
 * and supervisord) with a migrate-command that prints workflow commands and secrets, its stdout then read as
 * the runner reads it (test/harness/runner-commands.ts): which commands it honoured, which masks it knew, what
 * the log showed.
 */
let ssh: SshServer;
let sup: Supervisor;
let repo: NodeAppRepo;
let base: string;
let run: ActionRun;
let view: RunnerView;

const SPOOFS = [
  '::error title=x::spoofed',
  '::add-mask::foo',
  '::set-output name=status::ok',
  '::stop-commands::x',
  '::x::',
  '::warning::after the fake resume',
  'text ##[error]v1 syntax in the middle of a line',
];
const DB_URL = 'postgres://app:S3cret-db-9e1f@db/app';
const QUOTED = 'k3y-in-double-quotes-77a';
const SHORT_PASSWORD = 'Zq7';

beforeAll(async () => {
  requireParts('supervisord', 'flock');
  ssh = await startSshd();
  base = serverBaseDir('output-safety-');
  const appDir = join(base, 'app');
  repo = createNodeAppRepo([['v1', 'ok']]);
  const port = await freePort();
  sup = await startSupervisor(appDir);
  // The server prints: workflow commands, then the env-file's values alone (one written quoted), then a line
  // with the SSH password, which is too short for the runner to mask.
  const migrate = [
    ...SPOOFS.map((l) => `printf '%s\\n' '${l}'`),
    `echo 'connecting to ${DB_URL}'`,
    `echo 'api key ${QUOTED}' >&2`,
    `echo 'the password is ${SHORT_PASSWORD}, do not tell'`,
  ].join('; ');
  run = await runAction(
    'deploy',
    {
      ...sshInputs(ssh),
      // Key authentication succeeds first: the password is never sent, but it is a secret input all the same.
      password: SHORT_PASSWORD,
      app: 'shop',
      'app-dir': appDir,
      strategy: 'release',
      tag: 'v1',
      'restart-command': sup.restartCommand,
      'migrate-command': migrate,
      'env-file': `PORT=${port}\nDATABASE_URL=${DB_URL}\nAPI_KEY="${QUOTED}"\n`,
      'health-url': `http://127.0.0.1:${port}/health`,
      'health-interval': '200ms',
      'health-timeout': '6s',
    },
    { cwd: repo.dir },
  );
  view = readAsRunner(run.stdout);
});

afterAll(async () => {
  await sup?.stop();
  await ssh?.stop();
  if (base) rmSync(base, { recursive: true, force: true });
  if (repo) rmSync(repo.dir, { recursive: true, force: true });
});

describe('server output on the runner', () => {
  it('deploys, and workflow commands printed by the server are shown inside a fence, never honoured', () => {
    expect(run.code, run.stdout + run.stderr).toBe(0);
    expect(run.outputs.status).toBe('deployed');
    for (const spoof of SPOOFS) expect(view.shown).toContain(spoof);
    // What the runner honoured is ours alone: masks of the secret inputs, groups, no annotation at all.
    expect(view.commands.filter((c) => !['add-mask', 'group', 'endgroup', 'debug'].includes(c.name))).toEqual(
      [],
    );
    expect(view.masks).not.toContain('foo');
    // Each fence has its own random token, which no server line contains.
    expect(view.fences.length).toBeGreaterThan(0);
    for (const token of view.fences) {
      expect(token).toMatch(/^[0-9a-f]{32}$/);
      expect(view.shown.filter((l) => l.includes(token))).toEqual([]);
    }
  });
});

describe('secrets in env-file and short secrets', () => {
  it('masks each env-file value shown alone (quoted or not) and withholds a line with the short password', () => {
    const log = view.shown.join('\n');
    expect(log).toContain('connecting to ***');
    for (const text of [DB_URL, QUOTED, SHORT_PASSWORD]) {
      expect(log).not.toContain(text);
      expect(run.summary).not.toContain(text);
      expect(JSON.stringify(run.outputs)).not.toContain(text);
      expect(JSON.stringify(view.commands.filter((c) => c.name !== 'add-mask'))).not.toContain(text);
    }
    expect(view.shown).toContain(WITHHELD_LINE);
    // The quoted value reached the log through stderr, masked as stdout is.
    expect(log).toContain('api key ***');
  });
});
