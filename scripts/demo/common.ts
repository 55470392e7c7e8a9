/**
 * What the demo's parts share: printing (a banner per seed, each step's job summary as a terminal renders it),
 * `vps-deploy status`, and the cleanups run at the end, also on failure or Ctrl-C.
 */
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { renderSummary } from '../../src/cli/render-summary.js';
import { ROOT } from '../../test/harness/run-action.js';
import type { ActionRun } from '../../test/harness/run-action.js';

export const cleanups: (() => void | Promise<void>)[] = [];

const bold = (s: string) => (process.stdout.isTTY ? `\x1b[1m${s}\x1b[0m` : s);

export function say(line: string): void {
  process.stdout.write(`${line}\n`);
}

export function banner(title: string): void {
  say(`\n${bold(`━━ ${title} ${'━'.repeat(Math.max(0, 76 - title.length))}`)}`);
}

/** One step's result: its job summary, or its error lines when it wrote none. */
export function show(step: string, r: ActionRun): void {
  const status = r.outputs.status ?? (r.code === 0 ? 'ok' : 'failed');
  say(`\n${bold(`▶ ${step}`)}  →  exit ${r.code}, status ${status}`);
  if (r.summary.trim()) say(renderSummary(r.summary).replace(/^/gm, '  '));
  else
    say(
      r.stdout
        .split('\n')
        .filter((l) => l.startsWith('::error'))
        .join('\n'),
    );
}

/** `vps-deploy status` of an app, as an operator runs it from a terminal. */
export function status(
  conn: { host: string; port: number; username: string; fingerprint: string; key: string },
  app: string,
  appDir: string,
): void {
  const r = spawnSync(
    process.execPath,
    [
      join(ROOT, 'dist', 'cli', 'index.js'),
      'status',
      '--host',
      conn.host,
      '--port',
      String(conn.port),
      '--username',
      conn.username,
      '--app',
      app,
      '--app-dir',
      appDir,
      '--host-fingerprint',
      conn.fingerprint,
      '--entries',
      '6',
    ],
    { encoding: 'utf8', env: { ...process.env, VPS_DEPLOY_KEY: conn.key } },
  );
  say(`\n${bold('▶ npx vps-deploy status')}  →  exit ${r.status}`);
  say(r.stdout.replace(/^/gm, '  '));
  if (r.status !== 0) say(r.stderr);
}
