#!/usr/bin/env node
// Runs the steps of .github/workflows/e2e.yml on this machine, as root, the way the runner would: `run:` steps
// with bash, `uses: ./...` steps as `node <main>` with INPUT_* variables (declared defaults included), step
// outputs and outcomes, continue-on-error, if: always(). Other `uses:` (actions/checkout) are skipped.
//   sudo node .github/e2e/run-local.mjs [workflow]      E2E_USER / E2E_SSH_PORT pass through to target.sh
// A tool for checking the workflow before it reaches GitHub, not a GitHub Actions emulator: it evaluates only
// `${{ steps.<id>.outputs.<name> }}`, `steps.<id>.outcome`, `env.<name>`, `runner.temp`, `github.workspace`.
import { execFileSync, spawnSync } from 'node:child_process';
import { chmodSync, existsSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { parse } from 'yaml';

const repo = resolve(new URL('../..', import.meta.url).pathname);
const workflowFile = process.argv[2] ?? join(repo, '.github/workflows/e2e.yml');
const workflow = parse(readFileSync(workflowFile, 'utf8'));
const [jobName, job] = Object.entries(workflow.jobs)[0];
const temp = mkdtempSync(join(tmpdir(), 'e2e-local-'));
const runnerTemp = join(temp, 'runner-temp');
const shims = join(temp, 'bin');
mkdirSync(runnerTemp);
mkdirSync(shims);
// Root already: `sudo [--preserve-env=..] [VAR=value ...] cmd` becomes `cmd` with the variables set.
writeFileSync(
  join(shims, 'sudo'),
  '#!/bin/sh\nwhile [ $# -gt 0 ]; do case "$1" in --preserve-env=*|-E) shift;; *=*) export "$1"; shift;; *) break;; esac; done\nexec "$@"\n',
);
chmodSync(join(shims, 'sudo'), 0o755);

const steps = {};
const ctx = { runner: { temp: runnerTemp }, github: { workspace: repo }, env: {} };
const lookup = (path) => {
  const parts = path.split('.');
  if (parts[0] === 'steps') {
    const s = steps[parts[1]];
    if (!s) return '';
    return parts[2] === 'outputs' ? (s.outputs[parts.slice(3).join('.')] ?? '') : (s[parts[2]] ?? '');
  }
  let v = ctx;
  for (const p of parts) v = v?.[p];
  return v ?? '';
};
const evaluate = (text) =>
  String(text).replace(/\$\{\{\s*([A-Za-z0-9_.-]+)\s*\}\}/g, (_, path) => String(lookup(path)));
for (const [k, v] of Object.entries(job.env ?? {})) ctx.env[k] = evaluate(v);

function readOutputs(file) {
  const out = {};
  const lines = existsSync(file) ? readFileSync(file, 'utf8').split('\n') : [];
  for (let i = 0; i < lines.length; i++) {
    const heredoc = /^([^=<]+)<<(.+)$/.exec(lines[i]);
    if (heredoc) {
      const end = lines.indexOf(heredoc[2], i + 1);
      out[heredoc[1]] = lines.slice(i + 1, end).join('\n');
      i = end;
    } else if (lines[i].includes('=')) {
      const at = lines[i].indexOf('=');
      out[lines[i].slice(0, at)] = lines[i].slice(at + 1);
    }
  }
  return out;
}

let failed = false;
const results = [];
for (const [index, step] of (job.steps ?? []).entries()) {
  const id = step.id ?? `step${index}`;
  const title = step.name ?? step.uses ?? step.run?.split('\n')[0];
  const always = /always\(\)/.test(step.if ?? '');
  if (failed && !always) {
    results.push(`skip  ${title}`);
    continue;
  }
  if (step.uses && !step.uses.startsWith('./')) {
    results.push(`n/a   ${title} (not a local action)`);
    continue;
  }
  const files = Object.fromEntries(
    ['output', 'summary', 'state', 'env', 'path'].map((f) => [f, join(temp, `${id}.${f}`)]),
  );
  for (const f of Object.values(files)) writeFileSync(f, '');
  const env = {
    ...process.env,
    ...ctx.env,
    ...Object.fromEntries(Object.entries(step.env ?? {}).map(([k, v]) => [k, evaluate(v)])),
    PATH: `${shims}:${process.env.PATH}`,
    GITHUB_OUTPUT: files.output,
    GITHUB_STEP_SUMMARY: files.summary,
    GITHUB_STATE: files.state,
    GITHUB_ENV: files.env,
    GITHUB_PATH: files.path,
    GITHUB_WORKSPACE: repo,
    GITHUB_REPOSITORY: 'org/vps-deploy',
    GITHUB_REF: 'refs/heads/main',
    GITHUB_REF_NAME: 'main',
    GITHUB_SHA:
      execFileSync('git', ['-C', repo, 'rev-parse', 'HEAD'], { encoding: 'utf8' }).trim() || '0'.repeat(40),
    GITHUB_RUN_ID: '1',
    GITHUB_SERVER_URL: 'https://github.com',
    GITHUB_API_URL: 'http://127.0.0.1:9', // nothing listens: the e2e workflow creates no GitHub Deployment
    GITHUB_ACTOR: 'e2e',
    RUNNER_TEMP: runnerTemp,
  };
  let r;
  console.log(`\n::: ${jobName} / ${title}`);
  if (step.run) {
    const script = join(temp, `${id}.sh`);
    writeFileSync(script, evaluate(step.run));
    r = spawnSync('bash', ['--noprofile', '--norc', '-eo', 'pipefail', script], {
      cwd: repo,
      env,
      stdio: 'inherit',
    });
  } else {
    const dir = join(repo, step.uses);
    const action = parse(readFileSync(join(dir, 'action.yml'), 'utf8'));
    for (const [name, spec] of Object.entries(action.inputs ?? {})) {
      if (spec?.default !== undefined) env[`INPUT_${name.toUpperCase()}`] = evaluate(spec.default);
    }
    for (const [name, value] of Object.entries(step.with ?? {}))
      env[`INPUT_${name.toUpperCase()}`] = evaluate(value);
    r = spawnSync(process.execPath, [join(dir, action.runs.main)], { cwd: repo, env, stdio: 'inherit' });
  }
  const ok = r.status === 0;
  steps[id] = { outputs: readOutputs(files.output), outcome: ok ? 'success' : 'failure' };
  if (!ok && !step['continue-on-error']) failed = true;
  results.push(`${ok ? 'ok   ' : step['continue-on-error'] ? 'FAIL (continue-on-error)' : 'FAIL '} ${title}`);
}
console.log(`\n${results.join('\n')}\n\n${failed ? 'e2e: FAILED' : 'e2e: passed'} (work files in ${temp})`);
process.exit(failed ? 1 : 0);
