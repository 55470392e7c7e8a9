// Shared measuring tools for `npm run bench`: wall time of whole processes, peak RSS, medians.
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export const ROOT = new URL('../..', import.meta.url).pathname;
const RSS_REPORTER = join(ROOT, 'scripts', 'bench', 'rss-reporter.mjs');

export function median(xs) {
  const s = [...xs].sort((a, b) => a - b);
  const m = Math.floor(s.length / 2);
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
}

/** Runs a command to completion; resolves with wall milliseconds and the exit code. */
export function timed(file, args, opts = {}) {
  return new Promise((resolve, reject) => {
    const t0 = process.hrtime.bigint();
    const child = spawn(file, args, { stdio: opts.stdio ?? 'ignore', env: opts.env ?? process.env, cwd: opts.cwd });
    child.on('error', reject);
    child.on('close', (code) => resolve({ ms: Number(process.hrtime.bigint() - t0) / 1e6, code }));
  });
}

/** Peak RSS (MiB) of a node script, read from inside it at exit (process.resourceUsage().maxRSS). */
export async function peakRssMiB(script, env, args = []) {
  const out = join(mkdtempSync(join(tmpdir(), 'rss-')), 'rss');
  const r = await timed(process.execPath, ['--import', RSS_REPORTER, script, ...args], { env: { ...env, VPS_BENCH_RSS_FILE: out } });
  return { mib: Number(readFileSync(out, 'utf8')) / 1024, code: r.code };
}

/** The GitHub runner's environment for a bundled action: INPUT_* plus output files in a temp dir. */
export function actionEnv(inputs, extra = {}) {
  const dir = mkdtempSync(join(tmpdir(), 'bench-action-'));
  const env = { PATH: process.env.PATH, HOME: process.env.HOME, GITHUB_OUTPUT: join(dir, 'out'), GITHUB_STEP_SUMMARY: join(dir, 'sum'), ...extra };
  writeFileSync(env.GITHUB_OUTPUT, '');
  for (const [k, v] of Object.entries(inputs)) env[`INPUT_${k.toUpperCase()}`] = String(v);
  return env;
}
