// Shared measuring tools for `npm run bench`: wall time of whole processes, peak RSS, medians.
import { execFileSync, spawn } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
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
    const child = spawn(file, args, {
      stdio: opts.stdio ?? 'ignore',
      env: opts.env ?? process.env,
      cwd: opts.cwd,
    });
    child.on('error', reject);
    child.on('close', (code) => resolve({ ms: Number(process.hrtime.bigint() - t0) / 1e6, code }));
  });
}

/** Peak RSS (MiB) of a node script, read from inside it at exit (process.resourceUsage().maxRSS). */
export async function peakRssMiB(script, env, args = []) {
  const out = join(mkdtempSync(join(tmpdir(), 'rss-')), 'rss');
  const r = await timed(process.execPath, ['--import', RSS_REPORTER, script, ...args], {
    env: { ...env, VPS_BENCH_RSS_FILE: out },
  });
  return { mib: Number(readFileSync(out, 'utf8')) / 1024, code: r.code };
}

/** The GitHub runner's environment for a bundled action: INPUT_* plus output files in a temp dir. */
export function actionEnv(inputs, extra = {}) {
  const dir = mkdtempSync(join(tmpdir(), 'bench-action-'));
  const env = {
    PATH: process.env.PATH,
    HOME: process.env.HOME,
    GITHUB_OUTPUT: join(dir, 'out'),
    GITHUB_STEP_SUMMARY: join(dir, 'sum'),
    ...extra,
  };
  // The runner creates both files before the step; @actions/core appends to them and refuses a missing summary.
  writeFileSync(env.GITHUB_OUTPUT, '');
  writeFileSync(env.GITHUB_STEP_SUMMARY, '');
  for (const [k, v] of Object.entries(inputs)) env[`INPUT_${k.toUpperCase()}`] = String(v);
  return env;
}

/**
 * Bundles one ESM entry with ncc exactly as scripts/bundle.mjs bundles an action (minified, no source-map
 * register, `{"type":"module"}` beside it), so a baseline bundle pays the same loading costs as the actions.
 * Returns the path of its index.js.
 */
export function nccBundle(entry, outDir) {
  rmSync(outDir, { recursive: true, force: true });
  const ncc = join(ROOT, 'node_modules', '.bin', 'ncc');
  execFileSync(
    ncc,
    ['build', entry, '-o', outDir, '--minify', '--no-source-map-register', '-q', '--license', 'licenses.txt'],
    {
      cwd: ROOT,
      stdio: ['ignore', 'inherit', 'inherit'],
    },
  );
  if (existsSync(join(outDir, 'index.mjs'))) renameSync(join(outDir, 'index.mjs'), join(outDir, 'index.js'));
  writeFileSync(join(outDir, 'package.json'), '{ "type": "module" }\n');
  return join(outDir, 'index.js');
}

/**
 * The floor any toolkit action has: reads one input and sets one output with @actions/core, bundled like the
 * actions. Built in the bench run, under .tmp/ (ncc resolves @actions/core from this repository's node_modules).
 */
export function buildMinimalAction() {
  const dir = join(ROOT, '.tmp', 'bench-minimal-action');
  mkdirSync(join(dir, 'src'), { recursive: true });
  const entry = join(dir, 'src', 'index.mjs');
  writeFileSync(
    entry,
    "import * as core from '@actions/core';\ncore.setOutput('url', core.getInput('url'));\n",
  );
  return nccBundle(entry, join(dir, 'dist'));
}
