#!/usr/bin/env node
// Benchmark of switch: blue-green against switch: restart (scripts/bench/<area>.mjs: `run()` returns rows for
// `npm run bench`). Release directories behind a real Caddy, the app run by a private supervisord (one program per
// port, as systemd runs init's template unit), a steady 200 requests/s through the proxy (test/harness/load.ts,
// counted as a browser counts: a reset of a reused keep-alive connection retried once, reported apart).
//
// 1. Failed requests during a deploy v1 -> v2: blue-green (target 0) vs restart (reported).
// 2. Failed requests during a failed release (answers 503 on /health): blue-green (target 0) vs restart.
// 3. Time from the step's start to the new version answering through the proxy (a poll every 20 ms):
//    blue-green vs restart, target <= 1.5x.
// 4. p99 latency through the proxy from the step's start to its end vs the 2 s before it: blue-green, <= 2x.
// Medians of BENCH_RUNS (default 3) interleaved runs, both sides on the same OpenSSH server and Caddy.
import { spawnSync } from 'node:child_process';
import { chownSync, existsSync, mkdirSync, rmSync, symlinkSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { performance } from 'node:perf_hooks';
import { median } from './common.mjs';

/* global AbortSignal */

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const RUNS = Number(process.env.BENCH_RUNS ?? 3);
const RPS = 200;
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
/** The end of an action's log for an error message (never its ::add-mask:: lines). */
const tail = (text) =>
  text
    .split('\n')
    .filter((l) => !l.startsWith('::add-mask::'))
    .slice(-15)
    .join('\n');

/**
 * The harness (TypeScript), compiled once into build/ (inside the repo, so node_modules resolves). tsc emits even
 * when some other file of the tree does not typecheck; what the bench needs must be there.
 */
function compile() {
  const out = join(ROOT, 'build', 'bench-blue-green');
  rmSync(out, { recursive: true, force: true });
  spawnSync(join(ROOT, 'node_modules', '.bin', 'tsc'), ['-p', join(ROOT, 'tsconfig.json'), '--outDir', out], {
    stdio: 'inherit',
  });
  for (const f of [
    'test/harness/proxy.js',
    'test/harness/load.js',
    'test/integration/actions/blue-green-release-app.js',
  ])
    if (!existsSync(join(out, f))) throw new Error(`tsc did not emit ${f}`);
  return out;
}

/** The first moment (ms after t0) the proxy answers `want`, polled every 20 ms until `done()`. */
function firstServing(url, want, t0, done) {
  return (async () => {
    while (!done()) {
      try {
        const res = await fetch(url, { signal: AbortSignal.timeout(2000) });
        if ((await res.text()).trim() === want) return performance.now() - t0;
      } catch {
        /* down during a restart: keep polling */
      }
      await sleep(20);
    }
    return undefined;
  })();
}

export async function run() {
  const build = compile();
  const load = (p) => import(join(build, p));
  const { startSshd } = await load('test/harness/sshd.js');
  const { serverBaseDir, testUserIds } = await load('test/harness/parts.js');
  const { freePort } = await load('test/harness/ports.js');
  const { startCaddy } = await load('test/harness/proxy.js');
  const { startLoad } = await load('test/harness/load.js');
  const { runAction, sshInputs } = await load('test/harness/run-action.js');
  const { createSlotAppRepo, startSlotSupervisor } = await load(
    'test/integration/actions/blue-green-release-app.js',
  );
  // The compiled harness sits under build/: point it at this tree's bundles.
  process.env.VPS_DEPLOY_TEST_DIST ??= join(ROOT, 'dist');
  const dist = {};

  const ssh = await startSshd();
  const repo = createSlotAppRepo([
    ['v1', 'ok'],
    ['v2', 'ok'],
    ['bad', '503'],
  ]);
  const base = serverBaseDir('bench-bg-');
  const { uid, gid } = testUserIds();
  // Blue-green: two slot ports. Restart: one port whose slot link is `current` (a plain unit running current).
  const bg = { appDir: join(base, 'bg'), ports: [await freePort(), await freePort()] };
  const rs = { appDir: join(base, 'rs'), port: await freePort() };
  for (const d of [bg.appDir, rs.appDir, join(rs.appDir, 'slots')]) {
    mkdirSync(d, { recursive: true });
    chownSync(d, uid, gid);
  }
  symlinkSync('../current', join(rs.appDir, 'slots', String(rs.port)));
  const bgSup = await startSlotSupervisor(bg.appDir, bg.ports);
  const rsSup = await startSlotSupervisor(rs.appDir, [rs.port]);
  const bgProxy = await startCaddy({
    upstreamFile: join(bg.appDir, 'proxy', 'upstream.caddy'),
    port: bg.ports[1],
  });
  const rsProxy = await startCaddy({
    upstreamFile: join(rs.appDir, 'proxy', 'upstream.caddy'),
    port: rs.port,
  });
  const common = {
    ...sshInputs(ssh),
    app: 'shop',
    strategy: 'release',
    'health-interval': '100ms',
    'health-successes': 1,
    'health-timeout': '3s',
    'env-file': 'GREETING=hello\n',
  };
  const inputs = {
    bg: {
      ...common,
      'app-dir': bg.appDir,
      switch: 'blue-green',
      ports: bg.ports.join(','),
      proxy: 'caddy',
      'proxy-reload-command': bgProxy.reloadCommand,
      'start-command': bgSup.startCommand,
      'stop-command': bgSup.stopCommand,
      'drain-timeout': '1s',
      'health-url': 'http://127.0.0.1:8000/health',
    },
    rs: {
      ...common,
      'app-dir': rs.appDir,
      // What a systemd user writes: `sudo systemctl restart app`; here the supervisord program of the one port.
      'restart-command': `export APP_PORT=${rs.port}; ${rsSup.stopCommand}; ${rsSup.startCommand}`,
      'health-url': `http://127.0.0.1:${rs.port}/health`,
    },
  };
  const proxies = { bg: bgProxy, rs: rsProxy };

  /** One deploy of `tag` under load: failed requests, time to `tag` serving through the proxy, p99s. */
  async function measured(side, tag, serving) {
    const proxy = proxies[side];
    const run = startLoad({ url: proxy.url, rps: RPS, maxSeconds: 120 });
    run.phase('steady');
    await sleep(2000);
    run.phase('deploy');
    const t0 = performance.now();
    let finished = false;
    const servingAt = serving ? firstServing(proxy.url, tag, t0, () => finished) : Promise.resolve(undefined);
    const r = await runAction('deploy', { ...inputs[side], tag }, { cwd: repo, env: dist });
    finished = true;
    const total = performance.now() - t0;
    run.phase('after');
    await sleep(500);
    const report = await run.stop();
    return {
      code: r.code,
      out: r.stdout + r.stderr,
      status: r.outputs.status,
      report,
      total,
      servingAt: await servingAt,
    };
  }

  const rows = [];
  const ok = {
    deploy: { bg: [], rs: [] },
    time: { bg: [], rs: [] },
    fail: { bg: [], rs: [] },
    p99: [],
    steady: [],
    retried: [],
  };
  try {
    for (const side of ['bg', 'rs']) {
      const warm = await runAction('deploy', { ...inputs[side], tag: 'v1' }, { cwd: repo, env: dist });
      if (warm.code !== 0)
        throw new Error(`warm-up deploy (${side}) failed:\n${tail(warm.stdout + warm.stderr)}`);
    }
    let tag = 'v1';
    for (let i = 0; i < RUNS; i++) {
      tag = tag === 'v1' ? 'v2' : 'v1';
      for (const side of ['bg', 'rs']) {
        const m = await measured(side, tag, true);
        if (m.code !== 0) throw new Error(`deploy of ${tag} (${side}) failed:\n${tail(m.out)}`);
        ok.deploy[side].push(m.report.failed);
        ok.time[side].push(m.servingAt ?? NaN);
        if (side === 'bg') {
          ok.p99.push(m.report.phases.deploy?.p99Ms ?? NaN);
          ok.steady.push(m.report.phases.steady?.p99Ms ?? NaN);
          ok.retried.push(m.report.retriedReused);
        }
      }
      for (const side of ['bg', 'rs']) {
        const m = await measured(side, 'bad', false);
        if (m.status !== 'rolled-back')
          throw new Error(`the bad release (${side}) did not roll back:\n${tail(m.out)}`);
        ok.fail[side].push(m.report.failed);
      }
    }
    const sum = (xs) => xs.reduce((a, b) => a + b, 0);
    rows.push({
      name: 'failed requests during a deploy at 200 req/s: blue-green',
      value: `${sum(ok.deploy.bg)} in ${RUNS} deploys`,
      baseline: 'switch: restart (restart-command)',
      baseline_ms: undefined,
      target: '0',
      pass: sum(ok.deploy.bg) === 0,
      notes: `restart: ${ok.deploy.rs.join(', ')} failed per deploy; blue-green retries of a reset reused connection: ${ok.retried.join(', ')}`,
    });
    rows.push({
      name: 'failed requests during a failed release (503): blue-green',
      value: `${sum(ok.fail.bg)} in ${RUNS} deploys`,
      baseline: 'switch: restart (gate fails, rollback restarts again)',
      target: '0',
      pass: sum(ok.fail.bg) === 0,
      notes: `restart: ${ok.fail.rs.join(', ')} failed per failed deploy`,
    });
    const tb = median(ok.time.bg);
    const tr = median(ok.time.rs);
    rows.push({
      name: 'start -> new version serving through the proxy: blue-green',
      median_ms: tb,
      baseline: 'switch: restart',
      baseline_ms: tr,
      ratio: tb / tr,
      target: '<= 1.5x',
      pass: tb / tr <= 1.5,
      notes: `${RUNS} runs each, poll 20 ms through Caddy; health-interval 100ms, 1 passing probe`,
    });
    const p = median(ok.p99);
    const s = median(ok.steady);
    rows.push({
      name: 'p99 through the proxy during a blue-green deploy',
      median_ms: p,
      baseline: 'p99 in the 2 s before it (steady state)',
      baseline_ms: s,
      ratio: p / s,
      target: '<= 2x',
      pass: p / s <= 2,
      notes: `200 req/s; per run deploy/steady p99: ${ok.p99.map((x, i) => `${x}/${ok.steady[i]}`).join(', ')} ms`,
    });
  } finally {
    await bgProxy.stop();
    await rsProxy.stop();
    await bgSup.stop();
    await rsSup.stop();
    await ssh.stop();
    rmSync(base, { recursive: true, force: true });
    rmSync(repo, { recursive: true, force: true });
  }
  return rows;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  console.table(await run());
}
