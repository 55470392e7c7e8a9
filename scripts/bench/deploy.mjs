#!/usr/bin/env node
// Benchmark of the compose deploy (scripts/bench/<area>.mjs: `run()` returns rows for `npm run bench`).
//
// 1. Deploy: time from start to the new version healthy. Ours: `node dist/deploy/index.js` as the runner runs it
//    (cold start, connect, lock, state, ledger, upload of compose file and .env, pull, up -d, gate through the SSH
//    tunnel; the moment is the log line of the first passing probe), against the seeds' hand-run script:
//    `ssh host 'cd app && IMAGE_TAG=x docker-compose pull && IMAGE_TAG=x docker-compose up -d'` then a curl loop
//    until the new version answers. Same poll interval (100 ms) and one passing probe on both sides.
// 2. Rollback: from the gate's failure verdict to the previous version healthy (the ledger's `rollback` phase),
//    against a plain `ssh host 'cd app && IMAGE_TAG=prev docker-compose up -d'` plus its first healthy probe.
// Medians of BENCH_RUNS (default 5) interleaved runs; every baseline is measured in the same run, on the same
// real OpenSSH server, Docker engine, loopback registry and docker-compose.
import { execFileSync, spawn, spawnSync } from 'node:child_process';
import { readFileSync, rmSync, writeFileSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { performance } from 'node:perf_hooks';
import { median } from './common.mjs';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const RUNS = Number(process.env.BENCH_RUNS ?? 5);
const POLL_MS = 100;

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

/** The harness (TypeScript), compiled once into build/ (inside the repo, so node_modules resolves). */
function compile() {
  const out = join(ROOT, 'build', 'bench-deploy');
  rmSync(out, { recursive: true, force: true });
  execFileSync(join(ROOT, 'node_modules', '.bin', 'tsc'), ['-p', join(ROOT, 'tsconfig.json'), '--outDir', out], { stdio: 'inherit' });
  return out;
}

/** Runs dist/deploy as the runner does; resolves with the time the first passing probe was logged. */
function ours(inputs, cwd) {
  const env = { PATH: process.env.PATH, HOME: process.env.HOME, GITHUB_ACTIONS: 'true', GITHUB_REPOSITORY: 'acme/shop', GITHUB_RUN_ID: '1', GITHUB_ACTOR: 'bench', GITHUB_WORKSPACE: cwd, GITHUB_API_URL: 'http://127.0.0.1:9' };
  const dir = mkdtempSync(join(tmpdir(), 'bench-run-'));
  for (const f of ['GITHUB_OUTPUT', 'GITHUB_STEP_SUMMARY']) {
    env[f] = join(dir, f);
    writeFileSync(env[f], '');
  }
  for (const [k, v] of Object.entries(inputs)) env[`INPUT_${k.toUpperCase()}`] = String(v);
  const t0 = performance.now();
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [join(ROOT, 'dist', 'deploy', 'index.js')], { env, cwd, stdio: ['ignore', 'pipe', 'inherit'] });
    let out = '';
    let healthyAt;
    child.stdout.on('data', (d) => {
      out += d;
      if (healthyAt === undefined && /probe \d+: (ok|degraded) .*\[1\/1\]/.test(out)) healthyAt = performance.now() - t0;
    });
    child.on('close', (code) => {
      const total = performance.now() - t0;
      rmSync(dir, { recursive: true, force: true });
      resolve({ code, healthyAt, total, out });
    });
    child.on('error', reject);
  });
}

/** The seeds' way: one ssh command, then poll with curl until the new version answers. */
async function handRun(ssh, appDir, tag, pull, healthUrl) {
  const t0 = performance.now();
  const remote = `cd ${appDir} && ${pull ? `IMAGE_TAG=${tag} docker-compose pull -q && ` : ''}IMAGE_TAG=${tag} docker-compose up -d`;
  const r = spawnSync('ssh', [...ssh, remote], { encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`hand-run deploy failed: ${r.stderr}`);
  const upMs = performance.now() - t0;
  for (;;) {
    const c = spawnSync('curl', ['-s', '-m', '2', '-w', '\n%{http_code}', healthUrl], { encoding: 'utf8' });
    if (c.stdout.endsWith('\n200') && c.stdout.includes(`"version":"${tag}"`)) return { total: performance.now() - t0, upMs };
    if (performance.now() - t0 > 60_000) throw new Error('hand-run deploy never became healthy');
    await sleep(POLL_MS);
  }
}

export async function run() {
  const build = compile();
  const load = (p) => import(join(build, p));
  const { startSshd } = await load('test/harness/sshd.js');
  const { composeApp } = await load('test/harness/app-image.js');
  const { cmd } = await load('test/harness/parts.js');
  const sshd = await startSshd();
  const app = await composeApp('bench');
  const fixture = join(ROOT, 'test', 'fixtures', 'app');
  for (const [v, mode] of [['a', 'ok'], ['b', 'ok'], ['bad', 'unhealthy']]) {
    cmd('docker', ['build', '-q', '-t', `${app.repo}:${v}`, '--build-arg', `MODE=${mode}`, '--build-arg', `VERSION=${v}`, fixture]);
    cmd('docker', ['push', '-q', `${app.repo}:${v}`]);
  }
  const keyFile = join(sshd.dir, 'client_key');
  const ssh = ['-i', keyFile, '-p', String(sshd.port), '-o', 'StrictHostKeyChecking=no', '-o', 'UserKnownHostsFile=/dev/null', '-o', 'LogLevel=ERROR', `${sshd.user}@127.0.0.1`];
  const base = {
    host: '127.0.0.1',
    port: sshd.port,
    username: sshd.user,
    key: sshd.clientKey,
    'host-fingerprint': sshd.fingerprint,
    app: app.app,
    'app-dir': app.appDir,
    'compose-file': app.composeFile,
    'env-file': app.envFile(),
    'health-url': app.healthUrl,
    'health-interval': `${POLL_MS}ms`,
    'health-successes': 1,
    'health-timeout': '30s',
  };
  const rows = [];
  try {
    // Warm-up: the first deploy creates the network and caches the images on both paths.
    const warm = await ours({ ...base, tag: 'a' }, app.workspace);
    if (warm.code !== 0) throw new Error(`warm-up deploy failed:\n${warm.out}`);
    await handRun(ssh, app.appDir, 'b', true, app.healthUrl);

    const deployOurs = [];
    const deployTotal = [];
    const deployBase = [];
    for (let i = 0; i < RUNS; i++) {
      // Every run is a real change: the hand-run leaves `b` running, ours brings `a`, and back.
      const r = await ours({ ...base, tag: 'a' }, app.workspace);
      if (r.code !== 0 || r.healthyAt === undefined) throw new Error(`deploy of a failed:\n${r.out}`);
      deployOurs.push(r.healthyAt);
      deployTotal.push(r.total);
      deployBase.push((await handRun(ssh, app.appDir, 'b', true, app.healthUrl)).total);
    }
    const d = median(deployOurs);
    const db = median(deployBase);
    rows.push({
      name: 'compose deploy: start -> new version healthy',
      median_ms: d,
      baseline: "ssh 'cd app && IMAGE_TAG=x docker-compose pull && up -d' + curl loop",
      baseline_ms: db,
      ratio: d / db,
      target: '<= 1.15x',
      pass: d / db <= 1.15,
      notes: `${RUNS} runs, poll ${POLL_MS} ms, 1 passing probe both; ours also takes the lock, writes ledger + state, uploads compose file + .env; whole step incl. prune + summary: median ${median(deployTotal).toFixed(0)} ms`,
    });

    const rbOurs = [];
    const rbBase = [];
    for (let i = 0; i < RUNS; i++) {
      // Current is `a` or `b` (whatever the hand-run left): deploy `bad`, which answers 503 until the gate gives up.
      const current = JSON.parse(readFileSync(join(app.appDir, '.vps-deploy', 'state.json'), 'utf8')).current;
      const r = await ours({ ...base, tag: 'bad', 'health-timeout': '1s' }, app.workspace);
      if (!/rolled-back/.test(readFileSync(join(app.appDir, '.vps-deploy', 'releases.jsonl'), 'utf8').trim().split('\n').pop())) {
        throw new Error(`the bad deploy did not roll back:\n${r.out}`);
      }
      const last = JSON.parse(readFileSync(join(app.appDir, '.vps-deploy', 'releases.jsonl'), 'utf8').trim().split('\n').pop());
      rbOurs.push(last.durations.rollback);
      // Baseline: the bad version running, then a plain `up -d` of the previous one and its first healthy probe.
      spawnSync('ssh', [...ssh, `cd ${app.appDir} && IMAGE_TAG=bad docker-compose up -d`]);
      rbBase.push((await handRun(ssh, app.appDir, current, false, app.healthUrl)).total);
    }
    const rb = median(rbOurs);
    const rbb = median(rbBase);
    rows.push({
      name: 'compose rollback: failure verdict -> previous healthy',
      median_ms: rb,
      baseline: "ssh 'cd app && IMAGE_TAG=prev docker-compose up -d' + first healthy curl",
      baseline_ms: rbb,
      ratio: rb / rbb,
      target: '<= 1.2x',
      pass: rb / rbb <= 1.2,
      notes: `${RUNS} runs; ours: the ledger's rollback phase (up -d of the kept image + gate through the tunnel), poll ${POLL_MS} ms`,
    });
  } finally {
    app.down();
    await sshd.stop();
  }
  return rows;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  console.table(await run());
}
